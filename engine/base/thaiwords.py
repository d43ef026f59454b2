"""Thai word boundaries: PyThaiNLP's newmm over its word list, sorted once and kept in the parse cache's folder.

Thai writes no spaces between words; the terminal's wrapping (cli/thaiwrap.py) and the PDF's table cells
(render/pdf.py, whose Typst dictionary broke หน่วยตรวจสอบภาย|ใน) break lines only where these say."""

from __future__ import annotations

import os
import re
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path

from itaplan.base import parsecache


def _word_file() -> Path | None:
    """PyThaiNLP's word list file (what its thai_words() reads), found without importing PyThaiNLP."""
    from importlib.util import find_spec

    try:
        spec = find_spec("pythainlp")
    except (ImportError, ValueError):
        return None
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "corpus" / "words_th.txt"
        if path.is_file():
            return path
    return None


@lru_cache(maxsize=1)
def _dictionary() -> list[str]:
    """PyThaiNLP's Thai word list, sorted, to find which words a text holds by bisection.

    Sorting 62,000 Thai words takes some 50 ms at every start: the sorted list is kept in the cache folder
    (engine/parsecache.py's), named by the SHA-256 of the word file itself, so a changed PyThaiNLP brings
    its own list. The words are those of thai_words(): the file's non-empty lines."""

    source = _word_file()
    if source is None:
        from pythainlp.corpus import thai_words  # type: ignore[import-not-found]

        return sorted(thai_words())
    data = source.read_bytes()
    where = parsecache.folder()
    digest = parsecache.sha256(b"sorted-words-1\0" + data).hexdigest()
    cached = where / f"words-{digest}.txt" if where else None
    if cached is not None:
        try:
            return cached.read_text(encoding="utf-8").split("\n")
        except OSError:
            pass
    words = sorted(set(filter(None, data.decode("utf-8-sig").splitlines())))
    if cached is not None:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            temp = cached.with_name(f".{cached.name}.{os.getpid()}.tmp")
            temp.write_text("\n".join(words), encoding="utf-8")
            os.replace(temp, cached)
        except OSError:
            pass  # the cache is only a speed-up
    return words


def _document_words() -> frozenset[str]:
    """The words of document_words.txt beside this module (its # lines are comments)."""
    text = (Path(__file__).with_name("document_words.txt")).read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


DOCUMENT_WORDS = _document_words()  # a line is never broken inside them (``words``)
_LONGEST_FIRST = sorted(DOCUMENT_WORDS, key=len, reverse=True)


def _words_in(text: str) -> set[str]:
    """Every dictionary word that occurs in ``text``: from each Thai letter, the longer and longer prefixes of
    the rest of the text, for as long as some word starts with them."""
    ordered = _dictionary()
    found: set[str] = set()
    for i, ch in enumerate(text):
        if not "\u0e00" <= ch <= "\u0e7f":
            continue
        end = i + 1
        while end <= len(text):
            prefix = text[i:end]
            k = bisect_left(ordered, prefix)
            if k == len(ordered) or not ordered[k].startswith(prefix):
                break
            if ordered[k] == prefix:
                found.add(prefix)
            end += 1
    return found


def words(text: str) -> list[str]:
    """Thai word boundaries (PyThaiNLP's newmm). Building its trie of 62,000 words took over a second at every
    start; newmm can only ever match words that occur in the text, so the trie is built from just those (found by
    bisection in the sorted word list): the same segmentation in a few milliseconds."""
    if not text.strip() or text.isascii():
        return [t for t in re.split(r"(\s+)", text) if t]
    try:  # optional: real Thai word boundaries
        from pythainlp.tokenize import word_tokenize  # type: ignore[import-not-found]
        from pythainlp.util import Trie  # type: ignore[import-not-found]

        present = _words_in(text) | {w for w in DOCUMENT_WORDS if w in text}
        tokens = word_tokenize(text, custom_dict=Trie(present or {"ก"}), engine="newmm", keep_whitespace=True)
    except Exception:  # noqa: BLE001 - not installed: break at spaces, and inside over-long runs
        return [t for t in re.split(r"(\s+)", text) if t]
    return kept_whole(text, tokens)


def kept_whole(text: str, tokens: list[str]) -> list[str]:
    """``tokens`` (which make up ``text``) with no boundary inside a ``DOCUMENT_WORDS`` word: newmm takes the fewest
    words, and where two cuts tie it may take one that cuts an official word (อย่าง|ถูก|ต้องตาม|ขั้นตอน); such a word
    is made one token, what it was glued to split off (อย่าง|ถูกต้อง|ตาม|ขั้นตอน). A word found whole is left as the
    list has it (ข้าราชการ stays one)."""
    cuts, at = set(), 0
    for token in tokens:
        at += len(token)
        cuts.add(at)
    taken: list[tuple[int, int]] = []
    for word in _LONGEST_FIRST:
        for found in re.finditer(re.escape(word), text):
            start, end = found.span()
            if not any(start < cut < end for cut in cuts) or any(start < b and a < end for a, b in taken):
                continue
            cuts = {cut for cut in cuts if not start < cut < end} | {start, end}
            taken.append((start, end))
    if not taken:
        return tokens
    edges = sorted(cuts | {0, len(text)})
    return [text[a:b] for a, b in zip(edges, edges[1:]) if b > a]


# a question's code (i10, e9, O22, o๑๐: one to three Latin letters, then digits, Arabic or Thai) is one token:
# the word list splits it at the change of script, and a line broke inside it, "(i" | "๑๐)"
_CODE_HEAD = re.compile(r"(?:^|[^A-Za-z])[A-Za-z]{1,3}$")
_CODE_TAIL = re.compile(r"[0-9๐-๙]")


def glued(tokens: list[str]) -> list[str]:
    """Tokens that must not be split across lines, joined: an opening bracket to what follows it, a closing
    bracket or punctuation to what precedes it, a question's code's letters to its digits (i๑๐, O22),
    abbreviations with their dots (มิ.ย., พ.ศ.), and an option's value to its name (--budget 1=30,000,
    N=ไม่ใช้งบประมาณ: a command to copy is never cut at its '=')."""
    out: list[str] = []
    for token in tokens:
        if out and not token.isspace() and (
                out[-1].endswith(("(", "[", "“", '"', "=")) or token[0] in ".,;:)]”%=" or
                (_CODE_HEAD.search(out[-1]) and _CODE_TAIL.match(token)) or
                (out[-1].endswith(".") and len(token) <= 2 and not token.isspace() and "." in "".join(out[-1:]))):
            out[-1] += token
        else:
            out.append(token)
    return out
