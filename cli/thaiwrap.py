"""Thai text wrapped for the terminal at word boundaries (rich breaks lines only at spaces): the words of
base/thaiwords.py, and grapheme clusters for runs longer than a line."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

import click
import click.formatting
from itaplan.base.i18n import language
from itaplan.base.thaiwords import glued, words
from rich.cells import cell_len


def _clusters(text: str) -> list[str]:
    """Grapheme clusters, enough for Thai: combining marks stay with their base character."""
    out: list[str] = []
    for ch in text:
        if out and unicodedata.category(ch) in ("Mn", "Me"):
            out[-1] += ch
        else:
            out.append(ch)
    return out


def wrap_thai(text: str, width: int) -> str:
    """Wrap to ``width`` display cells at word boundaries; a run longer than a line is cut between clusters."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for token in glued(words(paragraph)):
            if cell_len(line + token) <= width:
                line += token
                continue
            if line.strip():
                lines.append(line.rstrip())
            line = "" if token.isspace() else token
            while cell_len(line) > width:
                head = ""
                for cluster in _clusters(line):
                    if cell_len(head + cluster) > width:
                        break
                    head += cluster
                joint = max(head.rfind(mark) for mark in "+-/_")  # an id or a link: cut after one of its joints
                if joint > 0 and not line[: joint + 1].isspace():
                    head = head[: joint + 1]
                lines.append(head)
                line = line[len(head):]
        lines.append(line.rstrip())
    return "\n".join(lines).strip("\n")


def widest_word(text: str) -> int:
    """Display cells of the widest piece of ``text`` that ``wrap_thai`` keeps whole (a word with its brackets and
    punctuation): a column at least that wide never has a word cut."""
    return max((cell_len(token) for paragraph in text.split("\n") for token in glued(words(paragraph))
                if not token.isspace()), default=0)


def one_line(text: str, limit: int) -> str:
    """The first paragraph of a Thai help text as one line of at most ``limit`` characters (click's column counts
    characters, not cells), cut at a word boundary with "…": click's own shortening breaks only at spaces, and
    Thai writes none between words, so a Thai first sentence came out as "..." alone."""
    flat = " ".join(text.partition("\n\n")[0].replace("\b", " ").split())
    if len(flat) <= limit:
        return flat
    width = limit - 1
    while width > 1:
        head = wrap_thai(flat, width).split("\n")[0].rstrip()
        if len(head) < limit:
            return head + "…"
        width -= 1
    return flat[: limit - 1] + "…"


def _has_thai(text: str) -> bool:
    return any("\u0e00" <= ch <= "\u0e7f" for ch in text)


def wrap_help(text: str, width: int, initial_indent: str = "", subsequent_indent: str = "") -> str:
    """click's ``wrap_text`` with ``preserve_paragraphs``, but a paragraph holding Thai wrapped by ``wrap_thai``:
    click's textwrap breaks only at spaces, and a Thai run longer than the line at any character, even between a
    letter and its tone mark ("อ่านไม ่ได้"). Paragraphs, their indents and ``\\b`` blocks are click's; a
    paragraph without Thai is click's own wrapping."""
    paragraphs: list[tuple[int, bool, str]] = []
    buf: list[str] = []
    indent: int | None = None
    for line in [*text.expandtabs().splitlines(), ""]:
        if line:
            if indent is None:
                indent = len(line) - len(line.lstrip())
                line = line.lstrip()
            buf.append(line)
            continue
        if buf:
            raw = buf[0].strip() == "\b"
            paragraphs.append((indent or 0, raw, "\n".join(buf[1:]) if raw else " ".join(buf)))
        buf, indent = [], None
    out: list[str] = []
    for extra, raw, body in paragraphs:
        first, rest = initial_indent + " " * extra, subsequent_indent + " " * extra
        if raw or _has_thai(body):
            lines = body.split("\n") if raw else wrap_thai(body, max(width - cell_len(rest), 10)).split("\n")
            out.append("\n".join((first if i == 0 else rest) + line for i, line in enumerate(lines)))
        else:
            out.append(click.formatting.wrap_text(body, width, first, rest))
    return "\n\n".join(out)


class HelpFormatter(click.HelpFormatter):
    """Help pages in Thai wrapped at Thai word boundaries (``wrap_help``): the command's text and the options' and
    commands' descriptions. English help (whose few Thai words are names to type) is formatted exactly as click
    formats it, so docs/cli.md stays as it was."""

    def _thai(self, text: str) -> bool:
        return language() != "en" and _has_thai(text)

    def write_text(self, text: str) -> None:
        if not self._thai(text):
            super().write_text(text)
            return
        indent = " " * self.current_indent
        self.write(wrap_help(text, self.width, indent, indent))
        self.write("\n")

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        """click's definition list, its Thai descriptions wrapped here to click's own column width and handed to
        click as ``\\b`` blocks (click's documented "do not rewrap" mark), so click lays out the columns."""
        rows = list(rows)
        widths = click.formatting.measure_table(rows)
        if len(widths) == 2:
            first_col = min(widths[0], col_max) + col_spacing
            text_width = max(self.width - first_col - 2, 10)
            rows = [(term, _raw_blocks(wrap_help(text, text_width)) if self._thai(text) else text)
                    for term, text in rows]
        super().write_dl(rows, col_max, col_spacing)


def _raw_blocks(wrapped: str) -> str:
    """Wrapped paragraphs marked for click not to wrap them again."""
    return "\n\n".join("\b\n" + block for block in wrapped.split("\n\n"))


class Context(click.Context):
    """The context of every itaplan command: its help formatted by ``HelpFormatter``."""

    formatter_class = HelpFormatter
