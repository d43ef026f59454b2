"""Project cards (โครงการ/กิจกรรม) for the measures of a plan, in the Word file.

A card takes the catalogue's ``project`` fields when a measure has them; otherwise each field is
drafted from the measure itself with the sentences in settings.yaml, so every card is complete.
"""

from __future__ import annotations

from typing import Any

from .common import Texts


def card_fields(measure: dict, plan: dict, t: Texts) -> dict[str, Any]:
    project = measure.get("project") or {}
    agency = plan["agency"].get("name", "")
    budget = project.get("budget")
    budget_text = t("card_no_budget") if not budget else t("card_budget_baht", amount=f"{budget:,.2f}")
    dimension = measure.get("dimension")
    dimension_name = t.catalogue.dimensions.get(str(dimension), "") if dimension else ""
    return {
        "name": project.get("name") or measure["title"],
        "rationale": project.get("rationale") or t.catalogue.text("card_default_rationale").format(
            issue=measure.get("issue", ""), title=measure["title"], recommendation=measure.get("recommendation", "")),
        "objectives": project.get("objectives") or [t("card_default_objective")],
        "target_group": project.get("target_group") or t.catalogue.text("card_default_target_group").format(
            agency=agency),
        "method": measure["method"],
        "period": measure["timeline"],
        "budget": budget_text,
        "owner": measure["owner"],
        "outputs": project.get("outputs") or measure["evidence"],
        "outcomes": project.get("outcomes") or [t("card_default_outcome")],
        "dimension": f"{dimension} {dimension_name}".strip() if dimension else "",
    }


def add_cards(writer: Any, plan: dict, t: Texts, measures: list[dict]) -> None:
    """Append one card per measure to a WordWriter (portrait pages after the measures table)."""
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Cm

    section = writer.doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    writer._margins(section)
    writer.heading(t("h_cards"), size=18)
    for number, measure in enumerate(measures, start=1):
        card = card_fields(measure, plan, t)
        writer.para(t.digits(f"{number}. ") + t("card_name") + ": " + card["name"], bold=True, space_before=12)
        items = [("card_rationale", card["rationale"]), ("card_objectives", card["objectives"]),
                 ("card_target_group", card["target_group"]), ("card_method", card["method"]),
                 ("card_period", card["period"]), ("card_budget", card["budget"]), ("card_owner", card["owner"]),
                 ("card_outputs", card["outputs"]), ("card_outcomes", card["outcomes"])]
        if card["dimension"]:
            items.append(("card_dimension", card["dimension"]))
        for i, (key, value) in enumerate(items, start=1):
            writer.para(t.digits(f"{number}.{i} ") + t(key), bold=True, indent_cm=0.5)
            for line in value if isinstance(value, list) else [value]:
                prefix = "- " if isinstance(value, list) else ""
                writer.para(prefix + t.digits(line), indent_cm=1.25, align="thai")
