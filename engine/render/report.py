"""The report on a plan's measures as Markdown and Word, rendered from :func:`engine.report.build_report`."""

from __future__ import annotations

from itaplan.base.thai import fmt_date
from itaplan.content.texts import Texts
from itaplan.render.common import place_line


def title_lines(report: dict, t: Texts) -> list[str]:
    agency = report["agency"]
    lines = [report["title"], agency.get("name", ""), t.digits(place_line(agency, t))]
    if report.get("report_item"):
        lines.append(t("answers_item", item=report["report_item"], plan_year=report.get("report_year")
                       or report["plan_year"]))
    lines.append(t("report_as_of", date=fmt_date(report["as_of"], t.thai_digits)))
    return [line for line in lines if line]


def result_lines(row: dict, t: Texts) -> list[str]:
    """The 'result' cell: status, what was done, when."""
    lines = [row["status_text"]]
    if row["done"]:
        lines.extend(t.digits(x) for x in row["done"].split("\n") if x.strip())
    if row["period_text"]:
        lines.append(row["period_text"])
    if row["note"] and row["status"] != "done":
        lines.append(t("report_note", note=t.digits(row["note"])))
    return lines


def outcome_lines(row: dict, t: Texts) -> list[str]:
    lines = [t.digits(x) for x in row["outcome"].split("\n") if x.strip()]
    if row["links"]:
        lines.append(t("report_evidence") + ":")
        lines.extend(row["links"])
    return lines or ["–"]


def drafted_suggestions(report: dict, t: Texts) -> list[str]:
    """The default suggestions, once each, with the measures they apply to (instead of the same sentence in
    every row): "มาตรการที่ 3, 4: ทบทวนความพร้อม…"."""
    groups: dict[str, list[str]] = {}
    for row in report["measures"]:
        if row.get("suggestion_drafted"):
            groups.setdefault(row["suggestion"], []).append(str(row["no"]))
    return [t.digits(t("report_suggestion_group", numbers=", ".join(nos), suggestion=text)) for text, nos in groups.items()]


def own_suggestion(row: dict, t: Texts) -> str:
    return "" if row.get("suggestion_drafted") else t.digits(row["suggestion"])


RESULTS_WIDTHS = [0.9, 6.0, 7.0, 3.0, 5.0, 2.8]  # cm, within the landscape text area


def results_table(report: dict, t: Texts) -> tuple[list, list[list]]:
    """The report's table of results per measure, as the officers' reports table them (in the past tense: what
    was done, not the plan again): the measure, what was done and when, the owner, the outcome and its evidence,
    the suggestion for next year. The same in Word and PDF; the plan's methods and timelines are the plan's."""
    header = [t("col_no"), t("col_measure"), t("report_col_result"), t("col_owner"), t("report_col_outcome"),
              t("report_col_suggestion")]
    rows = []
    for row in report["measures"]:
        title = [row["title"]] + [t.digits(f) for f in row.get("facts", [])]
        rows.append([t.digits(str(row["no"])), title, result_lines(row, t), row["owner"], outcome_lines(row, t),
                     own_suggestion(row, t)])
    return header, rows


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
    if report["not_done"]:
        out.append(f"### {t('report_h_not_done')}")
        out.append("")
        out.extend(f"- {t.digits(item['text'])}" for item in report["not_done"])
        out.append("")
        if report.get("not_done_note"):
            out.append(t.digits(report["not_done_note"]) + "\n")
    out.append(f"## {t.digits('2.')} {t('report_h_results')}")
    out.append("")
    for row in report["measures"]:
        out.append(f"### {t.digits(str(row['no']))}. {row['title']}")
        out.append("")
        if row.get("facts"):
            out.append(f"- **{t('report_col_why')}:** " + "; ".join(t.digits(f) for f in row["facts"]))
        elif row["codes_text"]:
            out.append(f"- **{t('col_codes')}:** {row['codes_text']}")
        # what was done, in the past tense, as the Word and PDF table print it; the plan's methods are the plan's
        out.append(f"- **{t('col_owner')}:** {row['owner']}")
        result = result_lines(row, t)
        out.append(f"- **{t('report_col_result')}:** {result[0]}")
        out.extend(f"  - {_md(line)}" for line in result[1:])
        out.append(f"- **{t('col_outcome')}:** " + (_md(t.digits(row["outcome"])) if row["outcome"] else "–"))
        if row["links"]:
            out.append(f"- **{t('report_evidence')}:**")
            out.extend(f"  - {link}" for link in row["links"])
        if own_suggestion(row, t):
            out.append(f"- **{t('report_col_suggestion')}:** {own_suggestion(row, t)}")
        out.append("")
    if drafted_suggestions(report, t):
        out.append(f"## {t.digits('3.')} {t('report_h_suggestions')}")
        out.append("")
        out.extend(f"- {line}" for line in drafted_suggestions(report, t))
        out.append("")
    # the report's notes (what was assumed in making it) are the officer's, told by `itaplan report`, as in Word/PDF
    return "\n".join(out).rstrip() + "\n"
