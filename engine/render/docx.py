"""The plan as a Word file in the official Thai format.

Thai is complex script: Word and LibreOffice take its font from ``w:cs``, its size from ``w:szCs`` and
its weight from ``w:bCs`` (notes/THAI_DOCUMENTS.md §2). python-docx sets only the Latin slots, so every
run, the document defaults and the styles get all four font slots, both sizes, both weights and the
Thai language tag here. Theme fonts are removed because they override explicit names.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from copy import deepcopy
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import _Cell, _Row
from docx.text.run import Run
from itaplan.content.texts import Texts
from itaplan.drafting.model import Plan
from itaplan.render.common import Signer, signoff_lines, title_broken
from itaplan.render.layout import TailLine, signoff_slots, write_plan, write_report

BODY_PT = 16
# the child order of w:rPr required by the schema (CT_RPr)
RPR_ORDER = ("rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
             "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd "
             "fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath").split()
RPR_RANK = {qn("w:" + tag): i for i, tag in enumerate(RPR_ORDER)}


APP_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/'
           'officeDocument/2006/extended-properties"><Company>%s</Company><DocSecurity>0</DocSecurity>'
           '<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false'
           '</HyperlinksChanged></Properties>')
WHOLE_ROWS = 8  # a table asked to stay whole does so up to this many rows (a longer one would leave a page's hole)
SIGNOFF_WIDTH_CM = 15.0  # the sign-off block's width, within a portrait page's text
# three signers side by side on a landscape page: at the body's size, as official letters sign (TH Sarabun 16 pt,
# notes/THAI_DOCUMENTS.md §1); the position lines are split short for it (signoff_lines' narrow)
SIGNOFF_ACROSS_PT = BODY_PT


def _child(parent, tag: str):
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.append(found)
    return found


def thai_rpr(rpr, font: str, size_pt: float | None = None, bold: bool | None = None) -> None:
    """Fill every font slot Thai needs on one w:rPr, in schema order."""
    fonts = _child(rpr, "w:rFonts")
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), font)
    if bold is not None:
        for tag in ("w:b", "w:bCs"):
            el = _child(rpr, tag)
            el.set(qn("w:val"), "1" if bold else "0")
    if size_pt is not None:
        for tag in ("w:sz", "w:szCs"):
            _child(rpr, tag).set(qn("w:val"), str(int(round(size_pt * 2))))
    _child(rpr, "w:lang").set(qn("w:bidi"), "th-TH")
    ordered = sorted(rpr, key=lambda el: RPR_RANK.get(el.tag, 99))
    for el in ordered:
        rpr.remove(el)
        rpr.append(el)


def _no_split(row) -> None:
    """A table row never breaks across pages (w:cantSplit), so no cell is cut mid-sentence."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


_STYLE_IDS: dict[tuple[str, Any], str | None] = {}
_SET_UP: dict[tuple[str, bool], bytes] = {}  # the set-up empty document by font and Thai digits, as a file


def _hairline(paragraph: Any) -> None:
    """An empty paragraph one point high, with no space around it: it takes no room a page would miss."""
    fmt = paragraph.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(0), Pt(1)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    mark = _child(paragraph._p.get_or_add_pPr(), "w:rPr")
    for tag in ("w:sz", "w:szCs"):
        _child(mark, tag).set(qn("w:val"), "2")


def keep_with_next(paragraph: Any) -> Any:
    """A Word paragraph kept on the page of the one after it."""
    paragraph.paragraph_format.keep_with_next = True
    return paragraph


def _property(text: str) -> str:
    """A core property as Word keeps it: at most 255 characters (a longer agency name is cut, with an ellipsis)."""
    return text if len(text) <= 255 else text[:254] + "…"


class WordWriter:
    def __init__(self, texts: Texts, font: str):
        self.t = texts
        self.font = font
        self._run_props: dict[tuple[float, bool], Any] = {}  # a run's w:rPr by size and weight, made once
        key = (font, bool(texts.thai_digits))
        template = _SET_UP.get(key)
        if template is None:  # python-docx's template with the Thai fonts, page and numbers set up: made once
            self.doc = Document()
            self._setup()
            template = _SET_UP[key] = self.bytes()
        self.doc = Document(io.BytesIO(template))
        self.landscape = False  # the orientation of the section being written

    # -- document set-up --------------------------------------------------------------------------
    def _setup(self) -> None:
        doc = self.doc
        # python-docx's template carries a Mac Word thumbnail and a bibliography part: a real document has neither
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        for rels, reltype in ((doc.part.package.rels, RT.THUMBNAIL), (doc.part.rels, RT.CUSTOM_XML)):
            for r_id in [k for k, rel in rels.items() if rel.reltype == reltype]:
                rels.pop(r_id)
        styles = doc.styles.element
        defaults = styles.find(qn("w:docDefaults"))
        rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        thai_rpr(rpr, self.font, BODY_PT)
        for style in doc.styles:
            element = style.element
            if element.find(qn("w:rPr")) is not None or style.name in ("Normal", "Table Grid"):
                style_rpr = element.get_or_add_rPr()
                thai_rpr(style_rpr, self.font)
                color = style_rpr.find(qn("w:color"))
                if color is not None:
                    style_rpr.remove(color)
        normal = doc.styles["Normal"]
        thai_rpr(normal.element.get_or_add_rPr(), self.font, BODY_PT)
        normal.paragraph_format.space_after = Pt(0)
        normal.paragraph_format.line_spacing = 1.0
        for level in (1, 2):
            style = doc.styles[f"Heading {level}"]
            thai_rpr(style.element.get_or_add_rPr(), self.font, BODY_PT, True)
            style.font.italic = False
            style.paragraph_format.space_after = Pt(0)
        settings = doc.settings.element
        compat = _child(settings, "w:compat")
        setting = OxmlElement("w:compatSetting")
        for key, value in (("w:name", "compatibilityMode"), ("w:uri", "http://schemas.microsoft.com/office/word"),
                           ("w:val", "15")):
            setting.set(qn(key), value)
        compat.append(setting)
        section = doc.sections[0]
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        self._margins(section)
        self._page_numbers(section)
        section.different_first_page_header_footer = True  # the cover (the first page) has no page number

    @staticmethod
    def _margins(section) -> None:
        section.left_margin, section.right_margin = Cm(3), Cm(2)
        section.top_margin, section.bottom_margin = Cm(2.5), Cm(2)
        section.header_distance, section.footer_distance = Cm(1.25), Cm(1)

    def _page_numbers(self, section) -> None:
        paragraph = section.header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run()
        for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
            if kind:
                el = OxmlElement("w:fldChar")
                el.set(qn("w:fldCharType"), kind)
            else:
                el = OxmlElement("w:instrText")
                el.set(qn("xml:space"), "preserve")
                el.text = text
            run._r.append(el)
        thai_rpr(run._r.get_or_add_rPr(), self.font, BODY_PT)
        if self.t.thai_digits:
            sect = section._sectPr
            pg = _child(sect, "w:pgNumType")
            pg.set(qn("w:fmt"), "thaiNumbers")

    # -- text ---------------------------------------------------------------------------------------
    def para(self, text: str = "", *, bold: bool = False, size: float | None = None, align: str | None = None,
             indent_cm: float = 0, first_line_cm: float = 0, space_before: float = 0, keep_with_next: bool = False,
             container=None):
        container = container if container is not None else self.doc
        size = BODY_PT if size is None else size
        paragraph = container.add_paragraph()
        if align == "center":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif align == "thai":
            paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.THAI_JUSTIFY
        fmt = paragraph.paragraph_format
        if indent_cm:
            fmt.left_indent = Cm(indent_cm)
        if first_line_cm:
            fmt.first_line_indent = Cm(first_line_cm)
        if space_before:
            fmt.space_before = Pt(space_before)
        if keep_with_next:
            fmt.keep_with_next = True
        if text:
            self.run(paragraph, text, bold=bold, size=size)
        return paragraph

    def labelled(self, label: str, value: str, *, space_before: float = 0, size: float | None = None) -> None:
        """A bold label and its value on one line."""
        size = BODY_PT if size is None else size
        self.run(self.para(label, bold=True, space_before=space_before, size=size), value, size=size)

    def title(self, lines: list[str]) -> None:
        """The centred bold title, its first line larger; a line too long for the page broken between phrases by a
        line break of its own (common.title_broken), never inside a phrase where Word's or LibreOffice's dictionary
        would have broken it ("…ความโปร่งใสภายใน" | "หน่วยงาน")."""
        for i, line in enumerate(lines):
            size = 20 if i == 0 else BODY_PT
            # display cells a line holds: 16 cm at about 0.42 em a cell in TH Sarabun New (layout.card_size), bold
            room = int(16.0 * 72 / 2.54 / (0.42 * 1.05 * size))
            self.para("\n".join(title_broken(line, room)), bold=True, size=20 if i == 0 else None, align="center")

    def card_heading(self, text: str) -> None:
        self.para(text, bold=True, size=18, align="center", keep_with_next=True)

    def page_break(self) -> None:
        from docx.enum.text import WD_BREAK

        run = self.doc.paragraphs[-1].add_run()
        thai_rpr(run._r.get_or_add_rPr(), self.font, BODY_PT, False)
        run.add_break(WD_BREAK.PAGE)

    def run(self, paragraph, text: str, *, bold: bool = False, size: float = BODY_PT):
        """A run of ``text`` with every Thai font slot. What ``paragraph.add_run(text)`` and ``thai_rpr`` make,
        element for element, without their costs: the w:rPr is a copy of one made once per size and weight, and
        text with no tab or line break goes into one w:t directly (python-docx reads such text a character at a
        time in Python; a Word batch spent a tenth of its time there)."""
        if "\t" in text or "\n" in text or "\r" in text:
            run = paragraph.add_run(text)
            thai_rpr(run._r.get_or_add_rPr(), self.font, size, bold)
            return run
        key = (size, bold)
        rpr = self._run_props.get(key)
        if rpr is None:
            rpr = self._run_props[key] = OxmlElement("w:rPr")
            thai_rpr(rpr, self.font, size, bold)
        r = paragraph._p.add_r()
        r.append(deepcopy(rpr))
        if text:
            t = OxmlElement("w:t")
            t.text = text
            if len(text.strip()) < len(text):
                t.set(qn("xml:space"), "preserve")
            r.append(t)
        return Run(r, paragraph)

    def _style_id(self, name: str, kind) -> str | None:
        """The id python-docx gives style ``name`` of ``kind``: a lookup through every style, done once (every
        document starts from python-docx's own template, whose styles ``_setup`` changes but never renames)."""
        key = (name, kind)
        if key not in _STYLE_IDS:
            _STYLE_IDS[key] = self.doc.part.get_style_id(self.doc.styles[name], kind)
        return _STYLE_IDS[key]

    def link(self, paragraph, url: str, size: float = BODY_PT) -> None:
        """A clickable link (w:hyperlink to an external relationship), underlined, that may break anywhere."""
        from docx.opc.constants import RELATIONSHIP_TYPE

        rel = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        hyperlink = OxmlElement("w:hyperlink")
        hyperlink.set(qn("r:id"), rel)
        run = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        color = OxmlElement("w:color")
        color.set(qn("w:val"), "0563C1")
        underline = OxmlElement("w:u")
        underline.set(qn("w:val"), "single")
        rpr.append(color)
        rpr.append(underline)
        thai_rpr(rpr, self.font, size)
        run.append(rpr)
        text = OxmlElement("w:t")
        text.text = url
        run.append(text)
        hyperlink.append(run)
        paragraph._p.append(hyperlink)

    def heading(self, text: str, level: int = 1, size: float = BODY_PT) -> Any:
        """A real heading (Heading 1/2 style: the navigation pane and PDF bookmarks), in the body font."""
        paragraph = self.doc.add_paragraph()
        paragraph._p.style = self._style_id(f"Heading {level}", WD_STYLE_TYPE.PARAGRAPH)  # as style= sets it
        fmt = paragraph.paragraph_format
        fmt.space_before, fmt.space_after, fmt.keep_with_next = Pt(6), Pt(0), True
        self.run(paragraph, text, bold=True, size=size)
        return paragraph

    # -- tables -------------------------------------------------------------------------------------
    def table(self, header: Sequence[str | list[str]], rows: Sequence[Sequence[str | list[str]]], widths_cm: list[float],
              size: float = BODY_PT, align_right: set[int] | None = None, center: set[int] | None = None,
              keep_end_with_next: bool = False, split_rows: bool = False, whole: bool = False,
              tail: Sequence[TailLine] = ()) -> Any:
        """A table; ``tail``: the lines after it, kept with its last two rows (every paragraph of those rows and of the
        lines but the last kept with the next, as Word keeps a row with what follows it). A row inside a table of its
        own in a merged cell held them in LibreOffice too, but drew the columns' lines out of step: Word is the format
        agencies edit, and its own keeping is used."""
        align_right = align_right or set()
        center = center or set()
        table = self.doc.add_table(rows=1, cols=len(header))
        table._tbl.tblStyle_val = self._style_id("Table Grid", WD_STYLE_TYPE.TABLE)  # as table.style = sets it
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        grid = table._tbl.tblGrid
        for col, width in zip(grid.findall(qn("w:gridCol")), widths_cm):
            col.set(qn("w:w"), str(int(Cm(width).twips)))  # LibreOffice reads gridCol, not tcW
        header_row = table.rows[0]
        tr_pr = header_row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:tblHeader"))  # repeat on every page
        for i, text in enumerate(header):
            lines = text if isinstance(text, list) else [text]
            self._cell(header_row.cells[i], lines, widths_cm[i], size, bold=True, center=True)
        _no_split(header_row)
        blank = None  # the first row as python-docx adds it (a cell per grid column, its width), before it is filled
        for row in rows:
            if blank is None:
                added = table.add_row()
                if not split_rows:  # short rows stay whole; long ones (split_rows) may continue on the next page
                    _no_split(added)
                blank = deepcopy(added._tr)
            else:  # the same row, copied: what add_row makes, without its lookups for every cell
                tr = deepcopy(blank)
                table._tbl.append(tr)  # rows are the table's last children, as add_tr places them
                added = _Row(tr, table)
            cells = [_Cell(tc, table) for tc in added._tr.tc_lst]  # one cell per w:tc: these rows span nothing
            for i, value in enumerate(row):
                lines = value if isinstance(value, list) else [value]
                self._cell(cells[i], lines, widths_cm[i], size, right=i in align_right, center=i in center)
        if whole:  # a short table stays on one page; a long one keeps at least its last two rows together
            for row in (table.rows[:-1] if len(rows) <= WHOLE_ROWS else table.rows[-2:-1]):
                for cell in row.cells:
                    for paragraph in cell.paragraphs:
                        keep_with_next(paragraph)
        after = self.doc.add_paragraph()  # LibreOffice drops a section that ends with a table
        if keep_end_with_next or tail:  # the table's last rows stay on the page of what follows it
            for row in table.rows[-2:]:
                for cell in row.cells:
                    for paragraph in cell.paragraphs:
                        keep_with_next(paragraph)
            keep_with_next(after)
        for i, line in enumerate(tail):
            paragraph = self.para(line.text, bold=line.bold, indent_cm=line.indent_cm)
            if i < len(tail) - 1:
                keep_with_next(paragraph)
        return table

    def _cell(self, cell, lines: list[str], width_cm: float, size: float, bold: bool = False,
              center: bool = False, right: bool = False) -> None:
        cell.width = Cm(width_cm)
        first = True
        for line in lines or [""]:
            paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
            first = False
            if center:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            elif right:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if line.startswith(("http://", "https://")) and " " not in line:
                self.link(paragraph, line, size)
            else:
                self.run(paragraph, line, bold=bold, size=size)

    def landscape_section(self) -> None:
        self.new_section(landscape=True)

    def new_section(self, landscape: bool) -> None:
        """A new page in the given orientation, with the same margins and page-number format."""
        from docx.enum.section import WD_SECTION

        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        self.landscape = landscape
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (Cm(29.7), Cm(21.0)) if landscape else (Cm(21.0), Cm(29.7))
        self._margins(section)
        section.different_first_page_header_footer = False  # only the cover goes without its number
        if self.t.thai_digits:
            _child(section._sectPr, "w:pgNumType").set(qn("w:fmt"), "thaiNumbers")

    def properties(self, title: str, author: str, subject: str = "", keywords: Sequence[str] = ()) -> None:
        """The file's own properties: the document and the agency, never the library that wrote it."""
        import datetime as _dt

        props = self.doc.core_properties
        now = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0, tzinfo=None)
        title, author, subject, words = (_property(x) for x in (title, author, subject, ", ".join(keywords)))
        props.title, props.author, props.last_modified_by = title, author, author
        props.subject, props.keywords, props.comments, props.category = subject, words, "", ""
        props.created = props.modified = now
        props.language = "th-TH"
        props.revision = 1
        # the template's app properties name Mac Word 14 with one page and no words: say only what is true
        from xml.sax.saxutils import escape

        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        app = next((rel.target_part for rel in self.doc.part.package.rels.values()
                    if rel.reltype == RT.EXTENDED_PROPERTIES), None)
        if app is not None:
            app._blob = (APP_XML % escape(author)).encode("utf-8")

    def signoff(self, roles: list[Signer], agency: str = "") -> None:
        """The sign-off block: for each role, the signature line, the name in brackets and the position. The block
        stays on one page, with the last line of text before it (no signature alone on a page)."""
        if self.doc.paragraphs:  # the paragraph before goes with it whole: never its last line alone with them
            keep_with_next(self.doc.paragraphs[-1]).paragraph_format.keep_together = True
        # one borderless cell in a row that cannot split: Word and LibreOffice both keep it whole (LibreOffice
        # breaks a chain of keep-with-next paragraphs this long)
        # side by side on a landscape page (as officers sign a measures table), one under another on a portrait one
        across = self.landscape and len(roles) > 1
        slots = signoff_slots(roles) if across else list(roles)  # the plan's columns: the report's two as its outer two
        table = self.doc.add_table(rows=1, cols=len(slots) if across else 1)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _no_split(table.rows[0])
        cells = table.rows[0].cells
        for i, slot in enumerate(slots):
            cell = cells[i] if across else cells[0]
            cell.width = Cm(SIGNOFF_WIDTH_CM / len(slots) * 1.6 if across else SIGNOFF_WIDTH_CM)
            if slot is None:
                continue
            lines = signoff_lines(*slot[:3], self.t, agency, narrow=across,
                                  beside=[x.position for x in slots if x is not None], dated=slot.dated)
            for j, line in enumerate(lines):
                paragraph = cell.paragraphs[0] if j == 0 and (across or i == 0) else cell.add_paragraph()
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                if j == 0:
                    paragraph.paragraph_format.space_before = Pt(24 if across or not i else 18)
                self.run(paragraph, line, size=SIGNOFF_ACROSS_PT if across else BODY_PT)
        # LibreOffice drops a section that ends with a table, so a paragraph follows it: one point high, for a
        # full-size empty paragraph after a sign-off ending near the foot of the page made an empty last page
        _hairline(self.doc.add_paragraph())

    def bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


def render_docx(plan: Plan, t: Texts, font: str = "TH Sarabun New", cards: bool = False,
                card_ids: list[str] | None = None, notes: bool = False) -> bytes:
    """The plan as a Word file, laid out by layout.write_plan."""
    w = WordWriter(t, font)
    write_plan(w, plan, t, cards, card_ids, notes)
    return w.bytes()


def render_report_docx(report: dict, t: Texts, font: str = "TH Sarabun New") -> bytes:
    """The report on the measures as a Word file, laid out by layout.write_report."""
    w = WordWriter(t, font)
    write_report(w, report, t)
    return w.bytes()
