"""Many agencies in one run: split the input into agencies, draft each, write one plan per agency.

Inputs: one CSV/XLSX with an ``agency`` column (long: code/score rows per agency; wide: one agency per
row and a column per code), or a folder of results files. A bad agency is reported and skipped.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError, ItaplanError, Problem
from .framework import normalize_code
from .loader import csv_rows, from_rows, load_results, xlsx_rows
from .pipeline import SUFFIX, Setup, render
from .results import Results
from .yamlio import read_text

RESULT_SUFFIXES = (".yaml", ".yml", ".json", ".csv", ".xlsx", ".txt")
WIDE_META = {"agency", "fiscal_year", "framework", "agency_type", "district", "province", "total"}


@dataclass
class Job:
    """One agency to draft: its name, where it came from, and how to get its results."""

    name: str
    source: str
    rows: list[tuple[int, dict[str, Any]]] | None = None
    path: str | None = None


@dataclass
class Outcome:
    name: str
    ok: bool
    files: list[str] = field(default_factory=list)
    error: str = ""
    skipped: bool = False
    level: str | None = None
    label: str | None = None
    passed: bool | None = None
    weak_codes: list[str] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)


def safe_name(name: str, used: set[str]) -> str:
    """A file name from an agency name: Thai kept, no path separators or dot-names, unique in the run."""
    text = unicodedata.normalize("NFC", name).strip()
    text = re.sub(r"[\\/:*?\"<>|\x00-\x1f]+", "_", text).replace("..", "_")
    text = re.sub(r"\s+", " ", text).strip(" .") or "agency"
    text = text[:120]
    candidate, n = text, 2
    while candidate.lower() in used:
        candidate = f"{text} ({n})"
        n += 1
    used.add(candidate.lower())
    return candidate


def _table_jobs(path: Path) -> list[Job]:
    if path.suffix.lower() == ".xlsx":
        names, rows = xlsx_rows(path, need_code=False)
    else:
        names, rows = csv_rows(read_text(path), str(path), need_code=False)
    if "agency" not in names:
        raise InputError(Problem(str(path), "a batch table needs an 'agency' column (one agency per group of rows, "
                                            "or one agency per row with a column per code)", 1, what="row"))
    codes = [n for n in names if n not in WIDE_META and normalize_code(n)]
    jobs: dict[str, Job] = {}
    if "code" in names:  # long
        meta_columns = [n for n in names if n in WIDE_META and n != "agency"]
        for number, row in rows:
            agency = str(row.get("agency") or "").strip()
            if not agency:
                continue
            if agency not in jobs:
                jobs[agency] = Job(agency, str(path), rows=[(number, {"code": "agency", "score": agency})])
                jobs[agency].rows += [(number, {"code": key, "score": row[key]})  # type: ignore[operator]
                                      for key in meta_columns if row.get(key) not in (None, "")]
            jobs[agency].rows.append((number, {k: v for k, v in row.items()  # type: ignore[union-attr]
                                               if k not in WIDE_META}))
        return list(jobs.values())
    if not codes:
        raise InputError(Problem(str(path), "no 'code' column and no columns named by question codes (i1, e9, o12…)",
                                 1, what="row"))
    out = []
    for number, row in rows:
        agency = str(row.get("agency") or "").strip()
        if not agency:
            continue
        long_rows = [(number, {"code": key, "score": row.get(key)}) for key in WIDE_META if row.get(key) not in
                     (None, "") and key != "agency"]
        long_rows.append((number, {"code": "agency", "score": agency}))
        long_rows += [(number, {"code": code, "score": row[code]}) for code in codes if row.get(code) not in (None, "")]
        out.append(Job(agency, f"{path}", rows=long_rows))
    return out


def collect_jobs(inputs: list[str]) -> list[Job]:
    jobs: list[Job] = []
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            for file in sorted(p for p in path.iterdir() if p.suffix.lower() in RESULT_SUFFIXES and p.is_file()):
                jobs.append(Job(file.stem, str(file), path=str(file)))
        elif path.suffix.lower() in (".csv", ".xlsx"):
            jobs.extend(_table_jobs(path))
        elif path.exists():
            jobs.append(Job(path.stem, str(path), path=str(path)))
        else:
            raise InputError(Problem(str(path), "no such file or folder"))
    return jobs


def _results(job: Job, setup: Setup) -> Results:
    if job.path:
        return load_results(job.path, setup.framework)
    return from_rows(job.rows or [], f"{job.source} [{job.name}]", setup.framework)


_SETUP: Setup | None = None


def _init_worker(setup: Setup) -> None:
    global _SETUP
    _SETUP = setup


def draft_one(job: Job, file_stem: str, out_dir: str, formats: list[str], options: dict[str, Any],
              setup: Setup | None = None) -> Outcome:
    """Draft one agency and write its files; any ItaplanError becomes a failed outcome, not a crash."""
    setup = setup or _SETUP
    assert setup is not None
    from .output import write_atomic
    from .scoring import score

    targets = [Path(out_dir) / f"{file_stem}{SUFFIX[fmt]}" for fmt in formats]
    if options.get("resume") and all(t.exists() for t in targets):
        return Outcome(job.name, True, [str(t) for t in targets], skipped=True)
    try:
        card = score(_results(job, setup))
        if not card.agency.name:
            card.agency.name = job.name
        plan = setup.plan(card, options.get("plan_year"))
        for fmt, target in zip(formats, targets):
            data = render(plan, fmt, catalogue=setup.catalogue, thai_digits=options.get("thai_digits", False),
                          compact=True)
            write_atomic(target, data, force=True)
    except ItaplanError as exc:
        return Outcome(job.name, False, error="; ".join(str(p) for p in exc.problems))
    weak = [q.code for q in card.questions.values() if q.known and q.score < card.target]  # type: ignore[operator]
    return Outcome(job.name, True, [str(t) for t in targets], level=card.level, label=card.label, passed=card.passed,
                   weak_codes=weak, measures=[m["id"] for m in plan["measures"]])


def run_batch(jobs: list[Job], setup: Setup, out_dir: Path, formats: list[str], *, jobs_n: int = 1,
              options: dict[str, Any] | None = None) -> Iterator[Outcome]:
    """Yield each agency's outcome as it is done (in parallel with ``jobs_n`` processes)."""
    options = options or {}
    out_dir.mkdir(parents=True, exist_ok=True)
    used: set[str] = set()
    stems = [safe_name(job.name, used) for job in jobs]
    setup.ruleset, setup.catalogue  # noqa: B018 - load once, before forking
    if jobs_n <= 1 or len(jobs) < 2:
        for job, stem in zip(jobs, stems):
            yield draft_one(job, stem, str(out_dir), formats, options, setup)
        return
    import multiprocessing

    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    setup._evaluator = None  # each process makes its own (durable_rules state is per process)
    with context.Pool(jobs_n, initializer=_init_worker, initargs=(setup,)) as pool:
        args = [(job, stem, str(out_dir), formats, options) for job, stem in zip(jobs, stems)]
        yield from pool.imap_unordered(_star, args, chunksize=16)


def _star(args: tuple) -> Outcome:
    return draft_one(*args)


def summarise(outcomes: list[Outcome], top: int = 10) -> dict[str, Any]:
    done = [o for o in outcomes if o.ok and not o.skipped]
    levels = Counter(o.level for o in done if o.level)
    labels = Counter(o.label for o in done if o.label)
    judged = [o for o in done if o.passed is not None]  # agencies whose total could be computed
    passed = sum(1 for o in judged if o.passed)
    return {
        "agencies": len(outcomes), "drafted": len(done), "skipped": sum(1 for o in outcomes if o.skipped),
        "failed": sum(1 for o in outcomes if not o.ok), "levels": dict(sorted(levels.items())),
        "labels": dict(labels.most_common()), "pass_rate": passed / len(judged) if judged else None,
        "weak_codes": Counter(c for o in done for c in o.weak_codes).most_common(top),
        "measures": Counter(m for o in done for m in o.measures).most_common(top),
    }


def summary_csv(summary: dict[str, Any]) -> str:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["what", "key", "count"])
    for key in ("agencies", "drafted", "skipped", "failed"):
        writer.writerow(["total", key, summary[key]])
    writer.writerow(["total", "pass_rate", "" if summary["pass_rate"] is None else f"{summary['pass_rate']:.4f}"])
    for what in ("levels", "labels"):
        for key, count in summary[what].items():
            writer.writerow([what[:-1], key, count])
    for what in ("weak_codes", "measures"):
        for key, count in summary[what]:
            writer.writerow([what[:-1], key, count])
    return buffer.getvalue()
