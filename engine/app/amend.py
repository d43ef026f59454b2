"""Changes to a plan beyond settling its measures: a measure the officer adds, and who signs the documents.

Used by the web app (and open to any other front end): each change is made under the plan's lock on the plan as
it is on disk then, logged in ``review.log`` as the decisions are, and saved atomically (``drafting.plan``).

- **A measure added.** Either a measure of the catalogue that no rule proposed, written out as drafting writes a
  proposed one (``draft.catalogue_measure``: its texts filled for the agency, its owner and timeline), or one of
  the agency's own, with the texts the officer typed. Either is marked ``added`` (by whom, on which day), so the
  plan shows that no weak point or rule put it there; it starts as kept, since the officer chose it.
- **A measure's budget** (``agency.budgets``, baht per measure id, as a results file's profile gives it), also
  set on the measure's project as drafting sets it, so the project cards and the action-plan table print it.
- **The signatories** (``agency.signatories``): read as the results' agency profile is read
  (``gather.read_signatories``), so the web form refuses what a profile would.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any, cast

from itaplan.base.errors import ConflictError, InputError, ItaplanError, Problem, UsageError
from itaplan.base.i18n_composed import N_
from itaplan.base.thai import parse_number, to_arabic
from itaplan.checking.check import rescore
from itaplan.content.catalogue import Catalogue, Recommendation
from itaplan.drafting.analysis import indicator_point, listed_points, unanswered_points
from itaplan.drafting.draft import catalogue_measure
from itaplan.drafting.model import Measure, Plan
from itaplan.drafting.plan import holding, load_plan, measure_numbers, plan_lock, save_plan
from itaplan.drafting.stakes import analyse, measure_entries, rounded_stake
from itaplan.drafting.settle import FIELD_WORDS, PROJECT_FIELDS, REQUIRED, changed_since_shown, field_value, set_project_text
from itaplan.followup.cards import budget_of
from itaplan.ita.gather import SIGNOFF_ROLES, Collector, read_signatories
from itaplan.ita.results import Agency
from itaplan.ita.whatif import fix_index, stake

ADDABLE_KINDS = ("measure", "standing")  # the catalogue's measures (not the statements of what to maintain)
OWN_FIELDS = ("title", "method", "timeline", "evidence", "owner")
SIGNATORY_FIELDS = ("name", "position", "date")
SIGNATORIES = N_("the signatories")  # where a problem with the sign-off form is
INDICATOR = N_("the indicator")  # where a problem with the indicator of a measure added is
NEW_MEASURE = N_("the measure to add")
ANSWERS = N_("the weak points it answers")  # where a problem with the weak points a measure added answers is
DIMENSION = N_("the dimension")  # where a problem with the dimension of a measure added is
BUDGET = N_("the budget (baht)")  # where a problem with a measure's budget is
STAFF = N_("the number of staff")  # where a problem with the agency's number of personnel is
SIGNATORY_WORDS = {f"{role}-{key}": N_("a name or position of the sign-off") for role in SIGNOFF_ROLES
                   for key in SIGNATORY_FIELDS}


def plan_ids(plan: Mapping[str, Any]) -> set[str]:
    """The ids of the catalogue's measures a plan holds: its measures and the ones a grouped row stands for."""
    return {i for m in plan.get("measures", []) for i in [m["id"], *(m.get("merged") or [])]}


def score_only_indicators(plan: Mapping[str, Any]) -> list[int]:
    """The plan's indicators known only by their score (given as printed, none of their questions' scores known)."""
    scores = plan.get("scores") or {}
    known = {q.get("indicator") for q in scores.get("questions") or [] if isinstance(q, dict)
             and q.get("score") is not None}
    return [int(i["number"]) for i in scores.get("indicators") or [] if isinstance(i, dict)
            and i.get("source") == "given" and i.get("score") is not None and i.get("number") not in known]


def serves_now(rec: Recommendation, plan: Mapping[str, Any]) -> tuple[int, ...]:
    """The indicators a catalogue's measure serves in this plan: a measure for indicators known only by their score
    (``scores_only``, the review of an indicator's questions) serves those of its indicators the plan knows so, and
    none when every question is known (it would say what is not so); any other, its indicators."""
    if not rec.data.get("scores_only"):
        return rec.indicators
    given = set(score_only_indicators(plan))
    return tuple(n for n in rec.indicators if n in given)


def addable(plan: Mapping[str, Any], catalogue: Catalogue, first: Collection[int] = ()) -> list[tuple[str, str, int]]:
    """(id, title, indicator) of the catalogue's measures the plan does not hold yet, by indicator then title;
    ``first``: indicators whose measures come before the others (those of weak points left with no measure). A
    measure for indicators known only by their score is offered only when the plan has one (``serves_now``)."""
    held = plan_ids(plan)
    out = []
    for rec in catalogue.recommendations.values():
        if rec.kind not in ADDABLE_KINDS or rec.id in held:
            continue
        serves = serves_now(rec, plan)
        if rec.indicators and not serves:
            continue
        out.append((rec.id, rec.title, serves[0] if serves else 11))
    return sorted(out, key=lambda e: (e[2] not in first, e[2], e[1]))


def point_indicators(plan: Mapping[str, Any]) -> dict[tuple[str, int], int]:
    """(code, EIT part or 0) of each weak point the analysis lists (a whole indicator's by its key,
    ``analysis.point_key``) -> the indicator it is listed under."""
    return {key: number for key, number, _ in listed_points(plan)}


def weak_points(plan: Mapping[str, Any]) -> list[tuple[str, int]]:
    """Every weak point the analysis lists that a measure can answer (one the draft cited a measure for), those left
    with no measure kept (``unanswered_points``) first: an agency's own measure may answer any of them, a point
    another measure answers too (the analysis then cites both)."""
    left = unanswered_points(cast(Plan, plan))
    listed = [key for key, _, point in listed_points(plan) if point.get("measures")]
    return [*[k for k in listed if k in left], *[k for k in listed if k not in left]]


def answerable(plan: Plan, indicators: Iterable[int]) -> list[tuple[str, int]]:
    """The weak points left with no measure kept to answer them (``unanswered_points``) that a measure serving
    ``indicators`` answers once added: those listed under one of its indicators."""
    serves, under = set(indicators), point_indicators(plan)
    return [point for point in unanswered_points(plan) if under.get(point) in serves]


def _answer(plan: Plan, measure: dict, points: list[tuple[str, int]]) -> None:
    """The measure added takes on ``points``: their facts as the dropped measures that answered them carry them
    (the score, the question, the rules that fired), their codes and EIT parts, the weak points and plan-year items
    the measures table names, what they are worth on the total, and the analysis cites it beside them; so that the
    documents and ``check`` see them answered (``answered_by``: a measure answers the points its facts name)."""
    # the facts as the measures that answer (or answered) them carry them: dropped ones first, then those kept
    dropped = sorted((m for m in plan["measures"] if m is not measure), key=lambda m: m.get("status") != "dropped")
    facts = measure.setdefault("facts", [])
    for point in points:
        code, part = point
        whole = indicator_point(point)
        if whole is not None:  # a whole indicator's point: the fall looked into, or the indicator known by its score
            _answer_indicator(plan, measure, whole, dropped)
            continue
        fact = next((f for m in dropped for f in m.get("facts", [])
                     if "code" in f and (f["code"], int(f.get("part") or 0)) == point), None)
        if fact is None:
            continue
        if fact not in facts:
            facts.append(dict(fact))
        if code not in measure.setdefault("codes", []):
            measure["codes"].append(code)
        if part:
            parts = measure.setdefault("parts", {}).setdefault(code, [])
            if part not in parts:
                parts.append(part)
        item = next((p for m in dropped for p in m.get("points") or []
                     if isinstance(p, dict) and (p.get("code"), int(p.get("part") or 0)) == point), None)
        if item is not None and item not in measure.setdefault("points", []):
            measure["points"].append(dict(item))
        for m in dropped:
            for served in m.get("serves") or []:  # the plan year's items of an OIT point (a plan before format 3: text)
                if isinstance(served, dict) and served.get("assessed", {}).get("code") == code \
                        and served not in measure.setdefault("serves", []):
                    measure["serves"].append(dict(served))
    for key, _, listed in listed_points(plan):
        if key in points and measure["id"] not in listed["measures"]:
            listed["measures"].append(measure["id"])
    if measure.get("codes"):
        _stake(plan, measure)


def _answer_indicator(plan: Plan, measure: dict, whole: tuple[str, int], others: list[Measure]) -> None:
    """The measure takes on the point of a whole indicator: a fall, the fact of it as the measure looking for the
    causes carries it (so that a redrafted analysis cites it too); an indicator known only by its score, the issue's
    heading as its fact (the card's rationale says what was found)."""
    kind, number = whole
    facts = measure.setdefault("facts", [])
    if kind == "fell":
        fact = next((f for m in others for f in m.get("facts", [])
                     if f.get("kind") == "change" and f.get("number") == number), None)
        if fact is not None and fact not in facts:
            facts.append(dict(fact))
            return
    issue = next((i for i in (plan.get("analysis") or {}).get("issues", []) if i.get("number") == number), None)
    if issue is None:
        return
    text = " ".join(str(p.get("text") or "") for p in issue.get("points", []) if not p.get("code")
                    and (kind == "fell") == (not p.get("issue")))
    fact = {"kind": "change" if kind == "fell" else "indicator", "number": number,
            "text": (f"{issue.get('heading') or ''} {text}" if kind == "given" else text).strip()}
    if fact not in facts:
        facts.append(fact)


def _stake(plan: Plan, measure: dict) -> None:
    """What the measure's weak points are worth on the total (``points_at_stake``), as drafting works it out."""
    try:
        results, base, fixes = analyse(rescore(plan))
    except ItaplanError:  # a plan whose scores cannot be scored again: its stakes stay unknown
        return
    measure["points_at_stake"] = rounded_stake(stake(results, base, fixes, measure_entries(measure), literal=False,
                                                     index=fix_index(fixes)))


def chosen_points(plan: Plan, chosen: Iterable[tuple[str, int]]) -> list[tuple[str, int]]:
    """The weak points an officer said a measure of the agency's own answers, checked against those the plan's
    analysis lists (``weak_points``: with no measure kept, or answered by another measure too): any other is refused
    (nothing is added)."""
    listed = weak_points(plan)
    wanted = list(dict.fromkeys((str(code), int(part or 0)) for code, part in chosen))
    unknown = [point for point in wanted if point not in listed]
    if unknown:
        said = ", ".join(f"{code} (EIT part {part})" if part else code for code, part in unknown)
        raise UsageError(Problem(ANSWERS, f"not a weak point the analysis of this plan lists: {said}; nothing was "
                                          "added"))
    return wanted


def _agency(plan: Plan) -> Agency:
    a = plan.get("agency") or {}
    return Agency(name=str(a.get("name") or ""), type=str(a.get("type") or ""), district=str(a.get("district") or ""),
                  province=str(a.get("province") or ""), departments=dict(a.get("departments") or {}),
                  staff=a.get("staff"), budgets=dict(a.get("budgets") or {}))


def _own_id(plan: Plan) -> str:
    held = plan_ids(plan)
    return next(f"own-{n}" for n in range(1, len(held) + 2) if f"own-{n}" not in held)


def _log(plan: Plan, measure_id: str, action: str, value: str) -> None:
    log = plan.setdefault("review", {}).setdefault("log", [])  # type: ignore[typeddict-item]
    log.append({"measure": measure_id, "action": action, "value": value,
                "at": _dt.datetime.now().isoformat(timespec="seconds")})


def add_from_catalogue(path: Path, rec_id: str, catalogue: Catalogue, today: _dt.date | None = None,
                       answer: bool = False) -> Plan:
    """Add the catalogue's measure ``rec_id`` to the plan at ``path``; one the plan holds already is refused.
    ``answer``: it answers the weak points of its indicators left with no measure kept (``answerable``)."""
    rec = catalogue.recommendations.get(rec_id)
    if rec is None or rec.kind not in ADDABLE_KINDS:
        raise UsageError(Problem(rec_id[:60] or NEW_MEASURE, "is not a measure of the catalogue; nothing was added"))
    with plan_lock(path):
        plan = load_plan(path)
        row = holding(plan["measures"], rec_id)
        if row is not None and row["id"] != rec_id:  # merged into a row of its indicator: say which
            number = measure_numbers(plan).get(row["id"])
            row_id = row["id"]
            if number:
                raise UsageError(Problem(rec_id, f"is in the plan already, merged into row {number} ({row_id}); "
                                                 "nothing was added"))
            raise UsageError(Problem(rec_id, f"is in the plan already, merged into the row {row_id}, which was "
                                             "dropped (keep it again); nothing was added"))
        if rec_id in plan_ids(plan):
            raise UsageError(Problem(rec_id, "is in the plan already; nothing was added"))
        serves = serves_now(rec, plan)
        if rec.indicators and not serves:
            raise UsageError(Problem(rec_id, "reviews the questions of an indicator known only by its score, and this plan "
                                             "knows the questions of each of its indicators; nothing was added"))
        rec = replace(rec, indicators=serves)  # its {items}: the indicators it serves here, and only those
        card = rescore(plan)
        card.agency = _agency(plan)
        measure = cast(Measure, catalogue_measure(rec, card, plan["plan_year"], catalogue))
        if answer:  # before its issue is decided: a measure answering weak points is not "beyond" them
            # a question of its indicators: any of the catalogue's measures for them answers it; a whole indicator's
            # point (a fall, a score alone) only the measure the draft gave it (ita-working-group, serving every
            # indicator, said it answered the falls of 9 and 10, and printed "คะแนนรวมยังไม่ถึงค่าเป้าหมาย" of 93.46)
            cited = {key: set(point.get("measures") or []) for key, _, point in listed_points(plan)}
            _answer(plan, cast(dict, measure), [p for p in answerable(plan, rec.indicators)
                                                if indicator_point(p) is None or rec_id in cited.get(p, set())])
        if not measure.get("facts"):  # no weak point behind it: the agency's choice (prevention), never a finding
            measure["issue"] = catalogue.text("added_issue")
            if isinstance(measure.get("project"), dict):  # its card says why in the agency's words (render.cards)
                measure["project"].pop("rationale", None)
        measure["status"] = "kept"
        measure["added"] = {"by": "catalogue", "on": (today or _dt.date.today()).isoformat()}
        plan["measures"].append(measure)
        _log(plan, rec_id, "add", rec.title)
        save_plan(plan, path)
    return plan


def add_own(path: Path, typed: Mapping[str, str], indicator: str, today: _dt.date | None = None,
            dimension: str = "", dimensions: Mapping[str, str] | None = None,
            answers: Iterable[tuple[str, int]] = (), budget: str = "", card: Mapping[str, str] | None = None) -> Plan:
    """Add a measure of the agency's own: the texts typed (method and evidence one item a line), under the
    indicator it serves and, when chosen, the action plan's dimension (one of ``dimensions``, by number). Every
    text is required, as in a drafted measure; nothing is saved without them. ``answers``: the weak points the
    analysis lists that the officer says it answers ((code, EIT part or 0), as ``weak_points`` gives them: left with
    no measure kept, or answered by another measure too), and only those: itaplan cannot know what a measure it did not write does, so it answers none unless
    told (the documents then call it the agency's own, beyond the weak points found). ``budget``: its budget as
    typed, read as the loader reads ``agency.budgets`` (``budget_amount``; blank: not yet known), checked with the
    other fields before anything is saved. ``card``: the project card's name and target group as typed
    (``settle.PROJECT_FIELDS``; blank: drafted from the title, and from the weak points it answers)."""
    problems = []
    try:
        amount = budget_amount(budget)
    except InputError as exc:
        amount, problems = None, list(exc.problems)
    values: dict[str, Any] = {}
    for name in OWN_FIELDS:
        try:
            values[name] = field_value(name, typed.get(name, ""))
        except UsageError as exc:  # named as the form's field, not by the plan's key
            problems += [Problem(FIELD_WORDS[name], p.message) for p in exc.problems]
    number = int(indicator) if indicator.isdigit() else 0
    if not 1 <= number <= 10:
        problems.append(Problem(INDICATOR, "choose the indicator the measure serves (1 to 10)"))
    dimension = dimension.strip()
    if dimension and dimension not in (dimensions or {}):
        known = ", ".join(dimensions or {})
        problems.append(Problem(DIMENSION, f"choose one of the action plan's dimensions ({known})"))
    if problems:
        raise UsageError(problems)
    assert set(REQUIRED) <= set(values)
    with plan_lock(path):
        plan = load_plan(path)
        points = chosen_points(plan, answers)
        # a point of another indicator than the one chosen: the documents would print "ตัวชี้วัดที่ 5 … ข้อ e5" (e5
        # is indicator 7's) and contradict themselves; refused, naming where each point is listed
        under = {key: listed for key, listed, _ in listed_points(plan)}
        elsewhere = [(code, part, under[(code, part)]) for code, part in points
                     if under.get((code, part)) not in (None, number)]
        if elsewhere:
            codes = ", ".join(dict.fromkeys(code for code, _, _ in elsewhere))
            others = ", ".join(str(n) for n in sorted({where for _, _, where in elsewhere}))
            raise UsageError(Problem(ANSWERS, f"the ticked {codes} are weak points of indicator {others}, not of indicator "
                                              f"{number} chosen for the measure: choose that indicator, or untick "
                                              "them (for several indicators, add a measure for each); nothing was "
                                              "added"))
        mid = _own_id(plan)
        # the indicator's name, as a drafted measure carries it: the documents name what the measure serves
        name = next((str(i.get("name") or "") for i in (plan.get("analysis") or {}).get("indicators", [])
                     if i.get("number") == number), "")
        measure = cast(Measure, {"id": mid, "indicator": number, **({"indicator_name": name} if name else {}),
                                 "codes": [], **values, "rules": [], "status": "kept",
                                 **({"dimension": int(dimension)} if dimension else {}),
                                 "note": "", "added": {"by": "own", "on": (today or _dt.date.today()).isoformat()}})
        plan["measures"].append(measure)
        if points:
            _answer(plan, cast(dict, measure), points)
        if amount is not None:  # as set_budget sets it: the agency's figure, printed on its card and row
            agency = plan.setdefault("agency", {})  # type: ignore[typeddict-item]
            agency["budgets"] = {**(agency.get("budgets") or {}), mid: amount}  # type: ignore[typeddict-item]
            cast(dict, measure)["project"] = {"budget": amount, "budget_source": "agency"}
        for field in PROJECT_FIELDS:
            if (card or {}).get(field, "").strip():
                set_project_text(measure, field, (card or {})[field])
        _log(plan, mid, "add", values["title"])
        save_plan(plan, path)
    return plan


def signatory_form(plan: Mapping[str, Any]) -> dict[str, str]:
    """The sign-off form's fields as the page shows them: ``{role}-{name|position|date}``; dates as officers type
    them (20/11/2569)."""
    given = (plan.get("agency") or {}).get("signatories") or {}
    out = {}
    for role in SIGNOFF_ROLES:
        person = given.get(role) or {}
        for key in SIGNATORY_FIELDS:
            value = str(person.get(key) or "")
            if key == "date" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                day = _dt.date.fromisoformat(value)
                value = f"{day.day}/{day.month}/{day.year + 543}"
            out[f"{role}-{key}"] = value
    return out


def read_signatory_form(typed: Mapping[str, str]) -> tuple[dict[str, dict[str, str]], list[Problem]]:
    """The signatories the form's fields say, read as an agency profile is, and every problem of them (a date that
    is no real date …), so that a form can say them all at once with its other fields' problems."""
    raw: dict[str, dict[str, str]] = {}
    for role in SIGNOFF_ROLES:
        person = {key: typed.get(f"{role}-{key}", "").strip() for key in SIGNATORY_FIELDS}
        if any(person.values()):
            raw[role] = {k: v for k, v in person.items() if v}
    col = Collector(SIGNATORIES)
    return read_signatories(raw, col, None), list(col.problems)


def set_signatories(path: Path, typed: Mapping[str, str], shown: Mapping[str, str] | None = None) -> Plan:
    """Set who signs the documents from the form's fields (``signatory_form``): read as an agency profile is, so
    a date that is no real date is refused; a role left blank is removed (the documents print blank lines or the
    usual position). ``shown``: what the form showed; a field changed in the file meanwhile is refused."""
    signatories, problems = read_signatory_form(typed)
    if problems:
        raise InputError(problems)
    with plan_lock(path):
        plan = load_plan(path)
        changed_since_shown(SIGNATORIES, dict(typed), dict(shown) if shown is not None else None,
                            signatory_form(plan), lambda _, v: " ".join(str(v or "").split()), SIGNATORY_WORDS)
        agency = plan.setdefault("agency", {})  # type: ignore[typeddict-item]
        if signatories:
            agency["signatories"] = signatories  # type: ignore[typeddict-item]
        else:
            agency.pop("signatories", None)
        _log(plan, "", "signatories", "; ".join(f"{r}: {p.get('name', '')} {p.get('position', '')}".strip()
                                                 for r, p in signatories.items()))
        save_plan(plan, path)
    return plan


def budget_text(plan: Mapping[str, Any], measure_id: str) -> str:
    """A measure's budget as the page and its form show it, as officers write it (30,000; blank when the agency has
    set none); read back by ``budget_amount``."""
    amount = ((plan.get("agency") or {}).get("budgets") or {}).get(measure_id)
    if amount is None:
        return ""
    return f"{amount:,.0f}" if float(amount).is_integer() else f"{amount:,.2f}"


def budget_amount(typed: str) -> float | None:
    """A budget as typed, read as the loader reads ``agency.budgets``: baht, 0 or more (None: blank); the words
    agencies write for a measure that needs none ("ไม่ใช้งบประมาณ", "-": vocabulary.yaml, card_import) are 0."""
    text = " ".join(typed.split())
    if not text:
        return None
    amount = parse_number(text)
    if amount is None:  # "ไม่ใช้งบประมาณ", "-" (a measure that needs none: 0), "30,000 บาท", as agencies write it
        read, said = budget_of(text)
        amount = said if read else None
    if amount is None or amount < 0:
        raise InputError(Problem(BUDGET, f"'{text[:30]}' is not an amount in baht (0 or more): type the number, e.g. "
                                         "30000, ไม่ใช้งบประมาณ for a measure that needs none, or leave it blank"))
    return amount


def set_budget(path: Path, measure_id: str, typed: str, shown: str | None = None) -> bool:
    """Set (or, blank, remove) the agency's budget for one measure, read as the loader reads ``agency.budgets``
    (an amount in baht, 0 or more, Thai digits and thousands commas allowed). ``shown``: what the form showed; a
    budget changed in the file meanwhile is refused. Returns whether anything changed."""
    text = " ".join(typed.split())
    amount = budget_amount(text)
    with plan_lock(path):
        plan = load_plan(path)
        measure = next((m for m in plan["measures"] if m["id"] == measure_id), None)
        if measure is None:
            raise InputError(Problem(str(path), f"measure '{measure_id}' is no longer in the plan; nothing saved"))
        now = budget_text(plan, measure_id)
        if shown is not None and " ".join(shown.split()) == text:
            return False  # typed as shown: left as the file has it
        if shown is not None and budget_amount(now) != budget_amount(shown) and budget_amount(now) != amount:
            current = now or "-"
            raise ConflictError(Problem(BUDGET, f"was changed in the plan file after this form was opened (it is now "
                                                f"'{current}'); nothing was saved"))
        agency = plan.setdefault("agency", {})  # type: ignore[typeddict-item]
        budgets = dict(agency.get("budgets") or {})
        project = cast(dict, measure).setdefault("project", {})
        project.pop("budget_unset", None)  # the row's budget as the officer sets it: no member's part left unset
        if amount is None:
            budgets.pop(measure_id, None)
            if project.get("budget_source") == "agency":
                project.pop("budget", None)
                project.pop("budget_source", None)
        else:
            budgets[measure_id] = amount
            project["budget"], project["budget_source"] = amount, "agency"
        if not project:
            cast(dict, measure).pop("project", None)
        if budgets:
            agency["budgets"] = budgets  # type: ignore[typeddict-item]
        else:
            agency.pop("budgets", None)
        _log(plan, measure_id, "budget", text)
        if measure.get("status") != "dropped":  # an edit of the measure's card, as the edit form's other fields are
            measure["status"] = "changed"
        save_plan(plan, path)
    return True


def staff_text(plan: Mapping[str, Any]) -> str:
    """The agency's number of personnel as the form shows it (blank when not set)."""
    staff = (plan.get("agency") or {}).get("staff")
    return str(staff) if isinstance(staff, int) and not isinstance(staff, bool) else ""


def staff_number(typed: str) -> int | None:
    """The number of personnel as typed (None: blank); anything but a whole number of 1 or more is refused."""
    text = to_arabic(" ".join(typed.split())).replace(",", "")
    text = re.sub(r" ?(?:คน|persons?|people)$", "", text, flags=re.IGNORECASE)  # "32 คน": the number of personnel
    if text and not (text.isdigit() and int(text) >= 1):
        said = typed.strip()[:30]
        raise InputError(Problem(STAFF, f"'{said}' is not a number of personnel: type a whole number, "
                                        "e.g. 45, or leave it blank"))
    return int(text) if text else None


def set_staff(path: Path, typed: str, shown: str | None = None) -> bool:
    """Set (or, blank, remove) the agency's number of personnel (``agency.staff``, the project cards' target
    group), a whole number of 1 or more, Thai digits and thousands commas allowed. ``shown``: what the form showed;
    a number changed in the file meanwhile is refused. Returns whether anything changed."""
    staff = staff_number(typed)
    text = "" if staff is None else str(staff)
    with plan_lock(path):
        plan = load_plan(path)
        now = staff_text(plan)
        if shown is not None and to_arabic(" ".join(shown.split())).replace(",", "") == text:
            return False  # typed as shown: left as the file has it
        if shown is not None and now != to_arabic(shown.strip()).replace(",", "") and now != text:
            current = now or "-"
            raise ConflictError(Problem(STAFF, f"was changed in the plan file after this form was opened (it is now "
                                               f"'{current}'); nothing was saved"))
        agency = plan.setdefault("agency", {})  # type: ignore[typeddict-item]
        if staff is None:
            agency.pop("staff", None)
        else:
            agency["staff"] = staff  # type: ignore[typeddict-item]
        _log(plan, "", "staff", text)
        save_plan(plan, path)
    return True
