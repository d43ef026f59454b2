"""Writing files safely: atomically, and never over an existing file without ``force``.

A new file gets the mode the user's umask gives (as ``open`` would), an existing one keeps its mode (a
plan shared 0664 with a team stays shared), and only a regular file is ever replaced: ``--force`` onto
a FIFO, a device or a socket is refused rather than swapping it for a regular file. Every failure of the
file system (a folder that is a file, permission denied, a full disk) is a located error, exit 2.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from .errors import Problem, UsageError


def _why(exc: OSError) -> str:
    if isinstance(exc, NotADirectoryError):
        return "a part of the path is a file, not a folder"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return exc.strerror or str(exc) or exc.__class__.__name__


def os_problem(path: Path | str, exc: OSError, doing: str = "cannot be written") -> UsageError:
    """An OSError as the user's located one-line error."""
    return UsageError(Problem(str(path), f"{doing}: {_why(exc)}"))


def check_writable(path: Path, force: bool) -> None:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return
    except OSError as exc:  # e.g. a part of the path is a regular file
        raise os_problem(path, exc) from None
    if stat.S_ISDIR(info.st_mode):
        raise UsageError(Problem(str(path), "is a folder; give a file name"))
    if not stat.S_ISREG(info.st_mode):
        raise UsageError(Problem(str(path), "is not a regular file (a pipe, device or socket); give a file name"))
    if not force:
        raise UsageError(Problem(str(path), "already exists; use --force to overwrite it"))


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def new_file_mode(path: Path) -> int:
    """The mode the file gets: an existing file's own, else what the umask allows of 0666."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return 0o666 & ~_umask()


def write_atomic(path: Path, data: bytes | str, force: bool = False) -> None:
    """Write to a temporary file beside ``path``, then rename: a failure leaves the old file intact."""
    check_writable(path, force)
    if isinstance(data, str):
        data = data.encode("utf-8")
    mode = new_file_mode(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:40]}.", suffix=".tmp", dir=path.parent)
    except FileExistsError:
        raise UsageError(Problem(str(path), "cannot be written: a part of the path is a file, not a folder")) from None
    except OSError as exc:
        raise os_problem(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError):
            raise os_problem(path, exc) from None
        raise
