"""Text from input files made harmless in each output: no formulas, no raw HTML, no characters XML forbids.

Agency names, progress notes and officers' texts reach spreadsheets, Word, Markdown and HTML. A cell
starting with ``=``, ``+``, ``-`` or ``@`` is a live formula in Excel and LibreOffice (CSV and XLSX
alike); ``<script>`` in an agency name is HTML in a Markdown viewer; a vertical tab makes the XLSX and
DOCX writers fail. Each renderer applies the one function its format needs.
"""

from __future__ import annotations

import re
from html import escape
from string import Formatter
from typing import Any, Callable

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?[0-9๐-๙]+([.,][0-9๐-๙]+)*%?")
# characters XML 1.0 does not allow (python-docx and openpyxl refuse them): C0 controls but tab, newline
# and carriage return; the surrogates; U+FFFE and U+FFFF
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    return _XML_ILLEGAL.sub("", text)


def deep(data: Any, fn: Callable[[str], str]) -> Any:
    """A copy of plain data (dicts, lists) with ``fn`` applied to every string, keys included."""
    if isinstance(data, str):
        return fn(data)
    if isinstance(data, dict):
        return {deep(k, fn) if isinstance(k, str) else k: deep(v, fn) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [deep(v, fn) for v in data]
    return data


def is_formula_like(value: Any) -> bool:
    """A text a spreadsheet would take as a formula (a plain signed number such as -3.40 is not one)."""
    return isinstance(value, str) and value.startswith(FORMULA_START) and not _NUMBER.fullmatch(value)


def csv_cell(value: Any) -> Any:
    """A CSV cell that no spreadsheet runs: a leading apostrophe, as OWASP recommends, before formula-like text."""
    return "'" + value if is_formula_like(value) else value


def sheet_row(ws: Any, values: list[Any]) -> None:
    """Every row any sheet of itaplan's is given, through this one function: appended, then any cell openpyxl took
    as a formula (a text beginning with '=' from an agency's name, a title or a note) stored as the text it is, so
    no spreadsheet ever runs it (title rows above the table included)."""
    ws.append(values)
    for cell in ws[ws.max_row]:
        if cell.data_type == "f":
            cell.data_type = "s"


def markdown_text(text: str) -> str:
    """Text from a plan as Markdown shows it, never as markup: raw HTML escaped (``<script>`` becomes
    ``&lt;script&gt;``), and square brackets escaped so that no link or image (``[x](http://…)``, ``![x](…)``) is
    made of an agency's name or an officer's note."""
    return escape(text, quote=False).replace("[", "\\[").replace("]", "\\]")


def markdown_template(template: str) -> str:
    """A workspace's text with its own words escaped as ``markdown_text`` escapes a plan's, its ``{fields}`` kept
    (the values put in them come from the plan, escaped already)."""
    out = []
    for literal, name, spec, conversion in Formatter().parse(template):
        out.append(markdown_text(literal).replace("{", "{{").replace("}", "}}"))
        if name is not None:
            out.append("{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}")
    return "".join(out)


class MarkdownCatalogue:
    """A catalogue whose texts (settings.yaml's wording, which a workspace may change) come out escaped for
    Markdown: a link or an image in a heading or a sentence stays text. Everything else is the catalogue's own."""

    def __init__(self, catalogue: Any) -> None:
        self._catalogue = catalogue

    def text(self, key: str) -> str:
        return markdown_template(self._catalogue.text(key))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._catalogue, name)
