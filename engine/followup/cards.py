"""Last year's measures published as project cards rather than a table.

Agencies often publish each measure as a card: "๑. ชื่อโครงการ : …" and then numbered sections — หลักการและเหตุผล,
วัตถุประสงค์, กลุ่มเป้าหมาย, วิธีดำเนินการ (its steps), ระยะเวลาดำเนินการ, งบประมาณดำเนินการ, ผู้รับผิดชอบโครงการ,
ผลผลิต/ผลลัพธ์ or ตัวชี้วัด — whose numbers and exact titles vary from card to card. A line "ตัวชี้วัดที่ N …" between
cards names the indicator of the card after it.

``read_cards`` finds the cards in a document's text, one ``Card`` each, with the sections it could read; a section
missing, empty or not understood is left empty and named in the card's ``unread`` (never guessed). The importer
(``importer.import_table``) makes each card one measure.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from itaplan.base.thai import fiscal_year_of, to_arabic
from itaplan.ita.gather import VOCAB

_DIGIT = "0-9๐-๙"
CARD_START = re.compile(rf"^\s*(?:[{_DIGIT}]{{1,2}}\s*[.)]\s*)?ชื่อ(?:โครงการ|กิจกรรม|มาตรการ)"
                        r"(?:\s*/\s*(?:โครงการ|กิจกรรม|มาตรการ))*\s*[:：]?\s*(.*)$")
# "๖. ระยะเวลาดำเนินการ", "๗. งบประมาณที่ดำเนินการ : -": a section's number (never "๖.๑", never "๑)"), its title
_SECTION = re.compile(rf"^\s*[{_DIGIT}]{{1,2}}\s*\.(?![{_DIGIT}])\s*([^:：]+?)\s*(?:[:：]\s*(.*))?$")
INDICATOR_LINE = re.compile(r"^\s*ตัวชี้วัด\s*ที่\s*[" + _DIGIT + "]")
_ITEM = re.compile(rf"^\s*(?:[-•●▪○*]\s*)?(?:\(?[{_DIGIT}]{{1,2}}(?:\.[{_DIGIT}]{{1,2}})*\s*[.)]?(?=\s)|[-•●▪○*])\s*")
QUOTES = " \"'“”‘’"
# the readers' words (vocabulary.yaml, card_import): the sections by the words their titles start with (tried in
# this order), the heads of a results section's lists, the budget words meaning none, a title line holding only the
# kind of project, and what a section is called in the warnings
_WORDS = VOCAB["card_import"]
SECTION_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = tuple((str(name), tuple(words))
                                                               for name, words in _WORDS["sections"])
RESULT_HEADS: dict[str, str] = dict(_WORDS["result_heads"])
NO_BUDGET_PHRASES: tuple[str, ...] = tuple(_WORDS["no_budget_phrases"])
NO_BUDGET: tuple[str, ...] = (*NO_BUDGET_PHRASES, *_WORDS["no_budget_words"])
BARE_TITLES: tuple[str, ...] = tuple(_WORDS["bare_titles"])
SECTION_NAMES: dict[str, str] = dict(_WORDS["section_names"])
ACTION_PLAN_TITLES: tuple[str, ...] = tuple(_WORDS["action_plan_titles"])


def amount_pattern(words: Mapping[str, Any]) -> re.Pattern[str]:
    """A budget section saying only its amount ("งบประมาณ 50,000 บาท", "จำนวน 5,000 บาท (ห้าพันบาทถ้วน)"): the
    words allowed before the figure and the currency after it (vocabulary.yaml, card_import.amount_words, baht)."""
    before = "|".join(map(re.escape, words["amount_words"]))
    baht = "|".join(map(re.escape, words["baht"]))
    return re.compile(rf"^(?:{before}|\s)*([0-9][0-9,]*(?:\.[0-9]+)?)\s*(?:{baht})(?:\s*\(.*\))?\.?$")


def header_pattern(words: Mapping[str, Any]) -> re.Pattern[str]:
    """A line holding only a card header and its number ("ลำดับที่ ๒"), a space allowed before the header's
    ordinal word ("ลำดับ ที่ ๒"; vocabulary.yaml, card_import.card_headers, header_ordinal)."""
    ordinal = str(words["header_ordinal"])

    def spaced(header: str) -> str:
        head, that, _ = header.rpartition(ordinal)
        return re.escape(head) + r"\s*" + re.escape(ordinal) if that else re.escape(header)

    return re.compile(r"^\s*(?:" + "|".join(map(spaced, words["card_headers"]))
                      + rf")\s*[{_DIGIT}]{{1,3}}\s*[.:：]?\s*$")


_AMOUNT = amount_pattern(_WORDS)
# "ลำดับที่ ๒" alone on its line: the next card's header
CARD_HEADER = header_pattern(_WORDS)
TITLE_LINES = 5  # how many of a document's first lines with text are its title


@dataclass
class Card:
    title: str
    line: int  # the line of its title
    indicator_line: str = ""  # the "ตัวชี้วัดที่ N …" line above it, if any
    sections: dict[str, list[str]] = field(default_factory=dict)  # section -> its lines (blank lines as "")
    result_lists: dict[str, list[str]] = field(default_factory=dict)  # outputs, outcomes, kpi
    unread: list[str] = field(default_factory=list)  # the sections left empty, by their Thai names

    def items(self, section: str) -> list[str]:
        return items_of(self.sections.get(section, []))

    def text(self, section: str) -> str:
        return " ".join(" ".join(line.split()) for line in self.sections.get(section, []) if line.strip())

    def paragraphs(self, section: str) -> str:
        """A section's paragraphs (split where the text had a blank line), each on one line."""
        out: list[str] = []
        current: list[str] = []
        for line in [*self.sections.get(section, []), ""]:
            if line.strip():
                current.append(" ".join(line.split()))
            elif current:
                out.append(" ".join(current))
                current = []
        return "\n".join(out)


_NUMBER = re.compile(rf"^\s*(?:[-•●▪○*]\s*)?\(?([{_DIGIT}]{{1,2}}(?:\.[{_DIGIT}]{{1,2}})*)\s*[.)]?(?=\s)")


def _depth(line: str) -> int | None:
    """How deep an item's number goes ("๓)" 1, "๗.๑)" 2); None for a line with no number (a bullet, or text)."""
    found = _NUMBER.match(line)
    return found.group(1).count(".") + 1 if found else None


def items_of(lines: list[str]) -> list[str]:
    """The items of a section: one per line that starts with a number ("๑)", "๖.๑", "1.") or a bullet; the lines
    after one continue it. A section without such a line is one item. In a section whose items are numbered, a
    bullet without a number, or a number one level deeper ("๗.๑)" under "๗)"), after a numbered item is a part of
    that item ("จัดทำระบบ … ได้แก่" and its systems listed below it): kept in it, with its mark as written, not
    made a step of its own."""
    items: list[str] = []
    numbered = any(_ITEM.match(line) for line in lines if line.strip())
    depths = [d for d in (_depth(" ".join(line.split())) for line in lines if line.strip()) if d is not None]
    top = min(depths) if depths else None
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            continue
        if not numbered:
            items = [f"{items[0]} {line}"] if items else [line]
            continue
        depth = _depth(line)
        if items and top is not None and _ITEM.match(line) and (depth is None or depth > top):
            part = re.sub(rf"^[-•●▪○*]\s*(?=\(?[{_DIGIT}])", "", line)  # "- ๗.๑) …" as "๗.๑) …"
            items[-1] = f"{items[-1]} {part}"  # a part of the numbered item above, its mark kept
            continue
        if _ITEM.match(line) or not items:
            text = _ITEM.sub("", line, count=1).strip()
            while _ITEM.match(text):  # "- ๑) …": a bullet before the number
                text = _ITEM.sub("", text, count=1).strip()
            if text:
                items.append(text)
        else:
            items[-1] = f"{items[-1]} {line}"
    return items


def _section_of(line: str) -> tuple[str, str] | None:
    """(section, the text after its title on the same line) when the line is a numbered section's title."""
    match = _SECTION.match(line)
    if not match:
        return None
    title, rest = match.group(1).strip(), (match.group(2) or "").strip()
    if len(title) > 60:
        return None
    key = "".join(title.split())
    for name, words in SECTION_WORDS:
        if any(key.startswith(word) for word in words):
            return name, rest
    return None


def is_action_plan(text: str) -> bool:
    """Whether a document is an anti-corruption action plan (แผนปฏิบัติการป้องกันการทุจริต), by its title: its first
    lines with text, before any card, name one. A plan of measures that mentions the action plan further on is not
    one (seed 000's measures say their results feed the action plan)."""
    lines: list[str] = []
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if not line:
            continue
        if CARD_START.match(line) or len(lines) == TITLE_LINES:
            break
        lines.append(line)
    return any(title in line.replace(" ", "") for line in lines for title in ACTION_PLAN_TITLES)


def read_cards(text: str) -> list[Card]:
    """The project cards in a document's text, in their order."""
    cards: list[Card] = []
    card: Card | None = None
    section = ""
    indicator_line = ""
    titled = True
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        start = CARD_START.match(line)
        if start:  # a title left for the next line ("๑. ชื่อโครงการ :" then the name), or only a word of it there
            title = " ".join(start.group(1).split())
            card = Card(title, number, indicator_line)
            cards.append(card)
            section, indicator_line = "", ""
            titled = bool(title) and title not in BARE_TITLES
            continue
        if card is not None and not titled and line and _section_of(line) is None and not section:
            # a name given in its quotation marks (มาตรการ / “ส่งเสริมการปฏิบัติงาน…”) keeps them, as the agency wrote it
            # and its summary table prints it; a stray quote is left out (round 24's newcomer: the marks were lost)
            quoted = line.startswith("“") and line.endswith("”")
            card.title = " ".join(f"{card.title} {line if quoted else line.strip(QUOTES)}".split())
            titled = True
            continue
        if INDICATOR_LINE.match(line):  # the indicator of the next card: this card ends here
            card, section, indicator_line = None, "", line
            continue
        if CARD_HEADER.match(line):  # "ลำดับที่ ๒": the next card's header; this card ends here (the indicator line
            card, section = None, ""  # above it, if any, stays the next card's)
            continue
        if card is None:
            continue
        found = _section_of(line)
        if found:
            section, rest = found
            if section in card.sections:  # a second section of the same kind ("๔. เป้าหมาย/ผลผลิต" then results)
                card.sections[section].append("")
            card.sections.setdefault(section, [])
            if section == "results":
                head = next((k for w, k in RESULT_HEADS.items() if "".join(line.split()).split(".", 1)[-1]
                             .lstrip("0123456789๐๑๒๓๔๕๖๗๘๙").startswith(w)), "outputs")
                card.result_lists.setdefault(head, [])
                card.sections[section].append(f"\x00{head}")
            if rest:
                card.sections[section].append(rest)
            continue
        if section:
            card.sections[section].append(line)
    for card in cards:
        _split_results(card)
    return cards


def _split_results(card: Card) -> None:
    """The results section's lines into its lists: outputs, outcomes, indicators (kpi), as its sub-headings say."""
    lines = card.sections.get("results", [])
    lists: dict[str, list[str]] = {}
    current = "outputs"
    chunk: list[str] = []

    def flush() -> None:
        if chunk:
            lists.setdefault(current, []).extend(items_of(chunk))
        chunk.clear()

    for line in lines:
        key = "".join(line.split()).rstrip(":：")
        if line.startswith("\x00"):
            flush()
            current = line[1:]
        elif key in RESULT_HEADS:
            flush()
            current = RESULT_HEADS[key]
        else:
            chunk.append(line)
    flush()
    card.result_lists = {k: v for k, v in lists.items() if v}
    card.sections["results"] = [line for line in lines if not line.startswith("\x00")]


def budget_of(text: str, amount: re.Pattern[str] = _AMOUNT) -> tuple[bool, float | None]:
    """(read, amount) of a budget section's text: (True, 0.0) for none ("ไม่มีงบประมาณที่ใช้ดำเนินการ", "-"),
    (True, the amount) for "50,000 บาท", (False, None) for anything else (empty, or words not understood)."""
    said = " ".join(to_arabic(text).split())
    if not said:
        return False, None
    key = "".join(said.split())
    # "ดำเนินการโดยไม่ใช้งบประมาณ" as "ไม่มีงบประมาณที่ใช้ดำเนินการ": a phrase of none anywhere, with no amount beside it
    if key in NO_BUDGET or (not re.search(r"\d", key) and any(word in key for word in NO_BUDGET_PHRASES)):
        return True, 0.0
    match = amount.match(said)
    if match:
        return True, float(match.group(1).replace(",", ""))
    return False, None


def fiscal_year_of_period(period: tuple[str, str] | None) -> int | None:
    """The fiscal year a period (ISO first and last day) lies in, or None when it spans more than one."""
    if period is None:
        return None
    first, last = (fiscal_year_of(date.fromisoformat(day)) for day in period)
    return first if first == last else None


def says_years(timeline: str) -> bool:
    """Does a timeline write its years (not months alone, which take the plan's year)?"""
    return bool(re.search(r"25[0-9]{2}", to_arabic(timeline)))
SECTION_KEYS = {name: key for key, name in SECTION_NAMES.items()}
