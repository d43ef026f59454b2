"""Opening a workbook someone sent us: bounded, and with no XML trickery.

An .xlsx is a zip of XML: ``zippackage.check_package`` bounds what it unpacks to and refuses any DTD before
openpyxl sees it. Whatever openpyxl raises on a damaged file becomes one located error, exit 2. Each sheet's
extent (the dimension it declares, or its cells) is bounded before a row is read: openpyxl pads every row to the
sheet's width and fills the rows between, so one cell at XFD1048576 asked for 1.8 GB. openpyxl's warnings about
parts it does not read (data validation, conditional formats) are not for the officer and are kept off the
terminal.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import Any

from itaplan.base.errors import InputError, Problem
from itaplan.base.zippackage import check_package

MAX_SHEET_ROWS = 200_000  # a batch of every agency of the country, one row per question: about 100,000
MAX_SHEET_COLUMNS = 1_000  # a wide batch: a column per code (about 100)

warnings.filterwarnings("ignore", category=UserWarning, module=r"openpyxl(\..*)?$")


def open_workbook(path: Path, *, read_only: bool = True, data_only: bool = True, max_rows: int = MAX_SHEET_ROWS,
                  max_columns: int = MAX_SHEET_COLUMNS) -> Any:
    """openpyxl's workbook, after ``check_package``, with every sheet within ``max_rows`` and ``max_columns``; any
    failure of openpyxl is a located InputError."""
    from openpyxl import load_workbook

    check_package(path)
    try:
        workbook = load_workbook(path, read_only=read_only, data_only=data_only)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types on damaged files; all are bad input
        raise InputError(Problem(str(path), f"is not a readable .xlsx workbook ({exc.__class__.__name__})")) from None
    for sheet in workbook.worksheets:
        _check_extent(path, sheet, max_rows, max_columns)
    return workbook


def _check_extent(path: Path, sheet: Any, max_rows: int, max_columns: int) -> None:
    from openpyxl.utils import get_column_letter

    try:
        rows, columns = sheet.max_row or 0, sheet.max_column or 0
    except Exception:  # noqa: BLE001 - a dimension openpyxl cannot read: the rows are bounded as they are read
        return
    if rows <= max_rows and columns <= max_columns:
        return
    corner = f"{get_column_letter(min(max(columns, 1), 18278))}{rows}"
    title = sheet.title
    raise InputError(Problem(str(path), f"sheet '{title}' has cells as far as {corner}; a sheet itaplan reads has at "
                                        f"most {max_rows} rows and {max_columns} columns: delete the cells beyond "
                                        "the table and save it again"))


def sheet_title(text: str) -> str:
    """A worksheet's name as Excel allows it: none of []:*?/\\ and at most 31 characters (a workspace's wording
    may hold any of them)."""
    cleaned = re.sub(r"[\[\]:*?/\\]", " ", text).strip() or "Sheet"
    return cleaned[:31]
