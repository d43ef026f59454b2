"""Count the English lines itaplan prints in Thai mode (issue 28): every line of output (stdout and stderr) of
`itaplan --lang th …` over the README's rule commands and a broken workspace, and over the README's everyday and
follow-up commands with good and bad inputs.

A line is English when, after the codes (i1, e9, o12), rule and recommendation ids (fy2568.e-service), file names
and paths, YAML keys and quoted names are taken out, an English word of three letters or more is left. Run:

    python tools/english_lines.py            # the totals
    python tools/english_lines.py --show     # ... and each English line
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "tests" / "data" / "example-2568.yaml"

# the broken workspace: each fault of issue 28's auditor
BROKEN_RULES = """\
# yaml-language-server: $schema=../.schema/rules.schema.json
version: 1
frameworks: [2568, 2575]
threshold: 150
disable: [fy2568.e-servise]
rules:
  - id: office.typo
    when:
      question: [i1]
    propse: [iit-service-standards]
  - id: office.part
    when:
      question: {codes: [i1], part: 1}
    propose: [iit-service-standards]
  - id: office.unknown
    when:
      question: [e99]
    propose: [iit-service-standards]
"""
BROKEN_YAML = "version: 1\nrules:\n  - id: x\n   when: {}\n"
BROKEN_RECS = """\
version: 1
recommendations:
  - id: office-claims
    kind: measure
    indicators: [2]
    dimension: 4
    title: มาตรการสุ่มตรวจการเบิกจ่าย
    issue: ควรทบทวนการเบิกจ่าย
    recommendation: {agency} สุ่มตรวจหลักฐานการเบิกจ่าย
    method: [สุ่มตรวจ]
    timeline: {from: 1, to: 12}
    evidence: [รายงาน]
    owner: audit
"""
BROKEN_RULE_PROPOSING = """\
version: 1
frameworks: [2568]
rules:
  - id: office.claims
    when:
      question: [i5]
    propose: office-claims
"""

_CODE = re.compile(r"(?<![A-Za-z])[iIeEoO]\s?[0-9]+(?![A-Za-z])")
_PATH = re.compile(r"\S*[/\\]\S*|\S+\.(?:ya?ml|csv|json|docx|xlsx|pdf|md|txt)\b")
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|`[^`]*`")
_ID = re.compile(r"\b[a-z0-9]+(?:[.+-][a-z0-9]+)+\b")  # fy2568.e-service, iit-service-standards, a+b (a row's ids)
_FLAG = re.compile(r"(?<!\S)--?[a-z][a-z-]*")  # a command-line option: --force, --framework
_TERMS = re.compile(r"\bE-Service\b|\bNo Gift Policy\b")  # the NACC's own name of an item, in Thai texts too
_COMMAND = re.compile(r"\bitaplan(?: [a-z]+){0,2}\b")  # a command's name: itaplan progress
_NAMES = re.compile(r"\b[a-z_]+(?:, [a-z_]+){2,}\b")  # a list of the keys a file may use: name, type, district
_SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")  # a key or column as the file spells it: fiscal_year
# a YAML key or key path: all:, rules[0].when:, rules[0] (office.typo).when: (its id gone by then: "( )")
_KEY = re.compile(r"\b[a-z_]+(?:\[\d+\](?: \([^()]*\))?)?(?:\.[a-z_]+(?:\[\d+\](?: \([^()]*\))?)?)*:")
_ALLOWED = {"IIT", "EIT", "OIT", "EIT1", "EIT2", "ITA", "ITAS", "YAML", "PyYAML", "JSON", "durable_rules", "Python",
            "NACC", "FIRED", "ok", "FAIL", "git",
            "Word", "PDF", "Excel", "docx", "pdf", "xlsx", "html", "csv", "yaml", "json"}  # formats, as users name them
_METAVAR = re.compile(r"\b[A-Z][A-Z_]+\b(?:\.\.\.)?")  # what an option takes, as help names it: DIR, YEAR, RESULTS...
_PROG = re.compile(r"python -m itaplan\.cli(?: [a-z]+)*")  # the program as help names it when run with python -m
_CHOICES = re.compile(r"\[[a-z|]+\]|\[ค่าเริ่มต้น: [^\]]*\]")  # an option's choices and default, as typed
_WORD = re.compile(r"[A-Za-z_]{3,}")


def english(line: str, ids: set[str]) -> bool:
    text = _PROG.sub(" ", line)
    text = _PATH.sub(" ", text)
    text = _QUOTED.sub(" ", text)
    text = _ID.sub(" ", text)
    text = _FLAG.sub(" ", text)
    text = _COMMAND.sub(" ", text)
    text = _NAMES.sub(" ", text)
    text = _SNAKE.sub(" ", text)
    text = _TERMS.sub(" ", text)
    text = _KEY.sub(" ", text)
    text = _CODE.sub(" ", text)
    text = _METAVAR.sub(" ", text)
    text = _CHOICES.sub(" ", text)
    words = [w for w in _WORD.findall(text) if w not in _ALLOWED and w not in ids]
    return bool(words)


def workspace(tmp: Path) -> Path:
    subprocess.run([sys.executable, "-m", "itaplan.cli", "init", str(tmp / "office")], check=True, capture_output=True,
                   env={**os.environ, "ITAPLAN_LANG": "en"})
    office = tmp / "office"
    (office / "rules" / "broken.yaml").write_text(BROKEN_RULES, encoding="utf-8")
    (office / "rules" / "syntax.yaml").write_text(BROKEN_YAML, encoding="utf-8")
    (office / "rules" / "claims.yaml").write_text(BROKEN_RULE_PROPOSING, encoding="utf-8")
    (office / "recommendations" / "claims.yaml").write_text(BROKEN_RECS, encoding="utf-8")
    good = tmp / "good"  # made as a Thai auditor makes it: its starter files in Thai (issue 28)
    subprocess.run([sys.executable, "-m", "itaplan.cli", "--lang", "th", "init", str(good)], check=True,
                   capture_output=True, env={**os.environ, "ITAPLAN_LANG": "th"})
    # a rule test expecting an id that is not in force (issue 28: said in English)
    (tmp / "typo" / "rules" / "tests").mkdir(parents=True)
    (tmp / "typo" / "rules" / "tests" / "typo.yaml").write_text(
        "cases:\n  - name: พิมพ์ id ผิด\n    results: {fiscal_year: 2568, questions: {e9: 60}}\n    expect: [e-servce]\n"
        "    expect_rules: [fy2568.e-servce]\n", encoding="utf-8")
    # a province table with a question given twice, in an EIT part and without one (issue 28)
    (tmp / "twice.csv").write_text("agency,fiscal_year,code,part,score\nก,2568,e1,1,80\nก,2568,e1,1,81\n"
                                   "ก,2568,i1,,80\nก,2568,i1,,80\n", encoding="utf-8")
    # a Thai workspace committed in git, then a rule changed: rules diff --against git:HEAD (issue 28)
    committed = tmp / "committed"
    subprocess.run([sys.executable, "-m", "itaplan.cli", "--lang", "th", "init", str(committed)], check=True,
                   capture_output=True, env={**os.environ, "ITAPLAN_LANG": "th"})
    git = ["git", "-C", str(committed), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run(["git", "init", "-q", str(committed)], check=True)
    subprocess.run(git + ["add", "."], check=True)
    subprocess.run(git + ["commit", "-qm", "first"], check=True)
    rule = committed / "rules" / "office.yaml"
    rule.write_text(rule.read_text(encoding="utf-8").replace("below: 90", "below: 84"), encoding="utf-8")
    return office


def commands(tmp: Path) -> list[tuple[list[str], Path]]:
    office = workspace(tmp)
    good = tmp / "good"
    example = str(EXAMPLE)
    province = str(ROOT / "examples" / "province.csv")
    return [
        (["rules", "validate"], tmp), (["rules", "validate", str(office)], tmp), (["rules", "lint", str(office)], tmp),
        (["rules", "test", str(office)], tmp), (["rules", "validate", str(good)], tmp),
        (["rules", "lint", str(good)], tmp), (["rules", "test", str(good)], tmp),
        (["rules", "list", "--plain"], tmp), (["rules", "list", "--plain", "--framework", "2568"], tmp),
        (["rules", "list", "--plain", "--rules", str(good / "rules")], tmp),
        (["rules", "explain", "e9", "--results", example], tmp),
        (["rules", "explain", "e9", "--results", example, "--rules", str(good / "rules")], tmp),
        (["rules", "diff", province, "--rules", str(good / "rules")], tmp),
        # the provincial auditor's trial (issue 28): explain by tool, total, indicator, fall and rule id, one agency
        # of a province table, and such a table given without --agency
        (["rules", "explain", "OIT", "--results", example], tmp), (["rules", "explain", "total", "--results", example], tmp),
        (["rules", "explain", "9", "--results", example], tmp), (["rules", "explain", "fall", "--results", example], tmp),
        (["rules", "explain", "indicator-8-low", "--results", example], tmp),
        (["rules", "explain", "fy2567.e-service", "--results", example], tmp),
        (["rules", "explain", "e7", "--results", province, "--agency", "หนองบัว"], tmp),
        (["rules", "explain", "e7", "--results", province], tmp), (["review", province, "--plain"], tmp),
        (["score", province, "--agency", "ตำบล"], tmp),
        (["rules", "validate"], office), (["rules", "list", "--plain"], good),
        # the fresh provincial auditor's second trial (issue 28): the built-in cases' names, an unknown id in a
        # case, a question given twice in a table, click's [default: …] in help, a workspace against its commit
        (["rules", "test"], tmp), (["rules", "test", str(tmp / "typo" / "rules")], tmp), (["score", "twice.csv"], tmp),
        (["rules", "diff", "twice.csv"], tmp), (["rules", "diff", "--help"], tmp),
        (["rules", "diff", province, "--against", "git:HEAD"], tmp / "committed"),
        (["rules", "diff", "examples/province.csv"], tmp / "committed"),
    ]


BAD_RESULTS = "fiscal_year: 2568\nagency: {name: ทดสอบ, provnce: x}\nquestions:\n  e9: 120\n  i99: 80\n"
BAD_CSV = "หน่วยงาน,ทดสอบ\nรหัส,คะแนน\ni1,90\n"


def everyday(tmp: Path) -> list[tuple[list[str], Path]]:
    """The README's everyday and follow-up commands, in order, in a folder of their own; and bad inputs."""
    folder = tmp / "officer"
    folder.mkdir()
    (folder / "bad.yaml").write_text(BAD_RESULTS, encoding="utf-8")
    (folder / "bad.csv").write_text(BAD_CSV, encoding="utf-8")
    examples = ROOT / "examples"
    example, csv, text = str(examples / "example.yaml"), str(examples / "agency.csv"), str(examples / "itas.txt")
    # a plan whose measure's title an officer wrote with an English word: check names it (the provincial auditor's
    # trial, issue 28: said in English)
    subprocess.run([sys.executable, "-m", "itaplan.cli", "draft", example, "-o", str(folder / "english.yaml")],
                   check=True, capture_output=True, env={**os.environ, "ITAPLAN_LANG": "en"})
    plan = (folder / "english.yaml").read_text(encoding="utf-8")
    at = plan.index("\n  title: ") + len("\n  title: ")
    (folder / "english.yaml").write_text(plan[:at] + "มาตรการของ agency " + plan[at:], encoding="utf-8")
    return [(args, folder) for args in [
        ["score", example], ["score", csv], ["score", text], ["review", example, "--plain"],
        ["draft", example, "-o", "plan.yaml"], ["check", "plan.yaml"], ["check", text],
        ["whatif", example, "--goal", "pass-good"], ["render", "plan.yaml", "-o", "plan.docx"],
        ["render", "plan.yaml", "-o", "tracking.xlsx"], ["render", "plan.yaml", "-o", "plan-cards.md", "--cards"],
        ["render", "plan.yaml", "--format", "docx"], ["check", "english.yaml"],
        ["progress", "plan.yaml", "--measure", "e-service", "--status", "done", "--done", "เปิดระบบคำร้องออนไลน์",
         "--finished", "30/11/2569"],
        ["progress", "plan.yaml", "--measure", "5", "--outcome", "คำร้องออนไลน์ 120 เรื่อง"],
        ["progress", "plan.yaml", "--measure", "2", "--finished", "31/02/2570"],
        ["report", "plan.yaml", "-o", "report.md"], ["import", str(examples / "measures.txt"), "-o", "last-year.yaml"],
        ["report", "last-year.yaml", "-o", "last-year-report.md"],
        ["batch", str(examples / "province.csv"), "-o", "plans"],
        ["score", "bad.yaml"], ["score", "bad.csv"], ["draft", example, "-o", "plan.yaml"],
        ["render", "missing.yaml", "-o", "x.docx"],
    ]]


def main() -> int:
    show = "--show" in sys.argv
    total = lines_en = 0
    ids: set[str] = set()
    with tempfile.TemporaryDirectory(prefix="itaplan-english-") as name:
        tmp = Path(name)
        for args, cwd in commands(tmp) + everyday(tmp):
            env = {**os.environ, "ITAPLAN_LANG": "th", "COLUMNS": "100"}
            done = subprocess.run([sys.executable, "-m", "itaplan.cli", "--lang", "th", *args], cwd=cwd, env=env,
                                  capture_output=True, text=True, timeout=300, check=False)
            out = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
            en = [line for line in out if english(line, ids)]
            total += len(out)
            lines_en += len(en)
            print(f"{len(en):4d} of {len(out):4d} English  itaplan --lang th {' '.join(a.replace(name, '…') for a in args)}")
            if show:
                for line in en:
                    print("        " + line.replace(name, "…")[:220])
    print(f"{lines_en} of {total} lines English")
    return 0


if __name__ == "__main__":
    sys.exit(main())
