"""Work on what a user sends, in a worker process within a time and a memory budget: reading an uploaded
results file, and rendering a plan into a download.

A results file is read in a second or two, but a hostile one can make a parser work for an hour (a PDF of 499
pages sharing one content stream of a million text operators) or take gigabytes (a Word file of huge table
spans); a plan at the bound of its text renders to PDF in about twelve seconds and 430 MB. Done in the server
itself, such work would hold a thread, the engine's lock and the memory of the process every other user needs.
So each is done in a process of its own, forked from a server that has the readers and renderers imported already
(multiprocessing's 'forkserver': a fork of a small process that never ran a thread or the event loop, unlike a
fork of the web server): its address space is limited (``RLIMIT_AS``), and it is killed when it runs past its
time. The upload or the download is then refused with a located problem, like any bad input, and nothing is saved.
A rendering in its own process needs no lock either: matplotlib's pyplot and Typst are alone there, so one
user's Word file never waits for another's PDF.

``stop_workers`` kills the workers still at work: ``itaplan serve`` calls it when it is told to stop, so that
no upload or rendering can hold it up.
"""

from __future__ import annotations

import multiprocessing
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from multiprocessing.connection import Connection
from typing import Any

from itaplan.base.errors import InputError, ItaplanError, Problem

READ_SECONDS = 20.0  # a results file is read in one or two seconds; a report of a few hundred pages in ten
READ_MEMORY = 900 * 1024 * 1024  # address space of one reader (about 150 MB of it is Python and the readers)
RENDER_SECONDS = 60.0  # a plan renders in under a second; one at the bound of a plan's text to PDF in about 12 s
RENDER_MEMORY = 2048 * 1024 * 1024  # address space of one renderer: Typst's threads reserve more than they use
# imported once, in the fork server; "__main__" (the itaplan command) too, else each worker would run it again
_PRELOAD = ("__main__", "itaplan.web.store", "itaplan.web.rendering", "pypdf", "docx", "openpyxl")


@dataclass(frozen=True)
class Budget:
    """What reading one upload, or rendering one download, may take: seconds of wall time, bytes of address
    space."""

    seconds: float = READ_SECONDS
    memory: int = READ_MEMORY
    render_seconds: float = RENDER_SECONDS
    render_memory: int = RENDER_MEMORY


_context: Any = None
_running: set[Any] = set()
_guard = threading.Lock()
_stopped = threading.Event()


def _processes() -> Any:
    global _context
    with _guard:
        if _context is None:
            _context = multiprocessing.get_context("forkserver")
            _context.set_forkserver_preload(list(_PRELOAD))
        return _context


def _in_child(out: Connection, name: str, work: Callable[..., Any], args: tuple[Any, ...], memory: int,
              seconds: float) -> None:
    """The worker process: ``work(*args)``, or the located problems, sent back; nothing else is done."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = int(seconds) + 5  # a worker the server could not kill (it was killed itself) stops on its own
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    try:
        answer: tuple[str, Any] = ("done", work(*args))
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


def _in_worker(name: str, work: Callable[..., Any], args: tuple[Any, ...], memory: int, seconds: float) -> tuple[str, Any]:
    """``work(*args)`` in a worker process within ``memory`` bytes and ``seconds``: what it answered, or why not."""
    if _stopped.is_set():
        return ("stopping", None)
    context = _processes()
    receiving, sending = context.Pipe(duplex=False)
    process = context.Process(target=_in_child, name=f"itaplan worker: {name}"[:60], daemon=True,
                              args=(sending, name, work, args, memory, seconds))
    answer: tuple[str, Any]
    with _guard:
        _running.add(process)
    try:
        process.start()
    except BaseException:
        with _guard:
            _running.discard(process)
        receiving.close()
        sending.close()
        raise
    try:
        sending.close()
        answer = receiving.recv() if receiving.poll(seconds) else ("time", None)
    except EOFError:  # the worker died without a word: killed (by stop_workers or the system), or crashed
        answer = ("stopping", None) if _stopped.is_set() else ("died", None)
    finally:
        if process.is_alive():
            process.kill()
        process.join(5)
        with _guard:
            _running.discard(process)
        receiving.close()
    value: Any
    kind, value = answer
    if kind == "problems":
        error, problems = value
        raise error(problems)
    if kind == "bug":
        raise RuntimeError(f"{name} failed:\n{value}")
    return answer


def read_upload(name: str, data: bytes, framework: Any = None, budget: Budget = Budget(), agency: str | None = None) -> Any:
    """The results of an uploaded file (store.load_upload; of ``agency`` in a table of many), read in a worker
    process within ``budget``; an InputError naming the file when it is bad, or when its reading ran out of time or
    memory."""
    from itaplan.web.store import load_upload

    return _read(name, load_upload, (name, data, framework, agency), budget)


def read_plan(name: str, data: bytes, budget: Budget = Budget()) -> Any:
    """An uploaded plan file, validated (store.plan_upload), read as an upload is: None when it is no plan."""
    from itaplan.web.store import plan_upload

    return _read(name, plan_upload, (name, data), budget)


def read_measures(name: str, data: bytes, session: Any, budget: Budget = Budget(), **plan: Any) -> Any:
    """Last year's measures table in an uploaded file (store.import_upload; ``plan``: its plan_year, agency,
    results_year and chosen), read as an upload is: None when the file holds none."""
    from itaplan.web.store import import_upload

    return _read(name, partial(import_upload, **plan), (name, data, session), budget)


def read_tracking(name: str, data: bytes, text: Any, quiet: bool = False, budget: Budget = Budget()) -> Any:
    """The rows of an uploaded tracking sheet (store.tracking_upload), read as an upload is."""
    from itaplan.web.store import tracking_upload

    return _read(name, tracking_upload, (name, data, text, quiet), budget)


def _read(name: str, work: Callable[..., Any], args: tuple[Any, ...], budget: Budget) -> Any:
    kind, value = _in_worker(name, work, args, budget.memory, budget.seconds)
    if kind == "done":
        return value
    if kind == "stopping":
        raise InputError(Problem(name, "was not read: itaplan serve is stopping"))
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


def render_document(name: str, plan: Any, fmt: str, catalogue: Any, cards: bool = False, report: bool = False,
                    budget: Budget = Budget(), later: Any = None) -> bytes:
    """The plan ``name`` as a document (rendering.document_bytes), made in a worker process within ``budget``;
    an InputError naming the plan when its rendering ran out of time or memory (the plan file is not changed)."""
    from itaplan.web.rendering import document_bytes

    answer, value = _in_worker(name, document_bytes, (plan, fmt, catalogue, cards, report, later),
                               budget.render_memory,
                               budget.render_seconds)
    if answer == "done":
        return value
    if answer == "stopping":
        raise InputError(Problem(name, "was not made into a document: itaplan serve is stopping"))
    if answer == "time":
        raise InputError(Problem(name, f"took more than {budget.render_seconds:g} seconds to make into a document "
                                       "and was stopped (a plan takes a second or two): are its texts far longer "
                                       "than a plan's? The plan was not changed"))
    if answer == "memory":
        megabytes = budget.render_memory // (1024 * 1024)
        raise InputError(Problem(name, f"needed more than {megabytes} MB of memory to make into a document and was "
                                       "stopped: are its texts far longer than a plan's? The plan was not changed"))
    raise InputError(Problem(name, "could not be made into a document: its worker stopped without an answer; "
                                   "the plan was not changed"))


def stop_workers() -> None:
    """Kill the workers at work, and start no more: the server is stopping."""
    _stopped.set()
    with _guard:
        running = list(_running)
    for process in running:
        if process.is_alive():
            process.kill()
