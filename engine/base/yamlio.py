"""Safe YAML with line numbers, so every error can name the line it is about.

Only plain data is built (SafeLoader): nothing in a rule, plan or results file is ever executed.
Input files are hostile until proven otherwise, so the loader also refuses what no itaplan file needs:
aliases and anchors (a "billion laughs" file expands to gigabytes from a few lines), a key given twice
in one mapping (the second would silently win), integers longer than a score or year could be (Python
refuses to convert 4,301+ digits), .nan and .inf, and files larger than ``MAX_BYTES``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from itaplan.base.errors import InputError, Problem
from itaplan.base.i18n_composed import N_


class LineDict(dict):
    """A mapping that remembers the line (1-based) of itself and of each key."""

    line: int = 0
    column: int = 0
    key_lines: dict[Any, tuple[int, int]]

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, (self.line, self.column))[0]

    def pos_of(self, key: Any) -> tuple[int, int]:
        return self.key_lines.get(key, (self.line, self.column))


class LineList(list):
    """A sequence that remembers the line of itself and of each item."""

    line: int = 0
    column: int = 0
    item_lines: list[tuple[int, int]]

    def line_of(self, index: int) -> int:
        return self.item_lines[index][0] if index < len(self.item_lines) else self.line

    def pos_of(self, index: int) -> tuple[int, int]:
        return self.item_lines[index] if index < len(self.item_lines) else (self.line, self.column)


MAX_BYTES = 20 * 1024 * 1024  # no results, rule, plan or settings file comes near this
MAX_INT_DIGITS = 30
MAX_DEPTH = 200


# Texts that libyaml reads otherwise than PyYAML (found by comparing the two on random texts): characters
# outside printable Unicode, tabs, carriage returns and the other line breaks, a BOM; a block scalar header
# followed by '#'; tags, anchors, aliases and directives. They, and any text libyaml refuses, are read by
# PyYAML alone. (The class lists the characters refused, not those allowed: 0.6 ms to compile, not 6.)
_LIBYAML_DISAGREES = re.compile(
    r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff\U00010000-\U0010ffff]|[|>][-+0-9]*#|[!&*%]")


def _short(value: Any, limit: int = 60) -> str:
    """A value for an error message: never the whole of a huge value, always one line."""
    text = value if isinstance(value, str) else repr(value)
    text = " ".join(text[: limit * 4].split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def loads(text: str, source: str, cache_small: bool = False) -> Any:
    """Parse YAML text; a syntax error becomes an InputError naming ``source:line:col``.

    PyYAML's composer is pure Python (line numbers need it), so the rule, catalogue and framework files
    take most of a command's time; what a text parses to is kept in a cache keyed on the text itself
    (see :mod:`engine.parsecache`), and a file that parsed before is not parsed again.
    """
    if len(text) > MAX_BYTES:
        raise InputError(Problem(source, f"is larger than {MAX_BYTES // (1024 * 1024)} MB; no itaplan file is that big"))
    from itaplan.base import parsecache

    cached = parsecache.get(text, cache_small)
    if cached is not parsecache.MISSING:
        return cached
    data = _parse(text, source)
    parsecache.put(text, data, cache_small)
    return data


def _parse(text: str, source: str) -> Any:
    from itaplan.base.yamlparse import parse  # PyYAML only when a text is parsed: a cached one needs none of it (20 ms)

    return parse(text, source)


def __getattr__(name: str) -> Any:
    """The parsers themselves (``_LineLoader``, ``_FastLineLoader``, ``CParser``), from engine/yamlparse.py."""
    if name in ("_LineLoader", "_FastLineLoader", "CParser"):
        from itaplan.base import yamlparse

        return getattr(yamlparse, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_YAML_WORDS = {
    "expected <block end>, but found": N_("check the indentation: this line is not lined up with the lines above it "
                                          "(PyYAML: {reason})"),
    "mapping values are not allowed here": N_("a ':' where none is expected; put text with ':' in quotes, or check "
                                              "the indentation (PyYAML: {reason})"),
    "could not find expected ':'": N_("a key without ':' (write key: value), or a text that needs quotes "
                                      "(PyYAML: {reason})"),
    "found character '\\t' that cannot start any token": N_("a tab character; indent with spaces (PyYAML: {reason})"),
    "found unexpected end of stream": N_("the file ends inside a quote or bracket; close it (PyYAML: {reason})"),
    "while scanning a quoted scalar": N_("a quote is not closed (PyYAML: {reason})"),
    "expected the node content, but found '<stream end>'": N_("the file ends where a value is expected; finish the "
                                                              "last line or remove it (PyYAML: {reason})"),
    "expected ',' or ']'": N_("a list in [ ] is not closed with ] (PyYAML: {reason})"),
    "expected ',' or '}'": N_("a mapping in { } is not closed with } (PyYAML: {reason})"),
    "found undefined alias": N_("a '*' starts a word; put the text in quotes (PyYAML: {reason})"),
    "found character that cannot start any token": N_("a line starts with a character YAML reserves (such as @ or "
                                                      "`); put the text in quotes (PyYAML: {reason})"),
}


def _plain_yaml(reason: str) -> str:
    """PyYAML's reason in plain words, where we know them (the original follows for the expert)."""
    for prefix, words in _YAML_WORDS.items():
        if reason.startswith(prefix):
            return words.replace("{reason}", reason)  # not format(): some words hold a literal { }
    return reason


def yaml_files(folder: Path) -> list[Path]:
    """The YAML files of a folder, named *.yaml or *.yml (a *.yml file used to be silently left out)."""
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in (".yaml", ".yml") and not p.is_dir())


def read_text(path: Path, within: Path | None = None) -> str:
    """Read a UTF-8 text file (a BOM is allowed) or fail with a located, readable error.

    With ``within`` (a rule or recommendation folder), a link to a file outside that folder is refused
    before it is read: an error about its content would show part of a file the user did not mean to give.
    """
    if within is not None and path.is_symlink():
        try:
            target = path.resolve(strict=True)
            inside = target.is_relative_to(within.resolve())
        except (OSError, RuntimeError):
            inside = False
        if not inside:
            raise InputError(Problem(str(path), "is a link to a file outside its folder; copy the file into the "
                                                "folder instead"))
    try:
        if path.exists() and not path.is_file() and not path.is_dir():  # a FIFO or device would block or never end
            raise InputError(Problem(str(path), "is not a regular file"))
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise InputError(Problem(str(path), "no such file")) from None
    except IsADirectoryError:
        raise InputError(Problem(str(path), "is a folder, not a file")) from None
    except NotADirectoryError:
        raise InputError(Problem(str(path), "no such file (a part of the path is a file, not a folder)")) from None
    except OSError as exc:
        raise InputError(Problem(str(path), f"cannot be read: {exc.strerror or exc.__class__.__name__}")) from None
    if len(data) > MAX_BYTES:
        raise InputError(Problem(str(path), f"is larger than {MAX_BYTES // (1024 * 1024)} MB; no itaplan file is that big"))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(Problem(str(path), f"is not UTF-8 text (byte 0x{data[exc.start]:02x}); save it as UTF-8",
                                 line)) from None


def load_file(path: Path) -> Any:
    return loads(read_text(path), str(path))


def plain(data: Any) -> Any:
    """Strip the line-number subclasses (for JSON output and equality in tests)."""
    if isinstance(data, dict):
        return {k: plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [plain(v) for v in data]
    return data
