"""The rules on durable_rules: compiled to JSON rulesets, many agencies asserted in one session.

durable_rules' sharp edges (DESIGN.md, ANCHORS.md §5) and how they are handled here:
- Its Python ``Host`` starts two timer threads that never stop, and wraps every fired action in objects,
  timers and a state update (about 2 ms an agency): the ruleset is driven through durable_rules' own
  engine module (``durable_rules_engine``, the C core that ``durable.engine`` wraps) instead, the way
  ``durable.engine.Ruleset`` does it, minus the state update that our actions never need.
- ``create_ruleset`` is given JSON text: the definition we keep is never mutated.
- A ruleset name can be registered once: each evaluator makes a unique name.
- A fact that matches no rule is refused (``MessageNotHandledException`` in ``durable.engine``): only facts
  that some test of some rule can match are asserted.
- Actions only record which facts fired; no Python code runs inside durable_rules.
- State would grow without end: every session is deleted when its facts are evaluated.
- Facts are narrow (the fields a rule tests, the id and the agency), far below the 64/255-property limits.
- A fact's ``id`` is its identity in a session (a second fact with the same id is "already observed"):
  ids are made unique across the agencies of a session.

Many agencies are asserted in one call. When every rule of the year is a single test (the built-in rules
are), the agencies share one session: a rule then fires once per matching fact, whoever's it is. When some
rule joins several facts, each agency has its own session (joins never cross sessions), still asserted
in the same call. Joining on an agency property instead was tried and rejected: durable_rules 2.0.28
silently ignores a reference such as ``{"agency": {"m0": "agency"}}`` in a test that also holds an
``$or`` (it then combines any agencies' facts), and a second ruleset with such a test aborted the process
(a corrupted heap). A chunk is asserted a few hundred facts at a time, well below the engine's per-call
limits.

What durable_rules cannot build or run is never given to it (measured with 2.0.28, tools in issue 29's note):
- joins keep every partial combination of facts: four conditions over 24 codes (a million combinations) took
  4.7 s and 440 MB, eight grew to any memory cap and aborted the process (``free(): invalid pointer``), which no
  ``except`` can catch — the rule files are bounded at validation (limits.py) and a year's joins here;
- ``create_ruleset`` fails (error 106-108) past some thousands of rules, or 256+ rules sharing one condition;
  with 513+ distinct tests branching on one property (600 thresholds on one code) it never returns; asserting a
  fact that 200 distinct conditions match fails with error 303.
A year's ruleset past ``durable_limits`` is evaluated by the pure evaluator instead, and so is one whose
creation or assertion fails: the findings are the same, a warning says so, nothing exits 70.
"""

from __future__ import annotations

import itertools
import json
import operator
import re
import threading
from collections.abc import Callable
from typing import Any

import durable_rules_engine as engine
from itaplan.base.errors import Problem
from itaplan.ita.framework import Framework
from itaplan.ita.scoring import Scorecard
from itaplan.ruling.conditions import Atom
from itaplan.ruling.facts import Fact, build_facts
from itaplan.ruling.findings import Finding, make_finding
from itaplan.ruling.limits import MAX_ATOMS_PER_ALL, alternative_width
from itaplan.ruling.pure import PureEvaluator
from itaplan.ruling.rulebook import Rule, RuleSet

_names = itertools.count(1)
_lock = threading.Lock()  # durable_rules is not thread-safe (error 307)
FACTS_PER_CALL = 400
MAX_DURABLE_RULES = 2_000  # alternatives of one year's rules (3,000 single tests built; 10,000 failed: 106)
MAX_SHARING = 200  # rules holding one identical condition (256 built, 511 failed: 108)
MAX_TESTS_PER_SUBJECT = 48  # distinct conditions on one code (or indicator, tool): 200 failed at assert (303)
MAX_JOIN_WIDTH = 20_000  # combinations of facts all of a year's joins may hold for one agency (limits.py)


def durable_limits(rules: list[Rule], fw: Framework) -> str:
    """Why durable_rules cannot be given these rules (empty when it can): the bounds measured above."""
    alternatives = [conj for rule in rules for conj in rule.conjunctions(fw)]
    if len(alternatives) > MAX_DURABLE_RULES:
        return f"there are {len(alternatives)} alternatives, more than {MAX_DURABLE_RULES}"
    if any(len(conj) > MAX_ATOMS_PER_ALL for conj in alternatives):
        return f"a condition joins more than {MAX_ATOMS_PER_ALL} conditions"
    width = sum(alternative_width(conj, fw) for conj in alternatives if len(conj) > 1)
    if width > MAX_JOIN_WIDTH:
        return f"its joins hold up to {width} combinations of facts, more than {MAX_JOIN_WIDTH}"
    sharing: dict[Atom, int] = {}
    for conj in alternatives:
        for atom in set(conj):
            sharing[atom] = sharing.get(atom, 0) + 1
    if sharing and max(sharing.values()) > MAX_SHARING:
        return f"the same condition is held by {max(sharing.values())} rules, more than {MAX_SHARING}"
    subjects: dict[tuple, set[Atom]] = {}
    for atom in sharing:
        selecting = tuple((t.field, t.value) for t in atom.tests if t.field not in ("score", "delta", "rank", "code"))
        codes = next((t.value for t in atom.tests if t.field == "code"), (None,))
        for code in codes:
            subjects.setdefault((atom.kind, code, selecting), set()).add(atom)
    crowded = max((len(atoms) for atoms in subjects.values()), default=0)
    if crowded > MAX_TESTS_PER_SUBJECT:
        return f"there are {crowded} different conditions on one code, more than {MAX_TESTS_PER_SUBJECT}"
    return ""


class _Compiled:
    """One framework year's rules as a durable_rules ruleset, and what is needed to feed it."""

    def __init__(self, name: str, rules: list[Rule], definition: dict[str, Any], atoms: list[Atom]):
        self.name = name
        self.rules = rules
        self.handle = engine.create_ruleset(name, json.dumps(definition, ensure_ascii=False)) if definition else None
        self.joins = any(len(rule["all"]) > 1 for rule in definition.values())  # then one session per agency
        # the fields some test reads: the only ones durable_rules needs to see
        self.fields = sorted({"kind"} | {t.field for atom in atoms for t in atom.tests})
        # the tests of each atom, by what it selects (kind and code), so that a fact is only tried against
        # atoms it could match; identical test lists are kept once, and lists that are one "below" test on
        # the same field are kept as the highest threshold (x < a or x < b is x < max(a, b))
        self.by_code: dict[tuple[str, str | None], list[tuple[tuple[str, Any, Any], ...]]] = {}
        for atom in atoms:
            codes = next((t.value for t in atom.tests if t.field == "code" and t.op == "in"), None)
            tests = tuple((t.field, _OPS[t.op], t.value) for t in atom.tests if not (codes is not None and t.field == "code"
                                                                                  and t.op == "in"))
            for code in (codes if codes is not None else (None,)):
                self.by_code.setdefault((atom.kind, code), []).append(tests)
        for key, alternatives in self.by_code.items():
            below: dict[str, float] = {}
            kept: list[tuple[tuple[str, Any, Any], ...]] = []
            for tests in alternatives:
                if len(tests) == 1 and tests[0][1] is operator.lt and isinstance(tests[0][2], float):
                    below[tests[0][0]] = max(below.get(tests[0][0], tests[0][2]), tests[0][2])
                elif tests not in kept:
                    kept.append(tests)
            self.by_code[key] = [((name, operator.lt, value),) for name, value in below.items()] + kept
        # the selections whose only test is one "score below": what most facts are tried against, tried directly
        self.score_below = {key: alternatives[0][0][2] for key, alternatives in self.by_code.items()
                            if len(alternatives) == 1 and len(alternatives[0]) == 1
                            and alternatives[0][0][:2] == ("score", operator.lt) and key[1] is not None
                            and (key[0], None) not in self.by_code}

    def wanted(self, fact: Fact) -> bool:
        """Can some test of some rule match this fact? (Others would be refused by durable_rules.)"""
        kind = fact["kind"]
        code = fact.get("code")
        by_code = self.by_code
        return (code is not None and _passes(by_code.get((kind, code)), fact)) or _passes(by_code.get((kind, None)), fact)


def _passes(alternatives: list[tuple[tuple[str, Any, Any], ...]] | None, fact: Fact) -> bool:
    """Some alternative's tests all hold on the fact."""
    if alternatives:
        for tests in alternatives:
            for name, op, value in tests:
                if name not in fact or not op(fact[name], value):
                    break
            else:
                return True
    return False


_OPS = {"eq": operator.eq, "in": lambda actual, values: actual in values, "lt": operator.lt, "lte": operator.le,
        "gte": operator.ge}  # Test.holds, operator by operator


class DurableEvaluator:
    """Same semantics as PureEvaluator, computed by durable_rules; a year durable_rules cannot build or run is
    evaluated by the pure evaluator, with a warning (``on_warning``, once a year)."""

    name = "durable"

    def __init__(self, ruleset: RuleSet, on_warning: Callable[[Problem], None] | None = None):
        self.ruleset = ruleset
        self.on_warning = on_warning
        self._compiled: dict[int, _Compiled] = {}
        self._fallback: dict[int, str] = {}  # id(framework) -> why durable_rules does not run its rules
        self._sessions = itertools.count(1)
        self.fallbacks: list[str] = []  # the warnings given

    def _fall_back(self, fw: Framework, reason: str) -> None:
        self._fallback[id(fw)] = reason
        problem = Problem("rules", f"durable_rules cannot run the rules of fiscal year {fw.fiscal_year} ({reason}); "
                                   "the pure-Python evaluator runs them instead, with the same findings")
        self.fallbacks.append(problem.message)
        if self.on_warning is not None:
            self.on_warning(problem)

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
                                    "pri": rule.priority}
        ruleset_name = f"itaplan_{fw.fiscal_year}_{next(_names)}"
        return ruleset_name, rules, definition

    def _compiled_for(self, fw: Framework) -> _Compiled | None:
        """The year's ruleset in durable_rules, or None when the pure evaluator runs it (see the module's doc)."""
        key = id(fw)
        if key in self._fallback:
            return None
        if key not in self._compiled:
            reason = durable_limits(self.ruleset.for_framework(fw), fw)
            if reason:
                self._fall_back(fw, reason)
                return None
            name, rules, definition = self.compile(fw)
            atoms = list({atom for rule in rules for conj in rule.conjunctions(fw) for atom in conj})
            try:
                with _lock:
                    self._compiled[key] = _Compiled(name, rules, definition, atoms)
            except Exception as exc:  # noqa: BLE001 - "Could not create ruleset": the pure evaluator instead
                self._fall_back(fw, str(exc)[:120])
                return None
        return self._compiled[key]

    def evaluate(self, card: Scorecard, facts: list[Fact] | None = None) -> list[Finding]:
        return self.evaluate_many([card], [facts])[0]

    def evaluate_many(self, cards: list[Scorecard],
                      facts: list[list[Fact] | None] | None = None) -> list[list[Finding]]:
        """The findings of many agencies, the agencies of one framework year asserted in one session."""
        all_facts = [f if f is not None else build_facts(c, self.ruleset.ranks_used(c.framework))
                     for c, f in zip(cards, facts or [None] * len(cards))]
        out: list[list[Finding]] = [[] for _ in cards]
        groups: dict[int, list[int]] = {}
        for i, card in enumerate(cards):
            groups.setdefault(id(card.framework), []).append(i)
        for members in groups.values():
            fw = cards[members[0]].framework
            compiled = self._compiled_for(fw)
            if compiled is not None and compiled.handle is None:
                continue
            if compiled is not None:
                try:
                    fired = self._run(compiled, [(i, all_facts[i]) for i in members])
                except engine.error as exc:  # e.g. error 303 on assert: the pure evaluator, for this year on
                    self._fall_back(fw, str(exc)[:120])
                    compiled = None
            if compiled is None:
                pure = PureEvaluator(self.ruleset)
                for i in members:
                    out[i] = pure.evaluate(cards[i], all_facts[i])
                continue
            for i in members:
                by_rule = fired.get(i)
                if by_rule:
                    by_id = {f["id"]: f for f in all_facts[i]}
                    out[i] = [make_finding(compiled.rules[r], fw, conjs, by_id) for r, conjs in sorted(by_rule.items())]
        return out

    def _run(self, compiled: _Compiled, agencies: list[tuple[int, list[Fact]]]) -> dict[int, dict[int, dict[int, set[str]]]]:
        """Assert the agencies' facts; agency -> rule index -> alternative -> fired fact ids."""
        fields = compiled.fields
        chunk = f"chunk{next(self._sessions)}"
        sessions: list[str] = []
        messages = []
        by_code, wanted, score_below = compiled.by_code, compiled.wanted, compiled.score_below
        for agency, facts in agencies:
            sid = f"{chunk}.{agency}" if compiled.joins else chunk
            if not sessions or sessions[-1] != sid:
                sessions.append(sid)
            for fact in facts:
                kind, code = fact["kind"], fact.get("code")
                below = score_below.get((kind, code))
                if below is not None:
                    if "score" not in fact or not fact["score"] < below:
                        continue
                elif (kind, code) not in by_code and (kind, None) not in by_code:
                    continue  # no rule tests a fact of this kind and code
                elif not wanted(fact):
                    continue
                message = {k: fact[k] for k in fields if k in fact}
                # durable_rules takes a fact's id as its identity in a session: unique across agencies
                message["id"], message["agency"], message["sid"] = f"{agency}.{fact['id']}", agency, sid
                messages.append(message)
        fired: dict[int, dict[int, dict[int, set[str]]]] = {}
        if not messages:
            return fired
        handle = compiled.handle
        with _lock:
            try:
                for start in range(0, len(messages), FACTS_PER_CALL):
                    engine.assert_facts(handle, _dumps(messages[start:start + FACTS_PER_CALL]))
                    action = engine.start_action(handle)  # (state, message, state handle) of any session with work
                    while action:
                        state, text = action[2], action[1]
                        while text:
                            _record(text, fired)
                            text = engine.complete_and_start_action(handle, state)
                        action = engine.start_action(handle)
            finally:
                for sid in sessions:
                    try:
                        engine.delete_state(handle, sid)
                    except Exception:
                        pass
        return fired



def _dumps(messages: list[dict[str, Any]]) -> str:
    """The facts as JSON text for durable_rules: by orjson (a tenth of json's time), json where it is missing."""
    try:
        import orjson
    except ImportError:  # pragma: no cover - orjson is a dependency; the engine works without it
        return json.dumps(messages, ensure_ascii=False)
    return orjson.dumps(messages).decode("utf-8")


_ACTION = re.compile(r'\{"r(\d+)_(\d+)_\d+":\{')  # a fired action: {"r<rule>_<alternative>_<atoms>":{"m0":{fact}, ...}}
_FACT_ID = re.compile(r'"id":\s*"(\d+)\.([^"]+)"')  # "<agency>.<fact id>", as _run writes it


def _record(text: str, fired: dict[int, dict[int, dict[int, set[str]]]]) -> None:
    """One fired action: the rule, the alternative, the agency and its facts' ids. Read from the message's text
    (the facts are ours, as we wrote them: their values never hold a quote), JSON-decoded only if it is not
    of the usual shape."""
    head = _ACTION.match(text)
    ids = _FACT_ID.findall(text)
    if head is None or not ids or '":[' in text:
        message = json.loads(text)  # several bindings at once: not made by our rules, read the long way
        for action_name, terms in message.items():
            r_index, c_index, _ = (int(x) for x in action_name[1:].split("_"))
            for binding in terms if isinstance(terms, list) else [terms]:
                for fact in binding.values():
                    agency, fid = fact["id"].split(".", 1)
                    fired.setdefault(int(agency), {}).setdefault(r_index, {}).setdefault(c_index, set()).add(fid)
        return
    bound = fired.setdefault(int(ids[0][0]), {}).setdefault(int(head.group(1)), {}).setdefault(int(head.group(2)), set())
    bound.update(fid for _, fid in ids)
