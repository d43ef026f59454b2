"""What the engines can always evaluate: bounds on a rule's condition and on the rules of one year.

A condition ``all: [...]`` is met by distinct facts, one per condition joined. durable_rules keeps every partial
combination of matching facts in memory, so the work grows as the product of the facts each joined condition can
match: eight ``question`` conditions over 24 codes (33 facts each) is 33^8 combinations — durable_rules grew to
every memory cap tried and aborted the process (``free(): invalid pointer``), four of them took 4.7 s and 440 MB
for one agency. A wide ``any`` of such ``all``s, or thousands of joined rules, made ``create_ruleset`` fail
("Could not create ruleset", error 107/108). These bounds are checked by ``rules validate`` and whenever rules
are loaded, each with the rule's file:line:col; the built-in rules are far inside them (one condition per
alternative, 61-66 rules a year; tests/test_rule_limits.py).

The width of an alternative is an upper bound of the combinations an engine may have to consider for one
agency: the product, over its conditions, of how many facts each can match (a code of an EIT question in a
two-part year is two facts, one per part). The width of a rule is the sum over its alternatives.
"""

from __future__ import annotations

from math import prod

from itaplan.ita.framework import Framework
from itaplan.ruling.conditions import Atom, Conjunction

MAX_ATOMS_PER_ALL = 4  # conditions joined in one alternative (after any/all are expanded)
MAX_WIDTH = 10_000  # combinations of facts one rule may need for one agency (the sum over its alternatives)
MAX_RULES_PER_YEAR = 500  # rules in force for one fiscal year (the built-in ones: 61-66)


def _parts(fw: Framework, code: str) -> int:
    q = fw.questions.get(code)
    return 2 if q is not None and q.tool == "EIT" and fw.two_parts else 1


def atom_width(atom: Atom, fw: Framework) -> int:
    """How many facts of one agency this condition can match, at most."""
    tests = {t.field: t for t in atom.tests}
    if atom.kind == "question":
        codes = tests["code"].value if "code" in tests else ()
        return sum(1 if "part" in tests else _parts(fw, code) for code in codes)
    if atom.kind == "rank":
        tool = tests["tool"].value
        facts = sum(_parts(fw, code) for code, q in fw.questions.items() if q.tool == tool)
        return max(0, min(facts, int(tests["rank"].value))) if "rank" in tests else facts
    if atom.kind in ("indicator", "change") and "number" in tests and tests["number"].op == "in":
        return len(tests["number"].value)
    return 1


def alternative_width(conj: Conjunction, fw: Framework) -> int:
    return prod(atom_width(atom, fw) for atom in conj) if len(conj) > 1 else atom_width(conj[0], fw) if conj else 0


def rule_width(conjs: list[Conjunction], fw: Framework) -> int:
    return sum(alternative_width(conj, fw) for conj in conjs)
