"""Zip packages someone sent us (an .xlsx workbook, a .docx document): bounded, and with no XML trickery.

An .xlsx or .docx is a zip of XML. Before openpyxl or python-docx sees one we check what it would unpack to:
in all (a 400 KB zip bomb unpacked to 1.2 GB), part by part against its packed size (a 58 KB .docx held an
8 MB document.xml of 250,000 empty paragraphs, and kept the engine busy for tens of seconds), and, for a
Word document, each XML part's size (python-docx parses the whole of document.xml at once). Any part with a
DTD is refused: entities were expanded by the XML parser (a billion laughs, or a file's text read into a cell).
A part is XML by what it holds, not by its name: the package's relationships may name any part as the main
document (a document.xml renamed document.bin slipped past a check by name, and 60 MB of it were parsed).
"""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

from itaplan.base.errors import InputError, Problem
from itaplan.base.i18n_composed import N_

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # a 200,000-row results sheet unpacks to about 30 MB
MAX_PARTS = 5000
# a part that unpacks to more than this many times its packed size is a bomb: XML compresses 5 to 20 times
# (a 200,000-row sheet: 13), so 100 leaves room; parts under 1 MB are never large enough to matter
MAX_RATIO = 100
RATIO_FROM_BYTES = 1024 * 1024
_CHUNK = 1024 * 1024

WORKBOOK = N_("an Excel workbook (.xlsx)")
WORD = N_("a Word document (.docx)")
NOT_ZIP = {WORKBOOK: N_("is not a readable .xlsx workbook (not a zip package)"),
           WORD: N_("is not a readable Word .docx file (not a zip package)")}


def check_package(path: Path, what: str = WORKBOOK, max_xml_bytes: int | None = None) -> None:
    """Refuse a zip package (xlsx, docx) that is not a regular file, too big packed or unpacked, packed too
    tightly, with an XML part over ``max_xml_bytes`` unpacked, or with a DTD. ``what`` names what it should be."""
    source = str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError(Problem(source, "no such file")) from None
    except OSError as exc:
        raise InputError(Problem(source, f"cannot be read: {exc.strerror or exc.__class__.__name__}")) from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError(Problem(source, "is not a regular file"))
    if info.st_size > MAX_FILE_BYTES:
        raise InputError(Problem(source, f"is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; split it"))
    try:
        with zipfile.ZipFile(path) as package:
            parts = package.infolist()
            if len(parts) > MAX_PARTS:
                count = len(parts)
                raise InputError(Problem(source, f"has {count} parts, far more than {what} has; refused"))
            unpacked = sum(p.file_size for p in parts)
            if unpacked > MAX_UNPACKED_BYTES:
                raise InputError(Problem(source, f"would unpack to {unpacked // (1024 * 1024)} MB (more than "
                                                 f"{MAX_UNPACKED_BYTES // (1024 * 1024)} MB); refused as a zip bomb"))
            for part in parts:
                _check_part(source, part, what)
            for part in parts:
                if not _is_xml(package, part):
                    continue
                if max_xml_bytes is not None and part.file_size > max_xml_bytes:
                    name = part.filename[:80]
                    size, limit = part.file_size // (1024 * 1024), max_xml_bytes // (1024 * 1024)
                    raise InputError(Problem(source, f"part {name} would unpack to {size} MB of text (more than "
                                                     f"{limit} MB); a document of ITA results is far smaller, so it "
                                                     "is refused"))
                if _has_dtd(package, part):
                    raise InputError(Problem(source, f"part {part.filename[:80]} declares a DTD (<!DOCTYPE>); "
                                                     f"{what} never does, so it is refused"))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, RuntimeError):
        raise InputError(Problem(source, NOT_ZIP.get(what, NOT_ZIP[WORKBOOK]))) from None
    except OSError as exc:
        raise InputError(Problem(source, f"cannot be read: {exc.strerror or exc.__class__.__name__}")) from None


def _check_part(source: str, part: zipfile.ZipInfo, what: str) -> None:
    name = part.filename[:80]
    if part.file_size > RATIO_FROM_BYTES and part.file_size > MAX_RATIO * max(part.compress_size, 1):
        ratio = part.file_size // max(part.compress_size, 1)
        raise InputError(Problem(source, f"part {name} would unpack to {ratio} times its packed size (more than "
                                         f"{MAX_RATIO}); refused as a zip bomb"))


_UNICODE_MARKS = (b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")


def _is_xml(package: zipfile.ZipFile, part: zipfile.ZipInfo) -> bool:
    """Whether a part holds XML (or may: text in UTF-16/32, or nothing but white space so far), whatever its name.
    A picture or a font starts with bytes no XML starts with."""
    if part.is_dir() or part.file_size == 0:
        return False
    with package.open(part) as handle:
        head = handle.read(4096)
    if head.startswith(_UNICODE_MARKS) or head[:4] == b"\x00\x00\xfe\xff":
        return True
    stripped = head.lstrip(b" \t\r\n")
    return not stripped or stripped.startswith(b"<")


def _has_dtd(package: zipfile.ZipFile, part: zipfile.ZipInfo) -> bool:
    tail = b""
    with package.open(part) as handle:
        head = handle.read(4)
        if head[:2] in (b"\xff\xfe", b"\xfe\xff") or head in (b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00"):
            return True  # UTF-16/32 XML would hide the declaration from a byte search: refuse it as well
        tail = head
        while True:
            chunk = handle.read(_CHUNK)
            data = tail + chunk
            if b"<!DOCTYPE" in data.upper() or b"<!ENTITY" in data.upper():
                return True
            if not chunk:
                return False
            tail = data[-16:]
