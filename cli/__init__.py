"""The itaplan command line: click over engine/, one module per command group; it parses, calls, prints.

common.py holds the group that maps errors to exit statuses, the shared options and output helpers;
results.py (score, draft, review, check, whatif), documents.py (render), followup.py (progress, report,
import), batch.py, rules.py (the auditor's rules commands), workspace.py (init) and serve.py (the web app) declare the
commands.
"""

from itaplan.cli import batch, documents, followup, results, rules, serve, workspace  # noqa: F401 - importing registers the commands
from itaplan.cli.common import main

__all__ = ["main"]
