"""The README's commands name files under examples/; run from a folder of the officer's own (a newcomer's trial: 'error:
examples/example.yaml: no such file'), each reads the example that ships with itaplan and says so."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from itaplan.builtin import builtin_dir
from itaplan.cli import main

SAID = "not in this folder: examples/"


@pytest.mark.parametrize("args", [
    ["score", "examples/example.yaml", "--format", "json"],
    ["score", "examples/itas.txt", "--format", "json"],
    ["whatif", "examples/example.yaml", "--format", "json"],
    ["review", "examples/example.yaml", "--plain"],
    ["check", "examples/itas.txt"],
])
def test_the_readme_examples_are_read_from_any_folder(args: list[str], tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["--lang", "en", *args])
    assert result.exit_code in (0, 1), result.output
    assert SAID in result.stderr and "no such file" not in result.output
    if "json" in args:
        assert json.loads(result.stdout)


def test_draft_and_import_of_the_examples_write_where_the_officer_is(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    drafted = runner.invoke(main, ["--lang", "en", "draft", "examples/example.yaml", "-o", "plan.yaml"])
    imported = runner.invoke(main, ["--lang", "en", "import", "examples/measures.txt", "-o", "last.yaml"])
    assert drafted.exit_code == 0 and imported.exit_code == 0, (drafted.output, imported.output)
    assert (tmp_path / "plan.yaml").exists() and (tmp_path / "last.yaml").exists()


def test_a_file_of_that_name_in_the_folder_is_read_and_a_missing_one_is_an_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    missing = runner.invoke(main, ["--lang", "en", "score", "examples/nonesuch.yaml"])
    assert missing.exit_code == 2 and "examples/nonesuch.yaml" in missing.output and SAID not in missing.output
    Path("examples").mkdir()
    shutil.copy(builtin_dir("examples") / "example.yaml", "examples/example.yaml")
    own = runner.invoke(main, ["--lang", "en", "score", "examples/example.yaml", "--format", "json"])
    assert own.exit_code == 0 and SAID not in own.stderr
