"""Reading an agency's results: YAML, JSON, CSV, XLSX, or text pasted from an ITAS report.

Every problem is collected and reported at once, each naming the file and its line or row.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from itaplan.base.errors import InputError, Problem
from itaplan.base.i18n_composed import N_
from itaplan.ita.framework import Framework, builtin_years, load_framework, normalize_code
from itaplan.ita.results import Agency, QuestionScore, Results
from itaplan.base.thai import parse_number, to_arabic
from itaplan.base.yamlio import LineDict, LineList, loads, read_text


def _load_vocabulary() -> dict:
    path = Path(__file__).with_name("vocabulary.yaml")
    return loads(path.read_text(encoding="utf-8"), str(path), cache_small=True)  # parsed once, then from the cache


VOCAB = _load_vocabulary()
YES = set(VOCAB["answers"]["yes"])
NO = set(VOCAB["answers"]["no"])
META_KEYS = {"fiscal_year", "framework", "agency", "agency_type", "district", "province", "total"}
# every spelling of a metadata key (Thai or English) -> the key
META_ALIASES = {alias.lower(): key for key, aliases in VOCAB["meta_keys"].items() for alias in aliases}
COLUMN_ALIASES = {
    "code": "code", "รหัส": "code", "ข้อ": "code", "question": "code",
    "score": "score", "คะแนน": "score", "value": "score",
    "part": "part", "ส่วนที่": "part", "ส่วน": "part", "eit_part": "part",
    **{alias: key for alias, key in META_ALIASES.items() if key in META_KEYS},
}
MAX_ROWS = 200_000
_PART_WORD = re.compile(rf"^\s*(?:{'|'.join(map(re.escape, VOCAB['part_words']))})\s*", re.IGNORECASE)


class _Collector:
    def __init__(self, source: str, what: str = "line"):
        self.source = source
        self.what = what
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []

    def add(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.source, message, line, what=self.what))

    def warn(self, line: int | None, message: str) -> None:
        self.warnings.append(Problem(self.source, message, line, what=self.what))

    def raise_if_any(self) -> None:
        if self.problems:
            raise InputError(self.problems)


_SCORES: dict[str, float] = {}  # a score as written -> as read, for the numbers that were scores: a national
# table writes a few thousand spellings ("87.53") over a million rows


def parse_score(value: Any, oit: bool, col: _Collector, line: int | None, code: str) -> float | None:
    """A 0-100 score; OIT items may also be answered yes/no, มี/ไม่มี, true/false."""
    if type(value) is str:
        known = _SCORES.get(value)
        if known is not None:
            return known
    if isinstance(value, bool):
        if not oit:
            col.add(line, f"{code}: a yes/no answer is only for OIT items; give a score from 0 to 100")
            return None
        return 100.0 if value else 0.0
    if isinstance(value, (int, float)):
        number: float | None = float(value)
    elif isinstance(value, str):
        word = value.strip().lower()
        if word in YES or word in NO:
            if not oit:
                col.add(line, f"{code}: '{value}' is only an answer for OIT items; give a score from 0 to 100")
                return None
            return 100.0 if word in YES else 0.0
        number = parse_number(value)
    else:
        number = None
    if number is None or number != number:  # NaN
        col.add(line, f"{code}: '{value}' is not a score (give a number from 0 to 100)")
        return None
    if not 0 <= number <= 100:
        col.add(line, f"{code}: score {value} is outside 0-100")
        return None
    if type(value) is str:
        if len(_SCORES) >= 65536:
            _SCORES.clear()
        _SCORES[value] = number
    return number


def _year(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if type(value) is str:
        return _year_of_text(value)
    return _year_of_text(str(value))


@lru_cache(maxsize=1024)  # a table repeats a few spellings (parts 1 and 2, one year) on every row
def _year_of_text(value: str) -> int | None:
    text = to_arabic(value).strip()
    text = re.sub(r"^(พ\.ศ\.|FY|fy)\s*", "", text)
    # ASCII digits only, and few of them: '2568²' passes str.isdigit() but not int(), and int() refuses
    # 4,301 digits or more
    return int(text) if re.fullmatch(r"[0-9]{1,6}", text) else None


class _Builder:
    """Gathers rows (from any format) into Results, checking them against the framework."""

    def __init__(self, framework: Framework, col: _Collector):
        self.fw = framework
        self.col = col
        self.questions: list[QuestionScore] = []
        self.seen: dict[tuple[str, int | None], int | None] = {}

    def question(self, raw_code: Any, raw_score: Any, raw_part: Any, line: int | None) -> None:
        read = self.read_codes.get((raw_code, raw_part)) if type(raw_code) is str and type(raw_part) is str else None
        if read is not None:  # a spelling of code and part this framework read before, and took
            code, part = read
        else:
            checked = self._code_and_part(raw_code, raw_part, line)
            if checked is None:
                return
            code, part = checked
            if type(raw_code) is str and type(raw_part) is str and len(self.read_codes) < 4096:
                self.read_codes[(raw_code, raw_part)] = checked
        score = parse_score(raw_score, self.fw.questions[code].tool == "OIT", self.col, line, code)
        if score is None:
            return
        key = (code, part)
        if key in self.seen:
            where = f" (first on {self.col.what} {self.seen[key]})" if self.seen[key] else ""
            label = f"{code} part {part}" if part else code
            self.col.add(line, f"{label} is given twice{where}")
            return
        other = (code, None) if part else None
        if part is None and ((code, 1) in self.seen or (code, 2) in self.seen) or other and other in self.seen:
            self.col.add(line, f"{code} is given both with and without an EIT part; give parts 1 and 2, or neither")
            return
        self.seen[key] = line
        self.questions.append(QuestionScore(code, score, part, line))

    @property
    def read_codes(self) -> dict[tuple[str, str], tuple[str, int | None]]:
        """(code, part) as written -> as read, for this framework: a table spells the same few hundred on every
        agency's rows. Kept on the framework (a framework is never changed once loaded)."""
        return self.fw.__dict__.setdefault("_read_codes", {})

    def _code_and_part(self, raw_code: Any, raw_part: Any, line: int | None) -> tuple[str, int | None] | None:
        """The framework's code and the EIT part (or None) of a row, or None with the problem added."""
        norm = normalize_code(raw_code)
        code = self.fw.lookup(norm) if norm else None
        if code is None:
            self.col.add(line, f"unknown code '{raw_code}' for fiscal year {self.fw.fiscal_year}; "
                               f"{self._code_hint(norm)}")
            return None
        part = None
        if raw_part not in (None, ""):
            part_no = _year(_PART_WORD.sub("", raw_part) if type(raw_part) is str else raw_part)  # "ส่วนที่ ๑" is 1
            if not self.fw.two_parts:
                self.col.add(line, f"{code}: fiscal year {self.fw.fiscal_year} has no EIT parts; remove the part")
                return None
            if self.fw.questions[code].tool != "EIT":
                self.col.add(line, f"{code}: only EIT questions have parts")
                return None
            if part_no not in (1, 2):
                self.col.add(line, f"{code}: part must be 1 or 2, not '{raw_part}'")
                return None
            part = part_no
        return code, part

    def _code_hint(self, norm: str | None) -> str:
        if norm is None:
            return N_("codes look like i1, e9, o12")
        tool = {"i": "IIT", "e": "EIT", "o": "OIT"}[norm[0]]
        codes = self.fw.codes_of_tool(tool)
        if not codes:
            return N_("that year has no such tool")
        return N_("{tool} codes of that year are {first}–{last}").format(tool=tool, first=codes[0], last=codes[-1])

    def indicator(self, raw_number: Any, raw_score: Any, line: int | None, into: dict[int, float]) -> None:
        number = _year(raw_number)
        if number is None or not 1 <= number <= 10:
            self.col.add(line, f"'{raw_number}' is not an indicator number (1-10)")
            return
        score = parse_score(raw_score, False, self.col, line, f"indicator {number}")
        if score is not None:
            if number in into:
                self.col.add(line, f"indicator {number} is given twice")
                return
            into[number] = score


YEAR_ADVICE = {
    "yaml": "add 'fiscal_year: 2568' (Buddhist era)",
    "csv": "add a row 'ปีงบประมาณ,2568' (or a fiscal_year column holding 2568 on every row)",
    "xlsx": "add a row with ปีงบประมาณ in the code column and 2568 in the score column (or a fiscal_year column)",
    "text": "add a line 'ปีงบประมาณ พ.ศ. 2568' (or 'fiscal_year: 2568')",
    "batch": "add a fiscal_year (or ปีงบประมาณ) column holding 2568 on the agency's rows",
}


def _pick_framework(year_value: Any, framework: Framework | None, col: _Collector, line: int | None,
                    syntax: str = "yaml") -> Framework:
    if framework is not None:
        return framework
    if year_value is None:
        col.add(line, f"no fiscal year found: {YEAR_ADVICE[syntax]} or use --framework YEAR")
        col.raise_if_any()
    year = _year(year_value)
    if year is None:
        col.add(line, f"'{year_value}' is not a fiscal year (write it in Buddhist era, e.g. 2568)")
        col.raise_if_any()
    try:
        return load_framework(year)
    except InputError as exc:
        col.add(line, exc.problems[0].message)
        col.raise_if_any()
        raise


def _agency(value: Any, col: _Collector, line: int | None) -> Agency:
    if value is None:
        return Agency()
    if isinstance(value, str):
        return Agency(name=value.strip())
    if not isinstance(value, dict):
        col.add(line, "'agency' must be a name or a mapping with name, type, district, province")
        return Agency()
    departments = value.get("departments") or {}
    if not isinstance(departments, dict):
        col.add(line, "'agency.departments' must map a role (e.g. finance) to the unit's name (e.g. กองคลัง)")
        departments = {}
    staff = value.get("staff")
    if staff is not None and (isinstance(staff, bool) or not isinstance(staff, int) or staff < 1):
        col.add(_line_of(value, "staff", line), f"'agency.staff' must be the number of personnel (a whole number), "
                                                f"not {staff!r}")
        staff = None
    budgets = value.get("budgets") or {}
    if not isinstance(budgets, dict):
        col.add(_line_of(value, "budgets", line), "'agency.budgets' must map a measure id to its budget in baht "
                                                  "(e.g. e-service: 30000)")
        budgets = {}
    clean_budgets: dict[str, float] = {}
    for key, amount in budgets.items():
        number = parse_number(str(amount)) if not isinstance(amount, bool) else None
        if number is None or number < 0:
            col.add(_line_of(budgets, key, line), f"'agency.budgets.{key}' must be an amount in baht (0 or more), "
                                                  f"not {amount!r}")
            continue
        clean_budgets[str(key)] = number
    signatories: dict[str, dict[str, str]] = {}
    raw_signatories = value.get("signatories") or {}
    roles = ("prepared", "proposed", "approved", "reporter", "acknowledged")
    if not isinstance(raw_signatories, dict):
        col.add(_line_of(value, "signatories", line), "'agency.signatories' must map a role (" + ", ".join(roles)
                + ") to {name, position}")
        raw_signatories = {}
    for role, person in raw_signatories.items():
        where = _line_of(raw_signatories, role, line)
        if role not in roles:
            col.add(where, f"'agency.signatories.{role}' is not a role of the sign-off (use {', '.join(roles)})")
        elif not isinstance(person, dict) or not set(person) <= {"name", "position"}:
            col.add(where, f"'agency.signatories.{role}' must be a mapping with name and position")
        else:
            signatories[str(role)] = {k: str(v).strip() for k, v in person.items() if v}
    return Agency(name=str(value.get("name") or "").strip(), type=str(value.get("type") or "").strip(),
                  signatories=signatories,
                  district=str(value.get("district") or "").strip(), province=str(value.get("province") or "").strip(),
                  departments={str(k): str(v) for k, v in departments.items()}, staff=staff, budgets=clean_budgets)


def _line_of(node: Any, key: Any, default: int | None) -> int | None:
    return node.line_of(key) if isinstance(node, LineDict) and key in node else default


def from_mapping(data: Any, source: str, framework: Framework | None = None, *, nested: bool = False,
                 default_year: int | None = None) -> Results:
    """Results from the canonical YAML/JSON form (see DESIGN.md, 'Results input')."""
    col = _Collector(source)
    if not isinstance(data, dict):
        raise InputError(Problem(source, "results must be a mapping with fiscal_year and questions (see examples/)"))
    ln = data.line_of if isinstance(data, LineDict) else (lambda key: None)
    unknown = set(data) - META_KEYS - {"questions", "indicators", "tools", "previous", "notes"}
    for key in sorted(map(str, unknown)):
        col.add(ln(key), f"unknown field '{key}' (expected fiscal_year, agency, questions, indicators, tools, total, "
                         "previous)")
    year_value = data.get("framework", data.get("fiscal_year", default_year))
    if nested and framework is None and not data.get("questions") and _year(year_value) and _year(year_value) not in builtin_years():
        raise InputError(Problem(source, f"previous: no framework for fiscal year {year_value}; give last year's "
                                         "indicator scores under the current year's framework", ln("fiscal_year")))
    fw = _pick_framework(year_value, framework, col, ln("fiscal_year") if "fiscal_year" in data else getattr(data, "line", None))
    builder = _Builder(fw, col)
    questions = data.get("questions")
    if isinstance(questions, dict):
        for code, value in questions.items():
            line = questions.line_of(code) if isinstance(questions, LineDict) else None
            if isinstance(value, dict):  # e9: {1: 66, 2: 70}
                for part, score in value.items():
                    builder.question(code, score, str(part).replace("part", ""), line)
            else:
                builder.question(code, value, None, line)
    elif isinstance(questions, list):
        for i, row in enumerate(questions):
            line = questions.line_of(i) if isinstance(questions, LineList) else None
            if not isinstance(row, dict) or "code" not in row or "score" not in row:
                col.add(line, "each question row needs 'code' and 'score' (and 'part' for EIT parts)")
                continue
            builder.question(row["code"], row["score"], row.get("part"), line)
    elif questions is not None:
        col.add(ln("questions"), "'questions' must be a mapping code: score, or a list of rows")
    indicators: dict[int, float] = {}
    raw_ind = data.get("indicators")
    if isinstance(raw_ind, dict):
        for number, value in raw_ind.items():
            builder.indicator(number, value, raw_ind.line_of(number) if isinstance(raw_ind, LineDict) else None, indicators)
    elif raw_ind is not None:
        col.add(ln("indicators"), "'indicators' must map indicator numbers (1-10) to scores")
    tools = _given_tools(data.get("tools"), fw, col, ln("tools"))
    total = None
    if data.get("total") is not None:
        total = parse_score(data["total"], False, col, ln("total"), "total")
    previous = None
    if data.get("previous") is not None and not nested:
        prev = data["previous"]
        if isinstance(prev, dict):
            prev_year = _year(prev.get("fiscal_year", fw.fiscal_year - 1))
            carrier = fw if (prev_year not in builtin_years() and not prev.get("questions")) else None
            try:
                previous = from_mapping(prev, source, carrier, nested=True, default_year=fw.fiscal_year - 1)
                previous.framework_stand_in = carrier is not None
                if carrier is not None:
                    previous.notes.append(str(prev_year))
            except InputError as exc:
                col.problems.extend(Problem(p.source, f"previous: {p.message}", p.line, p.column, p.what)
                                    for p in exc.problems)
        else:
            col.add(ln("previous"), "'previous' must be a mapping with fiscal_year, indicators and total")
    if not builder.questions and not indicators and not nested and not col.problems:
        col.add(None, "no scores: give 'questions' (code: score) or 'indicators' (number: score)")
    agency = _agency(data.get("agency"), col, ln("agency"))
    col.raise_if_any()
    return Results(source, fw, agency, builder.questions, indicators, total, previous, tools=tools)


TOOL_NAMES = {"iit": "IIT", "eit": "EIT", "eit1": "EIT1", "eit2": "EIT2", "oit": "OIT"}


def given_tool_rows(rows: Iterable[tuple[int | None, Any, Any]], fw: Framework, col: _Collector) -> dict[str, float]:
    """Tool scores given one per row or line (number, tool name, score), each tool once."""
    tools: dict[str, float] = {}
    for number, name, score in rows:
        for tool, value in _given_tools({name: score}, fw, col, number).items():
            if tool in tools:
                col.add(number, f"the {tool} score is given twice")
            tools[tool] = value
    return tools


def _given_tools(raw: Any, fw: Framework, col: _Collector, line: int | None) -> dict[str, float]:
    """Tool scores as the report prints them: IIT, EIT (EIT1 and EIT2 in years with two parts), OIT."""
    if raw is None:
        return {}
    allowed = ["IIT", "EIT", "EIT1", "EIT2", "OIT"] if fw.two_parts else ["IIT", "EIT", "OIT"]
    if not isinstance(raw, dict):
        col.add(line, f"'tools' must map tool names ({', '.join(allowed)}) to scores")
        return {}
    out: dict[str, float] = {}
    for key, value in raw.items():
        name = TOOL_NAMES.get(str(key).replace(" ", "").replace("_", "").lower())
        where = raw.line_of(key) if isinstance(raw, LineDict) else line
        if name not in allowed:
            col.add(where, f"tools: '{key}' is not a tool of fiscal year {fw.fiscal_year} (use {', '.join(allowed)})")
            continue
        score = parse_score(value, False, col, where, f"tools: {name}")
        if score is not None:
            out[name] = score
    return out


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
    col = _Collector(source, what)
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
                meta[name] = (row.get("score"), number)
            elif name == "level":
                continue
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
    fw = _pick_framework(year_value, framework, col, year_row, syntax)
    builder = _Builder(fw, col)
    for number, row in data_rows:
        builder.question(row.get("code"), row.get("score"), row.get("part"), number)
    indicators: dict[int, float] = {}
    for number, ind, score in indicator_rows:
        builder.indicator(ind, score, number, indicators)
    tools = given_tool_rows(tool_rows, fw, col)
    total = None
    if "total" in meta and meta["total"][0] not in (None, ""):
        total = parse_score(meta["total"][0], False, col, meta["total"][1], "total")
    agency = Agency(**{k: str(meta[key][0]).strip() for key, k in
                       (("agency", "name"), ("agency_type", "type"), ("district", "district"), ("province", "province"))
                       if key in meta and meta[key][0] is not None})
    if not builder.questions and not indicators and not tools and not col.problems:
        col.add(None, "no scores: the table needs rows with a code and a score")
    col.raise_if_any()
    return Results(source, fw, agency, builder.questions, indicators, total, tools=tools)


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
    rows = [(n, {k: clean(c) for k, c in zip(names, row) if k}) for n, row in numbered[index + 1:]]
    return names, preamble + rows


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
    from itaplan.ita.pasted import from_text as read_pasted

    return read_pasted(text, source, framework)


def from_document(path: str | Path, framework: Framework | None = None) -> Results:
    """Results from a PDF or Word file: its text (tables as tab-separated rows) read as pasted text, every
    problem pointed at its page and line, paragraph or table row."""
    from itaplan.base.documents import read_document

    doc = read_document(path)
    try:
        results = from_text(doc.text, doc.source, framework)
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


def load_results(path: str | Path, framework: Framework | None = None) -> Results:
    """Load one agency's results from a file, by its extension."""
    p = Path(path)
    source = str(p)
    suffix = p.suffix.lower()
    if suffix in (".pdf", ".docx"):
        return from_document(p, framework)
    if suffix == ".xlsx":
        _, rows = xlsx_rows(p)
        return from_rows(rows, source, framework, syntax="xlsx")
    text = read_text(p)
    if suffix == ".csv":
        _, rows = csv_rows(text, source)
        return from_rows(rows, source, framework)
    if suffix in (".txt", ".text"):
        return from_text(text, source, framework)
    if suffix in (".yaml", ".yml", ".json"):
        return from_mapping(loads(text, source), source, framework)
    try:
        data = loads(text, source)
    except InputError:
        data = None
    if isinstance(data, dict):
        return from_mapping(data, source, framework)
    return from_text(text, source, framework)
