"""A fresh web-only officer's trial (Thai): results whose reading gives no agency name, last year's results given on
the plan page, the same results pasted twice after the ITAS total was entered, a form's address reopened."""

from __future__ import annotations

import io
import re
from pathlib import Path
from urllib.parse import unquote

from conftest import ROOT
from docx import Document
from helpers import unwrapped
from itaplan.drafting.plan import load_plan
from starlette.testclient import TestClient
from test_web_app import EXAMPLE, client, csrf_of, plan_files, upload  # noqa: F401 - the fixture

NASING = ROOT.parent / "trials" / "pdfs" / "nasing2569.txt"
EXAMPLE_2569 = ROOT / "examples" / "example.yaml"


def _no_name_text() -> str:
    """ITAS text whose reading yields the district and province but no agency name (as a PDF read badly does)."""
    text = (ROOT / "tests" / "data" / "seed000_fy2568.txt").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if "องค์การบริหารส่วนตำบล" not in line and "เทศบาล" not in line]
    return "อำเภอสร้างคอม จังหวัดอุดรธานี\n" + "\n".join(lines)


def _paste(client: TestClient, text: str):
    csrf = csrf_of(client.get("/").text)
    return client.post("/upload", data={"csrf": csrf, "text": text}, follow_redirects=False)


def _this_year_without_last(tmp_path: Path) -> Path:
    """The FY2569 example's results without the last year it gives (as results pasted from ITAS have none)."""
    text = EXAMPLE_2569.read_text(encoding="utf-8")
    path = tmp_path.parent / f"{tmp_path.name}-in" / "huaysai2569.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text[: text.index("\nprevious:")] + "\n", encoding="utf-8")
    return path


def test_results_without_the_agencys_name_make_a_plan_that_opens_and_asks_for_the_name(
        client: TestClient, tmp_path: Path) -> None:
    sent = _paste(client, _no_name_text())
    assert sent.status_code == 303
    name = sent.headers["location"].removeprefix("/plan/")
    load_plan(tmp_path / name)  # it loads back: the plan format holds it
    page = client.get(f"/plan/{name}")
    assert page.status_code == 200 and str(tmp_path) not in page.text
    asked = re.search(r'<section class="card agency-name" id="agency-name">.*?</section>', page.text, re.S)
    assert asked and "ไม่พบชื่อหน่วยงานในผลการประเมิน" in unwrapped(asked.group(0)) and 'name="agency"' in asked.group(0)
    home = client.get("/").text
    assert 'class="broken"' not in home and f'href="/plan/{name}"' in home
    csrf = csrf_of(page.text)
    empty = client.post(f"/plan/{name}/agency", data={"csrf": csrf, "agency": "  "})
    assert empty.status_code == 400 and "ชื่อหน่วยงาน: กรุณาพิมพ์ชื่อเต็มของหน่วยงาน" in empty.text
    given = client.post(f"/plan/{name}/agency", data={"csrf": csrf, "agency": "องค์การบริหารส่วนตำบลนาสิงห์"},
                        follow_redirects=False)
    assert given.status_code == 303
    plan = load_plan(tmp_path / name)
    assert plan["agency"]["name"] == "องค์การบริหารส่วนตำบลนาสิงห์" and plan["agency"]["district"] == "สร้างคอม"
    assert any("องค์การบริหารส่วนตำบลนาสิงห์" in line for line in plan["analysis"]["summary"])
    again = client.get(f"/plan/{name}").text
    assert 'id="agency-name"' not in again and "องค์การบริหารส่วนตำบลนาสิงห์" in again


def test_the_badly_read_pdf_is_a_plan_that_opens(tmp_path: Path) -> None:
    pdf = ROOT.parent / "trials" / "pdfs" / "nasing2569_itas.pdf"
    if not pdf.exists():
        import pytest

        pytest.skip("the trial's PDF is not on this machine")
    from itaplan.web import create_app

    app = TestClient(create_app(tmp_path, max_upload=5_000_000), base_url="http://127.0.0.1",
                     raise_server_exceptions=False)
    csrf = csrf_of(app.get("/").text)
    sent = app.post("/upload", data={"csrf": csrf}, files={"results": (pdf.name, pdf.read_bytes())},
                    follow_redirects=False)
    if sent.status_code == 303:  # read (well or badly): the plan opens
        name = sent.headers["location"].removeprefix("/plan/")
        load_plan(tmp_path / name)
        assert app.get(f"/plan/{name}").status_code == 200
        assert 'class="broken"' not in app.get("/").text
    else:  # refused: located, by the file's name, nothing saved
        assert sent.status_code in (400, 413) and str(tmp_path) not in sent.text and plan_files(tmp_path) == []


def test_a_file_that_does_not_load_is_said_plainly_by_its_name_and_can_be_removed(
        client: TestClient, tmp_path: Path) -> None:
    assert upload(client, EXAMPLE).status_code == 303
    broken = tmp_path / "broken.plan.yaml"
    text = (tmp_path / "example.plan.yaml").read_text(encoding="utf-8")
    broken.write_text(re.sub(r"(?m)^  name: องค์การบริหารส่วนตำบลห้วยทราย\n", "", text, count=1), encoding="utf-8")
    home = client.get("/").text
    row = re.search(r'<tr class="broken">.*?</tr>', home, re.S)
    assert row and "broken.plan.yaml" in row.group(0) and "เปิดไฟล์นี้เป็นแผนไม่ได้" in row.group(0)
    assert 'href="/plan/broken.plan.yaml/remove"' in row.group(0)
    assert str(tmp_path) not in home.replace(f'<p class="hint">{tmp_path}</p>', "")  # only the folder's own hint
    assert "broken.plan.yaml:" in row.group(0)  # the file, by its name: where the problem is
    opened = client.get("/plan/broken.plan.yaml")
    assert opened.status_code == 400 and str(tmp_path) not in opened.text
    assert "เปิดแผนนี้ไม่ได้" in opened.text and 'href="/plan/broken.plan.yaml/remove"' in opened.text
    asked = client.get("/plan/broken.plan.yaml/remove")
    assert asked.status_code == 200 and str(tmp_path) not in asked.text
    done = client.post("/plan/broken.plan.yaml/remove", data={"csrf": csrf_of(home)}, follow_redirects=False)
    assert done.status_code == 303 and plan_files(tmp_path) == ["example.plan.yaml"]
    kept = list((tmp_path / ".deleted").iterdir())
    assert len(kept) == 1 and kept[0].name.endswith("broken.plan.yaml")  # restorable from the removed plans
    assert "broken.plan.yaml" in re.search(r'id="removed-plans".*?</section>', client.get("/").text, re.S).group(0)


def test_last_years_plan_in_the_workspace_is_offered_and_compared_with(client: TestClient, tmp_path: Path) -> None:
    last = upload(client, EXAMPLE)  # FY2568 results of the same agency
    assert last.status_code == 303
    last_name = last.headers["location"].removeprefix("/plan/")
    sent = upload(client, _this_year_without_last(tmp_path))
    name = sent.headers["location"].removeprefix("/plan/")
    path = tmp_path / name
    before = load_plan(path)
    assert not before["scores"].get("previous")
    page = client.get(f"/plan/{name}").text
    form = re.search(r'<details class="previous" id="previous" open>.*?</details>', page, re.S)
    assert form, "last year's plan of the same agency is offered, open"
    assert re.search(rf'<option value="{re.escape(last_name)}" selected>', form.group(0))
    csrf = csrf_of(page)
    client.post(f"/plan/{name}/measure/{before['measures'][0]['id']}/decide",
                data={"csrf": csrf, "action": "keep"})  # a decision, to be kept
    given = client.post(f"/plan/{name}/previous", data={"csrf": csrf, "plan": last_name}, follow_redirects=False)
    assert given.status_code == 303
    plan = load_plan(path)
    last_total = load_plan(tmp_path / last_name)["scores"]["total"]
    prev = plan["scores"]["previous"]
    assert prev["fiscal_year"] == 2568 and prev["total"] == last_total
    assert prev["change"] == round(plan["scores"]["total"] - last_total, 2)
    assert all(i["previous"] is not None for i in plan["scores"]["indicators"])
    assert [m["id"] for m in plan["measures"]] == [m["id"] for m in before["measures"]]
    assert plan["measures"][0]["status"] == "kept"
    shown = client.get(f"/plan/{name}").text
    table = re.search(r'<table class="indicators">.*?</table>', shown, re.S).group(0)
    assert "<th class=\"n\">2568</th>" in table and "เปลี่ยนแปลง" in table
    said = re.search(r'<details class="previous".*?</details>', shown, re.S).group(0)
    assert "ผลการประเมินปี 2568" in said and f"{last_total:.2f}" in said
    word = client.get(f"/plan/{name}/download/docx")
    assert word.status_code == 200
    doc = Document(io.BytesIO(word.content))
    cells = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    text = "\n".join(p.text for p in doc.paragraphs) + cells
    digits = text.translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))
    assert f"{last_total:.2f}" in digits and "2568" in digits
    # taken away again: the plan compares with nothing, the decision still kept
    cleared = client.post(f"/plan/{name}/previous", data={"csrf": csrf, "action": "clear"}, follow_redirects=False)
    assert cleared.status_code == 303
    plan = load_plan(path)
    assert not plan["scores"].get("previous") and plan["measures"][0]["status"] == "kept"


def test_last_years_results_of_another_year_are_refused_by_the_files_name(client: TestClient, tmp_path: Path) -> None:
    sent = upload(client, _this_year_without_last(tmp_path))
    name = sent.headers["location"].removeprefix("/plan/")
    csrf = csrf_of(client.get(f"/plan/{name}").text)
    same_year = EXAMPLE_2569.read_bytes()
    refused = client.post(f"/plan/{name}/previous", data={"csrf": csrf},
                          files={"results": ("last.yaml", same_year)})
    assert refused.status_code == 400 and str(tmp_path) not in refused.text
    assert "last.yaml: เป็นผลการประเมินปี 2569 ไม่ใช่ปีก่อนหน้า" in refused.text
    assert not load_plan(tmp_path / name)["scores"].get("previous")
    nothing = client.post(f"/plan/{name}/previous", data={"csrf": csrf})
    assert nothing.status_code == 400 and "ผลการประเมินปีที่ผ่านมา: กรุณาเลือก" in nothing.text
    assert '<details class="previous" id="previous" open>' in nothing.text
    # given as a file of last year's results, as --previous FILE reads it
    given = client.post(f"/plan/{name}/previous", data={"csrf": csrf},
                        files={"results": ("last.yaml", EXAMPLE.read_bytes())}, follow_redirects=False)
    assert given.status_code == 303 and load_plan(tmp_path / name)["scores"]["previous"]["fiscal_year"] == 2568


def test_the_same_results_pasted_again_after_the_itas_total_name_the_plan_worked_on(
        client: TestClient, tmp_path: Path) -> None:
    text = NASING.read_text(encoding="utf-8") if NASING.exists() else None
    if text is None:
        text = (ROOT / "examples" / "itas.txt").read_text(encoding="utf-8")
    first = _paste(client, text)
    name = first.headers["location"].removeprefix("/plan/")
    csrf = csrf_of(client.get(f"/plan/{name}").text)
    entered = client.post(f"/plan/{name}/total", data={"csrf": csrf, "total": "88.12", "level": "", "label": ""},
                          follow_redirects=False)
    # the plan is named after the agency now (นาสิงห์-2569.plan.yaml), percent-encoded in its address
    assert entered.status_code == 303 and load_plan(tmp_path / unquote(name))["scores"]["total_source"] == "given"
    second = _paste(client, text)
    twin_name = second.headers["location"].removeprefix("/plan/")
    assert twin_name != name
    page = client.get(second.headers["location"]).text
    twin = re.search(r'<p class="warning" id="twin">.*?</p>', page, re.S)
    assert twin and f'href="/plan/{name}"' in twin.group(0), "the second paste is said, with the plan worked on"
    # the same results once more, now as a file: the plan worked on is named, not the second paste
    third = client.post("/upload", data={"csrf": csrf}, files={"results": ("itas.txt", text.encode("utf-8"))},
                        follow_redirects=False)
    twin = re.search(r'<p class="warning" id="twin">.*?</p>', client.get(third.headers["location"]).text, re.S)
    assert twin and f'href="/plan/{name}"' in twin.group(0) and f'href="/plan/{twin_name}"' not in twin.group(0)


def test_a_forms_address_opened_again_goes_back_to_its_page(client: TestClient, tmp_path: Path) -> None:
    assert upload(client, EXAMPLE).status_code == 303
    mid = load_plan(tmp_path / "example.plan.yaml")["measures"][0]["id"]
    for tail in ("total", "add", "signatories", "tracking", "agency", "previous", f"measure/{mid}/edit",
                 f"measure/{mid}/decide", f"measure/{mid}/progress"):
        again = client.get(f"/plan/example.plan.yaml/{tail}", follow_redirects=False)
        assert again.status_code == 303 and again.headers["location"] == "/plan/example.plan.yaml", tail
    for path in ("/upload", "/restore", "/example"):
        again = client.get(path, follow_redirects=False)
        assert again.status_code == 303 and again.headers["location"] == "/", path
    english = client.get("/plan/example.plan.yaml/total?lang=en")
    assert english.status_code == 200 and "Scorecard" in english.text and "Method Not Allowed" not in english.text
    thai = client.get("/plan/example.plan.yaml/total?lang=th")
    assert thai.status_code == 200 and "ผลคะแนน" in thai.text
