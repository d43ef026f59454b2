"""``itaplan whatif``: which fixes raise the total most, and the shortest list of fixes that reaches a goal.

Every gain is computed through the NACC's own arithmetic (engine/scoring.py): one question (per EIT part) or
OIT item is raised, the agency is scored again, and the gain is the new total minus the old, so an OIT item in
a small sub-indicator is worth more, and an EIT part counts for its own weight. A measure's stake is computed the
same way with all of its questions raised at once (never a sum of rounded gains). A gain that cannot be known is
said to be unknown, never assumed: the total is unknown or stands as given, or the question does not feed it
(its indicator or tool is a figure given as printed, which the questions do not make) — a raise that does not
move the total. OIT items are "publish" fixes: putting a document online, usually the cheapest.

Scoring is linear in the question scores wherever the gains are known, so each fix moves the total and the tools
by the same amount whatever else is fixed; the path to a goal chooses its steps on those amounts and scores every
state it reports.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from itaplan.base.i18n_composed import N_
from itaplan.base.thai import round2
from itaplan.ita.results import QuestionScore, Results
from itaplan.ita.scoring import GIVEN, Scorecard, decided_label, r2, score

GOALS = {"85": "total at least 85", "pass-good": "total at least 85 and every tool at least 85 (ผ่านดี)",
         "95": "total at least 95"}
EPS = 1e-9
UNKNOWN_REASONS = {
    "total_unknown": N_("the total cannot be computed (some tool has no score), so what one question is worth "
                        "cannot be known"),
    "total_given": N_("the total stands as given and is not computed from the questions, so what one question is "
                      "worth cannot be known"),
    "given_figure": N_("its indicator or tool is a figure given as printed, which the questions do not make"),
    "no_questions": N_("the measure answers indicator scores, not questions"),
    "given_only": N_("the indicators are figures given as printed, without all of their questions"),
}


@dataclass(eq=False, slots=True)  # a fix is itself: lists of fixes are searched by identity, not field by field
class Fix:
    code: str
    part: int
    title: str
    tool: str
    indicator: int
    score: float
    publish: bool  # an OIT item: put the document online
    gain_to_target: float | None  # points the total gains if this reaches the target (OIT: None)
    gain_to_max: float | None  # ... if it reaches 100 (OIT: if met)
    tool_gains: dict[str, float] = field(default_factory=dict)  # each weighted tool it raises -> by how much, at 100

    @property
    def known(self) -> bool:
        return self.gain_to_max is not None

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "part": self.part or None, "title": self.title, "tool": self.tool,
                "indicator": self.indicator, "score": r2(self.score), "kind": "publish" if self.publish else "improve",
                "gain_to_target": r2(self.gain_to_target), "gain_to_max": r2(self.gain_to_max)}


def raised(results: Results, changes: dict[tuple[str, int], float]) -> Results:
    """``results`` with the (code, EIT part or 0) entries of ``changes`` set to their new scores."""
    out = copy.copy(results)
    out.questions = [QuestionScore(q.code, changes[key], q.part, q.line) if (key := (q.code, q.part or 0)) in changes
                     else q for q in results.questions]  # the unchanged rows shared, not copied
    out.previous = None  # last year plays no part in the total
    return out


def total_of(card: Scorecard) -> float | None:
    """The total when the questions make it (computed); None when it is unknown or stands as given."""
    return None if card.total is None or card.total_source == GIVEN else card.total


def results_of(card: Scorecard) -> Results:
    """The results a scorecard was scored from, unrounded: the questions per EIT part and the figures given."""
    questions = []
    for q in card.questions.values():
        if q.parts:
            questions += [QuestionScore(q.code, v, p) for p, v in sorted(q.parts.items())]
        elif q.score is not None:
            questions.append(QuestionScore(q.code, q.score))
    indicators = {i.number: i.score for i in card.indicators if i.source == GIVEN and i.score is not None}
    tools = {k: v for k, v in card.tools.items() if card.tool_sources.get(k) == GIVEN and v is not None}
    if card.framework.two_parts and card.tool_sources.get("EIT") == GIVEN and card.eit_display is not None:
        tools["EIT"] = card.eit_display
    total = card.total if card.total_source == GIVEN else None
    return Results(card.source, card.framework, card.agency, questions, indicators, total, tools=tools)


def working(results: Results) -> Results:
    """The results with every given figure that agrees with what its parts give left to the arithmetic, so that
    raising a question moves it; a given figure that disagrees (or has no parts) stays and stops the gain."""
    if not results.indicators and not results.tools and results.total is None:
        return results
    card = score(results)
    out = copy.copy(results)
    out.indicators = {n: v for n, v in results.indicators.items() if not _agrees_with(card.indicator(n).computed, v)}
    out.tools = {k: v for k, v in results.tools.items() if not _agrees(results, k, v)}
    if results.total is not None and card.computed_total is not None and abs(card.computed_total - results.total) <= 0.0051:
        out.total = None
    if out.total is None and (results.label is not None or results.level is not None):
        # the label and level ITAS gave are the real result's: one the scores give alike is left to them too, so that
        # a raised score is labelled by the NACC's rule (ผ่านดี after the fixes), not by the given ผ่าน it stood at
        probe = copy.copy(out)
        probe.label, probe.level = None, None
        decided = score(probe)
        if results.label is not None and decided.label == results.label:
            out.label = None
        if results.level is not None and decided.level == results.level:
            out.level = None
    return out


def _agrees_with(computed: float | None, given: float) -> bool:
    return computed is not None and abs(computed - given) <= 0.0051


def _agrees(results: Results, key: str, given: float) -> bool:
    probe = copy.copy(results)
    probe.tools = {k: v for k, v in results.tools.items() if k != key}
    card = score(probe)
    value = card.eit_display if key == "EIT" else card.tools.get(key)
    return value is not None and abs(value - given) <= 0.0051


def unknown_reason(card: Scorecard) -> str | None:
    """Why no gain can be known for this (working) scorecard, or None when the total moves with the questions."""
    if card.total is None:
        return "total_unknown"
    if card.total_source == GIVEN:
        return "total_given"
    return None


_ORDER: dict[tuple[str, int], tuple[int, int, int]] = {}


def code_order(code: str, part: int = 0) -> tuple[int, int, int]:
    known = _ORDER.get((code, part))
    if known is None:
        if len(_ORDER) > 4096:
            _ORDER.clear()
        known = _ORDER[(code, part)] = ("ieo".index(code[0].lower()), int(code[1:]), part)
    return known


def candidates(results: Results, prepared: bool = False, literal: bool = False,
               base: Scorecard | None = None) -> tuple[Scorecard, list[Fix]]:
    """Every question (per EIT part) and OIT item below its maximum, with what it is worth on the total when it
    reaches 100 (an OIT item: is met) and, for a question below the target, the target. A raise that does not move
    the total means the question does not feed it: its worth is unknown.

    ``literal``: every entry is raised and scored again on its own (for ``itaplan whatif`` and ``check``). Otherwise
    one entry per slot is — a slot is the entries one mean takes equally (an indicator's questions per EIT part, an
    OIT sub-indicator's items), so they move the total by the same amount per point — and the others take that rate
    times their own distance to 100: the same figures (the scoring is linear in each score) for a fraction of the
    work, which keeps drafting thousands of agencies fast. ``prepared``: ``results`` are already working(), and
    ``base`` (if given) is their scorecard."""
    results = results if prepared else working(results)
    base = base or score(results)
    fw = results.framework
    base_total = total_of(base)
    fixes = []
    slots: dict[tuple, list[Fix]] = {}
    for q in results.questions:
        if q.score >= 100:
            continue
        meta = fw.questions[q.code]
        part = q.part or 0
        fix = Fix(q.code, part, meta.title, meta.tool, meta.indicator, q.score, meta.tool == "OIT", None, None)
        fixes.append(fix)
        key = (q.code, part) if literal else (meta.indicator, meta.subindicator, part)
        slots.setdefault(key, []).append(fix)
    if base_total is not None:
        shape = None if literal else _shape(results)
        for key, members in slots.items():
            _rate(results, base, base_total, members, None if shape is None else (shape, key))
    fixes.sort(key=rank_key)
    return base, fixes


# A slot's rate (points on the total per point of one of its scores) depends only on the framework and on which
# scores the results hold, not on their values (the scoring is linear in each score): agencies of one shape, as in
# a national batch, share it. It is measured on the shape itself — every score at 0, the slot's first entry raised
# to 100 — so it is the same float whichever agency of that shape came first (a plan never depends on the order
# of a batch or on how it was shared among processes). Keyed on that shape; cleared when it grows past a bound.
_RATES: dict[tuple, tuple[float, dict[str, float]] | None] = {}
_ZERO: dict[tuple, tuple[Results, Scorecard]] = {}  # each shape's results with every score at 0, and their card
_RATES_MAX = 4096


def _shape(results: Results) -> tuple:
    """What a slot's rate depends on: the framework, which questions (per part) are present, and which indicator,
    tool and total figures are given (a given figure stands and stops what is under it)."""
    return (id(results.framework), results.framework.fiscal_year,
            tuple(sorted((q.code, q.part or 0) for q in results.questions)),
            tuple(sorted(results.indicators)), tuple(sorted(results.tools)), results.total is not None)


def _measured(results: Results, base: Scorecard, entry: tuple[str, int], distance: float
              ) -> tuple[float, dict[str, float]] | None:
    """The rate of the slot holding ``entry``, raised by ``distance`` to 100 from ``results`` (scored: ``base``):
    points on the total and on each weighted tool per point; None when the total does not move (the slot does not
    feed it: unknown, not worth nothing)."""
    base_total = total_of(base)
    probe = score(raised(results, {entry: 100.0}))
    new_total = total_of(probe)
    if base_total is None or new_total is None or new_total - base_total <= EPS:
        return None
    tool_rates = {k: (v - (base.tools.get(k) or 0.0)) / distance for k, v in probe.tools.items()
                  if v is not None and base.tools.get(k) is not None}
    return (new_total - base_total) / distance, {k: r for k, r in tool_rates.items() if r}  # the tools it raises


def _rate(results: Results, base: Scorecard, base_total: float, members: list[Fix], key: tuple | None = None) -> None:
    """Give every member of a slot its worth at the slot's rate: measured on these results (the lowest member
    raised to 100) when ``key`` is None, else the rate of the results' shape (``_RATES``)."""
    if key is None:
        probe_fix = min(members, key=lambda f: f.score)
        known = _measured(results, base, (probe_fix.code, probe_fix.part), 100.0 - probe_fix.score)
    elif key in _RATES:
        known = _RATES[key]
    else:
        shape = key[0]
        if shape not in _ZERO:
            zero = raised(results, {(q.code, q.part or 0): 0.0 for q in results.questions})
            _ZERO[shape] = (zero, score(zero))
        zero, zero_card = _ZERO[shape]
        known = _measured(zero, zero_card, (members[0].code, members[0].part), 100.0)
        if len(_RATES) >= _RATES_MAX:
            _RATES.clear()
            _ZERO.clear()
        _RATES[key] = known
    if known is None:
        return
    rate, tool_rates = known
    target = results.framework.target
    for fix in members:
        gap = 100.0 - fix.score
        fix.gain_to_max = rate * gap
        fix.tool_gains = {k: r * gap for k, r in tool_rates.items()}
        if not fix.publish:
            fix.gain_to_target = rate * max(0.0, target - fix.score)


def rank_key(fix: Fix) -> tuple:
    """The most on the total first (as printed, to two decimals); on a tie a publish fix, the cheaper one, first."""
    return (-(r2(fix.gain_to_max) or 0.0), not fix.publish, code_order(fix.code, fix.part))


def fix_index(fixes: list[Fix]) -> dict[tuple[str, int], Fix]:
    """The candidates by (code, EIT part or 0)."""
    return {(f.code, f.part): f for f in fixes}


def stake(results: Results, base: Scorecard, fixes: list[Fix], entries: list[tuple[str, int]],
          literal: bool = True, index: dict[tuple[str, int], Fix] | None = None) -> dict[str, Any]:
    """What the total gains if all of ``entries`` (code, EIT part or 0) reach the target (OIT items: met) and if they
    reach 100. ``literal``: computed by raising them together and scoring again; otherwise the sum of their own
    gains, unrounded (exact: the scoring is linear in each score). ``results`` and ``base`` are the working results
    and their scorecard; ``fixes`` the candidates (which entries feed the total, and what each is worth), and
    ``index`` (if given) the same by (code, part), as ``fix_index`` makes it."""
    out: dict[str, Any] = {"to_target": None, "to_max": None,
                           "entries": [{"code": c, "part": p or None} for c, p in entries], "reason": None}
    if not entries:
        out["reason"] = "no_questions"
        return out
    reason = unknown_reason(base)
    if reason:
        out["reason"] = reason
        return out
    worth = fix_index(fixes) if index is None else index
    if not all(worth[e].known for e in entries if e in worth):  # an entry at 100 is not a fix, and adds nothing
        out["reason"] = "given_figure"
        return out
    if not literal:
        picked = [worth[e] for e in entries if e in worth]
        out["to_max"] = sum(f.gain_to_max or 0.0 for f in picked)
        out["to_target"] = sum((f.gain_to_max if f.publish else f.gain_to_target) or 0.0 for f in picked)
        return out
    fw = results.framework
    scores = {(q.code, q.part or 0): q.score for q in results.questions}
    base_total = total_of(base)
    assert base_total is not None
    to_target = {e: 100.0 if fw.questions[e[0]].tool == "OIT" else max(scores[e], fw.target) for e in entries
                 if e in scores}
    to_max = {e: 100.0 for e in entries if e in scores}
    for key, changes in (("to_target", to_target), ("to_max", to_max)):
        new_total = total_of(score(raised(results, changes)))
        out[key] = None if new_total is None else max(0.0, new_total - base_total)
    return out


def _published(value: float) -> float:
    return round2(value + 0.0)  # judged on the two-decimal figure, as printed


def _reached(total: float | None, tools: Mapping[str, float | None], goal: str, target: float) -> bool:
    """The goal holds on the published (two-decimal) figures. A figure more than a hundredth below its level cannot
    round up to it: that is settled without rounding (a goal path asks this at every step)."""
    if total is None:
        return False
    level = 95.0 if goal == "95" else target
    if total < level - 0.01 or _published(total) < level:
        return False
    if goal == "pass-good":
        return all(v is not None and v >= target - 0.01 and _published(v) >= target for v in tools.values())
    return True


def given_label_reaches(card: Scorecard, goal: str) -> bool | None:
    """What the label ITAS gave says of ผ่านดี when the scores cannot (a tool, or EIT's parts, unknown): reached for
    a label whose rule asks every tool to reach a level (ผ่านดี, ผ่านดีเยี่ยม), not reached for another (ผ่าน,
    ไม่ผ่าน). None for another goal, when every tool is known (the scores decide), or when no label was given."""
    if goal != "pass-good" or card.label_source != GIVEN or not card.label or \
            all(v is not None for v in card.tools.values()):
        return None
    rule = next((r for r in card.framework.labels if r.label == card.label), None)
    return None if rule is None else rule.tools_at_least is not None


def reached(card: Scorecard, goal: str) -> bool:
    given = given_label_reaches(card, goal)
    if given is not None:  # ITAS's own label settles what the unknown tool scores cannot
        return given
    return _reached(total_of(card), card.tools, goal, card.target)


@dataclass
class Reached:
    """The state at the end of a goal path, from the summed gains: the total, the level and the label."""
    total: float | None
    level: str | None
    label: str | None


def _near_rounding(value: float) -> bool:
    """Within float noise of a two-decimal rounding boundary (x.xx5): the summed figure may round otherwise than
    the scored one. Summing a hundred gains errs by about 1e-12; this margin is a million times that."""
    hundredths = value * 100.0
    return abs(hundredths - round(hundredths - 0.5) - 0.5) < 1e-4


def _summed_state(card: Scorecard, total: float, tools: dict[str, float]) -> Reached | None:
    """The level and label of a state known by its summed total and tools, as ``score`` decides them (on the
    two-decimal figures); None when a figure that decides something lies too close to a rounding boundary to
    trust the sum: the total (it is printed), a tool within a hundredth of a level it is compared with (the
    target, a label's level for every tool). A tool at 96.875 is far from both: its rounding changes nothing.
    None too when the EIT parts are unknown but their mean is known: ``score`` decides the label on that mean (a mean
    below 85 puts some part below it: ผ่าน, not ผ่านดี), and the summed figures do not carry it."""
    fw = card.framework
    if _near_rounding(total):
        return None
    levels = fw.__dict__.get("_tool_levels")
    if levels is None:
        levels = fw.__dict__["_tool_levels"] = (fw.target, *(r.tools_at_least for r in fw.labels
                                                             if r.tools_at_least is not None),
                                                  *(v for r in fw.labels for v in r.tools_at_least_also))
    if any(_near_rounding(v) and any(abs(v - level) < 0.02 for level in levels) for v in tools.values()):
        return None
    shown = {k: None if card.tools.get(k) is None else r2(v) for k, v in tools.items()}  # unknown stays unknown
    if None in shown.values() and card.eit_display is not None:
        return None  # EIT given without its parts: the label rests on the EIT mean, which the sum does not follow
    published = r2(total)
    assert published is not None
    return Reached(total, fw.level_of(published), decided_label(fw, published, shown))


@dataclass
class Ordered:
    """The fixes that move the total, in the orders a goal path takes them (``ordered``); the same for every
    goal of one agency, so made once."""
    remaining: list[Fix]
    by_gain: list[Fix]
    by_bound: list[Ranked]


def ordered(fixes: list[Fix]) -> Ordered:
    remaining = [f for f in fixes if f.gain_to_max]
    by_gain = sorted(remaining, key=lambda f: (-round(f.gain_to_max or 0.0, 9), not f.publish))  # stable
    return Ordered(remaining, by_gain, _by_bound(remaining))


def plan_to_goal(results: Results, goal: str, fixes: list[Fix], limit: int = 40, every_step: bool = True,
                 base: Scorecard | None = None, order: Ordered | None = None
                 ) -> tuple[list[dict], bool, Scorecard | Reached]:
    """The fewest fixes (greedy: each step takes the fix that closes the most of what is missing; publish fixes
    first on a tie) that reach the goal. With ``every_step`` each step is scored and reported with the total, tools
    and label after it. Otherwise the state is followed by summing the fixes' gains (exact: the scoring is linear
    in each score) and scored again only where a figure lies within float noise of a rounding boundary, and the end
    is given as a ``Reached`` (total, level, label). Returns the steps, whether the goal is reached, and the state
    at the end. ``results`` are the working results, ``base`` (if given) their scorecard, ``order`` (if given)
    ``ordered(fixes)``."""
    card = base or score(results)
    target = card.target
    if total_of(card) is None or (goal == "pass-good" and any(v is None for v in card.tools.values())):
        return [], False, card
    total, tools = total_of(card) or 0.0, {k: v or 0.0 for k, v in card.tools.items()}
    changes: dict[tuple[str, int], float] = {}
    steps: list[dict] = []
    order = order or ordered(fixes)
    remaining, by_gain, by_bound = order.remaining[:], order.by_gain[:], order.by_bound  # copies: fixes leave them
    taken: set[Fix] = set()  # the fixes on the path, passed over in by_bound (which is only read)
    scored = 0  # how many of the changes ``card`` was scored with (changes only grow)

    def rescored() -> Scorecard:
        nonlocal scored
        if scored != len(changes):
            scored = len(changes)
            return score(raised(results, changes))
        return card

    while len(steps) < limit:
        if _reached(total, tools, goal, target):
            if every_step or scored == len(changes) or _summed_state(card, total, tools) is None:
                card = rescored()  # the state as the scoring gives it, not as summed
                if reached(card, goal):
                    break
                total, tools = total_of(card) or 0.0, {k: v or 0.0 for k, v in card.tools.items()}
            else:
                break  # the summed figures are far from any rounding boundary: the scoring says the same
        gap = max(0.0, (95.0 if goal == "95" else target) - total)
        fix: Fix | None
        if goal != "pass-good" and remaining and (by_gain[0].gain_to_max or 0.0) < gap - EPS:
            fix = by_gain[0]  # nothing closes the gap yet: the greedy choice is the largest gain
        else:
            fix = _best_step(by_bound, gap, {k: target - v for k, v in tools.items() if v < target}
                             if goal == "pass-good" else {}, taken)
        if fix is None:
            break
        for key, gain in fix.tool_gains.items():  # the tools it raises (this path's own copy of the figures)
            tools[key] += gain
        total += fix.gain_to_max or 0.0
        changes[(fix.code, fix.part)] = 100.0
        remaining.remove(fix)
        by_gain.remove(fix)
        taken.add(fix)
        step: dict[str, Any] = {"fix": fix.to_dict() if every_step else  # a plan's goal names the fixes only
                                {"code": fix.code, "part": fix.part or None,
                                 "kind": "publish" if fix.publish else "improve"}, "to": 100.0}
        if every_step:
            card = rescored()
            total, tools = total_of(card) or 0.0, {k: v or 0.0 for k, v in card.tools.items()}
            step.update({"total": r2(card.total), "level": card.level, "label": card.label,
                         "tools": {k: r2(v) for k, v in card.tools.items()}})
        steps.append(step)
    if not every_step and scored != len(changes):
        summed = _summed_state(card, total, tools)
        if summed is not None:
            return steps, _reached(total, tools, goal, target), summed
    card = rescored()
    return steps, reached(card, goal), card


Ranked = tuple[float, float, int, Fix, float, bool, tuple[tuple[str, float], ...]]
# (bound rounded to 1e-9, bound, rank, fix, gain, publish, the tools it raises and by how much)


def _best_step(by_bound: list[Ranked], gap: float, tool_gaps: dict[str, float], taken: set[Fix]) -> Fix | None:
    """The fix that closes the most of what is missing (the total's gap, and for ผ่านดี each tool's), a publish fix
    first on a tie, then the first in rank order; None when none closes anything.

    ``by_bound`` holds the fixes (``_by_bound``), the largest bound first: a fix closes at most its own gains on
    the total and every tool, so the look stops once the bound falls below the best found. Fixes in ``taken`` are
    already on the path. What a fix closes is compared to nine decimals (equal up to float noise is a tie); one
    that falls short by more than that is passed over without rounding it."""
    best: Fix | None = None
    best_key = (EPS, False, 0)
    for rounded_bound, _, index, fix, gain, publish, tool_gains in by_bound:  # the gains are all positive
        if rounded_bound < best_key[0]:
            break  # no fix left can close as much as the best
        if fix in taken:
            continue
        closed = min(gain, gap)
        for key, tool_gain in tool_gains:  # in the tools' order; a tool it does not raise adds 0.0, nothing
            tool_gap = tool_gaps.get(key)
            if tool_gap is not None:
                closed += min(tool_gain, tool_gap)
        if closed + 1e-9 < best_key[0]:
            continue  # below the best even once rounded
        candidate = (round(closed, 9), publish, -index)
        if candidate > best_key:
            best, best_key = fix, candidate
    return best


def _by_bound(fixes: list[Fix]) -> list[Ranked]:
    """Each fix with its bound and rank, the largest bound first, then rank order. The bound is a fix's gains on
    the total and on every tool, added in the order ``_best_step`` adds what it closes: never below what it
    closes, in floats too (the tools it closes are some of these, in the same order, each no more than its gain).
    Also each fix's gain and the tools it raises, read once."""
    out = []
    for index, fix in enumerate(fixes):
        gain = fix.gain_to_max or 0.0
        bound = gain
        for tool_gain in fix.tool_gains.values():
            bound += tool_gain
        out.append((round(bound, 9), bound, index, fix, gain, fix.publish,
                    tuple((k, v) for k, v in fix.tool_gains.items() if v)))
    out.sort(key=lambda item: (-item[1], item[2]))
    return out


GOAL_UNKNOWN_REASONS = {
    "eit_parts": N_("EIT's two parts are unknown: only EIT's mean is known, and ผ่านดี needs each part at 85"),
    "tool": N_("a tool has no score"),
}


def goal_unknown_reason(eit_mean_only: bool) -> str:
    """Why ผ่านดี cannot be known: EIT given as its mean alone (its parts unknown), else a tool with no score."""
    return GOAL_UNKNOWN_REASONS["eit_parts" if eit_mean_only else "tool"]


def pass_good_unknown(card: Scorecard) -> str | None:
    """Why whether ผ่านดี (the total and every tool at the target) is reached cannot be known, or None."""
    missing = [k for k, v in card.tools.items() if v is None]
    if not missing or given_label_reaches(card, "pass-good"):  # ITAS's ผ่านดี: reached, whatever is unknown
        return None
    return goal_unknown_reason(set(missing) <= {"EIT1", "EIT2"} and card.eit_display is not None)


def gain_to_target_shown(entry: Mapping[str, Any], target: float) -> float | None:
    """What reaching the target adds to the total, as a ranked fix's line shows it; None where reaching the target
    is no step to take: an OIT item (it is met or not), or a question already at or above the target (whose
    "+0.00 at 85" read as if reaching 85 were still to do)."""
    gain, score = entry.get("gain_to_target"), entry.get("score")
    if gain is None or (isinstance(score, (int, float)) and score >= target):
        return None
    return float(gain)


def whatif(results: Results, goal: str = "85", top: int = 10) -> dict[str, Any]:
    """What each fix is worth and the shortest path to ``goal``. The agency's figures are given as ``itaplan
    score`` gives them (a total given as printed stays given); the gains are computed on the working results,
    where a given figure that agrees with its parts is left to the arithmetic."""
    given = working(results)
    shown = score(results) if given is not results else None  # the scorecard, before given figures are let go
    results = given
    base, fixes = candidates(results, prepared=True, literal=True)
    shown = shown or base
    reason = unknown_reason(base)
    steps, done, _ = ([], False, base) if reason else plan_to_goal(results, goal, fixes)
    return {
        "framework": results.framework.name, "agency": base.agency.to_dict(), "target": results.framework.target,
        "total": r2(shown.total), "total_source": shown.total_source, "level": shown.level, "label": shown.label,
        "tools": {k: r2(v) for k, v in shown.tools.items()},
        "goal": goal, "goal_text": GOALS[goal],
        "gains_known": reason is None,
        "unknown_reason": UNKNOWN_REASONS[reason] if reason else None,
        "fixes": [f.to_dict() for f in fixes],
        "ranked": [f.to_dict() for f in fixes[:top]],
        "path": steps, "goal_reached": done, "already": reason is None and reached(base, goal),
        "goal_unknown": pass_good_unknown(base) if goal == "pass-good" else None,
        "goal_by_label": given_label_reaches(shown, goal),  # ITAS's label says whether ผ่านดี is reached
    }


def whatif_estimate(results: Results, goal: str = "85", top: int = 10) -> dict[str, Any] | None:
    """For results whose given total (ITAS's) differs from the one the questions make (the weights assumed for the
    year are not ITAS's, or a figure was typed wrong): the what-if on the computed total, as an estimate for the
    officer's screen, with both totals; None when the total does not stand as given or cannot be computed. A round
    22 newcomer gave ITAS's 86.95 (computed 87.02) as the README asks, and whatif then said nothing at all. Never
    printed in a document: the documents keep the gains unknown."""
    card = score(working(results))
    if unknown_reason(card) != "total_given" or card.computed_total is None:
        return None
    let_go = copy.copy(results)
    # the given level and label are the given total's: an estimate on the computed total has its own (round 24's
    # newcomer: "O26 to 100: total 87.65 B ไม่ผ่าน", the B of ITAS's 82.05)
    let_go.total, let_go.level, let_go.label = None, None, None
    out = whatif(let_go, goal, top)
    if not out["gains_known"]:
        return None
    out["estimated_from"] = {"given": r2(card.total), "computed": r2(card.computed_total)}
    return out
