"""The rules on durable_rules: compiled to JSON rulesets, each agency in its own session.

durable_rules' sharp edges (DESIGN.md, ANCHORS.md §5) and how they are handled here:
- ``Host()`` starts two timer threads that never stop: ``_QuietHost._run`` does nothing.
- ``register_rulesets`` mutates its argument: it is given a deep copy.
- A ruleset name can be registered once: each evaluator makes a unique name.
- A fact that matches no rule raises ``MessageNotHandledException``: caught, it simply matched nothing.
- Actions only record (rule name, fact ids); exceptions in them would be swallowed, so they cannot fail.
- State would grow without end: every agency's session is deleted when its facts are evaluated.
- Facts are narrow (at most eight properties), far below the 64/255-property limits.
"""

from __future__ import annotations

import copy
import itertools
import threading
from typing import Any

from durable import engine as durable

from .facts import Fact, build_facts
from .findings import Finding
from .framework import Framework
from .rulebook import Rule, RuleSet
from .scoring import Scorecard
from .evaluate import FactIndex, make_finding

_names = itertools.count(1)
_lock = threading.Lock()  # durable_rules is not thread-safe (error 307)


class _QuietHost(durable.Host):
    """A Host without its two background timer threads; records fired actions instead of running code."""

    def __init__(self) -> None:
        self.fired: list[tuple[str, list[str]]] = []
        super().__init__()

    def _run(self) -> None:  # the timer loops: not needed, everything here is synchronous
        return None

    def get_action(self, action_name: str):  # type: ignore[override]
        fired = self.fired

        def action(c: Any) -> None:  # exactly one parameter: two would make durable_rules treat it as async
            ids = []
            for term in _term_names(action_name):
                fact = getattr(c, term)
                ids.append(fact["id"])
            fired.append((action_name, ids))

        return action


def _term_names(action_name: str) -> list[str]:
    # action names are "<rule index>_<alternative>_<number of atoms>"
    count = int(action_name.rsplit("_", 1)[1])
    return [f"m{i}" for i in range(count)]


class DurableEvaluator:
    """Same semantics as PureEvaluator, computed by durable_rules."""

    name = "durable"

    def __init__(self, ruleset: RuleSet):
        self.ruleset = ruleset
        self.host = _QuietHost()
        self._compiled: dict[int, tuple[str, list[Rule]]] = {}
        self._sessions = itertools.count(1)
        self._atom_cache: dict[tuple, list] = {}

    def compile(self, fw: Framework) -> tuple[str, list[Rule], dict[str, Any]]:
        """The durable_rules JSON ruleset for one framework year (one rule per alternative of each rule)."""
        rules = self.ruleset.for_framework(fw)
        definition: dict[str, Any] = {}
        for r_index, rule in enumerate(rules):
            for c_index, conj in enumerate(rule.conjunctions(fw)):
                if any(a.tests and a.tests[0].op == "in" and not a.tests[0].value for a in conj):
                    continue  # names no code of this year: can never fire
                name = f"r{r_index}_{c_index}_{len(conj)}"
                definition[name] = {"all": [{f"m{i}": atom.to_durable()} for i, atom in enumerate(conj)],
                                    "pri": rule.priority, "run": name}
        ruleset_name = f"itaplan_{fw.fiscal_year}_{next(_names)}"
        return ruleset_name, rules, definition

    def _ruleset_for(self, fw: Framework) -> tuple[str, list[Rule]]:
        key = id(fw)
        if key not in self._compiled:
            name, rules, definition = self.compile(fw)
            if definition:
                with _lock:
                    self.host.register_rulesets({name: copy.deepcopy(definition)})
            self._compiled[key] = (name if definition else "", rules)
        return self._compiled[key]

    def _atoms(self, fw: Framework, rules: list[Rule]) -> list:
        key = ("atoms", id(fw))
        if key not in self._atom_cache:
            self._atom_cache[key] = list({atom for rule in rules for conj in rule.conjunctions(fw) for atom in conj})
        return self._atom_cache[key]

    def evaluate(self, card: Scorecard, facts: list[Fact] | None = None) -> list[Finding]:
        fw = card.framework
        facts = facts if facts is not None else build_facts(card)
        name, rules = self._ruleset_for(fw)
        if not name:
            return []
        # Only facts that some test of some rule can match are asserted (the others would only raise
        # MessageNotHandledException); the joins and the firing are durable_rules' own.
        index = FactIndex(facts)
        wanted: set[str] = set()
        for atom in self._atoms(fw, rules):
            wanted.update(f["id"] for f in index.candidates(atom))
        sid = f"agency{next(self._sessions)}"
        relevant = [{**f, "sid": sid} for f in facts if f["id"] in wanted]
        if not relevant:
            return []
        with _lock:
            self.host.fired.clear()
            try:
                try:
                    self.host.assert_facts(name, relevant)
                except durable.MessageNotHandledException:
                    pass  # cannot happen for pre-matched facts; harmless if it does
                fired = list(self.host.fired)
            finally:
                self.host.fired.clear()
                try:
                    self.host.delete_state(name, sid)
                except Exception:  # noqa: BLE001 - nothing to delete when no fact was kept
                    pass
        by_rule: dict[int, dict[int, set[str]]] = {}
        for action_name, ids in fired:
            r_index, c_index, _ = (int(x) for x in action_name[1:].split("_"))
            by_rule.setdefault(r_index, {}).setdefault(c_index, set()).update(ids)
        by_id = {f["id"]: f for f in facts}
        return [make_finding(rules[r], fw, fired_conjs, by_id) for r, fired_conjs in sorted(by_rule.items())]
