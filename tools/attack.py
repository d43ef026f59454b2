"""A fresh attack run, with totals: python tools/attack.py [--pairs N] [--mutations N]

1. every hostile input of tests/hostile/cases.yaml, each in its own process with a time limit (a hang is
   a timeout, not a stuck run);
2. hand edits of a drafted plan: each field of it set to a wrong type, then rendered, reported, reviewed;
3. pairs of concurrent `progress --measure` runs on one plan (a lost update is a loss).

Prints: inputs tried, clean errors (exit 1 or 2 with one-line located errors), successes, exit 70s,
tracebacks, hangs, losses. Exit status 1 when any exit 70, traceback, hang or loss was seen.
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=20)
    parser.add_argument("--mutations", type=int, default=60, help="plan fields to break (4 values, 6 commands each)")
    options = parser.parse_args()
    totals: Counter = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        notes = table(totals, work) + mutations(totals, work, options.mutations) + pairs(totals, work, options.pairs)
    for note in notes:
        print(note)
    keys = ["inputs tried", "clean errors", "successes", "unexpected status", "exit 70s", "tracebacks", "hangs",
            "losses"]
    print("; ".join(f"{key}: {totals[key]}" for key in keys))
    return 1 if any(totals[k] for k in ("exit 70s", "tracebacks", "hangs", "losses")) else 0


if __name__ == "__main__":
    sys.exit(main())
