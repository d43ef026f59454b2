"""The hostile inputs of cases.yaml, each through the CLI: its exit status, its message, within its time."""

from __future__ import annotations

import io
import os
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT
from itaplan.cli import main

HERE = Path(__file__).resolve().parent
CASES = yaml.safe_load((HERE / "cases.yaml").read_text(encoding="utf-8"))
EXAMPLE = ROOT / "tests" / "data" / "example-2568.yaml"


def alias_bomb() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def alias_bomb_plan() -> str:
    return "itaplan: {document: plan}\n" + alias_bomb()


def deep_nesting() -> str:
    return "fiscal_year: 2568\nquestions: " + "[" * 10_000 + "]" * 10_000 + "\n"


def huge_year() -> str:
    return "fiscal_year: '" + "x" * 1_000_000 + "'\nquestions: {i1: 50}\n"


def big_file() -> str:
    return "# " + "x" * (21 * 1024 * 1024) + "\n"


def long_int_yaml() -> str:
    return "fiscal_year: 2568\ntotal: " + "9" * 5000 + "\nquestions: {i1: 50}\n"


def long_int_csv() -> str:
    return "code,score\nfiscal_year,2568\ni1," + "9" * 5000 + "\n"


def long_code_csv() -> str:
    return "code,score\nfiscal_year,2568\ni" + "1" * 5000 + ",50\n"


def long_year_csv() -> str:
    return "code,score\nfiscal_year," + "2" * 5000 + "\ni1,50\n"


def spaces_line() -> str:
    return " " * 80_000 + "\n"


def spaces_after_year() -> str:
    return "fiscal_year" + " " * 80_000 + "x\ni1" + " " * 80_000 + "x\n"


def _workbook() -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for row in (["code", "score"], ["fiscal_year", 2568], ["i1", 50]):
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _rezip(change: Callable[[str, bytes], bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(_workbook()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=compression) as target:
        for item in source.infolist():
            target.writestr(item.filename, change(item.filename, source.read(item.filename)))
    return out.getvalue()


def xlsx_dtd() -> bytes:
    dtd = b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">]>'
    return _rezip(lambda name, data: dtd + data if name == "xl/worksheets/sheet1.xml" else data)


def xlsx_bomb() -> bytes:
    padding = b" " * (120 * 1024 * 1024)
    return _rezip(lambda name, data: data.replace(b"<sheetData>", b"<sheetData>" + padding, 1)
                  if name == "xl/worksheets/sheet1.xml" else data)


def plan_total_abc() -> str:
    result = CliRunner().invoke(main, ["draft", str(EXAMPLE), "--format", "yaml"])
    plan = yaml.safe_load(result.stdout)
    plan["scores"]["total"] = "abc"
    return yaml.safe_dump(plan, allow_unicode=True)


MAKERS: dict[str, Callable[[], Any]] = {f.__name__: f for f in (
    alias_bomb, alias_bomb_plan, deep_nesting, huge_year, big_file, long_int_yaml, long_int_csv, long_code_csv,
    long_year_csv, spaces_line, spaces_after_year, xlsx_dtd, xlsx_bomb, plan_total_abc)}


def _make(folder: Path, name: str, spec: Any) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(spec, str):
        path.write_text(spec, encoding="utf-8")
    elif "copy" in spec:
        path.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    elif "link" in spec:
        path.symlink_to(spec["link"])
    elif spec["make"] == "fifo":
        os.mkfifo(path)
    else:
        data = MAKERS[spec["make"]]()
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_hostile_input(case: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, spec in (case.get("files") or {}).items():
        _make(tmp_path, name, spec)
    monkeypatch.chdir(tmp_path)
    args = [str(a).replace("{ex}", str(EXAMPLE)) for a in case["args"]]
    start = time.perf_counter()
    result = CliRunner().invoke(main, args)
    elapsed = time.perf_counter() - start
    output = result.output
    assert result.exit_code != 70 and "internal error" not in output, output[-2000:]
    assert "Traceback" not in output
    assert result.exit_code == case["exit"], output[-2000:]
    assert case["message"].lower() in output.lower(), output[-2000:]
    if "absent" in case:
        assert case["absent"] not in output
    if "max_line" in case:
        assert max(len(line) for line in output.splitlines()) <= case["max_line"]
    if "no_file" in case:
        assert not (tmp_path / case["no_file"]).exists()
    assert elapsed < case.get("seconds", 10), f"took {elapsed:.1f} s"
    if case["exit"] == 2 and "Usage:" not in output:  # bad input: one line per problem, each an error line
        lines = [line for line in output.splitlines() if line.strip()]
        assert lines and all(line.startswith("error: ") for line in lines), output[-2000:]
