"""The interface in Thai when the locale is Thai (or --lang th), English otherwise; the catalogue is gettext's."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from cli import main
from engine.builtin import builtin_dir
from engine.i18n import LOCALE_DIR, read_po, translate

EXAMPLE = str(builtin_dir("examples") / "example.yaml")
THAI = {"ITAPLAN_LANG": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": "th_TH.UTF-8"}
KEEP = {"ITAPLAN_LANG": "en"}  # --lang sets ITAPLAN_LANG for the process: CliRunner restores what it is given


def test_a_thai_locale_gets_thai_errors_and_lang_en_english(tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.yaml")
    thai = CliRunner().invoke(main, ["score", missing], env=THAI)
    assert thai.exit_code == 2 and "ข้อผิดพลาด:" in thai.output and "ไม่พบไฟล์" in thai.output
    english = CliRunner().invoke(main, ["--lang", "en", "score", missing], env=THAI)
    import os

    assert os.environ.get("ITAPLAN_LANG") == "en"  # restored for the other tests
    assert english.exit_code == 2 and "error:" in english.output and "no such file" in english.output
    located = CliRunner().invoke(main, ["--lang", "th", "score", str(builtin_dir("rules") / "fy2568.yaml")], env=KEEP)
    assert "บรรทัด" in located.output or "ข้อผิดพลาด" in located.output


def test_the_scorecard_and_review_in_thai() -> None:
    out = CliRunner().invoke(main, ["--lang", "th", "score", EXAMPLE, "--plain"], env=KEEP).output
    assert "คะแนนรวม 87.50" in out and "ระดับ A" in out and "บรรลุค่าเป้าหมาย 85" in out
    assert "ข้อสันนิษฐาน:" in out and "assumption:" not in out
    review = CliRunner().invoke(main, ["--lang", "th", "review", EXAMPLE, "--plain", "--width", "100"], env=KEEP).output
    assert "ข้อที่ต่ำกว่าเป้าหมายและกฎที่ทำงานกับข้อนั้น:" in review


def test_catalogue_is_a_gettext_po_and_fields_are_translated_in_turn() -> None:
    entries = read_po(LOCALE_DIR / "th" / "LC_MESSAGES" / "itaplan.po")
    assert entries["no such file"] == "ไม่พบไฟล์"
    assert translate("error: a.yaml:3:5: no such file", "th") == "ข้อผิดพลาด: a.yaml บรรทัด 3 ตำแหน่ง 5: ไม่พบไฟล์"
    assert translate("something nobody wrote down", "th") == "something nobody wrote down"
    assert translate("error: a.yaml: no such file", "en") == "error: a.yaml: no such file"


def test_progress_prompts_and_rule_test_summary_in_thai() -> None:
    assert translate("status  [1] ยังไม่ดำเนินการ  (Enter keeps, s skips, q quits)", "th").startswith("สถานะ")
    assert translate("2 passed, 0 failed", "th") == "ผ่าน 2 กรณี ไม่ผ่าน 0 กรณี"
    assert translate("warning: the total cannot be computed: some tool has no score", "th").startswith("คำเตือน: คำนวณ")


def test_a_closed_pipe_is_not_an_error() -> None:
    import subprocess
    import sys

    done = subprocess.run(f"{sys.executable} -c 'from cli import main; main()' whatif | head -1", shell=True,
                          capture_output=True, text=True, timeout=60)
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr
