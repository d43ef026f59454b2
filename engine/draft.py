"""Findings + catalogue + agency profile -> a Plan (plain data: the analysis, measures and provenance)."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from . import __version__
from .analysis import build_analysis
from .catalogue import PLACEHOLDER, Catalogue, Recommendation
from .evaluate import PureEvaluator
from .findings import Finding
from .framework import builtin_years, load_framework, report_target
from .scoring import Scorecard
from .thai import MONTHS_ABBR, NBSP, fiscal_year_months


def timeline_text(months: dict[str, int], plan_year: int, catalogue: Catalogue) -> str:
    first, last = months["from"], months["to"]
    span = fiscal_year_months(plan_year)
    (m1, y1), (m2, y2) = span[first - 1], span[last - 1]
    dates = f"{MONTHS_ABBR[m1 - 1]}{NBSP}{y1} – {MONTHS_ABBR[m2 - 1]}{NBSP}{y2}" if first != last else \
        f"{MONTHS_ABBR[m1 - 1]}{NBSP}{y1}"
    if first == 1 and last == 12:
        return f"{catalogue.text('whole_year').format(year=plan_year)} ({dates})"
    return dates


def fill(value: Any, context: dict[str, str]) -> Any:
    """Replace the known {placeholders} in catalogue text (and nothing else)."""
    if isinstance(value, str):
        return PLACEHOLDER.sub(lambda m: context.get(m.group(1), m.group(0)), value)
    if isinstance(value, list):
        return [fill(v, context) for v in value]
    if isinstance(value, dict):
        return {k: fill(v, context) for k, v in value.items()}
    return value


def _project(data: dict | None, rec_id: str, card: Scorecard, ctx: dict[str, str]) -> dict:
    """The catalogue's project fields, filled; the agency's own budget for the measure wins over the catalogue's."""
    project = fill(dict(data or {}), ctx)
    if rec_id in card.agency.budgets:
        project["budget"] = card.agency.budgets[rec_id]
        project["budget_source"] = "agency"
    elif "budget" in project:
        project["budget_source"] = "catalogue"
    return project


def owner_name(role: str, card: Scorecard, catalogue: Catalogue) -> str:
    return card.agency.departments.get(role) or catalogue.owners.get(role) or role


def _code_order(code: str) -> tuple[int, int]:
    return ("ieo".index(code[0].lower()), int(code[1:]))


def draft(card: Scorecard, findings: list[Finding], catalogue: Catalogue, *, plan_year: int | None = None,
          evaluator: str = "pure", rules_fingerprint: str = "", today: _dt.date | None = None) -> dict:
    fw = card.framework
    plan_year = plan_year or fw.fiscal_year + 1
    agency_name = card.agency.name or catalogue.text("agency_fallback")
    measures: dict[str, dict] = {}
    maintain: dict[str, dict] = {}
    for finding in findings:
        for rec_id in finding.propose:
            rec = catalogue.recommendations.get(rec_id)
            if rec is None:
                continue
            entry = (maintain if rec.kind == "maintain" else measures).setdefault(rec_id, {
                "rec": rec, "codes": {}, "indicators": set(), "rules": [], "provenance": [], "priority": 100})
            for fact in finding.facts:
                if "code" in fact:
                    entry["codes"].setdefault(fact["code"], set()).add(fact.get("part", 0))
                    entry["indicators"].add(fw.questions[fact["code"]].indicator)
                elif fact["kind"] == "indicator" or fact.get("subject") == "indicator":
                    entry["indicators"].add(fact["number"])
            if finding.rule_id not in entry["rules"]:
                entry["rules"].append(finding.rule_id)
                entry["provenance"].append(finding.to_dict())
            entry["priority"] = min(entry["priority"], finding.priority)

    context = {"agency": agency_name, "agency_type": card.agency.type or catalogue.text("agency_fallback"), "plan_year": str(plan_year),
               "fiscal_year": str(fw.fiscal_year),
               "staff_count": catalogue.text("staff_count").format(staff=card.agency.staff) if card.agency.staff else ""}
    out_measures = []
    for rec_id, entry in measures.items():
        rec: Recommendation = entry["rec"]
        codes = sorted(entry["codes"], key=_code_order)
        indicators = sorted(entry["indicators"]) or list(rec.indicators)
        items = "; ".join(f"{c} {fw.questions[c].title}" for c in codes) or \
            ", ".join(catalogue.text("indicator_name").format(number=n, name=fw.indicator(n).name) for n in indicators)
        ctx = {**context, "items": items}
        parts = {c: sorted(p for p in entry["codes"][c] if p) for c in codes if any(entry["codes"][c])}
        data = rec.data
        role = data.get("owner", "all")
        out_measures.append({
            "id": rec_id,
            "indicator": indicators[0],
            "indicators": indicators,
            "codes": codes,
            **({"parts": parts} if parts else {}),
            "title": fill(rec.title, ctx),
            "issue": fill(data.get("issue", ""), ctx),
            "recommendation": fill(data.get("recommendation", ""), ctx),
            "method": fill(list(data.get("method", [])), ctx),
            "timeline": timeline_text(data["timeline"], plan_year, catalogue),
            "months": dict(data["timeline"]),
            "evidence": fill(list(data.get("evidence", [])), ctx),
            "owner": owner_name(role, card, catalogue),
            "owner_role": role,
            "dimension": data.get("dimension"),
            "priority": entry["priority"],
            "_order": (indicators[0] if codes or len(indicators) == 1 else 11, entry["priority"],
                       _code_order(codes[0]) if codes else (9, 0), rec_id),
            "rules": entry["rules"],
            "provenance": entry["provenance"],
            "status": "proposed",
            "note": "",
            **({"project": _project(data.get("project"), rec_id, card, ctx)}
               if data.get("project") or rec_id in card.agency.budgets else {}),
        })
    out_measures.sort(key=lambda m: m.pop("_order"))
    warnings = list(card.warnings)
    unused = sorted(set(card.agency.budgets) - {m["id"] for m in out_measures})
    if unused:
        warnings.append(f"agency.budgets names measures that are not in this plan: {', '.join(unused)}")
    out_maintain = []
    for rec_id, entry in maintain.items():
        rec = entry["rec"]
        for number in sorted(entry["indicators"]) or list(rec.indicators):
            out_maintain.append({"id": rec_id, "indicator": number, "title": fill(rec.title, context),
                                 "statement": fill(rec.data.get("statement", ""), context), "rules": entry["rules"]})
    out_maintain.sort(key=lambda m: m["indicator"])

    plan_fw = load_framework(plan_year) if plan_year in builtin_years() else None
    item = plan_fw.measures_item if plan_fw else None
    report = report_target(plan_year)
    assumptions = list(card.assumptions)
    if report.assumption:
        assumptions.append(f"report item: {report.assumption}")
    plan = {
        "itaplan": {"version": __version__, "document": "plan", "evaluator": evaluator, "rules": rules_fingerprint,
                    "drafted": (today or _dt.date.today()).isoformat(), "source": card.source},
        "framework": fw.name,
        "fiscal_year": fw.fiscal_year,
        "plan_year": plan_year,
        "answers_item": item,
        "report_item": report.item,
        "report_year": report.year,
        "agency": card.agency.to_dict() or {"name": agency_name},
        "scores": card.to_dict(),
        "analysis": build_analysis(card, findings, out_measures, out_maintain, catalogue),
        "measures": out_measures,
        "maintain": out_maintain,
        "warnings": warnings,
        "assumptions": assumptions,
    }
    return plan


def draft_results(card: Scorecard, ruleset: Any, catalogue: Catalogue, evaluator: Any = None,
                  plan_year: int | None = None) -> dict:
    evaluator = evaluator or PureEvaluator(ruleset)
    findings = evaluator.evaluate(card)
    return draft(card, findings, catalogue, plan_year=plan_year, evaluator=evaluator.name,
                 rules_fingerprint=ruleset.fingerprint)
