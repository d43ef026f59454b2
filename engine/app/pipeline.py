"""The whole job in one place: results file -> plan -> rendered document. The CLI and batch call this."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from itaplan.content.catalogue import Catalogue, load_catalogue
from itaplan.ita.framework import Framework, load_framework
from itaplan.ita.loader import load_results, settle_warnings
from itaplan.ruling.rulebook import RuleSet, load_rules
from itaplan.ita.scoring import Scorecard, score



@dataclass
class Setup:
    """Everything loaded once and shared by every agency: frameworks, rules, catalogue, evaluator."""

    rules_dirs: list[str] = field(default_factory=list)
    recommendation_dirs: list[str] = field(default_factory=list)
    framework_year: str | None = None
    framework_file: str | None = None
    engine: str = "auto"
    strict: bool = False  # lines of a results file that could not be read are errors, not warnings
    on_warning: Any = None  # called with each such line (an errors.Problem) when not strict
    _catalogue: Catalogue | None = None
    _ruleset: RuleSet | None = None
    _evaluator: Any = None
    _framework: Framework | None = None
    use_workspace: bool = True

    def __post_init__(self) -> None:
        """No layers given: the workspace's (itaplan.yaml from the current folder upward). Rule folders given
        without recommendation folders bring their sibling recommendations/ folders when those exist."""
        if self.use_workspace and not self.rules_dirs and not self.recommendation_dirs:
            from itaplan.app.workspace import workspace_layers

            self.rules_dirs, self.recommendation_dirs = workspace_layers()
        if self.rules_dirs and not self.recommendation_dirs:
            self.recommendation_dirs = [str(Path(d).parent / "recommendations") for d in self.rules_dirs
                                        if (Path(d).parent / "recommendations").is_dir()
                                        and Path(d).resolve() != Path(d).parent.resolve()]

    @property
    def framework(self) -> Framework | None:
        if self._framework is None and (self.framework_file or self.framework_year):
            self._framework = load_framework(self.framework_year, self.framework_file) if self.framework_file \
                else load_framework(self.framework_year)
        return self._framework

    @property
    def catalogue(self) -> Catalogue:
        if self._catalogue is None:
            self._catalogue = load_catalogue(self.recommendation_dirs)
        return self._catalogue

    @property
    def ruleset(self) -> RuleSet:
        if self._ruleset is None:
            extra = [self.framework] if self.framework is not None else None
            self._ruleset = load_rules(self.rules_dirs, self.catalogue.ids, extra)
        return self._ruleset

    @property
    def evaluator(self) -> Any:
        if self._evaluator is None:
            from itaplan.ruling.evaluate import make_evaluator

            self._evaluator = make_evaluator(self.ruleset, self.engine)
        return self._evaluator

    def scorecard(self, results_path: str | Path, previous: str | Path | None = None) -> Scorecard:
        results = settle_warnings(load_results(results_path, self.framework), self.strict, self.on_warning)
        if previous:
            results.previous = settle_warnings(load_results(previous), self.strict, self.on_warning)
        return score(results)

    def scorecard_of(self, results: Any) -> Scorecard:
        return score(results)

    def plan(self, card: Scorecard, plan_year: int | None = None) -> dict:
        return self.draft(card, self.evaluator.evaluate(card), plan_year)

    def draft(self, card: Scorecard, findings: list, plan_year: int | None = None) -> dict:
        """The plan from findings already found (a batch runs the rules on many agencies at once)."""
        from itaplan.drafting.draft import draft

        return draft(card, findings, self.catalogue, plan_year=plan_year, evaluator=self.evaluator.name,
                     rules_fingerprint=self.ruleset.fingerprint)
