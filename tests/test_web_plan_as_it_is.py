"""Web trial (officer, web only): after a measure is added, kept or dropped, every statement that follows from which
indicators have measures (section ๑.๘'s statements of what to maintain, a row's indicators) is of the plan as it
now is, in every format, and the page names the same indicators for a measure as the documents."""

from __future__ import annotations

import html
import io
import json
import re
from pathlib import Path

from click.testing import CliRunner
from itaplan.cli import main
from itaplan.content.catalogue import load_catalogue
from itaplan.drafting.plan import load_plan, save_plan
from itaplan.render.dispatch import render
from itaplan.ruling.provenance import say
from openpyxl import Workbook
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


# a command, a flag or a terminal session's key: what a web officer cannot type on a page
COMMAND_WORDS = re.compile(r"(?<![\w/.-])--[a-z]|\bitaplan (?:draft|review|render|progress|report|check|score|"
                           r"import|init|rules|batch|whatif|serve)\b|\breview (?:--|plan)|\bdraft --")


def _visible(page: str) -> str:
    """The text a web officer reads: tags and scripts gone, entities as characters."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.DOTALL)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_a_typical_web_session_never_tells_the_officer_a_command(client: TestClient, tmp_path: Path) -> None:  # noqa: F811
    """Web trial: after a score was corrected the page said '… หรือด้วย review --add'; the web officer has no terminal.
    Each page of a typical session (upload, add, drop, a score corrected, progress) is read for commands and flags."""
    typo = tmp_path.parent / "typo" / "example.yaml"
    typo.parent.mkdir(exist_ok=True)
    typo.write_text(EXAMPLE.read_text(encoding="utf-8").replace("{code: i13, score: 99.35}",
                                                                  "{code: i13, score: 9.35}"), encoding="utf-8")
    pages = []
    location = upload(client, typo).headers["location"]
    pages.append(client.get(location).text)
    plan = load_plan(tmp_path / "example.plan.yaml")
    drafted = [m["id"] for m in plan["measures"]]
    assert any("i13" in m.get("codes", []) for m in plan["measures"])  # the mistyped score's measure, not settled
    csrf = csrf_of(pages[-1])
    pages.append(client.post(f"{PLAN}/add", data={"csrf": csrf, "source": "catalogue", "rec": ETHICS},
                             follow_redirects=True).text)
    pages.append(client.post(f"{PLAN}/measure/{drafted[0]}/decide", data={"csrf": csrf, "action": "drop",
                                                                         "reason": "ดำเนินการแล้ว"},
                             follow_redirects=True).text)
    corrected = client.post(f"{PLAN}/scores", data={"csrf": csrf, "code-1": "i13", "score-1": "99.35", "code-2": "",
                                                    "score-2": "", "code-3": "", "score-3": ""}, follow_redirects=True)
    pages.append(corrected.text)
    assert "นำมาตรการ" in corrected.text  # the measure drafted for the mistyped score is removed, and the page says so
    pages.append(client.post(f"{PLAN}/measure/{drafted[1]}/progress", follow_redirects=True, data={
        "csrf": csrf, "status": "in progress", "reason": "รอจัดสรรงบประมาณ"}).text)
    # a tracking sheet that is no workbook, and a workbook that is no tracking sheet
    pages.append(client.post(f"{PLAN}/tracking", data={"csrf": csrf}, files={"sheet": ("ติดตาม.xlsx", b"not a workbook")},
                             follow_redirects=True).text)
    book = Workbook()
    book.active.append(["ชื่อ", "คะแนน"])
    data = io.BytesIO()
    book.save(data)
    pages.append(client.post(f"{PLAN}/tracking", data={"csrf": csrf},
                             files={"sheet": ("ติดตาม.xlsx", data.getvalue())}, follow_redirects=True).text)
    # a weak point no rule in force answers (an office's rule switched off): the drafted note names `rules lint`
    plan = load_plan(tmp_path / "example.plan.yaml")
    plan["officer_notes"] = [*plan.get("officer_notes", []), say(load_catalogue(), "note_no_measure", codes="i4")]
    save_plan(plan, tmp_path / "example.plan.yaml")
    page = client.get(PLAN).text
    assert "แต่ไม่มีกฎที่ใช้บังคับเสนอมาตรการ" in page and "เพิ่มมาตรการ" in page
    pages += [page, client.get("/").text]
    for page in pages:
        found = COMMAND_WORDS.search(_visible(page))
        assert found is None, _visible(page)[max(0, found.start() - 200):found.end() + 80]
