"""The pure-Python evaluator: the reference semantics of the rules (see evaluate.py), used where durable_rules
cannot import or cannot run a year's rules, and for explain."""

from __future__ import annotations

from typing import Any

from itaplan.ita.scoring import Scorecard
from itaplan.ruling.conditions import Atom, Conjunction
from itaplan.ruling.facts import Fact, build_facts
from itaplan.ruling.findings import Finding, make_finding
from itaplan.ruling.rulebook import RuleSet


class FactIndex:
    """Facts by kind, and question/rank facts by code, so an atom only looks at facts it could match."""

    def __init__(self, facts: list[Fact]):
        self.by_kind: dict[str, list[Fact]] = {}
        self.by_code: dict[tuple[str, str], list[Fact]] = {}
        for fact in facts:
            self.by_kind.setdefault(fact["kind"], []).append(fact)
            if "code" in fact:
                self.by_code.setdefault((fact["kind"], fact["code"]), []).append(fact)

    def candidates(self, atom: Atom) -> list[Fact]:
        codes = next((t.value for t in atom.tests if t.field == "code" and t.op == "in"), None)
        if codes is not None:
            pool = [f for code in sorted(codes) for f in self.by_code.get((atom.kind, code), ())]
        else:
            pool = self.by_kind.get(atom.kind, [])
        return [f for f in pool if atom.matches(f)]


def _satisfying_facts(conj: Conjunction, facts: list[Fact] | FactIndex) -> set[str]:
    """Ids of facts that appear in at least one assignment of distinct facts to the atoms.

    Not by trying every assignment (eight conditions over 24 codes: 33^8 of them, minutes): a fact takes part
    when, with it given to one atom, the other atoms can still be given distinct facts — a bipartite matching,
    found by augmenting paths. The work is polynomial whatever the rule."""
    index = facts if isinstance(facts, FactIndex) else FactIndex(facts)
    candidates = [[f["id"] for f in index.candidates(atom)] for atom in conj]
    if any(not c for c in candidates):
        return set()
    if len(candidates) == 1:
        return set(candidates[0])
    if not _matching(candidates, None, None):
        return set()
    used: set[str] = set()
    for i, ids in enumerate(candidates):
        for fid in ids:
            if fid not in used and _matching(candidates, i, fid):
                used.add(fid)
    return used


def distinct_facts_possible(candidates: list[list[Any]]) -> bool:
    """Can every atom be given a distinct fact of its candidates (lint asks before a rule ever runs)?"""
    return _matching(candidates, None, None)


def _matching(candidates: list[list[Any]], fixed: int | None, fact: Any) -> bool:
    """Can every atom be given a distinct fact of its candidates, atom ``fixed`` being given ``fact``?"""
    owner: dict[Any, int] = {}  # fact -> the atom given it

    def augment(atom: int, seen: set[Any]) -> bool:
        for fid in candidates[atom]:
            if fid in seen or fid == fact:  # the fixed atom's fact is never taken from it
                continue
            seen.add(fid)
            if fid not in owner or augment(owner[fid], seen):
                owner[fid] = atom
                return True
        return False

    return all(augment(atom, set()) for atom in range(len(candidates)) if atom != fixed)


class PureEvaluator:
    """The reference semantics, in plain Python; used where durable_rules cannot import and for explain."""

    name = "pure"

    def __init__(self, ruleset: RuleSet):
        self.ruleset = ruleset

    def evaluate(self, card: Scorecard, facts: list[Fact] | None = None) -> list[Finding]:
        fw = card.framework
        facts = facts if facts is not None else build_facts(card, self.ruleset.ranks_used(fw))
        by_id = {f["id"]: f for f in facts}
        fact_index = FactIndex(facts)
        findings = []
        for rule in self.ruleset.for_framework(fw):
            fired: dict[int, set[str]] = {}
            for index, conj in enumerate(rule.conjunctions(fw)):
                ids = _satisfying_facts(conj, fact_index)
                if ids:
                    fired[index] = ids
            if fired:
                findings.append(make_finding(rule, fw, fired, by_id))
        return findings

    def evaluate_many(self, cards: list[Scorecard],
                      facts: list[list[Fact] | None] | None = None) -> list[list[Finding]]:
        return [self.evaluate(card, f) for card, f in zip(cards, facts or [None] * len(cards))]
