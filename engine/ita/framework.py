"""ITA frameworks as data: one YAML file per fiscal year, loaded and validated into a Framework."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Iterable

from itaplan.base import thai
from itaplan.base.errors import InputError, Problem
from itaplan.base.thai import fiscal_year_of, to_arabic
from itaplan.base.yamlio import LineDict, LineList, load_file

FRAMEWORK_DIR = Path(__file__).parent / "frameworks"
TOOLS = ("IIT", "EIT", "OIT")
REPORT_COVERS = ("same_year", "previous_year")
# What an OIT item reports on: information of the assessed year itself (``current``, the default), the previous
# fiscal year's results, the first six months (October to March) of the assessed year, a plan with its progress
# each quarter, or each month.
PERIODS = ("current", "previous_year", "half_year", "quarterly", "monthly")
CONFIDENCE = ("H", "M", "L")


@dataclass(frozen=True)
class Question:
    code: str
    title: str
    indicator: int
    tool: str
    subindicator: str | None
    confidence: str


@dataclass(frozen=True)
class SubIndicator:
    number: str
    name: str
    codes: tuple[str, ...]


@dataclass(frozen=True)
class Indicator:
    number: int
    name: str
    tool: str
    codes: tuple[str, ...]
    subindicators: tuple[SubIndicator, ...] = ()


@dataclass(frozen=True)
class LabelRule:
    label: str
    total_at_least: float | None = None
    tools_at_least: float | None = None
    confidence: str = "H"
    note: str | None = None
    # other readings of tools_at_least that the evidence does not rule out (ผ่านดีเยี่ยม: every tool at 85, or at
    # 95): a label is decided only where every reading gives the same one
    tools_at_least_also: tuple[float, ...] = ()


@dataclass(frozen=True)
class Assumption:
    fact: str
    confidence: str
    note: str
    note_th: str = ""  # the same in Thai, for documents


@dataclass(frozen=True)
class CheckPeriod:
    """When the assessors check OIT items on the website, in months of the fiscal year (1 = October)."""

    first: int
    last: int
    confidence: str = "L"


@dataclass
class Framework:
    fiscal_year: int
    title: str
    confidence: str
    target: float
    eit_parts: int
    weights: dict[str, float]
    levels: list[tuple[str, float]]
    labels: list[LabelRule]
    assumptions: list[Assumption]
    indicators: list[Indicator]
    measures_item: str | None
    report_item: str | None
    source: str
    report_covers: str = "same_year"  # whose measures report_item reports on: this year's or last year's
    action_plan_report_item: str | None = None  # the report on the previous year's anti-corruption action plan
    oit_check: CheckPeriod | None = None
    periods: dict[str, tuple[str, str]] = field(default_factory=dict)  # OIT code -> (period, confidence)
    wordings: dict[str, str] = field(default_factory=dict)  # code -> the question as the NACC asks it that year
    questions: dict[str, Question] = field(default_factory=dict)
    _by_lower: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def name(self) -> str:
        return str(self.fiscal_year)

    @property
    def two_parts(self) -> bool:
        return self.eit_parts == 2

    @property
    def tool_keys(self) -> list[str]:
        """The weighted tools: IIT, EIT (or EIT1 and EIT2), OIT."""
        return ["IIT", "EIT1", "EIT2", "OIT"] if self.two_parts else ["IIT", "EIT", "OIT"]

    @cached_property
    def codes_by_indicator(self) -> dict[int, list[str]]:
        """The question codes of each indicator, in the framework's order of questions."""
        out: dict[int, list[str]] = {}
        for code, q in self.questions.items():
            out.setdefault(q.indicator, []).append(code)
        return out

    def lookup(self, code: str) -> str | None:
        """The framework's own spelling of a normalised code, or None when the year has no such code."""
        return self._by_lower.get(code.lower())

    def indicator(self, number: int) -> Indicator:
        return self.indicators[number - 1]

    def period_of(self, code: str) -> tuple[str, str]:
        """(what the OIT item reports on, how sure that is): ``current`` with the title's confidence unless the
        framework file says otherwise."""
        return self.periods.get(code) or ("current", self.questions[code].confidence)

    def codes_of_tool(self, tool: str) -> list[str]:
        return [q.code for q in self.questions.values() if q.tool == tool]

    def level_of(self, total: float) -> str:
        for level, minimum in self.levels:
            if total >= minimum - 1e-9:
                return level
        return self.levels[-1][0]


_CODE = re.compile(r"^([ieo])0*([0-9]{1,4})$")  # ASCII digits, few: int() then never fails


def normalize_code(raw: Any) -> str | None:
    """``i๑`` -> ``i1``, ``E 9`` -> ``e9``, ``O12``/``o๑๒``/``๐๑๒`` -> ``o12``; None if it is not a code."""
    if raw is None or isinstance(raw, bool):
        return None
    return _normalize_text(raw if type(raw) is str else str(raw))


def shown_code(code: str) -> str:
    """One spelling of a code whatever the year, for a message naming codes of several years: ``i1``, ``e9``, ``O15``
    (FY2569's framework writes its OIT items O15, the years before o15: a list over both said "o15, O15")."""
    norm = normalize_code(code)
    if norm is None:
        return code
    return norm.upper() if norm.startswith("o") else norm


@lru_cache(maxsize=2048)  # tables repeat the same few hundred spellings
def _normalize_text(raw: str) -> str | None:
    text = raw.strip().replace(" ", "").replace("\u00a0", "").replace("\t", "")
    if len(text) >= 2 and text[0] == "๐" and all("๐" <= ch <= "๙" for ch in text[1:]):
        text = "o" + text[1:]  # OIT codes in Thai documents are often typed with a Thai zero for "o"
    text = to_arabic(text).lower()
    match = _CODE.match(text)
    if not match:
        return None
    return f"{match.group(1)}{int(match.group(2))}"


@dataclass(frozen=True)
class ReportTarget:
    """Where the report on a plan's measures is published: the OIT item and the fiscal year it is assessed in."""

    item: str | None
    year: int
    assumption: str | None = None


def held_results_year(day: date) -> int:
    """The latest fiscal year whose ITA results an agency holds on ``day``: the assessment of year N is run during
    FY N and published near its end, so in FY C (from 1 October) the results in hand are FY C-1's, from which the
    FY C measures are drafted."""
    return fiscal_year_of(day) - 1


def results_age_warnings(fiscal_year: int, plan_year: int, day: date) -> list[str]:
    """What the officer is told when a plan is drafted from results older than the ones to draft from: results
    older than the latest assessment held on ``day``, and measures for a year more than one after the results."""
    out: list[str] = []
    held = held_results_year(day)
    now = held + 1
    if fiscal_year < held:
        out.append(f"these are FY{fiscal_year} results, but the latest assessment is of FY{held} (its results are "
                   f"published near the end of FY{held}): the FY{held} results are the ones to draft FY{now} measures "
                   "from; ask ITAS for them")
    age = plan_year - fiscal_year
    if age > 1:
        results_year = plan_year - 1
        out.append(f"the measures are for FY{plan_year} but the analysis is of FY{fiscal_year} results, {age} years "
                   f"before the plan's year; draft FY{plan_year} measures from the FY{results_year} results")
    return out


@lru_cache(maxsize=None)
def report_target(plan_year: int, action_plan: bool = False) -> ReportTarget:
    """The OIT item (and assessment year) that reports on the measures run in ``plan_year``.

    Up to FY2567 the item reports on the same year's measures (o43); from FY2568 it reports on the
    previous year's (o28, O26). When the year that would hold the report has no built-in framework,
    the latest known year's item is assumed and the assumption is returned for the user to see.
    ``action_plan``: the report on an anti-corruption action plan (แผนปฏิบัติการป้องกันการทุจริต) instead, an item
    of its own that reports on the previous year's plan in every year (o41, o38, o26, O24), not the measures' item.
    """
    years = builtin_years()
    if action_plan:
        year = plan_year + 1  # the action plan's report is the next year's item, in every year so far
        if year in years:
            return ReportTarget(load_framework(year).action_plan_report_item, year)
        known = [y for y in years if y <= year]
        if not known:
            return ReportTarget(None, year, f"no framework is known for FY{year}; the report names no OIT item")
        fw = load_framework(known[-1])
        item = fw.action_plan_report_item
        return ReportTarget(item, year, f"the FY{year} framework is not known; the report on this action plan is "
                                        f"assumed to be item {item} as in FY{fw.fiscal_year}")
    if plan_year in years and load_framework(plan_year).report_covers == "same_year":
        return ReportTarget(load_framework(plan_year).report_item, plan_year)
    if plan_year + 1 in years and load_framework(plan_year + 1).report_covers == "previous_year":
        return ReportTarget(load_framework(plan_year + 1).report_item, plan_year + 1)
    known = [y for y in years if y <= plan_year + 1]
    if not known:
        return ReportTarget(None, plan_year, f"no framework is known for FY{plan_year}; the report names no OIT item")
    fw = load_framework(known[-1])
    year = plan_year + 1 if fw.report_covers == "previous_year" else plan_year
    return ReportTarget(fw.report_item, year, f"the FY{year} framework is not known; the report on these measures is "
                                              f"assumed to be item {fw.report_item} as in FY{fw.fiscal_year}")


def builtin_years() -> list[int]:
    return list(_builtin_years())


@lru_cache(maxsize=1)
def _builtin_years() -> tuple[int, ...]:
    return tuple(sorted(int(p.stem) for p in FRAMEWORK_DIR.glob("*.yaml") if p.stem.isdigit()))


@lru_cache(maxsize=None)
def _builtin(year: int) -> Framework:
    return parse_framework(load_file(FRAMEWORK_DIR / f"{year}.yaml"), str(FRAMEWORK_DIR / f"{year}.yaml"))


def load_framework(year: int | str | None = None, path: str | Path | None = None) -> Framework:
    """A built-in framework by fiscal year, or a user's framework file (validated the same way)."""
    if path is not None:
        p = Path(path)
        return parse_framework(load_file(p), str(p))
    text = to_arabic(str(year)).strip()
    try:
        if not re.fullmatch(r"[0-9]{1,6}", text):
            raise ValueError(text)
        year_no = int(text)
    except (TypeError, ValueError):
        raise InputError(Problem("framework", f"'{year}' is not a fiscal year (use a Buddhist-era year such as 2568)")) from None
    if year_no < 2400:
        year_no += 543  # a Christian-era year given by mistake
    if not (FRAMEWORK_DIR / f"{year_no}.yaml").exists():
        known = ", ".join(map(str, builtin_years()))
        held = held_results_year(thai.today())
        if year_no > held:  # the year runs now or is to come: results that say it are mistyped, not a new framework
            raise InputError(Problem("framework", f"fiscal year {year_no} has not been assessed yet: the NACC runs the "
                                                  f"FY{year_no} assessment during that year and publishes its results near "
                                                  f"its end, so the latest results an agency holds now are of FY{held}; "
                                                  "check the fiscal year (the year the results are of, not the year of "
                                                  "the measures); for a framework of your own, give it with "
                                                  "--framework-file"))
        raise InputError(Problem("framework", f"no built-in framework for fiscal year {year_no} (known: {known}); "
                                              "give your own with --framework-file"))
    return _builtin(year_no)


class _Checker:
    def __init__(self, source: str):
        self.source = source
        self.problems: list[Problem] = []

    def add(self, node: Any, key: Any, message: str) -> None:
        line = node.line_of(key) if isinstance(node, (LineDict, LineList)) else None
        self.problems.append(Problem(self.source, message, line))

    def need(self, node: LineDict, key: str, kind: type | tuple[type, ...], what: str) -> Any:
        if key not in node:
            self.add(node, key, f"'{key}' is missing ({what})")
            return None
        value = node[key]
        if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
            self.add(node, key, f"'{key}' must be {what}")
            return None
        return value


def _take_questions(chk: _Checker, item: LineDict, block: Any, number: int, tool: str, sub: str | None,
                    default_conf: str, questions: dict[str, Question]) -> list[str]:
    """Check one block of code: title entries and add them to ``questions``; returns the codes taken."""
    taken: list[str] = []
    if not isinstance(block, LineDict) or not block:
        chk.add(item, "questions", f"indicator {number}: 'questions' must map each code to its title")
        return taken
    for raw_code, title in block.items():
        code = str(raw_code).strip()
        norm = normalize_code(code)
        if norm is None or norm[0] != tool[0].lower():
            chk.add(block, raw_code, f"'{code}' is not a {tool} question code")
            continue
        conf = default_conf
        if isinstance(title, dict):
            conf = title.get("confidence", default_conf)
            title = title.get("title")
        if not isinstance(title, str) or not title.strip():
            chk.add(block, raw_code, f"'{code}' needs a short title")
            continue
        if norm in {c.lower() for c in questions}:
            chk.add(block, raw_code, f"'{code}' is listed twice")
            continue
        questions[code] = Question(code, title.strip(), number, tool, sub, conf)
        taken.append(code)
    return taken


def parse_framework(data: Any, source: str) -> Framework:
    chk = _Checker(source)
    if not isinstance(data, LineDict):
        raise InputError(Problem(source, "a framework file must be a YAML mapping (see engine/frameworks/2566.yaml)"))
    year = chk.need(data, "fiscal_year", int, "a Buddhist-era year such as 2568")
    confidence = data.get("confidence", "H")
    if confidence not in CONFIDENCE:
        chk.add(data, "confidence", "'confidence' must be H, M or L")
    target = chk.need(data, "target", (int, float), "a number, usually 85")
    eit_parts = data.get("eit_parts", 1)
    if eit_parts not in (1, 2):
        chk.add(data, "eit_parts", "'eit_parts' must be 1 or 2")
        eit_parts = 1
    weights = chk.need(data, "weights", dict, "a mapping of tool to weight")
    tool_keys = ["IIT", "EIT1", "EIT2", "OIT"] if eit_parts == 2 else ["IIT", "EIT", "OIT"]
    if weights is not None:
        if sorted(weights) != sorted(tool_keys):
            chk.add(data, "weights", f"'weights' must give exactly {', '.join(tool_keys)} for eit_parts: {eit_parts}")
        elif any(not isinstance(v, (int, float)) or isinstance(v, bool) or v < 0 for v in weights.values()):
            chk.add(data, "weights", "every weight must be a number of at least 0")
        elif abs(sum(weights.values()) - 100) > 1e-6:
            chk.add(data, "weights", f"the weights add up to {sum(weights.values())}, not 100")
    levels: list[tuple[str, float]] = []
    for i, item in enumerate(chk.need(data, "levels", list, "a list of {level, min}") or []):
        if not isinstance(item, dict) or not isinstance(item.get("level"), str) or not isinstance(item.get("min"), (int, float)):
            chk.add(data["levels"], i, "each level needs 'level' (text) and 'min' (a number)")
            continue
        levels.append((item["level"], float(item["min"])))
    if levels and [m for _, m in levels] != sorted((m for _, m in levels), reverse=True):
        chk.add(data, "levels", "levels must be listed from the highest minimum to the lowest")
    labels: list[LabelRule] = []
    for i, item in enumerate(chk.need(data, "labels", list, "a list of result labels") or []):
        if not isinstance(item, dict) or not isinstance(item.get("label"), str):
            chk.add(data["labels"], i, "each label needs 'label' (text)")
            continue
        also = item.get("tools_at_least_also") or []
        if not isinstance(also, list) or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in also):
            chk.add(data["labels"], i, "'tools_at_least_also' must be a list of numbers")
            also = []
        labels.append(LabelRule(item["label"], item.get("total_at_least"), item.get("tools_at_least"),
                                item.get("confidence", "H"), item.get("note"), tuple(float(v) for v in also)))
    if labels and (labels[-1].total_at_least is not None or labels[-1].tools_at_least is not None):
        chk.add(data, "labels", "the last label must have no conditions (it applies when no other does)")
    assumptions = []
    for i, item in enumerate(data.get("assumptions") or []):
        if not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in ("fact", "note")):
            chk.add(data["assumptions"], i, "each assumption needs 'fact' and 'note' (text)")
            continue
        assumptions.append(Assumption(item["fact"], item.get("confidence", "L"), item["note"],
                                      str(item.get("note_th") or "")))
    indicators: list[Indicator] = []
    questions: dict[str, Question] = {}
    raw_indicators = chk.need(data, "indicators", list, "the list of the ten indicators") or []
    if raw_indicators and len(raw_indicators) != 10:
        chk.add(data, "indicators", f"there must be 10 indicators, not {len(raw_indicators)}")
    for i, item in enumerate(raw_indicators):
        if not isinstance(item, LineDict):
            chk.add(raw_indicators, i, "each indicator must be a mapping")
            continue
        number = item.get("number")
        if number != i + 1:
            chk.add(item, "number", f"indicator {i + 1} is numbered {number!r}; list them 1 to 10 in order")
            number = i + 1
        tool = item.get("tool")
        if tool not in TOOLS:
            chk.add(item, "tool", "'tool' must be IIT, EIT or OIT")
            continue
        default_conf = item.get("titles_confidence", confidence)
        subs: list[SubIndicator] = []
        codes: list[str] = []

        if "subindicators" in item:
            if tool != "OIT":
                chk.add(item, "subindicators", "only OIT indicators have sub-indicators")
            for j, sub in enumerate(item["subindicators"] or []):
                if not isinstance(sub, LineDict) or "number" not in sub or "questions" not in sub:
                    chk.add(item["subindicators"], j, "each sub-indicator needs 'number', 'name' and 'questions'")
                    continue
                sub_codes = _take_questions(chk, item, sub["questions"], number, tool, str(sub["number"]),
                                            default_conf, questions)
                subs.append(SubIndicator(str(sub["number"]), str(sub.get("name", "")), tuple(sub_codes)))
                codes.extend(sub_codes)
        else:
            codes = _take_questions(chk, item, item.get("questions"), number, tool, None, default_conf, questions)
        indicators.append(Indicator(number, str(item.get("name", "")), tool, tuple(codes), tuple(subs)))
    report_covers = data.get("report_covers", "same_year")
    if report_covers not in REPORT_COVERS:
        chk.add(data, "report_covers", "'report_covers' must be same_year or previous_year")
    oit_check = None
    raw_check = data.get("oit_check")
    if raw_check is not None:
        first, last = (raw_check.get("from"), raw_check.get("to")) if isinstance(raw_check, dict) else (None, None)
        if not all(isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 12 for v in (first, last)) \
                or first > last:  # type: ignore[operator]
            chk.add(data, "oit_check", "'oit_check' needs 'from' and 'to': months of the fiscal year, 1 (October) "
                                       "to 12 (September), from not after to")
        else:
            oit_check = CheckPeriod(first, last, str(raw_check.get("confidence", "L")))  # type: ignore[arg-type]
    periods = _periods(chk, data, questions)
    wordings = _wordings(chk, data, questions)
    if chk.problems:
        raise InputError(chk.problems)
    fw = Framework(
        fiscal_year=year, title=str(data.get("title", f"ITA {year}")), confidence=confidence, target=float(target),
        eit_parts=eit_parts, weights={k: float(v) for k, v in weights.items()}, levels=levels, labels=labels,
        assumptions=assumptions, indicators=indicators, measures_item=data.get("measures_item"),
        report_item=data.get("report_item"), source=source, questions=questions, report_covers=report_covers,
        action_plan_report_item=data.get("action_plan_report_item"), oit_check=oit_check, periods=periods,
        wordings=wordings,
    )
    fw._by_lower = {normalize_code(c) or c.lower(): c for c in questions}
    return fw


def _wordings(chk: _Checker, data: LineDict, questions: dict[str, Question]) -> dict[str, str]:
    """``wordings: {confidence: H, source: ..., questions: {i1: <the question as asked>, ...}}``: the NACC's own
    wording of a year's questions, printed in the analysis's question tables. Only H and M wordings are kept."""
    raw = data.get("wordings")
    if raw is None:
        return {}
    if not isinstance(raw, dict) or not isinstance(raw.get("questions"), dict):
        chk.add(data, "wordings", "'wordings' must be {confidence, source, questions: {code: wording}}")
        return {}
    if raw.get("confidence", "L") not in ("H", "M"):
        return {}
    out: dict[str, str] = {}
    for code, text in raw["questions"].items():
        if code not in questions:
            chk.add(raw["questions"], code, f"wordings: '{code}' is not a question of this year")
        elif not isinstance(text, str) or not text.strip():
            chk.add(raw["questions"], code, f"wordings: '{code}' needs the question's text")
        else:
            out[code] = " ".join(text.split())
    return out


def _periods(chk: _Checker, data: LineDict, questions: dict[str, Question]) -> dict[str, tuple[str, str]]:
    """``oit_periods: {previous_year: {codes: [o7, ...], confidence: M}, half_year: ..., monthly: ...}``."""
    raw = data.get("oit_periods")
    if raw is None:
        return {}
    if not isinstance(raw, LineDict):
        chk.add(data, "oit_periods", "'oit_periods' must map previous_year, half_year or monthly to {codes, confidence}")
        return {}
    out: dict[str, tuple[str, str]] = {}
    for period, entry in raw.items():
        if period not in PERIODS[1:]:
            chk.add(raw, period, f"'{period}' is not a period (use {', '.join(PERIODS[1:])})")
            continue
        codes = entry.get("codes") if isinstance(entry, dict) else None
        conf = entry.get("confidence", "L") if isinstance(entry, dict) else "L"
        if not isinstance(codes, list) or conf not in CONFIDENCE:
            chk.add(raw, period, f"'{period}' needs 'codes' (a list of OIT items) and 'confidence' (H, M or L)")
            continue
        for code in codes:
            if code not in questions or questions[code].tool != "OIT":
                chk.add(raw, period, f"'{code}' under '{period}' is not an OIT item of this year")
            elif code in out:
                chk.add(raw, period, f"'{code}' has two periods")
            else:
                out[code] = (period, conf)
    return out


@dataclass(frozen=True)
class Crosswalk:
    """Which codes of the previous fiscal year each code of ``year`` continues (data: frameworks/crosswalk.yaml)."""

    year: int
    previous_year: int
    confidence: str
    codes: dict[str, tuple[str, ...]]  # this year's code -> last year's codes
    # this year's code -> last year's codes that are gone as items but whose subject this item now covers
    related: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def successors(self, old_code: str) -> list[str]:
        """This year's codes that continue ``old_code`` of the previous year."""
        return [new for new, olds in self.codes.items() if old_code in olds]

    def covering(self, old_code: str) -> list[str]:
        """This year's codes whose subject covers ``old_code``, an item of the previous year with no successor."""
        return [new for new, olds in self.related.items() if old_code in olds]


@lru_cache(maxsize=None)
def crosswalks() -> dict[int, Crosswalk]:
    path = FRAMEWORK_DIR / "crosswalk.yaml"
    if not path.exists():
        return {}
    data = load_file(path) or {}
    out: dict[int, Crosswalk] = {}
    for year, entry in (data.get("years") or {}).items():
        codes = {str(k): tuple(str(c) for c in (v or [])) for k, v in (entry.get("codes") or {}).items()}
        related = {str(k): tuple(str(c) for c in (v or [])) for k, v in (entry.get("related") or {}).items()}
        out[int(year)] = Crosswalk(int(year), int(entry.get("from", int(year) - 1)), str(entry.get("confidence", "L")),
                                   codes, related)
    return out


def crosswalk(year: int) -> Crosswalk | None:
    """The crosswalk into ``year`` from the year before, if known."""
    return crosswalks().get(year)


@dataclass(frozen=True)
class PlanFramework:
    """The items a plan for ``plan_year`` serves: that year's framework, or, when it is not known (not published
    yet), the latest known year's, which is then an assumption the officer is told of."""

    plan_year: int
    framework: Framework
    assumed: bool

    @property
    def year(self) -> int:
        return self.framework.fiscal_year


@lru_cache(maxsize=None)
def plan_framework(plan_year: int) -> PlanFramework | None:
    years = [y for y in builtin_years() if y <= plan_year]
    if not years:
        return None
    return PlanFramework(plan_year, load_framework(years[-1]), years[-1] != plan_year)


@dataclass(frozen=True)
class ItemLink:
    """Where an OIT item of an assessed year lives in the framework a plan serves: ``same`` (the same item),
    ``successor`` (the item that continues it) or ``related`` (it is gone; this item covers its subject)."""

    code: str
    relation: str
    confidence: str


def item_links(code: str, from_year: int, to_year: int) -> list[ItemLink]:
    """The items of ``to_year`` that an item ``code`` of ``from_year`` leads to, through each year's crosswalk;
    [] when it has none (or the years are not linked by known crosswalks)."""
    if from_year == to_year:
        return [ItemLink(code, "same", "H")]
    if to_year < from_year:
        return []
    links = [ItemLink(code, "same", "H")]
    for year in range(from_year + 1, to_year + 1):
        walk = crosswalk(year)
        if walk is None or walk.previous_year != year - 1:
            return []
        nxt: list[ItemLink] = []
        for link in links:
            exact = walk.successors(link.code)
            relation = "successor" if link.relation != "related" else "related"
            nxt += [ItemLink(c, relation, max(link.confidence, walk.confidence, key="HML".index)) for c in exact]
            if not exact:
                nxt += [ItemLink(c, "related", max(link.confidence, walk.confidence, key="HML".index))
                        for c in walk.covering(link.code)]
        links = list({link.code: link for link in nxt}.values())
    return links


@lru_cache(maxsize=None)
def indicator_redesigned(year: int, number: int) -> bool:
    """Whether indicator ``number``'s own questions of ``year`` differ from the year before's (a question mapped to
    another, or one that does not continue): FY2569's OIT items changed, its IIT questions (assumed as FY2568's) did
    not, so a fall of an IIT indicator is not said to be across other questions."""
    walk = crosswalk(year)
    if walk is None:
        return False
    if walk.previous_year not in builtin_years():
        return True
    before = {c.lower() for c in load_framework(walk.previous_year).indicator(number).codes}
    olds: set[str] = set()
    for code in load_framework(year).indicator(number).codes:
        mapped = walk.codes.get(code)
        if mapped is None:  # a question the crosswalk does not map (IIT, EIT): the same code of the year before
            mapped = (code,) if code.lower() in before else ()
        if tuple(c.lower() for c in mapped) != (code.lower(),):
            return True
        olds.update(c.lower() for c in mapped)
    return before != olds


def indicators_redesigned(year: int, numbers: Iterable[int]) -> bool:
    """Whether the questions of any of the indicators ``numbers`` of ``year`` differ from the year before's: a
    measure's step says its questions compare only indicator by indicator when its own indicators' did change, not
    when another tool's did (FY2569's OIT items changed, its EIT questions did not)."""
    return any(indicator_redesigned(year, n) for n in numbers)


def redesigned(year: int) -> bool:
    """Whether ``year``'s questions and items differ from the year before's (its crosswalk maps some code to
    anything but itself): indicators still compare, questions one to one do not."""
    walk = crosswalk(year)
    if walk is None:
        return False
    if any(olds != (new,) for new, olds in walk.codes.items()):
        return True
    if walk.previous_year not in builtin_years():
        return True
    return len(walk.codes) != len(load_framework(walk.previous_year).questions)  # a code that no longer continues
