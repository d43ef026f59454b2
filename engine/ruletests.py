"""Rule tests kept next to the rules (``<rules dir>/tests/*.yaml``), and lint of a rule base."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .catalogue import Catalogue
from .errors import InputError, Problem
from .evaluate import PureEvaluator
from .framework import builtin_years, load_framework
from .loader import from_mapping
from .rulebook import RuleSet
from .scoring import score
from .yamlio import LineDict, load_file, yaml_files


@dataclass
class TestOutcome:
    name: str
    where: str
    failures: list[str] = field(default_factory=list)


def run_rule_tests(folders: list[Path], ruleset: RuleSet, catalogue: Catalogue) -> tuple[list[TestOutcome], dict[str, int]]:
    evaluator = PureEvaluator(ruleset)
    coverage = {rid: 0 for rid in ruleset.rules}
    outcomes: list[TestOutcome] = []
    for folder in folders:
        tests = folder / "tests"
        for path in (yaml_files(tests) if tests.is_dir() else []):
            data = load_file(path)
            cases = data.get("cases") if isinstance(data, dict) else None
            if not isinstance(cases, list):
                raise InputError(Problem(str(path), "a rule test file needs 'cases:' (a list of name, results, expect)"))
            for i, case in enumerate(cases):
                line = cases.line_of(i)
                if not isinstance(case, LineDict) or "results" not in case:
                    raise InputError(Problem(str(path), "each case needs 'name', 'results' and 'expect'", line))
                outcome = TestOutcome(str(case.get("name", f"case {i + 1}")), f"{path}:{line}")
                try:
                    card = score(from_mapping(case["results"], f"{path}:{line}"))
                except InputError as exc:
                    outcome.failures.extend(p.message for p in exc.problems)
                    outcomes.append(outcome)
                    continue
                findings = evaluator.evaluate(card)
                for f in findings:
                    coverage[f.rule_id] = coverage.get(f.rule_id, 0) + 1
                proposed = {rec for f in findings for rec in f.propose}
                fired = {f.rule_id for f in findings}
                for rec in case.get("expect", []) or []:
                    if rec not in proposed:
                        outcome.failures.append(f"expected {rec} to be proposed; proposed: {', '.join(sorted(proposed)) or 'nothing'}")
                for rec in case.get("expect_not", []) or []:
                    if rec in proposed:
                        rules = [f.rule_id for f in findings if rec in f.propose]
                        outcome.failures.append(f"did not expect {rec} (proposed by {', '.join(rules)})")
                for rid in case.get("expect_rules", []) or []:
                    if rid not in fired:
                        outcome.failures.append(f"expected rule {rid} to fire")
                outcomes.append(outcome)
    return outcomes, coverage


def lint(ruleset: RuleSet, catalogue: Catalogue) -> list[Problem]:
    """Rules that can never fire, rules shadowed by others, recommendations no rule reaches."""
    problems: list[Problem] = []
    signatures: dict[tuple, list] = {}
    for rule in ruleset.rules.values():
        years = [y for y in (rule.frameworks or builtin_years()) if y in builtin_years()]
        never = True
        for year in years:
            fw = load_framework(year)
            for conj in rule.conjunctions(fw):
                if all(_can_match(atom) for atom in conj):
                    never = False
        if years and never:
            problems.append(Problem(rule.source, f"rule '{rule.id}' can never fire (a condition no score can meet)",
                                    rule.line))
        key = (rule.frameworks, repr(sorted(map(repr, rule.when.items()))), rule.threshold)
        signatures.setdefault(key, []).append(rule)
    for rules in signatures.values():
        for a in rules:
            for b in rules:
                if a is not b and set(a.propose) <= set(b.propose) and (set(a.propose) < set(b.propose) or a.id > b.id):
                    problems.append(Problem(a.source, f"rule '{a.id}' is shadowed by '{b.id}' ({b.where}): same "
                                                      "condition, and it proposes nothing more", a.line))
                    break
    reached = {rec for rule in ruleset.rules.values() for rec in rule.propose}
    for rec in catalogue.recommendations.values():
        if rec.id not in reached:
            problems.append(Problem(rec.source, f"recommendation '{rec.id}' is proposed by no rule", rec.line))
    return problems


def _can_match(atom) -> bool:
    for test in atom.tests:
        if test.op == "in" and not test.value:
            return False
        if test.field == "score" and ((test.op == "lt" and test.value <= 0) or (test.op == "gte" and test.value > 100)):
            return False
        if test.field == "delta" and test.op == "lte" and test.value < -100:
            return False
    return True
