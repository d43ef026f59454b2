"""An officer's dead end: the only measure answering weak point e5 (part 1), info-channels, dropped on purpose ("already
covered by the agency's annual PR plan"); then `check` exited 1, render warned, and the analysis printed e5 with no
measure and no word, with no place for the agency's own statement of how it handles the point. Now the agency's
statement is recorded (review --handled, review --edit after the drop, the web's warning), printed after the point
as the agency's words in every document, check passes with a note; the drop's reason is never printed; a measure
answering the point again hides the statement."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT
from itaplan.cli import main
from itaplan.cli.review import EditSession
from itaplan.drafting import settle
from itaplan.drafting.analysis import unanswered_points
from itaplan.drafting.handled import printed_statements, statements
from itaplan.drafting.plan import load_plan
from starlette.testclient import TestClient
from test_web_app import client, csrf_of, upload  # noqa: F401 - the fixture
from test_pdf import pdf_text, squash
from test_web_newcomer import document_text

EXAMPLE = str(ROOT / "examples" / "example.yaml")
REASON = "ดำเนินการตามแผนประชาสัมพันธ์ประจำปีของหน่วยงานแล้ว (ภายใน)"
STATEMENT = "หน่วยงานประชาสัมพันธ์ข้อมูลที่ประชาชนควรรู้ผ่านหอกระจายข่าวและเว็บไซต์ตามแผนประชาสัมพันธ์ประจำปี"
PRINTED = f"แนวทางของหน่วยงาน: {STATEMENT}"


def _dropped(tmp_path: Path) -> Path:
    plan = tmp_path / "p.yaml"
    assert CliRunner().invoke(main, ["-q", "draft", EXAMPLE, "-o", str(plan)]).exit_code == 0
    settle.drop(plan, "info-channels", REASON)
    assert unanswered_points(load_plan(plan)) == [("e5", 1)]
    return plan


def _text(runner: CliRunner, plan: Path, fmt: str) -> str:
    out = plan.with_name(f"p.{fmt}")
    done = runner.invoke(main, ["render", str(plan), "-o", str(out), "--force"])
    assert done.exit_code == 0, done.output
    if fmt in ("md", "html"):
        text = out.read_text(encoding="utf-8")
        return html.unescape(re.sub(r"<[^>]+>", " ", text)) if fmt == "html" else text
    return pdf_text(out) if fmt == "pdf" else document_text(out.read_bytes())


def test_a_statement_given_on_the_command_line_is_printed_after_the_point_and_check_passes(tmp_path: Path) -> None:
    runner = CliRunner()
    plan = _dropped(tmp_path)
    failed = runner.invoke(main, ["check", str(plan), "--format", "md"])
    assert failed.exit_code == 1 and "e5 (part 1) is listed with no measure kept" in failed.output

    given = runner.invoke(main, ["--lang", "en", "review", str(plan), "--handled", f"E๕:1={STATEMENT}"])
    assert given.exit_code == 0, given.output
    assert "weak point e5 (part 1): the agency's statement recorded" in given.output
    assert statements(load_plan(plan)) == {("e5", 1): STATEMENT}

    checked = runner.invoke(main, ["--lang", "en", "check", str(plan)])
    assert checked.exit_code == 0, checked.output
    assert ("note: weak point e5 (part 1): no measure kept answers it; the analysis prints the agency's own statement "
            "on it instead") in checked.stderr
    thai = runner.invoke(main, ["--lang", "th", "check", str(plan), "--format", "md"])
    assert thai.exit_code == 0 and "แนวทางของหน่วยงาน" in thai.stderr, thai.stderr

    rendered = runner.invoke(main, ["--lang", "en", "render", str(plan), "-o", str(tmp_path / "w.md")])
    assert "listed in the analysis with no measure" not in rendered.stderr
    assert "weak points e5 (part 1) have no measure kept to answer them: the analysis prints the agency's own " \
           "statement of how it handles each instead" in " ".join(rendered.stderr.split())
    for fmt in ("md", "html", "docx", "pdf"):
        text = squash(_text(runner, plan, fmt))
        point = text.index(squash("ข้อ e๕ ประชาสัมพันธ์ข้อมูลที่ประชาชนควรรู้"))
        assert 0 < text.index(squash(PRINTED), point) - point < 300, fmt  # right after the point
        assert squash(REASON) not in text and "(ภายใน)" not in text, fmt  # the drop's reason stays in the plan file


def test_a_point_answered_again_hides_the_statement(tmp_path: Path) -> None:
    runner = CliRunner()
    plan = _dropped(tmp_path)
    assert runner.invoke(main, ["review", str(plan), "--handled", f"e5:1={STATEMENT}"]).exit_code == 0
    settle.keep(plan, "info-channels")  # the measure kept again: it answers the point, the statement is not printed
    kept = load_plan(plan)
    assert printed_statements(kept) == {} and statements(kept) == {("e5", 1): STATEMENT}  # kept for a later drop
    assert "แนวทางของหน่วยงาน" not in _text(runner, plan, "md")
    settle.drop(plan, "info-channels", REASON)
    assert PRINTED in " ".join(_text(runner, plan, "md").split())  # dropped again: printed again
    # a statement on a point a kept measure answers (given before a drop) is kept, not printed, and said so
    early = runner.invoke(main, ["--lang", "en", "review", str(plan), "--handled", "e9:1=ปรับปรุงระบบตามแผนดิจิทัลแล้ว"])
    assert early.exit_code == 0 and "the analysis cites the measure, not the statement" in " ".join(early.output.split())
    assert ("e9", 1) in statements(load_plan(plan)) and ("e9", 1) not in printed_statements(load_plan(plan))
    assert "ปรับปรุงระบบตามแผนดิจิทัลแล้ว" not in _text(runner, plan, "md")
    # blank removes one
    assert runner.invoke(main, ["review", str(plan), "--handled", "e9:1="]).exit_code == 0
    unknown = runner.invoke(main, ["--lang", "en", "review", str(plan), "--handled", "e99=x"])
    assert unknown.exit_code == 2 and "give one of: i4, i10" in unknown.output
    assert runner.invoke(main, ["review", str(plan), "--handled", "e5:1="]).exit_code == 0
    assert statements(load_plan(plan)) == {}
    assert runner.invoke(main, ["check", str(plan), "--format", "md"]).exit_code == 1  # as before


def test_a_measure_added_for_the_point_hides_the_statement_and_a_draft_again_keeps_it(tmp_path: Path) -> None:
    runner = CliRunner()
    plan = _dropped(tmp_path)
    assert runner.invoke(main, ["review", str(plan), "--handled", f"e5:1={STATEMENT}"]).exit_code == 0
    assert runner.invoke(main, ["draft", EXAMPLE, "--update", str(plan)]).exit_code == 0  # corrected results
    assert printed_statements(load_plan(plan)) == {("e5", 1): STATEMENT}  # the agency's decision stays
    added = runner.invoke(main, ["review", str(plan), "--add", "clear-communication"])
    assert added.exit_code == 0, added.output
    assert printed_statements(load_plan(plan)) == {}
    text = _text(runner, plan, "md")
    assert "แนวทางของหน่วยงาน" not in text and STATEMENT not in text
    assert runner.invoke(main, ["check", str(plan), "--format", "md"]).exit_code == 0


def test_review_edit_asks_after_the_drop_enter_skips(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ITAPLAN_LANG", "en")
    plan = tmp_path / "p.yaml"
    assert CliRunner().invoke(main, ["-q", "draft", EXAMPLE, "-o", str(plan)]).exit_code == 0
    number = [m["id"] for m in load_plan(plan)["measures"]].index("info-channels") + 1
    piped = CliRunner().invoke(main, ["review", str(plan), "--edit", "--measure", str(number)],
                               input=f"d\n{REASON}\n{STATEMENT}\n")
    assert piped.exit_code == 0, piped.output
    said = " ".join(piped.output.split())
    assert "how does the agency handle weak point e5 (part 1) without a measure (Enter: skip)" in said, said[-1500:]
    assert "weak point e5 (part 1): the agency's statement recorded" in said
    saved = load_plan(plan)
    assert statements(saved) == {("e5", 1): STATEMENT}
    assert next(m for m in saved["measures"] if m["id"] == "info-channels")["dropped_reason"] == REASON

    # Enter skips: a drop leaving e9 (both parts) and O10 records nothing
    number = [m["id"] for m in active(saved)].index("e-service") + 1
    skipped = CliRunner().invoke(main, ["review", str(plan), "--edit", "--measure", str(number)],
                                 input="d\nรวมกับมาตรการอื่น\n\n\n\n")
    assert skipped.exit_code == 0, skipped.output
    assert " ".join(skipped.output.split()).count("how does the agency handle weak point") == 3
    assert statements(load_plan(plan)) == {("e5", 1): STATEMENT}


def active(plan: dict) -> list[dict]:
    return [m for m in plan["measures"] if m.get("status") != "dropped"]


def test_the_edit_session_in_thai_asks_in_thai(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from itaplan.base.i18n import translate

    monkeypatch.setenv("ITAPLAN_LANG", "th")
    plan = tmp_path / "p.yaml"
    assert CliRunner().invoke(main, ["-q", "draft", EXAMPLE, "-o", str(plan)]).exit_code == 0
    index = [m["id"] for m in load_plan(plan)["measures"]].index("info-channels")
    asked: list[str] = []
    answers = iter(["d", REASON])

    def ask(prompt: str) -> str:
        asked.append(translate(prompt))
        return next(answers, "")

    EditSession(load_plan(plan), plan, ask, lambda text: None).run(width=100, only=index)
    assert any("e5 (ส่วนที่ 1)" in a and "Enter" in a and "how does" not in a for a in asked), asked


def test_the_web_warning_takes_the_statement_and_keeps_it_on_refusal(client: TestClient, tmp_path: Path) -> None:
    location = upload(client, ROOT / "examples" / "example.yaml").headers["location"]
    path = tmp_path / location.removeprefix("/plan/")
    page = client.get(location + "?lang=th").text
    assert client.post(f"{location}/measure/info-channels/decide", data={"csrf": csrf_of(page), "action": "drop",
                       "reason": REASON}, follow_redirects=False).status_code == 303
    page = client.get(location + "?lang=th").text
    warning = re.search(r'<div class="warning" id="unanswered">.*?</div>', page, re.DOTALL).group(0)
    assert 'name="point" value="e5:1"' in warning and "keep" in warning  # beside the keep-again button

    too_long = "ก" * 1001
    refused = client.post(f"{location}/handled", data={"csrf": csrf_of(page), "point": "e5:1", "text": too_long})
    assert refused.status_code == 400
    assert too_long in refused.text and "1000" in html.unescape(refused.text)  # what was typed is kept, and why said
    assert statements(load_plan(path)) == {}

    saved = client.post(f"{location}/handled", data={"csrf": csrf_of(page), "point": "e5:1", "text": STATEMENT},
                        follow_redirects=False)
    assert saved.status_code == 303 and saved.headers["location"].endswith("#unanswered")
    assert statements(load_plan(path)) == {("e5", 1): STATEMENT}
    page = client.get(location + "?lang=th").text
    warning = html.unescape(re.search(r'<div class="warning" id="unanswered">.*?</div>', page, re.DOTALL).group(0))
    assert STATEMENT in warning and "บทวิเคราะห์แสดงแนวทางของหน่วยงาน" in " ".join(warning.split())
    assert PRINTED in " ".join(document_text(client.get(f"{location}/download/docx").content).split())


def test_a_whole_indicators_fall_takes_a_statement_too(tmp_path: Path) -> None:
    results = tmp_path / "r.yaml"
    results.write_text((ROOT / "examples" / "example.yaml").read_text(encoding="utf-8")
                       .replace("1: 96.24, 2: 91.15", "1: 99.24, 2: 99.15"), encoding="utf-8")  # indicator 2 fell
    plan = tmp_path / "p.yaml"
    runner = CliRunner()
    assert runner.invoke(main, ["-q", "draft", str(results), "-o", str(plan)]).exit_code == 0
    settle.drop(plan, "decline-review", REASON)
    assert unanswered_points(load_plan(plan)) == [("fell-2", 0)]
    assert runner.invoke(main, ["review", str(plan), "--handled", f"fell-2={STATEMENT}"]).exit_code == 0
    checked = runner.invoke(main, ["--lang", "en", "check", str(plan), "--format", "md"])
    assert checked.exit_code == 0 and "the fall of indicator 2's score: no measure kept answers it" in checked.stderr
    text = _text(runner, plan, "md")
    assert f"ควรเปรียบเทียบคะแนนรายข้อเพื่อหาสาเหตุ\n  - {PRINTED}" in text


def test_handled_given_with_budget_and_signer_saves_them_all_or_none(tmp_path: Path) -> None:
    """`review PLAN --handled … --signer … --budget …` in one command saved the statement only, said nothing of the
    others and exited 0 (the newcomer found blank signature lines in print). All are saved now; a bad value in any
    saves none; --add, which renumbers the table, is refused beside them."""
    runner = CliRunner(env={"ITAPLAN_LANG": "en"})
    plan = _dropped(tmp_path)
    before = plan.read_bytes()
    bad = runner.invoke(main, ["review", str(plan), "--handled", f"e5:1={STATEMENT}", "--budget", "1=abc"])
    assert bad.exit_code == 2 and "nothing was saved" in bad.output and plan.read_bytes() == before, bad.output
    added = runner.invoke(main, ["review", str(plan), "--add", "ethics-promotion", "--budget", "1=30,000"])
    assert added.exit_code == 2 and "--budget in another" in added.output and plan.read_bytes() == before
    done = runner.invoke(main, ["review", str(plan), "--handled", f"e5:1={STATEMENT}", "--budget", "1=25,000",
                                "--signer", "prepared=นางสาวสมใจ รักงาน;นักวิเคราะห์นโยบายและแผน"])
    assert done.exit_code == 0, done.output
    saved = load_plan(plan)
    assert statements(saved) == {("e5", 1): STATEMENT}
    assert saved["agency"]["budgets"][active(saved)[0]["id"]] == 25000
    assert saved["agency"]["signatories"]["prepared"]["name"] == "นางสาวสมใจ รักงาน"
    assert "the agency's statement recorded" in done.output


def test_a_statement_too_short_to_be_the_agencys_words_is_refused_and_asked_again(tmp_path: Path) -> None:
    """Round 18's newcomer answered ahead through a pipe and the letter 'o' was saved as the agency's statement on e7,
    to be printed as its own words. A statement under ten characters is refused on the command line (nothing saved)
    and asked again in review --edit."""
    runner = CliRunner()
    plan = _dropped(tmp_path)
    short = runner.invoke(main, ["--lang", "en", "review", str(plan), "--handled", "e5:1=o"])
    assert short.exit_code == 2 and "the statement 'o' is too short to be printed as the agency's own words" in \
        short.output, short.output
    assert statements(load_plan(plan)) == {}
    thai = runner.invoke(main, ["--lang", "th", "review", str(plan), "--handled", "e5:1=o"])
    assert "แนวทาง “o” สั้นเกินกว่าจะพิมพ์เป็นข้อความของหน่วยงานเอง" in thai.output


def test_review_edit_asks_again_after_a_statement_too_short(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ITAPLAN_LANG", "en")
    plan = tmp_path / "p.yaml"
    assert CliRunner().invoke(main, ["-q", "draft", EXAMPLE, "-o", str(plan)]).exit_code == 0
    number = [m["id"] for m in load_plan(plan)["measures"]].index("info-channels") + 1
    piped = CliRunner().invoke(main, ["review", str(plan), "--edit", "--measure", str(number)],
                               input=f"d\n{REASON}\no\n{STATEMENT}\n")
    assert piped.exit_code == 0, piped.output
    said = " ".join(piped.output.split())
    assert "the statement 'o' is too short" in said
    assert said.count("how does the agency handle weak point e5 (part 1) without a measure") == 2  # asked again
    assert statements(load_plan(plan)) == {("e5", 1): STATEMENT}
