"""The agency's own statement on a weak point the analysis lists that no kept measure answers.

An officer may drop, on purpose, the only measure answering a weak point (the work is already covered by another
plan of the agency's). The analysis still lists the point, and would print it with no measure and no word: the
agency then states how it handles that point, and the analysis prints the statement after the point, marked as
the agency's own words (``point_handled``). The reason for the drop stays in the plan file only (it may be
internal); the statement is written for the public.

Statements live in the plan's ``handled_points`` (code, EIT part or 0, text), keyed as ``analysis.listed_points``
keys the points (a whole indicator's point by ``fell-N`` / ``given-N``). They are the officer's decisions, so a
draft again (``draft --update``) keeps them. A statement is printed only while no kept measure answers its point
(``unanswered_points``): a measure kept again or added answers the point, and the statement is then not printed
(kept in the file, in case the measure is dropped again).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any, cast

from itaplan.base.errors import InputError, Problem, UsageError
from itaplan.base.i18n_composed import N_
from itaplan.base.thai import to_arabic
from itaplan.drafting.analysis import listed_points, unanswered_points
from itaplan.drafting.model import Plan
from itaplan.drafting.plan import load_plan, plan_lock, save_plan

MAX_CHARS = 1000  # a statement is a sentence or two of the analysis, not a document
MIN_CHARS = 10  # fewer is no sentence of the agency's: a keystroke meant for another prompt ('o' saved, a trial)
PLACE = N_("the agency's statement on a weak point")  # where a problem with a statement is


def point_text(key: tuple[str, int]) -> str:
    """A point's key as typed and stored: e5:1, O22, fell-3."""
    return f"{key[0]}:{key[1]}" if key[1] else key[0]


def statements(plan: Mapping[str, Any]) -> dict[tuple[str, int], str]:
    """Every statement the plan records, by its point's key (answered now or not)."""
    out: dict[tuple[str, int], str] = {}
    for entry in plan.get("handled_points") or []:
        text = " ".join(str(entry.get("text") or "").split())
        if entry.get("code") and text:
            out[(str(entry["code"]), int(entry.get("part") or 0))] = text
    return out


def printed_statements(plan: Plan) -> dict[tuple[str, int], str]:
    """The statements the documents print: those of points no kept measure answers (a measure wins)."""
    recorded = statements(plan)
    return {key: recorded[key] for key in unanswered_points(plan) if key in recorded}


def unanswered_unhandled(plan: Plan) -> list[tuple[str, int]]:
    """The weak points no kept measure answers and no statement of the agency's speaks for."""
    recorded = statements(plan)
    return [key for key in unanswered_points(plan) if key not in recorded]


def find_point(plan: Mapping[str, Any], typed: str) -> tuple[str, int]:
    """The listed weak point ``typed`` names: CODE or CODE:PART (e5:1, O22; Thai digits and any case), a whole
    indicator's fell-N or given-N. One not listed is a usage error naming the points that are."""
    plain = " ".join(to_arabic(typed).split()).replace(" ", "")
    code, _, part = plain.partition(":")
    listed = [key for key, _, _ in listed_points(plan)]
    if part.isdigit() or not part:
        wanted = (code.casefold(), int(part or 0))
        for key in listed:
            if (key[0].casefold(), key[1]) == wanted:
                return key
    names = ", ".join(point_text(key) for key in listed) or "—"
    raise UsageError(Problem(PLACE, f"'{typed[:40]}' is not a weak point the analysis lists; give one of: {names} "
                                    "(CODE, or CODE:PART for an EIT part)"))


def checked_statement(text: str) -> str:
    """A statement as it is recorded (its spacing evened out; blank: none), refused when it is too long for the
    analysis or too short to be the agency's own words (it is printed as such, for the public)."""
    value = " ".join(text.split())
    count, limit, least = len(value), MAX_CHARS, MIN_CHARS
    if count > limit:
        raise UsageError(Problem(PLACE, f"the statement has {count} characters: it is printed in the analysis after "
                                        f"the point; write it in at most {limit}; nothing was saved"))
    if value and count < least:
        raise UsageError(Problem(PLACE, f"the statement '{value}' is too short to be printed as the agency's own words "
                                        f"(at least {least} characters): write how the agency handles the point; "
                                        "nothing was saved"))
    return value


def set_statement(path: Path, key: tuple[str, int], text: str) -> Plan:
    """Record (blank: remove) the agency's statement on the weak point ``key``, under the plan's lock, on the plan
    as it is on disk, logged in the review log. Refused: a point no longer listed, a statement too long. A point a
    kept measure answers may be given one too (before the drop): it is printed once no kept measure answers it."""
    value = checked_statement(text)
    with plan_lock(path):
        fresh = load_plan(path)
        name = point_text(key)
        if key not in [k for k, _, _ in listed_points(fresh)]:
            raise InputError(Problem(str(path), f"weak point {name} is no longer listed in the analysis; nothing "
                                                "saved"))
        entries = [e for e in cast(list, fresh.get("handled_points") or [])
                   if (str(e.get("code")), int(e.get("part") or 0)) != key]
        if value:
            entries.append({"code": key[0], "part": key[1], "text": value})
        if entries:
            fresh["handled_points"] = entries
        else:
            fresh.pop("handled_points", None)
        fresh.setdefault("review", {}).setdefault("log", []).append(
            {"point": point_text(key), "action": "handled", "at": _dt.datetime.now().isoformat(timespec="seconds"),
             "value": value})
        save_plan(fresh, path)
    return fresh
