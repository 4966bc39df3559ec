"""`wat-werkt compare PROFIEL...`: many profiles side by side, streamed so memory stays flat."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path

import typer

from wat_werkt.cli.common import DataOption, OutputOption, console_for, kb, opened_output

PROGRESS_FROM = 20  # show a progress bar for batches at least this long (on a terminal)
TABLE_TOP = 5  # ranks highlighted in the table when --top is not given


class CompareFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


def compare(
    profiles: list[str] = typer.Argument(
        ...,
        help="Profielen: bestanden, mappen (alle *.yaml/*.yml) of - voor YAML-documenten op stdin.",
        metavar="PROFIEL...",
    ),
    format: CompareFormat = typer.Option(
        CompareFormat.table,
        "--format",
        "-f",
        help="Uitvoer: table (scherm), json of csv (één rij per profiel en interventie).",
    ),
    top: int | None = typer.Option(
        None,
        "--top",
        min=1,
        help="Alleen de beste N per profiel in csv/json; in de tabel gemarkeerd (standaard 5).",
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

    knowledge = kb(data)
    limit = top
    errors = []
    total = sum(1 for _ in expand(profiles)) if sys.stderr.isatty() else 0
    progress = _progress(total)

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

    task = progress.add_task("profielen", total=total) if progress else None
    try:
        if progress:
            progress.start()
        with opened_output(output) as out:
            if format is CompareFormat.csv:
                from wat_werkt.render.csv_out import compare_header, compare_rows

                out.write(compare_header())
                for advice in results():
                    out.write(compare_rows(advice, limit))
            elif format is CompareFormat.json:
                from wat_werkt.render.json_out import compact

                # One compact object per line: streamable, and the C encoder is ~5x faster
                # than the indenting one.
                out.write('{"results": [')
                for n, advice in enumerate(results()):
                    if limit:
                        advice["ranking"] = advice["ranking"][:limit]
                    out.write(("," if n else "") + "\n" + compact(advice))
                out.write('\n], "errors": ' + compact(errors) + "}\n")
            else:
                from wat_werkt.render.table import compare_table

                kept = (
                    {
                        "profile": a["profile"],
                        "file": a["file"],
                        "ranking": [
                            {k: r[k] for k in ("rank", "id", "name", "score")} for r in a["ranking"]
                        ],
                    }
                    for a in results()
                )
                compare_table(console_for(out), kept, top or TABLE_TOP)
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
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    return Progress(
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
