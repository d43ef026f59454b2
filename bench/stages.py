"""Where a batch agency's time goes: each stage of the worker's path timed apart, in one process.

    python bench/stages.py                 # 1,000 agencies of the long FY2566 table, best of 3
    python bench/stages.py --agencies 300 --reps 5

The agencies are the first of bench/run.py's long table (two EIT parts, 103 rows each), generated into a
temporary folder. Stages, in milliseconds of one core per agency: making the agency's rows and results,
scoring, facts and rules (durable_rules when it imports), drafting (with the what-if section, also given on
its own), writing the plan's JSON. Files are not written. Each stage is the best of ``--reps`` rounds, so a
busy machine disturbs it less than a whole batch; the instruction counts in docs/performance.md come from
callgrind on the whole command.
"""

from __future__ import annotations

import gc
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def main() -> None:
    import itaplan.drafting.draft as drafting
    from itaplan.app.batch import _results
    from itaplan.drafting.plan import to_json_bytes
    from itaplan.ita.scoring import score
    from run import agencies_and_reps, long_jobs

    args = agencies_and_reps(__doc__.splitlines()[0], 1000)
    setup, jobs = long_jobs(args.agencies)
    gc.freeze()
    whatif = drafting.plan_whatif
    best: dict[str, float] = {}
    for _ in range(args.reps):
        took: dict[str, float] = {}

        def timed(*a, **k):  # the what-if section, inside drafting
            start = time.perf_counter()
            try:
                return whatif(*a, **k)
            finally:
                took["  of which the what-if section"] = took.get("  of which the what-if section", 0.0) + \
                    time.perf_counter() - start

        drafting.plan_whatif = timed
        start = time.perf_counter()
        results = [_results(job, setup) for job in jobs]
        took["rows and results"] = time.perf_counter() - start
        start = time.perf_counter()
        cards = [score(r) for r in results]
        took["scoring"] = time.perf_counter() - start
        for card, job in zip(cards, jobs):
            card.agency.name = card.agency.name or job.name
        start = time.perf_counter()
        found = []
        for first in range(0, len(cards), 16):
            found += setup.evaluator.evaluate_many(cards[first:first + 16])
        took[f"facts and rules ({setup.evaluator.name})"] = time.perf_counter() - start
        took["drafting"] = took["JSON"] = 0.0
        for card, findings in zip(cards, found):
            start = time.perf_counter()
            plan = setup.draft(card, findings, None)
            took["drafting"] += time.perf_counter() - start
            start = time.perf_counter()
            to_json_bytes(plan, consume=True)
            took["JSON"] += time.perf_counter() - start
        took["all"] = sum(v for k, v in took.items() if not k.startswith(" "))
        for key, value in took.items():
            best[key] = min(best.get(key, value), value)
        drafting.plan_whatif = whatif
    print(f"{args.agencies} agencies of the long FY2566 table, best of {args.reps}, ms of one core per agency:")
    order = ["rows and results", "scoring", next(k for k in best if k.startswith("facts")), "drafting",
             "  of which the what-if section", "JSON", "all"]
    for key in order:
        print(f"  {key:32s} {best[key] / len(jobs) * 1000:6.2f}")


if __name__ == "__main__":
    main()
