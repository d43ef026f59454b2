"""``itaplan check PLAN``: every number and claim of a plan's rendered text re-derived from its facts.

Two passes. The facts: the plan's scores are scored again from what it says was given (questions per EIT
part, given indicators, tools and total) with the NACC's method, and each indicator's category is decided
again. The text: each rendered document is read segment by segment — a segment starts at "ตัวชี้วัดที่ N"
or "ข้อ CODE" and runs to the next one — and every figure, direction word, limit, verdict, category,
code and label in it must follow from those facts; English words outside an allow-list are reported.
Scanning is linear in the text. Each disagreement is one line naming the document and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from itaplan.base.thai import fmt_score, round2, to_arabic
from itaplan.builtin import builtin_dir
from itaplan.checking.check_document import UNFILLED, empty_issue_headings, timeline_problems, unfilled
from itaplan.checking.check_stakes import Stakes, check_data, gain_claims, goal_claims, named, row_stake_claims
from itaplan.checking.patterns import Patterns
from itaplan.content.texts import around
from itaplan.content.catalogue import Catalogue
from itaplan.drafting.analysis import (
    CATEGORIES,
    category,
    direction,
    indicator_point,
    maintained,
    measure_indicators,
    over_target_entries,
    served_indicators,
    threshold_clauses,
    unmeasured_points,
    weak_entries,
)
from itaplan.drafting.handled import printed_statements, unanswered_unhandled
from itaplan.drafting.model import Plan
from itaplan.drafting.plan import active_measures, without_dimension, without_indicator
from itaplan.ita.framework import (Framework, builtin_years, indicators_redesigned, load_framework, normalize_code,
                                   plan_framework)
from itaplan.ita.results import Agency, QuestionScore, Results
from itaplan.ita.scoring import Scorecard, score
from itaplan.render.cards import catalogue_zero
from itaplan.render.common import item_text, proposing_rules
from itaplan.render.dispatch import render
from itaplan.ruling.provenance import say
from itaplan.ruling.rulebook import RuleSet

ENGLISH_ALLOWED = {"ITA", "IIT", "EIT", "OIT", "ITAS", "E-Service", "No", "Gift", "Policy", "e-GP", "QR", "Code",
                   "Q&A", "Social", "Network", "Public", "Survey", "AA", "A", "B", "C", "D", "E", "F",
                   # the channels and tools Thai agencies name in English in their own documents
                   "Google", "Form", "Forms", "Facebook", "Fanpage", "Line", "LINE", "YouTube", "TikTok", "Website",
                   "Email", "E-mail", "Zoom", "Online", "Webboard", "Application", "OA"}
_NUM = r"(\d+(?:\.\d+)?)"
_ENGLISH = re.compile(r"(?<![A-Za-z0-9&-])[A-Za-z][A-Za-z&-]*(?![0-9A-Za-z&-])")


@dataclass
class Facts:
    """What the text is checked against: the scores re-derived, the categories decided again, and (when a text
    states one) what each fix is worth, scored again."""

    plan: Plan
    fw: Framework
    card: Scorecard
    categories: dict[int, str]
    plan_fw: Framework | None
    catalogue: Catalogue
    patterns: Patterns
    _stakes: Stakes | None = field(default=None, repr=False)
    # English words in what the agency itself wrote (measures it imported, added or edited, its statements on weak
    # points, its names): its own words, not the software's leaking into a Thai document
    own_english: frozenset[str] = frozenset()

    @property
    def stakes(self) -> Stakes:
        if self._stakes is None:
            self._stakes = Stakes(self.card, self.plan)
        return self._stakes

    def question(self, code: str, part: int) -> float | None:
        q = self.card.questions.get(code)
        if q is None:
            return None
        if part:
            return q.parts.get(part)
        return q.score if not q.parts else None


def rescore(plan: Plan) -> Scorecard:
    """Score the plan again from what it records as given (questions, and given indicators, tools, total)."""
    card = score(plan_results(plan))
    s = plan["scores"]
    prev = s.get("previous") or {}
    card.previous_year = prev.get("fiscal_year")
    card.previous_total = prev.get("total")
    level, label = prev.get("level"), prev.get("label")
    card.previous_level = level if isinstance(level, str) else None
    card.previous_label = label if isinstance(label, str) else None
    computed = prev.get("computed_total")
    card.previous_computed_total = float(computed) if isinstance(computed, (int, float)) else None
    for ind, entry in zip(card.indicators, s["indicators"]):
        ind.previous = entry.get("previous")
    return card


def plan_results(plan: Plan) -> Results:
    """The results a plan records as given (questions, and given indicators, tools, total), to be scored again
    or asked `whatif` about without the results file it was drafted from."""
    fw = load_framework(plan["fiscal_year"])
    s = plan["scores"]
    questions = []
    for q in s.get("questions", []):
        code = fw.lookup(normalize_code(q["code"]) or "")
        if code is None:
            continue
        if q.get("parts"):
            questions += [QuestionScore(code, float(v), int(p)) for p, v in q["parts"].items() if v is not None]
        elif q.get("score") is not None:
            questions.append(QuestionScore(code, float(q["score"])))
    indicators = {i["number"]: float(score) for i in s["indicators"] if i.get("source") == "given"
                  and (score := i.get("score")) is not None}
    tool_sources = dict(s.get("weighted_tool_sources") or {})
    tool_sources.update({"EIT": (s.get("tool_sources") or {}).get("EIT")} if fw.two_parts else {})
    given_tools = {k: float(v) for k, v in {**s.get("weighted_tools", {}), **({"EIT": s["tools"].get("EIT")}
                                                                              if fw.two_parts else {})}.items()
                   if tool_sources.get(k) == "given" and v is not None}
    given_total = s.get("total") if s.get("total_source") == "given" else None
    total = None if given_total is None else float(given_total)
    # the level and label ITAS gave stand as given, as they do in the results file (itaplan's own are derived again)
    level = s.get("level") if total is not None else None
    label = s.get("label") if s.get("label_source") == "given" else None
    agency: dict[str, Any] = dict(plan.get("agency") or {})
    kinds = {"name": str, "type": str, "district": str, "province": str, "departments": dict, "staff": int,
             "budgets": dict, "signatories": dict}
    who = Agency(**{k: agency[k] for k, kind in kinds.items() if isinstance(agency.get(k), kind)})
    return Results(plan["itaplan"].get("source", "plan"), fw, who, questions, indicators, total,
                   tools=given_tools, level=level, label=label)


def _facts(plan: Plan, catalogue: Catalogue) -> Facts:
    card = rescore(plan)

    with_measure = set().union(*(measure_indicators(m) for m in plan.get("measures", []) if m.get("status") != "dropped"),
                               set())
    cats = {ind.number: category(ind, card, weak_entries(card, ind.number), ind.number in with_measure,
                                 catalogue.fall_points) for ind in card.indicators}
    served = plan_framework(plan["plan_year"]) if isinstance(plan.get("plan_year"), int) else None
    plan_fw = served.framework if served else None  # the items the measures serve (the latest known year's)
    return Facts(plan, card.framework, card, cats, plan_fw, catalogue, Patterns.of(catalogue),
                 own_english=own_english(plan))


def own_english(plan: Plan) -> frozenset[str]:
    """The English words of the texts the agency wrote itself: measures imported from its documents, its own added
    or edited measures, its statements on weak points, its agency's and signers' names."""
    texts: list[str] = []
    for m in plan.get("measures", []):
        if m.get("imported_from") or (m.get("added") or {}).get("by") == "own" or m.get("status") == "changed":
            texts.extend(_strings(dict(m)))
    texts.extend(_strings(plan.get("handled_points") or []))
    texts.extend(_strings(plan.get("agency") or {}))
    return frozenset(w for text in texts for w in _ENGLISH.findall(text))


def _same(a: float | None, b: float | None) -> bool:
    """Equal as printed, allowing one unit in the second decimal: the plan records its inputs to two decimals, so
    a figure scored again from them may differ by that much from one computed from more precise input."""
    return a is not None and b is not None and abs(round2(a) - round2(b)) < 0.0101


def check_scores(plan: Plan, facts: Facts) -> list[str]:
    """The plan's recorded figures against the figures scored again."""
    out: list[str] = []
    card, s = facts.card, plan["scores"]

    def cmp(label: str, recorded: float | None, derived: float | None) -> None:
        if (recorded is None) != (derived is None) or (recorded is not None and not _same(recorded, derived)):
            out.append(f"scores: {label} is recorded as {'unknown' if recorded is None else round2(recorded)}, but the "
                       f"results give {'unknown' if derived is None else round2(derived)}")

    prev_year, fiscal_year = (s.get("previous") or {}).get("fiscal_year"), plan.get("fiscal_year")
    if isinstance(prev_year, int) and isinstance(fiscal_year, int) and prev_year >= fiscal_year:
        out.append("scores.previous.fiscal_year: " + _previous_not_before(prev_year, fiscal_year))
    cmp("the total", s.get("total"), card.total)
    if s.get("level") != card.level:
        out.append(f"scores: level {named(s.get('level'), 'none')} does not follow from the total (it is "
                   f"{named(card.level)})")
    if s.get("label") != card.label:
        out.append(f"scores: label {named(s.get('label'), 'none')} does not follow from the scores (it is "
                   f"{named(card.label)})")
    for entry, ind in zip(s["indicators"], card.indicators):
        cmp(f"indicator {ind.number}", entry.get("score"), ind.score)
        if entry.get("change") is not None and ind.change is not None and not _same(entry["change"], ind.change):
            out.append(f"scores: indicator {ind.number} change {entry['change']} is not {round2(ind.change)}")
    for key, value in card.tools.items():
        cmp(key, s.get("weighted_tools", {}).get(key), value)
    # the total is a weighted mean of the indicators' scores, whatever the weights: it lies between the lowest and the
    # highest of them (a total typed wrong, or published so: told, as the document check tells it of any analysis)
    known = [(round2(float(e["score"] or 0)), e["number"]) for e in s.get("indicators", [])
             if isinstance(e.get("score"), (int, float))]
    given_total = s.get("total")
    if isinstance(given_total, (int, float)) and known and len(known) == len(s.get("indicators", [])):
        total, (low, low_number), (high, high_number) = f"{round2(given_total):.2f}", min(known), max(known)
        if round2(given_total) < low - 0.005:
            out.append(f"scores: the total {total} is below every indicator's score (the lowest is indicator "
                       f"{low_number}, {low:.2f}): a weighted mean of them cannot be; check the total against ITAS")
        elif round2(given_total) > high + 0.005:
            out.append(f"scores: the total {total} is above every indicator's score (the highest is indicator "
                       f"{high_number}, {high:.2f}): a weighted mean of them cannot be; check the total against ITAS")
    for entry in plan["analysis"]["indicators"]:
        if entry.get("category") and entry["category"] != facts.categories[entry["number"]]:
            out.append(f"analysis: indicator {entry['number']} is in category {entry['category']}, but its scores "
                       f"put it in {facts.categories[entry['number']]}")
    for m in plan["analysis"].get("maintain", []):  # as stored (the documents print those no measure serves)
        if facts.categories.get(m["indicator"]) != "strong":
            out.append(f"analysis: a maintain statement for indicator {m['indicator']}, which is "
                       f"{facts.categories.get(m['indicator'])}, not strong")
    if card.label and not any(r.label == card.label for r in facts.fw.labels):
        out.append(f"scores: label {card.label} is not a label of fiscal year {facts.fw.fiscal_year}")
    return out


def _previous_not_before(prev_year: int, fiscal_year: int) -> str:
    usual = fiscal_year - 1
    return (f"last year's figures are said to be of fiscal year {prev_year}, not before the results' year "
            f"{fiscal_year}, so every change compares the wrong years; draft the plan again with last year's results "
            f"(usually {usual})")


def _segments(text: str, pattern: re.Pattern, patterns: Patterns) -> list[tuple[re.Match, str]]:
    """Each match of ``pattern`` with the text that follows it up to the next code or indicator."""
    starts = sorted([m.start() for m in patterns.code_at.finditer(text)] +
                    [m.start() for m in patterns.indicator_at.finditer(text)])
    out = []
    for m in pattern.finditer(text):
        end = next((s for s in starts if s > m.start()), len(text))
        out.append((m, text[m.end():end]))
    return out


def check_line(text: str, facts: Facts, where: str) -> list[str]:
    out: list[str] = []
    text = to_arabic(text).replace("\u00a0", " ")
    card, fw, target, patterns = facts.card, facts.fw, facts.card.target, facts.patterns
    value: float | str | None  # a question's score, then a tool's as the document prints it (the messages' field)
    for m, rest in _segments(text, patterns.code_at, patterns):
        code = m.group(1)
        cited = patterns.cited_year.search(rest)
        if cited and int(cited.group(1)) != fw.fiscal_year:
            year = int(cited.group(1))
            plan_fw = load_framework(year) if year in builtin_years() else None
            if plan_fw is not None and plan_fw.lookup(normalize_code(code) or "") != code:
                out.append(f"{where}: {code} is not an item of fiscal year {year}")
            if cited.group(2) and fw.lookup(normalize_code(cited.group(2)) or "") != cited.group(2):
                out.append(f"{where}: {cited.group(2)} is not an item of fiscal year {fw.fiscal_year}")
            continue
        if patterns.no_successor.search(m.group(0) + rest) or fw.lookup(normalize_code(code) or "") != code:
            plan_item = facts.plan_fw is not None and facts.plan_fw.fiscal_year != fw.fiscal_year and \
                facts.plan_fw.lookup(normalize_code(code) or "") == code  # an item of the year the measures serve
            if fw.lookup(normalize_code(code) or "") != code and not plan_item:
                out.append(f"{where}: {code} is not a question of fiscal year {fw.fiscal_year}")
            continue
        q = card.questions[code]
        score_m = patterns.score.search(rest)
        part_m = patterns.part.search(rest[:score_m.start()] if score_m else rest)  # the part named before the score
        part = int(part_m.group(1)) if part_m else 0
        first_part = part  # the part named first (a sentence of both parts names the second after it)
        if score_m:
            # its other EIT part said in the same sentence ("… คะแนน และ (EIT ส่วนที่ 2) ได้ 88.20 คะแนน ถึงค่าเป้าหมาย…"):
            # every part's figure is checked, and what follows the last is said of them all
            said_parts = [(part, float(score_m.group(1)))]
            end = score_m.end(1)
            more = patterns.more_part.match(rest, end)
            while more:
                said_parts.append((int(more.group(1)), float(more.group(2))))
                end = more.end(2)
                more = patterns.more_part.match(rest, end)
            limit = patterns.limit.search(rest)
            for part, stated in said_parts:
                value = facts.question(code, part)
                if value is None or not _same(stated, value):
                    actual_text = "unknown" if value is None else f"{value:.2f}"
                    if part:  # a message of its own, so that "part" is said in the interface's words
                        out.append(f"{where}: {code} (EIT part {part}) is said to score {stated:.2f}, but its score is "
                                   f"{actual_text}")
                    else:
                        out.append(f"{where}: {code} is said to score {stated:.2f}, but its score is {actual_text}")
                if limit and not stated < float(limit.group(1)):
                    out.append(f"{where}: {code} {stated:.2f} is said to be below {limit.group(1)}")
            # "… ได้ 91.20 คะแนน ถึงค่าเป้าหมาย 85 แล้ว แต่ต่ำกว่าเกณฑ์ 92 ที่สำนักงานกำหนด": at the target, below the office's
            for over in patterns.over_target:
                said_over = over.match(rest[end:])
                if said_over:
                    for _, stated in said_parts:
                        out.extend(_over_target_claims(code, stated, said_over, target, where))
                    break
        elif patterns.failed_item and patterns.failed_item in rest:
            if q.tool != "OIT" or q.score != 0:
                out.append(f"{where}: {code} is said not to be met, but its score is "
                           f"{'unknown' if not q.known else q.lowest}")
        if patterns.gain in rest:  # what raising it adds to the total (the ranked list)
            out.extend(gain_claims(code, first_part, rest, facts.stakes, target, where, patterns.stakes))
    for m, rest in _segments(text, patterns.indicator_at, patterns):
        number = int(m.group(1))
        if not 1 <= number <= 10:
            out.append(f"{where}: there is no indicator {number}")
            continue
        ind = card.indicator(number)
        score_m = patterns.score.search(rest)
        if score_m and not _same(float(score_m.group(1)), ind.score):
            out.append(f"{where}: indicator {number} is said to score {score_m.group(1)}, but its score is "
                       f"{'unknown' if ind.score is None else f'{ind.score:.2f}'}")
        gap_said = patterns.gap.search(rest)
        if gap_said and score_m and (ind.score is None or
                                     not _same(float(gap_said.group("gap")), target - round2(ind.score))):
            out.append(f"{where}: indicator {number} is said to be {gap_said.group('gap')} below the target")
        rose, fell = patterns.rose.search(rest), patterns.fell.search(rest)
        change_said = rose or fell
        if change_said:
            said_up = change_said is rose
            size, prev = float(change_said.group("change")), float(change_said.group("previous"))
            d = direction(ind.change)
            if d != ("up" if said_up else "down") or not _same(size, abs(ind.change or 0)) \
                    or not _same(prev, ind.previous):
                previous = "–" if ind.previous is None else f"{ind.previous:.2f}"  # as the document prints scores
                now = "–" if ind.score is None else f"{ind.score:.2f}"
                out.append(f"{where}: indicator {number} is said to have {'risen' if said_up else 'fallen'} "
                           f"by {size:.2f} from {prev:.2f}, but it went from {previous} to {now}")
    if patterns.goal and text.lstrip("- ").startswith(patterns.goal):
        out.extend(goal_claims(text.strip(), facts.stakes, facts.catalogue, where, patterns.stakes))
    total = facts.patterns.total.search(text)
    if total:
        said_total, total_now = total.group("total"), fmt_score(card.total)
        if not _same(float(said_total), card.total):
            out.append(f"{where}: the total is said to be {said_total}, but it is {total_now}")
        if total.group("level") != card.level:
            out.append(f"{where}: level {total.group('level')} does not follow from the total ({named(card.level)})")
        if total.group("label") and total.group("label") != card.label:
            out.append(f"{where}: label {total.group('label')} does not follow from the scores ({named(card.label)})")
        if bool(facts.patterns.passed.search(text)) != bool(card.passed):
            out.append(f"{where}: whether the target is met does not follow from the total")
    total_change_said = patterns.total_change_published.search(text) or patterns.total_change.search(text)
    if total_change_said:
        prev, word, size, pct = (float(total_change_said.group("previous_total")), total_change_said.group("direction"),
                                 float(total_change_said.group("change")), float(total_change_said.group("percent")))
        change = card.total_change
        if not _same(prev, card.previous_total) or change is None or direction(change) != \
                ("up" if word == patterns.up else "down") or not _same(size, abs(change)) or \
                not prev or abs(pct - size / prev * 100) > 0.0051:  # the percentage of last year's total, as printed
            previous_total, total_now = fmt_score(card.previous_total), fmt_score(card.total)
            out.append(f"{where}: the change of the total ({word} {size:.2f}, {pct:.2f} %) does not follow from "
                       f"{previous_total} and {total_now}")
    tools = patterns.tools.search(text)
    if tools:
        for said in patterns.tool_score.finditer(tools.group("tools")):
            name, value = said.group("tool"), said.group("score")
            key = patterns.tool_keys.get(name)
            tool_score = card.display_tools.get("EIT") if key == "EIT" else card.tools.get(key or "")
            unknown = value == patterns.no_data
            if unknown and tool_score is not None or not unknown and not _same(float(str(value)), tool_score):
                out.append(f"{where}: {name} is said to score {value}, but it is {tool_score}")
    for tool_gap in patterns.tool_gap.finditer(text):
        name, gap = tool_gap.group("tool"), tool_gap.group("gap")
        key = patterns.tool_keys[name]
        tool_score = card.display_tools.get("EIT") if key == "EIT" and card.framework.two_parts else card.tools.get(key)
        if tool_score is None or not _same(float(gap), target - round2(tool_score)):
            out.append(f"{where}: {name} is said to be {gap} below the target, but it scores {tool_score}")
    for word in _ENGLISH.findall(text):
        if word not in ENGLISH_ALLOWED and word not in facts.own_english and not re.fullmatch(r"[ieoIEO]", word):
            out.append(f"{where}: English word '{word}' in a Thai document")
    return out


def _over_target_claims(code: str, stated: float, said: re.Match[str], target: float, where: str) -> list[str]:
    """A question said to have reached the target but to be below an office's threshold: the target is the NACC's,
    the score reaches it, and it is below that threshold."""
    out: list[str] = []
    said_target, threshold = float(said.group("target")), float(said.group("threshold"))
    if not _same(said_target, target):
        out.append(f"{where}: the target is said to be {said_target:g}, but it is {target:g}")
    elif round2(stated) < target - 1e-9:
        out.append(f"{where}: {code} {stated:.2f} is said to reach the target {target:g}")
    if not round2(stated) < threshold:
        out.append(f"{where}: {code} {stated:.2f} is said to be below {threshold:g}")
    return out


def threshold_line_claims(line: str, number: int, facts: Facts, where: str) -> list[str]:
    """A watched indicator's line against its questions at the target that an office's threshold found below it
    (the measures kept in the table, as drafting finds them: ``over_target_entries``): each clause names the
    target, a threshold and exactly the questions below that threshold; and one is said for every threshold."""
    out: list[str] = []
    card, catalogue = facts.card, facts.catalogue
    over = over_target_entries(card, number, active_measures(facts.plan))
    expected = dict(zip(sorted({t for *_, t in over}), threshold_clauses(over, card, catalogue)))
    said_limits: set[float] = set()
    for said in facts.patterns.threshold_codes.finditer(line.replace("\u00a0", " ")):
        threshold, said_target, said_codes = float(said.group("threshold")), float(said.group("target")), said.group("codes")
        said_limits.add(threshold)
        if not _same(said_target, card.target):
            out.append(f"{where}: the target is said to be {said_target:g}, but it is {card.target:g}")
        right = [c for c in expected if abs(c - threshold) < 1e-9]
        want = next((to_arabic(expected[c]) for c in right), None)
        if want is None:
            out.append(f"{where}: indicator {number} is said to have questions below the office's threshold "
                       f"{threshold:g} ({said_codes}), but no measure in the table answers one")
        else:  # the codes said against those due (who set the threshold may be worded as the office words it)
            found = facts.patterns.threshold_codes.search(want)
            codes = found.group("codes") if found else want
            if " ".join(to_arabic(said_codes).split()) == " ".join(codes.split()):
                continue
            out.append(f"{where}: indicator {number}'s questions below the office's threshold {threshold:g} are said "
                       f"to be {said_codes}, but they are {codes}")
    for limit in expected:
        if not any(abs(limit - t) < 1e-9 for t in said_limits):
            codes = ", ".join(dict.fromkeys(c for c, _, _, t in over if t == limit))
            out.append(f"{where}: indicator {number}'s line leaves out its questions that reached the target but are "
                       f"below the office's threshold {limit:g}: {codes}")
    return out


def category_headings(plan: Plan, catalogue: Catalogue) -> dict[str, str]:
    target = f"{plan['scores']['target']:g}"
    fall = f"{catalogue.fall_points:g}"
    keys = {"strong": "cat_strong", "watch": "cat_watch", "weak_rose": "cat_weak_rose", "weak_fell": "cat_weak_fell",
            "weak": "cat_weak", "unknown": "cat_unknown"}
    headings = {say(catalogue, keys[c], target=target, fall=fall): c for c in CATEGORIES}
    headings[say(catalogue, "cat_strong_given", target=target, fall=fall)] = "strong"  # strengths by indicator only
    return headings


def check_text(lines: list[str], facts: Facts, catalogue: Catalogue, name: str,
               places: list[int] | None = None) -> list[str]:
    """Every line of one rendered document; lines under a category heading must name indicators of it.
    ``places``: each line's number in the rendered file (a Markdown table's cells share their row's)."""
    out: list[str] = []
    headings = category_headings(facts.plan, catalogue)
    maintain_heading = catalogue.text("h_maintain")
    current: str | None = None
    stake_rows = 0
    indicator_word = facts.patterns.indicator_word
    for number, raw in enumerate(lines, start=1):
        line = to_arabic(raw).strip()
        where = f"{name}: line {places[number - 1] if places else number}"
        if facts.patterns.row_stake in line:  # a measure's points at stake, in the measures table's order
            out.extend(row_stake_claims(line.replace("\u00a0", " "), stake_rows, facts.stakes, where,
                                        facts.patterns.stakes))
            stake_rows += 1
        bare = re.sub(r"^[#\s]*(\d+(\.\d+)*\.?)?\s*", "", line).strip("*")
        if bare in headings:
            current = headings[bare]
        elif bare == maintain_heading:
            current = "maintain"
        elif line.startswith("#") or (line and not line.startswith(("-", indicator_word)) and current and
                                      not line.startswith("|")):
            current = None
        if current and (line.startswith("- " + indicator_word) or line.startswith(indicator_word)):
            m = facts.patterns.indicator_at.search(line)
            if m:
                cat = facts.categories.get(int(m.group(1)))
                wanted = "strong" if current == "maintain" else current
                if cat != wanted:
                    out.append(f"{where}: indicator {m.group(1)} is listed as {current}, but its scores put it in {cat}")
                if current == "watch":
                    out.extend(threshold_line_claims(line, int(m.group(1)), facts, where))
        out.extend(f"{where}: {unfilled(m.group(0))}" for m in UNFILLED.finditer(line))
        out.extend(check_line(line, facts, where))
    ends = set(headings) | {maintain_heading}
    for index in empty_issue_headings(lines, catalogue.text("h_issues"), indicator_word, ends):
        where = f"{name}: line {places[index] if places else index + 1}"
        heading = to_arabic(lines[index]).strip().strip("*")
        out.append(f"{where}: a heading of the development points with no point under it: {heading}")
    return out


def _md_pieces(data: str | bytes) -> list[tuple[int, str]]:
    """A Markdown rendering as (line number in the file, text): a table row's cells and a cell's <br> lines apart."""
    import html as _html

    text = _html.unescape(data if isinstance(data, str) else data.decode("utf-8"))  # Markdown escapes raw HTML
    return [(number, piece) for number, line in enumerate(text.split("\n"), start=1)
            for cell in (line.split("|") if line.startswith("|") else [line]) for piece in cell.split("<br>")]


def document_lines(plan: Plan, fmt: str, catalogue: Catalogue, thai_digits: bool | None = None) -> list[str]:
    """The plan rendered in ``fmt`` (md, html, docx, json), as lines of text."""

    if fmt == "json":  # the texts the JSON contract carries (its keys are English by design)
        a = plan["analysis"]
        return _strings(a["summary"]) + _strings(a.get("categories", [])) + [catalogue.text("h_issues")] + \
            _strings(a["issues"]) + _strings(a.get("coverage")) + [catalogue.text("h_maintain")] + \
            _strings(maintained(plan)) + _whatif_strings(plan, catalogue) + [catalogue.text("h_provenance")] + \
            _strings([{**{k: m.get(k) for k in ("title", "issue", "timeline", "facts")},
                       "points": [item_text(p) for p in m.get("points") or []],  # their data fields are English keys
                       "serves": [item_text(s) for s in m.get("serves") or []]}
                      for m in plan.get("measures", [])]) + \
            [catalogue.text("h_notes")] + _strings([plan.get("warnings", []), plan.get("assumptions", [])])
    data = render(plan, fmt, catalogue=catalogue, thai_digits=thai_digits)
    if fmt == "md":
        return [text for _, text in _md_pieces(data)]
    if fmt == "html":  # read as check DOCUMENT reads a page (engine/documents.py), each table cell a line
        from itaplan.base.documents import html_lines

        return [cell for line in html_lines(data if isinstance(data, str) else data.decode("utf-8"))
                for cell in line.split("\t")]
    if fmt == "docx":
        import io

        from docx import Document

        doc = Document(io.BytesIO(data if isinstance(data, bytes) else data.encode("utf-8")))
        lines = [p.text for p in doc.paragraphs]
        for table in doc.tables:
            for row in table.rows:
                for cell in row.cells:
                    lines.extend(p.text for p in cell.paragraphs)
        return lines
    raise ValueError(fmt)


def _whatif_strings(plan: Plan, catalogue: Catalogue) -> list[str]:
    """The sentences of the plan's ``whatif`` section, under its heading."""
    w = plan.get("whatif") or {}
    if not w.get("intro"):
        return []
    return [catalogue.text("h_whatif"), w["intro"]] + [f["text"] for f in w.get("ranked", []) if f.get("text")] + \
        ([w["note"]] if w.get("note") else []) + [g["text"] for g in w.get("goals", []) if g.get("text")]


_TEXT_KEYS = {"key", "category", "direction", "source", "kind", "code", "rules", "name", "strengths", "weaknesses",
              "cites"}  # enumerations, the measure ids a line cites, and copies of the category lines


def _cited_ids(key: str, value: object) -> bool:
    """A point's ``measures``: the ids of the measures it cites, not text (the plan's own measures are dicts)."""
    return key == "measures" and isinstance(value, list) and all(isinstance(v, str) for v in value)


def _strings(value: object) -> list[str]:
    """Every text value in a JSON structure (not its keys, nor its enumerations)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() if k not in _TEXT_KEYS and not _cited_ids(k, v) for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def check_measures(plan: Plan) -> list[str]:
    """A measures table with no measure kept, and each weak point the analysis lists that no kept measure answers
    (``unanswered_points``: the drafting's own way of giving each weak point its measures)."""
    out: list[str] = []
    if not active_measures(plan):
        out.append("measures: the measures table is empty (no measure is kept); keep a measure or add one")
    for number, m in without_indicator(plan):
        index = plan["measures"].index(m)
        out.append(f"measures[{index}].indicator: {_no_indicator(number, m['title'])}")
    return out + unanswered_findings(plan)


def unanswered_findings(plan: Plan) -> list[str]:
    """Each weak point the analysis lists that no kept measure answers, as ``check`` reports it (``render`` has
    warned of these in its own words, and counts only the other findings as texts that disagree). A point the agency
    gave its own statement on is not one: the analysis prints the statement (``handled_notes``)."""
    out: list[str] = []
    for code, part in unanswered_unhandled(plan):  # the part in the message's own words, so that it is translated
        whole = indicator_point((code, part))
        number = whole[1] if whole is not None else 0
        if whole is not None and whole[0] == "fell":
            out.append(f"analysis: the fall of indicator {number}'s score is listed as a weak point with no measure "
                       "kept to answer it; keep or add a measure that does")
        elif whole is not None:
            out.append(f"analysis: indicator {number}, known only by its score, is listed as a weak point with no "
                       "measure kept to answer it; keep or add a measure that does")
        elif part:
            out.append(f"analysis: weak point {code} (part {part}) is listed with no measure kept to answer it; keep "
                       "or add a measure that does")
        else:
            out.append(f"analysis: weak point {code} is listed with no measure kept to answer it; keep or add a "
                       "measure that does")
    for code, part, why, ids in unmeasured_points(plan):
        label = f"{code} (EIT part {part})" if part else code
        if why == "left_out":
            measures = ", ".join(ids)
            out.append(f"analysis: weak point {label} is listed with no measure in the table: the table's row limit "
                       f"left out {measures}, which answer it; merge them into a measure that is in it, or raise "
                       "limits: max_measures in a file of the office's recommendations/ folder")
        else:
            out.append(f"analysis: weak point {label} is listed with no measure in the table: no rule in force "
                       "proposes one for it (a rule switched off, or narrowed: see itaplan rules lint); add a measure "
                       "that answers it")
    return out


def handled_notes(plan: Plan) -> list[str]:
    """Each weak point no kept measure answers that the analysis prints the agency's own statement on instead: told,
    not a finding (the agency decided so, and said how it handles the point)."""
    out = []
    for code, part in printed_statements(plan):
        whole = indicator_point((code, part))
        number = whole[1] if whole is not None else 0
        if whole is not None and whole[0] == "fell":
            out.append(f"the fall of indicator {number}'s score: no measure kept answers it; the analysis prints the "
                       "agency's own statement on it instead")
        elif whole is not None:
            out.append(f"indicator {number}, known only by its score: no measure kept answers it; the analysis prints "
                       "the agency's own statement on it instead")
        elif part:
            out.append(f"weak point {code} (part {part}): no measure kept answers it; the analysis prints the "
                       "agency's own statement on it instead")
        else:
            out.append(f"weak point {code}: no measure kept answers it; the analysis prints the agency's own "
                       "statement on it instead")
    return out


def dimension_notes(plan: Plan) -> list[str]:
    """Each measure kept with no dimension of the action plan: a note, not a finding (the measures documents need
    none; the action-plan table of ``--cards`` prints '–' for it), naming the measure and where to set it."""
    out = []
    for number, m in without_dimension(plan):
        title = m.get("title") or ""
        out.append(f"measure {number} ('{title}') names no dimension of the action plan: the action-plan table "
                   "(render --cards) prints '–' in its column and its card names none; choose one on its Edit form "
                   "on the plan's page (Dimension of the action plan), or write dimension: and the dimension's "
                   "number under the measure in the plan file")
    return out


def unset_budgets(plan: Plan, catalogue: Catalogue) -> list[int]:
    """The numbers (as the documents' table gives them) of the measures kept whose budget nobody set: their project
    cards and the action-plan table (``render --cards``) print it as not set (ยังไม่กำหนด), as ``card_fields`` does."""
    out = []
    for number, m in enumerate(active_measures(plan), start=1):
        if catalogue_zero(m, plan, catalogue) or (m.get("project") or {}).get("budget") is None:
            out.append(number)
    return out


def budget_notes(plan: Plan, catalogue: Catalogue, path: str) -> list[str]:
    """The measures with no budget set, said to the officer with how to set one: not a finding (a budget may be
    unknown yet), but a signed action plan should not print "not set" unawares."""
    numbers = unset_budgets(plan, catalogue)
    if not numbers:
        return []
    listed = ", ".join(map(str, numbers))
    first = numbers[0]
    return [f"measures with no budget set: {listed} (of {len(active_measures(plan))}); their project cards and the "
            f"action-plan table (render --cards) print it as not set. Set each with itaplan review {path} --budget "
            f"N=BAHT (e.g. --budget {first}=30,000), or --budget N=ไม่ใช้งบประมาณ for a measure that needs none"]


def assumed_weights_notes(plan: Plan, path: str) -> list[str]:
    """The total the documents print when it is itaplan's computation on weights the frameworks mark unconfirmed for
    the results' year (the NACC's published total not given): said to the officer with how to give ITAS's total, never
    printed in the documents (which print the total as the agency's)."""
    scores = plan.get("scores") or {}
    year = plan.get("fiscal_year")
    if scores.get("total_source") != "computed" or scores.get("total") is None or not isinstance(year, int) \
            or year not in builtin_years() or not any(a.fact == "weights" for a in load_framework(year).assumptions):
        return []
    source = str((plan.get("itaplan") or {}).get("source") or "RESULTS")
    table = re.fullmatch(r"(.+?\.(?:csv|xlsx)) \[(.+)\]", source)
    if table:  # one agency's row of a province's table: its total goes in that row, the agency named again
        file, agency, total = table.group(1), table.group(2), fmt_score(scores["total"])
        if _bundled(file):  # copied first, as the bundled example is
            name = Path(file).name
            return [f"the total {total} the documents print is computed from the tool scores with weights not "
                    f"confirmed for FY{year}, not the total ITAS published: give ITAS's total instead: copy the table "
                    f"(cp {file} {name}), type it in the total column of {agency}'s row (add the column if the table "
                    f"has none), then itaplan draft {name} --agency {agency} --update {path} (the measures and "
                    "decisions are kept), or type it in the total's field on the plan's page (itaplan serve)"]
        return [f"the total {total} the documents print is computed from the tool scores with weights not confirmed "
                f"for FY{year}, not the total ITAS published: give ITAS's total instead: type it in the total column "
                f"of {agency}'s row of {file} (add the column if the table has none), then itaplan draft {file} "
                f"--agency {agency} --update {path} (the measures and decisions are kept), or type it in the total's "
                "field on the plan's page (itaplan serve)"]
    if _bundled(source):  # the example inside the installed package: an officer copies it, never edits it there
        return [f"the total {fmt_score(scores['total'])} the documents print is computed from the tool scores with "
                f"weights not confirmed for FY{year}, not the total ITAS published: give ITAS's total instead: copy "
                f"the results (cp {source} results.yaml), add a total: line, then itaplan draft results.yaml --update "
                f"{path} (the measures and decisions are kept), or type it in the total's field on the plan's page "
                "(itaplan serve)"]
    return [f"the total {fmt_score(scores['total'])} the documents print is computed from the tool scores with weights "
            f"not confirmed for FY{year}, not the total ITAS published: give ITAS's total instead, as a total: line in "
            f"the results file, then itaplan draft {source} --update {path} (the measures and decisions "
            "are kept), or in the total's field on the plan's page (itaplan serve)"]


def unproposed_notes(plan: Plan, ruleset: RuleSet, again: str) -> list[str]:
    """Each measure in the documents that a rule proposed and that the rules in force where check runs would not
    propose on the plan's own scores: its rule deleted or switched off, or changed (another measure, a narrower
    condition). A warning, not a finding: the figures still agree, but an auditor who deleted a rule was told that
    everything matched while a measure came only from it. A measure the officer added or imported was made by no
    rule, and is never named. The rules run on the pure evaluator (milliseconds), not the drafting. ``again``: the
    command that drafts the plan anew, as the officer would type it."""
    if plan.get("imported"):
        return []
    year = plan["fiscal_year"]
    made = [(n, m) for n, m in enumerate(active_measures(plan), start=1)
            if m.get("rules") and not m.get("added") and not m.get("imported_from")]
    if not made:
        return []
    from itaplan.ruling.pure import PureEvaluator

    proposed: dict[str, set[str]] = {}
    for finding in PureEvaluator(ruleset).evaluate(rescore(plan)):
        proposed.setdefault(finding.rule_id, set()).update(finding.propose)
    in_force = {rid for rid, rule in ruleset.rules.items() if rule.applies_to(year)}
    read_here = {str(Path(layer.path).resolve()) for layer in ruleset.layers}
    out = []
    for number, m in made:
        ids = {m["id"], *(m.get("merged") or [])}
        rules = [str(rid) for rid in m.get("rules") or []]
        if any(ids & proposed.get(rid, set()) for rid in rules):
            continue
        gone = [rid for rid in rules if rid not in in_force]
        title, named = m.get("title") or m["id"], ", ".join(gone or rules)
        # a rule of a folder of rules this check does not read (run outside the workspace the plan was drafted in,
        # or without its --rules): not gone, only not here; drafting again here would drop the office's measure
        # (round 25's auditor was told to)
        layers = dict(proposing_rules(m))
        elsewhere = sorted({layers[rid] for rid in gone if layers.get(rid) not in (None, "", "built-in")
                            and str(Path(layers[rid]).resolve()) not in read_here})
        if elsewhere:
            folders, first = ", ".join(elsewhere), elsewhere[0]
            out.append(f"measure {number} ({title}) was proposed by {named}, a rule of {folders}, which this check "
                       f"does not read: run check inside that workspace, or give it --rules {first} (and the "
                       "workspace's --recommendations), to check the measures against the rules they were drafted with")
            continue
        if len(gone) == 1:
            out.append(f"measure {number} ({title}) was proposed by {named}, which is not in the rules in force here; "
                       f"draft again ({again}) or drop it")
        elif gone:
            out.append(f"measure {number} ({title}) was proposed by {named}, which are not in the rules in force "
                       f"here; draft again ({again}) or drop it")
        else:
            out.append(f"measure {number} ({title}) was proposed by {named}, which as in force here would not "
                       f"propose it on the plan's scores; draft again ({again}) or drop it")
    return out


def _bundled(source: str) -> bool:
    """A results file that is one of the examples shipped with the package (the bundled example a plan is drafted
    from when no results are given)."""
    try:
        return Path(source).resolve().is_relative_to(builtin_dir("examples").resolve())
    except (OSError, ValueError):
        return False


def _no_indicator(number: int, title: str) -> str:
    return (f"measure {number} ('{title}') serves no indicator the table it was imported from names (nothing was "
            "guessed): choose the one it serves in its Edit form on the plan's page (Indicator it serves), or with "
            f"itaplan review PLAN --edit --measure {number} and i, or set the number (1 to 10) here in the plan file")


def check_compare_steps(plan: Plan, facts: Facts) -> list[str]:
    """A measure's step saying its indicators' questions changed since the year before and so compare only indicator
    by indicator (``step_compare_redesign``), when the framework says they did not: the questions then compare one to
    one, as the analysis says of them (an EIT indicator of FY2569, whose questions are FY2568's)."""
    if not facts.card.previous_year:
        return []
    said = around(str(facts.catalogue.text("step_compare_redesign")), "items")[1].strip()
    out: list[str] = []
    for index, m in enumerate(plan.get("measures", [])):
        numbers = served_indicators(m)
        if m.get("status") == "dropped" or not said or not numbers or \
                indicators_redesigned(facts.fw.fiscal_year, numbers) or \
                not any(said in str(step) for step in m.get("method") or []):
            continue
        out.append(f"measures[{index}].method: {_compared_by_indicator(index + 1, numbers, facts.card.previous_year)}")
    return out


def _compared_by_indicator(number: int, numbers: list[int], year: int) -> str:
    indicators = ", ".join(map(str, numbers))
    return (f"measure {number} says the questions of its indicators ({indicators}) changed from fiscal year {year} and "
            "compare only indicator by indicator, but they did not change: compare them question by question (draft "
            "the plan again, or reword the step)")


def check_timelines(plan: Plan) -> list[str]:
    """Each timeline of a measure kept in the documents that cannot be met in the plan's fiscal year, judged as check
    DOCUMENT judges the rendered table's (``timeline_problems``), named by its key in the plan file."""
    year = plan.get("plan_year")
    if not isinstance(year, int):
        return []
    return [f"measures[{index}].timeline: {message}" for index, m in enumerate(plan.get("measures", []))
            if m.get("status") != "dropped" for message in timeline_problems(str(m.get("timeline") or ""), year)]


_FOUND_IN = re.compile(r"^(json|md|html|docx): line (\d+): (.*)$", re.S)
_AT_KEY = re.compile(r"^measures\[(\d+)\]\.(timeline|indicator|method): (.*)$", re.S)  # findings about one value
_AT_PATH = re.compile(r"^(scores)\.(previous)\.(fiscal_year): (.*)$")  # a finding about one value of the scores


def in_plan_file(findings: list[str], plan: Plan, catalogue: Catalogue, source: str, text: str,
                 thai_digits: bool | None = None) -> list[str]:
    """check_plan's findings as an officer mends them: one line per disagreement however many of the documents made
    from the plan repeat it, located at the line of the plan file ``source`` (its ``text``) that holds the sentence
    ("plan.yaml:483: … (in the md, html, docx documents)"), not at a line of a document the officer never saw.
    The lines are in the interface's language already, each finding translated with its place: print them as they
    are (translated again, a Thai line's place would be read as a location and reworded)."""
    from itaplan.base.i18n import translate

    grouped: dict[str, list[tuple[str, int]]] = {}
    at_keys: list[str] = []
    for finding in findings:
        keyed = _AT_KEY.match(finding)
        if keyed:  # a finding about one value of the plan: at that value's line
            line = _key_line(text, source, int(keyed.group(1)), keyed.group(2))
            at_keys.append((f"{source}:{line}" if line else source) + ": " + translate(keyed.group(3)))
            continue
        at_path = _AT_PATH.match(finding)
        if at_path:
            line = _path_line(text, source, at_path.group(1, 2, 3))
            at_keys.append((f"{source}:{line}" if line else source) + ": " + translate(at_path.group(4)))
            continue
        found = _FOUND_IN.match(finding)
        if found:
            grouped.setdefault(found.group(3), []).append((found.group(1), int(found.group(2))))
        else:
            grouped.setdefault(finding, [])
    rendered: dict[str, list[str]] = {}

    def line_text(fmt: str, number: int) -> str:
        if fmt not in rendered:
            if fmt == "md":
                data = render(plan, "md", catalogue=catalogue, thai_digits=thai_digits)
                rendered[fmt] = (data if isinstance(data, str) else data.decode("utf-8")).split("\n")
            else:
                rendered[fmt] = document_lines(plan, fmt, catalogue, thai_digits)
        lines = rendered[fmt]
        return lines[number - 1] if 0 < number <= len(lines) else ""

    def plan_line(sentence: str, message: str) -> int | None:
        """The line of the plan file holding most pieces of the sentence, a piece with a quoted text the finding names
        ("English word 'agency'", a brace left in) or a figure counting most (the opening, the agency's name, is on
        other lines too; a long sentence folds over several lines of the YAML)."""
        from collections import Counter

        bare = re.sub(r"^[#|*\s-]*(\d+(\.\d+)*\.?)?\s*|[*|]", "", to_arabic(sentence)).strip()
        figures = re.findall(r"\d+\.\d+", message)
        quoted = [q for q in re.findall(r"'([^']+)'", message) if q in bare]  # a word it names: where that word is
        votes: Counter[int] = Counter()
        for start in range(0, max(1, len(bare) - 16), 8):
            piece = bare[start:start + 16]
            if len(piece) < 12:
                continue
            weight = 100 if any(word in piece for word in quoted) else \
                5 if any(figure in piece for figure in figures) else 1
            at = text.find(piece)
            while at >= 0:
                votes[text.count("\n", 0, at) + 1] += weight
                at = text.find(piece, at + 1)
        if not votes:
            return None
        best = max(votes.values())
        return min(line for line, count in votes.items() if count == best)

    out = []
    for message, places in grouped.items():
        if not places:
            out.append(translate(f"{source}: {message}"))
            continue
        fmts = list(dict.fromkeys(fmt for fmt, _ in places))
        fmt, number = next(((f, n) for f, n in places if f == "md"), places[0])
        line = plan_line(line_text(fmt, number), message)
        where = f"{source}:{line}" if line else source
        # the finding translated as a whole with its place (most msgids begin with it: "{where}: English word …"),
        # else on its own; then the note on the documents, a message of its own
        said = translate(f"{where}: {message}")
        said = f"{where}: {translate(message)}" if said == f"{where}: {message}" else said
        out.append(f"{said} " + translate(f"(in the documents made from the plan: {', '.join(fmts)})"))
    return at_keys + out


def _key_line(text: str, source: str, index: int, key: str) -> int | None:
    """The line of ``measures[index].key`` in the plan file's text (YAML or JSON: JSON is YAML), None if not found."""
    from itaplan.base.yamlio import loads

    try:
        measure = loads(text, source)["measures"][index]
        return int(measure.line_of(key))
    except (LookupError, TypeError, AttributeError, ValueError):
        return None


def _path_line(text: str, source: str, path: tuple[str, ...]) -> int | None:
    """The line of a value of the plan file (``scores``, ``previous``, ``fiscal_year``), None if not found."""
    from itaplan.base.yamlio import loads

    try:
        node = loads(text, source)
        for key in path[:-1]:
            node = node[key]
        return int(node.line_of(path[-1]))
    except (LookupError, TypeError, AttributeError, ValueError):
        return None


def check_plan(plan: Plan, catalogue: Catalogue, formats: tuple[str, ...] = ("json", "md", "html", "docx"),
               thai_digits: bool | None = None) -> list[str]:
    facts = _facts(plan, catalogue)
    problems = check_scores(plan, facts) + check_measures(plan) + check_compare_steps(plan, facts) + \
        check_timelines(plan)
    if plan.get("whatif") or any(m.get("points_at_stake") for m in plan.get("measures", [])):
        problems.extend(check_data(plan, facts.stakes))
    for fmt in formats:
        if fmt == "md":  # found lines named by their line in the Markdown file
            from itaplan.render.dispatch import render

            pieces = _md_pieces(render(plan, "md", catalogue=catalogue, thai_digits=thai_digits))
            problems.extend(check_text([text for _, text in pieces], facts, catalogue, fmt,
                                       [number for number, _ in pieces]))
            continue
        problems.extend(check_text(document_lines(plan, fmt, catalogue, thai_digits), facts, catalogue, fmt))
    return list(dict.fromkeys(problems))
