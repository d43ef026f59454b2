"""Reading an agency's results: YAML, JSON, CSV, XLSX, or text pasted from an ITAS report.

Every problem is collected and reported at once, each naming the file and its line or row.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from itaplan.base.errors import InputError, Problem
from itaplan.base.thai import to_arabic
from itaplan.base.yamlio import loads, read_text
from itaplan.ita.framework import Framework, normalize_code
from itaplan.ita.gather import (
    COLUMN_ALIASES,
    MAX_ROWS,
    META_ALIASES,
    META_KEYS,
    TOOL_NAMES,
    Builder,
    Collector,
    NoFiscalYear,
    from_mapping,
    given_grade,
    given_tool_rows,
    parse_score,
    pick_framework,
)
from itaplan.ita.results import Agency, Results

__all__ = ["INPUT_FORMATS", "RESULT_SUFFIXES", "InputFormat", "input_format", "from_mapping", "from_rows", "csv_rows", "xlsx_rows", "from_text", "from_document", "load_results",
           "settle_warnings"]


_INDICATOR_KEY = re.compile(r"^(indicator|ind|ตัวชี้วัด(ที่)?)\s*[:#]?\s*[0-9๐-๙]+$")


@lru_cache(maxsize=1024)  # a table repeats its codes on every agency
def _row_kind(code: str) -> tuple[str, str]:
    """What a row is, from its code cell: ("meta"|"tool"|"indicator"|"data", the cell as a key)."""
    key = " ".join(code.split()).lower()
    if key in META_ALIASES:
        return "meta", key
    if key.replace(" ", "").replace("_", "") in TOOL_NAMES:
        return "tool", key
    if _INDICATOR_KEY.match(key):
        return "indicator", key
    return "data", key


def from_rows(rows: Iterable[tuple[int, dict[str, Any]]], source: str, framework: Framework | None = None,
              what: str = "row", syntax: str = "csv") -> Results:
    """Results from table rows (CSV/XLSX): columns code, score, part; metadata (fiscal year, agency, district,
    province, total) as key,value rows (the key in the code column, Thai or English) or as columns."""
    col = Collector(source, what)
    meta: dict[str, tuple[Any, int]] = {}
    data_rows: list[tuple[int, dict[str, Any]]] = []
    indicator_rows: list[tuple[int, str, Any]] = []
    tool_rows: list[tuple[int, str, Any]] = []
    for number, row in rows:
        code = row.get("code")
        if not META_KEYS.isdisjoint(row):
            for column in META_KEYS:  # metadata as a column: the same value on every row that has one
                value = row.get(column)
                if column == "agency" or value in (None, "") or isinstance(value, str) and not value.strip():
                    continue
                if column in meta and str(meta[column][0]).strip() != str(value).strip():
                    col.add(number, f"the {column} column says '{value}' here but '{meta[column][0]}' on row "
                                    f"{meta[column][1]}; one file is one agency and one year (use 'itaplan batch' for many)")
                elif column not in meta:
                    meta[column] = (value, number)
            agency_cell = row.get("agency")
            if agency_cell not in (None, "") and "agency" not in meta:
                meta["agency"] = (agency_cell, number)
        kind, key = _row_kind(code if type(code) is str else "" if code is None else str(code))
        if kind == "meta":
            name = META_ALIASES[key]
            if name in META_KEYS:
                if name in meta and str(meta[name][0]).strip() != str(row.get("score")).strip():
                    col.add(number, f"{key} is given twice: '{row.get('score')}' here and '{meta[name][0]}' on row "
                                    f"{meta[name][1]}; keep the right one")
                    continue
                meta[name] = (row.get("score"), number)
        elif kind == "tool":
            tool_rows.append((number, key, row.get("score")))
        elif kind == "indicator":
            indicator_rows.append((number, re.sub(r"\D", "", to_arabic(key)), row.get("score")))
        elif key == "" and all(v in (None, "") for v in row.values()):
            continue
        else:
            data_rows.append((number, row))
    year_value, year_row = meta.get("framework", meta.get("fiscal_year", (None, None)))
    col.raise_if_any()
    fw = pick_framework(year_value, framework, col, year_row, syntax)
    builder = Builder(fw, col)
    for number, row in data_rows:
        builder.question(row.get("code"), row.get("score"), row.get("part"), number)
    indicators: dict[int, float] = {}
    for number, ind, score in indicator_rows:
        builder.indicator(ind, score, number, indicators)
    tools = given_tool_rows(tool_rows, fw, col)
    total = None
    if "total" in meta and meta["total"][0] not in (None, ""):
        total = parse_score(meta["total"][0], False, col, meta["total"][1], "total")
    level, label = None, None
    for key in ("level", "label"):
        if key in meta:
            got = given_grade(meta[key][0], fw, col, meta[key][1])
            level, label = level or got[0], label or got[1]
    said = {k: str(meta[key][0]).strip() for key, k in
            (("agency", "name"), ("agency_type", "type"), ("district", "district"), ("province", "province"))
            if key in meta and meta[key][0] is not None}
    agency = Agency(name=said.get("name", ""), type=said.get("type", ""), district=said.get("district", ""),
                    province=said.get("province", ""))
    builder.another_years_oit(year_row)
    if not builder.questions and not indicators and not tools and not col.problems:
        col.add(None, "no scores: the table needs rows with a code and a score")
    col.raise_if_any()
    results = Results(source, fw, agency, builder.questions, indicators, total, tools=tools, level=level, label=label,
                      year_line=year_row, year_what=what)
    results.warnings = col.warnings
    return results


def _normalise_header(cells: list[Any], source: str, what: str, need_code: bool = True) -> list[str]:
    names = [COLUMN_ALIASES.get(str(c).strip().lower(), str(c).strip().lower()) if c is not None else "" for c in cells]
    if need_code and ("code" not in names or "score" not in names):
        raise InputError(Problem(source, "the first row must name the columns: code, score (and part for EIT parts); "
                                         "rows such as 'ปีงบประมาณ,2568' may come before it", 1, what=what))
    return names


def _cell_key(cell: Any) -> str:
    return " ".join(str(cell).split()).lower() if cell is not None else ""


def _split_table(numbered: list[tuple[int, list[Any]]], source: str, need_code: bool
                 ) -> tuple[list[str], list[tuple[int, dict[str, Any]]]]:
    """The header row and the rows under it. Key,value rows (ปีงบประมาณ,2568) may come before the header; a
    table without a header whose first column holds codes or keys is read as code, score, part."""
    def clean(c: Any) -> Any:
        return c.strip() if isinstance(c, str) else c

    preamble: list[tuple[int, dict[str, Any]]] = []
    index = 0
    if need_code:
        while index < len(numbered):
            number, cells = numbered[index]
            names = [COLUMN_ALIASES.get(_cell_key(c), _cell_key(c)) for c in cells]
            if "code" in names and "score" in names:
                break
            first = _cell_key(cells[0]) if cells else ""
            if first in META_ALIASES:
                preamble.append((number, {"code": clean(cells[0]), "score": clean(cells[1]) if len(cells) > 1 else None}))
                index += 1
                continue
            if not any(c not in (None, "") for c in cells):
                index += 1
                continue
            if normalize_code(first) or first.replace(" ", "").replace("_", "") in TOOL_NAMES:  # no header at all
                names = ["code", "score", "part"]
                _no_values_beyond(names, numbered[index:], source)
                return names, preamble + [(n, {k: clean(c) for k, c in zip(names, row)}) for n, row in numbered[index:]]
            break
        if index == len(numbered):
            if preamble:
                return ["code", "score"], preamble
            raise InputError(Problem(source, "is empty"))
    if index >= len(numbered):
        raise InputError(Problem(source, "is empty"))
    header_number, header = numbered[index]
    try:
        names = _normalise_header(list(header), source, "row", need_code)
    except InputError:
        which = "the first row" if header_number == numbered[0][0] else "this row (after the key,value rows)"
        raise InputError(Problem(source, f"{which} must name the columns: code, score (and part for EIT parts); "
                                         "rows such as 'ปีงบประมาณ,2568' may come before it", header_number,
                                 what="row")) from None
    _no_values_beyond(names, numbered[index + 1:], source)
    rows = [(n, {k: clean(c) for k, c in zip(names, row) if k}) for n, row in numbered[index + 1:]]
    return names, preamble + rows


def _no_values_beyond(names: list[str], numbered: list[tuple[int, list[Any]]], source: str) -> None:
    """A value in a column the header does not name (``e9,71,3`` under ``รหัส,คะแนน``, or under an empty header cell)
    is refused, row by row: read
    by position it would be dropped unseen, and it may be the score the officer meant (or a part)."""
    columns = len(names)
    problems = []
    for number, row in numbered:
        beyond = [c for i, c in enumerate(row) if (i >= columns or not names[i]) and c is not None and str(c).strip()]
        if beyond:
            typed_value = str(beyond[0]).strip()
            problems.append(Problem(source, f"a value beyond the {columns} columns the header names ('{typed_value}'): "
                                            "remove it, or name its column in the header row", number, what="row"))
    if problems:
        raise InputError(problems)


def csv_rows(text: str, source: str, need_code: bool = True) -> tuple[list[str], list[tuple[int, dict[str, Any]]]]:
    reader = csv.reader(io.StringIO(text))
    numbered: list[tuple[int, list[Any]]] = []
    problems = []
    last = 0
    try:
        for cells in reader:
            number, last = last + 1, reader.line_num  # rows are lines of the file, as a spreadsheet shows them
            if number > MAX_ROWS:
                raise InputError(Problem(source, f"has more than {MAX_ROWS} rows; split it into smaller files"))
            if last > number and any("\n" in c or "\r" in c for c in cells):
                problems.append(Problem(source, f"a quoted cell starts here and runs to row {last} (a stray \"?); "
                                                f"rows {number + 1}-{last} were read into it", number, what="row"))
                continue
            numbered.append((number, cells))
    except csv.Error as exc:
        raise InputError(Problem(source, f"is not valid CSV: {exc}", reader.line_num, what="row")) from None
    if problems:
        raise InputError(problems)
    if not numbered:
        raise InputError(Problem(source, "is empty"))
    return _split_table(numbered, source, need_code)


def xlsx_rows(path: Path, need_code: bool = True) -> tuple[list[str], list[tuple[int, dict[str, Any]]]]:
    from itaplan.base.xlsxio import open_workbook

    workbook = open_workbook(path)
    number = 1
    try:
        sheet = workbook.worksheets[0]
        numbered: list[tuple[int, list[Any]]] = []
        for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > MAX_ROWS:
                raise InputError(Problem(str(path), f"has more than {MAX_ROWS} rows; split it into smaller files"))
            numbered.append((number, list(cells)))
        if not numbered:
            raise InputError(Problem(str(path), "the first sheet is empty"))
        return _split_table(numbered, str(path), need_code)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - openpyxl reads lazily: a damaged part fails here, at a row
        raise InputError(Problem(str(path), f"cannot be read after this row ({exc.__class__.__name__})", number,
                                 what="row")) from None
    finally:
        workbook.close()


def from_text(text: str, source: str, framework: Framework | None = None) -> Results:
    """Results from text pasted from an ITAS report (engine/pasted.py, imported only when text is read: its
    patterns take a few milliseconds to compile)."""

    from itaplan.ita import pasted  # its patterns take milliseconds to compile: only when text is read

    return pasted.from_text(text, source, framework)


def from_document(path: str | Path, framework: Framework | None = None) -> Results:
    """Results from a PDF or Word file: its text (tables as tab-separated rows) read as pasted text, every
    problem pointed at its page and line, paragraph or table row."""
    from itaplan.base.documents import read_document

    doc = read_document(path)
    try:
        results = from_text(doc.text, doc.source, framework)
    except NoFiscalYear as exc:  # kept as such: an interface says what to add in its own terms (the web's form)
        raise NoFiscalYear([doc.locate(p) for p in exc.problems], exc.syntax) from None
    except InputError as exc:
        raise InputError([doc.locate(p) for p in exc.problems]) from None
    results.warnings = [doc.locate(w) for w in results.warnings]
    return results


def settle_warnings(results: Results, strict: bool = False, report: Any = None) -> Results:
    """Lines of the input that could not be read: errors when strict, else handed to ``report`` one by one."""
    if results.warnings and strict:
        raise InputError([Problem(w.source, w.message + " (--strict)", w.line, w.column, w.what)
                          for w in results.warnings])
    if report is not None:
        for warning in results.warnings:
            report(warning)
    return results


@dataclass(frozen=True)
class InputFormat:
    """One kind of results file: the suffixes that name it, and whether it may hold many agencies (a table)."""

    name: str
    suffixes: tuple[str, ...]
    table: bool = False


# The one list of what results itaplan reads: score, draft, batch, check and the web app's uploads take theirs from it.
INPUT_FORMATS = (
    InputFormat("yaml", (".yaml", ".yml")),
    InputFormat("json", (".json",)),
    InputFormat("csv", (".csv",), table=True),
    InputFormat("xlsx", (".xlsx",), table=True),
    InputFormat("text", (".txt", ".text")),
    InputFormat("document", (".pdf", ".docx")),
)
RESULT_SUFFIXES = tuple(suffix for f in INPUT_FORMATS for suffix in f.suffixes)


def input_format(path: str | Path) -> InputFormat | None:
    """The kind of results file a name says, or None (then the content decides: a mapping, else pasted text)."""
    suffix = Path(path).suffix.lower()
    return next((f for f in INPUT_FORMATS if suffix in f.suffixes), None)


def load_results(path: str | Path, framework: Framework | None = None) -> Results:
    """Load one agency's results from a file, by the kind its name says (INPUT_FORMATS)."""
    p = Path(path)
    source = str(p)
    kind = input_format(p)
    name = kind.name if kind else None
    if name == "document":
        return from_document(p, framework)
    if name == "xlsx":
        _, rows = xlsx_rows(p)
        return from_rows(rows, source, framework, syntax="xlsx")
    text = read_text(p)
    if name == "csv":
        _, rows = csv_rows(text, source)
        return from_rows(rows, source, framework)
    if name == "text":
        return from_text(text, source, framework)
    if name in ("yaml", "json"):
        return from_mapping(loads(text, source), source, framework)
    try:
        data = loads(text, source)
    except InputError:
        data = None
    if isinstance(data, dict):
        return from_mapping(data, source, framework)
    return from_text(text, source, framework)
