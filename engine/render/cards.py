"""Project cards (โครงการ/กิจกรรม) for chosen measures, and the action-plan summary table, in the Word file.

A card takes the catalogue's ``project`` fields (filled with the agency profile when the plan was drafted);
fields a catalogue entry lacks are drafted from the measure with the sentences in settings.yaml, so every
card is complete. A budget nobody has set is printed as not set, never as a guessed amount.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from itaplan.base.errors import Problem, UsageError
from itaplan.base.thai import MONTHS_ABBR, MONTHS_FULL, fiscal_year_months, fmt_score, spaced, to_arabic
from itaplan.content.texts import Texts
from itaplan.drafting.draft import fill
from itaplan.drafting.model import Measure, Plan
from itaplan.drafting.plan import active_measures, holding
from itaplan.drafting.timeline import printed_deadline
from itaplan.ita.results import MUNICIPALITY, SAO
from itaplan.render.common import indicator_line, item_text, place_line

_MONTH_NUMBER = {name: i for names in (MONTHS_FULL, MONTHS_ABBR) for i, name in enumerate(names, start=1)}
# a month name (longest first, so มีนาคม is not read as มี...), with its four-digit BE year if it has one
_MONTH_YEAR = re.compile("(" + "|".join(re.escape(n) for n in sorted(_MONTH_NUMBER, key=len, reverse=True))
                         + r")\s*(\d{4})?")
QUARTER_MARK = "\u2022"  # a bullet: present in TH Sarabun New and its metric-compatible substitutes


def _month_years(text: str) -> list[tuple[int, int]]:
    """(month, BE year) of each month named in a timeline; a month without its year ("ม.ค. – มิ.ย. 2570") takes
    the year of the next month that has one, the year before when it comes later in the calendar ("พ.ย. – ก.พ.")."""
    named = [(_MONTH_NUMBER[m.group(1)], int(m.group(2)) if m.group(2) else None) for m in _MONTH_YEAR.finditer(text)]
    out: list[tuple[int, int]] = []
    for i, (month, year) in enumerate(named):
        if year is None:
            later = next(((mo, y) for mo, y in named[i + 1:] if y is not None), None)
            if later is None:
                continue
            year = later[1] - 1 if month > later[0] else later[1]
        out.append((month, year))
    return out


def months_of(measure: Mapping[str, Any], plan_year: int, whole_year: str) -> tuple[int, int] | None:
    """The fiscal months (1 = October) a measure runs in, read from its timeline text when the officer edited
    it (month names with BE years, or the ``whole_year`` phrase), else from the months the drafter set."""
    text = to_arabic(measure.get("timeline") or "").replace("\u00a0", " ")
    span = fiscal_year_months(plan_year)
    found = []
    for month, year in _month_years(text):
        if (month, year) in span:
            found.append(span.index((month, year)) + 1)
    if whole_year and whole_year in text and not found:
        return 1, 12
    if found:
        return min(found), max(found)
    months = measure.get("months")
    return (months["from"], months["to"]) if months else None


def quarters_of(measure: Mapping[str, Any], plan_year: int, whole_year: str) -> list[int]:
    months = months_of(measure, plan_year, whole_year)
    if months is None:
        return []
    return sorted({(m - 1) // 3 + 1 for m in range(months[0], months[1] + 1)})


def baht(amount: float, t: Texts) -> str:
    return t.digits(f"{amount:,.2f}")


def is_own(measure: Mapping[str, Any]) -> bool:
    """A measure the officer added (``amend``: the agency's own, or the catalogue's) with no weak point or rule
    behind it: its card says the agency chose it, never that the results found something."""
    return bool(measure.get("added")) and not measure.get("facts")


def own_indicators(measure: Mapping[str, Any], plan: Plan, t: Texts) -> dict[str, Any]:
    """The indicators an own measure serves, for its card's sentences: ``{indicators}`` names each of them
    (ตัวชี้วัดที่ 8 การปรับปรุงระบบการทำงาน และตัวชี้วัดที่ 9 การเปิดเผยข้อมูล); ``{number}`` and ``{name}``, the first,
    are kept for an office's wording written before."""
    numbers = sorted(set(measure.get("indicators") or [measure["indicator"]]))
    names = {i["number"]: i.get("name") or "" for i in plan["scores"].get("indicators") or []}
    names[measure["indicator"]] = measure.get("indicator_name") or names.get(measure["indicator"], "")
    parts = [" ".join(t("card_indicator", number=n, name=names.get(n, "")).split()) for n in numbers]
    joined = parts[0] if len(parts) == 1 else " ".join(parts[:-1]) + f" {t('and_also')}" + parts[-1]
    return {"number": measure["indicator"], "name": names[measure["indicator"]], "indicators": joined}


def _says_indicator(text: str, number: int, t: Texts) -> bool:
    """Whether a weak point's sentence names the indicator (ตัวชี้วัดที่ 8 … ได้ 81.52 คะแนน), not 80-something."""
    prefix = t.catalogue.text("row_indicators").format(numbers=number)
    return text.startswith(prefix) and not text[len(prefix):len(prefix) + 1].isdigit()


def _indicators_line(measure: Mapping[str, Any], t: Texts, names: Mapping[int, str]) -> str | None:
    """The indicators the card answers that no weak point's sentence names with its score: each indicator said once
    (a row of indicators 8 and 9 whose indicator 8 is a weak point of its own says "ตัวชี้วัดที่ 9 …", then the
    line of indicator 8 with its score); None when the weak points name every one."""
    numbers = sorted(set(measure.get("indicators") or [measure["indicator"]]))
    said = {int(f["number"]) for f in measure.get("facts") or [] if f.get("kind") in ("indicator", "change")
            and "number" in f and _says_indicator(str(f.get("text") or ""), int(f["number"]), t)}
    rest = [n for n in numbers if n not in said]
    if rest == numbers:
        return indicator_line(measure, t)
    if not rest:
        return None
    if len(rest) == 1:
        name = measure["indicator_name"] if rest[0] == measure["indicator"] else names.get(rest[0], "")
        return t("row_indicator", number=rest[0], name=name).strip() if name else \
            t("row_indicators", numbers=rest[0])
    listed = ", ".join(map(str, rest[:-1])) + f" {t('and_also')} {rest[-1]}"
    return t("row_indicators", numbers=listed)


def ita_lines(measure: Mapping[str, Any], t: Texts, agency: str = "",
              names: Mapping[int, str] | None = None) -> list[str]:
    """What in the ITA results the card answers: the indicator, the weak points with their scores, the OIT items;
    each indicator once (``names``: the indicators' names, for one the row does not name itself)."""
    lines = []
    facts = measure.get("facts", [])
    heading = _indicators_line(measure, t, names or {}) if measure.get("indicator_name") else None
    if heading != indicator_line(measure, t) and measure.get("indicator_name"):
        # an indicator a weak point names with its score: that line says it, first, the others' line after it
        said = [f for f in facts if f.get("kind") in ("indicator", "change") and "number" in f
                and _says_indicator(str(f.get("text") or ""), int(f["number"]), t)]
        lines += [f["text"] for f in said]
        facts = [f for f in facts if f not in said]
    if heading:
        lines.append(heading)
    if is_own(measure):  # the agency's own choice, said as such (never a finding)
        many = len(set(measure.get("indicators") or [measure["indicator"]])) > 1  # "these indicators", not "this one"
        lines.append(t("card_own_ita_many" if many else "card_own_ita", agency=agency or t("agency_fallback")))
    lines += [f["text"] for f in facts]
    named = {f.get("code") for f in measure.get("facts", [])}
    for served in measure.get("serves") or []:
        # an item the results already name as failed, in the same year under the same code, is not listed again
        same = isinstance(served, dict) and served.get("assessed", {}).get("code") == served.get("code") \
            and served.get("assessed", {}).get("year") == served.get("year")
        if not (same and served.get("code") in named):
            lines.append(item_text(served))
    return [t.digits(line) for line in lines]


def kpi_lines(measure: Mapping[str, Any], plan: Plan, t: Texts) -> list[str]:
    """How the card's success is measured, by the work done, not by next year's score (the NACC asks agencies to
    improve their work, not to chase points; the agencies' own cards measure outputs and outcomes): the issue of
    each weak question addressed step by step, each OIT item's information published in time, an indicator's
    issues reviewed and reported, and the first planned output."""

    year, fiscal_year = plan["plan_year"], plan["fiscal_year"]
    target = f"{plan['scores']['target']:g}"
    serves = iter(measure.get("serves") or [])
    out = []
    # a question weak in both EIT parts is one sentence for the question with its parts ("ข้อ e7 (EIT ส่วนที่ 1 และ 2)"),
    # not the same sentence once per part
    parts_of: dict[str, list[int]] = {}
    for fact in measure.get("facts", []):
        if fact["kind"] == "question" and fact.get("part") and not (fact["code"][0] in "oO" and fact["score"] == 0):
            parts_of.setdefault(fact["code"], [])
            if fact["part"] not in parts_of[fact["code"]]:
                parts_of[fact["code"]].append(fact["part"])
    for fact in measure.get("facts", []):
        if fact["kind"] == "question":
            if fact["code"][0] in "oO" and fact["score"] == 0:
                served = next(serves, None)
                if isinstance(served, Mapping):
                    item = t("item_cite", code=served["code"], title=served["title"])
                else:  # a plan before format 3 kept the sentence only
                    item = str(served).split(" (ปี")[0] if served else t("item_cite", code=fact["code"], title="").strip()
                out.append(t("kpi_item", item=item, year=year))
            else:
                parts = sorted(parts_of.get(fact["code"], []))
                part = t("point_part", part=f" {t.catalogue.text('and_also')} ".join(map(str, parts))) if parts else ""
                out.append(t("kpi_question", code=fact["code"], part=part, year=year, target=target,
                             score=fmt_score(fact["score"]), fiscal_year=fiscal_year))
        elif fact["kind"] in ("indicator", "change") and "number" in fact:
            ind = next((i for i in plan["scores"]["indicators"] if i["number"] == fact["number"]), None)
            if ind and ind.get("score") is not None:
                out.append(t("kpi_indicator", number=ind["number"], name=ind["name"], year=year, target=target,
                             score=fmt_score(ind["score"]), fiscal_year=fiscal_year))
    if is_own(measure):  # no weak point to measure it by: the work done, step by step
        out.append(t("kpi_own_steps", year=year))
    if measure.get("evidence"):
        out.append(t("kpi_output", output=measure["evidence"][0]))
    return list(dict.fromkeys(out))


def catalogue_zero(measure: Mapping[str, Any], plan: Plan, catalogue: Any) -> bool:
    """Whether a measure's budget is a 0 nobody set: the catalogue's, which the catalogue no longer gives. itaplan's
    catalogue once put ``budget: 0`` on every project, so plans drafted then carry it on every measure it drafted;
    a 0 the officer typed (``budget_source: agency``) or one the catalogue still gives (a measure needing none by
    its nature, in an office's catalogue) is a decision, and stands."""
    project = measure.get("project") or {}
    if project.get("budget") != 0 or project.get("budget_source") == "agency" or \
            measure["id"] in ((plan.get("agency") or {}).get("budgets") or {}):
        return False
    rec = catalogue.recommendations.get(measure["id"])
    return rec is None or (rec.get("project") or {}).get("budget") != 0


def card_owner(owner: str, agency: str) -> str:
    """The card's owner: a unit with the agency it belongs to ("กองคลัง องค์การบริหารส่วนตำบลนาสิงห์", as the seeds
    write it); positions that name the agency's kind already ("นายกองค์การบริหารส่วนตำบลและปลัด…", "ปลัดเทศบาล") or
    the agency itself stand alone, as the seeds write positions, rather than repeat it."""
    if not agency or agency in owner or any(stem in owner for stem in SAO + MUNICIPALITY):
        return owner or agency
    return " ".join(x for x in (owner, agency) if x)


def own_answers(measure: Mapping[str, Any]) -> bool:
    """The agency's own measure that the officer said answers weak points (``amend.add_own``): its facts are the
    weak points ticked, its texts the officer's; no catalogue sentence (issue, recommendation) stands behind it."""
    return (measure.get("added") or {}).get("by") == "own" and bool(measure.get("facts"))


def _step(text: str) -> str:
    """A step of the method as a rationale's clause: without the number or bullet typed before it, a leading โดย or
    the full stop after it (not one that ends a Thai abbreviation: อบต.)."""
    original = text
    text = re.sub(r"^\s*(?:[-•*]|\(?[0-9๐-๙]+[.)])\s*", "", text).strip()
    text = re.sub(r"[\s.;,]+$", "", text.removeprefix("โดย") + " ").strip()
    # the full stop of a Thai abbreviation ending the step is its own (รายงานนายก อบต., พ.ศ.): kept
    kept = _ABBREVIATION.search(re.sub(r"[\s;,]+$", "", original))
    return text + "." if kept and not text.endswith(".") else text


# an abbreviation as a word of its own: one to four Thai consonants a full stop closes, once or more (อบต. พ.ศ. จ.)
_ABBREVIATION = re.compile(r"(?:^|[\s(])(?:[ก-ฮ]{1,4}\.)+$")


def steps_clause(measure: Mapping[str, Any], t: Texts) -> str:
    """' โดย' and the measure's steps as one clause (A B และ C), for a rationale drafted from what the officer gave."""
    steps = [s for s in (_step(str(x)) for x in measure.get("method") or []) if s]
    if not steps:
        return ""
    joined = steps[0] if len(steps) == 1 else " ".join(steps[:-1]) + " และ" + steps[-1]
    return t.catalogue.text("card_own_steps").format(steps=joined)


def drafted_rationale(measure: Mapping[str, Any], plan: Plan, t: Texts) -> str:
    """The card's หลักการและเหตุผล when neither the officer nor the catalogue wrote one: a measure of the agency's own
    says what it serves, what it does (its method) and, when the officer said so, the weak points it answers; a
    drafted measure says its issue and the catalogue's recommendation."""
    agency = plan["agency"].get("name", "") or t("agency_fallback")
    own = own_indicators(measure, plan, t)
    if is_own(measure):
        # the officer's steps say what the agency's own measure does; a catalogue's steps are long and its own
        steps = steps_clause(measure, t) if (measure.get("added") or {}).get("by") == "own" else ""
        text = t.catalogue.text("card_own_rationale").format(agency=agency, title=measure["title"], steps=steps, **own)
    elif own_answers(measure):
        points = " และ".join(str(f["text"]) for f in measure.get("facts", []) if f.get("text"))
        text = t.catalogue.text("card_own_answers_rationale").format(
            agency=agency, title=measure["title"], points=points, fiscal_year=plan["fiscal_year"],
            steps=steps_clause(measure, t), **own)
    else:
        text = t.catalogue.text("card_default_rationale").format(issue=measure.get("issue", ""), title=measure["title"],
                                                                 recommendation=measure.get("recommendation", ""))
    return spaced(" ".join(text.split()))


def objectives(measure: Mapping[str, Any], plan: Plan, t: Texts) -> list[str]:
    """The card's objectives when the catalogue gives none: an own measure's are to develop the work of the indicator
    it serves, and to put right the weak points the officer said it answers; a drafted one's, the issues found."""
    own = own_indicators(measure, plan, t)
    if is_own(measure):
        return [t("card_own_objective", **own)]
    if own_answers(measure):
        codes = " และ".join(dict.fromkeys(t("item_cite", code=f["code"], title="").strip()
                                          for f in measure.get("facts", []) if f.get("code")))
        if not codes:  # only a whole indicator's point (its fall looked into): the rationale says it
            return [t("card_own_objective", **own)]
        return [t("card_own_answers_objective", codes=codes, fiscal_year=plan["fiscal_year"]),
                t("card_own_objective", **own)]
    return [t("card_default_objective")]


def target_group(measure: Mapping[str, Any], plan: Plan, t: Texts) -> str | None:
    """The catalogue's target group as drafted, with the agency's number of personnel as the plan holds it now: the
    number is typed on the web page's staff form (``agency.staff``) after drafting, when the catalogue's
    ``{staff_count}`` was filled with nothing (or an older number). A target group the officer rewrote is theirs."""
    text = (measure.get("project") or {}).get("target_group")
    rec = t.catalogue.recommendations.get(measure["id"])
    template = str(((rec.get("project") or {}) if rec is not None else {}).get("target_group") or "")
    if not text or "{staff_count}" not in template:
        return text
    agency = plan["agency"].get("name", "") or t.catalogue.text("agency_fallback")
    count = t.catalogue.text("staff_count")
    staff = plan["agency"].get("staff")
    ctx = {"agency": agency, "agency_type": plan["agency"].get("type") or t.catalogue.text("agency_fallback"),
           "plan_year": str(plan["plan_year"]), "fiscal_year": str(plan["fiscal_year"])}
    some_count = re.escape(count).replace(re.escape("{staff}"), r"[0-9๐-๙,]+")
    drafted = re.escape(fill(template, {**ctx, "staff_count": "\x00"})).replace(re.escape("\x00"), f"(?:{some_count})?")
    if not re.fullmatch(drafted, text):
        return text
    return fill(template, {**ctx, "staff_count": count.format(staff=staff) if staff else ""})


def audience_tools(measure: Mapping[str, Any], plan: Plan) -> set[str]:
    """The tools (IIT, EIT, OIT) of what a measure answers: of the weak points it answers (a question's code says its
    tool; a whole indicator's point, its indicator's), else of the indicators it serves (scores.indicators' tool)."""
    tools = {i["number"]: str(i.get("tool") or "").upper()[:3] for i in (plan.get("scores") or {}).get("indicators") or []}
    found = {_TOOL_OF_CODE[c[:1].lower()] for c in map(str, measure.get("codes") or []) if c[:1].lower() in _TOOL_OF_CODE}
    for fact in measure.get("facts") or []:
        code = str(fact.get("code") or "")
        if code[:1].lower() in _TOOL_OF_CODE:
            found.add(_TOOL_OF_CODE[code[:1].lower()])
        elif fact.get("number") in tools:
            found.add(tools[fact["number"]])
    if not found:
        found = {tools.get(n, "") for n in measure.get("indicators") or [measure.get("indicator")]}
    return found & set(_TOOL_OF_CODE.values())


_TOOL_OF_CODE = {"i": "IIT", "e": "EIT", "o": "OIT"}


def own_target_group(measure: Mapping[str, Any], plan: Plan, t: Texts) -> str | None:
    """The target group of the officer's own measure that names none, by whom what it answers concerns: the public's
    view (EIT) the public, service users and stakeholders; the staff's (IIT) executives and staff; OIT's published
    information both, as the built-in OIT measures name them; both kinds both. None: not an own measure, or one that
    answers nothing known (the generic card_default_target_group)."""
    if (measure.get("added") or {}).get("by") != "own":
        return None
    tools = audience_tools(measure, plan)
    key = "card_own_target_group_public" if tools == {"EIT"} else \
        "card_own_target_group_both" if tools - {"IIT"} else None
    if key is None:
        return None
    agency = plan["agency"].get("name", "") or t.catalogue.text("agency_fallback")
    staff = plan["agency"].get("staff")
    return spaced(t.catalogue.text(key).format(
        agency=agency, staff_count=t.catalogue.text("staff_count").format(staff=staff) if staff else ""))


def own_outcome(measure: Mapping[str, Any], plan: Plan, t: Texts, own: Mapping[str, Any]) -> str:
    """The card's ผลลัพธ์ when the catalogue gives none: the agency's own measure's names who benefits as its target
    group does, by what it answers (the staff for IIT, service users and stakeholders for EIT, both else); any other
    measure's, the service users and the staff."""
    key = "card_own_outcome" if own else "card_default_outcome"
    if (measure.get("added") or {}).get("by") == "own":
        tools = audience_tools(measure, plan)
        key += "_staff" if tools == {"IIT"} else "_public" if tools == {"EIT"} else ""
    return t(key, **own)


def card_target_group(measure: Mapping[str, Any], plan: Plan, t: Texts) -> str:
    """The target group the card prints: the officer's or the catalogue's, else an own measure's by what it answers,
    else the generic executives and staff."""
    found = target_group(measure, plan, t) or own_target_group(measure, plan, t)
    if found:
        return found
    staff = plan["agency"].get("staff")
    return spaced(t.catalogue.text("card_default_target_group").format(
        agency=plan["agency"].get("name", ""),
        staff_count=t.catalogue.text("staff_count").format(staff=staff) if staff else ""))


def card_name(measure: Mapping[str, Any], t: Texts) -> str:
    """The card's ชื่อโครงการ/กิจกรรม: the project's name (every built-in measure gives one); a measure without one
    (the officer's own, an office's) is named as agencies name a project, not as a measure: "มาตรการติดตั้งระบบ GPS…"
    becomes "กิจกรรมติดตั้งระบบ GPS…" (the measures table keeps the measure's title)."""
    name = str((measure.get("project") or {}).get("name") or "")
    if name:
        return name
    title, prefix = str(measure["title"]), t.catalogue.text("measure_prefix")
    if not title.startswith(prefix):  # a title that is no measure's name ("จัดกิจกรรม…"): the officer's words, kept
        return title
    rest = title.removeprefix(prefix).strip()
    named = named_kind(rest, t)
    if named:
        return named
    return t.catalogue.text("card_name_from_measure").format(rest=rest) if rest else title


def named_kind(words: str, t: Texts) -> str:
    """``words`` from the kind of project they already name ("กิจกรรม…", "โครงการ…"), with a leading verb of holding
    one left out ("จัดกิจกรรมวันต่อต้าน…" -> "กิจกรรมวันต่อต้าน…", "ดำเนินโครงการ…" -> "โครงการ…"); "" when they name
    none, or nothing follows the kind."""
    kinds = t.catalogue.text("card_name_kinds").split()
    for verb in ["", *t.catalogue.text("card_name_lead_verbs").split()]:
        if not words.startswith(verb):
            continue
        after = words.removeprefix(verb).strip()
        for kind in kinds:
            if after.startswith(kind) and after.removeprefix(kind).strip():
                return after
    return ""


def card_fields(measure: Mapping[str, Any], plan: Plan, t: Texts) -> dict[str, Any]:
    project = measure.get("project") or {}
    agency = plan["agency"].get("name", "")
    budget = None if catalogue_zero(measure, plan, t.catalogue) else project.get("budget")  # not set, not "none"
    if budget is None:
        budget_text = t("card_budget_unset")
    elif budget == 0:
        budget_text = t("card_no_budget")
    elif project.get("budget_unset"):  # a merged row whose members did not all set one: the sum is a part
        budget_text = t("card_budget_baht_partial", amount=baht(budget, t),
                        names=thai_names(list(project["budget_unset"]), t))
    else:
        budget_text = t("card_budget_baht", amount=baht(budget, t))
    dimensions = row_dimensions(measure)
    dimension = dimensions[0] if dimensions else None
    # an own measure's sentences name the indicator it serves instead of a weak point it has not
    own = own_indicators(measure, plan, t) if is_own(measure) else {}
    return {
        "ita": ita_lines(measure, t, agency, {int(i["number"]): str(i.get("name") or "")
                                               for i in (plan.get("scores") or {}).get("indicators") or []}),
        "basis": list(measure.get("basis") or []),
        "area": project.get("area") or t.catalogue.text("card_default_area").replace("{agency}", agency).replace(
            "{place}", (" " + place_line(plan["agency"], t)) if place_line(plan["agency"], t) else ""),
        "kpi": project.get("kpi") or kpi_lines(measure, plan, t),
        "name": card_name(measure, t),
        # the officer's own words first (the edit form's หลักการและเหตุผล), then the catalogue's, then drafted
        "rationale": measure.get("rationale") or project.get("rationale") or drafted_rationale(measure, plan, t),
        "objectives": project.get("objectives") or objectives(measure, plan, t),
        "target_group": card_target_group(measure, plan, t),
        "method": measure["method"],
        "period": " ".join(filter(None, (measure["timeline"], printed_deadline(plan, measure)))),  # as the table
        "budget": budget,
        "budget_text": budget_text,
        "owner": card_owner(measure["owner"], agency),
        "outputs": project.get("outputs") or measure["evidence"],
        "outcomes": project.get("outcomes") or [own_outcome(measure, plan, t, own)],
        "dimension": dimension,
        "dimension_name": t.catalogue.dimension_name(dimension, plan["plan_year"]),
        "dimensions": dimensions,
        # the card's header line: every dimension of the row's members, each with its name
        "dimension_line": (" " + t.catalogue.text("and_also")).join(
            t("card_dimension_part", number=n, name=t.catalogue.dimension_name(n, plan["plan_year"]))
            for n in dimensions),
        "budget_partial": bool(budget and project.get("budget_unset")),
        "quarters": quarters_of(measure, plan["plan_year"], t.catalogue.text("whole_year").format(
            year=plan["plan_year"])),
    }


def row_dimensions(measure: Mapping[str, Any]) -> list[int]:
    """The dimensions of the action plan a measure serves: a merged row's, every member's (an e-service measure of
    dimension 2 with an office's measure of dimension 3), in order, each once; a plan drafted before its members
    recorded theirs, the row's own."""
    members = [m.get("dimension") for m in measure.get("members") or [] if "dimension" in m]
    found = [int(n) for n in members if n] or ([int(measure["dimension"])] if measure.get("dimension") else [])
    return sorted(set(found))


def thai_names(names: list[str], t: Texts) -> str:
    """Names listed the Thai way: spaced, "และ" before the last."""
    if len(names) < 2:
        return "".join(names)
    return " ".join(names[:-1]) + " " + t.catalogue.text("and_also") + names[-1]


def choose(measures: list[Measure], ids: list[str] | None) -> list[Measure]:
    """The measures that get a card: all, or those named by id or by number in the measures table (1 to n, as the
    cards are numbered; Thai digits too), in the plan's order; unknown ones are an error."""
    if not ids:
        return measures

    def named(i: str) -> Measure | None:
        number = to_arabic(i.strip())
        if number.isdigit() and 1 <= int(number) <= len(measures):
            return measures[int(number) - 1]
        return holding(measures, i)  # a merged row's member's id names the row holding it

    rows = {i: named(i) for i in ids}
    unknown = [i for i, row in rows.items() if row is None]
    if unknown:
        raise UsageError(Problem("--card", f"no measure {', '.join(unknown)} in the plan (give a number from 1 to "
                                           f"{len(measures)} or one of its measures' ids: {', '.join(m['id'] for m in measures)})"))
    wanted = {row["id"] for row in rows.values() if row is not None}
    return [m for m in measures if m["id"] in wanted]


def summary_rows(measures: Sequence[Mapping[str, Any]], plan: Plan, t: Texts) -> tuple[list[dict], dict[str, Any]]:
    """The action-plan table: one row per project in the measures table's order, so the table, the cards and the
    measures are numbered alike, 1 to n (the dimension is a column); totals of budget and quarters."""
    cards = [card_fields(m, plan, t) for m in measures]
    numbers = {m["id"]: n for n, m in enumerate(active_measures(plan), start=1)}  # as the measures and cards are
    order = sorted(range(len(cards)), key=lambda i: (numbers.get(measures[i]["id"], len(numbers) + i), i))
    rows = []
    for i in order:
        c = cards[i]
        rows.append({"no": numbers.get(measures[i]["id"], i + 1), "id": measures[i]["id"], "name": c["name"], "dimension": c["dimension"],
                     "dimensions": c["dimensions"], "budget": c["budget"], "budget_partial": c["budget_partial"],
                     "quarters": c["quarters"], "owner": measures[i]["owner"]})
    set_budgets = [r["budget"] for r in rows if r["budget"] is not None]
    totals = {"budget": round(sum(set_budgets), 2), "unset": len(rows) - len(set_budgets),
              "quarters": [sum(1 for r in rows if q in r["quarters"]) for q in (1, 2, 3, 4)]}
    return rows, totals


SUMMARY_WIDTHS = [1.0, 7.4, 1.2, 2.9, 1.6, 1.6, 1.6, 1.6, 5.8]  # cm, within the landscape text area


def summary_table(plan: Plan, t: Texts, measures: Sequence[Mapping[str, Any]]) -> tuple[list, list[list], list[dict], dict[str, Any]]:
    """The action-plan table as header, body (the grand total last), its rows and totals: the same in Word and
    PDF."""
    rows, totals = summary_rows(measures, plan, t)
    quarters = [[t("col_quarter"), t.digits(str(q))] for q in (1, 2, 3, 4)]
    header = [t("col_no"), t("col_project"), t("col_dimension"), t("col_budget"), *quarters, t("col_owner")]
    body = []
    for r in rows:
        # as the card says it: not set yet, no budget needed, or the amount
        budget = t("budget_unset_short") if r["budget"] is None else \
            t("budget_none_short") if r["budget"] == 0 else baht(r["budget"], t)
        if r["budget_partial"]:  # a merged row some of whose members set none: the amount is a part of it
            budget += " " + t("budget_partial_short")
        dimensions = ", ".join(str(n) for n in r["dimensions"]) or "–"
        # the project's name and owner as the officer typed them, in the document's digits as the cards print them
        body.append([t.digits(str(r["no"])), t.digits(r["name"]), t.digits(dimensions), budget,
                     *[QUARTER_MARK if q in r["quarters"] else "" for q in (1, 2, 3, 4)], t.digits(r["owner"])])
    # no budget set anywhere: the total is not yet known, not zero (the note under the table says how many are unset)
    grand = t("budget_unset_short") if rows and totals["unset"] == len(rows) else baht(totals["budget"], t)
    body.append(["", t("col_grand_total"), "", grand,
                 *[t.digits(str(n)) for n in totals["quarters"]], ""])
    return header, body, rows, totals
