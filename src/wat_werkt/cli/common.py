"""Helpers shared by the commands: output (atomic when to a file) and the knowledge base."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import typer

DATA_HELP = "Map met de kennisbank (standaard: de meegeleverde data)."
OUTPUT_HELP = "Schrijf naar dit bestand (veilig: eerst tijdelijk, dan hernoemd)."

# Eager: options whose values are codes read the vocabularies of this knowledge base.
DataOption = typer.Option(None, "--data", help=DATA_HELP, metavar="MAP", is_eager=True)
OutputOption = typer.Option(None, "--output", "-o", help=OUTPUT_HELP, metavar="BESTAND")
OfferOption = typer.Option(
    None,
    "--offer",
    help="Lokaal aanbod (YAML, CSV of XLSX): wie biedt welke interventie aan, voor welke leeftijden.",
    metavar="BESTAND",
)


def offer(path: Path | None, knowledge):
    """The checked offer file, or None; a bad one stops the run with every problem located."""
    if path is None:
        return None
    from wat_werkt.core.offer import load_offer

    return load_offer(str(path), knowledge)


def kb(data: Path | None):
    from wat_werkt.core.knowledge import load_kb

    return load_kb(data)


@contextmanager
def opened_output(path: Path | None, binary: bool = False) -> Iterator[IO]:
    """stdout, or a temporary file beside `path` renamed into place only on success.

    An interrupted or failed run never leaves a half-written or clobbered file.
    """
    if path is None:
        stream = sys.stdout.buffer if binary else sys.stdout
        yield stream
        stream.flush()
        return
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        mode = {"mode": "wb"} if binary else {"mode": "w", "encoding": "utf-8", "newline": ""}
        with os.fdopen(fd, **mode) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def console_for(stream: IO[str]):
    """A rich console: colour only on a terminal and never with NO_COLOR (rich checks both)."""
    from rich.console import Console

    to_file = stream is not sys.stdout
    terminal = not to_file and stream.isatty()
    # Piped or redirected: rich would assume 80 columns; 100 reads well in an editor or mail,
    # in the same record layout as a terminal.
    width = None if terminal else int(os.environ.get("COLUMNS") or 100)
    return Console(
        file=stream,
        width=width,
        no_color=to_file or None,
        force_terminal=False if to_file else None,
        highlight=False,
    )
