"""The officer's notes of a plan (``officer_notes``) said in the interface's language.

A plan records its notes in Thai, the documents' language, from the catalogue's sentences (settings ``note_…``):
the web page and the working notes print them as they are. The command line speaks the interface's language, so
in English each note is read back against the catalogue sentence it was made from and said in English with the
same values; a note no sentence matches (a catalogue of one's own worded differently) is said as it is.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import cast

from itaplan.base.i18n_composed import N_
from itaplan.base.thai import fmt_date
from itaplan.content.catalogue import Catalogue
from itaplan.drafting.model import Plan
from itaplan.ita.framework import builtin_years, load_framework
from itaplan.ruling.provenance import say

# the English of each note the drafting gives the officer, with the catalogue sentence's own {fields}
ENGLISH = {
    "note_plan_framework_assumed": N_(
        "the ITA framework of FY{year} is not announced yet: this plan's measures cite the OIT items of "
        "FY{known_year}; when the NACC announces it, check the items cited and the timelines again"),
    "note_item_gone": N_(
        "item {code} {title} of FY{old_year} was not met, but the OIT items of FY{year} have none that corresponds: "
        "this plan does not propose publishing it; check that year's assessment manual"),
    "note_left_out": N_(
        "the measures table holds at most {limit} rows, so these measures are not in it: {titles}, which answer "
        "items {codes}; merge them into measures that are, or raise limits: max_measures in a file of the office's "
        "recommendations/ folder"),
    "note_left_out_no_codes": N_(
        "the measures table holds at most {limit} rows, so these measures are not in it: {titles}; merge them into "
        "measures that are, or raise limits: max_measures in a file of the office's recommendations/ folder"),
    "note_over_limit": N_(
        "the measures table has {rows} rows, more than the {limit} set by limits: max_measures: the measures beyond "
        "it answer different indicators, or would make a row of more than {per_row} measures (limits: "
        "max_per_row), and one row joining several indicators is hard to read; check the table, and merge rows "
        "by hand or raise limits: max_measures in a file of the office's recommendations/ folder"),
    "note_whole_gave_way": N_(
        "the measure {titles} is not in the measures table: even without it the table has {rows} rows, more than "
        "the {limit} set by limits: max_measures, so the measures answering the weak points come first; to keep it, "
        "merge it into a measure that is, or raise limits: max_measures in a file of the office's recommendations/ "
        "folder"),
    "note_budgets_unused": N_(
        "the budget set for {ids} is not printed in the documents: the plan holds no such measure"),
    "note_budget_replaced": N_(
        "the budget set for {ids} is not printed in the documents: the plan holds no such measure, as the office's "
        "rules propose {measures} in its place"),
    "note_no_measure": N_(
        "the analysis lists weak points {codes}, but no rule in force proposes a measure for them, so no row of the "
        "measures table answers them (a rule switched off by disable:, or narrowed to other years or a threshold? "
        "see itaplan rules lint); add a measure that answers them"),
    "note_total_below_indicators": N_(
        "the given total {given} is impossible: it is below every indicator's score (the lowest is indicator "
        "{number}, {bound}), and a total is a weighted mean of them: the total or the scores were typed (or "
        "published) wrong; check both against ITAS and correct the scores (replace the results) or the total (on the "
        "plan's page, or a total: line)"),
    "note_total_above_indicators": N_(
        "the given total {given} is impossible: it is above every indicator's score (the highest is indicator "
        "{number}, {bound}), and a total is a weighted mean of them: the total or the scores were typed (or "
        "published) wrong; check both against ITAS and correct the scores (replace the results) or the total (on the "
        "plan's page, or a total: line)"),
    "note_total_assumed_weights": N_(
        "the total {total} is computed from the tool scores with weights not confirmed for FY{year}, and the "
        "documents print it; give the total ITAS shows in the results file (a total: line) instead"),
    "note_previous_total_published": N_(
        "last year's total as published, {total} (FY{year}), does not follow from that year's indicators, which give "
        "{computed} (with the weights itaplan takes for that year); the documents measure the change of the total from "
        "the published figure, so the total's change and the indicators' changes may point different ways; check "
        "last year's figures against ITAS"),
    "note_label_undecided": N_(
        "the result label cannot be decided from the scores ({labels}): the rule for ผ่านดีเยี่ยม (every tool at "
        "85, or at 95) is not announced, so the documents print no label; check the label ITAS shows and give it in "
        "the results file (label: ผ่านดี; in a text file a line ผลการประเมิน: ผ่านดี, or อยู่ในระดับผ่านดี)"),
    "note_label_unknown": N_(
        "the result label (ผ่าน, ผ่านดี or ผ่านดีเยี่ยม) cannot be decided from the scores: some tool has no "
        "score, so the documents print no label; check the label ITAS shows and give it in "
        "the results file (label: ผ่านดี; in a text file a line ผลการประเมิน: ผ่านดี, or อยู่ในระดับผ่านดี)"),
    "note_label_unknown_eit_parts": N_(
        "the result label (ผ่าน, ผ่านดี or ผ่านดีเยี่ยม) cannot be decided from the scores: EIT's two parts are unknown "
        "(only EIT's mean is known), so the documents print no label; check the label ITAS shows and give it in "
        "the results file (label: ผ่านดี; in a text file a line ผลการประเมิน: ผ่านดี, or อยู่ในระดับผ่านดี)"),
}
_FIELD = re.compile(r"\{([a-z_]+)\}")


def _pattern(sentence: str) -> re.Pattern:
    """The catalogue sentence as a pattern: each {field} a group, the same field again the same text."""
    out, seen = [], set()
    at = 0
    for match in _FIELD.finditer(sentence):
        out.append(re.escape(sentence[at:match.start()]))
        name = match.group(1)
        out.append(f"(?P={name})" if name in seen else f"(?P<{name}>.*?)")
        seen.add(name)
        at = match.end()
    out.append(re.escape(sentence[at:]))
    return re.compile("".join(out), re.S)


@lru_cache(maxsize=64)
def _patterns(sentences: tuple[tuple[str, str], ...]) -> tuple[tuple[re.Pattern, str], ...]:
    return tuple((_pattern(sentence), key) for key, sentence in sentences)


@lru_cache(maxsize=1)
def _assumptions() -> dict[str, str]:
    """Every built-in framework's assumption in Thai -> its English (a label rule's note is an officer's note)."""
    return {a.note_th: a.note for year in builtin_years() for a in load_framework(year).assumptions
            if a.note_th and a.note}


def approval_ahead(plan: Plan, today: date) -> date | None:
    """The approval day (``agency.signatories.approved.date``) when it is after ``today``: the documents print the
    measures as approved on it ("ได้รับอนุมัติเมื่อวันที่ …"), which is not yet true, most often a year or a month
    mistyped. None when the day is today or before, or none (or no real day) is given."""
    day = (((plan.get("agency") or {}).get("signatories") or {}).get("approved") or {}).get("date")
    try:
        approved = date.fromisoformat(str(day)) if day else None
    except ValueError:
        return None
    return approved if approved is not None and approved > today else None


def approval_after_today(plan: Plan, today: date) -> str:
    """The command line's warning of an approval day after ``today`` (``approval_ahead``), naming the plan file's
    key; empty when there is none."""
    approved = approval_ahead(plan, today)
    if approved is None:
        return ""
    iso, be = approved.isoformat(), fmt_date(approved)
    return (f"the approval date {iso} ({be}, agency.signatories.approved.date) is after today ({today}): the "
            "documents say the measures were approved on that day; correct the date, or leave it out until they are "
            "approved")


def plan_warnings(plan: Plan, catalogue: Catalogue, lang: str) -> list[str]:
    """The plan's warnings that the scorecard does not give (it prints its own beside them): budgets set for
    measures the plan does not hold (``note_budgets_unused``), in ``lang`` as the officer's notes are."""
    prefix = str(catalogue.text("note_budgets_unused")).split("{", 1)[0]
    warnings = [str(w) for w in plan.get("warnings") or [] if prefix and str(w).startswith(prefix)]
    return officer_notes(cast(Plan, {"officer_notes": warnings}), catalogue, lang)


# notes whose advice is a command or a file's line, and the catalogue sentence the web page says instead
WEB_NOTES = {"note_no_measure": "note_no_measure_web",
             # the row limit's notes: on the web, the page's forms, not a setting in a recommendations/ file
             "note_left_out": "note_left_out_web", "note_left_out_no_codes": "note_left_out_no_codes_web",
             "note_over_limit": "note_over_limit_web", "note_whole_gave_way": "note_whole_gave_way_web"}


def web_notes(notes: list[str], catalogue: Catalogue) -> list[str]:
    """The officer's notes as the web page says them: a note that names a command (``itaplan rules lint``) in the
    page's words instead, with the same values; the web's officer has no terminal."""
    sentences = tuple((key, str(catalogue.text(key))) for key in WEB_NOTES)
    out = []
    for note in notes:
        for pattern, key in _patterns(sentences):
            found = pattern.fullmatch(note)
            if found:
                note = say(catalogue, WEB_NOTES[key], **found.groupdict())
                break
        out.append(note)
    return out


# the warnings that a score as typed may be wrong (far below its tool's others, far from last year's): the web page
# says them first, with the results they question, not among the plan's other warnings
SCORE_CHECKS = ("note_question_far_below", "note_question_far_below_part", "note_question_jump",
                "note_indicator_jump")


def score_checks_of(notes: list[str], catalogue: Catalogue) -> tuple[list[dict[str, str]], list[str]]:
    """The notes of ``SCORE_CHECKS`` among ``notes``, each as its values and its ``key`` (code, score, tool or part,
    median; or number, score, year, previous), and the other notes as they are."""
    sentences = tuple((key, str(catalogue.text(key))) for key in SCORE_CHECKS)
    found: list[dict[str, str]] = []
    rest = []
    for note in notes:
        values = next(({**m.groupdict(), "key": key} for pattern, key in _patterns(sentences)
                       for m in [pattern.fullmatch(note)] if m), None)
        if values is None:
            rest.append(note)
        else:
            found.append(values)
    return found, rest


def officer_notes(plan: Plan, catalogue: Catalogue, lang: str) -> list[str]:
    """The plan's notes for the officer in ``lang``: as recorded in Thai, or said in English."""
    notes = [str(note) for note in plan.get("officer_notes") or []]
    if lang == "th":
        return notes
    sentences = tuple((key, str(catalogue.text(key))) for key in ENGLISH)
    out = []
    for note in notes:
        # last year's notes are this year's sentences after "ข้อมูลปี 2568: ": said as "last year (2568): …"
        year = re.match(r"ข้อมูลปี (\d{4}): ", note)
        body = note[year.end():] if year else note
        english = _assumptions().get(body)
        for pattern, key in _patterns(sentences) if english is None else ():
            found = pattern.fullmatch(body)
            if found:
                english = ENGLISH[key].format(**found.groupdict())
                break
        if english and year:
            english = f"last year ({year.group(1)}): {english}"
        out.append(english or note)
    said = set((plan.get("scores") or {}).get("warnings") or [])  # the scorecard's, printed beside them: once
    return [note for note in out if note not in said]
