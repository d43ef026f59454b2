"""Running the rules on one agency's facts: a pure-Python evaluator, and the same rules on durable_rules.

Semantics (both evaluators): a rule fires when one of its alternatives (a conjunction of atoms) can be
satisfied by distinct facts, one per atom; the facts reported are every fact that takes part in some
satisfying assignment. durable_rules gives exactly this with ``assert_fact`` (a join fires once per
combination of distinct facts); the tests compare the two on every case and on random score sets.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from itaplan.base.errors import Problem
from itaplan.ita.scoring import Scorecard
from itaplan.ruling.facts import Fact
from itaplan.ruling.findings import Finding, make_finding
from itaplan.ruling.pure import FactIndex, PureEvaluator, _satisfying_facts
from itaplan.ruling.rulebook import RuleSet

__all__ = ["DurableEvaluator", "Evaluator", "FactIndex", "PureEvaluator", "_satisfying_facts", "durable_available",
           "make_evaluator", "make_finding"]


class Evaluator(Protocol):
    """What both evaluators offer: the findings for one agency, or for many at once."""

    name: str
    ruleset: RuleSet

    def evaluate(self, card: Scorecard, facts: list[Fact] | None = None) -> list[Finding]: ...

    def evaluate_many(self, cards: list[Scorecard],
                      facts: list[list[Fact] | None] | None = None) -> list[list[Finding]]: ...


def durable_available() -> bool:
    try:
        import durable.engine  # noqa: F401
        import durable_rules_engine  # noqa: F401  # the C core durable_engine drives
    except Exception:  # ImportError, or the undefined-symbol error on Python 3.13
        return False
    return True


def __getattr__(name: str) -> Any:
    """``DurableEvaluator``, imported when asked for: durable_rules is a C extension that does not import everywhere
    (Python 3.13), and a command that never runs it must not fail for it."""
    if name == "DurableEvaluator":
        from itaplan.ruling.durable_engine import DurableEvaluator

        return DurableEvaluator
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def make_evaluator(ruleset: RuleSet, engine: str = "auto",
                   on_warning: Callable[[Problem], None] | None = None) -> Evaluator:
    """``durable``, ``pure``, or ``auto`` (durable_rules where it imports, else pure). ``on_warning`` hears when
    durable_rules cannot run a year's rules and the pure evaluator runs them instead."""
    if engine == "pure" or (engine == "auto" and not durable_available()):
        return PureEvaluator(ruleset)
    try:
        from itaplan.ruling.durable_engine import DurableEvaluator
    except ImportError:  # durable_rules installed but its C core not importable here: the rules run all the same
        if engine == "auto":
            return PureEvaluator(ruleset)
        raise
    return DurableEvaluator(ruleset, on_warning)
