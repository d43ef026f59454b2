"""The parse cache gives back exactly what parsing gives, line numbers included, and never trusts a bad entry."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from itaplan.base import parsecache
from itaplan.base.yamlio import _parse, loads, plain
from itaplan.builtin import builtin_dir


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ITAPLAN_CACHE", str(tmp_path))
    parsecache._memory.clear()
    return tmp_path


def test_cached_parse_equals_the_parse(cache: Path) -> None:
    text = (builtin_dir("rules") / "fy2568.yaml").read_text(encoding="utf-8")
    first = loads(text, "fy2568.yaml")
    assert list(cache.glob("*.json"))  # written
    parsecache._memory.clear()
    again = loads(text, "fy2568.yaml")  # from the file
    assert plain(again) == plain(first) == plain(_parse(text, "x"))
    assert again.line_of("rules") == first.line_of("rules")
    assert again["rules"].line_of(3) == first["rules"].line_of(3)
    assert again["rules"][3].line_of("when") == first["rules"][3].line_of("when")


def test_a_bad_cache_entry_is_ignored(cache: Path) -> None:
    text = (builtin_dir("rules") / "fy2568.yaml").read_text(encoding="utf-8")
    loads(text, "x")
    for entry in cache.glob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    parsecache._memory.clear()
    assert plain(loads(text, "x")) == plain(_parse(text, "x"))


def test_cache_off_and_unwritable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = (builtin_dir("rules") / "fy2568.yaml").read_text(encoding="utf-8")
    monkeypatch.setenv("ITAPLAN_CACHE", "off")
    parsecache._memory.clear()
    assert plain(loads(text, "x")) == plain(_parse(text, "x"))
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("ITAPLAN_CACHE", str(blocker / "cache"))  # cannot be made: ignored
    parsecache._memory.clear()
    assert plain(loads(text, "x")) == plain(_parse(text, "x"))


def test_errors_are_never_cached(cache: Path) -> None:
    text = "a: 1\n" * 2000  # a key given twice, in a text long enough to be cached
    for _ in range(2):
        with pytest.raises(Exception, match="given twice"):
            loads(text, "dup.yaml")


def test_small_texts_kept_apart_bounded_and_not_in_memory(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A results file is kept in small/ (read back with its line numbers, without parsing), never held in
    memory, and only the last SMALL_KEEP of them stay."""
    from itaplan.base import yamlio

    text = (Path(__file__).parent.parent / "tests" / "data" / "example-2568.yaml").read_text(encoding="utf-8")
    assert len(text) < parsecache.MIN_CHARS
    first = loads(text, "example.yaml")
    assert len(list((cache / "small").glob("*.json"))) == 1 and not parsecache._memory
    monkeypatch.setattr(yamlio, "_parse", lambda *a: pytest.fail("parsed again"))
    again = loads(text, "example.yaml")
    assert plain(again) == plain(first) and again.line_of("fiscal_year") == first.line_of("fiscal_year")
    monkeypatch.undo()
    monkeypatch.setenv("ITAPLAN_CACHE", str(cache))
    monkeypatch.setattr(parsecache, "SMALL_KEEP", 5)
    for n in range(40):
        loads(f"agency: n{n}\nfiscal_year: 2568\n", f"r{n}.yaml")
    assert len(list((cache / "small").glob("*.json"))) <= 5 + 16


def test_the_suite_never_writes_the_users_cache() -> None:
    """conftest points ITAPLAN_CACHE at a folder of this run: the user's cache folder is not the one in use."""
    from itaplan.base import parsecache

    used = parsecache.folder()
    assert used is not None and used.name.startswith("itaplan-tests-cache-")
    home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "itaplan"
    assert used.resolve() != home.resolve()


def test_the_cache_is_bounded_in_memory_and_on_disk(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Item 7 of the second attack: every distinct large text stayed in a server's memory and on disk for good.
    Memory keeps the most recently used texts up to MEMORY_CHARS; the folder keeps the LARGE_KEEP last written."""
    monkeypatch.setattr(parsecache, "MEMORY_CHARS", 40_000)
    monkeypatch.setattr(parsecache, "LARGE_KEEP", 5)
    parsecache._memory.clear()
    texts = [f"key{n}: " + "x" * 9_000 + "\n" for n in range(40)]
    for text in texts:
        loads(text, "big.yaml")
    held = sum(size for size, _ in parsecache._memory.values())
    assert held <= 40_000 and len(parsecache._memory) < len(texts)
    assert loads(texts[-1], "big.yaml") == {"key39": "x" * 9_000}  # the latest is still there
    assert len(list(cache.glob("*.json"))) <= 5 + 16  # pruned every 16th written
