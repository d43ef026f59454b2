"""A plan file uploaded on the home page (itaplan's own YAML plan, drafted on the command line or downloaded from
another workspace) is opened as a plan, validated as ``itaplan render PLAN`` validates one and kept whole: never
read as ITA results and refused field by field."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from conftest import ROOT
from itaplan.app.session import Session
from itaplan.drafting import settle
from itaplan.drafting.plan import load_plan, save_plan, to_yaml
from starlette.testclient import TestClient
from test_web_app import client, csrf_of  # noqa: F401 - the fixture
from test_web_last_year import bad_lines

SETUP = Session(engine="pure")
SIGNERS = {"prepared": {"name": "นางสาวมาลี ศรีสุข", "position": "นักจัดการงานทั่วไปชำนาญการ"},
           "approved": {"name": "นายสมชาย ใจดี", "position": "นายกองค์การบริหารส่วนตำบลห้วยทราย",
                        "date": "2026-10-15"}}


@pytest.fixture(scope="module")
def settled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A drafted plan settled as an officer settles one: a measure kept, one dropped with its reason, one given
    progress and a budget, the agency's budgets and who signs."""
    path = tmp_path_factory.mktemp("officer") / "plan.yaml"
    plan = copy.deepcopy(SETUP.plan(SETUP.scorecard(ROOT / "examples" / "example.yaml")))
    plan["agency"]["signatories"] = copy.deepcopy(SIGNERS)
    plan["agency"]["budgets"] = {"2570": 150000}
    plan["measures"][2]["progress"] = {"status": "in progress", "done": "จัดประชุมชี้แจงแล้ว ๑ ครั้ง",
                                       "started": "2026-11-02"}
    plan["measures"][2].setdefault("project", {})["budget"] = 25000
    save_plan(plan, path)
    settle.keep(path, plan["measures"][0]["id"])
    settle.drop(path, plan["measures"][1]["id"], "ดำเนินการซ้ำกับมาตรการอื่น")
    return path


def post(client: TestClient, name: str, data: bytes):  # noqa: F811 - the fixture
    home = client.get("/").text
    return client.post("/upload", data={"csrf": csrf_of(home)}, files={"results": (name, data)},
                       follow_redirects=False)


def saved_plans(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("*.yaml"))


def test_a_settled_plan_uploaded_opens_with_its_decisions_and_signatories(client: TestClient, tmp_path: Path,  # noqa: F811
                                                                          settled: Path) -> None:
    sent = load_plan(settled)
    done = post(client, "plan.yaml", settled.read_bytes())
    assert done.status_code == 303, bad_lines(done.text)
    name = unquote(done.headers["location"].rsplit("/", 1)[1])
    opened = load_plan(tmp_path / name)
    assert opened["agency"]["signatories"] == SIGNERS and opened["agency"]["budgets"] == {"2570": 150000}
    assert [m.get("status") for m in opened["measures"][:2]] == ["kept", "dropped"]
    assert opened["measures"][1]["dropped_reason"] == "ดำเนินการซ้ำกับมาตรการอื่น"
    assert opened["measures"][2]["progress"]["status"] == "in progress"
    assert opened["measures"][2]["project"]["budget"] == 25000
    assert opened["review"] == sent["review"] and to_yaml(opened) == to_yaml(sent)  # everything in it kept
    page = bad_lines(client.get(done.headers["location"]).text)
    assert "นายสมชาย ใจดี" in client.get(done.headers["location"]).text
    assert "ไม่รู้จักฟิลด์" not in page and 'id="twin"' not in client.get(done.headers["location"]).text

    again = post(client, "plan.yaml", settled.read_bytes())  # the same file once more: said, never silent
    assert again.status_code == 303
    second = client.get(again.headers["location"]).text
    assert 'id="twin"' in second and name in second
    assert "ในโฟลเดอร์งานมีแผนนี้อยู่แล้ว" in bad_lines(second), bad_lines(second)
    assert len(saved_plans(tmp_path)) == 2


def test_a_broken_plan_is_refused_with_its_located_problem(client: TestClient, tmp_path: Path,  # noqa: F811
                                                           settled: Path) -> None:
    text = settled.read_text(encoding="utf-8")
    broken = re.sub(r"(?m)^(\s+)status: dropped$", r"\1status: maybe", text, count=1)
    assert broken != text
    line = broken.splitlines().index(next(s for s in broken.splitlines() if s.strip() == "status: maybe")) + 1
    done = post(client, "plan.yaml", broken.encode("utf-8"))
    assert done.status_code == 400
    page = bad_lines(done.text)
    assert f"plan.yaml:{line}:" in page and "maybe" in page, page[:800]
    assert "ไม่รู้จักฟิลด์" not in page  # never read as results
    assert saved_plans(tmp_path) == []


def test_a_plan_of_a_newer_format_or_another_program_is_refused_clearly(client: TestClient,  # noqa: F811
                                                                        tmp_path: Path, settled: Path) -> None:
    text = settled.read_text(encoding="utf-8")
    newer = post(client, "plan.yaml", text.replace("  schema: 3\n", "  schema: 4\n").encode("utf-8"))
    assert newer.status_code == 400
    assert "itaplan รุ่นที่ใหม่กว่า" in bad_lines(newer.text), bad_lines(newer.text)[:800]
    other = post(client, "their-plan.yaml", b"itaplan:\n  document: report\nmeasures: []\n")
    assert other.status_code == 400
    said = bad_lines(other.text)
    assert "their-plan.yaml บรรทัด 1:" in said and "ไม่ใช่แผนที่ itaplan บันทึกไว้" in said, said[:800]
    assert saved_plans(tmp_path) == []


def test_a_yaml_neither_results_nor_plan_gets_one_short_error(client: TestClient, tmp_path: Path) -> None:  # noqa: F811
    done = post(client, "settings.yaml", b"server:\n  port: 8080\n  colour: blue\nusers: [somchai, malee]\n")
    assert done.status_code == 400
    said = bad_lines(done.text)
    assert "ไม่ใช่ทั้งผลการประเมิน ITA และแผนที่ itaplan บันทึกไว้" in said, said[:800]
    assert "ไม่รู้จักฟิลด์" not in said and said.count("settings.yaml") == 1
    assert saved_plans(tmp_path) == []


def test_results_with_a_misspelt_field_are_still_told_where(client: TestClient) -> None:  # noqa: F811
    text = (ROOT / "examples" / "example.yaml").read_text(encoding="utf-8").replace("questions:", "questoins:", 1)
    said = bad_lines(post(client, "results.yaml", text.encode("utf-8")).text)
    assert "questoins" in said and "ไม่ใช่ทั้งผลการประเมิน" not in said
