"""The officer who works only in the web app, an eleventh trial: the review of an indicator known only by its score
is offered only when one is, a redraft's warnings are of the plan's own measures, a refused edit names its measure,
a measure last year's results or the ITAS total add is said, and a few words and labels."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

from helpers import unwrapped
from itaplan.app import amend
from itaplan.app.session import Session
from itaplan.content.catalogue import load_catalogue
from itaplan.drafting.plan import load_plan, save_plan
from itaplan.ita.framework import load_framework
from itaplan.ita.loader import from_mapping
from itaplan.ita.scoring import score
from starlette.testclient import TestClient
from test_web_app import client, csrf_of, plan_files  # noqa: F401 - the fixture
from test_web_officer9 import problems_of

TRIAL = Path(__file__).parent / "data"
NASING = TRIAL / "nasing2569.txt"
SESSION = Session(engine="pure", use_workspace=False)


def _drafted(tmp_path: Path, given: dict[int, float]) -> Path:
    """A plan of FY2568 results whose indicators ``given`` are known only by their score, the others by every
    question (all at 95)."""
    fw = load_framework("2568")
    numbers = {q.indicator for q in fw.questions.values()}
    questions = [{"code": c, "score": 95} for c, q in fw.questions.items() if q.indicator not in given
                 and q.tool != "EIT"]
    questions += [{"code": c, "part": p, "score": 95} for c, q in fw.questions.items()
                  if q.tool == "EIT" and q.indicator not in given for p in (1, 2)]
    assert set(given) <= numbers
    card = score(from_mapping({"fiscal_year": 2568, "agency": {"name": "องค์การบริหารส่วนตำบลทดลอง"},
                               "questions": questions, "indicators": given}, "x.yaml"))
    path = tmp_path / "plan.yaml"
    save_plan(SESSION.plan(card), path)
    return path


def test_the_review_of_a_score_only_indicator_is_offered_only_when_the_plan_has_one(tmp_path: Path) -> None:
    catalogue = load_catalogue()
    known = _drafted(tmp_path, {})
    ids = [rid for rid, _, _ in amend.addable(load_plan(known), catalogue)]
    assert "iit-indicator-review" not in ids and "eit-indicator-review" not in ids
    try:
        amend.add_from_catalogue(known, "iit-indicator-review", catalogue)
    except Exception as exc:  # refused, nothing added
        assert "nothing was added" in str(exc)
    else:
        raise AssertionError("a review of questions every score of which is known was added")
    assert "iit-indicator-review" not in amend.plan_ids(load_plan(known))
    # indicator 4 known only by its score: offered under it, and it names indicator 4 only
    (tmp_path / "b").mkdir()
    given = _drafted(tmp_path / "b", {4: 90.0})
    offered = {rid: number for rid, _, number in amend.addable(load_plan(given), catalogue)}
    assert offered.get("iit-indicator-review") == 4 and "eit-indicator-review" not in offered
    plan = amend.add_from_catalogue(given, "iit-indicator-review", catalogue)
    measure = plan["measures"][-1]
    assert measure["indicator"] == 4 and "ตัวชี้วัดที่ 4" in measure["title"], measure["title"]
    assert not re.search(r"ตัวชี้วัดที่ [1235]\b", measure["title"] + measure["issue"]), measure["title"]


R5 = TRIAL / "nasingh2569_r5.txt"
E9 = ("e๙ หน่วยงานมีการพัฒนาการให้บริการผ่านช่องทางออนไลน์ให้สะดวก รวดเร็ว และมีประสิทธิภาพ\t๘๖.๙๖",
      "e๙ หน่วยงานมีการพัฒนาการให้บริการผ่านช่องทางออนไลน์ให้สะดวก รวดเร็ว และมีประสิทธิภาพ\t๖๘.๙๖")


def _uploaded(client: TestClient, text: str, name: str = "fy2569_nasingh.txt") -> str:
    csrf = csrf_of(client.get("/?lang=th").text)
    answer = client.post("/upload?lang=th", data={"csrf": csrf}, files={"results": (name, text.encode("utf-8"))},
                         follow_redirects=False)
    assert answer.status_code == 303, problems_of(answer.text)
    return answer.headers["location"].split("?")[0]


def _warnings(page: str) -> list[str]:
    import html

    return [html.unescape(re.sub(r"<[^>]+>", "", w)) for w in re.findall(r'<p class="warning">(.*?)</p>', page,
                                                                            re.DOTALL)]


def test_a_budget_warning_after_the_results_are_replaced_is_of_the_plans_own_measures(client: TestClient,
                                                                                       tmp_path: Path) -> None:
    fixed = R5.read_text(encoding="utf-8")
    assert E9[0] in fixed
    location = _uploaded(client, fixed.replace(*E9))
    path = tmp_path / unquote(location.rsplit("/", 1)[1])
    amend.add_from_catalogue(path, "anti-bribery", load_catalogue())  # an officer's choice, given a budget
    assert amend.set_budget(path, "anti-bribery", "20,000")
    csrf = csrf_of(client.get(location + "?lang=th").text)
    answer = client.post(f"{location}/results?lang=th", data={"csrf": csrf, "text": fixed}, follow_redirects=False)
    assert answer.status_code == 303, problems_of(answer.text)
    page = client.get(location + "?lang=th").text
    said = " ".join(_warnings(page))
    assert "agency.budgets" not in said and "anti-bribery" not in said, said
    # a budget of a measure not in the plan (the file edited by hand, say): said without the profile's key
    plan = load_plan(path)
    plan["agency"]["budgets"]["no-such-measure"] = 5000
    save_plan(plan, path)
    said = " ".join(_warnings(client.get(location + "?lang=th").text))
    assert "agency.budgets" not in said and "งบประมาณที่ระบุไว้ของมาตรการ no-such-measure ไม่ได้พิมพ์ในเอกสาร" in said
    plan = load_plan(path)
    del plan["agency"]["budgets"]["no-such-measure"]
    save_plan(plan, path)
    assert "no-such-measure" not in " ".join(_warnings(client.get(location + "?lang=th").text))


def test_an_edit_refused_for_a_blank_owner_names_its_measure(client: TestClient, tmp_path: Path) -> None:
    location = _uploaded(client, R5.read_text(encoding="utf-8"))
    name = location.rsplit("/", 1)[1]
    page = client.get(location + "?lang=th").text
    m = load_plan(tmp_path / unquote(name))["measures"][1]
    form = re.search(rf'<form method="post" action="{re.escape(location)}/measure/{m["id"]}/edit".*?</form>', page,
                     re.S)
    assert form
    shown = dict(re.findall(r'name="(shown-[^"]+)" value="([^"]*)"', form.group(0)))
    typed = {k.removeprefix("shown-"): v for k, v in shown.items()}
    csrf = csrf_of(page)
    bad = client.post(f"{location}/measure/{m['id']}/edit?lang=th",
                      data={"csrf": csrf, **shown, **typed, "owner": "  "})
    assert bad.status_code == 400
    said = problems_of(bad.text)
    assert "ผู้รับผิดชอบของมาตรการที่ 2 " + m["title"][:30] in said, said
    assert "ต้องไม่ว่าง" in said, said


LAST_YEAR = TRIAL / "nasingh2568_r5.txt"


def _notes(page: str) -> str:
    import html

    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", n)) for n in
                    re.findall(r'<section class="notes">(.*?)</section>', page, re.DOTALL))


def test_last_years_results_that_add_a_measure_say_so_naming_it(client: TestClient, tmp_path: Path) -> None:
    location = _uploaded(client, R5.read_text(encoding="utf-8"))
    path = tmp_path / unquote(location.rsplit("/", 1)[1])
    before = {m["id"] for m in load_plan(path)["measures"]}
    csrf = csrf_of(client.get(location + "?lang=th").text)
    first = load_plan(path)["measures"][0]["id"]
    assert client.post(f"{location}/measure/{first}/decide", data={"csrf": csrf, "action": "keep"},
                       follow_redirects=False).status_code == 303  # the officer's work: the measures stay
    # last year's indicators as its questions give them (the agency's own printed averages, read as given since,
    # are higher and leave no fall): a fall that adds a measure, which this test needs
    computed_only = "\n".join(line for line in LAST_YEAR.read_text(encoding="utf-8").splitlines()
                               if "คะแนนเฉลี่ย" not in line).encode("utf-8")
    answer = client.post(f"{location}/previous?lang=th", data={"csrf": csrf},
                         files={"results": ("fy2568_nasingh.txt", computed_only)}, follow_redirects=False)
    assert answer.status_code == 303, problems_of(answer.text)
    plan = load_plan(path)
    added = [m for m in plan["measures"] if m["id"] not in before]
    assert added, "last year's results add no measure here: the test needs one that does"
    said = _notes(client.get(location + "?lang=th").text)
    for m in added:
        assert m["title"] in said and "ยังไม่ได้พิจารณา" in said, said
    assert "A measure" not in said


def test_a_kept_measure_left_answering_none_is_named(tmp_path: Path) -> None:
    import copy

    from itaplan.web.pages import measure_changes

    before = load_plan(_drafted(tmp_path, {4: 80.0}))
    after = copy.deepcopy(before)
    after["measures"][0]["facts"] = []
    said = measure_changes(before, after)
    assert len(said) == 1 and after["measures"][0]["title"] in said[0] and "measure 1:" in said[0], said


def test_another_plans_sheet_is_said_without_a_doubled_of() -> None:
    from itaplan.base.i18n import translate
    from itaplan.followup.progress import ANOTHER_PLANS_SHEET, plan_words

    said = translate(ANOTHER_PLANS_SHEET.format(sheet_plan=plan_words("องค์การบริหารส่วนตำบลนาสิงห์", 2569),
                                                this_plan=plan_words("องค์การบริหารส่วนตำบลนาสิงห์", 2570),
                                                what_to_do="-"), "th")
    assert "ของ แผนของ" not in said and "คือ แผน" not in said, said
    assert "ตารางติดตามผลขององค์การบริหารส่วนตำบลนาสิงห์ ปีงบประมาณ 2569" in said, said
    assert "แผนที่ระบุคือแผนขององค์การบริหารส่วนตำบลนาสิงห์ ปีงบประมาณ 2570" in said, said


def test_an_empty_upload_is_refused_in_thai_only(client: TestClient) -> None:
    csrf = csrf_of(client.get("/?lang=th").text)
    refused = client.post("/upload?lang=th", data={"csrf": csrf, "text": ""}, follow_redirects=False)
    assert refused.status_code == 400
    said = problems_of(refused.text)
    assert "กรุณาเลือกไฟล์" in said and "results" not in said, said


def test_the_last_year_forms_first_label_does_not_start_with_or(client: TestClient) -> None:
    location = _uploaded(client, R5.read_text(encoding="utf-8"))
    page = client.get(location + "?lang=th").text
    form = re.search(r'<form method="post" action="[^"]*/previous".*?</form>', page, re.S)
    assert form
    labels = re.findall(r"<label[^>]*>(.*?)</label>", form.group(0), re.S)
    assert labels and not labels[0].strip().startswith("หรือ"), labels
    assert unwrapped(labels[0]).strip() == "ไฟล์ผลการประเมินปีที่ผ่านมา", labels


def test_a_plan_imported_from_a_measures_table_is_named_after_its_agency_and_year(client: TestClient,
                                                                                  tmp_path: Path) -> None:
    table = (TRIAL / "nasingh_measures2569_r5.txt").read_bytes()
    location = _uploaded(client, table.decode("utf-8"), "measures.txt")
    assert unquote(location.rsplit("/", 1)[1]) == "นาสิงห์-มาตรการ-2569.plan.yaml", unquote(location)
    # a table that says neither: named after the file, as before
    plan = load_plan(tmp_path / "นาสิงห์-มาตรการ-2569.plan.yaml")
    assert plan["imported"]
