"""What the rules found for one agency: which rule fired, on which facts, proposing what."""

from __future__ import annotations

from dataclasses import dataclass


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
        return {"rule": self.rule_id, "title": self.title, "where": f"{self.source}:{self.line}", "layer": self.layer,
                "priority": self.priority, "propose": list(self.propose), "conditions": list(self.conditions),
                "facts": [dict(f) for f in self.facts]}


FACT_ORDER = {"question": 0, "rank": 1, "indicator": 2, "tool": 3, "total": 4, "change": 5}


def fact_key(fact: dict) -> tuple:
    return (FACT_ORDER.get(fact["kind"], 9), str(fact.get("code", "")), int(str(fact.get("code", "x0"))[1:] or 0)
            if "code" in fact else 0, fact.get("part", 0), fact.get("number", 0), str(fact.get("name", "")))
