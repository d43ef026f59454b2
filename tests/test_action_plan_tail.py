"""The action-plan table's note and legend stay on the page of the table's last rows, in the PDF and in the Word
file as LibreOffice lays it out (an auditor's trial: both fell alone on a page after the table)."""

from __future__ import annotations

import copy
import os
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


@pytest.mark.slow
def test_the_word_file_keeps_the_note_and_legend_with_the_tables_last_rows(tmp_path: Path) -> None:
    """LibreOffice keeps no table row with the paragraph after it by keep-with-next: the legend fell on a page of
    its own. The last rows and the legend now go as one row that cannot split, under the repeated header."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice or not shutil.which("pdftotext"):
        if os.environ.get("CI"):
            pytest.fail("CI must have LibreOffice and poppler (see .ci/run)")
        pytest.skip("LibreOffice or poppler not installed")
    names = []
    for k in (0, 4, 8, 12):
        path = tmp_path / f"k{k}.docx"
        path.write_bytes(render(longer_names(k), "docx", catalogue=SETUP.catalogue, cards=True))
        names.append(str(path))
    done = subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
                           "--convert-to", "pdf", "--outdir", str(tmp_path), *names],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    for name in names:
        pages = legend_pages(Path(name.replace(".docx", ".pdf")))
        assert len(pages) == 1 and with_the_tables_rows(pages[0]), (name, pages)
