"""Text from users (profile names, keys, values, file names) made safe for where it is written.

Every renderer calls one of these at the point where such text is written; each function takes
any value (non-strings are returned unchanged, so numbers stay numbers) and never raises.

- `terminal(text)`: for a terminal (rich tables, errors, progress). Control characters and
  escape sequences are shown as visible symbols (ESC as ␛), never sent raw, so a name cannot
  recolour, retitle or rewrite the screen; bidirectional overrides are shown as `<U+202E>`.
- `terminal_markup(text)`: `terminal`, then escaped for rich markup: use it when the text goes
  into a string rich parses as markup (`console.print(str)`, `Table.add_row(str)`), so `[red]`
  or `[/]` in a name is printed as typed and never styles or crashes the output.
- `csv_cell(value)`: a cell that a spreadsheet would run as a formula (starting with = + - @,
  tab or CR) gets a leading quote, as OWASP advises against CSV injection; a CR inside becomes
  LF, which csv.writer quotes (a bare CR would end the row in a spreadsheet); other control
  characters are shown as symbols, as by `terminal`.
- `markdown_inline(text)`: one line of Markdown text: newlines become spaces, and characters
  that would start a heading, list, quote, table cell, emphasis, link, code or HTML tag are
  escaped, so a name stays text inside a heading, a paragraph or a table cell.
- `spreadsheet_text(text)`: the control characters XML 1.0 cannot hold (all but tab, LF and
  CR), which openpyxl refuses, shown as visible symbols.
- `html_text(text)`: escaped for HTML text and attribute values (quotes included).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

# C0 controls except tab and newline (handled per function), DEL, and C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")
# Bidirectional overrides and isolates: they reorder what is shown ("Trojan source").
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Inline Markdown that works anywhere in a line; '<' and '>' become entities instead.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~#])")
# What starts a block only at the start of a line: a heading, list item, quote or rule.
_MARKDOWN_START = re.compile(r"^(\s*)(?:([#+\-=])|(\d+)([.)]))")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode control pictures: ␀ … ␛ …
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def terminal(text: Any, one_line: bool = False) -> Any:
    """Text safe to show on a terminal; with `one_line`, newlines and tabs become spaces."""
    if not isinstance(text, str):
        return text
    if one_line:
        text = text.replace("\n", " ").replace("\t", " ")
    return _BIDI.sub(_visible, _CONTROL.sub(_visible, text))


def terminal_markup(text: Any, one_line: bool = False) -> Any:
    """`terminal`, escaped for rich markup (for strings rich parses as markup)."""
    if not isinstance(text, str):
        return text
    from rich.markup import escape

    return escape(terminal(text, one_line))


def csv_cell(value: Any) -> Any:
    """A CSV cell no spreadsheet runs as a formula (OWASP: prefix a quote)."""
    # Most cells (names, ids, codes) need nothing: every character _csv_text changes is
    # unprintable (controls, CR, bidi marks), so printable text that does not start a formula
    # is returned as it is, at the cost of one scan (batch output writes millions of cells).
    if not isinstance(value, str) or (value.isprintable() and value[:1] not in _FORMULA_CHARS):
        return value
    return _csv_text(value)


_FORMULA_CHARS = frozenset(c for c in _FORMULA_START if c.isprintable())


def csv_row(values: Iterable[Any]) -> list[Any]:
    """[csv_cell(v) for v in values], with the test for plain text inline: a batch writes
    millions of cells, and a call per cell costs more than the test."""
    plain, formula, slow = str.isprintable, _FORMULA_CHARS, csv_cell
    return [v if type(v) is str and plain(v) and v[:1] not in formula else slow(v) for v in values]


@lru_cache(maxsize=4096)  # batch rows repeat the same ids, names and codes thousands of times
def _csv_text(value: str) -> str:
    if value.startswith(_FORMULA_START):
        value = "'" + value
    # csv.writer quotes a field with "\n" but not one with a lone "\r", which ends the row.
    # Other controls (ESC ...) are shown as symbols: CSV on stdout reaches a terminal.
    return terminal(value.replace("\r\n", "\n").replace("\r", "\n"))


def markdown_inline(text: Any) -> Any:
    """One line of Markdown that renders as exactly the text given."""
    if not isinstance(text, str):
        return text
    text = terminal(text, one_line=True)
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_START.sub(_escape_start, text)


def _escape_start(m: re.Match[str]) -> str:
    if m.group(2):
        return f"{m.group(1)}\\{m.group(2)}"
    return f"{m.group(1)}{m.group(3)}\\{m.group(4)}"


def html_text(text: Any) -> Any:
    """Escaped for HTML text and attribute values."""
    if not isinstance(text, str):
        return text
    from html import escape  # here: the html package loads its large entity table

    return escape(terminal(text), quote=True)


_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def spreadsheet_text(text: Any) -> Any:
    """Text an xlsx cell can hold: XML-illegal control characters shown as symbols (␛)."""
    if not isinstance(text, str):
        return text
    return _XML_ILLEGAL.sub(_visible, text)
