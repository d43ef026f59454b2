"""The officer who works only in the web app, a twelfth trial: one mistyped score corrected on the plan page (no
results file edited outside the app), a year chosen on the upload form that the file contradicts said first, and
the catalogue's measures listed under their indicators rather than as a numbered list."""

from __future__ import annotations

import html
import re
from pathlib import Path

from click.testing import CliRunner
from itaplan.cli import main
from starlette.testclient import TestClient
from test_web_app import client, csrf_of, plan_files  # noqa: F401 - the fixture
from test_web_officer9 import problems_of

EXAMPLES = Path(__file__).parent.parent / "examples"


def _year_field(page: str) -> str | None:
    found = re.search(r'<select id="framework".*?</select>', page, re.DOTALL)
    assert found
    chosen = re.search(r'<option value="(\d*)" selected>', found.group())
    return chosen.group(1) if chosen else None


def test_a_year_chosen_on_the_form_that_the_file_contradicts_is_said_first(client: TestClient,
                                                                          tmp_path: Path) -> None:
    csrf = csrf_of(client.get("/?lang=th").text)
    data = (EXAMPLES / "agency.csv").read_bytes()  # its first row: ปีงบประมาณ,2568
    refused = client.post("/upload", data={"csrf": csrf, "framework": "2569"}, files={"results": ("ผล.csv", data)})
    assert refused.status_code == 400
    said = problems_of(refused.text)
    first = "ผล.csv แถว 1: ไฟล์ระบุปีงบประมาณ 2568 แต่เลือกปี 2569 ไว้ในช่อง 'ปีงบประมาณของผลการประเมิน' " \
            "ให้เลือก 'ตามที่ระบุในไฟล์'"
    assert first in " ".join(said.split()), said
    assert "ไม่มีข้อ" not in said and "O1–O26" not in said and "--framework" not in said  # no code refused one by one
    assert _year_field(refused.text) == "2569"  # the choice is kept, to be changed
    assert plan_files(tmp_path) == []
    pasted = (EXAMPLES / "itas.txt").read_text(encoding="utf-8")  # 'ประจำปีงบประมาณ พ.ศ. ๒๕๖๘'
    refused = client.post("/upload", data={"csrf": csrf, "framework": "2569", "text": pasted})
    said = " ".join(problems_of(refused.text).split())
    assert refused.status_code == 400 and "ข้อความที่วาง บรรทัด 1: ข้อความที่วางระบุปีงบประมาณ 2568 แต่เลือกปี 2569" in said
    # chosen as the file says: drafted, of the file's year
    drafted = client.post("/upload", data={"csrf": csrf, "framework": ""}, files={"results": ("ผล.csv", data)},
                          follow_redirects=False)
    assert drafted.status_code == 303
    # the same year chosen as the file says: no contradiction
    same = client.post("/upload", data={"csrf": csrf, "framework": "2568", "text": pasted}, follow_redirects=False)
    assert same.status_code == 303, problems_of(same.text)


def test_the_command_lines_framework_that_the_file_contradicts_is_said_first() -> None:
    runner = CliRunner()
    english = runner.invoke(main, ["--lang", "en", "score", "--framework", "2569", str(EXAMPLES / "agency.csv")],
                            env={"ITAPLAN_LANG": "en"})
    assert english.exit_code == 2 and "Traceback" not in english.output
    lines = [line for line in english.output.splitlines() if line.strip()]
    assert "row 1: the results give fiscal year 2568, but fiscal year 2569 was asked for (--framework): leave " \
           "--framework out" in lines[0], english.output
    assert "unknown code" not in english.output
    thai = runner.invoke(main, ["--lang", "th", "score", "--framework", "2569", str(EXAMPLES / "itas.txt")],
                         env={"ITAPLAN_LANG": "th"})
    assert thai.exit_code == 2
    assert "ผลการประเมินระบุปีงบประมาณ 2568 แต่ระบุ --framework เป็นปี 2569" in thai.output
    agrees = runner.invoke(main, ["--lang", "en", "score", "--framework", "2568", str(EXAMPLES / "agency.csv")],
                           env={"ITAPLAN_LANG": "en"})
    assert agrees.exit_code == 0, agrees.output


def _example(client: TestClient) -> tuple[str, str]:
    home = client.get("/?lang=th").text
    opened = client.post("/example", data={"csrf": csrf_of(home)}, follow_redirects=False)
    assert opened.status_code == 303
    page = client.get(opened.headers["location"] + "?lang=th").text
    return opened.headers["location"], page


def _question(plan: dict, code: str) -> dict:
    return next(q for q in plan["scores"]["questions"] if q["code"] == code)


def _indicator(plan: dict, number: int) -> dict:
    return next(i for i in plan["analysis"]["indicators"] if i["number"] == number)


def test_one_mistyped_score_is_corrected_on_the_page_the_decisions_kept(client: TestClient, tmp_path: Path) -> None:
    from itaplan.drafting.plan import load_plan

    location, page = _example(client)
    form = re.search(r'<details class="scores" id="scores".*?</details>', page, re.DOTALL).group()
    assert "แก้คะแนนรายข้อ" in form and 'action="/plan/example.plan.yaml/scores"' in form
    # the year's questions with their titles and recorded scores, EIT by its parts (the example's results have two)
    assert '<option value="i10">i10 – การขอยืมทรัพย์สินของราชการอย่างถูกต้องตามขั้นตอน (82.40)</option>' in form
    assert '<option value="e1:1">e1 ส่วนที่ 1 – ' in form and '<option value="e1:2">e1 ส่วนที่ 2 – ' in form
    assert '<option value="e1">' not in form
    csrf = csrf_of(page)
    path = tmp_path / "example.plan.yaml"
    before = load_plan(path)
    first, second = (m["id"] for m in before["measures"][:2])
    base = f"{location}/measure"
    client.post(f"{base}/{first}/decide", data={"csrf": csrf, "action": "drop", "reason": "ทำแล้วในปีก่อน"})
    client.post(f"{base}/{second}/decide", data={"csrf": csrf, "action": "keep"})
    decided = load_plan(path)
    assert _question(decided, "i10")["score"] == 82.4
    corrected = client.post(f"{location}/scores", data={"csrf": csrf, "code-1": "i10", "score-1": "๕๐",
                                                        "code-2": "", "score-2": "", "code-3": "", "score-3": ""},
                            follow_redirects=False)
    assert corrected.status_code == 303, problems_of(corrected.text)
    assert corrected.headers["location"].endswith("?saved=scores#scores")
    after = load_plan(path)
    assert _question(after, "i10")["score"] == 50.0
    # the analysis drawn again from the corrected score: indicator 4 (i10's) lower, and the total
    assert _indicator(after, 4)["score"] < _indicator(decided, 4)["score"]
    assert after["scores"]["total"] < decided["scores"]["total"]
    assert after["analysis"] != decided["analysis"]
    # what the officer did is kept: the decisions, the signatories, the budgets
    states = {m["id"]: m.get("status") for m in after["measures"]}
    assert states[first] == "dropped" and states[second] == "kept"
    assert next(m for m in after["measures"] if m["id"] == first).get("dropped_reason") == "ทำแล้วในปีก่อน"
    assert after["agency"].get("signatories") == decided["agency"].get("signatories")
    assert after["agency"].get("budgets") == decided["agency"].get("budgets")
    # what changed is said on the page, in Thai, at the form
    shown = client.get(corrected.headers["location"].replace("?", "?lang=th&")).text
    said = re.search(r'<div role="status" id="corrected">.*?</div>', shown, re.DOTALL)
    assert said, "the page does not say what the corrected score changed"
    assert "คะแนนที่เปลี่ยน: i10 82.40 → 50.00" in said.group() and "คะแนนรวม 87.02" in said.group()
    assert 'id="replaced"' not in shown  # said once, at the form used


def test_several_scores_at_once_and_a_code_the_year_has_not_is_refused_with_what_was_typed(
        client: TestClient, tmp_path: Path) -> None:
    from itaplan.drafting.plan import load_plan

    location, page = _example(client)
    csrf = csrf_of(page)
    path = tmp_path / "example.plan.yaml"
    before = path.read_bytes()
    refused = client.post(f"{location}/scores?lang=th", data={"csrf": csrf, "code-1": "i41", "score-1": "50",
                                                             "code-2": "e1:1", "score-2": "70", "code-3": "o3",
                                                             "score-3": "๑๒๐"})
    assert refused.status_code == 400
    said = " ".join(problems_of(refused.text).split())
    assert "แถว 1: ไม่มีข้อ 'i41' ในการประเมินปีงบประมาณ 2569 หมายถึง i4" in said, said
    assert "แถว 3: O3: คะแนน ๑๒๐ อยู่นอกช่วง 0 ถึง 100" in said, said  # the results file's own check
    assert path.read_bytes() == before  # nothing changed
    form = re.search(r'<details class="scores" id="scores" open>.*?</details>', refused.text, re.DOTALL)
    assert form, "the refused form is not open again"
    form_html = form.group()
    assert '<option value="i41" selected>i41</option>' in form_html  # what was chosen, kept
    assert 'name="score-1" value="50"' in form_html and 'name="score-3" value="๑๒๐"' in form_html
    assert re.search(r'<option value="e1:1" selected>', form_html)
    # both corrected at once
    done = client.post(f"{location}/scores", data={"csrf": csrf, "code-1": "e1:1", "score-1": "70",
                                                   "code-2": "o3", "score-2": "ไม่มี"}, follow_redirects=False)
    assert done.status_code == 303, problems_of(done.text)
    after = load_plan(path)
    assert _question(after, "e1")["parts"]["1"] == 70.0 and _question(after, "O3")["score"] == 0.0
    # nothing chosen: said, not a silent redraft
    empty = client.post(f"{location}/scores", data={"csrf": csrf, "code-1": "", "score-1": ""})
    assert empty.status_code == 400 and "ให้เลือกข้อและกรอกคะแนนที่ถูกต้อง" in problems_of(empty.text)


def test_the_catalogue_list_is_grouped_under_its_indicators_not_numbered(client: TestClient) -> None:
    _, page = _example(client)
    listed = re.search(r'<fieldset class="catalogue-list".*?</form>', page, re.DOTALL).group()
    headings = [re.sub(r"<[^>]+>", "", h) for h in re.findall(r'<fieldset class="catalogue-group"><legend>(.*?)</legend>',
                                                               listed, re.DOTALL)]
    assert headings[0] == "ตัวชี้วัดที่ 1: การปฏิบัติหน้าที่", headings
    assert len(headings) == len(set(headings)) > 3  # each indicator once
    assert all(h.startswith("ตัวชี้วัดที่ ") or h == "มาตรการที่ไม่เจาะจงตัวชี้วัดใดตัวชี้วัดหนึ่ง" for h in headings)
    labels = [re.sub(r"<[^>]+>", "", label).strip() for label in re.findall(r'<label class="choice">(.*?)</label>',
                                                                            listed, re.DOTALL)]
    assert labels and not any(re.match(r"\d+\.", label) for label in labels)  # no "1. … 1. … 1. …"
    assert listed.count(" required") == 1  # one choice required of the whole list


def test_a_settled_row_a_corrected_score_narrows_is_said(client: TestClient, tmp_path: Path) -> None:
    """A web officer's ninth trial: i12 corrected to 89.35 reshaped the kept row 'asset-borrowing-procedure+asset-
    private-use-control' (its title, its eight steps four) with a word only of the score: the page says which
    settled measure changed, to what, and that its decision is kept."""
    from itaplan.drafting.plan import load_plan

    location, page = _example(client)
    csrf = csrf_of(page)
    row = "asset-borrowing-procedure+asset-private-use-control"
    client.post(f"{location}/measure/{row}/decide", data={"csrf": csrf, "action": "keep"})
    title = next(m["title"] for m in load_plan(tmp_path / "example.plan.yaml")["measures"] if m["id"] == row)
    corrected = client.post(f"{location}/scores", data={"csrf": csrf, "code-1": "i12", "score-1": "89.35",
                                                        "code-2": "", "score-2": "", "code-3": "", "score-3": ""},
                            follow_redirects=False)
    assert corrected.status_code == 303, problems_of(corrected.text)
    after = next(m for m in load_plan(tmp_path / "example.plan.yaml")["measures"] if "asset-borrowing" in m["id"])
    assert after["status"] == "kept" and after["title"] != title
    shown = client.get(corrected.headers["location"].replace("?", "?lang=th&")).text
    said = " ".join(html.unescape(re.search(r'<div role="status" id="corrected">.*?</div>', shown,
                                            re.DOTALL).group()).split())
    assert f"มาตรการ “{title}” ตอบเฉพาะจุดอ่อนที่คะแนนซึ่งแก้แล้วยังแสดงอยู่" in said, said
    assert f"จึงเปลี่ยนเป็น “{after['title']}”" in said and "โปรดตรวจก่อนเผยแพร่" in said


def test_a_budget_set_for_a_row_of_several_measures_is_the_rows(client: TestClient, tmp_path: Path) -> None:
    """A web officer's tenth trial set 5,000 baht on the row i10 + i12 and was told, in half English, that the budget
    of 'asset-borrowing-procedure+asset-private-use-control' is not printed as the plan has no such measure, while
    the card printed it: a row's own id holds its budget. A budget of a row the plan no longer holds is named by its
    members' Thai titles, never by the id."""
    from itaplan.app import amend
    from itaplan.drafting.plan import load_plan, save_plan

    location, page = _example(client)
    csrf = csrf_of(page)
    path = tmp_path / "example.plan.yaml"
    row = "asset-borrowing-procedure+asset-private-use-control"
    assert amend.set_budget(path, row, "5,000")
    corrected = client.post(f"{location}/scores", data={"csrf": csrf, "code-1": "i4", "score-1": "83.5",
                                                        "code-2": "", "score-2": "", "code-3": "", "score-3": ""},
                            follow_redirects=False)
    assert corrected.status_code == 303, problems_of(corrected.text)
    warnings = " ".join(load_plan(path).get("warnings") or [])
    assert row not in warnings and "งบประมาณที่ระบุไว้" not in warnings, warnings
    plan = load_plan(path)  # the row gone (a budget left for it): said by the members' titles
    plan["agency"]["budgets"]["oit-hr+oit-plans-and-reports"] = 1000
    save_plan(plan, path)
    client.post(f"{location}/scores", data={"csrf": csrf, "code-1": "i4", "score-1": "83.4", "code-2": "",
                                            "score-2": "", "code-3": "", "score-3": ""}, follow_redirects=False)
    warnings = " ".join(load_plan(path).get("warnings") or [])
    assert "oit-hr" not in warnings and "มาตรการเปิดเผยข้อมูลการบริหารและพัฒนาทรัพยากรบุคคล" in warnings, warnings


def test_the_score_fields_examples_read_as_examples(client: TestClient) -> None:
    """A web officer's tenth trial read the ITAS-total field's grey 87.10 as a value the tool knew (their total was
    86.12): every score field's example says it is one ("เช่น 87.10")."""
    _, page = _example(client)
    for field in ("official-total", "score-value-1"):
        tag = re.search(rf'<input id="{field}"[^>]*>', page).group()
        assert re.search(r'placeholder="เช่น \d+\.\d\d"', tag), tag
