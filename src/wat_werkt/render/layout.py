"""Terminal layout: when a wide table reads well, and lines that wrap with a hanging indent.

Rich cuts words with "…" when a table's columns get narrower than a word. Below
`TABLE_FROM` columns the renderers therefore print records (one block per item) whose
lines wrap at word boundaries, with continuation lines indented under their value.
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

TABLE_FROM = 140  # narrower than this, a seven-column table cuts words: use records
LABEL_WIDTH = 9  # "Redenen", "Vergelijk", "Let op" ... padded to one column of labels
MIN_BODY = 20  # never wrap text narrower than this, however deep the indent


def wide(console: Console) -> bool:
    return console.width >= TABLE_FROM


def line(
    console: Console, prefix: str | Text, body: str | Text = "", hang: int | None = None
) -> None:
    """Print prefix + body wrapped to the console, continuation lines indented by `hang`.

    `hang` defaults to the prefix's width, so wrapped text stays under its own start.
    """
    prefix = Text(prefix) if isinstance(prefix, str) else prefix
    body = Text(body) if isinstance(body, str) else body
    hang = prefix.cell_len if hang is None else hang
    room = max(MIN_BODY, console.width - hang)
    if prefix.cell_len == hang:  # the body wraps under itself
        lines = list(body.wrap(console, room, overflow="fold")) or [Text()]
        lines[0] = prefix + lines[0]
    else:  # the prefix shares the first line; later lines start at `hang`
        lines = list((prefix + body).wrap(console, room, overflow="fold"))
    for n, text in enumerate(lines):
        text.rstrip()
        if n:
            text = Text(" " * hang) + text
        console.print(text, overflow="fold", crop=False, no_wrap=True)


def field(
    console: Console, label: str, body: str | Text, lead: Text | None = None, indent: int = 4
) -> None:
    """'    Bewijs    Effect aangetoond in RCT': labels in one column, values wrap under values.

    `lead` (e.g. the points of a reason) sits before the value, which wraps under itself.
    """
    prefix = Text(" " * indent) + Text(label.ljust(LABEL_WIDTH), style="bold") + Text("  ")
    line(console, prefix + (lead or Text()), body)


def heading(console: Console, text: str) -> None:
    console.print(Text(text, style="bold cyan"))
