"""The interface in Thai when the locale is Thai (or --lang th), English otherwise; the catalogue is gettext's."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from itaplan.base.i18n import LOCALE_DIR, read_po, translate
from itaplan.builtin import builtin_dir
from itaplan.cli import main

EXAMPLE = str(Path(__file__).parent / "data" / "example-2568.yaml")  # FY2568 results, whose figures these tests name
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
    assert "ข้อที่ต่ำกว่าเป้าหมายและกฎที่เข้าเงื่อนไขจากข้อนั้น:" in review


def test_catalogue_is_a_gettext_po_and_fields_are_translated_in_turn() -> None:
    entries = read_po(LOCALE_DIR / "th" / "LC_MESSAGES" / "itaplan.po")
    assert entries["no such file"] == "ไม่พบไฟล์"
    # file:line:col stays as editors jump to it (issue 28)
    assert translate("error: a.yaml:3:5: no such file", "th") == "ข้อผิดพลาด: a.yaml:3:5: ไม่พบไฟล์"
    assert translate("something nobody wrote down", "th") == "something nobody wrote down"
    assert translate("error: a.yaml: no such file", "en") == "error: a.yaml: no such file"


def test_progress_prompts_and_rule_test_summary_in_thai() -> None:
    assert translate("status  [1] ยังไม่ดำเนินการ  (Enter keeps, s skips, q quits)", "th").startswith("สถานะ")
    assert translate("2 passed, 0 failed", "th") == "ผ่าน 2 กรณี ไม่ผ่าน 0 กรณี"
    assert translate("warning: the total cannot be computed: some tool has no score", "th").startswith("คำเตือน: คำนวณ")


def test_a_closed_pipe_is_not_an_error() -> None:
    import subprocess
    import sys

    done = subprocess.run(f"{sys.executable} -c 'from itaplan.cli import main; main()' whatif | head -1", shell=True,
                          capture_output=True, text=True, timeout=60)
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr


def _extracted() -> set[str]:
    """Every msgid Babel extracts from the source with the project's babel.cfg (engine/i18n_extract.py)."""
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg
    from conftest import ROOT

    with (ROOT / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle, "babel.cfg")
    return {found[2] for found in extract_from_dir(str(ROOT), method_map, options_map)}


def test_every_message_the_source_prints_has_its_thai() -> None:
    import re

    extracted = _extracted()
    assert len(extracted) > 300  # errors, prompts, help texts, check and lint findings, click's own words
    entries = read_po(LOCALE_DIR / "th" / "LC_MESSAGES" / "itaplan.po")
    missing = sorted(m for m in extracted if not entries.get(m))
    assert not missing, f"{len(missing)} messages without Thai (pybabel update, then translate): {missing[:10]}"
    field = re.compile(r"\{([a-z][a-z0-9_]*)\}")
    # every field, PyYAML's reason too: a Thai message gives the detail the English one does (where the parser stopped,
    # what it expected), in Thai (a provincial auditor's trial; issue 28 had left it out)
    wrong = [m for m, t in entries.items() if sorted(field.findall(m)) != sorted(field.findall(t))]
    assert not wrong, wrong[:5]


def test_the_compiled_catalogue_says_what_the_po_says(tmp_path: Path) -> None:
    import gettext

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po as babel_read_po

    po = LOCALE_DIR / "th" / "LC_MESSAGES" / "itaplan.po"
    with po.open("rb") as handle:
        catalog = babel_read_po(handle)
    with (tmp_path / "itaplan.mo").open("wb") as out:
        write_mo(out, catalog)
    with (tmp_path / "itaplan.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    ours = read_po(po)
    assert all(compiled.gettext(msgid) == msgstr for msgid, msgstr in ours.items())
    assert len(ours) == len([m for m in catalog if m.id and m.string])


def test_help_and_click_errors_in_thai() -> None:
    helped = CliRunner().invoke(main, ["--lang", "th", "draft", "--help"], env=KEEP)
    assert helped.exit_code == 0 and "ตัวเลือก:" in helped.output and "ร่าง" in helped.output
    assert "itaplan draft results.yaml -o plan.yaml" in helped.output  # examples stay as they are typed
    assert "Draft the improvement plan" not in helped.output
    top = CliRunner().invoke(main, ["--help", "--lang", "th"], env=THAI)
    assert "คำสั่ง:" in top.output and "Commands:" not in top.output
    wrong = CliRunner().invoke(main, ["draft", "--nope"], env=THAI)
    assert wrong.exit_code == 2 and "ข้อผิดพลาด" in wrong.output and "--nope" in wrong.output
    english = CliRunner().invoke(main, ["draft", "--nope"], env=KEEP)
    assert english.exit_code == 2 and "No such option" in english.output


def test_a_located_error_is_translated_message_first(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("fiscal_year: 2568\nquestions:\n  i55: 80\n", encoding="utf-8")
    out = CliRunner().invoke(main, ["score", str(bad)], env=THAI).output
    assert f"ข้อผิดพลาด: {bad} บรรทัด 3: ไม่มีข้อ 'i55' ในการประเมินปีงบประมาณ 2568; รหัสข้อของ IIT ในปีนั้นคือ i1–i15" in out
    broken = tmp_path / "rules"
    broken.mkdir()
    (broken / "a.yaml").write_text("rules:\n  - id: x\n    when: {question: {codes: [i5], below: \"< 90\"}}\n"
                                   "    propose: [e-service]\n  - id: y\n    when: {question: i5, below: 90}\n"
                                   "    propose: [e-service]\n", encoding="utf-8")
    (broken / "b.yaml").write_text("a: [\n", encoding="utf-8")
    found = CliRunner().invoke(main, ["rules", "validate", str(broken)], env=THAI).output
    assert "below ต้องเป็นตัวเลขตั้งแต่ 0 ถึง 100 ไม่ใช่ '< 90'" in found, found
    assert "'below' ใช้เป็นคีย์ตรงนี้ไม่ได้ เงื่อนไขหนึ่งข้อมีคีย์เดียว" in found and found.count("'below'") == 1
    # the `[` left open is said where it opens (a provincial auditor's trial), not where the file ends
    assert "b.yaml:1:4: ไม่ใช่ YAML ที่ถูกต้อง: `[` ที่เปิดตรงนี้ไม่มีการปิด ให้ปิดด้วย `]`" in found and "พบ 3 ปัญหา" in found


def test_a_message_with_the_word_date_in_it_is_not_cut_by_a_wide_pattern() -> None:
    """A fresh officer's trial (issue 28): a catalogue entry as wide as '{key} date {exc}' caught 'measure …: status is
    in progress but a finish date is given …' and printed it in English without the word 'date'."""
    from itaplan.base.i18n import translate

    line = ("measure 'x': status is in progress but a finish date is given: set the status to done or clear the date")
    thai = translate(line, "th")
    assert "แต่มีการระบุวันที่แล้วเสร็จ" in thai and "status is" not in thai
    assert translate("finished date '31/2/2569' is not a real date", "th").startswith("วันที่แล้วเสร็จ '31/2/2569'")


def test_lang_may_follow_the_command_as_users_type_it() -> None:
    """A fresh newcomer's trial (issue 28): `itaplan score x.yaml --lang th` said "No such option '--lang'"; the option
    only worked before the command. It is the whole interface's, wherever it is typed."""
    for args in (["score", EXAMPLE, "--lang", "th", "--plain"], ["score", EXAMPLE, "--lang=th", "--plain"],
                 ["--lang", "th", "score", EXAMPLE, "--plain"]):
        out = CliRunner().invoke(main, args, env=KEEP)
        assert out.exit_code == 0 and "คะแนนรวม" in out.output, (args, out.output)


def test_every_command_has_a_thai_line_in_the_top_level_help() -> None:
    """Issue 28: `ITAPLAN_LANG=th itaplan --help` listed `check     ...`: click shortens at spaces only, and Thai
    writes none between words. Every command (and every `rules` command) gets a line of Thai, cut at a word."""
    import re

    for args in (["--help"], ["rules", "--help"]):
        shown = CliRunner().invoke(main, ["--lang", "th", *args], env=KEEP)
        assert shown.exit_code == 0
        listing = shown.output.split("คำสั่ง:")[1]
        rows = [line for line in listing.splitlines() if re.match(r"  [a-z]", line)]
        assert len(rows) >= 7
        for row in rows:
            name, _, line = row.strip().partition(" ")
            assert re.search("[\u0e01-\u0e4e]{4}", line), f"{name}: {line!r}"
            assert not line.strip().endswith("..."), row


def test_an_unknown_codes_hint_is_translated_in_place_with_or_without_the_error_prefix() -> None:
    """The web page (no "error:" prefix) showed "รหัสข้อของ bad.csv แถว 68: …; IIT ในปีนั้นคือ i1–i15": a message
    opening with its placeholder swallowed the line before it (a fresh newcomer's trial, issue 28)."""
    from itaplan.base.i18n import translate

    line = "bad.csv: row 68: unknown code 'i16' for fiscal year 2568; the IIT codes of that year are i1–i15"
    for shown in (line, "error: " + line):
        thai = translate(shown, "th")
        assert thai.endswith("ไม่มีข้อ 'i16' ในการประเมินปีงบประมาณ 2568; รหัสข้อของ IIT ในปีนั้นคือ i1–i15"), thai
        assert "bad.csv แถว 68:" in thai and not thai.startswith("รหัสข้อของ")


def test_a_cancelled_measure_without_a_reason_is_called_cancelled_as_the_sheet_and_report_call_it() -> None:
    """The tracking sheet's status is ยกเลิก: its error said สถานะเป็นตัดออก, the word of review's drops (web trial)."""
    from itaplan.base.i18n import translate

    thai = translate("status is dropped but the note is empty: give the reason in the note", "th")
    assert "ยกเลิก" in thai and "ตัดออก" not in thai
