"""``itaplan rules diff``: what a rule change does to the plans, before an office adopts it.

Two rule sets — the one in force before (built-in only, a folder, or a folder as it was at a git revision)
and the one proposed (built-in plus the ``--rules`` folders) — draft the same agencies. Per agency, the
measures that appear, disappear or change are listed with the rules responsible, then a summary over all
agencies. A measure changes when what the documents print for its row changes (its codes, title or wording); a
row that prints the same but is proposed by other rules is said apart, and not counted as a change (a grouped
row's shared list of rules is not the measure's: each measure is named with the rules that proposed it). The
analysis is compared as published too: its lines added, removed or moved to another section, a line citing other
measures, a line reworded (the same section, the same indicator or question, other words), and (in one line) the
citations and sections only renumbered.
Nothing is written; the exit status is 0.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable

from itaplan.app.batch import Job, _results
from itaplan.app.session import Session
from itaplan.app.workspace import WORKSPACE_FILE, find_workspace, workspace_layers
from itaplan.base.errors import InputError, ItaplanError, Problem
from itaplan.base.i18n import language, problem_text, translate
from itaplan.base.i18n_composed import N_
from itaplan.base.yamlio import load_file, plain
from itaplan.content.texts import Texts
from itaplan.drafting.model import Plan
from itaplan.ita.framework import builtin_years, load_framework
from itaplan.ruling.conditions import condition_in_thai
from itaplan.ruling.rulebook import Rule, RuleSet


@dataclass
class AgencyDiff:
    agency: str
    source: str
    added: list[dict] = field(default_factory=list)  # {id, title, codes, rules}
    removed: list[dict] = field(default_factory=list)
    changed: list[dict] = field(default_factory=list)  # {id, title, codes_before, codes_after, fields, rules_before, ...}
    reasons: list[dict] = field(default_factory=list)  # printed the same, proposed by other rules: {id, rules_before, ...}
    error: str = ""
    fiscal_year: int | None = None  # the year of the results (None: they could not be read)
    analysis: dict = field(default_factory=lambda: no_analysis_change())  # what the published analysis says otherwise
    # rule id -> the measures it proposes in the plan (table, left out by the row limit, kept up), (before, after)
    proposals: tuple[dict[str, list[str]], dict[str, list[str]]] = field(default_factory=lambda: ({}, {}))

    @property
    def same(self) -> bool:
        return not (self.added or self.removed or self.changed or self.error or analysis_changed(self.analysis))

    def to_dict(self) -> dict[str, Any]:
        return {"agency": self.agency, "source": self.source, "fiscal_year": self.fiscal_year, "added": self.added,
                "removed": self.removed, "changed": self.changed, "reasons": self.reasons, "analysis": self.analysis,
                **({"error": self.error} if self.error else {})}


def no_analysis_change() -> dict[str, Any]:
    return {"added": [], "removed": [], "moved": [], "cited": [], "reworded": [],
            "renumbered": {"citations": 0, "sections": []}}


def analysis_changed(analysis: dict[str, Any]) -> bool:
    renumbered = analysis["renumbered"]
    return bool(analysis["added"] or analysis["removed"] or analysis["moved"] or analysis["cited"] or
                analysis["reworded"] or renumbered["citations"] or renumbered["sections"])


def _git(where: Path, shown: str, *args: str) -> str:
    """One git command in ``where``; its failure a located error (``shown``: the folder as the user names it)."""
    try:
        done = subprocess.run(["git", "-C", str(where), *args], capture_output=True, text=True, check=False,
                              timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise InputError(Problem(shown, f"git could not be run: {exc}")) from None
    if done.returncode and "not a git repository" in done.stderr:
        folder = _shown(where) if _shown(where) != "." else str(where)  # "." names no folder in a message
        raise InputError(Problem(folder, "is not in a git repository, so it has no committed version to compare "
                                         "against: run git init, git add . and git commit there to keep one, or "
                                         "give the rules as they were with --against FOLDER (a folder of rule "
                                         "files), or --against built-in"))
    revision = next((a for a in args[1:] if not a.startswith("-") and a != "--"), "") if args[:1] == ("ls-tree",) \
        else ""
    if done.returncode and revision and _NO_REVISION.search(done.stderr):
        folder = _shown(where)
        said = (f"the workspace's git history has no revision {revision}: see the revisions it has with git log "
                "--oneline and name one of them (git:HEAD is the last commit, git:HEAD~1 the one before it)"
                ) if (where / WORKSPACE_FILE).is_file() else \
            (f"the git history of {folder} has no revision {revision}: see the revisions it has with git log "
             "--oneline and name one of them (git:HEAD is the last commit, git:HEAD~1 the one before it)")
        raise InputError(Problem(f"--against git:{revision}", said))
    if done.returncode:
        raise InputError(Problem(shown, f"git {' '.join(args[:2])}: {done.stderr.strip()[:200]}"))
    return done.stdout


# what git says of a revision its history does not have (HEAD~9 of a history of five commits, a misspelt name)
_NO_REVISION = re.compile(r"not a valid object name|unknown revision|bad revision|invalid object name|"
                          r"not a tree object|ambiguous argument", re.IGNORECASE)


def git_snapshot(folder: str, revision: str, target: Path) -> Path:
    """The YAML files of ``folder`` as they were at ``revision`` of its git repository, copied into ``target``
    (a folder that did not exist then is copied as an empty one)."""
    where = Path(folder).resolve()
    target.mkdir(parents=True, exist_ok=True)
    for name in _git(where, folder, "ls-tree", "--name-only", revision, "--", ".").splitlines():
        base = Path(name).name
        if base.endswith((".yaml", ".yml")) and "/" not in name:
            (target / base).write_text(_git(where, folder, "show", f"{revision}:./{base}"), encoding="utf-8")
    return target


@dataclass
class Snapshot:
    """Files copied as they were at a git revision: which real folder each temporary copy stands for, so that
    a problem in a copy is said of the real file, at that revision (never of the temporary folder)."""

    revision: str
    places: dict[str, str] = field(default_factory=dict)  # temporary folder -> the folder as the user names it

    def add(self, real: str | Path, copy: Path) -> Path:
        self.places[str(copy)] = _shown(real)
        return copy

    def relocate(self, text: str) -> str:
        """A text that names a temporary copy, naming the real file instead."""
        at = translate(f"(as committed at {self.revision})")
        for copy, real in sorted(self.places.items(), key=lambda kv: -len(kv[0])):
            text = re.sub(re.escape(copy) + r"([/\\][^\s:]*)?", lambda m: _join(real, m.group(1)) + f" {at}", text)
        return text

    def located(self, error: ItaplanError) -> ItaplanError:
        problems = [replace(p, source=self.relocate(p.source)) for p in error.problems]
        return type(error)(problems, error.details)


def _shown(folder: str | Path) -> str:
    """A folder as short as it can be said: from the current folder when it lies below it."""
    try:
        return str(Path(folder).resolve().relative_to(Path.cwd().resolve())) or "."
    except ValueError:
        return str(folder)


def _join(folder: str, rest: str | None) -> str:
    return str(Path(folder) / rest.lstrip("/\\")) if rest else folder


def layers_name(session: Session) -> str:
    """The layers a session drafts with, each named: the built-in sets, then its rule folders and its
    recommendation folders (a workspace's own are both)."""
    return "built-in" + "".join(f" + {d}" for d in (*session.rules_dirs, *session.recommendation_dirs))


def workspace_left_out(given: bool, after: Session) -> str:
    """What the diff says when folders are given inside a workspace whose own layers they leave out: the folders
    given replace the workspace's on both sides, as they do for draft and review (the user named the layers to
    compare), but "after: built-in + ../office/rules" alone hid that this workspace's were not used (an auditor's
    trial). ``after``: the session of the folders given (a rule folder brings its sibling recommendations/). Empty
    when no folder is given, or the workspace's are among them."""
    if not given:
        return ""
    rules, recs = workspace_layers()
    named = {str(Path(d).resolve()) for d in (*after.rules_dirs, *after.recommendation_dirs)}
    left = [d for d in (*rules, *recs) if d not in named]
    found = find_workspace()
    if not left or found is None:
        return ""
    root = found.parent.resolve()
    folders = ", ".join(str(Path(d).relative_to(root)) if Path(d).is_relative_to(root) else d for d in left)
    return (f"this workspace's own layers are not used on either side: {folders} of {root} (the folders given "
            "replace them; to include them, give them with --rules and --recommendations too, or give no folders to "
            "compare the workspace's own)")


def old_setup(against: str | None, rules_dirs: list[str], rec_dirs: list[str], workdir: Path
              ) -> tuple[Session, str, Snapshot | None]:
    """The rule set before the change, how to name it, and (from git) where its copies came from. In a workspace
    with no folders given, git:REV is the workspace at REV: its itaplan.yaml, rules and recommendations."""
    if not against or against == "built-in":
        before = Session((), tuple(rec_dirs), use_workspace=False)
        return before, layers_name(before), None
    if against.startswith("git:"):
        revision = against[4:] or "HEAD"
        snapshot = Snapshot(revision)
        workspace = find_workspace() if not rules_dirs and not rec_dirs else None
        if workspace is not None:
            return _workspace_at(workspace.parent, revision, workdir / "workspace", snapshot), \
                f"the workspace as committed at {revision}", snapshot
        if not rules_dirs:
            raise InputError(Problem("--against", "git:REV compares the --rules folders with themselves at REV; "
                                                  "give --rules, or run it in a workspace (a folder with itaplan.yaml)"))
        rules = [str(snapshot.add(d, git_snapshot(d, revision, workdir / str(i) / "rules")))
                 for i, d in enumerate(rules_dirs)]
        # the recommendations as they were too: given, else each rule folder's sibling (as the session takes them)
        siblings = [Path(d).parent / "recommendations" for d in rules_dirs]
        recs = [str(snapshot.add(d, git_snapshot(d, revision, workdir / f"r{i}" / "recommendations")))
                for i, d in enumerate(rec_dirs)] or \
            [str(snapshot.add(s, git_snapshot(str(s), revision, workdir / str(i) / "recommendations")))
             for i, s in enumerate(siblings) if s.is_dir() and s.resolve() != Path(rules_dirs[i]).resolve()]
        # every folder taken from git named: the recommendations (and their texts:) beside the rules too
        folders = ", ".join(_shown(d) for d in rules_dirs)
        taken = ", ".join(_shown(d) for d in snapshot.places.values() if d not in {_shown(r) for r in rules_dirs})
        name = f"the rules {folders} and the recommendations and texts {taken} as committed at {revision}" \
            if taken else f"the folders {folders} as committed at {revision}"
        return _loaded(Session(tuple(rules), tuple(recs), use_workspace=False), snapshot), name, snapshot
    if not Path(against).is_dir():
        raise InputError(Problem(against, "is not a folder of rule files (use built-in, a folder, or git:REV)"))
    before = Session((against,), tuple(rec_dirs))
    return before, layers_name(before), None


def _workspace_at(root: Path, revision: str, target: Path, snapshot: Snapshot) -> Session:
    """The workspace around ``root`` as committed at ``revision``, copied into ``target``: its itaplan.yaml (and
    so its settings), and the rule and recommendation folders that file names then."""
    target.mkdir(parents=True, exist_ok=True)
    snapshot.add(root, target)
    listed = _git(root, WORKSPACE_FILE, "ls-tree", "--name-only", revision, "--", WORKSPACE_FILE).split()
    if not listed:
        raise InputError(Problem(_join(_shown(root), WORKSPACE_FILE),
                                 f"is not in git at {revision}: commit the workspace first (git add, git commit)"))
    (target / WORKSPACE_FILE).write_text(_git(root, WORKSPACE_FILE, "show", f"{revision}:./{WORKSPACE_FILE}"),
                                         encoding="utf-8")
    data = load_file(target / WORKSPACE_FILE) or {}
    for key in ("rules", "recommendations"):
        value = data.get(key) or [] if isinstance(data, dict) else []
        for folder in value if isinstance(value, list) else [value]:
            if (root / str(folder)).is_dir():
                git_snapshot(str(root / str(folder)), revision, target / str(folder))
            else:
                (target / str(folder)).mkdir(parents=True, exist_ok=True)
    return _loaded(Session(workspace=target), snapshot)


def _loaded(session: Session, snapshot: Snapshot) -> Session:
    """The rules of then read now: a problem in them is said once, of the real file at the revision, not per
    agency of a temporary copy."""
    try:
        session.ruleset
    except ItaplanError as exc:
        raise snapshot.located(exc) from None
    return session


# what the documents print for a measure's row (its rules and their provenance are the plan's record, not printed);
# "cell": the lines of its first column under the title (its indicator, weak points, items and ประเด็น) as the
# measures table prints them, in the wording of the session's texts (an office's texts: rewording shows here)
PRINTED = ("title", "codes", "issue", "recommendation", "method", "timeline", "evidence", "owner", "cell")


def _measures(plan: Plan, texts: Texts | None = None) -> dict[str, dict]:
    from itaplan.render.common import measure_cell, measure_rows

    # the row as the table prints it (the timeline with its publishing deadline), where the plan's fields are data
    # (its ประเด็น is compared as issue: the cell without it)
    table = {row["measure"]["id"]: {"cell": measure_cell({**row, "measure": {**row["measure"], "issue": None,
                                                                             "added": None}}, texts)[1:],
                                    "timeline": row["timeline"]}
             for row in measure_rows(plan, texts)} if texts is not None else {}
    out = {}
    for m in plan["measures"]:
        members = m.get("merged", [m["id"]])
        # each measure's own title and codes (a grouped row's are all of its measures'): what names it
        headings = {h["id"]: h for h in m.get("members") or []}
        for mid in members:  # a grouped row counts for each measure in it
            # the rules that proposed this measure, not every rule of the row it shares with others
            own = [p["rule"] for p in m.get("provenance") or [] if mid in (p.get("propose") or [])]
            heading = headings.get(mid, m)
            # a measure answering an indicator rather than codes (an office's rule on indicator: [8]): its indicators
            answers = [] if heading["codes"] else list(heading.get("fact_indicators") or [])
            out[mid] = {"id": mid, "title": heading["title"], "codes": parted(heading["codes"], heading.get("parts")),
                        "indicators": answers, "row": list(members),
                        "row_title": m["title"], "rules": list(dict.fromkeys(own)) or list(m["rules"]),
                        "printed": {key: m.get(key) for key in PRINTED} | {"codes": parted(m["codes"], m.get("parts"))}
                        | table.get(m["id"], {})}
    return out


def parted(codes: list[str], parts: dict | None) -> list[str]:
    """A measure's codes, each EIT question it answers in one part only with that part ('e9 (part 2)'): e9 of part 1
    and e9 of part 2 are two weak points, and a rule moved from one to the other was said unchanged ('codes e9 ->
    e9', a provincial auditor's trial); a question answered in both parts is the question ('e9')."""
    out = []
    for code in codes:
        only = sorted((parts or {}).get(code) or [])
        part = only[0] if len(only) == 1 else None
        out.append(f"{code} (part {part})" if part is not None else str(code))
    return out


def code_shown(code: str) -> str:
    """A code as ``parted`` gives it, in the interface's language ('e9 (ส่วนที่ 2)'): a value in a line is not
    translated with the line."""
    return translate(code) if " (part " in code else code


def rule_proposals(plan: Plan) -> dict[str, list[str]]:
    """Each rule that proposes something in the plan, with what: a measure of the table (each of a grouped row's by
    its own rules), one the row limit left out, a measure to keep up."""
    found: dict[str, set[str]] = {}
    for m in plan.get("measures") or []:
        for p in m.get("provenance") or []:
            for mid in p.get("propose") or []:
                found.setdefault(str(p.get("rule")), set()).add(str(mid))
    for other in [*(plan.get("left_out") or []), *(plan.get("maintain") or [])]:
        for rid in other.get("rules") or []:
            found.setdefault(str(rid), set()).add(str(other["id"]))
    return {rid: sorted(ids) for rid, ids in found.items()}


def _left_out(plan: Plan) -> set[str]:
    """The measures the row limit left out (a left-out row of several names each: ``a+b``)."""
    return {mid for m in plan.get("left_out") or [] for mid in m["id"].split("+")}


def compare(before: Plan, after: Plan, job: Job, texts: tuple[Texts, Texts] | None = None) -> AgencyDiff:
    """What changes in each measure's row; ``texts``: the wording each side drafts with (before's, after's), so that
    what the table prints is compared, a sentence reworded under texts: too."""
    # the agency as its results name it (a results file's own name, not the file's), else the batch's name for it
    diff = AgencyDiff((after.get("agency") or {}).get("name") or job.name, job.source)
    old, new = _measures(before, texts[0] if texts else None), _measures(after, texts[1] if texts else None)
    # a measure the row limit left out is still proposed by its rules: it is said to be left out, not removed
    held_back, came_in = _left_out(after), _left_out(before)

    def public(m: dict) -> dict:  # a measure named by its own title and codes; its row's others, when it shares one
        return {**{k: m[k] for k in ("id", "title", "codes", "indicators", "rules")},
                **({"row": m["row"]} if len(m["row"]) > 1 else {})}

    for mid in new.keys() - old.keys():
        diff.added.append({**public(new[mid]), "within_limit": mid in came_in})
    for mid in old.keys() - new.keys():
        diff.removed.append({**public(old[mid]), "left_out": mid in held_back})
    for mid in old.keys() & new.keys():
        a, b = old[mid], new[mid]
        # changed: what the agency reads in its row; the rules behind an unchanged row are said apart (reasons)
        fields = [key for key in PRINTED if a["printed"].get(key) != b["printed"].get(key)]
        if fields:
            changes = {key: {"before": a["printed"].get(key), "after": b["printed"].get(key)} for key in fields}
            # the row limit grouped it with other measures (or parted them): its row reads otherwise, not the measure
            # (a change all the same: the published row reads otherwise, its title first)
            regrouped = {"row_before": a["row"], "row_after": b["row"], "row_title_before": a["row_title"],
                         "row_title_after": b["row_title"]} if a["row"] != b["row"] else {}
            shared = {"row": b["row"]} if len(b["row"]) > 1 and not regrouped else {}
            diff.changed.append({"id": mid, "title": b["title"], "codes_before": a["codes"], "codes_after": b["codes"],
                                 "indicators": b["indicators"], "fields": fields, "changes": changes, **regrouped, **shared,
                                 "rules_before": a["rules"], "rules_after": b["rules"]})
        elif a["rules"] != b["rules"]:
            diff.reasons.append({"id": mid, "title": b["title"], "rules_before": a["rules"],
                                 "rules_after": b["rules"]})
    for group in (diff.added, diff.removed, diff.changed, diff.reasons):
        group.sort(key=lambda m: m["id"])
    return diff


def _analysis_lines(plan: Plan, t: Texts, numbers: dict[str, int] | None = None) -> list[tuple[str, str, str]]:
    """The analysis as published, line by line: (its section's heading, the indicator's heading a point is listed
    under or "", the line); ``numbers``: the measures' numbers its lines cite them by (the table's when None)."""
    from itaplan.render.common import analysis_sections

    # the summary the analysis opens with (under "1. การวิเคราะห์ผลการประเมิน ITA …"): its sentences are the office's
    # to reword too (overall_failed, change_total …)
    opening = t.digits("1. ") + t("h_analysis", year=plan["fiscal_year"])
    out = [(opening, "", t.digits(sentence)) for sentence in (plan.get("analysis") or {}).get("summary", [])]
    for section in analysis_sections(plan, t, numbers):
        heading = section["heading"]
        for key in ("intro", "numbered", "notes", "lines"):
            out += [(heading, "", line) for line in section.get(key, [])]
        for issue in section.get("issues", []):
            out.append((heading, "", issue["heading"]))
            out += [(heading, issue["heading"], point) for point in issue["points"]]
    return out


_INDICATOR_LINE = re.compile(r"ตัวชี้วัดที่ ([0-9๐-๙]+) ")  # a category's line begins with its indicator
_QUESTION_LINE = re.compile(r"ข้อ ([A-Za-z]+[0-9]+[a-z]?)\b")  # a point (sections 1.5, 1.7) begins with its question
_EIT_PART = re.compile(r"\(EIT ส่วนที่ ([0-9๐-๙])\)")  # the part a point of a two-part EIT question names


def _subject(line: str) -> tuple[str, str] | None:
    """What a line of the analysis is about, by how it begins: an indicator (ตัวชี้วัดที่ 2 …) or a question (ข้อ O10
    …); None for another line."""
    found = _INDICATOR_LINE.match(line)
    if found:
        return "indicator", found.group(1).translate(_THAI_DIGITS)
    found = _QUESTION_LINE.match(line)
    if found is None:
        return None
    # a question of two EIT parts: each part its own point (e9 of part 1 is not e9 of part 2), as ``parted``
    part = _EIT_PART.search(line)
    return "question", found.group(1) + (f" (part {part.group(1).translate(_THAI_DIGITS)})" if part else "")


_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def _unnumbered(heading: str) -> str:
    """A section's heading without its number (1.3, ๑.๓): what it is, wherever it falls."""
    return heading.split(" ", 1)[-1]


def compare_analysis(before: Plan, after: Plan, texts: tuple[Texts, Texts]) -> dict[str, Any]:
    """What the published analysis says otherwise: lines added, removed, moved to another section (an indicator
    now a weak point, say) or citing other measures; and, counted, the lines whose citations are only renumbered
    (a measure added above them in the table) and the sections only renumbered (one added before them)."""
    from itaplan.drafting.plan import measure_numbers

    # one numbering of the measures of both plans: a line citing the same measures reads the same in it
    common = {mid: n for n, mid in enumerate(sorted(set(measure_numbers(before)) | set(measure_numbers(after))), 1)}
    sides = []
    for plan, t in ((before, texts[0]), (after, texts[1])):
        published, bare, same = _analysis_lines(plan, t), _analysis_lines(plan, t, {}), _analysis_lines(plan, t, common)
        opening = t.digits("1. ") + t("h_analysis", year=plan["fiscal_year"])
        sides.append([{"section": h, "name": _unnumbered(h), "under": u, "line": line, "bare": b[2], "same": c[2],
                       "opening": i if h == opening else None}  # the summary's sentences, by their place
                      for i, ((h, u, line), b, c) in enumerate(zip(published, bare, same))])
    old, new = sides
    out = no_analysis_change()
    # a section that keeps its place in the analysis but not its number (one added or gone before it)
    numbered = {e["name"]: e["section"] for e in old}
    out["renumbered"]["sections"] = [{"before": numbered[name], "after": heading} for name, heading in
                                     {e["name"]: e["section"] for e in new}.items()
                                     if name in numbered and numbered[name] != heading]

    def pair(key: Any) -> Iterable[tuple[dict, dict]]:
        """The lines of each side matched by ``key`` (in order, each once), taken out of those left to match."""
        waiting: dict[Any, list[dict]] = {}
        for e in old:
            waiting.setdefault(key(e), []).append(e)
        kept = []
        for e in new:
            found = waiting.get(key(e))
            if found:
                yield found.pop(0), e
            else:
                kept.append(e)
        old[:] = [e for group in waiting.values() for e in group]
        new[:] = kept

    # each pass's pairs taken whole before the next: pair() leaves old and new to what it did not match when it ends
    for _ in list(pair(lambda e: (e["name"], e["under"], e["line"]))):  # printed the same (its row may be others)
        pass
    for a, b in list(pair(lambda e: (e["name"], e["under"], e["same"]))):  # the same line: at most renumbered
        out["renumbered"]["citations"] += a["line"] != b["line"]
    for a, b in list(pair(lambda e: (e["name"], e["under"], e["bare"]))):  # the same line citing other measures
        out["cited"].append({"section": b["section"], "line_before": a["line"], "line": b["line"],
                             **({"under": b["under"]} if b["under"] else {})})
    for a, b in list(pair(lambda e: (e["under"], e["bare"]))):  # the same line in another section
        out["moved"].append({"from": a["section"], "to": b["section"], "line_before": a["line"], "line": b["line"],
                             **({"under": b["under"]} if b["under"] else {})})

    def reworded(a: dict, b: dict) -> None:
        out["reworded"].append({"section": b["section"], "line_before": a["line"], "line": b["line"],
                                **({"under": b["under"]} if b["under"] else {})})

    # a line of the same section about the same indicator (a point: the same question, under the same indicator)
    # in other words (an office's texts: rewording it, a reason of its own added): one line reworded
    for a, b in list(pair(lambda e: (e["name"], _subject(e["under"]), _subject(e["bare"]))
                          if _subject(e["bare"]) else ("unpaired", id(e)))):
        reworded(a, b)
    # a sentence of the opening summary in other words (overall_failed, change_total reworded): by its place
    for a, b in list(pair(lambda e: ("opening", e["opening"]) if e["opening"] is not None else ("unpaired", id(e)))):
        reworded(a, b)
    # an indicator's line moved from one category to another and reworded with it (a reason of its own added: an
    # office threshold flags a question of an indicator that was a strength): the same indicator, moved
    categories = {str(c.get("heading") or "") for plan in (before, after)
                  for c in (plan.get("analysis") or {}).get("categories", [])} - {""}

    def indicator_in_category(e: dict) -> Any:
        found = _INDICATOR_LINE.match(e["bare"]) if any(h in e["name"] for h in categories) else None
        return (e["under"], found.group(1)) if found else ("unpaired", id(e))

    for a, b in list(pair(indicator_in_category)):
        if a["name"] != b["name"]:
            out["moved"].append({"from": a["section"], "to": b["section"], "line_before": a["line"], "line": b["line"],
                                 **({"under": b["under"]} if b["under"] else {})})
        else:  # the same category, reworded
            reworded(a, b)
    for key, lines in (("removed", old), ("added", new)):
        out[key] = [{"section": e["section"], "line": e["line"], **({"under": e["under"]} if e["under"] else {})}
                    for e in lines]
    return out


def rules_diff(jobs: Iterable[Job], before: Session, after: Session, snapshot: Snapshot | None = None
               ) -> list[AgencyDiff]:
    out = []
    for job in jobs:
        if job.problems:
            out.append(AgencyDiff(job.name, job.source, error="; ".join(job.problems)))
            continue
        try:
            card_before = before.scorecard_of(_results(job, before))
            card_after = after.scorecard_of(_results(job, after))
            plans, texts = (before.plan(card_before), after.plan(card_after)), (before.texts(), after.texts())
            diff = compare(*plans, job, texts)
            limit = after.catalogue.max_measures
            if len(plans[1].get("measures") or []) > limit:  # left out, yet over the row limit: it gave way
                for m in diff.removed:
                    if m["left_out"]:
                        m["over_limit"] = limit
            diff.analysis = compare_analysis(*plans, texts)
            diff.proposals = (rule_proposals(plans[0]), rule_proposals(plans[1]))
            diff.fiscal_year = card_after.framework.fiscal_year
            out.append(diff)
        except ItaplanError as exc:
            error = "; ".join(problem_text(p) for p in exc.problems)  # each problem in the interface's words
            out.append(AgencyDiff(job.name, job.source, error=snapshot.relocate(error) if snapshot else error))
    return out


def _signature(rule: Rule) -> tuple:
    """What a rule does, as a value two rule sets are compared by (where it is written is not what it does)."""
    return (rule.frameworks, rule.threshold, rule.priority, repr(plain(rule.when)), rule.propose)


def changed_rules(before: RuleSet, after: RuleSet) -> list[dict]:
    """The rules the change adds, alters (an override of a built-in rule too) or removes (a ``disable:`` too),
    each with the fiscal years it is written for (None: every year): the years where it can change a plan."""
    out = []
    for rid, rule in after.rules.items():
        old = before.rules.get(rid)
        if old is None:
            out.append({"id": rid, "change": "added", "frameworks": rule.frameworks})
        elif _signature(old) != _signature(rule):
            years = None if old.frameworks is None or rule.frameworks is None else \
                tuple(sorted(set(old.frameworks) | set(rule.frameworks)))  # as it was, or as it is
            out.append({"id": rid, "change": "changed", "frameworks": years})
    for rid, old in before.rules.items():
        if rid not in after.rules:
            out.append({"id": rid, "change": "disabled" if rid in after.disabled else "removed",
                        "frameworks": old.frameworks})
    return sorted(out, key=lambda r: r["id"])


def not_for_these_years(diffs: list[AgencyDiff], before: RuleSet, after: RuleSet) -> dict[str, Any]:
    """The changed rules written for other fiscal years than those of the results compared: they cannot change
    these plans, whatever they say (an office's FY2569 rules diffed on FY2568 results change nothing). ``all``:
    every rule changed is such a rule (the diff shows nothing of the change)."""
    years = sorted({d.fiscal_year for d in diffs if d.fiscal_year is not None})
    changes = changed_rules(before, after)
    outside = [{"id": r["id"], "change": r["change"], "fiscal_years": list(r["frameworks"])} for r in changes
               if years and r["frameworks"] is not None and not set(r["frameworks"]) & set(years)]
    return {"fiscal_years": years, "rules": outside, "all": bool(outside) and len(outside) == len(changes)}


def _named_rules(d: AgencyDiff) -> set[str]:
    """The rules a plan's diff names: behind a measure added, removed or changed, or one now proposed by others."""
    named = {rid for m in [*d.added, *d.removed] for rid in m["rules"]}
    return named | {rid for m in [*d.changed, *d.reasons] for rid in [*m["rules_before"], *m["rules_after"]]}


def idle_rules(diffs: list[AgencyDiff], before: RuleSet, after: RuleSet) -> list[dict[str, Any]]:
    """The rules the change adds or alters, for the results' years, that change no plan of these results: no measure
    added, removed or changed names them, and each plan has them propose the same as before (a provincial auditor
    raised e4/e5's threshold from 85 to 90 and the diff said nothing of it: no agency scored between). Each with the
    plans it proposes a measure in, and its condition now, in the first of the results' years it applies to."""
    drafted = [d for d in diffs if not d.error]
    years = sorted({d.fiscal_year for d in drafted if d.fiscal_year in builtin_years()})
    if not drafted or not years:
        return []
    named = set().union(*(_named_rules(d) for d in drafted))
    out = []
    for change in changed_rules(before, after):
        rid, rule = change["id"], after.rules.get(change["id"])
        in_years = [y for y in years if rule is not None and rule.applies_to(y)]
        if change["change"] not in ("added", "changed") or rule is None or not in_years or rid in named:
            continue
        if any(d.proposals[0].get(rid) != d.proposals[1].get(rid) for d in drafted):
            continue
        conjs = rule.conjunctions(load_framework(in_years[0]))
        condition = " or ".join(" and ".join(atom.text for atom in conj) for conj in conjs)
        out.append({"id": rid, "change": change["change"], "fiscal_year": in_years[0], "condition": condition,
                    "plans": len(drafted), "proposing": sum(1 for d in drafted if d.proposals[1].get(rid))})
    return out


def idle_text(rule: dict[str, Any]) -> str:
    """A rule changed that changes no plan, said with the evidence: its condition now, and the plans it proposes in."""
    rid, change, count, proposing = rule["id"], translate(CHANGES[rule["change"]]), rule["plans"], rule["proposing"]
    typed_condition = condition_in_thai(rule["condition"]) if language() == "th" else rule["condition"]
    if proposing:
        return (f"  rule {rid} ({change}; now {typed_condition}) changes no plan of these results: it proposes the "
                f"same measures as before, in {proposing} of {count} plans")
    return (f"  rule {rid} ({change}; now {typed_condition}) changes no plan of these results: it proposes a measure "
            f"in none of these {count} plans")


def years_text(outside: dict[str, Any]) -> str | None:
    """The warning that the changed rules (some or all) are not for the results' years, or None."""
    if not outside["rules"]:
        return None
    years = ", ".join(str(y) for y in outside["fiscal_years"])
    rules = ", ".join(f"{r['id']} ({translate(CHANGES[r['change']])}: {', '.join(str(y) for y in r['fiscal_years'])})"
                      for r in outside["rules"])
    if outside["all"]:
        return (f"warning: no rule changed applies to the results compared, of fiscal year {years}: {rules}; "
                "these plans cannot show the change. Compare results of the years the rules are written for")
    return (f"warning: some rules changed do not apply to the results compared, of fiscal year {years}: {rules}; "
            "these plans cannot show what they change")


def summary(diffs: list[AgencyDiff]) -> dict[str, Any]:
    added: dict[str, int] = {}
    removed: dict[str, int] = {}
    changed: dict[str, int] = {}
    for d in diffs:
        for m in d.added:
            added[m["id"]] = added.get(m["id"], 0) + 1
        for m in d.removed:
            removed[m["id"]] = removed.get(m["id"], 0) + 1
        for m in d.changed:
            changed[m["id"]] = changed.get(m["id"], 0) + 1  # a row regrouped by the row limit too: it reads otherwise
    return {"agencies": len(diffs), "affected": sum(1 for d in diffs if not d.same and not d.error),
            "failed": sum(1 for d in diffs if d.error), "added": added, "removed": removed, "changed": changed,
            "analysis": sum(1 for d in diffs if not d.error and analysis_changed(d.analysis))}


def as_text(diffs: list[AgencyDiff], total: dict[str, Any], before_name: str, after_name: str,
            outside: dict[str, Any] | None = None, idle: list[dict[str, Any]] | None = None) -> list[str]:
    """The diff in lines; ``outside`` (``not_for_these_years``): said just before the count of agencies that
    change, where the eye looks for the verdict ("0 of 3 agencies change" is no verdict on rules of another year);
    ``idle`` (``idle_rules``): a line each, last."""
    lines = [f"rules before: {before_name}; after: {after_name}"]
    for d in diffs:
        if d.error:
            lines.append(f"{d.agency}: could not be drafted: {d.error}")
            continue
        if d.same and not d.reasons:
            continue
        lines.append(f"{d.agency} ({d.source}):")
        for m in d.added:
            mid, title, codes, rules = m["id"], m["title"], answered(m["codes"], m.get("indicators")), ", ".join(m["rules"])
            if m.get("within_limit"):
                lines.append(f"  + {mid} {title} [{codes}] proposed before too, now within the row limit ({rules})")
            else:
                lines.append(f"  + {mid} {title} [{codes}] because of {rules}")
        for m in d.removed:
            mid, title, codes, rules = m["id"], m["title"], answered(m["codes"], m.get("indicators")), ", ".join(m["rules"])
            if m.get("over_limit"):
                limit = m["over_limit"]
                lines.append(f"  - {mid} {title} [{codes}] still proposed by {rules}, but left out: even without it "
                             f"the table has more than {limit} rows, so the measures answering the weak points come "
                             f"first")
            elif m.get("left_out"):
                lines.append(f"  - {mid} {title} [{codes}] still proposed by {rules}, but left out by the row limit")
            else:
                lines.append(f"  - {mid} {title} [{codes}] was proposed by {rules}")
        rows: dict[tuple, list[dict]] = {}  # the measures of one row change together: said once
        for m in d.changed:  # a regrouped row: said once, as the row it is now, with its title before and after
            rows.setdefault(("regrouped", tuple(m["row_after"])) if "row_before" in m else
                            ("row", tuple(m.get("row") or [m["id"]])), []).append(m)
        for (kind, row), group in rows.items():
            lines += _regrouped_row(group, row) if kind == "regrouped" else _changed_row(group)
        lines += analysis_text(d.analysis)
        for m in d.reasons:  # the row prints the same; only the rules that propose it are others
            mid, before, after = m["id"], ", ".join(m["rules_before"]) or "—", ", ".join(m["rules_after"]) or "—"
            lines.append(f"  = {mid}: the documents print it the same; now proposed by {after} (before: {before})")
    warning = years_text(outside) if outside else None
    if warning:
        lines.append(warning)
    affected, agencies, failed = total["affected"], total["agencies"], total["failed"]
    lines.append(f"{affected} of {agencies} agencies change; {failed} could not be drafted" if failed else
                 f"{affected} of {agencies} agencies change")
    for key in ("added", "removed", "changed"):
        for mid, count in sorted(total[key].items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(SUMMARY[key].format(mid=mid, count=count))
    if total["analysis"]:
        count = total["analysis"]
        lines.append(f"  the analysis reads differently in {count} plan(s)")
    lines += [idle_text(rule) for rule in idle or []]
    return lines


def _section(heading: str) -> str:
    """A section's heading, briefly: its number and name, without what follows in brackets."""
    return heading.split(" (", 1)[0]


PART_REACH = 40  # characters past a quote's cut within which an EIT part's words are kept in it


def _brief(text: str, limit: int = 0) -> str:
    """A line of the analysis, quoted: whole when it is short, else its beginning in whole words, with "…"."""
    limit = limit or WHOLE
    if len(text) <= limit:
        return _quoted(text)
    cut = text.rfind(" ", 0, limit)
    cut = cut if cut > limit // 2 else limit
    part = _EIT_PART.search(text)
    # the part kept when the cut falls in it or just before it ("ข้อ e7 เปิดโอกาส…" of both parts read alike: two
    # identical lines, round 23's auditor)
    if part and cut < part.end() and part.start() <= cut + PART_REACH:
        cut = part.end()
    return _quoted(text[:cut].rstrip() + "…")


# the measures a line of the analysis cites, at its end: "(มาตรการที่ 3)", "(มาตรการที่ ๓, ๕)" (the words of a line
# may hold brackets of their own: "(E-Service)" is no citation)
_CITATION = re.compile(r"\s*(\(มาตรการที่ ?[0-9๐-๙]+(?:\s*,\s*[0-9๐-๙]+)*\))\s*$")


def _citation(line: str) -> tuple[str, str]:
    """A line of the analysis as its words and the citation it ends with ("" for none)."""
    found = _CITATION.search(line)
    return (line[:found.start()], found.group(1)) if found else (line, "")


def analysis_text(analysis: dict[str, Any]) -> list[str]:
    """What the published analysis says otherwise, briefly: each line moved, added or removed with its section, each
    line citing other measures with the citations before and after, each line reworded where its words changed, and
    the lines only renumbered in one line."""
    if not analysis_changed(analysis):
        return []
    lines: list[str] = []
    lines.append("  the analysis, as published:")
    for m in analysis["moved"]:
        origin, place, said = _section(m["from"]), _section(m["to"]), _brief(m["line"])
        lines.append(f"    > moved from {origin} to {place}: {said}")
    for m in analysis["added"]:
        place, said = _section(m["section"]), _brief(m["line"])
        lines.append(f"    + {place}: {said}")
    for m in analysis["removed"]:
        place, said = _section(m["section"]), _brief(m["line"])
        lines.append(f"    - {place}: {said}")
    for m in analysis["cited"]:
        stem, cited = _citation(m["line"])
        before = _citation(m["line_before"])[1] or "—"
        place, said = _section(m["section"]), _brief(stem, WHOLE // 2)
        subject = _subject(stem)
        if cited:
            lines.append(f"    ~ {place}: {said} now cites {cited} (before: {before})")
        elif subject and subject[0] == "question":  # as draft, check and lint say it
            code = code_shown(subject[1])
            lines.append(f"    ~ {place}: {said} no longer cites a measure: the weak point {code} has no row in the "
                         f"table (before: {before})")
        else:
            lines.append(f"    ~ {place}: {said} no longer cites a measure: no row of the table answers it "
                         f"(before: {before})")
    for m in analysis["reworded"]:  # its words where they changed; its citation apart, when it cites others too
        (words_before, before), (words, cited) = _citation(m["line_before"]), _citation(m["line"])
        place, change = _section(m["section"]), change_text({"before": words_before, "after": words})
        if cited == before:
            lines.append(f"    ~ {place}: reworded {change}")
        else:
            cited, before = cited or "—", before or "—"
            lines.append(f"    ~ {place}: reworded {change}; now cites {cited} (before: {before})")
    renumbered = analysis["renumbered"]
    count, sections = renumbered["citations"], ", ".join(
        f"{_section(r['before']).split(' ', 1)[0]} -> {_section(r['after'])}" for r in renumbered["sections"])
    if count and sections:
        lines.append(f"    only renumbered: {count} line(s) cite the same measures by their new numbers; "
                     f"sections {sections}")
    elif count:
        lines.append(f"    only renumbered: {count} line(s) cite the same measures by their new numbers")
    elif sections:
        lines.append(f"    only renumbered: sections {sections}")
    return lines


def answered(codes: list[str], indicators: list[int] | None) -> str:
    """What a measure answers, in the brackets after its title: its codes; the indicators it answers when it answers
    an indicator rather than codes ("indicator 8", in the interface's language: the line's own words are translated
    whole, a value in it is not); a dash for a measure of the result as a whole."""
    if codes:
        return ", ".join(map(code_shown, codes))
    return ", ".join(translate(f"indicator {number}") for number in indicators or ()) or "—"


def _changed_row(group: list[dict]) -> list[str]:
    """A row that reads differently: what changed in it, said once for the measures it holds; a row of several
    measures then names each by its own title and codes (the row's title joins them all)."""
    changes, fields = group[0]["changes"], group[0]["fields"]
    codes = changes.get("codes") or {}
    before = ", ".join(map(code_shown, codes.get("before") or [])) or "—"
    after = ", ".join(map(code_shown, codes.get("after") or [])) or "—"
    wording = "; ".join(f"{translate(FIELDS[part])} {change_text(changes[part])}" for part in fields if part != "codes")
    if len(group[0].get("row") or ()) < 2:
        mid, title = group[0]["id"], group[0]["title"]
        if "codes" in fields and wording:
            return [f"  ~ {mid} {title}: codes {before} -> {after}; the row reads differently: {wording}"]
        if "codes" in fields:
            return [f"  ~ {mid} {title}: codes {before} -> {after}"]
        return [f"  ~ {mid} {title}: the row reads differently: {wording}"]
    mids = ", ".join(m["id"] for m in group)
    if "codes" in fields and wording:
        lines = [f"  ~ the row shared by {mids}: codes {before} -> {after}; the row reads differently: {wording}"]
    elif "codes" in fields:
        lines = [f"  ~ the row shared by {mids}: codes {before} -> {after}"]
    else:
        lines = [f"  ~ the row shared by {mids}: the row reads differently: {wording}"]
    for m in group:
        mid, title, own = m["id"], m["title"], answered(m["codes_after"], m.get("indicators"))
        lines.append(f"      {mid} {title} [{own}]")
    return lines


def _regrouped_row(group: list[dict], row_after: tuple) -> list[str]:
    """A row the row limit grouped otherwise: what it was (one row or several, merged), what it is, and its title as
    the table printed it before and prints it now, whole (it is the published row that reads differently)."""
    mids = ", ".join(m["id"] for m in group)
    rows_before: dict[tuple, str] = {}
    for m in group:
        rows_before.setdefault(tuple(m["row_before"]), m["row_title_before"])
    lines: list[str] = []
    if len(rows_before) > 1:
        count = len(rows_before)
        lines.append(f"  ~ {mids}: {count} rows merged into one (the rows regrouped within the row limit)")
    else:
        lines.append(f"  ~ {mids}: {regroup_text(group, next(iter(rows_before)), row_after)}")
    title = _short(group[0]["row_title_after"])
    titles = "; ".join(f"{_short(t)} ({', '.join(r)})" if len(rows_before) > 1 else _short(t)
                       for r, t in rows_before.items())
    if list(rows_before.values()) != [group[0]["row_title_after"]]:
        lines.append(f"      the row's title before: {titles}")
        lines.append(f"      the row's title now: {title}")
    return lines


WHOLE = 120  # a text of up to so many characters is shown whole before and after; a longer one, where it changed
CONTEXT = 12  # at least so many characters of what stays the same, in whole words, on each side of a change


def _quoted(text: str) -> str:
    return f"'{text}'"


def _tokens(text: str) -> list[str]:
    """A text as words and the spaces between them (Thai runs between spaces are phrases: whole, never cut)."""
    return [t for t in re.split(r"(\s+)", text) if t]


def _where_changed(old_text: str, new_text: str) -> tuple[str, str]:
    """The part of two long texts that differs, in whole words, with some words either side; "…" where text is
    left out (the JSON has both whole)."""
    old, new = _tokens(old_text), _tokens(new_text)
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    start = head  # back over whole words until there is enough context before the change
    while start > 0 and len("".join(old[start:head]).strip()) < CONTEXT:
        start -= 1
    stop = tail  # and after it
    while stop > 0 and len("".join(old[len(old) - tail:len(old) - stop]).strip()) < CONTEXT:
        stop -= 1

    def shown(tokens: list[str]) -> str:
        lead, end = "…" if start else "", "…" if stop else ""
        return lead + "".join(tokens[start:len(tokens) - stop]).strip() + end

    return shown(old), shown(new)


def _short(text: object) -> str:
    """A list's item, whole."""
    return _quoted(" ".join(str(text).split()))


def regroup_text(group: list[dict], row_before: tuple, row_after: tuple) -> str:
    """A row the row limit grouped otherwise, said as that: the measures in it are not changed by a rule."""
    own = {m["id"] for m in group}
    joined = ", ".join(x for x in row_after if x not in own and x not in row_before)
    parted = ", ".join(x for x in row_before if x not in own and x not in row_after)
    if joined and parted:
        return f"now shares its row with {joined}, no longer with {parted} (the rows regrouped within the row limit)"
    if joined:
        return f"now shares its row with {joined} (the rows regrouped within the row limit)"
    return f"now in a row of its own, no longer with {parted or '—'} (the rows regrouped within the row limit)"


def change_text(change: dict) -> str:
    """One field's change: a text as 'before' -> 'after', whole when it is short, else the part that changed in
    whole words with "…" where the rest is left out; a list as what was removed and added (in that order), each
    item whole."""
    before, after = change["before"], change["after"]
    if isinstance(before, list) or isinstance(after, list):
        old, new = list(before or []), list(after or [])
        went = [" ".join(str(x).split()) for x in old if x not in new]
        came = [" ".join(str(x).split()) for x in new if x not in old]
        # an item reworded (the n-th gone and the n-th come) is trimmed to the part that changed as a text is: a
        # threshold 95 -> 96 printed a row's whole 180-character cell twice (an auditor's trial)
        for i in range(min(len(went), len(came))):
            if max(len(went[i]), len(came[i])) > WHOLE:
                went[i], came[i] = _where_changed(went[i], came[i])
        # what went, then what came: a reworded item reads old then new, as a diff prints it
        said = [f"-{_quoted(x)}" for x in went] + [f"+{_quoted(x)}" for x in came]
        return "(" + ", ".join(said or ["order"]) + ")"
    old_text, new_text = " ".join(str(before or "").split()), " ".join(str(after or "").split())
    if max(len(old_text), len(new_text)) > WHOLE:
        old_text, new_text = _where_changed(old_text, new_text)
    return f"{_quoted(old_text)} -> {_quoted(new_text)}"


# the parts of a row, named as the officer reads them
FIELDS = {"title": N_("its title"), "codes": N_("its codes"), "issue": N_("its issue"),
          "recommendation": N_("its recommendation"), "method": N_("its methods"), "timeline": N_("its timeline"),
          "evidence": N_("its evidence"), "owner": N_("its owner"),
          "cell": N_("its indicator and weak points")}
# how a rule changed, said with its fiscal years when it is not for the results' years
CHANGES = {"added": N_("new rule"), "changed": N_("rule changed"), "disabled": N_("rule switched off"),
           "removed": N_("rule removed")}
SUMMARY = {"added": N_("  {mid} appears in {count} plan(s)"), "removed": N_("  {mid} disappears from {count} plan(s)"),
           "changed": N_("  {mid} changes in {count} plan(s)")}


def temporary_folder() -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix="itaplan-diff-")
