"""Opening a workbook someone sent us: bounded, and with no XML trickery.

An .xlsx is a zip of XML. Before openpyxl sees it we check what it would unpack to (a 400 KB zip bomb
unpacked to 1.2 GB) and refuse any part with a DTD (entities were expanded by the XML parser: a billion
laughs, or a file's text read into a cell). Whatever openpyxl raises on a damaged file becomes one
located error, exit 2.
"""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path
from typing import Any

from .errors import InputError, Problem

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # a 200,000-row results sheet unpacks to about 30 MB
MAX_PARTS = 5000
_CHUNK = 1024 * 1024


def check_package(path: Path, what: str = "Excel workbook (.xlsx)") -> None:
    """Refuse a zip package (xlsx, docx) that is not a regular file, too big packed or unpacked, or has a DTD."""
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
                raise InputError(Problem(source, f"has {len(parts)} parts; not an {what}"))
            unpacked = sum(p.file_size for p in parts)
            if unpacked > MAX_UNPACKED_BYTES:
                raise InputError(Problem(source, f"would unpack to {unpacked // (1024 * 1024)} MB (more than "
                                                 f"{MAX_UNPACKED_BYTES // (1024 * 1024)} MB); refused as a zip bomb"))
            for part in parts:
                if part.filename.lower().endswith((".xml", ".rels", ".vml")) and _has_dtd(package, part):
                    raise InputError(Problem(source, f"part {part.filename[:80]} declares a DTD (<!DOCTYPE>); "
                                                     f"an {what} never does, so it is refused"))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, RuntimeError):
        raise InputError(Problem(source, "is not a readable .xlsx workbook (not a zip package)")) from None
    except OSError as exc:
        raise InputError(Problem(source, f"cannot be read: {exc.strerror or exc.__class__.__name__}")) from None


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


def open_workbook(path: Path, *, read_only: bool = True, data_only: bool = True) -> Any:
    """openpyxl's workbook, after ``check_package``; any failure of openpyxl is a located InputError."""
    from openpyxl import load_workbook

    check_package(path)
    try:
        return load_workbook(path, read_only=read_only, data_only=data_only)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types on damaged files; all are bad input
        raise InputError(Problem(str(path), f"is not a readable .xlsx workbook ({exc.__class__.__name__})")) from None
