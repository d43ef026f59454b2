"""A provincial auditor's trial (aud6): a built-in measure switched off in the office's recommendations file
(`disable: [e-service]`, as docs/rules.md allows) made `rules validate` print twelve errors blamed on the built-in
rule files, and `draft` refused. The measure is now simply not proposed: a built-in rule proposing it proposes the
rest of its measures, one left with none is as if switched off, and lint says so once, at the disable: line."""

from __future__ import annotations

from pathlib import Path

import yaml
from itaplan.ruling.rulebook import Layer, Rule, check_rules

from helpers import KEEP_LANG, run_in as run

EXAMPLE = str(Path(__file__).resolve().parents[1] / "examples" / "example.yaml")


def _recommendations(tmp_path: Path, body: str = "") -> Path:
    folder = tmp_path / "recommendations"
    folder.mkdir(exist_ok=True)
    (folder / "office.yaml").write_text(f"version: 1\ndisable: [e-service]\n{body}", encoding="utf-8")
    return folder


def test_validate_takes_a_switched_off_measure_out_of_the_built_in_rules(tmp_path: Path) -> None:
    recs = _recommendations(tmp_path)
    done = run("rules", "validate", "--recommendations", str(recs))
    assert done.exit_code == 0, done.output
    assert "not in the recommendation catalogue" not in done.output
    assert "fy2569.yaml" not in done.output


def test_lint_says_the_rules_and_weak_points_once_at_the_disable_line(tmp_path: Path) -> None:
    """Said once, at the disable: line; a problem (exit 1), as a rule switched off that leaves a code with no
    measure is (aud21: the measure's switch-off was only a note)."""
    recs = _recommendations(tmp_path)
    done = run("rules", "lint", "--recommendations", str(recs))
    assert done.exit_code == 1, done.output
    where = recs / "office.yaml"
    said = [line for line in done.output.splitlines() if "'e-service'" in line]
    assert len(said) == 1, done.output
    assert said[0].startswith(f"{where}:2:11: disable: switching off the measure 'e-service' switches off the "
                              "built-in rules that propose nothing else, "), said
    assert "fy2569.e-service, fy2569.e-service.o10" in said[0]
    assert "with no rule in force that proposes a measure for them when weak (fiscal years 2568, 2569: e9, O10; " \
           in said[0], said[0]
    assert "fy2569.yaml" not in done.output  # nothing blamed on the built-in files
    thai = run("rules", "lint", "--recommendations", str(recs), lang="th").output
    assert f"{where}:2:11: disable: ปิดมาตรการ 'e-service' " in thai, thai


def test_draft_explain_and_rules_test_agree(tmp_path: Path) -> None:
    recs = _recommendations(tmp_path)
    out = tmp_path / "plan.yaml"
    done = run("draft", EXAMPLE, "-o", str(out), "--recommendations", str(recs))
    assert done.exit_code == 0, done.output
    plan = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert "e-service" not in {m.get("id") for m in plan["measures"]}
    # the weak points left without a measure are said, as for a rule switched off
    assert "no rule in force proposes a measure for them" in done.output
    explained = run("rules", "explain", "e-service", "--recommendations", str(recs))
    assert explained.exit_code == 0, explained.output
    assert f"the measure 'e-service' is switched off by the disable: of {recs / 'office.yaml'}:2:11" in \
        explained.output or "the measure 'e-service' is switched off by the disable: of " in explained.output
    assert "fy2569.e-service (" in explained.output and "proposed nothing else, so it is switched off" in \
        explained.output
    on_e9 = run("rules", "explain", "e9", "--framework", "2569", "--recommendations", str(recs)).output
    assert "fy2569.e-service: switched off by " in on_e9 and "office.yaml:2:11" in on_e9, on_e9


def test_an_office_rule_proposing_the_switched_off_measure_is_told_of_the_disable(tmp_path: Path) -> None:
    recs = _recommendations(tmp_path)
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "office.yaml").write_text("version: 1\nrules:\n  - id: office.e9\n    title: e9\n    when:\n"
                                       "      question: [e9]\n    propose: [e-service]\n", encoding="utf-8")
    done = run("rules", "validate", str(rules), "--recommendations", str(recs))
    assert done.exit_code == 1
    assert (f"{rules / 'office.yaml'}:7:5: rule 'office.e9' proposes 'e-service', which the disable: of "
            f"{recs / 'office.yaml'}:2:11 switched off") in done.output, done.output
    assert "fy2569.yaml" not in done.output


def _rule(rid: str, propose: tuple[str, ...], layer: str = "built-in") -> Rule:
    return Rule(rid, rid, (2569,), None, 50, {"question": ["e9"]}, propose, f"{layer}.yaml", 1, layer)


def test_a_built_in_rule_keeps_the_rest_of_its_measures() -> None:
    layers = [Layer("built-in", Path("."), [_rule("a", ("e-service", "info-channels")), _rule("b", ("e-service",))],
                    [])]
    problems: list = []
    ruleset = check_rules(layers, {"info-channels"}, problems, switched_off={"e-service": ("office.yaml", 2, 11)})
    assert problems == []
    assert ruleset.rules["a"].propose == ("info-channels",)
    assert "b" not in ruleset.rules and "b" in ruleset.disabled
    assert ruleset.measures_off["a"].measures == ("e-service",)
    assert layers[0].rules[0].propose == ("e-service", "info-channels")  # the rule as written is left as it is


def test_rule_tests_expecting_the_switched_off_measure(tmp_path: Path) -> None:
    """The office's case `expect_not: [e-service]` holds (it was 'unknown id'); `expect: [e-service]` is told of the
    disable:."""
    recs = _recommendations(tmp_path)
    rules = tmp_path / "rules"
    (rules / "tests").mkdir(parents=True)
    (rules / "office.yaml").write_text("version: 1\nrules: []\n", encoding="utf-8")
    (rules / "tests" / "office.yaml").write_text(
        "cases:\n  - name: e9 low, no online services\n    results: {fiscal_year: 2569, questions: {e9: 60}}\n"
        "    expect_not: [e-service]\n  - name: e9 low, online services\n"
        "    results: {fiscal_year: 2569, questions: {e9: 60}}\n    expect: [e-service]\n", encoding="utf-8")
    done = run("rules", "test", str(rules), "--recommendations", str(recs))
    assert "ok   e9 low, no online services" in done.output, done.output
    assert (f"measure 'e-service' is switched off by the disable: of {recs / 'office.yaml'}:2:11: no rule proposes "
            "it; to check that it is not proposed, list it under expect_not:") in done.output
    assert "unknown id 'e-service'" not in done.output


def _office_rule(tmp_path: Path, below: int) -> Path:
    rules = tmp_path / f"rules{below}"
    rules.mkdir()
    (rules / "office.yaml").write_text(
        "version: 1\nframeworks: [2569]\nrules:\n  - id: office.i14\n    title: i14\n    when:\n"
        f"      question: {{codes: [i14], below: {below}}}\n    propose: [ita-working-group]\n", encoding="utf-8")
    return rules


def test_the_both_measures_note_says_the_scores_at_which_both_fire(tmp_path: Path) -> None:
    """The office rule on i14 below 90 beside the built-in one below 85: at 86.10 only the office's measure is drafted,
    so "the row then holds both measures" was untrue there."""
    rules = _office_rule(tmp_path, 90)
    out = run("rules", "lint", str(rules)).output
    assert ("proposes ita-working-group for i14 below 90, which the built-in rule "
            "'fy2569.corruption-prevention-effective' (") in out, out
    assert ("answers with corruption-prevention-effective below 85 in fiscal year 2569: below 85 the plan's measures "
            "table answers i14 in separate rows, one for ita-working-group and one for corruption-prevention-effective "
            "(rows join only in a table over its limit of 10 rows), from 85 to below 90 with yours alone") in out, out
    assert "then holds both measures" not in out
    thai = run("rules", "lint", str(rules), lang="th").output
    assert "ดังนั้นถ้าข้อ i14 ได้ต่ำกว่า 85 คะแนน ตารางมาตรการของแผนจะตอบข้อนี้เป็นแถวแยกกัน" in thai, thai
    # an office threshold at or below the built-in one: whenever the office's fires, both do
    lower = run("rules", "lint", str(_office_rule(tmp_path, 80))).output
    assert "the plan's measures table then answers i14 in separate rows" in lower, lower


def _scorecard_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if " | " in line and not line.startswith(("แถบ", "bar"))]


def test_the_scorecard_wraps_a_thai_indicator_name_to_the_screen_instead_of_cutting_it(tmp_path: Path) -> None:
    """`draft` (and `score`) under a Thai interface cut indicator 8's name, "การปรับปรุงระบบการทำง…", at 80 columns:
    it is wrapped between words, as review's table does, at the terminal's width; a narrower screen gives up the bar
    (then the tool, the change, last year's score) before a word is cut."""
    from click.testing import CliRunner
    from itaplan.cli import main
    from rich.cells import cell_len

    for columns in ("80", "60", "50"):
        env = {**KEEP_LANG, "COLUMNS": columns}
        out = tmp_path / f"plan{columns}.yaml"
        for args in (["draft", EXAMPLE, "-o", str(out)], ["score", EXAMPLE]):
            done = CliRunner().invoke(main, ["--lang", "th", *args], env=env)
            assert done.exit_code == 0, done.output
            table = _scorecard_lines(done.output)
            assert table and not any("…" in line for line in table), done.output
            assert all(cell_len(line.rstrip()) <= int(columns) for line in table), (columns, done.output)
            row = next(i for i, line in enumerate(table) if line.startswith(" 8 |"))
            assert "การปรับปรุงระบบ" in table[row] and "การทำงาน" in table[row + 1], done.output
            assert ("##" in done.output) == (columns == "80")  # the bar kept where it fits
