"""The report's summary line leaves out a status no measure has: an interim report (a web officer's trial) printed
"… ยังไม่ได้ดำเนินการ ๘ มาตรการ และยกเลิก ๐ มาตรการ"."""

from __future__ import annotations

import pytest
from itaplan.app.session import Session
from itaplan.content.texts import Texts
from itaplan.followup.report import summary_line

CASES = [
    # done, in progress, not started, dropped -> the line
    ((2, 1, 6, 1), "ดำเนินการแล้วเสร็จ 2 มาตรการ คิดเป็นร้อยละ 20.00 ของมาตรการทั้งหมด อยู่ระหว่างดำเนินการ 1 มาตรการ "
                   "ยังไม่ได้ดำเนินการ 6 มาตรการ และยกเลิก 1 มาตรการ"),
    ((2, 0, 8, 0), "ดำเนินการแล้วเสร็จ 2 มาตรการ คิดเป็นร้อยละ 20.00 ของมาตรการทั้งหมด และยังไม่ได้ดำเนินการ 8 มาตรการ"),
    ((1, 3, 6, 0), "ดำเนินการแล้วเสร็จ 1 มาตรการ คิดเป็นร้อยละ 10.00 ของมาตรการทั้งหมด อยู่ระหว่างดำเนินการ 3 มาตรการ "
                   "และยังไม่ได้ดำเนินการ 6 มาตรการ"),
    ((0, 3, 7, 0), "ยังไม่มีมาตรการที่ดำเนินการแล้วเสร็จ อยู่ระหว่างดำเนินการ 3 มาตรการ และยังไม่ได้ดำเนินการ 7 มาตรการ"),
    ((9, 0, 0, 1), "ดำเนินการแล้วเสร็จ 9 มาตรการ คิดเป็นร้อยละ 90.00 ของมาตรการทั้งหมด และยกเลิก 1 มาตรการ"),
]


@pytest.fixture(scope="module")
def texts() -> Texts:
    return Texts(Session(use_workspace=False).catalogue)


@pytest.mark.parametrize(("counts", "line"), CASES)
def test_the_summary_names_only_the_statuses_some_measure_has(texts: Texts, counts: tuple[int, ...], line: str) -> None:
    done, in_progress, not_started, dropped = counts
    count = {"done": done, "in progress": in_progress, "not started": not_started, "dropped": dropped}
    assert summary_line(count, round(100 * done / sum(counts), 2), texts) == line


def test_in_thai_digits_and_for_an_action_plan(texts: Texts) -> None:
    count = {"done": 2, "in progress": 0, "not started": 8, "dropped": 0}
    thai = Texts(texts.catalogue, thai_digits=True).of("action_plan")
    assert summary_line(count, 20.0, thai) == ("ดำเนินการแล้วเสร็จ ๒ รายการ คิดเป็นร้อยละ ๒๐.๐๐ ของโครงการ/กิจกรรมทั้งหมด "
                                               "และยังไม่ได้ดำเนินการ ๘ รายการ")


def test_an_office_wording_that_says_every_count_itself_is_printed_as_written(tmp_path) -> None:
    """The built-in line once said every status's count in one sentence; an office that reworded it so (its
    {in_progress}, {not_started}, {dropped}) is not refused by validate and prints its own sentence, counts filled."""
    from click.testing import CliRunner
    from itaplan.cli import main

    folder = tmp_path / "recommendations"
    folder.mkdir()
    wording = ("ดำเนินการแล้ว {done} มาตรการ (ร้อยละ {percent}) กำลังดำเนินการ {in_progress} มาตรการ "
               "ยังไม่เริ่ม {not_started} มาตรการ ยกเลิก {dropped} มาตรการ")
    (folder / "texts.yaml").write_text(f"version: 1\ntexts:\n  report_summary: '{wording}'\n", encoding="utf-8")
    checked = CliRunner().invoke(main, ["rules", "validate", "--recommendations", str(folder)])
    assert checked.exit_code == 0, checked.output
    from itaplan.content.catalogue import load_catalogue

    own = Texts(load_catalogue([folder]))
    count = {"done": 2, "in progress": 0, "not started": 8, "dropped": 0}
    assert summary_line(count, 20.0, own) == ("ดำเนินการแล้ว 2 มาตรการ (ร้อยละ 20.00) กำลังดำเนินการ 0 มาตรการ "
                                              "ยังไม่เริ่ม 8 มาตรการ ยกเลิก 0 มาตรการ")
