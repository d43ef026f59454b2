"""The report on a plan's measures as Markdown and Word, rendered from :func:`engine.report.build_report`."""

from __future__ import annotations

import datetime as _dt

from itaplan.base.thai import MONTHS_FULL
from itaplan.content.texts import Texts
from itaplan.followup.progress import STATUS_KEYS
from itaplan.followup.report import percent
from itaplan.render.common import place_line, signoff_lines, signoff_roles


def title_lines(report: dict, t: Texts) -> list[str]:
    agency = report["agency"]
    lines = [report["title"], agency.get("name", ""), t.digits(place_line(agency, t))]
    if report.get("report_item") and not report.get("report_item_assumed"):
        # the item the report answers, when the year it is posted in is known: an assumed item is the officer's
        # note (itaplan report says it), not a line of the cover
        lines.append(t("answers_item", item=report["report_item"], plan_year=report.get("report_year")
                       or report["plan_year"]))
    day = _dt.date.fromisoformat(report["as_of"])  # with พ.ศ., as the plan's dates
    lines.append(t("report_as_of", date=t("date_be", day=day.day, month=MONTHS_FULL[day.month - 1], year=day.year + 543)))
    return [line for line in lines if line]


def result_lines(row: dict, t: Texts) -> list[str]:
    """The 'result' cell: status, what was done, when."""
    lines = [row["status_text"]]
    if row["done"]:
        lines.extend(t.typed(x) for x in row["done"].split("\n") if x.strip())
    if row["period_text"]:
        lines.append(row["period_text"])
    if row["status"] != "done":  # why cancelled, and the note, each under its own label
        if row.get("reason"):  # cancelled: why; not finished: its obstacles (ปัญหาอุปสรรค)
            lines.append(t.with_typed("report_cancel_reason" if row["status"] == "dropped" else
                                      "report_unfinished_reason", "reason", row["reason"]))
        if row["note"]:
            lines.append(t.with_typed("report_note", "note", row["note"]))
    return lines


def outcome_lines(row: dict, t: Texts) -> list[str]:
    lines = [t.typed(x) for x in row["outcome"].split("\n") if x.strip()]
    if row["links"]:  # web addresses, or documents named by the officer: in the document's digits, as the rest
        lines.append(t("report_evidence") + ":")
        lines.extend(t.typed(link) for link in row["links"])
    return lines or ["–"]


def status_header(t: Texts) -> list[str]:
    return [t("report_col_status"), t("report_col_count"), t("report_col_percent")]


def status_rows(report: dict, t: Texts) -> list[list[str]]:
    """The count of measures by status, with each as a share of all, and the total: the same in every format."""
    s = report["summary"]
    rows = [[t(STATUS_KEYS[status]), t.digits(str(s[key])), t.score(percent(s[key], s["measures"]))]
            for status, key in (("done", "done"), ("in progress", "in_progress"), ("not started", "not_started"),
                                ("dropped", "dropped"))]
    return rows + [[t("report_total"), t.digits(str(s["measures"])), t.score(100.0 if s["measures"] else None)]]


def not_done_heading(report: dict, t: Texts) -> str:
    """The heading over the measures not done: it names the cancelled ones too when there are any."""
    dropped = any(item["status"] == "dropped" for item in report["not_done"])
    return t("report_h_not_done_or_dropped" if dropped else "report_h_not_done")


def suggestions(report: dict, t: Texts) -> list[str]:
    """Section 3, the suggestions for next year: each measure's own (as the officer recorded it), and the drafted
    ones once each with the measures they apply to (instead of the same sentence in every row): "มาตรการที่ 3, 4:
    ทบทวนความพร้อม…"."""
    groups: dict[str, list[str]] = {}
    for row in report["measures"]:
        if row.get("suggestion"):
            groups.setdefault(row["suggestion"], []).append(str(row["no"]))
    return [t.with_typed("report_suggestion_group", "suggestion", text, numbers=", ".join(nos))
            for text, nos in groups.items()]


def own_suggestion(row: dict, t: Texts) -> str:
    return "" if row.get("suggestion_drafted") else t.typed(row["suggestion"])


RESULTS_WIDTHS = [0.9, 6.0, 7.0, 3.0, 5.0, 2.8]  # cm, within the landscape text area


def results_table(report: dict, t: Texts) -> tuple[list, list[list]]:
    """The report's table of results per measure, as the officers' reports table them (in the past tense: what
    was done, not the plan again): the measure, what was done and when, the owner, the outcome and its evidence,
    the suggestion for next year. The same in Word and PDF; the plan's methods and timelines are the plan's."""
    header = [t("col_no"), t("col_measure"), t("report_col_result"), t("col_owner"), t("report_col_outcome"),
              t("report_col_suggestion")]
    rows = []
    for row in report["measures"]:
        title = [t.digits(row["title"])] + [t.digits(f) for f in row.get("facts", [])]
        rows.append([t.digits(str(row["no"])), title, result_lines(row, t), t.digits(row["owner"]), outcome_lines(row, t),
                     own_suggestion(row, t)])
    if not any(r[-1] for r in rows):  # no suggestion typed by the officer: the drafted ones are section 3's, and an
        return header[:-1], [r[:-1] for r in rows]  # empty column would read as left unfinished (two trials)
    return header, rows


def results_widths(header: list) -> list[float]:
    """The results table's column widths: without the suggestion column, its width goes to what was done."""
    if len(header) == len(RESULTS_WIDTHS):
        return RESULTS_WIDTHS
    widths = RESULTS_WIDTHS[:len(header)]
    widths[2] += sum(RESULTS_WIDTHS[len(header):])
    return widths


def _md(text: str) -> str:
    return " ".join(text.split("\n"))


def render_report_markdown(report: dict, t: Texts) -> str:
    head = title_lines(report, t)
    out = [f"# {head[0]}"]
    out.extend(f"**{line}**  " for line in head[1:])
    out.append("")
    out.append(f"## {t.digits('1.')} {t('report_h_summary')}")
    out.append("")
    out.extend(t.digits(s) + "\n" for s in report["sentences"])
    out += ["| " + " | ".join(row) + " |" for row in [status_header(t), ["---", "---:", "---:"]] + status_rows(report, t)]
    out.append("")
    if report["not_done"]:
        out.append(f"### {not_done_heading(report, t)}")
        out.append("")
        out.extend(f"- {t.typed(item['text'])}" for item in report["not_done"])  # its reason as typed
        out.append("")
    out.append(f"## {t.digits('2.')} {t('report_h_results')}")
    out.append("")
    for row in report["measures"]:
        out.append(f"### {t.digits(str(row['no']))}. {t.digits(row['title'])}")  # as the list above gives it
        out.append("")
        if row.get("facts"):
            out.append(f"- **{t('report_col_why')}:** " + "; ".join(t.digits(f) for f in row["facts"]))
        elif row["codes_text"]:
            out.append(f"- **{t('col_codes')}:** {row['codes_text']}")
        # what was done, in the past tense, as the Word and PDF table print it; the plan's methods are the plan's
        out.append(f"- **{t('col_owner')}:** {t.digits(row['owner'])}")
        result = result_lines(row, t)
        out.append(f"- **{t('report_col_result')}:** {result[0]}")
        out.extend(f"  - {_md(line)}" for line in result[1:])
        out.append(f"- **{t('col_outcome')}:** " + (_md(t.typed(row["outcome"])) if row["outcome"] else "–"))
        if row["links"]:
            out.append(f"- **{t('report_evidence')}:**")
            out.extend(f"  - {t.typed(link)}" for link in row["links"])
        if own_suggestion(row, t):
            out.append(f"- **{t('report_col_suggestion')}:** {own_suggestion(row, t)}")
        out.append("")
    if suggestions(report, t):
        out.append(f"## {t.digits('3.')} {t('report_h_suggestions')}")
        out.append("")
        out.extend(f"- {line}" for line in suggestions(report, t))
        out.append("")
    # who reports and who acknowledges, as the Word and PDF reports end; the report's notes (what was assumed in
    # making it) are the officer's, told by `itaplan report`
    for signer in signoff_roles(report, t, ("reporter", "acknowledged")):
        out.append("  \n".join(signoff_lines(*signer[:3], t, dated=signer.dated)))
        out.append("")
    return "\n".join(out).rstrip() + "\n"
