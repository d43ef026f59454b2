"""Word, Excel, HTML and CSV outputs: fast XML-level checks, and a real rendering check (slow)."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT
from helpers import embedded_fonts, fonts_for, has_sarabun_new_metrics, thai_fonts
from itaplan.app.session import Session
from itaplan.render.dispatch import render

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SETUP = Session(engine="pure")
PLAN = SETUP.plan(SETUP.scorecard(ROOT / "tests" / "data" / "example-2568.yaml"))


def docx_xml(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name).decode("utf-8") for name in ("word/document.xml", "word/styles.xml",
                                                                 "word/settings.xml", "word/header1.xml")}


@pytest.fixture(scope="module")
def docx_plain() -> dict[str, str]:
    return docx_xml(render(PLAN, "docx", catalogue=SETUP.catalogue, thai_digits=False))


def test_docx_font_slots_on_every_run(docx_plain: dict[str, str]) -> None:
    from lxml import etree

    for part in ("word/document.xml", "word/header1.xml"):
        root = etree.fromstring(docx_plain[part].encode())
        runs = root.iter(f"{W}r")
        for run in runs:
            rpr = run.find(f"{W}rPr")
            assert rpr is not None
            fonts = rpr.find(f"{W}rFonts")
            assert all(fonts.get(f"{W}{slot}") == "TH Sarabun New" for slot in ("ascii", "hAnsi", "eastAsia", "cs"))
            assert not any("Theme" in key or "theme" in key for key in fonts.keys())
            sz, szcs = rpr.find(f"{W}sz"), rpr.find(f"{W}szCs")
            assert sz is not None and szcs is not None and sz.get(f"{W}val") == szcs.get(f"{W}val")
            if rpr.find(f"{W}b") is not None and rpr.find(f"{W}b").get(f"{W}val") != "0":
                assert rpr.find(f"{W}bCs") is not None
            assert rpr.find(f"{W}lang").get(f"{W}bidi") == "th-TH"


def test_docx_defaults_styles_and_compatibility(docx_plain: dict[str, str]) -> None:
    styles = docx_plain["word/styles.xml"]
    defaults = styles[styles.index("<w:docDefaults>"):styles.index("</w:docDefaults>")]
    assert 'w:cs="TH Sarabun New"' in defaults and '<w:szCs w:val="32"/>' in defaults
    assert "cstheme" not in defaults and 'w:bidi="th-TH"' in defaults
    assert 'w:name="compatibilityMode"' in docx_plain["word/settings.xml"]
    assert 'w:val="15"' in docx_plain["word/settings.xml"]


def test_docx_layout(docx_plain: dict[str, str]) -> None:
    doc = docx_plain["word/document.xml"]
    sections = re.findall(r"<w:pgSz[^>]*/>", doc)
    assert len(sections) == 2
    assert 'w:w="11906"' in sections[0] and 'w:orient="landscape"' in sections[1]
    assert re.search(r'<w:pgMar[^>]*w:left="1701"', doc)  # 3 cm left margin
    # every table repeats its header row: the indicators, each indicator's questions, the measures
    indicators_with_questions = len({q["indicator"] for q in PLAN["scores"]["questions"]})
    # the year-by-year table, the indicators, each indicator's questions, the measures
    assert doc.count("<w:tblHeader/>") == 3 + indicators_with_questions
    assert doc.count("<w:tbl>") == 4 + indicators_with_questions  # and the sign-off, kept whole in a table
    grid = re.findall(r'<w:gridCol w:w="(\d+)"/>', doc)
    assert len(set(grid)) > 2  # real widths, not equal columns
    body = doc[doc.index("<w:body>"):]
    assert not re.search(r"</w:tbl>\s*<w:sectPr", body)  # a paragraph after the last table
    assert "PAGE" in docx_plain["word/header1.xml"]
    assert "มาตรการส่งเสริมคุณธรรมและความโปร่งใส" in doc and "องค์การบริหารส่วนตำบลห้วยทราย" in doc


def test_docx_thai_digits() -> None:
    xml = docx_xml(render(PLAN, "docx", catalogue=SETUP.catalogue, thai_digits=True))
    doc = xml["word/document.xml"]
    texts = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", doc))
    assert "๘๗.๕๐" in texts and "๒๕๖๙" in texts
    assert not re.search(r"[0-9]", texts.replace("IIT", "").replace("EIT", "").replace("OIT", "")
                         .replace("ITA", "")), re.findall(r".{10}[0-9].{10}", texts)[:3]
    assert 'w:fmt="thaiNumbers"' in "".join(xml.values())


def test_docx_font_name_is_settable() -> None:
    doc = docx_xml(render(PLAN, "docx", catalogue=SETUP.catalogue, thai_digits=False, font="TH SarabunPSK"))["word/document.xml"]
    assert 'w:cs="TH SarabunPSK"' in doc and "TH Sarabun New" not in doc


def test_docx_reopens() -> None:
    from docx import Document

    document = Document(io.BytesIO(render(PLAN, "docx", catalogue=SETUP.catalogue, thai_digits=False)))
    indicators_with_questions = len({q["indicator"] for q in PLAN["scores"]["questions"]})
    # the years, the indicators, each one's questions, the measures, the sign-off
    assert len(document.tables) == 4 + indicators_with_questions
    assert len(document.tables[-2].rows) == len(PLAN["measures"]) + 1


def test_word_runs_and_template_are_what_python_docx_makes() -> None:
    """The Word writer's short cuts (a run's properties copied, plain text in one w:t, style ids kept, the set-up
    template opened from memory) give the elements python-docx and ``thai_rpr`` give the long way."""
    from docx import Document
    from itaplan.content.texts import Texts
    from itaplan.render.docx import _SET_UP, WordWriter, thai_rpr
    from lxml import etree

    texts = Texts(SETUP.catalogue)
    writer = WordWriter(texts, "TH Sarabun New")
    slow = Document().add_paragraph()
    for text, size, bold in (("ข้อ o12 ได้ 0 คะแนน", 16, False), (" นำหน้าและตามหลัง ", 14, True), ("", 16, True),
                             ("มี\tแท็บ\nและขึ้นบรรทัด\r", 12, False), ("a  b", 16, False)):
        fast = writer.doc.add_paragraph()
        run = writer.run(fast, text, size=size, bold=bold)
        assert run.text == text.replace("\r", "\n")
        long_way = slow.add_run(text)
        thai_rpr(long_way._r.get_or_add_rPr(), "TH Sarabun New", size, bold)
        assert etree.tostring(run._r) == etree.tostring(long_way._r), text
    heading = writer.heading("หัวข้อ", level=2)
    assert heading.style.name == "Heading 2"
    table = writer.table(["ก", "ข"], [["1", "2"]], [3.0, 4.0])
    assert table.style.name == "Table Grid"

    direct = WordWriter.__new__(WordWriter)  # the set-up document made directly, as before the template
    direct.t, direct.font, direct._run_props = texts, "TH Sarabun New", {}
    direct.doc = Document()
    direct._setup()
    assert _SET_UP[("TH Sarabun New", False)]
    assert docx_xml(WordWriter(texts, "TH Sarabun New").bytes()) == docx_xml(direct.bytes())


def test_xlsx_tracking_sheet() -> None:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(render(PLAN, "xlsx", catalogue=SETUP.catalogue)))
    ws = wb.worksheets[0]
    assert ws["A1"].value.startswith("แบบติดตามผล") and PLAN["agency"]["name"] in ws["A2"].value  # title rows
    assert ws.freeze_panes == "A4" and ws.print_title_rows == "$1:$3"  # the titles and header on every page
    # one page wide, as LibreOffice prints it too (two pages wide, it printed eight pages, the title cut)
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert not ws.col_breaks.brk and ws.print_title_cols is None
    assert "&P" in ws.oddFooter.center.text and ws.oddHeader.center.text == PLAN["agency"]["name"]
    header = [c.value for c in ws[3]]
    assert header[:4] == ["ที่", "ตัวชี้วัด", "ข้อที่เกี่ยวข้อง", "มาตรการ/แนวทาง"]
    assert "สถานะ" in header and "ลิงก์หลักฐาน" in header
    assert ws.column_dimensions["Q"].hidden and header[16] == "รหัสมาตรการ"  # kept for reading back, not printed
    # the measures, then a blank row and the sign-off, as the Word document ends
    assert ws.max_row == len(PLAN["measures"]) + 3 + 2
    assert [c.value for c in ws[ws.max_row - 1]] == [None] * len(header)
    assert str(ws["A" + str(ws.max_row)].value).startswith("(ลงชื่อ)") and "ผู้อนุมัติ" in str(ws["F" + str(ws.max_row)].value)
    assert isinstance(ws["B4"].value, int)  # the indicator is a number
    for row in ws.iter_rows():
        for cell in row:
            assert cell.font.name == "TH Sarabun New" or type(cell).__name__ == "MergedCell"  # shown as its first cell
    assert ws.column_dimensions["E"].width >= 30
    assert all((ws.row_dimensions[r].height or 0) >= 22 for r in range(3, ws.max_row + 1))
    dates = [v for v in ws.data_validations.dataValidation if v.type == "date"]
    assert dates and dates[0].showErrorMessage and dates[0].error
    scores = wb.worksheets[1]
    assert scores.cell(row=4, column=4).value == 96.24
    assert scores.cell(row=14, column=4).value == 87.5


def test_csv_of_measures() -> None:
    rows = list(csv.DictReader(io.StringIO(render(PLAN, "csv", catalogue=SETUP.catalogue, csv_keys="en"))))
    assert [r["id"] for r in rows] == [m["id"] for m in PLAN["measures"]]
    assert rows[0]["owner"] and "\n" in rows[0]["method"] and rows[0]["status"] == "proposed"


def test_csv_opens_in_thai_excel() -> None:
    """Thai Excel opens a CSV as Windows-874 unless it starts with a UTF-8 byte-order mark; headers and values Thai.
    The Thai CSV is the measures table an agency may post: numbered rows, the indicator named, and none of the
    drafting's own data (the measure's id, its review status, the rules that proposed it: issue 26)."""
    data = render(PLAN, "csv", catalogue=SETUP.catalogue).encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert list(rows[0]) == ["ที่", "ตัวชี้วัด", "ข้อที่เกี่ยวข้อง", "มาตรการ/แนวทาง", "ประเด็นที่พบ", "วิธีการดำเนินการ",
                             "ระยะเวลาดำเนินการ", "การติดตามผล", "ผู้รับผิดชอบ"]
    assert [r["ที่"] for r in rows] == [str(n) for n in range(1, len(rows) + 1)]
    assert rows[0]["ตัวชี้วัด"].startswith(f"ตัวชี้วัดที่ {PLAN['measures'][0]['indicator']} ")
    assert rows[0]["มาตรการ/แนวทาง"] == PLAN["measures"][0]["title"]
    text = data.decode("utf-8-sig")
    assert not any(m["id"] in text for m in PLAN["measures"]) and "ยังไม่ได้พิจารณา" not in text
    assert not any(c.isascii() and c.isalpha() for c in "".join(rows[0].keys()))  # no English header


def test_no_document_prints_what_fixes_would_add_to_the_total() -> None:
    """What each fix would add to last year's total (the ranked list, the goals, each measure's stake) is the
    officer's arithmetic for setting priorities: the plan keeps it (review, the web page, ``itaplan whatif`` show
    it) and no published format prints it, nor the drafting's own notes (issue 25: gains are never presented as a
    future gain; the NACC asks agencies to improve their work, not to chase points)."""
    from docx import Document

    first = PLAN["whatif"]["ranked"][0]["text"]
    assert first.startswith("เผยแพร่: ข้อ o24") and first.endswith("คะแนนรวมจะเพิ่มขึ้น 2.50 คะแนน")
    assert PLAN["measures"][0]["points_at_stake"]["to_max"] == 0.37
    md = render(PLAN, "md", catalogue=SETUP.catalogue, thai_digits=False)
    html = render(PLAN, "html", catalogue=SETUP.catalogue, thai_digits=False)
    doc = Document(io.BytesIO(render(PLAN, "docx", catalogue=SETUP.catalogue, thai_digits=False)))
    words = [p.text for p in doc.paragraphs] + [p.text for t in doc.tables for row in t.rows for c in row.cells
                                                 for p in c.paragraphs]
    for text in (md, html, "\n".join(words)):
        assert "ข้อที่มีผลต่อคะแนนรวมมากที่สุด" not in text and "ผลต่อคะแนนรวม" not in text
        assert "คะแนนรวมจะเพิ่มขึ้น" not in text and "เครื่องมือนี้" not in text and "หมายเหตุ" not in text


def test_html_is_self_contained_with_chart() -> None:
    html = render(PLAN, "html", catalogue=SETUP.catalogue, thai_digits=False)
    assert html.startswith("<!doctype html>") and 'lang=th' in html
    assert "<script" not in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html) and "url(http" not in html  # nothing fetched
    assert "<svg" in html or "class=bar" in html
    assert "มาตรการส่งเสริมคุณธรรมและความโปร่งใส" in html and "87.50" in html
    assert "@font-face{font-family:'Sarabun'" in html and "name=viewport" in html and "@media print" in html
    assert "ประเด็นที่ต้องพัฒนา" in html  # every section the Word file has
    # why each measure is there (the facts its rules fired on) is the officer's and the auditor's working note, not
    # a section of the agency's document (issue 26); the measures table names the weak points each measure answers
    assert "ที่มาของมาตรการ" not in html and "เหตุผลที่เสนอ" not in html
    noted = render(PLAN, "html", catalogue=SETUP.catalogue, thai_digits=False, working_notes=True)
    notes = noted[noted.index("class=notes"):]
    assert "ที่มาของมาตรการ" in notes and f"1. {PLAN['measures'][0]['title']}: เหตุผลที่เสนอ:" in notes


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.slow
def test_real_rendering_with_libreoffice(tmp_path: Path) -> None:
    if not _soffice() or not shutil.which("pdffonts"):
        if os.environ.get("CI"):
            pytest.fail("CI must have LibreOffice and poppler (see .ci/run)")
        pytest.skip("LibreOffice or poppler not installed")
    docx = tmp_path / "plan.docx"
    docx.write_bytes(render(PLAN, "docx", catalogue=SETUP.catalogue, thai_digits=False))
    xlsx = tmp_path / "tracking.xlsx"
    xlsx.write_bytes(render(PLAN, "xlsx", catalogue=SETUP.catalogue))
    profile = f"file://{tmp_path / 'lo-profile'}"
    for source in (docx, xlsx):
        done = subprocess.run([_soffice(), f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                               "--outdir", str(tmp_path), str(source)], capture_output=True, text=True, timeout=180)
        assert done.returncode == 0, done.stderr
    pdf = tmp_path / "plan.pdf"
    assert pdf.exists() and (tmp_path / "tracking.pdf").exists()
    names = embedded_fonts(subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout)
    wanted = fonts_for("TH Sarabun New")  # the font the document asks for, as this machine resolves it
    assert names and names <= wanted & thai_fonts(), (names, wanted)  # only that font, and it covers Thai
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "99", str(pdf)], capture_output=True, text=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)
    if has_sarabun_new_metrics("TH Sarabun New"):  # another font (Debian 12's Laksaman) breaks pages elsewhere
        assert 3 <= pages <= 16  # rows never split, so long measures take a landscape page each
    assert sizes[0] == ("595.304", "841.89") and ("841.89", "595.304") in sizes  # portrait, then landscape
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True).stdout
    for wanted in ("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. 2569",
                   "องค์การบริหารส่วนตำบลห้วยทราย", PLAN["measures"][0]["title"], "87.50"):
        assert re.sub(r"\s", "", wanted) in re.sub(r"\s", "", text), wanted  # table cells wrap lines


@pytest.mark.slow
def test_real_rendering_with_a_machines_own_thai_fonts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's test command on a machine with Debian 12's Thai fonts and nothing else (issue 28): fontconfig
    gives "TH Sarabun New" Laksaman, not CI's Laksaman THS; the font is checked by what it is, not by its name.
    The user's own fonts and fontconfig settings (where tests/setup_fonts.sh puts Laksaman THS) are hidden."""
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        (tmp_path / name).mkdir()
        monkeypatch.setenv(name, str(tmp_path / name))
    if not Path("/usr/share/fonts/truetype/tlwg/Laksaman.ttf").exists():
        pytest.skip("fonts-thai-tlwg (Debian's Thai fonts) is not installed")
    (tmp_path / "run").mkdir()
    test_real_rendering_with_libreoffice(tmp_path / "run")



def test_docx_project_cards() -> None:
    doc = docx_xml(render(PLAN, "docx", catalogue=SETUP.catalogue, thai_digits=False, cards=True))["word/document.xml"]
    sizes = re.findall(r"<w:pgSz[^>]*/>", doc)
    # portrait analysis, landscape measures, landscape action-plan table, portrait cards
    assert ["landscape" in s for s in sizes] == [False, True, True, False]
    texts = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", doc))
    assert texts.count("หลักการและเหตุผล") == len(PLAN["measures"])
    # no budget set for the example, and the catalogue says no measure needs none: not set, never "no budget"
    assert "ยังไม่กำหนด" in texts and "ไม่ใช้งบประมาณ" not in texts and PLAN["measures"][0]["project"]["name"] in texts
    assert "รวมทั้งสิ้น" in texts and "45,000.00" in texts  # the action-plan table with its budget total
    assert not re.search(r"\{[a-z_]+\}", texts)


def test_word_can_be_posted() -> None:
    """Headings are real headings, short rows never split, the file says who made it, and it is dated (within its
    plan year) and signed; a plan drafted after its year ended is left undated rather than contradict itself."""
    import copy
    import zipfile

    dated = copy.deepcopy(PLAN)
    dated["itaplan"]["drafted"] = "2025-11-20"  # during FY2569, the plan's year
    data = render(dated, "docx", catalogue=SETUP.catalogue, thai_digits=False)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        body = z.read("word/document.xml").decode("utf-8")
        core = z.read("docProps/core.xml").decode("utf-8")
    assert body.count("<w:cantSplit/>") >= len(PLAN["measures"]) + 11  # every row of both tables
    assert 'w:val="Heading1"' in body and 'w:val="Heading2"' in body
    assert "python-docx" not in core and "2013" not in core
    assert PLAN["agency"]["name"] in core and "มาตรการส่งเสริมคุณธรรมและความโปร่งใส" in core
    text = re.sub(r"<[^>]+>", "", body)
    assert "จัดทำ ณ วันที่" in text and "ผู้จัดทำ" in text and "ผู้เสนอ" in text and "ผู้อนุมัติ" in text
    assert "นายสมชาย ใจดี" in text and "ปลัดองค์การบริหารส่วนตำบล" in text  # named in the profile; by agency type
    late = copy.deepcopy(PLAN)
    late["itaplan"]["drafted"] = "2026-12-06"  # after FY2569 ended: its deadlines are all before this day
    md = render(late, "md", catalogue=SETUP.catalogue, thai_digits=False)
    assert "จัดทำ ณ วันที่" not in md and "ธันวาคม พ.ศ. 2569" not in md


def test_report_links_are_links_and_the_executive_acknowledges(tmp_path) -> None:
    import zipfile

    from click.testing import CliRunner
    from itaplan.cli import main

    plan = tmp_path / "plan.yaml"
    runner = CliRunner()
    assert runner.invoke(main, ["draft", "-o", str(plan)]).exit_code == 0
    assert runner.invoke(main, ["progress", str(plan), "--measure", "e-service", "--status", "done", "--done", "เปิดระบบ",
                                "--finished", "1/10/2569", "--link", "https://example.go.th/eservice",
                                "--as-of", "1/10/2569"]).exit_code == 0  # the plan's year (2570) began that day
    out = tmp_path / "report.docx"
    assert runner.invoke(main, ["report", "--arabic-digits", str(plan), "-o", str(out), "--as-of", "1/10/2569"]).exit_code == 0
    with zipfile.ZipFile(out) as z:
        body = z.read("word/document.xml").decode("utf-8")
        rels = z.read("word/_rels/document.xml.rels").decode("utf-8")
    assert "<w:hyperlink" in body and 'Target="https://example.go.th/eservice"' in rels
    text = re.sub(r"<[^>]+>", "", body)
    assert "ผู้รายงาน" in text and "ผู้รับทราบ" in text
    # that no reason is recorded for the measures not done is the officer's note (itaplan report says it), not a
    # sentence of the agency's report (issue 26)
    assert "ไม่ได้บันทึกเหตุผล" not in text
    assert text.count("ยังไม่ได้ดำเนินการ จึงควรทบทวนสาเหตุ") == 1  # the drafted suggestion once, with its measures


def test_unknown_output_suffix_is_an_error(tmp_path) -> None:
    from click.testing import CliRunner
    from itaplan.cli import main

    result = CliRunner().invoke(main, ["draft", "-o", str(tmp_path / "plan.txt")])
    assert result.exit_code == 2 and ".docx" in result.output and not (tmp_path / "plan.txt").exists()


def test_every_question_of_every_indicator_is_printed_with_its_average() -> None:
    # seed 000's shape: each indicator's questions with their scores (FY2568: the NACC's own wording) and the
    # indicator's average; EIT parts named as the NACC names them
    from itaplan.ita.framework import load_framework

    fw = load_framework(2568)
    md = render(PLAN, "md", catalogue=SETUP.catalogue, thai_digits=False)
    section = md[md.index("ผลคะแนนรายข้อของแต่ละตัวชี้วัด"):md.index("### 1.3")]
    assert "(EIT Public)" in section and "(EIT Survey)" in section
    for q in PLAN["scores"]["questions"]:
        wording = fw.wordings.get(q["code"]) or fw.questions[q["code"]].title
        assert f"| {q['code']} | {wording} |" in section, q["code"]
    for ind in PLAN["scores"]["indicators"]:
        if any(q["indicator"] == ind["number"] for q in PLAN["scores"]["questions"]):
            assert f"**ตัวชี้วัดที่ {ind['number']} {ind['name']}**" in section
    assert section.count("คะแนนเฉลี่ยตัวชี้วัด") == len({q["indicator"] for q in PLAN["scores"]["questions"]})
    assert "| i1 | การปฏิบัติงานหรือให้บริการของเจ้าหน้าที่ในหน่วยงานของท่าน เป็นไปตามขั้นตอนและระยะเวลา" in section


def test_word_and_excel_properties_are_the_agencys() -> None:
    import zipfile

    name = PLAN["agency"]["name"]
    with zipfile.ZipFile(io.BytesIO(render(PLAN, "docx", catalogue=SETUP.catalogue))) as docx:
        names = set(docx.namelist())
        assert not {n for n in names if n.startswith("customXml/") or "thumbnail" in n}, names
        app = docx.read("docProps/app.xml").decode()
        assert f"<Company>{name}</Company>" in app and "Microsoft" not in app and "<Pages>" not in app
    xlsx = render(PLAN, "xlsx", catalogue=SETUP.catalogue)
    with zipfile.ZipFile(io.BytesIO(xlsx)) as book:
        assert "openpyxl" not in (book.read("docProps/app.xml") + book.read("docProps/core.xml")).decode().lower()
    from openpyxl import load_workbook

    assert load_workbook(io.BytesIO(xlsx)).properties.creator == name


def test_the_results_year_by_year_with_levels() -> None:
    md = render(PLAN, "md", catalogue=SETUP.catalogue, thai_digits=False)
    previous = PLAN["scores"]["previous"]
    from itaplan.ita.framework import load_framework

    assert previous["level"] == load_framework(previous["fiscal_year"]).level_of(previous["total"])  # by its table
    table = md[md.index("**ผลการประเมินรายปี**"):md.index("### 1.1")]
    assert f"| {previous['fiscal_year']} | {previous['total']:.2f} | {previous['level']} |" in table
    scores = PLAN["scores"]
    assert f"| {scores['fiscal_year']} | {scores['total']:.2f} | {scores['level']} |" in table


def test_the_measures_are_proposed_for_approval_or_approved_on_the_day_given() -> None:
    import copy

    md = render(PLAN, "md", catalogue=SETUP.catalogue, thai_digits=False)
    assert "จึงเสนอนายกองค์การบริหารส่วนตำบลห้วยทรายพิจารณาอนุมัติมาตรการข้างต้น" in md
    approved = copy.deepcopy(PLAN)
    approved["agency"]["signatories"]["approved"]["date"] = "2025-11-20"
    md = render(approved, "md", catalogue=SETUP.catalogue, thai_digits=False)
    assert "ได้รับอนุมัติจากนายกองค์การบริหารส่วนตำบลห้วยทราย เมื่อวันที่ 20 พฤศจิกายน พ.ศ. 2568" in md
    assert md.index("ได้รับอนุมัติ") < md.index("(ลงชื่อ)")  # just before the sign-off


def test_working_notes_are_an_appendix_only_when_asked() -> None:
    heading = SETUP.catalogue.text("h_working_notes")
    for fmt in ("md", "html"):
        assert heading not in render(PLAN, fmt, catalogue=SETUP.catalogue)  # never in what is published
        shown = render(PLAN, fmt, catalogue=SETUP.catalogue, thai_digits=False, working_notes=True)
        assert heading in shown and "ผลต่อคะแนนรวม" in shown  # last year's arithmetic, for the officer
        assert shown.index(heading) > shown.index("(ลงชื่อ)")  # after the document's sign-off


def test_what_a_fresh_reader_found_stays_fixed() -> None:
    """The second fresh review of issue 26: every signer's position names the agency (not only the executive's);
    the plan asks for the approval its sign-off gives (อนุมัติ / ผู้อนุมัติ); a measure that serves only the items its
    weak points already name does not cite them twice; the HTML chart carries no 'Matplotlib' creator or time;
    Word's cover has no page number (the first page's header is its own, empty)."""
    md = render(PLAN, "md", catalogue=SETUP.catalogue, thai_digits=False)
    name = PLAN["agency"]["name"]
    assert f"ตำแหน่ง หัวหน้าสำนักปลัด{name}" in md and f"ตำแหน่ง ปลัด{name}" in md
    assert "พิจารณาอนุมัติมาตรการข้างต้น" in md and "ผู้อนุมัติ" in md
    html = render(PLAN, "html", catalogue=SETUP.catalogue)
    assert "Matplotlib" not in html and "<dc:date>" not in html
    data = render(PLAN, "docx", catalogue=SETUP.catalogue)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        body = z.read("word/document.xml").decode("utf-8")
    assert body.count("<w:titlePg/>") == 1  # the first section only: the landscape pages keep their numbers


def test_a_long_position_gives_the_agencys_name_a_line_of_its_own_between_three_signers() -> None:
    """Three signers side by side: "หัวหน้าสำนักปลัดองค์การบริหารส่วนตำบลห้วยทราย" was cut at the column's end into
    "…ตำบลห้วย" / "ทราย" (a fresh newcomer's look at the Word file in LibreOffice); a position that fits stays whole."""
    import zipfile

    from itaplan.content.texts import Texts
    from itaplan.render.common import signoff_lines

    t = Texts(SETUP.catalogue)
    agency = "องค์การบริหารส่วนตำบลห้วยทราย"
    assert signoff_lines("ผู้จัดทำ", "", f"หัวหน้าสำนักปลัด{agency}", t, agency, narrow=True)[2:] == [
        "ตำแหน่ง หัวหน้าสำนักปลัด", agency]
    assert signoff_lines("ผู้เสนอ", "", f"ปลัด{agency}", t, agency, narrow=True)[2:] == [f"ตำแหน่ง ปลัด{agency}"]
    # beside a block that splits, the row's other blocks split too, so that they read alike (round 22's newcomer)
    assert signoff_lines("ผู้เสนอ", "", f"ปลัด{agency}", t, agency, narrow=True,
                         beside=[f"หัวหน้าสำนักปลัด{agency}", f"ปลัด{agency}"])[2:] == ["ตำแหน่ง ปลัด", agency]
    assert signoff_lines("ผู้รับทราบ", "", "ผู้บริหารของหน่วยงาน", t, agency, narrow=True,
                         beside=[f"หัวหน้าสำนักปลัด{agency}"])[2:] == ["ตำแหน่ง ผู้บริหารของหน่วยงาน"]  # no agency: whole
    assert signoff_lines("ผู้จัดทำ", "", f"หัวหน้าสำนักปลัด{agency}", t, agency)[2:] == [
        f"ตำแหน่ง หัวหน้าสำนักปลัด{agency}"]  # one signer under another has the page's width
    with zipfile.ZipFile(io.BytesIO(render(PLAN, "docx", catalogue=SETUP.catalogue))) as z:
        body = z.read("word/document.xml").decode("utf-8")
    paragraphs = [re.sub(r"<[^>]+>", "", p) for p in re.findall(r"<w:p[ >].*?</w:p>", body, re.S)]
    at = paragraphs.index("ตำแหน่ง หัวหน้าสำนักปลัด")
    assert paragraphs[at + 1] == agency
    assert paragraphs[paragraphs.index("ตำแหน่ง ปลัด") + 1] == agency  # its neighbours' blocks alike


def test_the_charts_labels_round_halves_up_as_the_tables_do() -> None:
    """The chart said 96.44 and 81.51 where the tables say 96.45 and 81.52 (96.445 and 81.515 formatted by Python's
    round-half-even float formatting; a fresh web officer's trial, issue 28)."""
    from itaplan.content.texts import Texts
    from itaplan.render.chart import chart_available, chart_labels, indicator_chart_svg

    if not chart_available():
        pytest.skip("matplotlib is not installed")
    plan = SETUP.plan(SETUP.scorecard(ROOT / "examples" / "example.yaml"))
    svg = indicator_chart_svg(plan, chart_labels(plan, Texts(SETUP.catalogue)))
    assert "96.45" in svg and "81.52" in svg and "96.44" not in svg and "81.51" not in svg


def _body(data: bytes):
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read("word/document.xml")).find(f"{W}body")


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_signatures_at_the_body_size_kept_with_the_closing_sentence_and_nothing_after_them() -> None:
    """The sign-off rows are set at 16 pt as the body is (official letters: TH Sarabun 16 pt), the closing
    "จึงเสนอ…พิจารณาอนุมัติ" is kept with them, and the paragraph Word needs after the last table is one point high:
    a full-size empty paragraph there gave LibreOffice an empty last page."""
    from itaplan.content.texts import Texts
    from itaplan.followup.report import build_report
    from itaplan.render.dispatch import render_report

    t = Texts(SETUP.catalogue)
    for data in (render(PLAN, "docx", catalogue=SETUP.catalogue), render_report(build_report(PLAN, t), "docx", t)):
        body = _body(data)
        kids = [k for k in body if k.tag != f"{W}sectPr"]
        last = max(i for i, k in enumerate(kids) if k.tag == f"{W}tbl")
        signoff, before, after = kids[last], kids[last - 1], kids[last + 1:]
        assert "(ลงชื่อ)" in "".join(signoff.itertext())
        sizes = {el.get(f"{W}val") for el in signoff.iter(f"{W}sz", f"{W}szCs")}
        assert sizes == {"32"}, sizes  # 16 pt, not 14
        assert before.find(f"{W}pPr/{W}keepNext") is not None  # the closing sentence goes where the signatures go
        assert len(after) == 1 and not "".join(after[0].itertext())
        assert after[0].find(f"{W}pPr/{W}spacing").get(f"{W}line") == "20"
        assert after[0].find(f"{W}pPr/{W}rPr/{W}sz").get(f"{W}val") == "2"
    plan_end = _body(render(PLAN, "docx", catalogue=SETUP.catalogue))
    paragraphs = ["".join(p.itertext()) for p in plan_end.iter(f"{W}p")]
    assert paragraphs[[i for i, p in enumerate(paragraphs) if "(ลงชื่อ)" in p][0] - 1].startswith("จึงเสนอ")


@pytest.mark.slow
def test_the_report_converted_by_libreoffice_ends_on_a_page_with_text(tmp_path: Path) -> None:
    """However long the report's table, LibreOffice's PDF of it has no empty last page (the trailing paragraph
    after the sign-off used to spill onto one when the sign-off ended near the foot of a page)."""
    from itaplan.content.texts import Texts
    from itaplan.followup.report import build_report
    from itaplan.render.dispatch import render_report

    if not _soffice() or not shutil.which("pdftotext"):
        if os.environ.get("CI"):
            pytest.fail("CI must have LibreOffice and poppler (see .ci/run)")
        pytest.skip("LibreOffice or poppler not installed")
    t = Texts(SETUP.catalogue)
    names = []
    for k in range(0, 24):  # the sign-off ends at every height of its page, one line further each time
        report = build_report(PLAN, t)
        report["measures"][0]["outcome"] = "\n".join(f"ผลลัพธ์บรรทัดที่ {i}" for i in range(k))
        (tmp_path / f"r{k:02d}.docx").write_bytes(render_report(report, "docx", t))
        names.append(str(tmp_path / f"r{k:02d}.docx"))
    done = subprocess.run([_soffice(), f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
                           "--convert-to", "pdf", "--outdir", str(tmp_path), *names],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    for name in names:
        pdf = name.replace(".docx", ".pdf")
        pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", pdf], capture_output=True,
                                                                 text=True).stdout).group(1))
        last = subprocess.run(["pdftotext", "-f", str(pages), "-l", str(pages), pdf, "-"], capture_output=True,
                              text=True).stdout
        assert len(re.sub(r"\s", "", last)) > 10, (name, pages)  # more than a page number


def test_docx_cover_titles_break_between_phrases() -> None:
    """The report's cover, opened in LibreOffice, broke its title "…ความโปร่งใสภายใน" | "หน่วยงาน ประจำปีงบประมาณ…" (user
    trial): a title line too long for the page is broken by the document itself, between phrases."""
    import docx
    from itaplan.content.texts import Texts
    from itaplan.followup.report import build_report
    from itaplan.render.dispatch import render_report

    t = Texts(SETUP.catalogue)
    data = render_report(build_report(PLAN, t), "docx", t)
    title = docx.Document(io.BytesIO(data)).paragraphs[1].text  # after the cover's spacer
    lines = title.split("\n")
    assert len(lines) > 1 and "".join(lines) == title.replace("\n", ""), lines
    assert any(line.startswith("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน") for line in lines), lines
    assert not any(line.endswith("ภายใน") for line in lines), lines


def test_the_items_a_row_serves_are_listed_the_thai_way() -> None:
    """"ข้อ O6 …; ข้อ O7 …": an English semicolon in a Thai sentence (auditor's fourth trial)."""
    from itaplan.content.catalogue import load_catalogue
    from itaplan.content.texts import Texts
    from itaplan.render.common import serves_line

    t = Texts(load_catalogue())
    items = [{"code": "O6", "title": "แผนการดำเนินงาน", "text": "ข้อ O6 แผนการดำเนินงาน"},
             {"code": "O7", "title": "รายงานผล", "text": "ข้อ O7 รายงานผล"}]
    line = serves_line(items, 2570, t)
    assert ";" not in line and "ข้อ O6 แผนการดำเนินงาน และข้อ O7 รายงานผล" in line, line


def test_the_action_plan_total_is_not_said_zero_when_no_budget_is_set() -> None:
    """"รวมทั้งสิ้น ๐.๐๐" with no budget set read as a plan costing nothing (newcomer's sixth trial)."""
    from itaplan.app.session import Session
    from itaplan.content.texts import Texts
    from itaplan.render.cards import summary_table

    setup = Session(engine="pure")
    plan = setup.plan(setup.scorecard(str(Path(__file__).parent.parent / "examples" / "itas.txt")))
    _, body, _, totals = summary_table(plan, Texts(setup.catalogue), plan["measures"])
    assert totals["unset"] == len(body) - 1 and body[-1][3] == "ยังไม่กำหนด", body[-1]


def test_the_approvers_signature_is_dated_in_every_format() -> None:
    """A signed approval is dated: under the approver's block a line to date it by hand, or the approval's day when the
    profile gives it (a newcomer's trial: the approver signed undated). The other signers' blocks have none."""
    import copy

    import openpyxl

    blank = "วันที่ ...... เดือน ................ พ.ศ. ........"
    md = str(render(PLAN, "md", catalogue=SETUP.catalogue))
    tail = md[md.index("ผู้อนุมัติ"):]
    assert blank in tail and md.count(blank) == 1, tail
    html = str(render(PLAN, "html", catalogue=SETUP.catalogue))
    assert html.count(blank) == 1
    with zipfile.ZipFile(io.BytesIO(render(PLAN, "docx", catalogue=SETUP.catalogue))) as z:
        body = re.sub(r"<[^>]+>", "", z.read("word/document.xml").decode("utf-8"))
    assert body.count(blank) == 1
    book = openpyxl.load_workbook(io.BytesIO(render(PLAN, "xlsx", catalogue=SETUP.catalogue)))
    cells = [str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value]
    assert sum(blank in c for c in cells) == 1 and any("ผู้อนุมัติ" in c and blank in c for c in cells)
    approved = copy.deepcopy(PLAN)
    signers = approved["agency"].setdefault("signatories", {})
    signers["approved"] = {**(signers.get("approved") or {}), "date": "2026-11-20"}
    md = str(render(approved, "md", catalogue=SETUP.catalogue))
    assert "วันที่ ๒๐ พฤศจิกายน พ.ศ. ๒๕๖๙" in md[md.index("ผู้อนุมัติ"):] and blank not in md  # the document's digits
