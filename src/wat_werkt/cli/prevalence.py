"""`wat-werkt prevalence`: the dossier's figures, and an estimate for a municipality."""

from __future__ import annotations

from pathlib import Path

import typer

from wat_werkt.cli.common import DataOption, kb
from wat_werkt.cli.output import CsvSep, CsvSepOption, FormatOption, OutputOption, emit, format_enum
from wat_werkt.render.registry import View

PrevalenceFormat = format_enum("prevalence")


def prevalence(
    population: Path | None = typer.Option(
        None,
        "--population",
        help="CSV (komma's of puntkomma's) of XLSX met per leeftijdsgroep het aantal inwoners "
        "(kolommen leeftijd en inwoners).",
        metavar="BESTAND",
    ),
    format: PrevalenceFormat = FormatOption("prevalence"),  # type: ignore[valid-type] # built from the registry
    csv_sep: CsvSep = CsvSepOption(),
    data: Path | None = DataOption,
    output: Path | None = OutputOption,
) -> None:
    """Hoe vaak komt eenzaamheid voor (dossier, tabel 1 en 2, §1.5), en hoeveel inwoners betreft het."""
    from wat_werkt.core import prevalence as prev

    knowledge = kb(data)
    if population is None:
        result = prev.figures(knowledge)
    else:
        rows, workbook = prev.read_population(str(population))
        result = prev.estimate_rows(knowledge, rows, str(population), workbook)
    view = View(extra={"csv_sep": csv_sep.value})
    emit("prevalence", format, result, output, view, inputs=[population] if population else [])


def register(app: typer.Typer) -> None:
    app.command("prevalence")(prevalence)
