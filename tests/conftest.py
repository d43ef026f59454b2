from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

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
CASES = TESTS / "cases"
BAD = TESTS / "bad"
