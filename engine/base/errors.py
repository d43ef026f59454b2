"""The one error hierarchy of itaplan, and the exit codes the command line maps it to."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field

MAX_MESSAGE = 600  # characters of one problem line: a huge value from an input is cut, never printed whole
# a lint note is made of ids, codes and the command to copy (disable: [fy2568.oit-manuals-and-service-data]); cut at
# 600 its middle went, the command with it (in Thai first, its words being longer): cut only when an id is huge
MAX_NOTE = 2000
# escape sequences and control characters (C0 but tab, DEL, C1, bidi overrides) from input files must not
# reach a terminal: they could recolour, retitle or rewrite the screen
_ESCAPES = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])?")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean_text(text: str, keep_newlines: bool = True) -> str:
    """Text from an input file made safe to print on a terminal: escape sequences and control characters go."""
    text = _CONTROLS.sub("", _ESCAPES.sub("", text))
    return text if keep_newlines else " ".join(text.split("\n"))


def visible_text(text: str) -> str:
    """Text from an input file for an error message: each control or invisible character shown as its escape
    (``\\u202e``), so that the message names the value as it is ('\\u202e58' is not a score, not '58')."""
    return _CONTROLS.sub(lambda m: "\\x1b" if m.group() == "\x1b" else f"\\u{ord(m.group()):04x}", text)


class ExitStatus(enum.IntEnum):
    """Exit codes of the ``itaplan`` command (the contract in DESIGN.md)."""

    OK = 0
    PROBLEMS_FOUND = 1  # a check ran and found problems (rules validate/test, batch failures)
    BAD_INPUT = 2  # bad usage or bad input


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input, located as precisely as we can."""

    source: str
    message: str
    line: int | None = None
    column: int | None = None
    what: str = "line"  # "line" for text files, "row" for tables
    limit: int = field(default=MAX_MESSAGE, compare=False)  # characters before its middle is cut (MAX_NOTE: lint)

    def __str__(self) -> str:
        text = " ".join(visible_text(self._text()).splitlines())  # one line per problem, whatever the input held
        if len(text) <= self.limit:
            return text
        return text[: self.limit - 250] + " … " + text[-247:]  # the middle of a huge quoted value goes

    def _text(self) -> str:
        if self.line is None:
            return f"{self.source}: {self.message}"
        if self.what == "row":
            return f"{self.source}: row {self.line}: {self.message}"
        if self.column is not None:
            return f"{self.source}:{self.line}:{self.column}: {self.message}"
        return f"{self.source}:{self.line}: {self.message}"


class ItaplanError(Exception):
    """Base of every error a user can cause; carries one or more located problems."""

    exit_status = ExitStatus.BAD_INPUT

    def __init__(self, problems: list[Problem] | Problem | str, details: list[str] | None = None):
        given: list[Problem | str] = [problems] if isinstance(problems, (Problem, str)) else list(problems)
        self.problems = [p if isinstance(p, Problem) else Problem("itaplan", p) for p in given]
        # what to choose from (the plan's measures), one line each, printed below the problems
        self.details = list(details or [])
        super().__init__("\n".join(str(p) for p in self.problems))


class InputError(ItaplanError):
    """A results, plan, framework or profile file cannot be used as it is."""


def file_order(problem: Problem) -> tuple[str, int, int]:
    """Problems of rule and recommendation files are said by file, line and column: `rules validate`'s order, and
    every command's that stops at a broken rules folder (draft, rules diff), so the auditor reads one list."""
    return problem.source, problem.line or 0, problem.column or 0


class RuleError(ItaplanError):
    """A rule or recommendation file is invalid (its problems in ``file_order``)."""

    def __init__(self, problems: list[Problem] | Problem | str, details: list[str] | None = None):
        super().__init__(problems, details)
        self.problems.sort(key=file_order)
        self.args = ("\n".join(str(p) for p in self.problems),)


class UsageError(ItaplanError):
    """The command was called in a way that cannot work (missing file, existing output without --force)."""


class ConflictError(UsageError):
    """A change typed into a form opened before someone else changed the same field: refused, nothing saved,
    so that no one's update is lost (the web app answers 409)."""


class ChecksFailed(ItaplanError):
    """A check ran to the end and found problems (exit status 1)."""

    exit_status = ExitStatus.PROBLEMS_FOUND
