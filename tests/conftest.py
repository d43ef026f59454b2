from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# the tests read the English interface unless a test asks for Thai (the locale of the machine must not decide)
os.environ["ITAPLAN_LANG"] = "en"

TESTS = Path(__file__).resolve().parent
CASES = TESTS / "cases"
BAD = TESTS / "bad"
