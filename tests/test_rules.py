"""Rule files: validation with located errors, layering, coverage of every code, auditor commands."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from click.testing import CliRunner
from conftest import ROOT, TESTS
from itaplan.cli import main
from itaplan.content.catalogue import load_catalogue
from itaplan.ita.framework import builtin_years, load_framework
from itaplan.ruling.rulebook import load_rules

EXAMPLE = str(ROOT / "tests" / "data" / "example-2568.yaml")
BROKEN = TESTS / "data" / "rules_broken"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_every_code_of_every_year_has_a_rule_proposing_a_measure() -> None:
    catalogue = load_catalogue()
    ruleset = load_rules(recommendation_ids=catalogue.ids)
    for year in builtin_years():
        fw = load_framework(year)
        covered: set[str] = set()
        for rule in ruleset.for_framework(fw):
            if not any(catalogue.recommendations[r].kind == "measure" for r in rule.propose):
                continue
            for conj in rule.conjunctions(fw):
                for atom in conj:
                    for test in atom.tests:
                        if atom.kind == "question" and test.field == "code":
                            covered |= set(test.value)
        assert covered == set(fw.questions), (year, sorted(set(fw.questions) - covered))
        for n in range(1, 11):  # indicator-level rules and maintain statements for every indicator
            assert any(r.id == f"indicator-{n}-low" for r in ruleset.for_framework(fw))
            assert any(r.id == f"indicator-{n}-maintain" for r in ruleset.for_framework(fw))


def test_validate_builtin_is_clean() -> None:
    result = run("rules", "validate")
    assert result.exit_code == 0, result.output


def test_validate_broken_folder_reports_each_problem_located() -> None:
    result = run("rules", "validate", str(BROKEN))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    expected = [
        "a.yaml:11:36: rules[2] (thresh).when.question.below: the value of below is 120; it must be at most 100",
        "a.yaml:7:5: rule id 'dup' is used twice in this folder",
        "broken.yaml:3:11: not valid YAML: the `{` opened here is never closed",  # where it opens, not a line on
        "c.yaml:4:5: rules[0] (typo): 'whenn' is not a key here; did you mean 'when'?",  # at the key (issue 28)
        "c.yaml:1:11: disable: no rule 'not-a-rule' in an earlier layer",
        "d.yaml:5:23: rule 'unknown-things': e15 is not a question of fiscal year 2568",  # at the code itself
        "d.yaml:6:5: rule 'unknown-things' proposes 'no-such-measure', which is not in the recommendation catalogue",
    ]
    for line in expected:
        assert line in result.output, line


def test_draft_with_broken_rules_is_bad_input() -> None:
    result = run("draft", EXAMPLE, "--rules", str(BROKEN), "--format", "json")
    assert result.exit_code == 2
    assert all(line.startswith("error: ") for line in result.output.strip().splitlines())


def _workspace(tmp_path: Path) -> Path:
    result = run("init", str(tmp_path / "ws"), "--copy")
    assert result.exit_code == 0, result.output
    return tmp_path / "ws"


def test_init_change_threshold_and_add_rule_shows_in_explain_and_plan(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    before = json.loads(run("draft", EXAMPLE, "--format", "json").output)
    assert "iit-service-standards" not in [m["id"] for m in before["measures"]]  # i1 = 88.71 is above 85
    path = ws / "rules" / "fy2568.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["threshold"] = 90
    data["rules"].append({"id": "office.e6-low", "when": {"question": {"codes": ["e6"], "below": 95}},
                          "propose": ["clear-communication"], "priority": 5})
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    rules = str(ws / "rules")
    explain = run("rules", "explain", "i1", "--results", EXAMPLE, "--rules", rules)
    assert "FIRED  fy2568.iit-service-standards" in explain.output, explain.output
    explain_before = run("rules", "explain", "i1", "--results", EXAMPLE)
    assert "i1 88.71, not below 85.00" in explain_before.output, explain_before.output
    after = json.loads(run("draft", EXAMPLE, "--format", "json", "--rules", rules).output)
    ids = [m["id"] for m in after["measures"]]
    assert "iit-service-standards" in ids or "iit-service-standards" in [m["id"] for m in after["left_out"]]
    clear = next(m for m in after["measures"] + after["left_out"] if "clear-communication" in m["id"].split("+"))
    assert "office.e6-low" in clear["rules"] and "e6" in clear["codes"]


def test_layering_replace_and_switch_off(tmp_path: Path) -> None:
    folder = tmp_path / "office"
    folder.mkdir()
    (folder / "local.yaml").write_text(
        "version: 1\ndisable: [fy2568.e-service]\nrules:\n"
        "  - id: fy2568.oit-procurement\n    frameworks: [2568]\n    when: {not_met: [o12]}\n"
        "    propose: [oit-procurement, procurement-transparency]\n", encoding="utf-8")
    plan = json.loads(run("draft", EXAMPLE, "--format", "json", "--rules", str(folder)).output)
    ids = {m["id"]: m for m in plan["measures"]}
    assert "fy2568.e-service" not in ids["e-service"]["rules"]  # still proposed for o10 by its own rule
    assert ids["e-service"]["codes"] == ["o10"]
    assert "procurement-transparency" in ids or "procurement-transparency" in {m["id"] for m in plan["left_out"]}
    listing = run("rules", "list", "--framework", "2568", "--rules", str(folder), "--plain")
    assert "switched off: fy2568.e-service" in listing.output
    assert str(folder) in listing.output


def test_rules_test_and_lint(tmp_path: Path) -> None:
    assert run("rules", "test").exit_code == 0
    folder = tmp_path / "r"
    (folder / "tests").mkdir(parents=True)
    (folder / "x.yaml").write_text(
        "version: 1\nframeworks: [2568]\nrules:\n"
        "  - {id: a, when: {question: [e9]}, propose: [e-service]}\n"
        "  - {id: b, when: {question: [e9]}, propose: [e-service, info-channels]}\n"
        "  - {id: never, threshold: 0, when: {question: [e9]}, propose: [e-service]}\n", encoding="utf-8")
    (folder / "tests" / "t.yaml").write_text(
        "cases:\n  - name: wrong on purpose\n    results: {fiscal_year: 2568, questions: {e9: 50}}\n"
        "    expect: [oit-hr]\n", encoding="utf-8")
    result = run("rules", "test", str(folder))
    assert result.exit_code == 1 and "FAIL wrong on purpose" in result.output
    assert "expected oit-hr to be proposed" in result.output
    lint = run("rules", "lint", str(folder))
    assert lint.exit_code == 1
    assert "rule 'never' can never fire" in lint.output
    assert "rule 'a' is shadowed by 'b'" in lint.output
    assert run("rules", "lint").exit_code == 0


def test_schema_command_prints_the_schema() -> None:
    schema = json.loads(run("rules", "schema").output)
    assert schema["title"] == "itaplan rule file"
    assert "question" in schema["$defs"]["condition"]["properties"]


def test_every_rule_file_field_is_documented() -> None:
    from itaplan.base.schemacheck import load_schema

    doc = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    schema = load_schema("rules.schema.json")
    fields = set(schema["properties"]) | set(schema["$defs"]["rule"]["properties"])
    fields |= set(schema["$defs"]["condition"]["properties"])
    for name, spec in schema["$defs"]["condition"]["properties"].items():
        for branch in spec.get("oneOf", [spec]):
            fields |= set(branch.get("properties", {}))
    missing = sorted(f for f in fields if f"`{f}`" not in doc and f"`{f}:" not in doc)
    assert not missing, missing


def test_builtin_catalogue_passes_its_schema() -> None:
    from itaplan.content.catalogue import catalogue_layers

    problems: list = []
    catalogue_layers(None, True, problems, check_builtin_schema=True)
    assert problems == []


def test_errors_teach(tmp_path: Path) -> None:
    """Each broken-file case names the key, says what to write, and suggests the name meant."""
    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "a.yaml").write_text(
        "version: 1\nframeworks: [2568]\nrules:\n"
        "  - id: office.a\n    when:\n      question: {codes: [i5], below: \"< 90\"}\n    propse: [iit-service-standards]\n"
        "  - id: office.b\n    when:\n      question: [i55]\n    propose: [office-claim-spotcheck]\n", encoding="utf-8")
    (folder / "b.yaml").write_text("version: 1\nrules:\n  - id: x\n   when: {}\n", encoding="utf-8")
    out = run("rules", "validate", str(folder)).output
    assert "'propse' is not a key here; did you mean 'propose'?" in out
    assert "a.yaml:6:" in out and "below must be a number from 0 to 100, not '< 90'" in out  # at the key itself
    assert "i55 is not a question of fiscal year 2568" in out and "did you mean i5, i15?" in out
    assert "a.yaml:11:" in out and "proposes 'office-claim-spotcheck'" in out and "--recommendations" in out
    assert "check the indentation" in out and "b.yaml:4:" in out
    assert "is not of type" not in out and "expected <block end>" not in out.split("(")[0]


def test_lint_by_effect_and_unknown_ids_in_tests(tmp_path: Path) -> None:
    folder = tmp_path / "r"
    (folder / "tests").mkdir(parents=True)
    (folder / "x.yaml").write_text(
        "version: 1\nframeworks: [2568]\nrules:\n"
        # a copy of a built-in rule with the default threshold spelled out: the same in effect
        "  - {id: office.copy, when: {question: {codes: [e9], below: 85}}, propose: [e-service]}\n"
        "  - {id: office.never, when: {all: [{total: {below: 50}}, {total: {at_least: 90}}]}, propose: [e-service]}\n",
        encoding="utf-8")
    (folder / "tests" / "t.yaml").write_text(
        "cases:\n  - name: typo\n    results: {fiscal_year: 2568, questions: {e9: {1: 60, 2: 60}}}\n"
        "    expect: [e-servise]\n", encoding="utf-8")
    out = run("rules", "lint", str(folder)).output
    assert "office.copy" in out and "shadowed" in out, out
    assert "rule 'office.never' can never fire" in out
    tested = run("rules", "test", str(folder))
    assert tested.exit_code == 1 and "unknown id 'e-servise'" in tested.output and "did you mean e-service" in tested.output
