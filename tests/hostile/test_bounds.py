"""Bounded time and memory: the bombs of the attack end in an error quickly, in a process whose memory is
capped (a hang or a blow-up fails the test instead of the machine)."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

HERE = Path(__file__).resolve().parent
LIMIT_BYTES = 1536 * 1024 * 1024  # address space; an alias bomb or zip bomb unbounded went past 1.2 GB of memory

SCRIPT = r"""
import json, resource, sys, time
sys.path[:0] = [sys.argv[1], sys.argv[1] + "/tests", sys.argv[2]]
from click.testing import CliRunner
from itaplan.cli import main
import test_table as t
from pathlib import Path
folder = Path(sys.argv[3])
report = {}
for name, maker, suffix in [("alias", t.alias_bomb, ".yaml"), ("nesting", t.deep_nesting, ".yaml"),
                            ("xlsx", t.xlsx_bomb, ".xlsx"), ("spaces", t.spaces_after_year, ".txt"),
                            ("digits", t.long_int_csv, ".csv")]:
    path = folder / (name + suffix)
    data = maker()
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    del data
    start = time.perf_counter()
    result = CliRunner().invoke(main, ["score", str(path)])
    report[name] = [result.exit_code, round(time.perf_counter() - start, 2)]
    path.unlink()
report["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(json.dumps(report))
"""


@pytest.mark.skipif(sys.platform != "linux", reason="address-space limit and ru_maxrss in KB are Linux's")
def test_bombs_end_quickly_in_bounded_memory(tmp_path: Path) -> None:
    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (LIMIT_BYTES, LIMIT_BYTES))

    run = subprocess.run([sys.executable, "-c", SCRIPT, str(ROOT), str(HERE), str(tmp_path)], capture_output=True,
                         text=True, timeout=120, preexec_fn=cap, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert run.returncode == 0, run.stderr[-3000:]
    report = json.loads(run.stdout.strip().splitlines()[-1])
    for name in ("alias", "nesting", "xlsx", "spaces", "digits"):
        status, seconds = report[name]
        assert status == 2, (name, report)
        assert seconds < 2, (name, report)
    # the 120 MB of padding the xlsx bomb is built from is the largest thing the process ever holds
    assert report["maxrss_mb"] < 700, report
