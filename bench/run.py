"""Benchmarks for itaplan: prints the figures recorded in docs/performance.md.

    python bench/run.py            # everything (8,300 and 10,000 agencies; a few minutes)
    python bench/run.py --quick    # smaller sizes, for a smoke run
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def synthetic_table(path: Path, n: int, seed: int = 7) -> None:
    """A wide CSV of n FY2568 agencies: one row each, a column per code (EIT parts as e1 only)."""
    from engine.framework import load_framework

    fw = load_framework(2568)
    codes = list(fw.questions)
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["agency", "fiscal_year", *codes])
        for i in range(n):
            row = [f"อบต.ทดสอบ {i:05d}", 2568]
            for code in codes:
                row.append(100 if code.startswith("o") and rng.random() > 0.1 else
                           0 if code.startswith("o") else round(rng.uniform(60, 100), 2))
            writer.writerow(row)


def long_table(path: Path, n: int, seed: int = 11) -> None:
    """The shape a national export has: one row per agency, code and EIT part (FY2566: two EIT parts), about
    125 rows per agency, so 8,300 agencies are about a million rows."""
    from engine.framework import load_framework

    fw = load_framework(2566)
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["agency", "fiscal_year", "code", "part", "score"])
        for i in range(n):
            name = f"อบต.ทดสอบ {i:05d}"
            for code, q in fw.questions.items():
                if q.tool == "OIT":
                    writer.writerow([name, 2566, code, "", 100 if rng.random() > 0.1 else 0])
                elif q.tool == "EIT":
                    for part in (1, 2):
                        writer.writerow([name, 2566, code, part, round(rng.uniform(60, 100), 2)])
                else:
                    writer.writerow([name, 2566, code, "", round(rng.uniform(60, 100), 2)])


def long_floor(table: Path) -> float:
    """Plain Python reading the long table and applying the threshold (85) to every row."""
    start = time.perf_counter()
    with table.open(encoding="utf-8") as handle:
        reader = csv.reader(handle)
        next(reader)
        low = sum(1 for row in reader if float(row[4]) < 85)
    _ = low
    return time.perf_counter() - start


def median_time(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _tree_rss_kib(root: int) -> int:
    """Memory of a process and all its descendants, from /proc: proportional set size (PSS), so that pages
    the forked workers share with their parent are counted once, not once per process."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            status = Path(f"/proc/{entry}/smaps_rollup").read_text()
        except OSError:
            continue
        parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
        line = next((x for x in status.splitlines() if x.startswith("Pss:")), None)
        rss[int(entry)] = int(line.split()[1]) if line else 0
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in tree:
                tree.add(pid)
                frontier.append(pid)
    return sum(rss.get(pid, 0) for pid in tree)


def batch_run(table: Path, fmt: str, jobs: int, engine: str = "auto") -> tuple[float, int]:
    """Wall time and peak memory (PSS) (KiB, the whole process tree, sampled every 250 ms) of one batch run."""
    import threading

    with tempfile.TemporaryDirectory() as out:
        cmd = [sys.executable, "-c", "from cli import main; main()", "-q", "batch", str(table), "-o", out,
               "--format", fmt, "--jobs", str(jobs), "--engine", engine]
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT)
        peak = [0]

        def watch() -> None:
            while proc.poll() is None:
                peak[0] = max(peak[0], _tree_rss_kib(proc.pid))
                time.sleep(0.25)

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        status = proc.wait()
        elapsed = time.perf_counter() - start
        watcher.join()
        if status != 0:
            raise SystemExit(f"batch failed: {cmd}")
        return elapsed, peak[0]


def floor_loop(table: Path) -> float:
    """The floor: plain Python reading the same table and applying the same threshold (85) per code."""
    start = time.perf_counter()
    with table.open(encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        for row in reader:
            low = [header[i] for i in range(2, len(row)) if float(row[i]) < 85]
            _ = len(low)
    return time.perf_counter() - start


def rule_rates(n: int) -> dict[str, float]:
    from engine.catalogue import load_catalogue
    from engine.evaluate import PureEvaluator, durable_available
    from engine.loader import from_mapping
    from engine.rulebook import load_rules
    from engine.scoring import score

    ruleset = load_rules(recommendation_ids=load_catalogue().ids)
    rng = random.Random(3)
    from engine.framework import load_framework

    fw = load_framework(2568)
    cards = [score(from_mapping({"fiscal_year": 2568, "questions": {c: (rng.choice([0, 100]) if c[0] == "o"
                                                                          else round(rng.uniform(60, 100), 2))
                                                                      for c in fw.questions}}, "bench"))
             for _ in range(n)]
    evaluators = [PureEvaluator(ruleset)]
    if durable_available():
        from engine.durable_engine import DurableEvaluator

        evaluators.append(DurableEvaluator(ruleset))
    rates = {}
    for ev in evaluators:
        ev.evaluate(cards[0])
        start = time.perf_counter()
        for card in cards:
            ev.evaluate(card)
        rates[ev.name] = n / (time.perf_counter() - start)
    return rates


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    n_main, n_big, n_small, n_docx = (800, 1000, 100, 100) if args.quick else (8300, 10000, 1000, 500)
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; --jobs {args.jobs}")
    example = str(ROOT / "examples" / "example.yaml")
    bare = median_time([sys.executable, "-c", "pass"], 7)
    single = median_time([sys.executable, "-c", "from cli import main; main()", "-q", "draft", example,
                          "--format", "json"], 7)
    print(f"single agency: draft --format json median {single * 1000:.0f} ms; python -c pass {bare * 1000:.0f} ms; "
          f"ratio {single / bare:.1f} (target 10)")
    score_t = median_time([sys.executable, "-c", "from cli import main; main()", "-q", "score", example], 7)
    print(f"score median {score_t * 1000:.0f} ms; ratio {score_t / bare:.1f} (target 5)")
    review_t = median_time([sys.executable, "-c", "from cli import main; main()", "review", example, "--plain"], 5)
    print(f"review --plain median {review_t * 1000:.0f} ms (target 500 ms)")
    rates = rule_rates(500 if args.quick else 2000)
    print("rule evaluation alone: " + ", ".join(f"{k} {v:.0f} agencies/s" for k, v in rates.items()))
    with tempfile.TemporaryDirectory() as tmp:
        national = Path(tmp) / f"national-long-{n_main}.csv"
        long_table(national, n_main)
        lfloor = long_floor(national)
        elapsed, rss = batch_run(national, "json", args.jobs, "auto")
        print(f"batch {n_main} agencies, long CSV FY2566 (two EIT parts) to JSON (--engine auto, --jobs {args.jobs}): "
              f"{elapsed:.1f} s (target 10 s), {n_main / elapsed:.0f} agencies/s; plain scan {lfloor:.2f} s, ratio "
              f"{elapsed / lfloor:.1f} (target 5); peak memory (PSS) {rss / 1024:.0f} MB")
        tables = {}
        for n in sorted({n_main, n_big, n_small, n_docx}):
            tables[n] = Path(tmp) / f"agencies-{n}.csv"
            synthetic_table(tables[n], n)
        floor = floor_loop(tables[n_main])
        print(f"floor (plain Python, same thresholds, {n_main} agencies): {floor:.2f} s, {n_main / floor:.0f} agencies/s")
        for engine in ("auto", "pure"):
            elapsed, rss = batch_run(tables[n_main], "json", args.jobs, engine)
            print(f"batch {n_main} agencies to JSON (--engine {engine}): {elapsed:.1f} s, {n_main / elapsed:.0f} "
                  f"agencies/s; {elapsed / floor:.0f}× the floor; peak memory (PSS) {rss / 1024:.0f} MB")
        elapsed, rss = batch_run(tables[n_docx], "docx", args.jobs)
        print(f"batch {n_docx} agencies to DOCX: {elapsed:.1f} s, {n_docx / elapsed:.1f} agencies/s "
              f"(projected {n_main} in {n_main / (n_docx / elapsed):.0f} s); peak memory (PSS) {rss / 1024:.0f} MB")
        for n in (n_small, n_big):
            elapsed, rss = batch_run(tables[n], "json", args.jobs)
            print(f"peak memory (PSS), batch of {n} agencies to JSON: {rss / 1024:.0f} MB ({elapsed:.1f} s)")


if __name__ == "__main__":
    main()
