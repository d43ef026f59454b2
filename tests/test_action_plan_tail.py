"""The action-plan table's note and legend stay on the page of the table's last rows, in the PDF and in the Word
file as Word keeps them (an auditor's trial: both fell alone on a page after the table)."""

from __future__ import annotations

import copy
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT
from itaplan.app.session import Session
from itaplan.content.texts import Texts
from itaplan.render.dispatch import render

SETUP = Session(engine="pure")
PLAN = SETUP.plan(SETUP.scorecard(ROOT / "examples" / "example.yaml"))
LONGER = " และติดตามผลการดำเนินงานอย่างต่อเนื่องทุกไตรมาส"


def longer_names(k: int) -> dict:
    """The plan with k more lines in the action-plan table: its projects' names made longer, one after another, so
    that the table ends at one height of its page after another."""
    plan = copy.deepcopy(PLAN)
    named = [m for m in plan["measures"] if (m.get("project") or {}).get("name")]
    for i in range(k):
        named[i % len(named)]["project"]["name"] += LONGER
    return plan


def legend_pages(pdf: Path) -> list[str]:
    """The text of each page that holds the legend's heading."""
    heading = Texts(SETUP.catalogue)("h_dimensions")
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [page for page in out.split("\f") if heading in page]


def with_the_tables_rows(page: str) -> bool:
    """Whether a page shows rows of the action-plan table (its header repeats on every page of it) and the note
    and the legend's last line."""
    return "ผู้รับผิดชอบ" in page and "ไตรมาส" in page and "มิติที่ ๔" in page


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler not installed")
def test_the_pdf_keeps_the_note_and_legend_with_the_tables_last_rows(tmp_path: Path) -> None:
    """The table ended at the foot of a page (one to seven lines longer than the example's): the note and legend
    were a page of their own."""
    for k in range(0, 10):
        path = tmp_path / f"k{k}.pdf"
        path.write_bytes(render(longer_names(k), "pdf", catalogue=SETUP.catalogue, cards=True))
        pages = legend_pages(path)
        assert len(pages) == 1 and with_the_tables_rows(pages[0]), (k, pages)


def test_the_word_file_keeps_the_note_and_legend_with_the_tables_last_rows() -> None:
    """In Word, every paragraph of the table's last two rows and of the lines after it but the last is kept with the
    next: the note and legend go to a new page with those rows. (A row holding them and the rows as a table of its
    own in a merged cell kept them together in LibreOffice too, but drew the columns' lines out of step between the
    rows: a newcomer saw it in the action plan he would have posted. LibreOffice keeps no row with the paragraph after
    it, so there the legend can still start a page.)"""
    from docx import Document
    from docx.oxml.ns import qn

    doc = Document(io.BytesIO(render(PLAN, "docx", catalogue=SETUP.catalogue, cards=True)))
    heading = Texts(SETUP.catalogue)("h_dimensions")
    body = list(doc.element.body.iterchildren())
    legend = next(i for i, el in enumerate(body) if el.tag == qn("w:p") and heading in "".join(el.itertext()))
    table = next(el for el in reversed(body[:legend]) if el.tag == qn("w:tbl"))
    assert not table.findall(f".//{qn('w:tc')}//{qn('w:tbl')}"), "a table inside a cell: its lines out of step"

    def kept(p) -> bool:
        ppr = p.find(qn("w:pPr"))
        return ppr is not None and ppr.find(qn("w:keepNext")) is not None

    for row in table.findall(qn("w:tr"))[-2:]:
        assert all(kept(p) for p in row.iter(qn("w:p")))
    after = [el for el in body[body.index(table) + 1:] if el.tag == qn("w:p")]
    last = next(i for i, p in enumerate(after) if "มิติที่ ๔" in "".join(p.itertext()))
    assert all(kept(p) for p in after[:last]), [("".join(p.itertext()), kept(p)) for p in after[:last]]
