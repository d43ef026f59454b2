from itaplan.cli import main

main()
