"""Take docs/web.png: `itaplan serve` over an empty workspace (the bundled example), in headless Chromium.

    PYTHONPATH=. python tools/web_screenshot.py [--out docs/web.png] [--height 1250]

Needs Debian's chromium and the test extras (playwright). Look at the picture before committing it.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(ROOT / "docs" / "web.png"))
    parser.add_argument("--height", type=int, default=1250)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as workspace:
        server = subprocess.Popen([sys.executable, "-m", "itaplan.cli", "--lang", "en", "serve", "--port", "0",
                                   "--workspace", workspace], cwd=ROOT, stdout=subprocess.PIPE, text=True,
                                  env={"PYTHONUNBUFFERED": "1", "PATH": "/usr/bin:/bin"})
        try:
            line = server.stdout.readline() if server.stdout else ""
            found = re.search(r"http://127\.0\.0\.1:\d+/", line)
            if not found:
                sys.exit(f"itaplan serve did not start: {line}")
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=args.chromium, headless=True, args=FLAGS)
                page = browser.new_page(viewport={"width": 1100, "height": args.height}, locale="th-TH")
                page.goto(found.group(0))
                page.wait_for_load_state("networkidle")
                page.screenshot(path=args.out)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=20)
    print(f"{args.out}: {Path(args.out).stat().st_size // 1024} kB")


if __name__ == "__main__":
    main()
