"""The NACC's arithmetic: question -> (OIT sub-indicator) -> indicator -> tool -> weighted total.

Every level is given, computed or unknown. A given score (an indicator, a tool, the total, as the ITAS
report prints it) stands and is only compared with what its parts give. A level is computed only from
all of its parts; otherwise it is unknown, never the mean of whatever parts happen to be present. An
EIT question given in one part belongs to that part only. Nothing is rounded here; rounding to two
decimals happens only when printing (``to_dict``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from math import fsum
from typing import overload

from itaplan.base.thai import round2
from itaplan.ita.framework import Framework
from itaplan.ita.results import Agency, Results

TOOL_OF_INDICATOR = {**{n: "IIT" for n in range(1, 6)}, **{n: "EIT" for n in range(6, 9)}, 9: "OIT", 10: "OIT"}
GIVEN, COMPUTED, UNKNOWN = "given", "computed", "unknown"
EPS = 1e-9


@dataclass(frozen=True)
class Note:
    """A warning about the scores: a key for its Thai sentence (settings ``note_<key>``), values, and English."""

    key: str
    values: dict
    en: str


@dataclass
class QuestionResult:
    code: str
    title: str
    indicator: int
    tool: str
    score: float | None = None  # one score: IIT, OIT, one-part EIT, or a two-part EIT question given without its part
    parts: dict[int, float] = field(default_factory=dict)  # EIT part -> score, only the parts given
    subindicator: str | None = None

    @property
    def known(self) -> bool:
        return self.score is not None or bool(self.parts)

    def entries(self) -> list[tuple[int, float]]:
        """(EIT part or 0, score) for every score given for this question."""
        if self.parts:
            return sorted(self.parts.items())
        return [(0, self.score)] if self.score is not None else []

    def combined(self) -> float | None:
        """The mean over both EIT parts when both (or a part-less figure) are given; else the one score."""
        if self.parts:
            return (self.parts[1] + self.parts[2]) / 2 if len(self.parts) == 2 else None
        return self.score

    @property
    def lowest(self) -> float | None:
        entries = self.entries()
        return min(s for _, s in entries) if entries else None


@dataclass
class IndicatorResult:
    number: int
    name: str
    tool: str
    score: float | None
    source: str  # given, computed, unknown
    parts: dict[int, float] = field(default_factory=dict)  # EIT part -> indicator score, when computable
    subindicators: dict[str, float] = field(default_factory=dict)  # only the complete ones
    previous: float | None = None
    computed: float | None = None  # from the questions, when all are known (also when a given score stands)
    missing: list[str] = field(default_factory=list)  # codes with no score

    @property
    def change(self) -> float | None:
        """this − last, on the published two-decimal figures, so that a reader can redo it from the table."""
        return None if self.score is None or self.previous is None else r2(self.score) - r2(self.previous)

    @property
    def relative_change(self) -> float | None:
        change, previous = self.change, r2(self.previous)
        return None if change is None or not previous else change / previous


@dataclass
class Scorecard:
    framework: Framework
    agency: Agency
    source: str
    questions: dict[str, QuestionResult]
    indicators: list[IndicatorResult]
    tools: dict[str, float | None]  # weighted tools: IIT, EIT (or EIT1, EIT2), OIT
    total: float | None
    level: str | None
    label: str | None
    reported_total: float | None = None
    previous_total: float | None = None
    previous_year: int | None = None
    previous_level: str | None = None  # last year's level: given, or of its total by that year's table
    previous_label: str | None = None  # last year's label, when given or decided
    # last year's total computed from its own indicators, kept only when a total was given (as published) and
    # differs from it: the documents then measure the change from the published figure and say it is that
    previous_computed_total: float | None = None
    notes: list[Note] = field(default_factory=list)
    tool_sources: dict[str, str] = field(default_factory=dict)
    total_source: str = UNKNOWN
    computed_total: float | None = None
    eit_display: float | None = None  # EIT as reports print it (two parts: their mean), given or computed
    label_source: str = UNKNOWN  # given (the source's own label stands), computed (every reading agrees), unknown

    @property
    def warnings(self) -> list[str]:
        return [n.en for n in self.notes]

    @property
    def target(self) -> float:
        return self.framework.target

    @property
    def passed(self) -> bool | None:
        """Judged on the total as published, to two decimals (84.9989 is printed, and passes, as 85.00)."""
        return None if self.total is None else r2(self.total) >= self.target - EPS

    @property
    def display_tools(self) -> dict[str, float | None]:
        """IIT, EIT, OIT as reports print them (EIT = mean of its two parts)."""
        eit = self.eit_display if self.framework.two_parts else self.tools.get("EIT")
        return {"IIT": self.tools.get("IIT"), "EIT": eit, "OIT": self.tools.get("OIT")}

    @property
    def gaps(self) -> dict[str, float | None]:
        """How far each weighted tool is below the target (0 when at or above)."""
        return {k: None if v is None else max(0.0, self.target - r2(v)) for k, v in self.tools.items()}

    @property
    def total_change(self) -> float | None:
        if self.total is None or self.previous_total is None:
            return None
        return r2(self.total) - r2(self.previous_total)  # on the published figures

    @property
    def total_relative_change(self) -> float | None:
        change, previous = self.total_change, r2(self.previous_total)
        return None if change is None or not previous else change / previous

    @property
    def assumptions(self) -> list[str]:
        return [f"{a.fact}: {a.note}" for a in self.framework.assumptions]

    @property
    def label_rule_confirmed(self) -> bool:
        rule = next((r for r in self.framework.labels if r.label == self.label), None)
        # a label decided under every reading of its rule (tools_at_least_also) does not rest on the uncertain one,
        # nor does the label ITAS gave
        return self.label_source == GIVEN or rule is None or rule.confidence != "L" or bool(rule.tools_at_least_also)

    def indicator(self, number: int) -> IndicatorResult:
        return self.indicators[number - 1]

    def to_dict(self) -> dict:
        """The ``scores`` part of the plan contract (DESIGN.md), rounded like the NACC; unknown is null."""
        indicators = []
        for ind in self.indicators:
            entry = {"number": ind.number, "name": ind.name, "tool": ind.tool, "score": r2(ind.score),
                     "source": ind.source, "previous": r2(ind.previous), "change": r2(ind.change),
                     "relative_change": r4(ind.relative_change),
                     "passed": None if ind.score is None else r2(ind.score) >= self.target - EPS}
            if ind.parts:
                entry["parts"] = {str(k): r2(v) for k, v in ind.parts.items()}
            if ind.subindicators:
                entry["subindicators"] = {k: r2(v) for k, v in ind.subindicators.items()}
            if ind.computed is not None and ind.source == GIVEN:
                entry["computed"] = r2(ind.computed)
            if ind.missing and ind.source != GIVEN:
                entry["missing"] = list(ind.missing)
            indicators.append(entry)
        display_sources = {"IIT": self.tool_sources.get("IIT", UNKNOWN), "OIT": self.tool_sources.get("OIT", UNKNOWN),
                           "EIT": self.tool_sources.get("EIT", UNKNOWN)}
        return {
            "fiscal_year": self.framework.fiscal_year,
            "total": r2(self.total), "total_source": self.total_source, "computed_total": r2(self.computed_total),
            "level": self.level, "label": self.label, "label_source": self.label_source,
            "label_confirmed": self.label_rule_confirmed if self.label else None,
            "target": self.target, "passed": self.passed,
            "tools": {k: r2(v) for k, v in self.display_tools.items()},
            "tool_sources": display_sources,
            "weighted_tools": {k: r2(v) for k, v in self.tools.items()},
            "weighted_tool_sources": {k: self.tool_sources.get(k, UNKNOWN) for k in self.tools},
            "weights": dict(self.framework.weights),
            "gaps": {k: r2(v) for k, v in self.gaps.items()},
            "indicators": indicators,
            "questions": [{"code": q.code, "indicator": q.indicator, "tool": q.tool, "score": r2(q.score),
                           **({"parts": {str(k): r2(v) for k, v in q.parts.items()}} if q.parts else {})}
                          for q in self.questions.values() if q.known],
            "reported_total": r2(self.reported_total),
            "previous": {"fiscal_year": self.previous_year, "total": r2(self.previous_total),
                         "level": self.previous_level, "label": self.previous_label,
                         "change": r2(self.total_change), "relative_change": r4(self.total_relative_change),
                         **({"computed_total": r2(self.previous_computed_total)}
                            if self.previous_computed_total is not None else {})}
            if self.previous_total is not None or self.previous_year is not None else None,
            "warnings": list(self.warnings),
            "assumptions": self.assumptions,
        }




def fmean(values: Iterable[float]) -> float:
    """statistics.fmean (the exact sum, math.fsum, over the count) without importing statistics, which costs
    a command 5 ms at start-up."""
    data: Collection[float] = values if isinstance(values, (list, tuple, type({}.values()))) else list(values)
    if not data:
        raise ValueError("fmean requires at least one data point")
    return fsum(data) / len(data)




@overload
def r2(value: float) -> float: ...


@overload
def r2(value: None) -> None: ...


@overload
def r2(value: float | None) -> float | None: ...


def r2(value: float | None) -> float | None:
    return None if value is None else round2(value)


def r4(value: float | None) -> float | None:
    return None if value is None else round(value, 4) + 0.0


def _differs(given: float, computed: float) -> bool:
    """A given score printed to two decimals disagrees with the computed one."""
    return abs(given - computed) > 0.005 + 1e-6


def _questions(results: Results, notes: list[Note]) -> dict[str, QuestionResult]:
    fw = results.framework
    by_code: dict[str, dict[int | None, float]] = {}
    for q in results.questions:
        by_code.setdefault(q.code, {})[q.part] = q.score
    out: dict[str, QuestionResult] = {}
    partless: list[str] = []
    for code, meta in fw.questions.items():
        given = by_code.get(code, {})
        result = QuestionResult(code, meta.title, meta.indicator, meta.tool, subindicator=meta.subindicator)
        if meta.tool == "EIT" and fw.two_parts and any(p is not None for p in given):
            result.parts = {p: s for p, s in given.items() if p is not None}
        elif given:
            result.score = given.get(None)
            if meta.tool == "EIT" and fw.two_parts:
                partless.append(code)
        out[code] = result
    if partless:
        notes.append(Note("eit_partless", {"codes": ", ".join(partless)},
                          f"EIT scores given without their part ({', '.join(partless)}) are taken as the mean of parts "
                          "1 and 2; the parts' own scores are unknown"))
    return out


def _indicator(ind, questions: dict[str, QuestionResult], given: float | None, fw: Framework,
               notes: list[Note]) -> IndicatorResult:
    qs = [questions[c] for c in ind.codes]
    missing = [q.code for q in qs if not q.known]
    parts: dict[int, float] = {}
    subs: dict[str, float] = {}
    computed: float | None = None
    if ind.subindicators:
        for sub in ind.subindicators:
            scores = [questions[c].score for c in sub.codes]
            if sub.codes and all(s is not None for s in scores):
                subs[sub.number] = fmean(scores)  # type: ignore[arg-type]
        if len(subs) == len(ind.subindicators):
            computed = fmean(subs.values())
    elif ind.tool == "EIT" and fw.two_parts:
        for part in (1, 2):
            if all(part in q.parts for q in qs):
                parts[part] = fmean(q.parts[part] for q in qs)
        if len(parts) == 2:
            computed = (parts[1] + parts[2]) / 2
        else:
            combined = [q.combined() for q in qs]
            if all(c is not None for c in combined):
                computed = fmean(combined)  # type: ignore[arg-type]
        missing = [q.code for q in qs if q.combined() is None]  # a part alone does not make the indicator
    else:
        scores = [q.score for q in qs]
        if all(s is not None for s in scores):
            computed = fmean(scores)  # type: ignore[arg-type]
    if given is not None:
        if computed is not None and _differs(given, computed):
            notes.append(Note("indicator_differs", {"number": ind.number, "given": given, "computed": computed},
                              f"indicator {ind.number}: the given score {given:.2f} differs from {computed:.2f} "
                              "computed from its questions; the given score is used"))
        return IndicatorResult(ind.number, ind.name, ind.tool, given, GIVEN, parts, subs, computed=computed,
                               missing=missing)
    if computed is not None:
        return IndicatorResult(ind.number, ind.name, ind.tool, computed, COMPUTED, parts, subs, computed=computed)
    known = len(ind.codes) - len(missing)
    if ind.tool == "EIT" and fw.two_parts and any(q.parts for q in qs):
        # a part given alone (e1 part 1) is a score given, not "no scores": say which part of which question is not
        lacking = {part: ", ".join(q.code for q in qs if part not in q.parts and (bool(q.parts) or q.score is None))
                   or "–" for part in (1, 2)}  # a part-less figure stands for both parts
        part1, part2 = lacking[1], lacking[2]
        if "–" in (part1, part2):  # one part whole: only the other is said ("ส่วนที่ 2 ยังไม่มีคะแนนข้อ –" read badly)
            part, codes = (2, part2) if part1 == "–" else (1, part1)
            notes.append(Note("indicator_part_missing", {"number": ind.number, "name": ind.name, "part": part,
                                                         "codes": codes},
                              f"indicator {ind.number} ({ind.name}): its score needs every question in both EIT "
                              f"parts; not given in part {part}: {codes}; its score is unknown"))
        else:
            notes.append(Note("indicator_parts_missing", {"number": ind.number, "name": ind.name, "part1": part1,
                                                          "part2": part2},
                              f"indicator {ind.number} ({ind.name}): its score needs every question in both EIT "
                              f"parts; not given in part 1: {part1}; in part 2: {part2}; its score is unknown"))
    elif known:
        notes.append(Note("indicator_partial", {"number": ind.number, "known": known, "count": len(ind.codes),
                                                "missing": ", ".join(missing)},
                          f"indicator {ind.number} ({ind.name}): only {known} of {len(ind.codes)} questions are "
                          f"complete (no score for {', '.join(missing)}); its score is unknown"))
    else:
        notes.append(Note("indicator_missing", {"number": ind.number, "name": ind.name},
                          f"indicator {ind.number} ({ind.name}): no scores given"))
    return IndicatorResult(ind.number, ind.name, ind.tool, None, UNKNOWN, parts, subs, missing=missing)


def _mean_if_all(values: list[float | None]) -> float | None:
    return None if not values or any(v is None for v in values) else fmean(values)  # type: ignore[arg-type]


def score(results: Results) -> Scorecard:
    fw = results.framework
    notes: list[Note] = []
    questions = _questions(results, notes)
    indicators = [_indicator(ind, questions, results.indicators.get(ind.number), fw, notes) for ind in fw.indicators]

    tools: dict[str, float | None] = {}
    sources: dict[str, str] = {}
    for key in fw.tool_keys + (["EIT"] if fw.two_parts else []):
        if key in ("EIT1", "EIT2"):
            part = int(key[-1])
            computed = _mean_if_all([i.parts.get(part) for i in indicators if i.tool == "EIT"])
        elif key == "EIT" and fw.two_parts:
            p1, p2 = tools.get("EIT1"), tools.get("EIT2")
            computed = (p1 + p2) / 2 if p1 is not None and p2 is not None else \
                _mean_if_all([i.score for i in indicators if i.tool == "EIT"])
        else:
            computed = _mean_if_all([i.score for i in indicators if i.tool == key])
        given = results.tools.get(key)
        if given is not None:
            if computed is not None and _differs(given, computed):
                notes.append(Note("tool_differs", {"tool": key, "given": given, "computed": computed},
                                  f"{key}: the given score {given:.2f} differs from {computed:.2f} computed from its "
                                  "indicators; the given score is used"))
            tools[key], sources[key] = given, GIVEN
        else:
            tools[key], sources[key] = computed, COMPUTED if computed is not None else UNKNOWN
    eit_display = tools.pop("EIT") if fw.two_parts else None

    computed_total: float | None = None
    known = {k: v for k, v in tools.items() if v is not None}
    if all(k in known for k in fw.tool_keys):
        computed_total = sum(fw.weights[k] * known[k] for k in fw.tool_keys) / 100
    elif fw.two_parts and eit_display is not None and abs(fw.weights["EIT1"] - fw.weights["EIT2"]) < EPS \
            and tools["IIT"] is not None and tools["OIT"] is not None:
        # equal part weights: the two parts enter the total only through their mean, which is known
        computed_total = (fw.weights["IIT"] * tools["IIT"] + (fw.weights["EIT1"] + fw.weights["EIT2"]) * eit_display
                          + fw.weights["OIT"] * tools["OIT"]) / 100  # type: ignore[operator]
    total: float | None
    given_level = results.level
    impossible = _impossible_total(results.total, indicators)
    if impossible is not None:  # a weighted mean of the indicators cannot be it: the total or the scores are wrong
        notes.append(impossible)  # which, only ITAS tells: the published figure stands, the officer is told (check too)
    if results.total is not None:
        total, total_source = results.total, GIVEN
        # an impossible total is said once: its note says already that the total as given is the one used
        if impossible is None and computed_total is not None and _differs(results.total, computed_total):
            notes.append(Note("total_differs", {"given": results.total, "computed": computed_total},
                              f"the reported total {results.total:.2f} differs from the computed total "
                              f"{computed_total:.2f}; the reported total is used"))
    else:
        total, total_source = computed_total, COMPUTED if computed_total is not None else UNKNOWN
        if total is None:
            notes.append(Note("total_unknown", {}, "the total cannot be computed: some tool has no score"))
    level = fw.level_of(r2(total)) if total is not None else None  # on the published (two-decimal) figure
    if given_level is not None and given_level != level:
        if level is not None:
            notes.append(Note("level_differs", {"given": given_level, "computed": level, "total": r2(total)},
                              f"the given level {given_level} is not the level of the total {total:.2f} ({level}); "
                              "the given level is used"))
        level = given_level
    shown_tools = {k: r2(v) for k, v in tools.items()}
    means: dict[str, float | None] | None = {"EIT": r2(eit_display)} if fw.two_parts and eit_display is not None else None
    readings = label_readings(fw, r2(total), shown_tools, means)
    label = next(iter(readings)) if len(readings) == 1 else None
    label_source = COMPUTED if label is not None else UNKNOWN
    if results.label is not None:  # the label ITAS gave stands; one the scores contradict however read is told
        if None not in readings and results.label not in readings:
            gives = " / ".join(sorted(r for r in readings if r))
            notes.append(Note("label_differs", {"given": results.label, "computed": gives},
                              f"the given label {results.label} differs from {gives}, which the scores give; "
                              "the given label is used"))
        label, label_source = results.label, GIVEN
    elif total is not None and label is None and fw.labels:
        if None not in readings:  # both readings decided, differently: the NACC's rule, not the scores, is unknown
            notes.append(Note("label_undecided", {"labels": " / ".join(sorted(r for r in readings if r))},
                              "the result label cannot be decided from the scores: the rule for ผ่านดีเยี่ยม is not "
                              "confirmed (every tool at 85, or at 95); give it as ITAS shows it"))
        else:
            missing = {k for k, v in tools.items() if v is None}
            if missing <= {"EIT1", "EIT2"} and eit_display is not None:  # EIT given as its mean alone: say so
                notes.append(Note("label_unknown_eit_parts", {},
                                  "the result label cannot be decided: EIT's two parts are unknown (only EIT's mean "
                                  "is known, and the label rests on each part)"))
            else:
                notes.append(Note("label_unknown", {}, "the result label cannot be decided: some tool score is unknown"))

    notes[:0] = _incomplete(indicators, total, level)
    card = Scorecard(fw, results.agency, results.source, questions, indicators, tools, total, level, label,
                     reported_total=results.total, notes=notes, tool_sources=sources, total_source=total_source,
                     computed_total=computed_total, eit_display=eit_display, label_source=label_source)
    if fw.two_parts:
        card.tool_sources["EIT"] = sources["EIT"]
    if results.previous is not None:
        prev_card = score(results.previous)
        if results.previous.agency_assumed:
            card.notes.append(Note("last_year_agency_assumed", {},
                                   "last year's results and these do not both name the agency: last year's are taken "
                                   "to be the same agency's; check that they are"))
        if results.previous.framework_stand_in:  # a year without a framework: its own total, its year
            # its own total unless it cannot be (that year's weights are not known: no total is computed instead)
            possible = not any(n.key in IMPOSSIBLE_TOTAL for n in prev_card.notes)
            prev_card.total = results.previous.total if possible else None
            prev_card.framework = fw
            prev_card.level = (results.previous.level if possible else None) or (
                fw.level_of(r2(prev_card.total)) if prev_card.total is not None else None)
            prev_card.label = results.previous.label
            apply_previous(card, prev_card)
            card.previous_year = int(results.previous.notes[-1]) if results.previous.notes else fw.fiscal_year - 1
            card.previous_computed_total = None  # that year's own weights are not known: nothing to compare with
        else:
            apply_previous(card, prev_card)
            card.notes.extend(_jumps(card, prev_card))  # of the same framework's questions only (not a stand-in's)
    said = {n.values["code"] for n in card.notes if n.key == "question_jump"}
    card.notes.extend(n for n in _far_below(card) if n.values["code"] not in said)
    return card


IMPOSSIBLE_TOTAL = ("total_below_indicators", "total_above_indicators")
INCOMPLETE = ("results_incomplete", "results_incomplete_given")  # said first: the rest rests on a part of the results


def unscored(indicators: Iterable[IndicatorResult]) -> list[int]:
    """The numbers of the indicators with no score (questions missing, none given for the indicator itself)."""
    return [ind.number for ind in indicators if ind.score is None]


def _incomplete(indicators: list[IndicatorResult], total: float | None, level: str | None) -> list[Note]:
    """The one note, said before the others, of results that leave indicators without a score (a partial paste):
    the total and level are not the agency's to work from, and the analysis rests on the questions given only."""
    numbers = ", ".join(str(n) for n in unscored(indicators))
    if not numbers:
        return []
    if total is None:
        return [Note("results_incomplete", {"numbers": numbers},
                     f"the results are incomplete: indicators {numbers} have no score (their questions are missing), "
                     "so the total and level cannot be worked out, and the analysis and measures rest only on the "
                     "questions given; give the agency's full ITAS results (the whole report, pasted or as a file; a "
                     "plan drafted already takes them with draft --update)")]
    shown, grade = f"{total:.2f}", level or "–"
    return [Note("results_incomplete_given", {"numbers": numbers, "total": r2(total), "level": grade},
                 f"the results are incomplete: indicators {numbers} have no score (their questions are missing), "
                 f"so the total {shown} (level {grade}) as given cannot be checked against them, and the analysis and "
                 "measures rest only on the questions given; give the agency's full ITAS results (the whole report, "
                 "pasted or as a file; a plan drafted already takes them with draft --update)")]


ROUNDING = 0.01  # how far a published two-decimal total may lie outside its indicators' range by rounding alone


def _impossible_total(given: float | None, indicators: list[IndicatorResult]) -> Note | None:
    """A given total that no weighted mean of the indicators could be (whatever the weights, the tools' too): below
    the lowest indicator or above the highest, all of them known. The total or the scores were typed (or published)
    wrong, and only ITAS can say which: the total as given stands (a published figure is never replaced by one the
    software computed), and the note says what is wrong and how to correct either."""
    known = [(ind.score, ind.number) for ind in indicators if ind.score is not None]
    if given is None or not known or len(known) < len(indicators):
        return None
    (low, low_number), (high, high_number) = min(known), max(known)
    if given < low - ROUNDING - EPS:
        return Note("total_below_indicators", {"given": given, "number": low_number, "bound": low},
                    f"the given total {given:.2f} is impossible: it is below every indicator's score (the lowest is "
                    f"indicator {low_number}, {low:.2f}), and a total is a weighted mean of them: the total or the scores "
                    "were typed (or published) wrong; check both against ITAS and correct the scores (replace the "
                    "results) or the total (on the plan's page, or a total: line)")
    if given > high + ROUNDING + EPS:
        return Note("total_above_indicators", {"given": given, "number": high_number, "bound": high},
                    f"the given total {given:.2f} is impossible: it is above every indicator's score (the highest is "
                    f"indicator {high_number}, {high:.2f}), and a total is a weighted mean of them: the total or the scores "
                    "were typed (or published) wrong; check both against ITAS and correct the scores (replace the "
                    "results) or the total (on the plan's page, or a total: line)")
    return None


def apply_previous(card: Scorecard, previous: Scorecard) -> None:
    """Attach last year's indicator scores and total for the changes (this − last)."""
    card.previous_year = previous.framework.fiscal_year
    card.notes.extend(Note("previous_" + n.key, {**n.values, "year": previous.framework.fiscal_year},
                           f"last year ({previous.framework.fiscal_year}): {n.en}") for n in previous.notes
                      if n.key not in ("indicator_missing", "total_unknown", "label_unknown", "label_unknown_eit_parts",
                                      "label_undecided", "indicator_partial", *INCOMPLETE,
                                      "indicator_parts_missing", "indicator_part_missing"))
    card.previous_total = previous.total
    card.previous_computed_total = previous.computed_total if previous.total_source == GIVEN and \
        previous.total is not None and previous.computed_total is not None and \
        _differs(previous.total, previous.computed_total) else None
    total = r2(previous.total)
    card.previous_level = previous.level if previous.level is not None or total is None else \
        previous.framework.level_of(total)
    card.previous_label = previous.label
    for ind, prev in zip(card.indicators, previous.indicators):
        ind.previous = prev.score


INDICATOR_JUMP = 20.0  # points an IIT or EIT indicator moves from last year's that calls for a look at its questions
JUMP = 30.0  # points a question's score moves from last year's that is more likely a typing slip than a change


def _jumps(card: Scorecard, previous: Scorecard) -> list[Note]:
    """A note for each question whose score differs from last year's score of the same question (its code, in the
    same tool; by EIT part where both years give it) by ``JUMP`` points or more: 9.12 typed for 91.20 moves an
    indicator silently. Said for the officer to check, never refused: a real change stands."""
    notes = []
    for code, q in card.questions.items():
        before = previous.questions.get(code)
        if before is None or before.tool != q.tool or not before.known:
            continue
        was = dict(before.entries())
        for part, value in q.entries():
            last = was.get(part)
            if last is None and part == 0 and not q.parts:
                last = before.combined()
            if last is None or abs(r2(value) - r2(last)) < JUMP - EPS:
                continue
            name = f"{code} (EIT {part})" if part else code
            now, then, year = r2(value), r2(last), previous.framework.fiscal_year
            notes.append(Note("question_jump", {"code": name, "score": now, "previous": then, "year": year},
                              f"question {name}: {now:.2f} this year, {then:.2f} last year ({year}): a change of 30 "
                              "points or more; check it was typed right (as ITAS shows it), and correct it if not"))
    # last year given by indicator only (as ITAS's summary shows it): an indicator of the survey tools that moved
    # INDICATOR_JUMP points, none of its questions said above, is said so (an OIT indicator moves by whole items)
    said = {card.framework.questions[n.values["code"].split()[0]].indicator for n in notes}
    for ind in card.indicators:
        if ind.tool == "OIT" or ind.number in said or ind.score is None or ind.previous is None:
            continue
        if abs(r2(ind.score) - r2(ind.previous)) >= INDICATOR_JUMP - EPS:
            number, now, then, year = ind.number, r2(ind.score), r2(ind.previous), previous.framework.fiscal_year
            notes.append(Note("indicator_jump", {"number": number, "score": now, "previous": then, "year": year},
                              f"indicator {number}: {now:.2f} this year, {then:.2f} last year ({year}): a change of 20 "
                              "points or more; check its question scores were typed right (as ITAS shows them)"))
    return notes


FAR_BELOW = 40.0  # points below the median of its tool's other questions that look more like a slip than a score
FAR_BELOW_PEERS = 3  # the other questions (with a score) a median needs before a score is compared with it


def _far_below(card: Scorecard) -> list[Note]:
    """A note for each survey question (IIT, EIT by part) scored more than ``FAR_BELOW`` points below the median of
    the other questions of its tool (the same EIT part), when at least ``FAR_BELOW_PEERS`` others have a score:
    19.20 typed for 91.20 among scores of 79 to 100 drafts a measure nobody needs. The tool, not the indicator: an
    indicator has three IIT questions or fewer, too few for a median. Said for the officer to check, never refused:
    a real low score stands. OIT items score 0 or 100 and are never compared."""
    groups: dict[tuple[str, int], list[tuple[str, float]]] = {}
    for code, q in card.questions.items():
        if q.tool in ("IIT", "EIT") and q.known:
            for part, value in q.entries():
                groups.setdefault((q.tool, part), []).append((code, r2(value)))
    notes = []
    for (tool, part), scores in groups.items():
        for code, value in scores:
            others = sorted(v for c, v in scores if c != code)
            if len(others) < FAR_BELOW_PEERS:
                continue
            middle = len(others) // 2
            median = r2(others[middle] if len(others) % 2 else (others[middle - 1] + others[middle]) / 2)
            if median - value <= FAR_BELOW + EPS:
                continue
            name = f"{code} (EIT {part})" if part else code
            group = f"EIT {part}" if part else tool
            # the part as the documents name it (settings: "ข้อ e1 (EIT ส่วนที่ 2) ได้ …"), which check reads back
            key, values = ("question_far_below_part", {"code": code, "part": part}) if part else \
                ("question_far_below", {"code": code, "tool": tool})
            notes.append(Note(key, {**values, "score": value, "median": median},
                              f"question {name}: {value:.2f}, more than 40 points below the median of the other {group} "
                              f"questions ({median:.2f}); check it against ITAS: a typo (19.20 for 91.20?) makes a "
                              "measure"))
    return notes


def label_readings(fw: Framework, total: float | None, tools: dict[str, float | None],
                   means: dict[str, float | None] | None = None) -> set[str | None]:
    """The labels the scores give under every reading of the label rules the evidence allows; one label is
    decided only when this holds exactly one (None in it: a tool the rules need is unknown)."""
    return {_label(fw, total, tools, means, alternative) for alternative in (False, True)}


def card_label_readings(card: Scorecard) -> set[str | None]:
    """The labels a scorecard's own total and tools give (as published, to two decimals) under every reading of
    the label rules, as ``score`` decides its label: a label not among them (and no None among them) is one the
    scores contradict however the rules are read."""
    fw = card.framework
    means: dict[str, float | None] | None = \
        {"EIT": r2(card.eit_display)} if fw.two_parts and card.eit_display is not None else None
    return label_readings(fw, r2(card.total), {k: r2(v) for k, v in card.tools.items()}, means)


def decided_label(fw: Framework, total: float | None, tools: dict[str, float | None],
                  means: dict[str, float | None] | None = None) -> str | None:
    readings = label_readings(fw, total, tools, means)
    return next(iter(readings)) if len(readings) == 1 else None


def _label(fw: Framework, total: float | None, tools: dict[str, float | None],
           means: dict[str, float | None] | None = None, alternative: bool = False) -> str | None:
    """The first label whose rule holds; None when it cannot be decided (a tool it needs is unknown). ``means``:
    the mean of tools whose own scores are unknown (EIT given without its parts): a mean below a rule's level
    means some part is below it, so the rule fails though the parts are unknown."""
    if total is None:
        return None
    for rule in fw.labels:
        if rule.total_at_least is not None and total < rule.total_at_least - EPS:
            continue
        floor = max(rule.tools_at_least_also) if alternative and rule.tools_at_least_also else rule.tools_at_least
        if floor is not None:
            values = list(tools.values())
            if any(v is not None and v < floor - EPS for v in values):
                continue
            if means and any(v is not None and v < floor - EPS for v in means.values()):
                continue
            if any(v is None for v in values):
                return None
        return rule.label
    return None
