"""Print the messages the source prints that have no Thai yet (what tests/test_i18n.py checks), one per line."""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from itaplan.base.i18n import LOCALE_DIR, read_po

with (ROOT / "babel.cfg").open(encoding="utf-8") as handle:
    method_map, options_map = parse_mapping_cfg(handle, "babel.cfg")
extracted = {found[2] for found in extract_from_dir(str(ROOT), method_map, options_map)}
entries = read_po(LOCALE_DIR / "th" / "LC_MESSAGES" / "itaplan.po")
for msgid in sorted(m for m in extracted if not entries.get(m)):
    print(repr(msgid))
