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
MAX_WORD = 28  # a longer "word" (a URL) may fold rather than widen its column further


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
            lines[n] = Text(" " * hang) + text
    # one print for all the lines: rich's cost is per print, not per line
    console.print(Text("\n").join(lines), overflow="fold", crop=False, no_wrap=True)


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


def keep_words(console: Console, table) -> bool:
    """Fix the widths of `table`'s columns so that none is narrower than its longest word;
    False when the terminal is too narrow for that (the caller then prints blocks).

    Rich shares a wide table's width by ratio and folds what does not fit, cutting
    "een-op-een" or "controlegroep," in two. Here the shares rich would give are taken,
    raised to each column's longest word, and the difference is taken from the columns
    with the most room to spare for their ratio. Uses rich's own width
    calculation, so the table still fills the terminal exactly.
    """
    columns = table.columns
    inner = console.options.update_width(console.width - table._extra_width)  # as rich does
    widths = table._calculate_column_widths(console, inner)
    pads = [table._get_padding_width(i) for i in range(len(columns))]
    need = [
        widths[i] if c.no_wrap else min(_longest_word(c), MAX_WORD) + pads[i]
        for i, c in enumerate(columns)
    ]
    short = sum(max(0, n - w) for n, w in zip(need, widths, strict=True))
    widths = [max(n, w) for n, w in zip(need, widths, strict=True)]
    while short > 0:  # a column without a ratio gives as if its ratio were 1
        spare = [(w - n) / (c.ratio or 1) for c, w, n in zip(columns, widths, need, strict=True)]
        most = max(range(len(columns)), key=spare.__getitem__)
        if spare[most] <= 0:
            return False
        widths[most] -= 1
        short -= 1
    for i, column in enumerate(columns):  # every column fixed: rich re-shares nothing
        column.ratio, column.width = None, widths[i] - pads[i]
    return True


def _longest_word(column) -> int:
    cells = (c.plain if isinstance(c, Text) else str(c) for c in column._cells)
    return max((len(w) for cell in cells for w in cell.split()), default=0)
