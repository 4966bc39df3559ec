"""Terminal layout: when a wide table reads well, and lines that wrap with a hanging indent.

Rich cuts words with "…" when a table's columns get narrower than a word. Below
`TABLE_FROM` columns the renderers therefore print records (one block per item) whose
lines wrap at word boundaries, with continuation lines indented under their value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from rich.console import Console
from rich.segment import Segment, Segments
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
        lines = _wrap(console, body, room) or [Text()]
        lines[0] = prefix + lines[0]
    else:  # the prefix shares the first line; later lines start at `hang`
        lines = _wrap(console, prefix + body, room)
    for n, text in enumerate(lines):
        text.rstrip()
        if n:
            lines[n] = Text(" " * hang) + text
    joined = Text("\n").join(lines)
    if hang + room > console.width:  # rich crops lines wider than the terminal: let it
        _flush(console)
        console.print(joined, overflow="fold", crop=False, no_wrap=True)
    else:  # what that print renders, without its per-print cost
        _emit(console, joined.render(console, end="\n"))


def _wrap(console: Console, text: Text, width: int) -> list[Text]:
    """`text.wrap(console, width, overflow="fold")`, a third of the cost for plain one-line text.

    Where every character is one cell wide, rich's word division reduces to string lengths;
    anything else (tabs, new lines, wide or zero-width characters, a word to fold) goes to rich.
    """
    plain = text.plain
    offsets = _divide(plain, width) if _narrow(plain) else None
    if offsets is None:
        return list(text.wrap(console, width, overflow="fold"))
    lines = list(text.divide(offsets))
    for piece in lines:
        if len(piece) > width:  # trailing spaces past the width go, as rich's rstrip_end
            piece.rstrip_end(width)
    return lines


_WORD = re.compile(r"\s*\S+\s*")  # rich._wrap.re_word: a word with the spaces around it
# one cell each and never joining their neighbours: Latin letters, Dutch punctuation, bullets
_ONE_CELL = frozenset("–—‘’“”•…▸·€") | frozenset(map(chr, range(0xAE, 0x300)))


def _narrow(plain: str) -> bool:
    # isprintable() also rules out new lines, tabs, control and format characters
    return plain.isprintable() and (
        plain.isascii() or all(c < "\x80" or c in _ONE_CELL for c in plain)
    )


def _divide(text: str, width: int) -> list[int] | None:
    """rich._wrap.divide_line with len() for cell_len; None when a word must fold."""
    breaks: list[int] = []
    offset = 0
    for match in _WORD.finditer(text):
        start, end = match.span()
        length = len(match.group().rstrip())
        if width - offset >= length:
            offset += end - start
        elif length > width:
            return None
        elif offset and start:
            breaks.append(start)
            offset = end - start
    return breaks


# Output of line(), heading() and blank() inside `batched`: one print for all of it.
_batch: tuple[Console, list[Segment]] | None = None


@contextmanager
def batched(console: Console) -> Iterator[None]:
    """Collect what the helpers here print and print it at once: rich's cost is per print.

    Anything else printed inside goes through `show`, which prints what was collected first.
    """
    global _batch
    outer, _batch = _batch, (console, [])
    try:
        yield
        _flush(console)
    finally:
        _batch = outer


def show(console: Console, renderable: Any = None) -> None:
    """console.print(renderable), in order with what `batched` collected."""
    _flush(console)
    if renderable is None:
        console.print()
    else:
        console.print(renderable)


def blank(console: Console) -> None:
    _emit(console, [Segment.line()])


def _emit(console: Console, segments: Iterable[Segment]) -> None:
    if _batch is not None and _batch[0] is console:
        _batch[1].extend(segments)
    else:
        console.print(Segments(segments), crop=False)


def _flush(console: Console) -> None:
    if _batch is not None and _batch[0] is console and _batch[1]:
        console.print(Segments(_batch[1]), crop=False)
        _batch[1].clear()


def field(
    console: Console, label: str, body: str | Text, lead: Text | None = None, indent: int = 4
) -> None:
    """'    Bewijs    Effect aangetoond in RCT': labels in one column, values wrap under values.

    `lead` (e.g. the points of a reason) sits before the value, which wraps under itself.
    """
    prefix = _label(label, indent)
    line(console, prefix + lead if lead else prefix, body)


@lru_cache
def _label(label: str, indent: int) -> Text:
    """The padded bold label, built once: line() only reads its prefix, never changes it."""
    return Text(" " * indent) + Text(label.ljust(LABEL_WIDTH), style="bold") + Text("  ")


def heading(console: Console, text: str) -> None:
    if len(text) <= console.width and _narrow(text):  # one line, as print would render it
        # print's wrap turns the text's own style into a span: render() skips the former
        _emit(console, Text.assemble((text, "bold cyan")).render(console, end="\n"))
    else:
        show(console, Text(text, style="bold cyan"))


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
