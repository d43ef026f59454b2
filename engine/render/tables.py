"""The measures as a tracking spreadsheet (XLSX) and as CSV for other tools."""

from __future__ import annotations

import csv
import datetime as _dt
import io
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any

from itaplan.base.thai import round2
from itaplan.base.xlsxio import sheet_title
from itaplan.content.texts import Texts, codes_text
from itaplan.drafting.model import Plan
from itaplan.followup.progress import STATUS_KEYS, STATUSES, note_cell, progress_of, sheet_record
from itaplan.render.common import indicator_line, measure_rows, place_line, signoff_lines, signoff_roles
from itaplan.render.sanitize import csv_cell, sheet_row
from rich.cells import cell_len

CSV_FIELDS = ["id", "indicator", "codes", "title", "issue", "method", "timeline", "evidence", "owner", "dimension",
              "status", "rules"]


# the Thai CSV is the measures table an agency may post (as its Word and PDF tables): numbered rows and what the
# agency states; the measure's id, its review status and the rules that proposed it are the data export's (keys=en)
CSV_HEADERS_TH = ["col_no", "col_indicator", "col_codes", "col_measure", "col_issue", "col_method", "col_timeline",
                  "col_evidence", "col_owner"]
# the tracking sheet's columns left out when no row has anything in them (an imported table's rows may name no
# indicator nor OIT item)
OPTIONAL_COLUMNS = ("col_indicator", "col_codes")
REVIEW_STATUS_KEYS = {"proposed": "review_proposed", "kept": "review_kept", "changed": "review_changed",
                      "dropped": "review_dropped"}


def sheet_indicators(m: Mapping[str, Any]) -> int | str | None:
    """The tracking sheet's indicator cell: the number, or every indicator a row of several answers ("8, 9", as
    the documents name them, ``indicator_line``), the measure's own first (the one an import reads back); None
    when not known."""
    others = sorted(set(m.get("indicators") or []) - {m.get("indicator")})
    return ", ".join(map(str, [m["indicator"], *others])) if others and m.get("indicator") else m.get("indicator")


def render_csv(plan: Plan, t: Texts, keys: str = "th") -> str:
    """One row per measure; list fields are joined with newlines inside the cell. ``keys="th"``: the agency's
    measures table in Thai (numbered, indicator named, no ids, statuses or rule names), with a UTF-8 byte-order mark
    so that Excel set to Thai (Windows-874) opens it as UTF-8; ``keys="en"``: the English keys and values other
    programs read (id, status and the proposing rules included)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n" if keys == "th" else "\n")
    if keys == "th":
        writer.writerow([t(k) for k in CSV_HEADERS_TH])
        for row in measure_rows(plan, t):
            m = row["measure"]
            indicator = indicator_line(m, t) if m.get("indicator_name") else str(m.get("indicator") or "")
            writer.writerow([csv_cell(c) for c in (
                row["no"], t.digits(indicator), codes_text(m, t), row["title"], t.digits(m.get("issue", "")),
                "\n".join(row["method"]), row["timeline"], "\n".join(row["evidence"]), m["owner"])])
        return "\ufeff" + buffer.getvalue()
    writer.writerow(CSV_FIELDS)
    for row in measure_rows(plan, t):
        m = row["measure"]
        writer.writerow([csv_cell(c) for c in (
            m["id"], m.get("indicator") or "", " ".join(m["codes"]), row["title"], m.get("issue", ""), "\n".join(row["method"]),
            row["timeline"], "\n".join(row["evidence"]), m["owner"], m.get("dimension") or "",
            m.get("status", "proposed"), " ".join(m.get("rules", [])))])
    return buffer.getvalue()


def _lines(text: str, width: int) -> int:
    """How many lines a wrapped cell needs, measured in display cells (Thai marks take none)."""
    total = 0
    for paragraph in str(text).split("\n"):
        total += max(1, -(-cell_len(paragraph) // max(1, int(width * 1.15) - 1)))
    return total


def render_xlsx(plan: Plan, t: Texts, font: str = "TH Sarabun New") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    agency = str(plan["agency"].get("name", ""))
    # the workbook's properties are the agency's, never the library's ("openpyxl")
    wb.properties.creator = wb.properties.lastModifiedBy = agency or None
    wb.properties.title = t("h_measures", year=plan["plan_year"]) + (f" {agency}" if agency else "")
    wb.properties.language = "th-TH"
    body = Font(name=font, size=14)
    bold = Font(name=font, size=14, bold=True)
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    fill = PatternFill("solid", fgColor="DDEBF7")
    statuses = [t(STATUS_KEYS[s]) for s in STATUSES]

    def sheet(ws: Any, header: list[str], widths: list[int], rows: list[list], number_cols: Collection[int] = frozenset(),
              titles: Sequence[str] = (), title_cols: int | None = None, hidden_cols: Collection[int] = frozenset()
              ) -> int:
        """Title rows, the header row (both repeated on every printed page), then the rows; landscape A4, one
        page wide, with the agency in the page header and page numbers in the footer, so that it prints as a
        document (LibreOffice's ``--convert-to pdf`` too, which follows no page breaks of Excel's fitting).
        ``title_cols``: the columns the titles are merged and centred across (all of them unless said: the hidden
        ones past the printed columns are left out)."""
        from openpyxl.utils import get_column_letter

        for line in titles:
            sheet_row(ws, [line])
            ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=title_cols or len(header))
            cell = ws.cell(row=ws.max_row, column=1)
            cell.font = Font(name=font, size=16, bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center")
            ws.row_dimensions[ws.max_row].height = 24
            for col in range((title_cols or len(header)) + 1, len(header) + 1):  # the row's cells past the title
                ws.cell(row=ws.max_row, column=col).font = body
        first = ws.max_row + 1
        sheet_row(ws, header)
        for row in rows:
            sheet_row(ws, row)
        for col, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(col)].width = width
        for r, row_cells in enumerate(ws.iter_rows(min_row=first, max_row=ws.max_row), start=first):
            lines = 1
            for c, cell in enumerate(row_cells, start=1):
                cell.font = bold if r == first else body
                cell.border = border
                cell.alignment = Alignment(wrap_text=True, vertical="top",
                                           horizontal="right" if c in number_cols and r > first else None)
                if r == first:
                    cell.fill = fill
                    cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
                if c not in hidden_cols:  # a hidden cell's text makes no row taller
                    lines = max(lines, _lines(cell.value if cell.value is not None else "", widths[c - 1]))
            ws.row_dimensions[r].height = max(22, 19 * lines + 3)
        ws.freeze_panes = f"A{first + 1}"
        ws.print_title_rows = f"1:{first}"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.4
        ws.oddHeader.center.text = (plan["agency"].get("name") or "").replace("&", "&&")
        ws.oddHeader.center.font = font
        ws.oddFooter.center.text = t("sheet_page")
        ws.oddFooter.center.font = font
        return first

    ws = wb.active
    ws.title = sheet_title(t("sheet_measures"))
    # each column: its header key, width and cell of a row; the measures as planned end at the owner
    columns: list[tuple[str, int, Callable[[dict, Any, dict], Any]]] = [
        ("col_no", 5, lambda row, m, p: int(row["no"]) if row["no"].isdigit() else row["no"]),
        ("col_indicator", 7, lambda row, m, p: sheet_indicators(m)),
        ("col_codes", 10, lambda row, m, p: codes_text(m, t)),
        ("col_measure", 26, lambda row, m, p: row["title"]),
        ("col_method", 38, lambda row, m, p: "\n".join(row["method"])),
        ("col_timeline", 14, lambda row, m, p: row["timeline"]),
        ("col_evidence", 24, lambda row, m, p: "\n".join(row["evidence"])),
        ("col_owner", 14, lambda row, m, p: m["owner"]),
        ("col_status", 13, lambda row, m, p: t(STATUS_KEYS[p["status"]])),
        ("col_what_done", 26, lambda row, m, p: p["done"] or None),
        ("col_outcome", 20, lambda row, m, p: p["outcome"] or None),
        ("col_started", 12, lambda row, m, p: _day(p["started"])),
        ("col_done_on", 12, lambda row, m, p: _day(p["finished"])),
        ("col_link", 20, lambda row, m, p: "\n".join(p["links"]) or None),
        ("col_suggestion", 18, lambda row, m, p: p["suggestion"] or None),
        ("col_note_reason", 14, lambda row, m, p: note_cell(m) or None),
        ("col_id", 22, lambda row, m, p: m["id"]),
        ("col_as_written", 30, lambda row, m, p: sheet_record(m))]
    listed = [(row, row["measure"], progress_of(row["measure"])) for row in measure_rows(plan, t)]
    # an imported table's rows may name no indicator nor OIT item (an action plan's projects need none): their
    # columns are left out, never printed empty; the tracking sheet's reader goes by the headers, not the letters
    columns = [c for c in columns if c[0] not in OPTIONAL_COLUMNS or any(c[2](*x) for x in listed)]
    keys = [c[0] for c in columns]
    rows = [[value(*x) for _, _, value in columns] for x in listed]
    header = [t(key) for key in keys]

    def col(key: str) -> int:
        return keys.index(key) + 1

    def letter(key: str) -> str:
        from openpyxl.utils import get_column_letter

        return get_column_letter(col(key))

    titles = [t("sheet_title", year=plan["plan_year"]),
              " ".join(x for x in (plan["agency"].get("name", ""), place_line(plan["agency"], t)) if x)]
    planned = col("col_owner")  # the measures as planned (A-H; A-F without the optional two), then the progress
    printed = col("col_note_reason")  # the last column printed: the id and the record after it are hidden
    numbers = {col(key) for key in ("col_no", "col_indicator") if key in keys}
    first = sheet(ws, header, [c[1] for c in columns], rows, numbers, titles, title_cols=printed,
                  hidden_cols={col("col_as_written")})
    # kept for reading the sheet back, never printed: the measure id and each row's progress as written, by
    # which the reader tells what the officer changed in the row from what the plan changed since
    ws.column_dimensions[letter("col_id")].hidden = True
    ws.column_dimensions[letter("col_as_written")].hidden = True
    # printed one page wide: two pages wide (a column break after the planned part) printed through LibreOffice as
    # eight pages, the title cut at the break (round 23's web officer)
    last = ws.max_row
    for r in range(first + 1, last + 1):
        links = ws.cell(row=r, column=col("col_link"))
        if isinstance(links.value, str) and links.value.startswith(("http://", "https://")) and "\n" not in links.value:
            links.hyperlink = links.value
            links.font = Font(name=font, size=14, color="0563C1", underline="single")
    validation = DataValidation(type="list", formula1='"' + ",".join(statuses) + '"', allow_blank=True,
                                showErrorMessage=True, errorTitle=t("col_status"),
                                error=", ".join(statuses))
    ws.add_data_validation(validation)
    if last > first:
        validation.add(f"{letter('col_status')}{first + 1}:{letter('col_status')}{last}")
        dates = DataValidation(type="date", operator="greaterThan", formula1="36526", allow_blank=True,
                               showErrorMessage=True, errorTitle=t("col_done_on"), error=t("sheet_date_error"))
        ws.add_data_validation(dates)
        dates.add(f"{letter('col_started')}{first + 1}:{letter('col_done_on')}{last}")
        for r in range(first + 1, last + 1):
            for column in (col("col_started"), col("col_done_on")):
                ws.cell(row=r, column=column).number_format = "[$-107041E]d/mm/yyyy"

    # the sheet ends as the Word document does, with who signs it: three blocks side by side under the planned
    # columns (A-D, E, F-H), below a blank row; the importer reads them back, the tracking sheet's reader passes over them
    signers = signoff_roles(plan, t, ("prepared", "proposed", "approved"))
    row = ws.max_row + 2
    for r in (row - 1, row):  # every cell of the two rows in the document's font, as the rest of the sheet
        for column in range(1, len(header) + 1):
            ws.cell(row=r, column=column).font = body
    ws.row_dimensions[row - 1].height = 22
    height = 1
    method = col("col_method")
    for (start, end), signer in zip(((1, method - 1), (method, method), (method + 1, planned)), signers, strict=True):
        text = "\n".join(signoff_lines(*signer[:3], t, dated=signer.dated))
        cell = ws.cell(row=row, column=start, value=text)
        cell.font = body
        cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="center")
        if end > start:
            ws.merge_cells(start_row=row, start_column=start, end_row=row, end_column=end)
        width = sum(ws.column_dimensions[chr(64 + c)].width for c in range(start, end + 1))
        height = max(height, sum(_lines(line, int(width)) for line in text.split("\n")))
    ws.row_dimensions[row].height = 19 * height + 3
    ws.print_area = f"A1:{letter('col_note_reason')}{ws.max_row}"  # the hidden id and record are never printed

    if plan.get("imported"):  # an imported table has no ITA scores: no sheet of them, rather than an empty one
        return _saved(wb, agency)
    scores = wb.create_sheet(sheet_title(t("sheet_scores")))
    prev_year = (plan["scores"].get("previous") or {}).get("fiscal_year")
    header = [t("col_no"), t("col_indicator"), t("col_tool"), t("col_score", year=plan["fiscal_year"]),
              t("col_score", year=prev_year) if prev_year else t("col_previous"), t("col_change"), t("col_result")]
    rows = []
    for ind in plan["analysis"]["indicators"]:
        result = "" if ind.get("passed") is None else t("passed_mark") if ind["passed"] else t("failed_mark")
        rows.append([ind["number"], ind["name"], ind["tool"], _num(ind.get("score")), _num(ind.get("previous")),
                     _num(ind.get("change")), result])
    s = plan["scores"]
    previous = s.get("previous") or {}
    # the change from the total printed beside it: a plan saved before the official total was entered may still
    # record the change from the computed one
    now, before = s.get("total"), previous.get("total")
    change = round(now - before, 2) if now is not None and before is not None else previous.get("change")
    rows.append([None, t("col_total"), None, _num(s.get("total")), _num(previous.get("total")), _num(change),
                 s.get("label") or ""])
    start = sheet(scores, header, [6, 30, 10, 14, 14, 14, 16], rows, {1, 4, 5, 6},
                  [t("h_analysis", year=plan["fiscal_year"]), plan["agency"].get("name", "")])
    scores.print_area = f"A1:G{scores.max_row}"
    number_format = "[$-D00041E]0.00" if t.thai_digits else "0.00"
    for row in scores.iter_rows(min_row=start + 1, min_col=4, max_col=6):
        for cell in row:
            cell.number_format = number_format
    return _saved(wb, agency)


def _saved(wb: Any, agency: str) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return _own_app_properties(buffer.getvalue(), agency)


def _own_app_properties(data: bytes, agency: str) -> bytes:
    """The workbook with app properties naming the agency, not "Microsoft Excel Compatible / Openpyxl"."""
    import io
    import zipfile
    from xml.sax.saxutils import escape

    app = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/'
           f'officeDocument/2006/extended-properties"><Company>{escape(agency)}</Company></Properties>').encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, app if item.filename == "docProps/app.xml" else source.read(item.filename))
    return out.getvalue()


def _day(value: str | None) -> _dt.date | None:
    return _dt.date.fromisoformat(value) if value else None


def _num(value: float | None) -> float | None:
    return None if value is None else round2(value)
