"""A provincial auditor's fresh trial of the rule workspace: a switched-off rule whose measure a sibling rule still
proposes, output not broken mid-word when piped, one round of validation, Thai words for a rule that fired, and the
rules behind a measure on the web plan page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import run_in as run
from test_web_app import client  # noqa: F401 - the fixture


def _rules(tmp_path: Path, disable: str) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / "office.yaml").write_text(f"version: 1\nframeworks: [2569]\ndisable: [{disable}]\nrules: []\n",
                                        encoding="utf-8")
    return folder


def test_lint_says_a_switched_off_rules_measure_is_still_proposed_by_a_sibling(tmp_path: Path) -> None:
    """`disable: [fy2569.public-participation]` left the measure in the plan (fy2569.public-participation.o19 still
    proposes it, for O19, on that row), and lint said "no problems found"."""
    folder = _rules(tmp_path, "fy2569.public-participation")
    where = folder / "office.yaml"
    english = run("rules", "lint", str(folder))
    assert (f"{where}:3:11: note: disable: 'fy2569.public-participation' is switched off, but its measure "
            "'public-participation' is still proposed by the rule 'fy2569.public-participation.o19' (") in english.output
    assert ("for O19 in fiscal year 2569: the measure stays in the plan, on the row of O19; to stop it, switch that "
            "rule off too (disable: [fy2569.public-participation.o19]) or replace it with a rule of that id proposing "
            "another measure") in english.output, english.output
    thai = run("rules", "lint", str(folder), lang="th").output
    assert (f"{where}:3:11: หมายเหตุ: disable: ปิดกฎ 'fy2569.public-participation' แล้ว แต่มาตรการ "
            "'public-participation' ของกฎนั้นยังมีกฎ 'fy2569.public-participation.o19' (") in thai, thai
    assert "ให้ปิดกฎนั้นด้วย (disable: [fy2569.public-participation.o19])" in thai, thai
    # both switched off: the measure is gone, nothing to say
    both = _rules(tmp_path, "fy2569.public-participation, fy2569.public-participation.o19")
    assert "still proposed" not in run("rules", "lint", str(both)).output


def test_piped_output_breaks_no_path_and_no_line(tmp_path: Path) -> None:
    """Piped (`itaplan rules list --framework 2569 | head`), rich's 80 columns broke a file path mid-word
    ('…/builtin/rules/comm' / 'on.yaml:7:3') and `draft` a code from its score ('i4' / '83.10')."""
    folder = tmp_path / ("a-long-folder-name-of-the-provincial-office" * 2) / "rules"
    folder.mkdir(parents=True)
    (folder / "office.yaml").write_text("version: 1\nframeworks: [2569]\nrules:\n  - id: office.service-standards-watch\n"
                                        "    when:\n      question: {codes: [i1], below: 90}\n"
                                        "    propose: [iit-service-standards]\n", encoding="utf-8")
    listed = run("rules", "list", "--framework", "2569", "--rules", str(folder))
    assert listed.exit_code == 0, listed.output
    assert f"{folder / 'office.yaml'}:4:5" in listed.output, listed.output  # whole, on one line
    lines = listed.output.splitlines()
    assert any(line.endswith("rules/common.yaml:7:3") and "/" in line.split()[-1] for line in lines), listed.output
    assert not any(line.strip().startswith(("on.yaml", ".yaml")) for line in lines), listed.output
    drafted = run("draft", "examples/example.yaml", "-o", str(tmp_path / "plan.yaml"))
    assert drafted.exit_code == 0, drafted.output
    below = next(line for line in drafted.output.splitlines() if line.startswith("Questions below"))
    assert len(below) > 80 and below.endswith(tuple("0123456789")), drafted.output  # every code with its score


def test_validate_says_an_entrys_owner_and_timeline_beside_its_schema_errors(tmp_path: Path) -> None:
    """indicators: [11], dimension: 7 and {agncy} were said first; owner: ofice and timeline {from: 10, to: 3} of the
    same entry only once those were fixed: a second round."""
    folder = tmp_path / "recommendations"
    folder.mkdir()
    where = folder / "office.yaml"
    where.write_text("version: 1\nowners:\n  office: สำนักปลัด\nrecommendations:\n  - id: office-forum\n"
                     "    kind: measure\n    indicators: [11]\n    dimension: 7\n    title: มาตรการจัดเวทีประชาคม\n"
                     "    issue: ประชาชนในพื้นที่ของ{agncy}ยังมีส่วนร่วมไม่มากพอ\n    method: [จัดเวทีประชาคมทุกไตรมาส]\n"
                     "    timeline: {from: 10, to: 3}\n    evidence: [รายงานการประชุม]\n    owner: ofice\n",
                     encoding="utf-8")
    result = run("rules", "validate", "--recommendations", str(folder))
    assert result.exit_code == 1, result.output
    out = result.output
    assert "indicators[0]: the value 11 is too large" in out and "dimension: the value of dimension is 7" in out, out
    assert "unknown placeholder {agncy}" in out, out
    assert f"{where}:12:5: recommendation 'office-forum': timeline ends before it starts" in out, out
    assert (f"{where}:14:5: recommendation 'office-forum': owner 'ofice' is neither a role (") in out, out
    assert "did you mean 'office'?" in out, out
    # a timeline the schema refused is said once, by the schema
    where.write_text(where.read_text(encoding="utf-8").replace("to: 3}", "to: 13}"), encoding="utf-8")
    assert "ends before it starts" not in run("rules", "validate", "--recommendations", str(folder)).output


def test_thai_says_a_rule_met_its_condition_not_that_it_works() -> None:
    """`rules explain` printed 'ทำงาน' / 'ไม่ทำงาน' for a rule that fired or not: read as works / broken."""
    import re

    explained = run("rules", "explain", "e9", "--results", "examples/example.yaml", lang="th").output
    assert re.search(r"^เข้าเงื่อนไข \S", explained, re.M) and re.search(r"^ไม่เข้าเงื่อนไข \S", explained, re.M), explained
    assert "เข้าเงื่อนไขเพราะ: " in explained and "       ไม่เข้าเงื่อนไข: " in explained, explained
    tested = run("rules", "test", lang="th").output
    said = explained + tested
    assert "กฎเข้าเงื่อนไขในกรณีทดสอบอย่างน้อยหนึ่งกรณี" in tested, tested
    assert "ทำงาน" not in said.replace("พื้นที่ทำงาน", "").replace("การทำงาน", ""), said


OFFICE_I6 = ("version: 1\nframeworks: [2569]\nrules:\n  - id: fy2569.procurement-transparency\n    threshold: 95\n"
             "    when:\n      question: [i6]\n    propose: [procurement-transparency]\n")


def test_the_plan_page_names_the_rules_behind_each_measure_and_their_layer(client, tmp_path: Path) -> None:
    """'เหตุที่เสนอมาตรการนี้' gave the facts but not which rule proposed the measure: the auditor could not tell the
    built-in rule from the office's."""
    import html
    import re

    from itaplan.drafting.plan import load_plan
    from test_web_app import ROOT, upload

    location = upload(client, ROOT / "examples" / "example.yaml").headers["location"]
    plan = load_plan(tmp_path / location.removeprefix("/plan/"))
    page = html.unescape(re.sub(r'</?span[^>]*>', "", client.get(location + "?lang=th").text))
    behind = re.findall(r'<p class="rules-behind">(.*?)</p>', page)
    ruled = [m for m in plan["measures"] if m.get("rules")]
    assert ruled and len(behind) == len(ruled), behind
    for m, said in zip(ruled, behind):
        label = "กฎที่เสนอมาตรการนี้: "
        assert said.startswith(label), said
        for rid in m["rules"]:
            assert f"<code>{rid}</code> (กฎที่มากับโปรแกรม)" in said, said
    english = client.get(location + "?lang=en").text
    assert f"Proposed by the rule{'s' if len(ruled[0]['rules']) > 1 else ''}: <code>{ruled[0]['rules'][0]}</code> " \
           "(a built-in rule)" in re.sub(r'</?span[^>]*>', "", english)


def test_the_working_notes_name_the_rules_behind_each_measure(tmp_path: Path) -> None:
    """The --working-notes appendix (the officer's and the auditor's) names the rules too, an office's replacing
    rule as the office's; the rule ids keep their digits under --thai-digits, and the published part names none."""
    from helpers import office_with

    office = office_with(tmp_path, rules=OFFICE_I6)
    plan = tmp_path / "plan.yaml"
    assert run("draft", "examples/example.yaml", "-o", str(plan), "--rules", str(office / "rules")).exit_code == 0
    out = tmp_path / "plan.md"
    done = run("render", str(plan), "-o", str(out), "--working-notes", "--thai-digits")
    assert done.exit_code == 0, done.output
    text = out.read_text(encoding="utf-8")
    notes = text[text.index("ที่มาของมาตรการ"):]
    assert "กฎที่เสนอมาตรการ: fy2569.procurement-transparency (กฎของสำนักงาน)" in notes, notes
    assert "กฎที่เสนอมาตรการ: fy2569.budget-participation (กฎที่มากับโปรแกรม)" in notes, notes
    assert "fy2569" not in text[:text.index("ที่มาของมาตรการ")]


@pytest.mark.parametrize("where", ["here", "elsewhere"])
def test_a_builtin_rule_is_placed_alike_however_itaplan_is_installed(tmp_path: Path, where: str,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """CI installs itaplan into .venv/lib/python3.11/site-packages: a built-in rule shown from the project's folder
    as '.venv/lib/…/itaplan/builtin/rules/fy2568.yaml:208:3' broke `rules list`'s table at 160 columns. It is shown
    as itaplan/rules/… from any folder (the auditor switches it off by id; it is never edited in place)."""
    if where == "elsewhere":
        monkeypatch.chdir(tmp_path)
    listed = run("rules", "list", "--framework", "2569")
    assert listed.exit_code == 0, listed.output
    assert re.search(r"(^|\s)itaplan/rules/common\.yaml:7:3(\s|$)", listed.output, re.MULTILINE), listed.output
    assert "site-packages" not in listed.output and ".venv" not in listed.output


def test_a_builtin_rule_is_named_by_its_short_place_in_messages() -> None:
    """From site-packages, lint's message naming a built-in rule by its full path ran past the length a problem line
    keeps and was cut in its middle (CI: the shadowed-rule advice lost its 'switch … off'); rules name a built-in
    file as itaplan/rules/…, as `rules list` does."""
    from itaplan.builtin import builtin_dir
    from itaplan.ruling.rulebook import read_layer

    layer = read_layer(builtin_dir("rules"), "built-in", [])
    where = next(iter(layer.rules)).where
    assert re.fullmatch(r"itaplan/rules/[\w.-]+\.yaml:\d+", where), where
