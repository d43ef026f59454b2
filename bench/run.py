"""Benchmarks for itaplan: prints every figure of issue 17's targets, each with its ratio (docs/performance.md).

    python bench/run.py            # everything (8,300 and 10,000 agencies; several minutes)
    python bench/run.py --quick    # smaller sizes, for a smoke run
    python bench/run.py --only commands|batch|memory

Whole commands are timed from outside, in pairs with their yardstick run in turn (A B A B ...), so that a
machine that changes speed during the run (other work on it) moves both; each figure is given as the
minimum and the median of the pairs. Commands run as an installed package does: with its bytecode cached
(in a temporary folder, nothing is written into the project) and with the parse cache warm (a temporary
ITAPLAN_CACHE, filled by a first run that is not counted). Generated tables go to a temporary folder.
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
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CLI = [sys.executable, "-c", "from itaplan.cli import main; main()"]
EXAMPLE = str(ROOT / "examples" / "example.yaml")


def synthetic_table(path: Path, n: int, seed: int = 7) -> None:
    """A wide CSV of n FY2568 agencies: one row each, a column per code (EIT parts as e1 only)."""
    from itaplan.ita.framework import load_framework

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
    """The shape a national export has: one row per agency, code and EIT part (FY2566: two EIT parts), 103
    rows per agency, so 8,300 agencies are 854,900 rows."""
    from itaplan.ita.framework import load_framework

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


def long_jobs(n: int):
    """A loaded Session (rules, catalogue and evaluator read before any clock starts) and the first ``n`` agencies
    of the long table as a batch reads them (their lines held in memory): what bench/stages.py and
    bench/floor.py time an agency's work on."""
    from itaplan.app.batch import collect_jobs
    from itaplan.app.session import Session

    setup = Session(engine="auto", use_workspace=False)
    setup.ruleset, setup.catalogue, setup.evaluator  # noqa: B018 - loaded before the clock starts
    with tempfile.TemporaryDirectory() as tmp:
        table = Path(tmp) / "long.csv"
        long_table(table, n)
        return setup, list(collect_jobs([str(table)]))


def agencies_and_reps(description: str, agencies: int) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--agencies", type=int, default=agencies)
    parser.add_argument("--reps", type=int, default=3)
    return parser.parse_args()


def long_floor(table: Path) -> float:
    """The yardstick: plain Python reading the long table and applying the threshold (85) to every row."""
    start = time.perf_counter()
    with table.open(encoding="utf-8") as handle:
        reader = csv.reader(handle)
        next(reader)
        low = sum(1 for row in reader if float(row[4]) < 85)
    _ = low
    return time.perf_counter() - start


def wide_floor(table: Path) -> float:
    """The same yardstick for the wide table: every score of every row against the threshold."""
    start = time.perf_counter()
    with table.open(encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        for row in reader:
            low = [header[i] for i in range(2, len(row)) if float(row[i]) < 85]
            _ = len(low)
    return time.perf_counter() - start


def command_env(cache: Path) -> dict[str, str]:
    """As an installed package runs: bytecode cached (outside the project), the parse cache in ``cache``."""
    env = dict(os.environ, ITAPLAN_CACHE=str(cache / "parsed"), PYTHONPYCACHEPREFIX=str(cache / "bytecode"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_once(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=env)
    return time.perf_counter() - start


def paired(a: list[str], b: list[str] | None, runs: int, env: dict[str, str]) -> dict[str, float]:
    """A (and B) run in turn after one uncounted run each; the wall times of A, and the ratios A/B pair by pair."""
    run_once(a, env)
    if b:
        run_once(b, env)
    times, ratios = [], []
    for _ in range(runs):
        t_a = run_once(a, env)
        times.append(t_a)
        if b:
            ratios.append(t_a / run_once(b, env))
    out = {"min": min(times), "median": statistics.median(times)}
    if ratios:
        out |= {"ratio_min": min(ratios), "ratio_median": statistics.median(ratios)}
    return out


def _tree_pss_kib(root: int) -> int:
    """Memory of a process and all its descendants, from /proc: proportional set size (PSS), so that pages
    the forked workers share with their parent are counted once, not once per process."""
    parents: dict[int, int] = {}
    pss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            rollup = Path(f"/proc/{entry}/smaps_rollup").read_text()
        except OSError:
            continue
        parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
        line = next((x for x in rollup.splitlines() if x.startswith("Pss:")), None)
        pss[int(entry)] = int(line.split()[1]) if line else 0
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in tree:
                tree.add(pid)
                frontier.append(pid)
    return sum(pss.get(pid, 0) for pid in tree)


def batch_run(table: Path, fmt: str, jobs: int, env: dict[str, str], engine: str = "auto") -> dict[str, float]:
    """Wall time, peak PSS of the process tree (sampled every 250 ms) and the peak RSS of its largest process
    (the kernel's own count, from wait4) of one ``itaplan batch`` run."""
    with tempfile.TemporaryDirectory() as out:
        cmd = [*CLI, "-q", "batch", str(table), "-o", out, "--format", fmt, "--jobs", str(jobs), "--engine", engine]
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env)
        peak = [0]
        done = threading.Event()

        def watch() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], _tree_pss_kib(proc.pid))
                done.wait(0.25)

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        done.set()
        watcher.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            raise SystemExit(f"batch failed ({proc.returncode}): {' '.join(cmd)}")
        return {"seconds": elapsed, "pss_mb": peak[0] / 1024, "rss_mb": usage.ru_maxrss / 1024}


def rule_rates(n: int) -> dict[str, float]:
    """Agencies per second through the rules alone (no reading, drafting or writing), one core."""
    from itaplan.content.catalogue import load_catalogue
    from itaplan.ita.framework import load_framework
    from itaplan.ita.loader import from_mapping
    from itaplan.ita.scoring import score
    from itaplan.ruling.evaluate import PureEvaluator, durable_available
    from itaplan.ruling.rulebook import load_rules

    ruleset = load_rules(recommendation_ids=load_catalogue().ids)
    rng = random.Random(3)
    fw = load_framework(2568)
    cards = [score(from_mapping({"fiscal_year": 2568, "questions": {c: (rng.choice([0, 100]) if c[0] == "o"
                                                                          else round(rng.uniform(60, 100), 2))
                                                                      for c in fw.questions}}, "bench"))
             for _ in range(n)]
    evaluators: list = [PureEvaluator(ruleset)]
    if durable_available():
        from itaplan.ruling.durable_engine import DurableEvaluator

        evaluators.append(DurableEvaluator(ruleset))
    rates = {}
    for ev in evaluators:
        ev.evaluate_many(cards[:16])
        start = time.perf_counter()
        for first in range(0, n, 16):
            ev.evaluate_many(cards[first:first + 16])
        rates[ev.name] = n / (time.perf_counter() - start)
    return rates


def commands(env: dict[str, str], runs: int) -> None:
    bare = [sys.executable, "-c", "pass"]
    draft = paired([*CLI, "-q", "draft", EXAMPLE, "--format", "json"], bare, runs, env)
    print(f"draft EXAMPLE --format json: {draft['median'] * 1000:.0f} ms median ({draft['min'] * 1000:.0f} min); "
          f"× python -c pass: median {draft['ratio_median']:.1f}, min {draft['ratio_min']:.1f} (target ≤ 10)")
    score = paired([*CLI, "-q", "score", EXAMPLE], bare, runs, env)
    print(f"score EXAMPLE: {score['median'] * 1000:.0f} ms median ({score['min'] * 1000:.0f} min); "
          f"× python -c pass: median {score['ratio_median']:.1f}, min {score['ratio_min']:.1f} (target ≤ 5)")
    review = paired([*CLI, "review", EXAMPLE, "--plain"], None, max(3, runs // 2), env)
    print(f"review EXAMPLE --plain: {review['median'] * 1000:.0f} ms median ({review['min'] * 1000:.0f} min) "
          "(target ≤ 500 ms)")


def batches(env: dict[str, str], jobs: int, quick: bool, tmp: Path) -> None:
    n_main, n_docx = (800, 100) if quick else (8300, 500)
    rates = rule_rates(500 if quick else 2000)
    print("rules alone, one core: " + ", ".join(f"{k} {v:.0f} agencies/s" for k, v in rates.items()))
    national = tmp / f"national-long-{n_main}.csv"
    long_table(national, n_main)
    floor = min(long_floor(national) for _ in range(3))
    result = batch_run(national, "json", jobs, env, "auto")
    floor_after = min(long_floor(national) for _ in range(3))
    floor = min(floor, floor_after)
    print(f"batch, long CSV FY2566 (two EIT parts), {n_main} agencies ({n_main * 103:,} rows) to JSON, durable_rules, "
          f"--jobs {jobs}: {result['seconds']:.1f} s (target ≤ 10 s), {n_main / result['seconds']:.0f} agencies/s; "
          f"plain scan of the same file {floor:.2f} s, ratio {result['seconds'] / floor:.1f} (target ≤ 5); "
          f"peak memory {result['pss_mb']:.0f} MB (PSS, process tree)")
    wide = tmp / f"wide-{n_main}.csv"
    synthetic_table(wide, n_main)
    wfloor = min(wide_floor(wide) for _ in range(3))
    for engine in ("auto", "pure"):
        result = batch_run(wide, "json", jobs, env, engine)
        print(f"batch, wide CSV FY2568, {n_main} agencies to JSON, --engine {engine}: {result['seconds']:.1f} s, "
              f"{n_main / result['seconds']:.0f} agencies/s; plain scan {wfloor:.2f} s, ratio "
              f"{result['seconds'] / wfloor:.0f}; peak memory {result['pss_mb']:.0f} MB")
    small = tmp / f"wide-{n_docx}.csv"
    synthetic_table(small, n_docx)
    result = batch_run(small, "docx", jobs, env)
    print(f"batch, wide CSV FY2568, {n_docx} agencies to DOCX: {result['seconds']:.1f} s, "
          f"{n_docx / result['seconds']:.1f} agencies/s (so {n_main} in about {n_main * result['seconds'] / n_docx:.0f} s); "
          f"peak memory {result['pss_mb']:.0f} MB")


def memory(env: dict[str, str], jobs: int, quick: bool, tmp: Path) -> None:
    sizes = (100, 1000) if quick else (1000, 10000)
    for n in sizes:
        table = tmp / f"memory-long-{n}.csv"
        long_table(table, n)
        result = batch_run(table, "json", jobs, env)
        print(f"peak memory, long CSV FY2566, {n} agencies to JSON, --jobs {jobs}: {result['pss_mb']:.0f} MB PSS of the "
              f"process tree, {result['rss_mb']:.0f} MB RSS of the largest process ({result['seconds']:.1f} s) "
              "(target ≤ 300 MB, flat)")
        table.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, fewer runs")
    parser.add_argument("--jobs", type=int, default=2, help="batch processes (the targets are for 2)")
    parser.add_argument("--runs", type=int, default=None, help="paired runs per command (default 11, quick 5)")
    parser.add_argument("--only", choices=["commands", "batch", "memory"], help="one group of figures")
    args = parser.parse_args()
    runs = args.runs or (5 if args.quick else 11)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, load {load:.1f}; --jobs {args.jobs}"
          f"{' (quick)' if args.quick else ''}")
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        env = command_env(tmp)
        if args.only in (None, "commands"):
            commands(env, runs)
        if args.only in (None, "batch"):
            batches(env, args.jobs, args.quick, tmp)
        if args.only in (None, "memory"):
            memory(env, args.jobs, args.quick, tmp)


if __name__ == "__main__":
    main()
