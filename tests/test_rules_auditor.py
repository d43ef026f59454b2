"""The auditor's trial of issue 28: rule-file errors located at the offending key or value, in the interface's
language, with file:line:col kept in Thai; lint, diff, list and explain saying only what is so."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from conftest import ROOT
from itaplan.cli import main

EXAMPLE = str(ROOT / "tests" / "data" / "example-2568.yaml")
KEEP = {"ITAPLAN_LANG": "en"}  # --lang sets ITAPLAN_LANG for the process: CliRunner restores what it is given


def run(*args: str, lang: str = "en"):
    return CliRunner().invoke(main, ["--lang", lang, *args], env=KEEP)


def folder_with(tmp_path: Path, text: str, name: str = "a.yaml") -> Path:
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_misspelt_key_is_located_at_the_key_and_said_once(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, "version: 1\nframeworks: [2568]\nrules:\n  - id: office.typo\n    title: x\n"
                                   "    when:\n      question: [i1]\n    note: y\n    propse: [iit-service-standards]\n"
                                   "  - id: office.e99\n    when:\n      all:\n        - question: {codes: [i1], below: 80}\n"
                                   "        - question: [e99]\n    propose: [iit-service-standards]\n")
    out = run("rules", "validate", str(folder)).output
    assert "a.yaml:9:5: rules[0]: 'propse' is not a key here; did you mean 'propose'?" in out
    assert "'propose' is missing" not in out  # the did-you-mean says it
    assert "a.yaml:14:22: rule 'office.e99': e99 is not a question of fiscal year 2568" in out  # at the code


def test_thai_locations_stay_jumpable(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, "version: 1\nframeworks: [2568]\nrules:\n  - id: office.typo\n"
                                   "    when: {question: [i1]}\n    propse: [iit-service-standards]\n")
    out = run("rules", "validate", str(folder), lang="th").output
    assert "a.yaml:6:5: " in out and "บรรทัด" not in out and "ตำแหน่ง" not in out
