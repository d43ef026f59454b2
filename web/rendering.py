"""A plan made into a document for the web app, in a worker process of its own (worker.render_download)."""

from __future__ import annotations

from typing import Any

from itaplan.content.catalogue import Catalogue
from itaplan.content.texts import Texts
from itaplan.drafting.model import Plan
from itaplan.followup.report import build_report
from itaplan.render.dispatch import digits_for, render, render_report


def document_bytes(plan: Plan, fmt: str, catalogue: Catalogue, cards: bool = False, report: bool = False,
                   later: Plan | None = None) -> bytes:
    """The plan in ``fmt``, with its project cards, or its report on the measures (``report``) instead; ``later``:
    the plan drafted from the results of the year the measures ran in, as ``itaplan report --next`` takes it."""
    data: Any
    if report:
        texts = Texts(catalogue, digits_for(fmt, None))  # Thai digits in a document, as the measures and the CLI
        data = render_report(build_report(plan, texts, later=later), fmt, texts)
    else:
        data = render(plan, fmt, catalogue=catalogue, cards=cards)
    return data if isinstance(data, bytes) else data.encode("utf-8")
