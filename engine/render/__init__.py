"""Rendering: a plan, and the report on its measures, as files. One registry of output formats (``FORMATS``)
from which the command line's choices, batch, the web app, check and the report take their lists; each
format's writer is imported only when a file of that format is made (python-docx, openpyxl, Typst and
matplotlib are heavy), by the name the registry gives."""

from __future__ import annotations

import json
from dataclasses import dataclass

from itaplan.content.catalogue import Catalogue
from itaplan.content.texts import Texts
from itaplan.drafting.plan import to_json, to_json_bytes, to_yaml
from itaplan.render.sanitize import deep, markdown_text, xml_safe

DEFAULT_FONT = "TH Sarabun New"


@dataclass(frozen=True)
class OutputFormat:
    """One output format: its name (``--format``), file suffix, media type, and what it can hold."""

    name: str
    suffix: str
    media_type: str
    binary: bool
    cards: bool = False  # the action-plan table and a project card per measure can follow the plan
    report: bool = False  # the report on the measures can be written in it
    document: bool = True  # a document an agency publishes (not the plan's own data: json, yaml)
    extra_suffixes: tuple[str, ...] = ()


FORMATS: dict[str, OutputFormat] = {f.name: f for f in (
    OutputFormat("json", ".json", "application/json", False, report=True, document=False),
    OutputFormat("yaml", ".yaml", "application/yaml", False, document=False, extra_suffixes=(".yml",)),
    OutputFormat("md", ".md", "text/markdown; charset=utf-8", False, report=True,
                 extra_suffixes=(".markdown",)),
    OutputFormat("csv", ".csv", "text/csv; charset=utf-8", False),
    OutputFormat("html", ".html", "text/html; charset=utf-8", False, extra_suffixes=(".htm",)),
    OutputFormat("docx", ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", True,
                 cards=True, report=True),
    OutputFormat("xlsx", ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", True),
    OutputFormat("pdf", ".pdf", "application/pdf", True, cards=True, report=True),
)}
TEXT_FORMATS = tuple(name for name, f in FORMATS.items() if not f.binary)
BINARY_FORMATS = tuple(name for name, f in FORMATS.items() if f.binary)
CARD_FORMATS = tuple(name for name, f in FORMATS.items() if f.cards)
REPORT_FORMATS = tuple(name for name, f in FORMATS.items() if f.report)
DOCUMENT_FORMATS = tuple(name for name, f in FORMATS.items() if f.document)
SUFFIX = {name: f.suffix for name, f in FORMATS.items()}


def format_of(suffix: str) -> str | None:
    """The format a file suffix (``.docx``, ``.MD``, ``.markdown``) names, or None."""
    suffix = suffix.lower()
    return next((name for name, f in FORMATS.items() if suffix == f.suffix or suffix in f.extra_suffixes), None)


def render(plan: dict, fmt: str, *, catalogue: Catalogue, thai_digits: bool = False,
           font: str = DEFAULT_FONT, cards: bool = False, card_ids: list[str] | None = None,
           compact: bool = False, csv_keys: str = "th", consume: bool = False) -> bytes | str:
    """A plan in one output format: str for text formats, bytes for docx/xlsx/pdf and compact JSON (UTF-8).
    With ``consume`` (compact JSON only) the plan's numbers are rounded in place: it is not to be used again."""
    if fmt not in FORMATS:
        raise ValueError(fmt)
    if fmt == "json":
        return to_json_bytes(plan, consume=consume) if compact else to_json(plan)
    if fmt == "yaml":
        return to_yaml(plan)
    texts = Texts(catalogue, thai_digits)
    plan = deep(plan, xml_safe)  # a control character from an input file must not break the XML writers
    if fmt == "md":
        from itaplan.render.markdown import render_markdown

        return render_markdown(deep(plan, markdown_text), texts)
    if fmt == "csv":
        from itaplan.render.tables import render_csv

        return render_csv(plan, texts, keys=csv_keys)
    if fmt == "html":
        from itaplan.render.html import render_html

        return render_html(plan, texts)
    if fmt == "xlsx":
        from itaplan.render.tables import render_xlsx

        return render_xlsx(plan, texts, font=font)
    if fmt == "docx":
        from itaplan.render.docx import render_docx

        return render_docx(plan, texts, font=font, cards=cards, card_ids=card_ids)
    from itaplan.render.pdf import render_pdf

    return render_pdf(plan, texts, font=font, cards=cards, card_ids=card_ids)


def render_report(report: dict, fmt: str, t: Texts, *, font: str = DEFAULT_FONT) -> str | bytes:
    """A built report (followup.report.build_report) as JSON or Markdown text, or Word or PDF bytes."""
    if fmt not in REPORT_FORMATS:
        raise ValueError(fmt)
    if fmt == "json":
        return json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    report = deep(report, xml_safe)
    if fmt == "md":
        from itaplan.render.report import render_report_markdown

        return render_report_markdown(deep(report, markdown_text), t)
    if fmt == "docx":
        from itaplan.render.report import render_report_docx

        return render_report_docx(report, t, font)
    from itaplan.render.pdf import render_report_pdf

    return render_report_pdf(report, t, font)
