"""Why a rule fired or did not, for one agency (``itaplan rules explain``): the rules that look at a question code,
a tool, the total, an indicator or a fall since last year, or one rule named by its id."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from itaplan.base.thai import fmt_change, fmt_score
from itaplan.content.catalogue import Catalogue
from itaplan.ita.framework import Framework, normalize_code
from itaplan.ita.scoring import Scorecard
from itaplan.ruling.conditions import Atom
from itaplan.ruling.evaluate import _satisfying_facts, make_finding
from itaplan.ruling.facts import build_facts
from itaplan.ruling.provenance import fact_text
from itaplan.ruling.rulebook import Rule, RuleSet


@dataclass(frozen=True)
class Subject:
    """What the auditor asked about: ``kind`` is question, tool, total, indicator, fall, rule or measure."""

    kind: str
    code: str = ""  # a question's code
    indicator: int = 0  # a question's indicator, or the indicator asked about
    tool: str = ""  # a question's tool, or the tool asked about
    rule: str = ""  # a rule's id
    measure: str = ""  # a recommendation's id: the rules that propose it

    def mentioned_by(self, atoms: list[Atom]) -> bool:
        """Does a condition of these atoms look at this subject (a question: directly, by its indicator or by
        its rank in its tool)?"""
        for atom in atoms:
            tests = {t.field: t for t in atom.tests}
            if self.kind == "question" and _question_mentioned(atom, tests, self.code, self.indicator, self.tool):
                return True
            if self.kind == "tool" and ((atom.kind == "tool" and tests["name"].value == self.tool) or
                                        (atom.kind == "rank" and tests["tool"].value == self.tool)):
                return True
            if self.kind == "total" and (atom.kind == "total" or (
                    atom.kind == "change" and tests["subject"].value == "total")):
                return True
            if self.kind == "indicator" and atom.kind in ("indicator", "change") and "number" in tests \
                    and self.indicator in tests["number"].value and (
                    atom.kind == "indicator" or tests["subject"].value == "indicator"):
                return True
            if self.kind == "fall" and atom.kind == "change":
                return True
        return False

    def looked_at_by(self, rule: Rule, conjunctions: list) -> bool:
        if self.kind == "rule":
            return rule.id == self.rule
        if self.kind == "measure":
            return self.measure in rule.propose
        return any(self.mentioned_by(list(c)) for c in conjunctions)


def subject_of(text: str, fw: Framework, rule_ids: Iterable[str]) -> Subject | None:
    """A question code, a tool's name (IIT, EIT, OIT), ``total``, ``fall``, an indicator's number or a rule's id,
    as typed; None when it is none of them in this year's framework."""
    typed = text.strip()
    norm = normalize_code(typed)
    code = fw.lookup(norm) if norm else None
    if code is not None:
        q = fw.questions[code]
        return Subject("question", code=code, indicator=q.indicator, tool=q.tool)
    if typed.upper() in ("IIT", "EIT", "OIT"):
        return Subject("tool", tool=typed.upper())
    if typed.lower() in ("total", "fall"):
        return Subject(typed.lower())
    number = typed.removeprefix("indicator").strip()
    if number.isdigit() and any(ind.number == int(number) for ind in fw.indicators):
        return Subject("indicator", indicator=int(number))
    if typed in set(rule_ids):
        return Subject("rule", rule=typed)
    return None


@dataclass
class Explanation:
    rule: Rule
    fired: bool
    reason: str
    facts: list[dict]


def _question_mentioned(atom: Atom, tests: dict, code: str, indicator: int, tool: str) -> bool:
    return ((atom.kind == "question" and code in tests["code"].value) or
            (atom.kind == "rank" and tests["tool"].value == tool) or
            (atom.kind == "indicator" and indicator in tests["number"].value))


REASONS_SHOWN = 10  # the facts a condition did not hold on, said one by one (all ten indicators of a fall)


MISSING_SHOWN = 8  # the codes named of those not given (the rest counted)


def _codes(codes: list[str]) -> str:
    shown = ", ".join(codes[:MISSING_SHOWN])
    return shown + (f" and {len(codes) - MISSING_SHOWN} more" if len(codes) > MISSING_SHOWN else "")


def _questions_missing(codes: list[str], card: Scorecard, part: int | None = None) -> list[str]:
    """What of these questions the results do not give, in words: the codes not given at all, and (EIT in two
    parts) those of which one part is not given ('EIT part 2 not given: e7, e9'); ``part``: only that part."""
    fw = card.framework
    absent: list[str] = []
    partial: dict[int, list[str]] = {}
    for code in codes:
        q = card.questions.get(code)
        given = {p for p, _ in q.entries()} if q is not None else set()
        two = fw.two_parts and code in fw.questions and fw.questions[code].tool == "EIT"
        if two and part is not None:
            if part not in given:
                partial.setdefault(part, []).append(code)
        elif not given:
            absent.append(code)
        elif two:
            for lacking in sorted({1, 2} - given):
                partial.setdefault(lacking, []).append(code)
    said = [f"not given: {_codes(absent)}"] if absent else []
    said += [f"EIT part {p} not given: {_codes(c)}" for p, c in sorted(partial.items())]
    return said


def _indicator_missing(number: int, card: Scorecard) -> list[str]:
    codes = [c for c, q in card.framework.questions.items() if q.indicator == number]
    return _questions_missing(codes, card)


def _missing(atom: Atom, card: Scorecard) -> str:
    """What the results lack for this condition to be judged at all (no fact selected), said as the scores not
    given: 'EIT part 2 not given: e7, e8, e9'; empty when it cannot be said."""
    tests = {t.field: t for t in atom.tests}
    said: list[str] = []
    if atom.kind == "question" and "code" in tests:
        part = tests["part"].value if "part" in tests else None
        codes = tests["code"].value
        ordered = [c for c in card.framework.questions if c in codes] + sorted(c for c in codes
                                                                              if c not in card.framework.questions)
        said = _questions_missing(ordered, card, part)
    elif atom.kind == "indicator" and "number" in tests:
        numbers = sorted(tests["number"].value)
        for number in numbers:
            lacking = _indicator_missing(number, card)
            said += [f"for indicator {number}, {w}" for w in lacking] if len(numbers) > 1 else lacking
    elif atom.kind in ("tool", "total") or (atom.kind == "change" and "subject" in tests):
        subject = tests["subject"].value if "subject" in tests else atom.kind
        if subject == "indicator":
            numbers = sorted(tests["number"].value) if "number" in tests else [i.number for i in card.indicators]
        else:
            tool = tests["name"].value if "name" in tests else None
            numbers = [i.number for i in card.indicators
                       if tool is None or i.tool == tool or (str(tool).startswith("EIT") and i.tool == "EIT")]
        unscored = [n for n in numbers if next(i for i in card.indicators if i.number == n).score is None]
        if unscored:
            said = [f"no score for indicator {_codes([str(n) for n in unscored])}: its questions are not all given"
                    if len(unscored) == 1 else
                    f"no score for indicators {_codes([str(n) for n in unscored])}: their questions are not all given"]
        elif atom.kind == "change":
            said = ["last year's total not given" if subject == "total" else "last year's indicator scores not given"]
    return "; ".join(said)


def _why_not(atom: Atom, facts: list[dict], card: Scorecard | None = None) -> str:
    selected = [f for f in facts if atom.selects(f)]
    if not selected:
        missing = _missing(atom, card) if card is not None else ""
        if missing:
            said = f"no score for it in the results ({missing})"
            return f"{atom.text}: {said}"
        return f"{atom.text}: no score for it in the results"
    parts = []
    for fact in selected[:REASONS_SHOWN]:
        test = atom.failing_test(fact)
        if test is None:
            continue
        label = fact.get("code") or (f"indicator {fact['number']}" if fact.get("number") else
                                      fact.get("name") or fact.get("subject") or fact["kind"])
        if fact.get("part"):
            label += f" part {fact['part']}"
        if test.field == "source":
            parts.append(f"{label} is computed from its questions (this rule is for indicator scores given alone)")
            continue
        value = fact.get(test.field)
        if fact["kind"] == "question" and fact.get("tool") == "OIT" and test.field == "score" and \
                isinstance(value, (int, float)):  # an OIT item is met or not met (100 or 0), never "100.00, not below"
            parts.append(label + (" is met" if value >= 100 else " is not met"))  # (Thai: explain_words_th)
            continue
        shown = fmt_score(value) if isinstance(value, float) else value
        word = {"lt": "not below", "lte": "not at most", "gte": "below", "eq": "not", "in": "not one of"}[test.op]
        limit = fmt_score(test.value) if isinstance(test.value, float) else test.value
        if test.field == "score" and test.op in ("lt", "gte"):  # "total 87.02, not below 85.00"
            parts.append(f"{label} {shown}, {word} {limit}")
        elif test.field == "delta" and test.op == "lte" and isinstance(value, (int, float)) and \
                isinstance(test.value, (int, float)) and test.value < 0:  # a fall of at least so many points
            change, fall = fmt_change(value), fmt_score(-test.value)
            said = f"changed by {change}, not a fall of {fall} or more"  # (in Thai from explain_words_th)
            parts.append(f"{label} {said}")
        else:
            parts.append(f"{label} {test.field} = {shown} is {word} {limit}")
    more = len(selected) - REASONS_SHOWN
    if more > 0:  # (each one said up to a screenful; the rest counted, never silently left out)
        parts.append(f"and {more} more")
    return f"{atom.text}: " + ("; ".join(parts) if parts else "already used by another condition of this rule")


def why_fired(rule: Rule, card: Scorecard) -> str:
    """The figures that made a rule fire on these results, each condition with the scores that met it, said as
    ``_why_not`` says the one that stopped a rule ('e7 below 80: e7 72.50, below 80.00'): a rule test that did not
    expect the firing shows what made it, the case's score or the rule's threshold (a provincial auditor's trial);
    empty when it did not fire."""
    facts = build_facts(card)
    for conj in rule.conjunctions(card.framework):
        ids = _satisfying_facts(conj, facts)
        if not ids:
            continue
        said = []
        for atom in conj:
            met = [f for f in facts if f["id"] in ids and atom.matches(f)]
            parts = [_figure(atom, fact) for fact in met[:REASONS_SHOWN]]
            more = len(met) - REASONS_SHOWN
            if more > 0:
                parts.append(f"and {more} more")
            said.append(f"{atom.text}: " + "; ".join(parts))
        return " | ".join(said)
    return ""


def _figure(atom: Atom, fact: dict) -> str:
    """One fact that met a condition, with its figure and the bound it met ('e7 72.50, below 80.00')."""
    label = fact.get("code") or (f"indicator {fact['number']}" if fact.get("number") else
                                  fact.get("name") or fact.get("subject") or fact["kind"])
    if fact.get("part"):
        label += f" part {fact['part']}"
    bounds = [t for t in atom.tests if t.field in ("score", "delta") and t.op in ("lt", "lte", "gte")]
    value = fact.get("delta" if any(t.field == "delta" for t in bounds) else "score")
    if fact["kind"] == "question" and fact.get("tool") == "OIT" and isinstance(value, (int, float)):
        return label + (" is met" if value >= 100 else " is not met")  # (an OIT item is met or not, never 0.00)
    if not isinstance(value, (int, float)):
        return label
    if any(t.field == "delta" for t in bounds):
        change = fmt_change(value)
        return f"{label} changed by {change}"
    shown = fmt_score(value)
    words = {"gte": "at least", "lt": "below", "lte": "at most"}  # (a floor said first: "at least 70.00 and below 80.00")
    said = " and ".join(f"{words[t.op]} {fmt_score(t.value)}" for t in sorted(bounds, key=lambda t: list(words).index(t.op)))
    return f"{label} {shown}, {said}" if said else f"{label} {shown}"


def explain(subject: Subject | str, card: Scorecard, ruleset: RuleSet,
            catalogue: Catalogue | None = None) -> tuple[list[Explanation], list[SwitchedOff]]:
    """Every rule in force that looks at the subject (a question code: directly, by its indicator, or by rank;
    a rule id: that rule), and why. A rule that fired is explained by the facts that made it fire, in Thai (with
    the catalogue's sentences)."""
    fw = card.framework
    if isinstance(subject, str):
        q = fw.questions[subject]
        subject = Subject("question", code=subject, indicator=q.indicator, tool=q.tool)
    facts = build_facts(card)
    by_id = {f["id"]: f for f in facts}
    out: list[Explanation] = []
    for rule in ruleset.rules.values():
        if not rule.applies_to(fw.fiscal_year):
            continue
        conjs = rule.conjunctions(fw)
        if not subject.looked_at_by(rule, conjs):
            continue
        out.append(_explained(rule, conjs, card, facts, by_id, catalogue))
    disabled: list[SwitchedOff] = []
    for rid, layer in ruleset.disabled.items():
        off = _switched_off(rid, ruleset, fw, subject)
        if off is None:  # only those about this subject
            continue
        disabled.append(SwitchedOff(rid, layer, _explained(off, off.conjunctions(fw), card, facts, by_id,
                                                           catalogue)))
    return out, disabled


def question_rules(number: int, card: Scorecard, ruleset: RuleSet, catalogue: Catalogue | None = None,
                   listed: Iterable[str] = ()) -> list[tuple[list[str], Explanation]]:
    """The rules in force on the questions of indicator ``number`` (a condition naming one of its codes), each with
    the indicator's codes it names (in the year's order) and whether it fires: the rules that put most of an
    indicator's measures in the plan, which ``explain`` of the indicator itself (its score, its fall) leaves out (an
    auditor asked about indicator 8 and was shown indicator-8-low, not office.e7-citizen-forum). ``listed``: the rules
    already said, left out."""
    fw = card.framework
    codes = [code for code, q in fw.questions.items() if q.indicator == number]
    facts = build_facts(card)
    by_id = {f["id"]: f for f in facts}
    out = []
    for rule in ruleset.rules.values():
        if rule.id in set(listed) or not rule.applies_to(fw.fiscal_year):
            continue
        conjs = rule.conjunctions(fw)
        named = {code for conj in conjs for atom in conj if atom.kind == "question"
                 for t in atom.tests if t.field == "code" and t.op == "in" for code in t.value}
        if named & set(codes):
            out.append(([code for code in codes if code in named], _explained(rule, conjs, card, facts, by_id,
                                                                             catalogue)))
    return sorted(out, key=lambda found: [codes.index(code) for code in found[0]])


@dataclass
class SwitchedOff:
    """A rule a layer switched off (``disable:``) that looks at the subject, and how it would have come out on
    these results had it been in force: what the switch-off removed."""

    id: str
    layer: str  # the folder that switched it off
    would: Explanation


def _explained(rule: Rule, conjs: list, card: Scorecard, facts: list[dict], by_id: dict,
               catalogue: Catalogue | None) -> Explanation:
    """Whether the rule fires on these facts, and why (the facts that made it fire) or why not."""
    fw = card.framework
    fired_ids: set[str] = set()
    fired: dict[int, set[str]] = {}
    reasons = []
    for index, conj in enumerate(conjs):
        ids = _satisfying_facts(conj, facts)
        if ids:
            fired_ids |= ids
            fired[index] = ids
            continue
        blocking = next((a for a in conj if not any(a.matches(f) for f in facts)), conj[0])
        reasons.append(_why_not(blocking, facts, card))
    matched = [{k: v for k, v in f.items() if k != "id"} for f in facts if f["id"] in fired_ids]
    if fired_ids and catalogue is not None:
        finding = make_finding(rule, fw, fired, by_id)
        reason = "fired on: " + "; ".join(fact_text(f, card, catalogue) for f in finding.facts)
    elif fired_ids:
        reason = "fired on " + ", ".join(
            f"{f.get('code') or f.get('name') or 'indicator ' + str(f.get('number'))}"
            f"{' part ' + str(f['part']) if f.get('part') else ''}"
            f" = {fmt_score(f.get('score', f.get('delta')))}" for f in matched)
    else:
        reason = "did not fire: " + " | ".join(dict.fromkeys(reasons))
    return Explanation(rule, bool(fired_ids), reason, matched)


def _switched_off(rid: str, ruleset: RuleSet, fw: Framework, subject: Subject) -> Rule | None:
    """The switched-off rule of that id (its last version before the switch-off) when it looked at this subject in
    this year, else None."""
    found = None
    for layer in ruleset.layers:
        for rule in layer.rules:
            if rule.id == rid and rule.applies_to(fw.fiscal_year):
                try:
                    if subject.looked_at_by(rule, rule.conjunctions(fw)):
                        found = rule
                except ValueError:
                    continue
    return found
