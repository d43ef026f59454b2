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
