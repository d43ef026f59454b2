"""Shared by the tests: loading golden cases into Results, and the fonts a PDF is expected to embed."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import yaml
from itaplan.ita.loader import from_mapping, load_results
from itaplan.ita.results import Results

CASES = Path(__file__).resolve().parent / "cases"


def case_names() -> list[str]:
    return sorted(p.stem for p in CASES.glob("*.yaml"))


def load_case(name: str) -> dict:
    return yaml.safe_load((CASES / f"{name}.yaml").read_text(encoding="utf-8"))


def case_results(case: dict, name: str) -> Results:
    if "results_file" in case:
        return load_results(CASES / case["results_file"])
    return from_mapping(case["results"], f"{name}.yaml")


STYLES = ("", ":bold", ":italic", ":bold:italic")


def fonts_for(family: str) -> set[str]:
    """The PostScript names of the fonts fontconfig gives ``family`` for Thai text in each style: what LibreOffice
    embeds for a document set in it. Asked, not assumed: Debian 12's fonts-thai-tlwg resolves "TH Sarabun New" to
    Laksaman; tests/setup_fonts.sh (CI) to Laksaman THS, a copy with TH Sarabun New's metrics."""
    found = set()
    for style in STYLES:
        done = subprocess.run(["fc-match", "-f", "%{postscriptname}", f"{family}:lang=th{style}"], capture_output=True,
                              text=True, timeout=30, check=True)
        found.add(done.stdout.strip())
    return found - {""}


def embedded_fonts(pdffonts_output: str) -> set[str]:
    """The fonts a PDF embeds, as poppler's pdffonts lists them, without the subset tag (ABCDEF+)."""
    lines = pdffonts_output.splitlines()[2:]
    return {line.split()[0].split("+")[-1] for line in lines if line.strip()}


def thai_fonts() -> set[str]:
    """The PostScript names of every installed font that covers Thai."""
    done = subprocess.run(["fc-list", ":lang=th", "postscriptname"], capture_output=True, text=True, timeout=30,
                          check=True)
    return {line.split("=", 1)[-1].strip() for line in done.stdout.splitlines() if line.strip()}


# TH Sarabun New's advance widths (per em) of a few glyphs, as Laksaman THS (tests/setup_fonts.sh) has them: Laksaman
# is TH Sarabun New drawn 150.42 % larger, so page counts measured in one hold in the other and in no other font.
SARABUN_NEW_ADVANCES = {"ก": 0.3856, "ข": 0.3777, "a": 0.3438, "M": 0.5479, "0": 0.3617}


def has_sarabun_new_metrics(family: str) -> bool:
    """Whether the font fontconfig gives ``family`` for Thai is as wide as TH Sarabun New, so that where lines
    and pages break in LibreOffice can be asserted."""
    from fontTools.ttLib import TTFont

    done = subprocess.run(["fc-match", "-f", "%{file}", f"{family}:lang=th"], capture_output=True, text=True,
                          timeout=30, check=True)
    font = TTFont(done.stdout.strip(), fontNumber=0, lazy=True)
    cmap, em = font.getBestCmap(), font["head"].unitsPerEm
    return all(ord(ch) in cmap and abs(font["hmtx"][cmap[ord(ch)]][0] / em - width) <= 0.02 * width
               for ch, width in SARABUN_NEW_ADVANCES.items())


KEEP_LANG = {"ITAPLAN_LANG": "en"}  # --lang sets ITAPLAN_LANG for the process: CliRunner restores what it is given


def run_in(*args: str, lang: str = "en"):
    """A command in the interface's ``lang``, the environment as it was after it."""
    from click.testing import CliRunner
    from itaplan.cli import main

    return CliRunner().invoke(main, ["--lang", lang, *args], env=KEEP_LANG)


def office_with(tmp_path: Path, rules: str = "", recommendations: str = "", cases: str = "") -> Path:
    """A workspace made by ``itaplan init`` with an office's own rules, recommendations and rule test cases."""
    office = tmp_path / "office"
    assert run_in("init", str(office)).exit_code == 0
    if rules:
        (office / "rules" / "own.yaml").write_text(rules, encoding="utf-8")
    if recommendations:
        (office / "recommendations" / "own.yaml").write_text(recommendations, encoding="utf-8")
    if cases:
        (office / "rules" / "tests" / "own.yaml").write_text(cases, encoding="utf-8")
    return office


def agency_plan(table: str, agency: str, session: Any) -> dict:
    """The plan ``session`` drafts for the agency of a province's ``table`` whose name holds ``agency``."""
    from itaplan.app.batch import _results, collect_jobs

    job = next(j for j in collect_jobs([table]) if agency in j.name)
    return session.plan(session.scorecard_of(_results(job, session)))


def unwrapped(html: str) -> str:
    """A page's HTML without the spans that keep its Thai phrases whole (the web's phrases filter) and the break
    points between them: its text as written, to be searched for a label or a sentence."""
    return re.sub(r'<span class="nw">(.*?)</span>', r"\1", html.replace("<wbr>", ""))
