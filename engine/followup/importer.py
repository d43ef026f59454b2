"""`itaplan import`: last year's hand-made measures table (Word, PDF, Excel or pasted text) into a plan file.

The table is found by its header row (มาตรการ/แนวทาง, วิธีการดำเนินการ, ระยะเวลาดำเนินการ, การติดตามผล,
ผู้รับผิดชอบ — in any order, repeated on every page); each row under it is a measure. A row whose measure
cell is empty continues the measure above (a row split over two pages); a row with only its first cell
filled that names an indicator sets the indicator of the rows below it. The indicator of a measure comes
from an indicator column or row, "ตัวชี้วัดที่ N", the question codes named in the row, or an indicator's
name in the text of the row — and how it was found is kept beside it (``indicator_from``). When none of these
says it, or they disagree, the measure is still imported, with no indicator (never a guessed one), and the
officer is told which measures to give one. Timelines are kept as written and also read into a period of months where
they can be (ต.ค. 2564 – ก.ย. 2565, ตลอดปีงบประมาณ).

The plan around the measures is the one ``draft`` makes for an agency whose scores are not known: the
analysis says so, and `progress`, `report`, `render` and `review` work on the measures.
"""

from __future__ import annotations

import calendar
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

from itaplan.base.documents import read_document
from itaplan.base.errors import InputError, Problem
from itaplan.base import thai
from itaplan.base.thai import MONTHS_ABBR, MONTHS_FULL, parse_date, to_arabic
from itaplan.base.xlsxio import open_workbook
from itaplan.base.yamlio import read_text
from itaplan.content.catalogue import load_catalogue
from itaplan.drafting.model import Measure, Plan
from itaplan.ita.framework import Framework, builtin_years, load_framework, normalize_code, report_target
from itaplan.ita.gather import VOCAB
from itaplan.ita.pasted import _TEXT_AGENCY, _TEXT_DISTRICT, _TEXT_PROVINCE, _TEXT_YEAR
from itaplan.ita.results import Agency, Results
from itaplan.ita.scoring import Scorecard, score

_MT = VOCAB["measures_table"]
FIELDS = list(_MT["columns"])  # the order in which header words are tried
_NUMBERING = re.compile(r"^\s*(?:[0-9๐-๙]{1,2}[.)]|[-•●▪○*])\s*")
_INDICATOR_NO = re.compile(r"ตัวชี้วัดที่\s*([0-9๐-๙]{1,2})(?![0-9๐-๙.])")
_CODE_IN_TEXT = re.compile(r"(?<![A-Za-z])([iIeEoO])\s?([0-9]{1,2})(?![0-9])")
_MONTH_WORDS = sorted([(name, i) for i, name in enumerate(MONTHS_FULL, start=1)]
                      + [(name, i) for i, name in enumerate(MONTHS_ABBR, start=1)], key=lambda x: -len(x[0]))
_MONTH = re.compile("(" + "|".join(re.escape(n).replace(r"\.", r"\.?") for n, _ in _MONTH_WORDS) + r")"
                    r"\s*(?:พ\.?\s*ศ\.?\s*)?(25[0-9]{2}|[0-9]{2}(?![0-9]))?")


@dataclass
class Row:
    cells: list[str]
    place: str  # "line 12", "row 4", "table 1 row 3"
    standalone: bool = False  # a line of text outside any cell: a heading, never a measure
    signature: bool = False  # a row of signature blocks, as documents end: who signs, never a measure


@dataclass
class Imported:
    plan: Plan
    not_understood: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # a project card's sections left empty, each naming the card
    replaced: str = ""  # another agency's name replaced by the officer's (replace_agency), as said to them


# ---------------------------------------------------------------- reading rows out of the inputs


def _text_rows(text: str) -> list[Row]:
    """Rows of a table pasted as text. Two layouts: one row per line with cells split by tabs, or (Word's
    'save as text') one cell per line, each cell starting with a tab and its further paragraphs on lines
    without one; a row then ends when it has as many cells as the header (five columns) and the next cell, row or
    paragraph after a blank line begins. Its last cell goes on as its other cells do: a line without a tab right
    under it is the cell broken over two lines ("รายงานผลการดำเนินงานทุก" / "ไตรมาส"), not a paragraph of the
    document."""
    rows: list[Row] = []
    width = 0
    cells: list[str] = []
    start = 0
    after_blank = False  # a blank line since the last one read: what follows a full row is no longer its cell

    def flush() -> None:
        nonlocal cells
        if cells:
            rows.append(Row(cells, f"line {start}"))
        cells = []

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r\n ")
        if not line:
            if not width:  # before the table, a blank line ends a row; inside it, cells hold blank lines
                flush()
            after_blank = True
            continue
        full = bool(width) and len(cells) >= width  # a row with all its cells, open for its last cell's lines
        continued = full and not after_blank
        after_blank = False
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):  # a cell (or several) starts here
            new = [part.strip() for part in stripped[1:].split("\t")]
            if full:
                flush()
            if not width and _field_of(new[0]) and cells and not all(_field_of(c) for c in cells):
                flush()  # the header starts here, after indented text of the document
            if not cells:
                start = number
            cells.extend(new)
            if not width and _expected_width(cells):
                width = len(cells)
                flush()
        elif "\t" in stripped:  # a whole row on one line
            flush()
            cells_ = [c.strip() for c in stripped.split("\t")]
            rows.append(Row(cells_, f"line {number}", signature=_signatures(cells_)))
        elif cells and (continued or not full):  # a further paragraph of the cell above
            cells[-1] = f"{cells[-1]}\n{line.strip()}" if cells[-1] else line.strip()
        else:
            flush()
            rows.append(Row([line.strip()], f"line {number}", standalone=True))
    flush()
    return rows


def _field_of(cell: str) -> str | None:
    key = _key(cell)
    if not key or len(key) > 40:
        return None
    return next((name for name in FIELDS if any(_key(word) in key for word in _MT["columns"][name])), None)


def looks_like_measures_table(path: Path) -> bool:
    """Do the first rows of a .csv or .xlsx name the columns of a measures table (มาตรการ/แนวทาง, วิธีการดำเนินการ,
    …), as itaplan's own measures CSV and tracking sheet do? Any failure to read it says no."""
    rows: list[list[str]] = []
    try:
        if path.suffix.lower() == ".csv":
            import csv

            with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
                for number, row in enumerate(csv.reader(handle)):
                    if number >= 10:
                        break
                    rows.append(row)
        elif path.suffix.lower() == ".xlsx":
            from itaplan.base.xlsxio import open_workbook

            sheet = open_workbook(path).worksheets[0]
            rows = [[str(c or "") for c in row] for row in sheet.iter_rows(max_row=10, values_only=True)]
    except Exception:  # noqa: BLE001 - only a hint for a clearer error: a file that cannot be read is not one
        return False
    return any(_header_map(row) for row in rows)


def has_measures_header(path: Path) -> bool:
    """Does the file (any kind ``import`` reads) hold the header row of a measures table? Unlike
    looks_like_measures_table, the whole file is read: for a file already known to hold no ITA results."""
    try:
        rows, _ = read_rows(path)
    except InputError:
        return False
    return any(_header_map(row.cells) for row in rows)


def _expected_width(cells: list[str]) -> int:
    """A header in the cell-per-line layout is complete once it holds the three required columns and
    the ones usually beside them (method, timeline, owner, follow-up): five, or four without follow-up."""
    fields = set(_header_map(cells).values())
    return len(cells) if {"title", "method", "timeline", "owner", "evidence"} <= fields else 0


SIGNATURE = VOCAB["signature"]


def _docx_rows(path: Path) -> tuple[list[Row], str]:
    doc = read_document(path)
    rows = [Row(cells, f"table {t} row {r}", signature=_signatures(cells)) for t, table in enumerate(doc.tables, start=1)
            for r, cells in enumerate(table, start=1)]
    return rows, doc.text


def _signatures(cells: list) -> bool:
    """A row of signature blocks ("(ลงชื่อ) ........ ผู้อนุมัติ"), as documents end: not a measure."""
    texts = [str(c or "") for c in cells if str(c or "").strip()]
    return bool(texts) and all(SIGNATURE in text for text in texts)


def _xlsx_rows(path: Path) -> tuple[list[Row], str]:
    workbook = open_workbook(path)
    try:
        rows = []
        for number, cells in enumerate(workbook.worksheets[0].iter_rows(values_only=True), start=1):
            if number > 20_000:
                raise InputError(Problem(str(path), "has more than 20000 rows; is this a measures table?"))
            texts = ["" if c is None else str(c).strip() for c in cells]
            rows.append(Row(texts, f"row {number}", signature=_signatures(texts)))
    finally:
        workbook.close()
    return rows, "\n".join("\t".join(r.cells) for r in rows)


_SIGNOFF_ROLES: dict[str, list[str]] = VOCAB["signoff_roles"]
_POSITION_WORD: str = VOCAB["signoff_position"]
_DATE_WORD: str = VOCAB["signoff_date"]
_BLANK = re.compile(r"[.…_]{3,}")  # the dotted line a signature or a missing name or position is written on
_BRACKETED = re.compile(r"\(([^()]*)\)")


def signatories_in(rows: list[Row], text: str, suffix: str, agency: str | None = None) -> dict[str, dict[str, str]]:
    """Who signs, as the file's sign-off blocks say: role -> {name, position}. A block is "(ลงชื่อ) ..... ผู้จัดทำ",
    "(นาง...)", "ตำแหน่ง ..." — in a cell of a table's signature row (itaplan's Word and Excel files), or in lines of
    text (a PDF's, a pasted document's, a Word paragraph's); a position may go on to a line of the agency's name
    alone. A block whose role is not said, or that names no one, is left out (nothing is guessed); the first block
    of a role is kept."""
    blocks = [cell.split("\n") for row in rows if row.signature for cell in row.cells if SIGNATURE in cell]
    if suffix != ".xlsx":  # a workbook's text is its rows again, their cells' lines run together
        blocks += _text_blocks(text, agency or "")
    found: dict[str, dict[str, str]] = {}
    for lines in blocks:
        signer = _signer(lines, agency or "")
        if signer is not None and signer[0] not in found:
            found[signer[0]] = signer[1]
    return found


def _text_blocks(text: str, agency: str) -> list[list[str]]:
    """The sign-off blocks in lines of text: a line with ลงชื่อ (a cell of a row given as tab-separated text is a block
    of its own), then the lines that go on with it: the name in brackets, the position (with or without the word
    ตำแหน่ง, under the name), the agency's name closing a position."""
    raw = text.splitlines()
    blocks: list[list[str]] = []
    for number, line in enumerate(raw):
        if SIGNATURE not in line:
            continue
        if "\t" in line:
            blocks += [[part] for part in line.split("\t") if SIGNATURE in part]
            continue
        block = [" ".join(line.split())]
        named, positioned = bool(_name_of(block[0])), _POSITION_WORD in block[0]
        for following in (" ".join(x.split()) for x in raw[number + 1:number + 4]):
            if not following or SIGNATURE in following or positioned and following != agency:
                break
            if positioned:  # the position's agency, on a line of its own in a narrow column
                block.append(following)
                break
            if not named and following.startswith("("):
                named = True
            elif named and (following.startswith(_POSITION_WORD) or block[-1].startswith("(") and len(following) <= 80):
                positioned = True  # a position, said with ตำแหน่ง or under the name without it
            else:
                break
            block.append(following)
        blocks.append(block)
    return blocks


def _name_of(text: str) -> str:
    for match in _BRACKETED.finditer(text):
        inside = " ".join(_BLANK.sub(" ", match.group(1)).split())
        if inside and SIGNATURE not in inside:
            return inside
    return ""


def _signer(lines: list[str], agency: str = "") -> tuple[str, dict[str, str]] | None:
    """(role, {name, position}) of one sign-off block's lines, or None when it says no role or names no one. A last
    line of the agency's name alone ends the position above it, as one word (หัวหน้าสำนักปลัดองค์การบริหารส่วนตำบล…)."""
    lines = [" ".join(line.split()) for line in lines if line.strip()]
    dated = [line for line in lines if line.startswith(_DATE_WORD)]  # the day line under the block: not the position
    lines = [line for line in lines if not line.startswith(_DATE_WORD)]
    if agency and len(lines) > 2 and lines[-1] == agency and _POSITION_WORD in lines[-2]:
        lines = [*lines[:-2], lines[-2] + agency]
    text = " ".join(" ".join(lines).split())
    head = text.split(_POSITION_WORD, 1)[0]
    role = next((role for role, words in _SIGNOFF_ROLES.items() if any(w in head for w in words)), None)
    if role is None:
        return None
    name = _name_of(text)
    if _POSITION_WORD in text:
        position = text.split(_POSITION_WORD, 1)[1]
    else:
        closing = [m for m in _BRACKETED.finditer(text) if _name_of(m.group(0))]
        position = text[closing[0].end():] if closing else ""
    position = " ".join(_BLANK.sub(" ", position).split())
    person = {key: value for key, value in (("name", name), ("position", position)) if value}
    if person and dated:  # the day it was signed, when written (a dotted line to date by hand is none)
        try:
            person["date"] = parse_date(" ".join(dated[0].removeprefix(_DATE_WORD).replace("พ.ศ.", " ").split())).isoformat()
        except ValueError:
            pass
    return (role, person) if person else None


def read_rows(path: Path) -> tuple[list[Row], str]:
    """The rows of the file's table(s) and its whole text (for the heading: agency, year)."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise InputError(Problem(str(path), "no such file"))
    if suffix == ".docx":
        return _docx_rows(path)
    if suffix == ".xlsx":
        return _xlsx_rows(path)
    if suffix == ".pdf":
        from itaplan.base.documents import read_document

        doc = read_document(path)
        return _text_rows(doc.text), doc.text

    text = read_text(path)
    return _text_rows(text), text


# ---------------------------------------------------------------- understanding the table


def _key(text: str) -> str:
    return "".join(text.split()).lower()


def _header_map(cells: list[str]) -> dict[int, str]:
    """Column index -> field, when the cells look like the header of a measures table."""
    mapping: dict[int, str] = {}
    for index, cell in enumerate(cells):
        name = _field_of(cell)
        if name and name not in mapping.values():
            mapping[index] = name
    return mapping if {"title", "method"} <= set(mapping.values()) and len(mapping) >= 3 else {}


_FIRST_NUMBER = re.compile(r"\s*([0-9๐-๙]{1,2})[.)]\s")
_INLINE_NUMBER = re.compile(r"(?<=\s)([0-9๐-๙]{1,2})[.)]\s")


def _numbered_on_one_line(line: str) -> list[str]:
    """'1. จัดทำแบบสอบถามออนไลน์ 2. สรุปผลทุกไตรมาส' as two items: after a line's own number, the next numbers in
    sequence (2., 3., … each after a space) start new items; any other figure ('พ.ศ. 2568', '1.5 ล้าน') does not."""
    first = _FIRST_NUMBER.match(line)
    if not first:
        return [line]
    expected = int(to_arabic(first.group(1))) + 1
    cuts = []
    for m in _INLINE_NUMBER.finditer(line, first.end()):
        if int(to_arabic(m.group(1))) == expected:
            cuts.append(m.start())
            expected += 1
    from itertools import pairwise

    return [line[a:b].strip() for a, b in pairwise([0, *cuts, len(line)])]


@lru_cache(maxsize=1)
def _our_labels() -> tuple[str, ...]:
    """How the lines under a measure's title begin in the measures table itaplan writes (render/common.py
    ``measure_cell``): the built-in catalogue's words before their first field."""

    catalogue = load_catalogue([])
    keys = ("row_points", "row_serves", "row_issue", "row_stake", "row_stake_max", "row_stake_oit")
    return tuple(catalogue.text(k).split("{", 1)[0].rstrip() for k in keys)  # "ประเด็น:" alone heads its lines


def _itaplan_cell(cell: str) -> tuple[str, int, str] | None:
    """A measure cell as itaplan writes it — the title, 'ตัวชี้วัดที่ N …', then the weak points, items, ประเด็น
    and points at stake, each on its labelled line — as (title, N, the weak points' line); None for any other."""
    lines = [line.strip() for line in cell.split("\n") if line.strip()]
    if len(lines) < 3:
        return None
    first = _INDICATOR_NO.match(to_arabic(lines[1]))
    labels = _our_labels()
    # a ประเด็น of several sentences: the label's line, then one '- ' line each
    if first is None or not all(line.startswith((*labels, "- ")) for line in lines[2:]):
        return None
    points = next((line for line in lines[2:] if line.startswith(labels[0])), "")
    return lines[0], int(first.group(1)), points


def _lines(cell: str) -> list[str]:
    """The items of a cell: one per numbered paragraph (the paragraphs after one continue it), numbers run on
    one line split too; a cell without numbering is one item (its paragraphs are often one sentence wrapped by
    hand)."""
    lines = [piece for line in cell.split("\n") if line.strip() for piece in _numbered_on_one_line(line.strip())]
    if not any(_NUMBERING.match(line) for line in lines):
        return [" ".join(lines)] if lines else []
    items: list[str] = []
    for line in lines:
        if _NUMBERING.match(line) or not items:
            text = _NUMBERING.sub("", line).strip()
            if text:
                items.append(text)
        else:
            items[-1] = f"{items[-1]} {line}"
    return items


def _indicator_of(text: str, fw: Framework) -> tuple[set[int], list[str]]:
    """Indicators a text names: 'ตัวชี้วัดที่ N', question codes, indicator names; and the codes."""
    found, codes, _ = _indicator_said(text, fw)
    return found, codes


def _indicator_said(text: str, fw: Framework) -> tuple[set[int], list[str], str]:
    """Indicators a text names, the codes in it, and how the indicators were found: "number" (ตัวชี้วัดที่ N),
    "codes" (question codes, o10, e9), "name" (an indicator's name inside the text), or "" for none."""
    arabic = to_arabic(text)
    found = {int(n) for n in _INDICATOR_NO.findall(arabic) if 1 <= int(n) <= 10}
    how = "number" if found else ""
    codes = []
    for letter, number in _CODE_IN_TEXT.findall(arabic):
        code = fw.lookup(normalize_code(f"{letter}{number}") or "")
        if code and code not in codes:
            codes.append(code)
    by_codes = {fw.questions[c].indicator for c in codes}
    if by_codes and not how:
        how = "codes"
    found |= by_codes
    if not found:
        key = _key(text)
        found = {ind.number for ind in fw.indicators if _key(ind.name) in key}
        how = "name" if found else ""
    return found, codes, how


def _period(text: str, plan_year: int) -> tuple[str, str] | None:
    """(first day, last day) ISO dates of a timeline, or None when it cannot be read without guessing."""
    arabic = to_arabic(" ".join(text.split()))
    if any(_key(w) == _key(arabic).rstrip(".") or _key(arabic).startswith(_key(w)) and not _MONTH.search(arabic)
           for w in _MT["whole_year"]):
        years = [int(y) for y in re.findall(r"25[0-9]{2}", arabic)]
        year = years[0] if len(years) == 1 else plan_year
        if len(years) > 1:
            return None
        return f"{year - 544}-10-01", f"{year - 543}-09-30"
    months = []
    for match in _MONTH.finditer(arabic):
        word = match.group(1)
        number: int = next(i for n, i in _MONTH_WORDS if re.fullmatch(re.escape(n).replace(r"\.", r"\.?"), word))
        year_said = match.group(2)
        months.append((number, (2500 + int(year_said) if len(year_said) == 2 else int(year_said)) if year_said else None))
    if not months or len(months) > 2:
        return None
    rest = _MONTH.sub("", arabic)
    if re.sub(r"[\s\-–—ถึง/.]", "", rest.replace("ถึง", "")):
        return None  # words besides months and a dash: kept as text
    (m1, y1), (m2, y2) = months[0], months[-1]
    if y2 is None:
        y2 = y1 if y1 is not None and len(months) == 1 else None
    if y2 is None:  # no year written: the months of the plan's fiscal year
        y2 = plan_year - 1 if m2 >= 10 else plan_year
    if y1 is None:
        y1 = y2 - 1 if m1 > m2 else y2
    if (y1, m1) > (y2, m2):
        return None
    last = calendar.monthrange(y2 - 543, m2)[1]
    return f"{y1 - 543}-{m1:02d}-01", f"{y2 - 543}-{m2:02d}-{last:02d}"


def _heading(text: str) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for number, raw in enumerate(text.splitlines()[:200], start=1):
        line = " ".join(raw.split())
        if "year" not in found:
            y = _TEXT_YEAR.search(line)
            if y:
                found["year"] = (int(to_arabic(y.group(1))), number)
        for key, pattern in (("agency", _TEXT_AGENCY), ("district", _TEXT_DISTRICT), ("province", _TEXT_PROVINCE)):
            if key not in found:
                m = pattern.search(line)
                if m:
                    found[key] = m.group(1)
    return found


def heading_of(path: Path) -> dict[str, Any]:
    """What the heading of a measures file says (``year``: (year, line), ``agency``, ``district``, ``province``)."""
    return _heading(read_rows(path)[1])


Drafter = Callable[[Scorecard, int | None], Plan]


def import_table(path: str | Path, plan_year: int | None = None, agency_name: str | None = None,
                 framework: Framework | None = None, *, drafter: Drafter, usual_year: int | None = None,
                 replace_agency: bool = False) -> Imported:
    """Last year's hand-made measures table (or, without one, its project cards: ``cards``) as a plan. ``drafter``
    is the session's drafting (scorecard, plan year -> plan): the imported measures sit in the plan it drafts when
    no scores are known. ``plan_year``: the year the measures run in, as given (--plan-year); ``usual_year``: the
    year to take when neither that nor the document's own words (the cards' timeline) say it. A document of
    another agency than ``agency_name`` (its heading names another) whose measures name that agency is said
    (``_other_agency``): their words are kept as written, unless ``replace_agency`` asks that the heading's name be
    replaced by ``agency_name`` throughout the measures (``_replace_other_agency``); what is left naming it is said."""
    imported = _import_table(path, plan_year, agency_name, framework, drafter=drafter, usual_year=usual_year)
    if replace_agency and agency_name:
        imported.replaced = _replace_other_agency(Path(path), imported.plan, agency_name)
        if imported.replaced:
            (imported.plan.get("imported") or {}).setdefault("notes", []).append(imported.replaced)
    said = _other_agency(Path(path), imported.plan, agency_name)
    if said:
        imported.warnings.append(said)
        (imported.plan.get("imported") or {}).setdefault("notes", []).append(said)
    return imported


_AGENCY_KINDS = ("องค์การบริหารส่วนตำบล", "องค์การบริหารส่วนจังหวัด", "อบต.", "อบต", "อบจ.", "อบจ", "เทศบาลตำบล",
                 "เทศบาลเมือง", "เทศบาลนคร", "เทศบาล", "ทต.", "ทม.", "ทน.")


def _place_name(agency: str) -> str:
    """An agency's own name without its kind ("องค์การบริหารส่วนตำบลนาสิงห์" -> "นาสิงห์"), as its documents also
    write it after a shorter kind ("อบต.นาสิงห์")."""
    name = " ".join(agency.split())
    for kind in _AGENCY_KINDS:
        if name.startswith(kind):
            return name[len(kind):].strip()
    return name


def _other_agency(path: Path, plan: Plan, agency_name: str | None) -> str:
    """When the officer names the agency (--agency) and the document's heading names another (a neighbour's
    measures taken as a model: round 22's newcomer imported seed 000, of อบต.นาสิงห์, for อบต.หนองแวง), the measures
    whose title, owner, steps or card name the heading's agency; "" when none does. The report then printed
    "มาตรการบริหารจัดการความเสี่ยงการทุจริตขององค์การบริหารส่วนตำบลนาสิงห์" under the officer's agency with no word."""
    if not agency_name:
        return ""
    heading = _heading_agency(path)
    theirs, ours = _place_name(heading), _place_name(agency_name)
    if len(theirs) < 2 or theirs == ours or theirs in ours:
        return ""
    numbers = [n for n, m in enumerate(plan["measures"], start=1)
               if theirs in json.dumps([m.get("title"), m.get("owner"), m.get("method"), m.get("evidence"),
                                        m.get("project")], ensure_ascii=False)]
    if not numbers:
        return ""
    listed = ", ".join(map(str, numbers))
    return (f"the document is of {heading}, not {agency_name}: measures {listed} name {theirs} in their title, owner, "
            "steps or card, kept as written; correct them before printing (review PLAN --edit --measure N: [r]ename, "
            "[o]wner, [m]ethod)")


def _heading_agency(path: Path) -> str:
    try:
        return str(heading_of(path).get("agency") or "")
    except InputError:
        return ""


def _replaced(value: Any, old: str, new: str) -> tuple[Any, int]:
    """``value`` (a measure's text, list or mapping of them) with ``old`` replaced by ``new``, and how many times."""
    if isinstance(value, str):
        return value.replace(old, new), value.count(old)
    if isinstance(value, list):
        done = [_replaced(v, old, new) for v in value]
        return [v for v, _ in done], sum(n for _, n in done)
    if isinstance(value, dict):
        pairs = {k: _replaced(v, old, new) for k, v in value.items()}
        value.update({k: v for k, (v, _) in pairs.items()})
        return value, sum(n for _, n in pairs.values())
    return value, 0


def _replace_other_agency(path: Path, plan: Plan, agency_name: str) -> str:
    """The heading's agency, when it is another than ``agency_name`` (a neighbour's measures taken as a model), replaced
    by ``agency_name`` in every text of the measures (titles, owners, steps, cards): as the heading writes the name
    only, so that a shortened or misspelt one is still said (``_other_agency``), not guessed at. What was done, to be
    said; "" when the heading names no other agency or no measure names it."""
    heading = " ".join(_heading_agency(path).split())
    theirs, ours = _place_name(heading), _place_name(agency_name)
    if len(theirs) < 2 or theirs == ours or heading in agency_name:
        return ""
    numbers, count = [], 0
    for number, m in enumerate(plan["measures"], start=1):
        _, times = _replaced(cast(dict, m), heading, agency_name)
        if times:
            numbers.append(number)
            count += times
    if not numbers:
        return ""
    listed = ", ".join(map(str, numbers))
    return (f"{heading} replaced by {agency_name} in measures {listed} ({count} times in their titles, owners, steps and "
            "cards)")


def _import_table(path: str | Path, plan_year: int | None = None, agency_name: str | None = None,
                  framework: Framework | None = None, *, drafter: Drafter, usual_year: int | None = None) -> Imported:
    """``import_table``'s reading of the document."""
    p = Path(path)
    source = str(p)
    rows, text = read_rows(p)
    heading = _heading(text)
    if not any(_header_map(row.cells) for row in rows):
        from itaplan.followup.cards import is_action_plan, read_cards

        cards = read_cards(text)
        if cards:
            imported = _import_cards(source, cards, heading, plan_year, usual_year, agency_name, framework, drafter,
                                     rows)
            if is_action_plan(text):
                as_action_plan(imported.plan)
            return imported
    plan_year = plan_year if plan_year is not None else usual_year
    if plan_year is None:
        if "year" not in heading:
            raise InputError(Problem(source, "no fiscal year found for the measures: give --plan-year YEAR (the year "
                                             "they run in, e.g. 2568)"))
        plan_year = heading["year"][0]
    notes = [f"plan year {plan_year}" + (f" (from line {heading['year'][1]})" if "year" in heading and
                                         heading["year"][0] == plan_year else "")]
    name = agency_name or heading.get("agency")
    results_year = plan_year - 1
    fw = framework or _answered_framework(source, results_year)
    not_understood: list[str] = []
    measures: list[dict] = []
    mapping: dict[int, str] = {}
    current_indicator: int | None = None
    for row in rows:
        if row.signature:
            continue
        header = _header_map(row.cells)
        if header:
            mapping = header
            continue
        if not mapping:
            continue
        cells = {name_: row.cells[i] if i < len(row.cells) else "" for i, name_ in mapping.items()}
        filled = [c for c in row.cells if c.strip()]
        if not filled:
            continue
        if row.standalone or len(filled) == 1 and row.cells[0].strip() and \
                not any(cells.get(f) for f in ("method", "owner", "timeline")):
            found, _ = _indicator_of(row.cells[0], fw)
            if len(found) == 1 and (row.standalone is False or _INDICATOR_NO.search(to_arabic(row.cells[0]))):
                current_indicator = found.pop()
                continue
            if row.standalone:
                continue
        if not cells.get("title", "").strip():
            if measures and any(cells.get(f, "").strip() for f in ("method", "evidence", "owner", "timeline")):
                last = measures[-1]  # a row split over two pages: its rest belongs to the measure above
                last["method"] += _lines(cells.get("method", ""))
                last["evidence"] += _lines(cells.get("evidence", ""))
                for f in ("owner", "timeline"):
                    if cells.get(f, "").strip():
                        last[f] = f"{last[f]} {cells[f].strip()}".strip()
                continue
            not_understood.append(f"{source} ({row.place}): a row without a measure and no measure above it")
            continue
        ours = _itaplan_cell(cells["title"])
        title_lines = _lines(cells["title"]) if ours is None else [ours[0]]
        title = " ".join(title_lines)
        whole_row = "\n".join(row.cells)
        indicators, codes, how = _indicator_said(whole_row, fw)
        if cells.get("codes", "").strip():  # a column of the codes it answers: those, not every code in the row
            codes = [c for c in (fw.lookup(normalize_code(w) or "") for w in re.split(r"[,;\s]+", to_arabic(
                cells["codes"])) if w) if c]
        elif ours is not None:  # itaplan's cell: the codes of its results line (not next year's item numbers)
            codes = _indicator_of(ours[2], fw)[1] if ours[2] else []
        if ours is not None:  # itaplan's own table: the measure's indicator is the one its cell names first
            indicators, how = {ours[1]}, "number"
        elif cells.get("indicator", "").strip():
            column = to_arabic(cells["indicator"]).strip().rstrip(".")
            # the indicator column may hold the numbers alone, as itaplan's tracking sheet does ("8"; "8, 9" for a
            # row answering several, the measure's own first)
            numbers = [int(n) for n in re.split(r"\s*,\s*", column)] if re.fullmatch(r"\d+(?:\s*,\s*\d+)*", column) \
                else []
            indicators = {numbers[0]} if numbers and all(1 <= n <= 10 for n in numbers) else \
                _indicator_of(cells["indicator"], fw)[0]
            how = "column"
        elif not indicators and current_indicator:
            indicators, how = {current_indicator}, "row_above"
        given_id = " ".join(cells.get("id", "").split())
        measure: dict[str, Any] = {
            "id": given_id if re.fullmatch(r"[a-z0-9][a-z0-9+_.-]{0,80}", given_id) and
            given_id not in {m["id"] for m in measures} else f"imported-{len(measures) + 1}",
            "indicator": None, "indicator_from": "none", "codes": codes, "title": title,
            "method": _lines(cells.get("method", "")), "timeline": " ".join(cells.get("timeline", "").split()),
            "evidence": _lines(cells.get("evidence", "")),
            "owner": re.sub(r"/\s+", "/", " ".join(cells.get("owner", "").split())),
            "rules": [], "status": "kept", "imported_from": f"{source} ({row.place})",
        }
        if len(indicators) == 1:
            measure["indicator"] = indicators.pop()
            measure["indicator_from"] = how
        else:
            measure["indicator_from"] = "several" if indicators else "none"
        measures.append(measure)
        measure["_indicators"] = indicators  # several, or none: decided below
    if not mapping:
        raise InputError(Problem(source, "no measures table found: no row names the columns มาตรการ/แนวทาง, "
                                         "วิธีการดำเนินการ, ระยะเวลาดำเนินการ, การติดตามผล, ผู้รับผิดชอบ"
                                         + (" (a PDF's text keeps no cells: save the file as .docx or copy the table "
                                            "into .xlsx)" if p.suffix.lower() == ".pdf" else "")))
    if not name:
        raise InputError(Problem(source, "no agency name found in the heading: give --agency NAME"))
    kept: list[Measure] = []
    for m in measures:
        several = m.pop("_indicators")
        where = m["imported_from"]
        missing = [f for f in ("method", "timeline", "evidence", "owner") if not m[f]]
        if m["indicator"] is None:  # still one of the agency's measures: imported, its indicator left for the officer
            if several:
                notes.append(f"measure '{m['title']}' ({where}) names indicators "
                             f"{', '.join(map(str, sorted(several)))}; imported with no indicator")
            else:
                notes.append(f"measure '{m['title']}' ({where}) names no indicator; imported with no indicator")
        if missing:
            not_understood.append(f"{where}: measure '{m['title']}' has no {', '.join(missing)}; not imported")
            continue
        period = _period(m["timeline"], plan_year)
        if period:
            m["period"] = {"start": period[0], "end": period[1]}
        else:
            notes.append(f"{where}: timeline '{m['timeline']}' kept as written (not read as months)")
        kept.append(cast(Measure, m))  # complete now: its indicator, texts and period known
    plan = drafter(score(Results(source, fw, Agency(name=name, district=heading.get("district", ""),
                                                   province=heading.get("province", "")))), plan_year)
    plan["measures"] = kept
    signatories = signatories_in(rows, text, p.suffix.lower(), name)
    if signatories:  # who signed the imported plan signs its report and documents, unless the officer changes them
        plan["agency"]["signatories"] = signatories  # type: ignore[typeddict-item]
    plan["imported"] = {"source": source, "not_understood": not_understood, "notes": notes, "table": table_key(kept)}
    return Imported(plan, not_understood, notes)


CARDS_YEARS = "the project cards run in different fiscal years ({years}): give --plan-year YEAR (the year they run in)"


def card_years(path: Path) -> dict[int, list[str]]:
    """The fiscal years the project cards of a file say they run in (their timelines with years written), each with
    its cards' titles; empty for a file holding a measures table, or no cards, or cards without such timelines."""
    from itaplan.followup.cards import fiscal_year_of_period, read_cards, says_years

    rows, text = read_rows(path)
    if any(_header_map(row.cells) for row in rows):
        return {}
    years: dict[int, list[str]] = {}
    for card in read_cards(text):
        timeline = card.text("timeline")
        year = fiscal_year_of_period(_period(timeline, 0)) if says_years(timeline) else None
        if year is not None:
            years.setdefault(year, []).append(card.title)
    return years


def _answered_framework(source: str, results_year: int) -> Framework:
    """The framework of the results the imported measures answer (the year before theirs), or a clear refusal."""
    if results_year not in builtin_years():
        raise InputError(Problem(source, f"no framework for fiscal year {results_year} (the results the measures "
                                         f"answer); known years: {', '.join(map(str, builtin_years()))}"))
    return load_framework(results_year)


def _misnamed(line: str, fw: Any) -> list[tuple[int, Any]]:
    """The indicators a heading line numbers with another indicator's name ("ตัวชี้วัดที่ 2 คุณภาพการดำเนินงาน",
    indicator 6's name): each number with the indicator whose name follows it."""
    out = []
    names = {" ".join(i.name.split()): i for i in fw.indicators}
    for found in re.finditer(r"ตัวชี้วัดที่\s*([0-9๐-๙]{1,2})\s*([^,，]*)", to_arabic(line)):
        number, said = int(found.group(1)), " ".join(found.group(2).split())
        other = next((i for name, i in names.items() if said.startswith(name)), None)
        if other is not None and other.number != number:
            out.append((number, other))
    return out


def _import_cards(source: str, cards: list, heading: dict[str, Any], plan_year: int | None, usual_year: int | None,
                  agency_name: str | None, framework: Framework | None, drafter: Drafter,
                  rows: list[Row] | None = None) -> Imported:
    """Project cards as measures, one each (``import_table``). A section a card lacks, or that cannot be read, is left
    empty and said in ``warnings`` naming the card; a card lacking what every measure has (its steps, timeline,
    owner, outputs) is said and left out, as a table's row is. When the document numbers its projects in a summary
    table (``rows``: ลำดับ, the project's name, …) in another order than its cards come in, the measures take the
    table's numbers, and this is said (``_summary_order``)."""
    from itaplan.followup.cards import SECTION_KEYS, SECTION_NAMES, budget_of, fiscal_year_of_period, says_years

    notes: list[str] = []
    years: dict[int, list[str]] = {}
    for card in cards:
        timeline = card.text("timeline")
        year = fiscal_year_of_period(_period(timeline, 0)) if says_years(timeline) else None
        if year is not None:
            years.setdefault(year, []).append(card.title)
    if plan_year is None:
        if len(years) > 1:
            said = "; ".join(f"{year}: " + ", ".join(f"'{t}'" for t in titles) for year, titles in sorted(years.items()))
            raise InputError(Problem(source, CARDS_YEARS.format(years=said)))
        if years:
            plan_year = next(iter(years))
            notes.append(f"plan year {plan_year} (from the project cards' timeline)")
        elif usual_year is not None:
            plan_year = usual_year
        elif "year" in heading:
            plan_year = heading["year"][0]
            notes.append(f"plan year {plan_year} (from line {heading['year'][1]})")
        else:
            raise InputError(Problem(source, "no fiscal year found for the measures: give --plan-year YEAR (the year "
                                             "they run in, e.g. 2568)"))
    else:
        notes.append(f"plan year {plan_year}")
        for year, titles in sorted(years.items()):
            if year != plan_year:
                notes.append(f"the timeline of the project cards {', '.join(repr(t) for t in titles)} is of fiscal "
                             f"year {year}, not {plan_year}")
    name = agency_name or heading.get("agency")
    if not name:
        raise InputError(Problem(source, "no agency name found in the heading: give --agency NAME"))
    results_year = plan_year - 1
    fw = framework or _answered_framework(source, results_year)
    not_understood: list[str] = []
    warnings: list[str] = []
    kept: list[Measure] = []
    for card in cards:
        where = f"{source} (line {card.line})"
        lists = card.result_lists
        evidence = [*lists.get("outputs", []), *lists.get("outcomes", []), *lists.get("kpi", [])]
        measure: dict[str, Any] = {
            "id": f"imported-{len(kept) + 1}", "indicator": None, "indicator_from": "none", "codes": [],
            "title": card.title, "method": card.items("method"), "timeline": card.text("timeline"),
            "evidence": evidence, "owner": re.sub(r"/\s+", "/", card.text("owner")), "rules": [], "status": "kept",
            "imported_from": where,
        }
        missing = [SECTION_NAMES[f] for f, v in (("method", measure["method"]), ("timeline", measure["timeline"]),
                                                 ("owner", measure["owner"]), ("results", evidence)) if not v]
        if missing:
            not_understood.append(f"{where}: project card '{card.title}' has no {', '.join(missing)}; not imported")
            continue
        line_above = re.sub(r"ตัวชี้วัด\s*ที่\s*([0-9๐-๙]{1,2})\.?", r"ตัวชี้วัดที่ \1 ", card.indicator_line)
        above, _, _ = _indicator_said(line_above, fw) if card.indicator_line else (set(), [], "")
        _, codes, _ = _indicator_said(card.title, fw)
        measure["codes"] = codes
        m = measure
        if above:
            # a card may serve several indicators ("ตัวชี้วัดที่ ๑ …, ตัวชี้วัดที่ ๒ …"): all of them, as a drafted
            # measure keeps them, its own the first the line names (a line cut short names no more than it holds)
            named = [int(n) for n in _INDICATOR_NO.findall(to_arabic(line_above))]
            ordered = list(dict.fromkeys([n for n in named if n in above] + sorted(above)))
            measure["indicator"], measure["indicator_from"] = ordered[0], "row_above"
            if len(ordered) > 1:
                measure["indicators"] = sorted(ordered)
            for number, other in _misnamed(line_above, fw):  # the number kept as written, the slip said
                # kept on the measure too, so that the report on it recalls the doubt while the officer has not
                # settled it (review's [i] or the web's form removes it); the import's own warning is said once
                measure["indicator_doubt"] = {"kept": number, "name_of": other.number}
                if len(ordered) > 1:  # one of several the measure serves, said as the plan file holds them
                    served = ", ".join(str(n) for n in sorted(ordered))
                    warnings.append(f"{where}: project card '{card.title}': the line above it names indicator "
                                    f"{number} '{other.name}', which is the name of indicator {other.number}; "
                                    f"indicator {number} was kept as written among the indicators it serves "
                                    f"({served}): check which it serves")
                else:
                    warnings.append(f"{where}: project card '{card.title}': the line above it names indicator {number} "
                                    f"'{other.name}', which is the name of indicator {other.number}; indicator {number} "
                                    "was kept as written: check which it serves")
        else:
            notes.append(f"measure '{m['title']}' ({where}) names no indicator; imported with no indicator")
        project: dict[str, Any] = {"name": card.title}
        unread: list[str] = []
        rationale = card.paragraphs("rationale")
        if rationale:
            project["rationale"] = rationale
        else:
            unread.append(SECTION_NAMES["rationale"])
        for key, value in (("objectives", card.items("objectives")),
                           ("target_group", "; ".join(card.items("target_group")))):
            if value:
                project[key] = value
            else:
                unread.append(SECTION_NAMES[key])
        if card.text("area"):
            project["area"] = card.text("area")
        for key in ("outputs", "outcomes", "kpi"):
            if lists.get(key):
                project[key] = lists[key]
        read, amount = budget_of(card.text("budget"))
        if read:
            project["budget"], project["budget_source"] = amount, "agency"  # the card's own word: none, or its sum
            project.pop("budget_unset", None)
        else:
            unread.append(SECTION_NAMES["budget"])
        measure["project"] = project
        title = card.title
        for section in unread:
            typed = card.text(SECTION_KEYS[section])
            warnings.append(f"{where}: project card '{title}': its {section} section ('{typed}') could not be read; "
                            "left empty" if typed else
                            f"{where}: project card '{title}': its {section} section is missing or empty; left empty")
        period = _period(measure["timeline"], plan_year)
        if period:
            measure["period"] = {"start": period[0], "end": period[1]}
        else:
            notes.append(f"{where}: timeline '{m['timeline']}' kept as written (not read as months)")
        kept.append(cast(Measure, measure))
    numbered = _summary_order(rows or [], kept)
    if numbered:
        kept = numbered
        for number, renumbered in enumerate(kept, start=1):
            renumbered["id"] = f"imported-{number}"
        notes.append(f"the measures are numbered as in the document's summary table (its ลำดับ), where the project "
                     "cards come in another order: measure N (progress --measure N) is the table's number N")
    plan = drafter(score(Results(source, fw, Agency(name=name, district=heading.get("district", ""),
                                                   province=heading.get("province", "")))), plan_year)
    plan["measures"] = kept
    plan["imported"] = {"source": source, "not_understood": not_understood, "notes": [*notes, *warnings],
                        "table": table_key(kept)}
    return Imported(plan, not_understood, notes, warnings)


def _title_key(text: str) -> str:
    """A project's name compared with another: its letters and digits only (quotes, spaces and brackets aside), Thai
    digits as Arabic."""
    return "".join(ch for ch in to_arabic(text) if ch.isalnum()).lower()


_ORDINAL = re.compile(r"\s*([0-9๐-๙]{1,3})\.?\s*$")


def _summary_order(rows: list[Row], measures: list[Measure]) -> list[Measure] | None:
    """The measures in the order of the document's summary table, when it has one that names every card's project
    by a number of its own (ลำดับ 1, 2, … beside the project's name: seed 004's แผนปฏิบัติการ lists its 16 projects
    in a table, then prints their cards in another order) and the cards' order differs from it. None when there is no such table, it does not name every card once, or it agrees: a
    table naming only some of the cards, or one name twice, is not a numbering to trust."""
    keys = [_title_key(m["title"]) for m in measures]
    numbers: dict[int, int] = {}  # the measure's index -> its number in the table
    for row in rows:
        if row.standalone or len(row.cells) < 2:
            continue
        found = _ORDINAL.fullmatch(row.cells[0])
        if not found:
            continue
        name = _title_key(row.cells[1])
        if len(name) < 6:
            continue
        matches = [i for i, key in enumerate(keys) if key == name or len(key) >= 6 and (key in name or name in key)]
        if len(matches) != 1 or matches[0] in numbers:
            continue
        numbers[matches[0]] = int(to_arabic(found.group(1)))
    if len(numbers) != len(measures) or len(measures) < 2 or len(set(numbers.values())) != len(measures):
        return None
    order = sorted(range(len(measures)), key=lambda i: numbers[i])
    if order == list(range(len(measures))):
        return None
    return [measures[i] for i in order]


def as_action_plan(plan: Plan) -> None:
    """Marks a plan imported from an anti-corruption action plan (แผนปฏิบัติการป้องกันการทุจริต) as one: its report is
    the action plan's, published under the action plan's own OIT item (o26 in FY2568, O24 in FY2569), not the
    report on the measures (o28, O26) the drafting set."""
    target = report_target(plan["plan_year"], action_plan=True)
    old_note = plan.pop("report_assumption_th", None)
    plan.pop("report_assumption", None)
    plan["assumptions"] = [a for a in plan.get("assumptions", []) if a != old_note]
    plan["imported"]["kind"] = "action_plan"
    plan["report_item"], plan["report_year"] = target.item, target.year
    if target.assumption:
        plan["report_assumption"] = target.assumption


TABLE_FIELDS = ("indicator", "codes", "title", "method", "timeline", "evidence", "owner")


def table_key(measures: list) -> str:
    """What two imports of the same measures table share, whatever the file was called: a digest of its measures'
    texts as they were imported (kept in the plan, so that editing them later does not hide a second import)."""
    rows = [[m.get(f) for f in TABLE_FIELDS] for m in measures]
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()[:32]


def imported_key(plan: Plan) -> tuple | None:
    """The agency, year and measures table a plan was imported from; None for a plan drafted from results. A plan
    imported before the digest was kept is known by its measures from the table as they are now."""
    imported = plan.get("imported")
    if not imported:
        return None
    table = imported.get("table") or table_key([m for m in plan["measures"] if m.get("imported_from")])
    return ((plan.get("agency") or {}).get("name"), plan.get("plan_year"), table)


@dataclass(frozen=True)
class YearOff:
    """Imported measures that are not last year's: the report published this year is on last year's measures, and
    the report on these was (or will be) published in the year after theirs."""

    year: int  # the year the measures ran in (the plan's year)
    due: int  # the year the report on them is published: the one after
    now: int  # the fiscal year that runs now (thai.today())
    last: int  # the year whose measures this year's report is on

    @property
    def over(self) -> bool:
        """The year the report on them was due in is over."""
        return self.due < self.now


def imported_year_off(plan: Plan) -> YearOff | None:
    """For a plan imported for the report on last year's measures whose year is not the one before the year that
    runs now (seed 000's FY2568 measures imported in FY2570): the years to say; None when they are last year's."""
    year = plan.get("plan_year")
    now = thai.fiscal_year_of(thai.today())
    if not plan.get("imported") or not isinstance(year, int) or year == now - 1:
        return None
    return YearOff(year=year, due=year + 1, now=now, last=now - 1)
