"""Opening a workbook someone sent us: bounded, and with no XML trickery.

An .xlsx is a zip of XML: ``zippackage.check_package`` bounds what it unpacks to and refuses any DTD before
openpyxl sees it. Whatever openpyxl raises on a damaged file becomes one located error, exit 2.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from itaplan.base.errors import InputError, Problem
from itaplan.base.zippackage import check_package


def open_workbook(path: Path, *, read_only: bool = True, data_only: bool = True) -> Any:
    """openpyxl's workbook, after ``check_package``; any failure of openpyxl is a located InputError."""
    from openpyxl import load_workbook

    check_package(path)
    try:
        return load_workbook(path, read_only=read_only, data_only=data_only)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types on damaged files; all are bad input
        raise InputError(Problem(str(path), f"is not a readable .xlsx workbook ({exc.__class__.__name__})")) from None


def sheet_title(text: str) -> str:
    """A worksheet's name as Excel allows it: none of []:*?/\\ and at most 31 characters (a workspace's wording
    may hold any of them)."""
    cleaned = re.sub(r"[\[\]:*?/\\]", " ", text).strip() or "Sheet"
    return cleaned[:31]
