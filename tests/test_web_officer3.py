"""The officer who works only in the web app, third round: no dead ends (the official total, removed plans,
last year's measures table), facts the documents agree with, and messages in the form's own words (issue 28)."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT
from itaplan.checking.check import check_plan
from itaplan.content.catalogue import load_catalogue
from itaplan.drafting.plan import load_plan
from starlette.testclient import TestClient
from test_web_app import client, csrf_of, plan_files, upload  # noqa: F401 - the fixture

NAME = "example.plan.yaml"
EXAMPLE = ROOT / "examples" / "example.yaml"  # FY2569: weights the NACC has not confirmed, a computed total


def _plan(client: TestClient) -> str:
    assert upload(client, EXAMPLE).status_code == 303
    return csrf_of(client.get(f"/plan/{NAME}").text)


def _form(html: str, details: str) -> str:
    found = re.search(rf'<details class="{details}".*?</details>', html, re.S)
    assert found, f"no {details} form on the page"
    return found.group(0)


def test_the_official_total_is_entered_on_the_web_and_the_documents_print_it(client: TestClient,
                                                                               tmp_path: Path) -> None:
    csrf = _plan(client)
    path = tmp_path / NAME
    page = client.get(f"/plan/{NAME}").text
    assert "บรรทัด total:" not in page and "total:" not in page  # the terminal's words are not the web's
    warning = re.search(r'<p class="warning" id="estimated">.*?</p>', page, re.S)
    assert warning and "87.02" in warning.group(0)
    form = _form(page, "official")
    assert 'name="total"' in form and 'name="level"' in form and 'name="label"' in form
    # kept a measure first: the officer's decisions survive the new total
    first = load_plan(path)["measures"][0]["id"]
    assert client.post(f"/plan/{NAME}/measure/{first}/decide", data={"csrf": csrf, "action": "keep"},
                       follow_redirects=False).status_code == 303

    bad = client.post(f"/plan/{NAME}/total", data={"csrf": csrf, "total": "๘๗,๑", "level": "Z", "label": ""})
    assert bad.status_code == 400
    print(re.findall(r"<li>.*?</li>", bad.text)[:4]); print(_form(bad.text, "official"))
    form = _form(bad.text, "official")
    assert 'value="๘๗,๑"' in form and "ระดับตามที่ระบบ ITAS แสดง: &#39;Z&#39;" in bad.text
    assert load_plan(path)["scores"]["total_source"] == "computed"

    done = client.post(f"/plan/{NAME}/total", data={"csrf": csrf, "total": "87.10", "level": "A", "label": "ผ่าน"},
                       follow_redirects=False)
    assert done.status_code == 303
    plan = load_plan(path)
    assert plan["scores"]["total"] == 87.1 and plan["scores"]["total_source"] == "given"
    assert plan["scores"]["label_source"] == "given"
    assert any("87.10" in line for line in plan["analysis"]["summary"])
    assert not any("87.02" in line for line in plan["analysis"]["summary"])
    assert plan["measures"][0]["status"] == "kept"
    assert check_plan(plan, load_catalogue(), formats=("json", "md")) == []
    page = client.get(done.headers["location"]).text
    assert 'id="estimated"' not in page and 'value="87.10"' in _form(page, "official")
