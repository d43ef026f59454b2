"""`itaplan check DOCUMENT`: the figures of an analysis (text, Markdown, HTML, Word or PDF, hand-made or a
document itaplan wrote) re-derived from the document's own numbers, each disagreement reported with its line.

What is checked: an indicator average (`คะแนนเฉลี่ย` under its questions, or an indicator heading with a
score) against the mean of the question scores printed above it (OIT sub-indicators: the mean of their
means); a change printed beside two scores against their difference (or the relative change against
the right base), in the orders sentences put them ("ได้ A ลดลง C คะแนนจาก B", a percentage of last year's
third); a rise or fall word against the two scores it describes; a level against the total;
template text left in ((ระบุชื่อหน่วยงาน), [ใส่…], xxx). A line that lists scores side by side or says what
would happen (เมื่อถึง…, หาก…) states no change. itaplan's own documents pass (a test renders every golden case).
Plans are checked by engine/check.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from itaplan.base.errors import Problem
from itaplan.base.thai import BE_YEAR, month_number, parse_number, round2, to_arabic
from itaplan.base.yamlio import read_text
from itaplan.checking.assessor import (
    check_cards,
    check_claims,
    check_codes,
    check_laws,
    check_repeated_bullets,
    check_report_periods,
    check_titles,
)
from itaplan.drafting.timeline import SPAN
from itaplan.ita.framework import Framework, builtin_years, load_framework, normalize_code
from itaplan.ita.gather import NO, VOCAB, YES
from itaplan.ita.pasted import (
    _TEXT_AGENCY,
    _TEXT_AVERAGE,
    _TEXT_CODE,
    _TEXT_HEADING,
    _TEXT_LEVEL,
    _TEXT_TOTAL,
    _TEXT_TOTAL_SAID,
    _TEXT_YEAR,
    _answer,
)
from itaplan.ita.results import agency_kind

_PH = VOCAB["placeholders"]
_PLACEHOLDER = re.compile(
    r"[(\[{<（]\s*(?:" + "|".join(map(re.escape, _PH["words"] + _PH["names"])) + r")[^)\]}>）]{0,60}[)\]}>）]"
    + "|(?:" + "|".join(map(re.escape, _PH["words"])) + r")(?:" + "|".join(map(re.escape, _PH["after_words"])) + r")\S{0,16}"
    + "|" + "|".join(map(re.escape, _PH["marks"])))
# a placeholder drafting never filled ({agency}, {plan_year, {{agency}}, {ปีงบประมาณ}) or a lone brace: a published
# plan prints no braces at all
UNFILLED = re.compile(r"\{[^{}\n]{0,40}\}+|\{[^\s{}]{0,40}|\}")
# a number written into a form's dotted blank: "……61.45………"
_FORM_BLANK = re.compile(r"(?:…|\.\.){2,}\s*[0-9๐-๙]{1,3}(?:\.[0-9๐-๙]{1,2})?\s*(?:…|\.\.){2,}")
_CATEGORY = {kind: tuple(words) for kind, words in VOCAB["categories"].items()}
_NUMBERED = re.compile(r"^(?P<n>[0-9๐-๙]{1,2})\.\s*(?=[^\s0-9๐-๙])")
_A = VOCAB["assessor"]
_FIG2 = r"[0-9๐-๙]{1,3}\.[0-9๐-๙]{1,2}"  # a score with its decimals
_INDICATOR_ITEM = re.compile(rf"^(?:{re.escape(_A['indicator'])}\s*)?(?P<n>[0-9๐-๙]{{1,2}})\.?\s+(?P<name>[^0-9๐-๙(]+?)\s*"
                             rf"(?P<score>{_FIG2})?\s*(?:{re.escape(VOCAB['verdicts']['points'])})?$")
_AGENCY_WORDS = VOCAB["agency_words"]
_SCORED, _POINTS = re.escape(VOCAB["verdicts"]["scored"]), re.escape(VOCAB["verdicts"]["points"])
_LISTED = re.compile(rf"^[-•*]\s*{re.escape(_A['indicator'])}\s*(?P<n>[0-9๐-๙]{{1,2}})\s[^0-9๐-๙]*?{_SCORED}\s*"
                     rf"(?P<score>{_FIG2})\s*{_POINTS}")
# "มีข้อที่ได้คะแนนต่ำกว่า 85 คะแนน ได้แก่ i10, i12" and a question's score said in a sentence
_QCODE = r"[iIeE][0-9๐-๙]+(?:\s*\([^)]*\))?"
_LISTED_BELOW = re.compile(rf"{re.escape(_A['below'])}\s*(?P<target>[0-9๐-๙]{{2,3}})\s*{_POINTS}\s*{re.escape(_A['namely'])}\s*"
                           rf"(?P<codes>{_QCODE}(?:\s*,\s*{_QCODE})*)")
_QUESTION_SAID = re.compile(rf"{re.escape(_A['item'])}\s*(?P<code>[iIeE][0-9๐-๙]+)[^:0-9๐-๙]*?(?:\([^)]*\)\s*)?{_SCORED}\s*"
                            rf"(?P<score>{_FIG2})\s*{_POINTS}")
# after a question's score, its other EIT part in the same sentence ("… คะแนน และ (EIT ส่วนที่ 2) ได้ 88.20 คะแนน")
_MORE_PART = re.compile(rf"\s*{re.escape(_A['and_part'])}\s*\([^)]*\)\s*{_SCORED}\s*(?P<score>{_FIG2})\s*{_POINTS}")
# a timeline's span: "ต.ค. 2568 – ก.ย. 2569", "ตุลาคม ๒๕๖๗ - กันยายน ๒๕๖๘"
_ERA = rf"(?:{re.escape(_A['era'])}\s*)?"
_BE = BE_YEAR
_SPAN = SPAN  # as the officer's warnings of a typed timeline read it (followup.deadlines)
_FISCAL = "|".join(map(re.escape, _A["fiscal_year"]))
_PLAN_TITLE = re.compile(rf"{re.escape(_A['plan_title'])}.*?(?:{_FISCAL})\s*{_ERA}(?P<year>{_BE})")
_ASSESSED = re.compile(rf"(?:{'|'.join(map(re.escape, _A['assessed']))}).*?(?:{_FISCAL})\s*{_ERA}(?P<year>{_BE})")
_SECTION = re.compile(r"^(?:#+\s*)?[0-9๐-๙]+(?:\.[0-9๐-๙]+)*\.?\s")
_NUMBER = re.compile(r"(?<![0-9๐-๙.])[-+−]?[0-9๐-๙]{1,3}(?:\.[0-9๐-๙]{1,2})(?![0-9๐-๙])")
_RISE = VOCAB["rise"]
_FALL = VOCAB["fall"]
_PROJECTION = VOCAB["projection"]
_PARTS_MEAN = VOCAB["parts_mean"]
_PER_CENT = re.compile(r"[0-9๐-๙]\s*%")
_CHANGE = VOCAB["change"]
_FROM = VOCAB["change_from"]
_V = VOCAB["verdicts"]
_FIG = r"[0-9๐-๙]{1,3}(?:\.[0-9๐-๙]{1,2})?"
# the total and what a sentence says of it on the same line: "ได้คะแนนรวม 87.50 คะแนน อยู่ในระดับ A ผลการประเมินผ่าน"
_TOTAL_SAID = re.compile(rf"(?:{'|'.join(map(re.escape, _V['total']))})\s*[:=]?\s*(?P<score>{_FIG})(?![0-9๐-๙])")
_LEVEL_SAID = re.compile(rf"(?:{'|'.join(map(re.escape, _V['level']))})\s*:?\s*(?P<level>AA|[A-F])(?![A-Za-z])")
_LABEL_SAID = re.compile(rf"(?:{'|'.join(map(re.escape, _V['label']))})\s*(?P<label>{re.escape(_V['failed'])}|"
                         rf"{re.escape(_V['passed'])})")
# the result label said of the total: "ผลการประเมินผ่านดี", judged against the tools said (FY2566 on)
_FULL_LABEL = re.compile(rf"(?:{'|'.join(map(re.escape, _V['label']))})\s*"
                         rf"(?P<label>{'|'.join(map(re.escape, VOCAB['assessor']['labels']))})")
_TOOL = rf"(?P<tool>{'|'.join(map(re.escape, _V['tool_names']))})"  # longest first: "EIT ส่วนที่ 1" before "EIT"
_TOOL_SCORE = re.compile(rf"{_TOOL}\s*(?P<score>{_FIG})(?![0-9๐-๙])")
_TOOL_GAP = re.compile(rf"{_TOOL}\s*(?:{'|'.join(map(re.escape, _V['below']))})\s*(?P<gap>{_FIG})\s*{re.escape(_V['points'])}")
_GAP_CLAUSE = re.compile(rf"(?:{'|'.join(map(re.escape, _V['below']))})\s*{_FIG}\s*{re.escape(_V['points'])}")


_YEAR_ROW = re.compile(rf"^(?P<year>{_BE})\s+(?P<total>{_FIG})\s+(?P<level>AA|[A-F])"
                       rf"(?:\s+(?P<label>{'|'.join(map(re.escape, VOCAB['assessor']['labels']))})(?!\S))?(?:\s.*)?$")


def _check_year_row(m: re.Match[str], number: int, source: str, fw: Framework | None, said: _Said) -> list[Problem]:
    """A row of the year-by-year table: its level against its total by that year's scale; its label against the
    total (ผ่าน and better need the target, ผ่านดีเยี่ยม 95), and for the year assessed against the tools said."""
    year, total = int(to_arabic(m.group("year"))), _number(m.group("total"))
    if total is None or year not in builtin_years():
        return []
    scale = load_framework(year)
    problems = []
    if scale.level_of(total) != m.group("level"):
        problems.append(Problem(source, f"level {m.group('level')} does not match the total {total:.2f} of {year} on "
                                        f"the same line: that is level {scale.level_of(total)}", number))
    label = m.group("label")
    if label and scale.labels:
        if label == _V["failed"] and total >= scale.target - 0.005:
            problems.append(Problem(source, f"'{label}' is written but the total {total:.2f} of {year} is at or above "
                                            f"the target {scale.target:g}", number))
        elif label != _V["failed"] and total < scale.target - 0.005:
            problems.append(Problem(source, f"'{label}' is written but the total {total:.2f} of {year} is below the "
                                            f"target {scale.target:g}", number))
        elif fw is not None and year == fw.fiscal_year:
            said.labels.append((label, number))  # judged against the tools the document gives (_check_labels)
    return problems


@dataclass
class _Said:
    """What earlier lines of the document said: the total, the tools' scores."""

    total: float | None = None
    tools: dict[str, float] = field(default_factory=dict)
    labels: list[tuple[str, int]] = field(default_factory=list)  # result labels said, with their lines


# a score and its verdict against the target: "ได้ 70.04 คะแนน (ผ่านค่าเป้าหมาย)", "ได้ 80.04 คะแนน ต่ำกว่าเป้าหมาย 4.96 คะแนน"
_SCORE_VERDICT = re.compile(rf"{re.escape(_V['scored'])}\s*(?P<score>{_FIG})\s*{re.escape(_V['points'])}\s*\(?\s*"
                            rf"(?:(?P<met>{'|'.join(map(re.escape, _V['met']))})|"
                            rf"(?P<below>{'|'.join(map(re.escape, _V['below']))})(?:\s*(?P<gap>{_FIG})\s*{re.escape(_V['points'])})?)")
_CELLS = re.compile(r"\t|\|")
_SIGNED = re.compile(r"\s*[-+−]?\s*[0-9๐-๙]{1,3}(?:\.[0-9๐-๙]{1,2})?\s*(?:\([^)]*\))?\s*")  # a cell that is a figure


@dataclass
class _Question:
    code: str
    score: float
    line: int


def _r2(value: float) -> float:
    return round2(value)  # halves up, as the plan's figures are rounded


def _number(text: str) -> float | None:
    return parse_number(to_arabic(text).replace("−", "-"))


def _block_mean(block: list[_Question], fw: Framework | None) -> float:
    if fw is not None:
        groups: dict[str | None, list[float]] = {}
        for q in block:
            meta = fw.questions.get(q.code)
            groups.setdefault(meta.subindicator if meta else None, []).append(q.score)
        if len(groups) > 1 and None not in groups:
            means = [sum(v) / len(v) for v in groups.values()]
            return sum(means) / len(means)
    return sum(q.score for q in block) / len(block)


def _partial(block: list[_Question], fw: Framework) -> bool:
    """Whether a table prints fewer than all the questions of its indicator."""
    code = fw.lookup(block[0].code)
    if code is None:
        return False
    indicator = fw.questions[code].indicator
    wanted = {c.lower() for c in fw.codes_by_indicator.get(indicator, [])}
    return bool(wanted) and not wanted <= {q.code.lower() for q in block}


def _codes(block: list[_Question]) -> str:
    return f"{block[0].code}–{block[-1].code}" if len(block) > 1 else block[0].code


def empty_issue_headings(lines: list[str], issues_heading: str, indicator_word: str,
                         ends: set[str] | None = None) -> list[int]:
    """The index of each indicator's heading in the development points section (``issues_heading``) with no line
    under it before the next heading, the section's end or the document's: a heading that tells the reader
    nothing. ``ends``: other headings (without their numbers) that end the section."""
    out: list[int] = []
    inside, pending = False, None
    for index, raw in enumerate(lines):
        line = to_arabic(raw).strip()
        if not line:
            continue
        bare = re.sub(r"^[#\s]*(\d+(\.\d+)*\.?)?\s*", "", line).strip("*").strip()
        section = line.startswith("#") or bool(re.match(r"^\d+(\.\d+)*\.?\s", line)) or bare in (ends or set())
        if bare == issues_heading:
            if pending is not None:
                out.append(pending)
            inside, pending = True, None
            continue
        if not inside:
            continue
        if section:
            if pending is not None:
                out.append(pending)
            inside, pending = False, None
        elif bare.startswith(indicator_word) and not line.startswith(("-", "•")):
            if pending is not None:
                out.append(pending)
            pending = index
        else:
            pending = None
    if pending is not None:
        out.append(pending)
    return out


def _ends_of_issues() -> set[str]:
    """The headings that may follow the development points section in itaplan's own documents, unnumbered."""
    from itaplan.content.catalogue import load_catalogue

    return {load_catalogue([]).text("h_maintain")}


_TOOLS_SAID = re.compile(r"คะแนนรายเครื่องมือ\s*(?:ได้แก่)?\s*(?P<tools>.+)")
_TOOL_SCORE = re.compile(r"(?P<tool>IIT|EIT(?: ส่วนที่ [12๑๒])?|OIT) (?P<score>[0-9๐-๙]+(?:\.[0-9๐-๙]+)?)")


def check_lines(lines: list[str], source: str) -> list[Problem]:
    problems: list[Problem] = []
    fw: Framework | None = None
    assessed = _assessed_year(lines)
    if assessed in builtin_years():
        fw = load_framework(assessed)
    block: list[_Question] = []
    total: tuple[float, int] | None = None
    levels: list[tuple[str, int]] = []
    said = _Said()
    kind = _agency_kind(lines)
    names = _indicator_names(fw)
    category: str | None = None  # the list of strong or weak indicators the lines are in
    no_item_below = False
    listed: list[tuple[int, str, int]] = []  # (indicator, category, line)
    scored: dict[int, tuple[float, int]] = {}  # indicator -> (score, line), wherever the document gives it
    averages: list[tuple[float, int]] = []
    last_numbered: tuple[tuple[str, str], int] | None = None
    said_total: tuple[float, int] | None = None
    question_scores: dict[str, list[tuple[float, int]]] = {}  # every score the document gives a question, by line
    listed_below: list[tuple[str, int]] = []  # questions said to be below the target, with their lines
    tool_scores: list[tuple[float, str, int]] = []  # (score, tool, line) of the sentence on the tools' scores
    for number, raw in enumerate(lines, start=1):
        line = " ".join(raw.split())
        if not line:
            continue
        m: re.Match[str] | None
        for m in _PLACEHOLDER.finditer(line):
            problems.append(Problem(source, f"template text left in: '{m.group(0)}'", number))
        for m in UNFILLED.finditer(line):
            problems.append(Problem(source, unfilled(m.group(0)), number))
        for m in _FORM_BLANK.finditer(line):
            problems.append(Problem(source, f"a form's dotted blank left around a figure: '{m.group(0)}'", number))
        if kind:
            for word in _AGENCY_WORDS[kind[0]]["foreign"]:
                # "ข้อบัญญัติ/เทศบัญญัติ": a form's alternatives, one of them the document's own kind, name no other
                if word in line and not re.search(rf"/\s*{re.escape(word)}|{re.escape(word)}\s*/", line):
                    problems.append(Problem(source, f"'{word}' belongs to another kind of local government than "
                                                    f"this document's {kind[1]}", number))  # kind: (kind, agency)
        numbered = _NUMBERED.match(line)
        if numbered and not _TEXT_CODE.match(line):
            # the same list: the same digits (Thai or Arabic) at the same indentation, a few lines apart; a list
            # may start again at 1
            n = numbered.group("n")
            key = (n, raw[:len(raw) - len(raw.lstrip())])
            if last_numbered and last_numbered[0] == key and number - last_numbered[1] <= 8 and to_arabic(n) != "1":
                problems.append(Problem(source, f"number {to_arabic(n)} is used twice in a numbered list (lines "
                                                f"{last_numbered[1]} and {number})", number))
            last_numbered = (key, number)
        for kind_name, words in _CATEGORY.items():
            if any(w in line for w in words) and len(line) < 240:  # a heading, not a sentence that mentions one
                category = kind_name
                no_item_below = _A["no_item_below"] in line  # the heading says its indicators have no weak item
                break
        else:
            if _SECTION.match(line):  # another section: the list of strong or weak indicators has ended
                category = None
        bullet = _LISTED.match(line)
        if bullet and category:  # "- ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล ได้ 92.50 คะแนน ..." in a list of strong or weak ones
            own = _number(bullet.group("score")) if bullet.group("score") else None
            bulleted = int(to_arabic(bullet.group("n")))
            if own is not None:
                problems += _check_categories([(bulleted, category, number)], {bulleted: (own, number)}, source)
                if category == "strong" and no_item_below and bulleted in (9, 10) and own < 100 - 0.005:
                    problems.append(Problem(source, f"indicator {bulleted} ({own:.2f}) is said to have no item below "
                                                    "the target, but an OIT indicator below 100 has an item not met",
                                            number))
        item = _INDICATOR_ITEM.match(line)
        if item and names:
            indicator: int | None = _indicator_of(item.group("name"), names)
            if indicator is not None:
                if category and line.startswith(_A["indicator"]) and not item.group("score"):
                    listed.append((indicator, category, number))
                if item.group("score"):
                    scored.setdefault(indicator, (_number(item.group("score")) or 0.0, number))
        for m in _LISTED_BELOW.finditer(line):
            listed_below += [(normalize_code(c) or c, number) for c in re.findall(r"[iIeE][0-9๐-๙]+", m.group("codes"))]
        for m in _QUESTION_SAID.finditer(line):
            said_scores = question_scores.setdefault(normalize_code(m.group("code")) or "", [])
            said_scores.append((_number(m.group("score")) or 0.0, number))
            more = _MORE_PART.match(line, m.end())
            while more:
                said_scores.append((_number(more.group("score")) or 0.0, number))
                more = _MORE_PART.match(line, more.end())
        m = _TOOLS_SAID.search(line)
        if m:  # คะแนนรายเครื่องมือ ได้แก่ IIT 97.74, EIT 93.77, OIT 100.00: the total is a weighted mean of them
            tool_scores += [(_number(t.group("score")) or 0.0, t.group("tool"), number)
                            for t in _TOOL_SCORE.finditer(m.group("tools"))]
        m = _TEXT_TOTAL_SAID.search(line)
        if m and said_total is None:
            said_total = (_number(m.group("score")) or 0.0, number)
        m = _TEXT_CODE.match(line)
        if m:
            answer = _answer(line[m.end():].split())
            code = normalize_code(m.group("code"))
            if answer is not None and code:
                score = 100.0 if answer in YES else 0.0 if answer in NO else _number(answer)
                if score is not None:
                    question_scores.setdefault(code, []).append((score, number))
                    if block and block[-1].code[0] != code[0]:
                        block = []  # another tool: a new table
                    block.append(_Question(code, score, number))
            continue
        m = _TEXT_AVERAGE.match(line) or _TEXT_HEADING.match(line)
        if m and m.re is _TEXT_AVERAGE:
            given = _number(m.group("score"))
            if given is not None:
                averages.append((given, number))
            # a two-part year's EIT average over questions printed once, with no part: the page shows one part
            # (or their mean) and the average is of both; it cannot be judged from this page
            one_part = fw is not None and fw.two_parts and block and block[0].code.startswith("e") \
                and len({q.code for q in block}) == len(block)
            # an average over questions the page does not all print (the results gave only some of them): the
            # page cannot show it wrong
            partial = fw is not None and block and _partial(block, fw)
            if block and given is not None and not one_part and not partial:
                mean = _block_mean(block, fw)
                if abs(given - _r2(mean)) > 0.005 + 1e-9:
                    problems.append(Problem(source, f"the average {given:.2f} is not the mean of the {len(block)} "
                                                    f"scores above it ({_codes(block)}, lines {block[0].line}–"
                                                    f"{block[-1].line}): {mean:.2f}", number))
            block = []
            continue
        if m:  # an indicator heading starts a new table
            block = []
        m = _YEAR_ROW.match(line)
        if m:  # "2568 87.50 A ผ่าน": a row of the year-by-year table
            problems += _check_year_row(m, number, source, fw, said)
            continue
        m = _TEXT_TOTAL.match(line)
        if m:
            total = (_number(m.group("score")) or 0.0, number)
            continue
        m = _TEXT_LEVEL.match(line)
        if m:
            levels.append((m.group("level"), number))
            continue
        problems += _check_verdicts(line, number, source, fw, said, raw)
        problems += _check_change(line, number, source, raw, said)
    problems += _check_categories(listed, scored, source)
    for index in empty_issue_headings(lines, _A["issues_heading"], _A["indicator"], _ends_of_issues()):
        heading = " ".join(lines[index].split()).strip("*")
        problems.append(Problem(source, f"a heading of the development points with no point under it: {heading}",
                                index + 1))
    problems += _check_labels(said, fw, source)
    problems += _check_spans(lines, source)
    target = fw.target if fw is not None else 85.0
    plan_year = _plan_year(lines)
    problems += check_laws(lines, source) + check_repeated_bullets(lines, source) + \
        check_claims(lines, source, target) + check_cards(lines, source) + check_report_periods(lines, source) + \
        check_titles(lines, source, [y for y in (fw.fiscal_year if fw else None, plan_year) if y]) + \
        check_codes(lines, source, fw, plan_year)
    for code, number in dict.fromkeys(listed_below):
        scores = [s for s, _ in question_scores.get(code, [])]
        if scores and min(scores) >= target - 0.005:
            problems.append(Problem(source, f"{code} is listed as below the target, but the document gives it "
                                            f"{', '.join(f'{s:.2f}' for s in dict.fromkeys(scores))}", number))
    for code, scores_said in question_scores.items():
        # one score per question (two for an EIT question in a year with two parts): more is a contradiction
        distinct = list(dict.fromkeys(_r2(s) for s, _ in scores_said))
        allowed = 2 if fw is not None and fw.two_parts and code.startswith("e") else 1
        if len(distinct) > allowed:
            first = {_r2(s): line for s, line in reversed(scores_said)}
            one, other = distinct[-2], distinct[-1]
            problems.append(Problem(source, f"{code} is given different scores: {one:.2f} on line {first[one]} and "
                                            f"{other:.2f} on line {first[other]}", max(line for _, line in scores_said)))
    total = total or said_total
    if total is not None and len(tool_scores) >= 3:  # IIT, EIT (or its parts), OIT: a weighted mean lies among them
        low_tool, high_tool = min(tool_scores), max(tool_scores)
        if total[0] < low_tool[0] - 0.005 or total[0] > high_tool[0] + 0.005:
            if total[0] < low_tool[0]:
                score, tool, at = low_tool
                problems.append(Problem(source, f"the total {total[0]:.2f} is below every tool's score (the lowest is "
                                                f"{tool} {score:.2f}, line {at}): a weighted mean of them cannot be; "
                                                "check the total against ITAS", total[1]))
            else:
                score, tool, at = high_tool
                problems.append(Problem(source, f"the total {total[0]:.2f} is above every tool's score (the highest is "
                                                f"{tool} {score:.2f}, line {at}): a weighted mean of them cannot be; "
                                                "check the total against ITAS", total[1]))
            averages = []  # said once
    if total is not None and len(averages) >= 10:  # every indicator's average: the total is a weighted mean of them
        low, high = min(averages), max(averages)
        if total[0] < low[0] - 0.005:
            problems.append(Problem(source, f"the total {total[0]:.2f} is below every indicator's average (the lowest "
                                            f"is {low[0]:.2f}, line {low[1]}): a weighted mean of them cannot be",
                                    total[1]))
        elif total[0] > high[0] + 0.005:
            problems.append(Problem(source, f"the total {total[0]:.2f} is above every indicator's average (the highest "
                                            f"is {high[0]:.2f}, line {high[1]}): a weighted mean of them cannot be",
                                    total[1]))
    if total is not None and fw is not None:
        for level, number in levels:
            if level in dict(fw.levels) and fw.level_of(total[0]) != level:
                problems.append(Problem(source, f"level {level} does not match the total {total[0]:.2f} (line "
                                                f"{total[1]}): that is level {fw.level_of(total[0])}", number))
    return problems


def unfilled(piece: str) -> str:
    """What a brace left in a document's text is: a placeholder the drafting never filled."""
    return (f"an unfilled placeholder is printed: '{piece}'; a published document prints no braces: write the text "
            "in, or mend the recommendation or texts: sentence that holds it (itaplan rules validate finds it) and "
            "draft again")


def _agency_kind(lines: list[str]) -> tuple[str, str] | None:
    """(kind, agency) of the local government the document is about, from the agencies its first lines (title
    and heading) name; None unless they name one kind."""
    found = [(agency_kind("", m.group(1)), m.group(1)) for line in lines[:12]
             for m in _TEXT_AGENCY.finditer(" ".join(line.split()))]
    kinds = {kind for kind, _ in found if kind}
    return next(f for f in found if f[0] in kinds) if len(kinds) == 1 else None


def _indicator_names(fw: Framework | None) -> dict[str, int]:
    framework = fw or load_framework(max(builtin_years()))
    return {" ".join(ind.name.split()): ind.number for ind in framework.indicators}


def _indicator_of(text: str, names: dict[str, int]) -> int | None:
    """The indicator a list item names (its name, typos of one letter allowed: "กรใช้ทรัพย์สินของราชการ")."""
    text = " ".join(text.split())
    for name, number in names.items():
        if text == name or text.startswith(name):
            return number
    for name, number in names.items():
        if len(text) == len(name) - 1 and sum(a != b for a, b in zip(text, name[:len(text)])) <= 1 or \
                _one_letter_dropped(text, name):
            return number
    return None


def _one_letter_dropped(text: str, name: str) -> bool:
    return len(text) == len(name) - 1 and any(name[:i] + name[i + 1:] == text for i in range(len(name)))


def _fiscal_year(month: str, year: str) -> int:
    """The fiscal year (Buddhist Era) a month of a calendar year falls in: October to December count to the next."""
    number = month_number(month)
    return int(to_arabic(year)) + (1 if number >= 10 else 0)


def _assessed_year(lines: list[str]) -> int | None:
    """The fiscal year of the results the document analyses: the year its analysis heading names ("การวิเคราะห์
    ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. 2568"), else the first fiscal year it names (a cover may name the plan's
    year first)."""
    for raw in lines[:60]:
        m = _ASSESSED.search(" ".join(raw.split()))
        if m and not _PLAN_TITLE.search(" ".join(raw.split())):
            return int(to_arabic(m.group("year")))
    for raw in lines:
        y = _TEXT_YEAR.search(" ".join(raw.split()))
        if y and int(to_arabic(y.group(1))) in builtin_years():
            return int(to_arabic(y.group(1)))
    return None


def _plan_year(lines: list[str]) -> int | None:
    """The plan's fiscal year: from the measures' title, else the year after the results analysed."""
    for raw in lines[:40]:
        m = _PLAN_TITLE.search(" ".join(raw.split()))
        if m:
            return int(to_arabic(m.group("year")))
    for raw in lines[:40]:
        m = _ASSESSED.search(" ".join(raw.split()))
        if m:
            return int(to_arabic(m.group("year"))) + 1
    return None


def _check_spans(lines: list[str], source: str) -> list[Problem]:
    """Each timeline of a measure or project that cannot be met in the plan's fiscal year (``timeline_problems``)."""
    plan_year = _plan_year(lines)
    if plan_year is None:
        return []
    return [Problem(source, message, number) for number, raw in enumerate(lines, start=1)
            for message in timeline_problems(raw, plan_year)]


def timeline_problems(text: str, plan_year: int) -> list[str]:
    """What cannot be met in each span of a timeline ("ต.ค. 2569 – ก.ย. 2570") for a plan of ``plan_year``: one that
    ends before it starts, one that lies wholly before the plan's fiscal year (inside the year being assessed, or
    earlier: already past), one that lies wholly after it. A span that only reaches past the year is not judged (a
    project may run on). Shared by check DOCUMENT (each line of the document) and check PLAN (each measure)."""
    problems = []
    for m in _SPAN.finditer(" ".join(text.split())):
        span = m.group(0)
        start = (int(to_arabic(m.group("y1"))), month_number(m.group("m1")))
        end = (int(to_arabic(m.group("y2"))), month_number(m.group("m2")))
        first, last = _fiscal_year(m.group("m1"), m.group("y1")), _fiscal_year(m.group("m2"), m.group("y2"))
        years = f"{first}" if first == last else f"{first}–{last}"
        if end < start:
            problems.append(f"the timeline '{span}' ends before it starts")
        elif last < plan_year:
            problems.append(f"the timeline '{span}' lies in fiscal year {years}, before the plan's year {plan_year}")
        elif first > plan_year:
            problems.append(f"the timeline '{span}' lies in fiscal year {years}, after the plan's year {plan_year}")
    return problems


EXCELLENT = 95.0  # the total ผ่านดีเยี่ยม needs (every year's label rules agree on it)


def _check_labels(said: _Said, fw: Framework | None, source: str) -> list[Problem]:
    """A result label against the tools the document gives: ผ่านดี and ผ่านดีเยี่ยม need every tool at the target,
    ผ่านดีเยี่ยม a total of 95; ผ่าน with every tool (all given) and the total at the target is ผ่านดี."""
    if fw is None or not fw.labels or said.total is None:
        return []
    target = fw.target
    names = _V["tool_names"]  # as the documents name them: IIT, OIT, EIT ส่วนที่ 1, EIT ส่วนที่ 2, EIT
    parts = [n for n in names if n != "EIT"] if fw.two_parts else ["IIT", "EIT", "OIT"]
    low = [(tool, score) for tool, score in said.tools.items() if score < target - 0.005]
    problems = []
    for label, number in said.labels:
        if label in (_A["good"], _A["excellent"]) and low:
            tool, score = low[0]
            problems.append(Problem(source, f"'{label}' is written but {tool} is {score:.2f}, below {target:g}: "
                                            f"{label} needs every tool at {target:g} or more", number))
        elif label == _A["excellent"] and said.total < EXCELLENT - 0.005:
            problems.append(Problem(source, f"'{label}' is written but the total {said.total:.2f} is below 95",
                                    number))
        elif label == _A["passed"] and said.total >= target - 0.005 and not low and all(p in said.tools for p in parts):
            problems.append(Problem(source, f"'{label}' is written but the total and every tool are at {target:g} or "
                                            f"more: that is {_A['good']}", number))
    return problems


def _check_categories(listed: list[tuple[int, str, int]], scored: dict[int, tuple[float, int]], source: str,
                      target: float = 85.0) -> list[Problem]:
    """An indicator listed among the strong ones with a score below the target, or among the weak ones at or
    above it, by the score the document itself gives it."""
    problems = []
    for indicator, category, number in listed:
        if indicator not in scored:
            continue
        score, where = scored[indicator]
        if category == "strong" and score < target - 0.005:
            problems.append(Problem(source, f"indicator {indicator} is listed as a strength but scored {score:.2f} "
                                            f"(line {where}), below the target {target:g}", number))
        elif category == "weak" and score >= target - 0.005:
            problems.append(Problem(source, f"indicator {indicator} is listed as a weakness but scored {score:.2f} "
                                            f"(line {where}), at or above the target {target:g}", number))
    return problems


def _check_verdicts(line: str, number: int, source: str, fw: Framework | None, earlier: _Said, raw: str
                    ) -> list[Problem]:
    """What a line says of a score it prints: the level and the pass or fail of a total on the same line
    ("ได้คะแนนรวม 87.50 คะแนน อยู่ในระดับ A ผลการประเมินผ่าน ซึ่งบรรลุค่าเป้าหมาย"), a score said to meet the target
    or to fall short of it, by how much ("ได้ 80.04 คะแนน ต่ำกว่าเป้าหมาย 4.96 คะแนน", a table row's ผล cell), a
    tool's gap against the tools' scores said earlier ("OIT ต่ำกว่าเป้าหมาย 2.50 คะแนน"). The target is the
    year's (85). ``earlier`` keeps the total and tools for the lines after."""
    target = fw.target if fw is not None else 85.0
    problems = []
    said: str | None
    right: float | str | None
    if line.startswith(_V["tools_line"]):
        earlier.tools = {m.group("tool"): _number(m.group("score")) or 0.0 for m in _TOOL_SCORE.finditer(line)}
    else:
        for m in _TOOL_GAP.finditer(line):
            tool, gap = m.group("tool"), m.group("gap")
            score = earlier.tools.get(tool)
            right = _r2(target - score) if score is not None else None
            if score is not None and right is not None and abs((_number(gap) or 0.0) - right) > 0.01:
                problems.append(Problem(source, f"the gap {gap} to the target {target:g} does not follow from "
                                                f"{score:.2f}: it is {right:.2f}", number))
    total_said = _TOTAL_SAID.search(line)
    if total_said:
        total = _number(total_said.group("score"))
        earlier.total = total
        rest = line[total_said.end():]
        achieved = rest.find(_V["achieved"])
        if total is not None and achieved >= 0:
            denied = rest[:achieved].rstrip().endswith(_V["not"])
            if denied == (total >= target - 1e-9):
                said = (_V["not"] if denied else "") + _V["achieved"]
                problems.append(Problem(source, f"'{said}' is written but the total {total:.2f} is below the target "
                                                f"{target:g}", number) if total < target else
                                Problem(source, f"'{said}' is written but the total {total:.2f} is at or above the "
                                                f"target {target:g}", number))
        level = _LEVEL_SAID.search(rest)
        said = level.group("level") if level else None
        if total is not None and said and fw is not None and said in dict(fw.levels) and fw.level_of(total) != said:
            right = fw.level_of(total)
            problems.append(Problem(source, f"level {said} does not match the total {total:.2f} on the same line: "
                                            f"that is level {right}", number))
        earlier.labels += [(m.group("label"), number) for m in _FULL_LABEL.finditer(rest)]
        label = _LABEL_SAID.search(rest)
        if total is not None and label and (label.group("label") == _V["passed"]) != (total >= target - 1e-9):
            said = label.group(0)
            problems.append(Problem(source, f"'{said}' is written but the total {total:.2f} is below the target "
                                            f"{target:g}", number) if total < target else
                            Problem(source, f"'{said}' is written but the total {total:.2f} is at or above the "
                                            f"target {target:g}", number))
    cells = [cell.strip() for cell in _CELLS.split(raw)] if "\t" in raw or "|" in raw else []
    verdict = next((c for c in cells if c in _V["met"] or c in _V["below"]), None)
    score_cell = next((c for c in cells if _SIGNED.fullmatch(c) and _NUMBER.search(c)), None)
    if verdict and score_cell:  # a table row: its first score with a decimal is this year's, judged by its ผล cell
        score = _number(_NUMBER.search(score_cell).group(0))  # type: ignore[union-attr]
        if score is not None and (verdict in _V["met"]) != (score >= target - 1e-9):
            said = verdict
            problems.append(Problem(source, f"'{said}' is written but {score:.2f} is below the target {target:g}",
                                    number) if score < target else
                            Problem(source, f"'{said}' is written but {score:.2f} is not below the target {target:g}",
                                    number))
    for m in _SCORE_VERDICT.finditer(line):
        score = _number(m.group("score"))
        if score is None:
            continue
        said, gap, right = m.group("met") or m.group("below"), m.group("gap"), _r2(target - score)
        if m.group("met") and score < target - 1e-9:
            problems.append(Problem(source, f"'{said}' is written but {score:.2f} is below the target {target:g}",
                                    number))
        elif m.group("below") and score >= target - 1e-9:
            problems.append(Problem(source, f"'{said}' is written but {score:.2f} is not below the target {target:g}",
                                    number))
        elif gap and abs((_number(gap) or 0.0) - right) > 0.01:
            problems.append(Problem(source, f"the gap {gap} to the target {target:g} does not follow from {score:.2f}: "
                                            f"it is {right:.2f}", number))
    return problems


def _is_change(line: str, raw: str, rise: bool, fall: bool) -> bool:
    """Does the line state a change? A rise or fall word, a difference or percentage word, or a table row with
    three cells that are figures (this year, last year, the difference). A line that lists scores side by side
    ("IIT 87.50, EIT 84.16, OIT 83.75") or says what would happen ("เมื่อถึง 85 คะแนน คะแนนรวมจะเพิ่มขึ้น 0.30")
    does not. ``raw`` is the line with its tabs (cells), ``line`` with its spaces made single."""
    if any(w in line for w in _PROJECTION) or any(w in line for w in _PARTS_MEAN):
        return False  # (the two EIT parts' row: their mean, then each part's score; round 25's newcomer, in a PDF)
    # a per cent sign after a figure ("12.5 %"), not one a PDF's text layer gave for a Thai glyph it could not map
    # ("ตำ%วชี้", round 25's newcomer: a row of the parts' scores read as a change)
    if rise or fall or any(w in line for w in _CHANGE if w != "%") or _PER_CENT.search(line):
        return True
    return sum(1 for cell in _CELLS.split(raw) if _SIGNED.fullmatch(cell) and _NUMBER.search(cell)) >= 3


def _judged(line: str, a: float, b: float, c: float, rise: bool, fall: bool, source: str, number: int
            ) -> list[Problem]:
    """This year's score ``a``, last year's ``b`` and the change ``c`` printed with them: the change (or the
    relative change, against last year's score), and a rise or fall word against the two scores."""
    diff = a - b
    relative = {abs(diff) / b * 100 if b else None: "last", abs(diff) / a * 100 if a else None: "this"}
    problems = []
    if abs(abs(c) - _r2(abs(diff))) <= 0.01:
        pass
    elif any(k is not None and abs(abs(c) - _r2(k)) <= 0.01 for k in relative):
        base = next(v for k, v in relative.items() if k is not None and abs(abs(c) - _r2(k)) <= 0.01)
        if base == "this" and (rise or fall):
            right = abs(diff) / b * 100 if b else 0.0
            problems.append(Problem(source, f"the percentage {abs(c):.2f} is computed against {a:.2f}; the change "
                                            f"relative to last year's {b:.2f} is {right:.2f}", number))
    else:
        problems.append(Problem(source, f"the change {c:.2f} does not follow from {a:.2f} and {b:.2f} "
                                        f"(difference {abs(diff):.2f})", number))
    if rise != fall and abs(diff) > 0.005:
        if rise and diff < 0:
            problems.append(Problem(source, f"'{next(w for w in _RISE if w in line)}' is written but {a:.2f} is "
                                            f"lower than {b:.2f}", number))
        if fall and diff > 0:
            problems.append(Problem(source, f"'{next(w for w in _FALL if w in line)}' is written but {a:.2f} is "
                                            f"higher than {b:.2f}", number))
    return problems


def _percentage(score: float, change: float, percent: float, rise: bool, fall: bool, source: str, number: int
                ) -> list[Problem]:
    """"ซึ่งได้ 89.86 คะแนน … ลดลง 2.36 คะแนน หรือร้อยละ 2.63": a score, the change and the change as a
    percentage of last year's score. The score is last year's (this year's is elsewhere), or this year's when
    the line says which way it went (last year's is then this year's plus or minus the change): either passes."""
    fits = [change / score * 100]
    if fall:
        fits.append(change / (score + change) * 100)
    if rise and score > change:
        fits.append(change / (score - change) * 100)
    if any(abs(percent - _r2(f)) <= 0.01 for f in fits):
        return []
    right = _r2(fits[0])
    return [Problem(source, f"the percentage {percent:.2f} does not follow: a change of {change:.2f} from "
                            f"{score:.2f} (the base, last year's score) is {right:.2f} per cent", number)]


def _check_change(line: str, number: int, source: str, raw: str, earlier: _Said) -> list[Problem]:
    """A line that states a change (``_is_change``) with two scores and a third figure. The figures are read as
    this year's score, last year's and the change, unless the sentence puts them otherwise: "ได้ A ลดลง C
    คะแนนจาก B" (last year's after จาก) or a percentage third ("… ลดลง C คะแนน หรือร้อยละ P"). In the first order
    the first score is taken as this year's when a direction word is given; otherwise only magnitudes are
    compared."""
    line = " ".join(_GAP_CLAUSE.sub(" ", line).split())  # "ต่ำกว่าเป้าหมาย 4.96 คะแนน": a gap, judged by _check_verdicts
    matches = [m for m in _NUMBER.finditer(line) if _number(m.group(0)) is not None]
    figures = [_number(m.group(0)) or 0.0 for m in matches]
    rise = any(w in line for w in _RISE)
    fall = any(w in line for w in _FALL)
    if len(figures) != 3 or not (0 <= figures[0] <= 100 and 0 <= figures[1] <= 100):
        return []
    if not _is_change(line, raw, rise, fall):
        return []
    a, b, c = figures
    between = line[matches[1].end():matches[2].start()]
    if any(w in between for w in _FROM) and 0 <= c <= 100:
        return _judged(line, a, c, b, rise, fall, source, number)  # this year's, the change, จาก last year's
    if (any(w in between for w in _V["percent"]) or line[matches[2].end():].lstrip().startswith("%")) and a:
        found = _percentage(a, b, c, rise, fall, source, number)
        total = earlier.total
        if total is not None and any(w in line for w in _V["total"]) and not found:
            # "ซึ่งได้ 89.86 คะแนน คะแนนรวมลดลง 2.36 คะแนน": last year's total beside the change; this year's was said
            return _judged(line, total, a, b, rise, fall, source, number)
        return found
    return _judged(line, a, b, c, rise, fall, source, number)


def check_document(path: str | Path) -> list[Problem]:
    """Every figure of a hand-made document that does not follow from its own numbers."""
    p = Path(path)
    if p.suffix.lower() in (".pdf", ".docx", ".html", ".htm"):
        from itaplan.base.documents import read_document

        doc = read_document(p)
        return [doc.locate(problem) for problem in check_lines(doc.lines, doc.source)]

    lines = read_text(p).splitlines()
    if p.suffix.lower() in (".md", ".markdown"):
        lines = [_markdown_row(line) for line in lines]
    return check_lines(lines, str(p))


def _markdown_row(line: str) -> str:
    """A Markdown table row as the cells other formats give (tab-separated, empty cells dropped), so that its
    questions, averages and year rows are read as in a Word table; its separator row becomes blank."""
    text = line.strip()
    if not (text.startswith("|") and text.endswith("|")):
        return line
    cells = [c.strip().replace("<br>", " ") for c in text[1:-1].split("|")]
    if all(set(c) <= set("-: ") for c in cells):
        return ""
    return "\t".join(c for c in cells if c)
