"""Reading an uploaded results file in a worker process, within a time and a memory budget.

A results file is read in a second or two, but a hostile one can make a parser work for an hour (a PDF of 499
pages sharing one content stream of a million text operators) or take gigabytes (a Word file of huge table
spans). Read in the server itself, it would hold a thread and the memory of the process every other user needs.
So each upload is read in a process of its own, forked from a server that has the readers imported already
(multiprocessing's 'forkserver': a fork of a small process that never ran a thread or the event loop, unlike a
fork of the web server): its address space is limited (``RLIMIT_AS``), and it is killed when it runs past its
time. The upload is then refused with a located problem, like any bad input, and nothing is saved.

``stop_readers`` kills the readers still at work: ``itaplan serve`` calls it when it is told to stop, so that
no upload can hold it up.
"""

from __future__ import annotations

import multiprocessing
import threading
import traceback
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from itaplan.base.errors import InputError, ItaplanError, Problem

READ_SECONDS = 20.0  # a results file is read in one or two seconds; a report of a few hundred pages in ten
READ_MEMORY = 900 * 1024 * 1024  # address space of one reader (about 150 MB of it is Python and the readers)
# imported once, in the fork server; "__main__" (the itaplan command) too, else each reader would run it again
_READERS = ("__main__", "itaplan.web.store", "pypdf", "docx", "openpyxl")


@dataclass(frozen=True)
class Budget:
    """What reading one upload may take: seconds of wall time, bytes of address space."""

    seconds: float = READ_SECONDS
    memory: int = READ_MEMORY


_context: Any = None
_running: set[Any] = set()
_guard = threading.Lock()
_stopped = threading.Event()


def _processes() -> Any:
    global _context
    with _guard:
        if _context is None:
            _context = multiprocessing.get_context("forkserver")
            _context.set_forkserver_preload(list(_READERS))
        return _context


def _read_in_child(out: Connection, name: str, data: bytes, framework: Any, memory: int, seconds: float) -> None:
    """The reader process: the results, or the located problems, sent back; nothing else is done."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = int(seconds) + 5  # a reader the server could not kill (it was killed itself) stops on its own
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    from itaplan.web.store import load_upload

    try:
        answer: tuple[str, Any] = ("results", load_upload(name, data, framework))
    except ItaplanError as exc:
        answer = ("problems", (type(exc), exc.problems))
    except MemoryError:
        answer = ("memory", None)
    except RecursionError:  # a document nested past what the parser can follow
        answer = ("problems", (InputError, [Problem(name, "is nested too deeply to be read; is it damaged?")]))
    except Exception:  # noqa: BLE001 - a bug: its traceback goes back, to be printed by the server
        answer = ("bug", traceback.format_exc())
    try:
        out.send(answer)
    except MemoryError:
        out.send(("memory", None))
    out.close()


def read_upload(name: str, data: bytes, framework: Any = None, budget: Budget = Budget()) -> Any:
    """The results of an uploaded file (store.load_upload), read in a worker process within ``budget``; an
    InputError naming the file when it is bad, or when its reading ran out of time or memory."""
    if _stopped.is_set():
        raise InputError(Problem(name, "was not read: itaplan serve is stopping"))
    context = _processes()
    receiving, sending = context.Pipe(duplex=False)
    process = context.Process(target=_read_in_child, name="itaplan upload reader", daemon=True,
                              args=(sending, name, data, framework, budget.memory, budget.seconds))
    answer: tuple[str, Any]
    with _guard:
        _running.add(process)
    try:
        process.start()
        sending.close()
        answer = receiving.recv() if receiving.poll(budget.seconds) else ("time", None)
    except EOFError:  # the reader died without a word: killed (by stop_readers or the system), or crashed
        answer = ("died", None)
    finally:
        if process.is_alive():
            process.kill()
        process.join(5)
        with _guard:
            _running.discard(process)
        receiving.close()
    value: Any
    kind, value = answer
    if kind == "results":
        return value
    if kind == "problems":
        error, problems = value
        raise error(problems)
    if kind == "bug":
        raise RuntimeError(f"reading {name} failed:\n{value}")
    if kind == "time":
        raise InputError(Problem(name, f"took more than {budget.seconds:g} seconds to read and was stopped (a results "
                                       "file takes a second or two): is it damaged, or no ITA results? Nothing was "
                                       "saved"))
    if kind == "memory":
        megabytes = budget.memory // (1024 * 1024)
        raise InputError(Problem(name, f"needed more than {megabytes} MB of memory to read and "
                                       "was stopped: is it damaged, or no ITA results? Nothing was saved"))
    raise InputError(Problem(name, "could not be read: its reader stopped without an answer (is the file damaged?); "
                                   "nothing was saved"))


def stop_readers() -> None:
    """Kill the readers at work, and read no more uploads: the server is stopping."""
    _stopped.set()
    with _guard:
        running = list(_running)
    for process in running:
        if process.is_alive():
            process.kill()
