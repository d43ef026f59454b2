"""The provincial auditor's fourth trial (Thai interface): a built-in measure proposed off its indicators said at
the office's rule, a switched-off rule in a test case, rules expected not to fire, an OIT item under question:,
a Christian-era year, what validate checked, explain without results, and who set a threshold in one key."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from itaplan.cli import main

KEEP = {"ITAPLAN_LANG": "en"}  # --lang sets ITAPLAN_LANG for the process: CliRunner restores what it is given


def run(*args: str, lang: str = "en"):
    return CliRunner().invoke(main, ["--lang", lang, *args], env=KEEP)


def office_with(tmp_path: Path, rules: str = "", recommendations: str = "", cases: str = "") -> Path:
    office = tmp_path / "office"
    assert run("init", str(office)).exit_code == 0
    if rules:
        (office / "rules" / "own.yaml").write_text(rules, encoding="utf-8")
    if recommendations:
        (office / "recommendations" / "own.yaml").write_text(recommendations, encoding="utf-8")
    if cases:
        (office / "rules" / "tests" / "own.yaml").write_text(cases, encoding="utf-8")
    return office


def layers(office: Path) -> list[str]:
    return [str(office / "rules"), "--recommendations", str(office / "recommendations")]


E8_COMPLAINTS = ("version: 1\nframeworks: [2569]\nrules:\n  - id: office.e8-complaints\n    title: e8\n"
                 "    when:\n      question: [e8]\n    propose: [complaints-confidence]\n")


def test_a_built_in_measure_off_its_indicators_is_said_at_the_office_rule(tmp_path: Path) -> None:
    """The lint named recommendations/iit.yaml:458 (a built-in file the auditor cannot edit) and told them to write
    indicators: [8] there, counting it as a problem of the built-in recommendations."""
    office = office_with(tmp_path, E8_COMPLAINTS)
    out = run("rules", "lint", *layers(office)).output
    assert "iit.yaml" not in out, out
    assert (f"{office / 'rules' / 'own.yaml'}:8:5: rule 'office.e8-complaints' proposes the built-in measure "
            "'complaints-confidence' on e8, of indicator 8, but the measure has indicators: [5]") in out, out
    assert "(- id: complaints-confidence with indicators: [5, 8]), or propose a measure made for indicator 8 " \
           "(as the built-in rules on e8 do: service-improvement)" in out, out
    thai = run("rules", "lint", *layers(office), lang="th").output
    assert "ให้เขียนทับมาตรการนี้ในชั้นข้อเสนอแนะของสำนักงานเอง (- id: complaints-confidence พร้อม indicators: [5, 8])" \
        in thai and "ที่มากับโปรแกรม\n" not in thai and "ข้อเสนอแนะที่มากับโปรแกรม" not in thai, thai
    # the fix it names works
    (office / "recommendations" / "own.yaml").write_text(
        "version: 1\nrecommendations:\n  - id: complaints-confidence\n    indicators: [5, 8]\n", encoding="utf-8")
    assert "built-in measure" not in run("rules", "lint", *layers(office)).output
