"""The plan's types, mirroring ``base/plan.schema.json`` (version ``plan.PLAN_SCHEMA``): plain data on disk and in
memory (the file format is the schema's), typed for the code that drafts, renders, checks and follows it up.

Each object is a TypedDict: the schema's required keys in a base class, its optional ones (and the few working
keys drafting keeps beside them in memory: ``left_out``, ``months``, ``owner_role``, ``priority``) with
``total=False``. A plan read from a file is validated against the schema first (``plan.plan_from_data``), so code
that holds a ``Plan`` may rely on these keys and types.
"""

from __future__ import annotations

from typing import Any, Literal, TypedDict

Category = Literal["strong", "watch", "weak_rose", "weak_fell", "weak", "unknown"]
Status = Literal["proposed", "kept", "changed", "dropped", "not started", "in progress", "done"]
ProgressStatus = Literal["not started", "in progress", "done", "dropped"]

# between the sentences of a measure's ``issue`` (one per weak point it answers, or per measure merged into its row):
# each is printed on a line of its own, as the row's evidence is (a space ran "…ใช้งานได้ไม่ครบ ผู้ประเมินไม่พบ…"
# together: Thai sentences end with no stop)
ISSUE_SEPARATOR = "\n"


class Header(TypedDict, total=False):
    document: str  # "plan"
    schema: int
    version: str
    drafted: str
    evaluator: str
    rules: str
    source: str
    results_key: str  # the results as given when drafted (the web app's twin check), unchanged by later rescoring


class Signatory(TypedDict, total=False):
    name: str
    position: str
    date: str  # ISO: the day this person signed (the executive's approval)


class PlanAgency(TypedDict, total=False):
    name: str
    type: str | None
    district: str | None
    province: str | None
    departments: dict[str, str] | None
    staff: int | None
    budgets: dict[str, float] | None
    signatories: dict[str, Signatory] | None


class IndicatorRow(TypedDict, total=False):
    number: int
    name: str
    tool: str
    score: float | None
    previous: float | None
    change: float | None
    relative_change: float | None
    passed: bool | None
    direction: str | None
    direction_text: str | None
    source: str | None
    category: Category
    parts: dict[str, float | None]
    subindicators: dict[str, float | None]
    computed: float | None


class Previous(TypedDict, total=False):
    fiscal_year: int | None
    total: float | None
    computed_total: float | None  # only when the total was given (as published) and differs from its indicators'
    change: float | None
    relative_change: float | None


class Scores(TypedDict, total=False):
    total: float | None
    level: str | None
    label: str | None
    target: float
    passed: bool | None
    fiscal_year: int
    reported_total: float | None
    tools: dict[str, float | None]
    weighted_tools: dict[str, float | None]
    total_source: str | None
    tool_sources: dict[str, str | None]
    weighted_tool_sources: dict[str, str | None]
    weights: dict[str, float | None]
    gaps: dict[str, float | None]
    indicators: list[IndicatorRow]
    questions: list[dict[str, Any]]
    previous: Previous | None
    warnings: list[str]
    assumptions: list[str]


class Point(TypedDict, total=False):
    text: str
    code: str | None
    part: int
    score: float | None
    issue: str
    measures: list[str]  # the ids of the measures that answer it, in the table's order
    threshold: float  # a question at the target that a rule's own threshold above it (an office's 90) found below it
    title: str  # such a question's title (both EIT parts below one threshold print as one sentence)


class Issue(TypedDict, total=False):
    number: int
    name: str
    category: Category
    score: float | None
    heading: str
    points: list[Point]


class CategoryGroup(TypedDict, total=False):
    key: Category
    heading: str
    indicators: list[int]
    lines: list[str]
    cites: list[list[str]]  # per line, the ids of the measures it cites


class HandledPoint(TypedDict, total=False):
    code: str
    part: int
    text: str


class Maintain(TypedDict):
    indicator: int
    statement: str


class Analysis(TypedDict, total=False):
    summary: list[str]
    indicators: list[IndicatorRow]
    issues: list[Issue]
    maintain: list[Maintain]
    tools: list[dict[str, Any]]
    strengths_heading: str
    weaknesses_heading: str
    strengths: list[str]
    weaknesses: list[str]
    categories: list[CategoryGroup]
    coverage: str | None


class StakeEntry(TypedDict, total=False):
    code: str
    part: int | None
    kind: Literal["publish", "improve"]


class PointsAtStake(TypedDict, total=False):
    to_target: float | None
    to_max: float | None
    entries: list[StakeEntry]
    reason: str | None


class Progress(TypedDict, total=False):
    status: ProgressStatus
    done: str
    outcome: str
    suggestion: str
    reason: str  # why the measure was cancelled (or is behind) during the year
    links: list[str]
    started: str | None
    finished: str | None
    updated: str | None


class Project(TypedDict, total=False):
    name: str
    rationale: str
    objectives: list[str]
    target_group: str
    outputs: list[str]
    outcomes: list[str]
    budget: float | None
    budget_unset: list[str]  # a merged row's members that set no budget (the budget is the others' sum)
    area: str
    kpi: list[str]


class PointItem(TypedDict, total=False):
    """A weak point of the assessed year that a measure answers."""

    year: int
    code: str
    tool: str
    part: int
    score: float
    title: str
    confidence: str
    met: bool  # OIT items
    text: str


class ServedItem(TypedDict, total=False):
    """An OIT item of the plan year's framework (or, assumed, the latest known year's) that a measure serves."""

    year: int
    code: str
    title: str
    confidence: str
    period: str  # current, previous_year, half_year, monthly
    period_confidence: str
    relation: str  # same, successor, related
    assumed: bool
    text: str
    assessed: dict[str, Any]  # the assessed year's item it comes from: {year, code, title}


class Added(TypedDict, total=False):
    by: Literal["catalogue", "own"]  # a catalogue's measure no rule proposed, or the agency's own
    on: str  # ISO: the day it was added


class Measure(TypedDict, total=False):
    id: str
    indicator: int | None  # None: imported from a table that names none (the officer sets it)
    indicator_from: str  # how import found it (plan.schema.json)
    indicator_doubt: dict[str, int]  # import kept a number the line above named by another's name
    indicators: list[int]  # a card of several indicators: each it serves, its own (indicator) among them
    codes: list[str]
    parts: dict[str, list[int]]
    title: str
    issue: str
    recommendation: str
    method: list[str]
    timeline: str
    evidence: list[str]
    owner: str
    rules: list[str]
    status: Status
    note: str | None  # the officer's own note on the measure
    rationale: str  # the officer's หลักการและเหตุผล for its project card, printed instead of the drafted one
    dropped_reason: str  # why it was dropped at review; cleared when it is kept again
    dimension: int | None
    progress: Progress
    provenance: list[dict[str, Any]]
    project: Project
    facts: list[dict[str, Any]]
    points: list[PointItem | str]  # a sentence only in plans before format 3
    serves: list[ServedItem | str]
    basis: list[str]
    publish_by: str
    points_at_stake: PointsAtStake
    fact_indicators: list[int]
    added: Added  # a measure the officer added, not proposed by a rule
    # kept in memory while drafting, and in the plan file as drafted
    months: dict[str, int]
    owner_role: str
    priority: int
    imported_from: str
    merged: list[str]  # the ids of the measures a grouped row stands for
    members: list[dict[str, Any]]  # a grouped row's measures, each with its own id, title, codes and fact_indicators
    period: dict[str, str]  # an imported measure's start and end (ISO)


class Whatif(TypedDict, total=False):
    target: float
    gains_known: bool
    unknown_reason: str | None
    unknown_indicators: list[int]
    intro: str
    note: str
    ranked: list[dict[str, Any]]
    goals: list[dict[str, Any]]


class _PlanRequired(TypedDict):
    itaplan: Header
    framework: str
    fiscal_year: int
    plan_year: int
    agency: PlanAgency
    scores: Scores
    analysis: Analysis
    measures: list[Measure]


class Plan(_PlanRequired, total=False):
    """A plan: the analysis of one year's results and the measures for the plan year (plan.schema.json)."""

    answers_item: str | None
    answers_item_title: str | None  # the item's name in the plan year's list: the document's title
    report_item: str | None
    report_year: int
    report_assumption: str
    report_assumption_th: str
    whatif: Whatif
    maintain: list[Maintain]
    warnings: list[str]
    officer_notes: list[str]  # for the officer only: never printed in the documents
    handled_points: list[HandledPoint]  # the agency's statement on a weak point no kept measure answers (handled.py)
    plan_framework: dict[str, Any]
    assumptions: list[str]
    review: dict[str, Any]
    progress: dict[str, Any]
    left_out: list[dict[str, Any]]  # measures the row limit left out (told to the officer)
    imported: dict[str, Any]
