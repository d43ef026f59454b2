"""Writing files safely: atomically, and never over an existing file without ``force``.

A new file gets the mode the user's umask gives (as ``open`` would), an existing one keeps its mode (a
plan shared 0664 with a team stays shared), and only a regular file is ever replaced: ``--force`` onto
a FIFO, a device or a socket is refused rather than swapping it for a regular file. Every failure of the
file system (a folder that is a file, permission denied, a full disk) is a located error, exit 2.
"""

from __future__ import annotations

import itertools
import os
import stat
from pathlib import Path

from itaplan.base.errors import Problem, UsageError


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
    """A file may be written at ``path``: none is there, or a regular file and ``force``; else a located error."""
    _existing(path, force)


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


_serial = itertools.count(1)


def _existing(path: Path, force: bool) -> os.stat_result | None:
    """``check_writable``, giving the existing file's own status (None when there is none), one stat in all."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:  # e.g. a part of the path is a regular file
        raise os_problem(path, exc) from None
    if stat.S_ISDIR(info.st_mode):
        raise UsageError(Problem(str(path), "is a folder; give a file name"))
    if not stat.S_ISREG(info.st_mode):
        raise UsageError(Problem(str(path), "is not a regular file (a pipe, device or socket); give a file name"))
    if not force:
        raise UsageError(Problem(str(path), "already exists; use --force to overwrite it"))
    return info


def _temp_beside(path: Path) -> tuple[int, str]:
    """A new file beside ``path`` (never an existing one: O_EXCL), named after it, this process and a serial;
    made with 0666 so that the umask gives it the mode ``open`` would. The folder is made when missing."""
    for attempt in range(100):
        tmp = str(path.parent / f".{path.name[:40]}.{os.getpid()}.{next(_serial)}.tmp")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666), tmp
        except FileExistsError:
            continue  # left by a process that had this number and was stopped: another name
        except FileNotFoundError:
            if attempt:
                raise
            path.parent.mkdir(parents=True, exist_ok=True)
    raise FileExistsError(f"no free temporary name beside {path}")


def write_atomic(path: Path, data: bytes | str, force: bool = False) -> None:
    """Write to a temporary file beside ``path``, then rename: a failure leaves the old file intact. A new file
    gets the mode the umask gives, a replaced one keeps its own. (Written with as few system calls as the
    guarantees allow: a batch writes thousands of plans.)"""
    existing = _existing(path, force)
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        fd, tmp = _temp_beside(path)
    except FileExistsError:
        raise UsageError(Problem(str(path), "cannot be written: a part of the path is a file, not a folder")) from None
    except OSError as exc:
        raise os_problem(path, exc) from None
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            if existing is not None and hasattr(os, "fchmod"):
                os.fchmod(fd, stat.S_IMODE(existing.st_mode))
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException as exc:
        removed = _remove(tmp)
        if isinstance(exc, OSError):
            if isinstance(exc, PermissionError) and not removed:  # files may be added but not renamed or removed
                raise UsageError(Problem(str(path), "cannot be written: the folder lets files be added but not "
                                                    "renamed or removed (append-only?); write it to another folder")) \
                    from None
            raise os_problem(path, exc) from None
        raise


def _remove(tmp: str) -> bool:
    """Remove a temporary file; where the folder forbids it (append-only), empty it: nothing half-written stays."""
    try:
        os.unlink(tmp)
    except FileNotFoundError:
        pass
    except OSError:
        try:
            os.truncate(tmp, 0)
        except OSError:
            pass
        return False
    return True
