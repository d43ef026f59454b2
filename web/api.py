"""The HTTP API: the command line's JSON contract over HTTP, for other programs.

``GET /healthz``; ``POST /api/score``, ``/api/draft``, ``/api/whatif`` take the results as the multipart field
``results`` (a file, read by its name's suffix like the CLI reads a file) and answer what ``itaplan score
--format json``, ``draft --format json`` and ``whatif --format json`` print; ``POST /api/render?format=…`` takes
a plan as JSON and answers the file ``itaplan render`` writes. Bad input: status 400 and
``{"error": "bad input", "problems": [one located line each], "exit_status": 2}``, as the CLI's exit 2.
"""

from __future__ import annotations

import json
import re
from typing import Any

from itaplan.base.errors import InputError, ItaplanError, Problem, UsageError
from itaplan.base.i18n import translate
from itaplan.base.version import __version__
from itaplan.drafting.plan import plan_from_data
from itaplan.ita.framework import load_framework
from itaplan.ita.scoring import score as score_results
from itaplan.ita.whatif import GOALS
from itaplan.ita.whatif import whatif as what_if
from itaplan.render import CARD_FORMATS, DOCUMENT_FORMATS, FORMATS
from itaplan.render.dispatch import render
from itaplan.web.common import attachment, context_of
from itaplan.web.store import upload_name
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

RENDER_FORMATS = DOCUMENT_FORMATS  # the documents; the plan itself is what the request sends


def bad(request: Request, exc: ItaplanError, status: int = 400) -> JSONResponse:
    """The CLI's located lines, in English for programs (``?lang=th``: in Thai)."""

    lang = "th" if request.query_params.get("lang") == "th" else "en"
    return JSONResponse({"error": "bad input", "problems": [translate(str(p), lang) for p in exc.problems],
                         "exit_status": int(exc.exit_status)}, status_code=status)


def json_text(data: Any) -> Response:
    """JSON as the CLI prints it (Thai as it is, two-space indent)."""
    return Response(json.dumps(data, ensure_ascii=False, indent=2) + "\n", media_type="application/json")


async def read_form(request: Request, **limits: int) -> Any:
    """The request's form; a body that is not one (no boundary, too many files or fields, a part too large) is a
    located problem like any other bad input, not Starlette's plain-text 400. So is a text field that is not in
    the form's encoding (UTF-8): Starlette would read its bytes as Latin-1 (or as U+FFFD), to be saved as
    mojibake."""
    from starlette.exceptions import HTTPException

    body = await request.body()  # kept by the request: the form is parsed from it
    kind = request.headers.get("content-type", "")
    if kind.startswith("application/x-www-form-urlencoded"):
        _check_urlencoded(body)
    try:
        form = await request.form(**limits)
    except HTTPException as exc:
        detail = str(exc.detail)[:200]
        raise UsageError(Problem("request", f"the form data cannot be read ({detail}); send the results as "
                                            "multipart/form-data, a file in the field 'results'")) from None
    if kind.startswith("multipart/form-data"):
        declared = re.search(r"charset=\"?([\w.:-]+)", kind)
        charset = declared.group(1) if declared else "utf-8"
        for key, value in form.multi_items():
            if isinstance(value, str) and not value.isascii() and _encoded(value, charset) not in body:
                raise _not_text(key)  # Starlette fell back to Latin-1: its bytes are not in the charset
    return form


def _encoded(value: str, charset: str) -> bytes:
    try:
        return value.encode(charset)
    except (LookupError, UnicodeEncodeError):
        return value.encode("utf-8", "surrogatepass")


def _check_urlencoded(body: bytes) -> None:
    """A browser percent-encodes a form's UTF-8: a raw byte past ASCII, or an escape that is no UTF-8, is refused."""
    from urllib.parse import unquote_to_bytes

    if not body.isascii():
        raise _not_text("form")
    for pair in body.split(b"&"):
        key, _, value = pair.partition(b"=")
        for part in (key, value):
            try:
                unquote_to_bytes(part.replace(b"+", b" ")).decode("utf-8")
            except UnicodeDecodeError:
                raise _not_text(unquote_to_bytes(key).decode("utf-8", "replace")[:40]) from None


def _not_text(field: str) -> UsageError:
    return UsageError(Problem(field, "is not text in UTF-8 (was it typed or sent in another encoding, such as "
                                     "TIS-620?); nothing was saved: type it again in the page and send it"))


def json_body(body: bytes) -> Any:
    """A request's JSON, or a located InputError: not UTF-8, not JSON, nested past the parser's depth
    (``[[[[…``, a RecursionError), or a number of thousands of digits (a ValueError of int())."""
    try:
        return json.loads(body.decode("utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError(Problem(f"request body:{exc.lineno}:{exc.colno}", "is not a plan as JSON (UTF-8); send "
                                 "what `itaplan draft --format json` prints")) from None
    except UnicodeDecodeError:
        raise InputError(Problem("request body", "is not a plan as JSON (UTF-8); send what `itaplan draft "
                                                 "--format json` prints")) from None
    except RecursionError:
        raise InputError(Problem("request body", "is nested too deeply to be a plan; send what `itaplan draft "
                                                 "--format json` prints")) from None
    except ValueError:  # int() refuses more than 4,300 digits
        raise InputError(Problem("request body", "holds a number too long to be read; send what `itaplan draft "
                                                 "--format json` prints")) from None


async def healthz(request: Request) -> Response:
    return JSONResponse({"status": "ok", "version": __version__})


async def _results(request: Request) -> Any:
    """The uploaded results (multipart field ``results``), read as the CLI reads a file."""
    ctx = context_of(request)
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise UsageError(Problem("request", "send the results as multipart/form-data, a file in the field 'results'"))
    form = await read_form(request, max_files=2, max_fields=20, max_part_size=ctx.max_upload)
    file = form.get("results")
    if not isinstance(file, UploadFile):
        raise UsageError(Problem("request", "the multipart field 'results' (a file) is missing"))
    name = upload_name(file.filename, "results.yaml")
    framework = request.query_params.get("framework")
    data = await file.read()

    return await ctx.read(name, data, await ctx.free(load_framework, framework) if framework else None)


async def score(request: Request) -> Response:
    ctx = context_of(request)
    try:
        results = await _results(request)
        card = await ctx.free(score_results, results)
    except ItaplanError as exc:
        return bad(request, exc)
    return json_text(card.to_dict())


async def draft(request: Request) -> Response:
    ctx = context_of(request)
    try:
        results = await _results(request)
        plan = await ctx.run(lambda: ctx.setup.plan(score_results(results)))
        text = await ctx.free(render, plan, "json", catalogue=ctx.setup.catalogue)
    except ItaplanError as exc:
        return bad(request, exc)
    return Response(text, media_type="application/json")


async def whatif(request: Request) -> Response:
    ctx = context_of(request)
    goal = request.query_params.get("goal", "85")
    top = request.query_params.get("top", "10")
    try:
        if goal not in GOALS:
            raise UsageError(Problem("goal", f"'{goal[:40]}' is not one of: {', '.join(GOALS)}"))
        if not re.fullmatch(r"[0-9]{1,3}", top) or not 1 <= int(top) <= 200:  # "²".isdigit(), but int() fails
            raise UsageError(Problem("top", f"'{top[:40]}' is not a number from 1 to 200"))
        results = await _results(request)
        data = await ctx.free(what_if, results, goal, int(top))
    except ItaplanError as exc:
        return bad(request, exc)
    return json_text(data)


async def render_plan(request: Request) -> Response:
    ctx = context_of(request)
    fmt = request.query_params.get("format", "")
    try:
        if fmt not in RENDER_FORMATS:
            raise UsageError(Problem("format", f"'{fmt[:40]}' is not one of: {', '.join(RENDER_FORMATS)}"))
        body = await request.body()
        plan = plan_from_data(json_body(body), "request body")
        cards = request.query_params.get("cards") in ("1", "true", "yes")
        if cards and fmt not in CARD_FORMATS:
            raise UsageError(Problem("cards", f"project cards go into the Word or PDF file, not {fmt}"))
        out = await ctx.render("plan", plan, fmt, cards=cards)
    except ItaplanError as exc:
        return bad(request, exc)
    return Response(out, media_type=FORMATS[fmt].media_type,
                    headers={"content-disposition": attachment(f"plan.{fmt}")})


def routes() -> list[Route]:
    return [
        Route("/healthz", healthz, methods=["GET"]),
        Route("/api/score", score, methods=["POST"]),
        Route("/api/draft", draft, methods=["POST"]),
        Route("/api/whatif", whatif, methods=["POST"]),
        Route("/api/render", render_plan, methods=["POST"]),
    ]
