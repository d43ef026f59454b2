"""Results pasted as text from an ITAS report or an analysis: question lines, part and indicator headings,
averages, tool scores, the total and level, and the agency and fiscal year from the heading.

The words it looks for are data (engine/vocabulary.yaml, ``text``); its patterns are compiled when this
module is first imported, which only a command reading text does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from itaplan.base.errors import InputError
from itaplan.base.thai import to_arabic
from itaplan.ita.framework import Framework, normalize_code
from itaplan.ita.gather import (
    META_ALIASES,
    META_KEYS,
    NO,
    VOCAB,
    YES,
    Builder,
    Collector,
    given_grade,
    given_tool_rows,
    other_assessment,
    parse_score,
    pick_framework,
    refuse_other_assessment,
)
from itaplan.ita.results import Agency, Results


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_TV = VOCAB["text"]
_NUM = r"[0-9๐-๙]{1,3}(?:\.[0-9๐-๙]+)?"
_SCORE_TOKEN = re.compile(rf"{_NUM}%?")
# a question line: an optional row number, 'ข้อ' and tool name, then the code
_TEXT_CODE = re.compile(r"^(?:[0-9๐-๙]{1,3}[.)]? )?(?:ข้อ ?)?(?:(?:IIT|EIT|OIT) )?(?P<code>[iIeEoO๐] ?[0-9๐-๙]+)"
                        r"(?=[ .:)\-]|$)")
# a question line whose code was mistyped: a letter for a digit (il2, e1O, ol2), a zero for the letter o (0l0, 027),
# an l for the letter i (l1), a space inside (i l2); at least one digit, so a word (ill, Io) is never taken for a code
_TEXT_CODE_LIKE = re.compile(r"^(?:[0-9๐-๙]{1,3}[.)]? )?(?:ข้อ ?)?(?:(?:IIT|EIT|OIT) )?"
                             r"(?P<code>[iIeEoO0๐lL] ?[0-9๐-๙lI|oO]{1,3})(?=[ .:)\-]|$)")
_MISTYPED_HEADS = {"0": "o", "๐": "o", "l": "i", "L": "i"}
_MISTYPED_DIGITS = str.maketrans({"l": "1", "I": "1", "|": "1", "o": "0", "O": "0"})
_TEXT_YEAR = re.compile(r"(?:ปีงบประมาณ|fiscal[ _]year) ?(?:: ?)?(?:พ\.ศ\. ?)?(25[0-9]{2}|๒๕[๐-๙]{2})", re.IGNORECASE)
# "ปี 2569", "ปี พ.ศ. 2569": a year only in a heading line naming the assessment (_YEAR_SAID_WORDS)
_TEXT_YEAR_SAID = re.compile(r"ปี ?(?:พ\.ศ\. ?)?(25[0-9]{2}|๒๕[๐-๙]{2})(?![0-9๐-๙])")
_YEAR_SAID_WORDS = tuple(_TV["year_said_words"])
_TEXT_AGENCY = re.compile(rf"((?:{_alternation(_TV['agency_types'])}) ?\S+|(?:{_alternation(_TV['agency_abbreviations'])})\S+)")
_TEXT_DISTRICT = re.compile(rf"{re.escape(_TV['district'])} ?(\S+)")
_TEXT_PROVINCE = re.compile(rf"(?<!{re.escape(_TV['province_not_after'])}){re.escape(_TV['province'])} ?(\S+)")
_TEXT_META = re.compile(rf"^({_alternation(a for a, k in META_ALIASES.items() if k != 'level')}) ?: ?(.+?)$",
                        re.IGNORECASE)
_SCORE_WORD = _alternation(_TV["score_word"])
_TEXT_TOTAL = re.compile(rf"^(?:{_alternation(_TV['total'])}) ?[:=]? ?(?P<score>{_NUM}) ?(?:%|{_SCORE_WORD})?$",
                         re.IGNORECASE)
_TEXT_HEADING = re.compile(rf"^(?:{_alternation(_TV['indicator_heading'])}) ?(?P<n>[0-9๐-๙]{{1,2}})(?P<sub>\.[0-9๐-๙])?"
                           r"(?P<rest>(?: .*)?)$", re.IGNORECASE)
_TEXT_SUB = re.compile(rf"^(?:{_alternation(_TV['sub_indicator_heading'])})", re.IGNORECASE)
_TEXT_AVERAGE = re.compile(rf"^(?:{_alternation(_TV['average'])})(?: ?(?:{_alternation(_TV['indicator_heading'])}) ?"
                           rf"(?P<n>[0-9๐-๙]{{1,2}}))? ?[:=]? ?(?P<score>{_NUM}) ?(?:%|{_SCORE_WORD})?$", re.IGNORECASE)
_TEXT_TOOL = re.compile(rf"^(?:(?:{_SCORE_WORD}) ?)?(?:แบบวัด ?)?(?P<tool>IIT|EIT|OIT)(?![A-Za-z])(?P<rest>.*)$")
_TEXT_LEVEL = re.compile(rf"^(?:{_alternation(_TV['level'])}) ?:? ?(?P<level>{_alternation(_TV['levels'])})(?:[ )]|$)")
_TEXT_TOTAL_SAID = re.compile(rf"(?:{_alternation(_TV['total_in_sentence'])}) ?(?:(?:{_alternation(_TV['total_in_sentence_before'])}) ?)?"
                              rf"(?P<score>{_NUM}) ?(?:{_SCORE_WORD})(?! ?{re.escape(_TV['at_least_after'])})")
_LEVEL_LETTERS = [w for w in _TV["levels"] if w.isascii()]
_LEVEL_LABELS = [w for w in _TV["levels"] if not w.isascii()]
# a level letter not followed by a letter; a label followed by the line's end, a space or a mark, or a joining word
# ("ผ่านดีและบรรลุค่าเป้าหมาย"), never by the rest of a word ("ผ่านเกณฑ์")
_SAID_LEVEL = (rf"(?P<level>(?:{_alternation(_LEVEL_LETTERS)})(?![A-Za-z])|(?:{_alternation(_LEVEL_LABELS)})"
               rf"(?=$|[\s,.;:()\"“”']|{_alternation(_TV['level_said_after'])}))")
_TEXT_LEVEL_SAID = re.compile(rf"(?:{_alternation(_TV['level_in_sentence'])}) ?{_SAID_LEVEL}")
# the level or label on a line of its own, with or without the words before it ("อยู่ในระดับผ่านดี", "ผ่านดี")
_TEXT_LEVEL_LINE = re.compile(rf"^(?P<before>(?:{_alternation(_TV['level_line_before'])}) ?)*{_SAID_LEVEL} ?[.]?$")
_TOTAL_WORDS = tuple(_TV["total_in_sentence"])
_THAI_LETTER = re.compile("[\u0e01-\u0e4e]")
MAX_WRAPPED = 3  # lines of a question's text in a table cell before its score (a PDF's page wraps them)
# lines that say something of their own: never the rest of a question's text
# digits with more than one dot or comma ("86..96", "8.6.96"): a score mistyped, not a question's wrapped text
_BAD_NUMBER = re.compile(r"[0-9๐-๙]+(?:[.,]+[0-9๐-๙]*){2,}|[0-9๐-๙]+[.,]{2,}[0-9๐-๙]*")
_LINE_KINDS = (_TEXT_META, _TEXT_TOTAL, _TEXT_AVERAGE, _TEXT_LEVEL, _TEXT_TOOL, _TEXT_SUB, _TEXT_HEADING)
_RESULT_WORDS = tuple(_TV["result_words"])
_PART_WORDS = {int(part): [w.lower() for w in words if not any(ch.isdigit() for ch in w)]
               for part, words in _TV["part_headings"].items()}  # "eit public": the numbered forms are _PART_NUMBER's
_PART_WORD_SET = {w.lower() for w in VOCAB["part_words"]}
# a part named by its number: "ส่วนที่ 1", "ส่วนที่๒", "part 2" (not "ส่วนที่ 10", nor "องค์การบริหารส่วนตำบล")
_PART_NUMBER = re.compile(rf"(?:^|(?<=[\s(]))(?:{_alternation(VOCAB['part_words'])}) ?(?P<n>[0-9๐-๙]{{1,2}})"
                          r"(?![0-9๐-๙]|\.[0-9๐-๙])", re.IGNORECASE)
_AGENCY_ABBREVIATIONS = _TV["agency_abbreviations"]
# a heading of an analysis, its number then its words ("๑.การปฏิบัติหน้าที่", "๒. การใช้งบประมาณ", "๒.การนำผล…"): the
# section an average below it is of, when the words name that indicator; and a heading of a short line of Thai words
# alone, which may be an indicator's name ("การปฏิบัติหน้าที่")
_NUMBERED_HEADING = re.compile(r"^(?P<n>[0-9๐-๙]{1,2})(?:\. ?| )(?P<name>[\u0e01-\u0e4e].*)$")
_NAME_ALONE = re.compile(r"^[\u0e01-\u0e4e][\u0e01-\u0e4e ]{0,59}(?: ?\([A-Za-z0-9 ]{1,10}\))?$")
_NAME_FILLERS = tuple(_TV["indicator_name_fillers"])
# an average's words, whole or begun, on lines of their own: a table's cell wrapped in a PDF ("คะแนน" / "เฉลี่ย ๘๘.๕๗",
# or "คะแนน" / "เฉลี่ย" / "๘๘.๕๗" where the score has a cell of its own)
_AVERAGE_STARTS = {w[:k] for w in _TV["average"] if not w.isascii() for k in range(2, len(w) + 1)}


def _name_key(text: str) -> str:
    """An indicator's name compared loosely: no spaces, no "(IIT)" after it, none of the words analyses leave out
    (การ, ระบบ: "การปรับปรุงการทำงาน" is การปรับปรุงระบบการทำงาน)."""
    key = "".join(re.sub(r"\([^)]*\)\s*$", "", text).split())
    for word in _NAME_FILLERS:
        key = key.replace(word, "")
    return key


def _heading_indicator(fw: Framework, number: int | None, name: str) -> int | None:
    """The indicator a heading names: by its name, and by its number too when it has one (the two must agree);
    None when it names none (a heading of another section, or a number and a name of two indicators)."""
    key = _name_key(name)
    named = [ind.number for ind in fw.indicators if key and _name_key(ind.name) == key]
    if len(named) != 1 or number is not None and named[0] != number:
        return None
    return named[0]


def _part_of(text: str) -> int | None:
    low = text.lower()
    found = {part for part, words in _PART_WORDS.items() if any(w in low for w in words)}
    found.update(n for n in (int(to_arabic(m.group("n"))) for m in _PART_NUMBER.finditer(text)) if n in _PART_WORDS)
    return found.pop() if len(found) == 1 else None


def _unanswered(col: Any, wrapping: tuple[int, str, str, int | None, int], unread: list[tuple[int, str]]) -> None:
    number, code = wrapping[0], wrapping[1]
    unread.append((number, code))  # an interface may refuse the text instead (the web's pasted results)
    col.warn(number, f"starts with the code '{code}' but does not end with a score or a yes/no answer (e.g. 88.71, "
                     "มี/ไม่มี, ผ่าน/ไม่ผ่าน); the line was not read")


def _mistyped(line: str) -> tuple[str, str] | None:
    """A line that looks like a question line (a code-like token at its start, a score or answer at its end) but
    whose code is mistyped: the token as typed and the code it reads as with letters taken for digits (il2: i12)."""
    m = None if _TEXT_CODE.match(line) else _TEXT_CODE_LIKE.match(line)
    if m is None or _answer(line[m.end():].split()) is None:
        return None
    token = m.group("code")
    head, digits = token[0], token[1:].replace(" ", "")
    if not any(ch.isdigit() for ch in token) or (head not in _MISTYPED_HEADS and digits.isdigit()):
        return None  # a word, or a code as it should be (read as one elsewhere)
    meant = normalize_code(_MISTYPED_HEADS.get(head, head) + digits.translate(_MISTYPED_DIGITS))
    return (token, meant) if meant else None


def _answer(tokens: list[str]) -> str | None:
    """The score or yes/no answer that ends a line of a question table, or None."""
    while tokens and tokens[-1] in ("%", *_TV["score_word"]):
        tokens = tokens[:-1]
    if not tokens:
        return None
    if _SCORE_TOKEN.fullmatch(tokens[-1]):
        return tokens[-1]
    for size in (2, 1):
        if len(tokens) >= size:
            word = " ".join(tokens[-size:]).lower()
            if word in YES or word in NO:
                return word
    return None


def from_text(text: str, source: str, framework: Framework | None = None) -> Results:
    """Results from text pasted from an ITAS report or an analysis: question lines (a code, its text and a
    score or a yes/no answer), EIT part headings, indicator headings with their averages, tool scores, the
    total and the level, and the agency and fiscal year from the heading. A line that starts with a
    question code but cannot be read is a warning with its line number (``Results.warnings``)."""
    col = Collector(source)
    unread: list[tuple[int, str]] = []  # question lines not read: (line number, code)
    meta: dict[str, tuple[str, int]] = {}
    code_lines: list[tuple[int, str, str, int | None]] = []
    mistyped: list[tuple[int, str, str, str]] = []  # (line number, the line, the code as typed, as meant)
    averages: list[tuple[int, int, str, int | None]] = []
    # headings without ตัวชี้วัดที่ (line, number or None, words), and the averages after them:
    # (line, score as written, part, the headings since the last average); which indicator is read when the year is known
    headings: list[tuple[int, int | None, str]] = []
    headed: list[tuple[int, str, int | None, tuple[int, int]]] = []
    since = 0  # headings before this index were an earlier average's
    tool_lines: list[tuple[int, str, str]] = []
    heading: dict[str, str] = {}
    part: int | None = None
    indicator: int | None = None
    level: tuple[str, int] | None = None
    said: dict[str, set[tuple[str, int]]] = {"total": set(), "level": set()}  # in sentences about the result
    wrapping: tuple[int, str, str, int | None, int] | None = None  # a question line still waiting for its score
    other: tuple[str, int] | None = None  # another assessment's results, and the line that shows it
    tail = ""  # the end of the line before: a PDF's page wraps "…ประจำปีงบประมาณ" / "พ.ศ. ๒๕๖๘ …"
    pending = ""  # an average's words on the lines just before, whole or begun ("คะแนน" / "เฉลี่ย")
    for number, raw in enumerate(text.splitlines(), start=1):
        # one space for every run of white space: the patterns then never backtrack over long runs (a line of
        # 80,000 spaces took 45 s), and every line is read in time linear in its length
        line = " ".join(raw.split())
        if not line:
            continue
        # a Thai sentence wrapped by a PDF's page has no space at the break ("…โดยมีคะแนน" / "ในภาพรวมอยู่ที่ ๘๘.๕๑"):
        # what is said across it is read both with and without a space there
        unspaced = f"{tail}{line}" if tail and _THAI_LETTER.match(tail[-1]) and _THAI_LETTER.match(line) else None
        wrapped, tail = f"{tail} {line}", line[-40:]
        held, run = pending, f"{pending}{line}"
        pending = run if run in _AVERAGE_STARTS else line if line in _AVERAGE_STARTS else ""
        m = _TEXT_META.match(line)
        if m:
            key = META_ALIASES[m.group(1).lower()]
            if key in META_KEYS:
                meta.setdefault(key, (m.group(2), number))
                continue
        m = _TEXT_CODE.match(line)
        typo = None if m else _mistyped(line)
        part_line = len(line) <= 40 and _part_of(line) is not None  # "ส่วนที่ 2": never a wrapped question's text
        if wrapping is not None and (m or typo or part_line or any(p.match(line) for p in _LINE_KINDS)):
            _unanswered(col, wrapping, unread)  # the question's line ended without a score
            wrapping = None
        elif wrapping is not None:  # a question's text wrapped by a PDF's table cell: its score on a later line
            w_number, w_code, w_rest, w_part, w_lines = wrapping
            answer = _answer(f"{w_rest} {line}".split())
            if answer is not None:
                code_lines.append((w_number, w_code, answer, w_part))
                wrapping = None
            elif w_lines >= MAX_WRAPPED:
                _unanswered(col, wrapping, unread)
                wrapping = None
            else:
                wrapping = (w_number, w_code, f"{w_rest} {line}"[-400:], w_part, w_lines + 1)
            continue
        if m:
            answer = _answer(line[m.end():].split())
            # "e9 ส่วนที่ 1 70": the part named on the question's own line, else the heading's
            on_line = _part_of(line[m.end():]) or part
            last = (line[m.end():].split() or [""])[-1]
            if answer is None and _BAD_NUMBER.fullmatch(last):  # "86..96", "8.6.96": a score mistyped, said where
                typed_score = last[:20]
                typed_code = m.group("code")
                col.add(number, f"question {typed_code}: '{typed_score}' is not a score; type it as ITAS shows it "
                                "(a number such as 86.96)")
            elif answer is None:
                wrapping = (number, m.group("code"), line[m.end():][-400:], on_line, 1)
            else:
                code_lines.append((number, m.group("code"), answer, on_line))
            continue
        if typo:
            mistyped.append((number, line, *typo))
            continue
        m = _TEXT_TOTAL.match(line)
        if m:
            meta.setdefault("total", (m.group("score"), number))
            continue
        m = _TEXT_AVERAGE.match(line)
        if m is None and held:  # "คะแนน" / "เฉลี่ย ๘๘.๕๗", "คะแนน" / "เฉลี่ย" / "๘๘.๕๗": the table's cells wrapped in a PDF
            m = _TEXT_AVERAGE.match(held + line)
        if m:
            ind = int(to_arabic(m.group("n"))) if m.group("n") else indicator
            if ind is not None:
                averages.append((number, ind, m.group("score"), part))
            else:  # "๑.การปฏิบัติหน้าที่" … "คะแนนเฉลี่ย ๘๘.๕๗": of the heading above, once the year's names are known
                headed.append((number, m.group("score"), part, (since, len(headings))))
            indicator, since = None, len(headings)
            continue
        m = _TEXT_LEVEL.match(line)
        if m:
            level = level or (m.group("level"), number)
            continue
        m = _TEXT_TOOL.match(line)
        if m:
            tokens = m.group("rest").split()
            value = _answer(tokens)
            while tokens and tokens[-1] in ("%", *_TV["score_word"]):
                tokens = tokens[:-1]
            # "แบบวัด EIT ส่วนที่ 1": the number after ส่วนที่ is the part's, not a score; the line is the part's heading
            numbers_part = len(tokens) >= 2 and tokens[-2].lower() in _PART_WORD_SET
            if value is not None and _SCORE_TOKEN.fullmatch(value) and not numbers_part:
                name = m.group("tool")
                if name == "EIT":
                    p = _part_of(" ".join(tokens[:-1]))
                    name = f"EIT{p}" if p else "EIT"
                tool_lines.append((number, name, value))
                continue
            p = _part_of(line)
            if p:
                part = p
            continue
        m = _TEXT_SUB.match(line)
        if m:
            indicator, since = None, len(headings)
            continue
        m = _TEXT_HEADING.match(line)
        if m:
            since = len(headings)
            if m.group("sub"):
                indicator = None
                continue
            indicator = int(to_arabic(m.group("n")))
            rest = m.group("rest").split()
            numbers = [t for t in rest if _SCORE_TOKEN.fullmatch(t)]
            if len(numbers) == 1 and _answer(rest) == numbers[0]:  # "ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ 88.57"
                averages.append((number, indicator, numbers[0], part))
                indicator = None
            continue
        m = _NUMBERED_HEADING.match(line)
        if m and len(line) <= 120 and _answer(line.split()) is None:
            headings.append((number, int(to_arabic(m.group("n"))), m.group("name")))
            indicator = None  # the heading that came last is this one
        elif _NAME_ALONE.match(line):
            headings.append((number, None, line))
        if other is None:  # a line of another assessment's codes, or a heading naming one of its units
            tokens = line.split()
            key = other_assessment(code=tokens[0]) or (other_assessment(code="".join(tokens[:2])) if len(tokens) > 1
                                                       else None) or (None if code_lines else
                                                                      other_assessment(agency=line))
            other = (key, number) if key else None
        if len(line) <= 120:
            p = _part_of(line)
            if p:
                part = p
        alone = _TEXT_LEVEL_LINE.match(line)
        if alone and (alone.group("before") or alone.group("level") in _TV["level_alone"]):
            said["level"].add((alone.group("level"), number))
        for across in (wrapped, unspaced) if unspaced else (wrapped,):
            joined = len(across) - len(line)  # where this line starts in ``across``: a match must reach past it
            said["total"].update((found.group("score"), number) for found in _TEXT_TOTAL_SAID.finditer(across)
                                 if found.end() > joined)
            # "อยู่ในระดับ" is said of many things: of the result or the total only
            if any(w in across for w in _RESULT_WORDS) or any(w in across for w in _TOTAL_WORDS):
                said["level"].update((found.group("level"), number) for found in _TEXT_LEVEL_SAID.finditer(across)
                                     if found.end() > joined)
        joined = len(wrapped) - len(line)
        if "fiscal_year" not in meta:
            y = _TEXT_YEAR.search(line)
            if y is None:
                y = _TEXT_YEAR.search(wrapped)
                y = y if y is not None and y.end() > joined else None  # not the line before alone
            if y:
                meta["fiscal_year"] = (y.group(1), number)
            elif not code_lines and "year_said" not in meta and any(w in line for w in _YEAR_SAID_WORDS):
                said_year = _TEXT_YEAR_SAID.search(line)
                if said_year:  # taken only when no line says ปีงบประมาณ (below)
                    meta["year_said"] = (said_year.group(1), number)
        if not code_lines:  # the heading: before the first question line
            for key, pattern in (("agency", _TEXT_AGENCY), ("district", _TEXT_DISTRICT), ("province", _TEXT_PROVINCE)):
                if key not in heading:
                    found = pattern.search(line)
                    if found:
                        heading[key] = found.group(1)
    if wrapping is not None:
        _unanswered(col, wrapping, unread)
    if other is not None:
        refuse_other_assessment(col, other[1], other[0])
        col.raise_if_any()
    year_value, year_line = meta.get("fiscal_year", meta.get("year_said", (None, None)))
    fw = pick_framework(year_value, framework, col, year_line, "text")
    builder = Builder(fw, col)
    for number, typed, token, meant in mistyped:  # refused at its line: read without it, the plan lacks a question
        typed = typed if len(typed) <= 80 else typed[:77] + "…"
        known = fw.lookup(meant)
        if known is not None:
            col.add(number, f"the line '{typed}' starts with '{token}', which is not a question code; did you mean "
                            f"{known}? Correct the code, or delete the line")
        else:
            col.add(number, f"the line '{typed}' starts with '{token}', which is not a question code of fiscal year "
                            f"{fw.fiscal_year} ({meant} neither); correct the code, or delete the line")
    for number, code, answer, in_part in code_lines:
        known = fw.lookup(normalize_code(code) or "")
        eit = known is not None and fw.questions[known].tool == "EIT"
        builder.question(code, answer, in_part if eit and fw.two_parts else None, number)
    builder.another_years_oit(year_line)
    for number, value, in_part, (first, end) in headed:
        under = None
        for h_line, h_number, h_name in reversed(headings[first:end]):
            ind = _heading_indicator(fw, h_number, h_name)
            if ind is not None or h_number is not None:  # a numbered heading is the section's, an indicator's or not
                under = (h_line, h_name if h_number is None else f"{h_number}. {h_name}", ind)
                break
        score_said, example = to_arabic(value), f"1. {fw.indicator(1).name}"
        if under is None:
            col.warn(number, f"the average {score_said} has no indicator heading above it (such as '{example}' or "
                             "'ตัวชี้วัดที่ 1'); it was not read: add the heading of its indicator above its table")
        elif under[2] is None:
            title, heading_line = under[1] if len(under[1]) <= 60 else under[1][:57] + "…", under[0]
            col.warn(number, f"the average {score_said} is under the heading '{title}' (line {heading_line}), which "
                             f"names no indicator of fiscal year {fw.fiscal_year} by its number and name (such as "
                             f"'{example}'); it was not read: correct the heading")
        else:
            averages.append((number, under[2], value, in_part))
    averages.sort()
    indicators: dict[int, float] = {}
    for number, ind, value, in_part in averages:
        if fw.two_parts and in_part and 1 <= ind <= 10 and fw.indicator(ind).tool == "EIT":
            col.warn(number, f"the average of indicator {ind} in EIT part {in_part} was not read: only the "
                             "indicator's score over both parts can be given")
            continue
        builder.indicator(ind, value, number, indicators)
    tools = given_tool_rows(tool_lines, fw, col)
    # a sentence's total or level is read when every sentence says the same
    totals, levels = {to_arabic(v) for v, _ in said["total"]}, {v for v, _ in said["level"]}
    if "total" not in meta and len(totals) == 1:
        meta["total"] = min(said["total"], key=lambda f: f[1])
    elif "total" not in meta and len(totals) > 1:
        col.warn(min(n for _, n in said["total"]), f"the sentences give different totals ({', '.join(sorted(totals))}); "
                                                   "none was read: give the total on a line of its own")
    if level is None and len(levels) == 1:
        level = min(said["level"], key=lambda f: f[1])
    elif level is None and len(levels) > 1:
        col.warn(min(n for _, n in said["level"]), f"the sentences give different levels ({', '.join(sorted(levels))}); "
                                                   "none was read: give the level on a line of its own")
    total = parse_score(meta["total"][0], False, col, meta["total"][1], "total") if "total" in meta else None
    given_level, given_label = given_grade(level[0], fw, col, level[1], lenient=True) if level else (None, None)
    if "label" in meta:
        got = given_grade(meta["label"][0], fw, col, meta["label"][1], lenient=True)
        given_level, given_label = given_level or got[0], given_label or got[1]
    if not builder.questions and not indicators and not tools and not col.problems:
        col.add(None, "no lines with a question code and a score were found (e.g. 'i1 <question text> 88.71')")
    try:
        col.raise_if_any()
    except InputError as exc:  # the lines not read go with the problems: an interface that refuses them says all at once
        exc.unread = unread  # type: ignore[attr-defined]
        raise
    name = meta["agency"][0] if "agency" in meta else heading.get("agency", "")
    agency_type = meta["agency_type"][0] if "agency_type" in meta else next(
        (t for t in _TV["agency_types"] if name.startswith(t)),
        next((t for a, t in _AGENCY_ABBREVIATIONS.items() if name.startswith(a)), ""))
    agency = Agency(name=name, type=agency_type,
                    district=meta["district"][0] if "district" in meta else heading.get("district", ""),
                    province=meta["province"][0] if "province" in meta else heading.get("province", ""))
    results = Results(source, fw, agency, builder.questions, indicators, total, tools=tools, year_line=year_line)
    results.warnings, results.unread = col.warnings, unread
    results.level, results.label = given_level, given_label
    return results
