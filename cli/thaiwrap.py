"""Thai text wrapped for the terminal at word boundaries (rich breaks lines only at spaces): the words of
base/thaiwords.py, and grapheme clusters for runs longer than a line."""

from __future__ import annotations

import unicodedata

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
