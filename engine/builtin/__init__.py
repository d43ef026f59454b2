"""Where the built-in rules, recommendations and examples live, installed or in a source checkout."""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent
_REPO = _HERE.parent.parent


def builtin_dir(name: str) -> Path:
    """``rules``, ``recommendations`` or ``examples``: the installed copy, else the checkout's folder."""
    installed = _HERE / name
    if installed.is_dir() and any(installed.glob("*.yaml")):
        return installed
    return _REPO / name
