"""What an assessor reads for beyond the arithmetic, in a hand-made analysis or plan (`itaplan check DOCUMENT`):
laws cited with the wrong kind or year, the same bullet written twice in a list, a passing score said to show an
unqualified failing, a project card numbered unlike its row of the action-plan table, a question or item given
another year's title, and an item the document's years do not have. Each is judged only where the document shows
what it needs; the words come from engine/ita/vocabulary.yaml (laws, claims, cards), not from this code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from itaplan.base.errors import Problem
from itaplan.base.thai import BE_YEAR, MONTH_NAMES, month_number, to_arabic
from itaplan.ita.framework import Framework, builtin_years, load_framework, normalize_code
from itaplan.ita.gather import VOCAB

_LAWS = VOCAB["laws"]
_KINDS = sorted(_LAWS["kinds"], key=len, reverse=True)
_KIND_WORD = "|".join(map(re.escape, _KINDS))
_YEAR_WORDS = "|".join(map(re.escape, _LAWS["year_words"]))
_BE = BE_YEAR
# a law's name after its kind word (spaces and a leading การ optional), then its year within a few words
_LAW_PATTERNS = [
    (law, re.compile(rf"(?:(?P<kind>{_KIND_WORD})\s*)?(?:{re.escape(_LAWS['name_prefix'])})?{re.escape(law['name'])}"
                     rf"(?:\s*(?:{_YEAR_WORDS})\s*(?P<year>{_BE}))?"))
    for law in _LAWS["list"]
]
_CLAIMS = VOCAB["claims"]
_FIG = r"[0-9๐-๙]{1,3}\.[0-9๐-๙]{2}"
_SHOWS = re.compile(rf"(?P<score>{_FIG})\s*{re.escape(VOCAB['verdicts']['points'])}\s*"
                    rf"(?:{'|'.join(map(re.escape, _CLAIMS['shows']))})(?P<claim>.*)")
_BULLET = re.compile(r"^\s*(?:[-•*]|[0-9๐-๙]{1,2}[.)])\s+(?P<text>\S.*)$")
_CARD_NUMBER = re.compile(rf"^(?:\S*?)(?:{'|'.join(map(re.escape, VOCAB['cards']['number']))})\s*(?P<n>[0-9๐-๙]{{1,3}})\s*$")
_CARD_NAME = re.compile(rf"^(?:[0-9๐-๙]{{1,2}}\.\s*)?(?:{'|'.join(map(re.escape, VOCAB['cards']['name']))})\s*:?\s*"
                        r"(?P<name>\S.*)$")
_ROW = re.compile(r"^\|?\s*(?P<n>[0-9๐-๙]{1,3})\s*(?:\t|\|)\s*(?P<name>[^\t|]{6,})")
_ITEM = re.escape(VOCAB["assessor"]["item"])  # "ข้อ" before a code
_CODE_TITLE = re.compile(rf"(?:^|[\s(])(?:{_ITEM}\s*)?(?P<code>[OoIiEe]\s?[0-9๐-๙]{{1,2}}|๐[๐-๙]{{2}})\s+"
                         r"(?P<title>[^\s0-9๐-๙(][^0-9๐-๙()]{5,})")


_MONTHS = MONTH_NAMES
_PERIODS = VOCAB["report_periods"]
_SIX_MONTHS = re.compile("|".join(r"\s*".join(map(re.escape, w.split())) for w in _PERIODS["half_year"]))
# the date a line gives for publishing: "ภายใน ม.ค. 2570", "ภายในเดือนมีนาคม พ.ศ. 2570"
_BY = re.compile(rf"(?:{'|'.join(map(re.escape, _PERIODS['by']))})\s*(?P<month>{_MONTHS})\s*"
                 rf"(?:{re.escape(VOCAB['assessor']['era'])}\s*)?(?P<year>{_BE})")


def _plain(text: str) -> str:
    """A name compared without spaces, quotes or a trailing agency name's spacing."""
    return re.sub(r"[\s\"“”'‘’]", "", text)


def check_laws(lines: list[str], source: str) -> list[Problem]:
    """A law the list knows, cited with another kind (a พระราชกฤษฎีกา called พระราชบัญญัติ) or another year."""
    problems = []
    names = _LAWS["kind_names"]
    for number, raw in enumerate(lines, start=1):
        line = " ".join(raw.split())
        for law, pattern in _LAW_PATTERNS:
            for m in pattern.finditer(line):
                title = f"{names[law['kind']]}{law['name']}"
                kind = m.group("kind")
                if kind and _LAWS["kinds"][kind] != law["kind"]:
                    problems.append(Problem(source, f"'{m.group(0)}' names the law with the wrong kind: it is "
                                                    f"the {title} พ.ศ. {law['years'][-1]}", number))
                year = m.group("year")
                if year and int(to_arabic(year)) not in law["years"]:
                    problems.append(Problem(source, f"'{m.group(0)}' gives the law the wrong year: the {title} is of "
                                                    f"พ.ศ. {'/'.join(map(str, law['years']))}", number))
    return problems


def check_repeated_bullets(lines: list[str], source: str) -> list[Problem]:
    """The same bullet written twice in one list (the lines between them all bullets or blank)."""
    problems = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(lines, start=1):
        m = _BULLET.match(raw)
        if not m:
            if raw.strip():
                seen = {}  # the list has ended
            continue
        text = " ".join(m.group("text").split())
        if len(text) >= 20 and text in seen:
            problems.append(Problem(source, f"the same item is written twice in one list (lines {seen[text]} and "
                                            f"{number}): '{text[:60]}'", number))
        seen.setdefault(text, number)
    return problems


def check_claims(lines: list[str], source: str, target: float) -> list[Problem]:
    """A score at or above the target said to show a failing of the whole agency, with no word that it was some
    (บางราย): "ได้ 99.78 คะแนน แสดงถึงหน่วยงานมีการใช้งบประมาณไม่เป็นไปตามวัตถุประสงค์"."""
    problems = []
    for number, raw in enumerate(lines, start=1):
        line = " ".join(raw.split())
        m = _SHOWS.search(line)
        if not m:
            continue
        score = float(to_arabic(m.group("score")))
        claim = m.group("claim").split("  ")[0]
        failing = next((w for w in _CLAIMS["failing"] if w in claim), None)
        if score >= target - 0.005 and failing and not any(w in claim for w in _CLAIMS["some"]):
            problems.append(Problem(source, f"the score {score:.2f} is at or above the target {target:g}, but the sentence "
                                            f"says it shows '{failing}' with no word that only some said so "
                                            f"(บางราย, บางส่วน)", number))
    return problems


def check_cards(lines: list[str], source: str) -> list[Problem]:
    """A project card whose number is not the number of the action-plan table's row that names its project."""
    rows: dict[str, set[int]] = {}
    cards: list[tuple[int, str, int]] = []
    pending: tuple[int, int] | None = None  # (card number, its line)
    for number, raw in enumerate(lines, start=1):
        line = " ".join(raw.split())
        row = _ROW.match(raw.strip())
        if row:
            name = _plain(row.group("name"))
            if len(name) >= 6:
                rows.setdefault(name, set()).add(int(to_arabic(row.group("n"))))
        heading = _CARD_NUMBER.match(line)
        if heading:
            pending = (int(to_arabic(heading.group("n"))), number)
            continue
        named = _CARD_NAME.match(line)
        if named and pending and number - pending[1] <= 4:
            cards.append((pending[0], _plain(named.group("name")), pending[1]))
            pending = None
    wrong = []
    for card, name, number in cards:
        numbers = next((n for row_name, n in rows.items() if row_name == name or
                        (min(len(row_name), len(name)) >= 12 and (row_name.startswith(name) or
                                                                  name.startswith(row_name)))), None)
        if numbers and card not in numbers:
            wrong.append((card, "/".join(map(str, sorted(numbers))), number))
    if len(wrong) > 2:  # the cards follow another order than the table: said once, with every pair
        pairs = ", ".join(f"{card} → {row}" for card, row, _ in wrong)
        return [Problem(source, f"the project cards are numbered unlike the action-plan table's rows that name their "
                                f"projects, {len(wrong)} of them (card → row: {pairs})", wrong[0][2])]
    return [Problem(source, f"card {card} is the project of the action-plan table's row {row}: its number differs",
                    number) for card, row, number in wrong]


def _titles(code: str) -> dict[int, tuple[str, str]]:
    """The code's title in each built-in year, with how sure that title is (H, M or L), by year."""
    out = {}
    for year in builtin_years():
        fw = load_framework(year)
        own = fw.lookup(code)
        if own:
            out[year] = (_plain(fw.questions[own].title), fw.questions[own].confidence)
    return out


def check_titles(lines: list[str], source: str, years: Iterable[int]) -> list[Problem]:
    """A question or item printed with the title that code has in another year, not in the document's years (the
    year assessed and the plan year): "O25 แผนปฏิบัติการป้องกันการทุจริต" in a FY2569 analysis is FY2568's O25."""
    years = [y for y in years if y in builtin_years()]
    if not years:
        return []
    problems = []
    for number, raw in enumerate(lines, start=1):
        for m in _CODE_TITLE.finditer(" ".join(raw.split())):
            code = normalize_code(m.group("code"))
            if not code:
                continue
            titles = _titles(code)
            said = _plain(m.group("title"))
            own = [titles[y][0] for y in years if y in titles]  # a document's own years at any confidence
            if not own or any(said.startswith(t) or t.startswith(said) for t in own):
                continue
            other = [y for y, (t, sure) in titles.items() if y not in years and sure in ("H", "M") and len(t) >= 6
                     and said.startswith(t) and t not in own]
            if other:
                fw = load_framework(years[0])
                theirs = fw.questions[fw.lookup(code) or code].title if fw.lookup(code) else ""
                problems.append(Problem(source, f"the code {m.group('code')} is given the title it has in {other[-1]}, not in "
                                                f"{years[0]} ('{theirs}')", number))
    return problems


def check_codes(lines: list[str], source: str, fw: Framework | None, plan_year: int | None) -> list[Problem]:
    """An OIT item cited that neither the year assessed nor the plan year has ("O41" in a FY2568 document, whose
    items end at O33): it is another year's number."""
    if fw is None:
        return []
    plan = load_framework(plan_year) if plan_year in builtin_years() else None
    oit = sorted(int(c[1:]) for c in fw.questions if c[0] in "oO")
    if not oit:
        return []
    problems = []
    for number, raw in enumerate(lines, start=1):
        for m in re.finditer(rf"{_ITEM}\s*(?P<code>[Oo][0-9๐-๙]{{1,2}})(?![0-9๐-๙])", " ".join(raw.split())):
            code = normalize_code(m.group("code")) or ""
            if fw.lookup(code) is None and (plan is None or plan.lookup(code) is None):
                problems.append(Problem(source, f"the item {m.group('code')} is not an item of the {fw.fiscal_year} "
                                                f"assessment (its items are O1–O{oit[-1]})", number))
    return problems


def check_report_periods(lines: list[str], source: str) -> list[Problem]:
    """A six-month report (รอบ 6 เดือน: October to March) said to be published before the period it reports on has
    ended: "ภายใน ม.ค. 2570" for the six-month report of FY2570."""
    problems = []
    for number, raw in enumerate(lines, start=1):
        line = " ".join(raw.split())
        six = _SIX_MONTHS.search(line)
        if not six:
            continue
        # the date said of that report: in the same clause, not a later step's ("4. เผยแพร่รายงาน … ภายใน ธ.ค.")
        clause = re.split(r"\s[0-9๐-๙]{1,2}[.)]\s", line[six.end():six.end() + 90])[0]
        m = _BY.search(clause)
        if m:
            month = month_number(m.group("month"))
            if month in (10, 11, 12, 1, 2, 3):  # still inside the half year it reports on
                problems.append(Problem(source, f"the six-month report covers October to March, but '{m.group(0)}' "
                                                "would publish it before March has ended", number))
    return problems
