"""Writing files safely: atomically, and never over an existing file without ``force``."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import Problem, UsageError


def check_writable(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise UsageError(Problem(str(path), "already exists; use --force to overwrite it"))
    if path.exists() and path.is_dir():
        raise UsageError(Problem(str(path), "is a folder; give a file name"))


def write_atomic(path: Path, data: bytes | str, force: bool = False) -> None:
    """Write to a temporary file beside ``path``, then rename: a failure leaves the old file intact."""
    check_writable(path, force)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
