"""`wat-werkt advise PROFIEL`: the four-step advice for one client or target group."""

from __future__ import annotations

from pathlib import Path

import typer

from wat_werkt.cli.common import DataOption, OfferOption, kb, offer
from wat_werkt.cli.output import (
    FormatOption,
    OutputOption,
    TopOption,
    emit,
    format_enum,
    sources_of,
)

AdviseFormat = format_enum("advise")


def advise(
    profile: Path = typer.Argument(
        ..., help="Profiel (YAML) van een cliënt of doelgroep; - leest stdin.", metavar="PROFIEL"
    ),
    format: AdviseFormat = FormatOption("advise"),  # type: ignore[valid-type] # built from the registry
    top: int | None = TopOption(),
    all_: bool = typer.Option(
        False,
        "--all",
        help="Toon alle uitgesloten interventies met alle redenen; rangschik ook als er geen interventie aangewezen is.",
    ),
    include_unavailable: bool = typer.Option(
        False,
        "--include-unavailable",
        help="Neem ook interventies mee die niet meer bestaan of nog in ontwikkeling zijn.",
    ),
    offer_file: Path | None = OfferOption,
    data: Path | None = DataOption,
    output: Path | None = OutputOption,
) -> None:
    """Advies in vier stappen: analyse, weten/willen/kunnen, richtingen en een verklaarde ranglijst."""
    from wat_werkt.core.engine import advise as compute
    from wat_werkt.core.profile import load_profile
    from wat_werkt.render.registry import View

    knowledge = kb(data)
    person = (
        _from_stdin(knowledge) if str(profile) == "-" else load_profile(str(profile), knowledge)
    )
    local = offer(offer_file, knowledge)
    if local:
        local.prepare(person)  # interventions offered locally count as available
    result = compute(knowledge, person, include_unavailable, rank_all=all_)
    if local:
        local.finish(person, result)
    view = View(top=top, show_all=all_, sources=sources_of(knowledge))
    emit("advise", format, result, output, view, inputs=[profile])


def _from_stdin(knowledge):
    """`advise -`: one profile from stdin, read like `compare -` reads its stream."""
    from wat_werkt.core.batch import profiles
    from wat_werkt.core.errors import Problem, UserError

    items = list(profiles(["-"], knowledge))
    if len(items) != 1:
        message = (
            "geen profiel op stdin"
            if not items
            else f"{len(items)} profielen op stdin; advise leest er één, compare leest er meer"
        )
        raise UserError([Problem("<stdin>", None, None, message)])
    if items[0].problems:
        raise UserError(items[0].problems)
    return items[0].profile


def register(app: typer.Typer) -> None:
    app.command("advise")(advise)
