"""Findings + catalogue + agency profile -> a Plan (plain data: the analysis, measures and provenance)."""

from __future__ import annotations

import difflib
import os
import re
import unicodedata

import datetime as _dt
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any, cast

from itaplan.base import thai, thaiwords
from itaplan.base.thai import MONTHS_ABBR, NBSP, fiscal_year_months, fmt_score, month_range
from itaplan.base.version import __version__
from itaplan.content.catalogue import PLACEHOLDER, Catalogue, Recommendation
from itaplan.drafting.analysis import build_analysis, unmeasured_points
from itaplan.drafting.model import ISSUE_SEPARATOR, Plan
from itaplan.drafting.plan import PLAN_SCHEMA
from itaplan.drafting.stakes import plan_whatif
from itaplan.ita.framework import (CheckPeriod, Framework, builtin_years, item_links, load_framework, plan_framework,
                                   indicators_redesigned, report_target)
from itaplan.ita.scoring import COMPUTED, IMPOSSIBLE_TOTAL, INCOMPLETE, Scorecard
from itaplan.ruling.evaluate import PureEvaluator
from itaplan.ruling.findings import Finding
from itaplan.ruling.provenance import measure_facts, part_phrase, say, shown_issue, shown_title
from itaplan.ruling.rulebook import RuleSet


def timeline_text(months: dict[str, int], plan_year: int, catalogue: Catalogue) -> str:
    first, last = months["from"], months["to"]
    span = fiscal_year_months(plan_year)
    (m1, y1), (m2, y2) = span[first - 1], span[last - 1]
    dates = f"{MONTHS_ABBR[m1 - 1]}{NBSP}{y1} – {MONTHS_ABBR[m2 - 1]}{NBSP}{y2}" if first != last else \
        f"{MONTHS_ABBR[m1 - 1]}{NBSP}{y1}"
    if first == 1 and last == 12:
        return f"{catalogue.text('whole_year').format(year=plan_year)} ({dates})"
    return dates


_PIECES: dict[str, list[str]] = {}  # a text with placeholders -> [literal, name, literal, name, ..., literal]


def _fill_text(value: str, context: dict[str, str]) -> str:
    if "{" not in value:
        return value
    pieces = _PIECES.get(value)
    if pieces is None:
        if len(_PIECES) > 4096:  # texts made per agency pass through too: the cache stays small
            _PIECES.clear()
        pieces = _PIECES[value] = PLACEHOLDER.split(value)
    if len(pieces) == 1:
        return value
    out = pieces[:]
    for i in range(1, len(out), 2):
        name = out[i]
        out[i] = context.get(name, "{" + name + "}")
        word = _CITE_WORD.match(out[i])  # "โดยเฉพาะข้อ {items}" with items "ข้อ i11 … และข้อ i12 …": said once
        if word and out[i - 1].rstrip().endswith(word.group(1)):
            out[i - 1] = out[i - 1].rstrip()[:-len(word.group(1))]
    return "".join(out)


_CITE_WORD = re.compile(r"(ข้อ) ")


def fill(value: Any, context: dict[str, str]) -> Any:
    """Replace the known {placeholders} in catalogue text (and nothing else)."""
    if isinstance(value, str):
        return _fill_text(value, context)
    if isinstance(value, list):
        return [_fill_text(v, context) if type(v) is str else fill(v, context) for v in value]
    if isinstance(value, dict):
        return {k: _fill_text(v, context) if type(v) is str else fill(v, context) for k, v in value.items()}
    return value


def _project(data: dict | None, rec_id: str, card: Scorecard, ctx: dict[str, str]) -> dict:
    """The catalogue's project fields, filled; the agency's own budget for the measure wins over the catalogue's."""
    project = fill(dict(data or {}), ctx)
    if rec_id in card.agency.budgets:
        project["budget"] = card.agency.budgets[rec_id]
        project["budget_source"] = "agency"
    elif "budget" in project:
        project["budget_source"] = "catalogue"
    return project


def owner_name(role: str, card: Scorecard, catalogue: Catalogue) -> str:
    """The unit that owns a measure: the agency's own name for the role, else the usual owner for the agency's
    kind (its executives are named as that kind names them), else the catalogue's."""
    own = card.agency.departments.get(role)
    if own:
        return own
    key = f"owner_{role}_{card.agency.kind}"
    if card.agency.kind and key in catalogue.texts:
        return catalogue.text(key)
    return catalogue.owners.get(role) or role


def _code_order(code: str) -> tuple[int, int]:
    return ("ieo".index(code[0].lower()), int(code[1:]))


def _kept(owner: object, store: str, key: tuple, catalogue: Catalogue, make: Callable[[], Any]) -> Any:
    """What ``make`` gives for ``key`` with this catalogue, made once and kept on ``owner`` (a framework or the
    catalogue, neither changed once loaded): sentences that do not depend on the agency, asked for again by
    every agency of a batch."""
    kept = owner.__dict__.setdefault(store, {})
    hit = kept.get(key)
    if hit is not None and hit[0] is catalogue:
        return hit[1]
    if len(kept) > 4096:
        kept.clear()
    value = make()
    kept[key] = (catalogue, value)
    return value


def plan_year_items(code: str, fw: Framework, plan_year: int, catalogue: Catalogue) -> list[dict]:
    """The items of the plan year's framework that a measure for OIT item ``code`` of the assessed year serves,
    each as data (year, code, title, confidence, period, relation, the item it comes from) with its sentence;
    [] when the item has no successor there (the plan then does not ask to publish it)."""
    return _kept(fw, "_plan_year_items", (code, plan_year), catalogue,
                 lambda: _plan_year_items(code, fw, plan_year, catalogue))


def _worst(*confidences: str) -> str:
    return max(confidences, key="HML".index)


def _plan_year_items(code: str, fw: Framework, plan_year: int, catalogue: Catalogue) -> list[dict]:
    pf = plan_framework(plan_year)
    if pf is None:
        return []
    target = pf.framework
    old = fw.questions[code]
    out = []
    for link in item_links(code, fw.fiscal_year, target.fiscal_year):
        q = target.questions.get(link.code)
        if q is None:
            continue
        period, period_confidence = target.period_of(link.code)
        item: dict[str, Any] = {"year": target.fiscal_year, "code": q.code, "title": q.title,
                                "confidence": _worst(q.confidence, link.confidence), "period": period,
                                "period_confidence": period_confidence, "relation": link.relation,
                                "assessed": {"year": fw.fiscal_year, "code": code, "title": old.title}}
        if pf.assumed:
            item["assumed"] = True
        if link.relation == "related":
            key = "serves_related"
        elif q.code == code and fw.fiscal_year == target.fiscal_year:
            key = "item_cite" if pf.assumed else "serves_item_same"  # the row already names the year of the list
        else:
            key = "serves_item"
        item["text"] = say(catalogue, key, code=q.code, title=q.title, year=target.fiscal_year, old=code,
                           old_title=old.title, old_year=fw.fiscal_year)
        out.append(item)
    return out


@lru_cache(maxsize=None)
def check_period(plan_year: int) -> tuple[CheckPeriod, int, bool] | None:
    """When OIT items of ``plan_year`` are checked: (period, the year it is taken from, approximate?)."""
    known = [y for y in builtin_years() if y <= plan_year and load_framework(y).oit_check]
    if not known:
        return None
    period = load_framework(known[-1]).oit_check
    assert period is not None
    return period, known[-1], known[-1] != plan_year or period.confidence == "L"


def _month(plan_year: int, month: int) -> str:
    m, y = fiscal_year_months(plan_year)[month - 1]
    return f"{MONTHS_ABBR[m - 1]}{NBSP}{y}"


HALF_YEAR_DUE = 7  # a report on October-March is made in April, the seventh month of the fiscal year


def publish_by(plan_year: int, months: dict, serves: list[dict], catalogue: Catalogue) -> str | None:
    """When the work for the OIT items a measure serves must be online, from what each item reports on: standing
    information, a plan or last year's report before the assessors start checking; a report on the first six
    months in April, once those months are over; monthly summaries within the month after each month. Items of
    one round share one deadline; a measure serving items of several rounds says each item's deadline once, in one
    sentence ("ได้แก่ ข้อ O7 ภายใน ธ.ค. … และข้อ O6 …"), never a "complete by" earlier than a later item's report."""
    found = check_period(plan_year)
    if found is None or not serves:
        return None
    period, _, approx = found
    window = month_range(plan_year, period.first, period.last)
    approx_text = catalogue.text("approx") if approx else ""
    by_round: dict[str, list[str]] = {}
    for item in serves:
        kind = "standing" if item["period"] in ("current", "previous_year") else item["period"]
        by_round.setdefault(kind, []).append(item["code"])
    if "standing" in by_round and months["to"] < period.first:
        del by_round["standing"]
    values = {"standing": {"month": _month(plan_year, period.first), "period": window, "approx": approx_text,
                           "deadline": _month(plan_year, max(period.first - 1, 1))},
              "quarterly": {"month": _month(plan_year, period.first), "q1": _month(plan_year, 4),
                            "q2": _month(plan_year, 7)},
              "half_year": {"month": _month(plan_year, HALF_YEAR_DUE), "first": _month(plan_year, 1),
                            "last": _month(plan_year, HALF_YEAR_DUE - 1)},
              "monthly": {"month": _month(plan_year, period.first)}}
    rounds = [k for k in ("standing", "quarterly", "half_year", "monthly") if k in by_round]
    if not rounds:
        return None
    whole = {"standing": "publish_by", "quarterly": "publish_quarterly", "half_year": "publish_half_year",
             "monthly": "publish_monthly"}
    if len(rounds) == 1:
        return say(catalogue, whole[rounds[0]], **values[rounds[0]])
    parts = [say(catalogue, f"publish_part_{k}", codes=", ".join(by_round[k]), **values[k]) for k in rounds]
    return say(catalogue, "publish_parts", parts=thai_list(parts, catalogue))


def deadline_rule(measure: Mapping[str, Any], plan_year: int, catalogue: Catalogue) -> str | None:
    """The deadline of the OIT items a measure serves, as ``publish_by`` says it, whatever its timeline now: the
    documents print it after a drafted timeline only; a timeline the officer typed prints as typed, and the page
    and the edit session show this rule beside it instead."""
    months, serves = measure.get("months"), measure.get("serves")
    if not isinstance(months, dict) or not serves:
        return None
    return publish_by(plan_year, months, list(serves), catalogue)


def due_months(months: dict, serves: list[dict]) -> dict:
    """The measure's months, long enough for what its items report on: a six-month report is made in April, a
    monthly summary every month of the year."""
    periods = {item["period"] for item in serves}
    first, last = months["from"], months["to"]
    if periods & {"half_year", "quarterly"}:
        last = max(last, HALF_YEAR_DUE)
    if "monthly" in periods:
        first, last = 1, 12
    return {"from": first, "to": last}


def period_steps(serves: list[dict], plan_year: int, catalogue: Catalogue) -> list[tuple[str, str]]:
    """(period, step) for the items with a round of their own: last year's report before the assessors start
    checking (the measure's first step), the six-month report in April, the plan and its quarterly progress, the
    monthly summaries (after the measure's own steps, which prepare them)."""
    found = check_period(plan_year)
    if found is None:
        return []
    start = _month(plan_year, found[0].first)
    steps: list[tuple[str, str]] = []
    for item in serves:
        cited = catalogue.text("item_cite").format(code=item["code"], title=item["title"])
        if item["period"] == "previous_year":
            steps.append((item["period"], say(catalogue, "method_previous_year_report", item=cited, year=plan_year - 1,
                                              month=start)))
        elif item["period"] == "half_year":
            steps.append((item["period"], say(catalogue, "method_half_year_report", item=cited, first=_month(plan_year, 1),
                                              last=_month(plan_year, HALF_YEAR_DUE - 1),
                                              month=_month(plan_year, HALF_YEAR_DUE))))
        elif item["period"] == "monthly":
            steps.append((item["period"], say(catalogue, "method_monthly_report", item=cited)))
        elif item["period"] == "quarterly":
            steps.append((item["period"], say(catalogue, "method_quarterly_report", item=cited, month=start,
                                              q1=_month(plan_year, 4), q2=_month(plan_year, 7))))
    return steps


def _own_steps(method: list, serves: list[dict], steps: list[tuple[str, str]]) -> list[str]:
    """The catalogue's steps, as the catalogue marks them: a ``per_item`` step (it only prepares the items'
    documents) left out when every item served has a step of its own round (last year's report "จัดทำรายงานตามข้อ
    O14 …" said it already: the step twice), and a step's ``rounds`` (the rounds in general, "ภายในรอบเวลาที่เกณฑ์
    กำหนด เช่น …") said only when the items have no steps of their own, which say each one's month."""
    own_rounds = bool(serves) and len(steps) >= len(serves)
    out: list[str] = []
    for step in method:
        if not isinstance(step, dict):
            out.append(step)
        elif not (own_rounds and step.get("per_item")):
            out.append(step["text"] if own_rounds or not step.get("rounds") else f"{step['text']} {step['rounds']}")
    return out


_ET_CETERA = re.compile(r"\s*ฯลฯ\W*$")


@lru_cache(maxsize=8192)
def _plain_step(step: str) -> str:
    """A step compared with another: its words without the spacing (no-break spaces too), the punctuation or a
    closing ฯลฯ, its digits Arabic (an office's copy of a built-in step, typed with ๑ or a comma more, is the same
    step). Kept: a merged row compares each step with every other, for every agency of a batch (uncached, this was
    most of a batch's time: 183 s for the national long table)."""
    return _ET_CETERA.sub("", thai.to_arabic(step)).translate(_LETTERS_ONLY).casefold()


class _LettersOnly(dict):
    """``str.translate``'s table for ``_plain_step``: a space or a punctuation mark to nothing, any other character to
    itself, each character decided the first time it is met (the steps hold agencies' names, so most are new to the
    step cache, and character-by-character Python was a national batch's largest cost)."""

    def __missing__(self, code: int) -> int | None:
        ch = chr(code)
        keep = None if ch.isspace() or unicodedata.category(ch).startswith("P") else code
        self[code] = keep
        return keep


_LETTERS_ONLY = _LettersOnly()


_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9]")


@lru_cache(maxsize=16384)
def _one_word_apart(step: str, other: str) -> bool:
    """Whether two steps are one sentence with one Thai word added or left out ("เผยแพร่บนเว็บไซต์หลักของหน่วยงาน"
    and "เผยแพร่บนเว็บไซต์ของหน่วยงาน"); never when the word is a code, a figure or a Latin word, nor for steps of
    fewer than five words. A word changed for another is a step of its own: "เผยแพร่แผน…" and "เผยแพร่รายงาน…"
    are two steps, as are the reports of ข้อ O7 and of ข้อ O22. Kept per pair: the same steps meet in every agency's
    rows of a batch."""
    a, b = _step_words(step), _step_words(other)
    if min(len(a), len(b)) < 5 or not _could_be_one_word_apart("".join(a), "".join(b)):
        return False
    return _words_one_apart(a, b)


def _could_be_one_word_apart(a: str, b: str) -> bool:
    """What one word added or left out needs of the steps' letters: the shorter is the longer's start and end (a
    test of two string scans; most pairs of a merged row's steps fail it, and the word-by-word comparison is then
    not made: that comparison was most of a national batch's time)."""
    short, long_ = sorted((a, b), key=len)
    if len(short) == len(long_):
        return False
    start = len(os.path.commonprefix([short, long_]))
    end = len(os.path.commonprefix([short[::-1], long_[::-1]]))
    return start + end >= len(short)


def _words_one_apart(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """The word-by-word test of ``_one_word_apart``."""
    changes = [op for op in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if op[0] != "equal"]
    if len(changes) != 1:
        return False
    _, i1, i2, j1, j2 = changes[0]
    changed = a[i1:i2] + b[j1:j2]
    return len(changed) == 1 and not _LATIN_OR_DIGIT.search(changed[0])


@lru_cache(maxsize=1024)
def _step_words(step: str) -> tuple[str, ...]:
    plain = _ET_CETERA.sub("", thai.to_arabic(step))
    return tuple(w for w in (_plain_step(t) for t in thaiwords.words(plain)) if w)


def merged_steps(steps: list[str], more: list[str]) -> list[str]:
    """A merged row's steps: ``steps``, then each of ``more`` that says something new. A step the same as (spacing,
    punctuation, Thai digits and a closing ฯลฯ aside, or but one word), or contained in, one already there is left out; one that contains a step already there takes its place (ท่าช้าง's
    O6/O7 and O13 row said "เสนอผู้บริหารลงนาม และเผยแพร่บนเว็บไซต์หลัก…" and then the publishing step again)."""
    out = list(steps)
    for step in more:
        plain = _plain_step(step)
        if any(plain in _plain_step(x) or _one_word_apart(step, x) for x in out):
            continue  # said already, or nearly word for word (an office's copy of a built-in step): the first kept
        inside = [i for i, x in enumerate(out) if _plain_step(x) in plain]
        if inside:
            out[inside[0]] = step
            out = [x for i, x in enumerate(out) if i not in inside[1:]]
        else:
            out.append(step)
    return out


def _issue(entry: dict, card: Scorecard, catalogue: Catalogue, rec: Recommendation) -> list[str]:
    """The measure's ประเด็น: an office's own ``issue:`` when its layer wrote one (it wrote it on purpose, for this
    measure); else from the measure's own facts: the year's sentence for each code; for indicator scores given
    alone, what to review; the catalogue's sentence only for measures about the result as a whole."""
    if "issue" in rec.office_keys and rec.data.get("issue"):
        return [str(rec.data["issue"])]
    fw = card.framework
    sentences = []
    for code in sorted(entry["codes"], key=_code_order):
        sentences.append(shown_issue(fw.questions[code], fw, catalogue))
    for number in sorted(entry["fact_indicators"] - {fw.questions[c].indicator for c in entry["codes"]}):
        if card.indicator(number).source == "given":
            sentences.append(catalogue.given_only.get(number) or catalogue.text("no_issue"))
    if not sentences:
        return [str(rec.data.get("issue", ""))]
    return list(dict.fromkeys(sentences))


def _items(codes: list[str], indicators: list[int], fw: Framework, plan_year: int, catalogue: Catalogue) -> str:
    """What a measure is about, for its {items}: the questions (as the assessed year words them) and the OIT items
    of the plan year that it serves, else its indicators."""
    return _kept(fw, "_measure_items", (tuple(codes), tuple(indicators), plan_year), catalogue,
                 lambda: _items_text(codes, indicators, fw, plan_year, catalogue))


def question_name(code: str, fw: Framework, catalogue: Catalogue) -> str:
    """A question by its code and title; by its code and indicator when the title is not confirmed (its meaning is
    not guessed)."""
    return f"{code} {shown_title(fw.questions[code], fw, catalogue)}"


def _items_text(codes: list[str], indicators: list[int], fw: Framework, plan_year: int, catalogue: Catalogue) -> str:
    names: list[str] = []
    for c in codes:
        if fw.questions[c].tool == "OIT":
            names += [catalogue.text("item_cite").format(code=i["code"], title=i["title"])
                      for i in plan_year_items(c, fw, plan_year, catalogue)]
        else:  # cited as the OIT items are ("ข้อ i11 …"): the list then reads "ข้อ i11 … และข้อ i12 …"
            title = shown_title(fw.questions[c], fw, catalogue)
            names.append(catalogue.text("item_cite").format(code=c, title=title))
    return thai_list(list(dict.fromkeys(names)), catalogue) or \
        ", ".join(catalogue.text("indicator_name").format(number=n, name=fw.indicator(n).name) for n in indicators)


def thai_list(names: list[str], catalogue: Catalogue) -> str:
    """Names listed the Thai way: spaced, "และ" before the last ("ข้อ O6 … และข้อ O7 …"), never an English
    semicolon."""
    if len(names) < 2:
        return "".join(names)
    return " ".join(names[:-1]) + " " + catalogue.text("and_also") + names[-1]


def measure_names(ids: list[str], catalogue: Catalogue, agency: str) -> str:
    """Measures named in a Thai sentence by their titles in the catalogue (a measure a layer's disable: took out, by
    the title it had: a budget set for it was noted as 'มาตรการ e-service', which check then flagged; an id the
    catalogue never held, by the id), listed the Thai way: the plan's notes go into Thai documents, where an English
    id is a slip."""
    def title_of(rec_id: str) -> str:
        rec = catalogue.recommendations.get(rec_id)
        title = rec.title if rec is not None else catalogue.switched_off_titles.get(rec_id, "")
        return str(fill(title, {"agency": agency or catalogue.text("agency_fallback")}) if title else "")

    names = []
    for rec_id in ids:  # a row's id (a+b) by its members' titles, as the row's own title joins them
        titles = [title_of(part) for part in str(rec_id).split("+")]
        if all(titles):
            names.append((" " + catalogue.text("and_also")).join(
                [titles[0], *(t.removeprefix(catalogue.text("measure_prefix")) for t in titles[1:])]))
        else:
            names.append(f"{catalogue.text('measure_prefix')} {rec_id}")
    return thai_list(names, catalogue)


def budget_notes(unused: list[str], catalogue: Catalogue, agency: str, ruleset: RuleSet | None, year: int,
                 fired: set[str]) -> list[str]:
    """The notes of budgets set for measures the plan does not hold (``unused``): said together
    (``note_budgets_unused``), except a measure an office rule that fired on this plan took the place of (its
    built-in rule replaced or switched off), said with that rule and the measure it proposes instead
    (``note_budget_replaced``): "the plan holds no such measure" alone puzzled an officer whose office had replaced
    it (an auditor's trial)."""
    plain, notes = [], []
    for rec_id in unused:
        rules = [rule for part in rec_id.split("+") for rule in (ruleset.in_place_of(part, year) if ruleset else [])
                 if rule.id in fired]
        if not rules:
            plain.append(rec_id)
            continue
        proposed = list(dict.fromkeys(m for rule in rules for m in rule.propose if m in catalogue.recommendations))
        # the rule's id is not named: the note is printed in Thai documents (the JSON, the working notes), where an
        # English id is a fault check reports; rules explain names the rule
        notes.append(say(catalogue, "note_budget_replaced", ids=measure_names([rec_id], catalogue, agency),
                         measures=measure_names(proposed, catalogue, agency)))
    if plain:
        notes.insert(0, say(catalogue, "note_budgets_unused", ids=measure_names(plain, catalogue, agency)))
    return notes


def _light_measure(rec_id: str, entry: dict, fw: Framework, plan_year: int, context: dict[str, str],
                   catalogue: Catalogue) -> dict:
    """The fields of a measure that decide whether it is merged and kept, and the few a left-out one shows."""
    rec: Recommendation = entry["rec"]
    codes = sorted(entry["codes"], key=_code_order)
    indicators = sorted(entry["indicators"]) or list(rec.indicators)
    title = rec.title
    if "{" in title:
        title = fill(title, {**context, "items": _items(codes, indicators, fw, plan_year, catalogue)})
    return {"id": rec_id, "indicator": indicators[0], "owner_role": rec.data.get("owner", "all"), "title": title,
            "codes": codes, "priority": entry["priority"], "rules": entry["rules"],
            # a measure about several indicators as wholes (those that fell), no question of its own: _fit's spans
            "spans": not codes and len(entry["fact_indicators"]) > 1,
            "_rank": (entry["lowest"], entry["priority"], rec_id),  # the lowest scores (failed OIT items) first
            "_order": (indicators[0] if codes or len(indicators) == 1 or entry["fact_indicators"] or rec.kind == "standing"
                       else 11, entry["priority"],
                       _code_order(codes[0]) if codes else (9, 0), rec_id)}


def _merged_rows(light: list[dict], catalogue: Catalogue) -> list[dict]:
    """The catalogue's groups on the light fields: one row per merged group, with its members (in order), and the
    id, title, codes, priority, rules, rank and order of the merged measure."""
    rows = []
    for members in _grouped(light, catalogue):
        row = {**members[0], "members": members}
        for m in members[1:]:
            _merge_heading(row, m, [x["id"] for x in members], catalogue)
        rows.append(row)
    return rows


def _grouped(measures: list[dict], catalogue: Catalogue) -> list[list[dict]]:
    """The measures in the catalogue's groups (the same ``group`` with the same indicator and owner), in the order
    each group first appears; a measure with no group is a group of its own."""
    groups: list[list[dict]] = []
    by_key: dict[tuple, list[dict]] = {}
    for m in measures:
        group = catalogue.recommendations[m["id"]].data.get("group")
        key = (group, m["indicator"], m["owner_role"])
        if group and key in by_key:
            by_key[key].append(m)
        else:
            by_key[key] = [m]
            groups.append(by_key[key])
    return groups


def _merge_heading(first: dict, m: dict, ids: list[str], catalogue: Catalogue) -> None:
    """What a merged row takes from each member, light or full: id, title, rules, codes and its place in order."""
    first["id"] = "+".join(ids)
    first["title"] += " " + catalogue.text("and_also") + m["title"].removeprefix(catalogue.text("measure_prefix"))
    first["rules"] = list(dict.fromkeys(first["rules"] + m["rules"]))
    first["codes"] = sorted(set(first["codes"]) | set(m["codes"]), key=_code_order)
    for key in ("priority", "_rank", "_order"):
        first[key] = min(first[key], m[key])


def _full_measure(rec_id: str, entry: dict, card: Scorecard, plan_year: int, context: dict[str, str],
                  catalogue: Catalogue) -> dict:
    fw = card.framework
    rec: Recommendation = entry["rec"]
    codes = sorted(entry["codes"], key=_code_order)
    indicators = sorted(entry["indicators"]) or list(rec.indicators)
    oit = [c for c in codes if fw.questions[c].tool == "OIT"]
    serves = list({i["code"]: i for c in oit for i in plan_year_items(c, fw, plan_year, catalogue)}.values())
    items = _items(codes, indicators, fw, plan_year, catalogue)
    # questions that compare one to one unless this measure's own indicators' changed (another tool's may have)
    compare = "step_compare_redesign" if card.previous_year and indicators_redesigned(fw.fiscal_year, indicators) \
        else "step_compare_items"
    ctx = {**context, "items": items, "compare_items": say(catalogue, compare, items=items)}
    parts = {c: sorted(p for p in entry["codes"][c] if p) for c in codes if any(entry["codes"][c])}
    data = rec.data
    role = data.get("owner", "all")
    months = due_months(dict(data["timeline"]), serves)
    rounds = tuple((item["code"], item["title"], item["period"]) for item in serves)
    # the sentences depend on the months and the served items' rounds only: made once for every agency of a batch
    timeline, deadline, steps = _kept(catalogue, "_timelines", (months["from"], months["to"], plan_year, rounds),
                                      catalogue, lambda: (timeline_text(months, plan_year, catalogue),
                                                          publish_by(plan_year, months, serves, catalogue),
                                                          period_steps(serves, plan_year, catalogue)))
    first_steps = [x for x in steps if x[0] == "previous_year"]
    last_steps = [x for x in steps if x[0] != "previous_year"]
    facts = measure_facts(entry["provenance"], card, catalogue)
    points = [point_item(f, fw, catalogue) for f in facts if f["kind"] == "question"]
    return {
        "id": rec_id,
        "indicator": indicators[0],
        "indicators": indicators,
        "indicator_name": fw.indicator(indicators[0]).name,
        "codes": codes,
        **({"parts": parts} if parts else {}),
        "points": points,
        "serves": serves,
        "title": fill(rec.title, ctx),
        "issue": ISSUE_SEPARATOR.join(catalogue.joined_issues(issues := fill(_issue(entry, card, catalogue, rec), ctx))),
        "_issues": issues,  # its sentences, which a merged row says each once (merge_members)
        "recommendation": fill(data.get("recommendation", ""), ctx),
        "method": [x[1] for x in first_steps] + fill(_own_steps(list(data.get("method", [])), serves, steps), ctx) +
                  [x[1] for x in last_steps],
        "timeline": timeline,
        "months": months,
        **({"publish_by": deadline} if deadline else {}),
        "evidence": fill(list(data.get("evidence", [])), ctx),
        "basis": fill(catalogue.basis_for(list(data.get("basis", []))), ctx),
        "owner": owner_name(role, card, catalogue),
        "owner_role": role,
        "dimension": data.get("dimension"),
        "priority": entry["priority"],
        "_rank": (entry["lowest"], entry["priority"], rec_id),  # the lowest scores (failed OIT items) first
        "_order": (indicators[0] if codes or len(indicators) == 1 or entry["fact_indicators"] or rec.kind == "standing"
                       else 11, entry["priority"],
                   _code_order(codes[0]) if codes else (9, 0), rec_id),
        "facts": facts,
        "fact_indicators": sorted(entry["fact_indicators"]),
        "rules": entry["rules"],
        "provenance": entry["provenance"],
        "status": "proposed",
        "note": "",
        **({"project": _project(data.get("project"), rec_id, card, ctx)}
           if data.get("project") or rec_id in card.agency.budgets else {}),
    }


def fill_context(card: Scorecard, plan_year: int, catalogue: Catalogue) -> dict[str, str]:
    """The agency's words a catalogue text is filled with ({agency}, {budget_act}, {plan_year} …)."""
    kind = card.agency.kind
    return {"agency": card.agency.name or catalogue.text("agency_fallback"),
            "agency_type": card.agency.type or catalogue.text("agency_fallback"),
            "budget_act": catalogue.text(f"budget_act_{kind}" if kind else "budget_act"),
            "plan_year": str(plan_year), "fiscal_year": str(card.framework.fiscal_year),
            "staff_count": catalogue.text("staff_count").format(staff=card.agency.staff) if card.agency.staff else ""}


def catalogue_measure(rec: Recommendation, card: Scorecard, plan_year: int, catalogue: Catalogue) -> dict:
    """A catalogue's measure that no rule proposed, written out as drafting writes a proposed one (its texts filled
    for the agency, its owner, timeline and evidence), with no weak point or rule behind it: an officer added it."""
    entry = {"rec": rec, "codes": {}, "indicators": set(), "fact_indicators": set(), "rules": [], "provenance": [],
             "priority": 100, "lowest": 101.0}
    measure = _full_measure(rec.id, entry, card, plan_year, fill_context(card, plan_year, catalogue), catalogue)
    measure.pop("_rank")
    measure.pop("_order")
    measure.pop("_issues")
    return measure


def draft(card: Scorecard, findings: list[Finding], catalogue: Catalogue, *, plan_year: int | None = None,
          evaluator: str = "pure", rules_fingerprint: str = "", today: _dt.date | None = None,
          ruleset: RuleSet | None = None) -> Plan:
    fw = card.framework
    if plan_year is not None and plan_year <= fw.fiscal_year:  # the measures answer results announced before they run
        from itaplan.base.errors import Problem, UsageError

        raise UsageError(Problem("--plan-year", f"the measures drawn from the results of fiscal year {fw.fiscal_year} "
                                                f"run in a later year: give {fw.fiscal_year + 1} (the default) or "
                                                f"later, not {plan_year}"))
    plan_year = plan_year or fw.fiscal_year + 1
    agency_name = card.agency.name or catalogue.text("agency_fallback")
    measures: dict[str, dict] = {}
    maintain: dict[str, dict] = {}
    for finding in findings:
        for rec_id in finding.propose:
            rec = catalogue.recommendations.get(rec_id)
            if rec is None:
                continue
            entry = (maintain if rec.kind == "maintain" else measures).setdefault(rec_id, {
                "rec": rec, "codes": {}, "indicators": set(), "fact_indicators": set(), "rules": [], "provenance": [],
                "priority": 100, "lowest": 101.0})
            for fact in finding.facts:
                if "code" in fact:
                    entry["codes"].setdefault(fact["code"], set()).add(fact.get("part", 0))
                    entry["indicators"].add(fw.questions[fact["code"]].indicator)
                    entry["fact_indicators"].add(fw.questions[fact["code"]].indicator)
                    entry["lowest"] = min(entry["lowest"], fact["score"])
                elif fact["kind"] == "indicator" or fact.get("subject") == "indicator":
                    entry["indicators"].add(fact["number"])
                    entry["fact_indicators"].add(fact["number"])
                    if "score" in fact:
                        entry["lowest"] = min(entry["lowest"], fact["score"])
            if finding.rule_id not in entry["rules"]:
                entry["rules"].append(finding.rule_id)
                entry["provenance"].append(finding.to_dict())
            entry["priority"] = min(entry["priority"], finding.priority)

    context = fill_context(card, plan_year, catalogue)
    officer: list[str] = []  # for the officer drafting the plan (terminal, review, web page), never the documents
    gone = _drop_gone_items(measures, fw, plan_year, catalogue)
    for code in gone:
        officer.append(say(catalogue, "note_item_gone", code=code, title=fw.questions[code].title,
                            old_year=fw.fiscal_year, year=plan_framework(plan_year).year))  # type: ignore[union-attr]
    standing = {rec_id: entry for rec_id, entry in measures.items() if entry["rec"].kind == "standing"}
    for rec_id in standing:
        del measures[rec_id]
    # Which measures stay is decided on a few fields of each; only the kept ones are written out in full (most
    # of the work), then merged as the rows say. Every weakness keeps its measure: rows beyond the limit are
    # merged into a row of the same indicator, a few measures a row; only a measure about the result as a whole is
    # left out, and the table rather keeps more rows than the limit than join indicators: the officer is told.
    rows = _merged_rows([_light_measure(rec_id, entry, fw, plan_year, context, catalogue)
                         for rec_id, entry in measures.items()], catalogue)
    rows.sort(key=lambda row: row["_rank"])
    kept_rows, left_out = _fit(rows, catalogue.max_measures, catalogue.max_per_row, fw, catalogue)
    over_limit = len(kept_rows) > catalogue.max_measures
    kept_rows += _standing_rows(standing, kept_rows, catalogue.max_measures, fw, plan_year, context, catalogue)
    for rec_id, entry in standing.items():
        measures[rec_id] = entry
    kept = []
    for row in kept_rows:
        members = [_full_measure(m["id"], measures[m["id"]], card, plan_year, context, catalogue)
                   for m in row["members"]]
        merged = merge_members(members, plan_year, catalogue)
        if merged.get("merged") and merged["id"] in card.agency.budgets:  # the budget the agency set for the row
            merged["project"] = {**{k: v for k, v in merged.get("project", {}).items() if k != "budget_unset"},
                                 "budget": card.agency.budgets[merged["id"]], "budget_source": "agency"}
        merged.pop("_rank")
        kept.append(merged)
    kept.sort(key=lambda m: m.pop("_order"))
    missing = [n for n in card.notes if n.key == "indicator_missing"]
    warnings = [note_text(n.key, n.values, catalogue) for n in card.notes
                if n.key not in ("indicator_missing",) + LABEL_NOTES + INCOMPLETE and n.key.removeprefix("previous_")
                not in IMPOSSIBLE_TOTAL]
    officer += [note_text(n.key, n.values, catalogue) for n in card.notes if n.key in LABEL_NOTES]
    # a total that cannot be the NACC's, not used: the officer's to settle before publishing (the terminal warns)
    officer += [note_text(n.key, n.values, catalogue) for n in card.notes
                if n.key.removeprefix("previous_") in IMPOSSIBLE_TOTAL]
    if card.label and not card.label_rule_confirmed:
        note = next((a.note_th for a in fw.assumptions if a.fact == card.label and a.note_th), "")
        if note:
            officer.append(note)
    if card.total_source == COMPUTED and any(a.fact == "weights" for a in fw.assumptions):
        officer.append(say(catalogue, "note_total_assumed_weights", total=fmt_score(card.total), year=fw.fiscal_year))
    if card.previous_computed_total is not None:  # last year's published total does not follow from its indicators
        officer.append(say(catalogue, "note_previous_total_published", year=card.previous_year,
                           total=fmt_score(card.previous_total), computed=fmt_score(card.previous_computed_total)))
    if missing:  # one line for all the indicators with no score at all
        warnings.insert(0, say(catalogue, "note_indicators_missing",
                               numbers=", ".join(str(n.values["number"]) for n in missing)))
    # a budget of a measure merged into a row (e-service+office-…) is the row's, printed on its card
    unused = sorted(set(card.agency.budgets) - {part for m in kept for i in [m["id"], *(m.get("merged") or [])]
                                                for part in [str(i), *str(i).split("+")]})
    warnings += budget_notes(unused, catalogue, agency_name, ruleset, fw.fiscal_year, {f.rule_id for f in findings})
    out_maintain = []
    for rec_id, entry in maintain.items():
        rec = entry["rec"]
        for number in sorted(entry["indicators"]) or list(rec.indicators):
            out_maintain.append({"id": rec_id, "indicator": number, "title": fill(rec.title, context),
                                 "statement": fill(rec.data.get("statement", ""), context), "rules": entry["rules"]})
    out_maintain.sort(key=lambda m: m["indicator"])
    analysis = build_analysis(card, kept, out_maintain, catalogue,
                              gone=(set(gone), plan_framework(plan_year).year) if gone else None)  # type: ignore[union-attr]
    if left_out and over_limit:  # left out, yet the table is over the limit: it gave way, which kept no limit
        officer.append(say(catalogue, "note_whole_gave_way", rows=len(kept), limit=catalogue.max_measures,
                           titles="; ".join(m["title"] for m in left_out)))
    elif left_out:
        codes = ", ".join(dict.fromkeys(c for m in left_out for c in m["codes"]))
        # measures of an indicator or the total name no question: the note then names none, rather than "ข้อ -"
        officer.append(say(catalogue, "note_left_out" if codes else "note_left_out_no_codes",
                           limit=catalogue.max_measures, titles="; ".join(m["title"] for m in left_out), codes=codes))
    if over_limit:
        officer.append(say(catalogue, "note_over_limit", rows=len(kept), limit=catalogue.max_measures,
                           per_row=catalogue.max_per_row))
    whatif = plan_whatif(card, kept, catalogue)  # also each measure's points_at_stake
    kept_maintain = {m["indicator"] for m in analysis["maintain"]}
    out_maintain = [m for m in out_maintain if m["indicator"] in kept_maintain]

    plan_fw = plan_framework(plan_year)
    item = plan_fw.framework.measures_item if plan_fw else None
    if plan_fw is not None and plan_fw.assumed:
        officer.insert(0, say(catalogue, "note_plan_framework_assumed", year=plan_year, known_year=plan_fw.year))
    report = report_target(plan_year)
    assumptions = [a.note_th or a.note for a in fw.assumptions]
    report_note = ""
    if report.assumption:
        known_year = max(y for y in builtin_years() if y <= report.year) if report.item else None
        report_note = say(catalogue, "note_report_item", year=report.year, item=report.item or "",
                          known_year=known_year or "")
        assumptions.append(report_note)
    plan = {
        "itaplan": {"version": __version__, "document": "plan", "schema": PLAN_SCHEMA, "evaluator": evaluator, "rules": rules_fingerprint,
                    "drafted": (today or thai.today()).isoformat(), "source": card.source},
        "framework": fw.name,
        "fiscal_year": fw.fiscal_year,
        "plan_year": plan_year,
        "answers_item": item,
        "answers_item_title": plan_fw.framework.questions[item].title if plan_fw and item in plan_fw.framework.questions
        else None,
        "report_item": report.item,
        "report_year": report.year,
        "agency": {"name": agency_name, **card.agency.to_dict()},  # a place without a name: the stand-in name
        "scores": _scores(card, catalogue),
        "analysis": analysis,
        "whatif": whatif,
        "measures": kept,
        "left_out": [{"id": m["id"], "title": m["title"], "codes": m["codes"], "priority": m["priority"],
                      "rules": m["rules"]}
                     for m in left_out],
        "maintain": out_maintain,
        "warnings": warnings,
        "officer_notes": officer,
        **({"plan_framework": {"year": plan_fw.year, "assumed": True}} if plan_fw and plan_fw.assumed else {}),
        "assumptions": assumptions,
        **({"report_assumption": report.assumption, "report_assumption_th": report_note} if report.assumption else {}),
    }
    # a weak point the analysis lists that no rule in force gave a measure (a rule switched off, or narrowed): the
    # table would print no row for it, and nothing else says so
    unmeasured = [code + part_phrase(catalogue, part)
                  for code, part, why, _ in unmeasured_points(cast(Plan, plan)) if why == "none"]
    if unmeasured:
        officer.append(say(catalogue, "note_no_measure", codes=", ".join(unmeasured)))
    return cast(Plan, plan)  # built key by key above, as plan.schema.json (and model.Plan) describe it


def _drop_gone_items(measures: dict[str, dict], fw: Framework, plan_year: int, catalogue: Catalogue) -> list[str]:
    """OIT items of the assessed year with no item in the plan year's framework (no successor, nothing covering
    their subject): a plan does not ask to publish them. They leave the measures that name them, and a measure
    left with nothing to serve leaves the plan. Returns those items, for the officer."""
    if plan_framework(plan_year) is None:
        return []
    gone: list[str] = []
    for rec_id in list(measures):
        entry = measures[rec_id]
        for code in list(entry["codes"]):
            if fw.questions[code].tool == "OIT" and not plan_year_items(code, fw, plan_year, catalogue):
                del entry["codes"][code]
                gone.append(code)
        if not entry["codes"] and not any(f.get("kind") != "question" for p in entry["provenance"]
                                          for f in p.get("facts", [])):
            del measures[rec_id]
    return sorted(set(gone), key=_code_order)


def _whole(row: dict) -> bool:
    """A row about the result as a whole (the working group on a total below the target): no weakness of its own."""
    return all(m["_order"][0] == 11 for m in row["members"])


def _fit(rows: list[dict], limit: int, per_row: int, fw: Framework,
         catalogue: Catalogue) -> tuple[list[dict], list[dict]]:
    """The rows (ranked, most urgent first) within ``limit`` where that keeps them readable: while there are too
    many, a row about the result as a whole (no weakness of its own) is left out (the officer is told, and told
    when the table is over the limit even so); else the lowest-ranked row that another row of the same indicator can take joins it, so long as the row
    then holds at most ``per_row`` measures. Measures of different indicators never share a row (a row joining
    seven measures over three indicators, with 27 steps, is unreadable): when nothing more can be merged the table
    keeps more rows than the limit, and the draft tells the officer (``note_over_limit``)."""
    rows = list(rows)
    left_out: list[dict] = []
    whole = _whole

    def spans(row: dict) -> bool:
        """A row about several indicators (the analysis of those that fell): filed under its first only for order, it
        belongs to none, so it never joins one indicator's row nor takes one in (round 23's newcomer: the drops of 8
        and 9 answered by indicator 7's communication measure)."""
        return any(m.get("spans") for m in row["members"])

    def host_of(row: dict, among: list[dict]) -> dict | None:
        """The row to take ``row``: one of the same indicator with room for its measures; one answering a code of
        its own first, then the one that has taken the fewest (merges spread out), the highest-ranked among those."""
        if spans(row):
            return None
        candidates = [r for r in among if r["indicator"] == row["indicator"] and not whole(r) and not spans(r)
                      and len(r["members"]) + len(row["members"]) <= per_row]
        return min(candidates, key=lambda r: (not set(r["codes"]) & set(row["codes"]), len(r["members"]))) \
            if candidates else None

    def join(host: dict, row: dict) -> None:
        for m in row["members"]:
            host["members"].append(m)
            _merge_heading(host, m, [x["id"] for x in host["members"]], catalogue)

    def merge_one(rows: list[dict]) -> bool:
        """Join the lowest-ranked row that another row can take into that row; False when none can be."""
        for i in range(len(rows) - 1, -1, -1):
            host = host_of(rows[i], rows[:i] + rows[i + 1:]) if not whole(rows[i]) else None
            if host is not None:
                join(host, rows.pop(i))
                return True
        return False

    # A row about the result as a whole gives way to the weak points' own measures whenever the table is over the
    # limit with it, so that a tighter limit never adds a row: kept only while it left out nothing (a looser limit
    # kept the working group of a total far below the target, a tighter one brought it back and the table grew).
    while len(rows) > limit:
        if whole(rows[-1]):
            left_out.append(rows.pop())
            continue
        if merge_one(rows):
            continue
        wholes = [i for i, r in enumerate(rows) if whole(r)]
        if not wholes:
            break  # more rows than the limit rather than an unreadable row
        left_out.append(rows.pop(wholes[-1]))
    return rows, left_out


def _standing_rows(standing: dict[str, dict], rows: list[dict], limit: int, fw: Framework, plan_year: int,
                   context: dict[str, str], catalogue: Catalogue) -> list[dict]:
    """Measures that keep a tool's standard, for each tool that no other row of the table addresses, while the
    table has room: an agency at the target everywhere still publishes measures, as the seeds do."""
    addressed = {fw.indicator(n).tool for r in rows for m in r["members"]
                 for n in [m["indicator"]] + [fw.questions[c].indicator for c in m["codes"]]}
    out: list[dict] = []
    for rec_id, entry in sorted(standing.items(), key=lambda kv: (kv[1]["priority"], kv[0])):
        light = _light_measure(rec_id, entry, fw, plan_year, context, catalogue)
        tool = fw.indicator(light["indicator"]).tool
        if tool in addressed or len(rows) + len(out) >= limit:
            continue
        addressed.add(tool)
        out.append({**light, "members": [light]})
    return out


def merge_members(members: list[dict], plan_year: int, catalogue: Catalogue) -> dict:
    """The full measures of one row as one measure: the first, with the heading, methods, evidence and months of
    the others."""
    first = members[0]
    if len(members) > 1:
        first["merged"] = [x["id"] for x in members]
        # each measure's own heading, before the row's is composed: what says which measure came or went
        # (with the indicators its rules fired on: a measure answering an indicator, not codes, is named by them)
        first["members"] = [{"id": x["id"], "title": x["title"], "codes": list(x["codes"]),
                             "fact_indicators": list(x["fact_indicators"]),
                             # each member's dimension of the action plan: the row's card and table print them all
                             "dimension": x.get("dimension")} for x in members]
        project = merged_project(members, catalogue)  # from each member as drafted, before the row is composed
    for m in members[1:]:
        _merge_one(first, m, plan_year, catalogue)
    if len(members) > 1:
        first.pop("project", None)
        if project:
            first["project"] = project
    first.pop("_issues", None)
    return first


def _once(texts: list[str]) -> list[str]:
    """Each text once (the same but for spacing, punctuation or digits: the first), in order."""
    out: list[str] = []
    for text in texts:
        if text and not any(_plain_step(text) == _plain_step(x) for x in out):
            out.append(text)
    return out


def _group_parts(groups: list[str], joiner: str) -> list[str]:
    """The parts of a merged row's target groups ("ประชาชนผู้รับบริการ และทุกกอง/สำนักของ…": split where the groups
    join them), each once: a part whose people an earlier part already names (its words before "ของ…") is left out, so
    that "ประชาชนในพื้นที่และผู้รับบริการของ… และผู้รับบริการ และบุคลากร…" reads "ประชาชนในพื้นที่และผู้รับบริการของ…
    และบุคลากร…" (round 24's newcomer)."""
    kept: list[str] = []
    for group in groups:
        for part in (x.strip() for x in group.split(joiner)):
            people = part.split("ของ", 1)[0].strip()
            if part and not any(people in earlier for earlier in kept):
                kept.append(part)
    # every part "…ของ" the same agency: said once, after the last ("ประชาชนผู้รับบริการ และทุกกอง/สำนักของ…")
    whose = {part.split("ของ", 1)[1] if "ของ" in part else None for part in kept}
    if len(kept) > 1 and len(whose) == 1 and None not in whose:
        kept = [part.split("ของ", 1)[0].rstrip() for part in kept[:-1]] + kept[-1:]
    return kept


def merged_project(members: list[dict], catalogue: Catalogue) -> dict:
    """The project card of a row of several measures, one card as the row is one measure of the table (agencies
    print one card for a project serving several indicators): its name the members' names joined with "และ", each
    member's rationale, objectives, target group, outputs and outcomes, each said once; the budget the members'
    together. A member without a project of its own speaks with what its card would have drafted (its title, the
    default rationale from its issue, its evidence as outputs); a field no member gives is left for the card to
    draft from the row, which holds every member's steps, months, owners, weak points and evidence."""
    projects = [m.get("project") or {} for m in members]
    if not any(projects):
        return {}
    joiner = " " + catalogue.text("and_also")
    out: dict[str, Any] = {"name": joiner.join(_once([p.get("name") or m["title"] for p, m in zip(projects, members)]))}
    if any(p.get("rationale") for p in projects):
        said = _once([" ".join(str(p.get("rationale") or catalogue.text("card_default_rationale").format(
            issue=m.get("issue", ""), title=m["title"], recommendation=m.get("recommendation", ""))).split())
            for p, m in zip(projects, members)])
        # one flowing text: the second member on says so ("นอกจากนี้ …"), or each reads as a rationale of its own,
        # each ending "{agency} จึง…"
        also = str(catalogue.text("rationale_also")).strip()
        out["rationale"] = " ".join([said[0]] + [text if text.startswith(also) else f"{also} {text}"
                                                 for text in said[1:]])
    for key in ("objectives", "outcomes"):
        if any(p.get(key) for p in projects):
            out[key] = _once([x for p in projects for x in p.get(key) or []])
    if any(p.get("outputs") for p in projects):
        out["outputs"] = _once([x for p, m in zip(projects, members) for x in p.get("outputs") or m["evidence"]])
    if any(p.get("target_group") for p in projects):
        out["target_group"] = joiner.join(_group_parts([p["target_group"] for p in projects if p.get("target_group")],
                                                       joiner))
    budgets = [p["budget"] for p in projects if p.get("budget") is not None]
    if budgets:  # the members' set budgets together; one the officer sets for the row itself replaces it
        out["budget"] = round(sum(budgets), 2)
        out["budget_source"] = "agency" if any(p.get("budget_source") == "agency" for p in projects) else "catalogue"
        # the members that set none: the sum is not the row's whole budget, and the card and table say so
        unset = _once([p.get("name") or m["title"] for p, m in zip(projects, members) if p.get("budget") is None])
        if unset:
            out["budget_unset"] = unset
    return out


def joined_owners(owners_text: str, new: str, joiner: str, including: str = "{unit} ({section})") -> str:
    """The owners of a row of several measures, each unit once. A unit and a section of it ("สำนักปลัด" and
    "สำนักปลัด (งานประชาสัมพันธ์…)") are said together by ``including`` (settings' owner_including: "สำนักปลัด
    (รวมถึงงานประชาสัมพันธ์…)"), whichever member comes first: neither "สำนักปลัด และสำนักปลัด (งาน…)", nor one of the
    two alone (the unit alone drops the section doing a member's work; the section alone, the unit doing the other's)."""
    owners = owners_text.split(joiner)
    said_with = including.split("{section}")[0].format(unit=new)  # "สำนักปลัด (รวมถึง"
    if new in owners or any(o.startswith(said_with) for o in owners):
        return owners_text  # named already, or said with a section of it
    out: list[str] = []
    placed = False
    for o in owners:
        if not placed and new.startswith(o + " (") and new.endswith(")"):  # a section of a unit named generally
            out.append(including.format(unit=o, section=new[len(o) + 2:-1]))
            placed = True
        elif not placed and o.startswith(new + " (") and o.endswith(")"):  # the unit of a section named already
            out.append(including.format(unit=new, section=o[len(new) + 2:-1]))
            placed = True
        else:
            out.append(o)
    return joiner.join(dict.fromkeys(out if placed else out + [new]))


def _merge_one(first: dict, m: dict, plan_year: int, catalogue: Catalogue) -> None:
    """One more member into a merged measure: the heading, and the methods, evidence and months of both."""
    _merge_heading(first, m, first["merged"], catalogue)
    first["method"] = merged_steps(first["method"], m["method"])
    for name in ("evidence", "basis"):
        first[name] = list(dict.fromkeys(first[name] + m[name]))
    first["owner"] = joined_owners(first["owner"], m["owner"], " " + catalogue.text("and_also"),
                                   catalogue.text("owner_including"))
    for name in ("points", "serves"):
        seen = {x["text"] for x in first[name]}
        first[name] = first[name] + [x for x in m[name] if x["text"] not in seen]
    sentences = list(first.get("_issues") or [first["issue"]])
    for sentence in m.get("_issues") or [m["issue"]]:  # each sentence once, one after the other
        if not any(_plain_step(sentence) in _plain_step(x) for x in sentences):
            sentences.append(sentence)
    first["_issues"] = sentences
    first["issue"] = ISSUE_SEPARATOR.join(catalogue.joined_issues(sentences))
    first["recommendation"] = " ".join(dict.fromkeys([first["recommendation"], m["recommendation"]]))
    first["indicators"] = sorted(set(first["indicators"]) | set(m["indicators"]))
    first["fact_indicators"] = sorted(set(first["fact_indicators"]) | set(m["fact_indicators"]))
    # a fact both members' rules fired on (i5: the built-in false-claims rule and an office's spot check) is said
    # once, with every rule that fired on it (review lists them per question)
    by_text = {g["text"]: i for i, g in enumerate(first["facts"])}
    facts = list(first["facts"])
    for f in m["facts"]:
        at = by_text.get(f["text"])
        if at is None:
            by_text[f["text"]] = len(facts)
            facts.append(f)
        elif "rules" in f:
            rules = list(facts[at].get("rules", []))
            facts[at] = {**facts[at], "rules": rules + [r for r in f["rules"] if r not in rules]}
    first["facts"] = facts
    first["provenance"] += m["provenance"]
    if m.get("parts"):
        first["parts"] = {**first.get("parts", {}), **m["parts"]}
    first["months"] = {"from": min(first["months"]["from"], m["months"]["from"]),
                       "to": max(first["months"]["to"], m["months"]["to"])}
    first["timeline"] = timeline_text(first["months"], plan_year, catalogue)
    deadline = publish_by(plan_year, first["months"], first["serves"], catalogue)
    if deadline:
        first["publish_by"] = deadline
    else:
        first.pop("publish_by", None)


def point_label(fact: dict, fw: Framework, catalogue: Catalogue) -> str:
    """A weak point as the measures table names it: "ข้อ i10 ได้ 80.65 คะแนน", "ข้อ o12 ไม่ผ่าน"; a question at the
    target that a rule with a threshold of its own fired on, as below that threshold ("ข้อ e9 ได้ 87.50 คะแนน ถึงค่า
    เป้าหมาย 85 แล้ว แต่ต่ำกว่าเกณฑ์ 90 ที่สำนักงานกำหนด"); the analysis lists it so too (``point_question_threshold``),
    apart from the weaknesses it finds by the NACC's target."""
    part = part_phrase(catalogue, fact.get("part"))
    if fw.questions[fact["code"]].tool == "OIT" and fact["score"] == 0:
        return say(catalogue, "row_point_failed", code=fact["code"])
    if fact.get("threshold") is not None:
        return say(catalogue, "row_point_threshold", code=fact["code"], part=part, score=fmt_score(fact["score"]),
                   target=f"{fw.target:g}", threshold=f"{fact['threshold']:g}",
                   set_by=catalogue.text("threshold_set_by"))
    return say(catalogue, "row_point", code=fact["code"], part=part, score=fmt_score(fact["score"]))


def point_item(fact: dict, fw: Framework, catalogue: Catalogue) -> dict:
    """A weak point of the assessed year as data (year, code, EIT part, score, title, confidence) and its label."""
    q = fw.questions[fact["code"]]
    item: dict[str, Any] = {"year": fw.fiscal_year, "code": q.code, "tool": q.tool, "score": fact["score"],
                            "title": q.title, "confidence": q.confidence}
    if fact.get("part"):
        item["part"] = fact["part"]
    if q.tool == "OIT":
        item["met"] = fact["score"] > 0
    if fact.get("threshold") is not None:
        item["threshold"] = fact["threshold"]
    item["text"] = point_label(fact, fw, catalogue)
    return item


def _scores(card: Scorecard, catalogue: Catalogue) -> dict:
    """The plan's ``scores``, each question with its title as the analysis's question tables print it: the
    NACC's wording where the framework has it, else the framework's title (neutral when unconfirmed)."""
    scores = card.to_dict()
    fw = card.framework
    for q in scores["questions"]:
        q["title"] = fw.wordings.get(q["code"]) or shown_title(fw.questions[q["code"]], fw, catalogue)
    return scores


LABEL_NOTES = ("label_undecided", "label_unknown", "label_unknown_eit_parts")  # the officer's, not warnings


def note_text(key: str, values: dict, catalogue: Catalogue) -> str:
    """A scoring note in Thai (settings ``note_<key>``); last year's notes are prefixed with their year."""
    shown = {k: fmt_score(v) if isinstance(v, float) else v for k, v in values.items()}
    if key.startswith("previous_"):
        inner = say(catalogue, "note_" + key[len("previous_"):], **shown)
        return say(catalogue, "note_previous", year=values.get("year", ""), note=inner)
    return say(catalogue, "note_" + key, **shown)


def draft_results(card: Scorecard, ruleset: Any, catalogue: Catalogue, evaluator: Any = None,
                  plan_year: int | None = None) -> Plan:
    evaluator = evaluator or PureEvaluator(ruleset)
    findings = evaluator.evaluate(card)
    return draft(card, findings, catalogue, plan_year=plan_year, evaluator=evaluator.name,
                 rules_fingerprint=ruleset.fingerprint, ruleset=ruleset)
