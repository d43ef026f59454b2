"""A provincial auditor's trial: an office rule with a threshold above the NACC's target (init's own i1 rule, made
92) put an empty heading under ประเด็นที่ต้องพัฒนา and a line with no reason under ๑.๔, and check passed both. The
analysis now says why (a clause of its own, ``line_threshold_codes``), lists the point under the heading as the
measures table names it, and check re-derives the clause and refuses a heading with nothing under it."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from click.testing import CliRunner
from conftest import ROOT
from itaplan.cli import main

EXAMPLE = str(ROOT / "examples" / "example.yaml")
KEEP = {"ITAPLAN_LANG": "en"}
CLAUSE = "มีข้อที่ได้คะแนนถึงค่าเป้าหมาย 85 คะแนนแล้ว แต่ยังต่ำกว่าเกณฑ์ 92 คะแนนที่หน่วยงานกำกับดูแลกำหนด ได้แก่ i1"


def run(*args: str, lang: str = "en"):
    return CliRunner().invoke(main, ["--lang", lang, *args], env=KEEP)


def workspace(tmp_path: Path, below: str = "92") -> Path:
    office = tmp_path / "ws"
    assert run("init", str(office), lang="th").exit_code == 0
    rules = office / "rules" / "office.yaml"
    assert "below: 90" in rules.read_text(encoding="utf-8")
    rules.write_text(rules.read_text(encoding="utf-8").replace("below: 90", f"below: {below}"), encoding="utf-8")
    return office


def draft(office: Path, out: Path, results: str = EXAMPLE, *extra: str) -> None:
    result = run("-q", "draft", results, "--rules", str(office / "rules"), "--recommendations",
                 str(office / "recommendations"), "-o", str(out), *extra, lang="th")
    assert result.exit_code == 0, result.output


def check(path: Path, office: Path | None = None) -> tuple[int, str]:
    args = ["check", str(path)] + (["--recommendations", str(office / "recommendations")] if office else [])
    result = run(*args)
    return result.exit_code, result.output


def section(md: str, start: str, end: str) -> str:
    return md[md.index(start):md.index(end)]


def test_a_question_below_only_the_office_s_threshold_is_said_with_its_reason_and_its_point(tmp_path: Path) -> None:
    office = workspace(tmp_path)
    md = tmp_path / "p.md"
    draft(office, md, EXAMPLE, "--arabic-digits")
    text = md.read_text(encoding="utf-8")
    strong, watch = section(text, "### 1.3", "### 1.4"), section(text, "### 1.4", "### 1.5")
    points, maintain = section(text, "### 1.7", "### 1.8"), section(text, "### 1.8", "## 2.")
    assert "ตัวชี้วัดที่ 1 " not in strong and "ตัวชี้วัดที่ 1 " not in maintain  # watched, as its line says
    assert ("- ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ ได้ 97.07 คะแนน เพิ่มขึ้น 0.83 คะแนนจาก 96.24 คะแนนในปี 2568 " + CLAUSE
            + "\n") in watch  # a reason, not a bare "(มาตรการที่ 1)"
    heading = "**ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ ได้ 97.07 คะแนน (ผ่านค่าเป้าหมาย)**\n\n"
    assert heading + "- ข้อ i1 ปฏิบัติงานหรือให้บริการตามขั้นตอนและระยะเวลา ได้ 91.20 คะแนน ถึงค่าเป้าหมาย 85 แล้ว " \
                     "แต่ต่ำกว่าเกณฑ์ 92 ที่หน่วยงานกำกับดูแลกำหนด: ประเด็นที่พบ คือ " in points
    assert points.split(heading)[1].split("\n\n")[0].endswith("(มาตรการที่ 1)")
    # no heading of the section is ever left empty
    assert not re.search(r"\*\*\n\n(?:\*\*|\n)", points)
    assert check(md) == (0, f"{md}: every figure follows from the document's own numbers\n")
    plan = tmp_path / "p.yaml"
    draft(office, plan)
    assert check(plan, office)[0] == 0, check(plan, office)[1]
    data = yaml.safe_load(plan.read_text(encoding="utf-8"))
    assert [p["threshold"] for i in data["analysis"]["issues"] for p in i["points"] if p.get("code") == "i1"] == [92]


def test_check_re_derives_the_clause_and_refuses_an_empty_heading(tmp_path: Path) -> None:
    office = workspace(tmp_path)
    plan = tmp_path / "p.yaml"
    draft(office, plan)
    good = plan.read_text(encoding="utf-8")
    assert "ได้แก่ i1" in good

    def tampered(name: str, change) -> str:
        data = yaml.safe_load(good)
        change(data)
        path = tmp_path / name
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        code, out = check(path, office)
        assert code == 1, out
        return out

    def line(data: dict, old: str, new: str) -> None:
        for group in data["analysis"]["categories"]:
            group["lines"] = [x.replace(old, new) if x.startswith("ตัวชี้วัดที่ 1 ") else x for x in group["lines"]]

    out = tampered("code.yaml", lambda d: line(d, "ได้แก่ i1", "ได้แก่ i2"))
    assert "indicator 1's questions below the office's threshold 92 are said to be i2, but they are i1" in out
    out = tampered("threshold.yaml", lambda d: line(d, "เกณฑ์ 92 คะแนน", "เกณฑ์ 95 คะแนน"))
    assert "no measure in the table answers one" in out and "threshold 92: i1" in out
    out = tampered("target.yaml", lambda d: line(d, "ค่าเป้าหมาย 85 คะแนนแล้ว", "ค่าเป้าหมาย 80 คะแนนแล้ว"))
    assert "the target is said to be 80, but it is 85" in out
    out = tampered("left.yaml", lambda d: line(d, " " + CLAUSE, ""))
    assert "indicator 1's line leaves out its questions that reached the target but are below the office's " \
           "threshold 92: i1" in out

    def point(d: dict) -> None:
        p = next(p for i in d["analysis"]["issues"] for p in i["points"] if p.get("code") == "i1")
        p["text"] = p["text"].replace("เกณฑ์ 92", "เกณฑ์ 91")
    assert "i1 91.20 is said to be below 91" in tampered("point.yaml", point)

    def empty(d: dict) -> None:
        next(i for i in d["analysis"]["issues"] if i["number"] == 1)["points"] = []
    out = tampered("empty.yaml", empty)
    assert "a heading of the development points with no point under it: ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ ได้ 97.07 " \
           "คะแนน (ผ่านค่าเป้าหมาย)" in out
    thai = run("check", str(tmp_path / "empty.yaml"), "--recommendations", str(office / "recommendations"),
               lang="th").output
    assert "หัวข้อในประเด็นที่ต้องพัฒนาไม่มีประเด็นใดอยู่ใต้หัวข้อ: ตัวชี้วัดที่ 1" in thai


def test_a_document_with_an_empty_heading_under_the_development_points_fails_check(tmp_path: Path) -> None:
    office = workspace(tmp_path)
    md = tmp_path / "p.md"
    draft(office, md)
    text = md.read_text(encoding="utf-8")
    bad = re.sub(r"(\*\*ตัวชี้วัดที่ ๑ [^\n]*\*\*\n\n)- ข้อ i๑[^\n]*\n", r"\1", text)
    assert bad != text
    (tmp_path / "bad.md").write_text(bad, encoding="utf-8")
    code, out = check(tmp_path / "bad.md")
    assert code == 1 and "a heading of the development points with no point under it: ตัวชี้วัดที่ ๑" in out, out
    # the last heading of the section, and one before the next section, count too
    last = re.sub(r"(\*\*ตัวชี้วัดที่ ๑๐ [^\n]*\*\*\n\n)(?:- [^\n]*\n)+", r"\1", text)
    (tmp_path / "last.md").write_text(last, encoding="utf-8")
    code, out = check(tmp_path / "last.md")
    assert code == 1 and "no point under it: ตัวชี้วัดที่ ๑๐" in out, out


def test_an_eit_part_at_the_target_below_the_office_s_threshold(tmp_path: Path) -> None:
    results = (ROOT / "examples" / "example.yaml").read_text(encoding="utf-8")
    results = results.replace("{code: e9, part: 1, score: 71.30}", "{code: e9, part: 1, score: 88.00}")
    (tmp_path / "r.yaml").write_text(results, encoding="utf-8")
    office = workspace(tmp_path, "90")  # i1 91.20: not below 90
    (office / "rules" / "e9.yaml").write_text(
        "version: 1\nframeworks: [2569]\nrules:\n  - id: office.e9-part1\n    when:\n"
        "      question: {codes: [e9], below: 90, part: 1}\n    propose: [e-service]\n", encoding="utf-8")
    md = tmp_path / "p.md"
    draft(office, md, str(tmp_path / "r.yaml"), "--arabic-digits")
    text = md.read_text(encoding="utf-8")
    points = section(text, "### 1.7", "### 1.8")
    assert "- ข้อ e9 บริการออนไลน์สะดวก รวดเร็ว และมีประสิทธิภาพ (EIT ส่วนที่ 1) ได้ 88.00 คะแนน ถึงค่าเป้าหมาย 85 แล้ว " \
           "แต่ต่ำกว่าเกณฑ์ 90 ที่หน่วยงานกำกับดูแลกำหนด" in points
    assert "- ข้อ e9 บริการออนไลน์สะดวก รวดเร็ว และมีประสิทธิภาพ (EIT ส่วนที่ 2) ได้ 74.50 คะแนน:" in points
    assert "ข้อ e9 (EIT ส่วนที่ 1) ได้ 88.00 คะแนน ถึงค่าเป้าหมาย 85 แล้ว แต่ต่ำกว่าเกณฑ์ 90 ที่หน่วยงานกำกับดูแลกำหนด" in text
    assert check(md)[0] == 0
    plan = tmp_path / "p.yaml"
    draft(office, plan, str(tmp_path / "r.yaml"))
    assert check(plan, office)[0] == 0, check(plan, office)[1]


def test_an_office_rewords_the_clause_and_check_reads_its_wording(tmp_path: Path) -> None:
    office = workspace(tmp_path)
    (office / "recommendations" / "texts.yaml").write_text(
        "version: 1\ntexts:\n  line_threshold_codes: 'ข้อ {codes} ผ่านค่าเป้าหมาย {target} คะแนน แต่ยังไม่ถึงเกณฑ์ "
        "{threshold} คะแนนของสำนักงาน'\n", encoding="utf-8")
    assert run("rules", "validate", str(office)).exit_code == 0
    plan = tmp_path / "p.yaml"
    draft(office, plan)
    data = yaml.safe_load(plan.read_text(encoding="utf-8"))
    watch = next(g for g in data["analysis"]["categories"] if g["key"] == "watch")
    assert any(x.endswith("ข้อ i1 ผ่านค่าเป้าหมาย 85 คะแนน แต่ยังไม่ถึงเกณฑ์ 92 คะแนนของสำนักงาน") for x in watch["lines"])
    assert check(plan, office)[0] == 0, check(plan, office)[1]
    for group in data["analysis"]["categories"]:
        group["lines"] = [x.replace("ข้อ i1 ผ่าน", "ข้อ i3 ผ่าน") for x in group["lines"]]
    plan.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    code, out = check(plan, office)
    assert code == 1 and "are said to be i3, but they are i1" in out, out
