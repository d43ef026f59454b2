"""The text layer of a PDF someone sent us, page by page, with the work bounded.

pypdf (pure Python, no native parts, maintained by the py-pdf project) parses each page's content streams anew,
so a small file can ask for hours: 84 KB of 499 pages sharing one stream of two million operations kept the engine
busy for about an hour. Before a page is parsed, its content streams are measured (decoded; a stream shared by
pages counts for each page that draws it), and the whole document may draw at most MAX_CONTENT_BYTES; the
operations pypdf then runs (those of form XObjects too) are counted against MAX_OPERATIONS, and the reading stops
after MAX_SECONDS; pypdf's own limit on the tokens of one stream is lowered to MAX_STREAM_TOKENS. A results
report is a few dozen pages of a few tens to a hundred KB each.

An encrypted PDF is read only when it opens with the empty password by what pypdf can do itself (RC4); one
that needs a password, or AES (which pypdf decrypts only with the ``cryptography`` package), is refused with
what to do: print it again to PDF without a password. The fonts' text maps are completed from the embedded
fonts first (``pdffonts``: Chromium's Thai), and pypdf's log and warnings are kept off the terminal.

pypdf writes a space between two pieces of text on a line when the second begins further than a space past the end
of the first. Chromium places a Thai mark as a piece of its own, back over the letter it sits on, and the next
letter where that letter ends: measured from the mark, the gap looked like a space ("ป้ องกัน" for "ป้องกัน").
While ``pdf_pages`` reads, the gap is measured from the furthest end of the text on that line so far
(``_LineExtent``), so a piece drawn back over earlier text does not move the line's end back.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import math
import time
import warnings
from pathlib import Path
from typing import Any

from itaplan.base.errors import InputError, Problem
from itaplan.base.pdffonts import complete_text_maps, thai_text

MAX_PDF_BYTES = 50 * 1024 * 1024  # the ITAS report: well under 5 MB
MAX_PAGES = 500
MAX_CONTENT_BYTES = 4 * 1024 * 1024  # decoded content drawn by all pages (seed 000 from Chromium, 15 pages: 1 MB)
MAX_STREAM_TOKENS = 300_000  # tokens of one content stream (pypdf's own limit: 2,000,000, about 8 s to parse)
MAX_OPERATIONS = 1_000_000  # content-stream operations run while extracting (seed 000 from Chromium: 70,000)
MAX_SECONDS = 20.0

# pypdf logs what it repairs ("incorrect startxref pointer") and warns through `warnings`: neither is for the
# officer, whose terminal shows only the error format
logging.getLogger("pypdf").addHandler(logging.NullHandler())
logging.getLogger("pypdf").propagate = False


def pdf_pages(path: Path) -> list[tuple[int, str]]:
    """(page number, text) of each page of the PDF at ``path``; bad, encrypted or oversized files are InputErrors."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, LimitReachedError, PdfReadWarning, PyPdfError

    source = str(path)
    if path.stat().st_size > MAX_PDF_BYTES:
        raise InputError(Problem(source, f"is larger than {MAX_PDF_BYTES // (1024 * 1024)} MB; a results report is "
                                         "far smaller, so it is refused (print only the pages with the scores)"))
    budget = _Budget(source)
    pages: list[tuple[int, str]] = []
    with warnings.catch_warnings(), _parser_limits(), _line_extents():
        warnings.simplefilter("ignore", PdfReadWarning)
        try:
            reader = PdfReader(source)
            if reader.is_encrypted:
                _open_encrypted(reader, source)
            if len(reader.pages) > MAX_PAGES:
                raise InputError(Problem(source, f"has more than {MAX_PAGES} pages; split it"))
            complete_text_maps(reader)
            for number, page in enumerate(reader.pages, start=1):
                budget.draw(page, number)
                text = page.extract_text(visitor_operand_before=budget.operation) or ""
                pages.append((number, thai_text(text)))
        except InputError:
            raise
        except DependencyError:  # AES needs the `cryptography` package, which itaplan does not install
            raise _encrypted(source) from None
        except LimitReachedError:
            raise budget.problem("it asks more of the reader than a results report does (a content stream of more "
                                 f"than {MAX_STREAM_TOKENS} tokens, or objects nested too deep); it is refused") \
                from None
        except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError,
                RecursionError) as exc:
            raise _damaged(source, exc) from None
    return pages


class _LineExtent:
    """The furthest end (device x) of the text of the line being read, and that line's baseline (device y)."""

    def __init__(self) -> None:
        self.end: float | None = None
        self.baseline: float | None = None


_EXTENT: contextvars.ContextVar[_LineExtent | None] = contextvars.ContextVar("itaplan_pdf_line_extent", default=None)


def _measured_from_line_end(check: Any) -> Any:
    """pypdf's space-and-line-break check, given the width of the text from the previous piece's start to the line's
    furthest end rather than the previous piece's own width (only while ``pdf_pages`` reads)."""
    from pypdf._text_extraction import mult

    def measured(text: Any, cmtm_prev: Any, cmtm_matrix: Any, *given: Any) -> Any:
        extent = _EXTENT.get()
        if extent is None or len(given) != 10:
            return check(text, cmtm_prev, cmtm_matrix, *given)
        # given: memo, font resource, orientations, output, font size, visitor, widths, space width, height, span
        args = list(given)
        try:
            before, after = mult(cmtm_prev[1], cmtm_prev[0]), mult(cmtm_matrix[1], cmtm_matrix[0])
            scale = math.hypot(before[0], before[1])
            upright = abs(before[1]) < 1e-6 and abs(before[2]) < 1e-6 and before[0] > 0
            if upright and scale > 0:
                font_size = float(args[4])
                end = before[4] + float(args[6]) * scale
                if extent.baseline is None or abs(before[5] - extent.baseline) > 0.5 * font_size * scale \
                        or extent.end is None:
                    extent.end, extent.baseline = end, before[5]
                else:
                    extent.end = max(extent.end, end)
                if abs(after[5] - before[5]) <= 0.5 * font_size * scale:
                    args[6] = max(float(args[6]), (extent.end - before[4]) / scale)
        except (TypeError, ValueError, IndexError):
            pass
        return check(text, cmtm_prev, cmtm_matrix, *args)

    measured.itaplan_measured = True  # type: ignore[attr-defined]
    return measured


def _line_extents() -> Any:
    """Spaces judged from the line's furthest end while the pages are read (pypdf 7's extractor; else as pypdf does)."""
    try:
        from pypdf._text_extraction import _text_extractor
    except ImportError:  # pragma: no cover - another pypdf: its own spacing
        return contextlib.nullcontext()
    check = getattr(_text_extractor, "crlf_space_check", None)
    if check is None:  # pragma: no cover
        return contextlib.nullcontext()
    if not getattr(check, "itaplan_measured", False):
        _text_extractor.crlf_space_check = _measured_from_line_end(check)  # type: ignore[attr-defined]
    return _extent_kept()


@contextlib.contextmanager
def _extent_kept() -> Any:
    token = _EXTENT.set(_LineExtent())
    try:
        yield
    finally:
        _EXTENT.reset(token)


def _parser_limits() -> Any:
    """pypdf's own bound on the tokens of one content stream, lowered where pypdf has it (7.x)."""
    import dataclasses

    try:
        from pypdf import Configuration, apply_configuration
    except ImportError:  # pragma: no cover - an older pypdf: the page budget still holds
        return contextlib.nullcontext()
    if "stream_parsing_work_maximum_count" not in {f.name for f in dataclasses.fields(Configuration)}:
        return contextlib.nullcontext()  # pragma: no cover
    return apply_configuration(stream_parsing_work_maximum_count=MAX_STREAM_TOKENS)


def _damaged(source: str, exc: BaseException) -> InputError:
    return InputError(Problem(source, f"cannot be read as a PDF ({exc.__class__.__name__}); is it damaged?"))


def _encrypted(source: str) -> InputError:
    return InputError(Problem(source, "is encrypted (protected by a password): print it again to PDF without a "
                                      "password, or save an unprotected copy, and read that"))


def _open_encrypted(reader: Any, source: str) -> None:
    """Open an encrypted PDF with the empty password (a file only protected against changes), or refuse it."""
    try:
        opened = reader.decrypt("")
    except Exception:  # noqa: BLE001 - any failure (AES without `cryptography`, a damaged dictionary): cannot open
        raise _encrypted(source) from None
    if not opened:
        raise _encrypted(source)


class _Budget:
    """What the pages of one document may ask of the parser, spent page by page."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.content = 0
        self.operations = 0
        self.deadline = time.monotonic() + MAX_SECONDS
        self.page = 0

    def draw(self, page: Any, number: int) -> None:
        """Count the decoded size of the page's content streams before pypdf parses them."""
        self.page = number
        contents = page.get("/Contents")
        streams = contents.get_object() if contents is not None else None
        if streams is None:
            return
        if not isinstance(streams, list):
            streams = [streams]
        for stream in streams:
            data = stream.get_object().get_data()
            self.content += len(data)
        if self.content > MAX_CONTENT_BYTES:
            raise self.problem(f"its pages draw more than {MAX_CONTENT_BYTES // (1024 * 1024)} MB of content "
                                "(a stream shared by pages counted for each); a results report draws far less, so "
                                "it is refused")
        self._in_time()

    def operation(self, operator: Any, operands: Any, cm: Any, tm: Any) -> None:
        """pypdf's visitor, called before each operation it runs."""
        self.operations += 1
        if self.operations > MAX_OPERATIONS:
            raise self.problem(f"its pages run more than {MAX_OPERATIONS} drawing operations; a results report "
                                "runs far fewer, so it is refused")
        if self.operations % 1000 == 0:
            self._in_time()

    def _in_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise self.problem(f"reading it took more than {MAX_SECONDS:.0f} seconds; a results report takes far "
                                "less, so it is refused (print only the pages with the scores)")

    def problem(self, message: str) -> InputError:
        return InputError(Problem(f"{self.source} (page {self.page})", message))
