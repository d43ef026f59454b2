"""The analysis part of a plan: overall result, indicator table, categories, ประเด็น per weak point.

Every indicator falls in exactly one category, decided once here and used by every section and
document: ``strong`` (at or above the target, no weak question, no fall of ``fall_points`` or more, no
measure), ``watch`` (at or above the target but with a weak question, a failed item, a fall or a
measure, such as one for a question at the target below an office's threshold), ``weak_rose`` / ``weak_fell`` / ``weak`` (below the target; risen, fallen, or no change
known) and ``unknown`` (no score). Every weak question (per EIT part) and every failed OIT item gets
its own point with the question's wording for that year and the ประเด็น written for that code in
that year. Sentences come from the catalogue's texts; figures are formatted once (two decimals).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from itaplan.base.thai import fmt_score
from itaplan.content.catalogue import Catalogue
from itaplan.drafting.model import Plan
from itaplan.drafting.plan import active_measures
from itaplan.ita.framework import builtin_years, indicator_redesigned, item_links, load_framework, plan_framework, redesigned
from itaplan.ita.scoring import IndicatorResult, Scorecard, round2
from itaplan.ruling.provenance import part_phrase, say, shown_issue, shown_title, tool_label

CATEGORIES = ("strong", "watch", "weak_rose", "weak_fell", "weak", "unknown")


def direction(change: float | None) -> str | None:
    if change is None:
        return None
    rounded = round2(change)
    return "up" if rounded > 0 else "down" if rounded < 0 else "same"


def weak_entries(card: Scorecard, number: int) -> list[tuple[str, int, float]]:
    """(code, EIT part or 0, score) of every score below the target in one indicator, lowest first."""
    questions, below = card.questions, card.target - 1e-9
    # in the framework's order of questions, then EIT part, as agencies' documents list them (QuestionResult.entries,
    # unrolled: this runs for every indicator of every agency)
    out = []
    for code in card.framework.codes_by_indicator.get(number, ()):
        q = questions[code]
        if q.parts:
            out += [(code, part, value) for part, value in sorted(q.parts.items()) if round2(value) < below]
        elif q.score is not None and round2(q.score) < below:
            out.append((code, 0, q.score))
    return out


def over_target_entries(card: Scorecard, number: int,
                        measures: Iterable[Mapping[str, Any]]) -> list[tuple[str, int, float, float]]:
    """(code, EIT part or 0, score, threshold) of each question of one indicator at or above the target that a measure
    of ``measures`` answers because a rule's own threshold above the target (an office's 90) found it below that
    threshold (its fact's ``threshold``), in the framework's order. The analysis lists them apart from the weak
    points: the NACC counts them as passed, the office does not."""
    thresholds: dict[tuple[str, int], float] = {}
    for m in measures:
        for f in m.get("facts", []):
            if f.get("kind") == "question" and f.get("threshold") is not None and f.get("code"):
                key = (str(f["code"]), int(f.get("part") or 0))
                thresholds[key] = min(thresholds.get(key, float(f["threshold"])), float(f["threshold"]))
    if not thresholds:
        return []
    out = []
    for code in card.framework.codes_by_indicator.get(number, ()):
        q = card.questions[code]
        values = sorted(q.parts.items()) if q.parts else [(0, q.score)] if q.score is not None else []
        for part, value in values:
            limit = thresholds.get((code, part))
            if limit is not None and value is not None and card.target - 1e-9 <= round2(value) < limit - 1e-9:
                out.append((code, part, value, limit))
    return out


def measure_indicators(measure: Mapping[str, Any]) -> set[int]:
    """The indicators a measure answers through its facts (not the catalogue's defaults)."""
    return {f["number"] for f in measure.get("facts", []) if f["kind"] in ("indicator", "change") and "number" in f} | \
        set(measure.get("fact_indicators", []))


def served_indicators(measure: Mapping[str, Any]) -> list[int]:
    """Every indicator a measure's row names (the measures table's ``ตัวชี้วัดที่ 5 และ 10``): its ``indicators``, else
    its one ``indicator``."""
    return sorted({n for n in (measure.get("indicators") or [measure.get("indicator")]) if isinstance(n, int)})


def maintained(plan: Plan) -> list[dict[str, Any]]:
    """The statements of what to maintain (section ๑.๘) for the plan as it now is, not as it was drafted: a strong
    indicator's statement, unless a measure still in the plan serves that indicator (one added from the catalogue,
    kept, or edited since the draft: it is acted on, not only maintained; README promises no maintain statement
    beside a measure). A statement the draft printed comes back when the measure added since is dropped again."""
    a = plan.get("analysis") or {}
    strong = {i["number"] for i in a.get("indicators", []) if i.get("category") == "strong"}
    served = {n for m in active_measures(plan) for n in served_indicators(m)}
    statements: dict[tuple[int, str], None] = {}
    for m in [*a.get("maintain", []), *(plan.get("maintain") or [])]:
        if isinstance(m.get("indicator"), int) and m.get("statement"):
            statements[(m["indicator"], str(m["statement"]))] = None
    return [{"indicator": n, "statement": s} for n, s in sorted(statements, key=lambda e: e[0])
            if n in strong and n not in served]


def items_unmet_unknown(ind: IndicatorResult, card: Scorecard) -> bool:
    """An OIT indicator given below 100 without its items: at least one item was not met, which one is unknown."""
    return ind.tool == "OIT" and ind.score is not None and round2(ind.score) < 100 and \
        not any(q.known for q in card.questions.values() if q.indicator == ind.number)


def category(ind: IndicatorResult, card: Scorecard, weak: list, has_measure: bool, fall: float) -> str:
    if ind.score is None:
        return "unknown"
    d = direction(ind.change)
    if round2(ind.score) < card.target - 1e-9:  # judged on the published two-decimal figure
        return {"up": "weak_rose", "down": "weak_fell"}.get(d or "", "weak")
    fell = ind.change is not None and round2(ind.change) <= -fall
    return "watch" if weak or fell or has_measure or items_unmet_unknown(ind, card) else "strong"


def _change_words(ind: IndicatorResult, card: Scorecard, catalogue: Catalogue) -> str:
    d = direction(ind.change)
    if d is None:
        return ""
    return say(catalogue, f"line_change_{d}", change=fmt_score(abs(ind.change or 0)), previous=fmt_score(ind.previous),
               previous_year=card.previous_year)


def and_list(items: list[str], catalogue: Catalogue) -> str:
    """Items as the documents list them: commas between, "และ" before the last (``list_and``)."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + say(catalogue, "list_and") + items[-1]


def _codes_label(entries: list[tuple[str, int, float]], catalogue: Catalogue) -> str:
    """The codes of an indicator's line, each once: a code below in both EIT parts names its parts together, "e4 (EIT
    ส่วนที่ 1 และ 2)" (``point_parts``), not "e4 (EIT ส่วนที่ 1) และ e4 (EIT ส่วนที่ 2)"."""
    parts: dict[str, list[int]] = {}
    for code, part, _ in entries:
        listed = parts.setdefault(code, [])
        if part not in listed:
            listed.append(part)
    labels = []
    for code, found in parts.items():
        numbered = sorted(p for p in found if p)
        if len(numbered) > 1:
            labels.append(code + say(catalogue, "point_parts", parts=and_list([str(p) for p in numbered], catalogue)))
        else:
            labels += [f"{code}{part_phrase(catalogue, part)}" for part in found]
    return and_list(labels, catalogue)


def _summary(card: Scorecard, catalogue: Catalogue) -> list[str]:
    fw = card.framework
    agency = card.agency.name or catalogue.text("agency_fallback")
    target = f"{card.target:g}"
    unknown_tools = [tool_label(k, catalogue) for k, v in card.tools.items() if v is None]
    out: list[str] = []
    if card.total is None:
        out.append(say(catalogue, "overall_unknown", agency=agency, fiscal_year=fw.fiscal_year,
                       tools=", ".join(unknown_tools)))
    else:
        sentence = say(catalogue, "overall", agency=agency, fiscal_year=fw.fiscal_year, total=fmt_score(card.total),
                       level=card.level)
        if card.label:
            sentence += say(catalogue, "overall_label", label=card.label)
        if card.passed:
            sentence += " " + say(catalogue, "overall_passed", target=target)
        else:
            sentence += " " + say(catalogue, "overall_failed", target=target,
                                  gap=fmt_score(card.target - round2(card.total)))
        out.append(sentence)
        # a label the scores cannot decide is left out of the documents, and one resting on an unconfirmed rule
        # is printed without the caveat: the officer is told both (officer_notes)
    shown = dict(card.tools)
    if fw.two_parts and card.tools.get("EIT1") is None and card.tools.get("EIT2") is None and card.eit_display is not None:
        shown = {"IIT": card.tools["IIT"], "EIT": card.eit_display, "OIT": card.tools["OIT"]}  # parts unknown, mean known
    out.append(say(catalogue, "tools", tools=", ".join(
        f"{tool_label(k, catalogue)} {fmt_score(v) if v is not None else catalogue.text('no_data')}"
        for k, v in shown.items())))
    below = [say(catalogue, "tool_below", tool=tool_label(k, catalogue), gap=fmt_score(g))
             for k, g in card.gaps.items() if g]
    eit = card.eit_display
    if fw.two_parts and card.tools.get("EIT1") is None and eit is not None and round2(eit) < card.target:
        below.insert(1 if card.gaps.get("IIT") else 0, say(catalogue, "tool_below", tool="EIT",
                                                           gap=fmt_score(card.target - round2(eit))))
    if below:  # one sentence with its subject: "คะแนน IIT ต่ำกว่าเป้าหมาย 5.18 คะแนน และ OIT ต่ำกว่า..."
        items = and_list(below, catalogue)
        out.append(say(catalogue, "tools_below", items=items))
    if card.previous_year and redesigned(fw.fiscal_year):
        before = load_framework(card.previous_year)
        changes = [say(catalogue, "redesign_count", tool=tool, before=len(before.codes_of_tool(tool)),
                       after=len(fw.codes_of_tool(tool))) for tool in ("IIT", "EIT", "OIT")
                   if len(before.codes_of_tool(tool)) != len(fw.codes_of_tool(tool))]
        out.append(say(catalogue, "redesign", year=fw.fiscal_year, previous_year=card.previous_year,
                       changes=", ".join(changes) or catalogue.text("redesign_same_count")))
    given = [ind.number for ind in card.indicators if ind.source == "given" and ind.score is not None and
             not any(q.known for q in card.questions.values() if q.indicator == ind.number)]
    if given:  # said once, rather than on every line: these indicators are analysed by their score alone
        out.append(catalogue.text("summary_given_all") if len(given) == len(card.indicators) else
                   say(catalogue, "summary_given", numbers=", ".join(map(str, given))))
    if card.total_change is not None:
        d = direction(card.total_change)
        # last year's total as published does not follow from its own indicators: the sentence says the figure the
        # change is measured from is the published one (the indicators' lines may point the other way)
        published = "_published" if card.previous_computed_total is not None else ""
        if d == "same":
            out.append(say(catalogue, f"change_total{published}_same", previous_year=card.previous_year,
                           previous_total=fmt_score(card.previous_total)))
        elif card.total_relative_change is None:  # last year's total was 0: no percentage of it
            out.append(say(catalogue, f"change_total{published}_no_percent", previous_year=card.previous_year,
                           previous_total=fmt_score(card.previous_total), direction=catalogue.text(d or "same"),
                           change=fmt_score(abs(card.total_change))))
        else:
            pct = card.total_relative_change * 100
            out.append(say(catalogue, f"change_total{published}", previous_year=card.previous_year,
                           previous_total=fmt_score(card.previous_total), direction=catalogue.text(d or "same"),
                           change=fmt_score(abs(card.total_change)), percent=fmt_score(abs(pct))))
    return out


def threshold_clauses(over: list[tuple[str, int, float, float]], card: Scorecard, catalogue: Catalogue) -> list[str]:
    """The clauses of a watched indicator's line for its questions at the target but below an office's threshold
    (``over_target_entries``), one per threshold: "มีข้อที่ได้คะแนนถึงค่าเป้าหมาย 85 คะแนนแล้ว แต่ยังต่ำกว่าเกณฑ์ 92
    คะแนนที่สำนักงานกำหนด ได้แก่ i1" (``line_threshold_codes``)."""
    return [say(catalogue, "line_threshold_codes", target=f"{card.target:g}", threshold=f"{limit:g}",
                set_by=catalogue.text("threshold_set_by"),
                codes=_codes_label([(c, p, v) for c, p, v, t in over if t == limit], catalogue))
            for limit in sorted({t for *_, t in over})]


def _line(ind: IndicatorResult, cat: str, weak: list, card: Scorecard, catalogue: Catalogue, fall: float,
          measure_ids: list[str], over: list[tuple[str, int, float, float]] | None = None) -> tuple[str, list[str]]:
    """The indicator's line in its category, and the measures the line cites (the renderers number them as
    the documents' table does). ``over``: its questions at the target but below an office's threshold."""
    cites: list[str] = []
    if cat == "unknown":
        codes = card.framework.indicator(ind.number).codes
        known = [c for c in codes if c not in ind.missing]
        missing = say(catalogue, "line_unknown_missing", known=len(known), count=len(codes), codes=", ".join(known)) \
            if known else ""
        return say(catalogue, "line_unknown", number=ind.number, name=ind.name, missing=missing), cites
    words = [say(catalogue, "line_indicator", number=ind.number, name=ind.name, score=fmt_score(ind.score))]
    if cat.startswith("weak"):
        words.append(say(catalogue, "line_gap", gap=fmt_score(card.target - round2(ind.score or 0))))
    change = _change_words(ind, card, catalogue)
    if change:
        words.append(change)
    if cat == "watch":
        failed = [e for e in weak if card.questions[e[0]].tool == "OIT" and e[2] == 0]
        low = [e for e in weak if e not in failed]
        reasons: list[str] = []  # each a whole clause; the last joined by "และ" (``line_reasons_and``)
        if low:
            reasons.append(say(catalogue, "line_weak_codes", target=f"{card.target:g}",
                               codes=_codes_label(low, catalogue)))
        if failed:
            reasons.append(say(catalogue, "line_failed_items", codes=_codes_label(failed, catalogue)))
        reasons += threshold_clauses(over or [], card, catalogue)
        if items_unmet_unknown(ind, card):
            reasons.append(catalogue.text("line_items_unmet_unknown"))
        if ind.change is not None and round2(ind.change) <= -fall:
            reasons.append(say(catalogue, "line_fell_watch", fall=f"{fall:g}"))
        if reasons:
            words.append(" ".join(reasons[:-1]) + say(catalogue, "line_reasons_and") + reasons[-1]
                         if len(reasons) > 1 else reasons[0])
        if not low and not failed and not over and not (ind.change is not None and round2(ind.change) <= -fall) and measure_ids \
                and not items_unmet_unknown(ind, card):
            cites = list(measure_ids)
    return " ".join(words), cites


def answered_by(measures: Iterable[Mapping[str, Any]]) -> dict[tuple[str, int], list[str]]:
    """(code, EIT part or 0) of each weak point -> the ids of the measures whose facts name it. This is how the
    analysis gives each weak point its measures (and the draft keeps a measure for every weakness, merging rows
    rather than leaving one out); with only the measures kept, it is how a point left with none is found."""
    by_code: dict[tuple[str, int], list[str]] = {}
    for m in measures:
        for f in m.get("facts", []):
            if "code" in f:
                by_code.setdefault((f["code"], f.get("part", 0)), []).append(m["id"])
    return by_code


INDICATOR_POINT = re.compile(r"(fell|given)-(\d+)\Z")  # the key of a weak point of a whole indicator (point_key)


def point_key(number: int, point: Mapping[str, Any]) -> tuple[str, int]:
    """(code, EIT part or 0) of a weak point the analysis lists under indicator ``number``; a point of the whole
    indicator has no code: ("fell-N", 0) for a score that fell by ``fall_points`` or more, ("given-N", 0) for an
    indicator known only by its score (``INDICATOR_POINT``)."""
    code = point.get("code")
    if code:
        return str(code), int(point.get("part") or 0)
    kind = "given" if point.get("issue") else "fell"  # a fall has no issue of its own (build_analysis)
    return f"{kind}-{number}", 0


def indicator_point(key: tuple[str, int]) -> tuple[str, int] | None:
    """("fell" or "given", the indicator's number) of a weak point of a whole indicator's key, else None."""
    found = INDICATOR_POINT.match(str(key[0]))
    return (found.group(1), int(found.group(2))) if found else None


def listed_points(plan: Mapping[str, Any]) -> list[tuple[tuple[str, int], int, dict]]:
    """Each weak point the analysis lists, once: its key (``point_key``), the indicator it is listed under, the
    point as the analysis gives it (its sentence, the measures cited)."""
    out: list[tuple[tuple[str, int], int, dict]] = []
    seen: set[tuple[str, int]] = set()
    for issue in (plan.get("analysis") or {}).get("issues", []):
        number = int(issue.get("number") or 0)
        for point in issue.get("points", []):
            key = point_key(number, point)
            if key not in seen:
                seen.add(key)
                out.append((key, number, point))
    return out


def unanswered_points(plan: Plan) -> list[tuple[str, int]]:
    """(code, EIT part or 0) of each weak point the analysis lists that no measure kept in the table answers any more
    (its measures were dropped, or taken out of the plan file); a point of a whole indicator (a fall of
    ``fall_points`` or more, an indicator known only by its score) by its key (``point_key``): answered while a
    measure it cites is kept, or (a fall) a kept measure looks for the indicator's causes. A point the draft gave no
    measure on purpose (an item the plan year's framework no longer has) is not one: the officer was told when it
    was drafted."""
    active = active_measures(plan)
    answered = answered_by(active)
    kept = {m["id"] for m in active}
    causes = {f.get("number") for m in active for f in m.get("facts", []) if f.get("kind") == "change"}
    out: list[tuple[str, int]] = []
    for key, number, point in listed_points(plan):
        if not point.get("measures"):
            continue
        if point.get("code"):
            if key in answered:
                continue
        elif kept & set(point["measures"]) or (key[0].startswith("fell") and number in causes):
            continue
        out.append(key)
    return out


def _item_gone(code: str, fiscal_year: int, plan_year: int) -> bool:
    """An OIT item of the assessed year with no item in the plan year's framework: the draft gives it no measure on
    purpose (the officer is told), as ``draft._drop_gone_items`` decides."""
    pf = plan_framework(plan_year)
    if pf is None or fiscal_year not in builtin_years():
        return False
    q = load_framework(fiscal_year).questions.get(code)
    if q is None or q.tool != "OIT":
        return False
    return not any(link.code in pf.framework.questions
                   for link in item_links(code, fiscal_year, pf.framework.fiscal_year))


def unmeasured_points(plan: Plan) -> list[tuple[str, int, str, list[str]]]:
    """(code, EIT part or 0, why, measure ids) of each weak point the analysis lists with no measure in the table from
    the draft on (``unanswered_points`` are those whose measures were dropped later): ``left_out`` when the row limit
    left out the measures that answer it (their ids), ``none`` when no rule in force proposed one (a rule switched
    off, or narrowed). An OIT item the plan year no longer has is left out: the draft gives it none on purpose."""
    fiscal_year, plan_year = plan.get("fiscal_year"), plan.get("plan_year")
    left_by_code: dict[str, list[str]] = {}
    for m in plan.get("left_out") or []:
        for code in m.get("codes") or []:
            left_by_code.setdefault(str(code), []).append(str(m.get("id")))
    out: list[tuple[str, int, str, list[str]]] = []
    seen: set[tuple[str, int]] = set()
    for issue in plan.get("analysis", {}).get("issues", []):
        for point in issue.get("points", []):
            code, part = point.get("code"), int(point.get("part") or 0)
            if not code or point.get("measures") or (code, part) in seen:
                continue
            seen.add((code, part))
            if isinstance(fiscal_year, int) and isinstance(plan_year, int) and _item_gone(code, fiscal_year, plan_year):
                continue
            ids = left_by_code.get(code, [])
            out.append((str(code), part, "left_out" if ids else "none", ids))
    return out


def build_analysis(card: Scorecard, measures: list[dict], maintain: list[dict], catalogue: Catalogue,
                   gone: tuple[set[str], int] | None = None) -> dict:
    """``measures`` are the rows of the table, numbered in order; ``gone``: the failed OIT items that the plan
    year's framework (of the year given) no longer has, which no measure is asked to publish."""
    fw = card.framework
    fall = catalogue.fall_points
    target = f"{card.target:g}"
    order = {m["id"]: i for i, m in enumerate(measures)}  # the table's order: points cite measures by id, in it
    # the indicators of kept measures with no weak point behind them (the agency's own choice): a measure answering
    # weak points makes its indicators "watch" through its facts already
    served = {n for m in measures if m.get("status") != "dropped" and not m.get("facts")
              for n in (m.get("indicators") or [m.get("indicator")]) if isinstance(n, int)}
    by_indicator: dict[int, list[str]] = {}
    by_code = answered_by(measures)

    def cited(ids: list[str]) -> list[str]:
        return sorted(set(ids), key=order.__getitem__)

    for m in measures:
        for n in measure_indicators(m):
            by_indicator.setdefault(n, []).append(m["id"])

    indicators: list[dict[str, Any]] = []
    groups: dict[str, list[dict[str, Any]]] = {c: [] for c in CATEGORIES}
    issues: list[dict[str, Any]] = []
    for ind in card.indicators:
        weak = weak_entries(card, ind.number)
        over = over_target_entries(card, ind.number, measures)
        cat = category(ind, card, weak, ind.number in by_indicator, fall)
        d = direction(ind.change)
        indicators.append({"number": ind.number, "name": ind.name, "tool": ind.tool, "score": ind.score,
                           "previous": ind.previous, "change": ind.change, "direction": d,
                           "direction_text": catalogue.text(d) if d else None,
                           "passed": None if ind.score is None else round2(ind.score) >= card.target - 1e-9,
                           "source": ind.source, "category": cat})
        text, cites = _line(ind, cat, weak, card, catalogue, fall, cited(by_indicator.get(ind.number, [])),
                          over if cat == "watch" else None)
        groups[cat].append({"number": ind.number, "text": text, "cites": cites})
        if cat == "strong" or (cat == "unknown" and not weak):
            continue
        points = []
        for code, part, value in weak:
            q = card.questions[code]
            failed_item = q.tool == "OIT" and value == 0
            text = say(catalogue, "point_item", code=code, title=q.title) + (
                say(catalogue, "point_item_gone", year=gone[1]) if gone and code in gone[0] else "") if failed_item else \
                say(catalogue, "point_question", code=code, title=shown_title(fw.questions[code], fw, catalogue),
                    part=part_phrase(catalogue, part), score=fmt_score(value))
            issue = shown_issue(fw.questions[code], fw, catalogue)
            points.append({"code": code, "part": part, "score": value, "text": text, "issue": issue,
                           "measures": cited(by_code.get((code, part), []))})
        # at the target, below an office's threshold: the point as the measures table names it (a weak indicator's too)
        for code, part, value, limit in over:
            # its title kept, so that both EIT parts below the same threshold print as one sentence (the renderers)
            points.append({"code": code, "part": part, "score": value, "threshold": limit,
                           "title": shown_title(fw.questions[code], fw, catalogue),
                           "text": say(catalogue, "point_question_threshold", code=code,
                                       title=shown_title(fw.questions[code], fw, catalogue),
                                       part=part_phrase(catalogue, part), score=fmt_score(value), target=target,
                                       threshold=f"{limit:g}", set_by=catalogue.text("threshold_set_by")),
                           "issue": shown_issue(fw.questions[code], fw, catalogue),
                           "measures": cited(by_code.get((code, part), []))})
        if ind.source == "given" and not any(q.known for q in card.questions.values() if q.indicator == ind.number):
            points.append({"code": None, "part": 0, "score": ind.score, "text": catalogue.text("point_given_only"),
                           "issue": catalogue.given_only.get(ind.number) or catalogue.text("no_issue"),
                           "measures": cited(by_indicator.get(ind.number, []))})
        if ind.change is not None and round2(ind.change) <= -fall:
            points.append({"code": None, "part": 0, "score": ind.score, "issue": "",  # no issue: point_key's fall
                           "text": say(catalogue, "point_fell_redesign" if indicator_redesigned(fw.fiscal_year, ind.number)
                                       else "point_fell",
                                       change=fmt_score(abs(ind.change)),
                                       previous_year=card.previous_year),
                           # the measure looking for the causes, else those answering the indicator's low points
                           "measures": cited([m["id"] for m in measures
                                              if any(f["kind"] == "change" and f.get("number") == ind.number
                                                     for f in m.get("facts", []))] or
                                             by_indicator.get(ind.number, []))})
        if not points:  # a heading with nothing under it tells the reader nothing (check refuses one)
            continue
        heading_key = {"watch": "issue_heading_watch", "unknown": "issue_heading_unknown"}.get(cat, "issue_heading_weak")
        issues.append({"number": ind.number, "name": ind.name, "category": cat, "score": ind.score,
                       "heading": say(catalogue, heading_key, number=ind.number, name=ind.name,
                                      score=fmt_score(ind.score),
                                      gap=fmt_score(card.target - round2(ind.score)) if ind.score is not None else ""),
                       "points": points})

    # a strength known only by its indicator's score cannot be said to have no question below the target
    given_only = any(card.indicator(n).source == "given" and not any(
        q.known for q in card.questions.values() if q.indicator == n) for n in (g["number"] for g in groups["strong"]))
    heading_of = {"strong": say(catalogue, "cat_strong_given" if given_only else "cat_strong", target=target,
                                fall=f"{fall:g}"),
                  "watch": catalogue.text("cat_watch"),
                  "weak_rose": say(catalogue, "cat_weak_rose", target=target),
                  "weak_fell": say(catalogue, "cat_weak_fell", target=target),
                  "weak": say(catalogue, "cat_weak", target=target),
                  "unknown": catalogue.text("cat_unknown")}
    categories = [{"key": c, "heading": heading_of[c], "indicators": [g["number"] for g in groups[c]],
                   "lines": [g["text"] for g in groups[c]], "cites": [g["cites"] for g in groups[c]]}
                  for c in CATEGORIES if groups[c]]
    strong = {n for n, i in zip(range(1, 11), indicators) if i["category"] == "strong"}
    return {
        "summary": _summary(card, catalogue),
        "tools": [{"key": k, "label": tool_label(k, catalogue), "score": v, "gap": card.gaps[k],
                   "source": card.tool_sources.get(k)} for k, v in card.tools.items()],
        "indicators": indicators,
        "categories": categories,
        "strengths": list(groups["strong"] and [g["text"] for g in groups["strong"]]),
        "weaknesses": [g["text"] for c in ("weak_rose", "weak_fell", "weak") for g in groups[c]],
        "issues": issues,
        "coverage": None,  # what the row limit left out is told to the officer (officer_notes), never printed
        # a strong indicator a kept measure still serves (one left answering nothing by a corrected score, kept by
        # the agency's choice) is acted on, not only maintained: no maintain statement beside its measure
        "maintain": [{"indicator": m["indicator"], "statement": m["statement"]} for m in maintain
                     if m["indicator"] in strong and m["indicator"] not in served],
    }
