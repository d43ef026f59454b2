"""Rendering: a plan, and the report on its measures, as files. This module is the registry of output formats
(``FORMATS``), from which the command line's choices, batch, the web app, check and the report take their lists;
``render.dispatch`` writes a plan or a report in one of them, importing a format's writer only when a file of that
format is made (python-docx, openpyxl, Typst and matplotlib are heavy)."""

from __future__ import annotations

from dataclasses import dataclass

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
