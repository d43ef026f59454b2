"""The second attack's holes (issue 29) closed so far, each as it was reproduced: a YAML set, a metadata row given
twice with two values, and -o naming a folder or '-'. (Formula injection: test_outputs.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from itaplan.cli import main

EXAMPLE = str(ROOT / "examples" / "example.yaml")


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("value, kind", [("!!set {i1: null}", "a set (!!set)"), ("!!binary aGVsbG8=", "binary data"),
                                         ("!!omap [{i1: 80}]", "an ordered mapping")])
def test_yaml_types_itaplan_does_not_read_are_located_errors(tmp_path: Path, monkeypatch, value: str,
                                                             kind: str) -> None:
    """`!!set` ended in exit 70 (the parse cache cannot store a set); now a located refusal, cache on or off."""
    path = tmp_path / "results.yaml"
    path.write_text(f"fiscal_year: 2568\nagency: {{name: x}}\nquestions: {value}\n", encoding="utf-8")
    for cache in ("off", str(tmp_path / "cache")):
        monkeypatch.setenv("ITAPLAN_CACHE", cache)
        result = run("score", str(path))
        assert result.exit_code == 2 and f"results.yaml:3:12: not valid YAML: {kind}" in result.stderr, result.output
        assert "Traceback" not in result.output


def test_a_metadata_row_given_twice_with_two_values_is_refused(tmp_path: Path) -> None:
    """CSV key,value rows: fiscal_year 2568 then 2567 used to let the last win silently (YAML refuses the same)."""
    path = tmp_path / "twice.csv"
    path.write_text("fiscal_year,2568\nfiscal_year,2567\nagency,x\ncode,score\ni1,80\n", encoding="utf-8")
    result = run("score", str(path))
    assert result.exit_code == 2
    assert "twice.csv: row 2: fiscal_year is given twice: '2567' here and '2568' on row 1" in result.stderr
    same = tmp_path / "same.csv"
    same.write_text("fiscal_year,2568\nfiscal_year,2568\nagency,x\ncode,score\ni1,80\n", encoding="utf-8")
    assert run("score", str(same)).exit_code == 0  # the same value twice says nothing new


def test_an_output_that_names_a_folder_or_dash(tmp_path: Path, monkeypatch) -> None:
    """`-o newdir/` wrote a file named newdir and `-o -` a file named '-': a folder is refused (exit 2, nothing
    written) and '-' is standard output where text can go there."""
    monkeypatch.chdir(tmp_path)
    refused = run("-q", "draft", EXAMPLE, "--format", "md", "-o", "newdir/")
    assert refused.exit_code == 2 and "'newdir/' is not a file name" in refused.output
    (tmp_path / "folder").mkdir()
    assert run("-q", "draft", EXAMPLE, "--format", "md", "-o", "folder").exit_code == 2
    printed = run("-q", "draft", EXAMPLE, "--format", "md", "-o", "-")
    assert printed.exit_code == 0 and printed.stdout.startswith("# ")
    assert run("-q", "draft", EXAMPLE, "--format", "docx", "-o", "-").exit_code == 2  # Word is no text
    assert run("import", str(ROOT / "examples" / "measures.txt"), "-o", "-").exit_code == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder"]
