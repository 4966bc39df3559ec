"""`list`, `evidence` and `factors`: quick lookups in the knowledge base."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from wat_werkt.cli.common import DataOption, console_for, kb, opened_output


class ListFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


class SimpleFormat(str, Enum):
    table = "table"
    json = "json"


def list_(
    evidence: str | None = typer.Option(
        None, "--evidence", help="Alleen dit bewijsniveau (bijv. rct).", metavar="NIVEAU"
    ),
    age: int | None = typer.Option(
        None, "--age", min=0, max=120, help="Alleen geschikt voor deze leeftijd."
    ),
    format_filter: str | None = typer.Option(
        None,
        "--format-filter",
        "--vorm",
        help="Alleen deze vorm: group, one_to_one, online, self_help.",
        metavar="VORM",
    ),
    status: str | None = typer.Option(
        None, "--status", help="Alleen deze status (bijv. active).", metavar="STATUS"
    ),
    format: ListFormat = typer.Option(
        ListFormat.table, "--format", "-f", help="Uitvoer: table, json of csv."
    ),
    data: Path | None = DataOption,
) -> None:
    """Alle interventies in de kennisbank, te filteren op bewijs, leeftijd, vorm en status."""
    from wat_werkt.core.lookups import listing

    rows = listing(kb(data), evidence, age, format_filter, status)
    with opened_output(None) as out:
        if format is ListFormat.json:
            from wat_werkt.render.json_out import dumps

            out.write(dumps(rows))
        elif format is ListFormat.csv:
            from wat_werkt.render.csv_out import list_csv

            out.write(list_csv(rows))
        else:
            from wat_werkt.render.table import list_table

            list_table(console_for(out), rows)


def evidence(
    intervention: str = typer.Argument(
        ..., help="Id van de interventie, bijv. peer-home-visits.", metavar="ID"
    ),
    format: SimpleFormat = typer.Option(
        SimpleFormat.table, "--format", "-f", help="Uitvoer: table of json."
    ),
    data: Path | None = DataOption,
) -> None:
    """De kaart van één interventie: wat, voor wie, factoren, studies, aandachtspunten en bronnen."""
    from wat_werkt.core.lookups import card

    result = card(kb(data), intervention)
    with opened_output(None) as out:
        if format is SimpleFormat.json:
            from wat_werkt.render.json_out import dumps

            out.write(dumps(result))
        else:
            from wat_werkt.render.table import evidence_card

            evidence_card(console_for(out), result)


def factors(
    format: SimpleFormat = typer.Option(
        SimpleFormat.table, "--format", "-f", help="Uitvoer: table of json."
    ),
    data: Path | None = DataOption,
) -> None:
    """De werkzame factoren uit het dossier, met sterkte, doelgroep en bronnen."""
    from wat_werkt.core.lookups import factor_rows

    rows = factor_rows(kb(data))
    with opened_output(None) as out:
        if format is SimpleFormat.json:
            from wat_werkt.render.json_out import dumps

            out.write(dumps(rows))
        else:
            from wat_werkt.render.table import factors_table

            factors_table(console_for(out), rows)


def register(app: typer.Typer) -> None:
    app.command("list")(list_)
    app.command("evidence")(evidence)
    app.command("factors")(factors)
