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


def shown_path(source: str) -> str:
    """A built-in rules or recommendations file as ``itaplan/rules/…`` however itaplan is installed (from
    site-packages a path ran to 70 characters, broke tables and cut messages short); any other file as it is."""
    path = Path(source).resolve()
    for name in ("rules", "recommendations"):
        try:
            return f"itaplan/{name}/{path.relative_to(builtin_dir(name).resolve())}"
        except ValueError:
            pass
    return source
