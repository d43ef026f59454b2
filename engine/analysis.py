"""The analysis part of a plan: overall result, indicator table, strengths and weaknesses, interpretations.

Every figure comes from the scorecard and is formatted once (two decimals); every sentence comes from
the catalogue's ``texts`` so that wording stays in data. An interpretation is only ever written for a
question that is below the target, so it cannot contradict a score.
"""

from __future__ import annotations

from typing import Any

from .catalogue import Catalogue
from .findings import Finding
from .scoring import Scorecard
from .thai import fmt_score


def direction(change: float | None) -> str | None:
    if change is None:
        return None
    rounded = round(change, 2)
    return "up" if rounded > 0 else "down" if rounded < 0 else "same"


def _say(catalogue: Catalogue, key: str, **values: Any) -> str:
    return catalogue.text(key).format(**values)


def build_analysis(card: Scorecard, findings: list[Finding], measures: list[dict], maintain: list[dict],
                   catalogue: Catalogue) -> dict:
    fw = card.framework
    target = f"{card.target:g}"
    agency = card.agency.name or catalogue.text("agency_fallback")
    summary: list[str] = []
    if card.total is not None:
        sentence = _say(catalogue, "overall", agency=agency, fiscal_year=fw.fiscal_year, total=fmt_score(card.total),
                        level=card.level, label=card.label)
        if card.passed:
            sentence += " " + _say(catalogue, "overall_passed", target=target)
        else:
            sentence += " " + _say(catalogue, "overall_failed", target=target, gap=fmt_score(card.target - card.total))
        summary.append(sentence)
    tool_names = {"IIT": "IIT", "EIT": "EIT", "EIT1": catalogue.text("eit_part_1"), "EIT2": catalogue.text("eit_part_2"),
                  "OIT": "OIT"}
    tools = [{"key": k, "label": tool_names[k], "score": v, "gap": card.gaps[k]} for k, v in card.tools.items()]
    summary.append(_say(catalogue, "tools", tools=", ".join(f"{t['label']} {fmt_score(t['score'])}" for t in tools)))
    below = [_say(catalogue, "tool_below", tool=t["label"], gap=fmt_score(t["gap"])) for t in tools if t["gap"]]
    if below:
        summary.append(" ".join(below))
    if card.total_change is not None:
        d = direction(card.total_change)
        if d == "same":
            summary.append(_say(catalogue, "change_total_same", previous_year=card.previous_year,
                                previous_total=fmt_score(card.previous_total)))
        else:
            pct = card.total_relative_change * 100 if card.total_relative_change is not None else 0.0
            summary.append(_say(catalogue, "change_total", previous_year=card.previous_year,
                                previous_total=fmt_score(card.previous_total), direction=catalogue.text(d or "same"),
                                change=fmt_score(abs(card.total_change)), percent=fmt_score(abs(pct))))

    indicators = []
    for ind in card.indicators:
        d = direction(ind.change)
        indicators.append({"number": ind.number, "name": ind.name, "tool": ind.tool, "score": ind.score,
                           "previous": ind.previous, "change": ind.change, "direction": d,
                           "direction_text": catalogue.text(d) if d else None,
                           "passed": None if ind.score is None else ind.score >= card.target - 1e-9,
                           "source": ind.source})
    strengths = [_say(catalogue, "indicator_line", number=i["number"], name=i["name"], score=fmt_score(i["score"]))
                 for i in indicators if i["passed"]]
    weaknesses = [_say(catalogue, "indicator_line", number=i["number"], name=i["name"], score=fmt_score(i["score"]))
                  for i in indicators if i["passed"] is False]

    issue_by_code: dict[str, list[str]] = {}
    for m in measures:
        for code in m["codes"]:
            issue_by_code.setdefault(code, [])
            if m["issue"] not in issue_by_code[code]:
                issue_by_code[code].append(m["issue"])
    issues = []
    for ind in card.indicators:
        if ind.score is None or ind.score >= card.target - 1e-9:
            continue
        points = []
        low = [q for q in card.questions.values() if q.indicator == ind.number and q.known and q.score < card.target]
        for q in sorted(low, key=lambda q: q.score):  # type: ignore[arg-type,return-value]
            key = "weak_item" if q.tool == "OIT" and q.score == 0 else "weak_question"
            points.append({"code": q.code, "score": q.score,
                           "text": _say(catalogue, key, code=q.code, title=q.title, score=fmt_score(q.score)),
                           "issues": issue_by_code.get(q.code) or [catalogue.text("no_issue")]})
        ind_measures = [m["id"] for m in measures if ind.number in m["indicators"]]
        entry = {"number": ind.number, "name": ind.name, "score": ind.score,
                 "heading": _say(catalogue, "weak_indicator", number=ind.number, name=ind.name,
                                 score=fmt_score(ind.score), gap=fmt_score(card.target - ind.score)),
                 "points": points, "measures": ind_measures}
        if ind.source == "given":
            entry["note"] = catalogue.text("given_only")
            entry["issues"] = list(dict.fromkeys(m["issue"] for m in measures if ind.number in m["indicators"]))
        issues.append(entry)
    return {
        "summary": summary,
        "tools": tools,
        "indicators": indicators,
        "strengths_heading": _say(catalogue, "strengths", target=target),
        "strengths": strengths or [catalogue.text("none")],
        "weaknesses_heading": _say(catalogue, "weaknesses", target=target),
        "weaknesses": weaknesses or [catalogue.text("none")],
        "issues": issues,
        "maintain": [{"indicator": m["indicator"], "statement": m["statement"]} for m in maintain],
    }
