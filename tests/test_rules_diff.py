"""itaplan rules diff: what a rule change does to the plans, per agency and in total, from a folder or git."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from click.testing import CliRunner
from itaplan.cli import main

EXAMPLE = str(Path(__file__).parent / "data" / "example-2568.yaml")  # FY2568 results, whose figures these tests name
RULE = """version: 1
frameworks: [2568]
rules:
  - id: office.i1-watch
    title: i1 ต่ำกว่า 90
    when:
      question: {codes: [i1], below: 90}
    propose: [iit-service-standards]
"""


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_a_new_rule_and_a_switched_off_rule(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "office.yaml").write_text(RULE + "disable: [fy2568.e-service]\n", encoding="utf-8")
    result = run("rules", "diff", EXAMPLE, "--rules", str(rules), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    agency = data["agencies"][0]
    assert [m["id"] for m in agency["added"]] == ["iit-service-standards"]  # i1 = 88.71 is below 90
    assert agency["added"][0]["rules"] == ["office.i1-watch"] and agency["added"][0]["codes"] == ["i1"]
    changed = {m["id"]: m for m in agency["changed"]}
    assert changed["e-service"]["codes_before"] == ["e9", "o10"] and changed["e-service"]["codes_after"] == ["o10"]
    assert data["summary"]["affected"] == 1 and data["summary"]["added"] == {"iit-service-standards": 1}
    text = run("rules", "diff", EXAMPLE, "--rules", str(rules)).output
    assert "+ iit-service-standards" in text and "because of office.i1-watch" in text
    assert "1 of 1 agencies change" in text


def test_against_a_git_revision(tmp_path: Path) -> None:
    repo = tmp_path / "office"
    rules = repo / "rules"
    rules.mkdir(parents=True)
    (rules / "office.yaml").write_text(RULE, encoding="utf-8")
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run(git + ["add", "."], check=True)
    subprocess.run(git + ["commit", "-qm", "first"], check=True)
    (rules / "office.yaml").write_text(RULE.replace("below: 90", "below: 85"), encoding="utf-8")  # the change
    result = run("rules", "diff", EXAMPLE, "--rules", str(rules), "--against", "git:HEAD", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [m["id"] for m in data["agencies"][0]["removed"]] == ["iit-service-standards"]
    assert "at HEAD" in data["before"]
    bad = run("rules", "diff", EXAMPLE, "--rules", str(rules), "--against", "git:no-such-rev")
    assert bad.exit_code == 2 and "git" in bad.output


def test_a_batch_table_and_a_failed_agency(tmp_path: Path) -> None:
    table = tmp_path / "province.csv"
    table.write_text("agency,fiscal_year,i1,i2,i3\nอบต.หนึ่ง,2568,88,95,95\nอบต.สอง,2568,95,95,95\nอบต.สาม,2568,abc,1,1\n",
                     encoding="utf-8")
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "office.yaml").write_text(RULE, encoding="utf-8")
    data = json.loads(run("rules", "diff", str(table), "--rules", str(rules), "--format", "json").output)
    by_name = {a["agency"]: a for a in data["agencies"]}
    assert [m["id"] for m in by_name["อบต.หนึ่ง"]["added"]] == ["iit-service-standards"]
    assert not by_name["อบต.สอง"]["added"] and "error" in by_name["อบต.สาม"]
    assert data["summary"] == {"agencies": 3, "affected": 1, "failed": 1, "added": {"iit-service-standards": 1},
                               "removed": {}, "changed": {}, "analysis": 1}


def test_a_results_file_is_named_by_its_agency(tmp_path: Path) -> None:
    """A results file in the diff is shown by the agency it names, not by its file name."""
    from click.testing import CliRunner
    from itaplan.cli import main

    root = Path(__file__).resolve().parent.parent
    workspace = tmp_path / "ws"
    assert CliRunner().invoke(main, ["-q", "init", str(workspace)]).exit_code == 0
    result = CliRunner().invoke(main, ["rules", "diff", str(root / "tests" / "data" / "example-2568.yaml"), "--rules",
                                       str(workspace / "rules")])
    assert result.exit_code == 0
    assert "องค์การบริหารส่วนตำบลห้วยทราย (" in result.output and "\nexample (" not in result.output


def test_a_measure_the_row_limit_left_out_is_not_said_to_be_removed_by_a_rule() -> None:
    """Issue 28: `rules diff` said a measure disappeared 'because of' a rule when the 10-row limit removed it; it is
    said to be still proposed and left out by the limit (and one that comes back within it, proposed before too)."""
    from itaplan.app.batch import Job
    from itaplan.app.rulesdiff import as_text, compare, summary

    def measure(mid: str) -> dict:
        return {"id": mid, "title": mid.upper(), "codes": ["i1"], "rules": [f"fy2568.{mid}"]}

    before = {"agency": {"name": "ก"}, "measures": [measure("a"), measure("b")], "left_out": [measure("c")]}
    after = {"agency": {"name": "ก"}, "measures": [measure("a"), measure("c")], "left_out": [measure("b")]}
    diff = compare(before, after, Job(name="ก", source="x.yaml"))  # type: ignore[arg-type]
    text = "\n".join(as_text([diff], summary([diff]), "old", "new"))
    assert "  - b B [i1] still proposed by fy2568.b, but left out by the row limit" in text
    assert "  + c C [i1] proposed before too, now within the row limit (fy2568.c)" in text
    assert "was proposed by" not in text and "because of" not in text


def test_inside_a_workspace_the_rules_after_are_named_as_the_workspace_s(tmp_path: Path, monkeypatch) -> None:
    """A fresh auditor's trial (issue 28): run in a workspace, `rules diff` applied its rules but said
    "after: built-in"."""
    from click.testing import CliRunner
    from itaplan.cli import main

    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["init", "office"]).exit_code == 0
    monkeypatch.chdir(tmp_path / "office")
    result = CliRunner().invoke(main, ["rules", "diff", str(Path(__file__).parent.parent / "examples" / "province.csv")])
    assert result.exit_code == 0, result.output
    office = tmp_path / "office"  # its rules and its recommendations: every layer compared is named
    assert result.output.splitlines()[0] == \
        f"rules before: built-in; after: built-in + {office / 'rules'} + {office / 'recommendations'}"


def test_a_grouped_row_is_changed_only_when_what_it_prints_changes(tmp_path: Path) -> None:
    """Issue 28: a measure row serving several rules (i10 and i12 in one row) was reported changed, both its
    measures, when one rule was replaced by the office's own proposing the same: the row printed the same. It is
    not a change; the rule that now proposes the measure is said apart, for that measure only."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "office.yaml").write_text("""version: 1
frameworks: [2568]
disable: [fy2568.asset-private-use-control]
rules:
  - id: office.assets
    when:
      question: {codes: [i11, i12], below: 85}
    propose: [asset-private-use-control]
""", encoding="utf-8")
    data = json.loads(run("rules", "diff", EXAMPLE, "--rules", str(rules), "--format", "json").output)
    agency = data["agencies"][0]
    assert agency["changed"] == [] and data["summary"]["affected"] == 0 and data["summary"]["changed"] == {}
    assert agency["reasons"] == [{"id": "asset-private-use-control", "title": agency["reasons"][0]["title"],
                                  "rules_before": ["fy2568.asset-private-use-control"], "rules_after": ["office.assets"]}]
    text = run("rules", "diff", EXAMPLE, "--rules", str(rules)).output
    assert "~" not in text and "changes in" not in text and "0 of 1 agencies change" in text
    assert ("  = asset-private-use-control: the documents print it the same; now proposed by office.assets (before: "
            "fy2568.asset-private-use-control)") in text
    thai = CliRunner(env={"ITAPLAN_LANG": "en"}).invoke(main, ["--lang", "th", "rules", "diff", EXAMPLE, "--rules",
                                                                str(rules)]).output
    assert "เอกสารพิมพ์เหมือนเดิม แต่ตอนนี้เสนอโดยกฎ office.assets" in thai


def test_a_row_whose_codes_change_says_so_in_plain_words(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "office.yaml").write_text("version: 1\ndisable: [fy2568.e-service]\n", encoding="utf-8")
    text = run("rules", "diff", EXAMPLE, "--rules", str(rules)).output
    assert "codes e9, o10 -> o10" in text and "rules fy2568" not in text


def test_a_grouped_row_that_changes_is_said_once_for_its_measures(tmp_path: Path) -> None:
    """A fresh auditor's trial (issue 28): a new office measure joined a grouped row, and each of its three members
    was listed twice with the row's long title (codes, then wording): one line says the row's change."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "office.yaml").write_text("version: 1\ndisable: [fy2568.e-service]\n", encoding="utf-8")
    text = run("rules", "diff", str(Path(__file__).parent.parent / "examples" / "province.csv"), "--rules",
               str(rules)).output
    changed = [line for line in text.splitlines() if line.startswith("  ~ ")]
    ids = [line.split(" ")[3].rstrip(",") for line in changed]
    assert len(ids) == len(set(ids)), changed  # no measure said twice
    # โคกสูง's e-service, left with o10 (indicator 9), now shares oit-basic-information's row: said once, as a row
    assert any(line.startswith("  ~ e-service, oit-basic-information: 2 rows merged into one") for line in changed), \
        changed


def test_a_changed_row_says_what_changed_and_a_regrouped_row_says_so(tmp_path: Path) -> None:
    """A fresh auditor's trial (issue 28): `~` named the fields but not the change, and a measure whose row the
    10-row limit regrouped after another was dropped was listed as changed."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "office.yaml").write_text("version: 1\ndisable: [fy2568.e-service]\n", encoding="utf-8")
    province = str(Path(__file__).parent.parent / "examples" / "province.csv")
    text = run("rules", "diff", province, "--rules", str(rules)).output
    # e-service's issue loses its e9 sentence; its row is regrouped (now with oit-basic-information, of its one
    # indicator left), so the text says the row's titles and the JSON the issue before and after (below)
    assert ("  ~ public-participation: now in a row of its own, no longer with e-service (the rows regrouped within "
            "the row limit)") in text
    assert "public-participation changes in" in text  # the published row reads otherwise: a change (trial 2)
    data = json.loads(run("rules", "diff", province, "--rules", str(rules), "--format", "json").output)
    changed = [m for a in data["agencies"] for m in a["changed"]]
    issue = next(m for m in changed if m["id"] == "e-service")["changes"]["issue"]
    assert issue["before"].startswith("ผู้รับบริการ") and issue["after"].startswith("ผู้ประเมิน")
    regrouped = next(m for m in changed if m["id"] == "public-participation")
    assert regrouped["row_before"] == ["public-participation", "e-service"] or "e-service" in regrouped["row_before"]
    thai = CliRunner(env={"ITAPLAN_LANG": "en"}).invoke(main, ["--lang", "th", "rules", "diff", province, "--rules",
                                                                str(rules)]).output
    assert "regrouped" not in thai and "now in a row" not in thai


def test_rules_test_names_the_uncovered_rules_in_thai(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("init", "office").exit_code == 0
    (tmp_path / "office" / "rules" / "more.yaml").write_text(RULE.replace("codes: [i1]", "codes: [i4]"),
                                                             encoding="utf-8")  # no case of the office's asks i4
    monkeypatch.chdir(tmp_path / "office")
    thai = CliRunner(env={"ITAPLAN_LANG": "en"}).invoke(main, ["--lang", "th", "rules", "test"]).output
    assert "กฎที่ยังไม่มีกรณีทดสอบใดครอบคลุม: office.i1-watch" in thai, thai


OFFICE_RECS = """version: 1
recommendations:
  - id: office-i1-clinic
    kind: measure
    indicators: [1]
    dimension: 1
    title: {title}
    issue: ควรทบทวนมาตรฐานการให้บริการ
    recommendation: จัดคลินิกให้คำปรึกษาการให้บริการ
    method: [จัดคลินิกทุกไตรมาส]
    timeline: {{from: 1, to: 12}}
    evidence: [รายงานผลการจัดคลินิก]
    owner: office
"""
OFFICE_RULE = RULE.replace("[iit-service-standards]", "[office-i1-clinic]")


def _committed_workspace(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["-q", "init", "office"]).exit_code == 0
    office = tmp_path / "office"
    (office / "rules" / "office.yaml").write_text(OFFICE_RULE, encoding="utf-8")
    (office / "recommendations" / "office.yaml").write_text(OFFICE_RECS.format(title="คลินิกบริการ"),
                                                              encoding="utf-8")
    git = ["git", "-C", str(office), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run(["git", "init", "-q", str(office)], check=True)
    subprocess.run(git + ["add", "."], check=True)
    subprocess.run(git + ["commit", "-qm", "first"], check=True)
    monkeypatch.chdir(office)
    return office


def test_against_git_inside_a_workspace_compares_its_rules_and_recommendations(tmp_path: Path, monkeypatch) -> None:
    """Issue 28: in a workspace, `--against git:HEAD` refused without --rules; with --rules every agency failed
    on an office measure unknown to a temporary copy; with --recommendations too a committed title change was not
    seen. The workspace's rules and recommendations at HEAD are compared with the working tree, no flags."""
    office = _committed_workspace(tmp_path, monkeypatch)
    (office / "recommendations" / "office.yaml").write_text(OFFICE_RECS.format(title="คลินิกบริการประชาชน"),
                                                              encoding="utf-8")
    result = run("rules", "diff", EXAMPLE, "--against", "git:HEAD", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["summary"]["affected"] == 1 and data["summary"]["changed"] == {"office-i1-clinic": 1}
    assert data["before"] == "the workspace as committed at HEAD"
    for flags in (["--rules", "rules"], ["--rules", "rules", "--recommendations", "recommendations"]):
        data = json.loads(run("rules", "diff", EXAMPLE, "--against", "git:HEAD", "--format", "json", *flags).output)
        assert data["summary"]["changed"] == {"office-i1-clinic": 1}, flags
    thai = CliRunner(env={"ITAPLAN_LANG": "en"}).invoke(main, ["--lang", "th", "rules", "diff", EXAMPLE,
                                                                "--against", "git:HEAD"])
    assert thai.output.splitlines()[0].startswith("กฎก่อนเปลี่ยน: พื้นที่ทำงานตามที่บันทึกไว้ใน git ที่ HEAD"), thai.output


def test_a_broken_rule_at_the_revision_is_said_of_the_real_file(tmp_path: Path, monkeypatch) -> None:
    """Issue 28: an error in the rules as committed named a temporary copy (/tmp/itaplan-diff-…/0/rules/…)."""
    office = _committed_workspace(tmp_path, monkeypatch)
    (office / "rules" / "office.yaml").write_text(OFFICE_RULE.replace("office-i1-clinic", "no-such-measure"),
                                                  encoding="utf-8")
    git = ["git", "-C", str(office), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run(git + ["commit", "-qam", "broken"], check=True)
    (office / "rules" / "office.yaml").write_text(OFFICE_RULE, encoding="utf-8")
    for flags in ([], ["--rules", "rules"]):
        result = run("rules", "diff", EXAMPLE, "--against", "git:HEAD", *flags)
        assert result.exit_code == 2, result.output
        assert "itaplan-diff" not in result.output and "Traceback" not in result.output
        assert f"{Path('rules') / 'office.yaml'} (as committed at HEAD):" in result.output, result.output


def test_broken_rules_are_said_once_with_exit_2_not_once_per_agency(tmp_path: Path) -> None:
    """A misspelt propose: id gave one "could not be drafted" line per agency and exit 0 (a fresh auditor's trial,
    issue 28): the rules themselves are broken, which is said once."""
    office = tmp_path / "office"
    assert CliRunner().invoke(main, ["-q", "init", str(office)]).exit_code == 0
    rules = next((office / "rules").glob("*.yaml"))
    rules.write_text(rules.read_text(encoding="utf-8").replace("propose: [iit-service-standards]",
                                                               "propose: [iit-service-standardz]"), encoding="utf-8")
    province = str(Path(__file__).resolve().parent.parent / "examples" / "province.csv")
    result = CliRunner().invoke(main, ["rules", "diff", province, "--rules", str(office / "rules")],
                                env={"ITAPLAN_LANG": "en"})
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if "iit-service-standardz" in line]
    assert len(errors) == 1 and errors[0].startswith("error: ") and f"{rules}:" in errors[0], result.output


def test_a_measure_of_a_shared_row_is_named_by_its_own_title_and_codes(tmp_path: Path) -> None:
    """An auditor's trial: e-service, dropped from the row it shared with public-participation, was said to go as
    "มาตรการเปิดโอกาสให้ประชาชน… และพัฒนาการให้บริการออนไลน์ (E-Service) [e7, e9]": the row's title and codes, not
    its own. A row of several measures that reads differently names each by its own title and codes."""
    rules = tmp_path / "rules"
    rules.mkdir()
    # e-service switched off, and iit-service-standards (sharing หนองบัว's row with iit-equal-treatment) proposed
    # on i3 too: that row reads differently (the row limit no longer joins measures of different indicators, which
    # once made this row by chance)
    (rules / "office.yaml").write_text("version: 1\nframeworks: [2568]\ndisable: [fy2568.e-service]\nrules:\n"
                                       "  - id: office.i3-watch\n    title: i3 ต่ำกว่า 95\n    when:\n"
                                       "      question: {codes: [i3], below: 95}\n    propose: [iit-service-standards]\n",
                                       encoding="utf-8")
    recs = tmp_path / "recommendations"
    recs.mkdir()
    (recs / "office.yaml").write_text("version: 1\nrecommendations:\n  - id: iit-service-standards\n"
                                      "    issue: บุคลากรบางส่วนยังเห็นว่าการให้บริการยังไม่เป็นไปตามขั้นตอนที่ประกาศ\n",
                                      encoding="utf-8")
    province = str(Path(__file__).parent.parent / "examples" / "province.csv")
    data = json.loads(run("rules", "diff", province, "--rules", str(rules), "--format", "json").output)
    removed = next(m for a in data["agencies"] for m in a["removed"] if m["id"] == "e-service")
    assert removed["title"] == "มาตรการพัฒนาการให้บริการออนไลน์ (E-Service)" and removed["codes"] == ["e9"]
    assert removed["row"] == ["public-participation", "e-service"]
    text = run("rules", "diff", province, "--rules", str(rules)).output
    assert "  - e-service มาตรการพัฒนาการให้บริการออนไลน์ (E-Service) [e9] was proposed by fy2568.e-service" in text
    assert "[e7, e9]" not in text
    lines = text.splitlines()
    shared = next(i for i, line in enumerate(lines) if line.startswith("  ~ the row shared by ")
                  and "iit-service-standards" in line and "iit-equal-treatment" in line)
    assert "codes i1, i2 -> i1, i2, i3; the row reads differently: its " in lines[shared]
    assert "      iit-service-standards มาตรการกำหนดมาตรฐาน ขั้นตอน และระยะเวลาการปฏิบัติงานและการให้บริการ [i1, i3]" \
        in lines[shared + 1:shared + 5]
    assert "      iit-equal-treatment มาตรการให้บริการอย่างเท่าเทียมและให้ข้อมูลอย่างตรงไปตรงมา [i2]" in \
        lines[shared + 1:shared + 5]
    thai = CliRunner(env={"ITAPLAN_LANG": "en"}).invoke(main, ["--lang", "th", "rules", "diff", province, "--rules",
                                                                str(rules)]).output
    assert "  ~ แถวที่มาตรการ iit-equal-treatment, iit-service-standards ใช้ร่วมกัน: ข้อที่อ้างถึงเปลี่ยนจาก i1, i2 " \
        in thai, thai


def test_a_changed_text_is_shown_whole_or_where_it_changed_in_whole_words() -> None:
    """An auditor's trial: a changed text was cut at 36 characters, mid-word ('…ยังเห็นว่าบริการ…'), so what changed
    could not be seen. A short text is shown whole; a long one where it changed, in whole words, "…" for the rest."""
    from itaplan.app.rulesdiff import change_text

    assert change_text({"before": "จัดอบรมปีละ 2 ครั้ง", "after": "จัดอบรมปีละ 4 ครั้ง"}) == \
        "'จัดอบรมปีละ 2 ครั้ง' -> 'จัดอบรมปีละ 4 ครั้ง'"
    common = "ให้ความรู้แก่บุคลากรทุกระดับในเรื่องการป้องกันผลประโยชน์ทับซ้อนอย่างต่อเนื่อง โดยจัดอบรมอย่างน้อยปีละ"
    rest = "ครั้ง และติดตามผลหลังการอบรม พร้อมทั้งเผยแพร่คู่มือให้บุคลากรทุกคนทางเว็บไซต์ของหน่วยงาน"
    said = change_text({"before": f"{common} 2 {rest}", "after": f"{common} 4 {rest}"})
    assert said == "'…โดยจัดอบรมอย่างน้อยปีละ 2 ครั้ง และติดตามผลหลังการอบรม…' -> " \
                   "'…โดยจัดอบรมอย่างน้อยปีละ 4 ครั้ง และติดตามผลหลังการอบรม…'"
    items = change_text({"before": ["จัดทำคู่มือการปฏิบัติงานและเผยแพร่ทางเว็บไซต์ของหน่วยงาน"], "after": []})
    assert items == "(-'จัดทำคู่มือการปฏิบัติงานและเผยแพร่ทางเว็บไซต์ของหน่วยงาน')"  # a list's item, whole


def test_the_header_names_the_workspace_s_recommendations_too(tmp_path: Path, monkeypatch) -> None:
    """An auditor's trial: with the workspace's recommendations changed too, the header named only its rules."""
    monkeypatch.chdir(tmp_path)
    assert run("-q", "init", "office").exit_code == 0
    monkeypatch.chdir(tmp_path / "office")
    data = json.loads(run("rules", "diff", EXAMPLE, "--format", "json").output)
    office = tmp_path / "office"
    assert data["before"] == "built-in"
    assert data["after"] == f"built-in + {office / 'rules'} + {office / 'recommendations'}"


def test_every_key_of_the_json_is_documented(tmp_path: Path) -> None:
    """An auditor's trial: `within_limit` (and most keys of the JSON) were said nowhere; every key the JSON writes is
    in docs/rules.md's table of it."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "office.yaml").write_text(RULE + "disable: [fy2568.e-service]\n", encoding="utf-8")
    province = str(Path(__file__).parent.parent / "examples" / "province.csv")
    data = json.loads(run("rules", "diff", province, EXAMPLE, "--rules", str(rules), "--format", "json").output)
    keys: set[str] = set(data) | set(data["summary"])
    for agency in data["agencies"]:
        keys |= set(agency)
        for group in ("added", "removed", "changed", "reasons"):
            keys |= {k for m in agency[group] for k in m}
        keys |= set(agency["analysis"]) | set(agency["analysis"]["renumbered"])
        keys |= {k for group in ("added", "removed", "moved", "cited") for m in agency["analysis"][group] for k in m}
    docs = (Path(__file__).parent.parent / "docs" / "rules.md").read_text(encoding="utf-8")
    table = docs.partition("### The JSON of `rules diff --format json`")[2]
    assert {"within_limit", "left_out", "row", "reasons", "codes_before", "analysis", "moved", "line_before",
            "row_title_before"} <= keys
    assert not [k for k in sorted(keys) if f"`{k}`" not in table]


OFFICE_2569 = """version: 1
frameworks: [2569]
disable: [fy2569.asset-private-use-control]
rules:
  - id: office.asset-register
    title: i11 หรือ i12 ต่ำกว่าเป้าหมาย
    when:
      question: [i11, i12]
    propose: [asset-borrowing-procedure]
  - id: fy2569.e-service
    title: e9 ต่ำกว่า 90
    threshold: 90
    when:
      question: [e9]
    propose: [e-service]
"""


def test_rules_of_another_year_than_the_results_are_said_before_the_count(tmp_path: Path) -> None:
    """An auditor diffed an office's FY2569 rules on FY2568 results and read "0 of 3 agencies change" as "my change
    is harmless": the rules that cannot apply to the results' year are named with their years, before the count."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "office.yaml").write_text(OFFICE_2569, encoding="utf-8")
    province = str(Path(__file__).parent.parent / "examples" / "province.csv")  # FY2568
    result = run("rules", "diff", province, "--rules", str(rules))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[-1] == "0 of 3 agencies change"
    assert lines[-2] == ("warning: no rule changed applies to the results compared, of fiscal year 2568: "
                         "fy2569.asset-private-use-control (rule switched off: 2569), fy2569.e-service (rule changed: "
                         "2569), office.asset-register (new rule: 2569); these plans cannot show the change. Compare "
                         "results of the years the rules are written for")
    thai = CliRunner().invoke(main, ["--lang", "th", "rules", "diff", province, "--rules", str(rules)],
                              env={"ITAPLAN_LANG": "en"}).output.splitlines()
    assert thai[-2].startswith("คำเตือน: กฎที่เปลี่ยนทุกข้อไม่ใช้กับผลการประเมินที่นำมาเทียบ ซึ่งเป็นของปีงบประมาณ 2568: "
                               "fy2569.asset-private-use-control (ปิดใช้กฎ: 2569), fy2569.e-service (แก้ไขกฎ: 2569)")
    data = json.loads(run("rules", "diff", province, "--rules", str(rules), "--format", "json").output)
    assert data["not_for_these_years"] == {"fiscal_years": [2568], "all": True, "rules": [
        {"id": "fy2569.asset-private-use-control", "change": "disabled", "fiscal_years": [2569]},
        {"id": "fy2569.e-service", "change": "changed", "fiscal_years": [2569]},
        {"id": "office.asset-register", "change": "added", "fiscal_years": [2569]}]}
    assert {a["fiscal_year"] for a in data["agencies"]} == {2568}
    # on results of the rules' year the change shows, and nothing is said of years
    wide = str(Path(__file__).parent.parent / "examples" / "province_wide-2569.csv")
    same_year = run("rules", "diff", wide, "--rules", str(rules)).output
    assert "warning" not in same_year and "3 of 3 agencies change" in same_year


def test_some_rules_of_another_year_are_named_while_the_others_show(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "office.yaml").write_text(RULE, encoding="utf-8")  # FY2568: applies
    (rules / "later.yaml").write_text(OFFICE_2569.replace("disable: [fy2569.asset-private-use-control]\n", ""),
                                      encoding="utf-8")
    lines = run("rules", "diff", EXAMPLE, "--rules", str(rules)).output.splitlines()
    at = lines.index("1 of 1 agencies change")
    assert lines[at - 1] == ("warning: some rules changed do not apply to the results compared, of fiscal year 2568: "
                             "fy2569.e-service (rule changed: 2569), office.asset-register (new rule: 2569); these "
                             "plans cannot show what they change")


def in_thai(*args: str):
    """A run under --lang th, the environment as it was after it (--lang sets the language for the process)."""
    return CliRunner(env={"ITAPLAN_LANG": "en"}).invoke(main, ["--lang", "th", *args])


WIDE_2569 = str(Path(__file__).parent.parent / "examples" / "province_wide-2569.csv")


def test_the_analysis_is_compared_as_published(tmp_path: Path) -> None:
    """A provincial auditor's trial: a stricter i1 threshold moved indicator 1 out of the strengths, took its
    maintain line away and renumbered every citation, and the diff said only the measure added. The analysis is
    compared too: moved, added and removed lines with their sections, the renumbered citations in one line."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "office.yaml").write_text(RULE.replace("[2568]", "[2568, 2569]").replace("below: 90", "below: 92"),
                                       encoding="utf-8")
    example = str(Path(__file__).parent.parent / "examples" / "example.yaml")
    data = json.loads(run("rules", "diff", example, "--rules", str(rules), "--format", "json").output)
    analysis = data["agencies"][0]["analysis"]
    [moved] = analysis["moved"]
    assert moved["from"].startswith("1.3 จุดแข็ง") and moved["to"].startswith("1.4 ")
    # moved and reworded with its move: the reason an office threshold gives (the analysis names the point)
    assert moved["line"].startswith("ตัวชี้วัดที่ 1 ") and moved["line"].endswith("ต่ำกว่าเกณฑ์ 92 คะแนนที่หน่วยงานกำกับดูแลกำหนด ได้แก่ i1")
    assert moved["line_before"].startswith("ตัวชี้วัดที่ 1 ") and "เกณฑ์" not in moved["line_before"]
    assert [m["section"] for m in analysis["removed"]] == ["1.8 ประเด็นที่ควรรักษามาตรฐาน"]
    assert analysis["removed"][0]["line"].startswith("ตัวชี้วัดที่ 1 ")
    assert analysis["renumbered"]["citations"] >= 10 and analysis["cited"] == []
    assert data["summary"]["analysis"] == 1 and data["summary"]["affected"] == 1
    text = run("rules", "diff", example, "--rules", str(rules)).output
    assert "  the analysis, as published:" in text
    assert "    > moved from 1.3 จุดแข็ง to 1.4 ตัวชี้วัดที่ผ่านค่าเป้าหมายแต่ยังมีประเด็นที่ต้องพัฒนา: 'ตัวชี้วัดที่ 1 " in text
    assert "    - 1.8 ประเด็นที่ควรรักษามาตรฐาน: 'ตัวชี้วัดที่ 1 " in text
    renumbered = [line for line in text.splitlines() if "new numbers" in line]
    assert len(renumbered) == 1 and renumbered[0].startswith("    only renumbered: ")
    assert text.count("(มาตรการที่") == 0  # renumbered citations are not listed one by one
    assert "the analysis reads differently in 1 plan(s)" in text
    thai = in_thai("rules", "diff", example, "--rules", str(rules)).output
    assert "ส่วนการวิเคราะห์ตามที่เผยแพร่:" in thai and "    > ย้ายจาก 1.3 จุดแข็ง ไปอยู่ใน 1.4 " in thai
    assert "เปลี่ยนเพียงเลขลำดับ:" in thai and "moved" not in thai and "renumbered" not in thai


def test_the_same_rules_leave_the_analysis_alone(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "office.yaml").write_text("version: 1\n", encoding="utf-8")
    data = json.loads(run("rules", "diff", WIDE_2569, "--rules", str(rules), "--format", "json").output)
    assert all(a["analysis"] == {"added": [], "removed": [], "moved": [], "cited": [], "reworded": [],
                                 "renumbered": {"citations": 0, "sections": []}} for a in data["agencies"])
    assert data["summary"]["affected"] == 0 and data["summary"]["analysis"] == 0


OFFICE_INFO = """version: 1
frameworks: [2569]
disable: [fy2569.info-channels]
rules:
  - id: office.info
    when:
      question: [e4, e5]
    propose: [office-info]
"""
OFFICE_INFO_MEASURE = """version: 1
recommendations:
  - id: office-info
    kind: measure
    indicators: [7]
    dimension: 3
    title: มาตรการปรับปรุงช่องทางเผยแพร่ข้อมูลข่าวสารของสำนักงาน
    issue: ประชาชนยังเข้าถึงข้อมูลข่าวสารของ{agency}ได้ไม่ง่าย
    recommendation: ปรับปรุงช่องทางเผยแพร่ข้อมูล
    method: [ปรับปรุงเว็บไซต์, ประชาสัมพันธ์ช่องทาง]
    timeline: {from: 1, to: 12}
    evidence: [หน้าเว็บไซต์]
    owner: it
"""


def test_a_regrouped_row_is_a_change_with_its_title_before_and_after(tmp_path: Path) -> None:
    """A provincial auditor's trial: an office measure replacing info-channels regrouped the table (a row of four
    measures joined with "และ"), and the diff said the measures had not changed and counted nothing. The published
    row reads differently: counted, with its title before and after."""
    (tmp_path / "rules").mkdir()
    (tmp_path / "recommendations").mkdir()
    (tmp_path / "rules" / "office.yaml").write_text(OFFICE_INFO, encoding="utf-8")
    (tmp_path / "recommendations" / "office.yaml").write_text(OFFICE_INFO_MEASURE, encoding="utf-8")
    args = ["rules", "diff", WIDE_2569, "--rules", str(tmp_path / "rules"), "--recommendations",
            str(tmp_path / "recommendations")]
    text = run(*args).output
    lines = text.splitlines()
    # the row limit merges only measures of one indicator: office-info takes info-channels' place beside
    # clear-communication (indicator 7), whose row reads otherwise (no longer four measures of two indicators)
    at = lines.index("  ~ clear-communication: now shares its row with office-info, no longer with info-channels (the rows "
                     "regrouped within the row limit)")
    assert lines[at + 1].startswith("      the row's title before: 'มาตรการเผยแพร่ข้อมูลข่าวสารผ่านช่องทาง")
    assert lines[at + 2].startswith("      the row's title now: 'มาตรการสื่อสารและตอบข้อซักถามของผู้รับบริการอย่างชัดเจน และ"
                                    "ปรับปรุงช่องทางเผยแพร่ข้อมูลข่าวสารของสำนักงาน")
    assert "  clear-communication changes in 2 plan(s)" in text
    data = json.loads(run(*args, "--format", "json").output)
    nongbua = next(a for a in data["agencies"] if "หนองบัว" in a["agency"])
    clear = next(m for m in nongbua["changed"] if m["id"] == "clear-communication")
    assert clear["row_title_before"] == ("มาตรการเผยแพร่ข้อมูลข่าวสารผ่านช่องทางที่เข้าถึงง่ายและชัดเจน "
                                         "และสื่อสารและตอบข้อซักถามของผู้รับบริการอย่างชัดเจน")
    assert clear["row_title_after"].count(" และ") == 1
    assert data["summary"]["changed"]["clear-communication"] == 2
    thai = in_thai(*args).output
    assert "ตัวมาตรการไม่ได้เปลี่ยน" not in thai and "ชื่อแถวเดิม: " in thai and "ชื่อแถวตอนนี้: " in thai


def test_group_keeps_an_office_measure_in_the_row_it_replaces(tmp_path: Path) -> None:
    """docs/rules.md's example of `group:`: the office measure shares clear-communication's row, as info-channels
    did, and no other row regroups."""
    (tmp_path / "rules").mkdir()
    (tmp_path / "recommendations").mkdir()
    (tmp_path / "rules" / "office.yaml").write_text(OFFICE_INFO, encoding="utf-8")
    (tmp_path / "recommendations" / "office.yaml").write_text(
        OFFICE_INFO_MEASURE.replace("    kind: measure\n", "    kind: measure\n    group: communication\n"),
        encoding="utf-8")
    docs = (Path(__file__).parent.parent / "docs" / "rules.md").read_text(encoding="utf-8")
    assert "group: communication" in docs and "### Sharing a row: `group:`" in docs
    data = json.loads(run("rules", "diff", WIDE_2569, "--rules", str(tmp_path / "rules"), "--recommendations",
                          str(tmp_path / "recommendations"), "--format", "json").output)
    nongbua = next(a for a in data["agencies"] if "หนองบัว" in a["agency"])
    assert [m["id"] for m in nongbua["changed"]] == ["clear-communication"]
    assert nongbua["changed"][0]["row_after"] == ["clear-communication", "office-info"] or \
        set(nongbua["changed"][0]["row_after"]) == {"clear-communication", "office-info"}


def test_against_git_outside_a_repository_says_so_plainly(tmp_path: Path, monkeypatch) -> None:
    """A provincial auditor's trial: git's own 'fatal: not a git repository' was printed as the error."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    office = tmp_path / "office"
    assert run("init", str(office)).exit_code == 0
    monkeypatch.chdir(office)
    result = run("--lang", "en", "rules", "diff", EXAMPLE, "--against", "git:HEAD")
    assert result.exit_code == 2
    assert f"{office}: is not in a git repository" in result.output and "git init, git add . and git commit" in \
        result.output and "--against FOLDER" in result.output and "fatal" not in result.output
    thai = in_thai("rules", "diff", EXAMPLE, "--against", "git:HEAD")
    assert thai.exit_code == 2 and "ไม่ได้อยู่ใน git repository" in thai.output and "fatal" not in thai.output
    result = run("--lang", "en", "rules", "diff", EXAMPLE, "--rules", "rules", "--against", "git:HEAD")
    assert result.exit_code == 2 and "rules: is not in a git repository" in result.output


THRESHOLD_I5 = """version: 1
frameworks: [2569]
rules:
  - id: office.i5-watch
    threshold: 90
    when:
      question: [i5]
    propose: [false-claims-control]
"""
REWORDED_TEXTS = """version: 1
texts:
  line_threshold_codes: มีข้อที่ได้คะแนนถึงค่าเป้าหมาย {target} คะแนนแล้ว แต่ยังต่ำกว่าเกณฑ์ {threshold} คะแนนที่จังหวัดกำหนดเพื่อการเฝ้าระวัง ได้แก่ {codes}
  point_question_threshold: ข้อ {code} {title}{part} ได้ {score} คะแนน ถึงค่าเป้าหมาย {target} แล้ว แต่ต่ำกว่าเกณฑ์ {threshold} คะแนนที่จังหวัดกำหนดเพื่อการเฝ้าระวัง
"""


def _committed_folders(tmp_path: Path, rules: str, recommendations: str) -> Path:
    """rules/ and recommendations/ committed in a git repository (not a workspace)."""
    for name, text in (("rules", rules), ("recommendations", recommendations)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "office.yaml").write_text(text, encoding="utf-8")
    git = ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(git + ["add", "."], check=True)
    subprocess.run(git + ["commit", "-qm", "first"], check=True)
    return tmp_path


def test_a_reworded_analysis_line_is_one_line_reworded(tmp_path: Path) -> None:
    """A provincial auditor's trial: an office's texts: rewording line_threshold_codes showed only as '+ 1.4 …'
    (the line before lost: "removed": []), and each reworded point as a '+' and a '-' cut before the change. A line
    of the same section about the same indicator (a point: the same question) is one line reworded, shown where its
    words changed."""
    folder = _committed_folders(tmp_path, THRESHOLD_I5, "version: 1\n")
    (folder / "recommendations" / "office.yaml").write_text(REWORDED_TEXTS, encoding="utf-8")
    args = ["rules", "diff", WIDE_2569, "--rules", str(folder / "rules"), "--against", "git:HEAD"]
    data = json.loads(run(*args, "--format", "json").output)
    thachang = next(a for a in data["agencies"] if "ท่าช้าง" in a["agency"])["analysis"]
    assert thachang["added"] == [] and thachang["removed"] == [] and thachang["moved"] == []
    sections = sorted(m["section"].split(" ")[0] for m in thachang["reworded"])
    assert sections == ["1.4", "1.6"], thachang["reworded"]
    line = next(m for m in thachang["reworded"] if m["section"].startswith("1.4"))
    assert line["line_before"].startswith("ตัวชี้วัดที่ 2 ") and line["line_before"].endswith("ที่หน่วยงานกำกับดูแลกำหนด ได้แก่ i5")
    assert line["line"].startswith("ตัวชี้วัดที่ 2 ") and line["line"].endswith("เพื่อการเฝ้าระวัง ได้แก่ i5")
    text = run(*args).output
    assert "    ~ 1.4 ตัวชี้วัดที่ผ่านค่าเป้าหมายแต่ยังมีประเด็นที่ต้องพัฒนา: reworded '…แต่ยังต่ำกว่าเกณฑ์ 90 คะแนนที่หน่วยงานกำกับดูแลกำหนด " \
        "ได้แก่ i5' -> '…แต่ยังต่ำกว่าเกณฑ์ 90 คะแนนที่จังหวัดกำหนดเพื่อการเฝ้าระวัง ได้แก่ i5'" in text, text
    assert "    ~ 1.6 ประเด็นที่ต้องพัฒนา: reworded '…แต่ต่ำกว่าเกณฑ์ 90 ที่หน่วยงานกำกับดูแลกำหนด: ประเด็นที่พบ…' -> " \
        "'…แต่ต่ำกว่าเกณฑ์ 90 คะแนนที่จังหวัดกำหนดเพื่อการเฝ้าระวัง: ประเด็นที่พบ…'" in text, text
    assert "    + 1." not in text and "    - 1." not in text
    thai = in_thai(*args).output
    assert "    ~ 1.4 ตัวชี้วัดที่ผ่านค่าเป้าหมายแต่ยังมีประเด็นที่ต้องพัฒนา: ถ้อยคำเปลี่ยน '…" in thai


def test_a_line_with_brackets_of_its_own_and_a_weak_point_left_without_a_measure(tmp_path: Path) -> None:
    """A provincial auditor's trial: after disable: [fy2569.e-service.o10] the O10 point's "(E-Service)" was taken
    for its citation. A citation is "(มาตรการที่ N)" at a line's end; a weak point that cites none now is said so."""
    folder = _committed_folders(tmp_path, "version: 1\n", "version: 1\n")
    (folder / "rules" / "office.yaml").write_text("version: 1\ndisable: [fy2569.e-service.o10]\n", encoding="utf-8")
    args = ["rules", "diff", WIDE_2569, "--rules", str(folder / "rules"), "--against", "git:HEAD"]
    text = run(*args).output
    [line] = [line for line in text.splitlines() if "ข้อ O10" in line]
    assert line.startswith("    ~ 1.5 ประเด็นที่ต้องพัฒนา: 'ข้อ O10 E-Service และสถิติการให้บริการ…' no longer cites a "
                           "measure: the weak point O10 has no row in the table (before: (มาตรการที่ "), line
    assert "now cites (E-Service)" not in text
    thai = in_thai(*args).output
    assert "ไม่ได้อ้างมาตรการใดแล้ว: ข้อที่ต้องพัฒนา O10 ไม่มีแถวในตารางมาตรการ (เดิม: (มาตรการที่ " in thai


def test_a_revision_the_history_does_not_have_is_said_plainly(tmp_path: Path, monkeypatch) -> None:
    """A provincial auditor's trial: --against git:HEAD~9 printed git's own 'fatal: Not a valid object name'."""
    _committed_workspace(tmp_path, monkeypatch)
    result = run("--lang", "en", "rules", "diff", EXAMPLE, "--against", "git:HEAD~9")
    assert result.exit_code == 2 and "fatal" not in result.output
    assert "--against git:HEAD~9: the workspace's git history has no revision HEAD~9" in result.output
    assert "git log --oneline" in result.output
    thai = in_thai("rules", "diff", EXAMPLE, "--against", "git:HEAD~9")
    assert thai.exit_code == 2 and "ประวัติ git ของพื้นที่ทำงานไม่มีฉบับ HEAD~9" in thai.output and \
        "git log --oneline" in thai.output and "fatal" not in thai.output


def test_the_header_names_the_recommendations_taken_from_git_too(tmp_path: Path) -> None:
    """A provincial auditor's trial: the header named only the rules folder as committed, though the
    recommendations beside it (and their texts:) were taken from git too."""
    folder = _committed_folders(tmp_path, THRESHOLD_I5, "version: 1\n")
    result = run("rules", "diff", WIDE_2569, "--rules", str(folder / "rules"), "--against", "git:HEAD~0")
    first = result.output.splitlines()[0]
    assert first.startswith(f"rules before: the rules {folder / 'rules'} and the recommendations and texts "
                            f"{folder / 'recommendations'} as committed at HEAD~0;"), first
    thai = in_thai("rules", "diff", WIDE_2569, "--rules", str(folder / "rules"), "--against", "git:HEAD")
    assert f"และข้อเสนอแนะกับถ้อยคำในโฟลเดอร์ {folder / 'recommendations'} ตามที่บันทึกไว้ใน git ที่ HEAD" in \
        thai.output.splitlines()[0]


def test_a_reworded_sentence_of_the_opening_summary_is_a_change(tmp_path: Path) -> None:
    """Auditor's sixth trial: rewording overall_failed changed every below-target agency's opening paragraph, and
    rules diff said 0 of 3 agencies change."""
    folder = _committed_folders(tmp_path, "version: 1\n", "version: 1\n")
    (folder / "recommendations" / "office.yaml").write_text(
        'version: 1\ntexts:\n  overall_failed: "ซึ่งยังไม่ถึงค่าเป้าหมาย {target} คะแนน ขาดอีก {gap} คะแนน"\n',
        encoding="utf-8")
    args = ["rules", "diff", WIDE_2569, "--rules", str(folder / "rules"), "--against", "git:HEAD"]
    data = json.loads(run(*args, "--format", "json").output)
    assert data["summary"]["analysis"] == 3
    first = data["agencies"][0]["analysis"]["reworded"]
    assert first and first[0]["section"].startswith("1. ") and "ขาดอีก" in first[0]["line"]
    assert "    ~ 1. การวิเคราะห์ผลการประเมิน ITA" in run(*args).output


WIDE_2569 = str(Path(__file__).parent.parent / "examples" / "province_wide-2569.csv")
IDLE = """version: 1
frameworks: [2569]
rules:
  - id: fy2569.info-channels
    title: e4, e5 (เกณฑ์จังหวัด 90)
    threshold: 90
    priority: 20
    when:
      question: [e4, e5]
    propose: [info-channels]
  - id: office.e4-very-low
    title: e4 ต่ำกว่า 5
    when:
      question: {codes: [e4], below: 5}
    propose: [info-channels]
  - id: office.i1-watch
    title: i1 ต่ำกว่า 95
    when:
      question: {codes: [i1], below: 95}
    propose: [iit-service-standards]
"""


def test_a_rule_changed_that_changes_no_plan_is_said_with_its_evidence(tmp_path: Path) -> None:
    """e4/e5's threshold raised from 85 to 90 over a province's results changed no agency's plan, and the diff said
    nothing of the rule (a provincial auditor's trial): the auditor could not tell it from a rule not read. Each
    rule the change adds or alters that changes no plan is now said, last, with its condition now and the plans it
    proposes in; a rule that changes plans (i1 below 95) is not."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "office.yaml").write_text(IDLE, encoding="utf-8")
    english = CliRunner().invoke(main, ["--lang", "en", "rules", "diff", WIDE_2569, "--rules", str(rules)],
                                 env={"ITAPLAN_LANG": "en"})
    assert english.exit_code == 0, english.output
    lines = english.output.splitlines()
    assert ("  rule fy2569.info-channels (rule changed; now e4, e5 below 90) changes no plan of these results: it "
            "proposes the same measures as before, in 3 of 3 plans") in lines, english.output
    assert ("  rule office.e4-very-low (new rule; now e4 below 5) changes no plan of these results: it proposes a "
            "measure in none of these 3 plans") in lines
    assert "office.i1-watch" in english.output and "rule office.i1-watch (" not in english.output  # it changes plans
    assert lines[-1].startswith("  rule office.e4-very-low")  # after the verdict and the counts
    thai = CliRunner().invoke(main, ["--lang", "th", "rules", "diff", WIDE_2569, "--rules", str(rules)],
                              env={"ITAPLAN_LANG": "en"}).output
    assert ("  กฎ fy2569.info-channels (แก้ไขกฎ เงื่อนไขปัจจุบันคือ e4, e5 ต่ำกว่า 90) ไม่ทำให้แผนใดของผลการประเมินชุดนี้"
            "เปลี่ยนไป กฎนี้เสนอมาตรการเดิมเช่นเดียวกับก่อนแก้ไข ใน 3 จาก 3 แผน") in thai, thai
    assert "changes no plan" not in thai
    data = json.loads(run("rules", "diff", WIDE_2569, "--rules", str(rules), "--format", "json").output)
    assert [(r["id"], r["proposing"], r["plans"]) for r in data["changing_no_plan"]] == \
        [("fy2569.info-channels", 3, 3), ("office.e4-very-low", 0, 3)]
