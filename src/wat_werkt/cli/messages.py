"""Messages on stderr that wrap at word boundaries on a terminal (errors, wizard help).

Only a terminal wraps: piped or redirected, each message stays one line for grep and
scripts (`file:line:col: message`).
"""

from __future__ import annotations

import os
import sys
import textwrap
from typing import IO


def terminal_width(stream: IO[str]) -> int | None:
    """The width of the terminal `stream` writes to, or None when it is no terminal."""
    try:
        if not stream.isatty():
            return None
        columns = os.environ.get("COLUMNS", "")
        return int(columns) if columns.isdigit() else os.get_terminal_size(stream.fileno()).columns
    except (OSError, ValueError, AttributeError):
        return None


def wrapped(text: str, stream: IO[str] | None = None, indent: str = "", hang: str = "  ") -> str:
    """`text` wrapped to the terminal of `stream` (stderr), continuation lines under `hang`."""
    width = terminal_width(stream or sys.stderr)
    if width is None:
        return "\n".join(indent + line for line in text.split("\n"))
    return "\n".join(
        textwrap.fill(
            line,
            width=max(width - 1, 40),  # the last column would make some terminals wrap early
            initial_indent=indent,
            subsequent_indent=indent + hang,
            break_long_words=False,
            break_on_hyphens=False,
        )
        or indent
        for line in text.split("\n")
    )


def say(text: str, indent: str = "", hang: str = "  ") -> None:
    print(wrapped(text, sys.stderr, indent, hang), file=sys.stderr)


def answer(question: str) -> str:
    """The line typed after `question`; Ctrl-C ends the run with a word, not silently.

    (typer turns Ctrl-C into a silent exit 130, leaving the cursor after the question.)
    """
    try:
        print(question, end="", file=sys.stderr, flush=True)
        return sys.stdin.readline()
    except KeyboardInterrupt:
        print("\nAfgebroken; er is niets geschreven.", file=sys.stderr)
        raise SystemExit(130) from None


class RowErrors:
    """A batch's row errors on stderr: wrapped on a terminal and, past a screenful, counted.

    Piped or redirected, every error is written, one line each, for grep and scripts.
    """

    LIMIT = 20

    def __init__(self) -> None:
        self.terminal = terminal_width(sys.stderr) is not None
        self.shown = self.hidden = 0

    def show(self, problem: object) -> None:
        if self.terminal and self.shown >= self.LIMIT:
            self.hidden += 1
            return
        self.shown += 1
        say(str(problem))

    def close(self) -> None:
        if self.hidden:
            say(
                f"… en nog {self.hidden} fout(en) niet getoond; alle fouten: "
                "stuur ze naar een bestand met 2> fouten.txt"
            )
            self.hidden = 0
