"""The benchmark scripts that docs/performance.md quotes still run and print each of their figures (a few
agencies, one round: their numbers are not checked here, only that every line is there with a number)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(script: str, *args: str) -> str:
    done = subprocess.run([sys.executable, str(ROOT / "bench" / script), *args], capture_output=True, text=True,
                          timeout=300, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _figure(text: str, label: str) -> list[float]:
    line = next((line for line in text.splitlines() if line.strip().startswith(label)), None)
    assert line is not None, f"no line {label!r} in:\n{text}"
    return [float(x) for x in re.findall(r"\d+\.\d+", line[line.index(label) + len(label):])]


def test_floor_prints_each_cost_and_what_the_target_leaves() -> None:
    out = _run("floor.py", "--agencies", "12", "--reps", "1")
    assert out.startswith("12 plans of the long FY2566 table")
    parts = [_figure(out, key) for key in ("make the plan's objects", "JSON (orjson.dumps)", "write (write_atomic, CPU)")]
    floor = _figure(out, "floor: the three together")
    whole = _figure(out, "the batch's whole work (CPU)")
    assert all(len(p) == 2 and p[0] > 0 for p in parts)
    assert abs(floor[0] - sum(p[0] for p in parts)) <= 0.02  # the sum of the three, as printed (two decimals)
    assert whole[0] > floor[0]  # the whole batch's work includes making, encoding and writing the plan
    assert re.search(r"allows 2\.41 ms of one core per agency; the floor leaves -?\d+\.\d\d ms", out)


def test_stages_prints_every_stage() -> None:
    out = _run("stages.py", "--agencies", "8", "--reps", "1")
    stages = ["rows and results", "scoring", "facts and rules", "drafting", "of which the what-if section", "JSON", "all"]
    values = {key: _figure(out, key)[-1] for key in stages}
    assert values["of which the what-if section"] <= values["drafting"]
    assert values["all"] >= values["drafting"]
