"""The report's sign-off as the plan's: a newcomer saw the report's two signers spread over two wide columns while the
plan's three sign in three, and the report's last page hold one line of a suggestion with the signatures. Now the
report's two sign in the plan's outer columns (the middle one empty), in Word and in the PDF, and the paragraph before
the signatures goes with them whole (keep with next and keep together in Word; sticky and unbreakable in Typst)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph
from itaplan.app.session import Session
from itaplan.cli import main
from itaplan.content.texts import Texts
from itaplan.drafting.plan import load_plan
from itaplan.followup.report import build_report
from itaplan.render.docx import WordWriter, render_docx
from itaplan.render.layout import write_report
from itaplan.render.pdf import TypstWriter

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> dict:
    path = tmp_path_factory.mktemp("signoff") / "plan.yaml"
    assert CliRunner().invoke(main, ["-q", "draft", str(ROOT / "examples" / "example.yaml"), "-o", str(path)]).exit_code == 0
    return dict(load_plan(path))


def _signoff_table(doc: Document) -> Table:
    return doc.tables[-1]


def _signers(table: Table) -> list[str]:
    return [" ".join(p.text for p in cell.paragraphs).strip() for cell in table.rows[0].cells]


def test_the_reports_signers_sign_in_the_plans_columns_with_the_paragraph_before(plan: dict) -> None:
    t = Texts(Session().catalogue, thai_digits=True)
    plan_doc = Document(io.BytesIO(render_docx(plan, t)))
    w = WordWriter(t, "TH Sarabun New")
    write_report(w, build_report(plan, t), t)
    report_doc = Document(io.BytesIO(w.bytes()))
    planned, reported = _signers(_signoff_table(plan_doc)), _signers(_signoff_table(report_doc))
    assert len(planned) == len(reported) == 3  # the same columns
    assert "ผู้รายงาน" in reported[0] and reported[1] == "" and "ผู้รับทราบ" in reported[2]
    widths = [c.width for c in _signoff_table(plan_doc).rows[0].cells]
    assert [c.width for c in _signoff_table(report_doc).rows[0].cells] == widths
    before = _signoff_table(report_doc)._tbl.getprevious()  # the paragraph before the sign-off: whole, with it
    fmt = Paragraph(before, report_doc).paragraph_format
    assert fmt.keep_with_next and fmt.keep_together, before.xpath("string(.)")
    # the PDF: the same three columns, the paragraph before sticky and unbreakable
    typst = TypstWriter(t, "TH Sarabun New")
    write_report(typst, build_report(plan, t), t)
    assert "#grid(columns: (1fr, 1fr, 1fr)" in typst.out[-1] and ", []," in typst.out[-1]
    assert "sticky: true, breakable: false" in typst.out[-2]
