"""durable_rules is a C extension that does not import everywhere (Python 3.13; a web officer's trial once saw
`itaplan serve` refuse to start, naming durable_rules_engine): where its core cannot be imported, every command
and the web app still start, and the rules run on the pure evaluator."""

from __future__ import annotations

import subprocess
import sys

BLOCKED = """
import sys
sys.modules["durable_rules_engine"] = None  # an import of it raises ImportError, as where it cannot load
from itaplan.web import create_app
from itaplan.ruling.evaluate import durable_available, make_evaluator
from itaplan.app.session import Session
assert not durable_available()
session = Session(engine="auto")
plan = session.plan(session.scorecard("examples/example.yaml"))
print(len(plan["measures"]), type(make_evaluator(session.ruleset)).__name__)
"""


def test_without_the_durable_core_the_app_and_the_rules_still_run() -> None:
    from conftest import ROOT

    done = subprocess.run([sys.executable, "-c", BLOCKED], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    count, evaluator = done.stdout.split()
    assert int(count) > 0 and evaluator == "PureEvaluator"
