"""A measure's timeline as the officer types it, read back as months, and the deadline sentence that goes with it.

A drafted measure carries its months (``months``: 1 = October of the plan year) and prints its timeline followed by
the deadline of the OIT items it serves (``publish_by``: "โดยต้องเผยแพร่บนเว็บไซต์ให้ครบถ้วนภายใน ธ.ค. 2569"). Once
the officer types a timeline (the web's edit form, ``review --edit``; the review log records it), that sentence
belonged to the drafted timeline, not to theirs: the documents print the timeline as typed, and the page warns when
the work starts after the deadline. The months follow the typed timeline when it can be read ("ม.ค. 2570 – ก.ย. 2570",
"ม.ค. – มิ.ย. 2570", "ตลอดปีงบประมาณ"), since they drive the deadlines said to the officer, the action plan's
quarters and the tracking sheet; a timeline that cannot be read leaves none rather than the drafted ones.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from itaplan.base.thai import BE_YEAR, MONTH_NAMES, fiscal_year_months, month_number, to_arabic
from itaplan.ita.gather import VOCAB

# a timeline's span: "ต.ค. 2568 – ก.ย. 2569", "ตุลาคม ๒๕๖๗ - กันยายน ๒๕๖๘" (the check of documents reads the same)
_WORDS = VOCAB["assessor"]
SPAN = re.compile(rf"(?P<m1>{MONTH_NAMES})\s*(?:{re.escape(_WORDS['era'])}\s*)?(?P<y1>{BE_YEAR})\s*"
                  rf"(?:{'|'.join(map(re.escape, _WORDS['span_joiners']))})\s*"
                  rf"(?P<m2>{MONTH_NAMES})\s*(?:{re.escape(_WORDS['era'])}\s*)?(?P<y2>{BE_YEAR})")
# ... and as officers type one within a year, the year said once ("ม.ค. – มี.ค. 2570", "ต.ค. – ธ.ค. 2569")
_SHORT_SPAN = re.compile(rf"(?P<m1>{MONTH_NAMES})\s*(?:{'|'.join(map(re.escape, _WORDS['span_joiners']))})\s*"
                         rf"(?P<m2>{MONTH_NAMES})\s*(?:{re.escape(_WORDS['era'])}\s*)?(?P<y2>{BE_YEAR})")
# the whole fiscal year in words, alone or with its year ("ตลอดปีงบประมาณ", "ตลอดปีงบประมาณ พ.ศ. 2570")
_WHOLE_YEAR = re.compile(rf"(?:{'|'.join(map(re.escape, VOCAB['measures_table']['whole_year']))})"
                         rf"\s*(?:{re.escape(_WORDS['era'])}\s*)?(?P<year>{BE_YEAR})?")


def typed_span(timeline: str) -> tuple[date, date] | None:
    """The first and last day a timeline's spans cover ("ม.ค. 2570 – ก.ย. 2570": 1 January to 30 September 2027);
    None when it names no span of months (a sentence, "ตลอดปีงบประมาณ") or one that ends before it starts."""
    starts, ends = [], []
    text = " ".join(timeline.split())
    spans = [(m.group("m1"), int(to_arabic(m.group("y1"))), m.group("m2"), int(to_arabic(m.group("y2"))))
             for m in SPAN.finditer(text)]
    spans += [(m.group("m1"), int(to_arabic(m.group("y2"))) - (month_number(m.group("m1")) > month_number(m.group("m2"))),
               m.group("m2"), int(to_arabic(m.group("y2")))) for m in _SHORT_SPAN.finditer(text)]
    for name1, be1, name2, be2 in spans:
        (y1, m1), (y2, m2) = (be1 - 543, month_number(name1)), (be2 - 543, month_number(name2))
        first, last = date(y1, m1, 1), date(y2, m2, calendar.monthrange(y2, m2)[1])
        if last < first:
            return None
        starts.append(first)
        ends.append(last)
    return (min(starts), max(ends)) if starts else None


# a day of a month typed in a timeline ("31 ก.พ. 2570", "30 เม.ย."), its year when written
_DAY = re.compile(rf"(?<![0-9])(?P<day>[0-9]{{1,2}})\s*(?P<month>{MONTH_NAMES})\s*"
                  rf"(?:{re.escape(_WORDS['era'])}\s*)?(?P<year>{BE_YEAR})?")
_YEAR = re.compile(rf"(?<![0-9])(?:{BE_YEAR})(?![0-9])")


def impossible_days(timeline: str) -> list[str]:
    """The days a typed timeline names that no calendar has, as typed ("31 ก.พ. 2570", "31 เม.ย.", "29 ก.พ. 2569"):
    the documents would print them as they are ("๓๑ ก.พ. ๒๕๗๐"). A day typed without its year takes the next year
    the timeline writes ("1 ก.พ. – 29 ก.พ. 2569"); with none, 29 February is let pass."""
    text = to_arabic(timeline)
    wrong = []
    for found in _DAY.finditer(text):
        day, month = int(found.group("day")), month_number(found.group("month"))
        later = found.group("year") or next((y.group() for y in _YEAR.finditer(text, found.end())), None)
        days = calendar.monthrange(int(later) - 543, month)[1] if later else (29 if month == 2 else
                                                                               calendar.monthrange(2000, month)[1])
        if not 1 <= day <= days:
            wrong.append(" ".join(found.group().split()))
    return wrong


def typed_months(timeline: str, plan_year: int) -> dict[str, int] | None:
    """The months of the plan year (1 = October) a typed timeline covers, as ``months`` holds them; None when it
    cannot be read (a sentence), or covers no month of the plan year. The whole year in words, with no other year,
    is October to September."""
    text = " ".join(to_arabic(timeline).split())
    whole = _WHOLE_YEAR.fullmatch(text)
    if whole and (whole.group("year") is None or int(whole.group("year")) == plan_year):
        return {"from": 1, "to": 12}
    span = typed_span(text)
    if span is None:
        return None
    start, end = span
    within = [number for number, (month, be_year) in enumerate(fiscal_year_months(plan_year), start=1)
              if start <= date(be_year - 543, month, 1) <= end]
    return {"from": within[0], "to": within[-1]} if within else None


def timeline_typed(plan: Mapping[str, Any], measure_id: str) -> bool:
    """Whether the officer typed the measure's timeline (the review log records it)."""
    log = (plan.get("review") or {}).get("log") or []
    return any(isinstance(e, dict) and e.get("measure") == measure_id and e.get("action") == "timeline" for e in log)


def printed_deadline(plan: Mapping[str, Any], measure: Mapping[str, Any]) -> str | None:
    """The deadline sentence the documents print after the measure's timeline: the drafted one after a drafted
    timeline; none after a timeline the officer typed (a plan saved before a redraft kept it apart may still hold
    one: it is not printed, as the page says)."""
    if not measure.get("publish_by") or timeline_typed(plan, str(measure.get("id"))):
        return None
    return str(measure["publish_by"])
