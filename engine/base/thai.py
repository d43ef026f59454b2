"""Thai digits, months and fiscal-year dates: the small facts every document needs."""

from __future__ import annotations

import re
from calendar import monthrange as _monthrange
from collections.abc import Callable
from datetime import date as _date
from datetime import datetime as _datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from itaplan.base.i18n_composed import (
    N_,  # the date errors are shown to users (ValueError's text, marked for the catalogue)
)

TO_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
FROM_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")

MONTHS_FULL = ("มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
               "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม")
MONTHS_ABBR = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
               "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")

# a month named in a text, full or abbreviated (longest first, so มีนาคม is not read as มี.ค.'s prefix), and a
# Buddhist Era year in Arabic or Thai digits: the patterns the document check reads dates with
MONTH_NAMES = "|".join(map(re.escape, sorted(MONTHS_FULL + MONTHS_ABBR, key=len, reverse=True)))
BE_YEAR = r"25[0-9]{2}|๒๕[๐-๙]{2}"


def month_number(name: str) -> int:
    """1–12 for a month's full or abbreviated Thai name."""
    return (MONTHS_FULL.index(name) if name in MONTHS_FULL else MONTHS_ABBR.index(name)) + 1

NBSP = "\u00a0"
SARA_AM_DECOMPOSED = "\u0e4d\u0e32"  # NIKHAHIT + SARA AA, as pasted from PDFs


def to_arabic(text: str) -> str:
    """Thai digits to Arabic digits; also repairs a decomposed SARA AM."""
    return text.translate(FROM_THAI_DIGITS).replace(SARA_AM_DECOMPOSED, "\u0e33")


_THAI_NUMBER = re.compile(r"[0-9๐-๙]*[๐-๙][0-9๐-๙]*(\.[0-9๐-๙]+)?|[0-9๐-๙]*\.[0-9๐-๙]*[๐-๙][0-9๐-๙]*")


def thai_numbers(node: object, keys: frozenset[str], numeric: bool = False) -> None:
    """A number written in Thai digits under one of ``keys`` of a YAML file (threshold: ๙๐, max_measures: ๑๒,
    indicators: [๔]) read as the number, in place: YAML reads it as text, which the schema would refuse ("… not
    '๑๒'"). Only under the keys that take numbers: ids, titles and codes (o๑๒) are left as written."""
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in list(items):
        number = key in keys if isinstance(node, dict) else numeric
        if number and isinstance(value, str) and _THAI_NUMBER.fullmatch(value.strip()):
            arabic = to_arabic(value.strip())
            node[key] = float(arabic) if "." in arabic else int(arabic)  # type: ignore[index]
        else:
            thai_numbers(value, keys, number)


def to_thai(text: str) -> str:
    return text.translate(TO_THAI_DIGITS)


LINK = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


# what an officer's text may hold that is not words to put into Thai digits: a web address, an e-mail address, a
# code or id (Latin letters with digits: O14, ISO9001, KPI-3, own-1)
KEPT_AS_TYPED = re.compile(r"(?:https?://|www\.)\S+|[^\s@]+@[^\s@]+\.\w+|"
                           r"(?<![A-Za-z0-9._/-])(?=[A-Za-z0-9._/-]*[A-Za-z])(?=[A-Za-z0-9._/-]*[0-9])"
                           r"[A-Za-z0-9][A-Za-z0-9._/-]*", re.IGNORECASE)


def typed_to_thai(text: str) -> str:
    """An officer's text in Thai digits, its web and e-mail addresses, codes and ids left as typed."""
    return outside_links(text, to_thai, KEPT_AS_TYPED)


def outside_links(text: str, change: Callable[[str], str], kept: re.Pattern[str] = LINK) -> str:
    """``change`` applied to the text between web addresses (or what ``kept`` finds), those left as they are."""
    out, at = [], 0
    for link in kept.finditer(text):
        out += [change(text[at:link.start()]), link.group()]
        at = link.end()
    return "".join(out) + change(text[at:])


# a closing parenthesis or a Latin letter straight before a Thai word (a consonant or a leading vowel; not a Thai
# digit, as in O๖): the seeds write a space there, "(No Gift Policy) ขึ้นเอง", "(e-Service) ได้เข้ามา"
_GLUED = re.compile(r"(?<=[)A-Za-z])(?=[\u0e01-\u0e2e\u0e40-\u0e44])")


def spaced(text: str) -> str:
    """A composed sentence with a space between a closing parenthesis or Latin word and the Thai word after it
    (where a value put into a template meets the template's next word), web addresses untouched."""
    return outside_links(text, lambda part: _GLUED.sub(" ", part)) if _GLUED.search(text) else text


_R2: dict[float, float] = {}  # Decimal rounding is slow; a plan rounds the same few thousand scores over and over
# (94 % of calls in a national batch), so results are remembered
_CENT = Decimal("0.01")


def round2(value: float) -> float:
    """A score to two decimals with halves rounded up, as Excel's ROUND and a reader with a calculator do (81.515
    -> 81.52; Python's round gives 81.51, the float being 81.51499…): the value is first cut to nine decimals, so a
    mean that should be a half is one. Remembered; -0.0 comes back as 0.0 (it shares 0.0's key, and r2 wants 0.0)."""
    known = _R2.get(value)
    if known is None:
        if len(_R2) > 65536:
            _R2.clear()
        half_up = Decimal(repr(round(value, 9))).quantize(_CENT, rounding=ROUND_HALF_UP)
        known = _R2[value] = float(half_up) + 0.0
    return known


def fmt_score(value: float | None, thai_digits: bool = False) -> str:
    """A score the way the NACC prints it: two decimals; '–' when unknown."""
    if value is None:
        return "–"
    text = f"{round2(value):.2f}"
    return to_thai(text) if thai_digits else text


def fmt_change(value: float | None, thai_digits: bool = False) -> str:
    """A signed change: +1.25, -3.40, 0.00."""
    if value is None:
        return "–"
    rounded = round2(value)
    text = "0.00" if rounded == 0 else f"{rounded:+.2f}"
    return to_thai(text) if thai_digits else text


def fiscal_year_end(fiscal_year: int) -> _date:
    """The last day of a fiscal year (Buddhist Era): 30 September of its calendar year."""
    return _date(fiscal_year - 543, 9, 30)


def today() -> _date:
    """The day every judgement of "which fiscal year runs now" starts from: a plan's drafting date, whether a year
    has been assessed yet, which results an agency holds. Callers look it up on this module (``thai.today()``) so
    that a test can pin it by replacing this function."""
    return _date.today()


def fiscal_year_of(day: _date) -> int:
    """The fiscal year (Buddhist Era) a day falls in: it starts on 1 October of the year before."""
    return day.year + 543 + (1 if day.month >= 10 else 0)


@lru_cache(maxsize=64)
def fiscal_year_months(fiscal_year: int) -> tuple[tuple[int, int], ...]:
    """The twelve (month, BE year) pairs of a Thai fiscal year, October first."""
    return tuple([(m, fiscal_year - 1) for m in (10, 11, 12)] + [(m, fiscal_year) for m in range(1, 10)])


def month_label(month: int, be_year: int, full: bool = False) -> str:
    name = MONTHS_FULL[month - 1] if full else MONTHS_ABBR[month - 1]
    return f"{name}{NBSP}{be_year}" if not full else f"{name} {be_year}"


def month_range(fiscal_year: int, first: int, last: int, full: bool = False) -> str:
    """Months ``first``..``last`` (1 = October) of a fiscal year as a Thai range."""
    months = fiscal_year_months(fiscal_year)
    start, end = months[first - 1], months[last - 1]
    if first == last:
        return month_label(*start, full=full)
    return f"{month_label(*start, full=full)} – {month_label(*end, full=full)}"


_PLAIN = "0123456789."
_NUMBER = re.compile(r"[+-]?([0-9]{1,30}(\.[0-9]{0,30})?|\.[0-9]{1,30})")
_THOUSANDS = re.compile(r"[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]{0,30})?")


def parse_number(text: str) -> float | None:
    """A number written with Thai or Arabic digits, optional % sign and thousands commas (1,234.5).

    A comma anywhere else ('8,5', a decimal comma) is not a number: reading it as 85 or as 8.5 would be a
    guess, so the caller reports the cell instead. Only ASCII and Thai digits count (not '²' or '٣').
    """
    if 0 < len(text) <= 30 and not text.strip(_PLAIN) and text.count(".") <= 1 and text != ".":
        return float(text)  # the common case, plain ASCII digits: what _parse_number gives, without its regexes
    return _parse_number(text)


def _parse_number(text: str) -> float | None:
    cleaned = to_arabic(text).strip().rstrip("%").strip()
    if "," in cleaned:
        if not _THOUSANDS.fullmatch(cleaned):
            return None
        cleaned = cleaned.replace(",", "")
    if not _NUMBER.fullmatch(cleaned):
        return None
    return float(cleaned)


_MONTH_NAMES = {name.replace(".", ""): i for i, name in enumerate(MONTHS_ABBR, start=1)}
_MONTH_NAMES.update({name: i for i, name in enumerate(MONTHS_FULL, start=1)})
_MONTH_NAMES.update({name: i for i, name in enumerate(("มกรา", "กุมภา", "มีนา", "เมษา", "พฤษภา", "มิถุนา", "กรกฎา",
                                                       "สิงหา", "กันยา", "ตุลา", "พฤศจิกา", "ธันวา"), start=1)})
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NAMED_DATE = re.compile(r"^(\d{1,2})\s*([ก-๙.]+?)\s*(?:พ\.?\s*ศ\.?\s*)?(\d{4}|\d{2})$")


def parse_date(value: object) -> _date:
    """A date as officers write it: 15/3/2569, 15 มี.ค. 2569, 15 มีนาคม 2569, 2026-03-15, Thai digits, or a
    spreadsheet date. Four-digit years above 2400 are Buddhist Era. Raises ValueError saying what is wrong."""
    if isinstance(value, _datetime):
        value = value.date()
    if isinstance(value, _date):
        # 15/3/2569 typed into Excel becomes the Christian-era date 2569-03-15: the year is Buddhist Era
        if value.year <= 2400:
            return value
        try:
            return value.replace(year=value.year - 543)
        except ValueError:  # 29 February of a year that is leap only in the Christian era
            raise ValueError(N_(f"'{value.day}/{value.month}/{value.year}' is not a real date")) from None
    text = to_arabic(str(value)).strip()
    day = month = year = None
    if m := _ISO_DATE.match(text):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif m := _NUMERIC_DATE.match(text):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
    elif m := _NAMED_DATE.match(text):
        month = _MONTH_NAMES.get(m[2].replace(".", ""))
        if month is None:
            raise ValueError(N_(f"'{value}': '{m[2]}' is not a Thai month name"))
        day, year = int(m[1]), int(m[3])
    else:
        raise ValueError(N_(f"'{value}' is not a date; write it like 15/3/2569 or 15 มี.ค. 2569"))
    if year < 100:  # "30 มิ.ย. 69": officers write the Buddhist Era year in two digits
        year += 2500
    if year > 2400:
        year -= 543
    try:
        return _date(year, month, day)
    except ValueError:
        if 1 <= month <= 12 and 1 <= year:  # the month's length said, as a typed timeline's impossible day is
            days, month_year = _monthrange(year, month)[1], f"{MONTHS_FULL[month - 1]} {year + 543}"
            raise ValueError(N_(f"'{value}' is not a real date: {month_year} has {days} days")) from None
        raise ValueError(N_(f"'{value}' is not a real date")) from None


def fmt_date(value: str | _date, thai_digits: bool = False, full: bool = True) -> str:
    """15 มีนาคม 2569: a date in Thai with the Buddhist Era year."""
    d = value if isinstance(value, _date) else _date.fromisoformat(str(value))
    text = f"{d.day} {(MONTHS_FULL if full else MONTHS_ABBR)[d.month - 1]} {d.year + 543}"
    return to_thai(text) if thai_digits else text
