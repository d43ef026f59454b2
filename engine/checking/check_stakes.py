"""``itaplan check`` on what the fixes are worth: the plan's ranked list, its goals and each measure's points at
stake are scored again from the results the plan records (engine/stakes.py on the re-derived scorecard), and every
sentence that prints them — "คะแนนรวมจะเพิ่มขึ้น 0.30 คะแนน", "คะแนนรวมจะเป็น 95.05 คะแนน ระดับ AA", the measures
table's "ผลต่อคะแนนรวม: …" — must follow from that. The plan records its inputs to two decimals, so a figure may
differ by one unit in the second decimal from one computed from more precise input (as ``_same`` allows).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from itaplan.base.thai import round2
from itaplan.checking.patterns import StakeReaders
from itaplan.content.catalogue import Catalogue
from itaplan.drafting.model import Measure, Plan
from itaplan.drafting.plan import active_measures
from itaplan.drafting.stakes import (
    TOP,
    analyse,
    goal_name,
    goals_of,
    measure_entries,
    section_reason,
    unknown_indicators,
    worth_printing,
)
from itaplan.ita.scoring import Scorecard, score
from itaplan.ita.whatif import Fix, given_label_reaches, raised, reached, stake
from itaplan.ruling.provenance import say


def same(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(round2(a) - round2(b)) < 0.0101


def _shown(value: float | None) -> str:
    return "unknown" if value is None else f"{value:.2f}"


def named(value: str | None, absent: str = "cannot be decided") -> str:
    """A level or label in a message, never "None": ``absent`` says why there is none (the scores cannot decide
    one; a document or plan that names "none")."""
    return absent if value is None else value


class Stakes:
    """What every fix is worth, scored again from the plan's recorded results (computed once per check)."""

    def __init__(self, card: Scorecard, plan: Plan):
        self.results, self.base, self.fixes = analyse(card, literal=True)  # each claim scored again on its own
        self.by_entry = {(f.code, f.part): f for f in self.fixes}
        self.reason = section_reason(self.base, self.fixes)
        self.plan = plan
        self.card = card
        self._measures: list[tuple[Measure, dict]] | None = None

    def already(self, goal: str) -> bool:
        """Whether the goal is reached as the results stand: by the scores, or for ผ่านดี with a tool's score unknown
        by the label ITAS gave (the working results carry no label)."""
        by_label = given_label_reaches(self.card, goal)
        return reached(self.base, goal) if by_label is None else by_label

    def after(self, entries: list[tuple[str, int]]) -> Scorecard:
        """The scorecard with ``entries`` raised to 100 (an OIT item: met)."""
        return score(raised(self.results, {e: 100.0 for e in entries}))

    def stake_of(self, measure: Mapping[str, Any]) -> dict[str, Any]:
        return stake(self.results, self.base, self.fixes, measure_entries(measure))

    def measures(self) -> list[tuple[Measure, dict]]:
        """(measure, its stake scored again) for the active measures whose stake is known, in table order."""
        if self._measures is None:
            pairs = [(m, self.stake_of(m)) for m in active_measures(self.plan)]
            self._measures = [(m, s) for m, s in pairs if s["to_target"] is not None and s["to_max"] is not None]
        return self._measures


def _fix_problem(fix: Fix | None, label: str, level: str, stated: float, wanted: float | None, where: str) -> list[str]:
    if fix is None or wanted is None or not same(stated, wanted):
        worth = "unknown" if fix is None or wanted is None else f"{wanted:.2f}"
        return [f"{where}: {label} is said to add {stated:.2f} to the total at {level}, but it adds {worth}"]
    return []


def gain_claims(code: str, part: int, rest: str, stakes: Stakes, target: float, where: str,
                readers: StakeReaders) -> list[str]:
    """The gains a ranked line states for one question or item (the text after its code)."""
    out: list[str] = []
    fix = stakes.by_entry.get((code, part))
    label = f"{code} (EIT part {part})" if part else code
    gains: list[tuple[float, float]] = []
    if (improve := readers.improve.search(rest)) is not None:
        gains = [(float(improve["target"]), float(improve["to_target"])), (100.0, float(improve["to_max"]))]
    elif (to_max := readers.improve_max.search(rest)) is not None:
        gains = [(100.0, float(to_max["to_max"]))]
    for level, stated in gains:
        if level == 100:
            wanted = None if fix is None else fix.gain_to_max
        elif abs(level - target) < 1e-9 and (fix is None or not fix.publish):
            wanted = None if fix is None else fix.gain_to_target
        else:
            out.append(f"{where}: {label} is raised to {level:g}, which is neither the target nor 100")
            continue
        out.extend(_fix_problem(fix, label, f"{level:g}", stated, wanted, where))
    for m in readers.publish.finditer(rest):
        stated = float(m["to_max"])
        if fix is not None and not fix.publish:
            out.append(f"{where}: {label} is not an OIT item: it is not met by publishing")
        out.extend(_fix_problem(fix, label, "met", stated, None if fix is None else fix.gain_to_max, where))
    return out


def goal_claims(line: str, stakes: Stakes, catalogue: Catalogue, where: str, readers: StakeReaders) -> list[str]:
    """A goal line: the goal already reached, or the fixes that reach it and the total, level and label after them."""
    found = readers.goal.match(line)
    if not found:
        return []
    fw = stakes.results.framework
    names = {goal_name(g, fw.target, catalogue): g for g in ("85", "pass-good", "95")}
    goal = names.get(found.group("goal"))
    rest = found.group("rest")
    path = readers.path.match(rest) or readers.short.match(rest)
    if goal is None:
        if path or rest.startswith(readers.already):
            return [f"{where}: '{found.group(1)}' is not one of the goals (85, ผ่านดี, 95) as itaplan words them"]
        return []
    if line.removeprefix("- ") == say(catalogue, "whatif_goal_already", goal=found.group("goal")):
        return [] if stakes.already(goal) else [f"{where}: goal {goal} is said to be reached, but it is not"]
    if not path:
        return []
    out: list[str] = []
    codes_text = path.group("codes")
    more = readers.more.search(codes_text)
    shown = []
    for code, part in readers.code.findall(codes_text):
        if fw.lookup(code) != code:
            out.append(f"{where}: {code} is not a question of fiscal year {fw.fiscal_year}")
            continue
        shown.append((code, int(part or 0)))
    entries = shown
    if more:  # the line names the first codes only: the rest are the plan's
        recorded: dict[str, Any] = next((g for g in stakes.plan.get("whatif", {}).get("goals", [])
                                         if g.get("goal") == goal), {})
        entries = [(f["code"], int(f.get("part") or 0)) for f in recorded.get("fixes", [])]
        if entries[:len(shown)] != shown or len(entries) != len(shown) + int(more.group("count")):
            out.append(f"{where}: the fixes named for goal {goal} are not the plan's")
    publish = sum(1 for c, _ in entries if fw.questions[c].tool == "OIT")
    counts = (readers.publish_count.search(path.group("actions")), readers.improve_count.search(path.group("actions")))
    if (int(counts[0].group("count")) if counts[0] else 0, int(counts[1].group("count")) if counts[1] else 0) != \
            (publish, len(entries) - publish):
        out.append(f"{where}: goal {goal}: the numbers of items to publish and to improve are not those named")
    card = stakes.after(entries)
    total, level = float(path.group("total")), path.group("level")
    label = path.group("label").strip().removeprefix(readers.label_prefix.strip()) or None
    if not same(total, card.total):
        out.append(f"{where}: goal {goal}: the total after these fixes is said to be {total:.2f}, but it is "
                   f"{_shown(card.total)}")
    if level != card.level:
        out.append(f"{where}: goal {goal}: level {level} does not follow from the total after the fixes "
                   f"({named(card.level)})")
    if label != card.label:
        out.append(f"{where}: goal {goal}: label {named(label, 'none')} does not follow from the scores after the "
                   f"fixes ({named(card.label)})")
    says_reached = path.re is readers.path
    if says_reached != reached(card, goal):
        if says_reached:
            out.append(f"{where}: goal {goal} is said to be reached by these fixes, but it is not")
        else:
            out.append(f"{where}: goal {goal} is said not to be reached by these fixes, but it is")
    return out


def row_stake_claims(line: str, index: int, stakes: Stakes, where: str, readers: StakeReaders) -> list[str]:
    """The index-th line of a document that states a measure's points at stake: the stake of the index-th measure
    whose stake is known."""
    row, at_max, oit = readers.row.search(line), readers.row_max.search(line), readers.row_oit.search(line)
    if not (row or at_max or oit):
        return []
    pairs = stakes.measures()
    if index >= len(pairs):
        return [f"{where}: a measure's points at stake are printed, but no measure's can be known"]
    measure, wanted = pairs[index]
    out = []
    stated: dict[str, float]
    if row:
        stated = {"to_target": float(row["to_target"]), "to_max": float(row["to_max"])}
        level, target = row["target"], stakes.results.framework.target
        if abs(float(level) - target) > 1e-9:
            out.append(f"{where}: measure '{measure['id']}' is measured at {level}, which is not the target {target:g}")
    elif oit:  # only OIT items: met is their target and their maximum
        stated = {"to_target": float(oit["to_max"]), "to_max": float(oit["to_max"])}
    else:
        assert at_max is not None
        stated = {"to_max": float(at_max["to_max"])}
    for key, value in stated.items():
        if not same(value, wanted[key]):
            out.append(f"{where}: measure '{measure['id']}' is said to add {value:.2f} to the total "
                       f"({'at the target' if key == 'to_target' else 'at 100'}), but it adds {_shown(wanted[key])}")
    return out


def check_data(plan: Plan, stakes: Stakes) -> list[str]:
    """The plan's recorded ``whatif`` and ``points_at_stake`` against the same scored again."""
    out = _measures_data(plan, stakes)
    w = plan.get("whatif")
    if not w:
        return out
    if bool(w.get("gains_known")) != (stakes.reason is None):
        out.append(f"whatif: gains are recorded as {'known' if w.get('gains_known') else 'unknown'}, but they are "
                   f"{'known' if stakes.reason is None else 'unknown (' + stakes.reason + ')'}")
        return out
    if stakes.reason is not None:
        if w.get("ranked") or any(g.get("fixes") for g in w.get("goals", [])):
            out.append("whatif: fixes are ranked, but what a fix adds to the total cannot be known from these results")
        return out
    out += _ranked_data(w.get("ranked", []), stakes)
    if w.get("unknown_indicators") is not None and w["unknown_indicators"] != unknown_indicators(stakes.base, stakes.fixes):
        out.append(f"whatif: the indicators whose questions' worth is unknown are "
                   f"{unknown_indicators(stakes.base, stakes.fixes)}, not {w['unknown_indicators']}")
    return out + _goals_data(w.get("goals", []), stakes)


def _measures_data(plan: Plan, stakes: Stakes) -> list[str]:
    out = []
    for m in active_measures(plan):
        recorded = m.get("points_at_stake")
        if recorded is None:
            continue
        wanted = stakes.stake_of(m)
        if recorded.get("entries") is not None and \
                [(e["code"], int(e.get("part") or 0)) for e in recorded["entries"]] != measure_entries(m):
            out.append(f"measures: '{m['id']}' records its points at stake over other questions than its own")
        for key in ("to_target", "to_max"):
            got, want = cast("float | None", recorded.get(key)), wanted[key]
            if (got is None) != (want is None) or (got is not None and not same(got, want)):
                out.append(f"measures: '{m['id']}' records {key} {got}, but the results give {_shown(want)}")
    return out


def _ranked_data(ranked: list[dict], stakes: Stakes) -> list[str]:
    """Each ranked fix's score, kind and gains; the order; and no fix left out that adds more than one listed."""
    out = []
    listed: set[tuple[str, int]] = set()
    for entry in ranked:
        entry_key = (entry["code"], int(entry.get("part") or 0))
        listed.add(entry_key)
        fix = stakes.by_entry.get(entry_key)
        if fix is None or not fix.known:
            out.append(f"whatif: {entry['code']} is ranked, but what it adds to the total is unknown or nothing")
            continue
        if not same(entry.get("score"), fix.score):
            out.append(f"whatif: {entry['code']} is recorded as scoring {entry.get('score')}, but it scores {fix.score:.2f}")
        if entry.get("kind") != ("publish" if fix.publish else "improve"):
            out.append(f"whatif: {entry['code']} is recorded as a {entry.get('kind')} fix")
        for name in ("gain_to_target", "gain_to_max"):
            got, want = entry.get(name), getattr(fix, name)
            if (got is None) != (want is None) or (got is not None and not same(got, want)):
                out.append(f"whatif: {entry['code']} records {name} {got}, but the results give {_shown(want)}")
    gains = [e.get("gain_to_max") or 0.0 for e in ranked]
    if gains != sorted(gains, reverse=True):
        out.append("whatif: the ranked list is not in order of what each fix adds to the total")
    floor = min(gains) if gains else 0.0
    room = len(ranked) < min(TOP, sum(worth_printing(f) for f in stakes.fixes))  # fewer listed than there are
    for fix in stakes.fixes:
        if worth_printing(fix) and (fix.code, fix.part) not in listed and \
                ((fix.gain_to_max or 0.0) > floor + 0.0101 or room):
            out.append(f"whatif: {fix.code} adds {fix.gain_to_max:.2f} to the total and is left out of the ranked list")
            break
    return out


def _goals_data(goals: list[dict], stakes: Stakes) -> list[str]:
    """Each goal: already reached or not, and the total, level, label and verdict its fixes give."""
    out = []
    fw = stakes.results.framework
    if [g.get("goal") for g in goals] not in ([], goals_of(fw)):
        out.append(f"whatif: the goals are {goals_of(fw)}")
    for g in goals:
        goal = g.get("goal", "85")
        if not g.get("known", True):
            continue
        entries = [(f["code"], int(f.get("part") or 0)) for f in g.get("fixes", [])]
        if any(fw.lookup(c) != c for c, _ in entries):
            out.append(f"whatif: goal {goal} names a code that is not a question of fiscal year {fw.fiscal_year}")
            continue
        if g.get("already") != stakes.already(goal):
            out.append(f"whatif: goal {goal} is recorded as {'' if g.get('already') else 'not '}already reached")
        if not entries:
            continue
        card = stakes.after(entries)
        if not same(g.get("total"), card.total) or g.get("level") != card.level or g.get("label") != card.label or \
                bool(g.get("reached")) != reached(card, goal):
            total, level, label = _shown(card.total), named(card.level), named(card.label)
            if reached(card, goal):
                out.append(f"whatif: goal {goal}: its fixes give {total}, level {level}, label {label}, not what the "
                           "plan records")
            else:
                out.append(f"whatif: goal {goal}: its fixes give {total}, level {level}, label {label} and do not "
                           "reach it, not what the plan records")
    return out
