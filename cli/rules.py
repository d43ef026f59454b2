"""The auditor's commands on rule files: validate, list, diff, explain, test, lint, schema."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from itaplan.base.errors import ExitStatus, Problem, RuleError, UsageError, file_order
from itaplan.base.i18n import problem_text, translate
from itaplan.builtin import builtin_dir, shown_path
from itaplan.cli.common import (
    Group,
    _echo,
    agency_option,
    bundled_example,
    framework_option,
    main,
    recs_option,
    rules_option,
    session,
)

if TYPE_CHECKING:  # (the CLI imports no engine at start-up)
    from itaplan.app.session import Session
    from itaplan.ita.framework import Framework



UNCOVERED_SHOWN = 12  # rules no case covers, named on the screen (the built-in ones alone are some 220)

@main.group("rules", cls=Group)
def rules_group() -> None:
    """Check, list, explain and test the rules (for auditors).

    \b
    Examples:
      itaplan rules validate my-rules/
      itaplan rules explain e9 --results results.yaml
    """


def _problems_exit(problems: list, what: str, folders: tuple[str, ...] = (), checked: str | None = None,
                   notes: Sequence[Problem] = ()) -> None:
    """Each problem, sorted by file, line and column; then each note (lint's, ``note: …``), sorted the same way; then
    how many problems, in the folders they are in (``folders``: the rules and recommendations folders checked, else
    ``what``); none: in ``checked``, else ``what``. (Lint printed its notes first and its problems after them, one
    list an auditor could not scan: a provincial auditor's trial.)"""
    problems = sorted(problems, key=file_order)
    for problem in problems:
        _echo(problem_text(problem))
    for note in sorted(notes, key=file_order):  # (not a problem: the exit status is kept)
        _echo(problem_text(replace(note, message=f"note: {note.message}")))
    if problems and folders:
        what = _folders_of(problems, folders) or what
    if problems:
        _echo(f"1 problem found in {what}" if len(problems) == 1 else f"{len(problems)} problems found in {what}",
              err=True)
        sys.exit(int(ExitStatus.PROBLEMS_FOUND))
    _echo(checked or f"no problems found in {what}", err=True)


def _folders_of(problems: list, folders: tuple[str, ...]) -> str:
    """The folders that hold the problems (a recommendations folder is named when the problems are there), in the
    interface's language: the built-in sets by name."""
    named = [(Path(f).resolve(), f) for f in folders]
    named += [(builtin_dir("rules").resolve(), translate("the built-in rules")),
              (builtin_dir("recommendations").resolve(), translate("the built-in recommendations"))]
    found: list[str] = []
    for problem in problems:
        source = Path(problem.source).resolve()
        name = next((n for path, n in named if source == path or path in source.parents), str(Path(problem.source).parent))
        if name not in found:
            found.append(name)
    return ", ".join(found)


@rules_group.command("validate")
@click.argument("dirs", nargs=-1, type=click.Path())
@rules_option
@recs_option
def rules_validate(dirs: tuple[str, ...], rules_dirs: tuple[str, ...], rec_dirs: tuple[str, ...]) -> None:
    """Check rule folders (built-in when none given): schema, ids, codes per year, recommendations.

    The folders are given as DIRS or as --rules DIR, the same (as every rules command takes them). Each problem is
    printed as file:line:col: message; exit status 1 when there is any.

    \b
    Examples:
      itaplan rules validate my-rules/ --recommendations my-recs/
      itaplan rules validate --rules my-office/rules --recommendations my-office/recommendations
    """
    resolved = session(_rule_folders(dirs, rules_dirs), rec_dirs)
    _problems_exit(_validation(resolved), ", ".join(resolved.rules_dirs) or "the built-in rules",
                   (*resolved.rules_dirs, *resolved.recommendation_dirs), _nothing_found(resolved))


def _rule_folders(dirs: tuple[str, ...], rules_dirs: tuple[str, ...]) -> tuple[str, ...]:
    """The rule folders of validate, test and lint, given as arguments or as --rules DIR, as list, explain and diff
    take them (docs/rules.md said --rules for every rules command, and these three refused it: "No such option").
    Both given: the same folders, else a usage error (exit 2) rather than one silently preferred."""
    if dirs and rules_dirs and [Path(d).resolve() for d in dirs] != [Path(d).resolve() for d in rules_dirs]:
        given, flagged = " ".join(dirs), " ".join(rules_dirs)
        command = click.get_current_context().command_path
        raise UsageError(Problem(command, f"the rule folders are given twice, and differ: {given} as arguments, "
                                          f"{flagged} as --rules; give them once, either way"))
    return dirs or rules_dirs


def _nothing_found(resolved: Session) -> str:
    """What was checked, both: the rules and the recommendations (their schema, ids, owners, texts)."""
    rule_folders, rec_folders = ", ".join(resolved.rules_dirs), ", ".join(resolved.recommendation_dirs)
    rules_part = f"the rules of {rule_folders}" if rule_folders else "the built-in rules"
    recs_part = f"the recommendations of {rec_folders}" if rec_folders else "the built-in recommendations"
    return f"no problems found in {rules_part} or {recs_part}"


def _validation(resolved: Session) -> list:
    """Every problem of the rules and recommendations in force, as `rules validate` finds them."""
    from itaplan.content.catalogue import catalogue_layers, issue_coverage
    from itaplan.ruling.rulebook import check_rules, read_layer

    problems: list = []
    catalogue = catalogue_layers(list(resolved.recommendation_dirs), True, problems)
    # a recommendation file with schema errors: the ids written in it count as known, so that the other files' rules
    # are still checked; one that is no YAML at all: every id is unknown, not missing (said once)
    known = None if catalogue.unchecked_ids is None else catalogue.ids | catalogue.unchecked_ids
    layers = [read_layer(path, name, problems) for name, path in resolved.rule_layers]
    check_rules(layers, known, problems, switched_off=catalogue.switched_off)
    problems.extend(issue_coverage(catalogue))
    return problems


def _loaded(setup: Session) -> None:
    """The rules and recommendations of a session loaded, or, when they cannot be, their problems printed exactly
    as `rules validate` prints them (test and lint printed the same broken file otherwise: unsorted, each line
    prefixed error:, exit status 2) and the command ends."""
    try:
        setup.catalogue  # noqa: B018 - loaded here, so that a broken file is said before anything runs
        setup.ruleset  # noqa: B018
    except RuleError:
        problems = _validation(setup)
        if problems:
            _problems_exit(problems, ", ".join(setup.rules_dirs) or "the built-in rules",
                           (*setup.rules_dirs, *setup.recommendation_dirs))
        raise


@rules_group.command("list")
@click.option("--framework", "framework", metavar="YEAR", help="Only the rules in force for this fiscal year.")
@rules_option
@recs_option
@click.option("--plain", is_flag=True, help="No colour or box drawing.")
@click.option("--all", "show_all", is_flag=True,
              help="Every built-in rule of every year too (without --framework they are counted per year).")
def rules_list(framework: str | None, rules_dirs: tuple[str, ...], rec_dirs: tuple[str, ...], plain: bool,
               show_all: bool) -> None:
    """List the rules in force, the layer each comes from, and what it proposes.

    Without --framework (or --all), the office's own rules are listed and the built-in ones counted per year.

    \b
    Example:
      itaplan rules list --framework 2568 --rules my-rules/
    """
    from itaplan.base.i18n import language
    from itaplan.cli.terminal import for_terminal, make_console
    from itaplan.ita.framework import builtin_years, load_framework
    from itaplan.ruling.conditions import condition_in_thai
    from rich import box
    from rich.table import Table

    ruleset = session(rules_dirs, rec_dirs).ruleset
    fw = load_framework(framework) if framework else None
    plain = plain or not sys.stdout.isatty()
    table = Table(box=box.ASCII if plain else box.SIMPLE, show_edge=False)
    shown = [rule for rule in ruleset.rules.values() if (rule.applies_to(fw.fiscal_year) if fw else
                                                          show_all or rule.layer != "built-in")]
    widest = max((len(rule.id) for rule in shown), default=8)
    # a recommendation id is not broken either: the longest one proposed sets its column's least width
    widest_rec = max((len(rec) for rule in shown for rec in rule.propose), default=8)
    # nor a file:line:col (opened as printed): its column is at least as wide as the longest
    widest_where = max((len(_where(rule)) for rule in shown), default=8)
    for column in ("rule id", "fiscal years", "condition", "proposes", "layer"):
        # a rule id is never broken: it is copied into disable: as it is printed
        table.add_column(translate(column), overflow="fold", no_wrap=column == "rule id",
                         min_width={"rule id": widest, "proposes": widest_rec, "layer": widest_where}.get(column))
    rows = []
    replaced = {r.id for layer in ruleset.layers if layer.name == "built-in" for r in layer.rules}
    for rule in shown:
        when = "; ".join(a.text for c in rule.conjunctions(fw or load_framework(
            (rule.frameworks or (2568,))[0])) for a in c)
        if language() == "th":
            when = condition_in_thai(when)
        years = ", ".join(map(str, rule.frameworks)) if rule.frameworks else translate("all years")
        layer = _layer_name(rule.layer)
        if rule.layer != "built-in" and rule.id in replaced:  # the office's version of a built-in rule
            layer += " " + translate("(replaces a built-in rule)")
        layer += f", {_where(rule)}"  # (the file last: where a long path may be broken)
        rows.append([for_terminal(cell) for cell in (rule.id, years, when, ", ".join(rule.propose), layer)])
        table.add_row(*rows[-1])
    console = make_console(plain)
    if shown and console.width >= widest + widest_rec + widest_where + 40:
        console.print(table)
    elif shown:  # too narrow for the table to keep its columns readable: each rule as a block, its id on a line
        names = [translate(c) for c in ("fiscal years", "condition", "proposes", "layer")]
        for rid, *cells in rows:
            console.print(rid, highlight=False, soft_wrap=True)
            for name, cell in zip(names, cells):
                console.print(f"  {name}: {cell}", highlight=False)
    if not fw and not show_all:
        builtin = [r for r in ruleset.rules.values() if r.layer == "built-in"]
        counts = ", ".join(f"{year}: {sum(1 for r in builtin if r.applies_to(year))}" for year in builtin_years())
        _echo(f"built-in rules in force per fiscal year: {counts}; itaplan rules list --framework YEAR lists them")
    for rid, layer in ruleset.disabled.items():
        off = next((rule for found in ruleset.layers for rule in found.rules if rule.id == rid), None)
        if fw and off is not None and not off.applies_to(fw.fiscal_year):
            continue  # a rule of other years switched off: not news for this year's list
        by = _switched_by(rid, ruleset, layer)
        _echo(f"switched off: {rid}, by {by}")


def _layer_name(layer: str) -> str:
    """Which layer a rule comes from, in words: the built-in rules or the office's (a folder name, "rules/", said
    neither: its file and line stand beside it, from `_where`)."""
    return translate("built-in layer") if layer == "built-in" else translate("office layer")


def _shown_path(source: str) -> str:
    """A file as short as it can be said and still opened: from the current folder when it lies below it; a built-in
    file as ``itaplan/rules/…`` however itaplan is installed (from site-packages, a path relative to a project's
    folder ran to 70 characters and broke the list's table; the auditor switches built-in rules off by id, never
    edits them there)."""
    shown = shown_path(source)
    if shown != source:
        return shown
    try:
        return str(Path(source).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return source


def _where(rule: Any) -> str:
    """Where a rule is written, file:line:col, as an editor or a terminal jumps to it."""
    return f"{_shown_path(rule.source)}:{rule.line}:{rule.column}"


def _switched_by(rid: str, ruleset: Any, layer: str) -> str:
    """The layer and the place of the disable: that switched ``rid`` off (the last layer's, when several did)."""
    places = [f"{_shown_path(source)}:{line}:{column}" for found in ruleset.layers
              for off, source, line, column in found.disable if off == rid]
    if not places and rid in ruleset.measures_off:  # its only measure switched off in a recommendations file
        source, line, column = ruleset.measures_off[rid].at
        places = [f"{_shown_path(source)}:{line}:{column}"]
    return f"{places[-1]} ({_layer_name(layer)})" if places else _layer_name(layer)


@rules_group.command("diff")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(), metavar="RESULTS...")
@rules_option
@recs_option
@click.option("--against", metavar="built-in|DIR|git:REV", default=None,
              help="The rules before the change: built-in only (default), a folder, or as committed at a git "
                   "revision (git:HEAD): the --rules and --recommendations folders, else the workspace's.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules_diff_cmd(inputs: tuple[str, ...], rules_dirs: tuple[str, ...], rec_dirs: tuple[str, ...],
                   against: str | None, fmt: str) -> None:
    """What a rule change does to the plans: measures that appear, disappear or change, per agency, and why.

    RESULTS are results files, folders of them, or a batch table (CSV/XLSX, long or wide). The rules after
    the change are the built-in ones plus --rules; before it, --against. Nothing is written. Exit 0; 1 when
    an agency could not be drafted; 2 when the rules themselves are broken (said once, not per agency).

    \b
    Example:
      itaplan rules diff province.csv --rules my-office/rules --against git:HEAD~1
    """
    import json as _json

    from itaplan.app.batch import collect_jobs
    from itaplan.app.rulesdiff import (
        as_text,
        idle_rules,
        layers_name,
        not_for_these_years,
        old_setup,
        workspace_left_out,
        rules_diff,
        summary,
        temporary_folder,
    )

    with temporary_folder() as tmp:
        before, before_name, snapshot = old_setup(against, list(rules_dirs), list(rec_dirs), Path(tmp))
        after = session(rules_dirs, rec_dirs)
        # the layers the session settled (a workspace's own, found from the folder, when no --rules is given)
        after_name = layers_name(after)
        left_out = workspace_left_out(bool(rules_dirs or rec_dirs), after)
        diffs = rules_diff(collect_jobs([bundled_example(path) for path in inputs]), before, after, snapshot)
        outside = not_for_these_years(diffs, before.ruleset, after.ruleset)
        idle = idle_rules(diffs, before.ruleset, after.ruleset)
    errors = list(dict.fromkeys(d.error for d in diffs if d.error))
    if diffs and len(errors) == 1 and all(d.error for d in diffs):  # the rules themselves are broken: said once
        from itaplan.base.errors import InputError, Problem

        source, _, message = errors[0].partition(": ")
        raise InputError(Problem(source, message or source))
    total = summary(diffs)
    if fmt == "json":
        click.echo(_json.dumps({"before": before_name, "after": after_name, "agencies": [d.to_dict() for d in diffs],
                                "summary": total, "not_for_these_years": outside, "changing_no_plan": idle},
                                ensure_ascii=False, indent=2))
        return
    built_in = translate("built-in")  # the names in the interface's language (the JSON keeps them as they are)
    names = [name.replace("built-in", built_in) for name in (before_name, after_name)]
    for i, line in enumerate(as_text(diffs, total, names[0], names[1], outside, idle)):
        _echo(line)
        if i == 0 and left_out:  # beside the layers compared
            _echo(left_out)
    if errors:  # an agency that could not be drafted is no "no change"
        raise SystemExit(1)


@rules_group.command("explain")
@click.argument("subject", metavar="WHAT")
@click.option("--results", type=click.Path(dir_okay=False),
              help="The agency's results file: which rules fire on them (a rule's id alone needs none).")
@rules_option
@recs_option
@framework_option
@agency_option
def rules_explain(subject: str, results: str | None, rules_dirs: tuple[str, ...], rec_dirs: tuple[str, ...],
                  framework: str | None, agency: str | None) -> None:
    """Say which rules fired on these results, which did not, and the condition that stopped each.

    WHAT is a question code (e9), a tool (IIT, EIT, OIT), total, an indicator's number (9), fall (the falls
    since last year), a rule's id (office.tool-e9: its condition, whether it fired and why, what it proposes), or
    a measure's id (e-service: the rules that propose it, whether they fired, and its row in the plan). A rule
    that fired says where each measure it proposes is in the plan: its row, or left out by the row limit.
    A rule's (or measure's) id without --results explains the rule itself: its condition in words, what it
    proposes, where it is written and its fiscal years; a question code, tool, indicator, total or fall without
    --results lists the rules in force that look at it (--framework YEAR, else the latest year), each with its
    file and line, condition and what it proposes; --results says whether they fire.

    \b
    Examples:
      itaplan rules explain office.tool-e9
      itaplan rules explain e9 --results results.yaml --rules my-rules/
      itaplan rules explain OIT --results results.yaml
      itaplan rules explain office.tool-e9 --results results.yaml
    """
    from itaplan.base.errors import InputError, Problem
    from itaplan.base.i18n import language
    from itaplan.ruling.conditions import explain_in_thai
    from itaplan.ruling.explain import Explanation, Subject, explain, question_rules, subject_of
    from itaplan.ruling.rulebook import suggest
    from itaplan.ruling.ruletests import never_fires

    setup = session(rules_dirs, rec_dirs, framework, agency=agency)
    thai = language() == "th"

    def words(text: str) -> str:  # under a Thai interface, explain's words from the vocabulary (never an id's)
        return explain_in_thai(text) if thai else text

    if subject.strip() in setup.catalogue.switched_off:  # a measure the office took out: where, and what it changed
        for line in _measure_switched_off(subject.strip(), setup):
            _echo(line)
        return
    if results is None:  # the rule itself: only whether it fires needs an agency's results
        for line in _rule_itself(subject.strip(), setup, framework, words):
            _echo(line)
        return
    card = setup.scorecard(bundled_example(results))
    fw, ruleset = card.framework, setup.ruleset
    every_rule = {rule.id: rule for layer in ruleset.layers for rule in layer.rules} | dict(ruleset.rules)
    what = subject_of(subject, fw, every_rule)
    if what is None and subject.strip() in setup.catalogue.recommendations:  # a measure: the rules that propose it
        what = Subject("measure", measure=subject.strip())
    close = suggest(subject.strip(), sorted(every_rule) + sorted(setup.catalogue.recommendations)) \
        if what is None else []
    if what is None and _not_a_code(subject.strip(), fw):  # e10: a code the year does not have, as validate says
        raise InputError(Problem("explain", _not_a_code(subject.strip(), fw)))
    if close:
        near = ", ".join(close)
        raise InputError(Problem("explain", f"'{subject}' is not the id of a rule or a measure; did you mean {near}? "
                                            "(itaplan rules list names them)"))
    if what is None:
        raise InputError(Problem("explain", f"'{subject}' is not a question code, tool, indicator number, rule id or "
                                            f"measure id of fiscal year {fw.fiscal_year} (also: total, fall)"))

    lines = [words(line) for line in _explain_heading(what, card, every_rule, words, setup.catalogue)]
    explanations, disabled = explain(what, card, ruleset, setup.catalogue)
    places: dict[str, tuple[int, str]] | None = None  # where each measure a rule fired for is in the plan (drafted once)
    drafted: Any = None  # the plan drafted from these results (once)
    builtin = {r.id: r for layer in ruleset.layers if layer.name == "built-in" for r in layer.rules}

    def said(e: Explanation) -> None:  # a rule's lines: fired or not, why, and where what it proposed is in the plan
        nonlocal drafted, places
        mark = words("FIRED " if e.fired else "no    ")
        layer, where = _layer_name(e.rule.layer), _where(e.rule)
        if e.rule.layer != "built-in" and e.rule.id in builtin:  # the office's version of a built-in rule
            layer += " " + translate("(replaces a built-in rule)")
        lines.append(f"{mark} {e.rule.id} [{layer}] {where}")
        lines.append(f"       {words(e.reason)}")
        never = "" if e.fired else never_fires(e.rule)
        if never:  # not only on these results: on none (lint's check, in lint's words)
            lines.append(f"       lint says: {never}")
        if e.fired or what.kind in ("rule", "measure"):  # one rule asked about: what it proposes even if not fired
            label = "proposes" if e.fired else "would propose"
            lines.append(f"       {label}: {', '.join(e.rule.propose)}")
        if e.fired:  # a measure proposed is not always a row of its own: the row limit merges or leaves it out
            drafted = drafted if drafted is not None else setup.plan(card)
            places = places if places is not None else _places(drafted)
            limit = setup.catalogue.max_measures
            for rec in e.rule.propose:
                kind = getattr(setup.catalogue.recommendations.get(rec), "kind", "")
                if kind == "maintain" and (what.kind != "measure" or rec == what.measure):
                    lines.extend(_maintain_place(rec, drafted, setup.catalogue))
                    continue
                if rec not in places or (what.kind == "measure" and rec != what.measure):
                    continue
                number, others = places[rec]
                rows = len(drafted.get("measures") or [])
                if not number and rows > limit:  # left out, yet over the limit: it gave way to the weak points
                    lines.append(f"       {rec}: left out of the plan: even without it the measures table has {rows} "
                                 f"rows, more than the {limit} set, so the measures answering the weak points come "
                                 "first (itaplan draft warns of it)")
                elif not number:
                    lines.append(f"       {rec}: left out of the plan: the measures table holds at most {limit} rows "
                                 "and this measure fits none of them (itaplan draft warns of it)")
                elif others:
                    lines.append(f"       {rec}: in the plan, row {number} of the measures table, which it shares "
                                 f"with {others}")
                else:
                    lines.append(f"       {rec}: in the plan, row {number} of the measures table")

    for e in explanations:
        said(e)
    asked = [] if what.kind != "indicator" else question_rules(what.indicator, card, ruleset, setup.catalogue,
                                                                [e.rule.id for e in explanations])
    if asked:  # the rules on its questions, which put most of its measures in the plan
        number = what.indicator
        lines.append(f"the rules on the questions of indicator {number}:")
    group: list[str] = []
    for codes, e in asked:
        if codes != group:
            group, named = codes, ", ".join(codes)
            lines.append(f"on question {named}:" if len(codes) == 1 else f"on questions {named}:")
        said(e)
    if what.kind == "measure" and not any(e.fired for e in explanations):
        lines.append(f"not in the plan: no rule in force that proposes {what.measure} fired on these results")
    for off in disabled:  # and what each switch-off removed: whether the rule would have fired on these results
        by, would = _switched_by(off.id, ruleset, off.layer), off.would
        layer, where = _layer_name(would.rule.layer), _where(would.rule)
        lines.append(f"{words('off    ')}{off.id} [{layer}] {where}")
        why = words(would.reason).partition(": ")[2] or words(would.reason)  # (without its "fired on:")
        if would.fired:
            lines.append(f"       switched off by {by}; in force, it would have fired on these results: {why}")
            proposed = ", ".join(would.rule.propose)
            lines.append(f"       it would have proposed: {proposed}")
        else:
            lines.append(f"       switched off by {by}; in force, it would not have fired on these results either: "
                         f"{why}")
    if not explanations and not disabled and not asked:
        rule = every_rule.get(what.rule)
        if rule is not None and not rule.applies_to(fw.fiscal_year):
            years = ", ".join(map(str, rule.frameworks or ()))
            lines.append(f"{rule.id} is for fiscal year {years}, not {fw.fiscal_year}: not in force for these results")
        else:
            lines.append(words("no rule in force looks at this"))
    for line in lines:
        _echo(line)


def _not_a_code(subject: str, fw: Framework) -> str:
    """What `rules explain` says of a question code ``fw`` does not have (e10), with the codes it meant, as validate
    says of one in a rule; '' when ``subject`` is not written as a code or is one of the year."""
    from itaplan.ita.framework import normalize_code
    from itaplan.ruling.rulebook import _code_span, suggest

    norm = normalize_code(subject)
    if norm is None or fw.lookup(norm):
        return ""
    near = ", ".join(suggest(subject, list(fw.questions)))
    span, year = _code_span(fw), fw.fiscal_year
    return (f"'{subject}' is not a question of fiscal year {year}; its codes are {span} (did you mean {near}?)" if near
            else f"'{subject}' is not a question of fiscal year {year}; its codes are {span}")


def _measure_switched_off(rid: str, setup: Session) -> list[str]:
    """A measure a recommendations layer's disable: took out: where, and the built-in rules that proposed it, those
    now switched off (they proposed nothing else) and those that propose the rest of their measures."""
    ruleset = setup.ruleset
    source, line, column = setup.catalogue.switched_off[rid]
    lines = [f"the measure '{rid}' is switched off by the disable: of {_shown_path(source)}:{line}:{column}: no rule "
             "proposes it"]
    for found_id, off in ruleset.measures_off.items():
        if rid not in off.measures:
            continue
        rule = off.rule
        if found_id in ruleset.rules:
            rest = ", ".join(ruleset.rules[found_id].propose)
            lines.append(f"  {found_id} ({_where(rule)}): proposes the rest of its measures: {rest}")
        else:
            lines.append(f"  {found_id} ({_where(rule)}): proposed nothing else, so it is switched off")
    return lines


def _rule_itself(rid: str, setup: Session, framework: str | None, words: Callable[[str], str]) -> list[str]:
    """A rule explained without results: what it is about, where it is written, its years, its condition in words
    (per fiscal year when the years read it otherwise) and what it proposes."""
    from itaplan.base.errors import InputError, Problem
    from itaplan.ita.framework import builtin_years, load_framework
    from itaplan.ruling.explain import subject_of
    from itaplan.ruling.rulebook import suggest

    ruleset, catalogue = setup.ruleset, setup.catalogue
    every_rule = {rule.id: rule for layer in ruleset.layers for rule in layer.rules} | dict(ruleset.rules)
    rule = every_rule.get(rid)
    if rule is None and rid in catalogue.recommendations:
        return _measure_itself(rid, setup, framework, words)
    if rule is None and subject_of(rid, load_framework(framework or str(max(builtin_years()))), ()) is not None:
        return _subject_itself(rid, setup, framework, words)
    year_fw = load_framework(framework or str(max(builtin_years())))
    if rule is None and _not_a_code(rid, year_fw):  # e10: a code the year does not have, as validate says
        raise InputError(Problem("explain", _not_a_code(rid, year_fw)))
    close = suggest(rid, sorted(every_rule) + sorted(catalogue.recommendations)) if rule is None else []
    if close:  # a misspelt id (office.asset-registr), as validate says of one
        near = ", ".join(close)
        raise InputError(Problem("explain", f"'{rid}' is not the id of a rule or a measure; did you mean {near}? "
                                            "(itaplan rules list names them)"))
    if rule is None:  # what WHAT may be, a measure's id too (an auditor's trial: the list left it out)
        raise InputError(Problem("explain", f"'{rid}' is not a question code, tool, indicator, rule id or measure id "
                                            "(also: total, fall); itaplan rules list names the rules in force and "
                                            "the measures they propose"))
    title = rule.title or "—"
    lines = [f"{rid}: {title}"]
    where, layer = _where(rule), _layer_name(rule.layer)
    lines.append(f"  written in {where} ({layer})")
    old = next((r for lay in ruleset.layers if lay.name == "built-in" for r in lay.rules if r.id == rid), None)
    if old is not None and old is not rule:  # the office's version of a built-in rule: said, as rules list says it
        old_where = _where(old)
        lines.append(f"  replaces the built-in rule of that id ({old_where})")
    years = [int(framework)] if framework else list(rule.frameworks or builtin_years())
    shown = ", ".join(map(str, rule.frameworks)) if rule.frameworks else translate("all years")
    lines.append(f"  fiscal years: {shown}")
    conditions: dict[str, list[int]] = {}  # the condition in words, and the years that read it so
    for year in years:
        if not rule.applies_to(year):
            continue
        try:
            when = words("; ".join(a.text for c in rule.conjunctions(load_framework(str(year))) for a in c))
        except ValueError:  # a code this year has not (rules validate says so)
            continue
        conditions.setdefault(when, []).append(year)
    if not conditions and framework:
        lines.append(f"  not in force in fiscal year {framework}")
    for when, in_years in conditions.items():
        if len(conditions) == 1:
            lines.append(f"  condition: {when}")
        else:
            year_list = ", ".join(map(str, in_years))
            lines.append(f"  condition in {year_list}: {when}")
    # each measure with its title (a title that names the codes it serves, {items}, with "…" for them)
    titled = [f"{rec} ({re.sub(r'{[a-z_]+}', '…', catalogue.recommendations[rec].title)})"
              if rec in catalogue.recommendations else rec for rec in rule.propose]
    proposed = "; ".join(titled)
    lines.append(f"  proposes: {proposed}")
    if rule.note:
        note = " ".join(rule.note.split())
        lines.append(f"  note: {note}")
    off = ruleset.disabled.get(rid)
    if off is not None:
        by = _switched_by(rid, ruleset, off)
        lines.append(f"  switched off by {by}: not in force")
    lines.append(f"whether it fires on an agency's results: itaplan rules explain {rid} --results FILE")
    return lines


def _subject_itself(typed: str, setup: Session, framework: str | None, words: Callable[[str], str]) -> list[str]:
    """A question code, tool, indicator, total or fall explained without results: the rules in force in the fiscal
    year (--framework, else the latest) that look at it, each with where it is written, its condition and what it
    proposes, and those switched off; whether they fire needs an agency's results."""
    from itaplan.ita.framework import builtin_years, load_framework
    from itaplan.ruling.explain import _switched_off, subject_of

    ruleset = setup.ruleset
    year = int(framework) if framework else max(builtin_years())
    fw = load_framework(str(year))
    subject = subject_of(typed, fw, ())
    assert subject is not None
    lines = [f"the rules in force in fiscal year {year} that look at {typed}"
             if framework else f"the rules in force in fiscal year {year} that look at {typed} (--framework YEAR "
                               "for another year)"]
    found = 0
    for rule in ruleset.rules.values():
        if not rule.applies_to(year):
            continue
        try:
            conjs = rule.conjunctions(fw)
        except ValueError:
            continue
        if not subject.looked_at_by(rule, conjs):
            continue
        found += 1
        layer, where = _layer_name(rule.layer), _where(rule)
        lines.append(f"  {rule.id} [{layer}] {where}")
        when = words("; ".join(a.text for c in conjs for a in c))
        lines.append(f"    condition: {when}")
        proposed = ", ".join(rule.propose)
        lines.append(f"    proposes: {proposed}")
    for rid, by_layer in ruleset.disabled.items():
        off = _switched_off(rid, ruleset, fw, subject)
        if off is not None:
            by = _switched_by(rid, ruleset, by_layer)
            lines.append(f"  {rid}: switched off by {by}: not in force")
    if not found:
        lines.append(words("no rule in force looks at this"))
    lines.append(f"whether they fire on an agency's results: itaplan rules explain {typed} --results FILE")
    return lines


def _measure_itself(rec_id: str, setup: Session, framework: str | None, words: Callable[[str], str]) -> list[str]:
    """A measure explained without results: the rules in force that propose it, each with its years and condition,
    and those switched off."""
    from itaplan.ita.framework import builtin_years, load_framework

    ruleset, catalogue = setup.ruleset, setup.catalogue
    rec = catalogue.recommendations[rec_id]
    title = re.sub(r"{[a-z_]+}", "…", rec.title)
    lines = [f"measure {rec_id} ({title}): the rules in force that propose it"]
    where, layer = _where(rec), _layer_name(rec.layer)
    lines.append(f"  the measure is written in {where} ({layer})")
    proposing = [rule for rule in ruleset.rules.values() if rec_id in rule.propose
                 and (not framework or rule.applies_to(int(framework)))]
    for rule in proposing:
        where, layer = _where(rule), _layer_name(rule.layer)
        shown = ", ".join(map(str, rule.frameworks)) if rule.frameworks else translate("all years")
        lines.append(f"  {rule.id} [{layer}] {where}; fiscal years: {shown}")
        year = int(framework) if framework else max(rule.frameworks or builtin_years())
        if year in builtin_years():
            try:
                when = words("; ".join(a.text for c in rule.conjunctions(load_framework(str(year))) for a in c))
            except ValueError:
                continue
            lines.append(f"    condition in {year}: {when}")
    for rid, layer in ruleset.disabled.items():
        old = next((r for lay in ruleset.layers for r in lay.rules if r.id == rid), None)
        if old is not None and rec_id in old.propose:
            by = _switched_by(rid, ruleset, layer)
            lines.append(f"  {rid}: switched off by {by}: not in force")
    if not proposing:
        lines.append("  no rule in force proposes it")
    lines.append(f"whether they fire on an agency's results, and where it is in the plan: itaplan rules explain "
                 f"{rec_id} --results FILE")
    return lines


def _places(plan: Mapping[str, Any]) -> dict[str, tuple[int, str]]:
    """Where each measure of the plan is: its row (0 when the row limit left it out) and the measures it shares the
    row with."""
    out: dict[str, tuple[int, str]] = {}
    for number, m in enumerate(plan.get("measures") or [], start=1):
        members = list(m.get("merged") or [m["id"]])
        for rec in members:
            out[rec] = (number, ", ".join(x for x in members if x != rec))
    for m in plan.get("left_out") or []:
        out[m["id"]] = (0, "")
    return out


def _maintain_place(rec_id: str, plan: Mapping[str, Any], catalogue: Any) -> list[str]:
    """Where a maintain statement a rule proposed is: printed in the analysis among the standards to keep, or left
    out of the documents and why (its indicator is not a strength: a measure of the table serves it, or it has a
    weak point or fell), as the explanation says of a measure where its row is."""
    from itaplan.drafting.analysis import maintained  # (the CLI imports no engine at start-up)

    rec = catalogue.recommendations[rec_id]
    heading, watch = catalogue.text("h_maintain"), catalogue.text("cat_watch")
    printed = {m["indicator"] for m in plan.get("maintain") or [] if m["id"] == rec_id} & \
        {m["indicator"] for m in maintained(plan)}  # type: ignore[arg-type]
    indicators = {i["number"]: i for i in (plan.get("analysis") or {}).get("indicators") or []}
    out = []
    for number in rec.indicators or sorted(printed):
        if number in printed:
            out.append(f"       {rec_id}: in the documents: the analysis prints it under '{heading}' (indicator "
                       f"{number})")
            continue
        rows = [str(n) for n, m in enumerate(plan.get("measures") or [], start=1)
                if m.get("status") != "dropped" and number in (m.get("indicators") or [m.get("indicator")])]
        if rows:
            row_numbers = ", ".join(rows)
            out.append(f"       {rec_id}: left out of the documents: indicator {number} has a measure in the "
                       f"measures table (row {row_numbers}), so the analysis lists it under '{watch}', and "
                       f"'{heading}' holds only the strengths")
        elif (indicators.get(number) or {}).get("category") not in (None, "strong"):
            out.append(f"       {rec_id}: left out of the documents: indicator {number} has a weak point or fell "
                       f"since last year, so the analysis does not list it among the strengths '{heading}' holds")
        else:
            out.append(f"       {rec_id}: left out of the documents: indicator {number} is not among the strengths "
                       f"'{heading}' holds")
    return out


def _explain_heading(what: object, card: object, rules: dict, words: Callable[[str], str],
                     catalogue: object = None) -> list[str]:
    """The line that says what is explained and its score in these results."""
    from itaplan.base.thai import fmt_score

    kind = getattr(what, "kind")
    score = card.__getattribute__  # (a Scorecard: typed loosely so the CLI imports no engine at start-up)

    def shown(value: float | None) -> str:
        return "no score" if value is None else fmt_score(value)

    if kind == "question":
        q = score("questions")[getattr(what, "code")]
        if q.tool == "OIT" and q.known:  # an item is met or not met: its 100 or 0 is no score to compare
            met = "met" if all(value >= 100 for _, value in q.entries()) else "not met"
            return [f"{q.code} {q.title} — indicator {q.indicator}, {q.tool}: {met}"]
        score_text = "no score" if not q.known else ", ".join(
            f"part {part} {value:.2f}" if part else f"{value:.2f}" for part, value in q.entries())
        return [f"{q.code} {q.title} — indicator {q.indicator}, {q.tool}: {score_text}"]
    if kind == "tool":
        tool = getattr(what, "tool")
        tools = dict(score("tools"))
        value = score("eit_display") if tool == "EIT" and "EIT" not in tools else tools.get(tool)
        return [f"{tool}: {shown(value)}"]
    if kind == "total":
        level = " ".join(x for x in (score("level"), score("label")) if x)
        return [f"total {shown(score('total'))}" + (f" ({level})" if level else "")]
    if kind == "indicator":
        ind = next(i for i in score("indicators") if i.number == getattr(what, "indicator"))
        return [f"indicator {ind.number} {ind.name} ({ind.tool}): {shown(ind.score)}"]
    if kind == "fall":
        if score("previous_total") is None and all(i.previous is None for i in score("indicators")):
            return ["falls since last year: these results carry no scores of last year, so no fall can fire"]
        return [f"falls since last year: the total went from {shown(score('previous_total'))} to {shown(score('total'))}"]
    if kind == "measure":
        rec_id = getattr(what, "measure")
        rec = getattr(catalogue, "recommendations")[rec_id]
        title = re.sub(r"{[a-z_]+}", "…", rec.title)
        return [f"measure {rec_id} ({title}): the rules in force that propose it"]
    rule = rules[getattr(what, "rule")]
    if not rule.applies_to(score("framework").fiscal_year):
        return []  # (said below: the rule is of other years)
    when = words("; ".join(a.text for c in rule.conjunctions(score("framework")) for a in c))
    return [f"{rule.id}: {when}"]


@rules_group.command("test")
@click.argument("dirs", nargs=-1, type=click.Path(file_okay=False))
@rules_option
@recs_option
def rules_test(dirs: tuple[str, ...], rules_dirs: tuple[str, ...], rec_dirs: tuple[str, ...]) -> None:
    """Run the YAML test cases kept in each rule folder's tests/, the built-in ones included.

    The cases run with the rules and recommendations in force: the folders given (as DIRS or as --rules DIR, the
    same), else the workspace's (found from the current folder), over the built-in sets. A built-in case that comes
    out otherwise only because of them is marked changed, not failed. Reports failures and per-rule coverage; exit
    status 1 on a failure.

    \b
    Example:
      itaplan rules test my-rules/
    """
    from itaplan.base.i18n import language

    thai = language() == "th"
    setup = session(_rule_folders(dirs, rules_dirs), rec_dirs)
    _loaded(setup)
    # the built-in cases and the layers' own, all with what this workspace (or these folders) drafts with
    outcomes, coverage = setup.test_rules()
    failed = [o for o in outcomes if o.failures and not o.by_layers]
    otherwise = [o for o in outcomes if o.by_layers]
    for o in outcomes:
        if o.builtin and setup.layered and not o.failures:
            continue  # (counted below: in a workspace, its own cases are the news)
        name, where = (o.name_th if thai and o.name_th else o.name), o.where
        if o.by_layers:
            _echo(f"changed {name} ({where})")
        elif o.failures:
            _echo(f"FAIL {name} ({where})")
        else:
            _echo(f"ok   {name} ({where})")
        for failure in o.failures:
            _echo(f"      {failure}")
    if setup.layered:  # a workspace's or folder's tests: the coverage of its own rules (the built-in ones have theirs)
        coverage = {rid: n for rid, n in coverage.items() if setup.ruleset.rules[rid].layer != "built-in"}
    covered = sum(1 for n in coverage.values() if n)
    builtin = [o for o in outcomes if o.builtin]
    if setup.layered and builtin:  # the office's own cases and the built-in ones counted apart, never summed
        own = [o for o in outcomes if not o.builtin]
        cases, failed_own = len(own), sum(1 for o in own if o.failures)
        passed = cases - failed_own
        if own:
            _echo(f"office cases: {passed} of {cases} passed, {failed_own} failed")
        else:
            _echo("office cases: none (write them in the rules folder's tests/*.yaml)")
    else:
        _echo(f"{len(outcomes) - len(failed) - len(otherwise)} passed, {len(failed)} failed")
    if setup.layered and builtin:
        passed, cases, count = sum(1 for o in builtin if not o.failures), len(builtin), len(otherwise)
        if otherwise:
            _echo(f"built-in cases run with these rules and recommendations: {passed} of {cases} pass, {count} come "
                  "out otherwise because of them (changed above): not counted as failures, so check that the office "
                  "meant each (a rule replaced or switched off by mistake shows here too)")
        else:
            _echo(f"built-in cases run with these rules and recommendations: {passed} of {cases} pass")
    _echo(f"coverage: {covered} of {len(coverage)} rules fired in at least one case")
    builtin_ids = {rule.id for layer in setup.ruleset.layers[:1] for rule in layer.rules}  # the built-in layer
    uncovered = sorted((rule for rule, n in coverage.items() if not n), key=lambda r: (r in builtin_ids, r))
    # a case with errors covered nothing: the rules it would have covered are not known to lack a case (an auditor's
    # misspelt expct: was followed by "rules no case covers: office.e7-citizen-forum", the rule the case was for)
    broken = [o for o in outcomes if o.broken]
    if uncovered and any(o.would_fire is None for o in broken):  # results not scored: which rules, nobody knows
        count = len(broken)
        rules = ", ".join(uncovered[:UNCOVERED_SHOWN]) + (", …" if len(uncovered) > UNCOVERED_SHOWN else "")
        _echo(f"coverage not known of the rules no case that ran covers ({rules}): {count} case(s) with errors could "
              "not run (mend them above, then run again)")
        uncovered = []
    unknown = [rule for rule in uncovered if any(rule in (o.would_fire or ()) for o in broken)]
    if unknown:
        rules = ", ".join(unknown)
        _echo(f"coverage not known of {rules}: a case with errors, which could not run, would cover it (mend the "
              "case above, then run again)" if len(unknown) == 1 else
              f"coverage not known of {rules}: cases with errors, which could not run, would cover them (mend the "
              "cases above, then run again)")
        uncovered = [rule for rule in uncovered if rule not in unknown]
    if uncovered:  # a wall of some 220 built-in ids helps nobody: the first ones, and how many more
        rules = ", ".join(uncovered[:UNCOVERED_SHOWN])
        more = len(uncovered) - UNCOVERED_SHOWN
        if more > 0:
            _echo(f"rules no case covers: {rules} and {more} more")
        else:
            _echo(f"rules no case covers: {rules}")
    if failed:
        sys.exit(1)


@rules_group.command("lint")
@click.argument("dirs", nargs=-1, type=click.Path(file_okay=False))
@rules_option
@recs_option
def rules_lint(dirs: tuple[str, ...], rules_dirs: tuple[str, ...], rec_dirs: tuple[str, ...]) -> None:
    """Find rules that can never fire, rules shadowed by others, and recommendations no rule reaches.

    The rule folders are given as DIRS or as --rules DIR, the same; else the workspace's.

    \b
    Example:
      itaplan rules lint my-rules/
    """
    from itaplan.ruling.lintlayers import (duplicate_measure_notes, measures_off_notes, oit_under_question_notes,
                                           switched_off_measure_notes)
    from itaplan.ruling.ruletests import (generic_card_notes, lint, reworded_text_notes, unnamed_project_notes,
                                          unprinted_notes)

    layers = session(_rule_folders(dirs, rules_dirs), rec_dirs)
    _loaded(layers)
    catalogue, ruleset = layers.catalogue, layers.ruleset
    notes = (unprinted_notes(catalogue) + unnamed_project_notes(catalogue) + generic_card_notes(catalogue)
             + duplicate_measure_notes(ruleset, catalogue) + oit_under_question_notes(ruleset)
             + switched_off_measure_notes(ruleset) + measures_off_notes(ruleset, catalogue)
             + reworded_text_notes(catalogue))
    _problems_exit(lint(ruleset, catalogue, layers.recommendation_dirs), "the rules in force",
                   (*layers.rules_dirs, *layers.recommendation_dirs),
                   "no problems found in the rules in force or in the recommendations", notes)


@rules_group.command("schema")
@click.option("--recommendations", "which", flag_value="recommendations", help="The recommendation file schema.")
@click.option("--plan", "which", flag_value="plan", help="The plan file schema.")
def rules_schema(which: str | None) -> None:
    """Print the JSON Schema of rule files (for editors such as VS Code's YAML extension).

    Under a Thai interface the rule and recommendation schemas describe their fields in Thai.

    \b
    Example:
      itaplan rules schema > rules.schema.json
    """
    from itaplan.base.i18n import language
    from itaplan.base.schemacheck import editor_schema

    name = {"recommendations": "recommendations.schema.json", "plan": "plan.schema.json"}.get(which or "",
                                                                                              "rules.schema.json")
    click.echo(json.dumps(editor_schema(name, language()), ensure_ascii=False, indent=2))


@rules_group.command("texts")
@click.argument("key", required=False)
def rules_texts(key: str | None) -> None:
    """List the sentences of the documents an office may reword under texts:, each with its placeholders.

    Each key (as the workspace's recommendations/*.yaml writes it under texts:) is followed by the placeholders
    drafting fills in that sentence, then its built-in wording. A rewording may use those placeholders only, and
    keeps each that carries a figure, a code or an EIT part.

    \b
    Examples:
      itaplan rules texts
      itaplan rules texts row_point_threshold
    """
    import difflib

    from itaplan.base.errors import InputError, Problem
    from itaplan.content.catalogue import allowed_placeholders, load_catalogue

    builtin = {str(k): str(v) for k, v in load_catalogue([]).texts.items()}
    keys = list(builtin)
    if key is not None:
        if key not in builtin:
            near = difflib.get_close_matches(key, keys, n=3, cutoff=0.6)
            if near:
                suggestion = ", ".join(near)
                raise InputError(Problem("texts", f"'{key}' is not a sentence of the documents; did you mean "
                                                  f"{suggestion}? (itaplan rules texts lists them)"))
            raise InputError(Problem("texts", f"'{key}' is not a sentence of the documents (itaplan rules texts "
                                              "lists them)"))
        keys = [key]
    for name in keys:
        placeholders = " ".join("{" + p + "}" for p in allowed_placeholders(name, builtin[name])) \
            or translate("placeholders: none")  # (a dash said nothing)
        click.echo(f"{name}  {placeholders}")
        click.echo("  " + builtin[name].replace("\n", " "))
