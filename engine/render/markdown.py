"""The plan as Markdown, for review and version control."""

from __future__ import annotations

from .common import Texts, indicator_rows, measure_rows, title_lines


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def render_markdown(plan: dict, t: Texts) -> str:
    out: list[str] = []
    head = title_lines(plan, t)
    out.append(f"# {head[0]}")
    out.extend(f"**{line}**  " for line in head[1:])
    out.append("")
    a = plan["analysis"]
    out.append(f"## 1. {t('h_analysis', year=plan['fiscal_year'])}")
    out.append("")
    out.extend(t.digits(s) + "\n" for s in a["summary"])
    out.append(f"### 1.1 {t('h_indicator_table')}")
    out.append("")
    prev_year = (plan["scores"].get("previous") or {}).get("fiscal_year")
    cols = [t("col_no"), t("col_indicator"), t("col_score", year=plan["fiscal_year"]),
            t("col_score", year=prev_year) if prev_year else "–", t("col_change"), t("col_result")]
    out.append("| " + " | ".join(cols) + " |")
    out.append("|" + "|".join(["---:", "---", "---:", "---:", "---:", "---"]) + "|")
    for row in indicator_rows(plan, t):
        out.append("| " + " | ".join(_cell(c) for c in row) + " |")
    out.append("")
    out.append(f"### 1.2 {a['strengths_heading']}")
    out.append("")
    out.extend(f"- {t.digits(s)}" for s in a["strengths"])
    out.append("")
    out.append(f"### 1.3 {a['weaknesses_heading']}")
    out.append("")
    out.extend(f"- {t.digits(s)}" for s in a["weaknesses"])
    out.append("")
    if a["issues"]:
        out.append(f"### 1.4 {t('h_issues')}")
        out.append("")
        for issue in a["issues"]:
            out.append(f"**{t.digits(issue['heading'])}**")
            out.append("")
            if issue.get("note"):
                out.append(t.digits(issue["note"]))
                out.append("")
                out.extend(f"- {t.digits(text)}" for text in issue.get("issues", []))
            for point in issue["points"]:
                out.append(f"- {t.digits(point['text'])}: {t.digits(' '.join(point['issues']))}")
            out.append("")
    if a.get("maintain"):
        out.append(f"### 1.5 {t('h_maintain')}")
        out.append("")
        names = {i["number"]: i["name"] for i in a["indicators"]}
        for m in a["maintain"]:
            label = t("indicator_name", number=m["indicator"], name=names.get(m["indicator"], ""))
            out.append(f"- {label}: {t.digits(m['statement'])}")
        out.append("")
    out.append(f"## 2. {t('h_measures', year=plan['plan_year'])}")
    out.append("")
    cols = [t("col_no"), t("col_measure"), t("col_method"), t("col_timeline"), t("col_evidence"), t("col_owner")]
    out.append("| " + " | ".join(cols) + " |")
    out.append("|" + "|".join(["---:", "---", "---", "---", "---", "---"]) + "|")
    for row in measure_rows(plan, t):
        title = f"{row['title']}<br>({t('col_codes')}: {row['codes']})" if row["codes"] else row["title"]
        out.append("| " + " | ".join([row["no"], _cell(title), "<br>".join(map(_cell, row["method"])),
                                      _cell(row["timeline"]), "<br>".join(f"- {_cell(e)}" for e in row["evidence"]),
                                      _cell(row["owner"])]) + " |")
    out.append("")
    out.append(f"## 3. {t('h_provenance')}")
    out.append("")
    for row in measure_rows(plan, t):
        m = row["measure"]
        reasons = "; ".join(c for p in m.get("provenance", []) for c in p.get("conditions", []))
        rules = ", ".join(m.get("rules", []))
        out.append(f"- {row['no']}. {row['title']}: {t('because')} {t.digits(reasons)} (rules: {rules})")
    notes = list(plan.get("warnings", [])) + list(plan.get("assumptions", []))
    if notes:
        out.append("")
        out.append(f"## {t('h_notes')}")
        out.append("")
        out.extend(f"- {n}" for n in notes)
    return "\n".join(out).rstrip() + "\n"
