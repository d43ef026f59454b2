"""Why a rule fired or did not, for one question code of one agency (``itaplan rules explain``)."""

from __future__ import annotations

from dataclasses import dataclass

from itaplan.base.thai import fmt_score
from itaplan.content.catalogue import Catalogue
from itaplan.ita.framework import Framework
from itaplan.ita.scoring import Scorecard
from itaplan.ruling.conditions import Atom
from itaplan.ruling.evaluate import _satisfying_facts, make_finding
from itaplan.ruling.facts import build_facts
from itaplan.ruling.provenance import fact_text
from itaplan.ruling.rulebook import Rule, RuleSet


@dataclass
class Explanation:
    rule: Rule
    fired: bool
    reason: str
    facts: list[dict]


def _mentions(rule: Rule, atoms: list[Atom], code: str, indicator: int, tool: str) -> bool:
    for atom in atoms:
        tests = {t.field: t for t in atom.tests}
        if atom.kind == "question" and code in tests["code"].value:
            return True
        if atom.kind == "rank" and tests["tool"].value == tool:
            return True
        if atom.kind == "indicator" and indicator in tests["number"].value:
            return True
    return False


def _why_not(atom: Atom, facts: list[dict]) -> str:
    selected = [f for f in facts if atom.selects(f)]
    if not selected:
        return f"{atom.text}: no score for it in the results"
    parts = []
    for fact in selected[:4]:
        test = atom.failing_test(fact)
        if test is None:
            continue
        label = fact.get("code") or (f"indicator {fact['number']}" if fact["kind"] == "indicator" else
                                      fact.get("name") or fact["kind"])
        if fact.get("part"):
            label += f" part {fact['part']}"
        if test.field == "source":
            parts.append(f"{label} is computed from its questions (this rule is for indicator scores given alone)")
            continue
        value = fact.get(test.field)
        shown = fmt_score(value) if isinstance(value, float) else value
        word = {"lt": "not below", "lte": "not at most", "gte": "below", "eq": "not", "in": "not one of"}[test.op]
        limit = fmt_score(test.value) if isinstance(test.value, float) else test.value
        parts.append(f"{label} {test.field} = {shown} is {word} {limit}")
    return f"{atom.text}: " + ("; ".join(parts) if parts else "already used by another condition of this rule")


def explain(code: str, card: Scorecard, ruleset: RuleSet,
            catalogue: Catalogue | None = None) -> tuple[list[Explanation], list[str]]:
    """Every rule in force that looks at this code (directly, by its indicator, or by rank), and why. A rule
    that fired is explained by the facts that made it fire, in Thai (with the catalogue's sentences)."""
    fw = card.framework
    q = fw.questions[code]
    facts = build_facts(card)
    by_id = {f["id"]: f for f in facts}
    out: list[Explanation] = []
    for rule in ruleset.rules.values():
        if not rule.applies_to(fw.fiscal_year):
            continue
        conjs = rule.conjunctions(fw)
        if not any(_mentions(rule, list(c), code, q.indicator, q.tool) for c in conjs):
            continue
        fired_ids: set[str] = set()
        fired: dict[int, set[str]] = {}
        reasons = []
        for index, conj in enumerate(conjs):
            ids = _satisfying_facts(conj, facts)
            if ids:
                fired_ids |= ids
                fired[index] = ids
                continue
            blocking = next((a for a in conj if not any(a.matches(f) for f in facts)), conj[0])
            reasons.append(_why_not(blocking, facts))
        matched = [{k: v for k, v in f.items() if k != "id"} for f in facts if f["id"] in fired_ids]
        if fired_ids and catalogue is not None:
            finding = make_finding(rule, fw, fired, by_id)
            reason = "fired on: " + "; ".join(fact_text(f, card, catalogue) for f in finding.facts)
        elif fired_ids:
            reason = "fired on " + ", ".join(
                f"{f.get('code') or f.get('name') or 'indicator ' + str(f.get('number'))}"
                f"{' part ' + str(f['part']) if f.get('part') else ''}"
                f" = {fmt_score(f.get('score', f.get('delta')))}" for f in matched)
        else:
            reason = "did not fire: " + " | ".join(dict.fromkeys(reasons))
        out.append(Explanation(rule, bool(fired_ids), reason, matched))
    disabled = [f"{rid} (switched off by {layer})" for rid, layer in ruleset.disabled.items()
                if _looked_at(rid, ruleset, fw, code, q.indicator, q.tool)]  # only those about this code
    return out, disabled


def _looked_at(rid: str, ruleset: RuleSet, fw: Framework, code: str, indicator: int, tool: str) -> bool:
    """Did the switched-off rule look at this code (directly, by its indicator, or by rank) in this year?"""
    for layer in ruleset.layers:
        for rule in layer.rules:
            if rule.id == rid and rule.applies_to(fw.fiscal_year):
                try:
                    if any(_mentions(rule, list(c), code, indicator, tool) for c in rule.conjunctions(fw)):
                        return True
                except ValueError:
                    continue
    return False

