"""Braces in the catalogue's texts: what drafting fills (``{agency}``) and what it would print as typed.

Drafting replaces only well-formed known placeholders; anything else with a brace in it (``{plan_year`` never
closed, ``{{agency}}``, ``{plan year}``, ``{ปีงบประมาณ}``, a lone ``}``) would be printed verbatim into the
published documents (a provincial auditor's trial). Each is found here, with what was likely meant, and located in
the file where the fragment stands (a text's place in its file: the key's, then the fragment searched for from it).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection
from dataclasses import dataclass

from itaplan.ita.gather import VOCAB

_TOKEN = re.compile(r"\{\{[^{}\n]*\}\}|\{[^{}\n]*\}|\{|\}")
_NAME = re.compile(r"[a-z_]+")  # a recommendation's well-formed name: the known and the unknown ones are said elsewhere
_TEXTS_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")  # a settings text's (the code fills {q1}, {part2} …)
_THAI = re.compile("[\u0e01-\u0e5b]")
# the Thai an office may write for a placeholder's name (vocabulary.yaml), e.g. ปีงบประมาณ -> plan_year
THAI_NAMES: dict[str, str] = {str(k): str(v) for k, v in (VOCAB.get("placeholder_names_th") or {}).items()}


@dataclass(frozen=True)
class StrayBrace:
    start: int  # where the fragment starts in the text
    fragment: str  # the brace and what stands with it, as written
    reason: str  # what is wrong, in words the interface translates


def nearest(word: str, known: Collection[str]) -> str | None:
    """The known placeholder a mistyped, spaced or Thai name most likely means."""
    if word in THAI_NAMES and THAI_NAMES[word] in known:
        return THAI_NAMES[word]
    key = "_".join(word.lower().replace("-", " ").split())
    if key in known:
        return key
    close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.6)
    return close[0] if close else None


def suggesting(reason_near: str, reason_none: str, near: str | None) -> str:
    return reason_near.replace("{suggestion}", "{" + near + "}") if near else reason_none


def stray_braces(text: str, known: Collection[str], doubled_escape: bool = False) -> list[StrayBrace]:
    """Every brace of ``text`` that is not part of a well-formed ``{name}`` (``doubled_escape``: a settings.yaml
    text, where ``{{``/``}}`` stand for a brace and names may hold capitals and digits)."""
    found = []
    listed = ", ".join("{" + k + "}" for k in sorted(known))
    for match in _TOKEN.finditer(text):
        token, start = match.group(0), match.start()
        if token.startswith("{{") and token.endswith("}}"):
            if doubled_escape:
                continue
            inner = token[2:-2].strip()
            near = inner if inner in known else nearest(inner, known)
            found.append(StrayBrace(start, token, suggesting(
                f"doubled braces {token} print the value inside a pair of braces; write {{suggestion}}",
                f"doubled braces {token} print as they are; a placeholder is one pair of braces (known: {listed})",
                near)))
            continue
        if token == "{" or token == "}":
            if doubled_escape and text[start:start + 2] in ("{{", "}}"):
                continue
            if token == "{":
                word = re.match(r"[^\s{}]{0,40}", text[start + 1:])
                typed = "{" + (word.group(0) if word else "")
                near = nearest(typed[1:], known) if len(typed) > 1 else None
                found.append(StrayBrace(start, typed, suggesting(
                    f"the brace of {typed} is never closed, so it is printed as it is; did you mean {{suggestion}}?",
                    f"the brace of {typed} is never closed, so it is printed as it is; close it, or remove it "
                    f"(known placeholders: {listed})", near)))
            else:
                before = text[max(0, start - 12):start].split("\n")[-1].lstrip()
                typed = before + "}"
                found.append(StrayBrace(start, token,
                                        f"a closing brace without its opening one ({typed}) is printed as it is; "
                                        f"remove it, or write a placeholder whole (known placeholders: {listed})"))
            continue
        inner = token[1:-1]
        if (_TEXTS_NAME if doubled_escape else _NAME).fullmatch(inner):
            continue
        near = nearest(inner.strip(), known)
        if not inner.strip():
            reason = f"empty braces {token} are printed as they are; remove them (known placeholders: {listed})"
        elif _THAI.search(inner):
            reason = suggesting(f"placeholder names are written in English: {token} is printed as it is; did you mean "
                           "{suggestion}?",
                           f"placeholder names are written in English: {token} is printed as it is (known "
                           f"placeholders: {listed})", near)
        elif any(ch.isspace() for ch in inner.strip()):
            reason = suggesting(f"a placeholder name has no spaces: {token} is printed as it is; did you mean {{suggestion}}?",
                           f"a placeholder name has no spaces: {token} is printed as it is (known placeholders: "
                           f"{listed})", near)
        else:
            reason = suggesting(f"the name in {token} is not a placeholder's (lower-case letters and _ only), so it is "
                                "printed as it is; did you mean {suggestion}?",
                                f"the name in {token} is not a placeholder's (lower-case letters and _ only), so it is "
                                f"printed as it is (known placeholders: {listed})", near)
        found.append(StrayBrace(start, token, reason))
    return found


def locate(lines: list[str], at: tuple[int, int], text: str, start: int, fragment: str) -> tuple[int, int]:
    """Where in the file (1-based line and column) the fragment at ``start`` of ``text`` stands: searched for from
    ``at`` (the key or item the text is written under) with the words just before it, then alone; else ``at``."""
    line, column = at
    before = text[max(0, start - 8):start].split("\n")[-1]
    for probe, shift in ((before + fragment, len(before)), (fragment, 0)):
        if not probe.strip():
            continue
        for index in range(max(line - 1, 0), min(line - 1 + 200, len(lines))):
            found = lines[index].find(probe, column - 1 if index == line - 1 else 0)
            if found >= 0:
                return index + 1, found + shift + 1
    return at


def written_texts(value: object, at: tuple[int, int], key: str) -> list[tuple[str, str, tuple[int, int]]]:
    """(the key it is under, a text, where it is written) for every text of a value read from a file; only what the
    file itself holds (an office entry's keys kept from an earlier layer have no place in it and are not listed)."""
    if isinstance(value, str):
        return [(key, value, at)]
    out: list[tuple[str, str, tuple[int, int]]] = []
    if isinstance(value, dict):
        places = getattr(value, "key_lines", None)
        for name, item in value.items():
            if places is not None and name not in places:
                continue
            out += written_texts(item, places[name] if places else at, f"{key}.{name}" if key else str(name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out += written_texts(item, value.pos_of(index) if hasattr(value, "pos_of") else at, key)
    return out
