"""User trials: another agency's results taken as last year's (นาสิงห์'s plan compared with ห้วยทราย's 87.50), and a
seed's leftover total (88.51, every indicator 93 to 100) printed as the agency's. Last year's results of another agency
are refused (the name without its type, the province, the district); a given total no weighted mean of the indicators
can be is not used, and the officer is told."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT
from itaplan.app.redraft import set_previous
from itaplan.app.session import Session
from itaplan.base.errors import InputError
from itaplan.cli import main
from itaplan.drafting.plan import load_plan, save_plan
from itaplan.ita.gather import name_core, same_agency
from itaplan.ita.results import Agency
from itaplan.ita.scoring import score

SETUP = Session(engine="pure")
EXAMPLE_2568 = ROOT / "tests" / "data" / "example-2568.yaml"  # ห้วยทราย, FY2568
EN = {"ITAPLAN_LANG": "en"}
HIGH = {1: 96.24, 2: 99.78, 3: 100.0, 4: 93.33, 5: 99.35, 6: 96.52, 7: 93.77, 8: 93.02, 9: 100.0, 10: 100.0}


def _results(folder: Path, name: str, agency: object, year: int = 2568, total: float | None = None,
             previous: dict | None = None) -> Path:
    data: dict = {"fiscal_year": year, "agency": agency, "indicators": dict(HIGH)}
    if total is not None:
        data["total"] = total
    if previous is not None:
        data["previous"] = previous
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_the_name_without_its_type_province_and_district_tell_agencies_apart() -> None:
    assert name_core("องค์การบริหารส่วนตำบลนาสิงห์") == name_core("เทศบาลตำบล นาสิงห์") == name_core("อบต.นาสิงห์") == "นาสิงห์"
    nasingh = Agency(name="องค์การบริหารส่วนตำบลนาสิงห์", province="จังหวัดอุบลราชธานี")
    assert same_agency(nasingh, Agency(name="เทศบาลตำบลนาสิงห์", province="อุบลราชธานี"))
    assert not same_agency(nasingh, Agency(name="องค์การบริหารส่วนตำบลห้วยทราย"))
    assert not same_agency(nasingh, Agency(name="องค์การบริหารส่วนตำบลนาสิงห์", province="จังหวัดตัวอย่าง"))
    assert not same_agency(Agency(name="อบต.นาสิงห์", district="อำเภอก"), Agency(name="นาสิงห์", district="อำเภอข"))
    assert same_agency(nasingh, Agency())  # no name: cannot tell


def test_the_cli_refuses_another_agencys_results_as_last_year(tmp_path: Path) -> None:
    this = _results(tmp_path, "nasingh.yaml", "องค์การบริหารส่วนตำบลนาสิงห์", year=2569)
    other = tmp_path / "huaysai.yaml"
    other.write_text(EXAMPLE_2568.read_text(encoding="utf-8"), encoding="utf-8")
    done = CliRunner().invoke(main, ["score", str(this), "--previous", str(other)], env=EN)
    said = " ".join(done.output.split())
    assert done.exit_code == 2, done.output
    assert str(other) in said and "ห้วยทราย" in said and "นาสิงห์" in said and "--previous" in said
    # the same agency after it became a municipality is its own last year
    became = _results(tmp_path, "ts.yaml", "เทศบาลตำบลนาสิงห์", year=2569)
    before = _results(tmp_path, "sao.yaml", "องค์การบริหารส่วนตำบลนาสิงห์", total=96.5)
    done = CliRunner().invoke(main, ["score", str(became), "--previous", str(before)], env=EN)
    assert done.exit_code == 0 and "taken to be the same agency" not in done.output, done.output
    # last year's results that name no agency: accepted, and said to be assumed the same agency's
    nameless = tmp_path / "nameless.yaml"
    nameless.write_text(yaml.safe_dump({"fiscal_year": 2568, "indicators": dict(HIGH)}), encoding="utf-8")
    done = CliRunner().invoke(main, ["score", str(became), "--previous", str(nameless)], env=EN)
    assert done.exit_code == 0 and "taken to be the same agency's" in " ".join(done.output.split()), done.output


def test_a_results_files_own_previous_of_another_agency_is_refused_at_its_line(tmp_path: Path) -> None:
    path = _results(tmp_path, "r.yaml", "องค์การบริหารส่วนตำบลนาสิงห์", year=2569,
                    previous={"fiscal_year": 2568, "agency": "องค์การบริหารส่วนตำบลห้วยทราย", "indicators": dict(HIGH)})
    done = CliRunner().invoke(main, ["score", str(path)], env=EN)
    assert done.exit_code == 2 and "ห้วยทราย" in done.output and f"{path}:" in done.output, done.output
    same = _results(tmp_path, "s.yaml", "องค์การบริหารส่วนตำบลนาสิงห์", year=2569,
                    previous={"fiscal_year": 2568, "agency": "อบต.นาสิงห์", "indicators": dict(HIGH)})
    assert CliRunner().invoke(main, ["score", str(same)], env=EN).exit_code == 0


def test_the_plan_page_refuses_another_agencys_last_year(tmp_path: Path) -> None:
    path = tmp_path / "nasingh.plan.yaml"
    this = _results(tmp_path, "nasingh.yaml", "องค์การบริหารส่วนตำบลนาสิงห์", year=2569)
    save_plan(SETUP.plan(SETUP.scorecard(str(this))), path)
    before = path.read_text(encoding="utf-8")
    with pytest.raises(InputError) as refused:
        set_previous(path, SETUP.results(str(EXAMPLE_2568)), SETUP)
    message = refused.value.problems[0].message
    assert "ห้วยทราย" in message and "นาสิงห์" in message and "nothing was changed" in message
    assert path.read_text(encoding="utf-8") == before
    set_previous(path, SETUP.results(str(_results(tmp_path, "own.yaml", "เทศบาลตำบลนาสิงห์", total=96.5))), SETUP)
    assert load_plan(path)["scores"]["previous"]["total"] == 96.5


def test_a_total_below_every_indicator_stands_as_given_and_the_officer_is_told(tmp_path: Path) -> None:
    """A total no weighted mean of the indicators could be: the total or the scores were typed (or published) wrong,
    and only ITAS says which. A computed total put in its place printed a figure the agency never published (web
    trial 6: last year's 97.45 for the 88.51 ITAS showed); the given one stands, the officer is told, check flags it."""
    from itaplan.checking.check import check_plan

    path = _results(tmp_path, "r.yaml", "องค์การบริหารส่วนตำบลนาสิงห์", total=88.51)
    card = score(SETUP.results(str(path)))
    assert card.total_source == "given" and round(card.total, 2) == 88.51
    # said once: the impossible total's note says already that the total as given is used (no 'differs' beside it)
    assert "total_below_indicators" in [n.key for n in card.notes] and "total_differs" not in [n.key for n in card.notes]
    said = next(w for w in card.warnings if "impossible" in w)
    assert "88.51 is impossible" in said and "indicator 8, 93.02" in said and "check both against ITAS" in said
    plan = SETUP.plan(card)
    assert plan["scores"]["total"] == 88.51
    assert any("88.51" in n and "เป็นไปไม่ได้" in n for n in plan["officer_notes"])
    assert any("below every indicator" in f for f in check_plan(plan, SETUP.catalogue))
    done = CliRunner().invoke(main, ["score", str(path)], env=EN)
    assert "the given total 88.51 is impossible" in " ".join(done.output.split())
    # a total among the indicators stands, told only that it differs
    inside = score(SETUP.results(str(_results(tmp_path, "in.yaml", "นาสิงห์", total=94.00))))
    assert inside.total == 94.0 and inside.total_source == "given"
    assert "total_differs" in [n.key for n in inside.notes]
    assert not {"total_below_indicators", "total_above_indicators"} & {n.key for n in inside.notes}
    up = tmp_path / "up.yaml"
    up.write_text(yaml.safe_dump({"fiscal_year": 2568, "indicators": {n: 90.0 for n in range(1, 11)}, "total": 95.0}),
                  encoding="utf-8")
    above = score(SETUP.results(str(up)))
    assert above.total == 95.0 and "total_above_indicators" in [n.key for n in above.notes]


def test_last_years_impossible_total_stands_as_published_and_is_told(tmp_path: Path) -> None:
    path = _results(tmp_path, "r.yaml", "องค์การบริหารส่วนตำบลนาสิงห์", year=2569,
                    previous={"fiscal_year": 2568, "indicators": dict(HIGH), "total": 88.51})
    card = score(SETUP.results(str(path)))
    assert card.previous_total is not None and round(card.previous_total, 2) == 88.51
    assert "previous_total_below_indicators" in [n.key for n in card.notes]
    plan = SETUP.plan(card)
    assert any("88.51 คะแนนตามที่ประกาศผล" in line for line in plan["analysis"]["summary"])  # the published figure
    from itaplan.ita.loader import from_mapping

    level = score(from_mapping({"fiscal_year": 2566, "indicators": {n: 90 for n in range(1, 11)}, "total": 90,
                                "level": "AA"}, "x.yaml"))
    assert level.level == "AA" and "level_differs" in [n.key for n in level.notes]


def test_last_years_note_is_said_once_in_english(tmp_path: Path) -> None:
    """In English, draft said last year's impossible total in English and again in the documents' Thai (newcomer's
    sixth trial): a last-year note is said in English, and once."""
    path = _results(tmp_path, "r.yaml", "องค์การบริหารส่วนตำบลนาสิงห์", year=2569,
                    previous={"fiscal_year": 2568, "indicators": dict(HIGH), "total": 88.51})
    plan = tmp_path / "p.yaml"
    done = CliRunner().invoke(main, ["draft", str(path), "-o", str(plan)], env=EN)
    said = " ".join(done.output.split())
    assert "ข้อมูลปี" not in said and said.count("the given total 88.51 is impossible") == 1, said
