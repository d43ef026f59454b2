"""libyaml reads YAML for speed only where it reads it as PyYAML does: same values, same line numbers."""

from __future__ import annotations

import pytest
import yaml
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from itaplan.base import yamlio, yamlnodes

pytestmark = pytest.mark.skipif(yamlio.CParser is None, reason="PyYAML is built without libyaml here")


def shape(data: object) -> object:
    """Values with their types and every line and column the loaders record."""
    if isinstance(data, dict):
        return ("map", data.line, data.column, sorted(data.key_lines.items(), key=repr),  # type: ignore[attr-defined]
                [(repr(k), shape(v)) for k, v in data.items()])
    if isinstance(data, list):
        return ("seq", data.line, data.column, data.item_lines, [shape(v) for v in data])  # type: ignore[attr-defined]
    return (type(data).__name__, repr(data))


def both(text: str) -> tuple[object, object]:
    def read(loader: type) -> object:
        try:
            return shape(yaml.load(text, Loader=loader))  # both are safe loaders
        except (yaml.YAMLError, RecursionError) as exc:
            return type(exc).__name__
    return read(yamlio._LineLoader), read(yamlio._FastLineLoader)


def test_every_yaml_file_of_the_project_reads_the_same() -> None:
    files = [p for folder in ("engine", "rules", "recommendations", "examples", "tests") for p in (ROOT / folder).rglob("*.y*ml")]
    assert len(files) > 40
    for path in files:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
        pure, fast = both(text)
        assert isinstance(pure, str) or pure == fast, path


PIECES = ["key", "code", "ข้อ", "'q k'", '"d\\tq"', ": ", ":", " ", "  ", "\n", "- ", "- - ", "85", "85.50", "0o17",
          "1e3", ".nan", "~", "yes", "2024-01-05", "[1, 2]", "{x: 1}", "#c", " #c", "|", ">", "|-", "'", '"', ",",
          "?", "---", "...", "a: b", "\\", "ไทย ข้อ", "\u00a0", "x:", "-", "{", "]"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=24).map("".join))
def test_texts_libyaml_may_read_read_the_same(text: str) -> None:
    if yamlnodes.LIBYAML_DISAGREES.search(text):
        return
    pure, fast = both(text)
    assert isinstance(pure, str) or pure == fast  # where PyYAML refuses a text, _parse reports its error


@pytest.mark.parametrize("text", ["a:\tb\n", "a: |#\n  x\n", "a: ! x\n", "\ufeffa: 1\n", "a: b\u2028c\n", "a: &x 1\n"])
def test_texts_libyaml_reads_otherwise_go_to_pyyaml(text: str) -> None:
    assert yamlnodes.LIBYAML_DISAGREES.search(text)


@pytest.mark.parametrize("text", ["a: [1, 2\nb: 3\n", "a: b\n  c: d\n", "- a\nb: c\n", "a: 'x\n", "a: b: c\n"])
def test_errors_are_pyyamls(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def problems() -> list[str]:
        with pytest.raises(Exception) as caught:
            yamlio._parse(text, "results.yaml")
        return [str(p) for p in caught.value.problems]  # type: ignore[attr-defined]

    with_libyaml = problems()
    monkeypatch.setattr(yamlio, "CParser", None)
    assert with_libyaml == problems() and "results.yaml" in with_libyaml[0]


@pytest.mark.parametrize("text", ["%YAML 1." + "9" * 4400 + "\n---\na: 1\n", "%YAML " + "1" * 4400 + ".1\n---\na: 1\n"])
def test_a_directive_with_a_number_too_long_is_a_located_error(text: str) -> None:
    """PyYAML reads a %YAML directive's numbers with int(), which refuses 4,300+ digits with a ValueError: that is
    bad input, said as such (it was an internal error, found by the hostile property test)."""
    from itaplan.base.errors import InputError

    with pytest.raises(InputError) as caught:
        yamlio.loads(text, "x.yaml")
    assert "x.yaml: not valid YAML: a directive (%YAML or %TAG) holds a number too long to read" in str(caught.value)
