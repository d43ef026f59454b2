"""Lint of an office's layers over the built-in rules: what a workspace rule does beside the rules it sits with.

Two mistakes an auditor makes without any error (issue 28): a rule that replaces a built-in id but, written in a
file of several years, also runs in years the built-in rule did not (where the year's own built-in rule still
runs beside it), and a rule whose condition is stricter than another's on the same codes for the same measures
(the looser one fires whenever it does, so the stricter threshold changes nothing)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from itaplan.base.errors import MAX_NOTE, Problem
from itaplan.base.i18n import translate
from itaplan.base.i18n_composed import N_
from itaplan.content.catalogue import Catalogue
from itaplan.ita.framework import builtin_years, load_framework, shown_code
from itaplan.ruling.conditions import Atom
from itaplan.ruling.rulebook import Rule, RuleSet

BUILT_IN = "built-in"


def _note(source: str, message: str, line: int | None = None, column: int | None = None) -> Problem:
    """A lint finding: ids, codes and a command to copy, printed whole (but for a huge id)."""
    return Problem(source, message, line, column, limit=MAX_NOTE)


def layer_problems(ruleset: RuleSet, said: set[str] | frozenset[str] = frozenset(),
                   catalogue: Catalogue | None = None) -> list[Problem]:
    """``said``: ids of rules already reported (never firing, shadowed): not said to do nothing as well."""
    found = _wider_years(ruleset) + _pointless_stricter(ruleset, said) + left_without_measure(ruleset, catalogue)
    return found + (_indicators_apart(ruleset, catalogue) if catalogue is not None else [])


def _indicators_apart(ruleset: RuleSet, catalogue: Catalogue) -> list[Problem]:
    """A measure whose indicators: none of the rules proposing it on question codes looks at: the plan files it
    under the codes' indicator, not the one written (an office's measure or rule only: the built-in ones agree)."""
    problems = []
    for rule in ruleset.rules.values():
        for rid in rule.propose:
            rec = catalogue.recommendations.get(rid)
            if rec is None or rec.kind != "measure" or not rec.indicators or BUILT_IN == rule.layer == rec.layer:
                continue
            codes = _question_codes(rule)
            if not codes or set(codes.values()) & set(rec.indicators):
                continue
            ours = ", ".join(map(str, rec.indicators))
            theirs = ", ".join(map(str, sorted(set(codes.values()))))
            code_list = _codes_text(codes)
            if rec.layer == BUILT_IN:
                # the measure is the program's: its file cannot be edited, so the rule that proposes it is at fault
                both = ", ".join(map(str, sorted(set(rec.indicators) | set(codes.values()))))
                made_for = sorted({other for built in ruleset.rules.values() if built.layer == BUILT_IN
                                   and set(_question_codes(built)) & set(codes) for other in built.propose
                                   if (cat := catalogue.recommendations.get(other)) is not None
                                   and cat.kind == "measure" and set(cat.indicators) & set(codes.values())})
                shown = ", ".join(made_for[:4]) + (", …" if len(made_for) > 4 else "")
                fits = f" (as the built-in rules on {code_list} do: {shown})" if made_for else ""
                problems.append(_note(rule.source, f"rule '{rule.id}' proposes the built-in measure '{rec.id}' "
                                                     f"on {code_list}, of indicator {theirs}, but the measure has "
                                                     f"indicators: [{ours}]: the plan files it under indicator "
                                                     f"{theirs}; override the measure in your own recommendations "
                                                     f"layer (- id: {rec.id} with indicators: [{both}]), or propose "
                                                     f"a measure made for indicator {theirs}{fits}",
                                        *rule.pos_of("propose")))
                continue
            problems.append(_note(rec.source, f"recommendation '{rec.id}' has indicators: [{ours}], but rule "
                                                f"'{rule.id}' ({rule.where}) proposes it on {code_list}, of indicator "
                                                f"{theirs}: the plan files it under indicator {theirs}; write "
                                                f"indicators: [{theirs}], or propose it from a rule on indicator "
                                                f"{ours}'s codes", rec.line, rec.column))
    return problems


def _question_codes(rule: Rule) -> dict[str, int]:
    """The question codes a rule's conditions name, in the years it applies to, with each one's indicator."""
    codes: dict[str, int] = {}
    for year in builtin_years():
        if not rule.applies_to(year):
            continue
        fw = load_framework(year)
        try:
            conjs = rule.conjunctions(fw)
        except ValueError:
            continue
        for atom in (atom for conj in conjs for atom in conj if atom.kind == "question"):
            for test in (t for t in atom.tests if t.field == "code" and t.op == "in"):
                codes.update({code: fw.questions[code].indicator for code in sorted(test.value)
                              if code in fw.questions})
    return codes


def _years_text(years: list[int]) -> str:
    return ", ".join(map(str, years))


def _year_span(years: list[int]) -> str:
    """Years as ranges where they run on: 2564–2568, or 2564, 2566."""
    runs: list[list[int]] = []
    for year in sorted(years):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(f"{run[0]}–{run[-1]}" if len(run) > 2 else ", ".join(map(str, run)) for run in runs)


_LABEL = re.compile(r"([A-Za-z])(\d+)")


def _label_key(label: str) -> tuple[str, int, str]:
    """A code as a lint message labels it ("e9", "O10", "e7 (EIT part 1)"), in code order."""
    found = _LABEL.match(label)
    return (found.group(1).lower(), int(found.group(2)), label) if found else (label, 0, label)


def codes_by_year(by_year: Mapping[int, Iterable[str]]) -> str:
    """Codes of several fiscal years, each group of years with the same codes said once, the latest year first:
    "fiscal year 2569: e9, O10; fiscal years 2564–2568: e9, e13, O17, O18". One list of codes beside a list of
    years ("e9, e13, O10, O17, O18 of fiscal year 2564, …, 2569") did not say which code was of which year (e13
    is not a question of 2569: an auditor's trial, aud21). Each group in the interface's language (a lint
    message's fields are not translated word by word)."""
    groups: dict[tuple[str, ...], list[int]] = {}
    for year in sorted(by_year, reverse=True):
        codes = tuple(sorted(dict.fromkeys(by_year[year]), key=_label_key))
        if codes:
            groups.setdefault(codes, []).append(year)
    said = []
    for codes, years in groups.items():
        code_list, span = ", ".join(codes), _year_span(years)
        if len(years) == 1:
            said.append(translate(N_(f"fiscal year {span}: {code_list}")))
        else:
            said.append(translate(N_(f"fiscal years {span}: {code_list}")))
    return "; ".join(said)


def _wider_years(ruleset: RuleSet) -> list[Problem]:
    """A workspace rule with a built-in rule's id that runs in years the built-in one did not."""
    replaced = {rule.id: rule for layer in ruleset.layers if layer.name == BUILT_IN for rule in layer.rules}
    problems = []
    for rule in ruleset.rules.values():
        old = replaced.get(rule.id)
        if rule.layer == BUILT_IN or old is None or old.frameworks is None:
            continue
        new_years = set(rule.frameworks) if rule.frameworks is not None else set(builtin_years())
        extra = sorted(new_years - set(old.frameworks))
        if not extra:
            continue
        years = _years_text(sorted(old.frameworks))
        where = rule.key_positions.get(f"year:{extra[0]}", (rule.line, rule.column))
        problems.append(_note(rule.source, f"rule '{rule.id}' replaces the built-in rule of that id, which runs in "
                                             f"fiscal year {years} only, but this one runs in {_years_text(extra)} too "
                                             f"(beside that year's own built-in rules); if the change is meant for "
                                             f"{years} only, give the rule frameworks: [{years}]", *where))
    return problems


def _implies(a: Atom, b: Atom) -> bool:
    """Does every fact that meets ``a`` meet ``b`` (same kind, codes within b's, a bound at least as strict)?"""
    if a.kind != b.kind:
        return False
    mine = {t.field: t for t in a.tests}
    for test in b.tests:
        own = mine.get(test.field)
        if own is None or own.op != test.op:
            return False
        if test.op == "in" and not own.value <= test.value:
            return False
        if test.op == "eq" and own.value != test.value:
            return False
        if test.op in ("lt", "lte") and own.value > test.value:
            return False
        if test.op == "gte" and own.value < test.value:
            return False
    return True


def _single_atoms(rule: Rule, year: int) -> list[Atom] | None:
    """The rule's alternatives in ``year`` when each is one condition (else None: not compared)."""
    try:
        conjs = rule.conjunctions(load_framework(year))
    except ValueError:
        return None
    if not conjs or any(len(conj) != 1 for conj in conjs):
        return None
    return [conj[0] for conj in conjs]


def _pointless_stricter(ruleset: RuleSet, said: set[str] | frozenset[str]) -> list[Problem]:
    """An office's rule that fires only when another rule in force, proposing the same measures, fires too.

    Only an office's own rule is reported: a built-in rule made redundant by a looser office rule is the office's
    intent (it widened the condition), not a mistake."""
    problems = []
    rules = list(ruleset.rules.values())
    for a in rules:
        if a.layer == BUILT_IN or a.id in said:
            continue
        by_other: dict[str, list[int]] = {}
        beyond: dict[str, set[str]] = {}  # what the looser rule answers that this one does not (O9 beside O8)
        for year in builtin_years():
            if not a.applies_to(year) or (mine := _single_atoms(a, year)) is None:
                continue
            for b in rules:
                if b is a or not b.applies_to(year) or not set(a.propose) <= set(b.propose):
                    continue
                theirs = _single_atoms(b, year)
                if theirs is None or not all(any(_implies(x, y) for y in theirs) for x in mine):
                    continue
                if all(any(_implies(y, x) for x in mine) for y in theirs):
                    continue  # the same condition in effect: said as "shadowed"
                by_other.setdefault(b.id, []).append(year)
                beyond.setdefault(b.id, set()).update(_atom_codes(theirs) - _atom_codes(mine))
        runs = [year for year in builtin_years() if a.applies_to(year)]
        for other, years in by_other.items():
            b = ruleset.rules[other]
            advice = _shadow_advice(a, b, sorted(beyond.get(other, set()), key=_code_order),
                                    [y for y in runs if y not in years])
            problems.append(_note(a.source, f"rule '{a.id}' does nothing in fiscal year {_years_text(years)}: "
                                              f"'{b.id}' ({b.where}) proposes the same on a looser condition, so it "
                                              f"fires whenever this one does; {advice}", *a.pos_of("when")))
    return problems


def _atom_codes(atoms: list[Atom]) -> set[str]:
    """The question and item codes the conditions look at."""
    return {shown_code(str(c)) for atom in atoms for t in atom.tests if t.field == "code" and t.op == "in"
            for c in t.value}


def _code_order(code: str) -> tuple[str, int]:
    return code[:1].lower(), int("".join(ch for ch in code if ch.isdigit()) or 0)


def _shadow_advice(a: Rule, b: Rule, also: list[str], other_years: list[int]) -> str:
    """What to do about the office's rule ``a`` that ``b`` makes do nothing: which rule to switch off, what that rule
    answers besides (switched off, it answers them no more), and the years ``a`` still does something in (the only
    use of limiting it with frameworks:; none when it runs in the shadowed years only)."""
    rule_id, other_id = a.id, b.id
    codes, years = ", ".join(also), _years_text(other_years)
    if b.layer == a.layer:  # disable: switches off a rule of an earlier layer only
        if other_years:
            return f"delete '{rule_id}' or limit it with frameworks: [{years}], the years it does something in"
        return f"delete '{rule_id}', or change its condition or its measures so that it adds to '{other_id}'"
    if also and other_years:
        return (f"to let this rule decide, switch '{other_id}' off with disable: [{other_id}] and add {codes}, which "
                f"the rule switched off answers too, to this rule's condition; or limit this rule with frameworks: "
                f"[{years}], the years it does something in")
    if also:
        return (f"to let this rule decide, switch '{other_id}' off with disable: [{other_id}] and add {codes}, which "
                "the rule switched off answers too, to this rule's condition")
    if other_years:
        return (f"to let this rule decide, switch '{other_id}' off with disable: [{other_id}], or limit this rule "
                f"with frameworks: [{years}], the years it does something in")
    return f"to let this rule decide, switch '{other_id}' off with disable: [{other_id}]"


def _answers(rule: Rule, year: int, catalogue: Catalogue | None) -> dict[tuple[str, int], float]:
    """(code, EIT part or 0) -> the score below which the rule proposes a measure for it in ``year``, whatever the
    other scores: its alternatives of one condition on question codes (an `all:` needs more than the code's score;
    a rule proposing only maintain statements answers no weak point)."""
    if not rule.applies_to(year) or (catalogue is not None and not any(
            (rec := catalogue.recommendations.get(rid)) is not None and rec.kind == "measure" for rid in rule.propose)):
        return {}
    try:
        conjs = rule.conjunctions(load_framework(year))
    except ValueError:
        return {}
    out: dict[tuple[str, int], float] = {}
    for conj in conjs:
        if len(conj) != 1 or conj[0].kind != "question":
            continue
        tests = {t.field: t for t in conj[0].tests}
        code, below, part = tests.get("code"), tests.get("score"), tests.get("part")
        if code is None or code.op != "in" or below is None or below.op != "lt" or set(tests) - {"code", "score", "part"}:
            continue
        for c in code.value:
            key = (c, int(part.value) if part is not None else 0)
            out[key] = max(out.get(key, 0.0), float(below.value))
    return out


def _covered(answers: dict[tuple[str, int], float], code: str, part: int) -> float:
    """The score below which some rule answers (code, part): a rule on the code in any part, or on this part."""
    best = answers.get((code, 0), 0.0)
    if part:
        return max(best, answers.get((code, part), 0.0))
    return max(best, min(answers.get((code, 1), 0.0), answers.get((code, 2), 0.0)))


def _code_key(code: str) -> tuple[str, int]:
    return code[0].lower(), int(code[1:]) if code[1:].isdigit() else 0


def _codes_text(codes: Iterable[str]) -> str:
    """Codes of one or more years, each once, in one spelling (o15 of 2568 and O15 of 2569: O15), in order."""
    return ", ".join(sorted({shown_code(code) for code in codes}, key=_code_key))


def _lost(ruleset: RuleSet, catalogue: Catalogue | None, olds: list[Rule]) -> dict[str, dict[int, list[str]]]:
    """Built-in rule id -> year -> the codes (an EIT part named) of ``olds`` that no rule in force answers any more
    at every score the analysis lists as a weak point."""
    lost: dict[str, dict[int, list[str]]] = {}  # built-in rule id -> year -> codes it alone answered
    for year in builtin_years():
        fw = load_framework(year)
        floor = fw.target  # the analysis lists a question below the target (an OIT item not met) as a weak point
        now: dict[tuple[str, int], float] = {}
        for rule in ruleset.rules.values():
            for key, below in _answers(rule, year, catalogue).items():
                now[key] = max(now.get(key, 0.0), below)
        for old in olds:
            if ruleset.rules.get(old.id) is old:
                continue  # in force as it is
            # (a rule as written, its measure since switched off: the catalogue no longer knows it)
            was = None if old.id in ruleset.measures_off else catalogue
            for (code, part), below in _answers(old, year, was).items():
                needed = min(below, floor if fw.questions[code].tool != "OIT" else below)
                if _covered(now, code, part) < needed:
                    label = f"{shown_code(code)} (EIT part {part})" if part else shown_code(code)
                    found = lost.setdefault(old.id, {}).setdefault(year, [])
                    if label not in found:
                        found.append(label)
    return lost


def left_without_measure(ruleset: RuleSet, catalogue: Catalogue | None = None) -> list[Problem]:
    """Question codes of a year that a built-in rule answers but no rule in force does any more (or only below a
    lower score): a disable: or a replacing rule narrowed to other years or a lower threshold. The analysis lists
    such a code as a weak point, and the measures table has no row for it. Said at the disable: entry or the
    replacing rule, naming the codes and years; and at a recommendations layer's disable: of a measure that leaves
    weak points so (``_measures_off_problems``): the same mistake either way, the same severity (a problem: an
    auditor's disable: [e-service] left e9 and O10 with no measure and was only a note)."""
    builtin = [rule for layer in ruleset.layers if layer.name == BUILT_IN for rule in layer.rules
               if rule.id not in ruleset.measures_off]
    if not builtin:
        return []
    lost = _lost(ruleset, catalogue, builtin)
    problems = []
    disabled_at = {rid: (source, line, column) for layer in ruleset.layers for rid, source, line, column in layer.disable}
    for rid, by_year in lost.items():
        codes = codes_by_year(by_year)
        if rid in ruleset.disabled and rid in disabled_at:
            source, line, column = disabled_at[rid]
            problems.append(_note(source, f"disable: switching off '{rid}' leaves these questions and items with no "
                                            f"rule in force that proposes a measure for them when weak ({codes}): the "
                                            "analysis lists them as weak points and the measures table has no row "
                                            "for them; add a rule that proposes a "
                                            "measure for them, or keep the rule", line, column))
        elif rid in ruleset.rules:
            rule = ruleset.rules[rid]
            problems.append(_note(rule.source, f"rule '{rid}' replaces the built-in rule of that id but no longer "
                                                 f"proposes a measure at every score the analysis lists as a weak "
                                                 f"point (below the target, or an item not met) for {codes}, and no "
                                                 "other rule does: the measures table has no row for them; widen the "
                                                 "rule's frameworks: or threshold, or add a rule",
                                    *rule.pos_of("when")))
    problems.extend(_measures_off_problems(ruleset, catalogue))
    return problems


def duplicate_measure_notes(ruleset: RuleSet, catalogue: Catalogue | None = None) -> list[Problem]:
    """Notes, not problems: an office rule that proposes a measure of its own for a code a built-in rule in force
    already answers in the same years (an office's spot check on i5 beside the built-in false-claims control).
    Drafting gives each measure a row of its own (``draft._grouped``): two rows then answer the code, each with its
    steps and owner, and the analysis cites both; one row holds both only when the catalogue puts them in one
    ``group:`` (with one owner), and rows of one indicator join only in a table over its limit (``draft._fit``).
    The note says which (an auditor read "the plan's row for e7 then holds both measures" and drafted rows 4 and 5,
    both holding a citizen forum). Named with both rules, and, when the built-in rule fires only below a lower
    score (85 beside the office's 90), the scores at which both are drafted (an auditor's i14 at 86.10 had the
    office's measure alone, the note having said both)."""
    notes = []
    builtin = [rule for rule in ruleset.rules.values() if rule.layer == BUILT_IN]
    for rule in ruleset.rules.values():
        if rule.layer == BUILT_IN:
            continue
        # (built-in rule id, the office rule's threshold, the built-in one's, when lower) -> codes, years
        by_other: dict[tuple[str, float, float], tuple[list[str], list[int]]] = {}
        for year in builtin_years():
            mine = _answers(rule, year, catalogue)
            if not mine:
                continue
            for other in builtin:
                if set(rule.propose) <= set(other.propose):
                    continue  # nothing more than the built-in measure (said as shadowed or pointless, if so)
                answered = _answers(other, year, catalogue)
                for (code, part), below in sorted(mine.items()):
                    fires_below = answered.get((code, part), answered.get((code, 0)))
                    if fires_below is None:
                        continue
                    key = (other.id, below, fires_below) if fires_below < below else (other.id, 0.0, 0.0)
                    codes, years = by_other.setdefault(key, ([], []))
                    if shown_code(code) not in codes:
                        codes.append(shown_code(code))
                    if year not in years:
                        years.append(year)
        for (other_id, below, theirs_below), (codes, years) in by_other.items():
            other = ruleset.rules[other_id]
            code_list = _codes_text(codes)
            ours = ", ".join(r for r in rule.propose if r not in other.propose)
            theirs = ", ".join(other.propose)
            group = _one_group(rule, other, catalogue)
            limit = catalogue.max_measures if catalogue is not None else 10
            if theirs_below and group:  # the built-in rule fires only below a lower score: both only below it
                mine_text, theirs_text = f"{below:g}", f"{theirs_below:g}"
                notes.append(_note(rule.source, f"rule '{rule.id}' proposes {ours} for {code_list} below {mine_text}, "
                                                  f"which the built-in rule '{other_id}' ({other.where}) answers with "
                                                  f"{theirs} below {theirs_text} in fiscal year {_years_text(years)}: "
                                                  f"below {theirs_text} one row of the plan's measures table holds "
                                                  f"both measures for {code_list} (the catalogue's group: {group}), "
                                                  f"from {theirs_text} to below {mine_text} yours alone; if yours is "
                                                  f"meant instead, switch the built-in one off with disable: "
                                                  f"[{other_id}]", *rule.pos_of("propose")))
                continue
            if theirs_below:
                mine_text, theirs_text = f"{below:g}", f"{theirs_below:g}"
                notes.append(_note(rule.source, f"rule '{rule.id}' proposes {ours} for {code_list} below {mine_text}, "
                                                  f"which the built-in rule '{other_id}' ({other.where}) answers with "
                                                  f"{theirs} below {theirs_text} in fiscal year {_years_text(years)}: "
                                                  f"below {theirs_text} the plan's measures table answers {code_list} "
                                                  f"in separate rows, one for {ours} and one for {theirs} (rows join "
                                                  f"only in a table over its limit of {limit} rows), from "
                                                  f"{theirs_text} to below {mine_text} with yours alone; if yours is "
                                                  f"meant instead, switch the built-in one off with disable: "
                                                  f"[{other_id}]", *rule.pos_of("propose")))
                continue
            if group:
                notes.append(_note(rule.source, f"rule '{rule.id}' proposes {ours} for {code_list}, which the "
                                                  f"built-in rule '{other_id}' ({other.where}) already answers with "
                                                  f"{theirs} in fiscal year {_years_text(years)}: one row of the "
                                                  f"plan's measures table then holds both measures for {code_list} "
                                                  f"(the catalogue's group: {group}); if yours is meant instead, "
                                                  f"switch the built-in one off with disable: [{other_id}]",
                                   *rule.pos_of("propose")))
                continue
            notes.append(_note(rule.source, f"rule '{rule.id}' proposes {ours} for {code_list}, which the built-in "
                                              f"rule '{other_id}' ({other.where}) already answers with {theirs} in "
                                              f"fiscal year {_years_text(years)}: the plan's measures table then "
                                              f"answers {code_list} in separate rows, one for {ours} and one for "
                                              f"{theirs}, and the analysis cites both (rows join only in a table over "
                                              f"its limit of {limit} rows); if yours is meant instead, switch the "
                                              f"built-in one off with disable: [{other_id}]", *rule.pos_of("propose")))
    return notes


def _one_group(rule: Rule, other: Rule, catalogue: Catalogue | None) -> str:
    """The catalogue's ``group:`` that puts every measure of ``rule`` (not also ``other``'s) in one row with one of
    ``other``'s, as drafting groups them (the same group and owner); "" when each has a row of its own."""
    if catalogue is None:
        return ""

    def key(rid: str) -> tuple[str, str] | None:
        rec = catalogue.recommendations.get(rid)
        group = rec.get("group") if rec is not None else None
        return (str(group), str(rec.get("owner"))) if rec is not None and group else None

    theirs = {k for rid in other.propose if (k := key(rid)) is not None}
    ours = [key(rid) for rid in rule.propose if rid not in other.propose]
    return ours[0][0] if ours and all(k is not None and k in theirs for k in ours) and ours[0] is not None else ""


def oit_under_question_notes(ruleset: RuleSet) -> list[Problem]:
    """Notes: an office rule naming an OIT item under question: (o8 written for e8, say). It validates, and fires
    when the item is not met, but a threshold means nothing for it (an item is met or not, 100 or 0): not_met: says
    what it does; and an EIT question of the same number may have been meant."""
    from itaplan.ita.framework import normalize_code
    from itaplan.ruling.conditions import question_codes

    notes = []
    for rule in ruleset.rules.values():
        if rule.layer == BUILT_IN:
            continue
        said: set[str] = set()
        for raw in question_codes(rule.when):
            norm = normalize_code(raw)
            for year in (y for y in builtin_years() if rule.applies_to(y)):
                fw = load_framework(year)
                code = fw.lookup(norm) if norm else None
                if code is None or shown_code(code) in said or fw.questions[code].tool != "OIT":
                    continue  # (o15 of 2568 and O15 of 2569: one code as written, said once)
                met = code.lower()
                eit = fw.lookup("e" + code[1:])
                code = shown_code(code)
                said.add(code)
                at = rule.key_positions.get(f"code:{raw}", rule.pos_of("when"))
                if eit and fw.questions[eit].tool == "EIT":
                    title = fw.questions[eit].title
                    notes.append(_note(rule.source, f"rule '{rule.id}': {code} under question: is an OIT item, met "
                                                      f"or not (scored 100 or 0), so a threshold changes nothing for "
                                                      f"it: it fires when {code} is not met; write not_met: [{met}]; "
                                                      f"or, if the EIT question was meant, question: [{eit}] ({title})",
                                         *at))
                else:  # a message of its own: an empty field at its end is not matched by the interface's catalogue
                    notes.append(_note(rule.source, f"rule '{rule.id}': {code} under question: is an OIT item, met "
                                                      f"or not (scored 100 or 0), so a threshold changes nothing for "
                                                      f"it: it fires when {code} is not met; write not_met: [{met}]",
                                         *at))
    return notes


def switched_off_measure_notes(ruleset: RuleSet) -> list[Problem]:
    """Notes: a rule switched off by a disable: whose measure another rule in force still proposes in the same years
    (fy2569.public-participation switched off, fy2569.public-participation.o19 still proposing the measure for O19):
    the measure stays in the plan, on that rule's row, so the switch does not take it out. Said at the disable: entry,
    with the rule that still proposes it and its codes. (Switched off in a recommendations layer, the measure leaves
    every rule: ``measures_off_notes``.)"""
    notes = []
    seen: dict[str, Rule] = {}
    for layer in ruleset.layers:
        for rid, source, line, column in layer.disable:
            off = seen.get(rid)
            if off is None or rid not in ruleset.disabled:
                continue
            years = [y for y in builtin_years() if off.applies_to(y)]
            for rec in off.propose:
                for other in ruleset.rules.values():
                    if rec not in other.propose or other.layer == layer.name:
                        continue  # (a rule of the same layer proposing it is the office's intent)
                    both = [y for y in years if other.applies_to(y)]
                    if not both:
                        continue
                    codes = _codes_text(_question_codes(other))
                    if codes:
                        notes.append(_note(source, f"disable: '{rid}' is switched off, but its measure '{rec}' is "
                                                     f"still proposed by the rule '{other.id}' ({other.where}) for "
                                                     f"{codes} in fiscal year {_years_text(both)}: the measure stays "
                                                     f"in the plan, on the row of {codes}; to stop it, switch that "
                                                     f"rule off too (disable: [{other.id}]) or replace it with a rule "
                                                     "of that id proposing another measure", line, column))
                    else:
                        notes.append(_note(source, f"disable: '{rid}' is switched off, but its measure '{rec}' is "
                                                     f"still proposed by the rule '{other.id}' ({other.where}) in "
                                                     f"fiscal year {_years_text(both)}: the measure stays in the "
                                                     f"plan; to stop it, switch that rule off too (disable: "
                                                     f"[{other.id}]) or replace it with a rule of that id proposing "
                                                     "another measure", line, column))
        for rule in layer.rules:
            seen[rule.id] = rule
    return notes


def _measures_off(ruleset: RuleSet) -> dict[str, tuple[list[str], tuple[str, int, int]]]:
    """Measure id -> the built-in rules that proposed it, and where a recommendations layer's disable: names it."""
    by_measure: dict[str, list[str]] = {}
    for rid, off in ruleset.measures_off.items():
        for rec in off.measures:
            by_measure.setdefault(rec, []).append(rid)
    at = {rec: off.at for off in ruleset.measures_off.values() for rec in off.measures[:1]}
    return {rec: (rids, at.get(rec, next(iter(ruleset.measures_off.values())).at)) for rec, rids in by_measure.items()}


def _measures_off_problems(ruleset: RuleSet, catalogue: Catalogue | None) -> list[Problem]:
    """At a recommendations layer's disable: of a built-in measure: the built-in rules it leaves proposing nothing,
    and the weak points then left with no rule in force proposing a measure, by year."""
    problems = []
    for rec, (rids, (source, line, column)) in _measures_off(ruleset).items():
        gone = ", ".join(rid for rid in rids if rid not in ruleset.rules)
        lost = _lost(ruleset, catalogue, [ruleset.measures_off[rid].rule for rid in rids])
        by_year: dict[int, list[str]] = {}
        for years in lost.values():
            for year, labels in years.items():
                by_year.setdefault(year, []).extend(labels)
        if gone and by_year:
            codes = codes_by_year(by_year)
            problems.append(_note(source, f"disable: switching off the measure '{rec}' switches off the built-in "
                                            f"rules that propose nothing else, {gone}, and leaves these questions and items "
                                            f"with no rule in force that proposes a measure for them when weak "
                                            f"({codes}): the analysis lists them as weak points and the measures "
                                            "table has no row for them; add a "
                                            "rule that proposes another measure for them, or keep the measure",
                                  line, column))
    return problems


def measures_off_notes(ruleset: RuleSet, catalogue: Catalogue | None = None) -> list[Problem]:
    """Notes, at a recommendations layer's disable: of a built-in measure (``disable: [e-service]``): the built-in
    rules that proposed it, those left with no measure (as if switched off) and those that propose the rest. The
    weak points left with no rule in force proposing a measure are a problem (``_measures_off_problems``), said
    instead of the note on the rules switched off. Said once a measure, not once a rule."""
    notes = []
    for rec, (rids, (source, line, column)) in _measures_off(ruleset).items():
        gone = ", ".join(rid for rid in rids if rid not in ruleset.rules)
        kept = ", ".join(rid for rid in rids if rid in ruleset.rules)
        lost = _lost(ruleset, catalogue, [ruleset.measures_off[rid].rule for rid in rids])
        if gone and not any(lost.values()):
            notes.append(_note(source, f"disable: switching off the measure '{rec}' switches off the built-in rules "
                                         f"that propose nothing else, {gone}; other rules in force still propose "
                                         "measures for their codes", line, column))
        if kept:
            notes.append(_note(source, f"disable: switching off the measure '{rec}' takes it out of the built-in "
                                         f"rules {kept}, which propose the rest of their measures", line, column))
    return notes
