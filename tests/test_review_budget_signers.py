"""A newcomer's trial: budgets and who signs could be set only by editing the plan YAML or in the web app. Now
``itaplan review PLAN --budget N|TITLE|ID=BAHT`` and ``--signer ROLE=NAME[;POSITION]`` set them as the web's forms
do (the same reading: Thai digits and commas, empty removes; the roles of the sign-off, Thai words too), a bad value
is exit 2 naming it with the plan left as it was, and ``review --edit`` asks a measure's budget ([b]udget)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import yaml
from click.testing import CliRunner
from conftest import ROOT
from itaplan.cli import main
from itaplan.cli.review import EditSession
from itaplan.drafting.plan import load_plan
from test_web_newcomer import document_text

EXAMPLE = str(ROOT / "examples" / "example.yaml")
RUN = CliRunner(env={"ITAPLAN_LANG": "en"})  # --lang th sets it for the process: restored to English


def _plan(tmp_path: Path) -> Path:
    plan = tmp_path / "plan.yaml"
    assert RUN.invoke(main, ["-q", "draft", EXAMPLE, "-o", str(plan)]).exit_code == 0
    return plan


def _first_id(plan: Path) -> str:
    return str(load_plan(plan)["measures"][0]["id"])


def test_budget_set_with_thai_digits_and_commas_printed_on_the_card_and_removed(tmp_path: Path) -> None:
    plan = _plan(tmp_path)
    mid = _first_id(plan)
    result = RUN.invoke(main, ["--lang", "th", "review", str(plan), "--budget", "1=๓๐,๐๐๐"])
    assert result.exit_code == 0, result.output
    assert "มาตรการที่ 1 (" in result.output and "งบประมาณ 30,000 บาท" in result.output
    saved = load_plan(plan)
    assert saved["agency"]["budgets"][mid] == 30000
    assert saved["measures"][0]["project"]["budget"] == 30000
    cards = tmp_path / "cards.docx"
    assert RUN.invoke(main, ["-q", "render", str(plan), "-o", str(cards), "--cards"]).exit_code == 0
    assert "๓๐,๐๐๐" in document_text(cards.read_bytes())  # the example prints Thai digits
    # by its id too, and =BAHT left empty removes it
    result = RUN.invoke(main, ["review", str(plan), "--budget", f"{mid}="])
    assert result.exit_code == 0 and "budget removed" in result.output, result.output
    assert mid not in (load_plan(plan)["agency"].get("budgets") or {})


def test_a_bad_budget_or_measure_is_exit_2_naming_it_and_nothing_is_written(tmp_path: Path) -> None:
    plan = _plan(tmp_path)
    before = plan.read_bytes()
    bad = RUN.invoke(main, ["review", str(plan), "--budget", "1=30000", "--budget", "2=สามหมื่น"])
    assert bad.exit_code == 2
    assert "itaplan review --budget: measure 2: 'สามหมื่น' is not an amount in baht" in bad.output
    assert "nothing was saved" in bad.output
    thai = RUN.invoke(main, ["--lang", "th", "review", str(plan), "--budget", "2=-5"])
    assert thai.exit_code == 2 and "ไม่ใช่จำนวนเงินบาท" in thai.output, thai.output
    for args in (["--budget", "99=5"], ["--budget", "30000"], ["--budget", "1=5", "--signer", "boss=นายก"],
                 ["--signer", "approved=;นายก"], ["--signer", "approved=นายสมชาย;นายก", "--budget", "1=x"]):
        result = RUN.invoke(main, ["review", str(plan), *args])
        assert result.exit_code == 2, (args, result.output)
        assert plan.read_bytes() == before, args
    roles = RUN.invoke(main, ["review", str(plan), "--signer", "boss=นายก"]).output
    assert "prepared (ผู้จัดทำ)" in roles and "approved (ผู้อนุมัติ)" in roles


def test_signers_by_role_or_thai_word_a_position_left_out_kept(tmp_path: Path) -> None:
    plan = _plan(tmp_path)
    result = RUN.invoke(main, ["review", str(plan), "--signer", "approved=นายสมชาย ใจดี;นายกองค์การบริหารส่วนตำบล",
                                       "--signer", "ผู้จัดทำ=นางสาวมาลี ดีงาม;นักวิเคราะห์นโยบายและแผน"])
    assert result.exit_code == 0, result.output
    assert "sign-off approved (ผู้อนุมัติ): นายสมชาย ใจดี, นายกองค์การบริหารส่วนตำบล" in result.output
    signers = yaml.safe_load(plan.read_text(encoding="utf-8"))["agency"]["signatories"]
    assert signers["approved"] == {"name": "นายสมชาย ใจดี", "position": "นายกองค์การบริหารส่วนตำบล"}
    assert signers["prepared"]["name"] == "นางสาวมาลี ดีงาม"
    # a new name alone keeps the position recorded; ROLE= removes the role
    assert RUN.invoke(main, ["review", str(plan), "--signer", "approved=นายสมศักดิ์ ใจงาม",
                                     "--signer", "prepared="]).exit_code == 0
    signers = yaml.safe_load(plan.read_text(encoding="utf-8"))["agency"]["signatories"]
    assert signers == {"approved": {"name": "นายสมศักดิ์ ใจงาม", "position": "นายกองค์การบริหารส่วนตำบล"}}


def test_the_edit_session_asks_the_budget_enter_keeps_it(tmp_path: Path) -> None:
    plan = _plan(tmp_path)
    mid = _first_id(plan)
    said: list[str] = []

    def session(answers: list[str]) -> None:
        it: Iterator[str] = iter(answers)
        EditSession(load_plan(plan), plan, lambda prompt: next(it, "q"), said.append).run(width=100, only=0)

    session(["b", "๑๒,๕๐๐", "q"])
    assert load_plan(plan)["agency"]["budgets"][mid] == 12500
    assert any("budget 12,500 baht saved" in s for s in said), said
    session(["b", "", "q"])  # Enter keeps it
    assert load_plan(plan)["agency"]["budgets"][mid] == 12500
    assert any("budget now: 12,500 baht" in s for s in said)
    before = plan.read_bytes()
    session(["b", "abc", "q"])  # refused with the web's words, nothing saved
    assert any("'abc' is not an amount in baht" in s for s in said) and plan.read_bytes() == before
    session(["b", "-", "q"])
    assert mid not in (load_plan(plan)["agency"].get("budgets") or {})


def test_check_and_review_name_the_measures_with_no_budget_and_how_to_set_one(tmp_path: Path) -> None:
    """A newcomer signed an action plan whose cards printed ยังไม่กำหนด, not knowing budgets can be set. `check` and
    the end of `review` name the measures with none set (a note: the exit status kept) and how to set one; a measure
    that needs none takes the words agencies write, ไม่ใช้งบประมาณ (seed 004: ดำเนินการโดยไม่ใช้งบประมาณ), as 0."""
    plan = _plan(tmp_path)
    checked = RUN.invoke(main, ["check", str(plan)])
    assert checked.exit_code == 0, checked.output
    assert "note: measures with no budget set: 1, " in checked.output
    assert f"itaplan review {plan} --budget N=BAHT" in checked.output and "--budget N=ไม่ใช้งบประมาณ" in checked.output
    set_none = RUN.invoke(main, ["review", str(plan), "--budget", "1=ไม่ใช้งบประมาณ", "--budget", "2=ดำเนินการโดยไม่ใช้งบประมาณ"])
    assert set_none.exit_code == 0, set_none.output
    assert "measure 1 (" in set_none.output and "needs no budget" in set_none.output
    saved = load_plan(plan)
    assert saved["agency"]["budgets"][_first_id(plan)] == 0
    for number in range(1, len(saved["measures"]) + 1):
        RUN.invoke(main, ["review", str(plan), "--budget", f"{number}=30,000"])
    assert "no budget set" not in RUN.invoke(main, ["check", str(plan)]).output
    reviewed = RUN.invoke(main, ["review", str(plan), "--budget", "3="])
    screen = " ".join(RUN.invoke(main, ["review", str(plan), "--plain", "--width", "200"]).output.split())
    assert reviewed.exit_code == 0 and "note: measures with no budget set: 3 (of " in screen
    thai = RUN.invoke(main, ["--lang", "th", "check", str(plan)]).output
    assert "มาตรการที่ยังไม่ได้กำหนดงบประมาณ: 3 (จากทั้งหมด" in thai


def test_the_budget_note_piped_is_one_line_and_its_commands_whole(tmp_path: Path) -> None:
    """Piped (not a terminal, no --width), the note at the end of `review` is one line, its example commands whole to copy (the
    newcomer read '--budget 2' / '=30,000' on two lines); on a screen the wrapping never cuts an option at its '='."""
    from itaplan.cli.thaiwrap import wrap_thai

    plan = _plan(tmp_path)
    reviewed = RUN.invoke(main, ["review", str(plan)])  # piped, no --width: lines left whole
    note = [line for line in reviewed.output.splitlines() if "no budget set" in line]
    assert len(note) == 1 and "--budget N=BAHT (e.g. --budget 1=30,000)" in note[0], reviewed.output[-1500:]
    for width in range(30, 120):
        lines = wrap_thai(note[0], width).splitlines()
        assert not any(line.lstrip().startswith("=") or line.rstrip().endswith("=") for line in lines), width
