"""The plan, the report on its measures and the project cards as PDF, typeset by Typst (no office suite).

The document is built as Typst source from the same section model as the other renderers (common.py),
and compiled in-process by the ``typst`` Python binding. No text from a plan, an agency profile or a
progress note is ever written into the source as markup: every text is a Typst *string literal*
(:func:`lit`), which Typst shows as plain text, so ``#``, ``*``, ``[``, ``$``, ``<`` or ``@`` in an
agency's name appear as they are and never run as code.

Font: the Sarabun family ships with the package (``fontpkg-sarabun``, OFL) and is passed to Typst as a
font folder; the font asked for (``--font``, default "TH Sarabun New") is used instead when it is
installed. Google's Sarabun draws about 1.5 times larger than TH Sarabun New at the same point size
(notes/THAI_DOCUMENTS.md §2.5), so sizes are given in TH-Sarabun-New points and scaled for Sarabun: the
pages look like the Word file's. Typst breaks Thai lines between words with its own dictionary
(``lang: "th"``) and embeds the font subset. That dictionary splits words it does not know into ones it does
(หน่วยตรวจสอบภาย|ใน, คอร์|รัปชัน, ราย|การ), which shows in narrow table cells: there each word, as
base/thaiwords.py finds them, is set in a box Typst never breaks, the lines breaking only between words.
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from itaplan.base.thaiwords import glued, words
from itaplan.content.texts import Texts
from itaplan.drafting.model import Plan
from itaplan.render.common import Signer, signoff_lines, title_units
from itaplan.render.layout import TailLine, signoff_slots, write_plan, write_report
from itaplan.render.pdftext import fix_mark_text

BUNDLED_FAMILY = "Sarabun"
SARABUN_SCALE = 0.665  # Google Sarabun at 0.665 x the size matches TH Sarabun New's x-height (TLWG's 150.42 %)
PORTRAIT_WIDTH_CM = 16.0  # A4 less 3 cm and 2 cm
LANDSCAPE_WIDTH_CM = 24.7
# rows never split across pages, unless a row is estimated taller than this share of the page's text
# height: an unbreakable row taller than a page would run off its bottom (Typst does not shrink it)
SPLIT_ROW_SHARE = 0.7
# the last lines before a new section (the landscape measures table) never sit alone on a page: the paragraphs that
# end a section are kept together until they hold at least this many lines (a page held only the analysis's last
# bullet, user trial)
CLOSING_LINES = 2  # lines of text the sign-off block keeps on its page, at the least (the paragraphs before it)
TAIL_LINES = 4
WHOLE_ROWS = 8  # a table asked to stay whole does so up to this many rows (a longer one would leave a page's hole)
CM = 72 / 2.54
WEIGHT = {True: '"bold"', False: '"regular"'}


def lit(text: Any) -> str:
    """``text`` as a Typst string literal: shown as plain text wherever it is placed, never as markup."""
    out = ['"']
    for ch in str(text):
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or 0xD800 <= ord(ch) <= 0xDFFF or ord(ch) == 0x7F:
            out.append("" if 0xD800 <= ord(ch) <= 0xDFFF else f"\\u{{{ord(ch):x}}}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def font_folder() -> Path | None:
    """The folder of the Sarabun files installed with the package (fontpkg-sarabun)."""
    try:
        import fontpkg_sarabun  # type: ignore[import-not-found]
    except ImportError:  # pragma: no cover - it is a dependency
        return None
    folder = Path(fontpkg_sarabun.__file__).resolve().parent / "files"
    return folder if folder.is_dir() else None


@functools.lru_cache(maxsize=8)
def _fonts(folder: str | None) -> Any:
    """typst's fonts (the system's and the bundled Sarabun), found once: each compile used to look for them again."""
    import typst

    return typst.Fonts(include_system_fonts=True, font_paths=[folder] if folder else [])


@functools.lru_cache(maxsize=8)
def _families(folder: str | None) -> frozenset[str]:
    return frozenset(_fonts(folder).families())


def choose_font(wanted: str) -> tuple[str, float]:
    """The family to set and the factor for its sizes: the wanted font when installed, else Sarabun."""
    folder = font_folder()
    families = _families(str(folder) if folder else None)
    if wanted in families and wanted != BUNDLED_FAMILY:
        return wanted, 1.0
    for name in ("TH Sarabun New", "TH SarabunPSK"):
        if wanted.startswith("TH Sarabun") and name in families:
            return name, 1.0
    return BUNDLED_FAMILY, SARABUN_SCALE


def _cell_height(value: str | list[str], width_cm: float, size_pt: float) -> float:
    """A generous estimate of a table cell's height in points: its lines wrapped at an average Thai
    advance of 0.6 em (combining vowels and tone marks take no width)."""
    import math
    import unicodedata

    per_line = max(1.0, (width_cm - 0.24) * CM / (0.6 * size_pt))
    lines = 0
    for line in value if isinstance(value, list) else [value]:
        visible = sum(1 for ch in line or "" if not unicodedata.combining(ch) and unicodedata.category(ch) != "Mn")
        lines += max(1, math.ceil(visible / per_line))
    return lines * size_pt * 1.4 + 0.2 * CM


@dataclass(frozen=True)
class TableArgs:
    """A table as ``TypstWriter.table`` was asked for it: written again, with the closing that follows it."""

    header: Sequence[str | list[str]]
    rows: Sequence[Sequence[str | list[str]]]
    widths_cm: list[float]
    size: float
    align_right: set[int] | None
    center: set[int] | None
    keep_end_with_next: bool
    split_rows: bool
    whole: bool
    tail: Sequence[TailLine]


def row_end(row: Sequence[str | list[str]], widths_cm: list[float], size_pt: float) -> tuple[list, list]:
    """A row as its head and its end: the last line of its tallest cell of two lines or more (a method's last
    step) moved to the end, the other cells whole in the head; no end (``[]``) when no cell has two lines."""
    heights = [(_cell_height(v, w, size_pt), i) for i, (v, w) in enumerate(zip(row, widths_cm))
               if isinstance(v, list) and len([line for line in v if line]) >= 2]
    if not heights:
        return list(row), []
    _, tallest = max(heights)
    value = row[tallest]
    assert isinstance(value, list)
    head: list[str | list[str]] = list(row)
    end: list[str | list[str]] = [""] * len(row)
    head[tallest], end[tallest] = value[:-1], value[-1:]
    return head, end


def _visible(text: str) -> int:
    import unicodedata

    return sum(1 for ch in text if unicodedata.category(ch) != "Mn")


def cell_text(line: str, width_cm: float, size_pt: float) -> str:
    """A table cell's line as Typst markup that breaks only between Thai words: each word (with the brackets and
    punctuation glued to it) in an unbreakable box, unless it is wider than the cell (then Typst may cut it)."""
    if line.isascii() or not line.strip():
        return f"#{lit(line)}"
    room = (width_cm - 0.24) * CM / (0.6 * size_pt)  # characters a line holds, as _cell_height estimates
    out = []
    for token in glued(words(line)):
        thai = any("\u0e00" <= ch <= "\u0e7f" for ch in token)
        out.append(f"#box({lit(token)})" if thai and not token.isspace() and _visible(token) <= room
                   else f"#{lit(token)}")
    return "".join(out)


def title_text(line: str, width_cm: float, size_pt: float) -> str:
    """A title line as Typst markup that breaks only between phrases: each known phrase (common.TITLE_PHRASES) and each
    other word in an unbreakable box, unless it is wider than the line."""
    room = width_cm * CM / (0.6 * size_pt)
    units = title_units(line)
    return "".join(f"#box({lit(unit)})" if not unit.isspace() and _visible(unit) <= room else f"#{lit(unit)}"
                   for unit in units) or "#none"


def _cm(value: float) -> str:
    return f"{value:.2f}cm"


class TypstWriter:
    """Builds Typst source with the same small vocabulary as the Word writer: paragraphs, headings,
    tables, landscape and portrait pages, page breaks."""

    def __init__(self, t: Texts, font: str):
        self.t = t
        self.family, self.scale = choose_font(font)
        self.out: list[str] = []
        self.lines: dict[int, int] = {}  # a paragraph's block (its index in out): its estimated lines
        self.last_table: tuple[int, TableArgs] | None = None  # the last table's block (its index in out), as asked
        self.landscape = False
        digits = '("๐","๑","๒","๓","๔","๕","๖","๗","๘","๙")'
        number = ('n => { let s = str(n); s.replace(regex("[0-9]"), m => ' + digits + '.at(int(m.text))) }'
                  if t.thai_digits else "n => str(n)")
        self.out += [
            "",  # the document's properties (``properties``)
            f"#let pagenum = {number}",
            '#set page(paper: "a4", margin: (left: 3cm, right: 2cm, top: 2.5cm, bottom: 2cm), '
            # no number on the cover (the first page), as officers' documents have none there
            'header-ascent: 40%, header: context { let n = counter(page).get().first(); if n > 1 '
            '{ align(center, text(size: ' + self.pt(16) + ', pagenum(n))) } })',
            f"#set text(font: ({lit(self.family)}, {lit(BUNDLED_FAMILY)}), lang: \"th\", region: \"TH\", "
            f"size: {self.pt(16)}, top-edge: \"ascender\", bottom-edge: \"descender\", hyphenate: false)",
            # justified Thai lines get their slack from letter spacing as well as from the few spaces
            # (like Word's Thai distributed alignment), not from wide gaps at the spaces alone
            "#set par(leading: 0.25em, spacing: 0.25em, justify: false, "
            "justification-limits: (tracking: (min: -0.01em, max: 0.06em)))",
            "#set heading(numbering: none)",
            f"#show heading: it => block(above: 0.9em, below: 0.45em, sticky: true, "
            f"text(size: {self.pt(16)}, weight: \"bold\", it.body))",
            "#set table(stroke: 0.5pt, inset: (x: 0.12cm, y: 0.1cm))",
            "#show table.cell.where(y: 0): set text(weight: \"bold\")",
        ]

    def properties(self, title: str, author: str, subject: str, keywords: Sequence[str] = ()) -> None:
        self.out[0] = (f"#set document(title: {lit(title)}, author: {lit(author)}, description: {lit(subject)}, "
                       f"keywords: ({''.join(lit(k) + ',' for k in keywords)}), date: auto)")

    def pt(self, size: float) -> str:
        return f"{size * self.scale:.2f}pt"

    # -- text ---------------------------------------------------------------------------------------
    def para(self, text: str = "", *, bold: bool = False, size: float | None = None, align: str | None = None,
             indent_cm: float = 0, first_line_cm: float = 0, space_before: float = 0,
             runs: list[tuple[str, bool]] | None = None, keep_with_next: bool = False,
             markup: str | None = None) -> None:
        """A paragraph of plain text (``text``, or ``runs`` of it, each bold or not); ``markup``: the body as made by
        this module (title_text), set bold or not as a whole."""
        size = 16 if size is None else size
        if not text and runs is None and space_before:  # a spacer: kept at the top of a page too (a cover)
            self.out.append(f"#v({space_before * self.scale:.1f}pt)")
            return
        parts = runs if runs is not None else [(text, bold)]
        body = "".join(f"#text(weight: {WEIGHT[b]}, {lit(s)})" for s, b in parts if s)
        if markup is not None:
            body = f"#text(weight: {WEIGHT[bold]})[{markup}]"
        if not body:
            body = "#none"
        justify = "true" if align == "thai" else "false"
        para = f"#par(justify: {justify}, first-line-indent: (amount: {_cm(first_line_cm)}, all: true))[{body}]" \
            if first_line_cm > 0 else f"#par(justify: {justify})[{body}]"
        if first_line_cm < 0:  # a hanging indent
            para = f"#par(justify: {justify}, hanging-indent: {_cm(-first_line_cm)})[{body}]"
        sticky = ", sticky: true" if keep_with_next else ""
        block = f"#block(above: {space_before * self.scale:.1f}pt + 0.25em, below: 0.25em, " \
                f"inset: (left: {_cm(indent_cm)}){sticky})" \
                f"[#set text(size: {self.pt(size)})\n{para}]"
        if align == "center":
            block = f"#align(center)[{block}]"
        width = (LANDSCAPE_WIDTH_CM if self.landscape else PORTRAIT_WIDTH_CM) - indent_cm - max(first_line_cm, 0)
        self.lines[len(self.out)] = -(-_visible("".join(s for s, _ in parts)) //
                                      max(1, int(width * CM / (0.5 * size * self.scale))))
        self.out.append(block)

    def heading(self, text: str, level: int = 1, size: float = 16) -> None:
        """A section's heading (level 1) or a subsection's (2): one level below the title's in the outline."""
        self.out.append(f"#heading(level: {level + 1}, outlined: true, bookmarked: true)"
                        f"[#text(size: {self.pt(size)}, {lit(text)})]")

    def labelled(self, label: str, value: str, *, space_before: float = 0, size: float | None = None) -> None:
        self.para(runs=[(label, True), (value, False)], space_before=space_before, size=size)

    def card_heading(self, text: str) -> None:
        self.out.append(f"#align(center, heading(level: 2, outlined: true, bookmarked: true)"
                        f"[#text(size: {self.pt(18)}, {lit(text)})])")

    def signoff(self, roles: list[Signer], agency: str = "") -> None:
        """The sign-off block: for each role, the signature line, the name in brackets and the position. The block
        stays on one page, with the paragraph before it (the closing "จึงเสนอ…พิจารณาอนุมัติ"): never a signature alone
        on a page while the sentence it signs is on the one before; and when that sentence follows a table (the
        measures'), both go with the end of its last row, as the Word writer's do (``table``'s ``closing``)."""
        t = self.t
        start = len(self.out)
        table = self.last_table
        # the table, then the closing sentence alone, then this block
        after_table = table is not None and table[0] == start - 2 and start - 1 in self.lines
        if not after_table and self.out and self.out[-1].startswith(("#block(", "#align(center)[#block(")) \
                and "sticky: true" not in self.out[-1]:  # the paragraph before goes with it, whole
            self.out[-1] = self.out[-1].replace(")[#set text(", ", sticky: true, breakable: false)[#set text(", 1)
            # and a paragraph of one line (the report's last suggestion) takes the one before along: the block keeps
            # with at least CLOSING_LINES lines of text, as Word's keep-with-next and widow control keep them
            index = len(self.out) - 1
            held = self.lines.get(index, CLOSING_LINES)
            while held < CLOSING_LINES and index - 1 in self.lines:
                index -= 1
                held += self.lines[index]
                if "sticky: true" not in self.out[index]:
                    self.out[index] = self.out[index].replace(")[#set text(", ", sticky: true)[#set text(", 1)
        if self.landscape and len(roles) > 1:  # side by side, as on Word's landscape page; never split
            cells = []
            slots = signoff_slots(roles)  # the plan's columns: the report's two as its outer two
            for slot in slots:
                if slot is None:
                    cells.append("[]")
                    continue
                lines = signoff_lines(*slot[:3], t, agency, narrow=True, beside=[x.position for x in slots if x is not None],
                                      dated=slot.dated)
                cells.append("[" + "#linebreak()".join(f"#{lit(line)}" for line in lines) + "]")
            self.out.append(f"#block(above: 24pt, breakable: false)[#set text(size: {self.pt(16)})\n"
                            f"#grid(columns: ({', '.join(['1fr'] * len(cells))}), align: center, "
                            f"{', '.join(cells)})]")
        else:
            for i, signer in enumerate(roles):
                lines = signoff_lines(*signer[:3], t, dated=signer.dated)
                for j, line in enumerate(lines):  # the block stays on one page
                    self.para(line, align="center", space_before=(18 if i else 24) if j == 0 else 0,
                              keep_with_next=j < len(lines) - 1 or i < len(roles) - 1)
        if after_table and table is not None:  # the table written again, the sentence and this block its closing
            at, args = table
            closing = self.out[at + 1:]
            del self.out[at:]
            for index in [i for i in self.lines if i >= at]:
                del self.lines[index]
            self.table(args.header, args.rows, args.widths_cm, size=args.size, align_right=args.align_right,
                       center=args.center, keep_end_with_next=args.keep_end_with_next, split_rows=args.split_rows,
                       whole=args.whole, tail=args.tail, closing=closing)

    def title(self, lines: list[str], size: float = 20) -> None:
        """The centred bold title lines; the first is the document's top bookmark."""
        if not lines:
            return
        self.out.append(f"#align(center, heading(level: 1, outlined: true, bookmarked: true)"
                        f"[#text(size: {self.pt(size)})[{title_text(lines[0], PORTRAIT_WIDTH_CM, size * self.scale)}]])")
        for line in lines[1:]:
            self.para(line, bold=True, align="center", markup=title_text(line, PORTRAIT_WIDTH_CM, 16 * self.scale))

    # -- tables -------------------------------------------------------------------------------------
    def table(self, header: Sequence[str | list[str]], rows: Sequence[Sequence[str | list[str]]], widths_cm: list[float],
              size: float = 16, align_right: set[int] | None = None, center: set[int] | None = None,
              keep_end_with_next: bool = False, split_rows: bool = False, whole: bool = False,
              tail: Sequence[TailLine] = (), closing: Sequence[str] = ()) -> None:
        """A table; ``tail``: the lines after it, set in a last row of the table without borders, which a cell of
        an added column of no width, spanning it and the last rows and not to be broken, keeps on their page (Typst
        keeps a table's footer with none of its rows, nor a sticky block with the end of a table that breaks).
        ``closing``: blocks already made (the closing sentence and the sign-off: ``signoff``) kept so with the end
        of the last row, as Word keeps them: the last line of the row's tallest list (a step of its method) set
        in a row of its own below it, no border between, so that the row may break and its end go with them."""
        self.last_table = (len(self.out), TableArgs(header, rows, widths_cm, size, align_right, center,
                                                    keep_end_with_next, split_rows, whole, tail))
        align_right = align_right or set()
        center = center or set()
        width = LANDSCAPE_WIDTH_CM if self.landscape else PORTRAIT_WIDTH_CM
        total = sum(widths_cm)
        factor = min(1.0, width / total) if total else 1.0
        cols = ", ".join(_cm(w * factor) for w in widths_cm)
        aligns = ", ".join("right" if i in align_right else "center" if i in center else "left"
                           for i in range(len(widths_cm)))

        def cell(value: str | list[str], breakable: bool, width_cm: float, head: bool = False, stroke: str = "") -> str:
            lines = value if isinstance(value, list) else [value]
            body = "#linebreak()".join(cell_text(line, width_cm, size * self.scale) for line in lines
                                       if line is not None) or "#none"
            extra = ", align: center + horizon" if head else ""
            stroke = f", stroke: ({stroke}: none)" if stroke else ""
            return f"table.cell(breakable: {'true' if breakable else 'false'}{extra}{stroke})[{body}]"

        rows = list(rows)
        ending: list[str | list[str]] = []  # the last row's last line, kept with the closing
        if closing and rows:
            rows[-1], ending = row_end(rows[-1], [w * factor for w in widths_cm], size * self.scale)
        kept = bool(tail or closing)
        unbroken = ", breakable: false" if whole and len(rows) <= WHOLE_ROWS else ""  # a short table stays on one page
        held = min(2, len(rows)) if tail else 0  # the rows kept with the tail: the last one and the one before
        spacer = ", table.cell(stroke: none, inset: 0pt)[]" if kept else ""  # the column of no width, empty
        out = [f"#block(above: 0.4em, below: 0.6em, width: 100%{unbroken})[#set text(size: {self.pt(size)})",
               f"#table(columns: ({cols}{', 0pt' if kept else ''},), align: ({aligns}{', left' if kept else ''},),",
               "table.header(repeat: true, " + ", ".join(cell(h, False, w * factor, head=True)
                                                         for h, w in zip(header, widths_cm)) + spacer + "),"]
        page_height = (21.0 if self.landscape else 29.7) - 4.5
        for index, row in enumerate(rows):
            height = max((_cell_height(v, w * factor, size * self.scale) for v, w in zip(row, widths_cm)), default=0)
            breakable = split_rows or height > SPLIT_ROW_SHARE * page_height * CM
            extra = spacer
            if tail and index == len(rows) - held:  # the cell that holds the last rows and the tail together
                extra = f", table.cell(rowspan: {held + 1}, breakable: false, stroke: none, inset: 0pt)[]"
            elif tail and index > len(rows) - held:
                extra = ""
            elif closing and index == len(rows) - 1 and not ending:  # nothing to split off: the whole row is kept
                extra = ", table.cell(rowspan: 2, breakable: false, stroke: none, inset: 0pt)[]"
            last = closing and ending and index == len(rows) - 1
            out.append(", ".join(cell(v, breakable, w * factor, stroke="bottom" if last else "")
                                 for v, w in zip(row, widths_cm)) + extra + ",")
        if ending:  # the row's end, under it without a border, and the closing with it on one page
            out.append(", ".join(cell(v, False, w * factor, stroke="top") for v, w in zip(ending, widths_cm))
                       + ", table.cell(rowspan: 2, breakable: false, stroke: none, inset: 0pt)[],")
        if tail:
            lines = "".join(f"#block(above: 0.25em, below: 0.25em, inset: (left: {_cm(line.indent_cm)}))"
                            f"[#par(justify: false)[#text(weight: {WEIGHT[line.bold]}, {lit(line.text)})]]"
                            for line in tail)
            out.append(f"table.cell(colspan: {len(widths_cm)}, stroke: none, align: left, inset: (x: 0pt, top: 0.4em, "
                       "bottom: 0pt))"
                       f"[#set text(size: {self.pt(16)})\n{lines}],")
        if closing:
            out.append(f"table.cell(colspan: {len(widths_cm)}, stroke: none, align: left, inset: (x: 0pt, top: 0.6em, "
                       "bottom: 0pt))[" + "\n".join(closing) + "],")
        out.append(")]")
        self.out.append("\n".join(out))

    # -- pages --------------------------------------------------------------------------------------
    def landscape_section(self) -> None:
        self.new_section(landscape=True)

    def keep_tail(self) -> None:
        """Before a page break: the paragraphs ending the page's text kept together (sticky, as a heading is with what
        follows it) until they hold TAIL_LINES lines, so that no page holds just the last one or two lines of a
        section (Typst's widow control keeps the lines of one paragraph, not a one-line paragraph with the one before)."""
        held, index = 0, len(self.out) - 1
        while index in self.lines and held + self.lines[index] < TAIL_LINES and index - 1 in self.lines:
            held += self.lines[index]
            index -= 1
            if "sticky: true" not in self.out[index]:
                self.out[index] = self.out[index].replace(")[#set text(", ", sticky: true)[#set text(", 1)

    def new_section(self, landscape: bool) -> None:
        self.keep_tail()
        self.landscape = landscape
        self.out.append(f"#set page(flipped: {'true' if landscape else 'false'})")
        self.out.append("#pagebreak(weak: true)")

    def page_break(self) -> None:
        self.out.append("#pagebreak(weak: true)")

    def source(self) -> str:
        return "\n".join(self.out) + "\n"

    def pdf(self, when: _dt.datetime | None = None) -> bytes:
        return compile_pdf(self.source(), when)


def compile_pdf(source: str, when: _dt.datetime | None = None) -> bytes:
    import typst

    folder = font_folder()
    stamp = (when or _dt.datetime.now(_dt.timezone.utc)).replace(microsecond=0)
    data = typst.compile(source.encode("utf-8"), font_paths=_fonts(str(folder) if folder else None), format="pdf",
                         timestamp=stamp)
    assert isinstance(data, bytes)
    return without_false_suspects(fix_mark_text(data))


# "/Suspects false" is the default the PDF standard gives a missing entry; poppler (22.x-24.x) reads a false value
# as the wrong type and prints "Syntax Error: Suspects object is wrong type (boolean)" for every one of our PDFs.
# Blanked with spaces of the same length, so that no byte offset of the file moves.
_SUSPECTS = b"/MarkInfo<</Marked true/Suspects false>>"


def without_false_suspects(data: bytes) -> bytes:
    return data.replace(_SUSPECTS, b"/MarkInfo<</Marked true>>".ljust(len(_SUSPECTS)), 1)


# -- the plan ---------------------------------------------------------------------------------------

def render_pdf(plan: Plan, t: Texts, font: str = "TH Sarabun New", cards: bool = False,
               card_ids: list[str] | None = None, notes: bool = False) -> bytes:
    """The plan as PDF, laid out by layout.write_plan (as the Word file is)."""
    w = TypstWriter(t, font)
    write_plan(w, plan, t, cards, card_ids, notes)
    return w.pdf()


def render_report_pdf(report: dict, t: Texts, font: str = "TH Sarabun New") -> bytes:
    """The report on the measures as PDF, laid out by layout.write_report."""
    w = TypstWriter(t, font)
    write_report(w, report, t)
    return w.pdf()
