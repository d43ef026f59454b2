"""The paged documents laid out once: the plan (analysis, measures table, why each measure, sign-off), the
action-plan table with a project card per measure, and the report on the measures. Word (docx.WordWriter) and PDF
(pdf.TypstWriter) both implement ``PageWriter``, so the two formats print the same parts in the same order and
number the measures and cards as the table does; only how a paragraph or a table is drawn is theirs.

Heading levels are the document's own: 1 for a numbered section, 2 for a subsection (the PDF writer puts its
title above them).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from itaplan.content.texts import Texts
from itaplan.drafting.model import Measure, Plan
from itaplan.drafting.plan import active_measures
from itaplan.followup.progress import STATUS_KEYS
from itaplan.followup.report import percent
from itaplan.render.cards import SUMMARY_WIDTHS, card_fields, choose, summary_table
from itaplan.render.common import (
    Signer,
    has_previous,
    indicator_header,
    indicator_rows,
    issued_line,
    measure_cell,
    measure_rows,
    approval_line,
    cover_lines,
    question_tables,
    working_notes,
    year_table,
    signoff_roles,
    title_lines,
    write_analysis,
)
from itaplan.render.report import (
    not_done_heading,
    results_table,
    results_widths,
    status_header,
    status_rows,
    suggestions,
)
from itaplan.render.report import title_lines as report_title_lines

Cell = str | list[str]


@dataclass(frozen=True)
class TailLine:
    """A line that follows a table and stays on the page of its last rows (the action plan's note and legend: alone
    on a page, they explain nothing)."""

    text: str
    bold: bool = False
    indent_cm: float = 0


class PageWriter(Protocol):
    """What a paged format offers the layout: the document's properties, a title, headings, paragraphs, tables,
    pages in either orientation and the sign-off block."""

    def properties(self, title: str, author: str, subject: str, keywords: Sequence[str]) -> None: ...

    def title(self, lines: list[str]) -> None: ...

    def heading(self, text: str, level: int = 1) -> object: ...

    def para(self, text: str = "", *, bold: bool = False, size: float | None = None, align: str | None = None,
             indent_cm: float = 0, first_line_cm: float = 0, space_before: float = 0,
             keep_with_next: bool = False) -> object: ...

    def labelled(self, label: str, value: str, *, space_before: float = 0, size: float | None = None) -> None: ...

    def card_heading(self, text: str) -> None: ...

    def table(self, header: Sequence[Cell], rows: Sequence[Sequence[Cell]], widths_cm: list[float],
              size: float = 16, align_right: set[int] | None = None, center: set[int] | None = None,
              keep_end_with_next: bool = False, split_rows: bool = False, whole: bool = False,
              tail: Sequence[TailLine] = ()) -> object: ...

    def landscape_section(self) -> None: ...

    def new_section(self, landscape: bool) -> None: ...

    def page_break(self) -> None: ...

    def signoff(self, roles: list[Signer], agency: str = "") -> None: ...


# the measures table's columns (cm, before the writer fits them to the page)
MEASURE_WIDTHS = [1.0, 5.6, 7.6, 3.2, 4.2, 3.1]
HANG = -0.3  # a dash line's hanging indent
SIGNOFF_COLUMNS = 3  # the plan's signers side by side (prepared, proposed, approved): the columns of every sign-off
# a project card's text: 13 pt, at which a card of the usual length fits one page, as officers' cards do; a longer
# card is set smaller, down to 11 pt, to stay on its one page; one longer still runs on at 13 pt
CARD_SIZES = (13, 12.5, 12, 11.5, 11)
CARD_PAGE_PT = 714 * 0.95  # A4 portrait within the margins (29.7 cm less 4.5 cm), with room for the font's metrics
CARD_TEXT_CM = 16.0  # the portrait text width (21 cm less 5 cm)
YEAR_WIDTHS = [3.0, 3.0, 2.2, 3.4]  # ปีงบประมาณ, คะแนนรวม, ระดับ, ผลการประเมิน
QUESTION_WIDTHS = [1.4, 1.2, 11.0, 2.4]  # แบบวัด, ข้อ, หัวข้อการประเมิน, คะแนน
QUESTION_WIDTHS_PARTS = [1.4, 1.2, 8.6, 2.4, 2.4]  # ... a score per EIT part
COVER_TOP_PT, COVER_GAP_PT = 150, 170  # the cover's title about a third of the way down, its foot lines below


def signoff_slots(roles: list[Signer]) -> list[Signer | None]:
    """The signers side by side in the plan's columns (SIGNOFF_COLUMNS): the report's two sign where the plan's first
    and last do (left and right, the same width), the middle column empty; three or more, one a column."""
    if len(roles) == 2 and SIGNOFF_COLUMNS == 3:
        return [roles[0], None, roles[1]]
    return list(roles)


def write_plan(w: PageWriter, plan: Plan, t: Texts, cards: bool = False, card_ids: list[str] | None = None,
               notes: bool = False) -> None:
    """The plan's document: title, the analysis with its indicator table, the measures table, why each measure
    is there, notes, the sign-off; then, when asked, the action-plan table and a card per measure."""
    head = title_lines(plan, t)
    name = plan["agency"].get("name", "")
    w.properties(" ".join(dict.fromkeys([*head[:2], name])).strip(), name,
                 t("h_analysis", year=plan["fiscal_year"]) + "; " + head[0],
                 ["ITA", t.digits(str(plan["fiscal_year"])), t.digits(str(plan["plan_year"]))])
    write_cover(w, head, cover_lines(plan, t) + [issued_line(plan, t)])
    w.heading(t.digits("1. ") + t("h_analysis", year=plan["fiscal_year"]))
    for sentence in plan["analysis"]["summary"]:
        w.para(t.digits(sentence), first_line_cm=1.25, align="thai")
    year_header, years = year_table(plan, t)
    w.para(t("year_table_caption"), bold=True, space_before=4, keep_with_next=True)
    w.table(year_header, years, YEAR_WIDTHS[:len(year_header)], size=14, align_right={1}, center={0, 2, 3}, whole=True)
    w.heading(t.digits("1.1 ") + t("h_indicator_table"), level=2)
    previous = has_previous(plan)
    w.table(indicator_header(plan, t), indicator_rows(plan, t),
            [1.0, 5.0, 2.3, 2.3, 2.9, 2.5] if previous else [1.2, 8.0, 3.3, 3.5], size=14,
            align_right={0, 2, 3, 4} if previous else {0, 2})
    write_question_tables(w, plan, t)
    write_analysis(w, plan, t, level=2, hang=HANG, keep={"keep_with_next": True})
    w.landscape_section()
    w.heading(t.digits("2. ") + t("h_measures", year=plan["plan_year"]))
    rows: list[list[Cell]] = [[row["no"], measure_cell(row, t), row["method"], row["timeline"],
                               [f"- {e}" for e in row["evidence"]], row["owner"]] for row in measure_rows(plan, t)]
    header: list[Cell] = [t("col_no"), t("col_measure"), t("col_method"), t("col_timeline_header").split("\n"),
                          t("col_evidence"), t("col_owner")]
    # a long measure continues on the next page under the repeated header, rather than leaving a page half empty
    # (its rows not kept together: that left half a page empty); the approval and sign-off are one block, and go
    # with the end of the table's last row (Word splits the row; the PDF writer splits its last line off for them)
    w.table(header, rows, MEASURE_WIDTHS, size=15, align_right={0}, split_rows=True)
    w.para(approval_line(plan, t), first_line_cm=1.25, align="thai", space_before=6)
    w.signoff(signoff_roles(plan, t, ("prepared", "proposed", "approved")), str(plan["agency"].get("name") or ""))  # the document ends with who signs it
    if cards or card_ids:
        write_cards(w, plan, t, choose(active_measures(plan), card_ids))
    if notes:
        write_working_notes(w, plan, t)


def write_working_notes(w: PageWriter, plan: Plan, t: Texts) -> None:
    """The officer's working notes on pages of their own, headed as not part of the published document."""
    parts = working_notes(plan, t)
    if not parts:
        return
    w.new_section(landscape=False)
    w.heading(t("h_working_notes"))
    for heading, lines in parts:
        w.para(heading, bold=True, space_before=6, keep_with_next=True)
        for line in lines:
            w.para("- " + line, indent_cm=1.0, first_line_cm=HANG, align="thai")


def write_question_tables(w: PageWriter, plan: Plan, t: Texts) -> None:
    """1.2: every indicator's questions with their scores and the indicator's average (question_tables)."""
    tables = question_tables(plan, t)
    if not tables:
        return
    w.heading(t.digits("1.2 ") + t("h_question_tables"), level=2)
    w.para(t("question_tables_intro"), first_line_cm=1.25, align="thai")
    if any(table["parts"] for table in tables):
        w.para(t("eit_parts_named"), first_line_cm=1.25, align="thai")
    for table in tables:
        w.para(table["heading"], bold=True, space_before=4, keep_with_next=True)
        w.table(table["header"], table["rows"], QUESTION_WIDTHS_PARTS if table["parts"] else QUESTION_WIDTHS,
                size=14, align_right=table["right"], center={0, 1}, whole=True)  # an average never alone


def write_cover(w: PageWriter, title: list[str], under: list[str]) -> None:
    """The cover page: the title a third of the way down, who prepared it and when near the foot."""
    w.para("", space_before=COVER_TOP_PT)
    w.title(title)
    w.para("", space_before=COVER_GAP_PT)
    for line in under:
        if line:
            w.para(line, bold=True, align="center")
    w.page_break()


def write_cards(w: PageWriter, plan: Plan, t: Texts, measures: list[Measure]) -> None:
    """The action-plan table (landscape) with its legend, then one card per measure of ``measures`` (portrait, a page
    each), numbered as its measure is in the table. The table is always the whole plan's: with --card it held the
    chosen cards' rows alone (one project, the total 'ยังไม่กำหนด'), a partial action plan that could be published as
    the agency's (a provincial auditor's trial)."""
    header, body, rows, totals = summary_table(plan, t, active_measures(plan))
    w.landscape_section()
    w.heading(t("h_action_plan", year=plan["plan_year"], agency=plan["agency"].get("name", "")))
    # the note and the legend go with the table's last rows: a page of their own explains nothing
    tail = [TailLine(t("budget_unset_note", count=totals["unset"]), indent_cm=0.5)] if totals["unset"] else []
    tail.append(TailLine(t("h_dimensions"), bold=True))
    tail += [TailLine(t("dimension_line", number=number, name=t.catalogue.dimension_name(number, plan["plan_year"])),
                      indent_cm=0.5) for number in (1, 2, 3, 4)]
    w.table(header, body, SUMMARY_WIDTHS, size=14, align_right={0, 3}, center={2, 4, 5, 6, 7}, tail=tail)
    w.new_section(landscape=False)
    by_id = {m["id"]: m for m in measures}
    numbers = {m["id"]: i for i, m in enumerate(active_measures(plan), start=1)}
    for index, row in enumerate(r for r in rows if r["id"] in by_id):
        if index:
            w.page_break()
        write_card(w, plan, t, by_id[row["id"]], numbers.get(row["id"], row["no"]))


def card_parts(card: dict, t: Texts) -> list[tuple[str, str, str | list[str]]]:
    """The thirteen parts of a card in order: (catalogue key, numbered label, value: a text or a list of lines)."""
    keys = ("name", "ita", "rationale", "objectives", "target_group", "area", "method", "period", "budget_text",
            "owner", "outputs", "outcomes", "kpi")
    labels = ("card_name", "card_ita", "card_rationale", "card_objectives", "card_target_group", "card_area",
              "card_method", "card_period", "card_budget", "card_owner", "card_outputs", "card_outcomes", "card_kpi")
    return [(label, t.digits(f"{part}. ") + t(label), card[key])
            for part, (key, label) in enumerate(zip(keys, labels), start=1)]


def card_size(card: dict, t: Texts) -> float:
    """The largest of CARD_SIZES at which the card's estimated height fits one page: each paragraph's lines from its
    width in display cells (Thai marks take none; an average glyph about 0.42 em wide in TH Sarabun New), each
    line 1.075 times the size, with the heading and the space above each part. Calibrated on LibreOffice's pages:
    of eight drafted cards at 13 pt, those estimated over the page are the three that ran onto a second."""
    from rich.cells import cell_len

    def height(size: float) -> float:
        per_line = CARD_TEXT_CM / (size * 0.42 * 2.54 / 72)  # cells on one line of the full width

        def lines(text: str, indent_cm: float) -> int:
            return 1 + int(cell_len(text) / (per_line * (CARD_TEXT_CM - indent_cm) / CARD_TEXT_CM))

        count = 0
        for key, label, value in card_parts(card, t):
            if key == "card_name":
                count += lines(label + str(value), 0)
                continue
            count += 1 + (sum(lines(line, 1.0) for line in value) if isinstance(value, list) else lines(str(value), 1.0))
        if card["basis"]:
            count += 1 + sum(lines(line, 1.5) for line in card["basis"])
        return 18 * 1.4 + size * min(len(card["dimensions"]), 2) + count * size * 1.075 + 13 * 2

    # a card too long for one page even at the smallest size (a row of several measures) runs onto a second page at
    # the usual size, as officers' long cards do: smaller type would only leave a line or two alone on the second
    return next((size for size in CARD_SIZES if height(size) <= CARD_PAGE_PT), CARD_SIZES[0])


def write_card(w: PageWriter, plan: Plan, t: Texts, measure: Measure, number: int | str) -> None:
    """One project card: its heading, then the thirteen parts of cards.py in order (the legal basis under the
    rationale), each label kept with what follows it, in the size at which it fits one page (card_size)."""
    card = card_fields(measure, plan, t)
    size = card_size(card, t)
    w.card_heading(t("card_heading", no=number))
    if card["dimension"]:
        # a merged row of members of several dimensions names each ("มิติที่ 2 … และมิติที่ 3 …")
        line = t("card_dimension_line", number=card["dimension"], name=card["dimension_name"]) \
            if len(card["dimensions"]) < 2 else t("card_dimension_row", dimensions=card["dimension_line"])
        w.para(line, align="center", size=size)
    for key, label, value in card_parts(card, t):
        if key == "card_name":
            w.labelled(label + ": ", t.digits(str(value)), space_before=2, size=size)  # as the table and rationale
            continue
        w.para(label, bold=True, space_before=2, keep_with_next=True, size=size)
        if isinstance(value, list):
            for i, line in enumerate(value, start=1):
                w.para(t.digits(f"{i}) {line}"), indent_cm=1.0, align="thai", size=size)
        else:
            w.para(t.digits(value), first_line_cm=1.25 if key == "card_rationale" else 0,
                   indent_cm=0 if key == "card_rationale" else 1.0, align="thai", size=size)
        if key == "card_rationale" and card["basis"]:
            w.para(t("card_basis"), indent_cm=1.0, keep_with_next=True, size=size)
            for i, line in enumerate(card["basis"], start=1):
                w.para(t.digits(f"{i}) {line}"), indent_cm=1.5, align="thai", size=size)


def write_report(w: PageWriter, report: dict, t: Texts) -> None:
    """The report on the measures: the summary with its count by status, what was not done and why, the
    results table (landscape), suggestions and the sign-off. The report's notes (what was assumed in making it)
    are the officer's, told by ``itaplan report``, not printed as the agency's words."""
    head = report_title_lines(report, t)
    w.properties(" ".join(head[:2]), report["agency"].get("name", ""), report["title"],
                 ["ITA", t.digits(str(report["plan_year"]))])
    write_cover(w, head, [])  # a cover, as the plan has: the report is posted as a document of its own
    w.heading(t.digits("1. ") + t("report_h_summary"))
    for sentence in report["sentences"]:
        w.para(t.digits(sentence), first_line_cm=1.25, align="thai")
    rows: list[list[Cell]] = [list(row) for row in status_rows(report, t)]
    w.table(status_header(t), rows, [6.0, 3.0, 3.0], size=16, align_right={1, 2})
    if report["not_done"]:
        # why each was not done, as recorded; that some have no reason recorded is the officer's to hear, not the
        # report's to print (itaplan report says it)
        w.heading(t.digits("1.1 ") + not_done_heading(report, t), level=2)
        for item in report["not_done"]:
            w.para(t.typed(item["text"]), indent_cm=1.5, first_line_cm=-0.5, align="thai")  # its reason as typed
    w.landscape_section()
    w.heading(t.digits("2. ") + t("report_h_results"))
    header, result_rows = results_table(report, t)
    w.table(header, result_rows, results_widths(header), size=14, align_right={0}, split_rows=True)
    lines = suggestions(report, t)
    if lines:
        w.heading(t.digits("3. ") + t("report_h_suggestions"))
        for line in lines:
            w.para("- " + line, indent_cm=1.0, first_line_cm=HANG, align="thai")
    w.signoff(signoff_roles(report, t, ("reporter", "acknowledged")), str(report["agency"].get("name") or ""))
