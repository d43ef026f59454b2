"""Rule conditions: parsed from YAML into atoms (one test on one fact) in disjunctive normal form.

One representation, two interpreters: ``Atom.matches`` (the pure evaluator) and ``Atom.to_durable``
(durable_rules JSON). Keeping both in one class is what keeps their semantics identical.
"""

from __future__ import annotations

import re

from dataclasses import dataclass
from functools import cached_property
from itertools import product
from typing import Any

from itaplan.ita.framework import Framework, normalize_code

MAX_CONJUNCTIONS = 64
VALUE_FIELDS = ("score", "delta", "rank")  # the fields a condition compares (the rest select the fact)


@dataclass(frozen=True)
class Test:
    field: str
    op: str  # eq, in, lt, lte, gte
    value: Any

    def holds(self, fact: dict) -> bool:
        if self.field not in fact:
            return False
        actual = fact[self.field]
        if self.op == "eq":
            return bool(actual == self.value)
        if self.op == "in":
            return actual in self.value
        if self.op == "lt":
            return bool(actual < self.value)
        if self.op == "lte":
            return bool(actual <= self.value)
        if self.op == "gte":
            return bool(actual >= self.value)
        raise ValueError(self.op)

    def to_durable(self) -> dict:
        if self.op == "eq":
            return {self.field: self.value}
        if self.op == "in":
            values = sorted(self.value)
            if len(values) == 1:
                return {self.field: values[0]}
            return {"$or": [{self.field: v} for v in values]}
        return {f"${self.op}": {self.field: self.value}}


@dataclass(frozen=True)
class Atom:
    kind: str
    tests: tuple[Test, ...]
    text: str  # for people: "e9 below 85"

    def matches(self, fact: dict) -> bool:
        return fact.get("kind") == self.kind and all(t.holds(fact) for t in self.tests)

    def failing_test(self, fact: dict) -> Test | None:
        return next((t for t in self.tests if not t.holds(fact)), None)

    def selects(self, fact: dict) -> bool:
        """Is the fact about what this atom looks at (same kind, same code/number/tool), whatever its score?"""
        keys = {"code", "number", "name", "tool", "subject", "part"}
        return fact.get("kind") == self.kind and all(t.holds(fact) for t in self.tests if t.field in keys
                                                     and not (self.kind == "rank" and t.field == "rank"))

    def to_durable(self) -> dict:
        return {"$and": [{"kind": self.kind}] + [t.to_durable() for t in self.tests]}

    @cached_property
    def value_tests(self) -> tuple[tuple[str, str, Any], ...]:
        """(field, op, value) of the tests on a fact's value (score, delta, rank), not on what it is about."""
        return tuple((t.field, t.op, t.value) for t in self.tests if t.field in VALUE_FIELDS)


Conjunction = tuple[Atom, ...]


def _listify(value: Any) -> list:
    return value if isinstance(value, list) else [value]


def _num(value: float) -> str:
    return f"{value:g}"


def _resolve(codes: list[str], fw: Framework) -> tuple[str, ...]:
    out = []
    for raw in codes:
        norm = normalize_code(raw)
        code = fw.lookup(norm) if norm else None
        if code:
            out.append(code)
    return tuple(sorted(set(out)))


def atoms_of(kind: str, spec: Any, threshold: float, fw: Framework) -> list[Atom]:
    """One leaf condition (``question: [e8, e9]`` ...) as one atom."""
    if kind in ("question", "not_met"):
        if isinstance(spec, dict):
            codes, below, part = _listify(spec["codes"]), spec.get("below", threshold), spec.get("part")
        else:
            codes, below, part = _listify(spec), threshold, None
        if kind == "not_met":
            below = 100.0
        resolved = _resolve(codes, fw)
        tests = [Test("code", "in", frozenset(resolved)), Test("score", "lt", float(below))]
        if part:
            tests.insert(1, Test("part", "eq", part))
        # an OIT item is met or not (100 or 0): under question: any threshold in (0, 100] reads as not met
        oit_only = bool(resolved) and all(fw.questions[c].tool == "OIT" for c in resolved if c in fw.questions)
        verb = "not met" if kind == "not_met" or (oit_only and 0 < below <= 100) else f"below {_num(below)}"
        where = f" (EIT part {part})" if part else ""
        return [Atom("question", tuple(tests), f"{', '.join(resolved) or '(no such code)'}{where} {verb}")]
    if kind == "indicator":
        if isinstance(spec, dict):
            numbers = _listify(spec["numbers"])
            at_least, below = spec.get("at_least"), spec.get("below", threshold)
            only_given = spec.get("questions_unknown", False)
        else:
            numbers, at_least, below, only_given = _listify(spec), None, threshold, False
        tests = [Test("number", "in", frozenset(numbers))]
        if at_least is not None:
            tests.append(Test("score", "gte", float(at_least)))
            verb = f"at least {_num(at_least)}"
            if isinstance(spec, dict) and "below" in spec:  # both written: a range (never one of them left out)
                tests.append(Test("score", "lt", float(spec["below"])))
                verb += f" and below {_num(spec['below'])}"
        else:
            tests.append(Test("score", "lt", float(below)))
            verb = f"below {_num(below)}"
        if only_given:
            tests.append(Test("source", "eq", "given"))
            verb += " (questions unknown)"
        names = ", ".join(str(n) for n in sorted(numbers))
        return [Atom("indicator", tuple(tests), f"indicator {names} {verb}")]
    if kind == "tool":
        if isinstance(spec, dict):
            name, at_least, below = spec["name"], spec.get("at_least"), spec.get("below", threshold)
        else:
            name, at_least, below = spec, None, threshold
        scores = [Test("score", "gte", float(at_least)) if at_least is not None else Test("score", "lt", float(below))]
        verb = f"at least {_num(at_least)}" if at_least is not None else f"below {_num(below)}"
        if at_least is not None and isinstance(spec, dict) and "below" in spec:  # both written: a range
            scores.append(Test("score", "lt", float(spec["below"])))
            verb += f" and below {_num(spec['below'])}"
        return [Atom("tool", (Test("name", "eq", name), *scores), f"{name} {verb}")]
    if kind == "total":
        if "at_least" in spec and "below" in spec:  # both written: a range
            return [Atom("total", (Test("score", "gte", float(spec["at_least"])), Test("score", "lt", float(spec["below"]))),
                         f"total at least {_num(spec['at_least'])} and below {_num(spec['below'])}")]
        if "at_least" in spec:
            return [Atom("total", (Test("score", "gte", float(spec["at_least"])),), f"total at least {_num(spec['at_least'])}")]
        below = spec.get("below", threshold)
        return [Atom("total", (Test("score", "lt", float(below)),), f"total below {_num(below)}")]
    if kind == "fall":
        by = float(spec["by"])
        if spec.get("total"):
            return [Atom("change", (Test("subject", "eq", "total"), Test("delta", "lte", -by)),
                         f"total fell by {_num(by)} or more since last year")]
        numbers = _listify(spec.get("indicator", list(range(1, 11))))
        return [Atom("change", (Test("subject", "eq", "indicator"), Test("number", "in", frozenset(numbers)),
                                Test("delta", "lte", -by)),
                     f"indicator {', '.join(map(str, sorted(numbers)))} fell by {_num(by)} or more since last year")]
    if kind == "lowest":
        tests = [Test("tool", "eq", spec["tool"]), Test("rank", "lte", int(spec["n"]))]
        text = f"among the {spec['n']} lowest {spec['tool']} questions"
        if "below" in spec:
            tests.append(Test("score", "lt", float(spec["below"])))
            text += f" below {_num(spec['below'])}"
        return [Atom("rank", tuple(tests), text)]
    raise ValueError(f"unknown condition {kind}")


def to_dnf(when: dict, threshold: float, fw: Framework) -> list[Conjunction]:
    """``any`` of ``all`` of atoms. Raises ValueError when the expansion is too large to be useful."""
    (kind, spec), = when.items()
    if kind == "any":
        out: list[Conjunction] = []
        for child in spec:
            out.extend(to_dnf(child, threshold, fw))
    elif kind == "all":
        out = [()]
        for child in spec:
            out = [a + b for a, b in product(out, to_dnf(child, threshold, fw))]
            if len(out) > MAX_CONJUNCTIONS:
                break
    else:
        out = [tuple(atoms_of(kind, spec, threshold, fw))]
    if len(out) > MAX_CONJUNCTIONS:
        raise ValueError(f"the condition expands to more than {MAX_CONJUNCTIONS} alternatives; split the rule")
    return out


def not_met_codes(when: Any) -> list[str]:
    """The codes a condition lists under ``not_met:`` (OIT items only)."""
    found: list[str] = []
    if isinstance(when, dict):
        for kind, spec in when.items():
            if kind == "not_met":
                found.extend(str(c) for c in _listify(spec))
            elif kind in ("all", "any"):
                for child in spec:
                    found.extend(not_met_codes(child))
    return found


def question_codes(when: Any) -> list[str]:
    """The codes a condition lists under ``question:``, as written."""
    found: list[str] = []
    if isinstance(when, dict):
        for kind, spec in when.items():
            if kind == "question":
                found.extend(str(c) for c in _listify(spec["codes"] if isinstance(spec, dict) else spec))
            elif kind in ("all", "any"):
                for child in spec:
                    found.extend(question_codes(child))
    return found


def codes_in(when: Any) -> list[str]:
    """Every question code a condition names (for validation against a framework)."""
    found: list[str] = []
    if isinstance(when, dict):
        for kind, spec in when.items():
            if kind in ("question", "not_met"):
                codes = spec["codes"] if isinstance(spec, dict) else spec
                found.extend(str(c) for c in _listify(codes))
            elif kind in ("all", "any"):
                for child in spec:
                    found.extend(codes_in(child))
    return found


def explain_in_thai(text: str) -> str:
    """A line of `rules explain` said in Thai: its own words from the vocabulary's explain_words_th, then its
    conditions (condition_in_thai); codes, ids, files and numbers stay as they are."""
    import re

    from itaplan.ita.gather import VOCAB

    return condition_in_thai(_words_in_thai(text, VOCAB["explain_words_th"]))


def condition_in_thai(text: str) -> str:
    """A condition as this module words it ("indicator 1 below 85 (questions unknown)"), said in Thai phrase by
    phrase from the vocabulary's condition_words_th ("ตัวชี้วัดที่ 1 ต่ำกว่า 85 (ไม่ทราบคะแนนรายข้อ)"); codes and
    numbers stay as they are."""
    import re

    from itaplan.ita.gather import VOCAB

    return _words_in_thai(text, VOCAB["condition_words_th"])


# what is never translated: a rule id (total-below-target, office.claims-spotcheck), a file and its place
# (rules/common.yaml:185); "total" inside an id was once said คะแนนรวม (a provincial auditor's trial)
_KEPT = re.compile(r"\S*/\S*|[A-Za-z0-9_]*[A-Za-z_][A-Za-z0-9_]*(?:[-.][A-Za-z0-9_]+)+|[A-Za-z0-9_]+(?:[-.][A-Za-z0-9_]*[A-Za-z_][A-Za-z0-9_]*)+")


def _words_in_thai(text: str, patterns: list) -> str:
    """``text`` with each (pattern, Thai) of ``patterns`` applied to its words, ids and files kept as they are
    (each stands aside as one private-use character while the patterns run: no pattern matches it)."""
    kept: list[str] = []

    def aside(match: re.Match[str]) -> str:
        kept.append(match.group(0))
        return chr(0xF0000 + len(kept) - 1)

    text = _KEPT.sub(aside, text)
    for pattern, thai in patterns:
        text = re.sub(pattern, thai, text)
    return re.sub("[\U000F0000-\U000FFFFD]", lambda m: kept[ord(m.group(0)) - 0xF0000], text) if kept else text
