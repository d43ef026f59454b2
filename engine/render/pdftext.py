"""Repairs the text layer of Typst's PDF where a Thai cluster's tone mark is drawn apart from the cluster.

Typst's PDF writer (krilla) cuts a run of glyphs wherever a glyph's vertical offset changes, and only
then groups the glyphs of each piece by cluster. With Sarabun, a tone mark above ั or ิ or ึ (ปั้น,
ทั้ง, ครั้ง, ซึ่ง, มั่น) is raised by the font's mark-to-mark positioning, so it is drawn in its own
text object, and that object again carries the whole cluster's text: ``pdftotext`` and copying give
"ทั้ทั้ง", "ซึ่ซึ่ง". The shapes on the page are right; only the text behind them repeats.

This module finds those objects in the page content (a text object holding one glyph, right after a
text object whose last span already gave the same cluster as ``/ActualText``) and gives the lone mark
an empty ``/ActualText``, so the cluster's text is given once. Nothing else in the file changes: the
other objects are copied byte for byte and the cross-reference table is rebuilt. If the file is not
in the shape expected, it is returned untouched.
"""

from __future__ import annotations

import re
import zlib

_OBJ = re.compile(rb"(\d+) (\d+) obj\s*")
_STREAM = re.compile(rb"<<(.*?)>>\s*stream\r?\n", re.S)
_LENGTH = re.compile(rb"/Length (\d+)")
_REF = re.compile(rb"(\d+) 0 R")
# one text object: BT ... ET (krilla writes no nested BT and no literal "ET" token inside strings that
# matters here: strings are 2-byte glyph codes, read below with their escapes)
_BT = re.compile(r"(?<![A-Za-z])BT(.*?)(?<![A-Za-z])ET(?![A-Za-z])", re.S)
_SPAN = re.compile(r"/Span<</ActualText<FEFF([0-9A-Fa-f]*)>>>BDC")
_FONT = re.compile(r"/(\S+?) [\d.]+ Tf")
_STRING = re.compile(r"\(((?:\\.|[^\\)])*)\)", re.S)
_ESC = {"n": 10, "r": 13, "t": 9, "b": 8, "f": 12, "(": 40, ")": 41, "\\": 92}
EMPTY_SPAN = "/Span<</ActualText<FEFF>>>BDC "


def _string_bytes(body: str) -> bytes:
    out = bytearray()
    i = 0
    while i < len(body):
        ch = body[i]
        if ch != "\\":
            out.append(ord(ch))
            i += 1
            continue
        nxt = body[i + 1]
        if nxt in _ESC:
            out.append(_ESC[nxt])
            i += 2
        elif nxt.isdigit():
            m = re.match(r"[0-7]{1,3}", body[i + 1:])
            assert m
            out.append(int(m.group(0), 8) & 0xFF)
            i += 1 + len(m.group(0))
        else:  # a line continuation or an unknown escape: the character itself
            i += 2
    return bytes(out)


def _glyphs(block: str) -> list[int]:
    codes: list[int] = []
    for m in _STRING.finditer(block):
        raw = _string_bytes(m.group(1))
        codes += [int.from_bytes(raw[k:k + 2], "big") for k in range(0, len(raw) - 1, 2)]
    return codes


def _cmap(data: bytes) -> dict[int, str]:
    text = data.decode("latin-1")
    out: dict[int, str] = {}
    for section in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for code, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", section):
            out[int(code, 16)] = bytes.fromhex(uni).decode("utf-16-be", "replace")
    for section in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for lo, hi, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", section):
            start = int(uni, 16)
            for k, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                out[code] = chr(start + k)
    return out


def fix_content(content: str, cmaps: dict[str, dict[int, str]]) -> str:
    """The content stream with each repeated lone mark silenced (see the module's text)."""
    pieces: list[str] = []
    last = 0
    previous_text: str | None = None  # the /ActualText that closed the previous text object, if any
    for m in _BT.finditer(content):
        block = m.group(1)
        spans = list(_SPAN.finditer(block))
        new_block = block
        # a lone mark's text object is short: parse the glyphs of short ones only
        glyphs = _glyphs(block) if previous_text and len(block) < 240 else []
        if len(glyphs) == 1:
            font = _FONT.search(block)
            if spans:
                own = bytes.fromhex(spans[0].group(1)).decode("utf-16-be", "replace")
                if own == previous_text and len(spans) == 1:
                    new_block = block.replace(spans[0].group(0), EMPTY_SPAN.rstrip(), 1)
            elif font and cmaps.get(font.group(1), {}).get(glyphs[0]) == previous_text:
                start = font.start()
                new_block = block[:start] + EMPTY_SPAN + block[start:].rstrip() + "\nEMC\n"
        # what this object leaves for the next: the text of a span that ends it
        previous_text = None
        if spans and block.rstrip().endswith("EMC"):
            previous_text = bytes.fromhex(spans[-1].group(1)).decode("utf-16-be", "replace") or None
        pieces.append(content[last:m.start(1)])
        pieces.append(new_block)
        last = m.end(1)
    pieces.append(content[last:])
    return "".join(pieces)


def fix_mark_text(data: bytes) -> bytes:
    try:
        return _fix(data)
    except Exception:  # never lose the document over its text layer  # noqa: BLE001
        return data


def _fix(data: bytes) -> bytes:
    starts = [(int(m.group(1)), m.start(), m.end()) for m in _OBJ.finditer(data)
              if m.start() == 0 or data[m.start() - 1:m.start()] in (b"\n", b"\r")]
    xref_at = data.rindex(b"\nxref")
    objects: dict[int, bytes] = {}
    order: list[int] = []
    for k, (num, begin, _end) in enumerate(starts):
        stop = starts[k + 1][1] if k + 1 < len(starts) else xref_at + 1
        objects[num] = data[begin:stop]
        order.append(num)

    def stream_of(num: int) -> tuple[bytes, bytes, int, int] | None:
        body = objects[num]
        head = _OBJ.match(body)
        assert head
        m = _STREAM.match(body, head.end())
        if not m:
            return None
        length = int(_LENGTH.search(m.group(1)).group(1))  # type: ignore[union-attr]
        raw = body[m.end():m.end() + length]
        if b"/FlateDecode" in m.group(1):
            raw = zlib.decompress(raw)
        return m.group(1), raw, m.end(), length

    def dict_of(num: int) -> bytes:
        body = objects[num]
        head = _OBJ.match(body)
        assert head
        return body[head.end():]

    changed = False
    cmap_cache: dict[int, dict[int, str]] = {}
    for num in list(order):
        page = dict_of(num)
        if not re.match(rb"<</Type/Page[/>]", page):
            continue
        res = re.search(rb"/Resources (\d+) 0 R", page)
        resources = dict_of(int(res.group(1))) if res else page
        fonts = re.search(rb"/Font<<(.*?)>>", resources, re.S)
        cmaps: dict[str, dict[int, str]] = {}
        for name, ref in re.findall(rb"/(\S+?) (\d+) 0 R", fonts.group(1) if fonts else b""):
            tu = re.search(rb"/ToUnicode (\d+) 0 R", dict_of(int(ref)))
            if tu:
                key = int(tu.group(1))
                if key not in cmap_cache:
                    found = stream_of(key)
                    cmap_cache[key] = _cmap(found[1]) if found else {}
                cmaps[name.decode("latin-1")] = cmap_cache[key]
        contents = re.search(rb"/Contents (\d+) 0 R", page)
        if not contents:
            continue
        cnum = int(contents.group(1))
        found = stream_of(cnum)
        if not found:
            continue
        head_dict, raw, _, _ = found
        text = raw.decode("latin-1")
        fixed = fix_content(text, cmaps)
        if fixed == text:
            continue
        packed = zlib.compress(fixed.encode("latin-1"), 6) if b"/FlateDecode" in head_dict else fixed.encode("latin-1")
        new_dict = _LENGTH.sub(f"/Length {len(packed)}".encode(), head_dict, count=1)
        objects[cnum] = f"{cnum} 0 obj\n".encode() + b"<<" + new_dict + b">>\nstream\n" + packed + \
            b"\nendstream\nendobj\n"
        changed = True
    if not changed:
        return data
    header = data[:starts[0][1]]
    trailer = data[data.index(b"trailer", xref_at):]
    trailer = trailer[:trailer.index(b"startxref")]
    out = bytearray(header)
    offsets: dict[int, int] = {}
    for num in order:
        offsets[num] = len(out)
        out += objects[num]
    size = max(offsets) + 1
    xref = len(out)
    out += f"xref\n0 {size}\n".encode()
    out += b"0000000000 65535 f\r\n"
    for num in range(1, size):
        out += (f"{offsets[num]:010d} 00000 n\r\n" if num in offsets else "0000000000 65535 f\r\n").encode()
    out += trailer + f"startxref\n{xref}\n%%EOF".encode()
    return bytes(out)
