"""The officer who works only in the web app, a tenth trial: an indicator's fall left without a measure is said,
an agency's own measure answers any weak point ticked, a pasted line's unknown code is refused in Thai only, the
officer's digits follow the document's setting, the report says why a measure is unfinished, and a full stop of a
Thai abbreviation stays."""

from __future__ import annotations

from pathlib import Path

from helpers import unwrapped
from starlette.testclient import TestClient
from test_web_app import client, csrf_of, plan_files  # noqa: F401 - the fixture
from test_web_officer9 import nasing, problems_of

O26 = "O26\tรายการที่ 26\tไม่ผ่าน"


def test_an_unknown_code_pasted_is_refused_all_in_thai(client: TestClient, tmp_path: Path) -> None:
    text = nasing((O26, O26 + "\n๐๒๗\tรายการที่ 27\tผ่าน"))
    csrf = csrf_of(client.get("/?lang=th").text)
    refused = client.post("/upload?lang=th", data={"csrf": csrf, "text": text}, follow_redirects=False)
    assert refused.status_code == 400
    said = problems_of(refused.text)
    assert "๐๒๗" in said or "027" in said, said
    assert "ข้อความที่วาง" in said and "pasted" not in said, said
    assert "the OIT" not in said and "codes of that year" not in said and "รหัสข้อของ OIT" in said, said
    assert plan_files(tmp_path) == []


def test_a_steps_full_stop_is_dropped_but_not_a_thai_abbreviations() -> None:
    from itaplan.render.cards import _step

    assert _step("3. สรุปผลและรายงานนายก อบต.") == "สรุปผลและรายงานนายก อบต."
    assert _step("เสนอ อบจ. และ ทต.;") == "เสนอ อบจ. และ ทต."
    assert _step("โดยเผยแพร่ภายใน พ.ศ.") == "เผยแพร่ภายใน พ.ศ."
    assert _step("จัดทำรายงานสรุปผล.") == "จัดทำรายงานสรุปผล"
    assert _step("- ประชุม ฯลฯ.") == "ประชุม ฯลฯ"


NASING = Path(__file__).parent / "data" / "nasing2569.txt"
OWN = {"title": "มาตรการยกระดับตัวชี้วัดที่ 9 และ 10", "method": "ประชุมคณะทำงาน 3 ครั้ง\nรายงานนายก อบต.",
       "timeline": "ตุลาคม 2569 - กันยายน 2570", "evidence": "รายงานสรุปผล 1 ฉบับ", "owner": "สำนักปลัด งาน 2"}


def _drafted(tmp_path: Path) -> Path:
    from click.testing import CliRunner
    from itaplan.cli import main

    plan = tmp_path / "plan.yaml"
    result = CliRunner().invoke(main, ["--lang", "en", "draft", str(NASING), "-o", str(plan)])
    assert result.exit_code == 0, result.output
    return plan


def test_an_own_measures_typed_digits_follow_the_documents_setting_everywhere(tmp_path: Path) -> None:
    import shutil
    import subprocess

    import docx
    from click.testing import CliRunner
    from itaplan.app import amend
    from itaplan.cli import main

    plan = _drafted(tmp_path)
    amend.add_own(plan, OWN, "9")
    word = tmp_path / "plan.docx"
    assert CliRunner().invoke(main, ["render", str(plan), "--cards", "-o", str(word)]).exit_code == 0
    document = docx.Document(str(word))
    texts = [p.text for p in document.paragraphs] + [c.text for table in document.tables for r in table.rows
                                                       for c in r.cells]
    said = "\n".join(texts)
    assert "๙ และ ๑๐" in said and "สำนักปลัด งาน ๒" in said
    assert not [x for x in texts if "9 และ 10" in x or "งาน 2" in x], [x[:80] for x in texts if "9 และ 10" in x]
    if shutil.which("pdftotext"):
        pdf = tmp_path / "plan.pdf"
        assert CliRunner().invoke(main, ["render", str(plan), "--cards", "-o", str(pdf)]).exit_code == 0
        flat = "".join(subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True,
                                      check=True).stdout.split())
        assert "๙และ๑๐" in flat and "9และ10" not in flat


SEED = Path(__file__).parent / "data" / "seed000_fy2568.txt"


def _with_last_year(tmp_path: Path) -> Path:
    """nasing's FY2569 results with FY2568's: indicators 2, 4, 5, 8, 9 and 10 fell by 5 points or more."""
    from click.testing import CliRunner
    from itaplan.cli import main

    plan = tmp_path / "nasing.yaml"
    result = CliRunner().invoke(main, ["--lang", "en", "draft", str(NASING), "--previous", str(SEED), "-o", str(plan)])
    assert result.exit_code == 0, result.output
    return plan


def _article(page: str, mid: str) -> str:
    import re

    return re.search(rf'<article[^>]*id="m-{mid}".*?</article>', page, re.DOTALL).group(0)


def test_dropping_the_measure_of_the_falls_is_said_checked_and_an_own_measure_answers_a_fall(
        client: TestClient, tmp_path: Path) -> None:
    import html
    import re

    from itaplan.checking.check import check_plan
    from itaplan.content.catalogue import load_catalogue
    from itaplan.drafting.analysis import unanswered_points
    from itaplan.drafting.plan import load_plan

    path = _with_last_year(tmp_path)
    location = "/plan/" + path.name
    page = client.get(location + "?lang=th").text
    assert 'id="unanswered"' not in page
    dropped = client.post(f"{location}/measure/decline-review/decide", follow_redirects=False,
                          data={"csrf": csrf_of(page), "action": "drop", "reason": "ไม่จำเป็น"})
    assert dropped.status_code == 303
    plan = load_plan(path)
    falls = [("fell-2", 0), ("fell-4", 0), ("fell-5", 0), ("fell-8", 0), ("fell-9", 0), ("fell-10", 0)]
    assert unanswered_points(plan) == falls
    page = client.get(location + "?lang=th").text
    warning = html.unescape(re.search(r'<div class="warning" id="unanswered">.*?</div>', page, re.S).group(0))
    assert "ตัวชี้วัดที่ 9 (คะแนนลดลง)" in warning and 'value="keep"' in warning
    findings = check_plan(plan, load_catalogue([]), formats=("json",))
    assert any("indicator 9's score" in f for f in findings), findings
    # the own form offers every weak point, those without a measure first and marked, none ticked
    own_form = re.search(r'<form [^>]*class="grid add-own".*?</form>', page, re.DOTALL).group(0)
    values = re.findall(r'name="answers" value="([^"]+)"', own_form)
    assert values[:6] == [f"{code}:0" for code, _ in falls] and "O22:0" in values and "i14:0" in values
    assert "checked" not in re.sub(r'<input[^>]*type="radio"[^>]*>', "", own_form)
    typed = {"csrf": csrf_of(page), "source": "own", "indicator": "9", "title": "มาตรการยกระดับตัวชี้วัดที่ 9 และ 10",
             "owner": "สำนักปลัด", "timeline": "ม.ค. 2570", "method": "ทบทวนข้อที่คะแนนลดลง\nรายงานนายก อบต.",
             "evidence": "รายงาน", "answers": ["fell-9:0", "O16:0"]}
    assert client.post(f"{location}/add", data=typed, follow_redirects=False).status_code == 303
    plan = load_plan(path)
    own = plan["measures"][-1]
    assert unanswered_points(plan) == [p for p in falls if p != ("fell-9", 0)]
    assert own["codes"] == ["O16"] and any(f.get("kind") == "change" and f.get("number") == 9 for f in own["facts"])
    nine = next(i for i in plan["analysis"]["issues"] if i["number"] == 9)
    assert [p["measures"] for p in nine["points"] if p["code"] == "O16"] == [["oit-complaints", own["id"]]]
    assert own["id"] in [p for p in nine["points"] if not p["code"]][0]["measures"]
    page = client.get(location + "?lang=th").text
    article = html.unescape(re.sub(r"<[^>]+>", " ", _article(page, own["id"])))
    assert "นอกเหนือจากประเด็นที่พบ" not in article


def test_review_says_a_fall_left_without_a_measure_after_a_drop(tmp_path: Path) -> None:
    from click.testing import CliRunner
    from itaplan.cli import main

    path = _with_last_year(tmp_path)
    plan_text = path.read_text(encoding="utf-8")
    assert "decline-review" in plan_text
    from itaplan.drafting.plan import load_plan

    number = [m["id"] for m in load_plan(path)["measures"] if m.get("status") != "dropped"].index("decline-review") + 1
    result = CliRunner().invoke(main, ["--lang", "en", "review", str(path), "--edit", "--measure", str(number)],
                                input="d\nไม่จำเป็น\n" + "\n" * 4)  # Enter: no statement on what is left
    said = " ".join(result.output.split())
    assert "indicator 9 (its score fell)" in said and "now have no measure kept to answer them" in said, said[-2000:]


def test_an_unfinished_measure_has_its_obstacles_warned_of_and_printed_in_the_report(client: TestClient,
                                                                                     tmp_path: Path) -> None:
    import html
    import re

    from click.testing import CliRunner
    from itaplan.cli import main
    from itaplan.drafting.plan import load_plan
    from test_web_app import EXAMPLE, upload
    from test_web_hostile import forms_of
    from test_web_newcomer import document_text

    upload(client, EXAMPLE)
    path = tmp_path / "example.plan.yaml"
    from urllib.parse import quote

    first, second, third = (quote(m["id"], safe="") for m in load_plan(path)["measures"][:3])
    base = "/plan/example.plan.yaml"
    page = client.get(base + "?lang=th").text
    assert 'id="unexplained"' not in page  # no progress recorded yet: the report says that instead
    action = f"{base}/measure/{first}/progress"
    form = forms_of(page)[action]
    assert client.post(action, data={**form, "status": "done", "done": "จัดทำแล้ว", "finished": "1/10/2569"},
                       follow_redirects=False).status_code == 303
    page = client.get(base + "?lang=th").text
    # a warning once the year is over; during it, a hint beside the report's download (test_web_officer16)
    warning = html.unescape(re.search(r'<p class="(?:warning|hint)" id="unexplained">.*?</p>', page, re.S).group(0))
    assert "มาตรการที่ 2, 3" in warning and "ปัญหาอุปสรรค" in warning
    said = html.unescape(re.sub(r"<[^>]+>", " ", unwrapped(page)))
    assert "ปัญหาอุปสรรค (กรณียังไม่แล้วเสร็จ) หรือเหตุผลที่ยกเลิก" in said
    action = f"{base}/measure/{second}/progress"
    assert client.post(action, data={**forms_of(page)[action], "status": "in progress", "done": "เริ่มแล้ว",
                                     "reason": "รอจัดสรรงบประมาณ 2 เดือน"}, follow_redirects=False).status_code == 303
    cli = CliRunner().invoke(main, ["progress", str(path), "--measure", "3", "--note", "ขาดบุคลากร"])
    assert cli.exit_code == 0, cli.output
    page = client.get(base + "?lang=th").text
    # a warning once the year is over; during it, a hint beside the report's download (test_web_officer16)
    warning = html.unescape(re.search(r'<p class="(?:warning|hint)" id="unexplained">.*?</p>', page, re.S).group(0))
    assert "มาตรการที่ 4, 5" in warning  # 2 and 3 have their reasons now
    report = document_text(client.get(f"{base}/download/report").content)
    assert "ปัญหาอุปสรรค: รอจัดสรรงบประมาณ ๒ เดือน" in report and "(ปัญหาอุปสรรค: รอจัดสรรงบประมาณ ๒ เดือน)" in report
    assert "เหตุผลที่ยกเลิก: รอ" not in report and "หมายเหตุ: ขาดบุคลากร" in report
    sheet = client.get(f"{base}/download/xlsx")
    if sheet.status_code == 200:
        from test_web_newcomer import sheet_text

        assert "หมายเหตุ/ปัญหาอุปสรรค" in sheet_text(sheet.content)
