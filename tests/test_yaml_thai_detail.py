"""A Thai bad-YAML message gives the detail the English one gives (provincial auditor's trial: the English said
"(PyYAML: stopped at line 26: expected ',' or '}', but got '<stream end>')", the Thai only the cause): where the
parser stopped and what it expected, in Thai, after the file:line:col."""

from __future__ import annotations

from pathlib import Path

from helpers import run_in


def _folder(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "own.yaml").write_text(text, encoding="utf-8")
    return folder


def test_an_unclosed_brace_says_where_the_parser_stopped_and_what_it_expected_in_thai(tmp_path: Path) -> None:
    folder = _folder(tmp_path, "version: 1\nrules:\n  - id: x\n    when: {question: [i1]\n")
    english = run_in("rules", "validate", str(folder)).output
    assert "own.yaml:4:11: not valid YAML: the `{` opened here is never closed; close it with `}` (PyYAML: stopped " \
           "at line 5: expected ',' or '}', but got '<stream end>')" in english, english
    thai = run_in("rules", "validate", str(folder), lang="th").output
    assert "own.yaml:4:11: ไม่ใช่ YAML ที่ถูกต้อง: `{` ที่เปิดตรงนี้ไม่มีการปิด ให้ปิดด้วย `}` (ตัวอ่าน YAML แจ้ง: " \
           "หยุดอ่านที่บรรทัด 5: ควรพบ ',' หรือ '}' แต่พบ จุดสิ้นสุดไฟล์)" in thai, thai


def test_other_yaml_reasons_are_said_in_thai_too(tmp_path: Path) -> None:
    folder = _folder(tmp_path, "version: 1\nrules:\n  - id: x\n    when: a: b\n")
    thai = run_in("rules", "validate", str(folder), lang="th").output
    assert "own.yaml:4:12: ไม่ใช่ YAML ที่ถูกต้อง: มี ':' ในตำแหน่งที่ไม่ควรมี" in thai, thai
    assert "(ตัวอ่าน YAML แจ้ง: ตำแหน่งนี้ใส่ค่าของคีย์ไม่ได้)" in thai and "allowed" not in thai
