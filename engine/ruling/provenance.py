"""Why a measure is there, in Thai: the facts that made its rules fire, each with its own figure.

A rule's condition is not printed as if it were the facts ("i11, i12 below 85" when i11 scored 100):
only the facts that took part in the firing are, with the test each one passed ("ได้ 79.35 คะแนน
(ต่ำกว่า 85)"). The sentences come from the catalogue's texts.
"""

from __future__ import annotations

import re
from typing import Any

from itaplan.base.thai import fmt_score, round2, spaced
from itaplan.content.catalogue import Catalogue
from itaplan.ita.framework import Framework, Question
from itaplan.ita.scoring import Scorecard

_NAME = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_SPLIT: dict[str, list[str]] = {}  # a sentence -> [literal, name, literal, name, ..., literal]


def say(catalogue: Catalogue, key: str, **values: Any) -> str:
    """A catalogue sentence with its {placeholders} filled (only the names given; a value is put in as it is,
    never read again for placeholders), spaced where a value's closing parenthesis or Latin word meets a Thai
    word (``spaced``)."""
    text = catalogue.text(key)
    pieces = _SPLIT.get(text)
    if pieces is None:
        if len(_SPLIT) > 4096:  # the catalogue's sentences: a few hundred; a bound all the same
            _SPLIT.clear()
        pieces = _SPLIT[text] = _NAME.split(text)
    if len(pieces) == 1:
        return str(text)
    out = pieces[:]
    for i in range(1, len(out), 2):
        name = out[i]
        out[i] = str(values[name]) if name in values else "{" + name + "}"
    return spaced("".join(out))


def part_phrase(catalogue: Catalogue, part: int | None) -> str:
    """The words naming an EIT part, said once per catalogue and kept on it."""
    if not part:
        return ""
    kept: dict[int, str] = catalogue.__dict__.setdefault("_part_phrases", {})
    phrase = kept.get(part)
    if phrase is None:
        phrase = kept[part] = say(catalogue, "point_part", part=part)
    return phrase


def number(value: float) -> str:
    """A threshold as written in a rule: 85, 99.5."""
    return f"{value:g}"


def _limit(catalogue: Catalogue, limits: list, score: float | None = None, target: float | None = None,
           published: bool = False) -> str:
    """The bounds a fact met, as its sentence prints them; a score below an office's threshold above the target
    that is below the target too says both ("ต่ำกว่าค่าเป้าหมาย 85 และต่ำกว่าเกณฑ์ 90"): "ต่ำกว่า 90" alone hid
    that 84.35 misses the NACC's target (an auditor's trial). ``published`` (the plan's facts, which cards print): a
    score below an office's threshold set below the target is said against the target, as the built-in rules say
    it ("ต่ำกว่า 85"): "ต่ำกว่า 80" on one card and "ต่ำกว่า 85" on the next, for one score, read as if 80 were
    the standard (an auditor's trial, aud21); the working notes say the office's threshold (``office_limit``)."""
    words = []
    for field, op, value in limits:
        if field != "score":
            continue
        if op == "lt" and published and score is not None and target is not None and value < target:
            words.append(say(catalogue, "limit_lt", value=number(target)))
        elif op == "lt" and score is not None and target is not None and value > target and round2(score) < target:
            words.append(say(catalogue, "limit_lt_target", value=number(value), target=number(target)))
        elif op == "lt":
            words.append(say(catalogue, "limit_lt", value=number(value)))
        elif op == "gte":
            words.append(say(catalogue, "limit_gte", value=number(value)))
    return ", ".join(dict.fromkeys(words))




def shown_title(q: Question, fw: Framework, catalogue: Catalogue) -> str:
    """A question's title as documents print it: a perception question whose wording that year is not confirmed
    (confidence L) is named by its indicator, never by a guessed meaning."""
    if q.confidence == "L" and q.tool != "OIT":
        return say(catalogue, "title_unconfirmed", number=q.indicator, name=fw.indicator(q.indicator).name)
    return q.title


def shown_issue(q: Question, fw: Framework, catalogue: Catalogue) -> str:
    """The ประเด็น of a weak question or item in its year; neutral when the question's wording is not confirmed."""
    if q.confidence == "L" and q.tool != "OIT":
        return say(catalogue, f"issue_unconfirmed_{q.tool}", name=fw.indicator(q.indicator).name)
    return catalogue.issue_for(fw.fiscal_year, q.code, q.title, q.tool) or catalogue.text("no_issue")


def fact_text(fact: dict, card: Scorecard, catalogue: Catalogue, published: bool = False) -> str:
    """One fact that took part in a firing, as a Thai sentence with its own figure (``published``: as the plan's
    documents print it, a threshold below the target said as the target; see ``_limit``)."""
    fw = card.framework
    kind = fact["kind"]
    limits = fact.get("limits", [])
    if kind in ("question", "rank"):
        q = fw.questions[fact["code"]]
        score = fact["score"]
        if kind == "rank":
            n = next((v for f, op, v in limits if f == "rank"), fact.get("rank"))
            return say(catalogue, "fact_rank", code=q.code, title=shown_title(q, fw, catalogue), part=part_phrase(catalogue, fact.get("part")),
                       score=fmt_score(score), n=n, tool=fact["tool"])
        if q.tool == "OIT" and score == 0:
            return say(catalogue, "fact_item", code=q.code, title=q.title)
        return say(catalogue, "fact_question", code=q.code, title=shown_title(q, fw, catalogue), part=part_phrase(catalogue, fact.get("part")),
                   score=fmt_score(score), limit=_limit(catalogue, limits, score, card.target, published))
    if kind == "indicator":
        ind = card.indicator(fact["number"])
        given = say(catalogue, "fact_given") if ind.source == "given" else ""
        return say(catalogue, "fact_indicator", number=ind.number, name=ind.name, score=fmt_score(fact["score"]),
                   limit=_limit(catalogue, limits, fact["score"], card.target, published), given=given)
    if kind == "tool":
        return say(catalogue, "fact_tool", tool=tool_label(fact["name"], catalogue), score=fmt_score(fact["score"]),
                   limit=_limit(catalogue, limits, fact["score"], card.target, published))
    if kind == "total":
        return say(catalogue, "fact_total", score=fmt_score(fact["score"]), limit=_limit(catalogue, limits))
    if kind == "change":
        if fact.get("subject") == "indicator":
            ind = card.indicator(fact["number"])
            return say(catalogue, "fact_indicator_fell", number=ind.number, name=ind.name,
                       change=fmt_score(abs(fact["delta"])), previous=fmt_score(ind.previous),
                       previous_year=card.previous_year, score=fmt_score(ind.score))
        return say(catalogue, "fact_total_fell", change=fmt_score(abs(fact["delta"])),
                   previous=fmt_score(card.previous_total), previous_year=card.previous_year,
                   score=fmt_score(card.total))
    return ""


def tool_label(key: str, catalogue: Catalogue) -> str:
    return {"EIT1": catalogue.text("eit_part_1"), "EIT2": catalogue.text("eit_part_2")}.get(key, key)


def measure_facts(provenance: list[dict], card: Scorecard, catalogue: Catalogue) -> list[dict]:
    """The facts behind one measure, once each, with the rules that fired on each. A fact two rules fired on with
    different limits (the NACC's 85 and an office's 90) is said once: with the target's limit when one rule has it,
    else the first rule's ("ข้อ i1 … 83.10 คะแนน (ต่ำกว่า 85); ข้อ i1 … 83.10 คะแนน (ต่ำกว่า 90)" said it twice)."""
    out: dict[tuple, dict] = {}
    for finding in provenance:
        for fact in finding["facts"]:
            key = tuple(fact.get(k) for k in ("kind", "code", "part", "number", "name", "subject", "tool"))
            text = fact_text(fact, card, catalogue, published=True)
            entry = out.get(key)
            if entry is None:
                entry = out[key] = {"kind": fact["kind"], **{k: fact[k] for k in ("code", "part", "number", "name",
                                                                                  "score", "delta") if k in fact},
                                    "text": text, "rules": []}
            elif text != entry["text"] and any(value == card.target for _, _, value in fact.get("limits", [])):
                entry["text"] = text
            if finding["rule"] not in entry["rules"]:
                entry["rules"].append(finding["rule"])
            # the highest score below which a rule fired on it: an office's threshold below the target, when no rule
            # fired at the target or above, is why the measure is there (the working notes say it)
            lts = [v for f, op, v in fact.get("limits", []) if f == "score" and op == "lt"]
            entry["_highest"] = max([entry.get("_highest", 0.0), *lts]) if lts else entry.get("_highest", 0.0)
            if fact["kind"] == "question":  # the lowest limit a rule found it below: a rule's own threshold when
                below = [v for f, op, v in fact.get("limits", []) if f == "score" and op == "lt"]  # above the target
                if below:
                    entry["below"] = min(entry.get("below", below[0]), *below)
    for entry in out.values():
        highest = entry.pop("_highest", 0.0)
        if 0 < highest < card.target:
            entry["office_limit"] = highest
        # a question at or above the target that only a rule with a threshold of its own (an office's 90) fired on:
        # the documents say it is below that threshold, not weak by the NACC's target
        below = entry.pop("below", None)
        if below is not None and below > card.target and entry.get("score") is not None and \
                round2(entry["score"]) >= card.target:
            entry["threshold"] = below
            # said as the analysis and the measures table say it, with who set the threshold: "(ต่ำกว่า ๙๕)" alone
            # read as if 95 were the NACC's (whose pass mark is 85)
            fw = card.framework
            q = fw.questions[entry["code"]]
            entry["text"] = say(catalogue, "point_question_threshold", code=q.code, title=shown_title(q, fw, catalogue),
                                part=part_phrase(catalogue, entry.get("part")), score=fmt_score(entry["score"]),
                                target=f"{card.target:g}", threshold=f"{below:g}",
                                set_by=catalogue.text("threshold_set_by"))
    return list(out.values())
