"""The plan as Markdown, for review and version control."""

from __future__ import annotations

from itaplan.content.texts import Texts
from itaplan.drafting.model import Plan
from itaplan.render.common import (
    analysis_sections,
    question_tables,
    working_notes,
    year_table,
    indicator_header,
    indicator_rows,
    approval_line,
    cover_lines,
    issued_line,
    measure_cell,
    measure_rows,
    signoff_lines,
    signoff_roles,
    title_lines,
)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def render_markdown(plan: Plan, t: Texts, notes: bool = False) -> str:
    out: list[str] = []
    head = title_lines(plan, t)
    out.append(f"# {head[0]}")
    out.extend(f"**{line}**  " for line in head[1:])
    out.extend(f"{line}  " for line in cover_lines(plan, t))
    out.append(issued_line(plan, t) + "  ")
    out.append("")
    a = plan["analysis"]
    out.append(f"## {t.digits('1.')} {t('h_analysis', year=plan['fiscal_year'])}")
    out.append("")
    out.extend(t.digits(s) + "\n" for s in a["summary"])
    header, years = year_table(plan, t)
    out.append(f"**{t('year_table_caption')}**")
    out.append("")
    out.append("| " + " | ".join(header) + " |")
    out.append("|" + "|".join("---:" if i == 1 else "---" for i in range(len(header))) + "|")
    out.extend("| " + " | ".join(row) + " |" for row in years)
    out.append("")
    out.append(f"### {t.digits('1.1')} {t('h_indicator_table')}")
    out.append("")
    cols = indicator_header(plan, t)
    out.append("| " + " | ".join(cols) + " |")
    out.append("|" + "|".join(["---:", "---"] + ["---:"] * (len(cols) - 3) + ["---"]) + "|")
    for row in indicator_rows(plan, t):
        out.append("| " + " | ".join(_cell(c) for c in row) + " |")
    out.append("")
    tables = question_tables(plan, t)
    if tables:
        out.append(f"### {t.digits('1.2')} {t('h_question_tables')}")
        out.append("")
        out.append(t("question_tables_intro") + "\n")
        if any(table["parts"] for table in tables):
            out.append(t("eit_parts_named") + "\n")
        for table in tables:
            out.append(f"**{table['heading']}**")
            out.append("")
            out.append("| " + " | ".join(table["header"]) + " |")
            out.append("|" + "|".join("---:" if i in table["right"] else "---" for i in range(len(table["header"]))) + "|")
            out.extend("| " + " | ".join(_cell(c) for c in row) + " |" for row in table["rows"])
            out.append("")
    for section in analysis_sections(plan, t):
        out.append(f"### {section['heading']}")
        out.append("")
        if section.get("paragraph"):
            out.extend(line + "\n" for line in section["lines"])
            continue
        out.extend(line + "\n" for line in section.get("intro", []))
        if section.get("numbered"):
            # Arabic numbers make a Markdown list; Thai ones are not list markers, so each item is its own paragraph
            gap = "\n" if t.thai_digits else ""
            out.extend(f"{t.digits(str(i))}. {line}{gap}" for i, line in enumerate(section["numbered"], start=1))
            out.append("")
        out.extend(line + "\n" for line in section.get("notes", []))
        out.extend(f"- {line}" for line in section.get("lines", []))
        for issue in section.get("issues", []):
            out.append(f"**{issue['heading']}**")
            out.append("")
            for point, handled in zip(issue["points"], issue["handled"]):
                out.append(f"- {point}")
                if handled:  # the agency's own words on the point, under it
                    out.append(f"  - {handled}")
            out.append("")
        out.append("")
    out.append(f"## {t.digits('2.')} {t('h_measures', year=plan['plan_year'])}")
    out.append("")
    cols = [t("col_no"), t("col_measure"), t("col_method"), t("col_timeline"), t("col_evidence"), t("col_owner")]
    out.append("| " + " | ".join(cols) + " |")
    out.append("|" + "|".join(["---:", "---", "---", "---", "---", "---"]) + "|")
    for measure_row in measure_rows(plan, t):
        out.append("| " + " | ".join([measure_row["no"], "<br>".join(map(_cell, measure_cell(measure_row, t))),
                                      "<br>".join(map(_cell, measure_row["method"])), _cell(measure_row["timeline"]),
                                      "<br>".join(f"- {_cell(e)}" for e in measure_row["evidence"]),
                                      _cell(measure_row["owner"])]) + " |")
    out.append("")
    out.append(approval_line(plan, t))
    out.append("")
    for signer in signoff_roles(plan, t, ("prepared", "proposed", "approved")):
        out.append("  \n".join(signoff_lines(*signer[:3], t, dated=signer.dated)))
        out.append("")
    parts = working_notes(plan, t) if notes else []
    if parts:
        out += ["---", "", f"## {t('h_working_notes')}", ""]
        for heading, lines in parts:
            out += [f"**{heading}**", ""] + [f"- {line}" for line in lines] + [""]
    return "\n".join(out).rstrip() + "\n"
