from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# the tests read the English interface unless a test asks for Thai (the locale of the machine must not decide)
os.environ["ITAPLAN_LANG"] = "en"
# the parse cache of this run lives in a folder of its own, never in the user's ~/.cache/itaplan (the tests
# write texts into it, and a user's cache must not decide what a test sees); every subprocess inherits it
os.environ["ITAPLAN_CACHE"] = tempfile.mkdtemp(prefix="itaplan-tests-cache-")
atexit.register(shutil.rmtree, os.environ["ITAPLAN_CACHE"], True)

TESTS = Path(__file__).resolve().parent


@pytest.fixture(autouse=True)
def _english_interface(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts in English: `--lang th` sets ITAPLAN_LANG for the whole process (as the command line means
    it), and a test that ran it left every later test in Thai (seven failed, in an order the file-by-file runs
    never met)."""
    monkeypatch.setenv("ITAPLAN_LANG", "en")


CASES = TESTS / "cases"
BAD = TESTS / "bad"
