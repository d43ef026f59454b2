"""What the rules found for one agency: which rule fired, on which facts, proposing what."""

from __future__ import annotations

from dataclasses import dataclass

from itaplan.ita.framework import Framework
from itaplan.ruling.facts import Fact
from itaplan.ruling.rulebook import Rule


@dataclass(frozen=True)
class Finding:
    rule_id: str
    title: str
    source: str
    line: int
    layer: str
    priority: int
    propose: tuple[str, ...]
    conditions: tuple[str, ...]  # the atoms that held, for people: "e9 below 85"
    facts: tuple[dict, ...]  # the facts that made it fire (without ids), in a stable order
    replaces: str = ""  # the layer of the rule of the same id this rule replaced ('built-in'), else ''

    @property
    def codes(self) -> list[tuple[str, int]]:
        """(code, EIT part or 0) of the question facts."""
        return [(f["code"], f.get("part", 0)) for f in self.facts if "code" in f]

    @property
    def indicators(self) -> list[int]:
        out = {f["indicator"] for f in self.facts if "indicator" in f}
        out |= {f["number"] for f in self.facts if f["kind"] == "indicator" or
                (f["kind"] == "change" and f.get("subject") == "indicator")}
        return sorted(out)

    def to_dict(self) -> dict:
        replaces = {"replaces": self.replaces} if self.replaces else {}
        return {"rule": self.rule_id, "title": self.title, "where": f"{self.source}:{self.line}", "layer": self.layer,
                **replaces, "priority": self.priority, "propose": list(self.propose),
                "conditions": list(self.conditions), "facts": [dict(f) for f in self.facts]}


FACT_ORDER = {"question": 0, "rank": 1, "indicator": 2, "tool": 3, "total": 4, "change": 5}


def fact_key(fact: dict) -> tuple:
    return (FACT_ORDER.get(fact["kind"], 9), str(fact.get("code", "")), int(str(fact.get("code", "x0"))[1:] or 0)
            if "code" in fact else 0, fact.get("part", 0), fact.get("number", 0), str(fact.get("name", "")))


def make_finding(rule: Rule, fw: Framework, fired: dict[int, set[str]], facts_by_id: dict[str, Fact]) -> Finding:
    conjs = rule.conjunctions(fw)
    texts = rule.__dict__.setdefault("_condition_texts", {})  # (year, alternative) -> its atoms' texts, as _dnf
    conditions: list[str] = []
    for index in sorted(fired):
        said = texts.get((fw.fiscal_year, index))
        if said is None:
            said = texts[(fw.fiscal_year, index)] = tuple(atom.text for atom in conjs[index])
        conditions += said
    # fact id -> the tests on its value that held, e.g. ("score", "lt", 85.0); the first of equal ones is kept
    limits: dict[str, dict[tuple, None]] = {}
    for index, fact_ids in fired.items():
        atoms = conjs[index]
        for fid in fact_ids:
            for atom in atoms:
                # a fact that took part in an alternative of one atom met that atom: no need to test it again
                if atom.value_tests and (len(atoms) == 1 or atom.matches(facts_by_id[fid])):
                    held = limits.setdefault(fid, {})
                    for test in atom.value_tests:
                        held.setdefault(test)
    facts = []
    for fid in set().union(*fired.values()):
        fact = dict(facts_by_id[fid])
        del fact["id"]
        held = limits.get(fid) or {}
        fact["limits"] = ([list(next(iter(held)))] if len(held) == 1 else sorted(list(test) for test in held)) \
            if held else []
        facts.append(fact)
    if len(facts) > 1:
        facts.sort(key=fact_key)
    return Finding(rule.id, rule.title, rule.source, rule.line, rule.layer, rule.priority, rule.propose,
                   tuple(dict.fromkeys(conditions)), tuple(facts), rule.replaces)
