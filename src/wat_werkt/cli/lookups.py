"""`list`, `evidence` and `factors`: quick lookups in the knowledge base."""

from __future__ import annotations

from pathlib import Path

import typer

from wat_werkt.cli import complete
from wat_werkt.cli.codes import vocabulary_option
from wat_werkt.cli.common import DataOption, kb
from wat_werkt.cli.output import CsvSep, CsvSepOption, FormatOption, OutputOption, emit, format_enum
from wat_werkt.render.registry import View

ListFormat = format_enum("list")
EvidenceFormat = format_enum("evidence")
FactorsFormat = format_enum("factors")


def list_(
    evidence: str | None = typer.Option(
        None,
        "--evidence",
        help="Alleen dit bewijsniveau (bijv. rct).",
        metavar="NIVEAU",
        autocompletion=complete.evidence_levels,
        callback=vocabulary_option("--evidence"),
    ),
    age: int | None = typer.Option(
        None,
        "--age",
        min=0,
        max=120,
        help="Alleen geschikt voor deze leeftijd.",
        metavar="LEEFTIJD",
    ),
    format_filter: str | None = typer.Option(
        None,
        "--format-filter",
        "--vorm",
        help="Alleen deze vorm (bijv. groep, een-op-een, online, zelfhulp).",
        metavar="VORM",
        autocompletion=complete.formats,
        callback=vocabulary_option("--format-filter"),
    ),
    status: str | None = typer.Option(
        None,
        "--status",
        help="Alleen deze status (bijv. actief).",
        metavar="STATUS",
        autocompletion=complete.statuses,
        callback=vocabulary_option("--status"),
    ),
    format: ListFormat = FormatOption("list"),  # type: ignore[valid-type] # built from the registry
    csv_sep: CsvSep = CsvSepOption(),
    data: Path | None = DataOption,
    output: Path | None = OutputOption,
) -> None:
    """Alle interventies in de kennisbank, te filteren op bewijs, leeftijd, vorm en status."""
    from wat_werkt.core.lookups import listing

    knowledge = kb(data)
    rows = listing(knowledge, evidence, age, format_filter, status)
    # Dutch Excel CSV names the factors, as it names status and evidence
    names = {i: f.factor.name for i, f in knowledge.factors.items()}
    emit(
        "list", format, rows, output, View(extra={"csv_sep": csv_sep.value, "factor_names": names})
    )


def evidence(
    intervention: str = typer.Argument(
        ...,
        help="Id van de interventie (bijv. peer-home-visits) of een deel van de naam.",
        metavar="ID",
        autocompletion=complete.intervention_ids,
    ),
    format: EvidenceFormat = FormatOption("evidence"),  # type: ignore[valid-type] # built from the registry
    data: Path | None = DataOption,
    output: Path | None = OutputOption,
) -> None:
    """De kaart van één interventie: wat, voor wie, factoren, studies, aandachtspunten en bronnen."""
    from wat_werkt.core.lookups import card

    emit("evidence", format, card(kb(data), intervention), output, View())


def factors(
    format: FactorsFormat = FormatOption("factors"),  # type: ignore[valid-type] # built from the registry
    data: Path | None = DataOption,
    output: Path | None = OutputOption,
) -> None:
    """De werkzame factoren uit het dossier, met sterkte, doelgroep en bronnen."""
    from wat_werkt.core.lookups import factor_rows

    emit("factors", format, factor_rows(kb(data)), output, View())


def register(app: typer.Typer) -> None:
    app.command("list")(list_)
    app.command("evidence")(evidence)
    app.command("factors")(factors)
