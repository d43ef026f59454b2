"""Thai digits, months and fiscal-year dates: the small facts every document needs."""

from __future__ import annotations

import re

TO_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
FROM_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")

MONTHS_FULL = ("มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
               "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม")
MONTHS_ABBR = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
               "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")
NBSP = "\u00a0"
SARA_AM_DECOMPOSED = "\u0e4d\u0e32"  # NIKHAHIT + SARA AA, as pasted from PDFs


def to_arabic(text: str) -> str:
    """Thai digits to Arabic digits; also repairs a decomposed SARA AM."""
    return text.translate(FROM_THAI_DIGITS).replace(SARA_AM_DECOMPOSED, "\u0e33")


def to_thai(text: str) -> str:
    return text.translate(TO_THAI_DIGITS)


def fmt_score(value: float | None, thai_digits: bool = False) -> str:
    """A score the way the NACC prints it: two decimals; '–' when unknown."""
    if value is None:
        return "–"
    text = f"{value:.2f}"
    return to_thai(text) if thai_digits else text


def fmt_change(value: float | None, thai_digits: bool = False) -> str:
    """A signed change: +1.25, -3.40, 0.00."""
    if value is None:
        return "–"
    rounded = round(value, 2)
    text = "0.00" if rounded == 0 else f"{rounded:+.2f}"
    return to_thai(text) if thai_digits else text


def fiscal_year_months(fiscal_year: int) -> list[tuple[int, int]]:
    """The twelve (month, BE year) pairs of a Thai fiscal year, October first."""
    return [(m, fiscal_year - 1) for m in (10, 11, 12)] + [(m, fiscal_year) for m in range(1, 10)]


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


_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


def parse_number(text: str) -> float | None:
    """A number written with Thai or Arabic digits, optional % sign and thousands commas."""
    cleaned = to_arabic(text).strip().rstrip("%").replace(",", "").strip()
    if not _NUMBER.match(cleaned):
        return None
    return float(cleaned)
