"""JSON Schema validation of YAML data, with each error placed at its file:line:col."""

from __future__ import annotations

import datetime as _dt
import difflib
import json
import re
from functools import lru_cache
from typing import Any

from itaplan.base import SCHEMA_DIR
from itaplan.base.errors import Problem
from itaplan.base.i18n import messages
from itaplan.base.i18n_composed import N_
from itaplan.base.yamlio import LineDict, LineList


@lru_cache(maxsize=None)
def load_schema(name: str) -> dict:
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


def editor_schema(name: str, lang: str = "en") -> dict:
    """A schema as an editor shows it on hover: in a language other than English, each title and description in
    that language, from the message catalogue (as every other word of the interface); the keys and what is
    checked stay the same. (Extracted for translation by i18n_extract.extract_schema.)"""
    said = messages(lang) if lang != "en" else {}

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            return {key: said.get(value, value) if key in ("title", "description") and isinstance(value, str)
                    else walk(value) for key, value in node.items()}
        if isinstance(node, list):
            return [walk(value) for value in node]
        return node

    return walk(load_schema(name))


def position(data: Any, path: list) -> tuple[int | None, int | None]:
    node, line, col = data, getattr(data, "line", None), getattr(data, "column", None)
    for key in path:
        if isinstance(node, (LineDict, LineList)):
            try:
                line, col = node.pos_of(key)
                node = node[key]
                continue
            except (KeyError, IndexError, TypeError):
                break
        break
    return line, col


def path_text(path: list, data: Any = None) -> str:
    """``rules[1].when``; an item of a list that has an id is named by it too, ``rules[1] (office.claims).when``
    (its index counts from 0, which an auditor counting rules from 1 would misread)."""
    text, node = "", data
    for key in path:
        text += f"[{key}]" if isinstance(key, int) else (f".{key}" if text else str(key))
        try:
            node = node[key] if node is not None else None
        except (KeyError, IndexError, TypeError):
            node = None
        if isinstance(key, int) and isinstance(node, dict) and isinstance(node.get("id"), str) and node["id"].strip():
            text += f" ({node['id']})"
    return text


def _most_specific(error: Any) -> Any:
    """Inside oneOf/anyOf, the error of the branch that had the right type, as deep as it goes."""
    while error.context:
        deepest = max(len(e.absolute_path) for e in error.context)
        if deepest > len(error.absolute_path):  # a branch got inside the value: its error is about a key in it
            candidates = [e for e in error.context if len(e.absolute_path) == deepest]
        else:
            candidates = [e for e in error.context if e.validator != "type"] or list(error.context)
        # a mapping written where a word or a mapping may stand (tool: {nmae: IIT}): the mapping's branch says which
        # key is wrong, where it is written; the word's branch (tool must be one of …) is about another shape
        error = max(candidates, key=lambda e: (len(e.absolute_path), e.validator not in ("oneOf", "anyOf"),
                                               isinstance(e.instance, dict) == (e.validator in _MAPPING_CHECKS)))
    return error


_MAPPING_CHECKS = ("additionalProperties", "required", "minProperties", "maxProperties", "properties")


_NAMED_ITEMS = ("rules.schema.json", "recommendations.schema.json")  # files whose list items an auditor knows by id


def schema_errors(data: Any, schema_name: str, source: str) -> list[tuple[Problem, list]]:
    """Each schema error as a located Problem, with the path (keys and indexes) of what it is about."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(load_schema(schema_name))
    out: list[tuple[Problem, list]] = []
    seen: set[tuple] = set()
    errors = [(list(e.absolute_path), _most_specific(e))
              for e in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))]
    meant = {(tuple(error.absolute_path), key) for _, error in errors for key in _meant_keys(error)}
    # one key written that is not one of its mapping's, and one the mapping needs missing (fall: {bi: 5}): the one is
    # the other misspelt, said at the key written, not as a second problem at the mapping's first line
    missing: dict[tuple, list[str]] = {}
    for _, error in errors:
        if error.validator == "required":
            missing.setdefault(tuple(error.absolute_path), []).append(_missing_key(error))
    instead: dict[tuple, str] = {}
    for _, error in errors:
        where_, stray_ = tuple(error.absolute_path), _stray_keys(error)
        if len(stray_) == 1 and len(missing.get(where_, [])) == 1 and not _meant_keys(error) \
                and _alike(str(stray_[0]), missing[where_][0]):
            instead[where_] = missing[where_][0]
            meant.add((where_, instead[where_]))
    said_missing: set[tuple] = set()
    for path, error in errors:
        detail_path = list(error.absolute_path)
        if error.validator == "required" and (tuple(detail_path), _missing_key(error)) in meant:
            continue  # 'propose' is missing, because 'propse' was written: said once, as the did-you-mean
        if error.validator == "required":  # every key the mapping lacks in one problem, not one per run
            where_ = tuple(detail_path)
            keys = [k for k in missing.get(where_, []) if (where_, k) not in meant]
            if where_ in said_missing:
                continue
            said_missing.add(where_)
            if len(keys) > 1 and _a_recommendation(schema_name, detail_path):  # a line each, with what goes there
                where = path_text(detail_path, data)
                line, col = position(data, detail_path)
                out.extend((Problem(source, f"{where}: {_missing_recommendation_key(k)}", line, col), path)
                           for k in keys)
                continue
            if len(keys) > 1:
                where = path_text(detail_path, data if schema_name in _NAMED_ITEMS else None)
                line, col = position(data, detail_path)
                keys_text = ", ".join(f"'{k}'" for k in keys)
                message = f"these keys are missing: {keys_text}"
                out.append((Problem(source, f"{where + ': ' if where else ''}{message}", line, col), path))
                continue
        stray = _stray_keys(error)
        where = path_text(detail_path, data if schema_name in _NAMED_ITEMS else None)
        # every stray key of a mapping, each where it is written (not the first alone, round after round)
        for key in stray if error.validator == "additionalProperties" and stray else [None]:
            line, col = position(data, detail_path + [key if key is not None else stray[0]]) if stray else \
                position(data, detail_path)
            message = plain_words(error, detail_path, key, instead.get(tuple(detail_path)))
            if error.validator == "required" and _a_recommendation(schema_name, detail_path):
                message = _missing_recommendation_key(_missing_key(error))
            message = message if len(message) < 200 else message[:197] + "..."
            problem = Problem(source, f"{where + ': ' if where else ''}{message}", line, col)
            said = (line, col, re.split(r";| \(", problem.message)[0])
            if said in seen:
                continue  # the same stray key, reported by two rules of the schema: said once
            seen.add(said)
            out.append((problem, path))
    return out


def _stray_keys(error: Any) -> list:
    """The keys a mapping holds that its schema does not allow (where the error is to be located)."""
    if error.validator not in ("additionalProperties", "maxProperties") or not isinstance(error.instance, dict):
        return []
    allowed = (error.schema.get("properties") or {}).keys()
    return [k for k in error.instance if allowed and k not in allowed]


def _meant_keys(error: Any) -> list[str]:
    """The allowed keys that a stray key of this error is a misspelling of."""
    import difflib

    allowed = sorted((error.schema.get("properties") or {}).keys())
    return [close[0] for key in _stray_keys(error)
            if (close := difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6))]


def _alike(written: str, key: str) -> bool:
    """Close enough to be a slip of the key (bi for by), not another key altogether (colour for when)."""
    return difflib.SequenceMatcher(None, written, key).ratio() >= 0.4


# what goes under each key a recommendation needs, said when it is missing: "no 'recommendation'" left the auditor to
# find out what the key holds and where the documents print it
RECOMMENDATION_KEYS = {
    "id": N_("the measure's id, small letters, digits and - (e.g. office-citizen-forum): what a rule's propose: "
             "names"),
    "kind": N_("measure (a row of the measures table), maintain (a statement of a standard kept) or standing"),
    "title": N_("the measure's name, printed in the มาตรการ/แนวทาง column of the measures table and as its project "
                "card's title"),
    "indicators": N_("the numbers of the indicators it serves, 1 to 10 (e.g. [8]), printed under its title in the "
                     "measures table"),
    "dimension": N_("the number (1 to 4) of the action plan's dimension it belongs to (dimensions: in settings.yaml), "
                    "printed on its project card"),
    "issue": N_("what the low score shows, in one sentence, printed after ประเด็น: in the measures table and first "
                "in its project card's หลักการและเหตุผล"),
    "recommendation": N_("the measure's one-sentence recommendation, beginning with what to do, printed in its "
                         "project card's หลักการและเหตุผล after โดย"),
    "method": N_("the steps, in order, as a list (e.g. [จัดเวทีประชาคม, สรุปผลเสนอผู้บริหาร]), printed numbered in "
                 "the วิธีการดำเนินการ column"),
    "timeline": N_("the months of the plan's year it runs, 1 = October (e.g. {from: 2, to: 10}), printed in the "
                   "ระยะเวลาดำเนินการ column"),
    "evidence": N_("what shows it was done, as a list (e.g. [รายงานสรุปผล]), printed in the การติดตามผล column"),
    "owner": N_("who carries it out: a role of owners: (office, finance …) or a unit's name, printed in the "
                "ผู้รับผิดชอบ column"),
    "statement": N_("the sentence that says the standard is kept, printed under ประเด็นที่ควรรักษามาตรฐาน in the "
                    "analysis"),
}


def _a_recommendation(schema_name: str, path: list) -> bool:
    """Whether ``path`` is a recommendation of a recommendations file (recommendations[0])."""
    return schema_name == "recommendations.schema.json" and len(path) == 2 and path[0] == "recommendations"


def _missing_recommendation_key(missing: str) -> str:
    what = RECOMMENDATION_KEYS.get(missing)
    return f"'{missing}' is missing: {what}" if what else f"'{missing}' is missing"


def _missing_key(error: Any) -> str:
    return error.message.split("'")[1] if "'" in error.message else ""


def schema_problems(data: Any, schema_name: str, source: str) -> list[Problem]:
    return [problem for problem, _ in schema_errors(data, schema_name, source)]


_TYPE_WORDS = {"object": N_("a mapping (key: value lines, indented under it)"),
               "array": N_("a list (lines starting with -)"), "string": N_("text"), "number": N_("a number"),
               "integer": N_("a whole number"), "boolean": N_("true or false")}


# what each pattern of the schemas asks for, in words
_PATTERN_HINTS = {
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": N_("a date written year-month-day, e.g. 2026-03-15, or 15/3/2569"),
    "^\\d{4}-\\d{2}-\\d{2}$": N_("a date written year-month-day, e.g. 2026-03-15, or 15/3/2569"),
    "^[a-z0-9][a-z0-9-]*$": N_("lower-case letters, digits and -"),
    "^[a-z0-9_]+$": N_("lower-case letters, digits and _"),
    "^\\s*([iIeEoO]\\s*[0-9๐-๙]+|๐[๐-๙]+)\\s*$": N_("a question code such as i1, e9 or o12"),
    "^[A-Za-z0-9][A-Za-z0-9_.-]*$": N_("letters, digits, _, . and -, starting with a letter or digit"),
}


def plain_words(error: Any, path: list, stray: Any = None, meant: str | None = None) -> str:
    """A schema error as an officer or auditor would say it, with "did you mean" for a mistyped key (``stray``:
    the one key of several this problem is about; ``meant``: the key it stands for, when the mapping lacks that one
    alone)."""
    import difflib

    key = str(path[-1]) if path else N_("the file")
    listed = bool(path) and isinstance(path[-1], int)  # an item of a list: its index is no name (method[0])
    if error.validator == "additionalProperties":
        allowed = sorted((error.schema.get("properties") or {}).keys())
        extra = [stray] if stray is not None else [k for k in (error.instance or {}) if k not in allowed]
        parts = []
        for name in extra[:1]:  # (each stray key is a problem of its own, located where it is written)
            close = [meant] if meant else difflib.get_close_matches(str(name), allowed, n=1, cutoff=0.6)
            if close:
                parts.append(f"'{name}' is not a key here; did you mean '{close[0]}'?")
            else:
                parts.append(f"'{name}' is not a key here (the keys are {', '.join(allowed)})")
        return "; ".join(parts) or error.message
    if error.validator == "maxProperties" and isinstance(error.instance, dict):
        known = set((error.schema.get("properties") or {}).keys())
        stray = [str(k) for k in error.instance if known and k not in known]
        if stray:
            return (f"'{stray[0]}' is not a key here; a condition has one key, and its settings go inside it "
                    f"(e.g. question: {{codes: [i5], below: 90}})")
        return (f"{key} holds {len(error.instance)} conditions ({', '.join(map(str, error.instance))}); write one, or "
                "put them in a list under all: (every one holds) or any: (one is enough)")
    if error.validator == "minProperties":
        return f"{key} is empty; write what it needs under it (check the indentation under it)"
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else "a key"
        return f"'{missing}' is missing"
    if error.validator == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        words = " or ".join(_TYPE_WORDS.get(str(w), str(w)) for w in wanted)
        if error.instance is None:
            return f"{key} is empty; it must be {words} (check the indentation under it)"
        if "string" in wanted and _braced(error.instance):  # `recommendation: {agency}`: YAML read a mapping
            typed = "{" + str(next(iter(error.instance))) + "}"
            return f"a text that begins with a brace must be in quotes, or it is read as a mapping: write {key}: \"{typed}\""
        if key in ("below", "at_least", "threshold", "by") and isinstance(error.instance, str):
            return f"{key} must be a number from 0 to 100, not '{error.instance}' (write it without < or quotes)"
        return f"{key} must be {words}, not {_shown(error.instance)}"
    if error.validator in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        value, limit = _shown(error.instance), error.validator_value
        year = error.instance if isinstance(error.instance, int) and not isinstance(error.instance, bool) else None
        if listed and error.validator == "minimum" and len(path) >= 2 and path[-2] == "frameworks" and year is not None \
                and (1900 <= year < 2500 or 0 <= year < 100):
            # a Christian-era year (2026) or a short one (69): the Buddhist-era year the results are of
            buddhist = year + 543 if year >= 1900 else 2500 + year
            return (f"the value {value} is too small; it must be at least {limit}: a fiscal year is written as the "
                    f"Buddhist-era year of the results ({value} → {buddhist})")
        if listed and error.validator == "minimum":
            return f"the value {value} is too small; it must be at least {limit}"
        if listed and error.validator == "maximum":
            return f"the value {value} is too large; it must be at most {limit}"
        if error.validator == "minimum":
            return f"the value of {key} is {value}; it must be at least {limit}"
        if error.validator == "maximum":
            return f"the value of {key} is {value}; it must be at most {limit}"
        if error.validator == "exclusiveMinimum":
            return f"the value of {key} is {value}; it must be more than {limit}"
        return f"the value of {key} is {value}; it must be less than {limit}"
    if error.validator == "enum":
        return f"{key} must be one of {', '.join(map(str, error.validator_value))}, not {_shown(error.instance)}"
    if error.validator == "pattern":
        hint = _PATTERN_HINTS.get(error.validator_value, N_("see the schema for how it is written"))
        if listed:
            return f"the value '{error.instance}' is not spelt as it should be ({hint})"
        return f"{key} '{error.instance}' is not written as expected ({hint})"
    if error.validator == "maxItems" and isinstance(error.instance, list):
        count = len(error.instance)
        return f"{key} holds {count} items, more than the {error.validator_value} it may hold"
    if error.validator == "minItems":
        return f"{key} is empty; give at least {error.validator_value}"
    if error.validator == "minLength":
        if isinstance(error.instance, str) and error.instance.strip():  # `issue: x`: written, but too short to be one
            limit, typed = error.validator_value, _shown(error.instance)
            return (f"the value {typed} is too short to be a text of its own (at least {limit} characters); write it "
                    "out in full, or remove it" if listed else
                    f"the value {typed} of {key} is too short to be a text of its own (at least {limit} characters); "
                    "write it out in full")
        return "this item of the list is empty; write it out, or remove it" if listed else f"{key} is empty; write it out"
    return error.message


def _braced(value: Any) -> bool:
    """A mapping of one placeholder word without a value: a text ``{agency}`` written without quotes."""
    return (isinstance(value, dict) and len(value) == 1 and next(iter(value.values())) is None
            and str(next(iter(value))).isidentifier())


def _shown(value: Any) -> str:
    """A value as the message quotes it: a text in quotes, a date as written in ISO, never a Python repr."""
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    text = repr(value) if isinstance(value, (str, int, float, bool)) else json.dumps(value, ensure_ascii=False,
                                                                                       default=str)
    return text if len(text) <= 40 else text[:39] + "…"
