"""The second attack's hostile Word files, PDFs and workbooks (issue 29, items 5, 6 and 13): each ends in a located
error with exit status 2, or is read, within seconds and bounded memory — never exit 70, never a hang."""

from __future__ import annotations

import random
import re
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from itaplan.cli import main

MAIN = "word/document.xml"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def word_file(path: Path, edit: Callable[[str], str] = lambda xml: xml, main_part: str = MAIN) -> Path:
    """A small results document (a year, a table of two scores) with its document.xml edited, and the main part
    stored under another name if asked (the package's relationships and content types follow it)."""
    from docx import Document

    plain = path.with_name("plain-" + path.name)
    doc = Document()
    doc.add_paragraph("ปีงบประมาณ 2568")
    table = doc.add_table(rows=2, cols=2)
    for row, (code, score) in enumerate([("i1", "80"), ("i2", "90")]):
        table.cell(row, 0).text, table.cell(row, 1).text = code, score
    doc.save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data, name = source.read(item.filename), item.filename
            if name == MAIN:
                data, name = edit(data.decode("utf-8")).encode("utf-8"), main_part
            elif main_part != MAIN and name in ("[Content_Types].xml", "word/_rels/document.xml.rels", "_rels/.rels"):
                data = data.replace(MAIN.encode(), main_part.encode())
            target.writestr(name, data)
    plain.unlink()
    return path


def first_cell(extra: str) -> Callable[[str], str]:
    return lambda xml: xml.replace("<w:tc><w:tcPr>", f"<w:tc><w:tcPr>{extra}", 1)


def merge_chain(rows: int) -> Callable[[str], str]:
    top = '<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr>'
    below = '<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr>'
    return lambda xml: xml.replace("<w:tr>", top + below * rows + "<w:tr>", 1)


def test_a_merge_continued_in_the_first_row_is_read(tmp_path: Path) -> None:
    """A vertical merge marked 'continue' in a table's first row ended in exit 70 (python-docx looks for a row
    above); the cell keeps its own text, as Word shows it."""
    path = word_file(tmp_path / "first.docx", first_cell("<w:vMerge/>"))
    result = run("score", str(path), "--format", "json")
    assert result.exit_code == 0, result.output
    assert '"total"' in result.stdout


def test_a_long_merge_chain_is_read_without_recursion(tmp_path: Path) -> None:
    """A 3,000-row merge chain: RecursionError after 70 s. Now read in one pass; each row repeats the top cell's
    text as python-docx gave it."""
    from itaplan.base.documents import read_document

    path = word_file(tmp_path / "chain.docx", merge_chain(3000))
    started = time.monotonic()
    doc = read_document(path)
    assert time.monotonic() - started < 10
    assert doc.tables[0][:3] == [["x"], ["x"], ["x"]] and doc.tables[0][-1] == ["i2", "90"]
    assert run("score", str(path)).exit_code == 0


def test_a_cell_spanning_a_billion_columns_is_refused_where_it_is(tmp_path: Path) -> None:
    """gridSpan 10^9 on one cell wanted 8 GB (python-docx repeats the cell once per column it spans)."""
    path = word_file(tmp_path / "span.docx", first_cell('<w:gridSpan w:val="1000000000"/>'))
    result = run("score", str(path))
    assert result.exit_code == 2, result.output
    assert "span.docx (table 1 row 1): the cells of this row span more than 64 columns" in result.stderr


def _many_paragraphs(xml: str) -> str:
    rng = random.Random(1)  # text that packs about four times, as real text does: no ratio check catches it
    return xml.replace("<w:body>", "<w:body>" + "".join(f"<w:p><w:r><w:t>{rng.getrandbits(64):x}</w:t></w:r></w:p>"
                                                        for _ in range(300_000)), 1)


@pytest.mark.parametrize("main_part", [MAIN, "word/document.bin"])
def test_a_large_main_part_is_refused_whatever_its_name(tmp_path: Path, main_part: str) -> None:
    """The size of each XML part was checked by its name: document.xml renamed document.bin was parsed whole.
    Now every part that holds XML is measured by its unpacked size."""
    path = word_file(tmp_path / "big.docx", _many_paragraphs, main_part)
    result = run("score", str(path))
    assert result.exit_code == 2, result.output
    assert f"big.docx: part {main_part} would unpack to 14 MB of text (more than 10 MB)" in result.stderr


def test_a_renamed_main_part_of_normal_size_is_read(tmp_path: Path) -> None:
    path = word_file(tmp_path / "renamed.docx", main_part="word/document.bin")
    assert run("score", str(path)).exit_code == 0


def test_a_dtd_in_a_part_named_as_a_picture_is_refused(tmp_path: Path) -> None:
    """The DTD check also looked only at parts named .xml/.rels/.vml."""
    path = word_file(tmp_path / "dtd.docx", lambda xml: re.sub(r"^(<\?xml[^>]*\?>)", r'\1<!DOCTYPE x [<!ENTITY a "b">]>',
                                                                  xml), "word/media/image1.png")
    result = run("score", str(path))
    assert result.exit_code == 2 and "part word/media/image1.png declares a DTD" in result.stderr, result.output
