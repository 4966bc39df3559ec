"""The shared output options (--format, --output, --top) and the one place results are written."""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from pathlib import Path
from typing import Any

import typer

from wat_werkt.cli.common import OutputOption, console_for, opened_output
from wat_werkt.render.registry import BINARY, CONSOLE, View, format_help, formats, renderer

__all__ = [
    "CsvSep",
    "CsvSepOption",
    "FormatOption",
    "OutputOption",
    "TopOption",
    "chosen_format",
    "emit",
]

_ENUMS: dict[str, type[Enum]] = {}


def format_enum(command: str) -> type[Enum]:
    """The --format choices of a command, from the renderer registry."""
    if command not in _ENUMS:
        values = {f: f for f in formats(command)}
        _ENUMS[command] = Enum(f"{command.capitalize()}Format", values, type=str)  # type: ignore[assignment]
    return _ENUMS[command]


def FormatOption(command: str, with_output: bool = True) -> Any:  # noqa: N802 - like typer's
    # No default here: without -f the format follows the extension of -o (see chosen_format).
    return typer.Option(
        None, "--format", "-f", help=format_help(command, with_output), show_default=False
    )


# The format a file name asks for; .txt (and anything unknown) gets the screen layout.
EXTENSIONS = {
    ".json": "json",
    ".csv": "csv",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xlsx": "xlsx",
}


def chosen_format(command: str, fmt: Enum | str | None, output: Path | None) -> str:
    """The format asked for with -f, else the one the extension of -o names, else table.

    An extension naming a format this command cannot write is a usage error (exit 2) rather
    than screen boxes in a file called .xlsx or .html.
    """
    if fmt is not None:
        return fmt.value if isinstance(fmt, Enum) else fmt
    wanted = EXTENSIONS.get(Path(output).suffix.lower()) if output is not None else None
    if wanted is None:
        return "table"
    if wanted not in formats(command):
        assert output is not None  # wanted comes from its extension
        from wat_werkt.cli.messages import say

        say(
            f"wat-werkt {command}: kan geen {wanted} schrijven ({Path(output).name}); "
            f"kies met -f een van: {', '.join(formats(command))}."
        )
        raise typer.Exit(2)
    return wanted


def TopOption(help: str = "Toon alleen de beste N interventies.") -> Any:  # noqa: N802
    return typer.Option(None, "--top", min=1, help=help, metavar="N")


def CsvSepOption() -> Any:  # noqa: N802
    return typer.Option(
        CsvSep.comma,
        "--csv-sep",
        help="Scheidingsteken in csv. Met ';' voor Excel in het Nederlands: puntkomma's, "
        "decimale komma's en een BOM, zodat 'cliënten' goed leest. Standaard ',' voor scripts.",
        metavar="TEKEN",
    )


class CsvSep(str, Enum):
    comma = ","
    semicolon = ";"


def emit(
    command: str,
    fmt: Enum | str,
    data: Any,
    output: Path | None,
    view: View,
    inputs: Iterable[str | Path] = (),
) -> None:
    """Render `data` of `command` in `fmt` to stdout or, atomically, to `output`, which is
    never one of `inputs` (see cli.common.opened_output)."""
    name = chosen_format(command, fmt, output)
    render, kind = renderer(command, name)
    if kind == BINARY and output is None:
        from wat_werkt.cli.messages import say

        say(f"wat-werkt {command}: --format {name} schrijft een bestand; geef -o BESTAND.{name}.")
        raise typer.Exit(2)
    with opened_output(output, inputs=inputs, binary=kind == BINARY) as out:
        render(console_for(out) if kind == CONSOLE else out, data, view)


def sources_of(knowledge) -> dict[str, dict[str, Any]]:
    """Every source as plain data for reference lists (title and note where the data has them)."""
    return {
        sid: {
            "authors": s.authors,
            "year": s.year,
            "title": s.title,
            "published_in": s.published_in,
            "note": s.note,
            "short": knowledge.source_label(sid),
        }
        for sid, s in knowledge.sources.items()
    }
