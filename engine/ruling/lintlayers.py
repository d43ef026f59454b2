"""Lint of an office's layers over the built-in rules: what a workspace rule does beside the rules it sits with.

Two mistakes an auditor makes without any error (issue 28): a rule that replaces a built-in id but, written in a
file of several years, also runs in years the built-in rule did not (where the year's own built-in rule still
runs beside it), and a rule whose condition is stricter than another's on the same codes for the same measures
(the looser one fires whenever it does, so the stricter threshold changes nothing)."""

from __future__ import annotations

from itaplan.base.errors import Problem
from itaplan.content.catalogue import Catalogue
from itaplan.ita.framework import builtin_years, load_framework
from itaplan.ruling.conditions import Atom
from itaplan.ruling.rulebook import Rule, RuleSet

BUILT_IN = "built-in"


def layer_problems(ruleset: RuleSet, said: set[str] | frozenset[str] = frozenset(),
                   catalogue: Catalogue | None = None) -> list[Problem]:
    """``said``: ids of rules already reported (never firing, shadowed): not said to do nothing as well."""
    found = _wider_years(ruleset) + _pointless_stricter(ruleset, said)
    return found + (_indicators_apart(ruleset, catalogue) if catalogue is not None else [])


def _indicators_apart(ruleset: RuleSet, catalogue: Catalogue) -> list[Problem]:
    """A measure whose indicators: none of the rules proposing it on question codes looks at: the plan files it
    under the codes' indicator, not the one written (an office's measure or rule only: the built-in ones agree)."""
    problems = []
    for rule in ruleset.rules.values():
        for rid in rule.propose:
            rec = catalogue.recommendations.get(rid)
            if rec is None or rec.kind != "measure" or not rec.indicators or BUILT_IN == rule.layer == rec.layer:
                continue
            codes: dict[str, int] = {}
            for year in builtin_years():
                if not rule.applies_to(year):
                    continue
                fw = load_framework(year)
                try:
                    conjs = rule.conjunctions(fw)
                except ValueError:
                    continue
                for atom in (atom for conj in conjs for atom in conj if atom.kind == "question"):
                    for test in (t for t in atom.tests if t.field == "code" and t.op == "in"):
                        codes.update({code: fw.questions[code].indicator for code in sorted(test.value)
                                      if code in fw.questions})
            if not codes or set(codes.values()) & set(rec.indicators):
                continue
            ours = ", ".join(map(str, rec.indicators))
            theirs = ", ".join(map(str, sorted(set(codes.values()))))
            code_list = ", ".join(codes)
            problems.append(Problem(rec.source, f"recommendation '{rec.id}' has indicators: [{ours}], but rule "
                                                f"'{rule.id}' ({rule.where}) proposes it on {code_list}, of indicator "
                                                f"{theirs}: the plan files it under indicator {theirs}; write "
                                                f"indicators: [{theirs}], or propose it from a rule on indicator "
                                                f"{ours}'s codes", rec.line, rec.column))
    return problems


def _years_text(years: list[int]) -> str:
    return ", ".join(map(str, years))


def _wider_years(ruleset: RuleSet) -> list[Problem]:
    """A workspace rule with a built-in rule's id that runs in years the built-in one did not."""
    replaced = {rule.id: rule for layer in ruleset.layers if layer.name == BUILT_IN for rule in layer.rules}
    problems = []
    for rule in ruleset.rules.values():
        old = replaced.get(rule.id)
        if rule.layer == BUILT_IN or old is None or old.frameworks is None:
            continue
        new_years = set(rule.frameworks) if rule.frameworks is not None else set(builtin_years())
        extra = sorted(new_years - set(old.frameworks))
        if not extra:
            continue
        years = _years_text(sorted(old.frameworks))
        where = rule.key_positions.get(f"year:{extra[0]}", (rule.line, rule.column))
        problems.append(Problem(rule.source, f"rule '{rule.id}' replaces the built-in rule of that id, which runs in "
                                             f"fiscal year {years} only, but this one runs in {_years_text(extra)} too "
                                             f"(beside that year's own built-in rules); if the change is meant for "
                                             f"{years} only, give the rule frameworks: [{years}]", *where))
    return problems


def _implies(a: Atom, b: Atom) -> bool:
    """Does every fact that meets ``a`` meet ``b`` (same kind, codes within b's, a bound at least as strict)?"""
    if a.kind != b.kind:
        return False
    mine = {t.field: t for t in a.tests}
    for test in b.tests:
        own = mine.get(test.field)
        if own is None or own.op != test.op:
            return False
        if test.op == "in" and not own.value <= test.value:
            return False
        if test.op == "eq" and own.value != test.value:
            return False
        if test.op in ("lt", "lte") and own.value > test.value:
            return False
        if test.op == "gte" and own.value < test.value:
            return False
    return True


def _single_atoms(rule: Rule, year: int) -> list[Atom] | None:
    """The rule's alternatives in ``year`` when each is one condition (else None: not compared)."""
    try:
        conjs = rule.conjunctions(load_framework(year))
    except ValueError:
        return None
    if not conjs or any(len(conj) != 1 for conj in conjs):
        return None
    return [conj[0] for conj in conjs]


def _pointless_stricter(ruleset: RuleSet, said: set[str] | frozenset[str]) -> list[Problem]:
    """An office's rule that fires only when another rule in force, proposing the same measures, fires too.

    Only an office's own rule is reported: a built-in rule made redundant by a looser office rule is the office's
    intent (it widened the condition), not a mistake."""
    problems = []
    rules = list(ruleset.rules.values())
    for a in rules:
        if a.layer == BUILT_IN or a.id in said:
            continue
        by_other: dict[str, list[int]] = {}
        for year in builtin_years():
            if not a.applies_to(year) or (mine := _single_atoms(a, year)) is None:
                continue
            for b in rules:
                if b is a or not b.applies_to(year) or not set(a.propose) <= set(b.propose):
                    continue
                theirs = _single_atoms(b, year)
                if theirs is None or not all(any(_implies(x, y) for y in theirs) for x in mine):
                    continue
                if all(any(_implies(y, x) for x in mine) for y in theirs):
                    continue  # the same condition in effect: said as "shadowed"
                by_other.setdefault(b.id, []).append(year)
        for other, years in by_other.items():
            b = ruleset.rules[other]
            problems.append(Problem(a.source, f"rule '{a.id}' does nothing in fiscal year {_years_text(years)}: "
                                              f"'{b.id}' ({b.where}) proposes the same on a looser condition, so it "
                                              f"fires whenever this one does; switch it off with disable: [{b.id}], "
                                              "or limit this rule with frameworks:", *a.pos_of("when")))
    return problems
