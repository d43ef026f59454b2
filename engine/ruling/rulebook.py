"""Rule files: loading, validation with file:line:col, and layering (built-in, then --rules folders)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from itaplan.base.errors import Problem, RuleError
from itaplan.base.i18n import translate
from itaplan.base.parsecache import sha256
from itaplan.base.schemacheck import schema_errors
from itaplan.base.yamlio import loads, plain, read_text, yaml_files
from itaplan.builtin import builtin_dir, shown_path
from itaplan.ita.framework import Framework, builtin_years, item_links, load_framework, normalize_code
from itaplan.ruling.conditions import Conjunction, codes_in, not_met_codes, to_dnf
from itaplan.ruling.limits import MAX_ATOMS_PER_ALL, MAX_RULES_PER_YEAR, MAX_WIDTH, rule_width

DEFAULT_PRIORITY = 50


@dataclass
class Rule:
    id: str
    title: str
    frameworks: tuple[int, ...] | None  # None: every year
    threshold: float | None  # None: the framework's target
    priority: int
    when: dict
    propose: tuple[str, ...]
    source: str
    line: int
    layer: str
    note: str = ""
    column: int = 1
    replaces: str = ""  # the layer whose rule of the same id this one replaces ('built-in'), set by layering
    key_positions: dict[str, tuple[int, int]] = field(default_factory=dict, repr=False)  # key -> (line, column)
    _dnf: dict[int, list[Conjunction]] = field(default_factory=dict, repr=False)

    def pos_of(self, key: str) -> tuple[int, int]:
        """Where a key of the rule is written (its when:, its propose:), so that an error points at it."""
        return self.key_positions.get(key, (self.line, self.column))

    def applies_to(self, year: int) -> bool:
        return self.frameworks is None or year in self.frameworks

    def threshold_for(self, fw: Framework) -> float:
        return fw.target if self.threshold is None else self.threshold

    def conjunctions(self, fw: Framework) -> list[Conjunction]:
        if fw.fiscal_year not in self._dnf:
            self._dnf[fw.fiscal_year] = to_dnf(self.when, self.threshold_for(fw), fw)
        return self._dnf[fw.fiscal_year]

    @property
    def where(self) -> str:
        """Where the rule is written, as messages name it (a built-in file as itaplan/rules/…)."""
        return f"{shown_path(self.source)}:{self.line}"


@dataclass
class Layer:
    name: str
    path: Path
    rules: list[Rule]
    disable: list[tuple[str, str, int, int]]  # (id, file, line, column)
    # rules whose schema is wrong: not in force, kept only so that their codes are checked in the same run (a bad
    # code under a misspelt key was said only once the key was mended, one run later)
    unread: list[Rule] = field(default_factory=list)


@dataclass
class MeasuresOff:
    """A built-in rule some of whose measures a recommendations layer switched off (``disable: [e-service]``): it
    proposes the rest of its measures; left with none, it is as if switched off (it is then in ``disabled``)."""

    measures: tuple[str, ...]  # the measures taken out of it
    at: tuple[str, int, int]  # the disable: entry that took the first out (file, line, column)
    rule: Rule  # the built-in rule as written


@dataclass
class RuleSet:
    """The rules in force after layering, in order; and what was switched off, by which layer."""

    rules: dict[str, Rule]
    disabled: dict[str, str]
    layers: list[Layer]
    measures_off: dict[str, MeasuresOff] = field(default_factory=dict)  # rule id -> the measures a disable: took out

    def for_framework(self, fw: Framework) -> list[Rule]:
        return [r for r in self.rules.values() if r.applies_to(fw.fiscal_year)]

    def ranks_used(self, fw: Framework) -> bool:
        """Does some rule of this year compare a question's rank in its tool? (Else the rank facts, a hundred
        an agency, need not be made: no rule can fire on them.)"""
        known = self.__dict__.setdefault("_ranks_used", {})
        if fw.fiscal_year not in known:
            known[fw.fiscal_year] = any(atom.kind == "rank" for rule in self.for_framework(fw)
                                        for conj in rule.conjunctions(fw) for atom in conj)
        return known[fw.fiscal_year]

    def in_place_of(self, measure_id: str, year: int) -> list[Rule]:
        """The office's rules in force for ``year`` that take the place of the built-in rules proposing
        ``measure_id``: an office rule of a built-in rule's id proposing other measures, or, for a built-in rule
        switched off (disable:), an office rule on one of its question codes. A budget set for the measure is then
        not printed, and the officer is told why (an auditor's trial: "the plan holds no such measure" puzzled)."""
        builtin = [rule for rule in (self.layers[0].rules if self.layers else [])
                   if rule.layer == "built-in" and measure_id in rule.propose and rule.applies_to(year)]
        office = [rule for rule in self.rules.values() if rule.layer != "built-in" and rule.applies_to(year)
                  and measure_id not in rule.propose]
        def codes(rule: Rule) -> set[str]:
            return {code for code in map(normalize_code, codes_in(rule.when)) if code}

        found: dict[str, Rule] = {}
        for rule in builtin:
            now = self.rules.get(rule.id)
            if now is not None and now.layer != "built-in":
                found.update({now.id: now} if any(now is other for other in office) else {})
            elif rule.id in self.disabled:
                found.update({other.id: other for other in office if codes(rule) & codes(other)})
        return list(found.values())

    @cached_property
    def fingerprint(self) -> str:
        digest = sha256()
        for rule in self.rules.values():
            digest.update(repr((rule.id, rule.frameworks, rule.threshold, rule.priority, plain(rule.when),
                                rule.propose)).encode())
        return digest.hexdigest()[:12]


def rule_files(folder: Path) -> list[Path]:
    """The rule files of a folder: its *.yaml and *.yml files (rule tests live in its tests/ subfolder)."""
    return yaml_files(folder)


def _parse_file(path: Path, layer: str, problems: list[Problem], check_schema: bool = True,
                unread: list[Rule] | None = None, refused_ids: list[tuple[str, int, int]] | None = None
                ) -> tuple[list[Rule], list[tuple[str, str, int, int]]]:
    """The rules of one file the schema takes, and its disable: entries. ``refused_ids`` gets the id and place of
    each rule the schema refused, so that an id used twice is said in the same run as the schema's problems."""
    source = str(path)
    try:
        data = loads(read_text(path, within=path.parent), source)
    except Exception as exc:  # InputError from YAML or reading
        problems.extend(getattr(exc, "problems", [Problem(source, str(exc))]))
        return [], []
    if data is None:
        return [], []
    _thai_numbers(data)
    found = schema_errors(data, "rules.schema.json", source) if check_schema else []
    problems.extend(problem for problem, _ in found)
    bad_rules = {path[1] for _, path in found if len(path) >= 2 and path[0] == "rules"}
    bad_keys = {path[0] for _, path in found if path and path[0] in FILE_SETTINGS}
    if any(not path or (path[0] != "rules" and path[0] not in FILE_SETTINGS) or path == ["rules"] for _, path in found):
        return [], []  # the file as a whole is wrong: its rules cannot be read reliably
    # a wrong file setting (threshold: 150) is said once and left out; the rules are still read and checked
    file_years = tuple(data["frameworks"]) if "frameworks" in data and "frameworks" not in bad_keys else None
    file_threshold = data.get("threshold") if "threshold" not in bad_keys else None
    file_years_at = {f"year:{year}": data["frameworks"].pos_of(i) for i, year in enumerate(file_years or ())
                     if hasattr(data.get("frameworks"), "pos_of")}  # an unknown year is shown where it is written
    rules = []
    said_at = {(p.line, p.column) for p, _ in found}
    for i, raw in enumerate(data.get("rules", [])):
        if i in bad_rules:
            if refused_ids is not None and isinstance(raw, dict) and isinstance(raw.get("id"), str):
                refused_ids.append((raw["id"], data["rules"].line_of(i), data["rules"].pos_of(i)[1]))
            if unread is not None and isinstance(raw, dict):
                unread.extend(_salvaged(raw, i, data["rules"], source, layer, file_years, file_years_at, said_at))
            continue
        rules.append(Rule(
            id=raw["id"], title=raw.get("title", ""),
            frameworks=tuple(raw["frameworks"]) if "frameworks" in raw else file_years,
            threshold=raw.get("threshold", file_threshold), priority=raw.get("priority", DEFAULT_PRIORITY),
            when=plain(raw["when"]), propose=_ids(raw["propose"]), source=source, line=data["rules"].line_of(i),
            layer=layer, note=raw.get("note", ""), column=data["rules"].pos_of(i)[1],
            key_positions={**file_years_at, **_key_positions(raw)},
        ))
        problems.extend(_contradictory_bounds(raw["id"], raw["when"], source))
    disable = [] if "disable" in bad_keys else [(str(rid), source, *data["disable"].pos_of(i))
                                                 for i, rid in enumerate(data.get("disable", []))]
    return rules, disable


FILE_SETTINGS = ("version", "frameworks", "threshold", "disable")
_BOUNDED = ("question", "indicator", "tool", "total", "lowest")  # the conditions that take below: (and at_least:)


def _contradictory_bounds(rid: str, when: Any, source: str) -> list[Problem]:
    """Each single condition whose own bounds exclude every score, at the condition: at_least: as high as below: (a
    provincial auditor's indicator: {below: 80, at_least: 90} passed validate; only lint said the rule could never
    fire), or below: 0 (no score is below 0). Conditions that only together exclude each other are lint's."""
    found: list[Problem] = []
    if isinstance(when, list):
        for item in when:
            found.extend(_contradictory_bounds(rid, item, source))
        return found
    if not isinstance(when, dict):
        return found
    for kind, spec in when.items():
        if kind in ("all", "any"):
            found.extend(_contradictory_bounds(rid, spec, source))
            continue
        if kind not in _BOUNDED or not isinstance(spec, dict) or not isinstance(spec.get("below"), (int, float)):
            continue
        at = when.pos_of(kind) if hasattr(when, "pos_of") else (None, None)
        typed_key = kind  # (the key as written: never translated)
        below, at_least = spec["below"], spec.get("at_least")
        if isinstance(at_least, (int, float)) and at_least >= below:
            found.append(Problem(source, f"rule '{rid}': {typed_key}: its bounds contradict each other (at_least: "
                                         f"{at_least:g}, below: {below:g}): no score is both, so the rule can never "
                                         "fire; make at_least lower than below, or remove one of them", *at))
        elif below <= 0:
            found.append(Problem(source, f"rule '{rid}': {typed_key}: below: {below:g} asks for a score no result has "
                                         "(scores run from 0 to 100), so the rule can never fire; raise below:", *at))
    return found
_CODE_KEYS = ("question", "not_met", "codes")


def _code_key(key: Any) -> str | None:
    """The code-holding key a key of a condition is, or was meant as (questions:, not-met:, codez:)."""
    if not isinstance(key, str):
        return None
    return key if key in _CODE_KEYS else next(iter(difflib.get_close_matches(key, _CODE_KEYS, n=1, cutoff=0.75)), None)


def _salvaged(raw: Any, i: int, rules_node: Any, source: str, layer: str, file_years: tuple[int, ...] | None,
              file_years_at: dict[str, tuple[int, int]], said_at: set[tuple[Any, Any]]) -> list[Rule]:
    """A rule its schema refused, as far as its codes go: the question codes and OIT items it names (under a
    misspelt key too), so that what is wrong with them is said in the same run as the schema's problem. A code the
    schema already spoke of (where it is written) is left to that message."""
    found: dict[str, list[str]] = {"question": [], "not_met": []}
    positions: dict[str, tuple[int, int]] = {}

    def walk(node: Any, kind: str | None) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                meant = _code_key(key)
                inner = kind if meant in (None, "codes") else meant
                if isinstance(value, str) and inner and hasattr(node, "pos_of"):
                    add(value, inner, node.pos_of(key))
                else:
                    walk(value, inner)
        elif isinstance(node, list):
            for j, item in enumerate(node):
                if isinstance(item, str) and kind and hasattr(node, "pos_of"):
                    add(item, kind, node.pos_of(j))
                else:
                    walk(item, kind)

    def add(code: str, kind: str, at: tuple[int, int]) -> None:
        if at not in said_at and code not in found[kind]:
            found[kind].append(code)
            positions.setdefault(f"code:{code}", at)

    walk(raw.get(_meant(raw, "when")), None)
    proposed = _salvaged_ids(raw, said_at)
    if not (found["question"] or found["not_met"] or proposed):
        return []
    rid = raw.get("id") if isinstance(raw.get("id"), str) else f"rules[{i}]"
    years = raw.get("frameworks")
    own_years = isinstance(years, list) and years and all(isinstance(y, int) and not isinstance(y, bool) for y in years)
    key_positions = {**file_years_at, **{k: raw.pos_of(k) for k in raw if hasattr(raw, "pos_of")}, **positions}
    if (written := _meant(raw, "propose")) in key_positions:  # an unknown id is said at propse: as at propose:
        key_positions["propose"] = key_positions[written]
    if own_years and hasattr(years, "pos_of"):
        key_positions.update({f"year:{year}": years.pos_of(j) for j, year in enumerate(years)})
    line, column = rules_node.pos_of(i) if hasattr(rules_node, "pos_of") else (1, 1)
    return [Rule(id=rid, title="", frameworks=tuple(years) if own_years else file_years, threshold=None,
                 priority=DEFAULT_PRIORITY, when={k: v for k, v in found.items() if v}, propose=proposed, source=source,
                 line=line, layer=layer, column=column, key_positions=key_positions)]


def _meant(raw: Any, key: str) -> Any:
    """The key of a rule as written: itself, or the one it was misspelt as (propse:, whn:); None when neither is."""
    if key in raw:
        return key
    close = [k for k in raw if isinstance(k, str) and difflib.get_close_matches(k, [key], n=1, cutoff=0.75)]
    return close[0] if len(close) == 1 else None


def _salvaged_ids(raw: Any, said_at: set[tuple[Any, Any]]) -> tuple[str, ...]:
    """The measure ids a rule the schema refused proposes (a misspelt treshold: beside a misspelt id), so that an
    unknown id is said in the same run; an id the schema already spoke of (where it is written) is left to it."""
    value = raw.get(_meant(raw, "propose"))
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list):
        return ()
    return tuple(item for j, item in enumerate(value) if isinstance(item, str)
                 and (not hasattr(value, "pos_of") or value.pos_of(j) not in said_at))


_NUMBER_KEYS = frozenset({"version", "frameworks", "threshold", "priority", "below", "at_least", "by", "n", "part",
                          "indicator", "numbers"})


def _thai_numbers(node: Any) -> None:
    """A number written in Thai digits (threshold: ๙๐, below: ๘๐, frameworks: [๒๕๖๙]) read as the number, as results
    are: YAML reads it as text, which the schema would refuse ("… not '๙๐'"). Only under the keys that take numbers:
    ids, titles and codes (o๑๒) are left as written."""
    from itaplan.base.thai import thai_numbers

    thai_numbers(node, _NUMBER_KEYS)


def _ids(value: Any) -> tuple[str, ...]:
    """propose: one id, or a list of them."""
    return (value,) if isinstance(value, str) else tuple(value)


def _key_positions(raw: Any) -> dict[str, tuple[int, int]]:
    """Where each key of a rule is written, and its condition's first all:/any: (a limit is reported there)."""
    if not hasattr(raw, "pos_of"):
        return {}
    positions = {k: raw.pos_of(k) for k in raw}
    when = raw.get("when")
    if hasattr(when, "pos_of"):
        for key in ("all", "any"):
            if key in when:
                positions[f"when.{key}"] = when.pos_of(key)
        _code_positions(when, positions)
    if hasattr(raw.get("frameworks"), "pos_of"):
        for i, year in enumerate(raw["frameworks"]):
            positions.setdefault(f"year:{year}", raw["frameworks"].pos_of(i))
    return positions


def _code_positions(node: Any, positions: dict[str, tuple[int, int]]) -> None:
    """Where each question code of a condition is written ("code:e99"), so that an unknown code is shown there."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("question", "not_met", "codes") and not isinstance(value, (dict, list)) and hasattr(node, "pos_of"):
                positions.setdefault(f"code:{value}", node.pos_of(key))
            elif key in ("question", "not_met", "codes") and isinstance(value, list) and hasattr(value, "pos_of"):
                for i, item in enumerate(value):
                    positions.setdefault(f"code:{item}", value.pos_of(i))
            else:
                _code_positions(value, positions)
    elif isinstance(node, list):
        for item in node:
            _code_positions(item, positions)


def read_layer(folder: Path, name: str, problems: list[Problem], check_schema: bool = True) -> Layer:
    if not folder.is_dir():
        problems.append(Problem(str(folder), "is not a folder of rule files"))
        return Layer(name, folder, [], [])
    if _holds_recommendations(folder):
        problems.append(Problem(str(folder), "is a folder of recommendation files (recommendations:, owners:, "
                                             "texts:), not of rules: give the rules folder, and this one with "
                                             "--recommendations; in a workspace, give no folder: its rules and "
                                             "recommendations are both checked"))
        return Layer(name, folder, [], [])
    rules: list[Rule] = []
    disable: list[tuple[str, str, int, int]] = []
    unread: list[Rule] = []
    seen: dict[str, str] = {}  # id -> where it is first written (a rule the schema refused too: said in one run)
    for path in rule_files(folder):
        refused: list[tuple[str, int, int]] = []
        file_rules, file_disable = _parse_file(path, name, problems, check_schema, unread, refused)
        taken = {(rule.line, rule.column): rule for rule in file_rules}
        written = sorted([(rule.line, rule.column, rule.id) for rule in file_rules]
                         + [(line, column, rid) for rid, line, column in refused])
        for line, column, rid in written:
            rule = taken.get((line, column))
            if rid in seen:
                where = seen[rid]
                problems.append(Problem(str(path), f"rule id '{rid}' is used twice in this folder (also at {where})",
                                        line, column))
                continue
            seen[rid] = f"{shown_path(str(path))}:{line}"
            if rule is not None:
                rules.append(rule)
        disable.extend(file_disable)
    return Layer(name, folder, rules, disable, unread)


_RECOMMENDATION_KEYS = {"recommendations", "owners", "texts", "issues", "dimensions", "given_only", "legal_basis"}


def _holds_recommendations(folder: Path) -> bool:
    """A recommendations folder given where rules are expected (`rules validate recommendations/`): its files have
    the catalogue's keys and none has rules:; said once, not as every key its files hold that a rule file has not."""
    tops: list[set[str]] = []
    for path in rule_files(folder):
        try:
            data = loads(read_text(path, within=folder), str(path))
        except Exception:  # noqa: BLE001 - a file that cannot be read is said by the rule checks themselves
            return False
        if not isinstance(data, dict):
            return False
        tops.append({str(key) for key in data})
    return bool(tops) and not any("rules" in keys for keys in tops) and any(keys & _RECOMMENDATION_KEYS for keys in tops)


def _years(rule: Rule, extra: list[Framework]) -> list[Framework]:
    known = {fw.fiscal_year: fw for fw in extra}
    years = rule.frameworks if rule.frameworks is not None else tuple(builtin_years())
    out = []
    for year in years:
        if year in known:
            out.append(known[year])
        elif year in builtin_years():
            out.append(load_framework(year))
    return out


def _check_years(rule: Rule, extra: list[Framework], problems: list[Problem], conditions: bool = True) -> None:
    """A rule's codes and conditions against every year it applies to (``conditions=False``: its codes only, for a
    rule the schema refused)."""
    for year in rule.frameworks or ():
        if isinstance(year, int) and year < 2500:  # a Christian-era year: the schema's problem says it, with the year
            continue  # it means (2026 -> 2569); said once, not again as a year with no framework
        if year not in builtin_years() and year not in {fw.fiscal_year for fw in extra}:
            known = builtin_years()
            where = rule.key_positions.get(f"year:{year}", rule.pos_of("frameworks"))
            results_year = year - 1  # frameworks: is the year of the results, which a plan of the next year drafts from
            if results_year in known:
                problems.append(Problem(rule.source, f"frameworks: no framework for fiscal year {year}; the years known "
                                                     f"are {min(known)}–{max(known)}. frameworks: names the fiscal year "
                                                     "of the assessment results the rules read, not of the plan: the "
                                                     f"measures of a fiscal year {year} plan come from the results of "
                                                     f"{results_year}, so write {results_year} (a new year's framework "
                                                     "file is given to itaplan score and draft with --framework-file "
                                                     "FILE)", *where))
            else:
                problems.append(Problem(rule.source, f"frameworks: no framework for fiscal year {year}; the years known "
                                                     f"are {min(known)}–{max(known)}. frameworks: names the fiscal year "
                                                     "of the assessment results the rules read, not of the plan (a new "
                                                     "year's framework file is given to itaplan score and draft with "
                                                     "--framework-file FILE)", *where))
    said_nowhere: set[str] = set()  # a code of no year is said once, not once for each year the rule applies to
    rule_years = _years(rule, extra)
    if rule.frameworks and not rule_years:
        # no year of the rule is known (frameworks: [2599], said above): its codes are still checked, against the
        # latest year known, so that a second problem of the rule is not hidden until the year is mended
        rule_years = [load_framework(max(builtin_years()))]
    not_met = _not_met_problem(rule, rule_years)
    if not_met is not None:
        problems.append(not_met)
    for fw in rule_years:
        missing = list(dict.fromkeys(c for c in codes_in(rule.when) if not fw.lookup(normalize_code(c) or "")))
        # the codes of another year (the rule wants frameworks:) apart from those of no year at all (a slip); each
        # said once, with every year of the rule that lacks it (not once a year), and this year's likely code
        elsewhere: dict[str, tuple[int, ...]] = {}
        for c in missing:
            years = tuple(y for y in builtin_years() if y != fw.fiscal_year
                          and load_framework(y).lookup(normalize_code(c) or ""))
            if years:
                elsewhere[str(c)] = years
        nowhere = [c for c in missing if str(c) not in elsewhere and str(c) not in said_nowhere]
        said_nowhere.update(map(str, nowhere))
        span, year, rid = _code_span(fw), fw.fiscal_year, rule.id
        by_years: dict[tuple[tuple[int, ...], tuple[int, ...]], list[str]] = {}
        for c, years in elsewhere.items():
            if c in said_nowhere:
                continue
            said_nowhere.add(c)
            lacking = tuple(f.fiscal_year for f in rule_years if not f.lookup(normalize_code(c) or ""))
            by_years.setdefault((years, lacking), []).append(c)
        # whole sentences, each in the Thai catalogue (a sentence pieced from parts was left half English)
        for (years, lacking), group in by_years.items():
            codes, years_text, lacking_text = ", ".join(group), _year_span(years), _year_span(lacking)
            likely = [_this_years_code(c, years, fw) for c in group]  # what each became first, then those spelt close
            near = ", ".join(list(dict.fromkeys([*(x for b, _ in likely for x in b), *(x for _, n in likely for x in n)]))[:3])
            if len(group) > 1:  # each code its own did-you-mean
                meant = _codes_meant(group, {c: list(dict.fromkeys([*b, *n]))[:3] for c, (b, n) in zip(group, likely)}, fw)
                text = (f"rule '{rid}': {codes} are not questions of fiscal year {lacking_text} but of fiscal year "
                        f"{years_text}; limit the rule to their years with 'frameworks:' or, if they were mistyped: "
                        f"{meant}")
            elif near:
                text = (f"rule '{rid}': {codes} is not a question of fiscal year {lacking_text} but of fiscal year "
                        f"{years_text}; limit the rule to its years with 'frameworks:' or, if it was mistyped, did "
                        f"you mean {near}?" if len(group) == 1 else
                        f"rule '{rid}': {codes} are not questions of fiscal year {lacking_text} but of fiscal year "
                        f"{years_text}; limit the rule to their years with 'frameworks:' or, if they were mistyped, "
                        f"did you mean {near}?")
            else:
                text = (f"rule '{rid}': {codes} is not a question of fiscal year {lacking_text} but of fiscal year "
                        f"{years_text}; limit the rule to its years with 'frameworks:'" if len(group) == 1 else
                        f"rule '{rid}': {codes} are not questions of fiscal year {lacking_text} but of fiscal year "
                        f"{years_text}; limit the rule to their years with 'frameworks:'")
            problems.append(Problem(rule.source, text, *rule.key_positions.get(f"code:{group[0]}", rule.pos_of("when"))))
        if nowhere:
            near = ", ".join(dict.fromkeys(x for c in nowhere for x in close_codes(str(c), fw)))
            codes = ", ".join(map(str, nowhere))
            if len(nowhere) > 1 and near:  # each code its own did-you-mean
                meant = _codes_meant(list(map(str, nowhere)), {str(c): close_codes(str(c), fw) for c in nowhere}, fw)
                advice = f"its codes are {span}; {meant}"
            elif near:
                advice = f"its codes are {span} (did you mean {near}?)"
            else:
                advice = f"no year's assessment has such a question; the codes of fiscal year {year} are {span}"
            text = (f"rule '{rid}': {codes} is not a question of fiscal year {year}; {advice}" if len(nowhere) == 1
                    else f"rule '{rid}': {codes} are not questions of fiscal year {year}; {advice}")
            problems.append(Problem(rule.source, text,
                                    *rule.key_positions.get(f"code:{nowhere[0]}", rule.pos_of("when"))))
        if not conditions:
            continue
        try:
            conjs = rule.conjunctions(fw)
        except ValueError as exc:
            problems.append(Problem(rule.source, f"rule '{rule.id}': {exc}", *rule.pos_of("when")))
            continue
        if _check_limits(rule, conjs, fw, problems):
            break  # said once, for its first year


def _not_met_problem(rule: Rule, rule_years: list[Framework]) -> Problem | None:
    """A question under not_met: (an EIT or IIT one), said once, with the OIT items of the rule's latest year as that
    year writes them (O1–O26 in 2569): the oldest year's "o1–o43 in fiscal year 2564" named items that an office
    writing rules today does not have (an auditor's trial, aud21)."""
    for fw in sorted(rule_years, key=lambda f: f.fiscal_year, reverse=True):
        not_oit = list(dict.fromkeys(c for c in not_met_codes(rule.when) if (code := fw.lookup(normalize_code(c) or ""))
                                     and fw.questions[code].tool != "OIT"))
        if not not_oit:
            continue
        code = fw.lookup(normalize_code(not_oit[0]) or "") or not_oit[0]
        kind, oit = fw.questions[code].tool, [c for c, q in fw.questions.items() if q.tool == "OIT"]
        span = f"{oit[0]}–{oit[-1]}" if oit else "none"
        return Problem(rule.source, f"rule '{rule.id}': not_met: is for OIT items ({span} in fiscal year "
                                    f"{fw.fiscal_year}); {not_oit[0]} is an {kind} question: use question: "
                                    f"[{not_oit[0]}] for a score below the threshold",
                       *rule.key_positions.get(f"code:{not_oit[0]}", rule.pos_of("when")))
    return None


def _check_limits(rule: Rule, conjs: list[Conjunction], fw: Framework, problems: list[Problem]) -> bool:
    """A condition the engines cannot always evaluate (limits.py): too many conditions joined, or too many
    combinations of facts; located at its all: (else its when:). True when one was found."""
    where = rule.key_positions.get("when.all") or rule.key_positions.get("when.any") or rule.pos_of("when")
    joined = max((len(conj) for conj in conjs), default=0)
    if joined > MAX_ATOMS_PER_ALL:
        problems.append(Problem(rule.source, f"rule '{rule.id}': its condition joins {joined} conditions under all:, "
                                             f"more than the {MAX_ATOMS_PER_ALL} the engines can evaluate; split it "
                                             f"into rules of at most {MAX_ATOMS_PER_ALL} conditions, or list the codes "
                                             "in one condition (question: [e8, e9])", *where))
        return True
    width = rule_width(conjs, fw)
    if width > MAX_WIDTH:
        problems.append(Problem(rule.source, f"rule '{rule.id}': its condition can be met by {width} combinations of "
                                             f"scores in fiscal year {fw.fiscal_year}, more than the {MAX_WIDTH} the "
                                             "engines can evaluate for one agency; name fewer codes in the conditions "
                                             "joined by all:, or split the rule", *where))
        return True
    return False


def _check_rule_count(rules: dict[str, Rule], extra: list[Framework], problems: list[Problem]) -> None:
    """No more rules in force in one year than the engines can evaluate: the first rule beyond the limit is named."""
    years = sorted(set(builtin_years()) | {fw.fiscal_year for fw in extra})
    for year in years:
        in_force = [rule for rule in rules.values() if rule.applies_to(year)]
        if len(in_force) > MAX_RULES_PER_YEAR:
            first = in_force[MAX_RULES_PER_YEAR]
            problems.append(Problem(first.source, f"fiscal year {year} has {len(in_force)} rules in force, more than "
                                                  f"the {MAX_RULES_PER_YEAR} the engines can evaluate (the first "
                                                  "beyond the limit is here); switch rules off with disable: or merge "
                                                  "rules that propose the same measures", first.line, first.column))
            return  # one year is enough to say it


def check_rules(layers: list[Layer], recommendation_ids: set[str] | None, problems: list[Problem],
                frameworks: list[Framework] | None = None, check_builtin: bool = True,
                switched_off: dict[str, tuple[str, int, int]] | None = None) -> RuleSet:
    """Layer the rules and check what spans files: recommendation ids, codes per year, disabled ids.

    The codes and conditions of built-in rules against the built-in years are checked by the test suite and
    `itaplan rules validate`; ``check_builtin=False`` skips them (every other year's framework was loaded and
    every rule expanded for every year, at every command). A user's framework file is always checked against.

    ``switched_off``: the measures a recommendations layer's disable: took out, and where: the built-in rules that
    propose one propose the rest of their measures (an auditor's ``disable: [e-service]`` was twelve errors blamed on
    the built-in files); an office's own rule proposing one is an error at that rule."""
    extra = frameworks or []
    rules: dict[str, Rule] = {}
    disabled: dict[str, str] = {}
    for layer in layers:
        for rid, source, line, column in layer.disable:
            if rid not in rules:
                close = suggest(rid, list(rules) + list(disabled))
                problems.append(Problem(source, f"disable: no rule '{rid}' in an earlier layer to switch off; did you "
                                                f"mean {', '.join(close)}?" if close else
                                        f"disable: no rule '{rid}' in an earlier layer to switch off (itaplan rules "
                                        "list names the rules in force)", line, column))
                continue
            del rules[rid]
            disabled[rid] = layer.name
        for rule in layer.rules:
            if rule.id in rules:  # the auditor sees that their rule, not the one it replaced, is the one that fired
                rule.replaces = rules[rule.id].layer
            rules[rule.id] = rule
    off = switched_off or {}
    measures_off = _take_out(rules, disabled, off)
    _check_rule_count(rules, extra, problems)
    said = set(problems)
    for rule in rules.values():
        if check_builtin or extra or rule.layer != "built-in":  # (see the docstring)
            _check_years(rule, extra, problems)
        _check_proposals(rule, recommendation_ids, problems, off)
    for layer in layers:
        for rule in layer.unread:
            if check_builtin or extra or rule.layer != "built-in":
                _check_years(rule, extra, problems, conditions=False)
            _check_proposals(rule, recommendation_ids, problems, off)
    kept = problems[:len(said)]
    for problem in problems[len(said):]:  # a file's setting (frameworks: [2575]) is said once, not once a rule
        if problem not in said:
            said.add(problem)
            kept.append(problem)
    problems[:] = kept
    return RuleSet(rules, disabled, layers, measures_off)


def _take_out(rules: dict[str, Rule], disabled: dict[str, str],
              switched_off: dict[str, tuple[str, int, int]]) -> dict[str, MeasuresOff]:
    """The built-in rules in force proposing a measure a recommendations layer switched off: each replaced by a copy
    proposing the rest of its measures, or, with none left, switched off (in ``disabled``, by the folder of the
    disable:). An office's own rule is left as written (``_check_proposals`` says it)."""
    found: dict[str, MeasuresOff] = {}
    for rid, rule in list(rules.items()):
        gone = tuple(rec for rec in rule.propose if rec in switched_off)
        if rule.layer != "built-in" or not gone:
            continue
        found[rid] = MeasuresOff(gone, switched_off[gone[0]], rule)
        rest = tuple(rec for rec in rule.propose if rec not in switched_off)
        if rest:
            rules[rid] = replace(rule, propose=rest, _dnf={})
        else:
            del rules[rid]
            disabled[rid] = str(Path(switched_off[gone[0]][0]).parent)
    return found


def _check_proposals(rule: Rule, recommendation_ids: set[str] | None, problems: list[Problem],
                     switched_off: dict[str, tuple[str, int, int]] | None = None) -> None:
    """Every measure a rule proposes is in the catalogue: a rule that replaces a built-in one (by its id) as much as
    a new one (a misspelt id in a replacing rule was said by nothing, and the measure silently dropped). A measure a
    recommendations layer switched off is said so, with the disable: (a built-in rule's was taken out of it)."""
    if recommendation_ids is None:
        return
    for rec in rule.propose:
        if rec in (switched_off or {}) and rec not in recommendation_ids:
            if rule.layer == "built-in":
                continue
            source, line, column = (switched_off or {})[rec]
            where = f"{shown_path(source)}:{line}:{column}"
            problems.append(Problem(rule.source, f"rule '{rule.id}' proposes '{rec}', which the disable: of {where} "
                                                 "switched off; take it out of this rule's propose:, or out of that "
                                                 "disable:", *rule.pos_of("propose")))
        elif rec not in recommendation_ids:
            close = suggest(rec, sorted(recommendation_ids))
            problems.append(Problem(rule.source, (
                f"rule '{rule.id}' proposes '{rec}', which is not in the recommendation catalogue; did you "
                f"mean {', '.join(close)}? A new measure goes in a recommendations folder given with "
                "--recommendations (or the workspace's recommendations/)") if close else (
                f"rule '{rule.id}' proposes '{rec}', which is not in the recommendation catalogue; a new "
                "measure goes in a recommendations folder given with --recommendations (or the workspace's "
                "recommendations/)"), *rule.pos_of("propose")))


def layer_folders(extra: list[str | Path] | None = None, builtin: bool = True) -> list[tuple[str, Path]]:
    folders = [("built-in", builtin_dir("rules"))] if builtin else []
    folders += [(str(p), Path(p)) for p in (extra or [])]
    return folders


def load_rules(extra: list[str | Path] | None = None, recommendation_ids: set[str] | None = None,
               frameworks: list[Framework] | None = None, builtin: bool = True,
               switched_off: dict[str, tuple[str, int, int]] | None = None) -> RuleSet:
    """The rules in force: built-in, then each --rules folder. Raises RuleError listing every problem.
    ``switched_off``: the measures the recommendations layers switched off (see ``check_rules``)."""
    problems: list[Problem] = []
    # the built-in files are schema-checked by the test suite and `rules validate`; skipping it here saves start-up
    layers = [read_layer(path, name, problems, check_schema=name != "built-in")
              for name, path in layer_folders(extra, builtin)]
    ruleset = check_rules(layers, recommendation_ids, problems, frameworks, check_builtin=False,
                          switched_off=switched_off)
    if problems:
        raise RuleError(problems)
    return ruleset


def rule_as_text(rule: Rule) -> dict[str, Any]:
    return {"id": rule.id, "title": rule.title, "frameworks": list(rule.frameworks) if rule.frameworks else "all",
            "priority": rule.priority, "propose": list(rule.propose), "layer": rule.layer, "where": rule.where}


def suggest(word: str, choices: list[str], n: int = 3) -> list[str]:
    """The closest names to a mistyped one (difflib), for "did you mean"."""
    import difflib

    return difflib.get_close_matches(word, choices, n=n, cutoff=0.6)


def _this_years_code(code: str, years: tuple[int, ...], fw: Framework) -> tuple[list[str], list[str]]:
    """The codes of ``fw``'s year a code of other ``years`` was likely meant as: the question it became by the
    crosswalk (i16 of FY2567 is i7 of FY2568), then those spelt close to it (i16: i1, i6, i15)."""
    before = [y for y in years if y < fw.fiscal_year]
    became = [link.code for link in item_links(code, before[-1], fw.fiscal_year) if link.relation != "related"
              and fw.lookup(link.code)] if before else []
    return became, close_codes(code, fw)


def close_codes(code: str, fw: Framework) -> list[str]:
    """This year's codes spelt close to ``code``, compared whatever the letters' case and given as the year writes
    them: 'o99' of a year of O1–O26 is O9, O19 (compared as typed, the year's O codes were never close to a code
    typed in lower case, a provincial auditor's trial)."""
    typed = str(code).lower()
    spelt = {c.lower(): c for c in fw.questions}
    # of codes as close, those of the typed code's own kind first (i16: i15 before O16)
    found = difflib.get_close_matches(typed, list(spelt), n=len(spelt), cutoff=0.6)
    ratio = {c: difflib.SequenceMatcher(None, typed, c).ratio() for c in found}
    found.sort(key=lambda c: (-ratio[c], c[:1] != typed[:1]))
    return [spelt[c] for c in found[:3]]


def _codes_meant(codes: list[str], close: dict[str, list[str]], fw: Framework) -> str:
    """Each of several mistyped codes with its own did-you-mean, or the codes of its kind the year has when none is
    close ('e11: no such code in fiscal year 2569; the year has e1–e9'): one list of suggestions for them all left
    the auditor to guess which code each was meant for."""
    said = []
    for code in codes:
        near = ", ".join(close.get(code) or [])
        if near:
            said.append(translate(f"{code}: did you mean {near}?"))
        else:
            year, span = fw.fiscal_year, _family_span(code, fw)
            said.append(translate(f"{code}: no such code in fiscal year {year}; the year has {span}"))
    return "; ".join(said)


def _family_span(code: str, fw: Framework) -> str:
    """The codes of the year that begin with the same letter as ``code`` (e1–e9), or all of them when none does."""
    letter = str(code)[:1].lower()
    same = [c for c in fw.questions if c[:1].lower() == letter]
    return f"{same[0]}–{same[-1]}" if same else _code_span(fw)


def _year_span(years: tuple[int, ...]) -> str:
    """Fiscal years as a reader counts them: runs of years as a span (2564–2568), the others one by one."""
    runs: list[list[int]] = []
    for y in sorted(years):
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return ", ".join(f"{run[0]}–{run[-1]}" if len(run) > 2 else ", ".join(map(str, run)) for run in runs)


def _code_span(fw: Framework) -> str:
    by_tool: dict[str, list[str]] = {}
    for code, q in fw.questions.items():
        by_tool.setdefault(q.tool, []).append(code)
    return ", ".join(f"{codes[0]}–{codes[-1]}" for codes in by_tool.values())
