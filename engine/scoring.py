"""The NACC's arithmetic: question -> (OIT sub-indicator) -> indicator -> tool -> weighted total.

Nothing is rounded here; rounding to two decimals happens only when printing (``to_dict``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import fmean

from .framework import Framework
from .results import Agency, Results

TOOL_OF_INDICATOR = {**{n: "IIT" for n in range(1, 6)}, **{n: "EIT" for n in range(6, 9)}, 9: "OIT", 10: "OIT"}


@dataclass
class QuestionResult:
    code: str
    title: str
    indicator: int
    tool: str
    score: float | None  # combined: the mean of the parts where EIT has two
    parts: dict[int, float] = field(default_factory=dict)
    subindicator: str | None = None
    parts_given: bool = False  # False when a two-part EIT score was given as one figure

    @property
    def known(self) -> bool:
        return self.score is not None


@dataclass
class IndicatorResult:
    number: int
    name: str
    tool: str
    score: float | None
    source: str  # "questions", "given", "partial" (some questions), or "missing"
    parts: dict[int, float] = field(default_factory=dict)
    subindicators: dict[str, float] = field(default_factory=dict)
    previous: float | None = None

    @property
    def change(self) -> float | None:
        return None if self.score is None or self.previous is None else self.score - self.previous

    @property
    def relative_change(self) -> float | None:
        if self.change is None or not self.previous:
            return None
        return self.change / self.previous


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
    warnings: list[str] = field(default_factory=list)

    @property
    def target(self) -> float:
        return self.framework.target

    @property
    def passed(self) -> bool | None:
        return None if self.total is None else self.total >= self.target - 1e-9

    @property
    def display_tools(self) -> dict[str, float | None]:
        """IIT, EIT, OIT as reports print them (EIT = mean of its two parts)."""
        eit = self.tools.get("EIT")
        if self.framework.two_parts:
            p1, p2 = self.tools.get("EIT1"), self.tools.get("EIT2")
            eit = None if p1 is None or p2 is None else (p1 + p2) / 2
        return {"IIT": self.tools.get("IIT"), "EIT": eit, "OIT": self.tools.get("OIT")}

    @property
    def gaps(self) -> dict[str, float | None]:
        """How far each weighted tool is below the target (0 when at or above)."""
        return {k: None if v is None else max(0.0, self.target - v) for k, v in self.tools.items()}

    @property
    def total_change(self) -> float | None:
        return None if self.total is None or self.previous_total is None else self.total - self.previous_total

    @property
    def total_relative_change(self) -> float | None:
        change = self.total_change
        return None if change is None or not self.previous_total else change / self.previous_total

    @property
    def assumptions(self) -> list[str]:
        return [f"{a.fact}: {a.note}" for a in self.framework.assumptions]

    def indicator(self, number: int) -> IndicatorResult:
        return self.indicators[number - 1]

    def to_dict(self) -> dict:
        """The ``scores`` part of the plan contract (DESIGN.md), rounded like the NACC."""
        indicators = []
        for ind in self.indicators:
            entry = {"number": ind.number, "name": ind.name, "tool": ind.tool, "score": r2(ind.score),
                     "previous": r2(ind.previous), "change": r2(ind.change),
                     "relative_change": r4(ind.relative_change), "source": ind.source,
                     "passed": None if ind.score is None else ind.score >= self.target - 1e-9}
            if ind.parts:
                entry["parts"] = {str(k): r2(v) for k, v in ind.parts.items()}
            if ind.subindicators:
                entry["subindicators"] = {k: r2(v) for k, v in ind.subindicators.items()}
            indicators.append(entry)
        data = {
            "fiscal_year": self.framework.fiscal_year,
            "total": r2(self.total), "level": self.level, "label": self.label, "target": self.target,
            "passed": self.passed,
            "tools": {k: r2(v) for k, v in self.display_tools.items()},
            "weighted_tools": {k: r2(v) for k, v in self.tools.items()},
            "weights": dict(self.framework.weights),
            "gaps": {k: r2(v) for k, v in self.gaps.items()},
            "indicators": indicators,
            "questions": [{"code": q.code, "indicator": q.indicator, "score": r2(q.score),
                           **({"parts": {str(k): r2(v) for k, v in q.parts.items()}} if q.parts else {})}
                          for q in self.questions.values() if q.known],
            "reported_total": r2(self.reported_total),
            "previous": {"fiscal_year": self.previous_year, "total": r2(self.previous_total),
                         "change": r2(self.total_change), "relative_change": r4(self.total_relative_change)}
            if self.previous_total is not None else None,
            "warnings": list(self.warnings),
            "assumptions": self.assumptions,
        }
        return data


def r2(value: float | None) -> float | None:
    return None if value is None else round(value + 0.0, 2) + 0.0


def r4(value: float | None) -> float | None:
    return None if value is None else round(value, 4) + 0.0


def _mean(values: list[float]) -> float | None:
    return fmean(values) if values else None


def score(results: Results) -> Scorecard:
    fw = results.framework
    warnings: list[str] = []
    by_code: dict[str, dict[int | None, float]] = {}
    for q in results.questions:
        by_code.setdefault(q.code, {})[q.part] = q.score
    questions: dict[str, QuestionResult] = {}
    partless_eit = False
    for code, meta in fw.questions.items():
        given = by_code.get(code, {})
        parts: dict[int, float] = {}
        value: float | None = None
        if meta.tool == "EIT" and fw.two_parts and given:
            if None in given:  # a combined score, no parts: both parts take it
                parts = {1: given[None], 2: given[None]}
                partless_eit = True
            else:
                parts = {p: s for p, s in given.items() if p is not None}
                if len(parts) == 1:
                    missing = 2 if 1 in parts else 1
                    warnings.append(f"{code}: only EIT part {3 - missing} is given; part {missing} is taken as equal")
                    parts[missing] = next(iter(parts.values()))
            value = (parts[1] + parts[2]) / 2
        elif given:
            value = given.get(None)
        questions[code] = QuestionResult(code, meta.title, meta.indicator, meta.tool, value, parts, meta.subindicator,
                                         parts_given=bool(parts) and None not in given)
    if partless_eit:
        warnings.append("EIT scores are given without parts 1 and 2; each part is taken as equal to the given score")

    indicators: list[IndicatorResult] = []
    for ind in fw.indicators:
        known = [questions[c] for c in ind.codes if questions[c].known]
        given = results.indicators.get(ind.number)
        parts: dict[int, float] = {}
        subs: dict[str, float] = {}
        computed: float | None = None
        if known:
            if ind.subindicators:
                for sub in ind.subindicators:
                    sub_scores = [questions[c].score for c in sub.codes if questions[c].known]
                    if sub_scores:
                        subs[sub.number] = fmean(sub_scores)  # type: ignore[arg-type]
                computed = _mean(list(subs.values()))
            elif ind.tool == "EIT" and fw.two_parts:
                parts = {p: fmean(q.parts[p] for q in known) for p in (1, 2)}
                computed = (parts[1] + parts[2]) / 2
            else:
                computed = _mean([q.score for q in known])  # type: ignore[misc]
        complete = len(known) == len(ind.codes)
        if known and complete:
            value, source = computed, "questions"
            if given is not None and abs(given - computed) > 0.01:  # type: ignore[operator]
                warnings.append(f"indicator {ind.number}: the given score {given:.2f} differs from "
                                f"{computed:.2f} computed from its questions; the computed score is used")
        elif given is not None:
            value, source = given, "given"
            parts, subs = {}, {}
            if known:
                warnings.append(f"indicator {ind.number}: only {len(known)} of {len(ind.codes)} questions are "
                                f"given; the given indicator score {given:.2f} is used")
        elif known:
            value, source = computed, "partial"
            missing = [c for c in ind.codes if not questions[c].known]
            warnings.append(f"indicator {ind.number}: no score for {', '.join(missing)}; "
                            f"the indicator is the mean of the {len(known)} questions given")
        else:
            value, source = None, "missing"
            warnings.append(f"indicator {ind.number} ({ind.name}): no scores given")
        if source == "given" and ind.tool == "EIT" and fw.two_parts:
            parts = {1: given, 2: given}  # type: ignore[dict-item]
        indicators.append(IndicatorResult(ind.number, ind.name, ind.tool, value, source, parts, subs))

    tools: dict[str, float | None] = {}
    for key in fw.tool_keys:
        if key in ("EIT1", "EIT2"):
            part = int(key[-1])
            values = [i.parts.get(part) for i in indicators if i.tool == "EIT"]
        else:
            values = [i.score for i in indicators if i.tool == key]
        tools[key] = None if any(v is None for v in values) else fmean(values)  # type: ignore[arg-type]
    total: float | None = None
    if all(v is not None for v in tools.values()):
        total = sum(fw.weights[k] * tools[k] for k in fw.tool_keys) / 100  # type: ignore[operator]
    else:
        warnings.append("the total cannot be computed: some tool has no score")
    level = fw.level_of(total) if total is not None else None
    label = _label(fw, total, tools)
    if results.total is not None and total is not None and abs(results.total - total) > 0.01 + 1e-9:
        warnings.append(f"the reported total {results.total:.2f} differs from the computed total {total:.2f}")

    card = Scorecard(fw, results.agency, results.source, questions, indicators, tools, total, level, label,
                     reported_total=results.total, warnings=warnings)
    if results.previous is not None:
        prev_card = score(results.previous)
        if results.previous.framework_stand_in:  # a year without a framework: its own total, its year
            prev_card.total = results.previous.total
            prev_card.framework = fw
            apply_previous(card, prev_card)
            card.previous_year = int(results.previous.notes[-1]) if results.previous.notes else fw.fiscal_year - 1
        else:
            apply_previous(card, prev_card)
    return card


def apply_previous(card: Scorecard, previous: Scorecard) -> None:
    """Attach last year's indicator scores and total for the changes (this − last)."""
    card.previous_year = previous.framework.fiscal_year
    card.warnings.extend(f"last year ({previous.framework.fiscal_year}): {w}" for w in previous.warnings
                         if "no scores given" not in w and "cannot be computed" not in w)
    card.previous_total = previous.total if previous.total is not None else None
    if card.previous_total is None and previous.reported_total is not None:
        card.previous_total = previous.reported_total
    for ind, prev in zip(card.indicators, previous.indicators):
        ind.previous = prev.score


def _label(fw: Framework, total: float | None, tools: dict[str, float | None]) -> str | None:
    if total is None:
        return None
    for rule in fw.labels:
        if rule.total_at_least is not None and total < rule.total_at_least - 1e-9:
            continue
        if rule.tools_at_least is not None and any(v is None or v < rule.tools_at_least - 1e-9 for v in tools.values()):
            continue
        return rule.label
    return None
