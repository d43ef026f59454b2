"""A misspelt key is said at the key's own line:col, with the key meant, whatever the shape it sits in: a rule's own
key, a condition under when:, a condition's setting (flow or block, under all:/any: list items), a file setting, a
recommendation's entry or limits: (a provincial auditor's trial: tool: {nmae: IIT} was said at tool: as "tool must be
one of IIT, EIT, …", and fall: {bi: 5} as "'by' is missing" at fall: as well)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import run_in as run

RULE = "version: 1\nrules:\n  - id: office.a\n    title: t\n"

RULE_SHAPES = {
    "rule key": (RULE + "    when:\n      question: [i1]\n    propse: [iit-service-standards]\n",
                 "7:5", "rules[0] (office.a): 'propse' is not a key here; did you mean 'propose'?"),
    "condition under when": (RULE + "    when:\n      questoin: [i1]\n    propose: [iit-service-standards]\n",
                             "6:7", "rules[0] (office.a).when: 'questoin' is not a key here; did you mean 'question'?"),
    "setting of a flow condition": (
        RULE + "    when:\n      question: {codes: [i1], bellow: 90}\n    propose: [iit-service-standards]\n",
        "6:31", "when.question: 'bellow' is not a key here; did you mean 'below'?"),
    "setting in nested list items": (
        RULE + "    when:\n      any:\n        - all:\n            - question: [i1]\n"
               "            - indicator: {numbers: [1], at_leest: 50}\n        - total: {below: 80}\n"
               "    propose: [iit-service-standards]\n",
        "9:41", "when.any[0].all[1].indicator: 'at_leest' is not a key here; did you mean 'at_least'?"),
    "tool as a flow mapping": (
        RULE + "    when:\n      tool: {nmae: IIT, below: 80}\n    propose: [iit-service-standards]\n",
        "6:14", "when.tool: 'nmae' is not a key here; did you mean 'name'?"),
    "tool as a block mapping under any": (
        RULE + "    when:\n      any:\n        - total: {below: 80}\n        - tool:\n            name: IIT\n"
               "            belw: 80\n    propose: [iit-service-standards]\n",
        "10:13", "when.any[1].tool: 'belw' is not a key here; did you mean 'below'?"),
    "the one key a condition needs, misspelt": (
        RULE + "    when:\n      fall: {bi: 5}\n    propose: [iit-service-standards]\n",
        "6:14", "when.fall: 'bi' is not a key here; did you mean 'by'?"),
    "file setting": ("version: 1\ntreshold: 80\n" + RULE[len("version: 1\n"):]
                     + "    when:\n      question: [i1]\n    propose: [iit-service-standards]\n",
                     "2:1", "'treshold' is not a key here; did you mean 'threshold'?"),
}


@pytest.mark.parametrize("shape", list(RULE_SHAPES))
def test_a_misspelt_key_of_a_rule_file_is_said_at_the_key(tmp_path: Path, shape: str) -> None:
    text, where, message = RULE_SHAPES[shape]
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "own.yaml").write_text(text, encoding="utf-8")
    done = run("rules", "validate", str(folder))
    assert done.exit_code == 1, done.output  # (problems found)
    problems = [line for line in done.output.splitlines() if "own.yaml:" in line]
    assert len(problems) == 1, done.output  # (not a second problem at the rule's or the condition's first line)
    assert problems[0].startswith(f"{folder / 'own.yaml'}:{where}: ") and problems[0].endswith(message), done.output


def test_a_key_meant_to_be_the_missing_one_is_said_once_in_thai(tmp_path: Path) -> None:
    """Not a second problem "'by' is missing" at the condition's first line."""
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "own.yaml").write_text(RULE_SHAPES["the one key a condition needs, misspelt"][0], encoding="utf-8")
    out = run("rules", "validate", str(folder), lang="th").output
    assert f"{folder / 'own.yaml'}:6:14: rules[0] (office.a).when.fall: 'bi' ไม่ใช่คีย์ที่ใช้ได้ที่นี่; หมายถึง 'by' หรือไม่?" \
        in out, out
    assert out.count("own.yaml:") == 1, out


def test_a_key_unlike_the_missing_one_gets_no_guess(tmp_path: Path) -> None:
    """colour: written and when: left out: colour is not when misspelt; both are said, each where it belongs."""
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "own.yaml").write_text(RULE + "    colour: red\n    propose: [iit-service-standards]\n", encoding="utf-8")
    out = run("rules", "validate", str(folder)).output
    assert "'when' is missing" in out and "'colour' is not a key here (the keys are" in out, out


RECOMMENDATION_SHAPES = {
    "limits": ("version: 1\nlimits:\n  max_measure: 5\n", "3:3",
               "limits: 'max_measure' is not a key here; did you mean 'max_measures'?"),
    "an entry's timeline": ("version: 1\nrecommendations:\n  - id: ita-working-group\n    timeline: {form: 1, to: 12}\n",
                            "4:16", "timeline: 'form' is not a key here; did you mean 'from'?"),
    "an entry's project, in a block": ("version: 1\nrecommendations:\n  - id: ita-working-group\n    project:\n      nmae: x\n",
                                       "5:7", "project: 'nmae' is not a key here; did you mean 'name'?"),
}


@pytest.mark.parametrize("shape", list(RECOMMENDATION_SHAPES))
def test_a_misspelt_key_of_a_recommendations_file_is_said_at_the_key(tmp_path: Path, shape: str) -> None:
    text, where, message = RECOMMENDATION_SHAPES[shape]
    office = tmp_path / "office"
    assert run("init", str(office)).exit_code == 0
    (office / "recommendations" / "own.yaml").write_text(text, encoding="utf-8")
    done = run("rules", "validate", str(office / "rules"), "--recommendations", str(office / "recommendations"))
    assert done.exit_code == 1, done.output  # (problems found)
    assert f"{office / 'recommendations' / 'own.yaml'}:{where}: " in done.output, done.output
    assert message in done.output, done.output
