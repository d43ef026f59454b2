"""The officer who works only in the web app: removing a plan (the same results uploaded twice), adding a measure,
naming who signs the documents; every refused form comes back open with what was typed (issue 28)."""

from __future__ import annotations

import re
from pathlib import Path

import io

from conftest import ROOT
from docx import Document
from itaplan.base.i18n import ui_entries
from itaplan.checking.check import check_plan
from itaplan.content.catalogue import load_catalogue
from itaplan.drafting.plan import load_plan
from starlette.testclient import TestClient
from test_web_app import EXAMPLE, client, csrf_of, plan_files, upload  # noqa: F401 - the fixture

NAME = "example.plan.yaml"


def _plan(client: TestClient) -> str:
    assert upload(client, EXAMPLE).status_code == 303
    return csrf_of(client.get(f"/plan/{NAME}").text)


def _form(html: str, details: str) -> str:
    found = re.search(rf'<details class="{details}".*?</details>', html, re.S)
    assert found, f"no {details} form on the page"
    return found.group(0)


def _shown(html: str) -> dict[str, str]:
    return dict(re.findall(r'name="(shown-[^"]+)" value="([^"]*)"', _form(html, "signatories")))


def test_the_same_results_uploaded_twice_name_the_earlier_plan_and_removing_one_keeps_its_file(
        client: TestClient, tmp_path: Path) -> None:
    csrf = _plan(client)
    again = upload(client, EXAMPLE, name="results-again.yaml")  # another file name, the same results
    second = again.headers["location"].removeprefix("/plan/")
    page = client.get(again.headers["location"]).text
    twin = re.search(r'<p class="warning" id="twin">.*?</p>', page, re.S)
    assert twin and NAME in twin.group(0) and second in twin.group(0)
    assert f'href="/plan/{NAME}"' in twin.group(0) and f'href="/plan/{second}/remove"' in twin.group(0)

    asked = client.get(f"/plan/{second}/remove?lang=en")  # a confirmation first: nothing moves on a GET
    assert asked.status_code == 200 and ".deleted" in asked.text and second in plan_files(tmp_path)
    assert client.post(f"/plan/{second}/remove", data={}).status_code == 403  # no CSRF token: refused
    assert second in plan_files(tmp_path)
    done = client.post(f"/plan/{second}/remove", data={"csrf": csrf}, follow_redirects=False)
    assert done.status_code == 303
    assert plan_files(tmp_path) == [NAME]
    kept = list((tmp_path / ".deleted").iterdir())
    assert len(kept) == 1 and kept[0].name.endswith(second) and load_plan(kept[0])  # restorable as it was
    home = client.get(done.headers["location"]).text
    assert kept[0].name in re.search(r'id="removed".*?</p>', home, re.S).group(0)
    assert f"/plan/{second}" not in home
    assert client.get(f"/plan/{second}").status_code == 404


def test_a_measure_is_added_from_the_catalogue_or_the_agencys_own(client: TestClient, tmp_path: Path) -> None:
    csrf = _plan(client)
    path = tmp_path / NAME
    before = load_plan(path)
    held = {m["id"] for m in before["measures"]}
    page = client.get(f"/plan/{NAME}").text
    offered = re.findall(r'<input type="radio" name="rec" value="([a-z0-9-]+)"', _form(page, "add"))  # titles whole
    assert offered and not held & set(offered)
    # the agency's own, half filled: refused, the form open again with what was typed, nothing saved
    typed = {"source": "own", "title": "จัดอบรมคุณธรรมแก่บุคลากรใหม่", "owner": "", "timeline": "ม.ค. 2570",
             "method": "จัดอบรม\nประเมินผล", "evidence": "", "indicator": ""}
    refused = client.post(f"/plan/{NAME}/add", data={"csrf": csrf, **typed})
    assert refused.status_code == 400
    form = _form(refused.text, "add")
    assert form.startswith('<details class="add" id="add" open>') and typed["title"] in form and "ประเมินผล" in form
    assert "ผู้รับผิดชอบ: ต้องไม่ว่าง" in refused.text and "ตัวชี้วัด: " in refused.text
    assert load_plan(path)["measures"] == before["measures"]
    # filled: saved as the agency's own, kept
    typed.update(owner="สำนักปลัด", evidence="รายชื่อผู้เข้าอบรม", indicator="5")
    saved = client.post(f"/plan/{NAME}/add", data={"csrf": csrf, **typed}, follow_redirects=False)
    assert saved.status_code == 303 and saved.headers["location"].endswith("#m-own-1")
    own = load_plan(path)["measures"][-1]
    assert (own["id"], own["title"], own["method"], own["indicator"], own["status"], own["added"]["by"]) == (
        "own-1", typed["title"], ["จัดอบรม", "ประเมินผล"], 5, "kept", "own")
    # from the catalogue: written out as drafting writes it, and no longer offered
    rec = offered[0]
    assert client.post(f"/plan/{NAME}/add", data={"csrf": csrf, "source": "catalogue", "rec": rec},
                       follow_redirects=False).status_code == 303
    plan = load_plan(path)
    added = plan["measures"][-1]
    catalogue = load_catalogue([])
    assert added["id"] == rec and added["added"]["by"] == "catalogue" and added["owner"] and added["timeline"]
    assert added["method"][0] in " ".join(catalogue.recommendations[rec].data["method"]) or added["method"]
    page = client.get(f"/plan/{NAME}").text
    assert f'name="rec" value="{rec}"' not in _form(page, "add") and "เจ้าหน้าที่เพิ่มจากคลังมาตรการ" in page
    again = client.post(f"/plan/{NAME}/add", data={"csrf": csrf, "source": "catalogue", "rec": rec})
    assert again.status_code == 400 and "มีอยู่ในแผนแล้ว" in again.text
    assert check_plan(plan, catalogue, formats=("json", "md")) == []  # the documents still check


def test_the_signatories_are_set_on_the_web_and_printed(client: TestClient, tmp_path: Path) -> None:
    csrf = _plan(client)
    page = client.get(f"/plan/{NAME}").text
    shown = _shown(page)
    typed = {"approved-name": "นายสมชาย ใจดี", "approved-position": "นายกองค์การบริหารส่วนตำบลห้วยทราย",
             "approved-date": "31/2/2569", "prepared-name": "นางสาวสมหญิง ตั้งใจ"}
    refused = client.post(f"/plan/{NAME}/signatories", data={"csrf": csrf, **shown, **typed})
    assert refused.status_code == 400 and "31/2/2569" in refused.text
    form = _form(refused.text, "signatories")
    assert ' open>' in form.split("\n")[0] and "นางสาวสมหญิง ตั้งใจ" in form
    assert not (load_plan(tmp_path / NAME)["agency"].get("signatories") or {}).get("prepared")
    typed["approved-date"] = "20/11/2569"
    saved = client.post(f"/plan/{NAME}/signatories", data={"csrf": csrf, **shown, **typed}, follow_redirects=False)
    assert saved.status_code == 303
    signs = load_plan(tmp_path / NAME)["agency"]["signatories"]
    assert signs["approved"] == {"name": "นายสมชาย ใจดี", "position": "นายกองค์การบริหารส่วนตำบลห้วยทราย",
                                 "date": "2026-11-20"}
    assert signs["prepared"] == {"name": "นางสาวสมหญิง ตั้งใจ"}
    assert 'value="20/11/2569"' in _form(client.get(f"/plan/{NAME}").text, "signatories")
    word = client.get(f"/plan/{NAME}/download/docx")
    doc = Document(io.BytesIO(word.content))
    text = "\n".join([p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells])
    assert "นางสาวสมหญิง ตั้งใจ" in text and "นายสมชาย ใจดี" in text
    # a form opened before that change cannot put the old names back
    stale = client.post(f"/plan/{NAME}/signatories", data={"csrf": csrf, **shown, "prepared-name": "นายอื่น"})
    assert stale.status_code == 409
    assert load_plan(tmp_path / NAME)["agency"]["signatories"]["prepared"]["name"] == "นางสาวสมหญิง ตั้งใจ"


def test_every_word_of_the_templates_has_its_thai() -> None:
    from itaplan.web.common import ENV

    said = set()
    for template in (ROOT / "web" / "templates").glob("*.html"):
        said |= set(re.findall(r'_\("((?:[^"\\]|\\.)*)"', template.read_text(encoding="utf-8")))
    for group in ENV.globals["words"].values():
        said |= set(group.values())
    thai = ui_entries("th")
    missing = sorted(w for w in said if w not in thai and not re.search("[\u0e00-\u0e7f]", w))
    assert not missing, missing
