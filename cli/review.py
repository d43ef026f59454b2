"""The terminal review of a plan: one screen with where the agency stands and why each measure is there,
and an edit session that settles the measures one by one, saving after every decision."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from itaplan.app import amend
from itaplan.base.errors import InputError, Problem, UsageError
from itaplan.base.i18n import translate
from itaplan.base.i18n_composed import N_
from itaplan.base.thai import fmt_score, to_arabic
from itaplan.cli.terminal import (MINUS, bar, change_text, eit_mean_only, eit_mean_text, entry_label, plan_assumptions,
                                  terminal_data, text_width)
from itaplan.cli.thaiwrap import widest_word, wrap_thai
from itaplan.content.catalogue import Catalogue, load_catalogue
from itaplan.content.texts import Texts
from itaplan.drafting import handled, settle
from itaplan.drafting.analysis import indicator_point, unanswered_points
from itaplan.drafting.draft import deadline_rule
from itaplan.drafting.model import Measure, Plan
from itaplan.drafting.plan import (active_measures, copies_record, discard_copy, holding, keep_copy, load_plan,
                                   measure_numbers)
from itaplan.drafting.timeline import printed_deadline
from itaplan.followup.deadlines import timeline_misses
from itaplan.followup.progress import ambiguous_measure, titles_named
from itaplan.render.cards import card_name, card_target_group
from itaplan.render.common import replacing_rules
from rich.cells import cell_len
from rich.markup import escape

if TYPE_CHECKING:
    from rich.console import Console


def print_review(plan: Plan, console: Console, plain: bool = False, brief: str = "") -> None:
    """The draft on one screen: scores, indicators, the questions below the target and the rules that fired, what the
    fixes are worth, the measures, warnings and assumptions. ``brief`` (a later ``--edit`` session, the plan file's
    name): its heading and total only, and the command that shows the rest, so the first card is on the screen."""
    from rich import box
    from rich.table import Table


    plan = terminal_data(plan)  # type: ignore[assignment]
    width = console.width or 80  # a table's
    line = text_width(console)  # a text line's (whole, in a pipe or a file)
    s = plan["scores"]
    agency = plan["agency"].get("name", "")
    total = fmt_score(s["total"])
    head = f"{agency} — ITA FY{plan['fiscal_year']} (framework {plan['framework']}) → plan FY{plan['plan_year']}"
    console.print(head if plain else f"[bold]{head}[/]", markup=True, highlight=False)
    imported = bool(plan.get("imported")) and s["total"] is None and all(
        ind.get("score") is None for ind in plan["analysis"]["indicators"])
    if imported:  # a measures table imported: no results to show, only its measures (for progress and the report)
        source = (plan.get("imported") or {}).get("source") or ""
        console.print(wrap_thai(translate(f"no ITA results: the measures of FY{plan['plan_year']} imported from "
                                          f"{source}"), line), markup=False, highlight=False)
    elif s["total"] is None:
        console.print(f"Total {total}  ({translate('the total cannot be computed: see the warnings')})",
                      markup=False, highlight=False)
    else:
        verdict = "meets" if s["passed"] else "below"
        label = f"  {s['label']}" if s.get("label") else ""  # years before FY2566 have levels only
        console.print(f"Total {total}  level {s['level']}{label}  ({verdict} the target {s['target']:g})",
                      markup=True, highlight=False)
    if brief:  # the rest was on the screen in the first session: said where it is
        console.print(wrap_thai(translate(f"the whole draft, with its warnings and assumptions: itaplan review {brief}"),
                                line), markup=False, highlight=False)
        return
    if imported:
        _print_measures(plan, console, width, plain)
        return
    mean = eit_mean_only(s["weighted_tools"], (s.get("tools") or {}).get("EIT"))
    shown = []
    for k, v in s["weighted_tools"].items():
        if mean is not None and k in ("EIT1", "EIT2"):  # EIT's mean alone: said once, as the mean
            if k == "EIT1":
                gap = max(0.0, s["target"] - mean)
                shown.append(f"EIT {eit_mean_text(mean)}" + (f" ({MINUS}{fmt_score(gap)})" if gap else ""))
            continue
        shown.append(f"{k} {fmt_score(v)}" + (f" ({MINUS}{fmt_score(s['gaps'][k])})" if s["gaps"].get(k) else ""))
    tools = "  ".join(shown)
    console.print(wrap_thai(tools, line), markup=True, highlight=False)
    box_style = box.ASCII if plain else box.SIMPLE_HEAVY
    table = Table(box=box_style, show_edge=False, pad_edge=False, expand=False)
    bar_width = 10 if width < 100 else 20
    name_width = max(14, min(30, width - 52 - bar_width))
    table.add_column("#", justify="right")
    table.add_column(translate("indicator"), max_width=name_width, overflow="fold")
    table.add_column(translate("score"), justify="right", no_wrap=True)
    table.add_column(translate(f"vs {s['target']:g}"), no_wrap=True)
    table.add_column(translate("last"), justify="right", no_wrap=True)
    table.add_column(translate("change"), justify="right", no_wrap=True)
    for ind in plan["analysis"]["indicators"]:
        table.add_row(str(ind["number"]), wrap_thai(ind["name"], name_width), fmt_score(ind["score"]),
                      bar(ind["score"], s["target"], bar_width, plain), fmt_score(ind["previous"]),
                      change_text(ind["change"], plain))
    console.print(table)
    low = [(q["code"], int(part), value) for q in s.get("questions", [])
           for part, value in ((q.get("parts") or {}).items() if q.get("parts") else [(0, q.get("score"))])
           if value is not None and value < s["target"]]
    fired: dict[tuple[str, int], list[str]] = {}
    thresholds: dict[tuple[str, int], float] = {}  # a rule's own threshold a question at the target is below
    for m in plan["measures"]:
        for fact in m.get("facts", []):
            if "code" in fact:
                key = (fact["code"], fact.get("part", 0) or 0)
                fired.setdefault(key, []).extend(r for r in fact["rules"] if r not in fired.get(key, []))
                if fact.get("threshold") is not None:
                    thresholds[key] = fact["threshold"]
    replacing = set().union(*(replacing_rules(m) for m in plan["measures"]))

    def named(rid: str) -> str:  # an office's rule that replaces a built-in one of its id: marked, as it fired
        return f"{rid} ({translate('the office rule in place of the built-in one')})" if rid in replacing else rid

    fired = {key: [named(rid) for rid in rids] for key, rids in fired.items()}
    if low:
        console.print("Low questions and the rules that fired on them:", markup=True)
        for code, part, value in sorted(low, key=lambda e: e[2]):
            rules = ", ".join(fired.get((code, part), [])) or translate("no rule fired")
            label = entry_label(code, part)
            console.print(wrap_thai(f"  {label} {fmt_score(value)} → {rules}", line - 2), markup=True,
                          highlight=False)
    # a rule with a threshold of its own (an office's 90) fires on a question at the target: said too, or the
    # measure that cites it has no reason on this screen
    scores = {(q["code"], int(part)): value for q in s.get("questions", [])
              for part, value in ((q.get("parts") or {}).items() if q.get("parts") else [(0, q.get("score"))])}
    above = sorted(((code, part, scores.get((code, part))) for code, part in fired
                    if (code, part, scores.get((code, part))) not in low and scores.get((code, part)) is not None),
                   key=lambda e: e[2])  # type: ignore[arg-type,return-value]
    if above:
        console.print(f"Questions at or above the target {s['target']:g} that a rule with a threshold of its own "
                      "fired on:", markup=True)
        for code, part, value in above:
            label, rules = entry_label(code, part), ", ".join(fired[(code, part)])
            threshold = thresholds.get((code, part))
            below = "" if threshold is None else f" ({translate(f'below its rule threshold {threshold:g}')})"
            console.print(wrap_thai(f"  {label} {fmt_score(value)}{below} → {rules}", line - 2), markup=True,
                          highlight=False)
    print_whatif(plan, console, width, plain)
    _print_measures(plan, console, width, plain)


def _print_measures(plan: Plan, console: Console, width: int, plain: bool) -> None:
    """The measures table of the review screen, then the officer's notes, warnings and assumptions."""
    from rich import box
    from rich.table import Table

    s = plan["scores"]
    box_style = box.ASCII if plain else box.SIMPLE_HEAVY
    measures = Table(box=box_style, show_edge=False, pad_edge=False, show_lines=not plain)
    # the owner column as wide as its widest word (a department's name in brackets: "เทคโนโลยีสารสนเทศ)"), so that
    # words are wrapped between, never cut; the measures' column gives up the room
    owner_width = max([16] + [min(widest_word(m["owner"]), max(20, width // 3)) for m in plan["measures"]])
    title_width = max(20, width - 26 - owner_width)
    measures.add_column("#", justify="right")
    measures.add_column(translate("measure / questions"), max_width=title_width, overflow="fold")
    measures.add_column(translate("timeline"), max_width=14, overflow="fold")
    measures.add_column(translate("owner"), min_width=owner_width, max_width=owner_width, overflow="fold")
    numbers = measure_numbers(plan)  # as the documents number them: a dropped measure has none
    texts = Texts(load_catalogue())
    for m in plan["measures"]:
        decision = m.get("status", "proposed")
        progress = (m.get("progress") or {}).get("status")
        status = "" if decision == "proposed" else f" {translate(DECISION.get(decision, decision))}"
        if settle.drop_reason(m):
            status += f" ({settle.drop_reason(m)})"
        if progress:
            status += " [" + translate(f"progress: {progress}") + "]"
        status = escape(status)  # brackets are rich markup
        why = "; ".join(f["text"] for f in m.get("facts", [])) or ", ".join(m.get("rules") or [])
        cell = wrap_thai(m["title"] + status, title_width)
        if why:  # an imported measure has neither facts nor rules: no empty arrow
            cell += "\n" + wrap_thai(f"← {why}", title_width)
        stake = stake_text(m, s["target"])
        if stake:
            cell += "\n" + wrap_thai(translate(stake), title_width)
        named = card_name(m, texts)
        if not m.get("imported_from") and not (m.get("project") or {}).get("name") and named != m["title"]:
            # named from its title as agencies name a project ("มาตรการ…" as "กิจกรรม…"): said, never renamed unseen
            cell += "\n" + wrap_thai(translate(f"project card and action plan: {named}"), title_width)
        measures.add_row(shown_number(numbers, m), cell, wrap_thai(m["timeline"].replace("\u00a0", " "), 14),
                         wrap_thai(m["owner"], owner_width))
    console.print(measures)
    from itaplan.base.i18n import language
    from itaplan.base import thai
    from itaplan.drafting.officer_notes import officer_notes
    from itaplan.followup.deadlines import deadline_warnings

    lang = language()
    notes = officer_notes(plan, load_catalogue(), lang)  # in the interface's language, as the rest
    notes += deadline_warnings(plan, thai.today())  # what is late or due soon on the website, as of today
    # the scoring's warnings: the plan keeps them in the documents' Thai and, under scores, in English
    scoring = list(plan.get("warnings", [])) if lang == "th" else list(s.get("warnings") or [])
    if (s.get("previous") or {}).get("computed_total") is not None:  # said once, by the officer's note on it
        scoring = [w for w in scoring if not _previous_total_warning(w)]
    if plan.get("imported"):  # a measures table imported for its report holds no results: "no scores given" is noise
        scoring = []
    for warning in notes + scoring:
        console.print(wrap_thai(translate(f"warning: {warning}"), text_width(console)), style=None if plain else "yellow", markup=True)
    for assumption in plan_assumptions(plan):
        console.print(wrap_thai(translate(f"assumption: {assumption}"), text_width(console)), style=None if plain else "dim", markup=True)


def _previous_total_warning(warning: str) -> bool:
    """Last year's "reported total differs from the computed total" warning, in either language."""
    return (warning.startswith("last year (") and "the reported total" in warning) or \
        (warning.startswith("ข้อมูลปี ") and "คะแนนรวมตามที่ประกาศผล" in warning)


GOAL_NAMES = {"85": "85", "pass-good": "ผ่านดี", "95": "95"}


def print_whatif(plan: Plan, console: Console, width: int, plain: bool = False) -> None:
    """The fixes worth the most on the total and what reaches each goal (the plan's ``whatif`` section)."""
    from itaplan.ita.whatif import UNKNOWN_REASONS, gain_to_target_shown, goal_unknown_reason
    from rich import box
    from rich.table import Table

    w = plan.get("whatif")
    if not w:
        return
    say = lambda text: console.print(wrap_thai(translate(text), text_width(console)), markup=True, highlight=False)  # noqa: E731
    if not w.get("gains_known"):
        say(f"what each question is worth cannot be known: {UNKNOWN_REASONS.get(w.get('unknown_reason') or '', '')}")
        return
    target = f"{w.get('target', 85):g}"
    if w.get("ranked"):
        say(f"Worth the most on the total (points gained at {target} / at 100, or when met):")
        table = Table(box=box.ASCII if plain else box.SIMPLE_HEAVY, show_edge=False, pad_edge=False, expand=False)
        title_width = max(12, width - 64)  # what the six narrow columns and their rules leave
        for name, justify in (("#", "right"), ("item", "left"), ("score", "right"), ("fixed by", "left"),
                              (f"+ at {target}", "right"), ("+ at 100", "right"), ("question", "left")):
            table.add_column(translate(name), justify=justify, no_wrap=name != "question",  # type: ignore[arg-type]
                             max_width=title_width if name == "question" else None, overflow="fold")
        for i, f in enumerate(w.get("ranked", []), start=1):
            gain = gain_to_target_shown(f, w.get("target", 85))  # (none: OIT, or a question at the target already)
            to_target = "—" if gain is None else f"+{fmt_score(gain)}"
            table.add_row(str(i), entry_label(f["code"], f.get("part")), fmt_score(f["score"]),
                          translate(f["kind"]), to_target, f"+{fmt_score(f['gain_to_max'])}",
                          wrap_thai(f["title"], title_width))
        console.print(table)
    if w.get("unknown_indicators"):
        say("worth unknown (given figures stand): indicators " + ", ".join(map(str, w["unknown_indicators"])))
    for g in w.get("goals", []):
        name = GOAL_NAMES.get(g["goal"], g["goal"])
        after = " ".join(str(v) for v in (fmt_score(g.get("total")), g.get("level"), g.get("label")) if v)
        fixes = ", ".join(entry_label(f["code"], f.get("part")) for f in g.get("fixes", []))
        if not g.get("known", True):  # why: EIT given as its mean alone, or a tool with no score
            scores = plan.get("scores") or {}
            weighted, tools = scores.get("weighted_tools") or {}, scores.get("tools") or {}
            missing = {k for k, v in weighted.items() if v is None}
            reason = goal_unknown_reason(bool(missing) and missing <= {"EIT1", "EIT2"} and tools.get("EIT") is not None)
            given = g.get("given_label")
            if given:  # ITAS's label says it is not reached: only the way there is unknown
                say(f"goal {name}: not reached (the result ITAS gives is {given}); which fixes reach it cannot be "
                    f"known ({reason})")
            else:
                say(f"goal {name}: cannot be known ({reason})")
        elif g.get("already"):
            say(f"goal {name}: already reached")
        elif not fixes:
            say(f"goal {name}: no fix with a known worth reaches it")
        elif g.get("reached"):
            say(f"goal {name}: total {after} after {fixes}")
        else:
            say(f"goal {name}: not reached; total {after} after {fixes}")


def stake_text(measure: Measure, target: float) -> str | None:
    """A measure's points at stake, one line for the review (English, translated on the way out)."""
    stake = measure.get("points_at_stake")
    if not stake or stake.get("reason") == "no_questions":
        return None
    to_target, to_max = stake.get("to_target"), stake.get("to_max")
    if to_target is None or to_max is None:
        return "stake: unknown"
    codes = [e["code"] for e in stake.get("entries", [])]
    if codes and all(c[:1].lower() == "o" for c in codes):
        return f"stake: +{fmt_score(stake['to_max'])} when met"
    if not to_target or abs(to_target - to_max) < 0.005:  # as the documents' stake line
        return f"stake: +{fmt_score(stake['to_max'])} at 100"  # (its questions at the target already: +0.00 at 85)
    return f"stake: +{fmt_score(stake['to_target'])} at {target:g}, +{fmt_score(stake['to_max'])} at 100"


class EditSession:
    """Goes through the measures; every confirmed decision is written to the plan file at once."""

    ACTIONS = ("[k]eep [d]rop [a]dd [r]ename [p]roject name [m]ethod [o]wner [t]imeline [e]vidence [b]udget [n]ote "
               "[s]kip [q]uit")
    CHOOSE = "action [k/d/a/r/p/m/o/t/e/b/n/s/q]"

    def __init__(self, plan: Plan, path: Path, ask: Callable[[str], str], say: Callable[[str], None],
                 catalogue: Callable[[], Catalogue] | None = None):
        self.plan = plan
        self.path = path
        self.ask = ask
        self.say = say
        self.catalogue = catalogue or load_catalogue  # the measures [a]dd offers: the plan's workspace's catalogue
        self.numbers: dict[str, int] | None = None  # the measures' numbers and how many as the session started (run)
        self.total: int | None = None
        kept = keep_copy(path, "orig")  # the original draft is never lost
        self.backup = kept.path
        if kept.taken is not None:
            self.say(f"the file {kept.taken} is not a copy itaplan made of this plan (or it was changed since): left "
                     f"as it is; the plan as it is now is kept in {kept.path}")
        settled = any(m.get("status", "proposed") != "proposed" for m in plan["measures"])
        # what the copy holds: the draft as drafted, unless this session made it from a plan already settled
        self.kept = (N_(f"the plan as it was before this session kept in {kept.path}") if kept.made and settled
                     else N_(f"original draft kept in {kept.path}"))
        self.at_start = self.file_text()  # to say, as the session ends, whether it changed the plan at all
        self.copy_made = kept.made

    def file_text(self) -> bytes | None:
        """The plan file as it is on disk (None when it cannot be read)."""
        try:
            return self.path.read_bytes()
        except OSError:
            return None

    def unchanged_end(self) -> None:
        """As a session that changed nothing ends: the copy it made as it started is taken back (it is the plan as it
        is; quitting at once had left plan.orig.yaml and its hidden record in the officer's folder), and the
        session's closing words say no copy was made. A copy an earlier session made stays, and is named."""
        if self.copy_made and discard_copy(self.path, "orig"):
            self.copy_made = False
            self.kept = N_("no copy made")

    def changed_nothing(self) -> bool:
        """Whether the plan file is as the session found it: every action skipped, nothing saved."""
        return self.at_start is not None and self.file_text() == self.at_start

    def keep(self, measure: Measure) -> None:
        self.plan = settle.keep(self.path, measure["id"], self.plan)
        measure.pop("dropped_reason", None)  # the measure as saved: a drop undone leaves no reason behind
        measure.update(self._now(measure))

    def drop(self, measure: Measure, reason: str) -> None:
        self.plan = settle.drop(self.path, measure["id"], reason, self.plan)
        measure.update(self._now(measure))  # the measure as saved

    def change(self, measure: Measure, field: str, value: str, width: int = 80) -> None:
        self.plan, changed = settle.change(self.path, measure["id"], {field: value}, self.plan)
        now = self._now(measure)
        measure.update(now)  # the measure as saved
        for key in ("publish_by", "months"):  # a typed timeline's: no drafted deadline, its own months (or none)
            if key not in now:
                cast(dict, measure).pop(key, None)
        year = self.plan.get("plan_year")
        if "timeline" in changed and isinstance(year, int):  # printed as typed: the items' deadline said here instead
            rule = deadline_rule(now, year, self.catalogue())
            if rule:
                self.tell(f"the timeline is printed as typed; the OIT items this measure serves have a deadline, "
                          f"make sure the timeline meets it: {rule}", width)
            for problem in timeline_misses(now, year, printed_deadline(self.plan, now)):  # the deadline it starts after (or ends before), named
                self.tell(f"warning: {problem}", width)

    def ask_card_name(self, measure: Measure, width: int) -> None:
        """[p]roject name: the name its project card and the action-plan table print (ชื่อโครงการ/กิจกรรม), which a
        renamed measure keeps as drafted (a newcomer's trial: no way to change it here); Enter keeps it."""
        now = card_name(measure, Texts(self.catalogue()))
        self.say("  now: " + wrap_thai(now, width - 7).replace("\n", "\n       "))
        typed = self.ask("new project or activity name for its card and the action plan (Enter keeps it)").strip()
        if typed and typed != now:
            self.change(measure, "card_name", typed, width)
            self.tell(f"project card and action plan: {card_name(measure, Texts(self.catalogue()))}", width)

    def ask_budget(self, measure: Measure, width: int) -> None:
        """[b]udget: the measure's budget in baht, read as the web's edit form reads it (``amend.set_budget``);
        Enter keeps it, '-' removes it; a bad amount is said and nothing is saved."""
        now = amend.budget_text(self.plan, measure["id"])
        self.tell(f"budget now: {now} baht" if now else "budget now: none set by the agency", width)
        typed = self.ask("new budget in baht, e.g. 30,000 (Enter keeps it, '-' removes it)").strip()
        if not typed or typed == now:
            return
        try:
            amend.set_budget(self.path, measure["id"], "" if typed == "-" else typed)
        except (UsageError, InputError) as exc:
            self.say(f"  {exc.problems[0]}")
            return
        self.plan = load_plan(self.path)
        measure.update(self._now(measure))
        baht = amend.budget_text(self.plan, measure["id"])
        self.tell(f"budget {baht} baht saved" if baht else "budget removed", width)

    def choose_indicator(self, measure: Measure, width: int) -> None:
        """The indicator a measure imported with none serves, chosen from the plan's indicators (settle.set_indicator,
        as the web's edit form sets it)."""
        indicators = [(i["number"], i["name"]) for i in self.plan["analysis"]["indicators"]]
        for number, name in indicators:
            self.say(f"  {number}. {name}")
        kept = (measure.get("indicator_doubt") or {}).get("kept")
        typed = self.ask(f"the number of the indicator it serves in place of {kept} ({kept} keeps it)" if kept else
                         "the number of the indicator it serves").strip()
        try:
            if settle.set_indicator(self.path, measure["id"], typed, len(indicators) or 10):
                self.plan = load_plan(self.path)
                measure.update(self._now(measure))
                measure.pop("indicator_doubt", None)  # answered: the saved measure has none
                served = measure.get("indicators") or []
                self.tell(f"indicators {', '.join(map(str, served))} set" if len(served) > 1 else
                          f"indicator {measure['indicator']} set", width)
        except (UsageError, InputError) as exc:
            self.say(f"  {exc.problems[0]}")

    def tell(self, text: str, width: int) -> None:
        """A message of the session, in the interface's language, indented and wrapped to the screen."""
        self.say("\n".join("  " + line for line in wrap_thai(translate(text), width - 2).split("\n")))

    def left_without(self, before: list[tuple[str, int]], width: int) -> None:
        """Said at once when a drop leaves weak points the analysis lists with no measure kept to answer them: the
        documents would print them as weak points nobody acts on (``render`` warns, ``check`` reports it)."""
        now = [entry for entry in unanswered_points(self.plan) if entry not in before]
        if now:
            codes = ", ".join(entry_label(code, part) for code, part in now)
            self.tell(f"weak points {codes} now have no measure kept to answer them: the analysis lists them with "
                      "none; keep a measure that answers them (review again), or add one ([a]dd, or itaplan review "
                      "PLAN --add ID)", width)

    def ask_statements(self, points: list[tuple[str, int]], width: int) -> None:
        """After a drop left ``points`` with no measure kept to answer them: the agency's own statement of how it
        handles each, asked one by one (Enter skips), printed in the analysis after the point (``handled``); the
        drop's reason stays in the plan file only."""
        if not points:
            return
        self.tell("the analysis may print, after such a point, the agency's own statement of how it handles it "
                  "(for the public: the drop's reason is not printed)", width)
        for key in points:
            label = entry_label(*key)
            while True:  # a statement refused (too short, too long) is asked again; Enter skips
                text = self.ask(f"how does the agency handle weak point {label} without a measure (Enter: skip)"
                                ).strip()
                if not text:
                    break
                try:
                    self.plan = handled.set_statement(self.path, key, text)
                except UsageError as exc:
                    self.say(f"  {exc.problems[0]}")
                    continue
                except InputError as exc:
                    self.say(f"  {exc.problems[0]}")
                    break
                self.tell(f"weak point {label}: the agency's statement recorded; the analysis prints it after the "
                          "point", width)
                break

    def statements_left(self, width: int) -> None:
        """As a session starts: the weak points an earlier session's drop left with no measure and no statement of
        how the agency handles them (its question unanswered: the input ended there, or Enter skipped it), named with
        the command that records one, so that a later session never leaves them unsaid (a newcomer's trial: never
        asked again). Said, not asked: Enter at that question is the officer's choice, and a session is not held up."""
        dropped = any(m.get("status") == "dropped" for m in self.plan["measures"])
        left = handled.unanswered_unhandled(self.plan) if dropped else []
        if left:
            codes = ", ".join(entry_label(*key) for key in left)
            typed = handled.point_text(left[0])
            self.tell(f"weak points {codes} have no measure kept to answer them since an earlier session's drop, and "
                      f"no statement of how the agency handles them: record one with itaplan review {self.path.name} "
                      f"--handled \"{typed}=…\" (printed after the point), or keep or add a measure that answers them",
                      width)

    def add(self, width: int) -> bool:
        """[a]dd: a measure of the catalogue (those of the indicators of weak points left with no measure first) or
        of the agency's own, added as the web app adds it (``app.amend``), kept: the catalogue's answering the weak
        points of its indicators left with none, the agency's own those the officer names. False when nothing was
        added."""
        left = unanswered_points(self.plan)
        under = amend.point_indicators(self.plan)
        # the catalogue's measures answer the questions of their indicators; a whole indicator's point (a fall) only
        # the measure drafted for it, or one of the agency's own the officer says answers it
        first = sorted({under[point] for point in left if point in under and indicator_point(point) is None})
        whole = [point for point in left if indicator_point(point) is not None]
        if whole:
            named = ", ".join(entry_label(code, part) for code, part in whole)
            self.tell(f"weak point {named}: only the measure drafted for it answers it (keep it again: --edit --measure N), or "
                      "one of the agency's own that says it does ('own', then its number)", width)
        options = amend.addable(self.plan, self.catalogue(), first)
        if left:
            codes = ", ".join(entry_label(code, part) for code, part in left)
            numbers = ", ".join(map(str, first))
            if any(indicator in first for _, _, indicator in options):
                self.tell(f"weak points left with no measure kept: {codes}; the catalogue's measures of their "
                          f"indicators ({numbers}), which answer them, come first (*)", width)
            else:
                self.tell(f"weak points left with no measure kept: {codes}; the catalogue has no other measure of "
                          f"their indicators ({numbers}): add one of the agency's own ('own') under one of them, or "
                          "keep the dropped measure again (--edit --measure N)", width)
        for n, (rec_id, title, indicator) in enumerate(options, start=1):
            # a placeholder the measure fills once added, said in words as the web's add form says it
            title = title.replace("{items}", translate("[the indicators it serves, named when it is added]"))
            mark = "*" if indicator in first else " "  # of a weak point's indicator
            line = f"{mark}{n:>3}. {title} ({rec_id}, {translate(f'indicator {indicator}')})"
            self.say("\n".join("  " + text for text in wrap_thai(line, width - 2).split("\n")))
        typed = self.ask("the number or id of the measure to add, 'own' for one of the agency's own (blank: "
                         "none)").strip()
        plain = to_arabic(typed)
        try:
            if plain.casefold() == "own":
                typed_own = {}
                for name in amend.OWN_FIELDS:
                    value = self.ask(OWN_PROMPTS[name]).strip()
                    while not value:  # each is printed in the documents: asked again, not refused with the rest lost
                        self.tell("it is printed in the documents: type it (or q to add nothing)", width)
                        value = self.ask(OWN_PROMPTS[name]).strip()
                    if value.casefold() == "q":
                        self.tell("nothing added", width)
                        return False
                    typed_own[name] = value
                # asked until it is one: a refusal after the rest was typed lost it all
                serves = self.ask_own_indicator(first[0] if first else None, width)
                if serves is None:
                    self.tell("nothing added", width)
                    return False
                self.plan = amend.add_own(self.path, typed_own, serves, answers=self.ask_answers(left, width))
            elif plain:
                chosen = (options[int(plain) - 1][0] if plain.isdigit() and 1 <= int(plain) <= len(options)
                          else plain)
                self.plan = amend.add_from_catalogue(self.path, chosen, self.catalogue(), answer=True)
            else:
                self.tell("nothing added", width)
                return False
        except (UsageError, InputError) as exc:
            for problem in exc.problems:
                self.say(f"  {problem}")
            return False
        self.tell(added_text(self.plan, left), width)
        return True

    def ask_own_indicator(self, suggested: int | None, width: int) -> str | None:
        """The indicator the agency's own measure serves, asked until it is one (blank: add nothing)."""
        asked = ("the indicator it serves (1 to 10; blank: add nothing)" if suggested is None
                 else f"the indicator it serves (1 to 10), e.g. {suggested}; blank: add nothing")
        while True:
            typed = to_arabic(self.ask(asked).strip())
            if not typed:
                return None
            if typed.isdigit() and 1 <= int(typed) <= 10:
                return typed
            self.tell(f"'{typed[:20]}' is not an indicator: type a number from 1 to 10", width)

    def ask_answers(self, left: list[tuple[str, int]], width: int) -> list[tuple[str, int]]:
        """Which of the plan's weak points (``amend.weak_points``: those left with no measure, ``left``, first and
        marked *) the agency's own measure answers: only those the officer names (itaplan cannot know what a measure
        it did not write does); none unless told. A point another measure answers may be named too."""
        unanswered = set(left)
        left = amend.weak_points(self.plan)
        if not left:
            return []
        for n, (code, part) in enumerate(left, start=1):
            mark = "*" if (code, part) in unanswered else " "  # left with no measure kept
            self.say(f" {mark}{n:>3}. {entry_label(code, part)}")
        typed = to_arabic(self.ask("the numbers of the weak points above that this measure itself puts right, "
                                   "separated by ',' (blank: none; it is then the agency's own, beyond them)"))
        chosen = []
        for word in (w.strip() for w in typed.split(",")):
            if not word:
                continue
            if not (word.isdigit() and 1 <= int(word) <= len(left)):
                raise UsageError(Problem(amend.ANSWERS, f"'{word[:20]}' is not one of the numbers 1 to {len(left)}; "
                                                        "nothing was added"))
            chosen.append(left[int(word) - 1])
        return chosen

    def _now(self, measure: Mapping[str, Any]) -> Measure:
        return next(m for m in self.plan["measures"] if m["id"] == measure["id"])

    def card(self, m: Measure, width: int = 80) -> None:
        """The measure as it stands now, wrapped at Thai word boundaries: what was decided, its progress, and why;
        headed [N/…] by its number in the documents' table (a dropped measure has none: [–/…]), the number
        ``--measure N`` and ``progress --measure N`` take."""
        def say(text: str, indent: str = "  ", hang: int = 0) -> None:
            lines = wrap_thai(translate(text), width - len(indent) - hang).split("\n")
            self.say("\n".join([indent + lines[0]] + [indent + " " * hang + line for line in lines[1:]]))

        mark = DECISION.get(m.get("status", "proposed"), m.get("status", ""))
        now = shown_number(measure_numbers(self.plan), m)
        # counted as the session started: a measure dropped in it is still one of those reviewed, so the cards after
        # it do not move up ([7/8], a drop, [8/8]); the number the documents' table gives it now said when it differs
        number = now if self.numbers is None else shown_number(self.numbers, m)
        total = len(active_measures(self.plan)) if self.total is None else self.total
        self.say(f"\n[{number}/{total}] {translate(mark)}")
        if now != number:
            say(f"(now number {now} of the documents' table, the number --measure takes)" if now != "–" else
                "(dropped: no number in the documents' table now)")
        say(m["title"])
        for fact in m.get("facts", []):
            say("← " + fact["text"], "    ", hang=2)
        say(f"owner: {m['owner']}")
        if not m.get("imported_from"):  # the name its card and the action-plan table print, and whom it serves
            texts = Texts(self.catalogue())
            named, group = card_name(m, texts), card_target_group(m, self.plan, texts)
            say(f"project card and action plan: {named}")
            say(f"target group (project card): {group}")
        say(f"timeline: {m['timeline']}")
        for i, step in enumerate(m["method"], start=1):
            say(f"{i}. {step}", "    ", hang=len(f"{i}. "))
        say("evidence: " + "; ".join(m["evidence"]))
        baht = amend.budget_text(self.plan, m["id"])
        if baht:  # the agency's figure; none set: said when [b]udget is chosen, as the web's card says nothing
            say(f"budget: {baht} baht")
        doubt = m.get("indicator_doubt")
        if m.get("indicator") is None:  # imported from a table that named none: the officer sets it ([i])
            say("indicator: not given (the table it was imported from names none); type i to choose the "
                "indicator it serves")
        elif doubt:  # a number its card's line named by another indicator's name, kept as written: [i] settles it
            kept, name_of = doubt["kept"], doubt["name_of"]
            say(f"indicator: {kept} as its card's line numbered it, though the line gave it the name of "
                f"indicator {name_of}; type i to choose the one it serves")
        if m.get("note"):
            say(f"note: {m['note']}")
        progress = (m.get("progress") or {}).get("status")
        if progress:
            say(f"progress: {progress}")
        self.legend(width)

    def legend(self, width: int) -> None:
        """The actions, wrapped to the screen in the interface's language (Thai labels are longer)."""
        items = re.split(r" (?=\[)", translate(self.ACTIONS))  # "[k] keep"-like items, never split inside one
        lines = [""]
        for item in items:
            if lines[-1] and cell_len(lines[-1]) + 1 + cell_len(item) > width:
                lines.append("")
            lines[-1] = (lines[-1] + " " + item).strip()
        self.say("\n".join(lines))

    def first_unsettled(self) -> int:
        """Where a new session starts: the first measure not yet kept, changed or dropped."""
        measures = self.plan["measures"]
        return next((i for i, m in enumerate(measures) if m.get("status", "proposed") == "proposed"), len(measures))

    def run(self, width: int = 80, *, again: bool = False, only: int | None = None) -> None:
        """The measures one by one from the first not yet settled (a later session goes on where one stopped);
        ``again``: all of them from the first, settled or not; ``only``: that one measure (its index), to go back to
        a decision (a dropped measure kept again)."""
        measures = self.plan["measures"]
        self.numbers, self.total = measure_numbers(self.plan), len(active_measures(self.plan))
        self.statements_left(width)
        if only is not None:
            if self.one(only, width):
                m = self.plan["measures"][only]
                number = shown_number(measure_numbers(self.plan), m)
                if self.changed_nothing():  # skipped: nothing was reviewed or saved, and the file was not written
                    self.unchanged_end()
                    title = m["title"]
                    self.say(f"\nmeasure {number}: nothing changed; {self.path} not rewritten ({self.kept})"
                             if number != "–" else f"\nthe dropped measure '{title}': nothing changed (it stays "
                             f"dropped); {self.path} not rewritten ({self.kept})")
                    return
                self.say(f"\nmeasure {number} reviewed; saved to {self.path} ({self.kept})")
                self.files_note(width)
            return
        start = 0 if again else self.first_unsettled()
        if start:
            self.say(self.resumed(start))
            self.say(self.back_hint())
        for index in range(start, len(measures)):
            if not self.one(index, width):
                return
        if self.changed_nothing():
            self.unchanged_end()
            self.say(f"\nno measure changed; {self.path} not rewritten ({self.kept})")
        else:
            self.say(f"\nall measures reviewed; saved to {self.path} ({self.kept})")
            self.files_note(width)
        self.say(self.back_hint())

    def resumed(self, start: int) -> str:
        """Where a later session goes on, counted as the cards are ([N/total]: the measures of the documents' table,
        the numbers --measure and progress take), the officer's dropped ones said apart, never counted among them."""
        before = self.plan["measures"][:start]
        dropped = sum(1 for m in before if m.get("status") == "dropped")
        settled, total = len(before) - dropped, len(active_measures(self.plan))
        if start >= len(self.plan["measures"]):
            if dropped:
                return (f"measures settled in an earlier session: all {total} of the documents' table, and {dropped} "
                        "dropped (not in the table)")
            return f"measures settled in an earlier session: all {total} of the documents' table"
        value = shown_number(measure_numbers(self.plan), self.plan["measures"][start])
        if dropped:
            return (f"measures settled in an earlier session: {settled} of the {total} of the documents' table, and "
                    f"{dropped} dropped (not in the table); going on from measure {value}")
        return (f"measures settled in an earlier session: {settled} of the {total} of the documents' table; going on "
                f"from measure {value}")

    def files_note(self, width: int) -> None:
        """Said once as a session ends: the files it left beside the plan, what each is and whether it may go (the
        README says the same under Everyday use)."""
        copy, record = self.backup.name, copies_record(self.path).name
        self.tell(f"beside the plan: {copy}, the copy named above, and {record} (hidden), the record that itaplan made "
                  f"it, so that it never overwrites a file of that name you made; neither is needed to render, report "
                  f"or check: delete both once you no longer want that copy", width)

    def back_hint(self) -> str:
        path = self.path
        return (f"to review a settled measure again: itaplan review {path} --edit --measure N (its number [N/…] in "
                "the documents' table; a dropped one by its title or id); --again goes through all of them from the "
                "first")

    def one(self, index: int, width: int) -> bool:
        """One measure's card and the officer's actions on it until one settles it; False when they quit."""
        measures = self.plan["measures"]
        m = measures[index]
        self.card(m, width)
        while True:
            answer = self.ask(self.CHOOSE).strip()
            choice = answer.lower()[:1] or "s"  # Enter alone: skip, as the legend's [s], and said so
            if choice == "k":
                self.keep(m)
                return True
            if choice == "d":
                reason = self.ask("why is it dropped (kept in the plan file as the record of the decision)").strip()
                if not reason:
                    self.say("  a dropped measure needs its reason; not dropped")
                    continue
                before = unanswered_points(self.plan)
                self.drop(m, reason)
                self.left_without(before, width)
                recorded = handled.statements(self.plan)
                now = [key for key in unanswered_points(self.plan) if key not in before]
                for key in now:
                    if key in recorded:  # given before (an earlier drop): printed again now that no measure answers
                        self.tell(f"weak point {entry_label(*key)}: the analysis prints again the agency's statement "
                                  f"recorded before: {recorded[key]}", width)
                self.ask_statements([key for key in now if key not in recorded], width)
                return True
            if choice == "a":
                if self.add(width):
                    self.legend(width)
                continue
            if choice in FIELDS:
                field = FIELDS[choice]
                current = m.get(field)
                shown = "; ".join(current) if isinstance(current, list) else str(current or "")
                self.say("  now: " + wrap_thai(shown, width - 7).replace("\n", "\n       "))
                listed = field in ("method", "evidence")
                value = self.ask(f"new {field}" + (", separated by ';'" if listed else "")).strip()
                if value:
                    try:
                        self.change(m, field, value, width)
                    except UsageError as exc:  # e.g. a method of nothing but ';': said, nothing saved
                        self.say(f"  {exc.problems[0]}")
                        continue
                    named = str((m.get("project") or {}).get("name") or "")
                    if field == "title" and named:  # the card's own name is not the title's: said, [p] changes it
                        self.tell(f"its project card and the action plan still name it '{named}': type p to change "
                                  "that name", width)
                continue
            if choice == "b":
                self.ask_budget(m, width)
                continue
            if choice == "p":
                self.ask_card_name(m, width)
                continue
            if choice == "i" and (m.get("indicator") is None or m.get("indicator_doubt")):
                self.choose_indicator(m, width)
                continue
            if choice == "s":
                state = DECISION.get(m.get("status", "proposed"), "")
                if answer:
                    self.tell(f"skipped: the measure stays as it is, {state}", width)
                else:
                    self.tell(f"Enter alone skips, as [s] does: the measure stays as it is, {state}", width)
                return True
            if choice == "q":
                if self.changed_nothing():
                    self.unchanged_end()
                    self.say(f"nothing changed; {self.path} not rewritten ({self.kept})")
                    return False
                self.say(f"saved to {self.path} ({self.kept})")
                self.files_note(width)
                return False
            typed_answer = answer
            self.tell(f"'{typed_answer}' is not an action: type one of the letters in brackets", width)
            self.legend(width)


def added_text(plan: Plan, before: list[tuple[str, int]]) -> str:
    """What the measure just added is and which of the weak points left with no measure (``before``) it answers."""
    title, mid = plan["measures"][-1]["title"], plan["measures"][-1]["id"]
    answered = ", ".join(entry_label(code, part) for code, part in before if (code, part) not in
                         unanswered_points(plan))
    if answered:
        return f"added and kept: {title} ({mid}); it answers weak points {answered}"
    if before:
        return (f"added and kept: {title} ({mid}); it answers none of the weak points left with no measure (not of "
                "their indicators)")
    return f"added and kept: {title} ({mid})"


def shown_number(numbers: dict[str, int], measure: Mapping[str, Any]) -> str:
    """A measure's number as the review shows it: its number in the documents' table, '–' for a dropped one."""
    number = numbers.get(measure["id"])
    return "–" if number is None else str(number)


def review_index(plan: Plan, given: str, place: str = "itaplan review --measure") -> int:
    """The measure ``given`` names for ``review --edit --measure``, as ``progress --measure`` and the documents
    number them: its id; its number N in the documents' table (the measures kept, 1…n: a dropped measure has none,
    and the ones after it move up), shown [N/…] on its card; or its title (or a part of it), a dropped measure's
    too. An unknown or ambiguous one is a usage error listing every measure with its number, title and id."""
    measures = plan["measures"]
    typed_measure = " ".join(given.split())
    plain = " ".join(to_arabic(typed_measure).split()).casefold()
    row = holding(measures, typed_measure)  # a merged row's member's id too: the row holding it
    found = [] if row is None else [measures.index(row)]
    if not found and plain.isdigit():
        shown = active_measures(plan)
        found = ([next(i for i, m in enumerate(measures) if m["id"] == shown[int(plain) - 1]["id"])]
                 if 1 <= int(plain) <= len(shown) else [])
    elif not found and plain:
        found = titles_named([str(m.get("title") or "") for m in measures], typed_measure)
    if len(found) == 1:
        return found[0]
    numbers = measure_numbers(plan)
    listed = [f"{shown_number(numbers, m)}. {m['title']} ({m['id']}) "
              f"{translate(DECISION.get(m.get('status', 'proposed'), ''))}".rstrip()
              for i, m in enumerate(measures) if not found or i in found]
    if found:
        raise ambiguous_measure(place, typed_measure, len(found), listed)
    raise UsageError(Problem(place, f"no measure '{typed_measure}' in the plan; give its number in the documents' "
                                    "table (as its card shows it, [N/…]; a dropped measure has none), its title (or "
                                    "a part of it) or its id:"), listed)

OWN_PROMPTS = {"title": N_("its title"), "method": N_("its method, steps separated by ';'"),
               "timeline": N_("its timeline"), "evidence": N_("its evidence, separated by ';'"),
               "owner": N_("who is responsible")}
FIELDS = {"o": "owner", "t": "timeline", "n": "note", "e": "evidence", "m": "method", "r": "title"}
DECISION = {"proposed": "[proposed]", "kept": "[kept]", "changed": "[changed]", "dropped": "[DROPPED]"}
