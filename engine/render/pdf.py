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
(``lang: "th"``) and embeds the font subset.
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Iterable

from itaplan.content.texts import Texts
from itaplan.render.common import (
    has_previous,
    indicator_header,
    indicator_rows,
    issued_line,
    measure_cell,
    measure_rows,
    notes_lines,
    provenance_lines,
    signoff_roles,
    title_lines,
    write_analysis,
)

BUNDLED_FAMILY = "Sarabun"
SARABUN_SCALE = 0.665  # Google Sarabun at 0.665 x the size matches TH Sarabun New's x-height (TLWG's 150.42 %)
PORTRAIT_WIDTH_CM = 16.0  # A4 less 3 cm and 2 cm
LANDSCAPE_WIDTH_CM = 24.7
# rows never split across pages, unless a row is estimated taller than this share of the page's text
# height: an unbreakable row taller than a page would run off its bottom (Typst does not shrink it)
SPLIT_ROW_SHARE = 0.7
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


def _cm(value: float) -> str:
    return f"{value:.2f}cm"


class TypstWriter:
    """Builds Typst source with the same small vocabulary as the Word writer: paragraphs, headings,
    tables, landscape and portrait pages, page breaks."""

    def __init__(self, t: Texts, font: str, *, title: str, author: str, subject: str, keywords: Iterable[str] = ()):
        self.t = t
        self.family, self.scale = choose_font(font)
        self.out: list[str] = []
        self.landscape = False
        digits = '("๐","๑","๒","๓","๔","๕","๖","๗","๘","๙")'
        number = ('n => { let s = str(n); s.replace(regex("[0-9]"), m => ' + digits + '.at(int(m.text))) }'
                  if t.thai_digits else "n => str(n)")
        self.out += [
            f"#set document(title: {lit(title)}, author: {lit(author)}, description: {lit(subject)}, "
            f"keywords: ({''.join(lit(k) + ',' for k in keywords)}), date: auto)",
            f"#let pagenum = {number}",
            '#set page(paper: "a4", margin: (left: 3cm, right: 2cm, top: 2.5cm, bottom: 2cm), '
            'header-ascent: 40%, header: context align(center, text(size: ' + self.pt(16) + ', '
            'pagenum(counter(page).get().first()))))',
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

    def pt(self, size: float) -> str:
        return f"{size * self.scale:.2f}pt"

    # -- text ---------------------------------------------------------------------------------------
    def para(self, text: str = "", *, bold: bool = False, size: float = 16, align: str | None = None,
             indent_cm: float = 0, first_line_cm: float = 0, space_before: float = 0,
             runs: list[tuple[str, bool]] | None = None, keep_with_next: bool = False) -> None:
        parts = runs if runs is not None else [(text, bold)]
        body = "".join(f"#text(weight: {WEIGHT[b]}, {lit(s)})" for s, b in parts if s)
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
        self.out.append(block)

    def heading(self, text: str, level: int = 1, size: float = 16) -> None:
        self.out.append(f"#heading(level: {level}, outlined: true, bookmarked: true)[#text(size: {self.pt(size)}, {lit(text)})]")

    def title(self, lines: list[str], size: float = 20) -> None:
        """The centred bold title lines; the first is the document's top bookmark."""
        if not lines:
            return
        self.out.append(f"#align(center, heading(level: 1, outlined: true, bookmarked: true)"
                        f"[#text(size: {self.pt(size)}, {lit(lines[0])})])")
        for line in lines[1:]:
            self.para(line, bold=True, align="center")

    # -- tables -------------------------------------------------------------------------------------
    def table(self, header: Sequence[str | list[str]], rows: Sequence[Sequence[str | list[str]]], widths_cm: list[float],
              size: float = 16, align_right: set[int] | None = None, center: set[int] | None = None) -> None:
        align_right = align_right or set()
        center = center or set()
        width = LANDSCAPE_WIDTH_CM if self.landscape else PORTRAIT_WIDTH_CM
        total = sum(widths_cm)
        factor = min(1.0, width / total) if total else 1.0
        cols = ", ".join(_cm(w * factor) for w in widths_cm)
        aligns = ", ".join("right" if i in align_right else "center" if i in center else "left"
                           for i in range(len(widths_cm)))

        def cell(value: str | list[str], breakable: bool, head: bool = False) -> str:
            lines = value if isinstance(value, list) else [value]
            body = "#linebreak()".join(f"#{lit(line)}" for line in lines if line is not None) or "#none"
            extra = ", align: center + horizon" if head else ""
            return f"table.cell(breakable: {'true' if breakable else 'false'}{extra})[{body}]"

        out = [f"#block(above: 0.4em, below: 0.6em, width: 100%)[#set text(size: {self.pt(size)})",
               f"#table(columns: ({cols},), align: ({aligns},),",
               "table.header(repeat: true, " + ", ".join(cell(h, False, head=True) for h in header) + "),"]
        page_height = (21.0 if self.landscape else 29.7) - 4.5
        for row in rows:
            height = max((_cell_height(v, w * factor, size * self.scale) for v, w in zip(row, widths_cm)), default=0)
            breakable = height > SPLIT_ROW_SHARE * page_height * CM
            out.append(", ".join(cell(v, breakable) for v in row) + ",")
        out.append(")]")
        self.out.append("\n".join(out))

    # -- pages --------------------------------------------------------------------------------------
    def landscape_section(self) -> None:
        self.new_section(landscape=True)

    def new_section(self, landscape: bool) -> None:
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
    from itaplan.render.pdftext import fix_mark_text

    return fix_mark_text(data)


# -- the plan ---------------------------------------------------------------------------------------

def render_pdf(plan: dict, t: Texts, font: str = "TH Sarabun New", cards: bool = False,
               card_ids: list[str] | None = None) -> bytes:
    head = title_lines(plan, t)
    agency = plan["agency"].get("name", "")
    w = TypstWriter(t, font, title=" ".join(head[:2]), author=agency,
                    subject=t("h_analysis", year=plan["fiscal_year"]) + "; " + head[0],
                    keywords=["ITA", t.digits(str(plan["fiscal_year"])), t.digits(str(plan["plan_year"]))])
    w.title(head + [issued_line(plan, t)])
    a = plan["analysis"]
    w.heading(t.digits("1. ") + t("h_analysis", year=plan["fiscal_year"]), level=2)
    for sentence in a["summary"]:
        w.para(t.digits(sentence), first_line_cm=1.25, align="thai")
    w.heading(t.digits("1.1 ") + t("h_indicator_table"), level=3)
    header = indicator_header(plan, t)
    widths = [1.0, 5.0, 2.3, 2.3, 2.9, 2.5] if has_previous(plan) else [1.2, 8.0, 3.3, 3.5]
    w.table(header, indicator_rows(plan, t), widths, size=14,
            align_right={0, 2, 3, 4} if has_previous(plan) else {0, 2})
    write_analysis(w, plan, t, level=3, hang=-0.3, keep={"keep_with_next": True})
    w.landscape_section()
    w.heading(t.digits("2. ") + t("h_measures", year=plan["plan_year"]), level=2)
    rows = []
    for row in measure_rows(plan, t):
        rows.append([row["no"], measure_cell(row, t), row["method"], row["timeline"],
                     [f"- {e}" for e in row["evidence"]], row["owner"]])
    header = [t("col_no"), t("col_measure"), t("col_method"), t("col_timeline"), t("col_evidence"), t("col_owner")]
    w.table(header, rows, [1.0, 5.6, 7.4, 3.4, 4.2, 3.1], size=15, align_right={0})
    w.heading(t.digits("3. ") + t("h_provenance"), level=2)
    for title, facts in provenance_lines(plan, t):
        w.para(title + ": " + t("because") + " " + "; ".join(facts), indent_cm=0.5, align="thai")
    notes = notes_lines(plan, t)
    if notes:
        w.heading(t("h_notes"), level=2)
        for note in notes:
            w.para("- " + note, indent_cm=1.0, first_line_cm=-0.3, align="thai")
    signoff(w, t, signoff_roles(plan, t, ("prepared", "proposed", "approved")))  # the document ends with who signs it
    if cards or card_ids:
        from itaplan.drafting.plan import active_measures
        from itaplan.render.cards import choose

        add_cards(w, plan, t, choose(active_measures(plan), card_ids))
    return w.pdf()


# -- project cards ----------------------------------------------------------------------------------

def add_cards(w: TypstWriter, plan: dict, t: Texts, measures: list[dict]) -> None:
    """The action-plan table (landscape), then one card per measure (portrait, a page each), with the
    fields of cards.py (the same as the Word file's)."""
    from itaplan.render.cards import SUMMARY_WIDTHS, card_fields, summary_table

    header, body, rows, totals = summary_table(plan, t, measures)
    w.landscape_section()
    w.heading(t("h_action_plan", year=plan["plan_year"], agency=plan["agency"].get("name", "")), level=2)
    w.table(header, body, SUMMARY_WIDTHS, size=14, align_right={0, 3}, center={2, 4, 5, 6, 7})
    if totals["unset"]:
        w.para(t("budget_unset_note", count=totals["unset"]), indent_cm=0.5)
    w.para(t("h_dimensions"), bold=True, keep_with_next=True)
    for number in (1, 2, 3, 4):
        w.para(t("dimension_line", number=number, name=t.catalogue.dimension_name(number, plan["plan_year"])),
               indent_cm=0.5)
    w.new_section(landscape=False)
    by_id = {m["id"]: m for m in measures}
    for index, row in enumerate(rows):
        if index:
            w.page_break()
        card = card_fields(by_id[row["id"]], plan, t)
        w.out.append(f"#align(center, heading(level: 2, outlined: true, bookmarked: true)"
                     f"[#text(size: {w.pt(18)}, {lit(t('card_heading', no=row['no']))})])")
        if card["dimension"]:
            w.para(t("card_dimension_line", number=card["dimension"], name=card["dimension_name"]), align="center")
        items = [("card_name", card["name"]), ("card_rationale", card["rationale"]),
                 ("card_objectives", card["objectives"]), ("card_target_group", card["target_group"]),
                 ("card_method", card["method"]), ("card_period", card["period"]),
                 ("card_budget", card["budget_text"]), ("card_owner", card["owner"]),
                 ("card_outputs", card["outputs"]), ("card_outcomes", card["outcomes"])]
        for number, (key, value) in enumerate(items, start=1):
            label = t.digits(f"{number}. ") + t(key)
            if key == "card_name":
                w.para(runs=[(label + ": ", True), (value, False)], space_before=6)
                continue
            w.para(label, bold=True, space_before=6, keep_with_next=True)
            if isinstance(value, list):
                for i, line in enumerate(value, start=1):
                    w.para(t.digits(f"{i}) {line}"), indent_cm=1.0, align="thai")
            else:
                w.para(t.digits(value), first_line_cm=1.25 if key == "card_rationale" else 0,
                       indent_cm=0 if key == "card_rationale" else 1.0, align="thai")


# -- the report on the measures ---------------------------------------------------------------------

def render_report_pdf(report: dict, t: Texts, font: str = "TH Sarabun New") -> bytes:
    from itaplan.followup.progress import STATUS_KEYS
    from itaplan.followup.report import percent
    from itaplan.render.report import RESULTS_WIDTHS, drafted_suggestions, results_table
    from itaplan.render.report import title_lines as report_title_lines

    head = report_title_lines(report, t)
    agency = report["agency"].get("name", "")
    w = TypstWriter(t, font, title=" ".join(head[:2]), author=agency, subject=report["title"],
                    keywords=["ITA", t.digits(str(report["plan_year"]))])
    w.title(head)
    w.heading(t.digits("1. ") + t("report_h_summary"), level=2)
    for sentence in report["sentences"]:
        w.para(t.digits(sentence), first_line_cm=1.25, align="thai")
    s = report["summary"]
    rows = []
    for status, key in (("done", "done"), ("in progress", "in_progress"), ("not started", "not_started"),
                        ("dropped", "dropped")):
        rows.append([t(STATUS_KEYS[status]), t.digits(str(s[key])), t.score(percent(s[key], s["measures"]))])
    rows.append([t("report_total"), t.digits(str(s["measures"])), t.score(100.0 if s["measures"] else None)])
    w.table([t("report_col_status"), t("report_col_count"), t("report_col_percent")], rows, [6.0, 3.0, 3.0],
            size=16, align_right={1, 2})
    if report["not_done"]:
        w.heading(t.digits("1.1 ") + t("report_h_not_done"), level=3)
        for item in report["not_done"]:
            w.para(t.digits(item["text"]), indent_cm=1.0, first_line_cm=-0.5, align="thai")
    w.landscape_section()
    w.heading(t.digits("2. ") + t("report_h_results"), level=2)
    header, rows = results_table(report, t)
    w.table(header, rows, RESULTS_WIDTHS, size=13, align_right={0})
    suggestions = drafted_suggestions(report, t)
    if suggestions:
        w.heading(t.digits("3. ") + t("report_h_suggestions"), level=2)
        for line in suggestions:
            w.para("- " + line, indent_cm=1.0, first_line_cm=-0.3, align="thai")
    if report.get("notes"):
        w.heading(t("h_notes"), level=2)
        for note in report["notes"]:
            w.para("- " + t.digits(note), indent_cm=1.0, first_line_cm=-0.3, align="thai")
    signoff(w, t, signoff_roles(report, t, ("reporter", "acknowledged")))
    return w.pdf()


def signoff(w: TypstWriter, t: Texts, roles: list[tuple[str, str, str]]) -> None:
    """The sign-off block: for each role, the signature line, the name in brackets and the position."""
    for i, (role, name, position) in enumerate(roles):
        w.para(t("signoff_sign", role=role), align="center", space_before=18 if i else 24, keep_with_next=True)
        w.para(f"({name})" if name else t("signoff_no_name"), align="center", keep_with_next=True)
        w.para(t("signoff_position", position=position) if position else t("signoff_no_position"), align="center")

