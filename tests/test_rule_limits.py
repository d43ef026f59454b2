"""Rules the engines can always run (issue 29, item 4): a condition or a rule set beyond what an engine can evaluate
is refused at validation, located at its all: (or the first rule beyond the limit); durable_rules is never given
what it cannot build, and falls back to the pure evaluator when it fails; the pure evaluator is polynomial."""

from __future__ import annotations

import itertools
import random
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT
from itaplan.cli import main
from itaplan.ita.framework import builtin_years, load_framework
from itaplan.ita.loader import load_results
from itaplan.ita.scoring import score
from itaplan.ruling import conditions
from itaplan.ruling.evaluate import FactIndex, PureEvaluator, _satisfying_facts
from itaplan.ruling.limits import MAX_ATOMS_PER_ALL, MAX_RULES_PER_YEAR, MAX_WIDTH, rule_width
from itaplan.ruling.rulebook import check_rules, layer_folders, load_rules, read_layer

CODES = "[i1,i2,i3,i4,i5,i6,i7,i8,i9,i10,i11,i12,i13,i14,i15,e1,e2,e3,e4,e5,e6,e7,e8,e9]"
EXAMPLE = str(ROOT / "tests" / "data" / "example-2568.yaml")


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def _joined(folder: Path, atoms: int, codes: str = CODES) -> Path:
    """The attack's nine-line rule file: one all: of `atoms` question conditions over 24 codes."""
    folder.mkdir(parents=True, exist_ok=True)
    joined = ", ".join(f"{{question: {codes}}}" for _ in range(atoms))
    (folder / "x.yaml").write_text(
        "version: 1\nframeworks: [2568]\nrules:\n  - id: office.bomb\n    title: bomb\n    when:\n"
        f"      all: [{joined}]\n    propose: [e-service]\n", encoding="utf-8")
    return folder


def _low(tmp_path: Path) -> Path:
    """Every question low: every condition matches every fact it can."""
    lines = ["fiscal_year: 2568", "agency: {name: low}", "questions:"]
    lines += [f"  - {{code: i{i}, score: 50}}" for i in range(1, 16)]
    lines += [f"  - {{code: e{i}, part: {p}, score: 50}}" for i in range(1, 10) for p in (1, 2)]
    lines += [f"  - {{code: o{i}, score: 0}}" for i in range(1, 29)]
    path = tmp_path / "low.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _unvalidated(folder: Path):
    """The rules of a folder as an engine would get them if validation let them through."""
    layers = [read_layer(path, name, []) for name, path in layer_folders([folder])]
    return check_rules(layers, None, [], None, check_builtin=False)


def test_eight_joined_questions_are_refused_at_their_all(tmp_path: Path) -> None:
    folder = _joined(tmp_path / "r", 8)
    result = run("rules", "validate", str(folder))
    assert result.exit_code == 1
    assert (f"x.yaml:7:7: rule 'office.bomb': its condition joins 8 conditions under all:, more than the "
            f"{MAX_ATOMS_PER_ALL} the engines can evaluate; split it") in result.output
    started = time.monotonic()
    drafted = run("draft", str(_low(tmp_path)), "-o", str(tmp_path / "plan.yaml"), "--rules", str(folder))
    assert drafted.exit_code == 2 and "joins 8 conditions" in drafted.output
    assert time.monotonic() - started < 10


def test_too_many_combinations_and_too_many_rules_are_located(tmp_path: Path) -> None:
    wide = _joined(tmp_path / "wide", 3)  # 33^3 = 35,937 combinations of facts
    out = run("rules", "validate", str(wide)).output
    assert (f"x.yaml:7:7: rule 'office.bomb': its condition can be met by 35937 combinations of scores in fiscal year "
            f"2568, more than the {MAX_WIDTH} the engines can evaluate for one agency") in out
    many = tmp_path / "many"
    many.mkdir()
    rules = [f"  - {{id: office.r{i}, when: {{question: [i{i % 15 + 1}]}}, propose: [e-service]}}" for i in range(600)]
    (many / "x.yaml").write_text("version: 1\nframeworks: [2568]\nrules:\n" + "\n".join(rules) + "\n", encoding="utf-8")
    out = run("rules", "validate", str(many)).output
    first_beyond = MAX_RULES_PER_YEAR - 61 + 4  # the built-in FY2568 rules come first; rule lines start at 4
    assert f"x.yaml:{first_beyond}:5: fiscal year 2568 has 661 rules in force, more than the {MAX_RULES_PER_YEAR}" in out
    assert run("rules", "validate", str(_joined(tmp_path / "two", 2))).exit_code == 0  # 1,089: within


def test_the_pure_evaluator_does_not_try_every_assignment(tmp_path: Path) -> None:
    """Eight joined conditions took over 120 s (every assignment tried); now a matching decides each fact."""
    ruleset = _unvalidated(_joined(tmp_path / "r", 8))
    card = score(load_results(_low(tmp_path)))
    started = time.monotonic()
    findings = PureEvaluator(ruleset).evaluate(card)
    assert time.monotonic() - started < 2
    bomb = next(f for f in findings if f.rule_id == "office.bomb")
    assert len(bomb.facts) == 33  # every low question fact can take part


def test_the_matching_finds_what_every_assignment_finds() -> None:
    rng = random.Random(29)
    for _ in range(1500):
        facts = [{"id": f"f{i}", "kind": "question", "code": f"c{i % 4}", "score": float(rng.randint(0, 100))}
                 for i in range(rng.randint(1, 7))]
        atoms = tuple(conditions.Atom("question", (conditions.Test("code", "in", frozenset(rng.sample(["c0", "c1", "c2", "c3"], rng.randint(1, 4)))),
                                        conditions.Test("score", "lt", float(rng.randint(1, 100)))), "x")
                      for _ in range(rng.randint(1, 5)))
        index = FactIndex(facts)
        candidates = [[f["id"] for f in index.candidates(atom)] for atom in atoms]
        every: set[str] = set()
        for choice in itertools.product(*candidates):
            if len(set(choice)) == len(choice):
                every |= set(choice)
        assert _satisfying_facts(atoms, facts) == every


def test_durable_rules_is_never_given_what_it_cannot_build(tmp_path: Path) -> None:
    pytest.importorskip("durable_rules_engine")
    from itaplan.ruling.durable_engine import DurableEvaluator

    ruleset = _unvalidated(_joined(tmp_path / "r", 8))  # grew to any memory cap and aborted the process
    card = score(load_results(_low(tmp_path)))
    heard: list = []
    durable = DurableEvaluator(ruleset, heard.append)
    assert durable.evaluate(card) == PureEvaluator(ruleset).evaluate(card)
    assert len(heard) == 1 and "the pure-Python evaluator runs them instead" in heard[0].message
    assert "joins more than 4" in heard[0].message


@pytest.mark.parametrize("failing", ["create_ruleset", "assert_facts"])
def test_a_durable_rules_failure_falls_back_to_the_pure_evaluator(monkeypatch, failing: str) -> None:
    """'Could not create ruleset' (exit 70 before) or an error at assert: the pure evaluator, with a warning."""
    engine = pytest.importorskip("durable_rules_engine")
    from itaplan.ruling import durable_engine

    def fail(*args):
        raise engine.error("Could not create ruleset, error code: 107")

    monkeypatch.setattr(durable_engine.engine, failing, fail)
    ruleset = load_rules()
    card = score(load_results(EXAMPLE))
    heard: list = []
    findings = durable_engine.DurableEvaluator(ruleset, heard.append).evaluate(card)
    assert findings == PureEvaluator(ruleset).evaluate(card) and findings
    assert "error code: 107" in heard[0].message
    monkeypatch.undo()
    drafted = CliRunner().invoke(main, ["draft", EXAMPLE, "--engine", "durable", "-o", "-"])
    assert drafted.exit_code == 0


def test_the_builtin_rules_stay_within_the_limits() -> None:
    pytest.importorskip("durable_rules_engine")
    from itaplan.ruling.durable_engine import durable_limits

    ruleset = load_rules()
    for year in builtin_years():
        fw = load_framework(year)
        rules = ruleset.for_framework(fw)
        assert len(rules) <= MAX_RULES_PER_YEAR // 4
        for rule in rules:
            conjs = rule.conjunctions(fw)
            assert max(len(c) for c in conjs) <= MAX_ATOMS_PER_ALL and rule_width(conjs, fw) <= MAX_WIDTH // 10
        assert durable_limits(rules, fw) == "", year
