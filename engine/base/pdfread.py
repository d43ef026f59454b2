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
"""

from __future__ import annotations

import contextlib
import logging
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
    with warnings.catch_warnings(), _parser_limits():
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
