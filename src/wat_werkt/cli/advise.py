"""`wat-werkt advise PROFIEL`: the four-step advice for one client or target group."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from wat_werkt.cli.common import DataOption, OutputOption, console_for, kb, opened_output


class AdviseFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"


def advise(
    profile: Path = typer.Argument(
        ..., help="Profiel (YAML) van een cliënt of doelgroep.", metavar="PROFIEL"
    ),
    format: AdviseFormat = typer.Option(
        AdviseFormat.table,
        "--format",
        "-f",
        help="Uitvoer: table (scherm), json (scripts) of markdown (rapport).",
    ),
    top: int | None = typer.Option(
        None, "--top", min=1, help="Toon alleen de beste N interventies."
    ),
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
    data: Path | None = DataOption,
    output: Path | None = OutputOption,
) -> None:
    """Advies in vier stappen: analyse, weten/willen/kunnen, richtingen en een verklaarde ranglijst."""
    from wat_werkt.core.engine import advise as compute
    from wat_werkt.core.profile import load_profile

    knowledge = kb(data)
    result = compute(
        knowledge, load_profile(str(profile), knowledge), include_unavailable, rank_all=all_
    )
    with opened_output(output) as out:
        if format is AdviseFormat.json:
            from wat_werkt.render.json_out import dumps

            if top:
                result["not_shown"] = [r["id"] for r in result["ranking"][top:]]
                result["ranking"] = result["ranking"][:top]
            out.write(dumps(result))
        elif format is AdviseFormat.markdown:
            from wat_werkt.render.markdown import advice_markdown

            labels = {s: knowledge.source_label(s) for s in knowledge.sources}
            out.write(advice_markdown(result, labels, top, all_))
        else:
            from wat_werkt.render.table import advice_table

            advice_table(console_for(out), result, top, all_)


def register(app: typer.Typer) -> None:
    app.command("advise")(advise)
