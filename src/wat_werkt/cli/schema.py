"""`wat-werkt schema`: JSON Schemas for editors (the profile; the files of data/), and
`wat-werkt rules`: the rule language of data/, for its maintainers."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from wat_werkt.cli.common import DataOption, kb, opened_output
from wat_werkt.cli.output import FormatOption, OutputOption, emit, format_enum
from wat_werkt.render.registry import View

RulesFormat = format_enum("rules")


class Which(str, Enum):
    profiel = "profiel"
    profile = "profile"  # the English word, as before
    sources = "sources.yaml"
    factors = "factors.yaml"
    interventions = "interventions.yaml"
    profile_description = "profile.yaml"


def schema(
    what: Which = typer.Argument(
        Which.profiel,
        help="Welk schema: 'profiel' (standaard), of een bestand in data/: sources.yaml, "
        "factors.yaml, interventions.yaml, profile.yaml.",
        metavar="[profiel|BESTAND]",
        show_default=False,
    ),
    data: Path | None = DataOption,
) -> None:
    """JSON Schema van het profiel (of van een kennisbankbestand), zodat een editor kan aanvullen en controleren."""
    from wat_werkt.render.json_out import dumps

    if what in (Which.profiel, Which.profile):
        from wat_werkt.core.schema import profile_schema

        document = profile_schema(kb(data))
    else:
        from wat_werkt.core.data_schema import data_schemas

        document = data_schemas()[what.value]
    with opened_output(None) as out:
        out.write(dumps(document))


def rules(
    format: RulesFormat = FormatOption("rules"),  # type: ignore[valid-type] # built from the registry
    data: Path | None = DataOption,
    output: Path | None = OutputOption,
) -> None:
    """De regeltaal van data/: velden, operatoren en toegestane waarden, voor wie de kennisbank bijhoudt."""
    from wat_werkt.core.data_schema import rules_reference

    emit("rules", format, rules_reference(kb(data).rule_vocabularies), output, View())


def register(app: typer.Typer) -> None:
    app.command("schema")(schema)
    app.command("rules")(rules)
