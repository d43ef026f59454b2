"""One session for every entry point: inside a workspace whose recommendations reword the documents, every
command and the web app show the workspace's wording (none falls back to the built-in catalogue), and check
reads the workspace's sentences, so a doctored total is caught in either wording."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT
from helpers import unwrapped
from itaplan.app.session import Session
from itaplan.cli import main
from itaplan.web import create_app
from starlette.testclient import TestClient

EXAMPLE = str(ROOT / "tests" / "data" / "example-2568.yaml")
HEADING = "มาตรการของสำนักงานทดสอบ ปี {year}"
REPORT_HEADING = "สรุปผลงานของสำนักงานทดสอบ"
OVERALL = "ในปีงบประมาณ {fiscal_year} {agency} ได้รับคะแนน ITA รวม {total} คะแนน จัดอยู่ในระดับ {level}"
TOOLS = "คะแนนแยกตามเครื่องมือ: {tools}"
TOOL_BELOW = "{tool} ยังขาดอีก {gap} คะแนนจึงถึงเป้าหมาย"
CHANGE_TOTAL = ("คะแนนรวม{direction} {change} คะแนน (ร้อยละ {percent}) จาก {previous_total} คะแนนของปีงบประมาณ "
                "พ.ศ. {previous_year}")


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch) -> Path:
    ws = tmp_path / "office"
    assert run("init", str(ws)).exit_code == 0
    office = ws / "recommendations" / "office.yaml"
    data = yaml.safe_load(office.read_text(encoding="utf-8"))
    data["texts"].update({"h_measures": HEADING, "report_h_summary": REPORT_HEADING, "overall": OVERALL,
                          "tools": TOOLS, "tool_below": TOOL_BELOW, "change_total": CHANGE_TOTAL})
    office.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.chdir(ws)
    return ws


def test_the_session_resolves_the_workspace_once(workspace: Path) -> None:
    session = Session()
    assert session.recommendation_dirs == (str((workspace / "recommendations").resolve()),)
    assert session.catalogue.text("h_measures") == HEADING
    with pytest.raises(AttributeError):
        session.engine = "pure"  # type: ignore[misc]  # frozen: settled once for the whole run


def test_every_command_shows_the_workspaces_wording(workspace: Path) -> None:
    heading = HEADING.format(year="2569")
    drafted = run("-q", "draft", EXAMPLE, "--format", "md", "--arabic-digits")
    assert drafted.exit_code == 0 and heading in drafted.stdout
    assert "ได้รับคะแนน ITA รวม 87.50 คะแนน จัดอยู่ในระดับ A" in drafted.stdout
    assert run("-q", "draft", EXAMPLE, "-o", "plan.yaml").exit_code == 0
    for fmt in ("md", "html", "csv"):
        rendered = run("-q", "render", "--arabic-digits", "plan.yaml", "--format", fmt)
        assert rendered.exit_code == 0 and (heading in rendered.stdout or fmt == "csv"), fmt
    report = run("-q", "report", "--arabic-digits", "plan.yaml", "--format", "md")
    assert report.exit_code == 0 and REPORT_HEADING in report.stdout
    checked = run("check", "plan.yaml")
    assert checked.exit_code == 0, checked.output
    review = run("review", "plan.yaml", "--plain")
    assert review.exit_code == 0
    Path("plan.yaml").rename("office.plan.yaml")
    client = TestClient(create_app(workspace), base_url="http://127.0.0.1")
    page = client.get("/plan/office.plan.yaml")
    assert page.status_code == 200 and "ได้รับคะแนน ITA รวม 87.50 คะแนน" in unwrapped(page.text)


DOCTORINGS = [  # (the built-in sentence's figure, the reworded one's, the doctored figure, what check says)
    (r"รวม 87\.50 คะแนน", r"รวม 87\.50 คะแนน", "รวม 99.99 คะแนน", "the total is said to be 99.99, but it is 87.5"),
    (r"OIT 82\.50", r"OIT 82\.50", "OIT 92.50", "OIT is said to score 92.50, but it is 82.5"),
    (r"OIT ต่ำกว่าเป้าหมาย 2\.50", r"OIT ยังขาดอีก 2\.50", None, "OIT is said to be 7.50 below the target"),
    (r"ลดลง 2\.36 คะแนน", r"ลดลง 2\.36 คะแนน \(", None, "the change of the total"),
]


@pytest.mark.parametrize("reworded", [False, True])
@pytest.mark.parametrize("built_in, own, doctored, said", DOCTORINGS)
def test_a_doctored_summary_is_caught_in_either_wording(tmp_path: Path, monkeypatch, request, reworded: bool,
                                                                 built_in: str, own: str, doctored: str | None,
                                                                 said: str) -> None:
    """The total, the tools' line, a tool's gap and the total's change are read with patterns built from the
    templates in force: a doctored figure is caught whether the workspace rewords the sentence or not."""
    if reworded:
        request.getfixturevalue("workspace")
    else:
        monkeypatch.chdir(tmp_path)
    assert run("-q", "draft", EXAMPLE, "-o", "plan.yaml").exit_code == 0
    text = Path("plan.yaml").read_text(encoding="utf-8")
    pattern = own if reworded else built_in
    found = re.search(pattern, text)
    assert found, pattern
    figure = found.group(0)
    new = doctored or figure.replace("2.50", "7.50").replace("2.36", "3.36")
    Path("plan.yaml").write_text(text.replace(figure, new, 1), encoding="utf-8")
    checked = run("check", "plan.yaml")
    assert checked.exit_code == 1 and said in checked.output, checked.output


def test_a_drafted_plan_given_to_score_and_whatif_is_scored_as_its_results(tmp_path: Path) -> None:
    """A newcomer runs `itaplan score plan.yaml`: the plan records the results it was drafted from (and last
    year's figures), so the scorecard is the results' own — it was a wall of "unknown field 'measures'"."""
    results = str(ROOT / "examples" / "example.yaml")
    plan = tmp_path / "plan.yaml"
    assert run("draft", results, "-o", str(plan)).exit_code == 0
    for command in (["score", "--plain"], ["score", "--format", "json"], ["whatif"], ["whatif", "--format", "json"]):
        of_results, of_plan = run(*command, results), run(*command, str(plan))
        assert of_plan.exit_code == 0, of_plan.output
        assert "unknown field" not in of_plan.output
        assert of_plan.output.replace(str(plan), results) == of_results.output, command
