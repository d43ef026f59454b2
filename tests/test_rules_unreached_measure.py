"""A measure of the catalogue no rule proposes (its rule switched off with a rules file's disable:): lint says the way
out, the disable: of the office's recommendations file, with the line to write and the file to write it in, in the
interface's language (a provincial auditor's trial: "recommendation 'ita-working-group' is proposed by no rule", and
nothing more, after disable: [total-below-target])."""

from __future__ import annotations

from pathlib import Path

from helpers import office_with
from helpers import run_in as run

NO_WORKING_GROUP = "version: 1\ndisable: [total-below-target]\n"


def test_lint_says_where_to_switch_off_a_measure_no_rule_proposes(tmp_path: Path) -> None:
    office = office_with(tmp_path, NO_WORKING_GROUP)
    layers = [str(office / "rules"), "--recommendations", str(office / "recommendations")]
    own = office / "recommendations" / "office.yaml"
    done = run("rules", "lint", *layers)
    assert done.exit_code == 1, done.output
    assert (f"recommendation 'ita-working-group' is proposed by no rule; to go without it, write disable: "
            f"[ita-working-group] in the office's recommendations file {own} (the disable: of a rules file switches "
            "off rules, not measures), or add a rule that proposes it") in done.output, done.output
    thai = run("rules", "lint", *layers, lang="th").output
    assert (f"ไม่มีกฎใดเสนอข้อเสนอแนะ 'ita-working-group' หากไม่ต้องการมาตรการนี้ในแผน ให้เขียน disable: "
            f"[ita-working-group] ในแฟ้มข้อเสนอแนะของสำนักงาน {own} (disable: ในแฟ้มกฎใช้ปิดกฎ ไม่ได้ปิดมาตรการ) "
            "หรือเพิ่มกฎที่เสนอมาตรการนี้") in thai, thai
    # the advice, followed, is the way out
    with own.open("a", encoding="utf-8") as file:
        file.write("disable: [ita-working-group]\n")
    done = run("rules", "lint", *layers)
    assert done.exit_code == 0, done.output


def test_without_an_office_recommendations_folder_it_says_where_one_goes(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "own.yaml").write_text(NO_WORKING_GROUP, encoding="utf-8")
    out = run("rules", "lint", str(rules), lang="th").output
    assert ("หากไม่ต้องการมาตรการนี้ในแผน ให้เขียน disable: [ita-working-group] ในแฟ้มข้อเสนอแนะของสำนักงานเอง "
            "(ในโฟลเดอร์ recommendations/ ของพื้นที่ทำงาน หรือโฟลเดอร์ที่ระบุด้วย --recommendations;") in out, out


def test_an_office_measure_no_rule_proposes_is_to_be_removed(tmp_path: Path) -> None:
    measure = ("version: 1\nrecommendations:\n  - id: office-spare\n    kind: measure\n    indicators: [2]\n"
               "    dimension: 4\n    title: มาตรการสุ่มตรวจ\n    issue: ควรทบทวน\n    recommendation: สุ่มตรวจ\n"
               "    method: [สุ่มตรวจ]\n    timeline: {from: 1, to: 12}\n    evidence: [รายงาน]\n    owner: audit\n")
    office = office_with(tmp_path, recommendations=measure)
    out = run("rules", "lint", str(office / "rules"), "--recommendations", str(office / "recommendations"),
              lang="th").output
    assert (f"{office / 'recommendations' / 'own.yaml'}:3:5: ไม่มีกฎใดเสนอข้อเสนอแนะ 'office-spare' ให้ลบรายการนี้ออก "
            "หรือเพิ่มกฎที่เสนอข้อเสนอแนะนี้") in out, out


def test_lint_prints_its_problems_first_then_its_notes_each_in_file_order(tmp_path: Path) -> None:
    """Lint printed its notes first and its problems after them, one list mixing "note: …" lines and problems (a
    provincial auditor's trial). The problems now come first, in validate's format, then the notes, each group in
    file and line order; the exit status is the problems' and the count of them comes last."""
    measure = ("version: 1\nrecommendations:\n  - id: office-spare\n    kind: measure\n    indicators: [2]\n"
               "    dimension: 4\n    title: มาตรการสุ่มตรวจ\n    issue: ควรทบทวน\n    recommendation: สุ่มตรวจ\n"
               "    method: [สุ่มตรวจ]\n    timeline: {from: 1, to: 12}\n    evidence: [รายงาน]\n    owner: audit\n")
    rules = "version: 1\nframeworks: [2569]\ndisable: [fy2569.public-participation, fy2569.e-service]\n"
    office = office_with(tmp_path, rules=rules, recommendations=measure)
    for lang in ("en", "th"):
        done = run("rules", "lint", str(office / "rules"), "--recommendations", str(office / "recommendations"),
                   lang=lang)
        assert done.exit_code == 1, done.output
        lines = [line for line in done.output.splitlines() if line.startswith(str(office))]
        marker = ": note: " if lang == "en" else ": หมายเหตุ: "
        notes = [i for i, line in enumerate(lines) if marker in line]
        problems = [i for i, line in enumerate(lines) if marker not in line]
        assert len(notes) >= 3 and len(problems) >= 2, done.output
        assert max(problems) < min(notes), done.output  # every problem before every note

        def place(line: str) -> tuple[str, int, int]:
            path, row, column = line.split(": ", 1)[0].rsplit(":", 2)
            return path, int(row), int(column)

        for group in (problems, notes):
            assert [place(lines[i]) for i in group] == sorted(place(lines[i]) for i in group), done.output
        assert done.output.rstrip().splitlines()[-1].endswith(("problems found in " if lang == "en" else "ปัญหาใน ")
                                                              + f"{office / 'recommendations'}, {office / 'rules'}")
