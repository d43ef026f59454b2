"""A project card's name from its measure's title, when the measure gives none (the agency's own, an office's): named
as agencies name a project. A web officer's own "มาตรการจัดกิจกรรมวันต่อต้านคอร์รัปชันสากลร่วมกับชุมชน" was named
"กิจกรรมจัดกิจกรรมวัน…" on its card and in the action-plan table."""

from __future__ import annotations

import pytest
from itaplan.app.session import Session
from itaplan.content.texts import Texts
from itaplan.render.cards import card_name

NAMES = [
    # title -> the name the card and the action-plan table print
    ("มาตรการจัดกิจกรรมวันต่อต้านคอร์รัปชันสากลร่วมกับชุมชน", "กิจกรรมวันต่อต้านคอร์รัปชันสากลร่วมกับชุมชน"),
    ("มาตรการจัดทำโครงการอบรมคุณธรรมจริยธรรมแก่บุคลากร", "โครงการอบรมคุณธรรมจริยธรรมแก่บุคลากร"),
    ("มาตรการดำเนินโครงการโรงเรียนสุจริต", "โครงการโรงเรียนสุจริต"),
    ("มาตรการดำเนินการโครงการตำบลโปร่งใส", "โครงการตำบลโปร่งใส"),
    ("มาตรการจัดให้มีกิจกรรมรับฟังความคิดเห็นของประชาชน", "กิจกรรมรับฟังความคิดเห็นของประชาชน"),
    ("มาตรการ จัดกิจกรรมรณรงค์ไม่รับของขวัญ", "กิจกรรมรณรงค์ไม่รับของขวัญ"),
    ("มาตรการโครงการเสียงตามสาย", "โครงการเสียงตามสาย"),
    # a title the officer typed that is no measure's name ("มาตรการ…" left out): their words, kept as typed
    ("จัดกิจกรรมวันต่อต้านคอร์รัปชันสากล", "จัดกิจกรรมวันต่อต้านคอร์รัปชันสากล"),
    # a verb that does not hold a กิจกรรม/โครงการ: named as before
    ("มาตรการติดตั้งระบบ GPS รถยนต์ส่วนกลางและบันทึกการใช้รถ", "กิจกรรมติดตั้งระบบ GPS รถยนต์ส่วนกลางและบันทึกการใช้รถ"),
    ("มาตรการจัดซื้อจัดจ้างอย่างโปร่งใสและป้องกันการเอื้อประโยชน์", "กิจกรรมจัดซื้อจัดจ้างอย่างโปร่งใสและป้องกันการเอื้อประโยชน์"),
    ("มาตรการจัดทำและรายงานผลแผนปฏิบัติการป้องกันการทุจริต", "กิจกรรมจัดทำและรายงานผลแผนปฏิบัติการป้องกันการทุจริต"),
    ("มาตรการส่งเสริมกิจกรรมจิตอาสา", "กิจกรรมส่งเสริมกิจกรรมจิตอาสา"),
    # the seeds' imported titles that are not a measure's stand as they are
    ("โครงการรถยนต์ส่วนกลางโปร่งใส", "โครงการรถยนต์ส่วนกลางโปร่งใส"),
    ("กิจกรรมการใช้บัตรคิวในการติดต่อราชการ", "กิจกรรมการใช้บัตรคิวในการติดต่อราชการ"),
    ("แนวทางปฏิบัติเกี่ยวกับการใช้ทรัพย์สินของราชการ", "แนวทางปฏิบัติเกี่ยวกับการใช้ทรัพย์สินของราชการ"),
    ("ประสิทธิภาพการสื่อสาร", "ประสิทธิภาพการสื่อสาร"),
]


@pytest.fixture(scope="module")
def texts() -> Texts:
    return Texts(Session(use_workspace=False).catalogue)


@pytest.mark.parametrize(("title", "name"), NAMES)
def test_a_title_becomes_a_project_name(texts: Texts, title: str, name: str) -> None:
    assert card_name({"title": title, "project": {}}, texts) == name


def test_every_catalogue_title_reads_as_one_project_name(texts: Texts) -> None:
    """Named from its title alone (an office that copies one without its project name), every built-in measure's card
    names one kind of project, once."""
    for rec in texts.catalogue.recommendations.values():
        name = card_name({"title": rec.title, "project": {}}, texts)
        assert not any(name.count(kind) > 1 and f"จัด{kind}" in name for kind in ("กิจกรรม", "โครงการ")), name
        if rec.title.startswith("มาตรการ"):
            assert name.startswith(("กิจกรรม", "โครงการ")), name
