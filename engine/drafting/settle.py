"""Settling a plan's measures: keep, drop with a reason, or new texts (which mark the measure changed).

One place for the rules of a decision, used by the terminal's edit session (``review --edit``) and the web
app: every decision is written to the plan file at once, under the plan's lock, on the plan as it is on disk
then (another officer may have saved since), and logged in ``review.log`` with the time and the value given.

A form shows every field and sends every field back, so a form opened before someone else saved would put the
old values back. A form therefore also sends the values it showed (``shown``): a field typed as it was shown
is no change, and a field the user changed that was changed in the file meanwhile is refused
(``ConflictError``), never overwritten.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from typing import Any, cast

from itaplan.base.errors import ConflictError, InputError, Problem, UsageError
from itaplan.base.i18n_composed import N_
from itaplan.drafting.model import Measure, Plan
from itaplan.drafting.plan import load_plan, plan_lock, save_plan
from itaplan.drafting.timeline import impossible_days, typed_months

# the texts of a measure an officer may change; the list fields take one item per line (or separated by ';')
EDITABLE = ("title", "method", "timeline", "evidence", "owner", "note", "rationale", "card_name", "target_group")
# blank is a value: no note; the card's drafted rationale, name or target group (the key removed)
OPTIONAL = ("note", "rationale", "card_name", "target_group")
# the project card's texts an officer may set, kept under the measure's ``project`` (form field -> project key)
PROJECT_FIELDS = {"card_name": "name", "target_group": "target_group"}
LISTED = ("method", "evidence")
REQUIRED = ("title", "method", "timeline", "evidence", "owner")  # the plan schema demands them non-empty
MEASURE = N_("measure '{id}'")  # where a problem with one measure's decision is
# a field as a message names it (a conflict says which field someone else changed)
FIELD_WORDS = {"title": N_("the measure's title"), "method": N_("the method"), "timeline": N_("the timeline"),
               "evidence": N_("the evidence"), "owner": N_("the owner"), "note": N_("the note"),
               "rationale": N_("the rationale (project card)"), "card_name": N_("the project's name (project card)"),
               "target_group": N_("the target group (project card)")}


def split_items(value: str) -> list[str]:
    """A list field as typed: one item per line, or items separated by ';'."""
    return [item.strip() for item in re.split(r"[\n;]+", value) if item.strip()]


def field_value(field: str, value: str) -> str | list[str]:
    """What a typed value becomes in the plan; an empty required field is refused (nothing is saved)."""
    if field not in EDITABLE:
        raise UsageError(Problem("itaplan", f"'{field}' is not a text of a measure that can be changed "
                                            f"(one of: {', '.join(EDITABLE)})"))
    new: str | list[str] = split_items(value) if field in LISTED else value.strip()
    if field in REQUIRED and not new:
        raise UsageError(Problem(field, "cannot be empty; nothing was saved"))
    wrong = impossible_days(str(new)) if field == "timeline" else []
    if wrong:  # the documents would print the day as typed ("๓๑ ก.พ. ๒๕๗๐"): a date no calendar has
        days = ", ".join(wrong)
        raise UsageError(Problem(field, f"{days}: no such day in the calendar; give a day the month has "
                                        "(February has 28 days, 29 in a leap year; April, June, September and "
                                        "November have 30); nothing was saved"))
    return new


def typed_changes(values: dict[str, str], shown: dict[str, str] | None) -> dict[str, str]:
    """Of a form's typed values, those unlike what it showed (``shown``; None: every one)."""
    if shown is None:
        return dict(values)
    return {name: value for name, value in values.items()
            if name not in shown or normal_text(name, value) != normal_text(name, shown[name])}


def field_values(values: Mapping[str, str]) -> dict[str, str | list[str]]:
    """``field_value`` of each typed value; every field refused is named at once (a blank title and an impossible
    day in the timeline, both), not the first only."""
    wanted, problems = {}, []
    for name, value in values.items():
        try:
            wanted[name] = field_value(name, value)
        except UsageError as exc:
            problems += exc.problems
    if problems:
        raise UsageError(problems)
    return wanted


def normal_text(field: str, value: Any) -> str | tuple[str, ...]:
    """A field's value for comparison: a list field as its items, text with its spacing and line ends evened out
    (a browser sends a textarea's lines with CR LF, and an input field drops line breaks)."""
    if field in LISTED:
        items = split_items(value) if isinstance(value, str) else [str(v) for v in value or []]
        return tuple(" ".join(item.split()) for item in items)
    return " ".join(str(value or "").split())


def _short(value: Any) -> str:
    text = "; ".join(value) if isinstance(value, (list, tuple)) else str(value or "")
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:59] + "…"


def changed_since_shown(where: str, typed: dict[str, Any], shown: dict[str, Any] | None, now: Mapping[str, Any],
                        normal: Callable[[str, Any], Any], words: dict[str, str]) -> dict[str, Any]:
    """Of the values typed into a form, those the user changed: unlike what the form showed (``shown``).

    ``now`` holds the values in the file as it is now (read under the plan's lock). A field the user changed
    that was changed in the file too since the form was shown, to something else than what was typed, is a
    conflict: ConflictError names each such field, and nothing is saved. Without ``shown`` (the terminal's
    session, which always works on the file as it is) every typed value counts as a change.
    """
    if shown is None:
        return dict(typed)
    changed, problems = {}, []
    for name, value in typed.items():
        if name in shown and normal(name, value) == normal(name, shown[name]):
            continue
        on_file = now.get(name)
        if name in shown and normal(name, on_file) not in (normal(name, shown[name]), normal(name, value)):
            on_file, word = _short(on_file) or "—", words.get(name, name)
            problems.append(Problem(where, f"changed in the plan file after this form was opened: {word}, now "
                                           f"'{on_file}'; nothing of yours is saved yet: "
                                           "send the form again to put what you typed over the newer version, or "
                                           "open the plan again to see the newer version"))
        changed[name] = value
    if problems:
        raise ConflictError(problems)
    return changed


def save_decision(path: Path, measure_id: str, action: str, value: str | None,
                  fields: dict | Callable[[Measure, Plan], dict], fallback: Plan | None = None) -> Plan:
    """Set ``fields`` (or what ``fields(measure, plan)`` returns for the measure and plan as on disk) on one measure,
    under the plan's lock, log the action, and save. Returns the plan as saved."""
    with plan_lock(path):
        fresh = load_plan(path) if path.exists() or fallback is None else fallback
        target = next((m for m in fresh["measures"] if m["id"] == measure_id), None)
        if target is None:
            raise InputError(Problem(str(path), f"measure '{measure_id}' is no longer in the plan; nothing saved"))
        cast(dict, target).update(fields(target, fresh) if callable(fields) else fields)  # fields named by the officer
        log = fresh.setdefault("review", {}).setdefault("log", [])
        entry = {"measure": measure_id, "action": action, "at": _dt.datetime.now().isoformat(timespec="seconds")}
        if value is not None:
            entry["value"] = value
        log.append(entry)
        save_plan(fresh, path)
    return fresh


def drop_reason(measure: Mapping[str, Any]) -> str:
    """Why a dropped measure was dropped: its ``dropped_reason``; in plans from before that key, the note (which the
    drop then wrote). A measure that is not dropped has none."""
    if measure.get("status") != "dropped":
        return ""
    return str(measure.get("dropped_reason") or measure.get("note") or "")


def _kept_again(measure: Mapping[str, Any], log: list[dict]) -> dict:
    """The fields of a measure kept (again): its status, and no reason for a drop that no longer holds. A plan from
    before ``dropped_reason`` kept that reason in the note: it is cleared when it is the reason the last drop gave
    (the review log says so), never another note of the officer's."""
    fields: dict[str, Any] = {"status": "changed" if measure.get("status") == "changed" else "kept"}
    if measure.get("status") == "dropped" and not measure.get("dropped_reason"):
        drops = [e for e in log if e.get("measure") == measure.get("id") and e.get("action") == "drop"]
        if drops and " ".join(str(drops[-1].get("value") or "").split()) == " ".join(str(measure.get("note") or "").split()):
            fields["note"] = ""
    return fields


def keep(path: Path, measure_id: str, fallback: Plan | None = None) -> Plan:
    """Keep the measure as it is (a measure already changed stays 'changed'); a measure dropped before loses the
    reason for the drop, which no document may print once it is kept."""
    def fields(m: Measure, plan: Plan) -> dict:
        kept = _kept_again(m, list((plan.get("review") or {}).get("log") or []))
        cast(dict, m).pop("dropped_reason", None)
        return kept

    return save_decision(path, measure_id, "keep", None, fields, fallback)


def drop(path: Path, measure_id: str, reason: str, fallback: Plan | None = None) -> Plan:
    """Drop the measure; the reason is required (the report on the measures prints it)."""
    reason = reason.strip()
    if not reason:
        raise UsageError(Problem(MEASURE.format(id=measure_id), "a dropped measure needs its reason; not dropped"))
    return save_decision(path, measure_id, "drop", reason, {"status": "dropped", "dropped_reason": reason}, fallback)


def change(path: Path, measure_id: str, values: dict[str, str], fallback: Plan | None = None,
           shown: dict[str, str] | None = None) -> tuple[Plan, list[str]]:
    """New texts for some fields of one measure; only the fields whose value differs are saved and logged, and
    the measure is then 'changed'. Returns the plan and the fields changed (none: nothing is written).

    ``shown``: the values the form showed (see ``changed_since_shown``); a field typed as shown is left as it is
    in the file, and one changed both in the form and in the file meanwhile is refused."""
    values = typed_changes(values, shown)
    wanted = field_values(values)
    with plan_lock(path):
        fresh = load_plan(path) if path.exists() or fallback is None else fallback
        target = next((m for m in fresh["measures"] if m["id"] == measure_id), None)
        if target is None:
            raise InputError(Problem(str(path), f"measure '{measure_id}' is no longer in the plan; nothing saved"))
        on_file: dict[str, Any] = {**target, **project_texts(target)}
        changed_since_shown(MEASURE.format(id=measure_id), values, shown, on_file, normal_text, FIELD_WORDS)
        changed = [name for name, new in wanted.items()
                   if new != (on_file.get(name) or ("" if name in OPTIONAL else None))]
        if not changed:
            return fresh, []
        log = fresh.setdefault("review", {}).setdefault("log", [])
        now = _dt.datetime.now().isoformat(timespec="seconds")
        for name in changed:
            if name in PROJECT_FIELDS:
                set_project_text(target, name, str(wanted[name]))
            elif name == "rationale" and not wanted[name]:  # blank: the card's drafted rationale again
                cast(dict, target).pop(name, None)
            else:
                cast(dict, target)[name] = wanted[name]
            if name == "timeline":  # the drafted deadline sentence belongs to the drafted timeline: the officer's
                cast(dict, target).pop("publish_by", None)  # prints as typed (the page and review show the rule)
                _follow_timeline(target, str(wanted[name]), fresh.get("plan_year"))
            log.append({"measure": measure_id, "action": name, "at": now, "value": values[name].strip()})
        if target.get("status") != "dropped":  # a dropped measure's reason or texts may be mended: it stays dropped
            target["status"] = "changed"
        save_plan(fresh, path)
    return fresh, changed


def _follow_timeline(measure: Measure, timeline: str, plan_year: object) -> None:
    """The measure's months as a typed timeline says them (they drive the deadlines the officer is told, the action
    plan's quarters, the tracking sheet); a timeline that cannot be read as months leaves none, never the drafted
    months it no longer says."""
    months = typed_months(timeline, plan_year) if isinstance(plan_year, int) else None
    if months is None:
        cast(dict, measure).pop("months", None)
    else:
        measure["months"] = months


def project_texts(measure: Mapping[str, Any]) -> dict[str, str]:
    """The project card's texts the officer may set, by form field, as the measure holds them ('' when unset)."""
    project = measure.get("project") or {}
    return {name: str(project.get(key) or "") for name, key in PROJECT_FIELDS.items()}


def set_project_text(measure: Measure, name: str, value: str) -> None:
    """Set one of the card's texts (``PROJECT_FIELDS``) on the measure's project; blank removes it (the card drafts it
    again), and a project left empty goes."""
    project = cast(dict, measure).setdefault("project", {})
    if value.strip():
        project[PROJECT_FIELDS[name]] = value.strip()
    else:
        project.pop(PROJECT_FIELDS[name], None)
    if not project:
        cast(dict, measure).pop("project", None)


NOT_A_DIMENSION = N_("'{typed}' is not a dimension of the action plan: choose one of {known}; nothing was saved")


def set_dimension(path: Path, measure_id: str, typed: str, known: Collection[str]) -> bool:
    """The dimension of the action plan a measure serves (one of ``known``, by number), set by the officer: the web's
    edit form (an own measure added with none prints '–' in the action-plan table). Blank sets nothing; returns
    whether the plan changed. The measure is then 'changed'."""
    value = str(typed or "").strip()
    if not value:
        return False
    if value not in known:
        raise UsageError(Problem("dimension", NOT_A_DIMENSION.format(typed=typed, known=", ".join(known))))
    with plan_lock(path):
        fresh = load_plan(path)
        target = next((m for m in fresh["measures"] if m["id"] == measure_id), None)
        if target is None:
            raise InputError(Problem(str(path), f"measure '{measure_id}' is no longer in the plan; nothing saved"))
        if target.get("dimension") == int(value):
            return False
        target["dimension"] = int(value)
        fresh.setdefault("review", {}).setdefault("log", []).append(
            {"measure": measure_id, "action": "dimension", "at": _dt.datetime.now().isoformat(timespec="seconds"),
             "value": value})
        if target.get("status") != "dropped":
            target["status"] = "changed"
        save_plan(fresh, path)
    return True


NOT_AN_INDICATOR = N_("'{typed}' is not an indicator: choose one of 1 to {count}; nothing was saved")


def set_indicator(path: Path, measure_id: str, typed: str, count: int = 10) -> bool:
    """The indicator a measure serves, set by the officer (a measure imported from a table that names none has
    ``indicator: null``, never guessed; one whose card's line named a number by another indicator's name keeps the
    number with ``indicator_doubt``, and the one chosen takes the kept one's place, the same one confirming it): the
    web's edit form and ``review --edit``'s [i]. Blank sets nothing; returns whether the plan changed. The measure is then 'changed', and ``indicator_from`` says the officer set it."""
    from itaplan.base.thai import to_arabic

    value = to_arabic(str(typed or "")).strip()
    if not value:
        return False
    # several numbers ("1, 6, 8", as the import's warning lists them): the indicators it serves, all of them
    numbers = [x for x in re.split(r"[,\s]+", value) if x]
    if not all(x.isdigit() and 1 <= int(x) <= count for x in numbers):
        raise UsageError(Problem("indicator", NOT_AN_INDICATOR.format(typed=typed, count=count)))
    with plan_lock(path):
        fresh = load_plan(path)
        target = next((m for m in fresh["measures"] if m["id"] == measure_id), None)
        if target is None:
            raise InputError(Problem(str(path), f"measure '{measure_id}' is no longer in the plan; nothing saved"))
        doubt = target.pop("indicator_doubt", None)  # the officer settles which it serves: the doubt is answered
        if len(numbers) > 1:  # the whole list given: it replaces the one the import kept, its own the first kept
            chosen_all = sorted({int(x) for x in numbers})
            own = target.get("indicator")
            cast(dict, target)["indicators"] = chosen_all
            target["indicator"] = own if own in chosen_all else int(numbers[0])
            value = ", ".join(map(str, chosen_all))
        elif doubt:  # import kept a number the line named by another's name: the chosen one takes the kept one's place
            kept, chosen = doubt.get("kept"), int(value)
            if target.get("indicators"):
                cast(dict, target)["indicators"] = sorted({chosen if n == kept else n for n in target["indicators"]})
            if target.get("indicator") in (kept, None):
                target["indicator"] = chosen
        elif target.get("indicator") == int(value):
            return False
        else:
            target["indicator"] = int(value)
        target.pop("indicator_from", None)  # how the import found it: it did not, the officer set it
        fresh.setdefault("review", {}).setdefault("log", []).append(
            {"measure": measure_id, "action": "indicator", "at": _dt.datetime.now().isoformat(timespec="seconds"),
             "value": value})
        if target.get("status") != "dropped":
            target["status"] = "changed"
        save_plan(fresh, path)
    return True
