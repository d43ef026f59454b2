"""Text out of the documents officers hold — a PDF (the ITAS report, a published analysis) or a Word file —
as numbered lines, each with where it came from (page and line, paragraph, table row), for the same
parsers that read pasted text.

PDF: read by ``pdfread`` (pypdf, its work bounded, fonts' text maps completed); a PDF without a text layer
(a scan) is an error that says so. Word: python-docx, paragraphs and table rows in document order, the
cells of a row joined by tabs (a merged cell counted once). A Word file is a zip of XML: it is checked as an
.xlsx is (``zippackage``: bounded unpacked size and packing ratio, each XML part at most MAX_DOCX_XML, no DTD),
and at most MAX_LINES lines and MAX_CELLS table cells are read; a results document has a few thousand lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from itaplan.base.errors import InputError, Problem
from itaplan.base.pdfread import pdf_pages
from itaplan.base.yamlio import read_text
from itaplan.base.zippackage import WORD, check_package

DOCUMENT_SUFFIXES = (".pdf", ".docx")
HTML_SUFFIXES = (".html", ".htm")
MAX_HTML_BYTES = 20 * 1024 * 1024  # our own plan with its chart and embedded font: about 0.3 MB
MAX_DOCX_XML = 10 * 1024 * 1024  # document.xml of our own 50-measure plan with project cards: about 2 MB
MAX_LINES = 20_000  # paragraphs and table rows of a Word file (the ITAS report: a few hundred)
MAX_CELLS = 20_000
MAX_GRID = 64  # columns a table row may span (Word allows 63)


@dataclass
class Document:
    source: str
    lines: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)  # where each line came from, e.g. "page 2 line 14"
    tables: list[list[list[str]]] = field(default_factory=list)  # Word tables: rows of cell texts

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def add(self, line: str, place: str) -> None:
        for part in line.replace("\r", "\n").split("\n"):
            self.lines.append(part)
            self.places.append(place)

    def locate(self, problem: Problem) -> Problem:
        """A problem found on a line of the extracted text, pointed at its place in the document."""
        if problem.line is None or not 1 <= problem.line <= len(self.places):
            return problem
        return Problem(f"{self.source} ({self.places[problem.line - 1]})", problem.message, None, None, problem.what)


def read_document(path: str | Path) -> Document:
    p = Path(path)
    if not p.is_file():
        raise InputError(Problem(str(p), "no such file"))
    suffix = p.suffix.lower()
    if suffix == ".pdf":
        return _pdf(p)
    if suffix == ".docx":
        return _docx(p)
    if suffix in HTML_SUFFIXES:
        return _html(p)
    raise InputError(Problem(str(p), "is not a PDF, Word (.docx) or HTML file"))


_BLOCKS = {"p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "br", "table", "ul", "ol", "section",
           "article", "header", "footer", "blockquote", "pre", "dt", "dd", "caption", "title"}
_SKIPPED = {"script", "style", "svg", "head", "template", "noscript"}  # no text a reader sees


class _HtmlLines(HTMLParser):
    """An HTML page's visible text as ``lines``: one per block, a table row's cells joined by tabs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skipping = 0  # inside a script, style or drawing
        self.cells = 0  # cells of the table row being read (0: not in a row)

    def _end_line(self) -> None:
        cells = "".join(self.current).split("\t")
        line = "\t".join(" ".join(cell.split()) for cell in cells)  # whitespace (no-break spaces too) made single
        if line.strip():
            self.lines.append(line)
        self.current = []
        self.cells = 0

    def _block(self, tag: str) -> None:
        if self.cells and tag not in ("tr", "table"):
            self.current.append(" ")  # a paragraph or line break inside a cell: the row stays one line
        else:
            self._end_line()

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif self.skipping:
            return
        elif tag in ("td", "th"):
            if self.cells:
                self.current.append("\t")
            self.cells += 1
        elif tag in _BLOCKS:
            self._block(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif not self.skipping and tag in _BLOCKS:
            self._block(tag)

    def handle_startendtag(self, tag: str, attrs: Any) -> None:
        self.handle_starttag(tag, attrs)
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.current.append(data)


def html_lines(text: str) -> list[str]:
    """An HTML page's visible text as lines (``_HtmlLines``)."""
    parser = _HtmlLines()
    parser.feed(text)
    parser.close()
    parser._end_line()
    return parser.lines


def _html(path: Path) -> Document:
    """An HTML page's visible text as lines: a line per block (paragraph, heading, list item, table row), the
    cells of a row joined by tabs, as a Word file's rows are; scripts, styles and drawings (a chart) left out.
    Read by the standard library's parser, which accepts any HTML and never fetches anything."""
    if path.stat().st_size > MAX_HTML_BYTES:
        raise InputError(Problem(str(path), f"is larger than {MAX_HTML_BYTES // (1024 * 1024)} MB; an analysis "
                                            "page is far smaller, so it is refused"))

    text = read_text(path)

    lines = html_lines(text)
    if len(lines) > MAX_LINES:
        raise InputError(Problem(str(path), f"more than {MAX_LINES} lines; a document of ITA results has a few "
                                            "thousand at most, so it is refused"))
    doc = Document(str(path))
    for number, line in enumerate(lines, start=1):
        doc.add(line, f"line {number}")
    return doc


def _pdf(path: Path) -> Document:
    doc = Document(str(path))
    for number, text in pdf_pages(path):
        for line_no, line in enumerate(text.splitlines(), start=1):
            doc.add(line, f"page {number} line {line_no}")
    if not any(line.strip() for line in doc.lines):
        raise InputError(Problem(str(path), "has no text layer (a scanned image?): itaplan reads text, not pictures. "
                                            "Use the PDF downloaded from the ITAS system, run OCR on the scan, or "
                                            "type the scores into a .txt, .csv or .xlsx file"))
    return doc


def _docx(path: Path) -> Document:
    import zipfile

    from docx import Document as open_docx
    from docx.opc.exceptions import OpcError
    from docx.text.paragraph import Paragraph
    from lxml.etree import LxmlError

    check_package(path, WORD, max_xml_bytes=MAX_DOCX_XML)
    try:
        word = open_docx(str(path))
    except (zipfile.BadZipFile, OpcError, KeyError, ValueError, LxmlError, EOFError, zipfile.LargeZipFile) as exc:
        raise InputError(Problem(str(path), f"cannot be read as a Word .docx file ({exc.__class__.__name__}); "
                                            "save it again as .docx")) from None
    doc = Document(str(path))
    paragraph_no = table_no = 0
    cells = [0]  # table cells read so far
    for child in word.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph_no += 1
            doc.add(Paragraph(child, word).text, f"paragraph {paragraph_no}")
        elif tag == "tbl":
            table_no += 1
            rows = _table_rows(child, word, cells, path, table_no)
            doc.tables.append(rows)
            for row_no, row in enumerate(rows, start=1):
                # a cell of several paragraphs is one line here: the text parsers read a row as one line
                doc.add("\t".join(" ".join(c.split()) for c in row), f"table {table_no} row {row_no}")
        if len(doc.lines) > MAX_LINES:
            raise InputError(Problem(f"{path} ({doc.places[-1]})", f"more than {MAX_LINES} lines; a document of "
                                     "ITA results has a few thousand at most, so it is refused (split it, or paste "
                                     "the part with the scores)"))
    return doc


def _number(element: Any, name: str, default: int) -> int:
    """An integer attribute ``w:val`` of a child of ``element`` (a cell's gridSpan, a row's gridBefore)."""
    from docx.oxml.ns import qn

    child = element.find(qn(name)) if element is not None else None
    value = child.get(qn("w:val")) if child is not None else None
    try:
        return int(value) if value is not None else default
    except ValueError:
        return MAX_GRID + 1  # not a number: refused with the spans too wide below


def _table_rows(tbl: Any, word: Any, cells_read: list[int], path: Path, table_no: int) -> list[list[str]]:
    """The rows of a Word table, read from its XML in one pass: a cell spanning columns (gridSpan) is one cell, a
    cell continuing a vertical merge takes the text of the cell above it (as python-docx gives it), and a
    continuation in the first row (nothing above) keeps its own text. python-docx's own ``row.cells`` followed a
    merge chain by recursion (RecursionError at 3,000 rows), failed on a continuation in the first row, and
    built a list as long as a span (10^9 for one cell)."""
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    rows: list[list[str]] = []
    above: dict[int, str] = {}  # grid column -> the text of the cell that covers it in the row above
    for row_no, tr in enumerate(tbl.iterchildren(qn("w:tr")), start=1):
        where = f"{path} (table {table_no} row {row_no})"
        column = _number(tr.find(qn("w:trPr")), "w:gridBefore", 0)
        cells: list[str] = []
        here: dict[int, str] = {}
        for tc in tr.iterchildren(qn("w:tc")):
            tc_pr = tc.find(qn("w:tcPr"))
            span = max(1, _number(tc_pr, "w:gridSpan", 1))
            if column + span > MAX_GRID:
                raise InputError(Problem(where, f"the cells of this row span more than {MAX_GRID} columns (a Word "
                                         "table has at most 63); save the document again from Word"))
            merge = tc_pr.find(qn("w:vMerge")) if tc_pr is not None else None
            if merge is not None and merge.get(qn("w:val"), "continue") == "continue" and column in above:
                text = above[column]
            else:
                text = "\n".join(Paragraph(p, word).text for p in tc.iterchildren(qn("w:p"))).strip()
            for covered in range(column, column + span):
                here[covered] = text
            column += span
            cells.append(text)
            cells_read[0] += 1
            if cells_read[0] > MAX_CELLS:
                raise InputError(Problem(where, f"more than {MAX_CELLS} table cells; a document of ITA results has "
                                         "a few thousand at most, so it is refused (split it, or paste the part "
                                         "with the scores)"))
        above = here
        rows.append(cells)
        if len(rows) > MAX_LINES:
            raise InputError(Problem(where, f"more than {MAX_LINES} lines; a document of ITA results has a few "
                                     "thousand at most, so it is refused (split it, or paste the part with the "
                                     "scores)"))
    return rows
