"""The report on a plan's measures (รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส).

Built from the plan file and the progress recorded on it; every figure in it is a count of the plan's
measures, and every measure that is not done is listed with its status and the reason given (or the
plain statement that none was given). The dict returned by :func:`build_report` is the JSON contract;
the Word and Markdown files are rendered from it.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from . import __version__
from .plan import active_measures
from .progress import STATUS_KEYS, STATUSES, progress_of
from .render.common import Texts, codes_text
from .thai import fmt_date

SUGGESTION_KEYS = {"done": "suggest_done", "in progress": "suggest_in_progress",
                   "not started": "suggest_not_started", "dropped": "suggest_dropped"}


def _period(p: dict, t: Texts) -> str:
    started = fmt_date(p["started"], t.thai_digits, full=False) if p["started"] else None
    finished = fmt_date(p["finished"], t.thai_digits, full=False) if p["finished"] else None
    if started and finished:
        return t("report_period", start=started, end=finished)
    if finished:
        return t("report_finished_on", date=finished)
    if started:
        return t("report_started_on", date=started)
    return ""


def _percent(part: int, whole: int) -> float | None:
    return None if whole == 0 else round(100 * part / whole, 2)


def build_report(plan: dict, t: Texts, as_of: _dt.date | None = None) -> dict[str, Any]:
    measures = active_measures(plan)
    agency = plan["agency"].get("name", "")
    rows = []
    for number, m in enumerate(measures, start=1):
        p = progress_of(m)
        drafted = not p["suggestion"]
        rows.append({
            "no": number, "id": m["id"], "title": m["title"], "indicator": m["indicator"], "codes": m["codes"],
            "codes_text": codes_text(m, t), "method": m["method"], "timeline": m["timeline"], "owner": m["owner"],
            "evidence": m["evidence"], "status": p["status"], "status_text": t(STATUS_KEYS[p["status"]]),
            "done": p["done"], "outcome": p["outcome"], "links": p["links"], "started": p["started"],
            "finished": p["finished"], "period_text": _period(p, t),
            "suggestion": p["suggestion"] or t(SUGGESTION_KEYS[p["status"]]), "suggestion_drafted": drafted,
            "note": m.get("note") or "",
        })
    count = {status: sum(1 for r in rows if r["status"] == status) for status in STATUSES}
    total = len(rows)
    summary = {"measures": total, "done": count["done"], "in_progress": count["in progress"],
               "not_started": count["not started"], "dropped": count["dropped"],
               "percent_done": _percent(count["done"], total)}
    scores = plan["scores"]
    total_score = "–" if scores.get("total") is None else t.score(scores["total"])
    sentences = [t("report_basis", agency=agency, fiscal_year=plan["fiscal_year"], total=total_score,
                   level=scores.get("level") or "–", plan_year=plan["plan_year"], count=total)]
    if total == 0:
        sentences.append(t("report_no_measures"))
    elif count["done"] == total:
        sentences.append(t("report_all_done", count=total))
    else:
        sentences.append(t("report_summary", done=count["done"], percent=t.score(summary["percent_done"]),
                           in_progress=count["in progress"], not_started=count["not started"],
                           dropped=count["dropped"]))
    not_done = []
    for r in rows:
        if r["status"] == "done":
            continue
        reason = t("report_reason", note=r["note"]) if r["note"] else t("report_no_reason")
        not_done.append({"no": r["no"], "id": r["id"], "title": r["title"], "status": r["status"],
                         "status_text": r["status_text"], "reason": r["note"],
                         "text": t("report_not_done_item", no=r["no"], title=r["title"], status=r["status_text"],
                                   reason=reason)})
    updated = (plan.get("progress") or {}).get("updated")
    as_of_date = as_of or (_dt.date.fromisoformat(updated) if updated else _dt.date.today())
    assumptions = [a for a in plan.get("assumptions", []) if a.startswith("report item:")]
    if not any(r["status"] != "not started" or r["done"] for r in rows):
        assumptions.append("progress: no progress is recorded on this plan yet (run `itaplan progress PLAN`); "
                           "every measure is reported as not started")
    return {
        "itaplan": {"version": __version__, "document": "report", "made": _dt.date.today().isoformat()},
        "title": t("report_title", year=plan["plan_year"]),
        "agency": plan["agency"],
        "fiscal_year": plan["fiscal_year"],
        "plan_year": plan["plan_year"],
        "report_item": plan.get("report_item"),
        "report_year": plan.get("report_year"),
        "as_of": as_of_date.isoformat(),
        "summary": summary,
        "sentences": sentences,
        "measures": rows,
        "not_done": not_done,
        "assumptions": assumptions,
    }


def title_lines(report: dict, t: Texts) -> list[str]:
    agency = report["agency"]
    place = " ".join(x for x in (agency.get("district"), agency.get("province")) if x)
    lines = [report["title"], agency.get("name", ""), t.digits(place)]
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


def _md(text: str) -> str:
    return " ".join(text.split("\n"))


def render_report_markdown(report: dict, t: Texts) -> str:
    head = title_lines(report, t)
    out = [f"# {head[0]}"]
    out.extend(f"**{line}**  " for line in head[1:])
    out.append("")
    out.append(f"## 1. {t('report_h_summary')}")
    out.append("")
    out.extend(t.digits(s) + "\n" for s in report["sentences"])
    if report["not_done"]:
        out.append(f"### {t('report_h_not_done')}")
        out.append("")
        out.extend(f"- {t.digits(item['text'])}" for item in report["not_done"])
        out.append("")
    out.append(f"## 2. {t('report_h_results')}")
    out.append("")
    for row in report["measures"]:
        out.append(f"### {t.digits(str(row['no']))}. {row['title']}")
        out.append("")
        if row["codes_text"]:
            out.append(f"- **{t('col_codes')}:** {row['codes_text']}")
        out.append(f"- **{t('col_method')}:**")
        out.extend(f"  {t.digits(str(i))}. {t.digits(step)}" for i, step in enumerate(row["method"], start=1))
        out.append(f"- **{t('col_timeline')}:** {t.digits(row['timeline'])}")
        out.append(f"- **{t('col_owner')}:** {row['owner']}")
        result = result_lines(row, t)
        out.append(f"- **{t('report_col_result')}:** {result[0]}")
        out.extend(f"  - {_md(line)}" for line in result[1:])
        out.append(f"- **{t('col_outcome')}:** " + (_md(t.digits(row["outcome"])) if row["outcome"] else "–"))
        if row["links"]:
            out.append(f"- **{t('report_evidence')}:**")
            out.extend(f"  - {link}" for link in row["links"])
        out.append(f"- **{t('report_col_suggestion')}:** {t.digits(row['suggestion'])}")
        out.append("")
    if report["assumptions"]:
        out.append(f"## {t('h_notes')}")
        out.append("")
        out.extend(f"- {a}" for a in report["assumptions"])
    return "\n".join(out).rstrip() + "\n"


def render_report_docx(report: dict, t: Texts, font: str = "TH Sarabun New") -> bytes:
    from .render.docx import WordWriter

    w = WordWriter(t, font)
    head = title_lines(report, t)
    w.para(head[0], bold=True, size=20, align="center")
    for line in head[1:]:
        w.para(line, bold=True, align="center")
    w.heading(t.digits("1. ") + t("report_h_summary"))
    for sentence in report["sentences"]:
        w.para(t.digits(sentence), first_line_cm=1.25, align="thai")
    s = report["summary"]
    header = [t("report_col_status"), t("report_col_count"), t("report_col_percent")]
    rows = []
    for status, key in (("done", "done"), ("in progress", "in_progress"), ("not started", "not_started"),
                        ("dropped", "dropped")):
        rows.append([t(STATUS_KEYS[status]), t.digits(str(s[key])), t.score(_percent(s[key], s["measures"]))])
    rows.append([t("report_total"), t.digits(str(s["measures"])), t.score(100.0 if s["measures"] else None)])
    w.table(header, rows, [6.0, 3.0, 3.0], size=16, align_right={1, 2})
    if report["not_done"]:
        w.heading(t.digits("1.1 ") + t("report_h_not_done"))
        for item in report["not_done"]:
            w.para(t.digits(item["text"]), indent_cm=1.5, first_line_cm=-0.5, align="thai")
    w.landscape_section()
    w.heading(t.digits("2. ") + t("report_h_results"))
    header = [t("col_no"), t("col_measure"), t("col_method"), t("col_timeline"), t("col_owner"),
              t("report_col_result"), t("report_col_outcome"), t("report_col_suggestion")]
    rows = []
    for row in report["measures"]:
        title = [row["title"]] + ([f"({t('col_codes')}: {row['codes_text']})"] if row["codes_text"] else [])
        rows.append([t.digits(str(row["no"])), title,
                     [t.digits(f"{i}. {step}") for i, step in enumerate(row["method"], start=1)],
                     t.digits(row["timeline"]), row["owner"], result_lines(row, t), outcome_lines(row, t),
                     t.digits(row["suggestion"])])
    w.table(header, rows, [0.9, 3.6, 5.4, 2.3, 2.5, 3.8, 3.4, 2.8], size=14, align_right={0})
    w.para(t("report_signature"), align="center", space_before=24)
    w.para(t("report_signature_name"), align="center")
    w.para(t("report_signature_position"), align="center")
    return w.bytes()


def render_report(plan: dict, fmt: str, t: Texts, *, font: str = "TH Sarabun New",
                  as_of: _dt.date | None = None) -> str | bytes:
    report = build_report(plan, t, as_of)
    if fmt == "json":
        import json

        return json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    if fmt == "md":
        return render_report_markdown(report, t)
    if fmt == "docx":
        return render_report_docx(report, t, font)
    raise ValueError(fmt)
