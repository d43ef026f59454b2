"""Many agencies in one run: split the input into agencies, draft each, write one plan per agency.

Inputs: one CSV/XLSX with an ``agency`` column (long: code/score rows per agency; wide: one agency per
row and a column per code), or a folder of results files. A bad agency is reported and skipped.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError, ItaplanError, Problem
from .framework import normalize_code
from .loader import from_rows, load_results
from .pipeline import SUFFIX, Setup, render
from .results import Results

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


def _table_rows(path: Path) -> tuple[list[str], Iterator[tuple[int, dict[str, Any]]]]:
    """The header and a stream of rows (nothing held in memory but the current row)."""
    import csv

    from .loader import COLUMN_ALIASES

    if path.suffix.lower() == ".xlsx":
        import zipfile

        from openpyxl import load_workbook

        try:
            workbook = load_workbook(path, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
            raise InputError(Problem(str(path), f"is not a readable .xlsx workbook ({exc.__class__.__name__})")) from None
        iterator = workbook.worksheets[0].iter_rows(values_only=True)
    else:
        try:
            handle = path.open(encoding="utf-8-sig", newline="")
        except OSError as exc:
            raise InputError(Problem(str(path), f"cannot be read: {exc.strerror}")) from None
        iterator = iter(csv.reader(handle))
    try:
        header = next(iterator)
    except StopIteration:
        raise InputError(Problem(str(path), "is empty")) from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise InputError(Problem(str(path), f"cannot be read as UTF-8 CSV ({exc.__class__.__name__})")) from None
    names = [COLUMN_ALIASES.get(str(c).strip().lower(), str(c).strip().lower()) if c is not None else ""
             for c in header]

    def rows() -> Iterator[tuple[int, dict[str, Any]]]:
        try:
            for number, cells in enumerate(iterator, start=2):
                yield number, {n: (c.strip() if isinstance(c, str) else c) for n, c in zip(names, cells) if n}
        except (UnicodeDecodeError, csv.Error) as exc:
            raise InputError(Problem(str(path), f"cannot be read as UTF-8 CSV ({exc.__class__.__name__})")) from None

    return names, rows()


def _table_jobs(path: Path) -> Iterator[Job]:
    """Agencies of one table, streamed: long (consecutive rows of one agency) or wide (one row each)."""
    names, rows = _table_rows(path)
    if "agency" not in names:
        raise InputError(Problem(str(path), "a batch table needs an 'agency' column (one agency per group of rows, "
                                            "or one agency per row with a column per code)", 1, what="row"))
    if "code" in names:  # long
        meta_columns = [n for n in names if n in WIDE_META and n != "agency"]
        job: Job | None = None
        for number, row in rows:
            agency = str(row.get("agency") or "").strip()
            if not agency:
                continue
            if job is None or job.name != agency:
                if job is not None:
                    yield job
                job = Job(agency, str(path), rows=[(number, {"code": "agency", "score": agency})])
                job.rows += [(number, {"code": key, "score": row[key]})  # type: ignore[operator]
                             for key in meta_columns if row.get(key) not in (None, "")]
            job.rows.append((number, {k: v for k, v in row.items() if k not in WIDE_META}))  # type: ignore[union-attr]
        if job is not None:
            yield job
        return
    codes = [n for n in names if n not in WIDE_META and normalize_code(n)]
    if not codes:
        raise InputError(Problem(str(path), "no 'code' column and no columns named by question codes (i1, e9, o12…)",
                                 1, what="row"))
    for number, row in rows:
        agency = str(row.get("agency") or "").strip()
        if not agency:
            continue
        long_rows = [(number, {"code": key, "score": row.get(key)}) for key in WIDE_META if row.get(key) not in
                     (None, "") and key != "agency"]
        long_rows.append((number, {"code": "agency", "score": agency}))
        long_rows += [(number, {"code": code, "score": row[code]}) for code in codes if row.get(code) not in (None, "")]
        yield Job(agency, str(path), rows=long_rows)


def collect_jobs(inputs: list[str]) -> Iterator[Job]:
    """Every agency of the inputs, as a stream; a missing input is reported before anything is drafted."""
    for raw in inputs:
        if not Path(raw).exists():
            raise InputError(Problem(raw, "no such file or folder"))
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            for file in sorted(p for p in path.iterdir() if p.suffix.lower() in RESULT_SUFFIXES and p.is_file()):
                yield Job(file.stem, str(file), path=str(file))
        elif path.suffix.lower() in (".csv", ".xlsx"):
            yield from _table_jobs(path)
        else:
            yield Job(path.stem, str(path), path=str(path))


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
    weak = [q.code for q in card.questions.values() if q.known and q.lowest < card.target]  # type: ignore[operator]
    return Outcome(job.name, True, [str(t) for t in targets], level=card.level, label=card.label, passed=card.passed,
                   weak_codes=weak, measures=[m["id"] for m in plan["measures"]])


def run_batch(jobs: Iterable[Job], setup: Setup, out_dir: Path, formats: list[str], *, jobs_n: int = 1,
              options: dict[str, Any] | None = None, chunk: int = 1024) -> Iterator[Outcome]:
    """Yield each agency's outcome as it is done; agencies are read and sent in chunks, so memory stays flat."""
    from itertools import islice

    options = options or {}
    out_dir.mkdir(parents=True, exist_ok=True)
    used: set[str] = set()
    setup.ruleset, setup.catalogue  # noqa: B018 - load once, before forking
    stream = iter(jobs)
    if jobs_n <= 1:
        for job in stream:
            yield draft_one(job, safe_name(job.name, used), str(out_dir), formats, options, setup)
        return
    import multiprocessing

    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    setup._evaluator = None  # each process makes its own (durable_rules state is per process)
    with context.Pool(jobs_n, initializer=_init_worker, initargs=(setup,)) as pool:
        while True:
            batch = list(islice(stream, chunk))
            if not batch:
                break
            args = [(job, safe_name(job.name, used), str(out_dir), formats, options) for job in batch]
            yield from pool.imap_unordered(_star, args, chunksize=32)


def _star(args: tuple) -> Outcome:
    return draft_one(*args)


class Summary:
    """Counts across agencies, kept as counters so memory does not grow with the number of agencies."""

    def __init__(self) -> None:
        self.agencies = self.drafted = self.skipped = self.failed = self.judged = self.passed = 0
        self.levels: Counter[str] = Counter()
        self.labels: Counter[str] = Counter()
        self.weak_codes: Counter[str] = Counter()
        self.measures: Counter[str] = Counter()

    def add(self, o: Outcome) -> None:
        self.agencies += 1
        if not o.ok:
            self.failed += 1
            return
        if o.skipped:
            self.skipped += 1
            return
        self.drafted += 1
        if o.level:
            self.levels[o.level] += 1
        if o.label:
            self.labels[o.label] += 1
        if o.passed is not None:  # agencies whose total could be computed
            self.judged += 1
            self.passed += bool(o.passed)
        self.weak_codes.update(o.weak_codes)
        self.measures.update(o.measures)

    def as_dict(self, top: int = 10) -> dict[str, Any]:
        return {"agencies": self.agencies, "drafted": self.drafted, "skipped": self.skipped, "failed": self.failed,
                "levels": dict(sorted(self.levels.items())), "labels": dict(self.labels.most_common()),
                "pass_rate": self.passed / self.judged if self.judged else None,
                "weak_codes": self.weak_codes.most_common(top), "measures": self.measures.most_common(top)}


def summarise(outcomes: Iterable[Outcome], top: int = 10) -> dict[str, Any]:
    summary = Summary()
    for outcome in outcomes:
        summary.add(outcome)
    return summary.as_dict(top)


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
