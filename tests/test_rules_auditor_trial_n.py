"""A provincial auditor's trial of the rule commands: a quote or bracket left open is located where it opens, a
failing rule test says why the expected measure was not proposed, diff prints old before new, and explain says
when lint finds a rule can never fire."""

from __future__ import annotations

from pathlib import Path

from helpers import office_with, run_in

HEAD = "version: 1\nframeworks: [2569]\nthreshold: 85\nrules:\n"
RULE = "- id: office.r{n}\n  title: กฎที่ {n}\n  when:\n    question: [i1]\n  propose: [e-service]\n"




def _where(office: Path, piece: str) -> tuple[int, int]:
    lines = (office / "rules" / "own.yaml").read_text(encoding="utf-8").splitlines()
    row = max(i for i, line in enumerate(lines) if piece in line)  # the last: the one left open
    return row + 1, lines[row].index(piece) + 1


def test_a_quote_left_open_is_located_where_it_opens_not_at_the_end_of_the_file(tmp_path: Path) -> None:
    rules = HEAD + "".join(RULE.format(n=n) for n in range(1, 4)) + \
        '- id: office.open\n  title: "ไม่ปิดเครื่องหมาย\n  when:\n    question: [i1]\n'
    office = office_with(tmp_path, rules=rules)
    assert len(rules.splitlines()) == 23
    line, column = _where(office, '"ไม่ปิด')
    english = run_in("rules", "validate", str(office))
    assert f"own.yaml:{line}:{column}: not valid YAML: the quote `\"` opened here is never closed" in english.output
    assert "stopped at line 24" in english.output  # where PyYAML stopped, for the expert
    thai = run_in("rules", "validate", str(office), lang="th")
    assert f"own.yaml:{line}:{column}: ไม่ใช่ YAML ที่ถูกต้อง: เครื่องหมายคำพูด `\"` ที่เปิดตรงนี้ไม่มีการปิด" in thai.output
    assert "ไฟล์จบลง" not in thai.output and "PyYAML" not in thai.output and "Traceback" not in thai.output
    single = office_with(tmp_path / "single", rules=rules.replace('"ไม่ปิด', "'ไม่ปิด"))
    assert f"own.yaml:{line}:{column}: not valid YAML: the quote `'` opened here" in \
        run_in("rules", "validate", str(single)).output


def test_a_bracket_left_open_until_the_file_ends_is_located_where_it_opens(tmp_path: Path) -> None:
    for n, (opened, bracket, closing) in enumerate([("[i1", "[", "]"), ("[i1,", "[", "]"), ("[i1, i2,", "[", "]"),
                                                     ("{a: 1", "{", "}"), ("{a: 1,", "{", "}")]):
        rules = HEAD + RULE.format(n=1) + f"- id: office.open\n  propose: [e-service]\n  when:\n    question: {opened}\n"
        office = office_with(tmp_path / str(n), rules=rules)
        line, column = _where(office, opened)
        english = run_in("rules", "validate", str(office))
        assert f"own.yaml:{line}:{column}: not valid YAML: the `{bracket}` opened here is never closed; close it " \
               f"with `{closing}`" in english.output, english.output
        thai = run_in("rules", "validate", str(office), lang="th")
        assert f"own.yaml:{line}:{column}: ไม่ใช่ YAML ที่ถูกต้อง: `{bracket}` ที่เปิดตรงนี้ไม่มีการปิด ให้ปิดด้วย " \
               f"`{closing}`" in thai.output, thai.output


def test_a_quote_inside_an_open_bracket_is_the_one_said(tmp_path: Path) -> None:
    rules = HEAD + '- id: office.open\n  propose: [e-service]\n  when:\n    question: [i1, "i2\n'
    office = office_with(tmp_path, rules=rules)
    line, column = _where(office, '"i2')
    assert f"own.yaml:{line}:{column}: not valid YAML: the quote `\"` opened here is never closed" in \
        run_in("rules", "validate", str(office)).output
