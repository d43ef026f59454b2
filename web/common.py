"""What the pages and the API share: the request's context (the workspace and the session), the templates,
the interface language, attachments and located problems."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path
from typing import Any, TypedDict, TypeVar
from urllib.parse import quote

from itaplan.base import thaiwords
from itaplan.base.i18n import translate, ui_text
from itaplan.base.thai import fmt_change, fmt_date, fmt_score
from itaplan.base.thaiwords import glued
from itaplan.ita.whatif import gain_to_target_shown
from itaplan.web.guard import CSRF_COOKIE, new_csrf, too_large_text
from itaplan.web.store import Workspace
from itaplan.web.worker import Budget, read_measures, read_plan, read_tracking, read_upload, render_document
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from rich.cells import cell_len
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response

LANGS = ("th", "en")
LANG_COOKIE = "itaplan_lang"
MAX_UPLOAD = 10 * 1024 * 1024
T = TypeVar("T")


class NotePart(TypedDict):
    """A sentence of a note, with the short list under it (each a thing to act on; none for a sentence alone)."""
    text: str
    lines: list[str]


class Note(TypedDict):
    """A note shown once whose parts the officer acts on one by one: its sentence, then each part and its list."""
    lead: str
    parts: list[NotePart]


@dataclass
class Context:
    """What every request shares: the workspace, the loaded rules and catalogue, the engine's lock, the budget
    for reading an upload and rendering a download."""

    workspace: Workspace
    setup: Any  # engine.pipeline.Session over the workspace's own rule and recommendation layers
    max_upload: int
    lock: threading.Lock = field(default_factory=threading.Lock)
    flash: dict[str, list[str | Note]] = field(default_factory=dict)  # per plan: to show once (upload warnings)
    twins: dict[str, str] = field(default_factory=dict)  # a plan just uploaded -> the plan of the same results
    copies: set[str] = field(default_factory=set)  # plans just uploaded as plan files whose twin is the same plan
    example: dict | None = None  # the bundled example drafted once, shown while the workspace has no plan
    summaries: dict[str, tuple[tuple[int, int], dict]] = field(default_factory=dict)  # home page, by file stamp
    # a table of many agencies uploaded, kept until the officer chooses the agency: key -> (file name, bytes)
    tables: dict[str, tuple[str, bytes]] = field(default_factory=dict)

    budget: Budget = field(default_factory=Budget)  # what reading an upload or rendering a download may take (worker.py)

    async def run(self, work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Engine work that must not run beside other engine work: drafting (one durable_rules host), charts
        and the documents that hold them (matplotlib's pyplot), changes to a plan."""
        def locked() -> T:
            with self.lock:
                return work(*args, **kwargs)

        return await run_in_threadpool(locked)

    async def free(self, work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Engine work that may run beside any other (reading a plan, what-if): in a worker thread, no lock."""
        return await run_in_threadpool(work, *args, **kwargs)

    async def read(self, name: str, data: bytes, framework: Any = None, agency: str | None = None) -> Any:
        """An uploaded results file, read in a worker process within the budget (no lock: another user's
        request is answered while a hostile upload is read, and the upload is refused when its budget runs out);
        ``agency``: the one chosen of a table of many."""
        return await run_in_threadpool(read_upload, name, data, framework, self.budget, agency)

    async def read_plan(self, name: str, data: bytes) -> Any:
        """An uploaded plan file (itaplan's own), validated in a worker process within the budget; None: no plan."""
        return await run_in_threadpool(read_plan, name, data, self.budget)

    async def read_measures(self, name: str, data: bytes, **plan: Any) -> Any:
        """Last year's measures table in an uploaded file, imported in a worker process (None: there is none);
        ``plan``: the plan they are for and whether the officer chose the file as measures (store.import_upload)."""
        return await run_in_threadpool(partial(read_measures, **plan), name, data, self.setup.for_worker(),
                                       self.budget)

    async def read_tracking(self, name: str, data: bytes, quiet: bool = False) -> Any:
        """An uploaded tracking sheet's rows, read in a worker process (quiet: None when it is none)."""
        return await run_in_threadpool(read_tracking, name, data, self.setup.catalogue.text, quiet, self.budget)

    async def render(self, name: str, plan: Any, fmt: str, cards: bool = False, report: bool = False,
                     later: Any = None) -> bytes:
        """A plan made into a document in a worker process within the budget (no lock: matplotlib and Typst are
        alone in that process, and one user's long PDF does not keep another's Word file waiting). ``later``: the
        report's next year's plan (``build_report``)."""
        return await run_in_threadpool(render_document, name, plan, fmt, self.setup.catalogue, cards, report,
                                       self.budget, later)


def typed_date(value: str | None) -> str:
    """An ISO date of the plan as officers type it in the form (15/3/2569); parse_date reads it back. A date
    written by hand in the plan file that is no real date (2026-02-30) is shown as it is written, to be mended."""
    import datetime as _dt

    if not value:
        return ""
    try:
        day = _dt.date.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return f"{day.day}/{day.month}/{day.year + 543}"


def templates() -> Environment:
    env = Environment(loader=PackageLoader("itaplan.web", "templates"), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)

    env.filters["score"] = lambda v: "–" if v is None else fmt_score(v)
    env.filters["change"] = lambda v: "" if v is None else fmt_change(v)
    env.filters["typed_date"] = typed_date
    env.filters["words"] = unbroken_words
    env.filters["phrases"] = unbroken_phrases
    env.filters["thai_date"] = fmt_date  # a day as the documents print it (15 ธันวาคม 2569)
    env.filters["translated"] = translate  # an engine's English line (a composed msgid) in the page's language
    # a weak point as the page names it: e9, or e9 (ส่วนที่ 1) — ``_`` is the page's own translation
    env.filters["point_label"] = point_label
    env.globals["gain_to_target_shown"] = gain_to_target_shown  # a ranked fix's gain at the target, as the CLI shows it
    return env


def point_label(point: tuple[str, int], _: Any) -> str:
    """A weak point as the page names it: e9, e9 (ส่วนที่ 1), or a whole indicator's (``analysis.point_key``):
    ตัวชี้วัดที่ 9 (คะแนนลดลง); ``_`` is the page's own translation."""
    from itaplan.drafting.analysis import indicator_point

    whole = indicator_point(point)
    if whole is not None:
        return str(_("indicator {number} (its score fell)" if whole[0] == "fell" else
                     "indicator {number} (known only by its score)", number=whole[1]))
    return f"{point[0]} ({_('part {n}', n=point[1])})" if point[1] else point[0]


def unbroken_words(text: Any) -> Markup:
    """A name broken only between its words: Thai is written without spaces between words, and a browser's
    dictionary may break a compound (การใช้งบ / ประมาณ, ห้วย / ทราย); each space-separated part of a name (an
    indicator's, an agency's) is a word as officers read it, kept whole (class ``word``: white-space: nowrap)."""
    return Markup(" ").join(Markup('<span class="word">{}</span>').format(part) for part in str(text or "").split())


_THAI = re.compile("[\u0e00-\u0e7f]")
_SPACES = re.compile(r"[ \t\r\n\f\v]+")
PHRASE_CELLS = 24  # the longest phrase kept whole: a heading's line at 390 px holds about 26 Thai cells at 24 px
_FIGURE = re.compile(r"^[(+\-–−]?(?:[0-9๐-๙][0-9๐-๙.,:/%]*|[A-Za-z]{1,3}[0-9๐-๙]+[a-z]?)[),:;.]*$")  # 87.02, (e9, O26:


def _phrases(text: str) -> list[str]:
    """``text`` in phrases: its space-separated parts, a figure or a code held with the word before it and the one
    after (ข้อ e9 / ได้ 81.35 คะแนน / พ.ศ. 2569) while the whole stays short."""
    groups: list[str] = []
    for part in _SPACES.split(text.strip()):  # a no-break space (ต.ค.\u00a02569) stays inside its phrase
        if not part:
            continue
        last = groups[-1] if groups else ""
        joined = f"{last} {part}"
        if last and cell_len(joined) <= PHRASE_CELLS and (_FIGURE.match(part) or _FIGURE.match(last.rsplit(" ", 1)[-1])):
            groups[-1] = joined
        else:
            groups.append(part)
    return groups


def unbroken_phrases(text: Any) -> Markup:
    """A label, heading or sentence broken only between its phrases and words: a browser's Thai dictionary breaks
    compounds and words it does not know (ผลการ / ประเมิน, การใช้งบ / ประมาณ, ๘๗.๐๒ / คะแนน). Each short phrase (up
    to PHRASE_CELLS display cells, a figure with its word and unit) is kept whole (class ``nw``: white-space:
    nowrap); a longer one may break only between its words as PyThaiNLP finds them (thaiwords), each word kept
    whole, so that a long sentence still fits a phone's screen."""
    text = str(text or "")
    if not _THAI.search(text):  # Latin script breaks only at spaces and hyphens: nothing to keep whole
        return Markup("{}").format(text)
    return Markup(" ").join(Markup(_phrase_html(phrase)) for phrase in _phrases(text))


@lru_cache(maxsize=8192)
def _phrase_html(phrase: str) -> str:
    if cell_len(phrase) <= PHRASE_CELLS:
        return str(Markup('<span class="nw">{}</span>').format(phrase))
    words: list[str] = []
    for word in glued(thaiwords.words(phrase)):  # a no-break space holds the words either side of it together
        if words and word and (word[0].isspace() or words[-1][-1].isspace()):
            words[-1] += word
        elif word:
            words.append(word)
    return str(Markup("<wbr>").join(Markup('<span class="nw">{}</span>').format(word) for word in words))


ENV = templates()
# words for the states, goals and downloads (English msgids of web.po)
ENV.globals["words"] = {
    "states": {"proposed": "awaiting a decision", "kept": "kept", "changed": "changed", "dropped": "dropped"},
    # what was saved of a measure, said after its number and title (pages.SAVED_WHAT)
    "saved": {"keep": "kept", "drop": "dropped: the documents no longer print it", "edit": "the changed texts",
              "progress": "the progress recorded", "add": "added to the plan"},
    "goals": {"85": "total 85", "pass-good": "ผ่านดี: total and every tool 85", "95": "total 95"},
    "roles": {"prepared": "Prepared by", "proposed": "Proposed by", "approved": "Approved by",
              "reporter": "Reported by (report on the measures)", "acknowledged": "Acknowledged by (report on the measures)",
              # an imported anti-corruption action plan's report (imported.kind: action_plan) is the action plan's
              "reporter-action-plan": "Reported by (report on the anti-corruption action plan)",
              "acknowledged-action-plan": "Acknowledged by (report on the anti-corruption action plan)"},
    "downloads": {"docx": "Measures (Word)", "pdf": "Measures (PDF)", "xlsx": "Tracking sheet (Excel)",
                  "report": "Report on the measures (Word)", "report-pdf": "Report on the measures (PDF)",
                  "report-action-plan": "Report on the anti-corruption action plan (Word)",
                  "report-pdf-action-plan": "Report on the anti-corruption action plan (PDF)",
                  "cards": "Measures with project cards (Word)", "cards-pdf": "Measures with project cards (PDF)"},
}


def language(request: Request) -> str:
    chosen = request.query_params.get("lang")
    if chosen in LANGS:
        return chosen
    cookie = request.cookies.get(LANG_COOKIE)
    return cookie if cookie in LANGS else "th"


def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A template in the request's language, with the CSRF token its forms carry (the cookie is set when new)."""
    lang = language(request)
    csrf = request.cookies.get(CSRF_COOKIE) or getattr(request.state, "csrf", None) or new_csrf()
    request.state.csrf = csrf

    def _(msgid: str, **values: Any) -> str:
        return ui_text(msgid, lang, **values)

    html = ENV.get_template(template).render(_=_, lang=lang, csrf=csrf, other_lang="en" if lang == "th" else "th",
                                         path=request.url.path, **context)
    response = HTMLResponse(html, status)
    if request.cookies.get(CSRF_COOKIE) != csrf:
        response.set_cookie(CSRF_COOKIE, csrf, httponly=True, samesite="strict", path="/")
    if request.query_params.get("lang") in LANGS:
        response.set_cookie(LANG_COOKIE, lang, samesite="strict", path="/", max_age=3600 * 24 * 365)
    return response


def attachment(filename: str, ascii_stem: str | None = None) -> str:
    """A Content-Disposition header that saves the file as ``filename`` and as nothing else.

    The plan's file name may hold anything a file name can (quotes, ';', Thai): the quoted ``filename`` is
    an ASCII stand-in of letters, digits, '.', '_' and '-' only, so no quote or ';' can close it and start
    another parameter, and ``filename*`` (RFC 5987) carries the real name percent-encoded in UTF-8.
    """
    import unicodedata

    name = "".join(c for c in filename if unicodedata.category(c)[0] != "C" and c not in '/\\')
    stem, dot, suffix = name.rpartition(".")
    # ascii_stem: a stand-in that says more than what is left of a Thai name once its Thai is taken out
    fallback = re.sub(r"[^A-Za-z0-9_-]+", "_", ascii_stem or (stem if dot else name)).strip("_")[:80] or "plan"
    if dot:
        fallback += "." + (re.sub(r"[^A-Za-z0-9]+", "", suffix)[:10] or "bin")
    header = f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"
    return header


def problem_lines(exc: Any, lang: str) -> list[str]:
    """An ItaplanError's located problems, one line each, in the interface language (as the CLI prints them)."""
    from itaplan.base.i18n import problem_text

    # the message on its own first (``problem_text``): a location that starts like a message ("the pasted text,
    # line 75: …") is never matched with it, leaving the message's end in English
    return [problem_text(p, lang) for p in exc.problems]


def font_folder() -> Path | None:
    try:
        import fontpkg_sarabun  # type: ignore[import-not-found]
    except ImportError:
        return None
    folder = Path(fontpkg_sarabun.__file__).resolve().parent / "files"
    return folder if folder.is_dir() else None


async def internal_error(request: Request, exc: Exception) -> Response:
    """A bug: one plain line, never a stack trace (the traceback goes to the terminal that runs the server)."""
    import traceback

    traceback.print_exception(type(exc), exc, exc.__traceback__)
    return PlainTextResponse(f"internal error ({exc.__class__.__name__}); the terminal running itaplan serve shows "
                             "the details; please report it", status_code=500)


async def gone(request: Request, exc: Exception) -> Response:
    """The client went away, or was sent away (web/server.py closes a body that missed its deadline): no one is
    there to answer, and it is no bug to report."""
    return Response(status_code=400)


async def too_large(request: Request, exc: Exception) -> Response:
    """A body that grew past the limit while it was read (one that said its length was refused before)."""
    return PlainTextResponse(too_large_text(context_of(request).max_upload), status_code=413)


def context_of(request: Request) -> Context:
    return request.app.state.context
