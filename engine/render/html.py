"""A self-contained HTML report: the analysis, the indicator chart and the measures."""

from __future__ import annotations

from html import escape

from .common import Texts, indicator_rows, measure_rows, title_lines

CSS = """
body{font-family:'TH Sarabun New','TH SarabunPSK',Sarabun,Laksaman,Tahoma,sans-serif;font-size:18px;
margin:2em auto;max-width:1100px;color:#222;line-height:1.5}
h1{font-size:28px;text-align:center;margin-bottom:0}p.sub{text-align:center;font-weight:bold;margin:0}
h2{font-size:24px;border-bottom:2px solid #1565c0;margin-top:1.5em}h3{font-size:20px}
table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{border:1px solid #999;padding:4px 6px;
vertical-align:top}th{background:#ddebf7}td.n{text-align:right;white-space:nowrap}
.bar{background:#eee;position:relative;height:14px;width:220px}.bar span{display:block;height:14px}
.bar i{position:absolute;top:-3px;bottom:-3px;border-left:2px dashed #1565c0}
.up{color:#2e7d32}.down{color:#c62828}.chart svg{width:100%;height:auto}ol{margin:0;padding-left:1.2em}
"""


def _css_bars(plan: dict, t: Texts) -> str:
    target = plan["scores"]["target"]
    rows = []
    for ind in plan["analysis"]["indicators"]:
        score = ind["score"] or 0
        colour = "#2e7d32" if score >= target else "#c62828"
        rows.append(f"<tr><td class=n>{t.digits(str(ind['number']))}</td><td>{escape(ind['name'])}</td>"
                    f"<td><div class=bar><span style='width:{score:.1f}%;background:{colour}'></span>"
                    f"<i style='left:{target:.0f}%'></i></div></td><td class=n>{t.score(ind['score'])}</td></tr>")
    return "<table>" + "".join(rows) + "</table>"


def render_html(plan: dict, t: Texts) -> str:
    from .chart import chart_available, indicator_chart_svg

    head = title_lines(plan, t)
    out = ["<!doctype html><html lang=th><head><meta charset=utf-8>",
           f"<title>{escape(head[0])}</title><style>{CSS}</style></head><body>",
           f"<h1>{escape(head[0])}</h1>"]
    out += [f"<p class=sub>{escape(line)}</p>" for line in head[1:]]
    a = plan["analysis"]
    out.append(f"<h2>1. {escape(t('h_analysis', year=plan['fiscal_year']))}</h2>")
    out += [f"<p>{escape(t.digits(s))}</p>" for s in a["summary"]]
    prev_year = (plan["scores"].get("previous") or {}).get("fiscal_year")
    labels = {"title": t("chart_title"), "this_year": t("chart_this_year", year=plan["fiscal_year"]),
              "last_year": t("chart_this_year", year=prev_year) if prev_year else "",
              "target": t("chart_target", target=f"{plan['scores']['target']:g}")}
    chart = indicator_chart_svg(plan, labels, t.thai_digits) if chart_available() else _css_bars(plan, t)
    out.append(f"<div class=chart>{chart}</div>")
    out.append(f"<h3>1.1 {escape(t('h_indicator_table'))}</h3><table><tr>")
    cols = [t("col_no"), t("col_indicator"), t("col_score", year=plan["fiscal_year"]),
            t("col_score", year=prev_year) if prev_year else "–", t("col_change"), t("col_result")]
    out += [f"<th>{escape(c)}</th>" for c in cols] + ["</tr>"]
    for ind, row in zip(a["indicators"], indicator_rows(plan, t)):
        cls = {"up": " up", "down": " down"}.get(ind.get("direction") or "", "")
        out.append("<tr>" + "".join(f"<td class='n{cls if i == 4 else ''}'>{escape(v)}</td>" if i in (0, 2, 3, 4)
                                    else f"<td>{escape(v)}</td>" for i, v in enumerate(row)) + "</tr>")
    out.append("</table>")
    for heading, items in ((a["strengths_heading"], a["strengths"]), (a["weaknesses_heading"], a["weaknesses"])):
        out.append(f"<h3>{escape(t.digits(heading))}</h3><ul>" + "".join(f"<li>{escape(t.digits(s))}</li>"
                                                                        for s in items) + "</ul>")
    if a["issues"]:
        out.append(f"<h3>{escape(t('h_issues'))}</h3>")
        for issue in a["issues"]:
            out.append(f"<p><b>{escape(t.digits(issue['heading']))}</b></p><ul>")
            out += [f"<li>{escape(t.digits(p['text']))}: {escape(' '.join(p['issues']))}</li>" for p in issue["points"]]
            out += [f"<li>{escape(text)}</li>" for text in issue.get("issues", [])]
            out.append("</ul>")
    out.append(f"<h2>2. {escape(t('h_measures', year=plan['plan_year']))}</h2><table><tr>")
    cols = [t("col_no"), t("col_measure"), t("col_method"), t("col_timeline"), t("col_evidence"), t("col_owner")]
    out += [f"<th>{escape(c)}</th>" for c in cols] + ["</tr>"]
    for row in measure_rows(plan, t):
        codes = f"<br><small>({escape(t('col_codes'))}: {escape(row['codes'])})</small>" if row["codes"] else ""
        out.append(f"<tr><td class=n>{row['no']}</td><td>{escape(row['title'])}{codes}</td>"
                   f"<td>{'<br>'.join(escape(s) for s in row['method'])}</td><td>{escape(row['timeline'])}</td>"
                   f"<td>{'<br>'.join('- ' + escape(e) for e in row['evidence'])}</td><td>{escape(row['owner'])}</td></tr>")
    out.append("</table></body></html>\n")
    return "\n".join(out)
