"""A self-contained HTML report: the analysis, the indicator chart and the measures."""

from __future__ import annotations

import base64
from functools import lru_cache
from html import escape
from pathlib import Path

from itaplan.content.texts import Texts
from itaplan.drafting.model import Plan
from itaplan.render.chart import chart_available, chart_labels, indicator_chart_svg
from itaplan.render.common import (
    analysis_sections,
    question_tables,
    working_notes,
    year_table,
    has_previous,
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

CSS = """
body{font-family:'TH Sarabun New',Sarabun,sans-serif;font-size:18px;font-size-adjust:.5;margin:2em auto;
max-width:1100px;color:#222;line-height:1.6;padding:0 1em;overflow-wrap:break-word}
h1{font-size:26px;text-align:center;margin-bottom:0}p.sub{text-align:center;font-weight:bold;margin:0}
h2{font-size:22px;border-bottom:2px solid #1565c0;margin-top:1.5em}h3{font-size:19px}
table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{border:1px solid #999;padding:4px 6px;
vertical-align:top}th{background:#ddebf7}td.n{text-align:right;white-space:nowrap}
.bar{background:#eee;position:relative;height:14px;width:220px}.bar span{display:block;height:14px}
.bar i{position:absolute;top:-3px;bottom:-3px;border-left:2px dashed #1565c0}
.up{color:#2e7d32}.down{color:#c62828}.chart{max-width:760px;margin:1em auto}.chart svg{width:100%;height:auto}
ol{margin:0;padding-left:1.2em}small{font-size:16px;color:#333}
.wide{overflow-x:auto}p.date{text-align:center;margin:.3em 0}.signoff p{text-align:center;margin:1.5em 0}
@media (max-width:700px){body{font-size:17px;margin:1em auto;padding:0 .5em}td,th{padding:3px}
.wide table{min-width:36em}.wide table.years,.wide table.questions{min-width:0}}
@media print{@page{size:A4;margin:2.5cm 2cm 2cm 3cm}body{max-width:none;margin:0;padding:0;font-size:11pt}
h2{break-after:avoid}h3{break-after:avoid}tr,li{break-inside:avoid}thead{display:table-header-group}
.wide{overflow:visible}.measures{page:landscape}}
@page landscape{size:A4 landscape}
"""


def _css_bars(plan: Plan, t: Texts) -> str:
    target = plan["scores"]["target"]
    rows = []
    for ind in plan["analysis"]["indicators"]:
        score = ind["score"] or 0
        colour = "#2e7d32" if score >= target else "#c62828"
        rows.append(f"<tr><td class=n>{t.digits(str(ind['number']))}</td><td>{escape(ind['name'])}</td>"
                    f"<td><div class=bar><span style='width:{score:.1f}%;background:{colour}'></span>"
                    f"<i style='left:{target:.0f}%'></i></div></td><td class=n>{t.score(ind['score'])}</td></tr>")
    return "<div class=wide><table>" + "".join(rows) + "</table></div>"


@lru_cache(maxsize=1)
def font_faces() -> str:
    """The bundled Sarabun (SIL Open Font License, from fontpkg-sarabun) as @font-face rules, so that the page
    shows Thai in its own font where no Thai font is installed. Empty when the package is not there."""
    try:
        import fontpkg_sarabun  # type: ignore[import-not-found]
    except ImportError:
        return ""
    folder = Path(fontpkg_sarabun.__file__).parent / "files"
    rules = []
    for weight, name in ((400, "Sarabun-Regular.ttf"), (700, "Sarabun-Bold.ttf")):
        if (folder / name).exists():
            data = base64.b64encode((folder / name).read_bytes()).decode("ascii")
            rules.append(f"@font-face{{font-family:'Sarabun';font-weight:{weight};font-style:normal;"
                         f"src:url(data:font/ttf;base64,{data}) format('truetype')}}")
    return "\n".join(rules)


def render_html(plan: Plan, t: Texts, notes: bool = False) -> str:
    head = title_lines(plan, t)
    out = ["<!doctype html><html lang=th><head><meta charset=utf-8>",
           "<meta name=viewport content='width=device-width, initial-scale=1'>",
           f"<title>{escape(head[0])}</title><style>{font_faces()}\n{CSS}</style></head><body>",
           f"<h1>{escape(head[0])}</h1>"]
    out += [f"<p class=sub>{escape(line)}</p>" for line in head[1:]]
    out += [f"<p class=date>{escape(line)}</p>" for line in cover_lines(plan, t)]
    out.append(f"<p class=date>{escape(issued_line(plan, t))}</p>")
    a = plan["analysis"]
    out.append(f"<h2>{t.digits('1.')} {escape(t('h_analysis', year=plan['fiscal_year']))}</h2>")
    out += [f"<p>{escape(t.digits(s))}</p>" for s in a["summary"]]
    header, years = year_table(plan, t)
    out.append(f"<p class=qt><b>{escape(t('year_table_caption'))}</b></p><div class=wide><table class=years><tr>")
    out += [f"<th>{escape(c)}</th>" for c in header] + ["</tr>"]
    out += ["<tr>" + "".join(f"<td class=n>{escape(v)}</td>" if i == 1 else f"<td>{escape(v)}</td>"
                             for i, v in enumerate(row)) + "</tr>" for row in years]
    out.append("</table></div>")
    chart = indicator_chart_svg(plan, chart_labels(plan, t), t.thai_digits) if chart_available() else _css_bars(plan, t)
    out.append(f"<div class=chart>{chart}</div>")
    out.append(f"<h3>{t.digits('1.1')} {escape(t('h_indicator_table'))}</h3><div class=wide><table><tr>")
    out += [f"<th>{escape(c)}</th>" for c in indicator_header(plan, t)] + ["</tr>"]
    numeric = {0, 2, 3, 4} if has_previous(plan) else {0, 2}
    for ind, row in zip(a["indicators"], indicator_rows(plan, t)):
        cls = {"up": " up", "down": " down"}.get(ind.get("direction") or "", "")
        out.append("<tr>" + "".join(f"<td class='n{cls if i == 4 else ''}'>{escape(v)}</td>" if i in numeric
                                    else f"<td>{escape(v)}</td>" for i, v in enumerate(row)) + "</tr>")
    out.append("</table></div>")
    tables = question_tables(plan, t)
    if tables:
        out.append(f"<h3>{t.digits('1.2')} {escape(t('h_question_tables'))}</h3>")
        out.append(f"<p>{escape(t('question_tables_intro'))}</p>")
        if any(table["parts"] for table in tables):
            out.append(f"<p>{escape(t('eit_parts_named'))}</p>")
        for table in tables:
            out.append(f"<p class=qt><b>{escape(table['heading'])}</b></p><div class=wide><table class=questions><tr>")
            out += [f"<th>{escape(c)}</th>" for c in table["header"]] + ["</tr>"]
            for row in table["rows"]:
                out.append("<tr>" + "".join(f"<td class=n>{escape(v)}</td>" if i in table["right"]
                                            else f"<td>{escape(v)}</td>" for i, v in enumerate(row)) + "</tr>")
            out.append("</table></div>")
    for section in analysis_sections(plan, t):
        out.append(f"<h3>{escape(section['heading'])}</h3>")
        out += [f"<p>{escape(line)}</p>" for line in section.get("intro", [])]
        if section.get("numbered"):
            out.append("<ol class=ranked>" + "".join(f"<li>{escape(line)}</li>" for line in section["numbered"]) + "</ol>")
        out += [f"<p>{escape(line)}</p>" for line in section.get("notes", [])]
        if section.get("paragraph"):
            out += [f"<p>{escape(line)}</p>" for line in section["lines"]]
        elif section.get("lines"):
            out.append("<ul>" + "".join(f"<li>{escape(line)}</li>" for line in section["lines"]) + "</ul>")
        for issue in section.get("issues", []):
            out.append(f"<p><b>{escape(issue['heading'])}</b></p><ul>")
            out += [f"<li>{escape(point)}" + (f"<br><span class=handled>{escape(handled)}</span>" if handled else "")
                    + "</li>" for point, handled in zip(issue["points"], issue["handled"])]
            out.append("</ul>")
    out.append(f"<div class='measures wide'><h2>{t.digits('2.')} {escape(t('h_measures', year=plan['plan_year']))}</h2>"
               "<table><thead><tr>")
    cols = [t("col_no"), t("col_measure"), t("col_method"), t("col_timeline"), t("col_evidence"), t("col_owner")]
    out += [f"<th>{escape(c)}</th>" for c in cols] + ["</tr></thead><tbody>"]
    for measure_row in measure_rows(plan, t):
        cell = measure_cell(measure_row, t)
        first = escape(cell[0]) + "".join(f"<br><small>{escape(line)}</small>" for line in cell[1:])
        out.append(f"<tr><td class=n>{measure_row['no']}</td><td>{first}</td>"
                   f"<td>{'<br>'.join(escape(s) for s in measure_row['method'])}</td><td>{escape(measure_row['timeline'])}</td>"
                   f"<td>{'<br>'.join('- ' + escape(e) for e in measure_row['evidence'])}</td><td>{escape(measure_row['owner'])}</td></tr>")
    out.append("</tbody></table></div>")
    out.append(f"<p>{escape(approval_line(plan, t))}</p>")
    out.append("<div class=signoff>")
    for signer in signoff_roles(plan, t, ("prepared", "proposed", "approved")):
        out.append(f"<p>{'<br>'.join(escape(line) for line in signoff_lines(*signer[:3], t, dated=signer.dated))}</p>")
    out.append("</div>")
    parts = working_notes(plan, t) if notes else []
    if parts:
        out.append(f"<section class=notes><h2>{escape(t('h_working_notes'))}</h2>")
        for heading, lines in parts:
            out.append(f"<p><b>{escape(heading)}</b></p><ul>" + "".join(f"<li>{escape(x)}</li>" for x in lines) + "</ul>")
        out.append("</section>")
    out.append("</body></html>\n")
    return "\n".join(out)
