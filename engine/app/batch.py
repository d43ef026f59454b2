"""Many agencies in one run: split the input into agencies, draft each, write one plan per agency.

Inputs: one CSV/XLSX with an ``agency`` column (long: code/score rows per agency; wide: one agency per
row and a column per code), or a folder of results files. A bad agency is reported and skipped.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from itaplan.app.session import Session
from itaplan.app.tables import Job, _table_jobs, long_rows
from itaplan.base.errors import InputError, ItaplanError, Problem, clean_text
from itaplan.base.output import new_file_mode, os_problem, write_atomic
from itaplan.drafting.model import Plan
from itaplan.ita.loader import RESULT_SUFFIXES, from_rows, input_format, load_results
from itaplan.ita.results import Results
from itaplan.ita.scoring import score
from itaplan.render import BINARY_FORMATS, SUFFIX
from itaplan.render.dispatch import render
from itaplan.render.sanitize import csv_cell


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
    total: float | None = None
    source: str = ""
    row: int | None = None
    plan_year: int | None = None
    fiscal_year: int | None = None  # the results' year, for the officer to be told when they are old


# Names the batch writes itself (and names some systems reserve): an agency is never allowed to take them.
SUMMARY_FILES = ("summary.csv", "agencies.csv")
RESERVED_STEMS = {"summary", "agencies", "con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                  *(f"lpt{i}" for i in range(1, 10))}
# bytes of a name before its suffix: with the temporary-file prefix and a suffix it stays far below the
# 255-byte limit of common file systems (a Thai character takes 3 bytes: 79 of them already exceed 237)
MAX_NAME_BYTES = 150


def _cut_bytes(text: str, limit: int) -> str:
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    return data[:limit].decode("utf-8", errors="ignore").rstrip(" .")


def safe_name(name: str, used: set[str]) -> str:
    """A file name from an agency name: Thai kept, no path separators, control characters or dot-names,
    short enough in bytes, not a name the batch or the system reserves, and unique in the run."""
    text = unicodedata.normalize("NFC", name).strip()
    text = "".join("_" if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn") else ch
                   for ch in text)
    text = re.sub(r"[\\/:*?\"<>|]+", "_", text).replace("..", "_")
    text = re.sub(r"\s+", " ", text).strip(" .") or "agency"
    text = _cut_bytes(text, MAX_NAME_BYTES) or "agency"
    if text.lower() in RESERVED_STEMS or text.lower().split(".")[0] in RESERVED_STEMS:
        text = f"{text}_"
    candidate, n = text, 2
    while candidate.lower() in used:
        candidate = f"{_cut_bytes(text, MAX_NAME_BYTES - 10)} ({n})"
        n += 1
    used.add(candidate.lower())
    return candidate


def check_inputs(inputs: list[str]) -> None:
    """A missing input is an error before anything is read, drafted or written."""
    for raw in inputs:
        if not Path(raw).exists():
            raise InputError(Problem(raw, "no such file or folder"))


def earlier_outputs(out_dir: Path, formats: list[str]) -> list[Path]:
    """The files in ``out_dir`` that a batch with these formats would write over: plans of those formats and the
    batch's own agencies.csv and summary.csv (a folder that does not exist holds none)."""
    if not out_dir.is_dir():
        return []
    suffixes = {SUFFIX[fmt] for fmt in formats}
    return sorted(p for p in out_dir.iterdir()
                  if not p.name.startswith(".") and (p.name in ("agencies.csv", "summary.csv") or p.suffix.lower() in suffixes))


def collect_jobs(inputs: list[str], on_skip: Callable[[Problem], None] | None = None) -> Iterator[Job]:
    """Every agency of the inputs, as a stream; a missing input is reported before anything is drafted. In a
    folder, every file whose name says a kind of results itaplan reads is an agency (as ``score`` reads it); each
    other file is named to ``on_skip`` with the reason, never passed over in silence."""
    check_inputs(inputs)
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            for file in sorted(p for p in path.iterdir() if not p.is_dir() and not p.name.startswith(".")):
                if input_format(file) is None:
                    if on_skip is not None:
                        on_skip(Problem(str(file), f"skipped: not a results file (itaplan reads "
                                                   f"{', '.join(RESULT_SUFFIXES)})"))
                    continue
                if not file.is_file():  # a pipe or device named like a results file: reported, never read
                    yield Job(file.stem, str(file), problems=[str(Problem(str(file), "is not a regular file"))])
                    continue
                yield Job(file.stem, str(file), path=str(file))
        elif (kind := input_format(path)) is not None and kind.table:
            yield from _table_jobs(path)
        else:
            yield Job(path.stem, str(path), path=str(path))


def _results(job: Job, setup: Session) -> Results:
    if job.path:
        return load_results(job.path, setup.framework)
    rows = long_rows(job) if job.lines is not None else job.rows or []
    return from_rows(rows, f"{job.source} [{job.name}]", setup.framework, syntax="batch")


CGROUP_CPU_MAX = Path("/sys/fs/cgroup/cpu.max")  # cgroup v2: "<quota> <period>" or "max <period>"


def usable_cores(cpu_max: Path = CGROUP_CPU_MAX) -> int:
    """How many processes a batch uses by default: the processors this process may run on (a container's or
    ``taskset``'s CPU set, not every processor of the host), fewer when the container's CPU quota allows less
    (``docker run --cpus 2`` on a 32-core host: 2, not 32 workers of 50 MB each fighting over two processors'
    worth of time). At least 1."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        cores = os.cpu_count() or 1
    try:
        quota, period = (int(x) for x in cpu_max.read_text(encoding="ascii").split())
        if quota > 0 and period > 0:
            cores = min(cores, -(-quota // period))  # rounded up: a quota of 1.5 processors uses 2
    except (OSError, ValueError, UnicodeError):  # no cgroup v2 file, or "max": no quota
        pass
    return max(1, cores)


_SETUP: Session | None = None


def _init_worker(setup: Session) -> None:
    global _SETUP
    _SETUP = setup
    _quiet_collector()


BATCH_GC = (10000, 20, 100)  # the collector's thresholds while drafting a batch (Python's own: 700, 10, 10)


def _quiet_collector() -> None:
    """The rules, catalogue and frameworks live as long as the batch: kept out of the garbage collector's
    rounds (gc.freeze), which also spares the pages a worker shares with its parent. Young objects are collected
    every 10,000 allocations instead of 700: a plan makes tens of thousands of objects, nearly all freed by their
    counts, so the collector's rounds found almost nothing and took a tenth of the batch's time (figures in
    docs/performance.md). Word, Excel and PDF files do leave cyclic garbage: ``_render_all`` collects after each of
    them, so a DOCX batch's memory stays as it was."""
    import gc

    global _REFROZEN
    _REFROZEN = False
    gc.freeze()
    gc.set_threshold(*BATCH_GC)


_REFROZEN = False  # the libraries a first Word, Excel or PDF file imported are frozen too (``_render_all``)


def _failure(job: Job, exc: BaseException) -> Outcome:
    """An agency's failure as its outcome: a known error with its located problems, anything else as an
    internal error at the agency's source and row (one agency never stops the batch)."""
    failed = Outcome(job.name, False, source=job.source, row=job.row)
    if isinstance(exc, ItaplanError):
        failed.error = "; ".join(str(p) for p in exc.problems)
    else:
        where = f"{job.source}: row {job.row}" if job.row else job.source
        failed.error = str(Problem(where, f"internal error ({exc.__class__.__name__}: {exc}); please report it"))
    return failed


def draft_one(job: Job, file_stem: str, out_dir: str, formats: list[str], options: dict[str, Any],
              setup: Session | None = None) -> Outcome:
    """Draft one agency and write its files (``draft_chunk`` of one)."""
    return draft_chunk([(job, file_stem)], out_dir, formats, options, setup)[0]


def draft_chunk(tasks: list[tuple[Job, str]], out_dir: str, formats: list[str], options: dict[str, Any],
                setup: Session | None = None) -> list[Outcome]:
    """Draft a chunk of agencies and write their files: each is read and scored, the rules run on all of them
    in one call, then each is drafted, rendered and written. Any failure, of whatever type, becomes that
    agency's failed outcome with its source and row. Every format of an agency is rendered before any is
    written, so a failure leaves nothing half-written for it. Files are written by a second thread (most
    of writing is waiting for the disk) while the next agency is drafted; an outcome is returned only
    once its files are written."""
    from concurrent.futures import ThreadPoolExecutor


    setup = setup or _SETUP
    assert setup is not None
    outcomes: list[Outcome | None] = [None] * len(tasks)
    scored = []
    for i, (job, _) in enumerate(tasks):
        if job.problems:
            outcomes[i] = Outcome(job.name, False, error="; ".join(job.problems), source=job.source, row=job.row)
            continue
        try:
            card = score(_results(job, setup))
        except Exception as exc:  # noqa: BLE001 - reported for this agency only
            outcomes[i] = _failure(job, exc)
            continue
        if not card.agency.name:
            card.agency.name = job.name
        scored.append((i, card))
    try:
        found: list[Any] = setup.evaluator.evaluate_many([card for _, card in scored])
    except Exception:  # noqa: BLE001 - one agency's facts upset the rules engine: each alone, to find which
        found = []
        for i, card in scored:
            try:
                found.append(setup.evaluator.evaluate(card))
            except Exception as exc:  # noqa: BLE001
                found.append(exc)
    writes = []
    with ThreadPoolExecutor(1) as writer:
        for (i, card), findings in zip(scored, found):
            job, stem = tasks[i]
            if isinstance(findings, BaseException):
                outcomes[i] = _failure(job, findings)
                continue
            targets = [Path(out_dir) / f"{stem}{SUFFIX[fmt]}" for fmt in formats]
            # --resume never writes over a file that is there (an officer may have edited it): only the missing
            # formats are written, and an agency with all of them is skipped
            missing = [k for k, target in enumerate(targets) if not (options.get("resume") and target.exists())]
            skip = not missing
            try:
                plan = setup.draft(card, findings, options.get("plan_year"))
                measures = [m["id"] for m in plan["measures"]]
                if not skip:
                    rendered = _render_all(plan, [formats[k] for k in missing], options, setup)
                    writes.append((i, writer.submit(_write_all, [targets[k] for k in missing], rendered)))
            except Exception as exc:  # noqa: BLE001 - reported for this agency only
                outcomes[i] = _failure(job, exc)
                continue
            weak = [q.code for q in card.questions.values() if q.known and q.lowest < card.target]  # type: ignore[operator]
            outcomes[i] = Outcome(job.name, True, [str(t) for t in targets], skipped=skip, level=card.level,
                                  label=card.label, passed=card.passed, weak_codes=weak, measures=measures,
                                  total=card.total, source=job.source, row=job.row, plan_year=plan["plan_year"],
                                  fiscal_year=plan["fiscal_year"])
        for i, future in writes:
            try:
                future.result()
            except Exception as exc:  # noqa: BLE001 - a full disk, a folder taken away: this agency fails
                outcomes[i] = _failure(tasks[i][0], exc)
    return outcomes  # type: ignore[return-value]


def _render_all(plan: Plan, formats: list[str], options: dict[str, Any], setup: Session) -> list[bytes | str]:
    """Every format of one plan; JSON last and in place (the plan is not used after it: no copy is made).

    Word, Excel and PDF documents leave cyclic garbage (the XML trees' objects point at each other) that only
    the garbage collector frees, and drafting makes too few objects to run it often: it is run after each such
    document (with the loaded rules frozen out of its rounds, and after the first document the libraries it
    imported), so a DOCX batch's largest process stays flat instead of growing (docs/performance.md)."""
    import gc

    order = sorted(range(len(formats)), key=lambda k: formats[k] == "json")
    rendered: list[bytes | str] = [b""] * len(formats)
    for k in order:
        rendered[k] = render(plan, formats[k], catalogue=setup.catalogue, thai_digits=options.get("thai_digits"),
                             csv_keys=options.get("csv_keys", "th"), compact=True, consume=True)
    if any(fmt in BINARY_FORMATS for fmt in formats):
        gc.collect()
        global _REFROZEN
        if not _REFROZEN:  # python-docx, openpyxl, lxml and the rest, imported by the first document, are kept
            gc.freeze()   # out of the later rounds too: each round then looks at the last document's objects only
            _REFROZEN = True
    return rendered


def _write_all(targets: list[Path], rendered: list[bytes | str]) -> None:
    for target, data in zip(targets, rendered):
        write_atomic(target, data, force=True)


def prepare_folder(out_dir: Path) -> None:
    """The output folder, made if need be; a path that is a file, or cannot be made, is a located error."""

    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(Problem(str(out_dir), "is a file, not a folder; give a folder for the plans"))
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise InputError(Problem(str(out_dir), "cannot be made: a part of the path is a file, not a folder")) from None
    except OSError as exc:
        raise os_problem(out_dir, exc, "cannot be made") from None


def run_batch(jobs: Iterable[Job], setup: Session, out_dir: Path, formats: list[str], *, jobs_n: int = 1,
              options: dict[str, Any] | None = None, chunk: int = 16) -> Iterator[Outcome]:
    """Yield each agency's outcome, in the order of the input. Agencies are read and sent to the workers
    ``chunk`` at a time, a few chunks per worker ahead, so memory stays flat however long the input."""
    from collections import deque
    from itertools import islice

    options = options or {}
    prepare_folder(out_dir)
    used: set[str] = set()
    setup.ruleset, setup.catalogue  # noqa: B018 - load once, before forking
    stream = iter(jobs)

    def chunks() -> Iterator[list[tuple[Job, str]]]:
        while True:
            part = [(job, safe_name(job.name, used)) for job in islice(stream, chunk)]
            if not part:
                return
            yield part

    if jobs_n <= 1:
        import gc

        thresholds = gc.get_threshold()
        setup.evaluator  # noqa: B018 - made before the collector is quietened
        _quiet_collector()
        try:
            for part in chunks():
                yield from draft_chunk(part, str(out_dir), formats, options, setup)
        finally:  # this process goes on after the batch (a library call): as it was
            gc.unfreeze()
            gc.set_threshold(*thresholds)
        return
    import multiprocessing

    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    worker_setup = setup.for_worker()  # each process makes its own evaluator (durable_rules state is per process)
    with context.Pool(jobs_n, initializer=_init_worker, initargs=(worker_setup,)) as pool:
        pending: deque = deque()
        for part in chunks():  # read here, between the waits, while the workers draft
            pending.append(pool.apply_async(draft_chunk, (part, str(out_dir), formats, options)))
            while len(pending) >= 3 * jobs_n:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


class Summary:
    """Counts across agencies, kept as counters so memory does not grow with the number of agencies.

    Agencies skipped by ``--resume`` count in the levels, labels and pass rate too: the summary of a
    resumed run covers every agency, not only the ones drafted this time.
    """

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
        else:
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
            writer.writerow([what[:-1], csv_cell(key), count])
    for what in ("weak_codes", "measures"):
        for key, count in summary[what]:
            writer.writerow([what[:-1], csv_cell(key), count])
    return buffer.getvalue()


AGENCY_COLUMNS = ["agency", "source", "row", "status", "total", "level", "label", "measures", "files", "error"]


class AgencyTable:
    """agencies.csv: one row per agency (drafted, skipped by --resume, or failed, with its error), written
    as outcomes arrive to a temporary file that ``close`` puts in place, so memory stays flat."""

    def __init__(self, out_dir: Path):
        import csv
        import tempfile

        self.path = out_dir / "agencies.csv"
        fd, self.tmp = tempfile.mkstemp(prefix=".agencies.csv.", suffix=".tmp", dir=out_dir)
        self.handle = os.fdopen(fd, "w", encoding="utf-8", newline="")
        self.writer = csv.writer(self.handle, lineterminator="\n")
        self.writer.writerow(AGENCY_COLUMNS)

    def add(self, o: Outcome) -> None:
        status = "failed" if not o.ok else "skipped" if o.skipped else "drafted"
        total = "" if o.total is None else f"{o.total:.2f}"
        files = " ".join(Path(f).name for f in o.files)
        self.writer.writerow([csv_cell(clean_text(str(v), keep_newlines=False)) for v in (
            o.name, o.source, o.row or "", status, total, o.level or "", o.label or "", len(o.measures), files,
            o.error)])

    def close(self) -> None:
        self.handle.close()
        os.chmod(self.tmp, new_file_mode(self.path))
        os.replace(self.tmp, self.path)

