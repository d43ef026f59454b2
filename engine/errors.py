"""The one error hierarchy of itaplan, and the exit codes the command line maps it to."""

from __future__ import annotations

import enum
from dataclasses import dataclass


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

    def __str__(self) -> str:
        return " ".join(self._text().splitlines())  # one line per problem, whatever the input held

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

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, (Problem, str)):
            problems = [problems]
        self.problems = [p if isinstance(p, Problem) else Problem("itaplan", p) for p in problems]
        super().__init__("\n".join(str(p) for p in self.problems))


class InputError(ItaplanError):
    """A results, plan, framework or profile file cannot be used as it is."""


class RuleError(ItaplanError):
    """A rule or recommendation file is invalid."""


class UsageError(ItaplanError):
    """The command was called in a way that cannot work (missing file, existing output without --force)."""


class ChecksFailed(ItaplanError):
    """A check ran to the end and found problems (exit status 1)."""

    exit_status = ExitStatus.PROBLEMS_FOUND
