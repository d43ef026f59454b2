"""Rule tests kept next to the rules (``<rules dir>/tests/*.yaml``), and lint of a rule base."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from itaplan.base.errors import InputError, Problem
from itaplan.base.i18n import translate
from itaplan.base.yamlio import LineDict, LineList, load_file, yaml_files
from itaplan.content.catalogue import FIGURE_PLACEHOLDERS, Catalogue, Recommendation, sentence_placeholders
from itaplan.ita.framework import builtin_years, load_framework
from itaplan.ita.gather import NoFiscalYear
from itaplan.ita.loader import from_mapping
from itaplan.ita.scoring import score
from itaplan.ruling.evaluate import PureEvaluator
from itaplan.ruling.lintlayers import layer_problems
from itaplan.ruling.rulebook import RuleSet


@dataclass
class TestOutcome:
    name: str
    where: str
    name_th: str = ""  # the case's name under a Thai interface (``name_th:``), when it has one
    failures: list[str] = field(default_factory=list)
    builtin: bool = False  # a case of the built-in rules' own tests
    by_layers: bool = False  # a built-in case that comes out otherwise only because of the office's layers
    # a case with errors of its own (a misspelt key, results that cannot be read) is not run, and covers nothing:
    # the rules its results fire (None: they could not be scored) are those whose coverage is then not known
    broken: bool = False
    would_fire: list[str] | None = None


EXPECTATIONS = ("expect", "expect_not", "expect_rules", "expect_rules_not")
CASE_KEYS = frozenset({"name", "name_th", "results", *EXPECTATIONS})


def run_rule_tests(folders: list[Path], ruleset: RuleSet, catalogue: Catalogue) -> tuple[list[TestOutcome], dict[str, int]]:
    evaluator = PureEvaluator(ruleset)
    coverage = {rid: 0 for rid in ruleset.rules}
    outcomes: list[TestOutcome] = []
    unreadable: list[Problem] = []
    for folder in folders:
        tests = folder / "tests"
        for path in (yaml_files(tests) if tests.is_dir() else []):
            # a file that cannot be read (bad YAML, no cases:) is bad input, said as such (exit 2, error lines),
            # every such file at once rather than the first only (round 24's auditor: one stopped the run unsaid)
            try:
                data = load_file(path)
            except InputError as exc:
                unreadable.extend(exc.problems)
                continue
            cases = data.get("cases") if isinstance(data, dict) else None
            if not isinstance(cases, list):
                unreadable.append(Problem(str(path), "a rule test file needs 'cases:' (a list of name, results, "
                                                     "expect)"))
                continue
            for i, case in enumerate(cases):
                line = cases.line_of(i) if isinstance(cases, LineList) else None
                if not isinstance(case, LineDict) or "results" not in case:
                    raise InputError(Problem(str(path), "each case needs 'name', 'results' and 'expect'", line))
                outcome = TestOutcome(str(case.get("name", f"case {i + 1}")), f"{path}:{line}",
                                      str(case.get("name_th") or ("" if "name" in case else translate(f"case {i + 1}", "th"))))
                # a misspelt key (expcet, expect_nto) would leave the case checking nothing and passing: refused
                strange = [key for key in case if key not in CASE_KEYS]
                if strange:
                    from itaplan.ruling.rulebook import suggest

                    keys = ", ".join(sorted(CASE_KEYS))
                    for key in strange:
                        near = ", ".join(suggest(str(key), sorted(CASE_KEYS)))
                        key_line, key_column = case.pos_of(key)  # at the misspelt key, not the case's first line
                        outcome.failures.append(str(Problem(
                            str(path), f"'{key}' is not a key of a test case ({keys}); did you mean {near}?" if near
                            else f"'{key}' is not a key of a test case ({keys})", key_line, key_column)))
                    # the case's other problems are said in the same run (a misspelt key hid a misspelt id of the
                    # case in an auditor's trial); its outcome is not checked: the key meant may be any of them
                elif not any(case.get(key) for key in EXPECTATIONS):
                    outcome.failures.append("the case expects nothing: give expect, expect_not, expect_rules or "
                                            "expect_rules_not")
                    outcome.broken = True
                    outcomes.append(outcome)
                    continue
                # every id the case names that is not in force, whatever its results say (a results problem
                # does not hide a misspelt id); the expectations on the ids in force are still checked after them
                unknown_failures, unknown_ids = _unknown_ids(case, str(path), ruleset, catalogue)
                unknown_year = _unknown_year(case["results"], str(path))
                if unknown_year:
                    outcome.failures.append(unknown_year)
                    outcome.failures.extend(unknown_failures)
                    outcome.broken = True
                    outcomes.append(outcome)
                    continue
                try:
                    card = score(from_mapping(case["results"], str(path)))
                except NoFiscalYear:  # (`rules test` has no --framework: the case itself says its year)
                    latest = max(builtin_years())
                    outcome.failures.append(f"the case's results say no fiscal year: add fiscal_year: {latest} (Buddhist "
                                            "era: the year of the assessment results, not of the plan) under its "
                                            f"results:, e.g. results: {{fiscal_year: {latest}, questions: …}}")
                    outcome.failures.extend(unknown_failures)
                    outcome.broken = True
                    outcomes.append(outcome)
                    continue
                except InputError as exc:  # each where it is in the case (else at the case's first line), with
                    # its column as a rule file's problems have one: file:line:col, which an editor jumps to
                    outcome.failures.extend(str(_located(p, case["results"], line)) for p in exc.problems)
                    outcome.failures.extend(unknown_failures)
                    outcome.broken = True
                    outcomes.append(outcome)
                    continue
                outcome.failures.extend(unknown_failures)
                if strange:  # not run: what its results fire is not counted as covered, nor as missing
                    outcome.broken = True
                    outcome.would_fire = [f.rule_id for f in evaluator.evaluate(card)]
                    outcomes.append(outcome)
                    continue
                findings = evaluator.evaluate(card)
                for f in findings:
                    coverage[f.rule_id] = coverage.get(f.rule_id, 0) + 1
                proposed = {rec for f in findings for rec in f.propose}
                fired = {f.rule_id for f in findings}
                for index, rec in enumerate(_listed(case.get("expect"))):
                    if rec in proposed or ("expect", index) in unknown_ids:
                        continue
                    # said at the item of expect, as expect_not's are; with the switch when the rule of the year
                    # that proposes the measure is one the office's disable: switched off
                    off_rule, off_at = _switched_off_proposing(rec, card.framework.fiscal_year, ruleset)
                    if off_rule and not proposed:
                        message = (f"expected {rec} to be proposed; nothing was proposed: rule {off_rule}, which "
                                   f"proposes it, is switched off by the disable: of {off_at}")
                    elif off_rule:
                        message = (f"expected {rec} to be proposed; proposed: {', '.join(sorted(proposed))}: rule "
                                   f"{off_rule}, which proposes it, is switched off by the disable: of {off_at}")
                    elif not proposed:
                        message = f"expected {rec} to be proposed; nothing was proposed"
                    else:
                        message = f"expected {rec} to be proposed; proposed: {', '.join(sorted(proposed))}"
                    outcome.failures.append(str(Problem(str(path), message, *_item_at(case, "expect", index))))
                    outcome.failures.extend(f"  {why}" for why in _why_not_proposed(rec, card, ruleset))
                for index, rec in enumerate(_listed(case.get("expect_not"))):
                    # said at the item of expect_not, as the case wrote it
                    if rec in proposed and ("expect_not", index) not in unknown_ids:
                        by = list(dict.fromkeys(f.rule_id for f in findings if rec in f.propose))
                        rules = ", ".join(by)
                        # which layer each rule is of, as rules list and explain say it: the office's replacement
                        # of a built-in rule keeps the built-in id, and the id alone reads as the built-in rule
                        if len(by) == 1:
                            rule = ruleset.rules[by[0]]
                            layer, where = rule_layer(rule.id, ruleset), rule.where
                            message = (f"the case says {rec} should not be proposed, but rule {rules} ({layer}, "
                                       f"{where}) proposes it")
                        else:
                            message = f"the case says {rec} should not be proposed, but rules {rules} propose it"
                        outcome.failures.append(str(Problem(str(path), message,
                                                            *_item_at(case, "expect_not", index))))
                        if len(by) > 1:
                            for rid in by:
                                layer, where = rule_layer(rid, ruleset), ruleset.rules[rid].where
                                outcome.failures.append(f"  rule {rid}: {layer}, {where}")
                        outcome.failures.extend(f"  {why}" for why in _why_fired(by, card, ruleset))
                for index, rid in enumerate(_listed(case.get("expect_rules"))):
                    if rid not in fired and ("expect_rules", index) not in unknown_ids:  # at the item, as the others
                        outcome.failures.append(str(Problem(str(path), _why_not_fired(rid, card, ruleset),
                                                            *_item_at(case, "expect_rules", index))))
                for index, rid in enumerate(_listed(case.get("expect_rules_not"))):
                    if rid in fired and ("expect_rules_not", index) not in unknown_ids:
                        recs = ", ".join(dict.fromkeys(rec for f in findings if f.rule_id == rid for rec in f.propose))
                        outcome.failures.append(str(Problem(
                            str(path), f"the case says rule {rid} should not fire, but it fired, proposing {recs}",
                            *_item_at(case, "expect_rules_not", index))))
                        outcome.failures.extend(f"  {why}" for why in _why_fired([rid], card, ruleset))
                outcomes.append(outcome)
    if unreadable:
        raise InputError(unreadable)
    return outcomes, coverage


def _unknown_ids(case: LineDict, source: str, ruleset: RuleSet,
                 catalogue: Catalogue) -> tuple[list[str], set[tuple[str, int]]]:
    """Each id of a case's expectations that is not in force, said where it is written (file:line:col) with the ids
    meant (did you mean); and the (key, index) of each, which the checks of the case's outcome then pass over."""
    from itaplan.ruling.rulebook import suggest

    # a rule switched off (disable:) cannot fire: expecting it to is said with the switch, not as an unknown id
    # with another year's rule suggested; expecting it not to fire holds
    unknown = [(key, index, name) for key in EXPECTATIONS for index, name in enumerate(_listed(case.get(key)))
               if (name not in catalogue.recommendations and not (name in catalogue.switched_off and key == "expect_not")
                   if key in ("expect", "expect_not") else
                   name not in ruleset.rules and not (name in ruleset.disabled and key == "expect_rules_not"))]
    failures = []
    for key, index, name in unknown:
        recommendation = key in ("expect", "expect_not")
        pool = sorted(catalogue.recommendations) if recommendation else sorted(ruleset.rules)
        close = suggest(str(name), pool)
        near = ", ".join(close)
        if recommendation and name in catalogue.switched_off:  # a measure the office took out: never proposed
            source_off, line_off, column_off = catalogue.switched_off[name]
            message = (f"measure '{name}' is switched off by the disable: of {source_off}:{line_off}:{column_off}: "
                       "no rule proposes it; to check that it is not proposed, list it under expect_not:")
        elif recommendation:  # (each message whole: the interface translates whole sentences)
            message = (f"unknown id '{name}' in the expectations: no such recommendation in force; did you mean "
                       f"{near}?" if close else
                       f"unknown id '{name}' in the expectations: no such recommendation in force")
        elif name in ruleset.disabled:
            message = (f"rule '{name}' is switched off by the disable: of {_disabled_at(name, ruleset)}: it is not in "
                       "force, so it cannot fire; to check that it does not, list it under expect_rules_not:")
        else:
            message = (f"unknown id '{name}' in the expectations: no such rule in force; did you mean {near}?" if close
                       else f"unknown id '{name}' in the expectations: no such rule in force")
        failures.append(str(Problem(source, message, *_item_at(case, key, index))))
    return failures, {(key, index) for key, index, _ in unknown}


def _item_at(case: LineDict, key: str, index: int) -> tuple[int | None, int | None]:
    """Where the ``index``-th id of an expectation is written (the key itself when it is one id written alone)."""
    listed = case[key]
    return listed.pos_of(index) if isinstance(listed, LineList) else case.pos_of(key)


def _switched_off_proposing(rec: str, year: int, ruleset: RuleSet) -> tuple[str, str]:
    """A rule switched off by a disable: that proposed ``rec`` for ``year``, with where it was switched off; the
    measure is then proposed by no rule in force, and the case's expectation fails because of the switch."""
    for layer in ruleset.layers:
        for rule in layer.rules:
            if rule.id in ruleset.disabled and rec in rule.propose and rule.applies_to(year):
                return rule.id, _disabled_at(rule.id, ruleset)
    return "", ""


def _disabled_at(rid: str, ruleset: RuleSet) -> str:
    """The file and line of the disable: that switched ``rid`` off (the last layer's, when several did)."""
    places = [f"{source}:{line}:{column}" for layer in ruleset.layers for off, source, line, column in layer.disable
              if off == rid]
    if not places and rid in ruleset.measures_off:  # its only measure switched off in a recommendations file
        places = ["{}:{}:{}".format(*ruleset.measures_off[rid].at)]
    return places[-1] if places else ruleset.disabled[rid]


def _listed(value: object) -> list:
    """The ids of an expectation: a list, or one id written alone."""
    if value is None or value == "":
        return []
    return list(value) if isinstance(value, list) else [value]


def _located(problem: Problem, results: object, line: int | None) -> Problem:
    """A problem of a case's results with a line and column: a problem said without a column (the results' readers
    locate by line) at the key on its line that it quotes, else at the first key written on that line, else at the
    results themselves; one without a line at the case's first line."""
    if not problem.line:
        return replace(problem, line=line)
    if problem.column is not None or problem.what == "row":
        return problem
    at_value = _value_at(problem, results)
    if at_value is not None:
        return replace(problem, line=at_value[0], column=at_value[1])
    on_line: list[tuple[int, int, str, str]] = []  # (depth, column, key, value) of the keys written on that line

    def walk(node: object, depth: int) -> None:
        if isinstance(node, LineDict):
            for key, value in node.items():
                key_line, key_column = node.pos_of(key)
                if key_line == problem.line and key_column:
                    on_line.append((depth, key_column, str(key), value if isinstance(value, str) else ""))
                walk(value, depth + 1)
        elif isinstance(node, LineList):
            for item in node:
                walk(item, depth + 1)

    walk(results, 0)
    # the innermost key the message quotes ('e10'), or whose value it quotes (code: e10); else the line's first key
    named = [k for k in on_line if f"'{k[2]}'" in problem.message or (k[3] and f"'{k[3]}'" in problem.message)]
    chosen = max(named, key=lambda k: k[0]) if named else min(on_line, key=lambda k: k[1]) if on_line else None
    if chosen is not None:
        return replace(problem, column=chosen[1])
    if isinstance(results, (LineDict, LineList)) and results.line == problem.line and results.column:
        return replace(problem, column=results.column)
    return problem


_CODE_SAID = re.compile(r"([A-Za-z]{1,2}\d{1,3}): ")


def _value_at(problem: Problem, results: object) -> tuple[int, int] | None:
    """Where the value a problem of one question is about is written: the score of ``i1: 188``, the part of
    ``{code: e1, score: 70, part: 3}`` (the value the message quotes), not the start of the results mapping."""
    said = _CODE_SAID.match(problem.message)
    if said is None:
        return None
    code = said.group(1).lower()
    found: list[tuple[int, int]] = []

    def value_of(node: LineDict, key: object) -> tuple[int, int]:
        return _value_column(problem.source, *node.pos_of(key))

    def walk(node: object) -> None:
        if found:
            return
        if isinstance(node, LineDict):
            for key, value in node.items():
                if str(key).strip().lower() == code and node.line_of(key) == problem.line and \
                        not isinstance(value, (LineDict, LineList)):  # questions: {i1: 188}
                    found.append(value_of(node, key))
                    return
            if str(node.get("code", "")).strip().lower() == code and problem.line in (node.line, node.line_of("code")):
                # an item {code, score, part}: at the value the message quotes, else at the code
                quoted = [key for key, value in node.items() if key != "code" and value is not None
                          and not isinstance(value, (LineDict, LineList))
                          and re.search(rf"(?<![\w.])'?{re.escape(str(value))}'?(?![\w.])", problem.message[len(code):])]
                found.append(value_of(node, quoted[0] if quoted else "code"))
                return
            for value in node.values():
                walk(value)
        elif isinstance(node, LineList):
            for item in node:
                walk(item)

    walk(results)
    return found[0] if found else None


def _value_column(source: str, line: int, column: int) -> tuple[int, int]:
    """The line and column of the value of the key written at ``line``:``column`` of ``source`` (the key's own
    place when the value is not on the key's line, or the file cannot be read again)."""
    try:
        text = Path(source).read_text(encoding="utf-8").splitlines()[line - 1]
    except (OSError, UnicodeError, IndexError):
        return line, column
    colon = text.find(":", column - 1)
    if colon < 0:
        return line, column
    start = colon + 1
    while start < len(text) and text[start] in " \t":
        start += 1
    if start >= len(text) or text[start] == "#":
        return line, column
    return line, start + 1


def rule_layer(rule_id: str, ruleset: RuleSet) -> str:
    """The layer of a rule in force, as `rules list` and `rules explain` name it: the built-in layer, the office's, or
    the office's replacing the built-in rule of that id."""
    rule = ruleset.rules[rule_id]
    if rule.layer == "built-in":
        return "built-in layer"
    if any(r.id == rule_id for layer in ruleset.layers if layer.name == "built-in" for r in layer.rules):
        return "office layer (replaces a built-in rule)"
    return "office layer"


def _why_not_proposed(rec: str, card, ruleset: RuleSet) -> list[str]:
    """Under a measure a case expected and did not get: each rule in force of the results' year that proposes it,
    with why it did not fire, as `rules explain RULE --results` says it (a score that is missing named: 'indicator 8
    below 85: no score for it in the results (EIT part 2 not given: e7, e8, e9)'); or that no rule of that year
    proposes it."""
    from itaplan.ruling.explain import Subject, explain

    year = card.framework.fiscal_year
    if rec not in {r for rule in ruleset.rules.values() for r in rule.propose} or \
            _switched_off_proposing(rec, year, ruleset)[0]:
        return []  # (an unknown id, or a rule switched off: said already)
    explanations, _ = explain(Subject("measure", measure=rec), card, ruleset)
    said = []
    for explained in explanations:
        if not explained.fired:
            rid, why = explained.rule.id, _said(explained.reason.removeprefix("did not fire: "))
            said.append(f"rule {rid}, which proposes {rec}, did not fire: {why}")
    if not explanations:
        said.append(f"no rule in force for fiscal year {year} proposes {rec}")
    return said


def _why_fired(rids: list[str], card, ruleset: RuleSet) -> list[str]:
    """Under a firing a case did not expect: each rule with the case's figures that made it fire ('rule office.x
    fired: e7 below 80: e7 72.50, below 80.00'), as a firing it expected and did not get is said with the figures
    that stopped it; 'it fired' alone left the auditor to work the scores out (a provincial auditor's trial)."""
    from itaplan.ruling.explain import why_fired

    said = []
    for rid in rids:
        why = _said(why_fired(ruleset.rules[rid], card))
        if why:
            said.append(f"rule {rid} fired: {why}")
    return said


def _why_not_fired(rid: str, card, ruleset: RuleSet) -> str:
    """A rule a case expected to fire, with why it did not: not a rule of the results' year, or the condition that
    stopped it, as `rules explain` says it (a score not below the threshold: 'e9 91.00, not below 90')."""
    from itaplan.ruling.explain import Subject, explain

    rule = ruleset.rules[rid]
    year = card.framework.fiscal_year
    if not rule.applies_to(year):
        years = ", ".join(map(str, rule.frameworks or ()))
        return (f"expected rule {rid} to fire; it is a rule of fiscal year {years}, and the case's results are of "
                f"{year}: give the case results of its year, or expect a rule of {year}")
    explanations, _ = explain(Subject("rule", rule=rid), card, ruleset)
    reason = next((e.reason for e in explanations if not e.fired), "")
    why = _said(reason.removeprefix("did not fire: "))
    return f"expected rule {rid} to fire; it did not: {why}" if why else f"expected rule {rid} to fire"


def never_fires(rule) -> str:
    """Lint's word on a rule that can never fire in any fiscal year it applies to (bounds that contradict each other,
    a score no result has, …), as lint says it; '' when it can fire (said by `rules explain` beside why it did not
    fire on an agency's results)."""
    effect, problem = _never_fires(rule)
    never = bool(effect) and not any(effect.values())  # (a part: some codes lack is not a rule that never fires)
    return problem.message if problem is not None and never else ""


def _never_fires(rule) -> tuple[dict[int, frozenset], Problem | None]:
    """A rule's effect in each year it applies to (each alternative that can hold, with its conditions), and lint's
    problem when it can never fire."""
    years = [y for y in (rule.frameworks or builtin_years()) if y in builtin_years()]
    never = True
    why = ""  # the cause, in the first year it applies to, of its first alternative
    effect: dict[int, frozenset] = {}
    partless: dict[str, list[int]] = {}  # codes asked for an EIT part they do not have -> the years
    for year in years:
        fw = load_framework(year)
        conjs = rule.conjunctions(fw)
        for atom in {atom for conj in conjs for atom in conj}:
            for code in _codes_without_parts(atom, fw):
                partless.setdefault(code, []).append(year)
        live = [conj for conj in conjs if all(_can_match(atom, fw) for atom in conj) and not _contradicts(conj)
                and _distinct_facts(conj, fw)]
        if live:
            never = False
        elif conjs and not why:
            why = _why_never(rule.id, conjs[0], fw)
        # each alternative with its conditions counted (all: [e9, e9] needs two facts: not the same as e9)
        effect[year] = frozenset(tuple(sorted(((a.kind, a.tests) for a in conj), key=repr)) for conj in live)
    if partless:
        codes = ", ".join(sorted(partless, key=lambda c: (c[0], int(c[1:]) if c[1:].isdigit() else 0)))
        span = ", ".join(str(y) for y in sorted({y for ys in partless.values() for y in ys}))
        return effect, Problem(rule.source, f"rule '{rule.id}': part: applies to EIT questions only; the condition "
                                            f"never holds for {codes}, which has no EIT part in fiscal year {span}; "
                                            "remove part: or the code", *rule.pos_of("when"))  # (said more exactly
        # than "can never fire")
    if years and never:
        return effect, Problem(rule.source, why or f"rule '{rule.id}' can never fire: no scores can meet its "
                                                   "condition", *rule.pos_of("when"))
    return effect, None


def lint(ruleset: RuleSet, catalogue: Catalogue, recommendation_dirs: tuple[str, ...] = ()) -> list[Problem]:
    """Rules that can never fire, rules shadowed by others, recommendations no rule reaches — compared by
    effect: each rule's condition compiled for each year it applies to (effective thresholds, resolved
    codes), not as written, so a copy that only spells the default threshold out is still found.
    ``recommendation_dirs``: the office's recommendation folders, where a measure no rule reaches is switched off."""
    problems: list[Problem] = []
    effects: dict[str, dict[int, frozenset]] = {}
    for rule in ruleset.rules.values():
        effects[rule.id], problem = _never_fires(rule)
        if problem is not None:
            problems.append(problem)
    rules = list(ruleset.rules.values())
    for a in rules:
        for b in rules:
            if a is b or not any(effects[a.id].values()) or set(effects[a.id]) != set(effects[b.id]):
                continue
            if effects[a.id] == effects[b.id] and set(a.propose) <= set(b.propose) and \
                    (set(a.propose) < set(b.propose) or a.id > b.id):
                problems.append(Problem(a.source, f"rule '{a.id}' is shadowed by '{b.id}' ({b.where}): the same "
                                                  "condition in effect, and it proposes nothing more", a.line, a.column))
                break
    # (a rule already said to never fire, or to be shadowed, is not said to do nothing as well)
    problems.extend(layer_problems(ruleset, {p.message.split("'")[1] for p in problems if "'" in p.message}, catalogue))
    reached = {rec for rule in ruleset.rules.values() for rec in rule.propose}
    for rec in catalogue.recommendations.values():
        if rec.id not in reached:
            problems.append(_unreached(rec, recommendation_dirs))
    return problems


def _unreached(rec: Recommendation, recommendation_dirs: tuple[str, ...]) -> Problem:
    """A measure no rule in force proposes (its rule switched off, say), with the way out: a built-in one is switched
    off by the disable: of the office's recommendations file (a rules file's disable: switches rules off, not
    measures); an office's own is removed."""
    rid = rec.id
    if rec.layer != "built-in":
        return Problem(rec.source, f"recommendation '{rid}' is proposed by no rule; remove its entry, or add a rule "
                                   "that proposes it", rec.line, rec.column)
    own = [Path(d) for d in recommendation_dirs]
    files = yaml_files(own[-1]) if own and own[-1].is_dir() else []
    if files:
        where = str(files[0])
        return Problem(rec.source, f"recommendation '{rid}' is proposed by no rule; to go without it, write "
                                   f"disable: [{rid}] in the office's recommendations file {where} (the disable: of a "
                                   "rules file switches off rules, not measures), or add a rule that proposes it",
                       rec.line, rec.column)
    return Problem(rec.source, f"recommendation '{rid}' is proposed by no rule; to go without it, write disable: [{rid}] "
                               "in a recommendations file of the office's own (in the workspace's recommendations/, or "
                               "a folder given with --recommendations; the disable: of a rules file switches off "
                               "rules, not measures), or add a rule that proposes it", rec.line, rec.column)


def _unknown_year(results: object, source: str) -> str | None:
    """A case's fiscal_year with no built-in framework, said where it is written, with the year meant: a rule test
    cannot be given a framework file, and its year is that of the results (2569 for the measures of a 2570 plan)."""
    from itaplan.base.thai import to_arabic

    if not isinstance(results, LineDict) or "fiscal_year" not in results:
        return None
    typed = to_arabic(str(results["fiscal_year"])).strip()
    if not typed.isdigit() or len(typed) > 6:
        return None  # (said by the results' own checks)
    year = int(typed) + (543 if int(typed) < 2400 else 0)
    known = builtin_years()
    if year in known:
        return None
    years = ", ".join(map(str, known))
    line, column = results.pos_of("fiscal_year")
    results_year = year - 1
    if results_year in known:
        message = (f"fiscal_year: no built-in framework for fiscal year {year} (known: {years}); a rule test's "
                   "fiscal_year is the year of the assessment results, not of the plan: the measures of a fiscal year "
                   f"{year} plan come from the results of {results_year}, so write fiscal_year: {results_year}")
    else:
        message = (f"fiscal_year: no built-in framework for fiscal year {year} (known: {years}); a rule test's "
                   "fiscal_year is the year of the assessment results, not of the plan: write one of the known years")
    return str(Problem(source, message, line, column))


def unprinted_notes(catalogue: Catalogue) -> list[Problem]:
    """Notes, not problems: an office's ``recommendation:`` text where it does not reach the documents as the office
    may expect. The measures table never prints it (title, issue, method, timeline, evidence and owner); it fills a
    project card's rationale, unless ``project: rationale:`` replaces it. An office rewording a built-in measure's
    recommendation: believed the table would say it (a provincial auditor's trial): noted. An office's own measure
    must have one (validate requires it), so a note for its being there was noise every workspace drew (a later
    trial): its own measure is noted only when project: rationale: leaves its recommendation: printed nowhere."""
    notes = []
    for rec in catalogue.recommendations.values():
        if rec.kind != "measure" or "recommendation" not in rec.office_keys or not rec.data.get("recommendation"):
            continue
        at = rec.positions.get("recommendation", (rec.line, rec.column))
        project = rec.data.get("project")
        if isinstance(project, dict) and project.get("rationale"):
            notes.append(Problem(rec.source, f"recommendation '{rec.id}': its recommendation: is printed nowhere: the "
                                             "measures table does not print it, and project: rationale: replaces it on "
                                             "the project card; what the table should say goes in issue: or method:", *at))
        elif rec.builtin:
            notes.append(Problem(rec.source, f"recommendation '{rec.id}': its recommendation: is printed only on its "
                                             "project card (--cards), not in the measures table (title, issue, method, "
                                             "timeline, evidence, owner); what the table should say goes in issue: or "
                                             "method:", *at))
    return notes


PARTS_SUFFIX = "_parts"  # the sentence said once for a question's two EIT parts, beside the one said for each part


def reworded_text_notes(catalogue: Catalogue) -> list[Problem]:
    """Notes, not problems, on an office's reworded sentences: one that leaves out a placeholder that is no figure,
    code or EIT part (validate refuses those), so the documents no longer say it; and one whose sibling for a
    question's two EIT parts (``row_point_threshold`` / ``row_point_threshold_parts``) keeps the built-in words, so
    an agency whose case takes the sibling sees no change (a provincial auditor's trial)."""
    notes = []
    for key, (source, line, column) in catalogue.reworded_at.items():
        builtin = catalogue.builtin_texts.get(key)
        if builtin is None:
            continue
        kept = set(sentence_placeholders(catalogue.texts.get(key, "")))
        left = [name for name in sentence_placeholders(builtin) if name not in FIGURE_PLACEHOLDERS and name not in kept]
        if left:
            missing = ", ".join("{" + name + "}" for name in left)
            notes.append(Problem(source, f"texts: the sentence '{key}' leaves out {missing}, which the built-in "
                                         "sentence prints, so the documents will not say it (only a figure, a code "
                                         "or an EIT part must stay; itaplan rules texts KEY shows the built-in "
                                         "sentence)", line, column))
        siblings = [key + PARTS_SUFFIX] + ([key[:-len(PARTS_SUFFIX)]] if key.endswith(PARTS_SUFFIX) else [])
        for sibling in siblings:
            if sibling in catalogue.builtin_texts and sibling not in catalogue.reworded_at:
                notes.append(Problem(source, f"texts: '{key}' is reworded but its sibling '{sibling}' is not: where "
                                             f"a plan says a point with '{sibling}' (a question of both EIT parts "
                                             f"said once, or each part said apart) it keeps the built-in words, so "
                                             f"such a plan shows no change; reword '{sibling}' too (itaplan rules "
                                             f"texts {sibling} shows it)", line, column))
    return notes


def unnamed_project_notes(catalogue: Catalogue) -> list[Problem]:
    """Notes, not problems: an office's own measure with no ``project: name:``, whose project card would be named
    by its title, "มาตรการ…", a measure's name where agencies name a project "โครงการ…" or "กิจกรรม…" (a web
    officer's trial: "ชื่อโครงการ/กิจกรรม: มาตรการติดตั้งระบบ GPS…"); every built-in measure names its project."""
    prefix = catalogue.text("measure_prefix")
    notes = []
    for rec in catalogue.recommendations.values():
        project = rec.data.get("project")
        if rec.kind not in ("measure", "standing") or rec.layer == "built-in" or \
                (isinstance(project, dict) and project.get("name")) or not str(rec.title).startswith(prefix):
            continue
        at = rec.positions.get("title", (rec.line, rec.column))
        notes.append(Problem(rec.source, f"recommendation '{rec.id}': its project card is named by its title, "
                                         f"'{rec.title}', a measure's name; agencies name a project โครงการ… or "
                                         "กิจกรรม…: give it one under project: as name:", *at))
    return notes



def generic_card_notes(catalogue: Catalogue) -> list[Problem]:
    """Notes, not problems: an office's own measure with no ``project: objectives:``, ``target_group:`` or
    ``outcomes:``, whose project card then prints the generic ones every such card prints (an auditor's trial:
    nothing said of it, and the cards read alike; a later trial: outcomes: left out was not said, and the card printed
    the generic ผลลัพธ์); one note per measure, naming every key left out with what the card will print in its place.
    Every built-in measure gives them."""
    notes = []
    generic = {"objectives:": catalogue.text("card_default_objective"),
               "target_group:": catalogue.text("card_default_target_group"),
               "outcomes:": catalogue.text("card_default_outcome")}
    for rec in catalogue.recommendations.values():
        project = rec.data.get("project")
        project = project if isinstance(project, dict) else {}
        if rec.kind not in ("measure", "standing") or rec.layer == "built-in":
            continue
        at = rec.positions.get("project", (rec.line, rec.column))
        rid = rec.id
        missing = [key for key in generic if not project.get(key.rstrip(":"))]
        if len(missing) == 1:
            typed_key, text = missing[0], generic[missing[0]]
            notes.append(Problem(rec.source, f"recommendation '{rid}' has no project: {typed_key}, so its project card "
                                             f"prints the generic '{text}'; write its own under project:", *at))
        elif missing:
            typed_keys = ", ".join(missing)
            texts = ", ".join(f"'{generic[key]}'" for key in missing)
            notes.append(Problem(rec.source, f"recommendation '{rid}' has no project: {typed_keys}, so its project card "
                                             f"prints the generic ones: {texts}; write its own under project:", *at))
    return notes


def _said(condition: str) -> str:
    """A condition as a lint message quotes it: in Thai words under a Thai interface (the message keeps a quoted
    text as it is, and 'i5 below 0' is the tool's wording, not the auditor's)."""
    from itaplan.base.i18n import language
    from itaplan.ruling.conditions import explain_in_thai

    return explain_in_thai(condition) if language() == "th" else condition


def _why_never(rid: str, conj, fw) -> str:
    """What keeps one alternative of a rule from ever holding, said exactly: a code not of the year, a score no
    result has, bounds that exclude each other, or more conditions joined than facts that can meet them."""
    for atom in conj:
        if any(t.op == "in" and not t.value for t in atom.tests):
            return (f"rule '{rid}' can never fire: its condition names no question of fiscal year {fw.fiscal_year}; "
                    "name that year's codes, or limit the rule with frameworks:")
        if not _can_match(atom, fw):
            text = _said(atom.text)
            return f"rule '{rid}' can never fire: '{text}' asks for a score no result has (scores run from 0 to 100)"
        if _contradicts((atom,)):
            at_least = max(t.value for t in atom.tests if t.field == "score" and t.op == "gte")
            below = min(t.value for t in atom.tests if t.field == "score" and t.op == "lt")
            return (f"rule '{rid}' can never fire: its bounds contradict each other (at_least: {at_least:g}, below: "
                    f"{below:g}): no score is both; make at_least lower than below, or remove one of them")
    if _contradicts(conj):
        return f"rule '{rid}' can never fire: its bounds contradict each other; no score meets them all"
    facts = set().union(*(_fact_keys(atom, fw) or set() for atom in conj))
    what = ", ".join(dict.fromkeys(_fact_name(key) for key in sorted(facts, key=str)))
    if len(facts) == 1:
        return (f"rule '{rid}' can never fire: all: joins {len(conj)} conditions that only one score can meet ({what}), "
                "and each condition needs a score of its own; write one condition, or join conditions on different "
                "codes")
    return (f"rule '{rid}' can never fire: all: joins {len(conj)} conditions that only {len(facts)} scores can meet "
            f"({what}), and each condition needs a score of its own; join conditions on different codes")


def _fact_keys(atom, fw) -> set[tuple] | None:
    """The facts of one agency this condition can be met by (a question: one per EIT part), or None when unbounded
    here (ranks)."""
    tests = {t.field: t for t in atom.tests}
    if atom.kind == "question":
        keys: set[tuple] = set()
        for code in tests["code"].value if "code" in tests else ():
            parts = 2 if fw.two_parts and code in fw.questions and fw.questions[code].tool == "EIT" else 1
            if "part" in tests:
                keys |= {("question", code, tests["part"].value)} if parts == 2 else set()
            else:
                keys |= {("question", code, p) for p in range(1, parts + 1)}
        return keys
    if atom.kind == "indicator":
        return {("indicator", n) for n in tests["number"].value}
    if atom.kind == "tool":
        return {("tool", tests["name"].value)}
    if atom.kind == "total":
        return {("total",)}
    if atom.kind == "change":
        numbers = tests["number"].value if "number" in tests else {0}
        return {("change", tests["subject"].value, n) for n in numbers}
    return None


def _fact_name(key: tuple) -> str:
    if key[0] == "question":
        return str(key[1])
    if key[0] == "indicator":
        return f"indicator {key[1]}"
    if key[0] == "tool":
        return str(key[1])
    if key[0] == "change":
        return "the change of the total" if key[1] == "total" else f"the change of indicator {key[2]}"
    return "the total"


def _distinct_facts(conj, fw) -> bool:
    """Can every condition joined be met by a fact of its own (a matching of conditions to distinct facts, as the
    pure evaluator finds one when it runs the rule)?"""
    from itaplan.ruling.pure import distinct_facts_possible

    options = [_fact_keys(atom, fw) for atom in conj]
    if len(conj) < 2 or any(o is None for o in options):
        return True
    return distinct_facts_possible([sorted(o, key=repr) for o in options if o is not None])


def _contradicts(conj) -> bool:
    """One conjunction that no facts can satisfy: the total (or one tool) asked to be below x and at least y >= x,
    or the same single fact asked twice with bounds that exclude each other."""
    bounds: dict[tuple, list[tuple[str, float]]] = {}
    for atom in conj:  # one condition with a range (at_least: 100, below: 100): whatever facts it selects
        below = min((float(t.value) for t in atom.tests if t.field == "score" and t.op == "lt"), default=None)
        at_least = max((float(t.value) for t in atom.tests if t.field == "score" and t.op == "gte"), default=None)
        if below is not None and at_least is not None and at_least >= below:
            return True
    for atom in conj:
        selector = tuple(sorted((t.field, str(t.value)) for t in atom.tests if t.field not in ("score", "delta", "rank")))
        if atom.kind not in ("total", "tool", "indicator") or any(t.op == "in" and len(t.value) > 1 for t in atom.tests):
            continue
        for test in atom.tests:
            if test.field == "score" and test.op in ("lt", "gte"):
                bounds.setdefault((atom.kind, selector), []).append((test.op, float(test.value)))
    for found in bounds.values():
        below = min((v for op, v in found if op == "lt"), default=None)
        at_least = max((v for op, v in found if op == "gte"), default=None)
        if below is not None and at_least is not None and at_least >= below:
            return True
    return False


def _codes_without_parts(atom, fw) -> list[str]:
    """The codes of a question condition with part: that have no EIT parts that year (an IIT or OIT question, or
    any question in a year whose EIT is not in two parts): the condition never holds for them."""
    tests = {t.field: t for t in atom.tests}
    if atom.kind != "question" or "part" not in tests or "code" not in tests:
        return []
    return sorted(code for code in tests["code"].value
                  if not (fw.two_parts and code in fw.questions and fw.questions[code].tool == "EIT"))


def _can_match(atom, fw=None) -> bool:
    if fw is not None and atom.kind == "question" and any(t.field == "part" for t in atom.tests):
        codes: frozenset[str] = next((t.value for t in atom.tests if t.field == "code"), frozenset())
        if codes and len(_codes_without_parts(atom, fw)) == len(codes):
            return False
    for test in atom.tests:
        if test.op == "in" and not test.value:
            return False
        if test.field == "score" and ((test.op == "lt" and test.value <= 0) or (test.op == "gte" and test.value > 100)):
            return False
        if test.field == "delta" and test.op == "lte" and test.value < -100:
            return False
    return True
