"""The second attack's holes (issue 29) closed so far, each as it was reproduced: a YAML set, a metadata row given
twice with two values, and -o naming a folder or '-'. (Formula injection: test_outputs.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT
from itaplan.cli import main

EXAMPLE = str(ROOT / "tests" / "data" / "example-2568.yaml")


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


def test_a_plan_reached_through_a_symbolic_link_is_updated_where_it_is(tmp_path: Path) -> None:
    """Item 12: the link was replaced by a regular file (the shared plan never got the update), and writers through
    the link and the real path took different locks. Now the target is written, the link stays, one lock."""
    import yaml
    from itaplan.drafting.plan import lock_path

    real, link = tmp_path / "real.plan.yaml", tmp_path / "link.plan.yaml"
    assert run("-q", "draft", EXAMPLE, "-o", str(real)).exit_code == 0
    link.symlink_to(real.name)
    first = yaml.safe_load(real.read_text(encoding="utf-8"))["measures"][0]["id"]
    result = run("-q", "progress", str(link), "--measure", first, "--status", "done", "--done", "ทำแล้ว",
                 "--finished", "1/3/2569", "--as-of", "2/3/2569")
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert yaml.safe_load(real.read_text(encoding="utf-8"))["measures"][0]["progress"]["status"] == "done"
    assert lock_path(link) == lock_path(real)
    assert (tmp_path / "real.plan.before-progress.yaml").exists()


def test_an_agency_name_over_255_characters_makes_a_word_file(tmp_path: Path) -> None:
    """Item 13: a name over 255 characters broke every Word output (exit 70): Word's properties hold 255."""
    from docx import Document

    results = tmp_path / "long.yaml"
    results.write_text("fiscal_year: 2568\nagency: {name: " + "ก" * 300 + "}\nquestions: {i1: 80}\n", encoding="utf-8")
    out = tmp_path / "long.docx"
    result = run("-q", "draft", str(results), "-o", str(out))
    assert result.exit_code == 0, result.output
    props = Document(str(out)).core_properties
    assert len(props.title) <= 255 and len(props.author) == 255 and props.author.endswith("…")


def test_a_sheet_title_with_a_slash_in_the_workspace_wording(tmp_path: Path, monkeypatch) -> None:
    """Item 13: a settings text with '/' used as a sheet title ended in exit 70; the sheet is named as Excel
    allows, and the tracking sheet is read back by that name."""
    import yaml

    ws = tmp_path / "office"
    assert run("init", str(ws)).exit_code == 0
    office = ws / "recommendations" / "office.yaml"
    data = yaml.safe_load(office.read_text(encoding="utf-8"))
    data["texts"]["sheet_measures"] = "ติดตาม/มาตรการ: [ปี 2569]"
    office.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.chdir(ws)
    assert run("-q", "draft", EXAMPLE, "-o", "plan.yaml").exit_code == 0
    result = run("-q", "render", "plan.yaml", "-o", "tracking.xlsx")
    assert result.exit_code == 0, result.output
    from openpyxl import load_workbook

    assert load_workbook("tracking.xlsx").sheetnames[0] == "ติดตาม มาตรการ   ปี 2569"
    assert run("-q", "progress", "plan.yaml", "--from", "tracking.xlsx", "--as-of", "1/1/2569").exit_code == 0


@pytest.mark.parametrize("name, text", [
    ("r.json", '{"fiscal_year": 2568, "agency": {"name": "x\\ud800"}, "questions": {"i1": 80}}'),
    ("r.yaml", 'fiscal_year: 2568\nagency: {name: "x\\udc80"}\nquestions: {i1: 80}\n')])
def test_half_a_character_in_a_file_is_a_located_error(tmp_path: Path, name: str, text: str) -> None:
    """Item 9: JSON or YAML with a lone surrogate escape ended in exit 70 in every command that wrote it."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    for args in (["score", str(path)], ["-q", "draft", str(path), "-o", str(tmp_path / "plan.yaml")]):
        result = run(*args)
        assert result.exit_code == 2 and "holds an escape of half a character" in result.stderr, result.output
    assert not (tmp_path / "plan.yaml").exists()


def test_text_that_is_not_utf8_is_refused_at_the_command_line(tmp_path: Path) -> None:
    """Item 9: Thai typed in a TIS-620 terminal reached the plan as '\\udcxx' escapes, after which render,
    progress, review, report and check all ended in exit 70."""
    plan = tmp_path / "plan.yaml"
    assert run("-q", "draft", EXAMPLE, "-o", str(plan)).exit_code == 0
    before = plan.read_bytes()
    tis620 = b"\xb7\xd3\xe1\xbb\xe9\xc7".decode("utf-8", "surrogateescape")  # "ทำแล้ว" in TIS-620, as argv has it
    import yaml

    first = yaml.safe_load(before.decode("utf-8"))["measures"][0]["id"]
    result = run("-q", "progress", str(plan), "--measure", first, "--status", "done", "--done", tis620,
                 "--finished", "1/3/2569", "--as-of", "2/3/2569")
    assert result.exit_code == 2 and "--done: is not UTF-8 text" in result.stderr
    assert plan.read_bytes() == before


def test_the_problems_of_one_input_are_named_up_to_a_limit(tmp_path: Path) -> None:
    """Item 13: error output had no cap (150,000 lines from one file)."""
    path = tmp_path / "many.csv"
    path.write_text("fiscal_year,2568\nagency,x\ncode,score\n" + "".join(f"i1,{1000 + n}\n" for n in range(500)),
                    encoding="utf-8")
    result = run("score", str(path), "--strict")
    lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert result.exit_code == 2 and len(lines) <= 201 and "more problems of the same input" in lines[-1]


def test_an_invisible_character_is_shown_in_the_error(tmp_path: Path) -> None:
    """Item 13: invisible characters were dropped from messages, so "'58' is not a score" named no visible fault."""
    path = tmp_path / "inv.yaml"
    path.write_text('fiscal_year: 2568\nagency: {name: x}\nquestions: {i1: "\\u202e58"}\n', encoding="utf-8")
    result = run("score", str(path))
    assert result.exit_code == 2 and "'\\u202e58' is not a score" in result.stderr
    assert "\u202e" not in result.stderr  # shown as its escape, never sent to the terminal


def test_a_link_or_image_in_a_text_is_not_live_in_markdown(tmp_path: Path) -> None:
    """Item 13: Markdown links and images in an agency's name or a note stayed live in the Markdown document."""
    results = tmp_path / "r.yaml"
    results.write_text("fiscal_year: 2568\nagency: {name: '[กดที่นี่](http://example.invalid/x) ![](http://example."
                       "invalid/p.png)'}\nquestions: {i1: 80}\n", encoding="utf-8")
    result = run("-q", "draft", str(results), "--format", "md")
    assert result.exit_code == 0
    assert "](http" in result.stdout and "[กดที่นี่](" not in result.stdout and "![](" not in result.stdout
    assert "\\[กดที่นี่\\](http://example.invalid/x)" in result.stdout


def test_a_text_that_repeats_a_placeholder_is_refused_where_it_stands(tmp_path: Path, monkeypatch) -> None:
    """Item 8: a recommendation text using {items} 200,000 times made 50 MB plans and brought the PDF writer
    down. A text holds at most MAX_PLACEHOLDERS placeholders: more is a located error of the workspace's file."""
    import yaml

    ws = tmp_path / "office"
    assert run("init", str(ws)).exit_code == 0
    office = ws / "recommendations" / "office.yaml"
    data = yaml.safe_load(office.read_text(encoding="utf-8"))
    data["texts"]["h_measures"] = "มาตรการ {year} " + "{items} " * 2000
    office.write_text(yaml.safe_dump(data, allow_unicode=True, width=10**9), encoding="utf-8")
    monkeypatch.chdir(ws)
    result = run("-q", "draft", EXAMPLE, "--format", "md")
    assert result.exit_code == 2, result.output
    assert "office.yaml" in result.stderr and "'h_measures' holds 2001 placeholders" in result.stderr


def test_a_link_in_the_workspace_wording_is_not_live_in_markdown(tmp_path: Path, monkeypatch) -> None:
    """Item 13: the workspace's texts (settings wording: headings, sentences) reached Markdown unescaped, so a link,
    an image or raw HTML in them was live in the plan and the report; their {fields} still fill in."""
    import yaml

    ws = tmp_path / "office"
    assert run("init", str(ws)).exit_code == 0
    office = ws / "recommendations" / "office.yaml"
    data = yaml.safe_load(office.read_text(encoding="utf-8"))
    data["texts"]["h_measures"] = "มาตรการ [กดที่นี่](http://example.invalid/x) ![](http://example.invalid/p.png) " \
                                  "<img src=x> ปี {year}"
    office.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.chdir(ws)
    result = run("-q", "draft", EXAMPLE, "--format", "md", "--arabic-digits")
    assert result.exit_code == 0, result.output
    heading = next(line for line in result.stdout.splitlines() if "มาตรการ \\[" in line)
    assert "\\[กดที่นี่\\](http://example.invalid/x) !\\[\\](http://example.invalid/p.png) &lt;img src=x&gt; ปี 2569" \
        in heading, heading
    assert "[กดที่นี่](" not in result.stdout and "<img" not in result.stdout


def test_a_plan_with_more_text_than_any_plan_is_refused_before_it_is_rendered(tmp_path: Path) -> None:
    """An 8 MB plan rendered to PDF took the server to 1.8–3.2 GB (issue 29, item 3): a plan holds at most a million
    characters of text (a plan of 50 measures holds about 300,000), checked before the schema and the writers, on
    the command line and in the web app's render."""
    import json

    import yaml
    from itaplan.web import create_app
    from starlette.testclient import TestClient

    plan = tmp_path / "plan.yaml"
    assert run("-q", "draft", EXAMPLE, "-o", str(plan)).exit_code == 0
    data = yaml.safe_load(plan.read_text(encoding="utf-8"))
    data["measures"][0]["method"] = ["ขั้นตอน " * 1000] * 140  # 1.12 million characters in 140 steps
    big = tmp_path / "big.yaml"
    big.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = run("render", str(big), "-o", str(tmp_path / "big.pdf"))
    assert result.exit_code == 2 and "holds more than 1,000,000 characters of text" in result.stderr, result.output
    assert not (tmp_path / "big.pdf").exists()
    client = TestClient(create_app(tmp_path), base_url="http://127.0.0.1")
    answer = client.post("/api/render?format=pdf", content=json.dumps(data, ensure_ascii=False).encode("utf-8"),
                         headers={"content-type": "application/json", "origin": "http://127.0.0.1"})
    assert answer.status_code == 400 and "1,000,000" in answer.text, answer.text[:300]


@pytest.mark.parametrize("value", ["abc", None, {}, 99, 2.5, True])
def test_a_plan_whose_format_version_is_not_one_is_a_located_error(tmp_path: Path, value: object) -> None:
    """tools/attack.py found itaplan.schema set to text, nothing or a mapping ending in exit 70 in render, report and
    progress (the upgrade compared it with a number): now a located error naming the versions there are."""
    import yaml

    plan = tmp_path / "plan.yaml"
    assert run("-q", "draft", EXAMPLE, "-o", str(plan)).exit_code == 0
    data = yaml.safe_load(plan.read_text(encoding="utf-8"))
    data["itaplan"]["schema"] = value
    plan.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    said = "is the plan format of a newer itaplan" if value == 99 else "is not a plan format's version"  # 99: later
    for command in (["render", str(plan), "--format", "md"], ["report", str(plan), "--format", "md"],
                    ["progress", str(plan), "--show", "--plain"]):
        result = run(*command)
        assert result.exit_code == 2 and "itaplan.schema:" in result.stderr and said in result.stderr, \
            (command, result.output)
