"""User-facing problems: every bad input becomes a located Problem, never a traceback."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A quoted value from the input that is too long to read in a message (a 5,000-digit number).
_LONG_QUOTE = re.compile(r"'([^'\n]{80,})'")


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int | None
    col: int | None
    message: str

    def __str__(self) -> str:
        """The problem as printed; text from the input never reaches a terminal raw."""
        from wat_werkt.core.text_safety import terminal

        path, message = terminal(self.path, one_line=True), terminal(self.message, one_line=True)
        message = _LONG_QUOTE.sub(lambda m: f"'{m.group(1)[:40]}…'", message)
        if self.line is None:
            return f"{path}: {message}"
        return f"{path}:{self.line}:{self.col or 1}: {message}"


class UserError(Exception):
    """Invalid input (exit code 1). Carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=_order)
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(UserError):
    """Wrong command-line usage (exit 2): each problem's path is the option or argument."""


def _order(p: Problem) -> tuple:
    return (p.path, p.line or 0, p.col or 0, p.message)
