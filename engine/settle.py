"""Settling a plan's measures: keep, drop with a reason, or new texts (which mark the measure changed).

One place for the rules of a decision, used by the terminal's edit session (``review --edit``) and the web
app: every decision is written to the plan file at once, under the plan's lock, on the plan as it is on disk
then (another officer may have saved since), and logged in ``review.log`` with the time and the value given.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable
from pathlib import Path

from .errors import InputError, Problem, UsageError
from .plan import load_plan, plan_lock, save_plan

# the texts of a measure an officer may change; the list fields take one item per line (or separated by ';')
EDITABLE = ("title", "method", "timeline", "evidence", "owner", "note")
LISTED = ("method", "evidence")
REQUIRED = ("title", "method", "timeline", "evidence", "owner")  # the plan schema demands them non-empty


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
    return new


def save_decision(path: Path, measure_id: str, action: str, value: str | None,
                  fields: dict | Callable[[dict], dict], fallback: dict | None = None) -> dict:
    """Set ``fields`` (or what ``fields(measure)`` returns for the measure as it is on disk) on one measure,
    under the plan's lock, log the action, and save. Returns the plan as saved."""
    with plan_lock(path):
        fresh = load_plan(path) if path.exists() or fallback is None else fallback
        target = next((m for m in fresh["measures"] if m["id"] == measure_id), None)
        if target is None:
            raise InputError(Problem(str(path), f"measure '{measure_id}' is no longer in the plan; nothing saved"))
        target.update(fields(target) if callable(fields) else fields)
        log = fresh.setdefault("review", {}).setdefault("log", [])
        entry = {"measure": measure_id, "action": action, "at": _dt.datetime.now().isoformat(timespec="seconds")}
        if value is not None:
            entry["value"] = value
        log.append(entry)
        save_plan(fresh, path)
    return fresh


def keep(path: Path, measure_id: str, fallback: dict | None = None) -> dict:
    """Keep the measure as it is (a measure already changed stays 'changed')."""
    return save_decision(path, measure_id, "keep", None,
                         lambda m: {"status": "changed" if m.get("status") == "changed" else "kept"}, fallback)


def drop(path: Path, measure_id: str, reason: str, fallback: dict | None = None) -> dict:
    """Drop the measure; the reason is required (the report on the measures prints it)."""
    reason = reason.strip()
    if not reason:
        raise UsageError(Problem(f"measure '{measure_id}'", "a dropped measure needs its reason; not dropped"))
    return save_decision(path, measure_id, "drop", reason, {"status": "dropped", "note": reason}, fallback)


def change(path: Path, measure_id: str, values: dict[str, str], fallback: dict | None = None) -> tuple[dict, list[str]]:
    """New texts for some fields of one measure; only the fields whose value differs are saved and logged, and
    the measure is then 'changed'. Returns the plan and the fields changed (none: nothing is written)."""
    wanted = {name: field_value(name, value) for name, value in values.items()}
    with plan_lock(path):
        fresh = load_plan(path) if path.exists() or fallback is None else fallback
        target = next((m for m in fresh["measures"] if m["id"] == measure_id), None)
        if target is None:
            raise InputError(Problem(str(path), f"measure '{measure_id}' is no longer in the plan; nothing saved"))
        changed = [name for name, new in wanted.items() if new != (target.get(name) or ("" if name == "note" else None))]
        if not changed:
            return fresh, []
        log = fresh.setdefault("review", {}).setdefault("log", [])
        now = _dt.datetime.now().isoformat(timespec="seconds")
        for name in changed:
            target[name] = wanted[name]
            log.append({"measure": measure_id, "action": name, "at": now, "value": values[name].strip()})
        if target.get("status") != "dropped":  # a dropped measure's reason or texts may be mended: it stays dropped
            target["status"] = "changed"
        save_plan(fresh, path)
    return fresh, changed
