"""PDF output (Typst): the font embedded, the text layer equal to the plan's Thai, the page layout, the
metadata and outline, hostile text shown literally, Thai page numbers, the report and the cards.

The checks read the files with poppler (pdffonts, pdfinfo, pdftotext -raw), as a user's viewer would.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from itertools import pairwise
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT
from itaplan.app.session import Session
from itaplan.cli import main
from itaplan.content.texts import Texts
from itaplan.drafting.plan import active_measures, load_plan, to_yaml
from itaplan.followup.report import build_report
from itaplan.render.dispatch import render, render_report
from itaplan.render.pdf import choose_font, lit
from itaplan.render.pdftext import fix_content, fix_mark_text

SETUP = Session(engine="pure")
PLAN = SETUP.plan(SETUP.scorecard(ROOT / "tests" / "data" / "example-2568.yaml"))
POPPLER = all(shutil.which(tool) for tool in ("pdffonts", "pdfinfo", "pdftotext"))
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils not installed")
HOSTILE = '#set page(paper: "a5") *ตัวหนา* _x_ [ก] $x^2$ <lab> @ref \\ "q" // c /* ~ = - + `r` #{1+1}'
# a Thai upper vowel with a tone mark, repeated: the "ทั้ทั้ง" a naive Typst text layer gives
DOUBLED = re.compile("([ก-ฮ][ัิีึื][่้๊๋])\\1")


def squash(text: str) -> str:
    """Text without any whitespace: PDF lines break Thai where the source had no space."""
    return re.sub(r"\s+", "", text)


def pdf_text(path: Path, first: int | None = None, last: int | None = None) -> str:
    args = ["pdftotext", "-raw"] + (["-f", str(first), "-l", str(last)] if first else []) + [str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def across_a_page(text: str, flat: str) -> bool:
    """A measure's cell may continue on the next page (its row splits under the repeated header): its text is then
    in two pieces, each whole."""
    return any(text[:k] in flat and text[k:] in flat for k in range(4, len(text) - 3))


def pages(path: Path) -> list[tuple[float, float]]:
    out = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(path)], capture_output=True, text=True,
                         check=True).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", out)]


def info(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, v in (line.split(":", 1) for line in out.splitlines() if ":" in line)}


@pytest.fixture(scope="module")
def plan_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "plan.pdf"
    path.write_bytes(render(PLAN, "pdf", catalogue=SETUP.catalogue, thai_digits=False))
    return path


def test_lit_makes_every_text_a_plain_string() -> None:
    assert lit('a"b\\c\nd\te') == '"a\\"b\\\\c\\nd\\te"'
    assert lit("#[*]$<@") == '"#[*]$<@"'  # inside a string literal nothing is markup
    assert lit("\x01") == '"\\u{1}"'


def test_font_is_the_bundled_sarabun_unless_installed() -> None:
    family, scale = choose_font("No Such Font 12345")
    assert family == "Sarabun" and scale < 1


def test_pdf_starts_like_a_pdf() -> None:
    data = render(PLAN, "pdf", catalogue=SETUP.catalogue, thai_digits=False)
    assert isinstance(data, bytes) and data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert b"/Outlines" in data  # headings are bookmarks


@needs_poppler
def test_fonts_embedded(plan_pdf: Path) -> None:
    out = subprocess.run(["pdffonts", str(plan_pdf)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows
    for row in rows:
        cols = row.split()
        assert "Sarabun" in cols[0], row  # no fallback font for any glyph
        assert cols[-5] == "yes" and cols[-3] == "yes", row  # embedded, with a ToUnicode map


@needs_poppler
def test_text_layer_is_the_plans_thai(plan_pdf: Path) -> None:
    text = pdf_text(plan_pdf)
    flat = squash(text)
    t = Texts(SETUP.catalogue)
    expected = [PLAN["analysis"]["summary"][0], PLAN["agency"]["name"]]
    expected += [ind["name"] for ind in PLAN["analysis"]["indicators"]]
    for m in active_measures(PLAN):
        expected += [m["title"], m["method"][0], m["evidence"][-1], m["owner"]]
    expected += [t("h_measures", year=PLAN["plan_year"]), t("col_method"), t("col_timeline"), t("col_evidence")]
    for sentence in expected:
        assert squash(sentence) in flat or across_a_page(squash(sentence), flat), sentence
    assert squash(t("h_whatif")) not in flat and squash("ผลต่อคะแนนรวม") not in flat  # the officer's, not published
    assert not DOUBLED.search(text), DOUBLED.search(text)
    assert "ตัวชีว้" not in text and "ทั้ทั้ง" not in text


@needs_poppler
def test_pages_a4_and_measures_landscape(plan_pdf: Path) -> None:
    sizes = pages(plan_pdf)
    assert len(sizes) > 1
    assert all(round(min(s)) == 595 and round(max(s)) == 842 for s in sizes)  # A4
    assert sizes[0][0] < sizes[0][1]  # the analysis is portrait
    t = Texts(SETUP.catalogue)
    heading = squash("2. " + t("h_measures", year=PLAN["plan_year"]))
    first = next(i for i in range(1, len(sizes) + 1) if heading in squash(pdf_text(plan_pdf, i, i)))
    assert first > 1
    last_title = squash(active_measures(PLAN)[-1]["title"])
    last = next(i for i in range(first, len(sizes) + 1) if last_title in squash(pdf_text(plan_pdf, i, i)))
    for number in range(first, last + 1):
        width, height = sizes[number - 1]
        assert width > height, f"page {number} holds the measures and is not landscape"
    # the header row is repeated on every page of the table
    for number in range(first + 1, last + 1):
        assert squash(t("col_method")) in squash(pdf_text(plan_pdf, number, number))


@needs_poppler
def test_metadata(plan_pdf: Path) -> None:
    meta = info(plan_pdf)
    agency = PLAN["agency"]["name"]
    assert meta["Author"] == agency
    assert agency in meta["Title"] and str(PLAN["plan_year"]) in meta["Title"]
    assert meta.get("Subject") and meta.get("CreationDate")
    assert meta["Page size"].startswith("595.276 x 841.89")


@needs_poppler
def test_poppler_reads_the_file_without_a_complaint(plan_pdf: Path) -> None:
    """Every PDF once made poppler print "Syntax Error: Suspects object is wrong type (boolean)"."""
    import pypdf

    for tool in (["pdftotext", str(plan_pdf), "-"], ["pdfinfo", str(plan_pdf)], ["pdffonts", str(plan_pdf)]):
        assert subprocess.run(tool, capture_output=True, text=True, check=True).stderr == "", tool
    assert pypdf.PdfReader(plan_pdf, strict=True).trailer["/Root"]["/MarkInfo"] == {"/Marked": True}


@needs_poppler
def test_hostile_text_appears_literally(tmp_path: Path) -> None:
    import copy

    plan = copy.deepcopy(PLAN)
    plan["agency"]["name"] = "อบต. " + HOSTILE
    measure = active_measures(plan)[0]
    measure["title"] = "มาตรการ " + HOSTILE
    measure["method"] = ["ขั้นตอน ]) #panic(\"x\") [", "$ $ $"]
    path = tmp_path / "hostile.pdf"
    path.write_bytes(render(plan, "pdf", catalogue=SETUP.catalogue, thai_digits=False))
    flat = squash(pdf_text(path))
    assert squash(HOSTILE) in flat
    assert squash('ขั้นตอน ]) #panic("x") [') in flat and "$$$" in flat
    assert info(path)["Author"] == "อบต. " + HOSTILE
    assert all(round(max(s)) == 842 for s in pages(path))  # the "#set page(paper: a5)" did not run


@needs_poppler
def test_a_row_taller_than_a_page_splits_rather_than_running_off_it(tmp_path: Path) -> None:
    import copy

    plan = copy.deepcopy(PLAN)
    active_measures(plan)[1]["owner"] = "ผู้รับผิดชอบลำดับที่ " * 100 + "ท้ายสุด"
    path = tmp_path / "long.pdf"
    path.write_bytes(render(plan, "pdf", catalogue=SETUP.catalogue, thai_digits=False))
    text = pdf_text(path)
    assert text.count("ผู้รับผิดชอบลำดับที่") == 100 and "ท้ายสุด" in text


@needs_poppler
def test_thai_digit_page_numbers(tmp_path: Path) -> None:
    path = tmp_path / "thai.pdf"
    path.write_bytes(render(PLAN, "pdf", catalogue=SETUP.catalogue, thai_digits=True))
    second = pdf_text(path, 2, 2).split()
    assert second[0] == "๒"  # the page number, at the top
    assert not re.search("[0-9]", pdf_text(path, 1, 1).replace("ITA", "").split("\n", 1)[0])


@needs_poppler
def test_cards_and_action_plan(tmp_path: Path, plan_pdf: Path) -> None:
    path = tmp_path / "cards.pdf"
    path.write_bytes(render(PLAN, "pdf", catalogue=SETUP.catalogue, thai_digits=False, cards=True))
    t = Texts(SETUP.catalogue)
    flat = squash(pdf_text(path))
    assert squash(t("card_heading", no=1)) in flat
    for m in active_measures(PLAN):
        assert squash((m.get("project") or {}).get("name") or m["title"]) in flat
    sizes = pages(path)
    assert sizes[-1][0] < sizes[-1][1]  # the cards are portrait
    assert len(sizes) >= len(pages(plan_pdf)) + 1 + len(active_measures(PLAN))  # action plan, a card each
    assert not DOUBLED.search(pdf_text(path))


@needs_poppler
def test_report_pdf(tmp_path: Path) -> None:
    t = Texts(SETUP.catalogue)
    report = build_report(PLAN, t)
    path = tmp_path / "report.pdf"
    path.write_bytes(render_report(report, "pdf", t))
    flat = squash(pdf_text(path))
    assert squash(report["title"]) in flat
    for row in report["measures"]:
        assert squash(row["title"]) in flat
    assert squash(t("report_signature")) in flat
    sizes = pages(path)
    assert sizes[0][0] < sizes[0][1] and any(w > h for w, h in sizes)
    assert info(path)["Author"] == PLAN["agency"]["name"]
    assert not DOUBLED.search(pdf_text(path))


def test_cli_render_and_report(tmp_path: Path) -> None:
    plan_file = tmp_path / "plan.yaml"
    plan_file.write_text(to_yaml(PLAN), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["-q", "render", "--arabic-digits", str(plan_file), "-o", str(tmp_path / "plan.pdf")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "plan.pdf").read_bytes().startswith(b"%PDF-")
    result = runner.invoke(main, ["-q", "render", "--arabic-digits", str(plan_file), "--format", "pdf"])
    assert result.exit_code == 2 and "needs -o" in result.output
    result = runner.invoke(main, ["-q", "render", "--arabic-digits", str(plan_file), "--cards", "-o", str(tmp_path / "cards.pdf")])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["-q", "report", "--arabic-digits", str(plan_file), "-o", str(tmp_path / "report.pdf")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF-")
    assert load_plan(plan_file)["agency"] == PLAN["agency"]


def test_cli_draft_and_batch(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["-q", "draft", "--engine", "pure", "-o", str(tmp_path / "draft.pdf")])
    assert result.exit_code == 0, result.output
    out = tmp_path / "batch"
    result = runner.invoke(main, ["-q", "batch", str(ROOT / "tests" / "data" / "example-2568.yaml"), "-o", str(out),
                                  "--format", "pdf", "--jobs", "1", "--engine", "pure"])
    assert result.exit_code == 0, result.output
    made = list(out.glob("*.pdf"))
    assert len(made) == 1 and made[0].read_bytes().startswith(b"%PDF-")


def test_text_layer_repair_silences_only_the_repeated_mark() -> None:
    cluster = "ทั้".encode("utf-16-be").hex().upper()
    other = "ก".encode("utf-16-be").hex().upper()
    content = (f"BT /Span<</ActualText<FEFF{cluster}>>>BDC 0 Tr/f0 10 Tf [(\\000\\001\\000\\002)]TJ\nEMC\nET\n"
               "BT 0 Tr/f0 10 Tf 1 0 0 -1 0 0 Tm[9(\\000\\003)]TJ\nET\n"
               "BT 0 Tr/f0 10 Tf 1 0 0 -1 0 0 Tm(\\000\\004)Tj\nET\n")
    cmaps = {"f0": {3: "ทั้", 4: "ก"}}
    fixed = fix_content(content, cmaps)
    blocks = re.findall(r"BT(.*?)ET", fixed, re.DOTALL)
    assert "ActualText<FEFF>" in blocks[1] and blocks[1].rstrip().endswith("EMC")
    assert blocks[0] == re.findall(r"BT(.*?)ET", content, re.DOTALL)[0] and "ActualText" not in blocks[2]
    # a lone glyph whose text differs from the cluster before it keeps its text
    content2 = content.replace("Tm[9(\\000\\003)]TJ", "Tm[9(\\000\\004)]TJ")
    assert fix_content(content2, cmaps) == content2
    assert other and fix_mark_text(b"not a pdf") == b"not a pdf"


def test_control_characters_and_lone_surrogates_do_not_break_the_pdf() -> None:
    import copy

    plan = copy.deepcopy(PLAN)
    measure = active_measures(plan)[0]
    measure["title"] = "ทำแล้ว\x0b\x01\x1f\x7f ok \ud800 end"
    measure.setdefault("progress", {})["done"] = "เสร็จ\x0c\x00แล้ว"
    data = render(plan, "pdf", catalogue=SETUP.catalogue, thai_digits=False)
    assert data.startswith(b"%PDF-")
    t = Texts(SETUP.catalogue)
    report = build_report(plan, t)
    assert render_report(report, "pdf", t).startswith(b"%PDF-")


@needs_poppler
def test_the_first_page_is_a_cover_titled_with_the_plan_years_item(plan_pdf: Path) -> None:
    # FY2569 results, FY2570 plan: FY2569's O25 names the document (seed 000's title), as an assumption said on it
    plan = SETUP.plan(SETUP.scorecard(ROOT / "examples" / "example.yaml"))
    assert plan["answers_item"] == "O25" and plan["answers_item_title"] == "การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร"
    path = plan_pdf.parent / "cover.pdf"
    path.write_bytes(render(plan, "pdf", catalogue=SETUP.catalogue))
    cover = squash(pdf_text(path, 1, 1))
    assert cover.startswith(squash("๑ การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร")) or \
        squash("การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร") in cover
    assert squash("จัดทำโดย สำนักปลัด องค์การบริหารส่วนตำบลห้วยทราย") in cover
    assert squash("ประจำปีงบประมาณ พ.ศ. ๒๕๗๐") in cover  # Thai digits by default
    assert "การวิเคราะห์" not in cover  # the analysis starts on page 2
    assert squash("๑. การวิเคราะห์ผลการประเมิน") in squash(pdf_text(path, 2, 2))


def page_fill(path: Path) -> list[float]:
    """How far down each page its text reaches (the lowest line's bottom over the page's height)."""
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    fills = []
    for _, height, body in re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, re.S):
        bottoms = [float(y) for y in re.findall(r'yMax="([\d.]+)"', body) if float(y) > 0.08 * float(height)]
        fills.append(max(bottoms, default=0) / float(height))
    return fills


@needs_poppler
@pytest.mark.parametrize("source", ["examples/example.yaml", "tests/data/example-2568.yaml"])
def test_no_body_page_is_left_a_third_empty(source: str, tmp_path: Path) -> None:
    # measure rows continue on the next page under the repeated header instead of leaving half a page blank;
    # the cover, the page before the landscape measures section and the last page may end early
    plan = SETUP.plan(SETUP.scorecard(ROOT / source))
    path = tmp_path / "plan.pdf"
    path.write_bytes(render(plan, "pdf", catalogue=SETUP.catalogue))
    sizes, fills = pages(path), page_fill(path)
    section_ends = {i for i in range(len(sizes) - 1) if sizes[i] != sizes[i + 1]}
    body = [i for i in range(1, len(fills) - 1) if i not in section_ends]
    assert body and all(fills[i] > 0.62 for i in body), [round(f, 2) for f in fills]


@pytest.mark.skipif(not POPPLER, reason="poppler not installed")
def test_the_cover_has_no_page_number_and_the_next_page_has(plan_pdf: Path) -> None:
    """Officers' covers carry no page number (issue 26); the pages after it are numbered from 2."""
    assert not re.match(r"\s*\d", pdf_text(plan_pdf, 1, 1))
    assert pdf_text(plan_pdf, 2, 2).lstrip().startswith("2")


# words Typst's own dictionary broke in narrow table cells (หน่วยตรวจสอบภาย|ใน, ต่อต้านคอร์|รัปชันสากล, ครบทุกราย|การ)
WHOLE_WORDS = ["หน่วย", "ตรวจสอบ", "ภายใน", "ต่อต้าน", "คอร์รัปชัน", "สากล", "ครบ", "ทุก", "รายการ", "ตัวชี้วัด",
               "สำนักปลัด"]  # the last two: compounds the word list splits (ตัว|ชี้|วัด), kept whole


def split_words(text: str, words: list[str]) -> list[str]:
    """The words of ``words`` that end one line of the text and go on at the start of the next."""
    lines = [squash(line) for line in text.split("\n") if line.strip()]
    return [f"{a[-len(w[:k]):]}|{b[:len(w) - k]}" for a, b in pairwise(lines) for w in words
            for k in range(1, len(w)) if a.endswith(w[:k]) and b.startswith(w[k:])]


@needs_poppler
def test_table_cells_break_thai_lines_only_between_words(tmp_path: Path) -> None:
    from itaplan.render.pdf import TypstWriter

    t = Texts(SETUP.catalogue)
    text = "หน่วยตรวจสอบภายใน ต่อต้านคอร์รัปชันสากล ครบทุกรายการ ตัวชี้วัดของสำนักปลัด"
    for width in (2.4, 2.8, 3.2, 3.6):
        w = TypstWriter(t, "TH Sarabun New")
        w.table(["ผู้รับผิดชอบ"], [[text], [text.replace(" ", "")]], [width])
        path = tmp_path / f"cells-{width}.pdf"
        path.write_bytes(w.pdf())
        got = pdf_text(path)
        assert squash(got).count(squash(text)) == 2, width  # every letter there, in order
        assert not split_words(got, WHOLE_WORDS), (width, split_words(got, WHOLE_WORDS))


@needs_poppler
def test_the_report_table_keeps_an_owners_words_whole(tmp_path: Path) -> None:
    """The newcomer's report on last year's measures: an owner หน่วยตรวจสอบภายใน and an outcome in narrow columns."""
    runner = CliRunner()
    plan_file = tmp_path / "ly.yaml"
    assert runner.invoke(main, ["import", str(ROOT / "examples" / "measures.txt"), "-o", str(plan_file)]).exit_code == 0
    text = plan_file.read_text(encoding="utf-8").replace("owner: ทุกกอง/สำนัก", "owner: หน่วยตรวจสอบภายใน")
    plan_file.write_text(text, encoding="utf-8")
    result = runner.invoke(main, ["progress", str(plan_file), "--measure", "4", "--status", "done", "--done",
                                  "จัดกิจกรรมรณรงค์", "--outcome",
                                  "จัดกิจกรรมต่อต้านคอร์รัปชันสากลครบทุกรายการ", "--finished", "30/3/2568"])
    assert result.exit_code == 0, result.output
    assert runner.invoke(main, ["-q", "report", str(plan_file), "-o", str(tmp_path / "r.pdf")]).exit_code == 0
    got = pdf_text(tmp_path / "r.pdf")
    assert "หน่วยตรวจสอบ" in got and not split_words(got, WHOLE_WORDS), split_words(got, WHOLE_WORDS)


@needs_poppler
def test_the_closing_sentence_stays_on_the_page_of_the_signatures(tmp_path: Path) -> None:
    """However much of the last page the measures table fills, the page holding the signatures holds the closing
    sentence (จึงเสนอ…พิจารณาอนุมัติ) too: the signature block never sits alone after a page that had room for it."""
    from itaplan.render.common import approval_line, signoff_roles
    from itaplan.render.pdf import TypstWriter

    t = Texts(SETUP.catalogue)
    closing = approval_line(PLAN, t)
    for filler in range(8, 30):
        w = TypstWriter(t, "TH Sarabun New")
        w.landscape_section()
        for i in range(filler):
            w.para(f"บรรทัดที่ {i + 1} ของตารางมาตรการ")
        w.para(closing, first_line_cm=1.25, align="thai", space_before=6)
        w.signoff(signoff_roles(PLAN, t, ("prepared", "proposed", "approved")), PLAN["agency"]["name"])
        path = tmp_path / f"end-{filler}.pdf"
        path.write_bytes(w.pdf())
        count = int(info(path)["Pages"])
        signed = [p for p in range(1, count + 1) if "(ลงชื่อ)" in pdf_text(path, p, p)]
        assert signed and squash(closing)[:40] in squash(pdf_text(path, signed[0], signed[0])), filler


@needs_poppler
def test_the_closing_and_signatures_go_with_the_end_of_the_measures_table(tmp_path: Path) -> None:
    """The PDF could leave the closing sentence and the signatures alone on the last page, the table ending on the
    page before (Word's last row splits and its end goes with them). However many rows the table has, the page of the
    signatures holds the closing sentence and the end of the table's last row, as in Word."""
    from itaplan.render.common import approval_line, signoff_roles
    from itaplan.render.pdf import TypstWriter

    t = Texts(SETUP.catalogue)
    closing = approval_line(PLAN, t)
    widths = [1.0, 6.0, 8.0, 3.0, 4.0, 2.7]
    for count in range(1, 9):
        rows = [[str(n), [f"มาตรการทดสอบที่ {n}", "ประเด็น: ผู้ประเมินไม่พบรายงานผลการดำเนินการของปีที่ผ่านมา"],
                 [f"{step}. ขั้นตอนการดำเนินงานที่ {step} ของมาตรการ จัดทำรายงานและเผยแพร่บนเว็บไซต์ของหน่วยงาน"
                  for step in range(1, 6)] + [f"ขั้นตอนสุดท้ายของแถวที่ {n}"],
                 "ตลอดปีงบประมาณ", ["- รายงานผล", "- ภาพถ่าย"], "สำนักปลัด"] for n in range(1, count + 1)]
        w = TypstWriter(t, "TH Sarabun New")
        w.landscape_section()
        w.table(["ที่", "มาตรการ", "วิธีการ", "ระยะเวลา", "หลักฐาน", "ผู้รับผิดชอบ"], rows, widths, size=15,
                align_right={0}, split_rows=True)
        w.para(closing, first_line_cm=1.25, align="thai", space_before=6)
        w.signoff(signoff_roles(PLAN, t, ("prepared", "proposed", "approved")), PLAN["agency"]["name"])
        path = tmp_path / f"table-{count}.pdf"
        path.write_bytes(w.pdf())
        signed = [p for p in range(1, int(info(path)["Pages"]) + 1) if "(ลงชื่อ)" in pdf_text(path, p, p)]
        page = squash(pdf_text(path, signed[0], signed[0]))
        assert squash(closing)[:40] in page and squash(f"ขั้นตอนสุดท้ายของแถวที่ {count}") in page, count
        assert all(squash(f"ขั้นตอนการดำเนินงานที่ {step} ของมาตรการ") in squash(pdf_text(path)) for step in range(1, 6))


@needs_poppler
def test_the_signatures_keep_at_least_two_lines_of_the_text_before_them(tmp_path: Path) -> None:
    """Web trial: the report's PDF ended with its last suggestion, one line, and the signatures alone on the last page
    (the block kept only the paragraph just before it). However the page falls, the page of the signatures holds at
    least two lines of the suggestions before them, as Word's keep-with-next and widow control do."""
    from itaplan.render.common import signoff_roles
    from itaplan.render.pdf import TypstWriter

    t = Texts(SETUP.catalogue)
    for filler in range(16, 34):
        w = TypstWriter(t, "TH Sarabun New")
        w.landscape_section()
        for i in range(filler):
            w.para(f"- มาตรการที่ {i + 1}: ดำเนินการต่อเนื่องในปีงบประมาณถัดไป", indent_cm=1.0)
        w.signoff(signoff_roles(PLAN, t, ("reporter", "acknowledged")), PLAN["agency"]["name"])
        path = tmp_path / f"suggestions-{filler}.pdf"
        path.write_bytes(w.pdf())
        signed = [p for p in range(1, int(info(path)["Pages"]) + 1) if "(ลงชื่อ)" in pdf_text(path, p, p)]
        page = squash(pdf_text(path, signed[0], signed[0]))
        assert squash(f"มาตรการที่ {filler - 1}:") in page and squash(f"มาตรการที่ {filler}:") in page, filler


@needs_poppler
def test_a_question_code_is_never_split_across_lines(tmp_path: Path) -> None:
    """The report's table broke a code as "(i" | "๑๐)" (user trial): a question's code, with its brackets, is whole
    on one line, in Thai digits or Arabic, however narrow the column."""
    from itaplan.render.pdf import TypstWriter

    t = Texts(SETUP.catalogue)
    codes = ["(i๑๐)", "(e๙)", "O๒๒", "(i10)", "O22"]
    text = "ปรับปรุงช่องทางการรับฟังความคิดเห็น (i๑๐) และเผยแพร่ข้อมูล(e๙) ตามข้อ O๒๒ ข้อ (i10) และข้อ O22 ให้ครบถ้วน"
    for width in (2.0, 2.4, 2.8, 3.2, 3.6, 4.0, 4.4, 5.0, 5.6):
        w = TypstWriter(t, "TH Sarabun New")
        w.table(["มาตรการ"], [[text]], [width], size=14)
        path = tmp_path / f"codes-{width}.pdf"
        path.write_bytes(w.pdf())
        lines = [squash(line) for line in pdf_text(path).split("\n")]
        assert squash(text) in "".join(lines), width
        assert all(any(code in line for line in lines) for code in codes), (width, lines)


TITLE_PHRASES = ["มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน", "ภายในหน่วยงาน", "ประจำปีงบประมาณพ.ศ.๒๕๖๘",
                 "ประจำปีงบประมาณพ.ศ.๒๕๖๙", "ประจำปีงบประมาณพ.ศ.๒๕๗๐", "ผลการดำเนินการ"]


@needs_poppler
def test_cover_titles_break_between_phrases(tmp_path: Path) -> None:
    """The report's cover broke its title "…ความโปร่งใสภายใน" | "หน่วยงาน ประจำปีงบประมาณ…" (user trial): a title
    line breaks between phrases, the measures' name and the fiscal year each whole on a line."""
    runner = CliRunner()
    plan_file = tmp_path / "ly.yaml"
    assert runner.invoke(main, ["import", str(ROOT / "examples" / "measures.txt"), "-o", str(plan_file)]).exit_code == 0
    assert runner.invoke(main, ["-q", "report", str(plan_file), "-o", str(tmp_path / "r.pdf")]).exit_code == 0
    assert runner.invoke(main, ["draft", str(ROOT / "examples" / "example.yaml"), "-o",
                                str(tmp_path / "p.yaml")]).exit_code == 0
    assert runner.invoke(main, ["-q", "render", str(tmp_path / "p.yaml"), "-o", str(tmp_path / "p.pdf")]).exit_code == 0
    for name in ("r.pdf", "p.pdf"):
        cover = pdf_text(tmp_path / name, 1, 1)
        assert not split_words(cover, TITLE_PHRASES), (name, split_words(cover, TITLE_PHRASES))
    assert "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน" in pdf_text(tmp_path / "r.pdf", 1, 1)


def text_lines(path: Path, page: int) -> list[str]:
    """A page's lines of text, less its number."""
    return [line for line in pdf_text(path, page, page).split("\n")
            if line.strip() and not re.fullmatch(r"\s*[0-9๐-๙]+\s*", line)]


@needs_poppler
def test_no_page_holds_only_the_last_lines_before_the_measures_table(tmp_path: Path) -> None:
    """A page held only the analysis's last bullet, the measures table starting on the next (landscape) page (user
    trial): however the analysis ends, the page before the table holds at least three lines."""
    from itaplan.render.pdf import TypstWriter

    t = Texts(SETUP.catalogue)
    bullet = ("- ตัวชี้วัดที่ ๗ ประสิทธิภาพการสื่อสาร: ควรเผยแพร่ข้อมูลข่าวสารผ่านช่องทางที่หลากหลายและเข้าถึงง่าย "
              "และปรับปรุงเว็บไซต์ให้เป็นปัจจุบันอยู่เสมอ")
    for count in range(20, 34):
        for last in (bullet, "- ตัวชี้วัดที่ ๗ ประสิทธิภาพการสื่อสาร"):
            w = TypstWriter(t, "TH Sarabun New")
            w.heading("๑.๗ ประเด็นที่ควรปรับปรุง", level=2)
            for _ in range(count):
                w.para(bullet, indent_cm=1.0, first_line_cm=-0.3, align="thai")
            w.para(last, indent_cm=1.0, first_line_cm=-0.3, align="thai")
            w.landscape_section()
            w.heading("๒. มาตรการ")
            w.table(["ที่", "มาตรการ"], [["๑", "ประชาสัมพันธ์"]], [1.0, 5.0])
            path = tmp_path / f"tail-{count}.pdf"
            path.write_bytes(w.pdf())
            sizes = pages(path)
            before = next(i for i in range(len(sizes)) if sizes[i][0] > sizes[i][1])  # the 0-based landscape page
            assert len(text_lines(path, before)) >= 3, (count, len(last), [len(text_lines(path, p))
                                                                           for p in range(1, len(sizes) + 1)])


@needs_poppler
@pytest.mark.parametrize("source", ["examples/example.yaml", "tests/data/example-2568.yaml"])
def test_no_page_of_the_example_plans_holds_one_or_two_lines(source: str, tmp_path: Path) -> None:
    """Every page but the last (the signatures may end a document alone) holds at least three lines of text."""
    plan = SETUP.plan(SETUP.scorecard(ROOT / source))
    path = tmp_path / "plan.pdf"
    path.write_bytes(render(plan, "pdf", catalogue=SETUP.catalogue))
    counts = [len(text_lines(path, p)) for p in range(1, len(pages(path)) + 1)]
    assert all(n >= 3 for n in counts[:-1]), counts
