"""The web officer's eighteenth trial: a score corrected on the plan page took a measure away with only "saved"
said; a score far below its indicator's other questions went unnoticed; partial results were not said to be partial
at the top of the page; the tracking sheet's note column was shown under another name."""

from __future__ import annotations

import html
import re
from pathlib import Path

from click.testing import CliRunner
from helpers import unwrapped
from itaplan.cli import main
from itaplan.drafting import settle
from itaplan.drafting.handled import set_statement, statements
from itaplan.content.catalogue import load_catalogue
from itaplan.content.texts import Texts
from itaplan.drafting.plan import load_plan, save_plan
from starlette.testclient import TestClient
from conftest import ROOT
from test_web_app import client, csrf_of  # noqa: F401 - the fixture

EXAMPLE = ROOT / "examples" / "example.yaml"
I1_MEASURE = "มาตรการกำหนดมาตรฐาน ขั้นตอน และระยะเวลาการปฏิบัติงานและการให้บริการ"


def _text(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", unwrapped(page))).split())


def _typo(folder: Path) -> Path:
    """The trial's slip: i1 typed 19.20 for 91.20 (the other IIT questions 79-100)."""
    text = EXAMPLE.read_text(encoding="utf-8")
    assert "{code: i1, score: 91.20}" in text
    typo = folder / "typo.yaml"
    typo.write_text(text.replace("{code: i1, score: 91.20}", "{code: i1, score: 19.20}"), encoding="utf-8")
    return typo


def _drafted_untouched(tmp_path: Path) -> Path:
    """A plan as drafted, nothing decided yet: the measures are the draft's."""
    plan = tmp_path / "typo.plan.yaml"
    result = CliRunner().invoke(main, ["draft", str(_typo(tmp_path.parent)), "-o", str(plan)])
    assert result.exit_code == 0, result.output
    assert I1_MEASURE in [m["title"] for m in load_plan(plan)["measures"]]
    return plan


def test_a_score_corrected_on_a_plan_nobody_settled_yet_says_which_measure_left(client: TestClient,  # noqa: F811
                                                                                  tmp_path: Path) -> None:
    plan = _drafted_untouched(tmp_path)
    page = client.get(f"/plan/{plan.name}?lang=th").text
    done = client.post(f"/plan/{plan.name}/scores", data={"csrf": csrf_of(page), "code-1": "i1", "score-1": "91.20"})
    assert done.status_code == 200
    assert I1_MEASURE not in [m["title"] for m in load_plan(plan)["measures"]]
    said = _text(done.text.split('id="corrected"', 1)[1].split("</div>", 1)[0])
    assert f"นำมาตรการ “{I1_MEASURE}” ออกแล้ว เพราะร่างไว้สำหรับจุดอ่อนที่คะแนนที่แก้ไขแล้วไม่แสดงอีก" in said, said


def test_the_cli_update_of_a_plan_as_drafted_says_which_measure_left(tmp_path: Path) -> None:
    plan = _drafted_untouched(tmp_path)
    result = CliRunner().invoke(main, ["draft", str(EXAMPLE), "--update", str(plan)], env={"ITAPLAN_LANG": "en"})
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert f"measure '{I1_MEASURE}' is removed: it was drafted for a weak point the corrected scores no longer show" \
        in said, said


def test_the_agencys_statement_on_a_weak_point_the_correction_took_away_is_said_not_lost(  # noqa: F811
        client: TestClient, tmp_path: Path) -> None:
    """A decision on a point that leaves with a corrected score (the statement of how the agency handles e5, after
    dropping its measure) is named: no longer printed, kept in the plan."""
    plan = tmp_path / "p.plan.yaml"
    assert CliRunner().invoke(main, ["-q", "draft", str(EXAMPLE), "-o", str(plan)]).exit_code == 0
    settle.drop(plan, "info-channels", "ดำเนินการตามแผนประชาสัมพันธ์ประจำปีแล้ว")
    set_statement(plan, ("e5", 1), "หน่วยงานประชาสัมพันธ์ข้อมูลผ่านหอกระจายข่าวตามแผนประชาสัมพันธ์ประจำปี")
    page = client.get(f"/plan/{plan.name}?lang=en").text
    done = client.post(f"/plan/{plan.name}/scores?lang=en",
                       data={"csrf": csrf_of(page), "code-1": "e5:1", "score-1": "90"})
    said = _text(done.text.split('id="corrected"', 1)[1].split("</div>", 1)[0])
    assert "the agency's statement on weak point e5:1 is no longer printed: the corrected scores do not show that " \
        "weak point" in said, said
    assert ("e5", 1) in statements(load_plan(plan))


FAR_BELOW_EN = ("question i1: 19.20, more than 40 points below the median of the other IIT questions (99.68); check "
                "it against ITAS: a typo (19.20 for 91.20?) makes a measure")
FAR_BELOW_TH = ("ข้อ i1 ได้ 19.20 คะแนน ต่ำกว่าค่ามัธยฐานของข้อคำถามอื่นใน IIT (99.68 คะแนน) เกิน 40 คะแนน "
                "ให้ตรวจกับระบบ ITAS เพราะหากพิมพ์คะแนนผิด (เช่น 19.20 แทน 91.20) จะได้มาตรการที่ไม่จำเป็น")


def test_a_score_far_below_its_tools_other_questions_is_warned_of_in_the_terminal_not_in_the_documents(
        tmp_path: Path) -> None:
    """i1 typed 19.20 (for 91.20) while the other IIT questions score 79 to 100, no last year to compare with."""
    typo = _typo(tmp_path)
    runner = CliRunner()
    english = runner.invoke(main, ["--lang", "en", "score", str(typo)])
    assert FAR_BELOW_EN in " ".join(english.output.split()), english.output
    plan = tmp_path / "p.plan.yaml"
    thai = runner.invoke(main, ["--lang", "th", "draft", str(typo), "-o", str(plan)])
    assert FAR_BELOW_TH in " ".join(thai.output.split()), thai.output
    assert runner.invoke(main, ["render", str(plan), "-o", str(tmp_path / "p.md")]).exit_code == 0
    assert "มัธยฐาน" not in (tmp_path / "p.md").read_text(encoding="utf-8")
    clean = runner.invoke(main, ["--lang", "en", "score", str(EXAMPLE)])
    assert "median of the other" not in clean.output  # 91.20: no slip to suspect


def test_the_page_warns_of_a_score_far_below_its_tools_other_questions(client: TestClient,  # noqa: F811
                                                                      tmp_path: Path) -> None:
    plan = _drafted_untouched(tmp_path)
    assert FAR_BELOW_TH in _text(client.get(f"/plan/{plan.name}?lang=th").text)  # the plan's warnings are Thai


PARTIAL = ("ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. 2569\nองค์การบริหารส่วนตำบลห้วยทราย\n"
           "i1 88\ni2 100\ne9 70\nคะแนนรวม 80\n")  # the trial's four lines


def test_partial_results_are_said_at_the_top_of_the_page_and_first_in_the_terminal(client: TestClient,  # noqa: F811
                                                                                    tmp_path: Path) -> None:
    csrf = csrf_of(client.get("/?lang=th").text)
    made = client.post("/upload", data={"csrf": csrf, "text": PARTIAL}, follow_redirects=False)
    assert made.status_code == 303, made.text[:300]
    page = client.get(made.headers["location"] + "?lang=th").text
    top = _text(page.split('id="incomplete"', 1)[1].split("</section>", 1)[0])
    assert top.startswith("> ผลการประเมินที่ให้มาไม่ครบ: ตัวชี้วัดที่ 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 ไม่มีคะแนน "
                          "(ขาดคะแนนรายข้อ) จึงตรวจคะแนนรวม 80.00 (ระดับ B) ที่ระบุไว้กับตัวชี้วัดไม่ได้"), top
    assert "เฉพาะ 3 ข้อที่ให้มาเท่านั้น" in top and "แทนที่ผลการประเมิน" in top and 'href="#results"' in page
    assert page.index('id="incomplete"') < page.index('id="scorecard"')  # above the scorecard, not below it
    typed = tmp_path / "partial.txt"
    typed.write_text(PARTIAL, encoding="utf-8")
    said = CliRunner().invoke(main, ["--lang", "en", "score", str(typed)]).output
    first = next(line for line in said.splitlines() if line.startswith("warning:"))
    assert first.startswith("warning: the results are incomplete: indicators 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 have no "
                            "score (their questions are missing), so the total 80.00 (level B) as given cannot be "
                            "checked"), said


def test_complete_results_say_nothing_of_incompleteness(client: TestClient, tmp_path: Path) -> None:  # noqa: F811
    plan = _drafted_untouched(tmp_path)
    assert 'id="incomplete"' not in client.get(f"/plan/{plan.name}?lang=th").text
    assert "incomplete" not in CliRunner().invoke(main, ["--lang", "en", "score", str(EXAMPLE)]).output


def test_the_pages_note_is_named_as_the_tracking_sheets_column_it_is_read_from(client: TestClient,  # noqa: F811
                                                                              tmp_path: Path) -> None:
    """The sheet's หมายเหตุ/ปัญหาอุปสรรค cell, read back, was shown under หมายเหตุ: the page names it as the sheet does."""
    plan = tmp_path / "p.plan.yaml"
    assert CliRunner().invoke(main, ["-q", "draft", str(EXAMPLE), "-o", str(plan)]).exit_code == 0
    data = load_plan(plan)
    data["measures"][0]["note"] = "รอผลการจัดสรรงบประมาณ"
    save_plan(data, plan)
    column = Texts(load_catalogue())("col_note_reason")
    for lang, label in (("th", "หมายเหตุ/ปัญหาอุปสรรค"), ("en", "Note/obstacles")):
        page = unwrapped(client.get(f"/plan/{plan.name}?lang={lang}").text)
        shown = re.findall(r"<dt>([^<]*)</dt><dd class=\"note\">รอผลการจัดสรรงบประมาณ", page)
        assert shown == [label], shown
    assert column.startswith("หมายเหตุ/ปัญหาอุปสรรค")  # the sheet's own header
