"""Scorecards and plans on the terminal, with rich (colour and boxes off with ``plain``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from itaplan.base.errors import clean_text
from itaplan.base.i18n import language, translate
from itaplan.base.i18n_composed import N_
from itaplan.base.thai import fmt_change, fmt_score, round2
from itaplan.cli.thaiwrap import widest_word, wrap_thai
from itaplan.drafting.model import Plan

if TYPE_CHECKING:
    from itaplan.ita.scoring import Scorecard
    from rich.console import Console


CLEARED = N_("cleared")


def for_terminal(text: str) -> str:
    """Text from an input file as rich may print it: no escape sequences or control characters (they could
    recolour or rewrite the screen) and no rich markup (``[/]`` in a name made rich fail, ``[link=…]`` a link)."""
    from rich.markup import escape

    return escape(clean_text(str(text)))


# One minus sign in everything the terminal shows: ASCII's, the one Python's '+.2f' writes for a change and the one
# an officer types back (a gap printed '−4.55' beside a change printed '-0.48' read as two kinds of number).
MINUS = "-"


def entry_label(code: str, part: int | None) -> str:
    """A question as the terminal names it, in the interface's words: 'e9 (part 1)' / 'e9 (ส่วนที่ 1)'; a weak point
    of a whole indicator (``analysis.point_key``): 'indicator 9 (its score fell)'."""
    from itaplan.drafting.analysis import indicator_point

    whole = indicator_point((code, part or 0))
    if whole is not None:
        kind, number = whole
        return translate(f"indicator {number} (its score fell)" if kind == "fell" else
                         f"indicator {number} (known only by its score)")
    return f"{code} ({translate(f'part {part}')})" if part else code


def terminal_data(data: object) -> object:
    """A plan (plain data) with every string made safe for the terminal."""
    from itaplan.render.sanitize import deep

    return deep(data, for_terminal)


def make_console(plain: bool = False, width: int | None = None, stderr: bool = False) -> Console:
    """A rich console whose printed text lines are in the interface language (engine/i18n.py)."""
    from itaplan.base.i18n import translate
    from rich.console import Console

    class Translating(Console):
        def print(self, *objects: object, **kwargs: Any) -> None:  # type: ignore[override]
            super().print(*(translate(o) if isinstance(o, str) else o for o in objects), **kwargs)

    if plain:
        console = Translating(no_color=True, color_system=None, emoji=False, highlight=False, width=width,
                              stderr=stderr, force_terminal=False)
    else:
        console = Translating(width=width, highlight=False, stderr=stderr, emoji=False)
    # Output to a pipe or a file has no width of its own: rich's 80 columns broke a text line wherever the 80th fell
    # (a file path mid-word, a code from its score). Lines are left whole there (a reader, `grep` or an editor wraps
    # them); a table still keeps to the width, its path and code columns unbroken (``unbroken_column``).
    if width is None and not _on_terminal(console):
        console.soft_wrap = True
    return console


def _on_terminal(console: Console) -> bool:
    """Does the console write to a terminal (not a pipe, a file or a test's runner)? Asked of the stream itself: a
    plain console is forced off the terminal for colour, not because its output is not one."""
    isatty = getattr(console.file, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False


def text_width(console: Console) -> int:
    """The width to wrap a text line at by hand (Thai wrapped at word breaks): the console's on a terminal; none to
    speak of when the console leaves lines whole (a pipe or a file)."""
    return 10_000 if console.soft_wrap else (console.width or 80)


def bar(score: float | None, target: float, width: int = 20, plain: bool = False) -> str:
    """A text bar of a 0-100 score with the target marked (|): a score below the target never reaches the mark, one
    at or above it always fills past it (rounded alike, 84.38 and 86.46 drew the same bar on either side of 85)."""
    if score is None:
        return " " * width
    mark = min(width - 1, round(target / 100 * width))
    filled = int(score / 100 * width)
    filled = max(filled, mark + 2) if round2(score) >= target else min(filled, mark)  # cells before the mark, or past it
    cells = []
    for i in range(width):
        if i == mark:
            cells.append("|")
        elif i < filled:
            cells.append("#" if plain else "█")
        else:
            cells.append("." if plain else "░")
    return "".join(cells)


def change_text(change: float | None, plain: bool) -> str:
    if change is None:
        return "–"
    text = fmt_change(change)
    if plain:
        return text
    if round2(change) > 0:
        return f"[green]▲ {text}[/]"
    if round2(change) < 0:
        return f"[red]▼ {text}[/]"
    return f"= {text}"


CONFIDENCE = {  # what a framework's confidence letter means to the officer (engine/ita/frameworks/*.yaml)
    "H": "its facts are known with high confidence (confidence H), see any assumptions",
    "M": "some of its facts are assumed (confidence M), see the assumptions",
    "L": "much of it is assumed (confidence L), see the assumptions",
}


def confidence_text(fw: Any) -> str:
    """What the framework's confidence letter means, true of its assumptions too: a year whose codes are verified
    (H) but whose weights are assumed is not said to have every fact known."""
    count = len(fw.assumptions)
    if fw.confidence != "H" or not count:
        return CONFIDENCE.get(fw.confidence, fw.confidence)
    if count == 1:
        return "most of its facts are known (confidence H), but one is assumed: see the assumption"
    return f"most of its facts are known (confidence H), but {count} are assumed: see the assumptions"


def eit_mean_only(weighted: Mapping[str, float | None], eit: float | None) -> float | None:
    """EIT's mean, when it alone is known of a two-part year's EIT (a table giving EIT's figure, not its parts'):
    the header says it, not 'EIT1 –  EIT2 –' with no EIT figure at all."""
    if "EIT1" in weighted and weighted.get("EIT1") is None and weighted.get("EIT2") is None and eit is not None:
        return eit
    return None


def eit_mean_text(mean: float) -> str:
    """EIT's mean as the headers print it, marked as the mean of the two parts."""
    return f"{fmt_score(mean)} ({translate('mean of parts 1 and 2; the parts unknown')})"


def scorecard_header(card: Scorecard) -> list[str]:
    fw = card.framework
    agency = card.agency.name or "(agency name not given)"
    lines = [f"{agency} — ITA results of FY{fw.fiscal_year} (framework {fw.name}: {confidence_text(fw)})"]
    if card.total is None:
        lines.append("Total: cannot be computed (see warnings)")
    else:
        verdict = "meets" if card.passed else "below"
        given = " (as given)" if card.total_source == "given" else ""
        label = f"  {card.label}" if card.label else ""
        lines.append(f"Total {fmt_score(card.total)}{given}  level {card.level}{label}  ({verdict} the target "
                     f"{card.target:g})")
    parts = []
    mean = eit_mean_only(card.tools, card.display_tools.get("EIT"))
    for key, value in card.tools.items():
        gap = card.gaps[key]
        if mean is not None and key in ("EIT1", "EIT2"):  # EIT's mean alone: said once, as the mean
            if key == "EIT1":
                gap = max(0.0, card.target - mean)
                gap_text = "" if gap == 0 else " (" + translate(f"{MINUS}{fmt_score(gap)} to {card.target:g}") + ")"
                parts.append(f"EIT {eit_mean_text(mean)}{gap_text}")
            continue
        gap_text = "" if gap is None or gap == 0 else " (" + translate(f"{MINUS}{fmt_score(gap)} to {card.target:g}") + ")"
        parts.append(f"{key} {fmt_score(value) if value is not None else translate('unknown')}{gap_text}")
    lines.append("  ".join(parts))
    if card.previous_total is not None:
        lines.append(f"Last year ({card.previous_year}) {fmt_score(card.previous_total)}, change "
                     f"{fmt_change(card.total_change)}")
    return lines


def print_scorecard(card: Scorecard, console: Console, plain: bool = False) -> None:
    from rich import box
    from rich.table import Table

    for i, line in enumerate(scorecard_header(card)):
        line = for_terminal(line)
        console.print(f"[bold]{line}[/]" if i == 0 and not plain else line, markup=True, highlight=False)
    from rich.cells import cell_len

    table = Table(box=box.ASCII if plain else box.SIMPLE_HEAVY, show_edge=False, pad_edge=False)
    headers = ["#", translate("indicator"), translate("tool"), translate("score"), translate(f"vs {card.target:g}"),
               translate("last"), translate("change")]
    rows = [[str(ind.number), for_terminal(ind.name if ind.source == "computed" else f"{ind.name} *"
                                           if ind.source == "given" else f"{ind.name} ?"),
             ind.tool, fmt_score(ind.score), bar(ind.score, card.target, 12, plain), fmt_score(ind.previous),
             change_text(ind.change, plain)] for ind in card.indicators]
    # the indicator's name wrapped between words to the room the other columns leave on the screen (a Thai name was
    # cut, "การปรับปรุงระบบการทำง…", by rich's ellipsis: Thai has no spaces for rich to wrap at), never narrower than
    # its widest word
    names = [row[1] for row in rows]
    least = max(cell_len(headers[1]), max((widest_word(n) for n in names), default=0))

    def others(columns: list[int]) -> int:
        return sum(max(cell_len(text) for text in [headers[i], *(row[i] for row in rows)])
                   for i in columns if i != 1) + 3 * (len(columns) - 1)

    columns = list(range(len(headers)))
    for column in (4, 2, 6, 5):  # a narrow screen: the bar gives up its room, then the tool, the change and last year
        if console.width - others(columns) >= least:
            break
        columns.remove(column)
    name_width = max(least, min(max((cell_len(n) for n in names), default=0), console.width - others(columns)))
    for i in columns:
        table.add_column(headers[i], justify="right" if i in (0, 3, 5, 6) else "left", no_wrap=i != 1,
                         max_width=name_width if i == 1 else None, overflow="fold" if i == 1 else "ellipsis")
    for row in rows:
        table.add_row(*(wrap_thai(row[i], name_width) if i == 1 else row[i] for i in columns))
    console.print(table)
    if 4 in columns:
        console.print(translate(f"bar: the score out of 100; | marks the target {card.target:g}"), markup=False)
    if any(i.source == "given" for i in card.indicators):
        console.print("* indicator score as given (not computed from its questions)", markup=False)
    if any(i.source == "unknown" for i in card.indicators):
        console.print("? indicator score unknown: not all of its questions are given", markup=False)
    low = sorted(((q.code, part, value) for q in card.questions.values() for part, value in q.entries()
                  if value < card.target), key=lambda e: e[2])
    if low:
        console.print(f"Questions below {card.target:g}: " + ", ".join(
            f"{entry_label(code, part)} {fmt_score(value)}"
            for code, part, value in low), markup=False)
    for warning in card.warnings:
        console.print(clean_text(f"warning: {warning}"), style=None if plain else "yellow", markup=False)
    for a in card.framework.assumptions:
        console.print(clean_text(f"assumption: {assumption_text(a)}"), style=None if plain else "dim", markup=False)


def assumption_text(a: Any) -> str:
    """A framework's assumption in the interface's language: its own Thai note in Thai, its fact and note in English
    (the same words wherever the officer is told: score, review)."""
    return a.note_th if language() == "th" and a.note_th else f"{a.fact}: {a.note}"


def plan_assumptions(plan: Plan) -> list[str]:
    """A plan's assumptions as the officer is told them: the plan file records them in Thai (they may go into the
    working appendix); the framework's ones are said as ``score`` says them, in the interface's language."""
    from itaplan.base.errors import ItaplanError
    from itaplan.ita.framework import load_framework

    try:
        assumptions = load_framework(plan["fiscal_year"]).assumptions
    except (ItaplanError, KeyError, TypeError):  # a hand-made plan without a known year: as recorded
        assumptions = []
    said = {a.note_th or a.note: assumption_text(a) for a in assumptions}
    if language() != "th" and plan.get("report_assumption_th") and plan.get("report_assumption"):
        # the report item assumed: recorded in Thai for the documents, said in English as drafting said it
        said[str(plan["report_assumption_th"])] = str(plan["report_assumption"])
    return [said.get(text, text) for text in plan.get("assumptions", [])]


def status_word(key: str, text: Callable[[str], str]) -> str:
    """A progress status in the terminal's words: a Thai interface, the documents' own; else English."""
    from itaplan.followup.progress import STATUS_ENGLISH, STATUS_KEYS

    return text(STATUS_KEYS[key]) if language() == "th" else STATUS_ENGLISH[key]


def day_word(value: Any) -> str:
    """A recorded date in the terminal's words: Thai, or as --finished takes it (30/11/2569) in English."""
    from itaplan.base.thai import fmt_date

    day = value if isinstance(value, date) else date.fromisoformat(str(value))
    return fmt_date(day) if language() == "th" else f"{day.day}/{day.month}/{day.year + 543}"


def print_progress(plan: Plan, text: Callable[[str], str], console: Console, only: str | None = None) -> None:
    """Each measure's progress status and finish date, then the count per status; ``only``: that measure's row
    alone (by id), numbered as in the whole table, with no count."""
    from itaplan.drafting.plan import active_measures
    from itaplan.followup.progress import counts, progress_of
    from rich import box
    from rich.table import Table

    plan = terminal_data(plan)  # type: ignore[assignment]
    plain = console.no_color
    table = Table(box=None if plain else box.ROUNDED, show_edge=False, pad_edge=False)
    title_width = max(20, console.width - 46)
    thai = language() == "th"  # the terminal's words follow the interface; a Thai one, the documents' own

    def status(key: str) -> str:
        return status_word(key, text)

    table.add_column("#", justify="right")
    table.add_column(text("col_measure") if thai else "measure", max_width=title_width, overflow="fold")
    table.add_column(text("col_status") if thai else "status", max_width=20, overflow="fold")
    table.add_column(text("col_done_on") if thai else "finished on", max_width=18, overflow="fold")
    for i, m in enumerate(active_measures(plan), start=1):
        if only is not None and m["id"] != only:
            continue
        p = progress_of(m)
        table.add_row(str(i), wrap_thai(f"{m['title']} ({m['id']})", title_width),
                      wrap_thai(status(p["status"]), 20), day_word(p["finished"]) if p["finished"] else "")
    console.print(table)
    if only is not None:
        return
    console.print(", ".join(f"{status(s)} {n}" for s, n in counts(plan).items()), markup=True)


def progress_change_lines(before: Mapping[str, Any], after: Mapping[str, Any], text: Callable[[str], str]) -> list[str]:
    """What an update changed of one measure's recorded progress (``recorded_fields``), a line per field: the status
    and dates from what they were, a text as it is now (cleared: said so)."""
    from itaplan.followup.progress import FIELD_WORDS, changed_fields

    def shown(field: str, value: Any) -> str:
        if not value:
            return "–"
        if field == "status":
            return status_word(str(value), text)
        if field in ("started", "finished"):
            return day_word(value)
        if field == "links":
            return ", ".join(map(str, value))
        return " ".join(str(value).split())

    lines = []
    for field in changed_fields(before, after):
        label = translate(FIELD_WORDS[field])
        if field in ("status", "started", "finished"):
            lines.append(f"  {label}: {shown(field, before.get(field))} → {shown(field, after.get(field))}")
        elif after.get(field):
            lines.append(f"  {label}: {shown(field, after.get(field))}")
        else:
            lines.append(f"  {label}: {translate(CLEARED)}")
    return lines
