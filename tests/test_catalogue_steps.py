"""The catalogue's steps: what drafting does with a step is marked on the step in the catalogue (``per_item``,
``rounds``), never found from its Thai wording; and a merged row says each step once, however it is spaced or
numbered."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import agency_plan
from itaplan.app.session import Session

ROOT = Path(__file__).resolve().parent.parent
WIDE = str(ROOT / "examples" / "province_wide-2569.csv")


def _office_steps(tmp_path: Path, steps: str) -> list[str]:
    """The steps ท่าช้าง's row of oit-plans-and-reports (O6 and O7, each with a step of its own round) gets when an
    office's layer gives the measure ``steps``."""
    folder = tmp_path / "recommendations"
    folder.mkdir(parents=True)
    (folder / "own.yaml").write_text(
        "version: 1\nrecommendations:\n  - id: oit-plans-and-reports\n    method:\n" + steps, encoding="utf-8")
    session = Session(use_workspace=False, recommendation_dirs=(str(folder),))
    plan = agency_plan(WIDE, "ท่าช้าง", session)
    row = next(m for m in plan["measures"] if "oit-plans-and-reports" in (m.get("merged") or [m["id"]]))
    return [" ".join(step.split()) for step in row["method"]]


def test_an_office_step_marked_per_item_is_left_out_as_the_built_in_ones_are(tmp_path: Path) -> None:
    steps = _office_steps(tmp_path, "      - {text: 'จัดทำเอกสารตาม{items}', per_item: true}\n"
                                    "      - เสนอผู้บริหารลงนาม\n")
    assert not any(step.startswith("จัดทำเอกสารตาม") for step in steps), steps
    assert "เสนอผู้บริหารลงนาม" in steps
    assert any(step.startswith("จัดทำรายงานตามข้อ O7") for step in steps), steps  # the item's own round says it


def test_the_same_wording_without_the_mark_is_a_step_like_any_other(tmp_path: Path) -> None:
    steps = _office_steps(tmp_path, "      - 'จัดทำเอกสารตาม{items}'\n      - เสนอผู้บริหารลงนาม\n")
    assert any(step.startswith("จัดทำเอกสารตามข้อ O6") for step in steps), steps


def test_a_steps_general_rounds_are_left_to_the_items_own_rounds(tmp_path: Path) -> None:
    marked = _office_steps(tmp_path / "a", "      - {text: เผยแพร่บนเว็บไซต์หลัก, rounds: ภายในรอบเวลาที่เกณฑ์กำหนด}\n")
    assert "เผยแพร่บนเว็บไซต์หลัก" in marked and not any("ภายในรอบเวลาที่เกณฑ์กำหนด" in s for s in marked), marked
    plain = _office_steps(tmp_path / "b", "      - เผยแพร่บนเว็บไซต์หลัก ภายในรอบเวลาที่เกณฑ์กำหนด เช่น แผนภายในไตรมาสแรก\n")
    assert "เผยแพร่บนเว็บไซต์หลัก ภายในรอบเวลาที่เกณฑ์กำหนด เช่น แผนภายในไตรมาสแรก" in plain, plain


def test_without_rounds_of_their_own_a_marked_step_is_printed_whole() -> None:
    from itaplan.drafting.draft import _own_steps

    method = [{"text": "จัดทำเอกสารตาม{items}", "per_item": True}, {"text": "เผยแพร่", "rounds": "ภายในไตรมาสแรก"}]
    assert _own_steps(method, [], []) == ["จัดทำเอกสารตาม{items}", "เผยแพร่ ภายในไตรมาสแรก"]
    assert _own_steps(method, [{"code": "O6"}], [("quarterly", "…")]) == ["เผยแพร่"]


def test_a_step_mapping_with_an_unknown_key_is_refused(tmp_path: Path) -> None:
    from itaplan.base.errors import RuleError

    with pytest.raises(RuleError) as error:
        _office_steps(tmp_path, "      - {text: 'จัดทำเอกสารตาม{items}', per_items: true}\n")
    assert "per_items" in str(error.value)


def test_a_merged_row_says_an_office_copy_of_a_built_in_step_once(tmp_path: Path) -> None:
    """ท่าช้าง's row of oit-hr and oit-plans-and-reports (8 rows at most), the office's oit-plans-and-reports
    repeating oit-hr's steps with other spacing, punctuation, a closing ฯลฯ or a word left out."""
    (tmp_path / "own.yaml").write_text("""version: 1
limits:
  max_measures: 8
recommendations:
  - id: oit-plans-and-reports
    method:
      - ระบุหลักเกณฑ์การสรรหา  การแต่งตั้ง การพัฒนา การประเมินผล และการให้คุณให้โทษ ไว้ในเอกสารให้ชัดเจน ฯลฯ
      - เสนอผู้บริหารลงนาม และเผยแพร่บนเว็บไซต์ของหน่วยงานในหมวดการเปิดเผยข้อมูลสาธารณะ (OIT)
      - รายงานผลการบริหารและพัฒนาทรัพยากรบุคคลของปีที่ผ่านมา ภายในไตรมาสแรก.
      - จัดทำปฏิทินการเผยแพร่แผนและรายงานของปี
""", encoding="utf-8")
    session = Session(use_workspace=False, recommendation_dirs=(str(tmp_path),))
    row = next(m for m in agency_plan(WIDE, "ท่าช้าง", session)["measures"]
               if m.get("merged") == ["oit-hr", "oit-plans-and-reports"])
    steps = row["method"]
    assert sum(s.startswith("ระบุหลักเกณฑ์การสรรหา") for s in steps) == 1, steps
    assert "ระบุหลักเกณฑ์การสรรหา การแต่งตั้ง การพัฒนา การประเมินผล และการให้คุณให้โทษ ไว้ในเอกสารให้ชัดเจน" in steps
    assert sum(s.startswith("เสนอผู้บริหารลงนาม และเผยแพร่") for s in steps) == 1, steps
    assert "เสนอผู้บริหารลงนาม และเผยแพร่บนเว็บไซต์หลักของหน่วยงานในหมวดการเปิดเผยข้อมูลสาธารณะ (OIT)" in steps
    assert sum(s.startswith("รายงานผลการบริหารและพัฒนาทรัพยากรบุคคล") for s in steps) == 1, steps
    assert "จัดทำปฏิทินการเผยแพร่แผนและรายงานของปี" in steps


def test_steps_the_same_but_for_digits_spacing_or_punctuation_are_one_and_the_first_is_kept() -> None:
    from itaplan.drafting.draft import merged_steps

    first = ["รายงานผลรอบ 6 เดือน ต่อผู้บริหาร", "ตรวจทานความครบถ้วนก่อนกรอกลิงก์ในระบบ ITAS"]
    more = ["รายงานผลรอบ ๖ เดือนต่อผู้บริหาร ฯลฯ", "ตรวจทานความครบถ้วน, ก่อนกรอกลิงก์ในระบบ ITAS.",
            "รายงานผลรอบ 12 เดือน ต่อผู้บริหาร"]
    assert merged_steps(first, more) == first + ["รายงานผลรอบ 12 เดือน ต่อผู้บริหาร"]


def test_a_word_changed_or_a_code_added_makes_another_step() -> None:
    from itaplan.drafting.draft import merged_steps

    first = ["เผยแพร่แผนบนเว็บไซต์หลักของหน่วยงานในหมวดการเปิดเผยข้อมูลสาธารณะ",
             "จัดทำรายงานตามข้อ O7 และเผยแพร่บนเว็บไซต์ของหน่วยงาน"]
    more = ["เผยแพร่รายงานบนเว็บไซต์หลักของหน่วยงานในหมวดการเปิดเผยข้อมูลสาธารณะ",
            "จัดทำรายงานตามข้อ O22 และเผยแพร่บนเว็บไซต์ของหน่วยงาน"]
    assert merged_steps(first, more) == first + more
