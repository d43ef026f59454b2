"""The OIT deadlines of a plan's measures as they stand on a day: what was due on the agency's website and is late,
and what falls due within the next weeks.

A plan is drafted and approved after its fiscal year has begun (results arrive in the autumn, the year starts on
1 October), so some of the dates the documents print (``publish_by``: standing information before the assessors
check, the annual plan and its quarterly reports, the six-month report in April, each month's data within the next
month) may already be past, or close, on the day the officer reads the plan. The documents keep the NACC's dates;
the officer is told, in the interface's language, beside the documents (never in them), which to do first.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from itaplan.base.i18n_composed import N_
from itaplan.base.thai import fiscal_year_end, fiscal_year_months
from itaplan.drafting.draft import HALF_YEAR_DUE, check_period
from itaplan.drafting.model import Measure, Plan
from itaplan.drafting.plan import active_measures
from itaplan.drafting.timeline import typed_span
from itaplan.followup.progress import progress_of

SOON = timedelta(days=45)  # due within this many days of today: said, so that the officer starts with it

# what falls due, as the messages name it ({codes}: "O7, O36"; {month}: the month it is about)
WHAT = {"standing": N_("item {codes}"),
        "plan": N_("the annual plan of item {codes}"),
        "q1": N_("the first quarter's progress report of item {codes}"),
        "q2": N_("the second quarter's progress report of item {codes}"),
        "half_year": N_("the six-month report of item {codes}"),
        "monthly": N_("the data of {month} for item {codes}")}
LATE = N_("measure {number} ({title}): {what} had to be online by the end of {month}, which has passed: publish it "
          "as soon as possible")
LATE_APPROX = N_("measure {number} ({title}): {what} had to be online by the end of {month} (estimated from the "
                 "checking period of FY{year}), which has passed: publish it as soon as possible")
LATE_MONTHS = N_("measure {number} ({title}): the data of {first} to {last} for item {codes} had to be online within "
                 "the month after each, which has passed: publish it as soon as possible")
# a month as the messages name it, in English, and the Thai documents' abbreviation through the catalogue (ธ.ค. 2569)
MONTH = (N_("January {year}"), N_("February {year}"), N_("March {year}"), N_("April {year}"), N_("May {year}"),
         N_("June {year}"), N_("July {year}"), N_("August {year}"), N_("September {year}"), N_("October {year}"),
         N_("November {year}"), N_("December {year}"))
SOON_DUE = N_("measure {number} ({title}): {what} must be online by the end of {month}, in {days} days: do this first")
SOON_DUE_APPROX = N_("measure {number} ({title}): {what} must be online by the end of {month} (estimated from the "
                     "checking period of FY{year}), in {days} days: do this first")
# a timeline the officer typed that the deadline of an OIT item its measure serves falls outside of
STARTS_AFTER = N_("the timeline as typed starts in {start}, after {what} must be online (by the end of {month}); the "
                  "documents now print the timeline as typed, without that deadline: make the work start in time, or "
                  "say in the timeline when it is published")
STARTS_AFTER_APPROX = N_("the timeline as typed starts in {start}, after {what} must be online (by the end of {month}, "
                         "estimated from the checking period of FY{year}); the documents now print the timeline as "
                         "typed, without that deadline: make the work start in time, or say in the timeline when it "
                         "is published")
ENDS_BEFORE = N_("the timeline as typed ends in {end}, before {what} is due (by the end of {month}); the documents now "
                 "print the timeline as typed, without that deadline: make the timeline run until then")
@dataclass(frozen=True)
class Due:
    """One thing a measure must have on the website by the end of a month of the plan year."""

    number: int  # the measure's number in the documents
    title: str
    kind: str  # a key of WHAT
    codes: tuple[str, ...]
    month: int  # 1 = October of the plan year
    by: date  # the last day of that month
    approx: int | None  # the year whose checking period the date is taken from, when not the plan year's own


def month_end(plan_year: int, month: int) -> date:
    """The last day of month ``month`` (1 = October) of a fiscal year."""
    m, be_year = fiscal_year_months(plan_year)[month - 1]
    year = be_year - 543
    return date(year, m, calendar.monthrange(year, m)[1])


def dues(plan_year: int, number: int, measure: Measure) -> list[Due]:
    """What the OIT items a measure serves must have online and by when, as ``publish_by`` prints it: standing items
    before the assessors' checking period; the annual plan before it and its quarterly reports in the fourth and
    seventh months; the six-month report in April; each month's data within the month after."""
    found = check_period(plan_year)
    served = [s for s in measure.get("serves") or [] if isinstance(s, dict) and s.get("code")]
    if found is None or not served:
        return []
    period, taken_from, approx = found
    by_round: dict[str, list[str]] = {}
    for item in served:
        kind = "standing" if item.get("period") in ("current", "previous_year") else str(item.get("period"))
        by_round.setdefault(kind, []).append(str(item["code"]))
    months = measure.get("months") or {}
    if "standing" in by_round and isinstance(months, dict) and int(months.get("to", 12)) < period.first:
        del by_round["standing"]  # a measure that ends before the checking starts: publish_by says nothing of it
    before = max(period.first - 1, 1)
    plan = {"standing": [("standing", before)], "quarterly": [("plan", before), ("q1", 4), ("q2", 7)],
            "half_year": [("half_year", HALF_YEAR_DUE)], "monthly": [("monthly", m + 1) for m in range(1, 12)]}
    title = str(measure.get("title") or "")
    out = []
    for kind, codes in by_round.items():
        for what, month in plan.get(kind, []):
            dated_by_checking = what in ("standing", "plan")  # the others' months are the items' own
            out.append(Due(number, title, what, tuple(codes), month, month_end(plan_year, month),
                           taken_from if approx and dated_by_checking else None))
    return out


def deadline_warnings(plan: Plan, today: date) -> list[str]:
    """The officer's warnings (English msgids, translated on the way out) for what the measures still to do had
    to have online before ``today`` (while the measure is not started: one under way may have published it) and what
    is due within ``SOON`` of it. Nothing for a plan imported for the report on last year's measures, for a year
    already over (the year's end is said on its own), nor for a measure recorded as done."""
    year = plan.get("plan_year")
    if plan.get("imported") or not isinstance(year, int) or today > fiscal_year_end(year):
        return []
    lines = []
    for number, measure in enumerate(active_measures(plan), start=1):
        status = progress_of(measure)["status"]
        if status == "done":
            continue
        # what is late is said while nothing is recorded of the measure (a measure under way may have published it)
        due = [d for d in dues(year, number, measure) if d.by >= today or status == "not started"]
        late_months = [d for d in due if d.kind == "monthly" and d.by < today]
        if len(late_months) > 1:  # one month late is said as the other late things are
            first, last = late_months[0], late_months[-1]
            lines.append(LATE_MONTHS.format(number=number, title=first.title, codes=", ".join(first.codes),
                                            first=_month(year, first.month - 1), last=_month(year, last.month - 1)))
        next_month = False  # of the monthly data, the month due next is said; the ones after follow, month by month
        for d in due:
            if d.kind == "monthly" and ((d.by < today and len(late_months) > 1) or (d.by >= today and next_month)):
                continue
            values = {"number": number, "title": d.title, "month": _month(year, d.month), "year": d.approx or year,
                      "what": WHAT[d.kind].format(codes=", ".join(d.codes), month=_month(year, d.month - 1))}
            if d.by < today:
                lines.append((LATE_APPROX if d.approx else LATE).format(**values))
            elif d.by - today <= SOON:
                lines.append((SOON_DUE_APPROX if d.approx else SOON_DUE).format(days=(d.by - today).days, **values))
                next_month = next_month or d.kind == "monthly"
    return lines


def _month(plan_year: int, month: int) -> str:
    """Month ``month`` (1 = October) of a fiscal year as the messages name it: "December 2569" (ธ.ค. 2569 in Thai)."""
    m, be_year = fiscal_year_months(plan_year)[month - 1]
    return MONTH[m - 1].format(year=be_year)


def timeline_misses(measure: Measure, plan_year: int, printed: str | None) -> list[str]:
    """The officer's warnings (English msgids, translated on the way out) for a timeline they typed (``printed``,
    the deadline sentence the documents print after it, is None: ``timeline.printed_deadline``) that starts after
    something an OIT item it serves must have online, or ends before a report the item asks for later in the year is
    due: the documents print it as typed, so nothing else says that the deadline is missed. One line per kind of
    thing due, the first missed (or the last)."""
    if printed:
        return []
    span = typed_span(str(measure.get("timeline") or ""))
    if span is None:
        return []
    start, end = span
    lines: list[str] = []
    said: set[tuple[str, str]] = set()
    due = dues(plan_year, 0, measure)
    for d in due:  # the first of each kind the typed start is after
        if d.by < start and ("after", d.kind) not in said:
            said.add(("after", d.kind))
            values = {"start": _month_of(start), "month": _month(plan_year, d.month), "year": d.approx or plan_year,
                      "what": WHAT[d.kind].format(codes=", ".join(d.codes), month=_month(plan_year, d.month - 1))}
            lines.append((STARTS_AFTER_APPROX if d.approx else STARTS_AFTER).format(**values))
    for d in reversed(due):  # the last report of each kind made after the typed end (standing items: none)
        if d.kind not in ("standing", "plan") and month_end(plan_year, d.month).replace(day=1) > end \
                and ("before", d.kind) not in said and ("after", d.kind) not in said:
            said.add(("before", d.kind))
            lines.append(ENDS_BEFORE.format(end=_month_of(end), month=_month(plan_year, d.month),
                                            what=WHAT[d.kind].format(codes=", ".join(d.codes),
                                                                     month=_month(plan_year, d.month - 1))))
    return lines


def _month_of(day: date) -> str:
    """A day's month as the messages name it ("January 2570")."""
    return MONTH[day.month - 1].format(year=day.year + 543)
