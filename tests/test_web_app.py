"""The pages of `itaplan serve` and what keeps them safe, without a browser (Starlette's TestClient).

Upload -> review -> settle -> edit -> progress -> download on the plan file; the token, host, origin and CSRF
checks; upload limits; paths that would leave the workspace; escaped output; located errors, never a trace.
"""

from __future__ import annotations

import html
import io
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner
from docx import Document
from helpers import unwrapped
from itaplan.checking.check import check_plan
from itaplan.cli import main
from itaplan.content.catalogue import load_catalogue
from itaplan.drafting.plan import load_plan, to_yaml
from itaplan.web import create_app
from starlette.testclient import TestClient

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "tests" / "data" / "example-2568.yaml"
TOKEN = "s3cret-token-for-tests-0123"


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "the page has no form with a CSRF token"
    return found.group(1)


@pytest.fixture()
def client(tmp_path: Path) -> TestClient:
    return TestClient(create_app(tmp_path, max_upload=200_000), base_url="http://127.0.0.1",
                      raise_server_exceptions=False)


def as_shown(values: dict[str, str]) -> dict[str, str]:
    """The fields a form carries beside what is typed: what it showed when the page was opened."""
    return {f"shown-{k}": v for k, v in values.items()}


def upload(client: TestClient, path: Path, name: str | None = None):
    csrf = csrf_of(client.get("/").text)
    return client.post("/upload", data={"csrf": csrf}, files={"results": (name or path.name.replace("-2568", ""), path.read_bytes())},
                       follow_redirects=False)


def plan_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def test_empty_workspace_opens_the_example_in_thai(client: TestClient, tmp_path: Path) -> None:
    home = client.get("/")
    assert home.status_code == 200
    assert "ตัวอย่างที่มากับโปรแกรม" in home.text and "องค์การบริหารส่วนตำบลห้วยทราย" in home.text
    assert "ผลคะแนน" in home.text and "เหตุที่เสนอมาตรการนี้" in home.text
    assert plan_files(tmp_path) == []  # shown, not written
    assert client.get("/example/chart.svg").headers["content-type"].startswith("image/svg+xml")
    opened = client.post("/example", data={"csrf": csrf_of(home.text)}, follow_redirects=False)
    assert opened.status_code == 303 and opened.headers["location"] == "/plan/example.plan.yaml"
    assert plan_files(tmp_path) == ["example.plan.yaml"]
    english = client.get("/plan/example.plan.yaml?lang=en")
    assert "Scorecard" in english.text and "Why it is here" in english.text
    assert "Plans in the workspace" in client.get("/").text  # English kept by its cookie; the example is saved


def test_upload_review_settle_edit_progress_download(client: TestClient, tmp_path: Path) -> None:
    response = upload(client, EXAMPLE)
    assert response.status_code == 303 and response.headers["location"] == "/plan/example.plan.yaml"
    path = tmp_path / "example.plan.yaml"
    page = unwrapped(client.get("/plan/example.plan.yaml").text)
    plan = load_plan(path)
    first, second = plan["measures"][0]["id"], plan["measures"][1]["id"]
    assert plan["agency"]["name"] in page and plan["measures"][0]["facts"][0]["text"] in page
    from itaplan.content.texts import Texts
    from itaplan.render.common import stake_line

    stake = stake_line(plan["measures"][1], plan["scores"]["target"], Texts(load_catalogue()))
    assert stake and stake.startswith("ผลต่อคะแนนรวม: +") and stake in page  # each measure with its points at stake
    csrf = csrf_of(page)
    base = "/plan/example.plan.yaml/measure"

    no_reason = client.post(f"{base}/{first}/decide?lang=en", data={"csrf": csrf, "action": "drop", "reason": " "})
    assert no_reason.status_code == 400
    # the measure as the page shows it, by its number and title, never its id (issue 28)
    title = load_plan(path)["measures"][0]["title"]
    assert f"measure 1: {title}: a dropped measure needs its reason; not dropped" in no_reason.text
    assert load_plan(path)["measures"][0].get("status") == "proposed"
    dropped = client.post(f"{base}/{first}/decide", data={"csrf": csrf, "action": "drop", "reason": "ทำแล้วในปีก่อน"},
                          follow_redirects=False)
    assert dropped.status_code == 303
    kept = client.post(f"{base}/{second}/decide", data={"csrf": csrf, "action": "keep"}, follow_redirects=False)
    assert kept.status_code == 303
    m = load_plan(path)["measures"][1]
    texts = {"title": m["title"], "owner": m["owner"], "timeline": m["timeline"], "method": "\n".join(m["method"]),
             "evidence": "\n".join(m["evidence"]), "note": ""}
    edited = client.post(f"{base}/{second}/edit", follow_redirects=False, data={
        "csrf": csrf, **texts, "owner": "สำนักปลัด (งานนิติการ)", **as_shown(texts)})
    assert edited.status_code == 303
    empty = {"status": "not started", "done": "", "outcome": "", "links": "", "started": "", "finished": "",
             "suggestion": ""}
    progressed = client.post(f"{base}/{second}/progress", follow_redirects=False, data={
        "csrf": csrf, **empty, "status": "in progress", "done": "ประชุมชี้แจงบุคลากรแล้ว", "started": "1/10/2568",
        **as_shown(empty)})
    assert progressed.status_code == 303, progressed.text

    plan = load_plan(path)
    one, two = plan["measures"][0], plan["measures"][1]
    assert (one["status"], one["dropped_reason"], one["note"]) == ("dropped", "ทำแล้วในปีก่อน", "")
    assert (two["status"], two["owner"]) == ("changed", "สำนักปลัด (งานนิติการ)")
    assert two["progress"]["status"] == "in progress" and two["progress"]["started"] == "2025-10-01"
    assert [e["action"] for e in plan["review"]["log"]] == ["drop", "keep", "owner"]
    # the edited plan's texts still true; the weak point of the measure dropped is left with none (issue 28)
    assert check_plan(plan, load_catalogue(), ("json", "md")) == [
        "analysis: weak point i4 is listed with no measure kept to answer it; keep or add a measure that does"]

    shown = client.get(f"/plan/example.plan.yaml?saved={quote(second, safe='')}&lang=th").text
    assert "สำนักปลัด (งานนิติการ)" in shown and "ทำแล้วในปีก่อน" in shown and "บันทึกแล้ว" in shown
    assert 'name="started" value="1/10/2568"' in shown  # as it was typed, Buddhist Era
    word = client.get("/plan/example.plan.yaml/download/docx")
    assert word.status_code == 200 and 'filename="itaplan-' in word.headers["content-disposition"]
    doc = Document(io.BytesIO(word.content))
    cells = "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert "สำนักปลัด (งานนิติการ)" in cells and one["title"] not in cells  # dropped: left out of the document
    for kind, magic in (("xlsx", b"PK"), ("report", b"PK"), ("cards", b"PK"), ("pdf", b"%PDF")):
        got = client.get(f"/plan/example.plan.yaml/download/{kind}")
        assert got.status_code == 200 and got.content.startswith(magic), kind
    assert client.get("/plan/example.plan.yaml/download/exe").status_code == 404


def test_progress_problems_are_located_and_nothing_is_saved(client: TestClient, tmp_path: Path) -> None:
    upload(client, EXAMPLE)
    path = tmp_path / "example.plan.yaml"
    before = path.read_bytes()
    mid = load_plan(path)["measures"][0]["id"]
    page = client.get("/plan/example.plan.yaml?lang=en")
    response = client.post(f"/plan/example.plan.yaml/measure/{mid}/progress", data={
        "csrf": csrf_of(page.text), "status": "done", "done": "", "started": "31/2/2569",
        **as_shown({"status": "not started", "done": "", "started": ""})})
    assert response.status_code == 400
    assert re.search(r"measure \d+: [^<:]+: started date", response.text) and f"&#39;{mid}&#39;" not in response.text
    assert "Traceback" not in response.text and path.read_bytes() == before


def test_whatif_on_the_page_is_the_cli_whatif(client: TestClient) -> None:
    import json

    upload(client, EXAMPLE)
    page = client.get("/plan/example.plan.yaml?goal=pass-good").text
    cli = json.loads(CliRunner().invoke(main, ["whatif", str(EXAMPLE), "--goal", "pass-good", "--format", "json"]).stdout)
    ranked = re.findall(r'<table class="ranked">.*?</table>', page, re.DOTALL)[0]
    codes = re.findall(r"<tr><td>([a-zA-Z]+\d+)", ranked)
    assert codes == [f["code"] for f in cli["ranked"]]
    for step in cli["path"]:
        assert f"{step['fix']['code']}" in page


def test_pasted_text_is_drafted(client: TestClient, tmp_path: Path) -> None:
    csrf = csrf_of(client.get("/").text)
    text = (ROOT / "examples" / "itas.txt").read_text(encoding="utf-8")
    response = client.post("/upload", data={"csrf": csrf, "text": text}, follow_redirects=False)
    # named after the agency and the results' year (a fresh trial: pasted.plan.yaml, pasted-2 … said nothing)
    assert response.status_code == 303 and response.headers["location"] == "/plan/" + quote("ห้วยทราย-2568.plan.yaml")
    again = client.post("/upload", data={"csrf": csrf, "text": text}, follow_redirects=False)
    assert again.headers["location"] == "/plan/" + quote("ห้วยทราย-2568-2.plan.yaml")  # never over an existing plan
    assert load_plan(tmp_path / "ห้วยทราย-2568.plan.yaml")["itaplan"]["source"] == "pasted.txt"
    nothing = client.post("/upload?lang=en", data={"csrf": csrf, "text": "  "})
    assert nothing.status_code == 400 and "choose a results file or paste the results text" in nothing.text


def test_bad_results_show_the_located_message(client: TestClient, tmp_path: Path) -> None:
    bad = tmp_path.parent / "bad-results.yaml"
    bad.write_text("fiscal_year: 2566\nagency: {name: ทดสอบ}\nquestions:\n  e9: 120\n", encoding="utf-8")
    response = upload(client, bad)
    assert response.status_code == 400
    assert "bad-results.yaml บรรทัด 4" in response.text and "ยังไม่ได้บันทึก" in response.text
    assert "Traceback" not in response.text and "itaplan-upload" not in response.text
    assert plan_files(tmp_path) == []


def test_agency_name_is_escaped(client: TestClient, tmp_path: Path) -> None:
    hostile = tmp_path.parent / "hostile.yaml"
    text = EXAMPLE.read_text(encoding="utf-8")
    text = re.sub(r"name: [^,}\n]+", "name: \"<script>alert(1)</script><img src=x onerror=alert(2)>\"", text, count=1)
    hostile.write_text(text, encoding="utf-8")
    assert upload(client, hostile).status_code == 303
    page = client.get("/plan/hostile.plan.yaml")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;" in page.text
    assert "<script>alert" not in page.text and "<img src=x" not in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert "unsafe-inline" not in page.headers["content-security-policy"]


def test_paths_never_leave_the_workspace(client: TestClient, tmp_path: Path) -> None:
    upload(client, EXAMPLE)
    outside = tmp_path.parent / "outside.plan.yaml"
    outside.write_bytes((tmp_path / "example.plan.yaml").read_bytes())
    (tmp_path / "link.plan.yaml").symlink_to(outside)
    (tmp_path / ".hidden.yaml").write_bytes(outside.read_bytes())
    csrf = csrf_of(client.get("/").text)
    for name in ("..%2Foutside.plan.yaml", "%2e%2e%2Foutside.plan.yaml", "link.plan.yaml", ".hidden.yaml",
                 "..%5Coutside.plan.yaml", "%2Fetc%2Fpasswd", "outside.plan.yaml"):
        assert client.get(f"/plan/{name}").status_code == 404, name
        assert client.get(f"/plan/{name}/download/docx").status_code == 404, name
        post = client.post(f"/plan/{name}/measure/x/decide", data={"csrf": csrf, "action": "keep"})
        assert post.status_code == 404, name
    assert client.get("/static/..%2F..%2Fengine%2Fplan.py").status_code == 404
    assert "link.plan.yaml" not in client.get("/").text
    assert outside.read_bytes() == (tmp_path / "example.plan.yaml").read_bytes()


def test_forms_need_their_csrf_token(client: TestClient, tmp_path: Path) -> None:
    upload(client, EXAMPLE)
    before = sorted((p.name, p.read_bytes()) for p in tmp_path.iterdir())
    mid = load_plan(tmp_path / "example.plan.yaml")["measures"][0]["id"]
    posts = ["/upload", "/example", f"/plan/example.plan.yaml/measure/{mid}/decide",
             f"/plan/example.plan.yaml/measure/{mid}/edit", f"/plan/example.plan.yaml/measure/{mid}/progress"]
    for url in posts:
        for data in ({"action": "keep"}, {"csrf": "forged", "action": "keep"}):
            response = client.post(url, data=data, files={"results": ("e.yaml", EXAMPLE.read_bytes())})
            assert response.status_code == 403 and "ยังไม่มีการบันทึก" in response.text, url
    assert sorted((p.name, p.read_bytes()) for p in tmp_path.iterdir()) == before
    cross = client.post("/api/score", files={"results": ("e.yaml", EXAMPLE.read_bytes())},
                        headers={"origin": "http://evil.example"})
    assert cross.status_code == 403


def test_uploads_over_the_limit_are_refused(client: TestClient, tmp_path: Path) -> None:
    csrf = csrf_of(client.get("/").text)
    big = b"# padding\n" * 30_000  # 300 kB > the 200 kB limit of this app
    response = client.post("/upload", data={"csrf": csrf}, files={"results": ("big.yaml", big)})
    assert response.status_code == 413 and "too large" in response.text and "nothing was saved" in response.text

    def chunks():  # no Content-Length: the body is counted as it comes
        for _ in range(40):
            yield b"x" * 10_000

    streamed = client.post("/api/render?format=md", content=chunks(), headers={"content-type": "application/json"})
    assert streamed.status_code == 413
    assert plan_files(tmp_path) == []


def test_host_and_token(tmp_path: Path) -> None:
    open_app = TestClient(create_app(tmp_path), base_url="http://127.0.0.1")
    assert open_app.get("/healthz").status_code == 200
    assert open_app.get("/healthz", headers={"host": "attacker.example"}).status_code == 400  # DNS rebinding
    guarded = TestClient(create_app(tmp_path, token=TOKEN), base_url="http://192.0.2.10:8000")
    for url in ("/", "/healthz", "/static/style.css", "/plan/x.yaml"):
        refused = guarded.get(url)
        assert refused.status_code == 401 and "token" in refused.text, url
    assert guarded.post("/api/score", files={"results": ("e.yaml", EXAMPLE.read_bytes())}).status_code == 401
    assert guarded.get("/healthz", headers={"authorization": "Bearer wrong-token-0000000000"}).status_code == 401
    assert guarded.get("/healthz", headers={"authorization": f"Bearer {TOKEN}"}).status_code == 200
    login = guarded.get(f"/?token={TOKEN}&lang=en", follow_redirects=False)
    assert login.status_code == 303 and login.headers["location"] == "/?lang=en"
    assert "HttpOnly" in login.headers["set-cookie"] and "SameSite=Strict" in login.headers["set-cookie"]
    assert guarded.get("/").status_code == 200  # the cookie now carries it


def test_serve_refuses_to_start_unsafely(tmp_path: Path) -> None:
    runner = CliRunner()
    wide = runner.invoke(main, ["serve", "--host", "0.0.0.0", "--workspace", str(tmp_path)])
    assert wide.exit_code == 2 and "--token" in wide.stderr and "Traceback" not in wide.output
    short = runner.invoke(main, ["serve", "--token", "abc", "--workspace", str(tmp_path)])
    assert short.exit_code == 2 and "16 to 200 characters" in short.stderr
    missing = runner.invoke(main, ["serve", "--workspace", str(tmp_path / "nope")])
    assert missing.exit_code == 2 and "is not a folder" in missing.stderr
    (tmp_path / "token.txt").write_text("short\n", encoding="utf-8")
    bad_file = runner.invoke(main, ["serve", "--host", "0.0.0.0", "--token-file", str(tmp_path / "token.txt")])
    assert bad_file.exit_code == 2 and "token.txt" in bad_file.stderr


def test_a_bug_is_one_plain_line(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    import itaplan.web.pages

    upload(client, EXAMPLE)

    def broken(*args: object) -> None:
        raise RuntimeError("secret detail /home/x")

    monkeypatch.setattr(itaplan.web.pages, "plan_view", broken)
    response = client.get("/plan/example.plan.yaml")
    assert response.status_code == 500 and response.text.startswith("internal error (RuntimeError)")
    assert "secret detail" not in response.text and "Traceback" not in response.text


# -- issue 28: the officer, in the web app --------------------------------------------------------------------

def article_of(html: str, mid: str) -> str:
    """The part of the plan page that shows one measure (its article)."""
    return next(chunk for chunk in html.split("<article") if f'id="m-{mid}"' in chunk)


def test_a_refused_progress_form_comes_back_open_with_everything_typed(client: TestClient, tmp_path: Path) -> None:
    from test_web_hostile import forms_of

    upload(client, EXAMPLE)
    path = tmp_path / "example.plan.yaml"
    mid = load_plan(path)["measures"][0]["id"]
    action = f"/plan/example.plan.yaml/measure/{mid}/progress"
    opened = forms_of(client.get("/plan/example.plan.yaml?lang=en").text)[action]
    typed = {"status": "done", "done": "ประชุมชี้แจงแล้ว", "outcome": "ผู้เข้าร่วม 40 คน",
             "links": "https://example.go.th/a\nหนังสือที่ 12/2569", "started": "1/1/2569", "finished": "30/2/2569",
             "suggestion": "ทำต่อปีหน้า", "reason": "เหตุผลของฉัน"}
    refused = client.post(action, data={**opened, **typed})
    assert refused.status_code == 400 and "is not a real date" in refused.text
    again = forms_of(refused.text)[action]
    assert {k: again[k].replace("\r\n", "\n") for k in typed} == typed  # nothing typed is lost
    assert {k: v for k, v in again.items() if k.startswith("shown-")} == \
        {k: v for k, v in opened.items() if k.startswith("shown-")}  # what it showed when opened, still
    assert '<details class="progress" open>' in article_of(refused.text, mid)
    assert refused.text.count("<details class=\"progress\" open>") == 1  # only the refused form is open
    assert client.post(action, data={**again, "finished": "28/2/2569"}, follow_redirects=False).status_code == 303
    saved = load_plan(path)["measures"][0]
    assert saved["progress"]["done"] == "ประชุมชี้แจงแล้ว" and saved["progress"]["finished"] == "2026-02-28"


def test_cancelling_asks_for_the_reason_on_the_same_form(client: TestClient, tmp_path: Path) -> None:
    from test_web_hostile import forms_of

    upload(client, EXAMPLE)
    path = tmp_path / "example.plan.yaml"
    mid = load_plan(path)["measures"][0]["id"]
    action = f"/plan/example.plan.yaml/measure/{mid}/progress"
    form = forms_of(client.get("/plan/example.plan.yaml").text)[action]
    assert "reason" in form  # the progress form has the reason a cancelled measure needs
    page = client.get("/plan/example.plan.yaml").text
    assert 'name="reason"' in article_of(page, mid).split('class="progress"')[1]
    no_reason = client.post(action, data={**form, "status": "dropped"})
    assert no_reason.status_code == 400 and '<details class="progress" open>' in article_of(no_reason.text, mid)
    cancelled = client.post(action, data={**form, "status": "dropped", "reason": "งบประมาณถูกตัด"},
                            follow_redirects=False)
    assert cancelled.status_code == 303
    measure = load_plan(path)["measures"][0]
    assert measure["progress"]["status"] == "dropped" and measure["progress"]["reason"] == "งบประมาณถูกตัด"
    assert not measure["note"]  # the measure's own note (the edit form's) is not where the reason goes


def test_a_date_that_is_no_real_date_is_said_in_thai(client: TestClient, tmp_path: Path) -> None:
    from test_web_hostile import forms_of

    upload(client, EXAMPLE)
    path = tmp_path / "example.plan.yaml"
    mid = load_plan(path)["measures"][0]["id"]
    action = f"/plan/example.plan.yaml/measure/{mid}/progress"
    form = forms_of(client.get("/plan/example.plan.yaml?lang=th").text)[action]
    refused = client.post(action, data={**form, "status": "done", "done": "แล้ว", "finished": "30/2/2569"})
    assert "วันที่แล้วเสร็จ &#39;30/2/2569&#39; ไม่ใช่วันที่ที่มีอยู่จริง" in refused.text
    assert "finished date" not in refused.text
    cli = CliRunner().invoke(main, ["--lang", "th", "progress", str(path), "--measure", mid, "--status", "done",
                                    "--done", "แล้ว", "--finished", "30/2/2569"], env={"ITAPLAN_LANG": "en"})
    assert cli.exit_code == 2 and "วันที่แล้วเสร็จ '30/2/2569' ไม่ใช่วันที่ที่มีอยู่จริง" in cli.output, cli.output


@pytest.mark.parametrize("name, content, advice", [
    ("scores.csv", "รหัส,คะแนน\ne9,66\n", "ในไฟล์: เลือกปีในช่อง &#39;ปีงบประมาณของผลการประเมิน&#39; ของแบบฟอร์ม"),
    (None, "e9 66\ne10 70\n", "ในข้อความ: เลือกปีในช่อง &#39;ปีงบประมาณของผลการประเมิน&#39; ของแบบฟอร์ม"),
])
def test_results_without_a_year_are_told_what_to_add_in_thai_web_terms(client: TestClient, tmp_path: Path,
                                                                        name: str | None, content: str,
                                                                        advice: str) -> None:
    csrf = csrf_of(client.get("/?lang=th").text)
    if name:
        response = client.post("/upload", data={"csrf": csrf}, files={"results": (name, content.encode())})
    else:
        response = client.post("/upload", data={"csrf": csrf, "text": content})
    assert response.status_code == 400
    problems = re.search(r'<section class="problems".*?</section>', response.text, re.DOTALL).group()
    assert "ไม่พบปีงบประมาณของผลการประเมิน" + advice in problems  # the form's field, not an option (fresh trial)
    assert "--framework" not in problems and "pasted.txt" not in problems
    assert (name or "ข้อความที่วาง") + ": ไม่พบปีงบประมาณ" in problems
    assert not re.search(r"\b(add|found|or use)\b", problems)  # no English left in the message
    if not name:  # the pasted text comes back in its box, to be mended, not copied from ITAS again (a fresh trial)
        box = re.search(r'<textarea id="text"[^>]*>(.*?)</textarea>', response.text, re.DOTALL).group(1)
        assert box == html.escape(content, quote=False) or box == html.escape(content)
    no_year = tmp_path.parent / "no-year.csv"
    no_year.write_text("รหัส,คะแนน\ne9,66\n", encoding="utf-8")
    cli = CliRunner().invoke(main, ["--lang", "en", "score", str(no_year)], env={"ITAPLAN_LANG": "en"})
    assert "or use --framework YEAR" in cli.output  # the command line's own wording, for the command line


def test_the_plan_page_warns_when_the_plans_year_is_over(client: TestClient, tmp_path: Path) -> None:
    import datetime

    upload(client, EXAMPLE)
    path = tmp_path / "example.plan.yaml"
    text = path.read_text(encoding="utf-8")
    year = load_plan(path)["plan_year"]
    path.write_text(text.replace(f"plan_year: {year}", "plan_year: 2560"), encoding="utf-8")
    today = datetime.date.today()
    now = today.year + 543 + (1 if today.month >= 10 else 0)
    over = client.get("/plan/example.plan.yaml?lang=th").text
    assert "ปีงบประมาณ 2560 ของแผนนี้สิ้นสุดแล้วเมื่อวันที่ 30 กันยายน 2560" in over
    assert f"แผนของปีงบประมาณปัจจุบัน ({now})" in over
    path.write_text(text.replace(f"plan_year: {year}", f"plan_year: {now + 1}"), encoding="utf-8")
    assert 'id="year-over"' not in client.get("/plan/example.plan.yaml").text  # a year still to come


def test_the_plan_list_downloads_and_badges_speak_the_officers_language(client: TestClient, tmp_path: Path) -> None:
    import shutil

    from test_web_hostile import forms_of

    upload(client, EXAMPLE)
    path = tmp_path / "example.plan.yaml"
    shutil.copy(path, tmp_path / "example.plan.before-progress.yaml")  # the copies progress and review keep
    shutil.copy(path, tmp_path / "example.plan.orig.yaml")
    home = client.get("/?lang=th").text
    listed = re.search(r'<table class="plans">.*?</table>', home, re.DOTALL).group()
    assert "before-progress" not in listed and ".orig." not in listed
    agency = load_plan(path)["agency"]["name"]
    assert f'<a href="/plan/example.plan.yaml">{agency}</a>' in listed  # by agency; the file name beside it
    assert "example.plan.yaml" in listed
    saved = re.findall(r"<td[^>]*>(\d{1,2} \S+ 25\d\d \d\d:\d\d)</td>", listed)
    assert len(saved) == 1 and saved[0].split()[1] in ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.",
                                                         "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")  # พ.ศ., as the rest
    again = upload(client, EXAMPLE)  # the same file once more: said, on the new plan's page
    assert again.headers["location"] == "/plan/example-2.plan.yaml"
    page = client.get(again.headers["location"] + "?lang=th").text
    assert "มีแผนที่จัดทำจากผลการประเมินชุดเดียวกันนี้อยู่แล้ว คือ example.plan.yaml" in page
    names = {kind: client.get(f"/plan/example.plan.yaml/download/{kind}").headers["content-disposition"]
             for kind in ("xlsx", "report", "cards")}
    # named after the plan's agency and year, not the uploaded file (issue 28); an ASCII stand-in beside it
    agency = quote("-".join(load_plan(path)["agency"]["name"].split()), safe="")
    year = load_plan(path)["plan_year"]
    tracking, report = (quote(word, safe="") for word in ("ตารางติดตามผล", "รายงานผลตามมาตรการ"))
    assert f'filename="itaplan-{year}-tracking.xlsx"' in names["xlsx"]
    assert f"UTF-8''{agency}-{year}-{tracking}.xlsx" in names["xlsx"]
    assert f'filename="itaplan-{year}-report.docx"' in names["report"]
    assert f"UTF-8''{agency}-{year}-{report}.docx" in names["report"]
    assert f'filename="itaplan-{year}-cards.docx"' in names["cards"]
    mid = load_plan(path)["measures"][0]["id"]
    action = f"/plan/example.plan.yaml/measure/{mid}/progress"
    form = forms_of(client.get("/plan/example.plan.yaml").text)[action]
    client.post(action, data={**form, "status": "done", "done": "ทำแล้ว", "finished": "1/10/2569"})
    badge = re.search(r'class="badge[^"]*">([^<]*)<', article_of(unwrapped(client.get("/plan/example.plan.yaml?lang=th").text), mid))
    assert badge and badge.group(1) != "รอพิจารณา" and badge.group(1) == load_catalogue().text("status_done")


def test_the_page_numbers_measures_as_the_documents_do(client: TestClient, tmp_path: Path) -> None:
    """A fresh officer's trial: a dropped measure kept its number on the page, so measure 4 there was 3 in the PDF
    and the report. The page numbers the measures that stay 1…n, as the documents do; a dropped one has none."""
    upload(client, EXAMPLE)
    path = tmp_path / "example.plan.yaml"
    data = load_plan(path)
    data["measures"][1]["status"], data["measures"][1]["note"] = "dropped", "รวมกับมาตรการอื่น"
    path.write_text(to_yaml(data), encoding="utf-8")
    page = client.get("/plan/example.plan.yaml?lang=th").text
    numbers = re.findall(r'<span class="?no"?>([^<]*)</span>', page)
    assert numbers[:4] == ["1", "–", "2", "3"], numbers[:6]


def test_the_downloads_say_how_many_measures_are_not_yet_decided(client: TestClient, tmp_path: Path) -> None:
    """A fresh officer's trial (issue 28): six of nine measures undecided, and the Word file went out looking final
    with nothing said. The downloads say how many are undecided and what the documents print for them."""
    upload(client, EXAMPLE)
    page = client.get("/plan/example.plan.yaml?lang=th").text
    total = len(load_plan(tmp_path / "example.plan.yaml")["measures"])
    assert f"มาตรการ {total} จาก {total} มาตรการยังไม่ได้พิจารณา" in page


def test_a_measure_on_the_page_cites_the_plan_years_items_beside_last_years_codes(client: TestClient) -> None:
    """A fresh officer's trial (issue 28): a card's reasons cited o24 (FY2568's list) while its steps said O22
    (FY2569's); the page did not say which item of the plan year it serves, as the documents do."""
    upload(client, EXAMPLE)
    page = unwrapped(client.get("/plan/example.plan.yaml?lang=th").text)
    assert re.search(r'<p class="?serves"?>ข้อ OIT ปี 2569:[^<]*O22[^<]*ข้อ o24[^<]*ในปี 2568', page), \
        re.findall(r'<p class="?serves"?>[^<]*', page)[:3]


def test_a_total_that_cannot_be_computed_is_not_said_to_be_below_the_target(client: TestClient,
                                                                            tmp_path: Path) -> None:
    """Results with no EIT: the command line says the total cannot be computed; the plan page showed "–" styled as
    a failure above "ต่ำกว่าค่าเป้าหมาย 85 คะแนน" (a fresh newcomer's trial)."""
    partial = tmp_path.parent / "no-eit.yaml"
    partial.write_text("fiscal_year: 2568\nagency: {name: ทดสอบ}\nquestions: {i1: 90, i2: 88, o1: 100, o2: 100}\n",
                       encoding="utf-8")
    saved = upload(client, partial)
    assert saved.status_code == 303
    page = client.get(saved.headers["location"])
    scorecard = page.text[page.text.index('id="scorecard"'):page.text.index('class="indicators"')]
    assert "คำนวณคะแนนรวมไม่ได้ เพราะเครื่องมือบางส่วนไม่มีคะแนน" in scorecard
    assert "ต่ำกว่าค่าเป้าหมาย" not in scorecard and 'class="big fail"' not in scorecard


def test_the_home_page_says_where_the_report_on_last_years_measures_comes_from(client: TestClient) -> None:
    """A fresh officer could not tell how to make the report on last year's measures: nothing on the first page said
    a measures table may be uploaded there (issue 28)."""
    home = client.get("/").text
    assert "สำหรับรายงานผลการดำเนินการตามมาตรการของปีที่ผ่านมา" in home
    assert "ให้อัปโหลดตารางมาตรการของปีที่ผ่านมาที่นี่" in home
