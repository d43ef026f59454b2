"""The web officer's nineteenth trial: a result label the scores contradict (ผ่านดี with OIT at 80.45) was saved
with a warning and printed; a timeline typed to start after the deadline of the OIT item its measure serves dropped
the deadline clause unsaid; a future approval date went uncommented; the warning of a score far below its tool's
others sat below the scorecard."""

from __future__ import annotations

import html
import re
from pathlib import Path

from click.testing import CliRunner
from helpers import unwrapped
from itaplan.cli import main
from itaplan.drafting.plan import load_plan
from itaplan.ita.loader import from_mapping
from itaplan.ita.scoring import score
from starlette.testclient import TestClient
from conftest import ROOT
from test_web_app import client, csrf_of  # noqa: F401 - the fixture

EXAMPLE = ROOT / "examples" / "example.yaml"


def _text(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", unwrapped(page))).split())


def _problems(page: str) -> str:
    found = re.search(r'<section class="problems".*?</section>', page, re.S)
    assert found, _text(page)[:2000]
    return _text(found.group(0))


def _example_plan(client: TestClient) -> tuple[str, str]:  # noqa: F811
    csrf = csrf_of(client.get("/?lang=th").text)
    response = client.post("/upload", data={"csrf": csrf}, files={"results": ("example.yaml", EXAMPLE.read_bytes())},
                           follow_redirects=False)
    assert response.status_code == 303
    location = response.headers["location"]
    return location, csrf_of(client.get(location).text)


def test_a_label_the_scores_contradict_is_refused_as_a_wrong_level_is(client: TestClient,  # noqa: F811
                                                                      tmp_path: Path) -> None:
    location, csrf = _example_plan(client)
    path = tmp_path / location.rsplit("/", 1)[1]
    typed = {"csrf": csrf, "total": "87.10", "level": "A", "label": "ผ่านดี"}  # OIT is 80.45: ผ่าน, not ผ่านดี
    bad = client.post(f"{location}/total?lang=th", data=typed)
    assert bad.status_code == 400
    said = _problems(bad.text)
    assert "OIT 80.45" in said and "คือ ผ่าน ไม่ใช่ ผ่านดี" in said and "85" in said, said
    form = re.search(r'<details class="official".*?</details>', bad.text, re.S)
    assert form and 'value="87.10"' in form.group(0) and 'value="ผ่านดี"' in form.group(0)  # what was typed stays
    assert load_plan(path)["scores"]["total_source"] == "computed"
    english = client.post(f"{location}/total?lang=en", data=typed)
    assert english.status_code == 400 and "not ผ่านดี" in _problems(english.text)
    # the label the scores give is taken
    assert client.post(f"{location}/total", data={**typed, "label": "ผ่าน"}, follow_redirects=False).status_code == 303
    assert load_plan(path)["scores"]["label"] == "ผ่าน"


def test_a_label_among_the_uncertain_readings_is_taken_and_one_outside_them_is_told_by_score() -> None:
    from itaplan.ita.framework import load_framework

    fw = load_framework(2569)
    questions = [{"code": c, "score": 100} for c, q in fw.questions.items() if q.tool != "EIT"]
    questions += [{"code": c, "part": p, "score": 90} for c, q in fw.questions.items() if q.tool == "EIT"
                  for p in (1, 2)]  # total over 95, EIT at 90: ผ่านดีเยี่ยม (tools at 85) or ผ่านดี (tools at 95)
    for label in ("ผ่านดีเยี่ยม", "ผ่านดี"):
        card = score(from_mapping({"fiscal_year": 2569, "questions": questions, "label": label}, "x.yaml"))
        assert card.label == label and "label_differs" not in [n.key for n in card.notes]
    card = score(from_mapping({"fiscal_year": 2569, "questions": questions, "label": "ผ่าน"}, "x.yaml"))
    assert [n.values for n in card.notes if n.key == "label_differs"] == [
        {"given": "ผ่าน", "computed": "ผ่านดี / ผ่านดีเยี่ยม"}]


def test_the_cli_tells_a_contradicted_label_in_a_results_file(tmp_path: Path) -> None:
    results = tmp_path / "r.yaml"
    results.write_text(EXAMPLE.read_text(encoding="utf-8") + "total: 87.10\nlevel: A\nlabel: ผ่านดี\n",
                       encoding="utf-8")
    shown = CliRunner().invoke(main, ["score", str(results)])
    assert shown.exit_code == 0
    assert "the given label ผ่านดี differs from ผ่าน, which the scores give" in unwrapped(shown.output)


O10_TYPED = "ม.ค. 2570 – ก.ย. 2570"  # the trial's timeline: after O10's deadline (ธ.ค. 2569)


def _o10_measure(path: Path) -> dict:
    return next(m for m in load_plan(path)["measures"] if [s["code"] for s in m.get("serves") or []] == ["O10"])


def test_a_timeline_typed_to_start_after_its_items_deadline_is_said_on_the_card(client: TestClient,  # noqa: F811
                                                                                 tmp_path: Path) -> None:
    location, _ = _example_plan(client)
    path = tmp_path / location.rsplit("/", 1)[1]
    measure = _o10_measure(path)
    page = client.get(location + "?lang=th").text
    form = re.search(r'<form method="post" action="[^"]*/measure/' + re.escape(measure["id"]) + r'/edit".*?</form>',
                     page, re.S)
    assert form
    shown = {k: html.unescape(v) for k, v in re.findall(r'name="shown-([a-z_]+)" value="([^"]*)"', form.group())}
    article = _text(page.split(f'id="m-{measure["id"]}"')[1].split("</article>")[0])
    assert "หลังกำหนดเผยแพร่" not in article  # the drafted timeline meets it: nothing said
    done = client.post(f"{location}/measure/{measure['id']}/edit?lang=th",
                       data={"csrf": csrf_of(page), **shown, **{f"shown-{k}": v for k, v in shown.items()},
                             "timeline": O10_TYPED})
    assert done.status_code == 200  # back on the page, at the measure saved
    article = _text(done.text.split(f'id="m-{measure["id"]}"')[1].split("</article>")[0])
    assert "บันทึกแล้ว" in article
    assert ("ระยะเวลาดำเนินการที่พิมพ์ไว้เริ่มใน ม.ค. 2570 หลังกำหนดเผยแพร่ ข้อ O10 บนเว็บไซต์ (ภายในสิ้นเดือน ธ.ค. 2569"
            in article), article
    assert "เอกสารจะพิมพ์ระยะเวลาตามที่พิมพ์ไว้" in article
    english = _text(client.get(location + "?lang=en").text.split(f'id="m-{measure["id"]}"')[1].split("</article>")[0])
    assert "the timeline as typed starts in January 2570, after item O10 must be online (by the end of December 2569" \
        in english, english


def test_review_edit_says_the_deadline_a_typed_timeline_misses(tmp_path: Path) -> None:
    from itaplan.cli.review import EditSession

    path = tmp_path / "plan.yaml"
    assert CliRunner().invoke(main, ["draft", str(EXAMPLE), "-o", str(path)]).exit_code == 0
    plan = load_plan(path)
    measure = _o10_measure(path)
    said: list[str] = []
    session = EditSession(plan, path, ask=lambda _: "", say=said.append)
    target = next(m for m in session.plan["measures"] if m["id"] == measure["id"])
    session.change(target, "timeline", O10_TYPED, 400)
    told = " ".join(" ".join(said).split())
    assert "starts in January 2570, after item O10 must be online (by the end of December 2569" in told or \
        "เริ่มใน ม.ค. 2570 หลังกำหนดเผยแพร่ ข้อ O10 บนเว็บไซต์ (ภายในสิ้นเดือน ธ.ค. 2569" in told, told
    said.clear()
    session.change(target, "timeline", "ต.ค. – ธ.ค. 2569", 400)  # within it: only the rule, no warning
    assert "หลังกำหนด" not in " ".join(said) and "starts in" not in " ".join(said)


def test_an_approval_date_after_today_is_said_on_the_web_as_the_cli_says_it(client: TestClient,  # noqa: F811
                                                                          monkeypatch, tmp_path: Path) -> None:
    import datetime

    from itaplan.base import thai

    monkeypatch.setattr(thai, "today", lambda: datetime.date(2026, 12, 7))
    location, csrf = _example_plan(client)
    page = client.get(location + "?lang=th").text
    assert 'id="approval-ahead"' not in page
    form = re.search(r'<details class="signatories".*?</details>', page, re.S)
    assert form
    shown = dict(re.findall(r'name="(shown-[^"]+)" value="([^"]*)"', form.group(0)))
    typed = {k.removeprefix("shown-"): html.unescape(v) for k, v in shown.items()}
    typed.update({"approved-name": "นายสมชาย ใจดี", "approved-date": "15/12/2569"})
    saved = client.post(f"{location}/signatories?lang=th", data={"csrf": csrf, **shown, **typed})
    assert saved.status_code == 200
    said = _text(saved.text.split('id="approval-ahead"', 1)[1].split("</section>", 1)[0])
    assert "วันที่อนุมัติ 15/12/2569 เป็นวันหลังจากวันนี้ (7/12/2569)" in said, said
    assert "ได้รับอนุมัติเมื่อวันที่ 15 ธันวาคม 2569" in said and "ยังไม่เป็นความจริง" in said, said
    english = _text(client.get(location + "?lang=en").text.split('id="approval-ahead"', 1)[1].split("</section>")[0])
    assert "The approval date 15/12/2569 is after today (7/12/2569)" in english, english
    monkeypatch.setattr(thai, "today", lambda: datetime.date(2026, 12, 15))  # the day itself: nothing to say
    assert 'id="approval-ahead"' not in client.get(location).text


def test_a_score_far_below_its_tools_others_is_said_at_the_top_with_the_way_to_correct_it(
        client: TestClient, tmp_path: Path) -> None:  # noqa: F811
    typo = tmp_path.parent / "typo.yaml"
    text = EXAMPLE.read_text(encoding="utf-8")
    typo.write_text(text.replace("{code: i1, score: 91.20}", "{code: i1, score: 19.20}"), encoding="utf-8")
    csrf = csrf_of(client.get("/?lang=th").text)
    made = client.post("/upload", data={"csrf": csrf}, files={"results": ("typo.yaml", typo.read_bytes())},
                       follow_redirects=False)
    location = made.headers["location"]
    page = client.get(location + "?lang=th").text
    assert 'id="score-checks"' in page
    at = page.index('id="score-checks"')
    assert at < page.index('id="scorecard"') and at < page.index('id="deadlines"')  # at the top, before the deadlines
    top = _text(page[at:].split("</section>", 1)[0])
    assert "ข้อ i1 ได้ 19.20 คะแนน ต่ำกว่าค่ามัธยฐานของข้อคำถามอื่นใน IIT (99.68 คะแนน) เกิน 40 คะแนน" in top, top
    assert "ตัวชี้วัดที่ 1 ได้ 73.07 คะแนน ขณะที่ปี 2568 ได้ 96.24 คะแนน" in top  # the same slip, seen from last year
    assert 'href="#scores"' in page[at:].split("</section>", 1)[0]
    assert re.search(r'<details class="scores" id="scores"[^>]* open>', page)  # the link lands on the open form
    assert "19.20 คะแนน ต่ำกว่าค่ามัธยฐาน" not in _text(page[page.index('id="scorecard"'):])  # said once
    english = client.get(location + "?lang=en").text
    assert "Question i1 scored 19.20, more than 40 points below the median of the other IIT questions (99.68)" in \
        _text(english.split('id="score-checks"', 1)[1].split("</section>", 1)[0])
    clean = client.post("/upload", data={"csrf": csrf}, files={"results": ("example.yaml", EXAMPLE.read_bytes())},
                        follow_redirects=False)
    assert 'id="score-checks"' not in client.get(clean.headers["location"]).text
