"""A fresh officer's dead ends on the web (last year's measures from the document published with last year's results,
last year's total as ITAS published it, the signatories of an imported plan): each has its way on the page now."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

from conftest import ROOT
from docx import Document
from helpers import unwrapped
from itaplan.drafting.plan import load_plan
from starlette.testclient import TestClient
from test_web_app import client, csrf_of  # noqa: F401 - the fixture

DATA = ROOT / "tests" / "data"


def combined(out: Path, results: str = "seed000_fy2568.txt", measures: str = "nasingh_measures2569_r5.txt") -> Path:
    """A document as agencies publish it: last year's results (their analysis) and last year's measures table."""
    doc = Document()
    for line in (DATA / results).read_text(encoding="utf-8").splitlines():
        doc.add_paragraph(line.replace("\t", " "))
    rows = [line.split("\t") for line in (DATA / measures).read_text(encoding="utf-8").splitlines() if "\t" in line]
    table = doc.add_table(rows=0, cols=5)
    for row in rows:
        for cell, text in zip(table.add_row().cells, row[:5]):
            cell.text = text
    doc.save(out)
    return out


def drafted(client: TestClient, name: str = "nasingh2569_r5.txt") -> str:
    home = client.get("/").text
    done = client.post("/upload", data={"csrf": csrf_of(home)}, files={"results": (name, (DATA / name).read_bytes())},
                       follow_redirects=False)
    assert done.status_code == 303, done.text
    return done.headers["location"]


def bad_lines(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_last_years_measures_from_the_published_document_on_the_plan_page(client: TestClient, tmp_path: Path) -> None:
    plan = drafted(client)
    page = unwrapped(client.get(plan).text)
    assert 'id="last-measures"' in page and "มาตรการของปีที่แล้ว สำหรับรายงานผลการดำเนินการตามมาตรการ" in page
    document = combined(tmp_path.parent / "published.docx")
    done = client.post(plan + "/last-measures", data={"csrf": csrf_of(page)},
                       files={"measures": ("published.docx", document.read_bytes())}, follow_redirects=False)
    assert done.status_code == 303, bad_lines(done.text)
    imported_page = done.headers["location"]
    imported = load_plan(tmp_path / unquote(imported_page.rsplit("/", 1)[1]))
    # the measures of fiscal year 2569 (the year this plan's results are of), of this agency: not the document's
    # results, whose year (2568) its heading says first
    assert imported["plan_year"] == 2569 and imported.get("imported")
    assert [m["title"] for m in imported["measures"]][:1] == ["กิจกรรมการให้บริการอย่างเท่าเทียมกัน (i๑)"]
    assert "นาสิงห์" in imported["agency"]["name"]
    shown = client.get(imported_page)
    assert shown.status_code == 200 and "/download/report" in shown.text
    report = client.get(imported_page + "/download/report")
    assert report.status_code == 200 and report.content[:2] == b"PK"
    # this year's plan lists them, with their report
    page = client.get(plan).text
    section = page[page.index('id="last-measures"'):]
    assert imported_page.rsplit("/", 1)[1] in section and "/download/report" in section


def test_another_agencys_or_years_measures_are_refused_on_the_plan_page(client: TestClient, tmp_path: Path) -> None:
    plan = drafted(client)
    before = sorted(p.name for p in tmp_path.iterdir())
    other = tmp_path.parent / "other.txt"
    other.write_text((DATA / "nasingh_measures2569_r5.txt").read_text(encoding="utf-8")
                     .replace("องค์การบริหารส่วนตำบลนาสิงห์", "องค์การบริหารส่วนตำบลห้วยทราย"), encoding="utf-8")
    page = client.get(plan).text
    refused = client.post(plan + "/last-measures", data={"csrf": csrf_of(page)},
                          files={"measures": ("other.txt", other.read_bytes())}, follow_redirects=False)
    said = bad_lines(refused.text)
    assert refused.status_code == 400 and "other.txt" in said and "ห้วยทราย" in said and "นาสิงห์" in said, said
    older = tmp_path.parent / "older.txt"
    older.write_text((DATA / "nasingh_measures2569_r5.txt").read_text(encoding="utf-8").replace("๒๕๖๙", "๒๕๖๗", 1),
                     encoding="utf-8")
    refused = client.post(plan + "/last-measures", data={"csrf": csrf_of(page)},
                          files={"measures": ("older.txt", older.read_bytes())}, follow_redirects=False)
    said = bad_lines(refused.text)
    assert refused.status_code == 400 and "older.txt" in said and "2567" in said and "2569" in said, said
    # the FY2569 measures are drafted from the FY2568 results, never from those of their own year
    assert "มาตรการประจำปีงบประมาณ 2569 (จัดทำจากผลการประเมินปี 2568)" in said, said
    nothing = client.post(plan + "/last-measures", data={"csrf": csrf_of(page)},
                          files={"measures": ("results.txt", (DATA / "nasingh2569_r5.txt").read_bytes())},
                          follow_redirects=False)
    said = bad_lines(nothing.text)
    assert nothing.status_code == 400 and "results.txt" in said and "Traceback" not in said, said
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing saved


def test_the_home_upload_takes_a_combined_document_as_last_years_measures(client: TestClient, tmp_path: Path) -> None:
    document = combined(tmp_path.parent / "published.docx")
    home = client.get("/").text
    assert 'name="kind" value="measures"' in home
    # as results (the default), the document drafts a plan from its results, as before
    done = client.post("/upload", data={"csrf": csrf_of(home), "kind": "measures"},
                       files={"results": ("published.docx", document.read_bytes())}, follow_redirects=False)
    assert done.status_code == 303, bad_lines(done.text)
    imported = load_plan(tmp_path / unquote(done.headers["location"].rsplit("/", 1)[1]))
    # the results it holds are of 2568: its measures are those of 2569
    assert imported.get("imported") and imported["plan_year"] == 2569 and len(imported["measures"]) == 4
    plain = client.post("/upload", data={"csrf": csrf_of(home), "kind": "measures"},
                        files={"results": ("results.yaml", b"fiscal_year: 2569\n")}, follow_redirects=False)
    said = bad_lines(plain.text)
    assert plain.status_code == 400 and "results.yaml" in said and "Traceback" not in said, said


def test_last_years_published_total_is_typed_on_the_page(client: TestClient, tmp_path: Path) -> None:
    import yaml

    high = {1: 96.24, 2: 99.78, 3: 100.0, 4: 93.33, 5: 99.35, 6: 96.52, 7: 93.77, 8: 93.02, 9: 100.0, 10: 100.0}
    results = tmp_path.parent / "r.yaml"  # last year given by its indicators alone: no total published
    results.write_text(yaml.safe_dump({"fiscal_year": 2569, "agency": "องค์การบริหารส่วนตำบลนาสิงห์",
                                       "indicators": high, "previous": {"fiscal_year": 2568, "indicators": dict(high)}},
                                      allow_unicode=True), encoding="utf-8")
    home = client.get("/").text
    plan = client.post("/upload", data={"csrf": csrf_of(home)}, files={"results": ("r.yaml", results.read_bytes())},
                       follow_redirects=False).headers["location"]
    path = tmp_path / unquote(plan.rsplit("/", 1)[1])
    page = unwrapped(client.get(plan).text)
    assert 'name="total"' in page[page.index('id="previous-total"'):] and "คะแนนรวมปีที่แล้วที่ประกาศในระบบ ITAS" in page
    for typed in ("101", "abc", "87,5"):  # as a results file's previous: total: is checked
        refused = client.post(plan + "/previous-total", data={"csrf": csrf_of(page), "total": typed})
        assert refused.status_code == 400 and typed in bad_lines(refused.text)
    assert "computed_total" not in load_plan(path)["scores"]["previous"]
    saved = client.post(plan + "/previous-total", data={"csrf": csrf_of(page), "total": "๘๘.๕๑"},
                        follow_redirects=False)
    assert saved.status_code == 303
    prev = load_plan(path)["scores"]["previous"]
    assert prev["total"] == 88.51 and prev["computed_total"] != 88.51
    assert any("88.51" in line for line in load_plan(path)["analysis"]["summary"])  # the documents print it
    assert 'value="88.51"' in client.get(plan).text
    cleared = client.post(plan + "/previous-total", data={"csrf": csrf_of(page), "total": ""}, follow_redirects=False)
    assert cleared.status_code == 303 and "computed_total" not in load_plan(path)["scores"]["previous"]


CARDS = "seed000_cards.txt"  # seed 000: FY2568 results, then five project cards running ตุลาคม ๒๕๖๗ - กันยายน ๒๕๖๘
CARD_TITLES = ["กิจกรรมการให้บริการอย่างเท่าเทียมกัน", "โครงการเสริมสร้างความโปร่งใสในการบริหารงบประมาณ",
               "กิจกรรมการจัดทำแผนการตรวจสอบภายในประจำปี",
               "มาตรการบริหารจัดการความเสี่ยงการทุจริตขององค์การบริหารส่วนตำบลนาสิงห์",
               "โครงการพัฒนาระบบการให้บริการประชาชนผ่านระบบอิเล็กทรอนิกส์ (E-Service)"]


def test_the_home_upload_takes_project_cards_as_measures_of_their_own_year(client: TestClient, tmp_path: Path) -> None:
    home = client.get("/").text
    done = client.post("/upload", data={"csrf": csrf_of(home), "kind": "measures"},
                       files={"results": (CARDS, (DATA / CARDS).read_bytes())}, follow_redirects=False)
    assert done.status_code == 303, bad_lines(done.text)
    imported = load_plan(tmp_path / unquote(done.headers["location"].rsplit("/", 1)[1]))
    # the cards' timeline (Oct 2567 - Sep 2568) is fiscal year 2568: not the year after the results (2569)
    assert imported["plan_year"] == 2568 and [m["title"] for m in imported["measures"]] == CARD_TITLES
    page = bad_lines(client.get(done.headers["location"]).text)
    assert "งบประมาณดำเนินการ" in page and "เว้นว่างไว้" in page  # the fourth card's empty budget, said
    # each card's indicators are read from the line above it (two name several): the page has its edit form and
    # never points to a line of the plan file
    assert "แก้ไขรายละเอียด" in page and "indicator:" not in page
    assert "upload.txt" not in page and "itaplan-upload" not in page  # the file as the officer knows it, never
    assert CARDS in page  # the server's temporary copy (web officer's eighth trial)
    report = client.get(done.headers["location"] + "/download/report")
    assert report.status_code == 200 and report.content[:2] == b"PK"


def test_project_cards_of_several_years_ask_for_the_plan_page(client: TestClient, tmp_path: Path) -> None:
    text = (DATA / CARDS).read_text(encoding="utf-8")
    last = text.rindex("ตุลาคม ๒๕๖๗ - กันยายน ๒๕๖๘")
    mixed = (text[:last] + "ตุลาคม ๒๕๖๘ - กันยายน ๒๕๖๙" + text[last + len("ตุลาคม ๒๕๖๗ - กันยายน ๒๕๖๘"):]).encode()
    home = client.get("/").text
    refused = client.post("/upload", data={"csrf": csrf_of(home), "kind": "measures"},
                          files={"results": ("mixed.txt", mixed)}, follow_redirects=False)
    said = bad_lines(refused.text)
    assert refused.status_code == 400 and "2568" in said and "2569" in said and "--plan-year" not in said, said
    assert "โครงการในเอกสารนี้ดำเนินการต่างปีงบประมาณกัน" in said


def test_a_plan_drafted_from_the_seeds_results_takes_its_cards_and_refuses_another_years(client: TestClient,
                                                                                         tmp_path: Path) -> None:
    plan = drafted(client, CARDS)  # the FY2568 results: the FY2569 plan, whose last year's measures are FY2568's
    assert load_plan(tmp_path / unquote(plan.rsplit("/", 1)[1]))["fiscal_year"] == 2568
    page = client.get(plan).text
    text = (DATA / CARDS).read_text(encoding="utf-8")
    older = text.replace("ตุลาคม ๒๕๖๗ - กันยายน ๒๕๖๘", "ตุลาคม ๒๕๖๖ - กันยายน ๒๕๖๗").encode()
    before = sorted(p.name for p in tmp_path.iterdir())
    refused = client.post(plan + "/last-measures", data={"csrf": csrf_of(page)},
                          files={"measures": ("older.txt", older)}, follow_redirects=False)
    said = bad_lines(refused.text)
    assert refused.status_code == 400 and "older.txt" in said and "2567" in said and "2568" in said, said
    assert "มาตรการของปีที่แล้วของแผนนี้คือมาตรการประจำปีงบประมาณ 2568 (จัดทำจากผลการประเมินปี 2567)" in said, said
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing saved
    done = client.post(plan + "/last-measures", data={"csrf": csrf_of(page)},
                       files={"measures": (CARDS, (DATA / CARDS).read_bytes())}, follow_redirects=False)
    assert done.status_code == 303, bad_lines(done.text)
    imported_page = done.headers["location"]
    imported = load_plan(tmp_path / unquote(imported_page.rsplit("/", 1)[1]))
    assert imported["plan_year"] == 2568 and [m["title"] for m in imported["measures"]] == CARD_TITLES
    page = client.get(plan).text
    assert imported_page.rsplit("/", 1)[1] in page[page.index('id="last-measures"'):]
