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

from itaplan.base import parsecache
from itaplan.base.errors import InputError, Problem
from itaplan.base.yamlnodes import MAX_BYTES, MAX_DEPTH, MAX_INT_DIGITS, LineDict, LineList, plain_yaml, short

__all__ = ["LineDict", "LineList", "MAX_BYTES", "MAX_DEPTH", "MAX_INT_DIGITS", "loads", "load_file", "plain", "plain_yaml",
           "read_text", "short", "yaml_files"]


def loads(text: str, source: str, cache_small: bool = False) -> Any:
    """Parse YAML text; a syntax error becomes an InputError naming ``source:line:col``.

    PyYAML's composer is pure Python (line numbers need it), so the rule, catalogue and framework files
    take most of a command's time; what a text parses to is kept in a cache keyed on the text itself
    (see :mod:`itaplan.base.parsecache`), and a file that parsed before is not parsed again.
    """
    if len(text) > MAX_BYTES:
        raise InputError(Problem(source, f"is larger than {MAX_BYTES // (1024 * 1024)} MB; no itaplan file is that big"))
    cached = parsecache.get(text, cache_small)
    if cached is not parsecache.MISSING:
        return cached
    data = _parse(text, source)
    if _SURROGATE_ESCAPE.search(text):  # before the cache, which (like every file itaplan writes) is UTF-8
        _refuse_surrogates(data, source, None)
    parsecache.put(text, data, cache_small)
    return data


# "\ud800" and the like: a half of a UTF-16 pair, which no UTF-8 file can hold (JSON and YAML escapes make one)
_SURROGATE_ESCAPE = re.compile(r"\\[uU]0{0,4}[dD][89a-fA-F][0-9a-fA-F]{2}")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _refuse_surrogates(data: Any, source: str, line: int | None) -> None:
    """A text with a lone surrogate (an escape such as \\ud800, or bytes a terminal could not decode) cannot be
    saved or printed: refused where it stands, rather than failing in every command that later writes it."""
    if isinstance(data, str):
        if _SURROGATE.search(data):
            raise InputError(Problem(source, "holds an escape of half a character (\\ud800-\\udfff), which is not "
                                             "text: remove it or write the character itself", line))
        return
    if isinstance(data, dict):
        for key, value in data.items():
            where = data.line_of(key) if isinstance(data, LineDict) else line
            _refuse_surrogates(key, source, where)
            _refuse_surrogates(value, source, where)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            _refuse_surrogates(value, source, data.line_of(index) if isinstance(data, LineList) else line)


def _parse(text: str, source: str) -> Any:
    from itaplan.base.yamlparse import parse  # PyYAML only when a text is parsed: a cached one needs none of it (20 ms)

    return parse(text, source)


def __getattr__(name: str) -> Any:
    """The parsers themselves (``_LineLoader``, ``_FastLineLoader``, ``CParser``), from base/yamlparse.py."""
    if name in ("_LineLoader", "_FastLineLoader", "CParser"):
        from itaplan.base import yamlparse

        return getattr(yamlparse, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
