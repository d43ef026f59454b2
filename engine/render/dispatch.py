"""A plan, or the report on its measures, in one of the registry's formats (render.FORMATS). Each format's writer
is imported when a file of that format is first made: python-docx, openpyxl, Typst and matplotlib are heavy, and
a command that writes Markdown needs none of them."""

from __future__ import annotations

import json
from typing import cast

from itaplan.content.catalogue import Catalogue
from itaplan.content.texts import Texts
from itaplan.drafting.analysis import maintained
from itaplan.drafting.model import Plan
from itaplan.drafting.plan import to_json, to_json_bytes, to_yaml
from itaplan.followup.report import ACTION_PLAN
from itaplan.render import DEFAULT_FONT, FORMATS, REPORT_FORMATS
from itaplan.render.pdf import render_pdf, render_report_pdf
from itaplan.render.sanitize import MarkdownCatalogue, deep, markdown_text, xml_safe

DOCUMENT_FORMATS = frozenset({"md", "html", "docx", "pdf"})  # what an agency posts: Thai digits by default, as the
# officers' own documents are written; the data formats (csv, xlsx, json, yaml) keep Arabic digits for programs


def digits_for(fmt: str, thai_digits: bool | None) -> bool:
    """Thai digits for ``fmt``: as asked, else the format's default (documents Thai, data Arabic)."""
    return fmt in DOCUMENT_FORMATS if thai_digits is None else thai_digits


def render(plan: Plan, fmt: str, *, catalogue: Catalogue, thai_digits: bool | None = None,
           font: str = DEFAULT_FONT, cards: bool = False, card_ids: list[str] | None = None,
           compact: bool = False, csv_keys: str = "th", consume: bool = False,
           working_notes: bool = False) -> bytes | str:
    """A plan in one output format: str for text formats, bytes for docx/xlsx/pdf and compact JSON (UTF-8).
    With ``consume`` (compact JSON only) the plan's numbers are rounded in place: it is not to be used again."""
    if fmt not in FORMATS:
        raise ValueError(fmt)
    if fmt in ("json", "yaml") and isinstance(plan.get("analysis"), dict):
        # the statements to maintain as the documents print them: for the plan as it is now (``maintained``)
        plan = cast(Plan, {**plan, "analysis": {**plan["analysis"], "maintain": maintained(plan)}})
    if fmt == "json":
        return to_json_bytes(plan, consume=consume) if compact else to_json(plan)
    if fmt == "yaml":
        return to_yaml(plan)
    texts = Texts(catalogue, digits_for(fmt, thai_digits))
    plan = deep(plan, xml_safe)  # a control character from an input file must not break the XML writers
    if fmt == "md":
        from itaplan.render.markdown import render_markdown

        md_texts = Texts(cast(Catalogue, MarkdownCatalogue(catalogue)), texts.thai_digits)
        return render_markdown(deep(plan, markdown_text), md_texts, notes=working_notes)
    if fmt == "csv":
        from itaplan.render.tables import render_csv

        return render_csv(plan, texts, keys=csv_keys)
    if fmt == "html":
        from itaplan.render.html import render_html

        return render_html(plan, texts, notes=working_notes)
    if fmt == "xlsx":
        from itaplan.render.tables import render_xlsx

        return render_xlsx(plan, texts, font=font)
    if fmt == "docx":
        from itaplan.render.docx import render_docx

        return render_docx(plan, texts, font=font, cards=cards, card_ids=card_ids, notes=working_notes)

    return render_pdf(plan, texts, font=font, cards=cards, card_ids=card_ids, notes=working_notes)


def render_report(report: dict, fmt: str, t: Texts, *, font: str = DEFAULT_FONT) -> str | bytes:
    """A built report (followup.report.build_report) as JSON or Markdown text, or Word or PDF bytes."""
    if fmt not in REPORT_FORMATS:
        raise ValueError(fmt)
    if fmt == "json":
        return json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    report = deep(report, xml_safe)
    if report.get("kind") == ACTION_PLAN:  # an action plan's report counts projects and activities, not measures
        t = t.of(ACTION_PLAN)
    if fmt == "md":
        from itaplan.render.report import render_report_markdown

        md_texts = Texts(cast(Catalogue, MarkdownCatalogue(t.catalogue)), t.thai_digits, t.variant)
        return render_report_markdown(deep(report, markdown_text), md_texts)
    if fmt == "docx":
        from itaplan.render.docx import render_report_docx

        return render_report_docx(report, t, font)

    return render_report_pdf(report, t, font)
