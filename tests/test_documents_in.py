"""Issue 13: results read from PDF and Word files score the same as the text they were made from."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from itaplan.base.errors import InputError
from itaplan.cli import main
from itaplan.ita.loader import load_results
from itaplan.ita.scoring import score

SEED = Path(__file__).parent / "data" / "seed000_fy2568.txt"


def make_pdf(lines: list[str], path: Path, text: bool = True) -> None:
    """A PDF with a text layer (Sarabun, TrueType embedded), or a 'scan' with only a picture."""
    import matplotlib

    matplotlib.use("pdf")
    import fontpkg_sarabun
    import matplotlib.pyplot as plt
    from matplotlib import font_manager
    from matplotlib.backends.backend_pdf import PdfPages

    font_manager.fontManager.addfont(str(Path(fontpkg_sarabun.__file__).parent / "files" / "Sarabun-Regular.ttf"))
    with matplotlib.rc_context({"pdf.fonttype": 42, "font.family": "Sarabun"}), PdfPages(path) as pdf:
        for start in range(0, max(len(lines), 1), 40):
            fig = plt.figure(figsize=(11.69, 8.27))
            if text:
                for i, line in enumerate(lines[start:start + 40]):
                    fig.text(0.03, 0.97 - i * 0.024, line.replace("\t", "    "), fontsize=5.5)
            else:
                fig.figimage([[0.2, 0.8], [0.8, 0.2]], resize=False)
            pdf.savefig(fig)
            plt.close(fig)


def make_docx(lines: list[str], path: Path) -> None:
    """Paragraphs for the headings, a Word table for each run of tab-separated lines (as officers lay them out)."""
    from docx import Document

    doc = Document()
    table = None
    for line in lines:
        if "\t" in line:
            cells = line.split("\t")
            if table is None:
                table = doc.add_table(rows=0, cols=3)
            row = table.add_row().cells
            for i, cell in enumerate(cells[:3]):
                row[i].text = cell
        else:
            table = None
            doc.add_paragraph(line)
    doc.save(path)


def figures(path: Path) -> dict:
    card = score(load_results(path))
    return {"total": card.total, "tools": card.tools,
            "questions": {c: q.score for c, q in card.questions.items()}, "agency": card.agency.name}


def test_pdf_and_docx_of_seed000_score_as_its_text(tmp_path: Path) -> None:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    make_pdf(lines, tmp_path / "seed.pdf")
    make_docx(lines, tmp_path / "seed.docx")
    want = figures(SEED)
    assert len(want["questions"]) == 52
    assert figures(tmp_path / "seed.docx") == want
    got = figures(tmp_path / "seed.pdf")
    assert got["total"] == want["total"] and got["tools"] == want["tools"] and got["questions"] == want["questions"]
    result = CliRunner().invoke(main, ["score", str(tmp_path / "seed.pdf"), "--format", "json"])
    assert result.exit_code == 0 and '"total": 97.45' in result.stdout


def test_scanned_pdf_is_a_clear_error(tmp_path: Path) -> None:
    make_pdf(["x"], tmp_path / "scan.pdf", text=False)
    result = CliRunner().invoke(main, ["draft", str(tmp_path / "scan.pdf"), "-o", str(tmp_path / "plan.yaml")])
    assert result.exit_code == 2 and "no text layer" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "plan.yaml").exists()


def test_broken_pdf_and_docx_are_located_errors(tmp_path: Path) -> None:
    for name in ("bad.pdf", "bad.docx"):
        (tmp_path / name).write_bytes(b"not really a document")
        with pytest.raises(InputError) as err:
            load_results(tmp_path / name)
        assert name in str(err.value)


def test_problems_in_a_docx_name_the_table_row(tmp_path: Path) -> None:
    make_docx(["ปีงบประมาณ พ.ศ. 2568", "i1\tข้อ\t88.71", "o10\tE-Service"], tmp_path / "r.docx")
    res = load_results(tmp_path / "r.docx")
    assert [str(w).split(": ")[0] for w in res.warnings] == [f"{tmp_path / 'r.docx'} (table 1 row 2)"]
