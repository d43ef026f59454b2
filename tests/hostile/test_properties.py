"""A property over every loader: whatever the bytes, itaplan ends in a result or located one-line errors —
never exit 70, never a traceback, and every error names the file it is about."""

from __future__ import annotations

import io
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from itaplan.cli import main

# the pieces the attack found dangerous, mixed with ordinary ones
HOSTILE = ["&a", "*a", "<<: *a", "i1: 50", "i1: 60", "fiscal_year: 2568", "fiscal_year: '2568²'", "9" * 4400,
           ".nan", ".inf", "\"8,5\"", "'", "\"", "{", "}", "[", "]", "\x0b", "\x1b[31m", "\x00", "\u202e", "²",
           "๒๕๖๘", " " * 3000, "\t", "\r", "=1+1", "-", "@", ",", ":", "- ", "\n", "\n  ", "questions:", "agency:",
           "total: abc", "e9", "o12", "part: 3", "code,score", "!!python/object:os.system", "%YAML 1.1",
           "---", "...", "\ufeff", "\udcff"]
fragments = st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=12)), max_size=30).map("".join)
SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def _as_xlsx(text: str) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for line in text.split("\n")[:50]:
        cells = [c[:200] for c in line.split(",")[:10]]
        try:
            ws.append(cells)
        except Exception:  # noqa: BLE001 - openpyxl refuses some characters itself: skip that row
            continue
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _check(result, name: str) -> None:
    assert result.exit_code in (0, 2), (result.exit_code, result.output[-1500:])
    assert "Traceback" not in result.output and "internal error" not in result.output
    if result.exit_code == 2:
        lines = [line for line in result.output.splitlines() if line.strip()]
        assert lines and all(line.startswith("error: ") for line in lines), result.output[-1500:]
        assert all(name in line or line.startswith("error: --") for line in lines), result.output[-1500:]


@SETTINGS
@given(content=fragments, suffix=st.sampled_from([".yaml", ".json", ".csv", ".txt", ".xlsx", ".results"]),
       raw=st.booleans())
def test_any_results_file_ends_cleanly(tmp_path: Path, content: str, suffix: str, raw: bool) -> None:
    path = tmp_path / f"in{suffix}"
    if suffix == ".xlsx":
        path.write_bytes(_as_xlsx(content.encode("utf-8", errors="replace").decode("utf-8")))
    else:
        data = content.encode("utf-8", errors="surrogateescape" if raw else "replace")
        path.write_bytes(data)
    _check(CliRunner().invoke(main, ["score", str(path)]), path.name)


@SETTINGS
@given(content=fragments)
def test_any_plan_file_ends_cleanly(tmp_path: Path, content: str) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("itaplan: {document: plan}\n" + content, encoding="utf-8", errors="replace")
    _check(CliRunner().invoke(main, ["render", str(path), "--format", "md"]), path.name)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=fragments)
def test_any_rule_file_ends_cleanly(tmp_path: Path, content: str) -> None:
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / "x.yml").write_text("version: 1\n" + content, encoding="utf-8", errors="replace")
    result = CliRunner().invoke(main, ["rules", "validate", str(folder)])
    assert result.exit_code in (0, 1), (result.exit_code, result.output[-1500:])
    assert "Traceback" not in result.output and "internal error" not in result.output
