"""The workspace of the web app: plan files in one folder, and results uploaded into a temporary one.

Plan files stay the one source of truth: the app keeps nothing of its own, it reads the file for every page
and writes it (under the plan's lock, as the command line does) for every change. A plan is named in a URL
by its file name alone; a name with a folder in it, a hidden file, anything that resolves (through a link)
outside the workspace, or a file that is not a plan, is refused. Uploaded results are written under a
temporary folder with a cleaned name, so that the loader picks the format by its suffix, and the located
problems name the file as the user called it, never the temporary path.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from itaplan.app.tables import agencies_in, one_agency
from itaplan.base import thai
from itaplan.base.errors import InputError, ItaplanError, Problem, UsageError
from itaplan.base.i18n_composed import N_
from itaplan.base.yamlio import loads
from itaplan.drafting.model import Plan
from itaplan.drafting.plan import (
    active_measures,
    is_backup,
    is_plan_file,
    load_plan,
    plan_from_data,
    plan_lock,
    says_plan,
)
from itaplan.followup.importer import has_measures_header, import_table
from itaplan.followup.progress import SheetRows, progress_of, sheet_rows
from itaplan.ita.framework import held_results_year
from itaplan.ita.gather import META_ALIASES, META_KEYS, NoFiscalYear, YearContradicted
from itaplan.ita.loader import RESULT_SUFFIXES, load_results

PLAN_SUFFIXES = (".yaml", ".yml", ".json")
SET_ASIDE = ".deleted"  # the hidden folder of the workspace a removed plan is moved into, to be restored from
PASTED = N_("the pasted text")  # what the problems of pasted results name (read as a file called pasted.txt)
WEB_YEAR_ADVICE = {  # results without a year: choose it on the form, or what to add, by kind of input ({year}: held now)
    "yaml": N_("the year of the results was not found in the file: choose it in the field 'Fiscal year of the results' "
               "of the form and upload the file again (or add the line 'fiscal_year: {year}' to the file)"),
    "csv": N_("the year of the results was not found in the file: choose it in the field 'Fiscal year of the results' "
              "of the form and upload the file again (or add a first row 'ปีงบประมาณ,{year}' to the file)"),
    "xlsx": N_("the year of the results was not found in the file: choose it in the field 'Fiscal year of the results' "
               "of the form and upload the file again (or add a row with ปีงบประมาณ in the code column and {year} in "
               "the score column)"),
    "text": N_("the year of the results was not found in the file: choose it in the field 'Fiscal year of the "
               "results' of the form and upload the file again (or paste the report's text with its heading line "
               "'ปีงบประมาณ พ.ศ. {year}')"),
    "pasted": N_("the year of the results was not found in the text: choose it in the field 'Fiscal year of the "
                 "results' of the form and send the text again (or paste it with its heading line 'ปีงบประมาณ พ.ศ. "
                 "{year}')"),
    "batch": N_("the year of the results was not found in the file: choose it in the field 'Fiscal year of the "
                "results' of the form and upload the file again (or add a column ปีงบประมาณ holding {year})"),
}
# results naming another year than the one chosen on the form: the form's words, not the command line's option
WEB_YEAR_CONTRADICTED = {
    "file": N_("the file gives fiscal year {given}, but fiscal year {chosen} was chosen in the field 'Fiscal year of "
               "the results': choose 'as the file says' and upload the file again, or correct the year in the file"),
    "pasted": N_("the pasted text gives fiscal year {given}, but fiscal year {chosen} was chosen in the field 'Fiscal "
                 "year of the results': choose 'as the file says' and send the text again, or correct the year in "
                 "the text"),
}
MEASURES_SUFFIXES = (".txt", ".docx", ".xlsx", ".csv", ".pdf")  # what `itaplan import` reads
_NAME = re.compile(r"[^\s/\\\x00-\x1f]{1,200}")
_KEPT = re.compile(r"(?P<stamp>\d{8}-\d{6})(?:-\d{1,2})?-(?P<name>[^/]+)")  # set_aside's TIME(-N)-NAME


class NotFound(UsageError):
    """A plan the workspace does not hold (or a name that could never be one)."""


@dataclass
class Workspace:
    folder: Path

    def __post_init__(self) -> None:
        self.folder = self.folder.resolve()

    def plans(self) -> list[Path]:
        """The plan files of the workspace (its top folder only), by name; not the copies kept before a change."""

        try:
            entries = sorted(self.folder.iterdir())
        except OSError:
            return []
        return [p for p in entries if p.suffix.lower() in PLAN_SUFFIXES and not p.name.startswith(".")
                and not is_backup(p) and self.inside(p) and is_plan_file(p)]

    def inside(self, path: Path) -> bool:
        try:
            return path.resolve().parent == self.folder
        except (OSError, RuntimeError):  # a loop of links
            return False

    def plan_path(self, name: str) -> Path:
        """The plan file called ``name``; anything that could leave the workspace, or is not a plan, is refused."""

        if (not _NAME.fullmatch(name) or name.startswith(".") or Path(name).suffix.lower() not in PLAN_SUFFIXES
                or name in (".", "..")):
            raise NotFound(Problem(name[:80], "is not the name of a plan file in the workspace"))
        path = self.folder / name
        if not self.inside(path) or not is_plan_file(path):
            raise NotFound(Problem(name, "is not a plan file in the workspace"))
        return path

    def set_aside(self, path: Path, now: _dt.datetime | None = None) -> Path:
        """Remove a plan from the workspace without destroying it: moved (under its lock, by a rename) into the
        hidden folder .deleted/ as TIME-NAME, from where it is restored by moving it back. Returns where it is."""
        folder = self.folder / SET_ASIDE
        stamp = (now or _dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
        try:
            folder.mkdir(exist_ok=True)
            with plan_lock(path):
                for n in range(1, 100):
                    target = folder / (f"{stamp}-{path.name}" if n == 1 else f"{stamp}-{n}-{path.name}")
                    if not target.exists():
                        os.replace(path, target)
                        return target
        except OSError:
            raise UsageError(Problem(path.name, "cannot be moved to the hidden folder .deleted of the workspace; "
                                                "nothing was removed")) from None
        raise UsageError(Problem(path.name, "the hidden folder .deleted holds too many removed plans of this name; "
                                            "nothing was removed"))

    def removed(self) -> list[dict]:
        """The plans removed from the workspace (set_aside), newest first: the file kept in .deleted/, the name it
        had, when it was removed, and a free name to restore it under (its own, unless a plan holds it now)."""
        try:
            entries = sorted((self.folder / SET_ASIDE).iterdir(), reverse=True)
        except OSError:
            return []
        out = []
        for path in entries:
            found = _KEPT.fullmatch(path.name)
            if not found or Path(found["name"]).suffix.lower() not in PLAN_SUFFIXES or not path.is_file():
                continue
            when = _dt.datetime.strptime(found["stamp"], "%Y%m%d-%H%M%S")
            free = found["name"] if not (self.folder / found["name"]).exists() else self.new_plan_path(found["name"]).name
            out.append({"kept": path.name, "name": found["name"], "when": when, "free": free, **_whose(path)})
        return out

    def restore(self, kept: str, name: str) -> Path:
        """Move the removed plan ``kept`` (a name of removed()) back into the workspace as ``name``; a name a
        plan holds already is refused (nothing is ever overwritten), as is any name that is no plan's."""
        held = {r["kept"]: r for r in self.removed()}
        if kept not in held:
            raise NotFound(Problem(kept[:80], "is not a removed plan of the workspace (restored already?)"))
        name = plan_file_name(name) or held[kept]["name"]
        if (not _NAME.fullmatch(name) or name.startswith(".") or Path(name).suffix.lower() not in PLAN_SUFFIXES):
            raise UsageError(Problem(name[:80], "cannot be the name of a plan file: give a name ending in .plan.yaml, "
                                                "without / or spaces"))
        target = self.folder / name
        try:
            os.link(self.folder / SET_ASIDE / kept, target)  # a link fails where a file is: never overwrites
        except FileExistsError:
            raise UsageError(Problem(name, "a plan of this name is in the workspace already; restore the removed "
                                           "plan under another name")) from None
        except OSError:
            raise UsageError(Problem(name, "cannot be restored into the workspace folder")) from None
        os.unlink(self.folder / SET_ASIDE / kept)
        return target

    def first_plan_path(self, wanted: str, thai: bool = False) -> Path:
        """The file name a new plan from an uploaded file's name gets when it is free: ASCII letters, digits,
        '-' and '_' kept (``thai``: Thai letters too, for a name made from the agency's)."""
        stem = Path(Path(wanted).name).stem
        stem = stem.removesuffix(".plan")
        kept = r"[^A-Za-z0-9_\u0e00-\u0e7f-]+" if thai else r"[^A-Za-z0-9_-]+"
        stem = re.sub(kept, "-", stem).strip("-")[:60] or "plan"
        return self.folder / f"{stem}.plan.yaml"

    def new_plan_path(self, wanted: str, thai: bool = False) -> Path:
        """A free file name for a new plan (first_plan_path); an existing file is never overwritten (-2, -3 … is
        added)."""
        stem = self.first_plan_path(wanted, thai).name.removesuffix(".plan.yaml")
        for n in range(1, 1000):
            candidate = self.folder / (f"{stem}.plan.yaml" if n == 1 else f"{stem}-{n}.plan.yaml")
            if not candidate.exists():
                return candidate
        raise UsageError(Problem(f"{stem}.plan.yaml", "the workspace has too many plans of that name; remove some"))


def _whose(path: Path) -> dict[str, Any]:
    """The agency and plan year a plan file names, for the officer to know a removed plan by (blank: unreadable),
    and what tells two of the same agency apart: its total, the measures it keeps, when it was last saved."""
    try:
        plan = load_plan(path)
        saved = _dt.datetime.fromtimestamp(path.stat().st_mtime)  # a move into .deleted/ keeps it
    except (ItaplanError, OSError):
        return {"agency": "", "plan_year": None, "fiscal_year": None, "imported": False, "total": None, "measures": None,
                "saved": None}
    return {"agency": (plan.get("agency") or {}).get("name") or "", "plan_year": plan.get("plan_year"),
            "fiscal_year": plan.get("fiscal_year"),  # the year the home page's list names a plan by
            "imported": bool(plan.get("imported")),  # a measures table imported: named by its plan year
            "total": (plan.get("scores") or {}).get("total"), **measure_counts(plan), "saved": saved}


def measure_counts(plan: Plan) -> dict[str, int]:
    """The measures in force as the home page counts them (``measures``): neither dropped when settled (not in the
    documents) nor cancelled during the year (ยกเลิก, as their progress says: the report lists them, but they are
    no longer done), and those cancelled (``cancelled``), said apart: "8 มาตรการ (ยกเลิก 1)"."""
    statuses = [progress_of(m)["status"] for m in active_measures(plan)]
    return {"measures": sum(s != "dropped" for s in statuses), "cancelled": statuses.count("dropped")}


AGENCY_TYPES = ("องค์การบริหารส่วนตำบล", "องค์การบริหารส่วนจังหวัด", "เทศบาลตำบล", "เทศบาลเมือง", "เทศบาลนคร",
                "อบต.", "อบจ.", "ทต.", "ทม.", "ทน.", "อบต", "อบจ")  # what a short name drops (นาสิงห์, not อบต.นาสิงห์)


def plan_stem(agency: str, year: int | None) -> str:
    """A plan's file name from its agency and results year, as officers say them: นาสิงห์-2569 for องค์การบริหาร
    ส่วนตำบลนาสิงห์'s FY2569 results (the type dropped, spaces as '-')."""
    name = " ".join(agency.split())
    for kind in AGENCY_TYPES:
        if name.startswith(kind) and name[len(kind):].strip():
            name = name[len(kind):].strip()
            break
    return "-".join([*name.split(), *([str(year)] if year else [])])


def plan_file_name(typed: str) -> str:
    """A plan's file name as typed in a form: spaces as '-', and .plan.yaml added when no plan suffix is typed."""
    name = "-".join(typed.split())
    if name and Path(name).suffix.lower() not in PLAN_SUFFIXES:
        name = name.removesuffix(".plan") + ".plan.yaml"
    return name


def upload_name(filename: str | None, default: str) -> str:
    """The name an uploaded file is known by in messages: its own base name, cleaned; or ``default``."""
    name = Path((filename or "").replace("\\", "/")).name
    name = re.sub(r"[\x00-\x1f\x7f/]+", "", name).strip()[:120]
    return name or default


NEITHER_RESULTS_NOR_PLAN = N_("is neither ITA results nor a plan saved by itaplan: this page takes ITA results (the "
                              "file or text from ITAS, or a file of question codes and scores) or a plan file saved "
                              "by itaplan, which begins with 'itaplan:' and 'document: plan'")
NOT_ITAPLANS_PLAN = N_("is not a plan saved by itaplan (its header is another program's, or another kind of "
                       "document's): this page takes ITA results or a plan file saved by itaplan, which begins with "
                       "'itaplan:' and 'document: plan'; nothing was saved")
RESULTS_KEYS = sorted(META_KEYS | set(META_ALIASES) | {"questions", "indicators", "tools", "previous"})
_PLAN_HEADER = re.compile(r'^(?:itaplan|"itaplan")\s*:|[{,]\s*"itaplan"\s*:', re.MULTILINE)  # YAML's or JSON's


def _parsed(name: str, data: bytes) -> Any:
    """An uploaded YAML or JSON file parsed (located syntax errors), or None: not UTF-8 text (the results
    reader says what is wrong with it)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    return loads(text, name)


def plan_upload(name: str, data: bytes) -> Plan | None:
    """An uploaded plan file (itaplan's own YAML or JSON plan), validated as ``itaplan render PLAN`` validates one,
    upgraded from an older format as it does; None when the file is no plan (results, say). The file is taken for
    a plan as the command line takes it (its header says ``document: plan``), or when its header is ``itaplan:``:
    one of another program, or of another kind of document, is refused rather than read as results."""
    if Path(name).suffix.lower() not in PLAN_SUFFIXES:
        return None
    head = data[:4000].decode("utf-8-sig", errors="replace")
    if not says_plan(head) and _PLAN_HEADER.search(head) is None:
        return None
    parsed = _parsed(name, data)
    header = parsed.get("itaplan") if isinstance(parsed, dict) else None
    if isinstance(header, dict) and header.get("document") == "plan":
        return plan_from_data(parsed, name)
    line = parsed.line_of("itaplan") if isinstance(parsed, dict) and "itaplan" in parsed and \
        hasattr(parsed, "line_of") else None
    raise InputError(Problem(name, NOT_ITAPLANS_PLAN, line))


def neither_results_nor_plan(name: str, data: bytes) -> bool:
    """An uploaded YAML or JSON file refused as results that holds nothing like them: no mapping, or none of the
    results' fields (nor a near miss of one, whose 'did you mean' the officer is better told)."""
    if Path(name).suffix.lower() not in PLAN_SUFFIXES:
        return False
    try:
        parsed = _parsed(name, data)
    except ItaplanError:
        return False  # a YAML syntax error: said where it is
    rows = parsed if isinstance(parsed, list) else [parsed]  # a list: of agencies' results, perhaps
    return parsed is not None and not any(isinstance(row, dict) and any(
        str(key).lower() in RESULTS_KEYS or difflib.get_close_matches(str(key), RESULTS_KEYS, n=1, cutoff=0.6)
        for key in row) for row in rows)


@dataclass(frozen=True)
class SeveralAgencies:
    """An upload that is a table of many agencies' results (a province's): the agencies it names, for the officer
    to choose the one whose plan to draft (the command line's ``--agency``), never a hundred 'given twice' rows."""

    names: tuple[str, ...]


def load_upload(name: str, data: bytes, framework=None, agency: str | None = None):
    """An agency's results from uploaded bytes, read as the command line reads a file called ``name`` (the
    suffix decides the format); the results, their warnings and their problems name ``name``, never the
    temporary file. A name whose suffix itaplan does not read is refused before anything is written. A table of
    many agencies is read for ``agency`` only; without one, its agencies are answered (``SeveralAgencies``)."""

    suffix = Path(name).suffix.lower()
    if suffix not in RESULT_SUFFIXES:
        known = ", ".join(RESULT_SUFFIXES)
        raise InputError(Problem(name, f"is not a kind of file itaplan reads (the name must end in one of: {known})"))
    with tempfile.TemporaryDirectory(prefix="itaplan-upload-") as folder:
        path = Path(folder) / ("upload" + suffix)
        path.write_bytes(data)
        try:
            if agency is None:
                found = agencies_in(path)
                if len(found) > 1:
                    return SeveralAgencies(tuple(found))
            chosen = one_agency(path, agency, framework) if agency is not None else None
            results = chosen if chosen is not None else load_results(path, framework)
        except NoFiscalYear as exc:  # said in the web's terms: what to add, not a command-line option
            if neither_results_nor_plan(name, data):  # no year, for no results in it at all
                raise InputError(Problem(name, NEITHER_RESULTS_NOR_PLAN)) from None
            year = exc.problems[-1]
            advice = WEB_YEAR_ADVICE["pasted" if name == PASTED_FILE else exc.syntax]
            held = held_results_year(thai.today())  # the example is the year officers hold results of now
            problems = [*exc.problems[:-1], Problem(year.source, advice.format(year=held), year.line, year.column,
                                                    year.what)]
            raise InputError([renamed(p, str(path), name) for p in problems]) from None
        except YearContradicted as exc:  # the year's problem first, in the form's words
            said, *rest = exc.problems
            words = WEB_YEAR_CONTRADICTED["pasted" if name == PASTED_FILE else "file"]
            problems = [Problem(said.source, words.format(given=exc.given, chosen=exc.chosen), said.line,
                                said.column, said.what), *rest]
            raise InputError([renamed(p, str(path), name) for p in problems]) from None
        except ItaplanError as exc:
            if neither_results_nor_plan(name, data):  # one line saying what the page takes, not a list of fields
                raise InputError(Problem(name, NEITHER_RESULTS_NOR_PLAN)) from None
            problems = [renamed(p, str(path), name) for p in exc.problems]
            unread = getattr(exc, "unread", None)
            if name == PASTED_FILE and unread:  # every problem of the pasted text at once
                problems = sorted(problems + unread_lines(name, data.decode("utf-8", "replace"), unread),
                                  key=lambda p: p.line or 0)
            raise type(exc)(problems) from None
    results.source = name
    results.warnings = [renamed(w, str(path), name) for w in results.warnings]
    return results


# the importer's advice names the command line's options; the officer on the web has the form instead
IMPORT_WORDS = {
    "no fiscal year found for the measures: give --plan-year YEAR (the year they run in, e.g. 2568)":
        N_("no fiscal year found for the measures: upload it on the page of the plan whose last year's measures "
           "they are (Last year's measures, for the report on them)"),
    "no agency name found in the heading: give --agency NAME":
        N_("no agency name found in the heading: upload it on the page of the plan whose last year's measures "
           "they are (Last year's measures, for the report on them)"),
}
CARDS_YEARS_WEB = N_("the project cards run in different fiscal years ({years}): upload the document on the page of "
                     "the plan whose last year's measures they are (Last year's measures, for the report on them), "
                     "which takes them as that plan's year")


def web_words(message: str) -> str:
    """The importer's message in the web's words: its advice names the command line's options, the web has forms."""
    from itaplan.followup.importer import CARDS_YEARS

    head, tail = CARDS_YEARS.split("{years}")
    if message.startswith(head) and message.endswith(tail):
        return CARDS_YEARS_WEB.format(years=message[len(head):-len(tail)])
    return IMPORT_WORDS.get(message, message)


NOT_MEASURES_KIND = N_("is not a file the measures can be read from: upload the document as Word (.docx), PDF, Excel "
                       "(.xlsx), CSV or text")
OTHER_AGENCYS_MEASURES = N_("holds the measures of {theirs}, not of {ours}: last year's measures must be the same "
                            "agency's; upload this agency's document; nothing was saved")
OTHER_YEARS_MEASURES = N_("is of fiscal year {year}: last year's measures of this plan are those of fiscal year "
                          "{plan_year} (drafted from the results of {results_year}); upload that year's document; "
                          "nothing was saved")


def import_upload(name: str, data: bytes, session: Any, plan_year: int | None = None, agency: str | None = None,
                  results_year: int | None = None, chosen: bool = False, usual_year: int | None = None) -> Any:
    """Last year's hand-made measures table from uploaded bytes, imported as ``itaplan import`` does (the
    ``Imported`` plan and the rows not understood), or None when the file holds no measures table.

    ``chosen``: the officer said the file holds last year's measures (a published document holding last year's
    results and measures together): a file without a measures table is refused in the importer's words, never
    None. ``plan_year`` and ``agency``: the plan the measures are for, as ``--plan-year`` and ``--agency`` give them;
    a file whose heading names another agency, or another year, is refused (``results_year``: the year of the
    results the file also holds, a combined document's, which is the year before the measures' when they are a table;
    project cards say their own year by their timeline). ``usual_year``: the year the measures are taken to run in
    when the document does not say it (``import_table``)."""
    suffix = Path(name).suffix.lower()
    if suffix not in MEASURES_SUFFIXES:
        if chosen:
            raise InputError(Problem(name, NOT_MEASURES_KIND))
        return None
    with tempfile.TemporaryDirectory(prefix="itaplan-upload-") as folder:
        path = Path(folder) / ("upload" + suffix)
        path.write_bytes(data)
        if not chosen and not has_measures_header(path):
            return None
        try:
            if chosen:
                _same_plan(path, name, plan_year, agency, results_year)
            imported = import_table(path, plan_year, agency, drafter=session.plan, usual_year=usual_year)
        except ItaplanError as exc:
            raise type(exc)([renamed(Problem(p.source, web_words(p.message), p.line, p.column, p.what), str(path),
                                     name) for p in exc.problems]) from None
    # the plan and its notes name the file as the officer knows it, never the server's temporary path
    def known(line: str) -> str:
        return line.replace(str(path), name)

    plan = imported.plan
    plan["itaplan"]["source"] = name
    for m in plan["measures"]:
        if m.get("imported_from"):
            m["imported_from"] = known(m["imported_from"])
    said = plan["imported"]
    said["source"] = name
    said["not_understood"] = imported.not_understood = [known(x) for x in imported.not_understood]
    said["notes"] = imported.notes = [known(x) for x in imported.notes]
    if getattr(imported, "warnings", None):  # a project card's section left empty, or its indicator's name a slip
        imported.warnings = [known(x) for x in imported.warnings]
    return imported


def holds_measures(name: str, data: bytes) -> bool:
    """Whether an uploaded file holds measures at all, a measures table's header or project cards, of any agency or
    year: a file given as last year's measures that holds only results is then told so, not refused for its year."""
    from itaplan.followup.cards import read_cards
    from itaplan.followup.importer import read_rows

    suffix = Path(name).suffix.lower()
    if suffix not in MEASURES_SUFFIXES:
        return False
    with tempfile.TemporaryDirectory(prefix="itaplan-upload-") as folder:
        path = Path(folder) / ("upload" + suffix)
        path.write_bytes(data)
        try:
            return has_measures_header(path) or bool(read_cards(read_rows(path)[1]))
        except ItaplanError:
            return True  # unreadable: the importer's own words say why


def _same_plan(path: Path, name: str, plan_year: int | None, agency: str | None, results_year: int | None) -> None:
    """Refuse last year's measures of another agency or another year than the plan's (``import_upload``)."""
    from itaplan.followup.importer import heading_of
    from itaplan.ita.gather import agency_words, same_agency
    from itaplan.ita.results import Agency

    heading = heading_of(path)
    if agency and heading.get("agency"):
        theirs = Agency(name=heading["agency"], district=heading.get("district", ""),
                        province=heading.get("province", ""))
        if not same_agency(Agency(name=agency), theirs):
            raise InputError(Problem(name, OTHER_AGENCYS_MEASURES.format(theirs=agency_words(theirs),
                                                                         ours=agency_words(Agency(name=agency)))))
    if plan_year is None:
        return
    from itaplan.followup.importer import card_years

    cards = card_years(path)  # project cards say the year they run in by their timeline: that year, not the results'
    if cards:
        if plan_year not in cards:  # of several years, the plan's is taken; of none of them, refused
            raise InputError(Problem(name, OTHER_YEARS_MEASURES.format(
                year=", ".join(map(str, sorted(cards))), plan_year=plan_year, results_year=plan_year - 1)))
        return
    # a combined document's measures run in the year after its results; a table's heading says the measures' year
    said = results_year + 1 if results_year is not None else heading.get("year", (None,))[0]
    if said is not None and said != plan_year:  # measures of a year are drafted from the results of the year before
        raise InputError(Problem(name, OTHER_YEARS_MEASURES.format(year=said, plan_year=plan_year,
                                                                   results_year=plan_year - 1)))


NOT_A_SHEET = N_("is not a plan's tracking sheet (Excel, with its column of measure ids): upload the tracking sheet "
                 "downloaded from the plan page, filled in")


def tracking_upload(name: str, data: bytes, text: Any, quiet: bool = False) -> SheetRows | None:
    """The rows of an uploaded tracking sheet (``progress.sheet_rows``), read as ``itaplan progress --from`` reads
    one; what is no tracking sheet is refused in the web's words, or (``quiet``: any upload on the home page, to
    tell a filled-in sheet from results) is None."""
    if Path(name).suffix.lower() != ".xlsx":
        if quiet:
            return None
        raise InputError(Problem(name, NOT_A_SHEET))
    with tempfile.TemporaryDirectory(prefix="itaplan-upload-") as folder:
        path = Path(folder) / "upload.xlsx"
        path.write_bytes(data)
        try:
            return sheet_rows(path, text, source=name)
        except ItaplanError:
            if quiet:
                return None
            raise InputError(Problem(name, NOT_A_SHEET)) from None


def renamed(problem: Problem, temporary: str, name: str) -> Problem:
    """A problem that names a file by the server's path, naming it as the user knows it instead."""
    return Problem(problem.source.replace(temporary, name), problem.message.replace(temporary, name),
                   problem.line, problem.column, problem.what)


PASTED_FILE = "pasted.txt"  # the name the upload form gives the text pasted into its box


def unread_lines(name: str, text: str, unread: list[tuple[int, str]]) -> list[Problem]:
    """Pasted question lines whose score could not be read, each by its line and as it was typed: the text is
    refused, and comes back in its box to be mended (drafted without them, a part of EIT would have no score)."""
    lines = text.splitlines()
    problems = []
    for number, code in unread:
        typed = " ".join(lines[number - 1].split()) if 0 < number <= len(lines) else code
        typed = typed if len(typed) <= 80 else typed[:77] + "…"
        after = thai.to_arabic(typed).split(code, 1)[-1] if code in thai.to_arabic(typed) else thai.to_arabic(typed)
        over = [n for n in re.findall(r"\d+(?:\.\d+)?", after) if float(n) > 100]
        if over:  # a number is there, but no score can be it: said as such, not as "could not be read"
            problems.append(Problem(name, f"the line '{typed}' gives question '{code}' the score {over[0]}, over 100: "
                                          "scores run from 0 to 100; correct it, or delete the line, and send the text "
                                          "again; nothing was saved", number))
            continue
        problems.append(Problem(name, f"the line '{typed}' starts with the question code '{code}' but its score "
                                      "could not be read: write the score as a number (e.g. 88.71) or the answer as "
                                      "มี/ไม่มี or ผ่าน/ไม่ผ่าน, or delete the line, and send the text again; "
                                      "nothing was saved", number))
    return problems
