"""A provincial auditor's trial of customising rules (init office; rules validate, test, lint, explain; draft): a
replacing rule's misspelt measure id, long lint lines in Thai, every fault of a rule with a misspelt key in one run."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from itaplan.cli import main

KEEP = {"ITAPLAN_LANG": "en"}  # --lang sets ITAPLAN_LANG for the process: CliRunner restores what it is given
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "example.yaml"


def run(*args: str, lang: str = "en", env: dict | None = None):
    return CliRunner().invoke(main, ["--lang", lang, *args], env={**KEEP, **(env or {})})


def office_with(tmp_path: Path, rules: str) -> Path:
    office = tmp_path / "office"
    assert run("init", str(office)).exit_code == 0
    (office / "rules" / "own.yaml").write_text(rules, encoding="utf-8")
    return office


def layers(office: Path) -> list[str]:
    return ["--recommendations", str(office / "recommendations")]


REPLACED_TYPO = ("version: 1\nrules:\n  - id: fy2569.corruption-prevention-effective\n    frameworks: [2569]\n"
                 "    when: {question: [i14]}\n    propose: [corruption-prevention-efective]\n")


def test_a_replacing_rule_s_misspelt_measure_is_said_as_a_new_rule_s(tmp_path: Path) -> None:
    """A rule that replaces a built-in one by its id, with a misspelt measure id: validate said "no problems found",
    draft dropped the measure in silence, lint advised widening the rule's years or threshold. Now every command
    says the unknown id where it is written, with the id it was likely meant as."""
    office = office_with(tmp_path, REPLACED_TYPO)
    said = (f"{office / 'rules' / 'own.yaml'}:6:5: rule 'fy2569.corruption-prevention-effective' proposes "
            "'corruption-prevention-efective', which is not in the recommendation catalogue; did you mean "
            "corruption-prevention-effective")
    for command in ("validate", "lint", "test"):
        result = run("rules", command, str(office / "rules"), *layers(office))
        assert result.exit_code == 1 and said in result.output, (command, result.output)
        assert "widen the rule's frameworks" not in result.output, result.output
    result = run("draft", str(EXAMPLE), "-o", str(tmp_path / "plan.yaml"), "--rules", str(office / "rules"),
                 *layers(office))
    assert result.exit_code != 0 and said in result.output, result.output
    assert not (tmp_path / "plan.yaml").exists()
    thai = run("rules", "validate", str(office / "rules"), *layers(office), lang="th").output
    assert "กฎ 'fy2569.corruption-prevention-effective' เสนอ 'corruption-prevention-efective' ซึ่งไม่มีในคลังข้อเสนอแนะ " \
           "หมายถึง corruption-prevention-effective" in thai, thai
