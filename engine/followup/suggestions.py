"""The report's drafted suggestions for next year (ข้อเสนอแนะสำหรับปีงบประมาณถัดไป), one per measure, from what
happened to it (its progress) and, given this year's plan (``later``, drafted from the results of the year the
measure was carried out), how its indicators and points stand now. Nothing is said the plans do not say.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from itaplan.base import thai
from itaplan.base.thai import fiscal_year_of, round2
from itaplan.content.texts import Texts
from itaplan.drafting.analysis import listed_points
from itaplan.drafting.handled import printed_statements
from itaplan.drafting.model import Plan
from itaplan.drafting.plan import active_measures
from itaplan.ita.framework import indicator_redesigned, item_links, load_framework

UNFINISHED_KEYS = {"in progress": "suggest_state_in_progress", "not started": "suggest_state_not_started"}


def _indicators_of(measure: Mapping[str, Any]) -> list[int]:
    return list(measure.get("indicators") or ([measure["indicator"]] if measure.get("indicator") else []))


def _scores_by_indicator(plan: Plan | None) -> dict[int, dict[str, Any]]:
    analysis: Mapping[str, Any] = (plan.get("analysis") if plan is not None else None) or {}
    rows: list[Mapping[str, Any]] = list(analysis.get("indicators", []))
    return {int(i["number"]): dict(i) for i in rows}


def _joined(items: list[str], t: Texts) -> str:
    """Items the Thai way: spaced, the last after "และ" with no space ("ก ข และค")."""
    return items[0] if len(items) == 1 else " ".join(items[:-1]) + " " + t("and_also") + items[-1]


def _clauses(items: list[str], t: Texts) -> str:
    """Clauses, each a sentence of its own ("คะแนนของตัวชี้วัดที่ 1 … เป็น 97.07 คะแนน"), joined by "และ" before each
    after the first: spaced only, three of them read as one run-on sentence ("…97.07 คะแนน คะแนนของตัวชี้วัดที่ 2…",
    round 22's newcomer)."""
    return items[0] + "".join(f" {t('and_also')}{item}" for item in items[1:])


def points_now(measure: Mapping[str, Any], plan: Plan, later: Plan) -> list[str]:
    """The codes of ``later``'s framework that continue the points (question codes) ``measure`` answered in the
    results it was drafted from: an OIT item through the crosswalk, an IIT or EIT question as the same code."""
    after_year, fw = int(later["fiscal_year"]), load_framework(int(later["fiscal_year"]))
    out: list[str] = []
    for code in measure.get("codes") or []:
        links = [link.code for link in item_links(str(code), int(plan["fiscal_year"]), after_year)]
        same = fw.lookup(str(code))
        if not links and same is not None and fw.questions[same].tool != "OIT":
            links = [same]
        out += [c for c in links if c not in out]
    return out


_BRACKETED = re.compile(r"\(([^()]{2,40})\)")


def _bracketed(title: str) -> set[str]:
    """The names a title gives in brackets ("โครงการพัฒนาระบบ … (E-Service)"), the way Thai titles name a system,
    compared without case, spaces or hyphens."""
    return {re.sub(r"[\s\-–]+", "", name).lower() for name in _BRACKETED.findall(title)}


def carried_on_by(measure: Mapping[str, Any], plan: Plan, later: Plan) -> list[tuple[int, Mapping[str, Any]]]:
    """This year's measures (numbered as ``later``'s table numbers them) that answer a point ``measure`` answered;
    for a measure with no codes (imported from a table or project cards that name none), those on one of its
    indicators whose title names the same thing in brackets ("(E-Service)"): nothing else is guessed."""
    wanted = {c.lower() for c in points_now(measure, plan, later)}
    numbered = list(enumerate(active_measures(later), start=1))
    if wanted:
        return [(n, m) for n, m in numbered if wanted & {str(c).lower() for c in m.get("codes") or []}]
    named, indicators = _bracketed(str(measure.get("title") or "")), set(_indicators_of(measure))
    return [(n, m) for n, m in numbered
            if named & _bracketed(str(m.get("title") or "")) and indicators & set(_indicators_of(m))]


def _codes_carried(measure: Mapping[str, Any], plan: Plan, later: Plan) -> list[str]:
    """The codes of this year's framework ``measure``'s points are now: its own codes carried over, or, for a
    measure with none, those of this year's measures that carry it on."""
    own = points_now(measure, plan, later)
    if own or measure.get("codes"):
        return own
    return list(dict.fromkeys(str(c) for _, m in carried_on_by(measure, plan, later) for c in m.get("codes") or []))


def weak_points(codes: list[str], later: Plan, t: Texts) -> str:
    """The points of ``codes`` this year's plan finds weak (its analysis's issues), each with its figures: "ข้อ e9 (EIT
    ส่วนที่ 1) ได้ 71.30 คะแนน และ (EIT ส่วนที่ 2) ได้ 74.50 คะแนน ซึ่งต่ำกว่า 85 คะแนน และข้อ O10 ไม่ผ่านเกณฑ์การประเมิน"
    (an EIT question's scores each with its part, as the plan's analysis says them); empty when none is."""
    fw, target = load_framework(int(later["fiscal_year"])), _target(later)
    wanted = {c.lower() for c in codes}
    scores: dict[str, dict[int, float]] = {}
    for issue in (later.get("analysis") or {}).get("issues") or []:
        for point in issue.get("points") or []:
            code, score = str(point.get("code") or ""), point.get("score")
            if code.lower() in wanted and isinstance(score, (int, float)):
                scores.setdefault(code, {})[int(point.get("part") or 0)] = round2(float(score))
    clauses = []
    for code, by_part in scores.items():
        question = fw.lookup(code)
        if question is not None and fw.questions[question].tool == "OIT":
            clauses.append(t("suggest_point_not_met", code=code))
            continue
        values = list(by_part.values())
        below = target is not None and all(v < target for v in values)
        goal = f"{target:g}" if target is not None else ""
        if any(by_part):
            said = f" {t('and_also')} ".join(t("row_point_part_score", part=t("point_part", part=part).strip(),
                                               score=t.score(value)) for part, value in sorted(by_part.items()))
            clauses.append(t("suggest_point_parts_below" if below else "suggest_point_parts_score", code=code,
                             scores=said, target=goal))
            continue
        clauses.append(t("suggest_point_below" if below else "suggest_point_score", code=code,
                         scores=_numbers([t.score(v) for v in values], t), target=goal))
    return _clauses(clauses, t) if clauses else ""


def advice_year(plan: Plan, later: Plan | None) -> int:
    """The fiscal year a suggestion is for: the year after the measures' (this year's plan's, given ``later``); for a
    report made after that year is over (measures two years old, the report late), the year of today, never a year
    already over (round 19's web officer read "ดำเนินการต่อเนื่องในปีงบประมาณ 2569" in FY2570)."""
    following = plan["plan_year"] + 1
    return following if later is not None else max(following, fiscal_year_of(thai.today()))


def _cause_steps(reason: str, year: int, t: Texts) -> str:
    """The step a cancelled measure's recorded reason calls for, by the words it uses (settings.yaml's
    cause_words_budget, _staff, _time): seek the budget, assign staff, start earlier; nothing when it names none."""
    steps = []
    for cause in ("budget", "staff", "time"):
        words = [w.strip() for w in t.catalogue.text(f"cause_words_{cause}").split(",") if w.strip()]
        if any(w in reason for w in words):
            steps.append(t(f"suggest_step_{cause}", year=year))
    return t("suggest_steps", steps=_clauses(steps, t)) if steps else ""


def _without_lead(reason: str, t: Texts) -> str:
    """A cancelled measure's reason without the words its sentence already says before it: "ยกเลิกเพราะ…" after
    "ยกเลิกการดำเนินการเนื่องจาก" read "…เนื่องจากยกเลิกเพราะเปลี่ยนเป็น…" (round 24's web officer). A leading verb of
    cancelling goes only with the connective after it ("ยกเลิกโครงการเนื่องจาก…" is kept whole); the words are the
    settings' ``reason_lead_verbs`` and ``reason_connectives``; the rest is the officer's words as typed."""
    verbs, connectives = (str(t.catalogue.text(key)).split() for key in ("reason_lead_verbs", "reason_connectives"))
    text = reason.strip()
    for verb in verbs:
        rest = text.removeprefix(verb).lstrip() if text.startswith(verb) else ""
        if any(rest.startswith(c) for c in connectives):
            text = rest
            break
    lead = next((c for c in connectives if text.startswith(c) and text.removeprefix(c).strip()), None)
    return text.removeprefix(lead).strip() if lead else text


def _dropped(measure: Mapping[str, Any], reason: str, plan: Plan, later: Plan | None, t: Texts) -> str:
    """A cancelled measure's suggestion: with this year's plan, whether its points are still weak there (with their
    figures) and which of this year's measures carries them on, or that none does; the step its reason calls for
    (budget, staff, time); without this year's plan, what is known: the reason, and to review whether it is still
    needed."""
    next_year = advice_year(plan, later)
    steps = _cause_steps(reason, next_year, t)
    if later is not None:
        codes = _codes_carried(measure, plan, later)
        carriers = carried_on_by(measure, plan, later)
        items = _joined([t("suggest_follow_item", no=n, title=m["title"], year=later["plan_year"])
                         for n, m in carriers], t) if carriers else ""
        because = t.with_typed("suggest_because", "reason", reason) if reason else ""  # the officer's words as typed
        stated, codes = _stated(codes, later)
        weak, said = weak_points(codes, later, t), weak_points(stated, later, t)
        if weak and items:
            return t("suggest_dropped_carried", because="\x00", results_year=later["fiscal_year"], points=weak,
                     items=items).replace("\x00", because) + steps + _also_stated(said, t)
        if weak:
            return t("suggest_dropped_uncovered", because="\x00", results_year=later["fiscal_year"], points=weak,
                     year=next_year).replace("\x00", because) + steps + _also_stated(said, t)
        if said:  # every point still weak has the agency's own approach stated: nothing more to plan for them
            return t("suggest_dropped_stated", because="\x00", results_year=later["fiscal_year"],
                     points=said).replace("\x00", because)
    if reason:
        return t.with_typed("suggest_dropped_reason", "reason", reason, year=next_year) + steps \
            + _follow(measure, plan, later, t)
    return t("suggest_dropped", year=next_year) + _follow(measure, plan, later, t)


def _follow(measure: Mapping[str, Any], plan: Plan, later: Plan | None, t: Texts) -> str:
    """" ร่วมกับมาตรการที่ 2 … ซึ่งตอบข้อ e7 เช่นเดียวกัน": this year's measures (in ``later``, numbered as its table
    numbers them) that answer a point of ``measure`` (``carried_on_by``); empty when none, or no later plan. A measure
    that only shares an indicator is not named: an indicator holds unrelated points (staff briefings and e-services
    both answer indicator 9), and the pairing read as nonsense."""
    if later is None:
        return ""
    same = carried_on_by(measure, plan, later)
    if not same:
        return ""
    items = [t("suggest_follow_item", no=n, title=m["title"], year=later["plan_year"]) for n, m in same]
    wanted = {c.lower() for c in points_now(measure, plan, later)}
    codes = [str(c) for _, m in same for c in m.get("codes") or [] if str(c).lower() in wanted]
    if not codes:  # a measure with no codes, carried on by the same thing its title names in brackets
        return t("suggest_follow_named", items=_joined(items, t))
    return t("suggest_follow_points", items=_joined(items, t), codes=_numbers(list(dict.fromkeys(codes)), t))


def _numbers(numbers: list[int] | list[str], t: Texts) -> str:
    """Indicator numbers (or codes) the Thai way: "8", "8 และ 10", "4, 7 และ 8"."""
    said = [str(n) for n in numbers]
    return said[0] if len(said) == 1 else ", ".join(said[:-1]) + " " + t("and_also") + " " + said[-1]


def _target(later: Plan) -> float | None:
    target = (later.get("scores") or {}).get("target")
    return float(target) if isinstance(target, (int, float)) else None


@dataclass
class Standing:
    """How a measure's indicators stand in the results of the year it was carried out (``later``'s): the clauses of
    how each moved since the results the measure was drafted from, by direction ("fell", "rose", "same"), or of its
    score alone ("scored": its questions changed that year, or the earlier score is not known); the indicators
    still below the target; and those whose score that year is not known."""

    changes: dict[str, list[str]] = field(default_factory=lambda: {"fell": [], "rose": [], "same": [], "scored": []})
    below: list[int] = field(default_factory=list)
    unknown: list[int] = field(default_factory=list)
    target: float | None = None


def standing(measure: Mapping[str, Any], plan: Plan, later: Plan, t: Texts) -> Standing:
    out = Standing(target=_target(later))
    before_of, after_of = _scores_by_indicator(plan), _scores_by_indicator(later)
    for number in _indicators_of(measure):
        row = after_of.get(number, {})
        after = row.get("score")
        if after is None:
            out.unknown.append(number)
            continue
        after = round2(after)
        if out.target is not None and after < out.target or out.target is None and row.get("passed") is False:
            out.below.append(number)
        name = row.get("name") or before_of.get(number, {}).get("name") or ""
        before = before_of.get(number, {}).get("score")
        if before is None:
            before = row.get("previous")
        # its questions changed that year (FY2569's OIT items): the two scores measure different things, so no rise
        # or fall is said, only the score
        if before is None or indicator_redesigned(int(later["fiscal_year"]), number):
            out.changes["scored"].append(t("suggest_change_scored", number=number, name=name, after=t.score(after)))
            continue
        before = round2(before)
        direction = "fell" if after < before else "rose" if after > before else "same"
        out.changes[direction].append(t(f"suggest_change_{direction}", number=number, name=name,
                                        before=t.score(before), after=t.score(after)))
    return out


def _done(measure: Mapping[str, Any], plan: Plan, later: Plan | None, t: Texts) -> tuple[str, str]:
    """A done measure's suggestion (the sentence this year's measures that carry it on are joined to, and a
    sentence after it): only indicators at or above the target may be told to be kept; one still below it is said
    to be so, and to be carried on and improved; a score not known is said to be unknown."""
    next_year, results_year = advice_year(plan, later), plan["plan_year"]
    numbers = _indicators_of(measure)
    if not numbers:
        return t("suggest_done", year=next_year, results_year=results_year), ""
    if later is None:
        named = [t("suggest_indicator", number=n, name=_scores_by_indicator(plan).get(n, {}).get("name") or "")
                 for n in numbers]
        return t("suggest_done_follow_up", year=next_year, results_year=results_year,
                 indicators=_joined(named, t)), ""
    now = standing(measure, plan, later, t)
    known = [n for n in numbers if n not in now.unknown]
    if not now.below:
        below = ""
    elif now.target is None:
        below = t("suggest_below_no_target", numbers=_numbers(now.below, t))
    elif known == now.below == numbers[:1]:  # the one indicator just said: "แต่ยังต่ำกว่าค่าเป้าหมาย 85 คะแนน"
        below = t("suggest_below_target_it", target=f"{now.target:g}")
    else:
        below = t("suggest_below_target", numbers=_numbers(now.below, t), target=f"{now.target:g}")
    if not below and now.target is not None:  # every indicator at the target, but a point of the measure still not
        below = _points_below(measure, plan, later, now.target, t)  # (e5 84.35 in an indicator at 89.66): not "keep"
    unknown = t("suggest_unknown_scores", numbers=_numbers(now.unknown, t), results_year=results_year) \
        if now.unknown else ""
    changes = now.changes
    if changes["fell"]:
        key = "suggest_done_fell_below" if below else "suggest_done_fell"
        return t(key, results_year=results_year, changes=_clauses(changes["fell"], t), below=below,
                 year=next_year), unknown
    stated = changes["rose"] + changes["same"] + changes["scored"]
    if not stated:
        return t("suggest_done_unknown", numbers=_numbers(now.unknown, t), results_year=results_year,
                 year=next_year), ""
    if below:
        key = "suggest_done_below"
    elif changes["rose"] and not unknown:  # every indicator known, at or above the target: kept
        key = "suggest_done_rose"
    else:
        key = "suggest_done_same"
    return t(key, results_year=results_year, changes=_clauses(stated, t), below=below, year=next_year), unknown


def _points_below(measure: Mapping[str, Any], plan: Plan, later: Plan, target: float, t: Texts) -> str:
    """The points a measure answered that are still below the target in ``later``'s results ("ข้อ e5 (EIT ส่วนที่ 1)
    ยังต่ำกว่าค่าเป้าหมาย 85 คะแนน"), and its OIT items still not met; "" when none. A measure whose indicators all
    reach the target may still leave its own question below it: the indicator's mean hides it."""
    wanted = {c.lower() for c in points_now(measure, plan, later)}
    low, unmet = [], []
    for q in (later.get("scores") or {}).get("questions") or []:
        if str(q.get("code", "")).lower() not in wanted:
            continue
        if q.get("tool") == "OIT":
            if isinstance(q.get("score"), (int, float)) and round2(q["score"]) < target:
                unmet.append(str(q["code"]))
            continue
        parts = q.get("parts") or {}
        if parts:
            low += [f"{q['code']}{t('point_part', part=part)}" for part, value in sorted(parts.items())
                    if isinstance(value, (int, float)) and round2(value) < target]
        elif isinstance(q.get("score"), (int, float)) and round2(q["score"]) < target:
            low.append(str(q["code"]))
    said = []
    if low:
        said.append(t("suggest_points_below_target", points=_numbers(low, t), target=f"{target:g}"))
    if unmet:
        said.append(t("suggest_items_not_met", items=_numbers(unmet, t)))
    return (" " + t("and_also")).join(said)


def _uncovered(measure: Mapping[str, Any], plan: Plan, later: Plan | None, t: Texts) -> str:
    """For a measure not finished whose points are still weak in this year's results while this year's plan has no
    measure that answers them (the officer dropped it): said, so that "ดำเนินการให้แล้วเสร็จในปีงบประมาณ 2570" is
    not read as a promise this year's plan keeps (round 20's newcomer); "" without this year's plan or when none."""
    if later is None:
        return ""
    stated, codes = _stated(_codes_carried(measure, plan, later), later)
    weak, said = weak_points(codes, later, t), weak_points(stated, later, t)
    if weak:
        return t("suggest_unfinished_uncovered", results_year=later["fiscal_year"], points=weak,
                 year=later["plan_year"]) + _also_stated(said, t)
    return t("suggest_unfinished_stated", results_year=later["fiscal_year"], points=said,
             year=later["plan_year"]) if said else ""


def _stated(codes: list[str], later: Plan) -> tuple[list[str], list[str]]:
    """``codes`` split: those whose every weak point this year's plan leaves, on purpose, to the agency's own
    statement (no kept measure answers it; the analysis prints the agency's approach after it), and the others.
    A report must not tell the agency to plan a measure for a point its own analysis says how it handles (round 21's
    web officer dropped the e5 measure, stated its approach, and the report still said "จึงควรกำหนดไว้ในแผน")."""
    said = printed_statements(later)
    keys: dict[str, list[tuple[str, int]]] = {}
    for key, _, point in listed_points(later):
        if point.get("code"):
            keys.setdefault(str(point["code"]).lower(), []).append(key)
    stated = [c for c in codes if keys.get(c.lower()) and all(k in said for k in keys[c.lower()])]
    return stated, [c for c in codes if c not in stated]


def _also_stated(points: str, t: Texts) -> str:
    """" ส่วนข้อ … หน่วยงานได้ระบุแนวทาง…": the measure's other points, whose approach the agency stated; "" if none."""
    return t("suggest_also_stated", points=points) if points else ""


def drafted_suggestion(measure: Mapping[str, Any], progress: dict, plan: Plan, later: Plan | None, t: Texts) -> str:
    """The suggestion for next year that follows from what happened to one measure: not done, its obstacle (or, with
    none given, what to settle first) and the way on; done, how its indicators moved in the results of the year it
    was carried out (``later``, this year's plan: fell, so review it; rose, and at or above the target, so keep it;
    still below the target, so carry it on and improve it; not known, said so) or, without them, what to follow;
    each tied to this year's measure on the same point (else indicator) when there is one. Nothing is said that the plans
    do not say: a rise is not said to be the measure's doing."""
    next_year = advice_year(plan, later)
    follow = _follow(measure, plan, later, t)
    status = progress["status"]
    # the obstacle recorded as such; else, for a measure not finished, its note: the command line's --note is, by its
    # help, a not-finished measure's obstacles (a newcomer recorded "งบประมาณไม่เพียงพอ" so, and the suggestion
    # stayed generic)
    reason = progress["reason"] or str(measure.get("note") or "").strip()
    if status == "dropped":
        return _dropped(measure, _without_lead(reason, t), plan, later, t)
    if status != "done":
        state = t(UNFINISHED_KEYS[status])
        if reason:
            said = t.with_typed("suggest_unfinished_reason", "reason", reason, state=state, year=next_year)
        else:
            said = t("suggest_unfinished", state=state, year=next_year)
        return said + (follow or _uncovered(measure, plan, later, t))
    said, after = _done(measure, plan, later, t)
    return said + follow + (" " + after if after else "")
