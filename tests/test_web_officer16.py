"""The web officer's sixteenth trial: what the officer typed prints as typed, forms open with values to edit (not
text to append to), warnings at the moment they help, downloads that do not overwrite each other."""

from __future__ import annotations

import html
import re
from pathlib import Path

from click.testing import CliRunner
from itaplan.cli import main
from itaplan.cli.review import EditSession
from itaplan.content.catalogue import load_catalogue
from itaplan.drafting.plan import load_plan
from itaplan.render.dispatch import render
from starlette.testclient import TestClient
from conftest import ROOT
from helpers import unwrapped
from test_web_app import as_shown, client, csrf_of, upload  # noqa: F401 - the fixture

EXAMPLE = ROOT / "examples" / "example.yaml"
TYPED = "ม.ค. – มี.ค. 2570"


def _text(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", unwrapped(page))).split())


def _article(page: str, mid: str) -> str:
    return page.split(f'id="m-{mid}"')[1].split("</article>")[0]


def test_a_timeline_typed_on_the_web_prints_as_typed_and_the_page_warns_of_the_deadline(
        client: TestClient, tmp_path: Path) -> None:  # noqa: F811
    location = upload(client, EXAMPLE).headers["location"]
    path = tmp_path / location.removeprefix("/plan/")
    measure = next(m for m in load_plan(path)["measures"] if m.get("publish_by"))
    page = client.get(location + "?lang=en").text
    form = re.search(r'<form method="post" action="[^"]*/measure/' + re.escape(measure["id"]) + r'/edit".*?</form>',
                     page, re.S)
    assert form
    shown = {k: html.unescape(v) for k, v in re.findall(r'name="shown-([a-z_]+)" value="([^"]*)"', form.group())}
    done = client.post(f"{location}/measure/{measure['id']}/edit",
                       data={"csrf": csrf_of(page), **shown, **as_shown(shown), "timeline": TYPED},
                       follow_redirects=False)
    assert done.status_code == 303, done.text[-2000:]
    saved = next(m for m in load_plan(path)["measures"] if m["id"] == measure["id"])
    assert saved["timeline"] == TYPED and "publish_by" not in saved
    markdown = render(load_plan(path), "md", catalogue=load_catalogue())
    digits = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
    row = next(line for line in markdown.splitlines() if TYPED.translate(digits) in line)
    after = row.split(TYPED.translate(digits), 1)[1]
    assert "เผยแพร่" not in after.split("|")[0], row  # nothing appended to what the officer typed
    # the page shows the timeline as the documents print it, and warns of the items' deadline at the field
    article = _article(client.get(location + "?lang=en").text, measure["id"])
    assert re.search(r'<dd class="timeline">(.*?)</dd>', unwrapped(article), re.S).group(1).strip() == TYPED
    said = _text(article)
    assert "Printed as you typed it. The OIT items it serves have a deadline" in said
    assert " ".join(measure["publish_by"].split()) in said


def test_a_timeline_typed_in_review_edit_prints_as_typed_and_the_session_says_the_deadline(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    assert CliRunner().invoke(main, ["draft", str(EXAMPLE), "-o", str(path)]).exit_code == 0
    plan = load_plan(path)
    measure = next(m for m in plan["measures"] if m.get("publish_by"))
    deadline = " ".join(measure["publish_by"].split())
    said: list[str] = []
    session = EditSession(plan, path, ask=lambda _: "", say=said.append)
    session.change(next(m for m in session.plan["measures"] if m["id"] == measure["id"]), "timeline", TYPED, 200)
    saved = next(m for m in load_plan(path)["measures"] if m["id"] == measure["id"])
    assert saved["timeline"] == TYPED and "publish_by" not in saved
    told = " ".join(" ".join(said).split())
    assert "deadline" in told or "กำหนด" in told
    assert deadline in told


def _progress_recorded(client: TestClient, tmp_path: Path) -> tuple[str, Path]:  # noqa: F811
    from urllib.parse import quote

    from test_web_hostile import forms_of

    location = upload(client, EXAMPLE).headers["location"]
    path = tmp_path / location.removeprefix("/plan/")
    first = quote(load_plan(path)["measures"][0]["id"], safe="")
    page = client.get(location + "?lang=en").text
    action = f"{location}/measure/{first}/progress"
    assert client.post(action, data={**forms_of(page)[action], "status": "done", "done": "จัดทำแล้ว",
                                     "finished": "1/10/2569"}, follow_redirects=False).status_code == 303
    return location, path


def test_reasons_not_yet_recorded_are_no_warning_during_the_year_only_a_hint_at_the_report(
        client: TestClient, tmp_path: Path) -> None:  # noqa: F811
    """Early in the year (December of FY2570) it is normal that unfinished measures have no obstacles recorded:
    no warning on every save, a hint beside the report's download."""
    import datetime as _dt

    location, path = _progress_recorded(client, tmp_path)
    year = load_plan(path)["plan_year"]
    assert _dt.date.today() <= _dt.date(year - 543, 9, 30), "the plan's year is over: this test needs a later year"
    page = client.get(location + "?lang=en").text
    assert '<p class="warning" id="unexplained">' not in page
    downloads = page.split('class="card downloads"')[1].split("</section>")[0]
    hint = _text(re.search(r'<p class="hint" id="unexplained">.*?</p>', downloads, re.S).group(0))
    assert "Before you publish the report" in hint and "2, 3" in hint


def test_reasons_not_recorded_are_warned_of_once_the_year_is_over(client: TestClient, tmp_path: Path) -> None:  # noqa: F811
    from itaplan.drafting.plan import save_plan

    location, path = _progress_recorded(client, tmp_path)
    plan = load_plan(path)
    plan["plan_year"] = 2568  # its year over: the report is due, the missing reasons matter now
    save_plan(plan, path)
    page = client.get(location + "?lang=en").text
    warning = _text(re.search(r'<p class="warning" id="unexplained">.*?</p>', page, re.S).group(0))
    assert "as not finished with no reason" in warning and "2, 3" in warning
    assert '<p class="hint" id="unexplained">' not in page


def test_each_download_has_its_own_name_by_agency_year_and_document(client: TestClient, tmp_path: Path) -> None:  # noqa: F811
    """The plan and the tracking sheet were saved as องค์การ…-2570.docx and องค์การ…-2570.xlsx: one base name for
    two documents. Each download's name now says the agency, the year and which document it is."""
    from test_web_hostile import saved_name

    location, path = _progress_recorded(client, tmp_path)
    plan = load_plan(path)
    agency, year = "-".join(plan["agency"]["name"].split()), plan["plan_year"]
    names, plain = {}, {}
    for kind in ("docx", "pdf", "xlsx", "report", "report-pdf", "cards", "cards-pdf"):
        header = client.get(f"{location}/download/{kind}").headers["content-disposition"]
        names[kind], plain[kind] = saved_name(header), re.search(r'filename="([^"]+)"', header).group(1)
    stems = {kind: name.rsplit(".", 1)[0] for kind, name in names.items()}
    assert all(stem.startswith(f"{agency}-{year}-") for stem in stems.values()), stems
    assert names["docx"] == f"{agency}-{year}-วิเคราะห์ผลและมาตรการ.docx"
    assert names["xlsx"] == f"{agency}-{year}-ตารางติดตามผล.xlsx"
    assert names["report"] == f"{agency}-{year}-รายงานผลตามมาตรการ.docx"
    assert names["cards"] == f"{agency}-{year}-มาตรการและโครงการ.docx"
    # one stem a document: the plan, its cards, the report and the tracking sheet never share one
    assert len({stems[k] for k in ("docx", "xlsx", "report", "cards")}) == 4
    assert len({p.rsplit(".", 1)[0] for k, p in plain.items() if k in ("docx", "xlsx", "report", "cards")}) == 4


def test_an_own_measure_answering_iit_points_serves_the_staff_on_its_card(client: TestClient) -> None:  # noqa: F811
    """An own measure answering i4 (the staff's view) had on its card 'ผู้รับบริการและบุคลากรได้รับประโยชน์' as its
    outcome: its card now names the staff only, as its target group does; one answering e5, the public."""
    from test_web_newcomer import document_text
    from test_web_own_card_texts import OWN

    location = upload(client, EXAMPLE).headers["location"]
    page = client.get(location + "?lang=th").text
    staff = {**OWN, "indicator": "2", "title": "มาตรการอบรมบุคลากรเรื่องการใช้จ่ายงบประมาณ", "answers": "i4:0"}
    assert client.post(f"{location}/add", data={"csrf": csrf_of(page), **staff},
                       follow_redirects=False).status_code == 303
    assert client.post(f"{location}/add", data={"csrf": csrf_of(page), **OWN},
                       follow_redirects=False).status_code == 303
    got = client.get(f"{location}/download/cards")  # the PDF is drawn from the same card fields
    assert got.status_code == 200
    cards = document_text(got.content)
    card = cards.split("ชื่อโครงการ/กิจกรรม: กิจกรรมอบรมบุคลากรเรื่องการใช้จ่ายงบประมาณ")[1].split(
        "ชื่อโครงการ/กิจกรรม:")[0]
    assert "ผู้รับบริการ" not in card and "ประชาชน" not in card, card
    outcome = card.split("ผลลัพธ์")[1].split("ตัวชี้วัดความสำเร็จ")[0]
    assert "บุคลากร" in outcome
    public = cards.split("ชื่อโครงการ/กิจกรรม: กิจกรรมเสียงตามสาย")[1].split("ชื่อโครงการ/กิจกรรม:")[0]
    outcome = public.split("ผลลัพธ์")[1].split("ตัวชี้วัดความสำเร็จ")[0]
    assert "ผู้รับบริการ" in outcome and "บุคลากร" not in outcome, outcome


def test_the_paste_box_is_a_proper_multi_line_box_on_its_own_line(client: TestClient) -> None:  # noqa: F811
    """The home page's paste box was two lines tall, squeezed between the file field and the button."""
    from itaplan.web import app as web_app

    home = client.get("/").text
    box = re.search(r'<div class="paste">\s*<label for="text">.*?<textarea id="text"[^>]*rows="(\d+)"', home, re.S)
    assert box and int(box.group(1)) >= 10
    css = (Path(web_app.__file__).parent / "static" / "style.css").read_text(encoding="utf-8")
    assert re.search(r"\.upload-form \.paste \{[^}]*grid-column: 1 / -1", css)  # the whole width, a phone's too


def test_an_unset_budget_is_an_empty_field_and_a_set_one_an_editable_value(client: TestClient,
                                                                           tmp_path: Path) -> None:  # noqa: F811
    """No edit field holds words to type after ('ยังไม่กำหนด' before the amount): unset, empty with a placeholder."""
    from html.parser import HTMLParser

    location = upload(client, EXAMPLE).headers["location"]
    path = tmp_path / location.removeprefix("/plan/")
    plan = load_plan(path)
    budgets = plan["agency"].get("budgets") or {}
    unset = next(m["id"] for m in plan["measures"] if m["id"] not in budgets)
    fields: dict[str, dict[str, str]] = {}

    class Fields(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list) -> None:
            a = {k: v or "" for k, v in attrs}
            if tag == "input" and a.get("id", "").startswith(("budget-", "add-budget")):
                fields[a["id"]] = a

    Fields().feed(client.get(location + "?lang=th").text)
    box = fields[f"budget-{unset}"]
    assert box["value"] == "" and box["placeholder"], box
    mid, amount = next(iter(budgets.items()))
    assert fields[f"budget-{mid}"]["value"].replace(",", "") == f"{amount:.0f}"
    assert all("ยังไม่" not in f["value"] for f in fields.values())


def test_the_parts_of_a_numbered_step_stay_in_that_step_when_a_card_is_imported() -> None:
    """Seed 000's e-service card lists under its step ๓) the systems it builds ('- ระบบยื่นคำร้องออนไลน์…'), and its
    budget card under step ๗) the reports it publishes ('- ๗.๑) …'): each was imported as a step of its own."""
    from itaplan.followup.cards import items_of

    steps = items_of(["๑) แต่งตั้งคณะทำงาน", "", "๒) จัดทำระบบบริการออนไลน์ ได้แก่", "",
                      "- ระบบยื่นคำร้องออนไลน์", "- ระบบชำระภาษีออนไลน์", "", "๓) รายงานผลการดำเนินการ"])
    assert steps == ["แต่งตั้งคณะทำงาน", "จัดทำระบบบริการออนไลน์ ได้แก่ - ระบบยื่นคำร้องออนไลน์ - ระบบชำระภาษีออนไลน์",
                     "รายงานผลการดำเนินการ"]
    steps = items_of(["- ๖) ประชุมกำกับติดตาม", "- ๗) รายงานผลผ่านช่องทางต่าง ๆ ได้แก่", " - ๗.๑) ผลการดำเนินโครงการ",
                      " - ๗.๒) รายงานการจัดซื้อจัดจ้าง"])
    assert steps == ["ประชุมกำกับติดตาม", "รายงานผลผ่านช่องทางต่าง ๆ ได้แก่ ๗.๑) ผลการดำเนินโครงการ ๗.๒) รายงานการจัดซื้อจัดจ้าง"]
    # items numbered only at the second level ("๖.๑", "๖.๒") are each a step, as before
    assert items_of(["๖.๑ จัดทำแผน", "๖.๒ ตรวจสอบ"]) == ["จัดทำแผน", "ตรวจสอบ"]
    assert items_of(["- ก", "- ข"]) == ["ก", "ข"]  # bullets alone: each an item
