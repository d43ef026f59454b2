"""The session: everything a command, the web app or a batch worker needs, resolved once and then frozen.

A session finds the workspace (``itaplan.yaml`` from the current folder, or a given folder, upward), settles
the rule and recommendation layers, the framework asked for, the evaluator and how strictly results are read;
it loads the framework, rules and catalogue when first asked and keeps them. The later stages (catalogue, rules,
drafting, rendering) are imported by the property or method that first needs them, as a registry would: ``itaplan
score`` never loads the drafting, and starts as fast as before there was a session (docs/performance.md).
Every entry point starts from one session and passes it on, so every document of one run speaks with the same
wording and the same rules (nothing below this module looks for a workspace or loads the built-in catalogue).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from itaplan.app.tables import one_agency
from itaplan.app.workspace import WORKSPACE_FILE, workspace_layers
from itaplan.base.errors import InputError, Problem
from itaplan.drafting.model import Plan
from itaplan.ita.framework import Framework, load_framework
from itaplan.base.i18n_composed import N_
from itaplan.ita.gather import check_last_year, previous_not_before
from itaplan.ita.loader import load_results, settle_warnings
from itaplan.ita.results import Results
from itaplan.ita.scoring import Scorecard, score
from itaplan.render import DEFAULT_FONT

if TYPE_CHECKING:
    from itaplan.content.catalogue import Catalogue
    from itaplan.content.texts import Texts
    from itaplan.ruling.evaluate import Evaluator
    from itaplan.ruling.findings import Finding
    from itaplan.ruling.rulebook import RuleSet
    from itaplan.ruling.ruletests import TestOutcome


@dataclass(frozen=True)
class Session:
    """The settings of one run and what they load. Layers given are used as given (a rule folder brings its
    sibling ``recommendations/``); none given: the workspace's, found from ``workspace`` (default: the current
    folder) upward, unless ``use_workspace`` is false."""

    rules_dirs: tuple[str, ...] = ()
    recommendation_dirs: tuple[str, ...] = ()
    framework_year: str | None = None
    framework_file: str | None = None
    engine: str = "auto"
    strict: bool = False  # lines of a results file that could not be read are errors, not warnings
    on_warning: Callable[[Problem], None] | None = field(default=None, compare=False)
    use_workspace: bool = True
    workspace: Path | None = None  # where to look for itaplan.yaml (default: the current folder)
    agency: str | None = None  # the one agency to read from a table of many (--agency)

    def __post_init__(self) -> None:
        rules, recs = list(self.rules_dirs), list(self.recommendation_dirs)
        if self.use_workspace and not rules and not recs:
            rules, recs = workspace_layers(self.workspace)
        # a workspace folder given where rule folders go (`itaplan rules validate office`): its own layers
        opened: list[str] = []
        plain: list[str] = []
        for folder in rules:
            if (Path(folder) / WORKSPACE_FILE).is_file():
                its_rules, its_recs = workspace_layers(Path(folder))
                plain += its_rules
                opened += its_recs
            else:
                plain.append(folder)
        if rules and not recs:
            recs = [str(Path(d).parent / "recommendations") for d in plain
                    if (Path(d).parent / "recommendations").is_dir() and Path(d).resolve() != Path(d).parent.resolve()
                    and str(Path(d).parent / "recommendations") not in opened] + opened
        rules = plain
        object.__setattr__(self, "rules_dirs", tuple(rules))
        object.__setattr__(self, "recommendation_dirs", tuple(recs))

    @property
    def layered(self) -> bool:
        """Whether layers of the office's (a workspace's, or folders given) lie over the built-in sets."""
        return bool(self.rules_dirs or self.recommendation_dirs)

    @property
    def rule_layers(self) -> list[tuple[str, Path]]:
        """Every rule folder in force, as (layer name, folder): the built-in one first, then this session's (a
        folder given twice, or the built-in one given again, counted once). What `rules validate` checks and
        `rules test` takes the cases of."""
        from itaplan.builtin import builtin_dir

        seen = {builtin_dir("rules").resolve()}
        layers = [("built-in", builtin_dir("rules"))]
        for folder in self.rules_dirs:
            if Path(folder).resolve() not in seen:
                seen.add(Path(folder).resolve())
                layers.append((folder, Path(folder)))
        return layers

    def builtin_only(self) -> Session:
        """This session without the office's layers: the built-in rules and catalogue (what a rule test of the
        built-in set expects)."""
        return Session(framework_year=self.framework_year, framework_file=self.framework_file, engine=self.engine,
                       use_workspace=False)

    def test_rules(self) -> tuple[list[TestOutcome], dict[str, int]]:
        """Every rule test case in force — the built-in set's and the office's layers' — run with the rules and
        catalogue this session drafts with, and how often each rule fired. A built-in case that passes with the
        built-in sets alone but not with the layers is marked ``by_layers``: the office's change, not a fault."""
        from itaplan.ruling.ruletests import run_rule_tests

        outcomes, coverage = run_rule_tests([path for _, path in self.rule_layers], self.ruleset, self.catalogue)
        builtin = str(self.rule_layers[0][1] / "tests")
        for outcome in outcomes:
            outcome.builtin = outcome.where.startswith(builtin)
        if self.layered and any(o.failures for o in outcomes):
            plain = self.builtin_only()
            alone, _ = run_rule_tests([path for _, path in plain.rule_layers], plain.ruleset, plain.catalogue)
            passing = {o.where for o in alone if not o.failures}
            for outcome in outcomes:
                outcome.by_layers = bool(outcome.failures) and outcome.where in passing
        return outcomes, coverage

    @cached_property
    def framework(self) -> Framework | None:
        """The framework asked for (``--framework``/``--framework-file``), else None: each file's own year."""
        if self.framework_file:
            return load_framework(self.framework_year, self.framework_file)
        return load_framework(self.framework_year) if self.framework_year else None

    @cached_property
    def catalogue(self) -> Catalogue:
        from itaplan.content.catalogue import load_catalogue

        return load_catalogue(list(self.recommendation_dirs))

    @cached_property
    def ruleset(self) -> RuleSet:
        from itaplan.ruling.rulebook import load_rules

        extra = [self.framework] if self.framework is not None else None
        return load_rules(list(self.rules_dirs), self.catalogue.ids, extra,
                          switched_off=self.catalogue.switched_off)

    @cached_property
    def evaluator(self) -> Evaluator:
        from itaplan.ruling.evaluate import make_evaluator

        return make_evaluator(self.ruleset, self.engine, self.on_warning)

    def for_worker(self) -> Session:
        """This session for another process: the loaded layers kept, the evaluator made anew there
        (durable_rules' state belongs to one process)."""
        clone = copy.copy(self)
        clone.__dict__.pop("evaluator", None)
        return clone

    def texts(self, thai_digits: bool = False) -> Texts:
        from itaplan.content.texts import Texts

        return Texts(self.catalogue, thai_digits)

    def results(self, path: str | Path, previous: str | Path | None = None) -> Results:
        results = settle_warnings(self._one_agency(path, self.framework), self.strict, self.on_warning)
        if previous:
            results.previous = settle_warnings(self._one_agency(previous, None), self.strict, self.on_warning)
            if results.previous.fiscal_year >= results.fiscal_year:
                raise InputError(Problem(str(previous), previous_not_before(results.previous.fiscal_year,
                                                                            results.fiscal_year),
                                         results.previous.year_line, what=results.previous.year_what))
            check_last_year(results.agency, results.previous, str(previous), N_(
                "give this agency's results of last year with --previous, or leave --previous out"))
        return results

    def _one_agency(self, path: str | Path, framework: Framework | None) -> Results:
        """One agency's results: the file, or the agency chosen from a table of many (refused, in one line, when
        none is chosen)."""
        from itaplan.drafting.plan import is_plan_file, load_plan

        if is_plan_file(path):  # a drafted plan records the results it was drafted from: they are scored as given
            from itaplan.checking.check import plan_results

            return plan_results(load_plan(path))
        return one_agency(path, self.agency, framework) or load_results(path, framework)

    def scorecard(self, results_path: str | Path, previous: str | Path | None = None) -> Scorecard:
        from itaplan.drafting.plan import is_plan_file, load_plan

        if previous is None and is_plan_file(results_path):  # with last year's figures the plan records
            from itaplan.checking.check import rescore

            return rescore(load_plan(results_path))
        return score(self.results(results_path, previous))

    def scorecard_of(self, results: Results) -> Scorecard:
        return score(results)

    def plan(self, card: Scorecard, plan_year: int | None = None) -> Plan:
        return self.draft(card, self.evaluator.evaluate(card), plan_year)

    def draft(self, card: Scorecard, findings: list[Finding], plan_year: int | None = None) -> Plan:
        """The plan from findings already found (a batch runs the rules on many agencies at once)."""
        from itaplan.drafting.draft import draft

        return draft(card, findings, self.catalogue, plan_year=plan_year, evaluator=self.evaluator.name,
                     rules_fingerprint=self.ruleset.fingerprint, ruleset=self.ruleset)

    def render(self, plan: Plan, fmt: str, *, thai_digits: bool | None = None, font: str = DEFAULT_FONT,
               **options: Any) -> bytes | str:
        """A plan in one output format, in this session's wording."""
        from itaplan.render.dispatch import render

        return render(plan, fmt, catalogue=self.catalogue, thai_digits=thai_digits, font=font, **options)
