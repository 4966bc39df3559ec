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

    _emit(
        format.value,
        listing(kb(data), evidence, age, format_filter, status),
        "list_table",
        "list_csv",
    )


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

    _emit(format.value, card(kb(data), intervention), "evidence_card")


def factors(
    format: SimpleFormat = typer.Option(
        SimpleFormat.table, "--format", "-f", help="Uitvoer: table of json."
    ),
    data: Path | None = DataOption,
) -> None:
    """De werkzame factoren uit het dossier, met sterkte, doelgroep en bronnen."""
    from wat_werkt.core.lookups import factor_rows

    _emit(format.value, factor_rows(kb(data)), "factors_table")


def _emit(fmt: str, data, table: str, csv: str | None = None) -> None:
    """Print data as JSON, CSV or a rich table; renderers are imported only when used."""
    with opened_output(None) as out:
        if fmt == "json":
            from wat_werkt.render.json_out import dumps

            out.write(dumps(data))
        elif fmt == "csv" and csv:
            from wat_werkt.render import csv_out

            out.write(getattr(csv_out, csv)(data))
        else:
            from wat_werkt.render import table as tables

            getattr(tables, table)(console_for(out), data)


def register(app: typer.Typer) -> None:
    app.command("list")(list_)
    app.command("evidence")(evidence)
    app.command("factors")(factors)
