"""Last year's total as published that does not follow from last year's own indicators (seed 000's tables with 92.51
published, 97.45 from its indicators; seed 000's own 88.51, below every indicator, cannot be a published total and is
not used at all: test_last_year_agency_and_impossible_total): the change is measured from the published figure, the documents say it is that figure,
and the officer is told on every surface (the plan's notes, the command line, the web page's last-year section)."""

from __future__ import annotations

import copy
import html
import re
from pathlib import Path

import pytest
from conftest import ROOT
from itaplan.app.redraft import redraft, set_previous
from itaplan.app.session import Session
from itaplan.checking.check import check_plan, plan_results
from itaplan.drafting.officer_notes import officer_notes
from itaplan.drafting.plan import load_plan, save_plan
from itaplan.ita.scoring import score
from starlette.testclient import TestClient
from test_web_app import client, csrf_of, upload  # noqa: F401 - the fixture

EXAMPLE_2569 = ROOT / "examples" / "example.yaml"
SEED_TABLES = ROOT / "tests" / "data" / "seed000_fy2568.txt"
PUBLISHED = "เมื่อเทียบกับปีงบประมาณ พ.ศ. 2568 ซึ่งได้ 92.51 คะแนนตามที่ประกาศผลการประเมิน คะแนนรวมลดลง 5.49 คะแนน"
SETUP = Session(engine="pure")


def _seed_000(folder: Path) -> Path:
    """Seed 000's question tables, as the example agency's last year (last year's results of another agency are
    refused), with a published total that lies among its indicators (91.02 to 100) but is not what they give (97.45)."""
    lines = SEED_TABLES.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("นาสิงห์", "ห้วยทราย")
    lines[2] = "หน่วยงานมีผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. ๒๕๖๘ โดยมีคะแนนในภาพรวมอยู่ที่ ๙๒.๕๑ คะแนน"
    path = folder / "seed000.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture()
def seed_000(tmp_path: Path) -> Path:
    folder = tmp_path.parent / f"{tmp_path.name}-seed"
    folder.mkdir(exist_ok=True)
    return _seed_000(folder)


def _plan(seed: Path) -> dict:
    return SETUP.plan(SETUP.scorecard(str(EXAMPLE_2569), str(seed)))


def test_last_years_computed_total_is_kept_only_when_the_published_one_differs(seed_000: Path) -> None:
    card = SETUP.scorecard(str(EXAMPLE_2569), str(seed_000))
    assert card.previous_total == 92.51 and round(card.previous_computed_total or 0, 2) == 97.45
    assert card.to_dict()["previous"]["computed_total"] == 97.45
    own = score(SETUP.results(str(EXAMPLE_2569)))  # the example's own last year: its total follows from it
    assert own.previous_total is not None and own.previous_computed_total is None
    assert "computed_total" not in own.to_dict()["previous"]


def test_the_total_change_says_last_years_total_is_the_published_one_and_check_reads_it(seed_000: Path) -> None:
    plan = _plan(seed_000)
    summary = plan["analysis"]["summary"]
    assert any(line.startswith(PUBLISHED) for line in summary), summary
    assert not any("97.45" in line for line in summary)  # the computed figure is the officer's, never printed
    assert check_plan(copy.deepcopy(plan), SETUP.catalogue, ("json", "md")) == []
    for wrong, found in (("92.51 คะแนนตามที่", "does not follow from 92.51"),
                         ("ลดลง 5.49", "does not follow from 92.51")):
        changed = copy.deepcopy(plan)
        said = changed["analysis"]["summary"]
        at = next(i for i, line in enumerate(said) if line.startswith(PUBLISHED))
        said[at] = said[at].replace(wrong, wrong.replace("92.51", "93.51").replace("5.49", "6.49"))
        problems = check_plan(changed, SETUP.catalogue, ("json", "md"))
        assert any("the change of the total" in p and found in p for p in problems), problems
    # a total that follows from its indicators keeps the plain sentence
    own = SETUP.plan(SETUP.scorecard(str(EXAMPLE_2569)))
    assert not any("ตามที่ประกาศผลการประเมิน" in line for line in own["analysis"]["summary"])


def test_the_officer_is_told_in_thai_and_english(seed_000: Path) -> None:
    plan = _plan(seed_000)
    thai = [n for n in officer_notes(plan, SETUP.catalogue, "th") if "ไม่สอดคล้องกับคะแนนรายตัวชี้วัด" in n]
    assert len(thai) == 1 and "92.51" in thai[0] and "97.45" in thai[0] and "ITAS" in thai[0]
    english = [n for n in officer_notes(plan, SETUP.catalogue, "en") if n.startswith("last year's total as published")]
    assert english == ["last year's total as published, 92.51 (FY2568), does not follow from that year's indicators, "
                       "which give 97.45 (with the weights itaplan takes for that year); the documents measure the "
                       "change of the total from the published figure, so the total's change and the indicators' "
                       "changes may point different ways; check last year's figures against ITAS"]


def test_redraft_and_set_previous_keep_last_years_computed_total(tmp_path: Path, seed_000: Path) -> None:
    plan = _plan(seed_000)
    redraft(plan, plan_results(plan), SETUP)  # as the web's other forms do: last year as the plan recorded it
    assert plan["scores"]["previous"]["computed_total"] == 97.45
    assert any(line.startswith(PUBLISHED) for line in plan["analysis"]["summary"])
    assert any("ไม่สอดคล้องกับคะแนนรายตัวชี้วัด" in n for n in plan["officer_notes"])
    path = tmp_path / "p.plan.yaml"
    own = SETUP.plan(SETUP.scorecard(str(EXAMPLE_2569)))
    save_plan(own, path)
    set_previous(path, SETUP.results(str(seed_000)), SETUP)
    given = load_plan(path)
    assert given["scores"]["previous"]["computed_total"] == 97.45
    assert any(line.startswith(PUBLISHED) for line in given["analysis"]["summary"])


def _this_year_without_last(tmp_path: Path) -> Path:
    text = EXAMPLE_2569.read_text(encoding="utf-8")
    path = tmp_path.parent / f"{tmp_path.name}-in" / "huaysai2569.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text[: text.index("\nprevious:")] + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("lang, said", [
    ("th", "คะแนนรวมปี 2568 ตามที่ประกาศผล (92.51) ไม่สอดคล้องกับคะแนนรายตัวชี้วัดของปีนั้น ซึ่งคำนวณได้ 97.45 คะแนน"
           "ด้วยน้ำหนักที่สันนิษฐานไว้สำหรับปีนั้น"),
    ("en", "Last year's total as published (92.51, fiscal year 2568) does not follow from that year's indicators, "
           "which give 97.45 with the weights assumed for that year"),
])
def test_the_web_page_warns_at_the_last_year_section(client: TestClient, tmp_path: Path,  # noqa: F811
                                                      seed_000: Path, lang: str, said: str) -> None:
    sent = upload(client, _this_year_without_last(tmp_path))
    name = sent.headers["location"].removeprefix("/plan/")
    page = client.get(f"/plan/{name}").text
    assert 'id="previous-differs"' not in page
    given = client.post(f"/plan/{name}/previous", data={"csrf": csrf_of(page)},
                        files={"results": ("seed000.txt", seed_000.read_bytes())}, follow_redirects=False)
    assert given.status_code == 303
    shown = client.get(f"/plan/{name}?lang={lang}").text
    warning = re.search(r'<p class="warning" id="previous-differs">(.*?)</p>', shown, re.S)
    assert warning and said in html.unescape(warning.group(1)) and "ITAS" in warning.group(1), shown[:200]
    # said once, at the section: the drafted officer's note of the same thing is not repeated among the warnings
    assert shown.count("97.45") == 1


def test_review_says_the_scorings_warnings_in_the_interfaces_language_and_last_years_total_once(
        tmp_path: Path, seed_000: Path) -> None:
    """In English, review printed the warning in English and then again in the documents' Thai (newcomer's trial)."""
    from click.testing import CliRunner
    from itaplan.cli import main

    plan = tmp_path / "p.yaml"
    runner = CliRunner()
    assert runner.invoke(main, ["draft", str(ROOT / "examples" / "example.yaml"), "--previous", str(seed_000), "-o",
                                str(plan)]).exit_code == 0
    english = " ".join(runner.invoke(main, ["review", str(plan)], env={"ITAPLAN_LANG": "en"}).output.split())
    assert "ข้อมูลปี" not in english and "last year (2568): EIT scores given without their part" in english
    assert english.count("92.51") == 1  # the officer's note alone: not the scoring's warning again
    thai = " ".join(runner.invoke(main, ["--lang", "th", "review", str(plan)], env={"ITAPLAN_LANG": "en"}).output.split())
    assert "last year (" not in thai and thai.count("ข้อมูลปี 2568:") == 1
