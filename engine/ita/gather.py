"""Gathering an agency's results from any format: the readers' vocabulary (vocabulary.yaml), the collector that
reports every problem at once with its line, the builder of questions, and the canonical YAML/JSON mapping.

The table readers (``loader``) and the pasted-text reader (``pasted``) both build on this module.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from itaplan.base import thai
from itaplan.base.errors import InputError, Problem
from itaplan.base.i18n_composed import N_
from itaplan.base.thai import parse_date, parse_number, to_arabic
from itaplan.base.yamlio import LineDict, LineList, loads
from itaplan.ita.framework import Framework, builtin_years, held_results_year, load_framework, normalize_code
from itaplan.ita.results import Agency, QuestionScore, Results


def _load_vocabulary() -> dict:
    path = Path(__file__).with_name("vocabulary.yaml")
    return loads(path.read_text(encoding="utf-8"), str(path), cache_small=True)  # parsed once, then from the cache


VOCAB = _load_vocabulary()
YES = set(VOCAB["answers"]["yes"])
NO = set(VOCAB["answers"]["no"])
META_KEYS = {"fiscal_year", "framework", "agency", "agency_type", "district", "province", "total", "level", "label"}
# every spelling of a metadata key (Thai or English) -> the key
META_ALIASES = {alias.lower(): key for key, aliases in VOCAB["meta_keys"].items() for alias in aliases}
COLUMN_ALIASES = {
    "code": "code", "รหัส": "code", "ข้อ": "code", "question": "code",
    "score": "score", "คะแนน": "score", "value": "score",
    "part": "part", "ส่วนที่": "part", "ส่วน": "part", "eit_part": "part",
    **{alias: key for alias, key in META_ALIASES.items() if key in META_KEYS},
}
MAX_ROWS = 200_000
# assessments whose results itaplan does not read (vocabulary.yaml: other_assessments), as the officer is told
OTHER_ASSESSMENTS = {
    "moph": N_("the Ministry of Public Health's own ITA of its hospitals and health offices (MOIT1–MOIT22)"),
    "vocational": N_("the vocational colleges' own ITA (O1–O23) of the Office of the Vocational Education "
                     "Commission"),
}
_OTHER_CODES = {key: re.compile(v["codes"]) for key, v in VOCAB["other_assessments"].items() if v.get("codes")}
_OTHER_AGENCIES = {key: tuple(v["agencies"]) for key, v in VOCAB["other_assessments"].items()}


def other_assessment(code: Any = None, agency: Any = None) -> str | None:
    """The key of another assessment (OTHER_ASSESSMENTS) that a code as written or an agency's name belongs to."""
    if isinstance(code, str):
        written = code.replace(" ", "").upper()
        for key, pattern in _OTHER_CODES.items():
            if pattern.match(written):
                return key
    if isinstance(agency, str):
        for key, words in _OTHER_AGENCIES.items():
            if any(word in agency for word in words):
                return key
    return None


def refuse_other_assessment(col: Collector, line: int | None, key: str) -> None:
    """One problem saying the input is another assessment's results, which itaplan does not read."""
    assessment = OTHER_ASSESSMENTS[key]
    col.add(line, f"these are results of {assessment}, not of the NACC's ITA that itaplan reads (codes i1, e9, o12, "
                  "as ITAS reports them); give the NACC's results of the agency")
_PART_WORD = re.compile(rf"^\s*(?:{'|'.join(map(re.escape, VOCAB['part_words']))})\s*", re.IGNORECASE)


class Collector:
    def __init__(self, source: str, what: str = "line"):
        self.source = source
        self.what = what
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []

    def add(self, line: int | None, message: str, column: int | None = None) -> None:
        self.problems.append(Problem(self.source, message, line, column, what=self.what))

    def warn(self, line: int | None, message: str) -> None:
        self.warnings.append(Problem(self.source, message, line, what=self.what))

    def raise_if_any(self) -> None:
        if self.problems:
            raise InputError(self.problems)


_SCORES: dict[str, float] = {}  # a score as written -> as read, for the numbers that were scores: a national
# table writes a few thousand spellings ("87.53") over a million rows


def parse_score(value: Any, oit: bool, col: Collector, line: int | None, code: str) -> float | None:
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


class Builder:
    """Gathers rows (from any format) into Results, checking them against the framework."""

    def __init__(self, framework: Framework, col: Collector):
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
            self.col.add(line, given_twice(code, part, self.col.what, self.seen[key]))
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
            other = other_assessment(code=raw_code)
            if other is not None:
                if not self.col.__dict__.get("_refused_other"):  # said once for the whole input
                    self.col.__dict__["_refused_other"] = True
                    refuse_other_assessment(self.col, line, other)
                return None
            self.col.add(line, f"unknown code '{raw_code}' for fiscal year {self.fw.fiscal_year}; "
                               f"{self._code_hint(norm, raw_code)}")
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

    def _code_hint(self, norm: str | None, raw_code: Any = None) -> str:
        if norm is None:
            digits = str(raw_code).strip()
            if digits.isdigit() and self.fw.lookup(f"o{int(digits)}"):  # 010 typed for o10: a zero for the letter
                return N_("codes look like i1, e9, o12; did you mean {code} (the letter o, not a zero)?").format(
                    code=f"o{int(digits)}")
            return N_("codes look like i1, e9, o12")
        tool = {"i": "IIT", "e": "EIT", "o": "OIT"}[norm[0]]
        codes = self.fw.codes_of_tool(tool)
        if not codes:
            return N_("that year has no such tool")
        return N_("the {tool} codes of that year are {first}–{last}").format(tool=tool, first=codes[0], last=codes[-1])

    def another_years_oit(self, line: int | None) -> None:
        """Warn when the OIT items given are, number for number, another year's whole OIT list and leave some of this
        year's without a score (FY2569's O1–O26 under fiscal_year: 2568, whose list is o1–o28): the codes look like
        that year's. Said only when the evidence is clear: every item of the other list given, nothing beyond it."""
        def numbers(codes: Iterable[str]) -> set[int]:
            return {int(c[1:]) for c in codes if c[1:].isdigit()}
        this = numbers(self.fw.codes_of_tool("OIT"))
        given = numbers(q.code for q in self.questions if self.fw.questions[q.code].tool == "OIT")
        if len(given) < 2 or not given < this:
            return
        years = []
        for year in builtin_years():
            if year != self.fw.fiscal_year:
                codes = load_framework(year).codes_of_tool("OIT")
                if numbers(codes) == given:
                    years.append((year, codes))
        if not years:
            return
        mine = self.fw.codes_of_tool("OIT")
        missing = [c for c in mine if int(c[1:]) not in given]
        other = " / ".join(str(year) for year, _ in years)
        self.col.warn(line, N_("the OIT items given, {given}, are the whole OIT list of FY{other}, not of FY{year} "
                               "({first}–{last}; no score for {missing}): the codes look like that year's; check the "
                               "fiscal year").format(
            given=f"{years[0][1][0]}–{years[0][1][-1]}", other=other, year=self.fw.fiscal_year, first=mine[0],
            last=mine[-1], missing=", ".join(missing)))

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


# each with the year of the latest results an agency holds today (``held_results_year``) as its example
YEAR_ADVICE = {
    "yaml": N_("add 'fiscal_year: {year}' (Buddhist era)"),
    "csv": N_("add a row 'ปีงบประมาณ,{year}' (or a fiscal_year column holding {same_year} on every row)"),
    "xlsx": N_("add a row with ปีงบประมาณ in the code column and {year} in the score column (or a fiscal_year column)"),
    "text": N_("add a line 'ปีงบประมาณ พ.ศ. {year}' (or 'fiscal_year: {same_year}')"),
    "batch": N_("add a fiscal_year (or ปีงบประมาณ) column holding {year} on the agency's rows"),
}


class NoFiscalYear(InputError):
    """Results that say no fiscal year (and no framework was given): ``syntax`` says what kind of input, so
    that an interface can say what to add in its own terms (the command line's --framework, the web's form)."""

    def __init__(self, problems: list[Problem], syntax: str = "yaml"):
        super().__init__(problems)
        self.syntax = syntax

    def __reduce__(self) -> tuple:  # pickled whole (batch and the web app read in worker processes)
        return (type(self), (self.problems, self.syntax))


class YearContradicted(InputError):
    """Results read as of a fiscal year that was asked for (``--framework``, the web's form) while they name another:
    read as the year asked, every code of the other year's framework would be refused one by one, and a code the
    two years share would be read as another question. Refused first, the two years named, so that an interface
    can say how to choose in its own terms."""

    def __init__(self, problems: list[Problem], given: int = 0, chosen: int = 0):
        super().__init__(problems)
        self.given, self.chosen = given, chosen

    def __reduce__(self) -> tuple:  # pickled whole (batch and the web app read in worker processes)
        return (type(self), (self.problems, self.given, self.chosen))


def pick_framework(year_value: Any, framework: Framework | None, col: Collector, line: int | None,
                    syntax: str = "yaml", stand_in: bool = False) -> Framework:
    """The framework of the results' year; ``framework``, when one was asked for, unless the results name another
    year (``YearContradicted``). ``stand_in``: the framework carries last year's indicators of a year that has
    none of its own, whatever year they name."""
    if framework is not None:
        given = None if year_value is None or stand_in else _year(year_value)
        chosen = framework.fiscal_year
        if given is not None and given != chosen:
            problem = Problem(col.source, f"the results give fiscal year {given}, but fiscal year {chosen} was asked "
                                          "for (--framework): leave --framework out to read them as the year they "
                                          "give, or correct the year in them", line, what=col.what)
            raise YearContradicted([problem, *col.problems], given, chosen)
        return framework
    if year_value is None:
        held = held_results_year(thai.today())
        advice = YEAR_ADVICE[syntax].format(year=held, same_year=held)
        col.add(line, f"no fiscal year found: {advice} or use --framework YEAR")
        raise NoFiscalYear(col.problems, syntax)  # the year's problem last
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


SIGNOFF_ROLES = ("prepared", "proposed", "approved", "reporter", "acknowledged")  # who signs the documents


def read_signatories(raw: Any, col: Collector, line: int | None, role_line: int | None = None
                     ) -> dict[str, dict[str, str]]:
    """``agency.signatories`` as the profile writes it: role -> {name, position, date}; a role that is not one of
    the sign-off's, a key that is not one of these, or a date that is no real date is a problem for ``col``. Names
    and positions are kept trimmed, empty ones left out; a date becomes ISO."""
    signatories: dict[str, dict[str, str]] = {}
    raw = raw or {}
    roles = SIGNOFF_ROLES
    if not isinstance(raw, dict):
        col.add(line, "'agency.signatories' must map a role (" + ", ".join(roles) + ") to {name, position}")
        return signatories
    for role, person in raw.items():
        where = _line_of(raw, role, role_line)
        if role not in roles:
            col.add(where, f"'agency.signatories.{role}' is not a role of the sign-off (use {', '.join(roles)})")
        elif not isinstance(person, dict) or not set(person) <= {"name", "position", "date"}:
            col.add(where, f"'agency.signatories.{role}' must be a mapping with name, position (and date)")
        else:
            entry = {k: str(v).strip() for k, v in person.items() if v and str(v).strip() and k != "date"}
            if person.get("date"):  # the day this person signed (the executive's approval): printed as given
                try:
                    entry["date"] = parse_date(str(person["date"])).isoformat()
                except ValueError as exc:
                    col.add(where, f"'agency.signatories.{role}.date': {exc}")
            signatories[str(role)] = entry
    return signatories


AGENCY_FIELDS = ("name", "type", "district", "province", "departments", "staff", "budgets", "signatories")
AGENCY_KEYS = set(AGENCY_FIELDS)


def _agency(value: Any, col: Collector, line: int | None) -> Agency:
    if value is None:
        return Agency()
    name = value.get("name") if isinstance(value, dict) else value
    other = other_assessment(agency=name)
    if other is not None:
        refuse_other_assessment(col, line, other)
    if isinstance(value, str):
        return Agency(name=value.strip())
    if not isinstance(value, dict):
        col.add(line, "'agency' must be a name or a mapping with name, type, district, province")
        return Agency()
    unknown = [key for key in value if str(key) not in AGENCY_KEYS]  # a mistyped key would leave its value out unseen
    for key in sorted(unknown, key=lambda k: (_line_of(value, k, line) or 0, str(k))):
        close = difflib.get_close_matches(str(key), sorted(AGENCY_KEYS), n=1, cutoff=0.6)
        typed_key, expected, where = key, ", ".join(AGENCY_FIELDS), _line_of(value, key, line)
        if close:
            near = close[0]
            col.add(where, f"unknown field 'agency.{typed_key}' (expected {expected}); did you mean '{near}'?")
        else:
            col.add(where, f"unknown field 'agency.{typed_key}' (expected {expected})")
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
    signatories = read_signatories(value.get("signatories"), col, _line_of(value, "signatories", line), line)
    return Agency(name=str(value.get("name") or "").strip(), type=str(value.get("type") or "").strip(),
                  signatories=signatories,
                  district=str(value.get("district") or "").strip(), province=str(value.get("province") or "").strip(),
                  departments={str(k): str(v) for k, v in departments.items()}, staff=staff, budgets=clean_budgets)


def given_grade(value: Any, fw: Framework, col: Collector, line: int | None, *, lenient: bool = False
                ) -> tuple[str | None, str | None]:
    """(level, label) from a 'level' or 'label' the source gives, as ITAS printed it: a level (AA-F) or one of
    the year's result labels (ผ่านดีเยี่ยม, ผ่านดี, ...). Anything else is a problem (a warning when lenient)."""
    if value is None or isinstance(value, bool) or not str(value).strip():
        return None, None
    text = " ".join(str(value).split())
    levels = [name for name, _ in fw.levels]
    labels = [rule.label for rule in fw.labels]
    if text.upper() in levels:
        return text.upper(), None
    if text in labels:
        return None, text
    known = ", ".join(levels + labels)
    if lenient:  # pasted text: the line is not read, the rest is
        col.warn(line, f"'{text}' is not a level or result label of fiscal year {fw.fiscal_year}; give one of {known}")
    else:
        col.add(line, f"'{text}' is not a level or result label of fiscal year {fw.fiscal_year}; give one of {known}")
    return None, None


def _line_of(node: Any, key: Any, default: int | None) -> int | None:
    return node.line_of(key) if isinstance(node, LineDict) and key in node else default


def from_mapping(data: Any, source: str, framework: Framework | None = None, *, nested: bool = False,
                 default_year: int | None = None) -> Results:
    """Results from the canonical YAML/JSON form (see DESIGN.md, 'Results input')."""
    col = Collector(source)
    if not isinstance(data, dict):
        raise InputError(Problem(source, "results must be a mapping with fiscal_year and questions (see examples/)"))
    ln = data.line_of if isinstance(data, LineDict) else (lambda key: None)
    unknown = set(data) - META_KEYS - {"questions", "indicators", "tools", "previous", "notes"}
    known = sorted(META_KEYS | {"questions", "indicators", "tools", "previous"})
    for key in sorted(map(str, unknown)):
        # at the key itself (a case's results are often one line, {fiscal_year: 2568, questoins: …})
        line, column = data.pos_of(key) if isinstance(data, LineDict) and key in data else (None, None)
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        if close:
            near = close[0]
            col.add(line, f"unknown field '{key}' (expected fiscal_year, agency, questions, indicators, tools, total, "
                          f"level, label, previous); did you mean '{near}'?", column)
        else:
            col.add(line, f"unknown field '{key}' (expected fiscal_year, agency, questions, indicators, tools, total, "
                          "level, label, previous)", column)
    year_value = data.get("framework", data.get("fiscal_year", default_year))
    if nested and framework is None and not data.get("questions") and _year(year_value) and _year(year_value) not in builtin_years():
        raise InputError(Problem(source, f"previous: no framework for fiscal year {year_value}; give last year's "
                                         "indicator scores under the current year's framework", ln("fiscal_year")))
    fw = pick_framework(year_value, framework, col, ln("fiscal_year") if "fiscal_year" in data else getattr(data, "line", None),
                        stand_in=nested)
    builder = Builder(fw, col)
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
    level, label = None, None
    for key in ("level", "label"):
        got = given_grade(data.get(key), fw, col, ln(key))
        level, label = level or got[0], label or got[1]
    previous = None
    if data.get("previous") is not None and not nested:
        prev = data["previous"]
        if isinstance(prev, dict):
            prev_year = _year(prev.get("fiscal_year", fw.fiscal_year - 1))
            if prev_year is not None and prev_year >= fw.fiscal_year:
                col.add(_line_of(prev, "fiscal_year", ln("previous")), not_before(prev_year, fw.fiscal_year))
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
    builder.another_years_oit(ln("fiscal_year"))
    if not builder.questions and not indicators and not nested and not col.problems:
        col.add(None, "no scores: give 'questions' (code: score) or 'indicators' (number: score)")
    agency = _agency(data.get("agency"), col, ln("agency"))
    if previous is not None and not same_agency(agency, previous.agency):
        theirs, ours = agency_words(previous.agency), agency_words(agency)
        col.add(_line_of(data["previous"], "agency", ln("previous")),
                f"previous: last year's results are of {theirs}, not of {ours}, whose results these are; give "
                "last year's results of this agency under previous:, or leave previous: out")
    col.raise_if_any()
    results = Results(source, fw, agency, builder.questions, indicators, total, previous, tools=tools, level=level,
                      label=label, year_line=ln("fiscal_year"))
    results.warnings = col.warnings
    return results


def not_before(previous_year: int, fiscal_year: int) -> str:
    """Last year's results said to be of a year that is not before the results' own: the changes would compare a
    year with itself (or with a later one), so the input is refused with what to correct."""
    usual = fiscal_year - 1
    if previous_year == fiscal_year:
        return (f"previous: fiscal year {previous_year} is the results' own year; last year's results must be of an "
                f"earlier year (usually {usual}): correct previous: fiscal_year, or the results' fiscal_year")
    return (f"previous: fiscal year {previous_year} is after the results' year {fiscal_year}; last year's results must "
            f"be of an earlier year (usually {usual}): correct previous: fiscal_year, or the results' "
            "fiscal_year")


def previous_not_before(previous_year: int, fiscal_year: int) -> str:
    """The same for a file of last year's results given apart (``--previous FILE``)."""
    usual = fiscal_year - 1
    if previous_year == fiscal_year:
        return (f"these are results of fiscal year {previous_year}, the same year as the results; last year's results "
                f"(--previous) must be of an earlier year (usually {usual}): give that year's file, or correct its "
                "fiscal year")
    return (f"these are results of fiscal year {previous_year}, after the results' year {fiscal_year}; last year's "
            f"results (--previous) must be of an earlier year (usually {usual}): give that year's file, or correct "
            "its fiscal year")


TOOL_NAMES = {"iit": "IIT", "eit": "EIT", "eit1": "EIT1", "eit2": "EIT2", "oit": "OIT"}


def given_tool_rows(rows: Iterable[tuple[int | None, Any, Any]], fw: Framework, col: Collector) -> dict[str, float]:
    """Tool scores given one per row or line (number, tool name, score), each tool once."""
    tools: dict[str, float] = {}
    for number, name, score in rows:
        for tool, value in _given_tools({name: score}, fw, col, number).items():
            if tool in tools:
                col.add(number, f"the {tool} score is given twice")
            tools[tool] = value
    return tools


def _given_tools(raw: Any, fw: Framework, col: Collector, line: int | None) -> dict[str, float]:
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


def given_twice(code: str, part: int | None, what: str, first: int | None) -> str:
    """A question given twice, each wording whole (the interface translates whole sentences, not pieces)."""
    if part and first:
        return (f"question {code} part {part} is given twice (first on row {first})" if what == "row" else
                f"question {code} part {part} is given twice (first on line {first})")
    if first:
        return (f"question {code} is given twice (first on row {first})" if what == "row" else
                f"question {code} is given twice (first on line {first})")
    return f"question {code} part {part} is given twice" if part else f"question {code} is given twice"


def name_core(name: str) -> str:
    """An agency's name without its type (องค์การบริหารส่วนตำบล, เทศบาลตำบล, อบต. …) and spaces: an อบต. that
    became a เทศบาลตำบล of the same name is the same agency."""
    text = "".join(str(name or "").split())
    kinds = sorted([*VOCAB["text"]["agency_types"], *VOCAB["text"]["agency_abbreviations"]], key=len, reverse=True)
    for kind in kinds:
        short = "".join(kind.split())
        for form in (short, short.rstrip(".")):
            if form and text.startswith(form):
                return text[len(form):].lstrip(".")
    return text


def agency_words(agency: Agency) -> str:
    """The agency as the results name it: its name, district and province when given."""
    words = [" ".join(str(agency.name or "").split()) or "?"]
    if agency.district:
        words.append(f"{VOCAB['text']['district']}{agency.district}")
    if agency.province:
        words.append(f"{VOCAB['text']['province']}{agency.province}")
    return " ".join(words)


def same_agency(here: Agency, there: Agency) -> bool:
    """Whether results of ``there`` may be another year's of ``here``: the same name without its type, the same
    province and district when both give them. A side that gives no name cannot tell: taken as the same."""
    a, b = name_core(here.name), name_core(there.name)
    if a and b and a != b:
        return False
    for key in ("province", "district"):
        word = VOCAB["text"][key]
        mine, theirs = ("".join(str(getattr(a, key) or "").split()).removeprefix(word) for a in (here, there))
        if mine and theirs and mine != theirs:
            return False
    return True


def check_last_year(agency: Agency, previous: Results, source: str, todo: str) -> None:
    """Last year's results ``previous`` (read from ``source``) for the results of ``agency``: refused (InputError)
    when they are another agency's (``same_agency``), saying both and ``todo``, what the officer can do; taken as
    this agency's, and marked so (``agency_assumed``), when either side names no agency."""
    if not same_agency(agency, previous.agency):
        theirs, ours = agency_words(previous.agency), agency_words(agency)
        raise InputError(Problem(source, f"these are the results of {theirs}, not of {ours}: last year's results "
                                         f"must be the same agency's; {todo}"))
    previous.agency_assumed = not (name_core(previous.agency.name) and name_core(agency.name))
