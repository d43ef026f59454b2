"""The web officer's twenty-fourth trial: a timeline with a day no calendar has ("31 ก.พ. 2570") was saved and
printed; the forms named one mistake of a submit, not all; a warning told the officer on the web to edit a
recommendations file; a results file given as last year's measures was not called a results file; an empty progress
form said it had saved; a plan uploaded as results2569.csv was named results2569.plan.yaml; the plan page scrolled
sideways on a phone."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from conftest import ROOT
from helpers import unwrapped
from itaplan.cli import main
from itaplan.drafting.plan import load_plan
from itaplan.drafting.timeline import impossible_days
from test_web_app import client, csrf_of  # noqa: F401 - the fixture
from test_web_browser import server  # noqa: F401 - the fixture

EXAMPLE = ROOT / "examples" / "example.yaml"


def _example_plan(client: TestClient, name: str = "example.yaml") -> str:  # noqa: F811
    csrf = csrf_of(client.get("/").text)
    response = client.post("/upload", data={"csrf": csrf}, files={"results": (name, EXAMPLE.read_bytes())},
                           follow_redirects=False)
    assert response.status_code == 303
    return response.headers["location"]


def _form(page: str, action: str) -> dict[str, str]:
    """The fields a form of the page sends, as it shows them."""
    found = re.search(rf'<form method="post" action="{re.escape(action)}".*?</form>', page, re.S)
    assert found, action
    fields = {m.group(1): html.unescape(m.group(2))
              for m in re.finditer(r'<input[^>]*?name="([^"]+)"[^>]*?value="([^"]*)"', found.group(0))}
    fields.update({m.group(1): html.unescape(m.group(2))
                   for m in re.finditer(r'<textarea[^>]*?name="([^"]+)"[^>]*>(.*?)</textarea>', found.group(0), re.S)})
    return fields


def _edit_form(client: TestClient, location: str, tmp_path: Path) -> tuple[str, dict[str, str]]:  # noqa: F811
    mid = load_plan(tmp_path / location.rsplit("/", 1)[-1])["measures"][0]["id"]
    return mid, _form(client.get(location).text, f"{location}/measure/{mid}/edit")


def _beside(page: str, field_id: str) -> str:
    found = re.search(rf'<p class="warning field-problem" id="{re.escape(field_id)}"[^>]*>(.*?)</p>', page, re.S)
    return unwrapped(html.unescape(found.group(1))) if found else ""


@pytest.mark.parametrize("timeline, wrong", [("1 ม.ค. 2570 – 31 ก.พ. 2570", ["31 ก.พ. 2570"]),
                                             ("30 ก.พ. 2570", ["30 ก.พ. 2570"]),
                                             ("1 – 31 เม.ย. 2570", ["31 เม.ย. 2570"]),
                                             ("๑ ก.พ. – ๒๙ ก.พ. ๒๕๗๐", ["29 ก.พ. 2570"]),
                                             ("1 ก.พ. – 29 ก.พ. 2571", []), ("1 ต.ค. 2569 – 30 ก.ย. 2570", []),
                                             ("ม.ค. 2570 – ก.ย. 2570", [])])
def test_a_timelines_impossible_days_are_found(timeline: str, wrong: list[str]) -> None:
    assert impossible_days(timeline) == wrong


def test_the_edit_form_refuses_a_timeline_with_a_day_no_calendar_has(client: TestClient,  # noqa: F811
                                                                   tmp_path: Path) -> None:
    location = _example_plan(client)
    path = tmp_path / location.rsplit("/", 1)[-1]
    mid, form = _edit_form(client, location, tmp_path)
    before = load_plan(path)["measures"][0]["timeline"]
    response = client.post(f"{location}/measure/{mid}/edit", data={**form, "timeline": "1 ม.ค. 2570 – 31 ก.พ. 2570"},
                           follow_redirects=False)
    assert response.status_code == 400
    assert load_plan(path)["measures"][0]["timeline"] == before  # nothing saved
    assert 'value="1 ม.ค. 2570 – 31 ก.พ. 2570"' in response.text  # what was typed, kept
    said = _beside(response.text, f"timeline-problem-{mid}")
    assert "31 ก.พ. 2570" in said and "ไม่มีวันนี้ในปฏิทิน" in said, said


def test_review_edit_refuses_a_timeline_with_a_day_no_calendar_has(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    assert CliRunner().invoke(main, ["-q", "draft", str(EXAMPLE), "-o", str(plan)]).exit_code == 0
    before = load_plan(plan)["measures"][0]["timeline"]
    result = CliRunner().invoke(main, ["review", str(plan), "--edit", "--measure", "1"], input="t\n30 ก.พ. 2570\nq\n")
    said = " ".join(result.output.split())
    assert "30 ก.พ. 2570: no such day in the calendar" in said or "30 ก.พ. 2570: ไม่มีวันนี้ในปฏิทิน" in said, said
    assert load_plan(plan)["measures"][0]["timeline"] == before


def test_the_edit_form_names_every_mistake_of_one_submit(client: TestClient, tmp_path: Path) -> None:  # noqa: F811
    location = _example_plan(client)
    mid, form = _edit_form(client, location, tmp_path)
    response = client.post(f"{location}/measure/{mid}/edit", data={**form, "title": "", "budget": "สามหมื่นบาท",
                                                                   "timeline": "31 เม.ย. 2570"},
                           follow_redirects=False)
    assert response.status_code == 400
    top = unwrapped(re.search(r'<section class="problems".*?</section>', response.text, re.S).group(0))
    assert "ชื่อมาตรการ" in top and "สามหมื่นบาท" in top and "31 เม.ย. 2570" in top, top
    assert _beside(response.text, f"title-problem-{mid}") and _beside(response.text, f"timeline-problem-{mid}")
    assert "สามหมื่นบาท" in _beside(response.text, f"budget-problem-{mid}")
    assert 'value="สามหมื่นบาท"' in response.text and 'value="31 เม.ย. 2570"' in response.text


@pytest.mark.parametrize("level, label", [("Z", "ดีเลิศมาก"), ("B", "ไม่ผ่าน")])
def test_the_official_total_form_names_every_mistake_of_one_submit(client: TestClient, level: str,  # noqa: F811
                                                                   label: str) -> None:
    location = _example_plan(client)
    page = client.get(location).text
    response = client.post(f"{location}/total", data={"csrf": csrf_of(page), "total": "87.10", "level": level,
                                                      "label": label}, follow_redirects=False)
    assert response.status_code == 400
    assert _beside(response.text, "official-level-problem"), response.text[:3000]
    assert _beside(response.text, "official-label-problem"), re.search(r'<section class="problems".*?</section>',
                                                                       response.text, re.S).group(0)
    assert f'value="{level}"' in response.text and f'value="{label}"' in response.text


def test_an_empty_progress_form_says_nothing_was_changed(client: TestClient, tmp_path: Path) -> None:  # noqa: F811
    location = _example_plan(client)
    path = tmp_path / location.rsplit("/", 1)[-1]
    mid = load_plan(path)["measures"][0]["id"]
    form = _form(client.get(location).text, f"{location}/measure/{mid}/progress")
    before = path.read_bytes()
    response = client.post(f"{location}/measure/{mid}/progress", data=form, follow_redirects=False)
    assert response.status_code == 303 and "did=unchanged" in response.headers["location"]
    assert path.read_bytes() == before  # nothing saved
    said = unwrapped(client.get(response.headers["location"]).text)
    line = re.search(r'<p class="saved-line"[^>]*>(.*?)</p>', said, re.S).group(1)
    assert "ไม่มีการเปลี่ยนแปลง" in line and "บันทึกแล้ว" not in line and "ผลการดำเนินงานที่บันทึก" not in line, line


@pytest.mark.parametrize("key, values", [
    ("note_left_out", {"limit": "10", "titles": "มาตรการส่งเสริมคุณธรรม", "codes": "O30"}),
    ("note_left_out_no_codes", {"limit": "10", "titles": "มาตรการส่งเสริมคุณธรรม"}),
    ("note_over_limit", {"rows": "12", "limit": "10", "per_row": "3"}),
    ("note_whole_gave_way", {"titles": "มาตรการส่งเสริมคุณธรรม", "rows": "11", "limit": "10"})])
def test_the_row_limits_warnings_on_the_page_name_what_the_page_can_do(client: TestClient, tmp_path: Path,  # noqa: F811
                                                                      key: str, values: dict[str, str]) -> None:
    """The terminal's advice (raise limits: max_measures in a recommendations/ file) is no task for the web's officer:
    the page says its own ways, the add form and a measure's edit form."""
    from itaplan.content.catalogue import load_catalogue
    from itaplan.drafting.plan import save_plan
    from itaplan.ruling.provenance import say

    location = _example_plan(client)
    path = tmp_path / location.rsplit("/", 1)[-1]
    plan = load_plan(path)
    note = say(load_catalogue(), key, **values)
    assert "recommendations/" in note  # the terminal's note, as drafted
    plan["officer_notes"] = [*(plan.get("officer_notes") or []), note]
    save_plan(plan, path)
    page = unwrapped(html.unescape(client.get(location).text))
    warning = next(w for w in re.findall(r'<p class="warning">(.*?)</p>', page, re.S) if "ตารางมาตรการ" in w)
    assert "recommendations/" not in warning and "max_measures" not in warning, warning
    assert "แก้ไขรายละเอียด" in warning, warning


def test_a_results_file_given_as_last_years_measures_is_called_a_results_file(client: TestClient) -> None:  # noqa: F811
    location = _example_plan(client)
    page = client.get(location).text
    response = client.post(f"{location}/last-measures", data={"csrf": csrf_of(page)},
                           files={"measures": ("results2569.csv", (ROOT / "examples" / "agency.csv").read_bytes())},
                           follow_redirects=False)
    assert response.status_code == 400
    top = unwrapped(html.unescape(re.search(r'<section class="problems".*?</section>', response.text, re.S).group(0)))
    assert "ไฟล์ผลคะแนน" in top and "ไม่ใช่ตารางมาตรการ" in top, top


@pytest.mark.browser
@pytest.mark.slow
def test_no_page_scrolls_sideways_on_a_390_px_phone_with_a_long_agency_name(server: str, tmp_path: Path) -> None:  # noqa: F811
    """A name with no space in it (องค์การบริหารส่วนตำบลหนองสองห้อง) kept whole in a heading ran past a phone's
    screen, and the whole page scrolled sideways."""
    from test_web_browser import CHROMIUM, FLAGS, _need

    if not Path(CHROMIUM).exists():
        _need("Chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _need("Playwright")
    upload = tmp_path / "upload" / "results2569.yaml"
    upload.parent.mkdir()
    upload.write_text(EXAMPLE.read_text(encoding="utf-8").replace("องค์การบริหารส่วนตำบลห้วยทราย",
                                                                   "องค์การบริหารส่วนตำบลหนองสองห้อง"), encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 390, "height": 844})
            page.goto(server + "?lang=th")
            page.set_input_files("#results", str(upload))
            page.click("form.upload-form button[type=submit]")
            page.wait_for_url(re.compile(r"/plan/"))
            plan_page = page.url
            assert "หนองสองห้อง" in page.content()
            for url in (plan_page, server, plan_page + "?lang=en"):
                page.goto(url)
                width = page.evaluate("document.documentElement.scrollWidth")
                wide = page.evaluate("""() => [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > 391).slice(0, 5).map(e => e.outerHTML.slice(0, 120))""")
                assert width <= 390, (url, width, wide)
        finally:
            browser.close()
