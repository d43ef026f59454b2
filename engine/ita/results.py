"""What a results file says, after loading: plain data, nothing computed yet."""

from __future__ import annotations

from dataclasses import dataclass, field

from itaplan.ita.framework import Framework


@dataclass
class Agency:
    """Who the results are of. ``kind`` (from the type or the name): ``sao`` for an องค์การบริหารส่วนตำบล,
    ``municipality`` for a เทศบาล, "" otherwise (their laws, executives and positions are worded differently)."""

    name: str = ""
    type: str = ""
    district: str = ""
    province: str = ""
    departments: dict[str, str] = field(default_factory=dict)  # role -> the agency's own unit name
    staff: int | None = None  # number of personnel, for the project cards' target groups
    budgets: dict[str, float] = field(default_factory=dict)  # measure id -> budget in baht, for the project cards
    signatories: dict[str, dict[str, str]] = field(default_factory=dict)  # role -> {name, position}, for sign-offs

    @property
    def kind(self) -> str:
        return agency_kind(self.type, self.name)

    def to_dict(self) -> dict:
        data: dict = {"name": self.name, "type": self.type, "district": self.district, "province": self.province}
        if self.departments:
            data["departments"] = dict(self.departments)
        if self.staff:
            data["staff"] = self.staff
        if self.budgets:
            data["budgets"] = dict(self.budgets)
        if self.signatories:
            data["signatories"] = {k: dict(v) for k, v in self.signatories.items()}
        return {k: v for k, v in data.items() if v}


@dataclass
class QuestionScore:
    code: str  # the framework's own spelling
    score: float
    part: int | None = None  # EIT part 1 or 2 in years with two parts
    line: int | None = None


@dataclass
class Results:
    source: str
    framework: Framework
    agency: Agency
    questions: list[QuestionScore] = field(default_factory=list)
    indicators: dict[int, float] = field(default_factory=dict)  # given directly
    total: float | None = None  # the reported total: it stands, and is compared with the computed one
    previous: Results | None = None
    notes: list[str] = field(default_factory=list)
    framework_stand_in: bool = False  # last year's results in a year without a framework: indicators only
    tools: dict[str, float] = field(default_factory=dict)  # given tool scores: IIT, EIT, EIT1, EIT2, OIT
    level: str | None = None  # the level (AA-F) the source gives: it stands, and is compared with the total's
    label: str | None = None  # the result label the source gives (ITAS): it stands
    warnings: list = field(default_factory=list)  # errors.Problem: lines that were not read (text, documents)
    unread: list[tuple[int, str]] = field(default_factory=list)  # question lines not read: (line number, code)
    year_line: int | None = None  # the line (or row) that says the fiscal year, to point at when it is wrong
    year_what: str = "line"  # "row" in a table
    # last year's results that name no agency (or whose agency is not named here): taken to be this agency's, and
    # the officer is told so (scoring's note ``last_year_agency_assumed``)
    agency_assumed: bool = False

    @property
    def fiscal_year(self) -> int:
        return self.framework.fiscal_year


SAO = ("องค์การบริหารส่วนตำบล", "อบต")
MUNICIPALITY = ("เทศบาล",)


def agency_kind(type_: str, name: str) -> str:
    """``sao``, ``municipality`` or "": the kind of local government an agency is, from its type, else its name."""
    for text in (type_, name):
        if str(text).startswith(SAO):
            return "sao"
        if str(text).startswith(MUNICIPALITY):
            return "municipality"
    return ""
