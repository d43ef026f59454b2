"""The officer who works only in the web app, a ninth trial: a mistyped question code in pasted text is refused at its
line with the code meant, results corrected on the plan's page keep the officer's work, a second plan of the same
agency and year is said on its page, and the ITAS total form refuses a level the total cannot have."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import quote, unquote

import pytest
from click.testing import CliRunner
from itaplan.base.errors import InputError
from itaplan.cli import main
from itaplan.ita.pasted import _mistyped, from_text
from starlette.testclient import TestClient
from test_web_app import ROOT, client, csrf_of, plan_files  # noqa: F401 - the fixture

NASING = ROOT / "tests" / "data" / "nasing2569.txt"
SEEDS = Path("/work/shared/seeds")


def problems_of(text: str) -> str:
    found = re.search(r'<section class="problems".*?</section>', text, re.DOTALL)
    return html.unescape(re.sub(r"<[^>]+>", " ", found.group())) if found else ""


def nasing(*changes: tuple[str, str]) -> str:
    text = NASING.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text
        text = text.replace(old, new, 1)
    return text


I12 = "i๑๒\tการกำกับดูแลและตรวจสอบทรัพย์สินของหน่วยงาน\t๘๑.๔๐"


@pytest.mark.parametrize("typed, meant", [("il2", "i12"), ("i l2", "i12"), ("iI2", "i12"), ("ol2", "o12"),
                                          ("e1O", "e10"), ("0l0", "o10"), ("010", "o10")])
def test_a_mistyped_code_is_refused_at_its_line_with_the_code_meant(typed: str, meant: str) -> None:
    text = nasing((I12, f"{typed}\tข้อคำถาม\t81.40"))
    with pytest.raises(InputError) as caught:
        from_text(text, "pasted.txt")
    said = [str(p) for p in caught.value.problems]
    line = text.splitlines().index(f"{typed}\tข้อคำถาม\t81.40") + 1
    assert any(f":{line}:" in s and f"'{typed}'" in s for s in said), said
    if meant in ("i12", "o12", "o10"):  # codes of FY2569 (e10 is not: said so)
        assert any(f"did you mean {meant}?" in s.lower() for s in said), said
    else:
        assert any("not a question code of fiscal year 2569 (e10 neither)" in s for s in said), said


def test_a_mistyped_code_is_refused_by_the_command_line_with_the_line() -> None:
    path = Path("/tmp") / "itaplan-typo-il2.txt"
    path.write_text(nasing((I12, "il2\tข้อคำถามที่ 12\t81.90")), encoding="utf-8")
    result = CliRunner().invoke(main, ["score", str(path)])
    assert result.exit_code == 2
    assert "itaplan-typo-il2.txt:20" in result.output and "did you mean i12" in result.output


def test_prose_and_every_example_and_seed_still_read() -> None:
    files = [*sorted(SEEDS.glob("*.txt")), *sorted((ROOT / "examples").glob("*.txt")),
             *sorted((ROOT / "tests" / "data").glob("*.txt"))]
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            assert _mistyped(" ".join(line.split())) is None, (path.name, number, line)
    assert from_text((ROOT / "examples" / "itas.txt").read_text(encoding="utf-8"), "itas.txt").questions
    for path in files:  # read as they were: none refused for a code (some are no results at all)
        try:
            from_text(path.read_text(encoding="utf-8"), path.name)
        except InputError as exc:
            assert not any("not a question code" in str(p) for p in exc.problems), path.name
    for prose in ("I love it 85", "ill 90", "Io 100", "e.g. 85", "O ใน 2567 ผ่าน", "10 คน 85"):
        assert _mistyped(prose) is None, prose


def test_the_web_refuses_the_mistyped_code_with_the_other_lines_and_keeps_the_text(client: TestClient,
                                                                                    tmp_path: Path) -> None:
    text = (Path("/tmp/wt3/fy2569_typo.txt").read_text(encoding="utf-8") if Path("/tmp/wt3/fy2569_typo.txt").exists()
            else nasing((I12, "il2\tข้อคำถามที่ 12\t81.90"), ("e๗\tข้อคำถามที่ ๗\t๗๖.๕๐", "e7\tข้อคำถามที่ 7\t7๒.4O")))
    csrf = csrf_of(client.get("/").text)
    refused = client.post("/upload", data={"csrf": csrf, "text": text}, follow_redirects=False)
    assert refused.status_code == 400
    said = problems_of(refused.text)
    assert "il2" in said and "i12" in said and "7๒.4O" in said  # all at once
    assert html.escape("il2\tข้อคำถามที่ 12") in refused.text or "il2\tข้อคำถามที่ 12" in refused.text  # kept in the box
    assert plan_files(tmp_path) == []


EXAMPLE = ROOT / "examples" / "example.yaml"  # FY2569: a computed total, the ITAS total entered on the page


def _example_plan(client: TestClient) -> tuple[str, str]:
    csrf = csrf_of(client.get("/").text)
    response = client.post("/upload", data={"csrf": csrf}, files={"results": ("example.yaml", EXAMPLE.read_bytes())},
                           follow_redirects=False)
    assert response.status_code == 303
    location = response.headers["location"]
    return location, csrf_of(client.get(location).text)


def _details(page: str, name: str) -> str:
    found = re.search(rf'<details class="{name}".*?</details>', page, re.S)
    assert found, name
    return found.group(0)


def test_a_level_the_typed_total_cannot_have_is_refused_and_a_comma_is_told_its_point(client: TestClient,
                                                                                     tmp_path: Path) -> None:
    from itaplan.drafting.plan import load_plan

    location, csrf = _example_plan(client)
    path = tmp_path / location.rsplit("/", 1)[1]
    bad = client.post(f"{location}/total", data={"csrf": csrf, "total": "87.12", "level": "B", "label": ""})
    assert bad.status_code == 400
    said = problems_of(bad.text)
    assert "87.12" in said and "ระดับ A" in said and "ไม่ใช่ระดับ B" in said, said
    form = _details(bad.text, "official")
    assert 'value="87.12"' in form and 'value="B"' in form  # what was typed stays
    assert load_plan(path)["scores"]["total_source"] == "computed"
    comma = client.post(f"{location}/total", data={"csrf": csrf, "total": "87,12", "level": "", "label": ""})
    assert comma.status_code == 400 and "ใช้จุดทศนิยม: 87.12" in problems_of(comma.text)
    assert client.post(f"{location}/total", data={"csrf": csrf, "total": "87.12", "level": "A", "label": ""},
                       follow_redirects=False).status_code == 303
    assert load_plan(path)["scores"]["level"] == "A"


def test_the_staff_field_takes_a_number_of_persons(client: TestClient, tmp_path: Path) -> None:
    from itaplan.drafting.plan import load_plan

    location, csrf = _example_plan(client)
    signatories = _details(client.get(location).text, "signatories")
    fields = {k: v for k, v in re.findall(r'name="((?:shown-)?[a-z]+-?[a-z]*)" value="([^"]*)"', signatories)
              if k != "csrf"}
    assert client.post(f"{location}/signatories", data={"csrf": csrf, **fields, "staff": "32 คน"},
                       follow_redirects=False).status_code == 303
    assert load_plan(tmp_path / location.rsplit("/", 1)[1])["agency"]["staff"] == 32


def test_a_second_plan_of_the_same_agency_and_year_is_said_on_its_page_every_time(client: TestClient,
                                                                                  tmp_path: Path) -> None:
    csrf = csrf_of(client.get("/").text)
    first = client.post("/upload", data={"csrf": csrf, "text": NASING.read_text(encoding="utf-8")},
                        follow_redirects=False).headers["location"]
    corrected = nasing(("i๑๒\tการกำกับดูแลและตรวจสอบทรัพย์สินของหน่วยงาน\t๘๑.๔๐",
                        "i๑๒\tการกำกับดูแลและตรวจสอบทรัพย์สินของหน่วยงาน\t๘๑.๙๐"))
    second = client.post("/upload", data={"csrf": csrf, "text": corrected}, follow_redirects=False)
    assert second.status_code == 303
    new, old = unquote(second.headers["location"].rsplit("/", 1)[1]), unquote(first.rsplit("/", 1)[1])
    assert new != old and len(plan_files(tmp_path)) == 2
    for _ in range(2):  # not only on the first view
        page = client.get(second.headers["location"]).text
        notice = re.search(r'<p class="warning" id="same-agency-year">.*?</p>', page, re.S)
        assert notice, "no notice of the other plan"
        assert old in html.unescape(notice.group(0)) and "นาสิงห์" in notice.group(0)
        assert f'href="/plan/{quote(new)}/remove"' in notice.group(0) and f'href="/plan/{quote(old)}"' in notice.group(0)
    # removed, the other plan's page says nothing more
    assert client.post(f"/plan/{quote(new)}/remove", data={"csrf": csrf}, follow_redirects=False).status_code == 303
    assert 'id="same-agency-year"' not in client.get(first).text


def test_the_results_of_a_plan_are_replaced_on_its_page_keeping_the_officers_work(client: TestClient,
                                                                                  tmp_path: Path) -> None:
    from itaplan.drafting.plan import load_plan

    csrf = csrf_of(client.get("/").text)
    without = nasing((I12, ""))  # i12 left out when it was pasted: indicator 4 has no score
    location = client.post("/upload", data={"csrf": csrf, "text": without}, follow_redirects=False).headers["location"]
    path = tmp_path / unquote(location.rsplit("/", 1)[1])
    plan = load_plan(path)
    assert plan["scores"]["total"] is None and not any(q["code"] == "i12" for q in plan["scores"]["questions"])
    first = plan["measures"][0]["id"]
    assert client.post(f"{location}/measure/{first}/decide", data={"csrf": csrf, "action": "keep"},
                       follow_redirects=False).status_code == 303
    page = client.get(location).text
    assert 'action="' + location + '/results"' in page and "แทนที่ผลการประเมิน" in page

    # another year's and another agency's results are refused, saying which; what was pasted stays in the box
    other_year = NASING.read_text(encoding="utf-8").replace("๒๕๖๙", "๒๕๖๘", 1)
    refused = client.post(f"{location}/results", data={"csrf": csrf, "text": other_year})
    assert refused.status_code == 400 and "2568" in problems_of(refused.text) and "2569" in problems_of(refused.text)
    other_agency = NASING.read_text(encoding="utf-8").replace("นาสิงห์", "นาคำ", 1)
    refused = client.post(f"{location}/results", data={"csrf": csrf, "text": other_agency})
    assert refused.status_code == 400 and "นาคำ" in problems_of(refused.text)
    assert "นาคำ" in _details(refused.text, "results")  # kept in the box
    typo = nasing((I12, "il2\tข้อคำถามที่ 12\t81.40"))
    refused = client.post(f"{location}/results", data={"csrf": csrf, "text": typo})
    assert refused.status_code == 400 and "i12" in problems_of(refused.text)
    assert load_plan(path)["scores"]["total"] is None

    done = client.post(f"{location}/results", data={"csrf": csrf, "text": NASING.read_text(encoding="utf-8")},
                       follow_redirects=False)
    assert done.status_code == 303
    plan = load_plan(path)
    assert plan["scores"]["total"] is not None and any(q["code"] == "i12" for q in plan["scores"]["questions"])
    assert plan["measures"][0]["status"] == "kept"  # the decision stays
    assert plan_files(tmp_path) == [path.name]  # no second plan
    page = client.get(done.headers["location"]).text
    replaced = re.search(r'<div role="status" id="replaced">.*?</div>', page, re.S)
    assert replaced and "ข้อที่เพิ่มเข้ามา: i12" in replaced.group(0) and "คะแนนรวม – (ระดับ –) เปลี่ยนเป็น" in replaced.group(0)
    assert 'id="replaced"' not in client.get(location).text  # said once, after the change


def test_the_command_line_replaces_a_plans_results(tmp_path: Path) -> None:
    from itaplan.drafting.plan import load_plan

    without, full = tmp_path / "without.txt", tmp_path / "full.txt"
    without.write_text(nasing((I12, "")), encoding="utf-8")
    full.write_text(NASING.read_text(encoding="utf-8"), encoding="utf-8")
    plan = tmp_path / "plan.yaml"
    assert CliRunner().invoke(main, ["draft", str(without), "-o", str(plan)]).exit_code == 0
    result = CliRunner().invoke(main, ["draft", str(full), "--update", str(plan)])
    assert result.exit_code == 0, result.output
    assert "i12" in result.output and any(q["code"] == "i12" for q in load_plan(plan)["scores"]["questions"])
    other = tmp_path / "other.txt"
    other.write_text(NASING.read_text(encoding="utf-8").replace("๒๕๖๙", "๒๕๖๘", 1), encoding="utf-8")
    refused = CliRunner().invoke(main, ["draft", str(other), "--update", str(plan)])
    assert refused.exit_code == 2 and "2568" in refused.output
