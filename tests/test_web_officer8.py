"""The officer who works only in the web app, a fresh trial (FY2570, holding FY2569 results): results without a year
are given theirs on the upload form, new plans are named after the agency, the removed list tells plans apart, the
signatories' problems all at once, a conflict worded as the page's button, the tracking sheet's count where it was
uploaded, the add form's required fields, last year's total as published said beside its indicators."""

from __future__ import annotations

import datetime
import html
import re
from pathlib import Path
from urllib.parse import unquote

from helpers import unwrapped
from itaplan.drafting.plan import load_plan
from itaplan.ita.framework import held_results_year
from starlette.testclient import TestClient
from test_documents_in import make_pdf
from test_web_app import EXAMPLE, ROOT, client, csrf_of, plan_files, upload  # noqa: F401 - the fixture

NASING = ROOT / "tests" / "data" / "nasing2569.txt"


def problems_of(text: str) -> str:
    found = re.search(r'<section class="problems".*?</section>', text, re.DOTALL)
    return html.unescape(re.sub(r"<[^>]+>", " ", found.group())) if found else ""


def test_a_file_without_its_year_is_given_it_on_the_form_in_the_webs_words(client: TestClient,
                                                                            tmp_path: Path) -> None:
    lines = [line for line in NASING.read_text(encoding="utf-8").splitlines() if "ปีงบประมาณ" not in line]
    pdf = tmp_path.parent / "wrongplan.pdf"
    make_pdf(lines, pdf)
    home = client.get("/?lang=th").text
    assert '<select id="framework" name="framework"' in home and "ปีงบประมาณของผลการประเมิน" in home
    csrf = csrf_of(home)
    refused = client.post("/upload", data={"csrf": csrf, "text": "ข้อความที่พิมพ์ไว้"},
                          files={"results": ("wrongplan.pdf", pdf.read_bytes())})
    assert refused.status_code == 400
    said = problems_of(refused.text)
    held = held_results_year(datetime.date.today())  # FY2569 in FY2570
    assert "wrongplan.pdf: ไม่พบปีงบประมาณของผลการประเมินในไฟล์: เลือกปีในช่อง 'ปีงบประมาณของผลการประเมิน'" in said
    assert f"'ปีงบประมาณ พ.ศ. {held}'" in said and "2568" not in said
    assert "--framework" not in said and "หรือระบุ" not in said
    box = re.search(r'<textarea id="text"[^>]*>(.*?)</textarea>', refused.text, re.DOTALL).group(1)
    assert box == "ข้อความที่พิมพ์ไว้"  # what was typed stays
    pasted = "\n".join(lines)
    text_refused = client.post("/upload", data={"csrf": csrf, "text": pasted})
    assert "ไม่พบปีงบประมาณของผลการประเมินในข้อความ: เลือกปีในช่อง" in problems_of(text_refused.text)
    assert html.unescape(re.search(r'<textarea id="text"[^>]*>(.*?)</textarea>', text_refused.text,
                                   re.DOTALL).group(1)) == pasted
    chosen = client.post("/upload", data={"csrf": csrf, "framework": "2569"},
                         files={"results": ("wrongplan.pdf", pdf.read_bytes())}, follow_redirects=False)
    assert chosen.status_code == 303, problems_of(chosen.text)
    plan = load_plan(tmp_path / chosen.headers["location"].rsplit("/", 1)[1])
    assert plan["fiscal_year"] == 2569


def signatories_form(page: str) -> dict[str, str]:
    form = re.search(r'<details class="signatories".*?</details>', page, re.DOTALL).group(0)
    fields = dict(re.findall(r'name="((?:shown-)?[a-z]+-?[a-z]*)" value="([^"]*)"', form))
    return {k: html.unescape(v) for k, v in fields.items() if k != "csrf"}


def test_the_signatories_form_says_every_problem_at_once_and_keeps_what_was_typed(client: TestClient,
                                                                                   tmp_path: Path) -> None:
    location = upload(client, EXAMPLE).headers["location"]
    page = client.get(location + "?lang=th").text
    fields = signatories_form(page)
    typed = {**fields, "staff": "สามสิบห้า", "approved-name": "นายสมชาย ใจดี", "approved-date": "31/2/2570"}
    before = (tmp_path / "example.plan.yaml").read_bytes()
    refused = client.post(f"{location}/signatories", data={"csrf": csrf_of(page), **typed})
    assert refused.status_code == 400
    said = problems_of(refused.text)
    assert "ไม่ใช่จำนวนบุคลากร" in said and "31/2/2570" in said and "ไม่ใช่วันที่ที่มีอยู่จริง" in said
    kept = signatories_form(refused.text)
    assert kept["staff"] == "สามสิบห้า" and kept["approved-date"] == "31/2/2570"
    assert kept["approved-name"] == "นายสมชาย ใจดี"
    assert (tmp_path / "example.plan.yaml").read_bytes() == before  # nothing saved


def test_a_conflict_says_nothing_is_saved_yet_and_both_ways_on(client: TestClient, tmp_path: Path) -> None:
    from test_web_hostile import forms_of

    location = upload(client, EXAMPLE).headers["location"]
    mid = load_plan(tmp_path / "example.plan.yaml")["measures"][0]["id"]
    action = f"{location}/measure/{mid}/edit"
    a_form = forms_of(client.get(location + "?lang=th").text)[action]
    b_form = forms_of(client.get(location + "?lang=th").text)[action]
    assert client.post(action, data={**b_form, "owner": "กองช่าง"}, follow_redirects=False).status_code == 303
    refused = client.post(action + "?lang=th", data={**a_form, "owner": "สำนักปลัด"})
    assert refused.status_code == 409
    said = problems_of(refused.text)
    assert "กรุณาเปิดแผนอีกครั้งแล้วแก้ไขใหม่" not in said  # it no longer contradicts the page's button
    assert "ข้อความของคุณจึงยังไม่ได้บันทึก" in said and "แทนฉบับที่ใหม่กว่า" in said
    assert "เปิดแผนอีกครั้งเพื่อดูฉบับที่ใหม่กว่า" in said
    assert "บันทึกข้อความของฉันแทนฉบับที่ใหม่กว่า" in unwrapped(refused.text)  # the button it speaks of
    again = forms_of(refused.text)[action]
    assert client.post(action, data=again, follow_redirects=False).status_code == 303
    measures = load_plan(tmp_path / "example.plan.yaml")["measures"]
    assert next(m for m in measures if m["id"] == mid)["owner"] == "สำนักปลัด"


def test_the_tracking_sheet_says_at_its_form_how_many_measures_changed_and_no_change_the_second_time(
        client: TestClient, tmp_path: Path) -> None:
    from test_web_officer4 import EXAMPLE as FULL
    from test_web_officer4 import _filled_sheet

    assert upload(client, FULL).status_code == 303
    page = client.get("/plan/example.plan.yaml?lang=th").text
    sheet, _ = _filled_sheet(client)
    said = []
    for _time in range(2):
        done = client.post("/plan/example.plan.yaml/tracking", data={"csrf": csrf_of(page)},
                           files={"sheet": ("tracking.xlsx", sheet)}, follow_redirects=False)
        assert done.status_code == 303 and done.headers["location"].endswith("#tracking")
        shown = client.get(done.headers["location"]).text
        form = re.search(r'<details class="tracking".*?</summary>', shown, re.DOTALL).group(0)
        said.append(html.unescape(re.sub(r"<[^>]+>", " ", form)))
    assert "เปลี่ยนแปลง 1 มาตรการ" in said[0]  # at the form the page opens at, not only at its top
    assert "ไม่มีสิ่งใดต่างจากที่แผนบันทึกไว้" in said[1] and "เปลี่ยนแปลง" not in said[1]  # the same sheet again


def test_the_add_form_marks_what_the_server_requires_and_shows_catalogue_titles_whole(client: TestClient,
                                                                                      tmp_path: Path) -> None:
    from itaplan.app import amend
    from itaplan.content.catalogue import load_catalogue

    location = upload(client, EXAMPLE).headers["location"]
    page = client.get(location + "?lang=th").text
    add = re.search(r'<details class="add".*?</details>', page, re.DOTALL).group(0)
    forms = re.findall(r"<form .*?</form>", add, re.DOTALL)
    assert len(forms) == 2  # the catalogue's and the agency's own, each with its own required fields
    catalogue, own = forms
    assert 'name="source" value="catalogue"' in catalogue and 'name="source" value="own"' in own
    assert re.search(r'<input type="radio" name="rec" value="[^"]+"[^>]* required>', catalogue)
    for field in ("indicator", "title", "owner", "timeline", "method", "evidence"):
        assert re.search(rf'<(?:input|select|textarea)[^>]* name="{field}"[^>]* required', own), field
    assert not re.search(r'name="dimension"[^>]* required', own)  # the server takes it blank
    addable = amend.addable(load_plan(tmp_path / "example.plan.yaml"), load_catalogue())
    longest = max((title for _, title, _ in addable if "{" not in title), key=len)
    assert len(longest) > 60 and html.escape(longest, quote=False) in unwrapped(catalogue)  # whole, in a label that wraps
    assert "<select" not in catalogue and "…" not in catalogue  # no title looks cut
    # the review of an indicator's questions: offered only to a plan with an indicator known only by its score
    # (every question of this one is known: web trial 5); its {items} placeholder is said on the review's form
    assert "มาตรการทบทวนผลการประเมินการรับรู้ของบุคลากรภายในของ" not in catalogue
    # the server still refuses what a browser would not send
    refused = client.post(f"{location}/add", data={"csrf": csrf_of(page), "source": "own", "title": "มาตรการ"})
    assert refused.status_code == 400


def test_pasted_results_make_a_plan_named_after_the_agency_and_removed_plans_are_told_apart(
        client: TestClient, tmp_path: Path) -> None:
    text = NASING.read_text(encoding="utf-8")
    csrf = csrf_of(client.get("/?lang=th").text)
    first = client.post("/upload", data={"csrf": csrf, "text": text}, follow_redirects=False)
    second = client.post("/upload", data={"csrf": csrf, "text": text}, follow_redirects=False)
    names = [unquote(r.headers["location"].rsplit("/", 1)[1]) for r in (first, second)]
    assert names == ["นาสิงห์-2569.plan.yaml", "นาสิงห์-2569-2.plan.yaml"]
    assert plan_files(tmp_path) == sorted(names)
    # one worked on, then both removed: the list shows what tells them apart
    plan = load_plan(tmp_path / names[0])
    page = client.get(f"/plan/{names[0]}?lang=th").text
    mid = plan["measures"][0]["id"]
    client.post(f"/plan/{names[0]}/measure/{mid}/decide", data={"csrf": csrf_of(page), "action": "drop",
                                                                "reason": "ซ้ำกับแผนเดิม"})
    for name in names:
        assert client.post(f"/plan/{name}/remove", data={"csrf": csrf}, follow_redirects=False).status_code == 303
    home = client.get("/?lang=th").text
    removed = re.search(r'<section class="card removed-plans".*?</section>', home, re.DOTALL).group(0)
    rows = re.findall(r"<tr><td data-label.*?</tr>", removed, re.DOTALL)
    assert len(rows) == 2
    cells = [re.findall(r'<td class="n" data-label="[^"]+">([^<]*)</td>', row) for row in rows]
    assert {c[1] for c in cells} == {str(len(plan["measures"])), str(len(plan["measures"]) - 1)}  # measures kept
    assert all(c[0] not in ("", "–") for c in cells) and "บันทึกล่าสุด" in removed
    # restored under a name typed as an officer types it: spaces, no .plan.yaml
    kept = re.search(r'name="kept" value="([^"]+)"', rows[0]).group(1)
    restored = client.post("/restore", data={"csrf": csrf, "kept": kept, "name": "นาสิงห์ ฉบับแก้"},
                           follow_redirects=False)
    assert restored.status_code == 303, problems_of(restored.text)
    assert (tmp_path / "นาสิงห์-ฉบับแก้.plan.yaml").exists()
