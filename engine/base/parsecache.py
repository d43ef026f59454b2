"""A cache of parsed YAML, keyed on the text itself, so that a file is parsed once, not at every command.

PyYAML composes nodes in pure Python when line numbers are wanted, and the built-in rule, catalogue and
framework files are some 12,000 nodes: parsing them was most of a draft's time. What a text parses to
(mappings and lists with their line numbers, and plain values) is stored as JSON — never pickle, so a
cache file can only ever give data back, not run code — under ``$ITAPLAN_CACHE`` or the user's cache
folder, named by the SHA-256 of the text and this format's version. A changed file has another hash, so a
stale entry is never used; a cache that cannot be read or written is ignored. Small texts (results
files) are kept apart, in ``small/``, the last ``SMALL_KEEP`` of them only and never in memory: parsing one is
quick, but importing PyYAML to do it is a fifth of a command's start, and an officer runs ``score``, ``draft``
and ``review`` on the same file again and again. ``ITAPLAN_CACHE=off`` switches it off.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

from itaplan.base.yamlnodes import LineDict, LineList

FORMAT = "1"
MIN_CHARS = 4000
SMALL_KEEP = 200  # small texts kept in the cache folder, the most recently written
LARGE_KEEP = 400  # large texts kept in the cache folder (the built-in sets are about 30 of them)
MEMORY_CHARS = 16 * 1024 * 1024  # the texts whose parsed data a process holds, at most, least recently used out
MISSING = object()
_memory: OrderedDict[str, tuple[int, Any]] = OrderedDict()  # key -> (length of the text, its parsed data)
_memory_lock = threading.Lock()  # the web app reads plans in several threads at once
_small_puts = [0]
_large_puts = [0]


def folder() -> Path | None:
    setting = os.environ.get("ITAPLAN_CACHE", "")
    if setting.lower() in ("off", "0", "no"):
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "itaplan"


def sha256(data: bytes = b"") -> Any:
    """A SHA-256 hash object. CPython's own module (``_sha2``, ``_sha256`` before 3.12) where it exists:
    importing hashlib loads OpenSSL, 5 ms of every command's start; the digests are the same."""
    try:
        from _sha2 import sha256 as made  # type: ignore[import-not-found]
    except ImportError:
        try:
            from _sha256 import sha256 as made  # type: ignore[import-not-found,no-redef]
        except ImportError:
            from hashlib import sha256 as made  # type: ignore[assignment]
    return made(data)


def _key(text: str) -> str:
    return sha256((FORMAT + "\0" + text).encode("utf-8")).hexdigest()


def _loads(data: bytes) -> Any:
    """JSON by orjson (a third of json's time on the rule and catalogue files), json if it is missing or
    refuses (an integer beyond 64 bits)."""
    try:
        import orjson

        return orjson.loads(data)
    except (ImportError, ValueError):
        return json.loads(data.decode("utf-8"))


def get(text: str, always: bool = False) -> Any:
    """The parsed data of ``text`` if it was parsed before; ``always`` for a small file read at every start-up
    (the word lists), which is worth the lookup however small."""
    small = len(text) < MIN_CHARS and not always
    key = _key(text)
    with _memory_lock:
        held = _memory.get(key)
        if held is not None:
            _memory.move_to_end(key)
    if held is not None:
        return decode(held[1])
    where = folder()
    if where is None:
        return MISSING
    try:
        raw = _loads((where / "small" / f"{key}.json" if small else where / f"{key}.json").read_bytes())
    except (OSError, ValueError):
        return MISSING
    if not small:  # a batch reads thousands of small files: they are not held
        _remember(key, len(text), raw)
    try:
        return decode(raw)
    except (KeyError, TypeError, ValueError):
        return MISSING


def put(text: str, data: Any, always: bool = False) -> None:
    small = len(text) < MIN_CHARS and not always
    key = _key(text)
    raw = encode(data)
    if not small:
        _remember(key, len(text), raw)
    where = folder()
    if where is None:
        return
    if small:
        where = where / "small"
        _small_puts[0] += 1
        if _small_puts[0] % 16 == 1:
            _prune(where, SMALL_KEEP)
    else:
        _large_puts[0] += 1
        if _large_puts[0] % 16 == 1:
            _prune(where, LARGE_KEEP)
    try:
        where.mkdir(parents=True, exist_ok=True)
        temp = where / f".{key}.{os.getpid()}.tmp"
        temp.write_text(json.dumps(raw, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        os.replace(temp, where / f"{key}.json")
    except OSError:
        pass  # a read-only home or a full disk: the cache is only a speed-up


def _remember(key: str, chars: int, raw: Any) -> None:
    """Hold a text's parsed data in this process, least recently used out past ``MEMORY_CHARS`` of source text (a
    server that is sent many large texts does not keep them all)."""
    if chars > MEMORY_CHARS // 4:
        return  # one text this large is parsed again rather than held
    with _memory_lock:
        _memory.pop(key, None)
        _memory[key] = (chars, raw)
        held = sum(size for size, _ in _memory.values())  # a few dozen entries at most
        while held > MEMORY_CHARS and len(_memory) > 1:
            held -= _memory.popitem(last=False)[1][0]


def _prune(folder_: Path, keep: int) -> None:
    """Keep the ``keep`` most recently written entries of a cache folder (looked at every 16th written)."""
    try:
        entries = [(e.stat().st_mtime, e.path) for e in os.scandir(folder_) if e.name.endswith(".json")]
    except OSError:
        return
    if len(entries) <= keep:
        return
    entries.sort()
    for _, path in entries[:len(entries) - keep]:
        try:
            os.unlink(path)
        except OSError:
            pass


def encode(value: Any) -> Any:
    if isinstance(value, LineDict):
        return {"d": [[encode(k), encode(v), *value.key_lines.get(k, (value.line, value.column))]
                      for k, v in value.items()], "p": [value.line, value.column]}
    if isinstance(value, LineList):
        return {"l": [encode(v) for v in value], "i": [list(x) for x in value.item_lines],
                "p": [value.line, value.column]}
    if isinstance(value, dict):
        return {"d": [[encode(k), encode(v), 0, 0] for k, v in value.items()], "p": [0, 0]}
    if isinstance(value, list):
        return {"l": [encode(v) for v in value], "i": [], "p": [0, 0]}
    if isinstance(value, _dt.datetime):
        return {"t": value.isoformat()}
    if isinstance(value, _dt.date):
        return {"D": value.isoformat()}
    if isinstance(value, bytes):
        return {"b": value.hex()}
    return value  # str, int, float, bool, None


_PLAIN = (str, int, float, bool, type(None))


def decode(raw: Any) -> Any:
    if isinstance(raw, dict):
        if "d" in raw:
            out = LineDict()
            out.line, out.column = raw["p"]
            key_lines = out.key_lines = {}
            for k, v, line, column in raw["d"]:  # plain keys and values are taken as they are: most of a file
                key = k if type(k) in _PLAIN else decode(k)
                out[key] = v if type(v) in _PLAIN else decode(v)
                key_lines[key] = (line, column)
            return out
        if "l" in raw:
            seq = LineList([v if type(v) in _PLAIN else decode(v) for v in raw["l"]])
            seq.line, seq.column = raw["p"]
            seq.item_lines = [tuple(x) for x in raw["i"]]
            return seq
        if "t" in raw:
            return _dt.datetime.fromisoformat(raw["t"])
        if "D" in raw:
            return _dt.date.fromisoformat(raw["D"])
        if "b" in raw:
            return bytes.fromhex(raw["b"])
    return raw
