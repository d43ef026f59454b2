"""The text of a PDF whose fonts map only some glyphs to Unicode, completed from the embedded font itself.

Chromium (and so Google Docs and many web systems) writes a Thai font's ToUnicode map only for the glyphs the
font's cmap names; the glyphs that Thai shaping substitutes in (a tone mark moved left or lowered, ี narrowed,
ญ and ฐ without their tails, ligatures such as ํ+้) are mapped to U+0000 and their text is given only as the
``/ActualText`` of a marked span, which pypdf does not read: it gives "ป " for "ปี" and "ที " for "ที่". Those glyphs are still in the embedded font, with the font's own cmap and its substitution table (GSUB):
a substituted glyph stands for the text of the glyph it replaced (a ligature for the text of its components).
``complete_text_maps`` adds the missing entries to each such font's ToUnicode map, in memory, before pypdf
extracts the text; entries the PDF gives are never changed, except those to the Private Use Area.

Fonts made for the older Thai shaping (TLWG's Garuda, Loma, Kinnari, Norasi, Laksaman; Tahoma and Microsoft Sans
Serif) give their shaped forms Private Use Area code points in their cmap: U+F70B is ้ lowered over a short
consonant, U+F701 is ิ moved left under a tall one. Chromium maps such a glyph to that code point, so pypdf read
"สร\uf70bาง" for "สร้าง" (and "ผ\uf70aาน" was not ผ่าน). The convention (``THAI_PUA``: U+F700 to U+F71A, the
same in every such font) gives the letter each stands for; a PUA code outside it is completed from the font's
substitutions like an unmapped glyph. ``thai_text`` then writes these code points, should any remain (a font
that could not be read), as their letters, and SARA AM as one letter where the shaping drew it as ํ and า.

Only composite fonts with an embedded TrueType font and glyph ids as codes (Identity, as Chromium, Word and
LibreOffice write Thai) are completed; anything else, or a font fontTools cannot read, is left as it is.
"""

from __future__ import annotations

import io
import re
import unicodedata
from typing import Any

MAX_FONT_BYTES = 5 * 1024 * 1024  # a Thai font subset: tens of KB; a whole CJK font: about 16 MB (not completed)
MAX_FONTS = 200  # fonts completed per document
MAX_ZERO_WIDTHS = 20_000  # glyphs made zero wide per font (pypdf reads at most 100,000 widths per font)
# a bfchar entry (code, text) or a bfrange (first code, last code, then a text or an array of texts)
_CODES = re.compile(rb"<([0-9A-Fa-f]+)>\s*(?:<([0-9A-Fa-f]*)>|\[)")
_NO_TEXT = re.compile(rb"^(?:0000)*$")  # Chromium maps a substituted glyph to U+0000: no text, to be completed
# a text of Private Use Area code points only (U+E000 to U+F8FF): a shaped form, to be completed as its letter
_PUA_TEXT = re.compile(rb"^(?:[Ee][0-9A-Fa-f]{3}|[Ff][0-8][0-9A-Fa-f]{2})+$")
# the shaped forms of the Thai letters at their conventional PUA code points (Microsoft's, which TLWG's and other
# Thai fonts follow): descender-less ฐ and ญ, marks moved left, lowered, or both
THAI_PUA: dict[int, str] = {
    0xF700: "\u0e10", 0xF70F: "\u0e0d",  # ฐ ญ without their descenders
    **{0xF701 + i: chr(0x0E34 + i) for i in range(4)},  # ิ ี ึ ื moved left
    **{0xF705 + i: chr(0x0E48 + i) for i in range(5)},  # ่ ้ ๊ ๋ ์ lowered and moved left
    **{0xF70A + i: chr(0x0E48 + i) for i in range(5)},  # ่ ้ ๊ ๋ ์ lowered
    0xF710: "\u0e31", 0xF711: "\u0e4d", 0xF712: "\u0e47",  # ั ํ ็ moved left
    **{0xF713 + i: chr(0x0E48 + i) for i in range(5)},  # ่ ้ ๊ ๋ ์ moved left
    0xF718: "\u0e38", 0xF719: "\u0e39", 0xF71A: "\u0e3a",  # ุ ู ฺ lowered (under ฎ and ฏ)
}
_PUA_LETTERS = str.maketrans(THAI_PUA)
# ุ or ู and a tone mark, which Unicode orders (below-vowel first) and a font's shaping may draw the other way
_ORDERED_MARKS = re.compile("[\u0e38\u0e39\u0e48-\u0e4b]{2,}")
_SARA_AM = re.compile("\u0e4d([\u0e48-\u0e4b]?)\u0e32")
_SARA_AM_AFTER_TONE = re.compile("([\u0e48-\u0e4b])\u0e4d\u0e32")


def thai_text(text: str) -> str:
    """Thai shaped forms at their PUA code points written as their letters; ุ ู and a tone mark in Unicode's order
    (TLWG's fonts swap ู and ้ to stack them, so "รู้" was read for "รู้": it looks the same and compares
    different); SARA AM drawn as NIKHAHIT and SARA AA (with a tone mark between or before them) as SARA AM."""
    text = _ORDERED_MARKS.sub(_in_order, text.translate(_PUA_LETTERS))
    return _SARA_AM_AFTER_TONE.sub("\\1\u0e33", _SARA_AM.sub("\\1\u0e33", text))


def _in_order(marks: re.Match[str]) -> str:
    """A run of marks in canonical order (as NFC puts them): the below-vowel before the tone mark."""
    return "".join(sorted(marks.group(), key=unicodedata.combining))


def complete_text_maps(reader: Any) -> int:
    """Complete the ToUnicode maps of the fonts on the reader's pages; returns how many fonts were completed."""
    done: set[int] = set()
    completed = 0
    for page in reader.pages:
        try:
            fonts = page["/Resources"]["/Font"].get_object()
        except (KeyError, TypeError, AttributeError):
            continue
        for ref in fonts.values():
            key = getattr(ref, "idnum", None) or id(ref)
            if key in done or len(done) >= MAX_FONTS:
                continue
            done.add(key)
            completed += _as_given_if_unreadable(_complete, ref)
            _as_given_if_unreadable(_zero_default_width, ref)
    return completed


def _as_given_if_unreadable(step: Any, ref: Any) -> int:
    """One step on a font; a font we cannot read keeps the map and widths the PDF gives (0 fonts completed)."""
    try:
        return int(step(ref.get_object()) or 0)
    except Exception:  # noqa: BLE001 - any failure of a font's own data: it is read as pypdf reads it
        return 0


def _zero_default_width(font: Any) -> None:
    """Glyphs the widths array leaves out made zero wide, as the font's default width of 0 says.

    Chromium lists only glyphs with a width and gives the rest (Thai marks) the default width 0; pypdf takes a
    default of 0 for none and gives them about a space each, so it judged that text reached further than it does
    and wrote no space where a table cell or a tab began: "ข้อคำถามที่ ๑" and "๙๔.๑๐" in the next cell were read as
    "ข้อคำถามที่ ๑๙๔.๑๐". A range of zero widths is put before the entries the PDF gives (which then win)."""
    from pypdf.generic import ArrayObject, NameObject, NumberObject

    if font.get("/Subtype") != "/Type0":
        return
    descendant = font["/DescendantFonts"][0].get_object()
    if descendant.get("/DW") != 0 or "/W" not in descendant:
        return
    widths = descendant["/W"].get_object()
    glyphs = _glyph_count(descendant)
    if glyphs is None:
        glyphs = 1 + max((int(entry) for entry in widths if isinstance(entry, (int, float))), default=0)
        glyphs += max((len(entry) for entry in widths if isinstance(entry, list)), default=0)
    if not 0 < glyphs <= MAX_ZERO_WIDTHS:
        return
    descendant[NameObject("/W")] = ArrayObject([NumberObject(0), NumberObject(glyphs - 1), NumberObject(0),
                                                *widths])


def _glyph_count(descendant: Any) -> int | None:
    """How many glyphs the embedded TrueType font has, or None when it has none or cannot be read."""
    from fontTools.ttLib import TTFont

    font_file = descendant["/FontDescriptor"].get_object().get("/FontFile2")
    if font_file is None:
        return None
    data = font_file.get_object().get_data()
    if len(data) > MAX_FONT_BYTES:
        return None
    return int(TTFont(io.BytesIO(data), lazy=True)["maxp"].numGlyphs)


def _complete(font: Any) -> int:
    from pypdf.generic import DecodedStreamObject, NameObject

    if font.get("/Subtype") != "/Type0" or font.get("/Encoding") != "/Identity-H" or "/ToUnicode" not in font:
        return 0
    descendant = font["/DescendantFonts"][0].get_object()
    if descendant.get("/CIDToGIDMap", "/Identity") != "/Identity":
        return 0
    font_file = descendant["/FontDescriptor"].get_object().get("/FontFile2")
    if font_file is None:
        return 0
    data = font_file.get_object().get_data()
    if len(data) > MAX_FONT_BYTES:
        return 0
    given = font["/ToUnicode"].get_object().get_data()
    mapped = _mapped_codes(given)
    missing = _glyph_texts(data, mapped)
    if not missing:
        return 0
    entries = "".join(f"<{gid:04X}> <{text.encode('utf-16-be').hex().upper()}>\n" for gid, text in sorted(missing.items()))
    extra = f"{len(missing)} beginbfchar\n{entries}endbfchar\n".encode("ascii")
    at = given.rfind(b"endcmap")
    if at < 0:
        return 0
    stream = DecodedStreamObject()
    stream.set_data(given[:at] + extra + given[at:])
    font[NameObject("/ToUnicode")] = stream
    return 1


def _mapped_codes(cmap: bytes) -> set[int]:
    """The codes a ToUnicode map gives a text for (bfchar entries and bfrange spans); a code mapped to U+0000 has
    none, and one mapped to the Private Use Area none that can be read (a shaped form: completed from the font)."""
    codes: set[int] = set()
    for section in re.findall(rb"beginbf(char|range)(.*?)endbf", cmap, re.DOTALL):
        kind, body = section
        for line in body.splitlines():
            found = _CODES.match(line.strip())
            if not found:
                continue
            start = int(found.group(1), 16)
            if kind == b"char":
                if found.group(2) is not None and not _NO_TEXT.match(found.group(2)) \
                        and not _PUA_TEXT.match(found.group(2)):
                    codes.add(start)
            elif found.group(2) is not None:
                first = re.match(rb"\s*<([0-9A-Fa-f]+)>\s*<[0-9A-Fa-f]+>\s*<([0-9A-Fa-f]+)>", line)
                if first and _PUA_TEXT.match(first.group(2)):
                    continue  # a span of shaped forms
                end = int(found.group(2), 16)
                codes.update(range(start, min(end, start + 0xFFFF) + 1))
    return codes


def _glyph_texts(data: bytes, mapped: set[int]) -> dict[int, str]:
    """Text for the glyphs of an embedded TrueType font that the ToUnicode map leaves out: from the font's cmap (a
    Thai shaped form's PUA code point as its letter; other PUA code points are no text), then from its substitutions
    (single, multiple, ligature), applied until nothing more is learnt."""
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(data), lazy=True)
    order = font.getGlyphOrder()
    index = {name: gid for gid, name in enumerate(order)}
    text: dict[str, str] = {}
    cmap = font.getBestCmap() or {}
    for code in sorted(cmap):
        if 0xE000 <= code <= 0xF8FF:
            if code in THAI_PUA:
                text.setdefault(cmap[code], THAI_PUA[code])
            continue
        text.setdefault(cmap[code], chr(code))
    substitutions = _substitutions(font)
    for _ in range(8):  # substitutions of substitutions (ี → narrow ี; ํ+่ → narrow ligature)
        learnt = False
        for source, target in substitutions:
            if target not in text and all(name in text for name in source):
                text[target] = "".join(text[name] for name in source)
                learnt = True
        if not learnt:
            break
    return {index[name]: value for name, value in text.items()
            if name in index and index[name] not in mapped and value}


def _substitutions(font: Any) -> list[tuple[tuple[str, ...], str]]:
    """(glyphs replaced, glyph drawn) for each single, multiple and ligature substitution of the font's GSUB."""
    if "GSUB" not in font:
        return []
    table = font["GSUB"].table
    if table.LookupList is None:
        return []
    pairs: list[tuple[tuple[str, ...], str]] = []
    for lookup in table.LookupList.Lookup:
        for sub in lookup.SubTable:
            kind = lookup.LookupType
            if kind == 7:  # an extension: the real subtable inside
                kind, sub = sub.ExtensionLookupType, sub.ExtSubTable
            if kind == 1:
                pairs.extend(((source,), target) for source, target in sub.mapping.items())
            elif kind == 2:
                for source, targets in sub.mapping.items():
                    if targets:  # the text goes with the first glyph of the sequence
                        pairs.append(((source,), targets[0]))
            elif kind == 4:
                for first, ligatures in sub.ligatures.items():
                    pairs.extend(((first, *lig.Component), lig.LigGlyph) for lig in ligatures)
    return pairs
