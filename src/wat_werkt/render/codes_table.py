"""Tables for `wat-werkt codes` (codes with Dutch labels and aliases) and `wat-werkt rules`."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from wat_werkt.core.text_safety import terminal
from wat_werkt.render.layout import keep_words


def _text(value: str) -> Text:
    """A cell from the knowledge base as text: never parsed as rich markup ("[/]CGT")."""
    return Text(terminal(value, one_line=True))


def codes_table(console: Console, groups: list[dict[str, Any]], view: Any = None) -> None:
    for group in groups:
        used = [*group["fields"], *group["options"]]
        table = Table(title=", ".join(used), title_justify="left", expand=True)
        table.add_column("Code", overflow="fold")
        table.add_column("Nederlands", ratio=2, overflow="fold")
        table.add_column("Ook goed", ratio=3, overflow="fold")
        for c in group["codes"]:
            table.add_row(
                _text(c["code"]), _text(c["label"]), _text(", ".join(c["aliases"]) or "–")
            )
        keep_words(console, table)  # no "gezondheidsproblem/en"; too narrow: folded as before
        console.print(table)


def rules_table(console: Console, ref: dict[str, Any], view: Any = None) -> None:
    """`wat-werkt rules`: the form of a condition, its operators and every field."""
    console.print(f"Een voorwaarde: {ref['form']}", highlight=False)
    ops = Table(title="Samenvoegen en operatoren", title_justify="left", expand=True)
    ops.add_column("Naam", no_wrap=True)
    ops.add_column("Betekenis")
    for row in [*ref["combinators"], *ref["operators"]]:
        ops.add_row(_text(row["name"]), _text(row["help"]))
    console.print(ops)
    fields = Table(title="Velden", title_justify="left", expand=True)
    fields.add_column("Veld", ratio=3, overflow="fold")
    fields.add_column("Betekenis", ratio=3, overflow="fold")
    fields.add_column("Operatoren", ratio=2, min_width=10, overflow="fold")
    fields.add_column("Waarden", ratio=3, overflow="fold")
    for f in ref["fields"]:
        values = ", ".join(f["values"]) if len(f["values"]) <= 12 else f"{len(f['values'])} ids"
        fields.add_row(
            _text(f["name"]),
            _text(f["help"] + ("" if f["scope"] == "profile" else " (per interventie)")),
            _text(", ".join(f["operators"])),
            _text(values or "geheel getal"),
        )
    console.print(fields)
