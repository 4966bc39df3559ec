"""User-facing problems: every bad input becomes a located Problem, never a traceback."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int | None
    col: int | None
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}:{self.col or 1}: {self.message}"


class UserError(Exception):
    """Invalid input (exit code 1). Carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=_order)
        super().__init__("\n".join(str(p) for p in self.problems))


def _order(p: Problem) -> tuple:
    return (p.path, p.line or 0, p.col or 0, p.message)
