"""`wat-werkt prevalence`: the dossier's figures, and an estimate for a municipality."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from wat_werkt.cli.common import DataOption, OutputOption, console_for, kb, opened_output


class PrevalenceFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


def prevalence(
    population: Path | None = typer.Option(
        None,
        "--population",
        help="CSV met per leeftijdsgroep het aantal inwoners (kolommen leeftijd, inwoners).",
        metavar="BESTAND.csv",
    ),
    format: PrevalenceFormat = typer.Option(
        PrevalenceFormat.table, "--format", "-f", help="Uitvoer: table, json of csv."
    ),
    data: Path | None = DataOption,
    output: Path | None = OutputOption,
) -> None:
    """Hoe vaak komt eenzaamheid voor (dossier, tabel 1 en 2, §1.5), en hoeveel inwoners betreft het."""
    from wat_werkt.core import prevalence as prev

    knowledge = kb(data)
    if population is None:
        result, kind = prev.figures(knowledge), "figures"
    else:
        from wat_werkt.core.yamlio import read_text

        result, kind = (
            prev.estimate(knowledge, read_text(str(population), max_bytes=None), str(population)),
            "estimate",
        )
    with opened_output(output) as out:
        if format is PrevalenceFormat.json:
            from wat_werkt.render.json_out import dumps

            out.write(dumps(result))
        elif format is PrevalenceFormat.csv:
            from wat_werkt.render import csv_out

            out.write(
                csv_out.estimate_csv(result) if kind == "estimate" else csv_out.figures_csv(result)
            )
        else:
            from wat_werkt.render import table

            (table.estimate_table if kind == "estimate" else table.figures_table)(
                console_for(out), result
            )


def register(app: typer.Typer) -> None:
    app.command("prevalence")(prevalence)
