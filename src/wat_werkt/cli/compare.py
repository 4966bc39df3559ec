"""`wat-werkt compare PROFIEL...`: many profiles side by side, streamed so memory stays flat."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from wat_werkt.cli.common import DataOption, kb
from wat_werkt.cli.output import (
    CsvSep,
    CsvSepOption,
    FormatOption,
    OutputOption,
    TopOption,
    emit,
    format_enum,
    sources_of,
)

CompareFormat = format_enum("compare")


PROGRESS_FROM = 20  # show a progress bar for batches at least this long (on a terminal)


def compare(
    profiles: list[str] = typer.Argument(
        ...,
        help="Profielen: bestanden, mappen (alle *.yaml/*.yml) of - voor YAML-documenten op stdin.",
        metavar="PROFIEL...",
    ),
    format: CompareFormat = FormatOption("compare"),  # type: ignore[valid-type] # built from the registry
    csv_sep: CsvSep = CsvSepOption(),
    top: int | None = TopOption(
        "Alleen de beste N per profiel in csv, json, xlsx en html; op het scherm gemarkeerd "
        "(standaard 5)."
    ),
    include_unavailable: bool = typer.Option(
        False, "--include-unavailable", help="Neem ook niet-beschikbare interventies mee."
    ),
    data: Path | None = DataOption,
    output: Path | None = OutputOption,
) -> None:
    """Vergelijk veel profielen tegelijk. Foute profielen worden gemeld; de rest wordt afgemaakt (exit 1)."""
    from wat_werkt.core.batch import expand
    from wat_werkt.core.batch import profiles as read_profiles
    from wat_werkt.core.engine import advise
    from wat_werkt.render.registry import View

    knowledge = kb(data)
    errors: list[dict] = []
    # A bar only when the results go elsewhere: on the same terminal it would tear the output.
    elsewhere = output is not None or not sys.stdout.isatty()
    total = sum(1 for _ in expand(profiles)) if sys.stderr.isatty() and elsewhere else 0
    progress = _progress(total)
    task = progress.add_task("profielen", total=total) if progress else None

    def results():
        for item in read_profiles(profiles, knowledge):
            if progress:
                progress.advance(task)
            if item.problems:
                for p in item.problems:
                    print(p, file=sys.stderr)
                    errors.append(
                        {"file": item.file, "line": p.line, "column": p.col, "message": p.message}
                    )
                continue
            advice = advise(knowledge, item.profile, include_unavailable)
            advice["file"] = item.file
            yield advice

    try:
        if progress:
            progress.start()
        view = View(top=top, sources=sources_of(knowledge), extra={"csv_sep": csv_sep.value})
        emit("compare", format, {"results": results(), "errors": errors}, output, view)
    finally:
        if progress:
            progress.stop()
    if errors:
        files = len({e["file"] for e in errors})
        print(
            f"wat-werkt: {files} profiel(en) met fouten; de overige zijn volledig verwerkt.",
            file=sys.stderr,
        )
        raise typer.Exit(1)


def _progress(total: int):
    if total < PROGRESS_FROM:
        return None
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    return Progress(
        TextColumn("Profielen doorrekenen"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
        # rich redirects stdout into the bar's console by default, which sent every result
        # to the terminal and left `compare ... > file` empty.
        redirect_stdout=False,
        redirect_stderr=False,
    )


def register(app: typer.Typer) -> None:
    app.command("compare")(compare)
