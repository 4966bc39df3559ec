"""The table of `wat-werkt codes`: per vocabulary, each code with its Dutch label and aliases."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table


def codes_table(console: Console, groups: list[dict[str, Any]]) -> None:
    for group in groups:
        used = [*group["fields"], *group["options"]]
        table = Table(title=", ".join(used), title_justify="left", expand=True)
        table.add_column("Code", no_wrap=True)
        table.add_column("Nederlands")
        table.add_column("Ook goed")
        for c in group["codes"]:
            table.add_row(c["code"], c["label"], ", ".join(c["aliases"]) or "–")
        console.print(table)
