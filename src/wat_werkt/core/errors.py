"""User-facing problems: every bad input becomes a located Problem, never a traceback."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple, Protocol

# A quoted value from the input that is too long to read in a message (a 5,000-digit number).
_LONG_QUOTE = re.compile(r"'([^'\n]{80,})'")


# A NamedTuple rather than a frozen dataclass: as comparable and hashable (a problem found
# twice is reported once), and it costs a tenth as much to define at start-up.
class Problem(NamedTuple):
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


class Locates(Protocol):
    """Something that finds the line and column of a key path in a document."""

    def locate(self, loc: tuple, at_key: bool = False) -> tuple[int, int]: ...


class Problems:
    """The problems found in one file, located lazily: positions are parsed only when the first
    problem needs one. text: the file's YAML text; None when positions cannot be given (then
    every problem names just the file); or pass a ready `locator` (e.g. a spreadsheet row's)."""

    def __init__(self, path: str | Path, text: str | None, locator: Locates | None = None):
        self.path = str(path)
        self.text = text
        self._locator = locator
        self.problems: list[Problem] = []

    @property
    def locator(self) -> Locates:
        if self._locator is None:
            from wat_werkt.core.yamlio import Locator

            self._locator = Locator(self.text or "")
        return self._locator

    def add(self, loc: Iterable[Any], message: str, at_key: bool = False) -> None:
        line = col = None
        if self.text is not None or self._locator is not None:
            line, col = self.locator.locate(tuple(loc), at_key=at_key)
        self.problems.append(Problem(self.path, line, col, message))


class UserError(Exception):
    """Invalid input (exit code 1). Carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=_order)
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(UserError):
    """Wrong command-line usage (exit 2): each problem's path is the option or argument."""


def _order(p: Problem) -> tuple:
    return (p.path, p.line or 0, p.col or 0, p.message)
