"""The least time any implementation needs to hand out plans of the shape a batch writes, against issue 17's target.

    python bench/floor.py                  # 300 agencies of the long FY2566 table, best of 3
    python bench/floor.py --agencies 500 --reps 5

A batch writes one plan per agency. Whatever computes it, the plan's objects have to be made, turned into JSON and
written. This script drafts the first agencies of bench/run.py's long table (two EIT parts, 103 rows each) as the
batch does, then times, per plan and on one core:

- making the plan's tree of dicts, lists and texts from its JSON in C (``orjson.loads``): a bound below any
  Python code that makes the same objects;
- turning it into JSON (``orjson.dumps``, what the batch uses);
- writing it as the batch does (``write_atomic``: temporary file, fsync, rename), in CPU time and in wall time;
- the whole of the batch's work for it (reading the rows to the written file), in CPU time.

It then prints what 8,300 agencies on two cores would take at each of these rates, next to the 10 s target:
the floor (the first three together) shows how much of the target a plan of this size leaves for scoring, the
rules and the texts. Nothing is written in the project; the files go to a temporary folder.
"""

from __future__ import annotations

import gc
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

NATIONAL = 8300
CORES = 2
TARGET_S = 10.0


def _best(reps: int, work) -> tuple[float, float]:
    """The best wall and CPU seconds of ``reps`` rounds of ``work()``."""
    wall = cpu = float("inf")
    for _ in range(reps):
        gc.collect()
        start, start_cpu = time.perf_counter(), time.process_time()
        work()
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    return wall, cpu


def main() -> None:
    import orjson
    from itaplan.app.batch import draft_chunk
    from itaplan.base.output import write_atomic
    from run import agencies_and_reps, long_jobs

    args = agencies_and_reps(__doc__.splitlines()[0], 300)
    setup, jobs = long_jobs(args.agencies)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "plans"
        tasks = [(job, f"a{i:05d}") for i, job in enumerate(jobs)]

        def whole() -> None:  # the batch's own work, 16 agencies a call as its workers do
            for first in range(0, len(tasks), 16):
                draft_chunk(tasks[first:first + 16], str(out), ["json"], {}, setup)

        gc.freeze()
        whole_wall, whole_cpu = _best(args.reps, whole)
        texts = [path.read_bytes() for path in sorted(out.glob("*.json"))]
        trees: list = []
        gc.disable()  # making many trees at once: no collector rounds over them (the batch makes one at a time)
        _, make_cpu = _best(args.reps, lambda: trees.__setitem__(slice(None), [orjson.loads(t) for t in texts]))
        _, dump_cpu = _best(args.reps, lambda: [orjson.dumps(tree) for tree in trees])
        gc.enable()
        target = Path(tmp) / "written"
        target.mkdir()
        write_wall, write_cpu = _best(args.reps, lambda: [write_atomic(target / f"{i}.json", text, force=True)
                                                          for i, text in enumerate(texts)])

    n = len(texts)
    size = sum(map(len, texts)) / n
    per = {"make the plan's objects (orjson.loads, C)": make_cpu, "JSON (orjson.dumps)": dump_cpu,
           "write (write_atomic, CPU)": write_cpu}
    floor = sum(per.values())
    print(f"{n} plans of the long FY2566 table, {size / 1024:.0f} KB each on average, best of {args.reps}.")
    print("ms of one core per plan, and what 8,300 agencies take on two cores at that rate:")
    for key, value in [*per.items(), ("floor: the three together", floor), ("write, wall (fsync waits)", write_wall),
                       ("the batch's whole work (CPU)", whole_cpu), ("the batch's whole work (wall)", whole_wall)]:
        ms = value / n * 1000
        print(f"  {key:44s} {ms:6.2f} ms   {ms * NATIONAL / CORES / 1000:6.1f} s")
    budget = TARGET_S * CORES / NATIONAL * 1000
    left = budget - floor / n * 1000
    print(f"The target ({TARGET_S:g} s for {NATIONAL:,} on {CORES} cores) allows {budget:.2f} ms of one core per agency; "
          f"the floor leaves {left:.2f} ms for reading, scoring, the rules and the texts "
          f"(they take {whole_cpu / n * 1000 - floor / n * 1000:.2f} ms now).")


if __name__ == "__main__":
    main()
