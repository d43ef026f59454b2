"""A web officer's trial: the agency's own measure "มาตรการเสียงตามสาย…" answering e5 (EIT, the public's view) got a
project card whose target group was "ผู้บริหารและบุคลากรของ… จำนวน ๔๕ คน" (villagers are its audience), and was
printed as "กิจกรรมเสียงตามสาย…" in the cards and the action-plan table with nothing said of it. Now an own measure's
default target group follows what it answers (EIT: the public; IIT: executives and staff; OIT or both: both), the
page and the review screen show the name and target group its card prints, and the add and edit forms take both."""

from __future__ import annotations

import html
import re
from pathlib import Path

from click.testing import CliRunner
from itaplan.app import amend
from itaplan.cli import main
from itaplan.content.catalogue import load_catalogue
from itaplan.content.texts import Texts
from itaplan.drafting.plan import load_plan, save_plan
from itaplan.render.cards import card_fields, card_target_group
from starlette.testclient import TestClient
from test_web_app import ROOT, client, csrf_of, upload  # noqa: F401 - the fixture
from test_web_newcomer import document_text

TITLE = "มาตรการเสียงตามสายประชาสัมพันธ์ข้อมูลข่าวสารประจำหมู่บ้าน"
CARD_NAME = "กิจกรรมเสียงตามสายประชาสัมพันธ์ข้อมูลข่าวสารประจำหมู่บ้าน"
OWN = {"source": "own", "indicator": "7", "dimension": "1", "title": TITLE, "owner": "สำนักปลัด",
       "timeline": "ม.ค. – ก.ย. 2570", "method": "จัดทำบทประชาสัมพันธ์ประจำสัปดาห์\nออกอากาศผ่านหอกระจายข่าวทุกหมู่บ้าน",
       "evidence": "บันทึกการออกอากาศ", "answers": "e5:1"}


def _added(client: TestClient, **extra: str) -> tuple[str, str]:
    location = upload(client, ROOT / "examples" / "example.yaml").headers["location"]
    page = client.get(location + "?lang=th").text
    added = client.post(f"{location}/add", data={"csrf": csrf_of(page), **OWN, **extra}, follow_redirects=False)
    assert added.status_code == 303, added.text[-2000:]
    return location, csrf_of(page)


def _card_of(client: TestClient, location: str, name: str) -> str:
    cards = document_text(client.get(f"{location}/download/cards").content)
    return cards.split(f"ชื่อโครงการ/กิจกรรม: {name}")[1].split("ชื่อโครงการ/กิจกรรม:")[0]


def _article(client: TestClient, location: str, mid: str) -> str:
    page = client.get(location + "?lang=th").text
    found = re.search(rf'<article[^>]*id="m-{mid}".*?</article>', page, re.DOTALL)
    assert found
    return html.unescape(re.sub(r"<[^>]+>", " ", found.group(0)))


def test_an_own_measure_answering_the_publics_view_serves_the_public(client: TestClient) -> None:
    location, _ = _added(client)
    card = _card_of(client, location, CARD_NAME)
    target = card.split("กลุ่มเป้าหมาย")[1].strip().split("\n")[0]
    assert "ประชาชน" in target and "ผู้รับบริการ" in target and "บุคลากร" not in target


def test_the_page_shows_the_name_and_target_group_the_card_prints(client: TestClient) -> None:
    location, _ = _added(client)
    said = "".join(_article(client, location, "own-1").split())  # the page spaces Thai words apart
    assert f"ชื่อในบัตรโครงการและตารางแผนปฏิบัติการ{CARD_NAME}" in said
    assert "กลุ่มเป้าหมาย(บัตรโครงการ)ประชาชนผู้รับบริการ" in said


def test_the_add_and_edit_forms_set_the_cards_name_and_target_group(client: TestClient) -> None:
    location, csrf = _added(client, card_name="โครงการเสียงตามสายเพื่อประชาชน",
                               target_group="ประชาชนทั้ง ๑๒ หมู่บ้าน")
    card = _card_of(client, location, "โครงการเสียงตามสายเพื่อประชาชน")
    assert "กลุ่มเป้าหมาย\nประชาชนทั้ง ๑๒ หมู่บ้าน" in card
    page = client.get(location + "?lang=th").text
    form = re.search(r'<form [^>]*action="[^"]*/measure/own-1/edit".*?</form>', page, re.DOTALL).group(0)
    shown = dict(re.findall(r'name="shown-(\w+)" value="([^"]*)"', form))
    sent = {**{k: html.unescape(v) for k, v in shown.items()}, **{f"shown-{k}": html.unescape(v) for k, v in shown.items()}}
    sent.update(csrf=csrf, card_name="", target_group="ผู้ฟังเสียงตามสายในพื้นที่")
    assert client.post(f"{location}/measure/own-1/edit", data=sent, follow_redirects=False).status_code == 303
    card = _card_of(client, location, CARD_NAME)  # blank: named from its title again
    assert "ผู้ฟังเสียงตามสายในพื้นที่" in card


def test_the_default_follows_the_kind_of_weak_points(tmp_path: Path) -> None:
    plan_path = tmp_path / "p.yaml"
    assert CliRunner().invoke(main, ["-q", "draft", str(ROOT / "examples" / "example.yaml"), "-o", str(plan_path)]).exit_code == 0
    typed = {k: OWN[k] for k in amend.OWN_FIELDS}
    plan = amend.add_own(plan_path, typed, "1")  # IIT indicator, no weak point: executives and staff
    texts = Texts(load_catalogue([]))
    staff = card_fields(plan["measures"][-1], plan, texts)["target_group"]
    assert staff.startswith("ผู้บริหารและบุคลากร") and "ประชาชน" not in staff
    own = plan["measures"][-1]
    own["facts"] = [{"kind": "question", "code": "i12", "text": "ข้อ i12"}, {"kind": "question", "code": "e5", "text": "ข้อ e5"}]
    both = card_target_group(own, plan, texts)
    assert "ผู้บริหารและบุคลากร" in both and "ประชาชน" in both
    own["facts"] = [{"kind": "question", "code": "O12", "text": "ข้อ O12"}]
    assert "ประชาชน" in card_target_group(own, plan, texts)
    own.pop("facts")
    save_plan(plan, plan_path)
    shown = CliRunner().invoke(main, ["-q", "review", str(plan_path)], env={"COLUMNS": "200"}).output
    assert "กิจกรรมเสียงตามสาย" in shown.replace("\n", "")


def test_an_own_measure_with_no_dimension_is_warned_of_everywhere(client: TestClient, tmp_path: Path) -> None:
    """The add form allowed an empty มิติ; the action-plan table printed '–' with no word anywhere."""
    location, csrf = _added(client, dimension="")
    page = client.get(location + "?lang=th&saved=own-1&did=add").text
    said = "".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())
    assert "ยังไม่ได้เลือกมิติของแผนปฏิบัติการ" in said  # on the saved line
    assert "มาตรการที่9ยังไม่ระบุมิติของแผนปฏิบัติการ" in said  # beside the measure
    # the plan file: check notes it (exit 0 kept), render --cards warns, naming the measure and how to set it
    plan_path = tmp_path / location.removeprefix("/plan/")  # the client's workspace is tmp_path
    checked = CliRunner().invoke(main, ["check", str(plan_path)])
    assert checked.exit_code == 0, checked.output
    assert f"note: measure 9 ('{TITLE}') names no dimension of the action plan" in checked.output
    assert "Dimension of the action plan" in checked.output and "dimension:" in checked.output
    for cards in ([], ["--cards"]):
        rendered = CliRunner().invoke(main, ["render", str(plan_path), "-o", str(tmp_path / "p.docx"), "--force", *cards])
        assert rendered.exit_code == 0, rendered.output
        assert ("names no dimension" in rendered.output) == bool(cards)
    # the edit form sets it: the warning goes
    page = client.get(location + "?lang=th").text
    form = re.search(r'<form [^>]*action="[^"]*/measure/own-1/edit".*?</form>', page, re.DOTALL).group(0)
    shown = {k: html.unescape(v) for k, v in re.findall(r'name="shown-(\w+)" value="([^"]*)"', form)}
    sent = {**shown, **{f"shown-{k}": v for k, v in shown.items()}, "csrf": csrf, "dimension": "2"}
    assert client.post(f"{location}/measure/own-1/edit", data=sent, follow_redirects=False).status_code == 303
    assert load_plan(plan_path)["measures"][-1]["dimension"] == 2
    assert "no-dimension" not in client.get(location + "?lang=th").text
    assert "names no dimension" not in CliRunner().invoke(main, ["check", str(plan_path)]).output
