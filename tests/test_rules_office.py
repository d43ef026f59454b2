"""Issue 28, the provincial auditor's round: an office's own wording printed where it wrote it, rules that can never
fire found, keys and typed text kept as written in Thai, Thai-digit codes, measures checked against their rules."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from conftest import ROOT
from itaplan.cli import main

EXAMPLE = str(ROOT / "tests" / "data" / "example-2568.yaml")
KEEP = {"ITAPLAN_LANG": "en"}  # --lang sets ITAPLAN_LANG for the process: CliRunner restores what it is given


def run(*args: str, lang: str = "en"):
    return CliRunner().invoke(main, ["--lang", lang, *args], env=KEEP)


def office_with(tmp_path: Path, recommendations: str = "", rules: str = "") -> Path:
    office = tmp_path / "office"
    assert run("init", str(office)).exit_code == 0
    if recommendations:
        (office / "recommendations" / "own.yaml").write_text(recommendations, encoding="utf-8")
    if rules:
        (office / "rules" / "own.yaml").write_text(rules, encoding="utf-8")
    return office


def drafted(office: Path) -> dict:
    result = run("draft", EXAMPLE, "--rules", str(office / "rules"), "--recommendations",
                 str(office / "recommendations"), "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


OWN_MEASURE = ("version: 1\nrecommendations:\n  - id: office-online\n    kind: measure\n    indicators: [8]\n"
               "    dimension: 3\n    title: มาตรการบริการออนไลน์ของสำนักงาน\n    issue: ประเด็นที่สำนักงานเขียนเอง\n"
               "    recommendation: ข้อเสนอแนะของสำนักงาน\n    method: [ปรับปรุงระบบ]\n    timeline: {from: 1, to: 12}\n"
               "    evidence: [รายงานผล]\n    owner: it\n")
OWN_RULE = ("version: 1\nframeworks: [2568]\nrules:\n  - id: office.online\n    when: {question: [e9]}\n"
            "    propose: [office-online]\n")


def test_an_office_s_own_issue_is_printed_for_its_measure(tmp_path: Path) -> None:
    office = office_with(tmp_path, OWN_MEASURE, OWN_RULE)
    measures = {m["id"]: m for m in drafted(office)["measures"]}
    assert measures["office-online"]["issue"] == "ประเด็นที่สำนักงานเขียนเอง"
    # a built-in measure keeps the per-code sentences of issues.yaml
    assert measures["e-service"]["issue"] != ""
    assert "ประเด็นที่สำนักงานเขียนเอง" not in measures["e-service"]["issue"]


def test_an_office_rewording_a_built_in_measure_s_issue_is_printed(tmp_path: Path) -> None:
    office = office_with(tmp_path, "version: 1\nrecommendations:\n  - id: e-service\n    issue: ประเด็นใหม่ของสำนักงาน\n")
    measures = {m["id"]: m for m in drafted(office)["measures"]}
    assert measures["e-service"]["issue"] == "ประเด็นใหม่ของสำนักงาน"
    # rewording another key leaves the per-code sentences
    office2 = office_with(tmp_path / "2", "version: 1\nrecommendations:\n  - id: e-service\n    recommendation: ใหม่\n")
    assert {m["id"]: m for m in drafted(office2)["measures"]}["e-service"]["issue"] != "ใหม่"


def test_lint_says_an_office_s_recommendation_text_is_printed_only_in_cards(tmp_path: Path) -> None:
    office = office_with(tmp_path, OWN_MEASURE, OWN_RULE)
    out = run("rules", "lint", str(office)).output
    assert ("own.yaml:3: recommendation 'office-online': its recommendation: is printed only in its project card "
            "(--cards), not in the measures table") in out
    assert "recommendation 'e-service': its recommendation" not in out  # the built-in ones are as designed


def test_thai_messages_keep_keys_and_typed_text_as_written(tmp_path: Path) -> None:
    keys = ["question", "tool", "total", "indicator", "not_met", "lowest", "fall", "all", "any", "note_"]
    rules = "".join(f"  - id: office.k{i}\n    when: {{question: [e9]}}\n    {key}: x\n    propose: [e-service]\n"
                    for i, key in enumerate(keys))
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "a.yaml").write_text("version: 1\nframeworks: [2568]\nrules:\n" + rules, encoding="utf-8")
    english = run("rules", "validate", str(folder)).output
    thai = run("rules", "validate", str(folder), lang="th").output
    for key in keys:
        assert f"'{key}' is not a key here" in english
        assert f"'{key}' ไม่ใช่คีย์" in thai, (key, thai)
    assert "'ข้อคำถาม'" not in thai and "'เครื่องมือ'" not in thai
