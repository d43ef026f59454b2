"""A timeline the officer types: the documents print it as typed, without the drafted deadline sentence, as the page
says; its months follow it. The web officer's twenty-first trial typed "ม.ค. 2570 – ก.ย. 2570" on the E-Service
measure (its O10 due by ธ.ค. 2569), was warned that the documents print it without the deadline, then set the
official total: the redraft put the drafted sentence back ("… โดยต้องเผยแพร่บนเว็บไซต์ให้ครบถ้วนภายใน ธ.ค. ๒๕๖๙", work
starting after its own deadline) and the months stayed the whole year's."""

from __future__ import annotations

import html
import re
from pathlib import Path

from click.testing import CliRunner
from helpers import unwrapped
from itaplan.app.session import Session
from itaplan.cli import main
from itaplan.content.texts import Texts
from itaplan.drafting import settle
from itaplan.drafting.plan import load_plan, save_plan
from itaplan.drafting.timeline import typed_months
from itaplan.render.cards import card_fields, quarters_of
from itaplan.render.common import measure_rows
from starlette.testclient import TestClient
from conftest import ROOT
from test_web_app import client, csrf_of  # noqa: F401 - the fixture

EXAMPLE = ROOT / "examples" / "example.yaml"
TYPED = "ม.ค. 2570 – ก.ย. 2570"
CLAUSE = "โดยต้องเผยแพร่"


def _text(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", unwrapped(page))).split())


def _o10(plan: dict) -> dict:
    return next(m for m in plan["measures"] if [s["code"] for s in m.get("serves") or []] == ["O10"])


def _printed(plan: dict, measure_id: str) -> tuple[str, str]:
    """The measure's timeline as the measures table and its project card print it."""
    t = Texts(Session(use_workspace=False).catalogue)
    row = next(r for r in measure_rows(plan, t) if r["measure"]["id"] == measure_id)
    card = card_fields(next(m for m in plan["measures"] if m["id"] == measure_id), plan, t)
    return row["timeline"], card["period"]


def test_a_typed_timeline_stays_without_the_deadline_after_a_redraft_on_the_web(
        client: TestClient, tmp_path: Path) -> None:  # noqa: F811
    csrf = csrf_of(client.get("/?lang=th").text)
    location = client.post("/upload", data={"csrf": csrf}, files={"results": ("example.yaml", EXAMPLE.read_bytes())},
                           follow_redirects=False).headers["location"]
    path = tmp_path / location.rsplit("/", 1)[1]
    measure = _o10(load_plan(path))
    assert measure.get("publish_by") and CLAUSE in _printed(load_plan(path), measure["id"])[0]  # drafted: said
    page = client.get(location + "?lang=th").text
    form = re.search(r'<form method="post" action="[^"]*/measure/' + re.escape(measure["id"]) + r'/edit".*?</form>',
                     page, re.S)
    assert form
    shown = {k: html.unescape(v) for k, v in re.findall(r'name="shown-([a-z_]+)" value="([^"]*)"', form.group())}
    done = client.post(f"{location}/measure/{measure['id']}/edit?lang=th",
                       data={"csrf": csrf_of(page), **shown, **{f"shown-{k}": v for k, v in shown.items()},
                             "timeline": TYPED})
    assert done.status_code == 200
    # the official total typed as ITAS shows it: the plan is drafted again over the officer's work
    assert client.post(f"{location}/total", data={"csrf": csrf_of(done.text), "total": "87.10", "level": "A",
                                                  "label": "ผ่าน"}, follow_redirects=False).status_code == 303
    plan = load_plan(path)
    saved = _o10(plan)
    assert saved["timeline"] == TYPED and "publish_by" not in saved
    assert saved["months"] == {"from": 4, "to": 12}  # January to September of FY2570
    table, card = _printed(plan, saved["id"])
    assert table == card == TYPED, (table, card)
    t = Texts(Session(use_workspace=False).catalogue)
    assert quarters_of(saved, 2570, t.catalogue.text("whole_year").format(year=2570)) == [2, 3, 4]
    # and the page still says what the documents do not
    article = _text(client.get(location + "?lang=th").text.split(f'id="m-{saved["id"]}"')[1].split("</article>")[0])
    assert "หลังกำหนดเผยแพร่ ข้อ O10" in article and "เอกสารจะพิมพ์ระยะเวลาตามที่พิมพ์ไว้" in article, article


def test_a_plan_saved_with_the_deadline_put_back_prints_the_timeline_as_typed(tmp_path: Path) -> None:
    """The trial's own file: a typed timeline (the review log says so) with the drafted sentence beside it."""
    path = tmp_path / "plan.yaml"
    assert CliRunner().invoke(main, ["draft", str(EXAMPLE), "-o", str(path)]).exit_code == 0
    plan = load_plan(path)
    measure = _o10(plan)
    clause = measure["publish_by"]
    settle.change(path, measure["id"], {"timeline": TYPED})
    plan = load_plan(path)
    _o10(plan)["publish_by"] = clause  # as a redraft before this fix left it
    save_plan(plan, path)
    assert _printed(load_plan(path), measure["id"]) == (TYPED, TYPED)
    rendered = tmp_path / "plan.md"
    assert CliRunner().invoke(main, ["render", str(path), "-o", str(rendered)]).exit_code == 0
    row = next(line for line in rendered.read_text(encoding="utf-8").splitlines() if "๒๕๗๐ – ก.ย." in line
               or "2570 – ก.ย. 2570" in line)
    assert CLAUSE not in row, row
    # the page's warning (no sentence printed) is what the documents do
    from itaplan.followup.deadlines import timeline_misses
    from itaplan.drafting.timeline import printed_deadline

    plan = load_plan(path)
    assert printed_deadline(plan, _o10(plan)) is None
    assert timeline_misses(_o10(plan), 2570, printed_deadline(plan, _o10(plan)))


def test_the_months_follow_a_typed_timeline_the_tool_can_read(tmp_path: Path) -> None:
    assert typed_months("ม.ค. 2570 – ก.ย. 2570", 2570) == {"from": 4, "to": 12}
    assert typed_months("ม.ค. – มิ.ย. ๒๕๗๐", 2570) == {"from": 4, "to": 9}
    assert typed_months("ต.ค. 2569 – ธ.ค. 2570", 2570) == {"from": 1, "to": 12}  # the plan year's part
    assert typed_months("ตลอดปีงบประมาณ", 2570) == {"from": 1, "to": 12}
    assert typed_months("ตลอดปีงบประมาณ พ.ศ. 2570", 2570) == {"from": 1, "to": 12}
    assert typed_months("ตลอดปีงบประมาณ พ.ศ. 2571", 2570) is None
    assert typed_months("เมื่อได้รับจัดสรรงบประมาณ", 2570) is None
    assert typed_months("ม.ค. 2572 – มี.ค. 2572", 2570) is None
    path = tmp_path / "plan.yaml"
    assert CliRunner().invoke(main, ["draft", str(EXAMPLE), "-o", str(path)]).exit_code == 0
    measure = _o10(load_plan(path))
    settle.change(path, measure["id"], {"timeline": "ต.ค. – ธ.ค. 2569"})
    assert _o10(load_plan(path))["months"] == {"from": 1, "to": 3}
    settle.change(path, measure["id"], {"timeline": "เมื่อได้รับจัดสรรงบประมาณ"})  # unreadable: no months, not the old
    assert "months" not in _o10(load_plan(path))
    assert CliRunner().invoke(main, ["render", str(path), "-o", str(tmp_path / "p.xlsx")]).exit_code == 0
