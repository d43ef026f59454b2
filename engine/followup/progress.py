"""Progress on a plan's measures: status, what was done, outcome, evidence, dates, suggestion and note.

Progress lives in the plan file, under each measure's ``progress``, with the reason a measure was cancelled during
the year (``progress.reason``: the web's progress form; the command line's ``--note`` writes the measure's note,
which the edit form shows, and either is a reason). It is recorded three ways, all validated by the same function: from the XLSX tracking sheet
that ``render --format xlsx`` writes (edited by the officer), one measure from the command line, or an
interactive session that saves after every measure.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from itaplan.base.errors import InputError, Problem, UsageError
from itaplan.base.i18n_composed import N_
from itaplan.base.thai import fmt_date, parse_date, to_arabic
from itaplan.base.xlsxio import open_workbook, sheet_title
from itaplan.base.yamlnodes import short
from itaplan.drafting.model import Measure, Plan, Progress
from itaplan.drafting.plan import active_measures, holding, load_plan, measure_numbers, plan_lock, save_plan, update_plan
from itaplan.drafting.settle import changed_since_shown
from itaplan.ita.gather import VOCAB

STATUSES = ("not started", "in progress", "done", "dropped")
STATUS_KEYS = {"not started": "status_proposed", "in progress": "status_in_progress", "done": "status_done",
               "dropped": "status_dropped"}
# each status on an English interface's terminal (the documents, the tracking sheet and a Thai interface say the
# catalogue's words, STATUS_KEYS); each is also a word --status takes. Not marked for translation: a Thai interface
# never shows them, and a msgid "done" would turn the progress form's field name into a status word in Thai errors
STATUS_ENGLISH = {"not started": "not started", "in progress": "in progress", "done": "done", "dropped": "cancelled"}
TEXT_FIELDS = ("done", "outcome", "suggestion")
MAX_TRACKING_ROWS = 10_000  # a row per measure (a plan has tens) below a few title rows
MAX_TRACKING_COLUMNS = 200  # the sheet's 20 columns and any officers add
# column header keys (settings.yaml texts) of the tracking sheet's progress columns -> progress field
SHEET_COLUMNS = {"col_status": "status", "col_what_done": "done", "col_outcome": "outcome", "col_started": "started",
                 "col_done_on": "finished", "col_link": "links", "col_suggestion": "suggestion", "col_note": "note",
                 "col_note_reason": "note", "col_id": "id",  # the note: the report prints it (col_note: older sheets)
                 "col_as_written": "as_written"}  # hidden: each row's progress as the sheet was written (sheet_record)
# the progress fields a tracking sheet's row holds, as its hidden record keeps them when the sheet is written
RECORDED_FIELDS = ("status", "done", "outcome", "started", "finished", "links", "suggestion", "reason", "note")
MAX_RECORD = 32_000  # characters: a spreadsheet cell holds 32,767; a longer record is not written (as an older sheet)
_URL = re.compile(r"^(https?)://[^\s/$.?#][^\s]*$", re.IGNORECASE)
# the English words officers use for each status besides its name ('_' and '-' read as spaces: in_progress, to-do)
_STATUS_ALIASES = {"not started": ("todo", "to do", "not yet started", "proposed", "kept"),
                   "in progress": ("doing", "ongoing", "underway"),
                   "done": ("finished", "complete", "completed"),
                   "dropped": ("cancelled", "canceled", "cancel", "drop")}
# settings.yaml texts listing other words officers use for each status (comma-separated)
# a field of the progress form as a message names it (a conflict says which field someone else changed)
FIELD_WORDS = {"status": N_("the progress status"), "done": N_("what was done"), "outcome": N_("the outcome"),
               "links": N_("the evidence links"), "started": N_("the start date"), "finished": N_("the finish date"),
               "suggestion": N_("the suggestion for next year"), "note": N_("the note"),
               "reason": N_("the reason it is not finished or was cancelled")}
STATUS_VARIANT_KEYS = {"not started": "status_also_not_started", "in progress": "status_also_in_progress",
                       "done": "status_also_done", "dropped": "status_also_dropped"}


def progress_of(measure: Mapping[str, Any]) -> dict:
    """A measure's progress with every field present (status 'not started' when nothing is recorded)."""
    recorded = measure.get("progress") or {}
    status: str | None = recorded.get("status")
    if status is None:  # older plans may carry the progress status on the measure itself
        status = measure.get("status") if measure.get("status") in STATUSES[:3] else "not started"
    return {"status": status, "done": recorded.get("done") or "", "outcome": recorded.get("outcome") or "",
            "links": list(recorded.get("links") or []), "started": recorded.get("started"),
            "finished": recorded.get("finished"), "suggestion": recorded.get("suggestion") or "",
            "reason": recorded.get("reason") or "", "updated": recorded.get("updated")}


def recorded_fields(measure: Mapping[str, Any]) -> dict:
    """What the officer records of a measure's progress, field by field (``RECORDED_FIELDS``), its note included."""
    now = {**progress_of(measure), "note": measure.get("note") or ""}
    return {field: now[field] for field in RECORDED_FIELDS}


def changed_fields(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    """The recorded fields (``recorded_fields``) whose value an update changed, in ``RECORDED_FIELDS`` order."""
    return [field for field in RECORDED_FIELDS if before.get(field) != after.get(field)]


def status_words(text: Callable[[str], str]) -> dict[str, str]:
    """Every word accepted for a status (the document's Thai words, English names, a few common variants), each as
    ``status_key`` writes it, in the order ``accepted_statuses`` lists them (each status's document word first)."""
    words: dict[str, str] = {}
    for status in STATUSES:
        words.setdefault(status_key(text(STATUS_KEYS[status])), status)
        words.setdefault(status_key(status), status)
        for alias in _STATUS_ALIASES[status]:
            words.setdefault(status_key(alias), status)
        key = STATUS_VARIANT_KEYS[status]
        if text(key) != key:  # a catalogue without this text simply has no variants
            for word in text(key).split(","):
                if word.strip():
                    words.setdefault(status_key(word), status)
    return words


def status_key(value: str) -> str:
    """A status as typed, as ``status_words`` looks it up: case, '_' and '-' (in_progress, in-progress) and spacing
    evened out, and no space inside Thai words (ดำเนินการ แล้ว)."""
    key = " ".join(to_arabic(value).replace("-", " ").replace("_", " ").split()).lower()
    return _THAI_SPACE.sub("", key)


_THAI_SPACE = re.compile(r"(?<=[\u0e00-\u0e7f]) (?=[\u0e00-\u0e7f])")


def status_named(typed: Any, words: Mapping[str, str]) -> str | None:
    """The status an officer's word stands for (``status_words``), None when it is none."""
    return words.get(status_key(str(typed)))


# the English words a refusal lists beside each status's name (the others are read too, not listed)
_STATUS_SHOWN = {"not started": ("todo",), "in progress": ("doing", "ongoing"), "done": ("finished", "completed"),
                 "dropped": ("cancelled",)}


def accepted_statuses(text: Callable[[str], str]) -> str:
    """The words for each status a refusal lists: the document's Thai word, the English name and the commonest
    other English words ('ยังไม่ดำเนินการ, not started, todo; อยู่ระหว่างดำเนินการ, …'); close forms of these are
    read too."""
    return "; ".join(", ".join((text(STATUS_KEYS[status]), status, *_STATUS_SHOWN[status])) for status in STATUSES)


def split_links(value: Any) -> list[str]:
    """Evidence links from a cell or an answer: one per line or separated by ';' (URLs also by spaces)."""
    if value is None:
        return []
    items = value if isinstance(value, list) else re.split(r"[\n;]+", str(value))
    out: list[str] = []
    for item in items:
        item = str(item).strip()
        if not item:
            continue
        words = item.split()
        out.extend(words if len(words) > 1 and all("://" in w for w in words) else [item])
    return out


def year_began(plan: Plan) -> _dt.date | None:
    """The first day of the plan's fiscal year (1 October), before which none of its measures can have finished."""
    year = plan.get("plan_year")
    return _dt.date(year - 544, 10, 1) if isinstance(year, int) and year > 2400 else None


NOT_STARTED_OUTCOME = N_("status is not started but an outcome is filled in: set the status to in progress or done "
                         "with it, or leave the outcome empty")


def check_progress(new: dict, measure: dict, today: _dt.date, began: _dt.date | None = None) -> list[str]:
    """What is wrong with one measure's progress (messages without a location); normalises dates in place."""
    return [message for _, message in progress_problems(new, measure, today, began)]


def progress_problems(new: dict, measure: dict, today: _dt.date, began: _dt.date | None = None,
                      status_known: bool = True) -> list[tuple[str, str]]:
    """Every problem of one measure's progress as (the field it is about, message), all of them at once: a status
    that is not one, a date that is none or cannot be, a link that is no web address, and (the status known) what
    the status contradicts. ``status_known=False``: the status was refused already (a sheet's row whose status cell
    is wrong or empty), so only what does not depend on it is judged. Normalises dates in place."""
    problems: list[tuple[str, str]] = []
    if status_known and new["status"] not in STATUSES:
        typed_status = new["status"]  # as typed: never translated (an officer's 'started' is no catalogue word)
        problems.append(("status", f"status '{typed_status}' is not one of: {', '.join(STATUSES)}"))
        status_known = False
    dates: dict[str, _dt.date] = {}
    for key in ("started", "finished"):
        if new.get(key) in (None, ""):
            new[key] = None
            continue
        try:
            dates[key] = parse_date(new[key])
        except ValueError as exc:
            # "finished date '30/2/2569' is not a real date": a message of its own for each date (a pattern as
            # wide as "{key} date {exc}" caught every message with " date " in it, and dropped the word)
            problems.append((key, f"started date {exc}" if key == "started" else f"finished date {exc}"))
            continue
        new[key] = dates[key].isoformat()
        if dates[key] > today:
            problems.append((key, f"{key} date {fmt_date(dates[key])} is in the future (today is {fmt_date(today)})"))
        elif key == "finished" and began is not None and dates[key] < began:
            problems.append((key, (f"finished date {fmt_date(dates[key])} is before the plan's fiscal year began "
                                   f"({fmt_date(began)}): a measure of that year cannot have finished then")))
    if "started" in dates and "finished" in dates and dates["finished"] < dates["started"]:
        problems.append(("finished", (f"finished ({fmt_date(dates['finished'])}) is before started "
                                      f"({fmt_date(dates['started'])})")))
    status = new["status"] if status_known else None
    if status == "done" and not new["done"].strip():
        problems.append(("done", "status is done but what was done is empty: describe what was done"))
    if status == "dropped" and not (new.get("reason") or measure.get("note") or "").strip():
        problems.append(("note", "status is dropped but the note is empty: give the reason in the note"))
    if status == "not started" and (new["done"].strip() or new.get("started") or new.get("finished")):
        problems.append(("status", "status is not started but what was done or a date is filled in: set the status"))
    if status == "not started" and (new.get("outcome") or "").strip():  # the report would print both side by side
        problems.append(("outcome", NOT_STARTED_OUTCOME))
    elif status == "in progress" and new.get("finished"):  # (not started: said just above)
        problems.append(("finished", ("status is in progress but a finish date is given: set the status to done "
                                      "or clear the date")))
    for link in new["links"]:
        if ("://" in link or link.lower().startswith(("http", "www."))) and not _URL.match(link):
            problems.append(("links", f"evidence link '{link}' is not a web address (http:// or https://)"))
    return problems


def apply(plan: Plan, updates: dict[str, dict], today: _dt.date) -> list[str]:
    """Store validated progress on the plan's measures; returns the ids that changed."""
    by_id = {m["id"]: m for m in plan["measures"]}
    changed = []
    for mid, new in updates.items():
        measure = by_id[mid]
        note = new.pop("note", None)
        before = progress_of(measure)
        before_note = measure.get("note") or ""
        record = {k: v for k, v in new.items() if k != "updated"}
        if note is not None:
            measure["note"] = note
        if {k: before[k] for k in record} == record and (note is None or note == before_note):
            continue
        measure["progress"] = cast(Progress, {"status": record["status"],
                               **{k: record[k] for k in ("done", "outcome", "links", "started", "finished",
                                                         "suggestion", "reason") if record.get(k)},
                               "updated": today.isoformat()})
        changed.append(mid)
    if changed:
        plan.setdefault("progress", {})["updated"] = today.isoformat()
    return changed


def validate(plan: Plan, updates: dict[str, dict], locate: Callable[[str], tuple[str, int | None, str]],
             today: _dt.date, label: Callable[[str], str] = lambda mid: f"'{mid}'") -> None:
    """Check every update; raises one InputError naming every problem with its place (file, row); ``label``: the
    measure as the problem names it (its id; the command line: its number in the table and its title)."""
    by_id = {m["id"]: m for m in plan["measures"]}
    problems = []
    for mid, new in updates.items():
        measure = dict(by_id[mid])
        if new.get("note") is not None:
            measure["note"] = new["note"]
        source, line, what = locate(mid)
        for message in check_progress(new, measure, today, year_began(plan)):
            named = label(mid)
            problems.append(Problem(source, f"measure {named}: {message}", line, what=what))
    if problems:
        raise InputError(problems)


def normal_value(field: str, value: Any, words: dict[str, str] | None = None) -> Any:
    """A progress field's value for comparison, as typed or as recorded: the status as its name, the links as
    a list, a date as ISO (as typed when it is not a date), text with its spacing evened out."""
    if field == "status":
        key = status_key(str(value or ""))
        return (words or {}).get(key, key)
    if field == "links":
        return tuple(split_links(value))
    if field in ("started", "finished") and value not in (None, ""):
        try:
            return parse_date(value).isoformat()
        except ValueError:
            pass
    return " ".join(str(value or "").split())


def _plain(text: str) -> str:
    return " ".join(to_arabic(text).split()).casefold()


def measures_named(plan: Plan, given: str) -> list[Measure]:
    """The measures an officer's words can stand for: its id; its number in the documents' table (1…n over the
    measures that stay, Thai digits too); its title as printed, or a part of it (``titles_named``). More than one is
    ambiguous, none is unknown."""
    wanted = " ".join(given.split())
    by_id = holding(plan["measures"], wanted)  # a merged row's member's id too: the row holding it
    if by_id is not None:
        return [by_id]
    shown = active_measures(plan)
    number = to_arabic(wanted)
    if number.isdigit():
        return [shown[int(number) - 1]] if 1 <= int(number) <= len(shown) else []
    return [shown[i] for i in titles_named([str(m["title"]) for m in shown], wanted)]


def titles_named(titles: list[str], given: str) -> list[int]:
    """The indices of the titles an officer's words stand for: the title whole, else the titles that start with
    them, else the titles that hold them (a word in the middle: an imported measure's id, imported-N, says nothing,
    so its title is how it is found); Thai digits and spacing evened out, case ignored."""
    key = _plain(given)
    if not key:
        return []
    plain = [_plain(title) for title in titles]
    return ([i for i, t in enumerate(plain) if t == key] or [i for i, t in enumerate(plain) if t.startswith(key)]
            or [i for i, t in enumerate(plain) if key in t])


def find_measure(plan: Plan, given: str, place: str = "itaplan progress --measure") -> Measure:
    """The one measure ``given`` names (``measures_named``); an unknown or ambiguous name is a usage error that
    lists the measures to choose from, each with its number, title and id."""
    found = measures_named(plan, given)
    if len(found) == 1:
        return found[0]
    numbers = measure_numbers(plan)
    listed = [f"{numbers[m['id']]}. {m['title']} ({m['id']})" for m in found or active_measures(plan)]
    typed_measure = " ".join(given.split())
    if found:
        raise ambiguous_measure(place, typed_measure, len(found), listed)
    raise UsageError(Problem(place, f"no measure '{typed_measure}' in the plan; give the measure's number in the "
                                    "table, its title (or a part of it) or its id:"), listed)


def ambiguous_measure(place: str, typed_measure: str, count: int, listed: list[str]) -> UsageError:
    """A measure named by a part of a title more than one measure's title starts with or holds (``progress
    --measure``, ``review --measure``): the error lists the measures to choose from."""
    return UsageError(Problem(place, f"the titles of {count} measures hold '{typed_measure}'; give more of the "
                                     "title, or the number or id of one of them:"), listed)


def measure_shown(plan: Plan, measure_id: str) -> tuple[int, str]:
    """The number a measure has in the documents as they are now and its title, shortened to fit a line: what the
    officer is told a change was made to, so that a number read off an older printout (before a measure was dropped
    and the others moved up) cannot change another measure unseen. A dropped measure has number 0."""
    measure = next(m for m in plan["measures"] if m["id"] == measure_id)
    return measure_numbers(plan).get(measure_id, 0), short(" ".join(str(measure.get("title") or "").split()), 50)


def one_measure(plan: Plan, measure_id: str, text: Callable[[str], str], today: _dt.date, *,
                status: str | None = None, links: list[str] | str | None = None, note: str | None = None,
                where: str = "itaplan progress --measure {id}", shown: dict[str, str] | None = None,
                **fields: str | None) -> dict[str, dict]:
    """One measure's validated update from command-line values (None = keep what is recorded); ``where`` names
    the place a problem is reported at (the command line, or the web form).

    ``shown``: the values a form showed (the web app's progress form); a value typed as shown keeps what is
    recorded now, and one changed in the form and in the file since is refused (``settle.changed_since_shown``)."""

    place = where.format(id=measure_id)
    measure = find_measure(plan, measure_id, place)
    measure_id = measure["id"]
    if measure.get("status") == "dropped":  # named by its id or title: the documents do not carry it
        title = measure.get("title") or measure_id
        raise UsageError(Problem(place, f"the measure '{title}' was dropped when the measures were settled: the "
                                        "documents do not carry it, so it has no progress to record; keep it again "
                                        "first"))
    words = status_words(text)
    given: dict[str, Any] = {k: v for k, v in {"status": status, "links": links, "note": note, **fields}.items()
                             if v is not None}
    now = {**progress_of(measure), "note": measure.get("note") or ""}
    changed = changed_since_shown(place, given, shown, now, lambda f, v: normal_value(f, v, words), FIELD_WORDS)
    word = None
    if changed.get("status") is not None:
        word = status_named(changed["status"], words)
        if word is None:
            typed_status, allowed = changed["status"], accepted_statuses(text)
            raise UsageError(Problem(place, f"status '{typed_status}' is not one of: {allowed}"))
    new = merged(measure, status=word, links=split_links(changed["links"]) if "links" in changed else None,
                 **{k: changed.get(k) for k in fields})
    if changed.get("note") is not None:
        new["note"] = changed["note"]
    updates = {measure_id: new}
    number = measure_numbers(plan).get(measure_id)
    title = measure.get("title") or measure_id
    validate(plan, updates, lambda mid: (place, None, "line"), today,
             label=lambda mid: f"{number} ('{title}')" if number else f"'{title}'")
    return updates


def merged(measure: Mapping[str, Any], **changes: Any) -> dict:
    """The measure's current progress with some fields changed (for the command line and the session)."""
    new = progress_of(measure)
    new.pop("updated", None)
    for key, value in changes.items():
        if value is not None:
            new[key] = value
    return new


# -- the tracking sheet ------------------------------------------------------------------------------------

def sheet_note(reason: str, note: str) -> str:
    """The tracking sheet's หมายเหตุ/ปัญหาอุปสรรค cell: the obstacle (or why it was cancelled, ``progress.reason``)
    on its first lines, then the measure's note, each as recorded; either alone as it is."""
    return "\n".join(x for x in (reason.strip(), note.strip()) if x)


def note_cell(measure: Mapping[str, Any]) -> str:
    """What a measure's หมายเหตุ/ปัญหาอุปสรรค cell shows (``sheet_note``)."""
    return sheet_note(progress_of(measure)["reason"], str(measure.get("note") or ""))


def cell_read(typed: str, record: Mapping[str, Any]) -> dict[str, str]:
    """The reason and note a หมายเหตุ/ปัญหาอุปสรรค cell typed stands for, by what it showed as the sheet was written
    (``record``, ``sheet_record``): as written, both as they were; else what the cell showed is what changed (the
    reason when it showed only the reason, the note when it showed the note or nothing); a cell that showed both
    keeps the part left as written, and one edited throughout is the reason, the note cleared (the cell as typed is
    what the plan holds, so the next sheet shows it as typed)."""
    reason, note = str(record.get("reason") or ""), str(record.get("note") or "")
    said, plain = normal_value("note", typed), typed.strip()
    if said == normal_value("note", sheet_note(reason, note)):
        return {"reason": reason, "note": note}
    if reason and not note:
        return {"reason": plain, "note": note}
    if not reason:
        return {"reason": reason, "note": plain}
    first, last = normal_value("note", reason), normal_value("note", note)
    if said.startswith(first):  # the reason as written, the note after it edited
        lines = plain.splitlines()
        for n in range(len(lines) + 1):
            if normal_value("note", "\n".join(lines[:n])) == first:
                return {"reason": reason, "note": "\n".join(lines[n:]).strip()}
    if said.endswith(last):  # the note as written, the reason before it edited
        lines = plain.splitlines()
        for n in range(len(lines), -1, -1):
            if normal_value("note", "\n".join(lines[n:])) == last:
                return {"reason": "\n".join(lines[:n]).strip(), "note": note}
    return {"reason": plain, "note": ""}


def sheet_record(measure: Mapping[str, Any]) -> str | None:
    """A row's progress as the tracking sheet is written, for its hidden cell: compact JSON with the measure's id,
    empty fields left out. Read back (``written_records``), it tells what the officer changed in the row from what
    the plan changed since (a three-way merge). None when it would not fit in a cell."""
    now = {**progress_of(measure), "note": measure.get("note") or ""}
    record = {"id": measure["id"], **{field: now[field] for field in RECORDED_FIELDS if now[field]}}
    text = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    return text if len(text) <= MAX_RECORD else None


def written_records(sheet: SheetRows) -> dict[str, dict]:
    """The hidden records of a sheet's rows (``sheet_record``) by measure id: by the id inside each, so that rows
    sorted without their hidden cells still find theirs. A sheet written by an older itaplan has none."""
    records: dict[str, dict] = {}
    for _, row, _ in sheet.rows:
        value = row.get("as_written")
        if not isinstance(value, str) or not value.startswith("{"):
            continue
        try:
            record = json.loads(value)
        except ValueError:
            continue
        if isinstance(record, dict) and isinstance(record.get("id"), str):
            records.setdefault(record["id"], record)
    return records


@dataclass(frozen=True)
class SheetRows:
    """What an edited tracking sheet holds, cell values only (no workbook): read where reading is allowed to fail
    (the web's worker process), checked against the plan as it is under its lock (``progress_from_rows``)."""

    source: str  # the file as the officer knows it
    sheet: str  # the sheet's title
    header_row: int
    columns: frozenset[str]  # the progress fields whose column the sheet has (SHEET_COLUMNS' values)
    rows: tuple[tuple[int, dict[str, Any], bool], ...]  # row number, field -> cell value, whether any cell is filled
    headings: tuple[tuple[str, str, str], ...] = ()  # (field, column letter, header as written), to locate a problem
    titles: tuple[str, ...] = ()  # the title rows above the header: the sheet's title (with its year), the agency

    def column(self, field: str) -> tuple[str, str] | None:
        """(column letter, header) of a progress field's column, None if the sheet has none."""
        return next(((letter, header) for name, letter, header in self.headings if name == field), None)

    @property
    def ids(self) -> list[str]:
        """The measure ids the sheet's rows carry, in order."""
        return [str(v["id"]) for _, v, _ in self.rows if v.get("id") not in (None, "")]


def read_sheet(path: str | Path, plan: Plan, text: Callable[[str], str],
               today: _dt.date) -> dict[str, dict]:
    """Validated progress per measure id from an edited tracking sheet; every problem names its row.

    Columns are found by their header (the document's Thai names or the English field names), so
    officers may reorder, hide or add columns; the measure id column must stay.
    """
    return progress_from_rows(sheet_rows(path, text), plan, text, today)


def sheet_rows(path: str | Path, text: Callable[[str], str], source: str | None = None) -> SheetRows:
    """The cell values of an edited tracking sheet, by progress field; an InputError when it is no workbook or
    has no measure id column. ``source``: the name problems give the file (the upload's, not a temporary path)."""
    p = Path(path)
    source = source or str(p)
    try:
        # not data_only: a cell an officer typed as '=…' or '-…' has no cached value, and its text must not be lost
        wb = open_workbook(p, read_only=False, data_only=False, max_rows=MAX_TRACKING_ROWS,
                           max_columns=MAX_TRACKING_COLUMNS)
    except InputError as exc:
        if exc.problems[0].message == "no such file" or exc.problems[0].message.startswith("sheet '"):
            raise  # what to do is said already
        message = exc.problems[0].message
        if message.startswith("is not a readable .xlsx workbook"):
            message = "is not an Excel workbook (.xlsx)"
        raise InputError(Problem(source, f"{message}; give the tracking sheet written by "
                                         "`itaplan render PLAN --format xlsx`")) from None
    title = sheet_title(text("sheet_measures"))  # as the writer names it
    ws = wb[title] if title in wb.sheetnames else wb.worksheets[0]
    headers: dict[str, int] = {}
    names = {" ".join(text(key).split()).lower(): field for key, field in SHEET_COLUMNS.items()}
    names.update({field: field for field in SHEET_COLUMNS.values()})
    header_row = 1
    written: dict[str, tuple[str, str]] = {}  # field -> (column letter, header as written)
    for header_row in range(1, min(ws.max_row, 10) + 1):  # below any title rows: the row that names the id column
        found = {}
        for header_cell in ws[header_row]:
            key = " ".join(str(header_cell.value or "").split()).lower()
            if key in names and names[key] not in found:
                found[names[key]] = header_cell.column - 1
                written[names[key]] = (header_cell.column_letter, " ".join(str(header_cell.value).split()))
        if "id" in found:
            headers = found
            break
    if "id" not in headers:
        raise InputError(Problem(source, f"no column '{text('col_id')}' (the measure id) in the header row of sheet "
                                         f"'{ws.title}': use the sheet written by `itaplan render PLAN --format xlsx`",
                                 1, what="row"))

    def cell(row: tuple, field: str) -> Any:
        index = headers[field]
        if index >= len(row):
            return None
        c = row[index]
        if field == "links" and c.hyperlink is not None and c.hyperlink.target:
            return c.hyperlink.target + ("\n" + str(c.value) if c.value and "://" in str(c.value)
                                          and str(c.value) != c.hyperlink.target else "")
        value = c.value
        return value.strip() if isinstance(value, str) else value

    rows = tuple((number, {field: cell(row, field) for field in headers},
                  any(c.value not in (None, "") for c in row) and not _signature_row(row))
                 for number, row in enumerate(ws.iter_rows(min_row=header_row + 1), start=header_row + 1))
    titles = tuple(" ".join(str(value).split()) for row in ws.iter_rows(min_row=1, max_row=header_row - 1)
                   for value in [next((c.value for c in row if c.value not in (None, "")), None)] if value is not None)
    return SheetRows(source, ws.title, header_row, frozenset(headers), rows,
                     tuple((field, *written[field]) for field in headers), titles)


def _signature_row(row: tuple) -> bool:
    """The row of sign-off blocks the sheet ends with ("(ลงชื่อ) ...... ผู้จัดทำ"): no measure's, and no problem."""
    texts = [str(c.value) for c in row if c.value not in (None, "")]
    return bool(texts) and all(VOCAB["signature"] in text for text in texts)


# -- a sheet of another plan -------------------------------------------------------------------------------

ANOTHER_PLANS_SHEET = N_("this sheet is of another plan: it is the tracking sheet of {sheet_plan}, and the plan given "
                         "is {this_plan}; nothing was recorded: {what_to_do}")
PLAN_NAMED = N_("the plan of {agency}, fiscal year {year}")
PLAN_OF_YEAR = N_("the plan of fiscal year {year}")
PLAN_UNNAMED = N_("a plan none of whose measures is in the plan given")
# what to do, on the command line (the web page says its own)
ANOTHER_PLANS_SHEET_CLI = N_("read it back into the plan it was written from (itaplan progress THAT_PLAN --from "
                             "{file}), or write this plan's sheet with `itaplan render {plan} -o NEW.xlsx` and fill "
                             "that in")


@dataclass(frozen=True)
class SheetPlan:
    """The plan a tracking sheet says it is of, by its title rows: the agency and the fiscal year (None when the
    title rows are gone or say nothing of it)."""

    agency: str | None
    year: int | None


def sheet_plan(sheet: SheetRows) -> SheetPlan:
    """The agency (the second title row, as the sheet prints it) and the fiscal year (the Buddhist Era year in the
    first title row, Thai digits too) a tracking sheet was written for."""
    titles = sheet.titles
    years = [int(y) for y in re.findall(r"(?<!\d)(2[4-8]\d\d)(?!\d)", to_arabic(titles[0]))] if titles else []
    return SheetPlan(titles[1] if len(titles) > 1 else None, years[-1] if years else None)


def _plain_name(text: str) -> str:
    return " ".join(to_arabic(text).split()).casefold()


def another_plans_sheet(sheet: SheetRows, plan: Plan) -> SheetPlan | None:
    """The plan a tracking sheet is of when it is not ``plan``: none of its measures is in the plan, or its title
    names another fiscal year, or another agency (the measures of a catalogue have the same ids in every plan
    drafted from it, so last year's sheet or a neighbour's matches row by row). None: the sheet may be this plan's.
    Said once by ``refuse_another_plans_sheet`` rather than once a row."""
    held = {m["id"] for m in plan["measures"]}
    said = sheet_plan(sheet)
    agency = str((plan.get("agency") or {}).get("name") or "")
    other_year = said.year is not None and isinstance(plan.get("plan_year"), int) and said.year != plan["plan_year"]
    other_agency = bool(said.agency and agency and not _plain_name(said.agency).startswith(_plain_name(agency)))
    no_measure = bool(sheet.ids) and not set(sheet.ids) & held
    return said if other_year or other_agency or no_measure else None


def plan_words(agency: str | None, year: Any) -> str:
    """A plan as a message names it: its agency and fiscal year, or what is known of them."""
    if agency and year:
        return PLAN_NAMED.format(agency=agency, year=year)
    if year:
        return PLAN_OF_YEAR.format(year=year)
    return agency or PLAN_UNNAMED


def refuse_another_plans_sheet(sheet: SheetRows, plan: Plan, what_to_do: str) -> None:
    """A UsageError, said once at the sheet's file, when the sheet is another plan's (``another_plans_sheet``):
    the plan it is of, the plan given, and ``what_to_do`` (the interface's own words)."""
    other = another_plans_sheet(sheet, plan)
    if other is None:
        return
    agency = str((plan.get("agency") or {}).get("name") or "") or None
    message = ANOTHER_PLANS_SHEET.format(sheet_plan=plan_words(other.agency, other.year),
                                         this_plan=plan_words(agency, plan.get("plan_year")), what_to_do=what_to_do)
    raise UsageError(Problem(sheet.source, message))


# a row of a sheet written before progress was recorded in the plan; how to get a newer sheet is the interface's
STALE_ROW = N_("this row says '{typed}' with nothing filled in, but the plan already records it as {recorded} "
               "(entered after this sheet was written): fill in the row, or {new_sheet} and copy your rows into it")
NEW_SHEET = N_("write a new sheet beside this one with `itaplan render PLAN -o NEW.xlsx`")
# a cell changed in the sheet while the plan changed the same field otherwise since the sheet was written
BOTH_CHANGED = N_("changed both in this sheet and in the plan since the sheet was written: the sheet says "
                  "'{typed_sheet}', the plan '{on_file}' (when the sheet was written: '{typed_written}'); to keep the "
                  "plan's, type it in this cell; to keep the sheet's, {record_one}; then read the sheet again")
EMPTY_VALUE = "—"  # an empty cell or field, as a problem quotes it
# how the command line records one field of one measure (the web page says its own)
RECORD_ONE = N_("record it in the plan first with `itaplan progress PLAN --measure {number} {option} …`")
FIELD_OPTIONS = {"status": "--status", "done": "--done", "outcome": "--outcome", "started": "--started",
                 "finished": "--finished", "links": "--link", "suggestion": "--suggestion", "reason": "--reason",
                 "note": "--note"}
# what a row left as the sheet was written while the plan changed it since: the plan's value stands
KEPT_FROM_PLAN = N_("kept from the plan, changed there since the sheet was written (the row has it as written): "
                    "{fields}")
# a sheet without the hidden record (an older itaplan's): an empty cell is not taken to clear what the plan records
KEPT_EMPTY = N_("the row leaves these empty but the plan records them (entered after this sheet was written), so "
                "the plan's are kept: {fields}; to clear one, {new_sheet} and clear it there")


@dataclass(frozen=True)
class SheetNote:
    """What reading a sheet kept from the plan, said once a measure (a warning when the sheet is an older one)."""

    problem: Problem  # located at the sheet's row
    warning: bool


def progress_from_rows(sheet: SheetRows, plan: Plan, text: Callable[[str], str], today: _dt.date,
                       new_sheet: str = NEW_SHEET, record_one: str = RECORD_ONE,
                       notes: list[SheetNote] | None = None,
                       field_words: Callable[[str], str] = lambda words: words) -> dict[str, dict]:
    """Validated progress per measure id from a tracking sheet's rows (``sheet_rows``), checked against ``plan``
    as it is now; every problem names its row, and one InputError holds them all. ``new_sheet``: how the
    interface gets a newer sheet (the command line's command, the web page's download); ``record_one``: how it
    records one field of one measure ({number}, {option}).

    A three-way merge by the row's hidden record (``sheet_record``), field by field: a cell as written leaves what
    the plan records now; a cell changed where the plan did not change is taken; both changed, otherwise, is a
    problem. A sheet without the record (an older itaplan's) is taken as it is, except a cell it leaves empty
    where the plan records something. ``notes`` receives what was kept from the plan, said in ``field_words``."""
    source, headers = sheet.source, sheet.columns
    words = status_words(text)
    by_id = {m["id"]: m for m in plan["measures"]}
    active = {m["id"] for m in active_measures(plan)}
    records = written_records(sheet)
    updates: dict[str, dict] = {}
    rows: dict[str, int] = {}
    problems: list[Problem] = []
    said: list[SheetNote] = []

    def at(number: int, mid: str, field: str | None, message: str) -> Problem:
        """A problem of a measure's row, at its sheet, row and column, named by the measure's number and title."""
        shown, title = measure_shown(plan, mid)
        sheet_title = sheet.sheet
        place = sheet.column("note" if field == "reason" else field) if field else None  # one cell shows both
        if place:
            letter, header = place
            return Problem(source, f"sheet '{sheet_title}' column {letter} '{header}', measure {shown} '{title}': "
                                   f"{message}", number, what="row")
        return Problem(source, f"sheet '{sheet_title}', measure {shown} '{title}': {message}", number, what="row")

    def shown_value(field: str, value: Any) -> str:
        """A field's value as the sheet shows it: the status in its words, a date as a Thai date, links by ';',
        nothing as '—'."""
        value = normal_value(field, value, words)
        if value in ("", ()):
            return EMPTY_VALUE
        if field == "status":
            return text(STATUS_KEYS[value]) if value in STATUS_KEYS else str(value)
        if field == "links":
            return "; ".join(value)
        if field in ("started", "finished") and value:
            try:
                return fmt_date(parse_date(value))
            except ValueError:
                return str(value)
        return str(value)

    def fields_said(fields: list[str]) -> str:
        return ", ".join(field_words(FIELD_WORDS[f]) for f in sorted(fields, key=RECORDED_FIELDS.index))

    for number, row, filled in sheet.rows:
        mid = row.get("id")
        if mid in (None, ""):
            if filled:
                problems.append(Problem(source, f"no measure id in column '{text('col_id')}'; every row needs the "
                                                "id the sheet was written with", number, what="row"))
            continue
        mid = str(mid)
        if mid not in by_id:
            problems.append(Problem(source, f"measure id '{mid}' is not in the plan", number, what="row"))
            continue
        if mid not in active:
            problems.append(Problem(source, f"measure '{mid}' was dropped from the plan at review; remove the row "
                                            "or set its status in the plan again", number, what="row"))
            continue
        if mid in rows:
            problems.append(Problem(source, f"measure '{mid}' is also on row {rows[mid]}", number, what="row"))
            continue
        rows[mid] = number
        typed_status = row.get("status")
        status = None
        status_known = True  # else the row's other cells are still judged, by what does not depend on the status
        if typed_status not in (None, ""):
            status = status_named(typed_status, words)
            if status is None:
                allowed = accepted_statuses(text)
                problems.append(at(number, mid, "status", f"status '{typed_status}' is not one of: {allowed}"))
                status_known = False
        changes: dict[str, Any] = {}
        for field in ("done", "outcome", "suggestion"):
            if field in headers:
                value = row.get(field)
                changes[field] = "" if value is None else str(value)
        for field in ("started", "finished"):
            if field in headers:
                changes[field] = row.get(field)
        if "links" in headers:
            changes["links"] = split_links(row.get("links"))
        if "note" in headers:
            value = row.get("note")
            changes["note"] = "" if value is None else str(value)
        measure = by_id[mid]
        now = {**progress_of(measure), "note": measure.get("note") or ""}
        record = records.get(mid)
        kept: list[str] = []
        if record is not None and "note" in changes:  # the cell showed the reason and the note as written
            changes.update(cell_read(changes["note"], record))
        if record is not None:  # the three-way merge, field by field
            clashed = False
            typed = {**changes, **({"status": typed_status} if status is not None else {})}
            for field, value in sorted(typed.items(), key=lambda item: RECORDED_FIELDS.index(item[0])):
                mine = normal_value(field, value, words)
                before = normal_value(field, record.get(field, "not started" if field == "status" else ""), words)
                theirs = normal_value(field, now[field], words)
                if mine == before:  # the cell as written: what the plan records now stands
                    changes.pop(field, None)
                    if field == "status":
                        status = None
                    if theirs != before:
                        kept.append(field)
                elif theirs not in (before, mine):
                    option = FIELD_OPTIONS[field]
                    message = BOTH_CHANGED.format(typed_sheet=shown_value(field, value),
                                                  on_file=shown_value(field, now[field]),
                                                  typed_written=shown_value(field, record.get(field)),
                                                  record_one=record_one.format(number=measure_shown(plan, mid)[0],
                                                                               option=option))
                    problems.append(at(number, mid, field, message))
                    clashed = True
            if clashed:
                continue
        else:  # an older sheet: a cell it leaves empty does not clear what the plan records (entered since)
            for field in ("done", "outcome", "started", "finished", "links", "suggestion", "note"):
                if field in changes and not changes[field] and now[field]:
                    changes.pop(field)
                    kept.append(field)
        if status is None:
            if status_known and typed_status in (None, "") and any(changes.get(k) for k in (
                    "done", "outcome", "started", "finished", "links")):
                problems.append(at(number, mid, "status", "progress is filled in but the status is empty"))
                status_known = False
            status = progress_of(measure)["status"]
        update = merged(measure, status=status, **changes)
        if "note" in changes:
            update["note"] = changes["note"]
        found = progress_problems(update, {**measure, "note": changes.get("note", measure.get("note"))}, today,
                                  year_began(plan), status_known)
        # an older sheet's row whose status, as written, contradicts what the plan records since (what was done, a
        # date): the contradiction is the sheet's age, not the row's typing
        from_plan = [k for k in ("done", "outcome", "started", "finished") if k in kept or
                     (k not in changes and update.get(k))]
        if record is None and from_plan and any(m.startswith(("status is not started but",
                                                              f"status is {status} but a finish")) for _, m in found):
            recorded = text(STATUS_KEYS[progress_of(measure)["status"]])  # in the sheet's words
            message = STALE_ROW.format(typed=typed_status, recorded=recorded, new_sheet=new_sheet)
            problems.append(at(number, mid, None, message))
            continue
        problems.extend(at(number, mid, field, message) for field, message in found)
        updates[mid] = update
        if kept:
            message = (KEPT_FROM_PLAN.format(fields=fields_said(kept)) if record is not None
                       else KEPT_EMPTY.format(fields=fields_said(kept), new_sheet=new_sheet))
            said.append(SheetNote(at(number, mid, None, message), warning=record is None))
    if problems:
        raise InputError(problems)
    if notes is not None:
        notes.extend(said)
    return updates


# -- saving ------------------------------------------------------------------------------------------------

def counts(plan: Plan) -> dict[str, int]:
    out = {status: 0 for status in STATUSES}
    for m in active_measures(plan):
        out[progress_of(m)["status"]] += 1
    return out


def record_progress(plan_path: Path, out_path: Path, updates_of: Callable[[Plan], dict[str, dict]],
                    today: _dt.date) -> tuple[Plan, dict[str, dict], list[str]]:
    """Read the plan under its lock, validate the updates against it as it is now, store and save them.

    In place (``out_path`` is the plan) the first change keeps PLAN.before-progress.yaml. Two officers
    updating different measures at the same time both find their update in the plan.
    """
    in_place = out_path.resolve() == plan_path.resolve()
    found: dict[str, Any] = {}

    def change(plan: Plan) -> list[str]:
        found["updates"] = updates_of(plan)
        return apply(plan, found["updates"], today)

    plan, changed = update_plan(out_path, change, source=plan_path,
                                backup="before-progress" if in_place else None)
    return plan, found["updates"], changed


class _Quit(Exception):
    """'q' typed at a question of the progress session: stop, the measure being answered is not saved."""


class ProgressSession:
    """Asks about each measure in turn; every answered measure is validated and saved at once."""

    def __init__(self, plan: Plan, path: Path, ask: Callable[[str, str], str], say: Callable[[str], None],
                 text: Callable[[str], str], today: _dt.date):
        self.plan, self.path, self.ask, self.say, self.text, self.today = plan, path, ask, say, text, today

    def _status(self, current: str) -> str | None:
        menu = "  ".join(f"[{i}] {self.text(STATUS_KEYS[s])}" for i, s in enumerate(STATUSES, start=1))
        while True:
            answer = self.ask(f"status  {menu}  (Enter keeps, s skips, q quits)", "").strip().lower()
            if answer == "":
                return current
            if answer in ("q", "s"):
                return answer
            if answer in [str(i) for i in range(1, len(STATUSES) + 1)]:  # not isdigit(): '²' passes it
                return STATUSES[int(answer) - 1]
            self.say("  type 1, 2, 3 or 4")

    def _date(self, label: str, current: str | None) -> str | None:
        while True:
            answer = self.ask(f"{label} (e.g. 15/3/2569; '-' clears)", fmt_date(current) if current else "").strip()
            if answer == "-" or answer == "":
                return None
            try:
                day = parse_date(answer)
            except ValueError as exc:
                self.say(f"  {exc}")
                continue
            if day > self.today:
                self.say(f"  {fmt_date(day)} is in the future")
                continue
            return day.isoformat()

    def _save(self, mid: str, update: dict) -> None:
        """Store one measure's answer in the plan as it is on disk now (another officer may have saved since)."""
        with plan_lock(self.path):
            fresh = load_plan(self.path) if self.path.exists() else self.plan
            if mid not in {m["id"] for m in fresh["measures"]}:
                raise InputError(Problem(str(self.path), f"measure '{mid}' is no longer in the plan; nothing saved"))
            changed = apply(fresh, {mid: update}, self.today)
            if changed:
                save_plan(fresh, self.path)
        self.plan = fresh
        if changed:
            self.say(f"  saved to {self.path}")

    def _ask(self, prompt: str, default: str = "") -> str:
        answer = self.ask(prompt, default)
        if answer.strip().lower() == "q":
            raise _Quit
        return answer

    def run(self) -> None:
        ids = [m["id"] for m in active_measures(self.plan)]
        for index, mid in enumerate(ids, start=1):
            m = next((x for x in self.plan["measures"] if x["id"] == mid), None)
            if m is None:
                continue
            now = progress_of(m)
            self.say(f"\n[{index}/{len(ids)}] {m['title']}")
            self.say(f"  owner: {m['owner']}   timeline: {m['timeline']}")
            self.say(f"  now: {self.text(STATUS_KEYS[now['status']])}" + (f" — {now['done']}" if now["done"] else ""))
            if now["outcome"]:
                self.say(f"  outcome: {now['outcome']}")
            status = self._status(now["status"])
            if status == "q":
                break
            if status == "s":
                continue
            try:
                new, note = self._answers(m, now, status)
            except _Quit:  # 'q' typed at any question: the session stops, this measure unsaved
                break
            self._save(mid, {**new, "note": note})
        c = counts(self.plan)
        self.say("\n" + ", ".join(f"{self.text(STATUS_KEYS[s])} {n}" for s, n in c.items()))

    def _answers(self, m: Mapping[str, Any], now: dict, status: str | None) -> tuple[dict, str]:
        """One measure's answers, asked again until they agree; 'q' at a question raises _Quit."""
        while True:
            new = merged(m, status=status)
            note = m.get("note") or ""
            if status in ("in progress", "done"):
                new["done"] = self._ask("what was done", now["done"]).strip()
                new["outcome"] = self._ask("outcome (result, figures)", now["outcome"]).strip()
                new["links"] = split_links(self._ask("evidence links or documents, separated by ';'",
                                                     "; ".join(now["links"])))
                new["started"] = self._date("started on", now["started"])
                new["finished"] = self._date("finished on", now["finished"]) if status == "done" else None
            elif status == "not started":  # nothing recorded is dropped unsaid: its evidence stays
                cleared = [label for key, label in (("done", "what was done"), ("outcome", "outcome"),
                                                    ("started", "started on"), ("finished", "finished on"))
                           if now.get(key)]
                if cleared:
                    from itaplan.base.i18n import translate

                    self.say("  cleared, as a measure not started has none: " + ", ".join(translate(c) for c in cleared))
                new.update(done="", outcome="", started=None, finished=None)
            # a dropped measure keeps what was done before it was dropped
            if status == "dropped":  # its reason first: it is required, the suggestion is not
                note = self._ask("note (the reason it was dropped)", note).strip()
                new["suggestion"] = self._ask("suggestion for next year", now["suggestion"]).strip()
            elif status in ("not started", "in progress"):  # the report prints why it is not finished
                new["suggestion"] = self._ask("suggestion for next year", now["suggestion"]).strip()
                note = self._ask("note: the obstacles, why it is not finished (the report prints them)", note).strip()
            else:
                new["suggestion"] = self._ask("suggestion for next year", now["suggestion"]).strip()
                note = self._ask("note", note).strip()
            problems = check_progress(new, {**m, "note": note}, self.today, year_began(self.plan))
            if not problems:
                return new, note
            for message in problems:
                self.say(f"  {message}")
            self.say("  please answer again")
