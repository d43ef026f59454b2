"""Every bad input ends in its own one-line errors and exit status 2, never a traceback."""

from __future__ import annotations

import pytest
import yaml
from click.testing import CliRunner
from conftest import BAD
from itaplan.cli import main

EXPECTED = yaml.safe_load((BAD / "expected.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_input(name: str) -> None:
    result = CliRunner().invoke(main, ["score", str(BAD / name)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert lines, result.output
    position = 0
    for wanted in EXPECTED[name]:
        matches = [i for i, line in enumerate(lines) if wanted in line and i >= position]
        assert matches, f"{wanted!r} not in {lines}"
        position = matches[0] + 1


def test_every_bad_file_has_an_expectation() -> None:
    files = {p.name for p in BAD.iterdir() if p.name != "expected.yaml"}
    assert files == set(EXPECTED)
