"""Web trial (officer, web only): after a measure is added, kept or dropped, every statement that follows from which
indicators have measures (section ๑.๘'s statements of what to maintain, a row's indicators) is of the plan as it
now is, in every format, and the page names the same indicators for a measure as the documents."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from click.testing import CliRunner
from itaplan.cli import main
from itaplan.content.catalogue import load_catalogue
from itaplan.drafting.plan import load_plan
from itaplan.render.dispatch import render
from starlette.testclient import TestClient
from conftest import ROOT
from test_web_app import client, csrf_of, upload  # noqa: F401 - the fixture
from test_web_newcomer import document_text

EXAMPLE = ROOT / "examples" / "example.yaml"  # the FY2569 example: indicator 5 a strength, maintained
PLAN = "/plan/example.plan.yaml"
ETHICS = "ethics-promotion"  # the catalogue's, for indicators 5 and 10; 5 is a strength of the example


def _maintain_section(text: str) -> str:
    start = text.index("ประเด็นที่ควรรักษามาตรฐาน")
    return text[start:start + 2000]


def test_a_measure_added_from_the_catalogue_ends_its_indicators_maintain_statement_in_every_format(
        client: TestClient, tmp_path: Path) -> None:  # noqa: F811
    upload(client, EXAMPLE)
    path = tmp_path / "example.plan.yaml"
    catalogue = load_catalogue()
    drafted = render(load_plan(path), "md", catalogue=catalogue, thai_digits=False)
    assert "ตัวชี้วัดที่ 5 การแก้ไขปัญหาการทุจริต:" in _maintain_section(str(drafted))  # a strength, maintained
    added = client.post(f"{PLAN}/add", data={"csrf": csrf_of(client.get(PLAN).text), "source": "catalogue",
                                               "rec": ETHICS}, follow_redirects=True)
    assert added.status_code == 200
    plan = load_plan(path)
    # the page names both indicators its row in the measures table names, as the documents do
    article = re.search(rf'<article[^>]*id="m-{ETHICS}".*?</article>', added.text, re.DOTALL)
    assert article, "the added measure has no card on the page"
    shown = html.unescape(re.sub(r"<[^>]+>", "", article.group(0)))
    assert "5. การแก้ไขปัญหาการทุจริต" in shown and "10. การป้องกันการทุจริต" in shown
    for fmt in ("md", "html"):
        text = str(render(plan, fmt, catalogue=catalogue, thai_digits=False))
        assert "ตัวชี้วัดที่ 5 และ 10" in text, fmt
        section = _maintain_section(re.sub(r"<[^>]+>", "", text))
        assert "ตัวชี้วัดที่ 5 " not in section and "ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่:" in section, fmt
    docx = document_text(bytes(render(plan, "docx", catalogue=catalogue, thai_digits=False)))
    assert "ตัวชี้วัดที่ 5 การแก้ไขปัญหาการทุจริต:" not in docx
    data = json.loads(str(render(plan, "json", catalogue=catalogue)))
    assert [m["indicator"] for m in data["analysis"]["maintain"]] == [1, 3, 6]
    checked = CliRunner().invoke(main, ["check", str(path), "--format", "md"])
    assert checked.exit_code == 0, checked.output
    # dropped again: indicator 5 is only maintained once more
    dropped = client.post(f"{PLAN}/measure/{ETHICS}/decide", data={"csrf": csrf_of(client.get(PLAN).text),
                                                                     "action": "drop", "reason": "ไม่ดำเนินการในปีนี้"})
    assert dropped.status_code == 200
    again = str(render(load_plan(path), "md", catalogue=catalogue, thai_digits=False))
    assert "ตัวชี้วัดที่ 5 การแก้ไขปัญหาการทุจริต:" in _maintain_section(again)
