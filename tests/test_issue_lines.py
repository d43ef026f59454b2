"""A row answering several weak points prints each ประเด็น on a line of its own, in every format: joined by a space
they ran together ("…หรือใช้งานได้ไม่ครบ ผู้ประเมินไม่พบช่องทาง…", the e9 issue then the O10 issue), Thai sentences
ending with no stop."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from docx import Document
from itaplan.cli import main

KEEP = {"ITAPLAN_LANG": "en"}


@pytest.fixture(scope="module")
def drafted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    folder = tmp_path_factory.mktemp("issues")
    plan = folder / "plan.yaml"
    assert CliRunner().invoke(main, ["-q", "draft", "examples/example.yaml", "-o", str(plan)], env=KEEP).exit_code == 0
    measure = next(m for m in yaml.safe_load(plan.read_text(encoding="utf-8"))["measures"] if m["id"] == "e-service")
    issues = [s for s in measure["issue"].split("\n") if s]
    assert len(issues) == 2 and "ใช้งานได้ไม่ครบ" in issues[0] and "ผู้ประเมินไม่พบช่องทาง" in issues[1]
    return plan, issues


def _render(plan: Path, suffix: str) -> Path:
    out = plan.with_suffix(suffix)
    shown = CliRunner().invoke(main, ["-q", "render", "--arabic-digits", str(plan), "-o", str(out), "--force"], env=KEEP)
    assert shown.exit_code == 0, shown.output
    return out


def test_markdown_and_html_put_each_issue_on_its_own_line(drafted: tuple[Path, list[str]]) -> None:
    plan, (first, second) = drafted
    md = _render(plan, ".md").read_text(encoding="utf-8")
    assert f"ประเด็น:<br>- {first}<br>- {second}" in md
    html = _render(plan, ".html").read_text(encoding="utf-8")
    assert f"ประเด็น:</small><br><small>- {first}</small><br><small>- {second}</small>" in html
    assert f"{first} {second}" not in md + html


def test_word_puts_each_issue_on_its_own_line(drafted: tuple[Path, list[str]]) -> None:
    plan, (first, second) = drafted
    document = Document(str(_render(plan, ".docx")))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells if first in cell.text]
    assert cells
    for cell in cells:
        lines = cell.split("\n")
        assert lines[lines.index("ประเด็น:") + 1:][:2] == [f"- {first}", f"- {second}"], cell


def test_the_csv_gives_each_issue_a_line_of_the_cell(drafted: tuple[Path, list[str]]) -> None:
    plan, (first, second) = drafted
    rows = list(csv.DictReader(io.StringIO(_render(plan, ".csv").read_text(encoding="utf-8-sig"))))
    assert f"{first}\n{second}" in [r["ประเด็นที่พบ"] for r in rows]


def test_a_single_issue_stays_on_the_label_line(drafted: tuple[Path, list[str]]) -> None:
    plan, _ = drafted
    md = _render(plan, ".md").read_text(encoding="utf-8")
    assert "<br>ประเด็น: " in md  # a measure of one weak point: "ประเด็น: …" as before
