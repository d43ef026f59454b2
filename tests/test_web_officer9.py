"""The officer who works only in the web app, a ninth trial: a mistyped question code in pasted text is refused at its
line with the code meant, results corrected on the plan's page keep the officer's work, a second plan of the same
agency and year is said on its page, and the ITAS total form refuses a level the total cannot have."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from itaplan.base.errors import InputError
from itaplan.cli import main
from itaplan.ita.pasted import _mistyped, from_text
from starlette.testclient import TestClient
from test_web_app import ROOT, client, csrf_of, plan_files  # noqa: F401 - the fixture

NASING = ROOT / "tests" / "data" / "nasing2569.txt"
SEEDS = Path("/work/shared/seeds")


def problems_of(text: str) -> str:
    found = re.search(r'<section class="problems".*?</section>', text, re.DOTALL)
    return html.unescape(re.sub(r"<[^>]+>", " ", found.group())) if found else ""


def nasing(*changes: tuple[str, str]) -> str:
    text = NASING.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text
        text = text.replace(old, new, 1)
    return text


I12 = "i๑๒\tการกำกับดูแลและตรวจสอบทรัพย์สินของหน่วยงาน\t๘๑.๔๐"


@pytest.mark.parametrize("typed, meant", [("il2", "i12"), ("i l2", "i12"), ("iI2", "i12"), ("ol2", "o12"),
                                          ("e1O", "e10"), ("0l0", "o10"), ("010", "o10")])
def test_a_mistyped_code_is_refused_at_its_line_with_the_code_meant(typed: str, meant: str) -> None:
    text = nasing((I12, f"{typed}\tข้อคำถาม\t81.40"))
    with pytest.raises(InputError) as caught:
        from_text(text, "pasted.txt")
    said = [str(p) for p in caught.value.problems]
    line = text.splitlines().index(f"{typed}\tข้อคำถาม\t81.40") + 1
    assert any(f":{line}:" in s and f"'{typed}'" in s for s in said), said
    if meant in ("i12", "o12", "o10"):  # codes of FY2569 (e10 is not: said so)
        assert any(f"did you mean {meant}?" in s.lower() for s in said), said
    else:
        assert any("not a question code of fiscal year 2569 (e10 neither)" in s for s in said), said


def test_a_mistyped_code_is_refused_by_the_command_line_with_the_line() -> None:
    path = Path("/tmp") / "itaplan-typo-il2.txt"
    path.write_text(nasing((I12, "il2\tข้อคำถามที่ 12\t81.90")), encoding="utf-8")
    result = CliRunner().invoke(main, ["score", str(path)])
    assert result.exit_code == 2
    assert "itaplan-typo-il2.txt:20" in result.output and "did you mean i12" in result.output


def test_prose_and_every_example_and_seed_still_read() -> None:
    files = [*sorted(SEEDS.glob("*.txt")), *sorted((ROOT / "examples").glob("*.txt")),
             *sorted((ROOT / "tests" / "data").glob("*.txt"))]
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            assert _mistyped(" ".join(line.split())) is None, (path.name, number, line)
    assert from_text((ROOT / "examples" / "itas.txt").read_text(encoding="utf-8"), "itas.txt").questions
    for path in files:  # read as they were: none refused for a code (some are no results at all)
        try:
            from_text(path.read_text(encoding="utf-8"), path.name)
        except InputError as exc:
            assert not any("not a question code" in str(p) for p in exc.problems), path.name
    for prose in ("I love it 85", "ill 90", "Io 100", "e.g. 85", "O ใน 2567 ผ่าน", "10 คน 85"):
        assert _mistyped(prose) is None, prose


def test_the_web_refuses_the_mistyped_code_with_the_other_lines_and_keeps_the_text(client: TestClient,
                                                                                    tmp_path: Path) -> None:
    text = (Path("/tmp/wt3/fy2569_typo.txt").read_text(encoding="utf-8") if Path("/tmp/wt3/fy2569_typo.txt").exists()
            else nasing((I12, "il2\tข้อคำถามที่ 12\t81.90"), ("e๗\tข้อคำถามที่ ๗\t๗๖.๕๐", "e7\tข้อคำถามที่ 7\t7๒.4O")))
    csrf = csrf_of(client.get("/").text)
    refused = client.post("/upload", data={"csrf": csrf, "text": text}, follow_redirects=False)
    assert refused.status_code == 400
    said = problems_of(refused.text)
    assert "il2" in said and "i12" in said and "7๒.4O" in said  # all at once
    assert html.escape("il2\tข้อคำถามที่ 12") in refused.text or "il2\tข้อคำถามที่ 12" in refused.text  # kept in the box
    assert plan_files(tmp_path) == []
