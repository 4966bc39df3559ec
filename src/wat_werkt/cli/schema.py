"""`wat-werkt schema`: JSON Schema of the profile, for editors."""

from __future__ import annotations

from pathlib import Path

import typer

from wat_werkt.cli.common import DataOption, kb


def schema(
    what: str = typer.Argument(
        "profile", help="Welk schema: alleen 'profile' bestaat.", metavar="[profile]"
    ),
    data: Path | None = DataOption,
) -> None:
    """JSON Schema van het profiel, zodat een editor kan aanvullen en controleren."""
    from wat_werkt.core.errors import Problem, UserError
    from wat_werkt.core.schema import profile_schema
    from wat_werkt.render.json_out import dumps

    if what != "profile":
        raise UserError([Problem(what, None, None, "onbekend schema; alleen 'profile' bestaat")])
    print(dumps(profile_schema(kb(data))), end="")


def register(app: typer.Typer) -> None:
    app.command("schema")(schema)
