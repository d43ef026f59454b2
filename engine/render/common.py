"""What every renderer shares: the rows of the tables, the analysis sections, the sign-off (the wording itself is
content.texts')."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping
from typing import Any, NamedTuple

from itaplan.base.thai import MONTHS_FULL, fiscal_year_end, fmt_score
from itaplan.base.thaiwords import glued, words
from itaplan.content.texts import Texts, codes_text
from itaplan.drafting.analysis import maintained, point_key
from itaplan.drafting.handled import printed_statements
from itaplan.drafting.model import ISSUE_SEPARATOR, Measure, Plan, Point
from itaplan.drafting.plan import active_measures, measure_numbers
from itaplan.drafting.timeline import printed_deadline
from itaplan.ita.results import MUNICIPALITY, SAO, agency_kind

BANGKOK = ("กรุงเทพมหานคร", "กรุงเทพฯ", "กรุงเทพ", "Bangkok")


def place_line(agency: Mapping[str, Any], t: Texts) -> str:
    """"อำเภอ… จังหวัด…" (or "เขต… กรุงเทพมหานคร"), whether or not the profile wrote the prefixes."""
    district, province = (agency.get("district") or "").strip(), (agency.get("province") or "").strip()
    bangkok = province.removeprefix("จังหวัด").strip() in BANGKOK
    words = []
    if district:
        bare = district
        for prefix in ("อำเภอ", "อ.", "เขต", "ข."):
            bare = bare.removeprefix(prefix).strip()
        words.append(t.catalogue.text("place_district_bangkok" if bangkok else "place_district").replace("{name}", bare))
    if province:
        words.append(t.catalogue.text("place_province_bangkok") if bangkok else
                     t.catalogue.text("place_province").replace("{name}", province.removeprefix("จังหวัด").removeprefix("จ.").strip()))
    return " ".join(words)


# phrases a title line is never broken inside (longest first): the measures' name, the fiscal year with its
# number; a cover broke "…ความโปร่งใสภายใน" | "หน่วยงาน ประจำปีงบประมาณ…" (user trial)
TITLE_PHRASES = re.compile("|".join([
    "มาตรการส่งเสริมคุณธรรมและความโปร่งใส(?:ภายในหน่วยงาน)?",
    r"ประจำปีงบประมาณ(?:\s+พ\.ศ\.\s*[0-9๐-๙]{4})?",
    r"พ\.ศ\.\s*[0-9๐-๙]{4}",
    "ภายในหน่วยงาน",
    "คุณธรรมและความโปร่งใส",
    "ผลการดำเนินการ",
    "การประเมิน ITA",
]))


def title_units(line: str) -> list[str]:
    """A title line cut where it may break: its known phrases (TITLE_PHRASES) whole, the rest into words (with the
    brackets and punctuation glued to them), the spaces as their own units."""
    units: list[str] = []
    at = 0
    for match in TITLE_PHRASES.finditer(line):
        units += glued(words(line[at:match.start()])) if match.start() > at else []
        units.append(match.group())
        at = match.end()
    return units + (glued(words(line[at:])) if at < len(line) else [])


def title_broken(line: str, room: int) -> list[str]:
    """A title line set as lines of at most ``room`` display cells each, broken only between its units (title_units);
    for a writer that cannot be told where a line may not break (Word: its own Thai dictionary broke inside a phrase)."""
    from rich.cells import cell_len

    out = [""]
    for unit in title_units(line):
        if unit.isspace():
            out[-1] += unit
        elif out[-1].strip() and cell_len(out[-1].rstrip() + unit) > room:
            out.append(unit)
        else:
            out[-1] += unit
    # a line that ends where the title had a space keeps it: the text read back (a search, a copy, check) is the
    # title's own, "…หน่วยงาน ประจำปี…", not "…หน่วยงานประจำปี…"; Word does not print a space before a line break
    kept = [part.lstrip() for part in out if part.strip()]
    return [part.rstrip() + (" " if part != part.rstrip() and i < len(kept) - 1 else "") for i, part in enumerate(kept)]


def title_lines(plan: Plan, t: Texts) -> list[str]:
    agency = plan["agency"]
    place = place_line(agency, t)
    # the plan year's item is the document's name (FY2569 O25 "การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร", as
    # seed 000 is titled); the measures' own title follows it
    lines = [plan.get("answers_item_title") or "", t("h_measures", year=plan["plan_year"]), agency.get("name", "")]
    if place:
        lines.append(t.digits(place))
    if plan.get("answers_item"):
        assumed = (plan.get("plan_framework") or {}).get("assumed")
        if assumed:  # the plan year's framework is not published: the item is the latest known year's, said as such
            lines.append(t("answers_item_assumed", item=plan["answers_item"], plan_year=plan["plan_year"],
                           known_year=plan["plan_framework"]["year"]))
        else:
            lines.append(t("answers_item", item=plan["answers_item"], plan_year=plan["plan_year"]))
    return [line for line in lines if line]


def cover_lines(plan: Plan, t: Texts) -> list[str]:
    """Under the title on the cover: who prepared the document (the day it was drafted follows, issued_line; one
    date on a cover, not a month and then the day)."""
    agency = plan["agency"]
    name = str(agency.get("name", ""))
    kind = agency_kind(str(agency.get("type", "")), name)
    unit = t.catalogue.text(f"cover_unit_{kind}") if kind and f"cover_unit_{kind}" in t.catalogue.texts else ""
    return [t("cover_prepared_by", unit=unit, agency=name).replace("  ", " ").strip()] if name else []


def drafted_on(plan: Mapping[str, Any]) -> Any:
    """The day the plan was drafted, as its documents may print it: None when unknown, and None when it is after
    the plan's fiscal year ended (30 September): a plan dated after its own year, with every timeline and deadline
    before that date, would contradict itself (the officer is warned when drafting; the documents stay undated)."""
    import datetime as _dt

    try:
        day = _dt.date.fromisoformat(str((plan.get("itaplan") or {}).get("drafted")))
    except ValueError:  # a hand-edited date that is not one: no date rather than a wrong one
        return None
    year = plan.get("plan_year")
    if isinstance(year, int) and day > fiscal_year_end(year):
        return None
    return day


def has_previous(plan: Plan) -> bool:
    return bool((plan["scores"].get("previous") or {}).get("fiscal_year"))


def year_table(plan: Plan, t: Texts) -> tuple[list[str], list[list[str]]]:
    """The results year by year, as officers' analyses table them: fiscal year, total, level and (where the year
    has one and it is known) the result label; last year first."""
    scores = plan["scores"]
    previous = scores.get("previous") or {}
    years: list[tuple[Any, Any, Any, Any]] = []  # (fiscal year, total, level, label)
    if previous.get("fiscal_year") and previous.get("total") is not None:
        years.append((previous["fiscal_year"], previous["total"], previous.get("level"), previous.get("label")))
    years.append((scores.get("fiscal_year") or plan["fiscal_year"], scores.get("total"), scores.get("level"),
                  scores.get("label")))
    labelled = any(label for *_, label in years)
    header = [t("col_fiscal_year"), t("col_year_total"), t("col_level")] + ([t("col_label")] if labelled else [])
    rows = [[t.digits(str(year)), t.score(total), level or t("no_data")] + ([label or t("no_data")] if labelled else [])
            for year, total, level, label in years]
    return header, rows


def indicator_header(plan: Plan, t: Texts) -> list[str]:
    """The indicator table's columns; last year's and the change only when last year is known."""
    cols = [t("col_no"), t("col_indicator"), t("col_score", year=plan["fiscal_year"])]
    if has_previous(plan):
        cols += [t("col_score", year=(plan["scores"].get("previous") or {}).get("fiscal_year")), t("col_change")]
    return cols + [t("col_result")]


def indicator_rows(plan: Plan, t: Texts) -> list[list[str]]:
    rows = []
    for ind in plan["analysis"]["indicators"]:
        result = t("no_data") if ind.get("passed") is None else t("passed_mark") if ind["passed"] else t("failed_mark")
        row = [t.digits(str(ind["number"])), ind["name"], t.score(ind.get("score"))]
        if has_previous(plan):
            change = t("no_data") if ind.get("change") is None else \
                f"{t.change(ind['change'])} ({ind.get('direction_text')})"
            row += [t.score(ind.get("previous")), change]
        rows.append(row + [result])
    return rows


def cite(ids: list[str], numbers: dict[str, int], t: Texts) -> str:
    """"(มาตรการที่ 1, 3)" in the catalogue's words for the measures ``ids`` that the table shows; "" for none."""
    shown = sorted(numbers[i] for i in ids if i in numbers)
    return t("point_measures", numbers=", ".join(map(str, shown))) if shown else ""


def question_tables(plan: Plan, t: Texts) -> list[dict]:
    """Every indicator with all its questions given (the NACC's wording of that year where known), their scores
    and the indicator's average, as officers' analyses print them: a heading, a header, rows, the columns to
    right-align. OIT items are ผ่าน/ไม่ผ่าน; EIT questions of a two-part year have a column per part."""
    scores = plan["scores"]
    by_indicator: dict[int, list[dict]] = {}
    for q in scores.get("questions") or []:
        by_indicator.setdefault(q.get("indicator") or 0, []).append(q)
    tables = []
    for ind in scores.get("indicators") or []:
        questions = by_indicator.get(ind["number"])
        if not questions:
            continue
        parts = any(q.get("parts") for q in questions)
        header = [t("col_measure_tool"), t("col_code"), t("col_question")] + (
            [t("col_part_1"), t("col_part_2")] if parts else [t("col_question_score")])
        rows = []
        for i, q in enumerate(questions):
            if parts:
                cells = [t.score((q.get("parts") or {}).get(p)) for p in ("1", "2")]
            elif ind["tool"] == "OIT" and q.get("score") in (0, 100):
                cells = [t("item_met" if q["score"] == 100 else "item_not_met")]
            else:
                cells = [t.score(q.get("score"))]
            rows.append([ind["tool"] if i == 0 else "", t.digits(q["code"]), q.get("title") or ""] + cells)
        average = [t.score((ind.get("parts") or {}).get(p)) for p in ("1", "2")] if parts and ind.get("parts") \
            else ([t.score(ind.get("score"))] + [""] * (1 if parts else 0))
        label = t("row_average_parts", score=t.score(ind.get("score"))) if parts and ind.get("parts") else t("row_average")
        rows.append(["", "", label] + average)
        tables.append({"heading": t("indicator_name", number=t.digits(str(ind["number"])), name=ind["name"]),
                       "header": header, "rows": rows, "right": set(range(3, len(header))), "parts": parts})
    return tables


def analysis_sections(plan: Plan, t: Texts, numbers: dict[str, int] | None = None) -> list[dict]:
    """The analysis after its summary and table, numbered on from 1.2 without gaps: each section a heading and
    ``lines`` (a list), or ``issues`` (per indicator: a heading and its points). Measures are cited by their
    number in the documents' table (``measure_numbers``); ``numbers`` other numbers for them (``rules diff``: none, to
    read a line without its citation, or one numbering for two plans, to tell a renumbered citation from another)."""
    a = plan["analysis"]
    numbers = measure_numbers(plan) if numbers is None else numbers
    sections: list[dict] = []
    for group in a.get("categories", []):
        cites = group.get("cites") or [[] for _ in group["lines"]]
        sections.append({"heading": group["heading"],
                         "lines": [" ".join(x for x in (line, cite(ids, numbers, t)) if x)
                                   for line, ids in zip(group["lines"], cites)]})
    if a["issues"]:
        issues = []
        statements = printed_statements(plan)
        for issue in a["issues"]:
            points, handled = [], []
            for point, text in joined_threshold_points(issue["points"], plan["scores"].get("target", 85), statements,
                                                       int(issue.get("number") or 0), t):
                # a point with no measure in the table is the officer's to settle (review, check), never the public's;
                # the agency's own statement on it, when it gave one, is printed after it as its words (handled.py)
                cited = cite(point.get("measures") or [], numbers, t)
                if point.get("issue"):
                    text += f": {t('issue_label')} {point['issue']}"
                points.append(f"{text} {cited}" if cited else text)
                said = statements.get(point_key(int(issue.get("number") or 0), point))
                handled.append(t("point_handled", text=said) if said else "")
            issues.append({"heading": issue["heading"], "points": points, "handled": handled})
        sections.append({"heading": t("h_issues"), "issues": issues})
    # what each fix would add to last year's total is the officer's arithmetic for setting priorities (review, the
    # web page, `itaplan whatif`), not something an agency publishes: the NACC asks agencies to improve their work,
    # not to chase points
    # the plan as it is now: a measure added, kept or dropped since the draft settles which strengths are only kept
    keep_up = maintained(plan)
    if keep_up:
        names = {i["number"]: i["name"] for i in a["indicators"]}
        sections.append({"heading": t("h_maintain"), "lines": [
            t("indicator_name", number=m["indicator"], name=names.get(m["indicator"], "")) + ": " + m["statement"]
            for m in keep_up]})
    # numbered on after the indicator table (1.1) and, when the plan has question scores, their tables (1.2)
    for number, section in enumerate(sections, start=3 if plan["scores"].get("questions") else 2):
        section["heading"] = t.digits(f"1.{number} ") + t.digits(section["heading"])
        for key in ("lines", "intro", "numbered", "notes"):
            section[key] = [t.digits(s) for s in section.get(key, [])]
        for issue in section.get("issues", []):
            issue["heading"] = t.digits(issue["heading"])
            issue["points"] = [t.digits(p) for p in issue["points"]]
            issue["handled"] = [t.digits(h) for h in issue.get("handled") or [""] * len(issue["points"])]
    return sections


def joined_threshold_points(points: list[Point], target: float, statements: Mapping, number: int, t: Texts
                            ) -> list[tuple[Point, str]]:
    """An issue's points with their sentences; a question at the target but below an office's threshold in both EIT
    parts, with one ประเด็น, the same measures and no statement of the agency's on either, is one point whose
    sentence says the threshold once for its parts, every figure kept (``point_question_threshold_parts``)."""
    out: list[tuple[Point, str]] = []
    index = 0
    while index < len(points):
        p = points[index]
        same = [p]
        if p.get("threshold") is not None and p.get("part") and p.get("title") and \
                not statements.get(point_key(number, p)):
            while index + len(same) < len(points):
                nxt = points[index + len(same)]
                if nxt.get("code") != p["code"] or nxt.get("threshold") != p["threshold"] or not nxt.get("part") or \
                        nxt.get("issue") != p.get("issue") or nxt.get("measures") != p.get("measures") or \
                        statements.get(point_key(number, nxt)):
                    break
                same.append(nxt)
        if len(same) == 1:
            out.append((p, str(p["text"])))
        else:
            scores = [t("row_point_part_score", part=t("point_part", part=q["part"]).strip(),
                        score=fmt_score(q["score"])) for q in same]
            out.append((p, t("point_question_threshold_parts", code=p["code"], title=p["title"],
                             scores=f" {t('and_also')} ".join(scores), target=f"{target:g}",
                             threshold=f"{p['threshold']:g}", set_by=t("threshold_set_by"))))
        index += len(same)
    return out


def write_analysis(w: Any, plan: Plan, t: Texts, level: int, hang: float = 0.0, keep: dict | None = None) -> None:
    """The analysis sections through a page writer (Word's or the PDF's: heading(), para()). ``hang`` is the hanging
    indent of a dash line; ``keep`` what keeps an issue's heading with its points, where the writer can."""
    for section in analysis_sections(plan, t):
        w.heading(section["heading"], level=level)
        for line in section.get("intro", []):
            w.para(line, first_line_cm=1.25, align="thai")
        for i, line in enumerate(section.get("numbered", []), start=1):
            w.para(f"{t.digits(str(i))}. {line}", indent_cm=1.0, first_line_cm=-0.5, align="thai")
        for line in section.get("notes", []):
            w.para(line, first_line_cm=1.25, align="thai")
        for line in section.get("lines", []):
            if section.get("paragraph"):
                w.para(line, first_line_cm=1.25, align="thai")
            else:
                w.para("- " + line, indent_cm=1.0, first_line_cm=hang, align="thai")
        for issue in section.get("issues", []):
            w.para(issue["heading"], bold=True, indent_cm=0.5, **(keep or {}))
            for point, handled in zip(issue["points"], issue["handled"]):
                # the agency's own words on the point under it, on the same page
                w.para("- " + point, indent_cm=1.0, first_line_cm=hang, align="thai", **(keep or {} if handled else {}))
                if handled:
                    w.para(handled, indent_cm=1.5, align="thai")


def stake_line(measure: Measure, target: float, t: Texts) -> str | None:
    """A measure's points at stake, briefly, for the measures table; nothing when they are not known."""
    stake = measure.get("points_at_stake") or {}
    to_target, to_max = stake.get("to_target"), stake.get("to_max")
    if to_target is None or to_max is None:
        return None
    codes = [e["code"] for e in stake.get("entries", [])]
    oit = [c for c in codes if c[:1].lower() == "o"]
    if codes and len(oit) == len(codes):
        return t("row_stake_oit", to_max=fmt_score(to_max))
    if not to_target or abs(to_target - to_max) < 0.005:
        return t("row_stake_max", to_max=fmt_score(to_max))
    return t("row_stake", to_target=fmt_score(to_target), to_max=fmt_score(to_max), target=f"{target:g}",
             oit=t.catalogue.text("row_stake_oit_too") if oit else "")


def working_notes(plan: Plan, t: Texts) -> list[tuple[str, list[str]]]:
    """The officer's working notes, for a separate appendix printed only when asked (``--working-notes``): what the
    officer was told, the assumptions, what each measure's fixes would have added to last year's total (the
    officer's arithmetic for setting priorities, never a promise) and why each measure is there. Empty parts are
    left out."""
    parts = [(t("notes_h_officer"), list(plan.get("officer_notes") or []) + list(plan.get("warnings") or [])),
             (t("notes_h_assumptions"), list(plan.get("assumptions") or []))]
    numbers = measure_numbers(plan)
    target = plan["scores"].get("target") or 85
    stakes = []
    for m in active_measures(plan):
        line = stake_line(m, target, t)
        if line:
            stakes.append(t.digits(f"{numbers.get(m['id'], '')}. {m['title']}: ") + line)
    parts.append((t("notes_h_stakes", year=plan["fiscal_year"]), stakes))
    # why each measure is there (the facts that made its rules fire): the auditor's and the officer's, not the
    # agency's words; the measures table already names the weak points each measure answers
    # with the rules that proposed it, each with its layer (which rule to look at: the built-in one, the office's);
    # a rule's id is written as it is in the rule file, its digits never made Thai
    why = [(t.digits(f"{title}: {t('because')} " + "; ".join(facts)), rules_line(row["measure"], t))
           for row, (title, facts) in zip(measure_rows(plan, t), provenance_lines(plan, t)) if facts]
    parts = [(heading, [t.digits(line) for line in lines]) for heading, lines in parts]
    parts.append((t("h_provenance"), [line + (f" {rules}" if rules else "") for line, rules in why]))
    return [(heading, lines) for heading, lines in parts if lines]


def plan_fiscal_year(row: dict) -> int:
    return row["fiscal_year"]


def indicator_line(m: Mapping[str, Any], t: Texts) -> str:
    """The indicator a row answers; a row that answers several names them all (ตัวชี้วัดที่ 1, 5 และ 7)."""
    numbers = sorted(set(m.get("indicators") or [m["indicator"]]))
    if len(numbers) > 1:
        listed = ", ".join(map(str, numbers[:-1])) + f" {t('and_also')} {numbers[-1]}"
        return t("row_indicators", numbers=listed)
    return t("row_indicator", number=m["indicator"], name=m["indicator_name"])


def item_text(item: Any) -> str:
    """A weak point or a served item's sentence (plans before format 3 kept only the sentence)."""
    return str(item["text"]) if isinstance(item, Mapping) else str(item)


def points_texts(points: list, target: float, t: Texts) -> list[str]:
    """A measure's weak points as the measures table names them: a question at the target but below an office's
    threshold in both EIT parts is one sentence that says the threshold once for its parts ("ข้อ e4 (EIT ส่วนที่ 1) ได้
    86.02 คะแนน และ (EIT ส่วนที่ 2) ได้ 88.20 คะแนน ถึงค่าเป้าหมาย 85 แล้ว แต่ต่ำกว่าเกณฑ์ 90 ที่…กำหนด"), every
    figure kept; every other point its own sentence."""
    out: list[str] = []
    index = 0
    while index < len(points):
        p = points[index]
        if not isinstance(p, Mapping) or p.get("threshold") is None or not p.get("part"):
            out.append(item_text(p))
            index += 1
            continue
        same = [p]
        while index + len(same) < len(points):
            nxt = points[index + len(same)]
            if not isinstance(nxt, Mapping) or nxt.get("code") != p["code"] or nxt.get("threshold") != p["threshold"] \
                    or not nxt.get("part") or nxt.get("year") != p.get("year"):
                break
            same.append(nxt)
        if len(same) == 1:
            out.append(item_text(p))
        else:
            scores = [t("row_point_part_score", part=t("point_part", part=q["part"]).strip(),
                        score=fmt_score(q["score"])) for q in same]
            out.append(t("row_point_threshold_parts", code=p["code"],
                         scores=f" {t('and_also')} ".join(scores), target=f"{target:g}",
                         threshold=f"{p['threshold']:g}", set_by=t("threshold_set_by")))
        index += len(same)
    return out


def serves_line(serves: list, plan_year: int, t: Texts) -> str:
    """The OIT items of the plan year that a measure serves; when that year's framework is not known, the items
    of the year whose list the plan follows, said as such."""
    names = [item_text(s) for s in serves]  # the Thai way: "ข้อ O6 … และข้อ O7 …", never an English semicolon
    items = names[0] if len(names) == 1 else " ".join(names[:-1]) + " " + t("and_also") + names[-1] if names else ""
    assumed = next((s for s in serves if isinstance(s, Mapping) and s.get("assumed")), None)
    if assumed is not None:
        return t("row_serves_assumed", year=assumed["year"], items=items)
    return t("row_serves", year=plan_year, items=items)


def measure_cell(row: dict, t: Texts) -> list[str]:
    """The first column of the measures table: the measure, then its indicator, the weak points and items it
    answers, and its ประเด็น (before the method, as agencies' documents do)."""
    m = row["measure"]
    lines = [row["title"]]
    if m.get("indicator_name"):
        lines.append(indicator_line(m, t))
    if m.get("points"):
        lines.append(t("row_points", year=plan_fiscal_year(row), points=", ".join(points_texts(m["points"], row["target"], t))))
    if m.get("serves") and not serves_only_what_points_say(m):
        lines.append(serves_line(m["serves"], row["plan_year"], t))
    issues = [s.strip() for s in str(m.get("issue") or "").split(ISSUE_SEPARATOR) if s.strip()]
    if len(issues) == 1:
        lines.append(t("row_issue", issue=issues[0]))
    elif issues:  # one per line, marked as the row's evidence is: run together they read as one sentence
        lines += [t("row_issue", issue="").rstrip()] + ["- " + issue for issue in issues]
    # an agency's own measure (added by the officer, no issue behind it) carries no label of where it came from: the
    # agencies' published tables list every measure alike, under the indicator it serves (named above), with the
    # weak points it answers when it answers any (none named: it claims none); where it came from is the officer's and
    # the auditor's record (the plan file, the review, the working notes), not a category of the public document
    return [t.digits(line) for line in lines]


def serves_only_what_points_say(m: Mapping[str, Any]) -> bool:
    """Whether the plan-year items a measure serves are the very items its weak points name, on the assessed year's
    list (the plan year's is not published): the line would only say the same codes again."""
    serves = m.get("serves") or []
    said = {str(p.get("code", "")).lower() for p in m.get("points") or [] if isinstance(p, Mapping)}
    return bool(serves) and all(isinstance(x, Mapping) and x.get("assumed") and str(x.get("code", "")).lower() in said
                                for x in serves)


def proposing_rules(m: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The rules that proposed a measure, each once, with the layer the plan records for it ('built-in', or the
    office's rules folder; '' when the plan records none): for the officer and the auditor (the web page, the working
    notes), never the published table."""
    found: dict[str, str] = {}
    for fired in m.get("provenance") or []:
        if isinstance(fired, Mapping) and fired.get("rule"):
            found.setdefault(str(fired["rule"]), str(fired.get("layer") or ""))
    for rid in m.get("rules") or []:
        found.setdefault(str(rid), "")
    return list(found.items())


def replacing_rules(m: Mapping[str, Any]) -> set[str]:
    """The rules that proposed a measure in place of a built-in rule of the same id (an office's rule that replaces
    it): the auditor sees that their rule, not the built-in one, is the one that fired."""
    return {str(fired["rule"]) for fired in m.get("provenance") or []
            if isinstance(fired, Mapping) and fired.get("rule") and fired.get("replaces")}


def rules_line(m: Mapping[str, Any], t: Texts) -> str:
    """The rules that proposed a measure, in the documents' words: 'กฎที่เสนอมาตรการ: fy2569.e-service (กฎที่มากับ
    โปรแกรม)'; '' for a measure no rule proposed (one the officer added)."""
    named = [rid + (f" ({t('rule_layer_builtin')})" if layer == "built-in" else f" ({t('rule_layer_office')})"
                    if layer else "") for rid, layer in proposing_rules(m)]
    return f"{t('col_rules')}: {', '.join(named)}" if named else ""


def provenance_lines(plan: Plan, t: Texts) -> list[tuple[str, list[str]]]:
    """Per measure: its number and title, and the facts that made its rules fire (in Thai)."""
    out = []
    for row in measure_rows(plan, t):
        # a score an office's threshold below the target found: the documents say it against the target; the notes
        # say also the threshold that proposed the measure, and who set it
        facts = [f["text"] + (t("fact_office_limit", threshold=f"{f['office_limit']:g}", set_by=t("threshold_set_by"))
                              if f.get("office_limit") else "") for f in row["measure"].get("facts", [])]
        out.append((f"{row['no']}. {t.digits(row['title'])}", [t.digits(f) for f in facts]))
    return out


def measure_rows(plan: Plan, t: Texts) -> list[dict]:
    rows = []
    for number, m in enumerate(active_measures(plan), start=1):
        rows.append({"no": t.digits(str(number)), "title": m["title"], "codes": codes_text(m, t),
                     "plan_year": plan["plan_year"], "fiscal_year": plan["fiscal_year"],
                     "target": plan["scores"].get("target", 85),
                     "method": [t.digits(f"{i}. {step}") for i, step in enumerate(m["method"], start=1)],
                     "timeline": t.digits(" ".join(filter(None, (m["timeline"], printed_deadline(plan, m))))), "evidence": [t.digits(e) for e in m["evidence"]],
                     "owner": t.digits(m["owner"]), "note": m.get("note") or "", "measure": m})
    return rows


def issued_line(plan: Plan, t: Texts) -> str:
    """"จัดทำ ณ วันที่ 22 พฤศจิกายน พ.ศ. 2569": the day the plan was drafted (an officer may change it in the file),
    unless that is after the plan's year (drafted_on)."""
    day = drafted_on(plan)
    approved = ((plan.get("agency") or {}).get("signatories") or {}).get("approved") or {}
    if day is not None and approved.get("date"):
        # a document approved on a day was prepared by then: a plan drafted (uploaded) after the approval it
        # records (the officer entering a paper approval) is dated the approval day, the last day it can have been
        # prepared on, never after it
        try:
            day = min(day, _dt.date.fromisoformat(str(approved["date"])))
        except ValueError:
            pass
    if day is None:
        return ""
    return t("issued_on", date=t("date_be", day=day.day, month=MONTHS_FULL[day.month - 1], year=day.year + 543))


def approval_line(plan: Mapping[str, Any], t: Texts) -> str:
    """Who approves the measures and, when the profile gives the day (agency.signatories.approved.date), that they
    were approved then; otherwise the measures are proposed to that person for approval, which is what a draft is."""
    import datetime as _dt

    position = signoff_roles(plan, t, ("approved",))[0][2] or t("approval_executive")
    day = ((plan["agency"].get("signatories") or {}).get("approved") or {}).get("date")
    if day:
        date = _dt.date.fromisoformat(day)
        return t("approval_given", position=position,
                 date=t("date_be", day=date.day, month=MONTHS_FULL[date.month - 1], year=date.year + 543))
    return t("approval_proposed", position=position)


class Signer(NamedTuple):
    """Who signs one block of a document: the role (ผู้จัดทำ, ผู้อนุมัติ…), the name and position (blank when not
    known), and for the executive who approves, the day line under the block (``dated``): the approval's day when the
    profile gives it, else a line to date by hand, as a signed approval is dated."""

    role: str
    name: str
    position: str
    dated: str = ""


def signoff_lines(role: str, name: str, position: str, t: Texts, agency: str = "", narrow: bool = False,
                  beside: list[str] | None = None, dated: str = "") -> list[str]:
    """The lines under a signature: the signature line, the name in brackets, the position. In a narrow column (three
    signers side by side) a long position ending with the agency's name is given in two lines, the agency's name on
    the second, so that the name is never cut where the line happens to end (หัวหน้าสำนักปลัดองค์การบริหารส่วนตำบลห้วย
    / ทราย); the positions signed ``beside`` it (the row's others) are given so too, so that one row's blocks read
    alike (the report's ผู้รายงาน had the agency on a line of its own and its ผู้รับทราบ did not, round 22's newcomer)."""
    lines = [t("signoff_sign", role=role), f"({name})" if name else t("signoff_no_name")]
    tail = [dated] if dated else []
    if not position:
        return [*lines, t("signoff_no_position"), *tail]
    head = position.removesuffix(agency).strip() if agency else position

    def long_(text: str) -> bool:
        return bool(agency) and text.endswith(agency) and text != agency and len(text) > NARROW_POSITION

    if narrow and agency and head and head != position and (long_(position) or any(map(long_, beside or []))):
        return [*lines, t("signoff_position", position=head), agency, *tail]
    return [*lines, t("signoff_position", position=position), *tail]


NARROW_POSITION = 40  # characters of a position that fit a third of a landscape page's line at 14 pt (with ตำแหน่ง)


def signoff_roles(plan: Mapping[str, Any], t: Texts, roles: tuple[str, ...]) -> list[Signer]:
    """The sign-off blocks' signers: names and positions from the agency profile (``agency.signatories``), else the
    usual positions of the agency's type from settings, else blank lines; the approver's block dated (Signer)."""
    agency = plan["agency"]
    name = str(agency.get("name", ""))
    kind = agency_kind(str(agency.get("type", "")), name)
    given = agency.get("signatories") or {}
    out = []
    for role in roles:
        # the executive who acknowledges the report is the one who approved the measures, unless named apart
        person = given.get(role) or (given.get("approved") if role == "acknowledged" else None) or {}
        key = f"position_{role}_{kind}"
        default = t.catalogue.text(key) if kind and key in t.catalogue.texts else ""
        named = f"{key}_named"
        if kind and named in t.catalogue.texts and name.startswith((SAO[0], MUNICIPALITY[0])):  # its full name
            # the executive who approves is the executive of this agency: นายกองค์การบริหารส่วนตำบลห้วยทราย
            default = t(named, agency=name, place=name.removeprefix(MUNICIPALITY[0]))
        out.append(Signer(t(f"signoff_{role}"), str(person.get("name") or ""), str(person.get("position") or default),
                          signoff_date(person, t) if role == "approved" else ""))
    return out


def signoff_date(person: Mapping[str, Any], t: Texts) -> str:
    """The day line under the approver's signature: "วันที่ 20 พฤศจิกายน พ.ศ. 2569" when the profile gives the
    approval's day, else dotted lines to write it in by hand (a newcomer's trial: the approver signed undated)."""
    try:
        day = _dt.date.fromisoformat(str(person.get("date") or ""))
    except ValueError:
        return t("signoff_no_date")
    return t("signoff_date", date=t("date_be", day=day.day, month=MONTHS_FULL[day.month - 1], year=day.year + 543))
