"""Tables of many agencies (a province's CSV or XLSX): read as a stream and split into one job per agency, for a
batch to draft each, or for a command that reads one agency to pick it (``--agency``).

Long tables (an ``agency`` column and code/score rows, consecutive per agency) and wide ones (one agency per row,
a column per code) are told apart by their header; every row is accounted for, a bad one failing where it is.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from itaplan.base.errors import InputError, Problem, UsageError
from itaplan.ita.framework import normalize_code
from itaplan.ita.gather import COLUMN_ALIASES
from itaplan.ita.loader import from_rows, input_format
from itaplan.ita.results import Results

WIDE_META = {"agency", "fiscal_year", "framework", "agency_type", "district", "province", "total"}


@dataclass
class Job:
    """One agency to draft: its name, where it came from, and how to get its results.

    A job may carry ``problems`` found while the table was read (a row with a stray quote, bad bytes, no
    agency name, too few cells): it then fails with them, at their rows, and the batch goes on.
    """

    name: str
    source: str
    rows: list[tuple[int, dict[str, Any]]] | None = None
    path: str | None = None
    row: int | None = None
    problems: list[str] = field(default_factory=list)
    # a long CSV table: the agency's lines as read (checked, not yet split into cells) and the table's column
    # names; the worker that drafts the agency makes its rows (``long_rows``), not the process that reads
    lines: list[tuple[int, str]] | None = None
    names: tuple[str, ...] = ()




MAX_LINE_BYTES = 1024 * 1024


def _csv_lines(path: Path) -> Generator[tuple[int, str | None, str | None], None, None]:
    """(line number, text, problem) for each line of a CSV, read line by line from the bytes.

    Bytes that are not UTF-8, and lines longer than MAX_LINE_BYTES, are reported at their line, which is
    skipped."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(Problem(str(path), f"cannot be read: {exc.strerror or exc.__class__.__name__}")) from None
    with handle:
        number = 0
        readline = handle.readline
        while True:
            raw = readline(MAX_LINE_BYTES + 1)
            if not raw:
                return
            number += 1
            if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
                while raw and not raw.endswith(b"\n"):  # skip the rest of the over-long line
                    raw = readline(MAX_LINE_BYTES + 1)
                yield number, None, f"the line is longer than {MAX_LINE_BYTES // 1024} KB; not read"
                continue
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield number, None, f"is not UTF-8 text (byte 0x{raw[exc.start]:02x} at character {exc.start + 1}); " \
                                    "the row was not read: save the file as UTF-8"
                continue
            yield number, line.rstrip("\r\n"), None


def split_line(line: str) -> tuple[list[str] | None, str | None]:
    """The cells of one CSV line, or what is wrong with it.

    Each record is one line: a batch table has no multi-line cells, so a quote that is not closed on its
    own line is reported there (a stray quote used to swallow every later row into one cell). A line with
    no quote and no carriage return is split at its commas, which is what the csv module gives for it.
    """
    if '"' not in line and "\r" not in line:
        return line.split(",") if line else [], None
    import csv

    if line.count('"') % 2:
        return None, "has a quote (\") that is not closed on its line; the row was not read: close the quote or remove it"
    try:
        return next(csv.reader([line], strict=True), []), None
    except csv.Error as exc:
        return None, f"is not valid CSV ({exc}); the row was not read"


def _csv_records(path: Path) -> Iterator[tuple[int, list[str] | None, str | None]]:
    """(line number, cells, problem) for each line of a CSV (``_csv_lines`` and ``split_line``)."""
    for number, line, problem in _csv_lines(path):
        if line is None:
            yield number, None, problem
            continue
        cells, problem = split_line(line)
        yield number, cells, problem


def _row_problem(cells: list[Any], names: list[str], need: int) -> str | None:
    if len(cells) < need:
        return f"has {len(cells)} cells but the header needs {need}; a truncated row was not read"
    if len(cells) > len(names) and any(c not in (None, "") for c in cells[len(names):]):
        return f"has {len(cells)} cells but the header names {len(names)}; the row was not read (a comma inside a " \
               "name needs quotes)"
    return None


def _row_of(cells: list[Any], names: list[str] | tuple[str, ...]) -> dict[str, Any]:
    return {n: (c.strip() if isinstance(c, str) else c) for n, c in zip(names, cells) if n}


def _header(path: Path, lines: Iterator[tuple[int, str | None, str | None]] | None = None
            ) -> tuple[list[str], int, Iterator[tuple[int, Any, str | None]]]:
    """The column names of a table, how many cells a row needs, and the records after the header. Given the
    ``lines`` of a CSV, only its first line is taken from them: the caller may read the others itself."""

    if lines is not None:
        records: Iterator[tuple[int, Any, str | None]] = (
            (number, *split_line(line)) if line is not None else (number, None, problem)
            for number, line, problem in lines)
    elif path.suffix.lower() == ".xlsx":
        from itaplan.base.xlsxio import open_workbook

        records = (
            (n, list(cells), None) for n, cells in enumerate(open_workbook(path).worksheets[0].iter_rows(
                values_only=True), start=1))
    else:
        records = _csv_records(path)
    try:
        number, header, problem = next(records)
    except StopIteration:
        raise InputError(Problem(str(path), "is empty")) from None
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - openpyxl reads lazily; a damaged sheet fails here
        raise InputError(Problem(str(path), f"cannot be read ({exc.__class__.__name__})", 1, what="row")) from None
    if problem or header is None:
        raise InputError(Problem(str(path), f"the header {problem or 'is missing'}", number, what="row"))
    names = [COLUMN_ALIASES.get(str(c).strip().lower(), str(c).strip().lower()) if c is not None else ""
             for c in header]
    # a long table needs its row to reach the agency, code and score columns; a wide one every column (a
    # missing cell would otherwise read as an unknown score, silently)
    need = max((i for i, n in enumerate(names) if n in ("agency", "code", "score")), default=0) + 1 \
        if "code" in names else len(names)
    return names, need, records


def _table_rows(path: Path) -> tuple[list[str], Iterator[tuple[int, dict[str, Any] | None, str | None]]]:
    """The header and a stream of (row number, cells by column, problem) (nothing held but the current row)."""
    names, need, records = _header(path)

    def rows() -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
        number = 1
        try:
            for number, cells, problem in records:
                if problem is not None or cells is None:
                    yield number, None, problem
                    continue
                if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
                    continue  # an empty line
                problem = _row_problem(cells, names, need)
                if problem:
                    yield number, None, problem
                    continue
                yield number, _row_of(cells, names), None
        except InputError:
            raise
        except Exception as exc:  # noqa: BLE001 - openpyxl reads lazily; a damaged sheet fails here
            yield number + 1, None, f"cannot be read from here on ({exc.__class__.__name__})"

    return names, rows()


def _table_jobs(path: Path) -> Iterator[Job]:
    """Agencies of one table, streamed: long (consecutive rows of one agency) or wide (one row each).

    Every row is accounted for: a row that cannot be read, or has no agency name, fails as its own entry
    (named by its row) unless it belongs to the agency being read, which then fails with it.
    """
    source = str(path)
    lines = _csv_lines(path) if path.suffix.lower() == ".csv" else None
    names, need, _ = _header(path, lines) if lines is not None else (None, 0, None)
    if names is not None and "code" in names and "agency" in names:
        yield from _long_csv_jobs(source, names, need, lines)  # type: ignore[arg-type]
        return
    if lines is not None:
        lines.close()  # a wide table: read again below, row by row
    yield from _row_table_jobs(path)


def _row_table_jobs(path: Path) -> Iterator[Job]:
    """The agencies of a table read row by row into dicts: XLSX tables, wide tables (and, in the tests, the
    reference for ``_long_csv_jobs``)."""
    source = str(path)
    names, rows = _table_rows(path)
    if "agency" not in names:
        raise InputError(Problem(source, "a batch table needs an 'agency' column (one agency per group of rows, "
                                         "or one agency per row with a column per code)", 1, what="row"))

    def bad_row(number: int, message: str) -> Job:
        return _bad_row(source, number, message)

    def agency_of(number: int, row: dict[str, Any] | None, problem: str | None) -> tuple[str, Job | None]:
        """A row's agency, or the failed job that says why the row has none."""
        if row is None:
            return "", bad_row(number, problem or "cannot be read")
        agency = str(row.get("agency") or "").strip()
        return agency, None if agency else bad_row(number, "has no agency name; every row needs one")

    if "code" in names:  # long
        meta_columns = [n for n in names if n in WIDE_META and n != "agency"]
        job: Job | None = None
        for number, row, problem in rows:
            agency, failed = agency_of(number, row, problem)
            if failed is not None or row is None:  # agency_of has named why (a row that cannot be read has no agency)
                yield failed  # type: ignore[misc]
                continue
            if job is None or job.name != agency:
                if job is not None:
                    yield job
                job = Job(agency, source, rows=[(number, {"code": "agency", "score": agency})], row=number)
                job.rows += [(number, {"code": key, "score": row[key]})  # type: ignore[operator]
                             for key in meta_columns if row.get(key) not in (None, "")]
            job.rows.append((number, {k: v for k, v in row.items() if k not in WIDE_META}))  # type: ignore[union-attr]
        if job is not None:
            yield job
        return
    codes = [n for n in names if n not in WIDE_META and normalize_code(n)]
    if not codes:
        raise InputError(Problem(source, "no 'code' column and no columns named by question codes (i1, e9, o12…)",
                                 1, what="row"))
    for number, row, problem in rows:
        agency, failed = agency_of(number, row, problem)
        if failed is not None or row is None:  # agency_of has named why (a row that cannot be read has no agency)
            yield failed  # type: ignore[misc]
            continue
        long_rows = [(number, {"code": key, "score": row.get(key)}) for key in WIDE_META if row.get(key) not in
                     (None, "") and key != "agency"]
        long_rows.append((number, {"code": "agency", "score": agency}))
        long_rows += [(number, {"code": code, "score": row[code]}) for code in codes if row.get(code) not in (None, "")]
        yield Job(agency, source, rows=long_rows, row=number)


def _bad_row(source: str, number: int, message: str) -> Job:
    return Job(f"row {number}", source, row=number, problems=[str(Problem(source, message, number, what="row"))])


def _long_csv_jobs(source: str, names: list[str], need: int, lines: Iterator[tuple[int, str | None, str | None]]
                   ) -> Iterator[Job]:
    """The agencies of a long CSV table. This process only checks each line and finds its agency (most lines
    have no quote: their cells are counted, not split); the worker that drafts an agency makes its rows from
    its lines (``long_rows``). Same rows, same problems at the same rows as ``_table_rows``."""
    agency_at = max(i for i, n in enumerate(names) if n == "agency")  # the last one, as in a row's dict
    count_names = len(names)
    frozen = tuple(names)
    job: Job | None = None
    for number, line, problem in lines:
        if line is None:
            yield _bad_row(source, number, problem or "cannot be read")
            continue
        if agency_at == 0 and '"' not in line and "\r" not in line and need <= line.count(",") + 1 <= count_names:
            agency = line[:line.find(",")].strip()  # the usual line: cells enough, the agency first and named
            if agency:
                if job is None or job.name != agency:
                    if job is not None:
                        yield job
                    job = Job(agency, source, row=number, lines=[], names=frozen)
                job.lines.append((number, line))  # type: ignore[union-attr]
                continue
        cells: list[str] | None = None
        if '"' in line or "\r" in line:  # the csv module's reading
            cells, problem = split_line(line)
            if cells is None:
                yield _bad_row(source, number, problem or "cannot be read")
                continue
            if all(not c.strip() for c in cells):
                continue  # an empty line
            count = len(cells)
        else:
            if not line.replace(",", "").strip():
                continue  # an empty line
            count = line.count(",") + 1
        if count < need or count > count_names:
            problem = _row_problem(cells if cells is not None else line.split(","), names, need)
            if problem:
                yield _bad_row(source, number, problem)
                continue
        agency = (cells[agency_at] if cells is not None else line.split(",", agency_at + 1)[agency_at]).strip()
        if not agency:
            yield _bad_row(source, number, "has no agency name; every row needs one")
            continue
        if job is None or job.name != agency:
            if job is not None:
                yield job
            job = Job(agency, source, row=number, lines=[], names=frozen)
        job.lines.append((number, line))  # type: ignore[union-attr]
    if job is not None:
        yield job


def long_rows(job: Job) -> list[tuple[int, dict[str, Any]]]:
    """The rows of one agency of a long table, as ``from_rows`` reads them: its name and the table's metadata
    columns (from its first row) as key rows, then each line's cells by column, without the metadata."""
    names = job.names
    meta_columns = [n for n in names if n in WIDE_META and n != "agency"]
    # the columns a data row keeps, when no name is given twice (else as _row_of makes them: the last wins)
    keep = [(i, n) for i, n in enumerate(names) if n and n not in WIDE_META] \
        if len(set(names)) == len(names) else None
    rows: list[tuple[int, dict[str, Any]]] = []
    for number, line in job.lines or []:
        cells, _ = split_line(line)
        cells = cells or []
        if not rows:
            row = _row_of(cells, names)
            rows.append((number, {"code": "agency", "score": job.name}))
            rows += [(number, {"code": key, "score": row[key]}) for key in meta_columns if row.get(key) not in (None, "")]
        if keep is not None and len(cells) >= len(names):
            rows.append((number, {n: cells[i].strip() for i, n in keep}))
        else:
            rows.append((number, {k: v for k, v in _row_of(cells, names).items() if k not in WIDE_META}))
    return rows



def one_agency(path: str | Path, agency: str | None, framework: Any = None) -> Results | None:
    """One agency's results from a table of many (long with an ``agency`` column, or wide), for the commands
    that read one agency (score, review, draft, whatif, rules explain); None when ``path`` is not such a table
    (it is then read as one agency's file). A table of many agencies without ``agency`` is refused in one line
    (never a hundred 'given twice' rows); ``agency`` is the name, else a part of only one name."""
    path = Path(path)
    jobs = _agency_jobs(path)
    if jobs is None:
        if agency is not None:
            raise UsageError(Problem("--agency", f"picks one agency from a table of many (a CSV or XLSX with an "
                                                 f"'agency' column); {path} holds one agency's results"))
        return None
    found = list(dict.fromkeys(job.name for job in jobs))
    if agency is None:
        if len(found) <= 1:
            return None  # one agency, named in a column: read as before
        raise UsageError(Problem(str(path), f"holds the results of {len(found)} agencies; choose one with "
                                            f"--agency NAME (such as --agency '{found[0]}'), or draft them all with: "
                                            f"itaplan batch {path}"))
    wanted = agency.strip()
    chosen = [n for n in found if n == wanted] or [n for n in found if wanted.casefold() in n.casefold()]
    listing = ", ".join(found[:MAX_NAMES_LISTED]) + (" …" if len(found) > MAX_NAMES_LISTED else "")
    if not chosen:
        raise UsageError(Problem(str(path), f"has no agency named '{wanted}'; its agencies: {listing}"))
    if len(chosen) > 1:
        names_found = ", ".join(chosen[:MAX_NAMES_LISTED]) + (" …" if len(chosen) > MAX_NAMES_LISTED else "")
        raise UsageError(Problem(str(path), f"'{wanted}' is part of {len(chosen)} agencies' names: {names_found}; "
                                            f"give the whole name"))
    job = next(j for j in jobs if j.name == chosen[0])
    if job.problems:  # a row of its own that cannot be read: said where it is, as the batch says it
        raise InputError([Problem(str(path), p.removeprefix(f"{path}: ")) for p in job.problems])
    rows = long_rows(job) if job.lines is not None else job.rows or []
    return from_rows(rows, f"{job.source} [{job.name}]", framework, syntax="batch")


def _agency_jobs(path: Path) -> list[Job] | None:
    """Each agency's job of a table with an ``agency`` column (long or wide); None when ``path`` is no such table."""
    kind = input_format(path)
    if not (kind is not None and kind.table and path.is_file()):
        return None
    names, _, records = _header(path)
    getattr(records, "close", lambda: None)()
    if "agency" not in names:
        return None
    return [job for job in _table_jobs(path) if not (job.name.startswith("row ") and job.problems)]


def agencies_in(path: str | Path) -> list[str]:
    """The agencies a table of many names, in their order (the web lets the officer choose one, as ``--agency``
    does); empty when ``path`` holds one agency's results (no ``agency`` column)."""
    jobs = _agency_jobs(Path(path))
    return list(dict.fromkeys(job.name for job in jobs)) if jobs else []


MAX_NAMES_LISTED = 12  # agencies named in one message; a province has a few hundred
