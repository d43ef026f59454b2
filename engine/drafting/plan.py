"""The plan file: written as YAML (human-editable) or JSON, read back and validated with located errors."""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar, cast

from itaplan.base.errors import InputError, Problem, UsageError
from itaplan.base.i18n import translate
from itaplan.base.i18n_composed import N_
from itaplan.base.output import os_problem, write_atomic
from itaplan.base.schemacheck import path_text, position, schema_errors
from itaplan.base.thai import parse_date, round2
from itaplan.base.yamlio import load_file, plain
from itaplan.content.catalogue import load_catalogue
from itaplan.content.texts import template_pattern
from itaplan.drafting.model import Measure, Plan

_DUMPER: list[Any] = []  # made on the first YAML plan written: PyYAML costs 20 ms to import, JSON needs none of it


def _dumper() -> Any:
    """PyYAML's SafeDumper writing text with a line break as a block (|), str subclasses as text."""
    if not _DUMPER:
        import yaml

        class _Dumper(yaml.SafeDumper):
            pass

        def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
            style = "|" if "\n" in value else None
            return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

        _Dumper.add_representer(str, _str)
        _Dumper.add_multi_representer(str, _str)  # str subclasses (a settings text used as it is) are text too
        _DUMPER.append(_Dumper)
    return _DUMPER[0]


_LEAVES = (str, int, bool, type(None))
_LEAF_TYPES = frozenset(_LEAVES)


_ROUNDED: dict[float, float] = {}  # as scoring.r2: the same few thousand numbers recur in every plan


def _round_float(value: float) -> float:
    if value == 0:
        return value  # what round gives, -0.0 kept (the cache would confuse it with 0.0)
    known = _ROUNDED.get(value)
    if known is None:
        if len(_ROUNDED) > 65536:
            _ROUNDED.clear()
        known = _ROUNDED[value] = round(value, 4) if abs(value) < 1 else round2(value)
    return known


def _rounded(data: Any) -> Any:
    """Floats to two decimals (like the NACC prints them) everywhere in the plan's text forms."""
    kind = type(data)
    if kind in _LEAVES:  # most of a plan: checked by exact type first, the cheapest test
        return data
    if kind is float:
        return _round_float(data)
    if isinstance(data, dict):
        return {k: _rounded(v) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [_rounded(v) for v in data]
    if isinstance(data, float):
        return _rounded(float(data))
    return data


class _NotPlain(Exception):
    """A value orjson would write otherwise than json (NaN, 1e+16): the caller falls back to json."""


def _round_in_place(data: dict | list) -> None:
    """``_rounded`` without copying: the floats of a plan that is not used again are replaced where they are
    (a quarter of the time of copying the plan). Also refuses what orjson would not write as json does."""
    items = data.items() if type(data) is dict else enumerate(data)
    for key, value in items:
        kind = type(value)
        if kind in _LEAF_TYPES:
            continue
        if kind is float:
            if not abs(value) < 1e16:  # NaN, infinities and numbers json writes with an exponent
                raise _NotPlain
            data[key] = _round_float(value)  # type: ignore[index]
        elif kind is dict or kind is list:
            _round_in_place(value)
        else:  # tuples, subclasses: as _rounded makes them
            data[key] = _rounded(value)  # type: ignore[index]
            if type(data[key]) in (dict, list):  # type: ignore[index]
                _round_in_place(data[key])  # type: ignore[index]


def to_json(plan: Plan, pretty: bool = True) -> str:
    """Pretty for people; compact (json's C encoder, several times faster) for batches."""
    if pretty:
        return json.dumps(_rounded(plan), ensure_ascii=False, indent=2) + "\n"
    return json.dumps(_rounded(plan), ensure_ascii=False, separators=(",", ":")) + "\n"


def to_json_bytes(plan: Plan, *, consume: bool = False) -> bytes:
    """The compact JSON of ``to_json(plan, pretty=False)``, byte for byte, as UTF-8, written by orjson (four
    times faster than json). With ``consume`` the plan's floats are rounded in place: for a plan that is
    not used after this (a batch), which saves copying it. Anything orjson would write otherwise than json
    (NaN, numbers of 1e16 and more, keys that are not text, huge integers) goes through json instead."""
    import orjson

    data: Any = plan
    try:
        if consume:
            _round_in_place(data)
        else:
            data = _rounded(plan)
            _round_in_place(data)  # only checks: the floats are already rounded
        return orjson.dumps(data) + b"\n"
    except (_NotPlain, TypeError, orjson.JSONEncodeError):
        return to_json(data, pretty=False).encode("utf-8")


# The comments heading a YAML plan: for the officer who edits the file, so in the interface's language.
PLAN_HEADER = (
    N_("itaplan plan: edit the measures' texts, owners, timelines, evidence, status (proposed/kept/dropped) and notes."),
    N_("Then write the documents: `itaplan render THIS_FILE --format docx -o plan.docx`. Scores and provenance are for "
       "reference."),
    N_("During the year `itaplan progress THIS_FILE` records what was done; `itaplan report THIS_FILE` reports it."),
)


HEADER_LANGUAGES = ("en", "th")  # the languages a plan's header comments may be written in


def header_language(text: str) -> str | None:
    """The language the comments heading a plan file's ``text`` are written in (one of ``HEADER_LANGUAGES``), else
    None (no header of ours: a plan written by hand, or JSON)."""
    comments = set()
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        comments.add(line[1:].strip())
    for lang in HEADER_LANGUAGES:
        if any(translate(line, lang).strip() in comments for line in PLAN_HEADER):
            return lang
    return None


def file_header_language(path: Path) -> str | None:
    """``header_language`` of the plan file at ``path``; None when it has none or cannot be read."""
    try:
        with open(plan_target(path), encoding="utf-8") as f:
            head = "".join(line for line, _ in zip(f, range(len(PLAN_HEADER) + 2)))
    except (OSError, ValueError):
        return None
    return header_language(head)


def to_yaml(plan: Plan, lang: str | None = None) -> str:
    """The plan as YAML under a few comments for whoever edits it, in ``lang`` (default: the interface's)."""
    header = "".join(f"# {translate(line, lang)}\n" for line in PLAN_HEADER)
    import yaml

    return header + yaml.dump(_rounded(plan), Dumper=_dumper(), allow_unicode=True, sort_keys=False, width=100)


def plan_target(path: Path) -> Path:
    """The file a plan path stands for: a symbolic link's target (resolved), so that a shared plan reached through
    a link is updated where it is, under the one lock of that file, and the link stays a link."""
    return path.resolve() if path.is_symlink() else path


def save_plan(plan: Plan, path: Path, force: bool = True, like: Path | None = None) -> None:
    """Write a plan back in the format its file name says (JSON or YAML), atomically, through a link to its
    target. Its header comments keep the language they were written in (the officer's file does not follow whoever
    ran the last command): that of ``like`` (the plan it was read from, when written elsewhere), else of the file
    being replaced, else the interface's (a new plan)."""
    target = plan_target(path)
    if target.suffix.lower() == ".json":
        write_atomic(target, to_json(plan), force=force)
        return
    lang = (file_header_language(like) if like is not None else None) or file_header_language(target)
    write_atomic(target, to_yaml(plan, lang), force=force)


BACKUP_TAGS = ("orig", "before-progress")  # keep_original's copies: review --edit, progress
_BACKUP = re.compile(r"\.(?:%s)(?:-\d+)?$" % "|".join(map(re.escape, BACKUP_TAGS)))
MAX_COPY_NAMES = 100  # PLAN.orig.yaml, PLAN.orig-2.yaml … before giving up


def is_backup(path: Path) -> bool:
    """A copy keep_original made (PLAN.orig.yaml, PLAN.before-progress.yaml, PLAN.orig-2.yaml when the first name
    was taken): a plan, but not one to list."""
    return _BACKUP.search(path.stem) is not None


@dataclass(frozen=True)
class KeptCopy:
    """Where keep_copy kept a plan's original: ``made`` now (else by an earlier session, found again); ``taken``,
    a file that held the usual name but is not a copy of this plan (left as it is)."""

    path: Path
    made: bool
    taken: Path | None = None


def identity(plan: Plan) -> tuple:
    """What a plan and every later state of it share (review and progress change measures, never these)."""
    made = plan.get("itaplan", {})
    return (made.get("drafted"), made.get("source"), made.get("rules"), plan.get("agency", {}).get("name"),
            plan.get("fiscal_year"), plan.get("plan_year"), [m.get("id") for m in plan.get("measures", [])])


def copies_record(path: Path) -> Path:
    """The hidden file beside a plan (as its lock file is) recording the copies this tool made of it: by tag, the
    copy's file name and the digest of what was written. The plan itself is not touched until it is changed."""
    target = plan_target(path)
    return target.with_name(f".{target.name}.copies")


def made_copies(path: Path) -> dict[str, dict[str, str]]:
    """The copies of the plan at ``path`` this tool recorded making (``copies_record``); none when unreadable."""
    try:
        data = json.loads(copies_record(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): dict(v) for k, v in data.items() if isinstance(v, dict)} if isinstance(data, dict) else {}


def is_our_copy(copy: Path, path: Path, tag: str) -> bool:
    """``copy`` is the file this tool wrote as the copy (``tag``) of the plan at ``path``, unchanged since: its name
    and the digest of what was written are recorded beside the plan. Anything else of that name, an officer's own
    copy of the plan too (the same draft and measures, their edits in it), is someone else's file: never
    overwritten, never called the original."""
    made = made_copies(path).get(tag) or {}
    if made.get("file") != copy.name or copy.is_symlink() or not copy.is_file():
        return False
    try:
        return hashlib.sha256(copy.read_bytes()).hexdigest() == made.get("sha256")
    except OSError:
        return False


def keep_copy(path: Path, tag: str) -> KeptCopy:
    """Copy PLAN to PLAN.<tag>.yaml before the first change; later changes never overwrite that copy. A file of that
    name this tool did not write as the plan's copy (or that was changed since) is never overwritten nor taken for
    one: the next free name (PLAN.<tag>-2.yaml …) is used. Written as plans are (a temporary file, then renamed), so
    a full disk leaves no half copy that looks like a plan; the copy made is recorded beside the plan
    (``copies_record``)."""
    path = plan_target(path)  # beside the plan itself when it is reached through a link
    taken: Path | None = None
    for n in range(1, MAX_COPY_NAMES + 1):
        copy = path.with_name(f"{path.stem}.{tag}{'' if n == 1 else f'-{n}'}{path.suffix}")
        if copy.exists() or copy.is_symlink():
            if is_our_copy(copy, path, tag):
                return KeptCopy(copy, False, taken)
            taken = taken or copy
            continue
        if not path.exists():
            return KeptCopy(copy, True, taken)
        try:
            data = path.read_bytes()
            write_atomic(copy, data)  # never over a file (one made since it was looked at is refused, not replaced)
            made = {**made_copies(path), tag: {"file": copy.name, "sha256": hashlib.sha256(data).hexdigest()}}
            write_atomic(copies_record(path), json.dumps(made, ensure_ascii=False, indent=1) + "\n", force=True)
        except OSError as exc:
            raise os_problem(copy, exc, "the copy of the original plan cannot be written") from None
        return KeptCopy(copy, True, taken)
    first, last = f"{path.stem}.{tag}{path.suffix}", f"{path.stem}.{tag}-{MAX_COPY_NAMES}{path.suffix}"
    raise UsageError(Problem(str(path), f"no free name for the copy of the original plan ({first} to {last} are all "
                                        "other files); move some away"))


def discard_copy(path: Path, tag: str) -> bool:
    """Takes back the copy ``keep_copy`` made (``tag``) when it is still the plan as it is (a session that changed
    nothing: quitting ``review --edit`` at once left plan.orig.yaml and its record in the officer's folder), with
    its line in the record, and the record itself once empty. Only a copy this tool made and that holds the plan's
    bytes exactly is removed; anything else stays. Whether it was removed."""
    path = plan_target(path)
    made = made_copies(path)
    entry = made.get(tag) or {}
    copy = path.with_name(str(entry.get("file") or ""))
    try:
        if not entry or not is_our_copy(copy, path, tag) or copy.read_bytes() != path.read_bytes():
            return False
        copy.unlink()
        rest = {k: v for k, v in made.items() if k != tag}
        if rest:
            write_atomic(copies_record(path), json.dumps(rest, ensure_ascii=False, indent=1) + "\n", force=True)
        else:
            copies_record(path).unlink(missing_ok=True)
    except OSError:
        return False
    return True


def keep_original(path: Path, tag: str) -> Path:
    """The copy of PLAN's original (``keep_copy``)."""
    return keep_copy(path, tag).path


# How long a second writer waits for the first (an interactive session holds the lock only while saving).
LOCK_TIMEOUT = 30.0
T = TypeVar("T")


def lock_path(path: Path) -> Path:
    target = plan_target(path)  # writers through a link and through the real path take the same lock
    return target.with_name(f".{target.name}.lock")


@contextmanager
def plan_lock(path: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold the plan's lock (a file beside it) for one read-modify-write.

    The plan itself is replaced by a rename on every save, so the lock cannot be on the plan's own inode.
    A second ``progress`` or ``review --edit`` waits; after ``timeout`` seconds it fails with exit 2 and
    changes nothing. Every writer re-reads the plan once it holds the lock: no update is ever lost.
    """
    from filelock import FileLock, Timeout

    wait = timeout
    if wait is None:
        try:
            wait = max(0.0, float(os.environ.get("ITAPLAN_LOCK_TIMEOUT", LOCK_TIMEOUT)))
        except ValueError:
            wait = LOCK_TIMEOUT
    lock = FileLock(str(lock_path(path)), timeout=wait)
    try:
        lock.acquire()
    except Timeout:
        raise UsageError(Problem(str(path), f"is being changed by another itaplan (waited {wait:g} s for "
                                            f"{lock_path(path).name}); try again when it has finished")) from None
    except OSError as exc:
        raise os_problem(lock_path(path), exc, "the plan's lock file cannot be made") from None
    try:
        yield
    finally:
        lock.release()


def update_plan(path: Path, change: Callable[[Plan], T], source: Path | None = None,
                backup: str | None = None) -> tuple[Plan, T]:
    """Under the plan's lock: read the plan (from ``source``, else ``path``) afresh, let ``change`` alter it,
    and save it to ``path`` if ``change`` returns something true. Returns the plan and what ``change`` said."""
    with plan_lock(path):
        plan = load_plan(source or path)
        result = change(plan)
        if result:
            if backup:
                keep_original(path, backup)
            save_plan(plan, path, like=source)
    return plan, result


NOT_A_PLAN = "is not an itaplan plan (made by `itaplan draft --format yaml`)"


def load_plan(path: str | Path) -> Plan:
    """Read a plan file (YAML or JSON) back, validating it; errors name the file and line."""
    p = Path(path)
    return plan_from_data(load_file(p), str(p))


def plan_from_data(data: Any, source: str) -> Plan:
    """A plan read by any means (a file, a JSON body sent to the web app) checked against the plan schema;
    errors name ``source`` and, for a file, the line. A plan of an older format is upgraded first."""
    if not isinstance(data, dict) or not isinstance(data.get("itaplan"), dict) or data["itaplan"].get("document") != "plan":
        raise InputError(Problem(source, NOT_A_PLAN))
    problems = size_problems(data, source)
    if problems:  # before the schema check, whose cost grows with every value (18 s for a list of 10^6 steps)
        raise InputError(problems)
    version = data["itaplan"].get("schema", 1)
    if type(version) is int and version > PLAN_SCHEMA:  # saved by a later itaplan: not a typo to mend
        line, column = position(data, ["itaplan", "schema"])
        raise InputError(Problem(source, f"itaplan.schema: {version} is the plan format of a newer itaplan (this one "
                                         f"reads formats 1 to {PLAN_SCHEMA}): open the plan with that itaplan, or "
                                         "update this one", line, column))
    if type(version) is not int or not 1 <= version <= PLAN_SCHEMA:  # the format's version decides the upgrade
        line, column = position(data, ["itaplan", "schema"])
        raise InputError(Problem(source, f"itaplan.schema: {str(version)[:40]!r} is not a plan format's version (1 to "
                                         f"{PLAN_SCHEMA}); write the number the plan was drafted with", line, column))
    upgrade(data)
    dates = _dates_to_iso(data, source)
    problems = [problem for problem, _ in dates]
    wrong_dates = [path for _, path in dates]  # said once: not again as a text not written as a date
    problems += [p for p, path in schema_errors(data, "plan.schema.json", source) if path not in wrong_dates]
    if problems:
        raise InputError(problems)
    return cast(Plan, plain(data))  # validated against plan.schema.json above


# The plan format's version (itaplan.schema). 3: a measure's points and served items are data (year, code, title,
# confidence), not only sentences; 2: the analysis cites measures by id; 1 (no version): by number.
PLAN_SCHEMA = 3


@lru_cache(maxsize=1)  # the built-in wording: read once, and only when a version 1 plan is upgraded
def _v1_citation() -> re.Pattern[str]:
    """How version 1 wrote a citation inside a category's line: the built-in wording of ``point_measures``
    ("(มาตรการที่ 1, 3)"); a plan drafted in a workspace that reworded it keeps its line as written."""
    template = load_catalogue([]).text("point_measures")
    return re.compile(r"\s*" + template_pattern(template, {"numbers": r"[0-9]+(?:, ?[0-9]+)*"}))


def upgrade(data: dict) -> None:
    """An older plan, as officers have already edited it, brought to this format in place (its values otherwise
    untouched). Version 1 cited measures by their drafted number, their place in ``measures``: now by id."""
    header = data["itaplan"]
    if header.get("schema", 1) >= PLAN_SCHEMA:
        return
    measures = data.get("measures")
    ids = [m.get("id") for m in measures] if isinstance(measures, list) and \
        all(isinstance(m, dict) for m in measures) else []

    def by_id(numbers: object) -> object:
        if not isinstance(numbers, list) or not all(isinstance(n, int) and not isinstance(n, bool) for n in numbers):
            return numbers  # not version 1's numbers: the schema says what is wrong
        return [ids[n - 1] for n in numbers if 1 <= n <= len(ids) and isinstance(ids[n - 1], str)]

    analysis = data.get("analysis")
    if isinstance(analysis, dict):
        for issue in analysis.get("issues") or []:
            for point in (issue.get("points") or []) if isinstance(issue, dict) else []:
                if isinstance(point, dict) and "measures" in point:
                    point["measures"] = by_id(point["measures"])
        for group in analysis.get("categories") or []:
            if not isinstance(group, dict) or not isinstance(group.get("lines"), list) or "cites" in group:
                continue
            cites: list[object] = []
            citation = _v1_citation()
            for index, line in enumerate(group["lines"]):
                found = citation.search(line) if isinstance(line, str) else None
                if found is None:
                    cites.append([])
                    continue
                group["lines"][index] = (line[:found.start()] + line[found.end():]).strip()
                cites.append(by_id([int(n) for n in found.group("numbers").replace(" ", "").split(",")]))
            group["cites"] = cites
    header["schema"] = PLAN_SCHEMA


# A drafted plan of 10 measures holds about 2,000 values, nested 9 deep, its longest list the ~50 questions; no
# agency has more than ~50 measures of ~30 steps. The schema bounds the measures and their lists; these bound
# everything before it is checked or rendered (review.log, which grows with every decision, only by the total).
MAX_VALUES = 100_000
MAX_LIST = 1_000
MAX_NESTING = 32
# characters of text in a plan: a drafted plan of ten measures holds about 60,000, one of 50 measures some 300,000; an
# 8 MB plan took a PDF writer 1.8–3.2 GB, so a plan is bounded well above any real one and well below that
MAX_TEXT = 1_000_000
UNBOUNDED_LISTS = {("review", "log")}


def size_problems(data: Any, source: str) -> list[Problem]:
    """A plan too large or too deep to be one (a list of a million steps, lists nested a thousand deep): the
    first such place, located; checked without recursion, in time proportional to what is allowed."""

    def problem(path: tuple, message: str) -> list[Problem]:
        line, column = position(data, list(path))
        return [Problem(source, f"{path_text(list(path)) or 'the plan'}: {message}", line, column)]

    stack: list[tuple[Any, tuple]] = [(data, ())]
    seen = text = 0
    while stack:
        node, path = stack.pop()
        seen += 1
        if seen > MAX_VALUES:
            return [Problem(source, f"holds more than {MAX_VALUES} values (a plan of 50 measures holds about 10,000); "
                                    "refused")]
        if isinstance(node, str):
            text += len(node)
            if text > MAX_TEXT:
                return [Problem(source, f"holds more than {MAX_TEXT:,} characters of text (a plan of 50 measures "
                                        "holds about 300,000); refused")]
        if len(path) > MAX_NESTING:
            return problem(path, f"nested more than {MAX_NESTING} levels deep, which no plan is; refused")
        if isinstance(node, dict):
            stack.extend((value, (*path, key)) for key, value in node.items())
        elif isinstance(node, list):
            if len(node) > MAX_LIST and tuple(k for k in path if isinstance(k, str)) not in UNBOUNDED_LISTS:
                count = len(node)
                return problem(path, f"holds {count} items, more than the {MAX_LIST} any list of a plan may hold "
                                     "(no plan has more than about 50 measures of some 30 steps); refused")
            stack.extend((value, (*path, index)) for index, value in enumerate(node))
    return []


def _dates_to_iso(data: dict, source: str) -> list[tuple[Problem, list]]:
    """Progress and approval dates as officers may type them in the YAML (2026-03-15 unquoted, 15/3/2569,
    15 มี.ค. 2569, Thai digits), read as a results file's are (``parse_date``), become ISO text; a date that is no
    real date (2026-02-30) is a located problem. Anything else is left for the schema check."""

    problems = []
    places: list[tuple[dict, str, list, str]] = []  # (mapping, key, path, the key as said)
    measures = data.get("measures")
    for index, m in enumerate(measures if isinstance(measures, list) else []):
        progress = m.get("progress") if isinstance(m, dict) else None
        if isinstance(progress, dict):
            places += [(progress, key, ["measures", index, "progress", key], f"measures[{index}].progress.{key}")
                       for key in ("started", "finished", "updated")]
    agency = data.get("agency")
    signatories = agency.get("signatories") if isinstance(agency, dict) else None
    for role, person in (signatories.items() if isinstance(signatories, dict) else []):
        if isinstance(person, dict):
            places.append((person, "date", ["agency", "signatories", role, "date"], f"agency.signatories.{role}.date"))
    for mapping, key, path, said in places:
        value = mapping.get(key)
        if value in (None, "") or isinstance(value, (bool, int, float, list, dict)):
            continue
        try:
            mapping[key] = parse_date(value).isoformat()
        except ValueError as exc:
            line, column = position(data, path)
            problems.append((Problem(source, f"{said}: {exc}", line, column), path))
    return problems


def is_plan_file(path: str | Path) -> bool:
    p = Path(path)
    if p.suffix.lower() not in (".yaml", ".yml", ".json"):
        return False
    try:
        if not p.is_file():  # a FIFO would block the read
            return False
        with p.open("rb") as handle:
            head = handle.read(4000).decode("utf-8-sig", errors="replace")
    except OSError:
        return False
    return says_plan(head)


def says_plan(head: str) -> bool:
    """The first few thousand characters of a file say it is a plan (its header's ``document: plan``): how the
    command line, and the web app's upload, tell a plan from results before reading either."""
    return "document: plan" in head or _JSON_PLAN.search(head) is not None


_JSON_PLAN = re.compile(r'"document"\s*:\s*"plan"')  # pretty ("document": "plan") or compact, as a batch writes it


def active_measures(plan: Plan) -> list[Measure]:
    """The measures that stay in the documents (an officer's 'dropped' ones are left out)."""
    return [m for m in plan.get("measures", []) if m.get("status") != "dropped"]


def holding(measures: Iterable[Measure], measure_id: str) -> Measure | None:
    """The measure (row) ``measure_id`` names: the one of that id, else the merged row that holds a measure of that
    id (its ``merged`` ids, as ``rules explain`` tells them: 'in row N'), so a member's id typed anywhere a
    measure's id is (--card, progress/review --measure) stands for its row."""
    listed = list(measures)
    return (next((m for m in listed if m["id"] == measure_id), None)
            or next((m for m in listed if measure_id in (m.get("merged") or [])), None))


def is_action_plan(plan: Plan) -> bool:
    """A plan imported from an anti-corruption action plan's project cards (``imported.kind: action_plan``): its
    projects and activities are the action plan's, reported on as such, not measures drafted for ITA indicators."""
    return (plan.get("imported") or {}).get("kind") == "action_plan"


def without_indicator(plan: Plan) -> list[tuple[int, Measure]]:
    """The measures kept in the documents that serve no known indicator, with their numbers in the table: measures
    imported from a table that names none (``indicator: null``), left for the officer to set, never guessed. None
    for an action plan (``is_action_plan``): its projects need no indicator, and its report names none unless one
    is set (it then follows that indicator's score in its suggestions)."""
    if is_action_plan(plan):
        return []
    return [(n, m) for n, m in enumerate(active_measures(plan), start=1) if m.get("indicator") is None]


def without_dimension(plan: Plan) -> list[tuple[int, Measure]]:
    """The measures kept in the documents that name no dimension of the action plan (an own measure added with the
    dimension left blank, one typed in the plan file; a merged row none of whose members names one), with their
    numbers in the table: the action-plan table prints '–' in its column for them. None for a plan of imported
    measures (last year's, an action plan): it has no action-plan table of its own."""
    if plan.get("imported"):
        return []
    def named(m: Measure) -> bool:
        return bool(m.get("dimension")) or any(x.get("dimension") for x in m.get("members") or [])
    return [(n, m) for n, m in enumerate(active_measures(plan), start=1) if not named(m)]


def measure_numbers(plan: Plan) -> dict[str, int]:
    """Each measure's number in the documents' table, by id: the measures that stay, 1…n in the table's order
    (a measure an officer dropped has none, and the ones after it move up). The analysis cites measures by id;
    this is how every document, the tracking sheet and ``progress --measure N`` number them."""
    return {m["id"]: n for n, m in enumerate(active_measures(plan), start=1)}
