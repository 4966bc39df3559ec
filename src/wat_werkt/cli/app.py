"""The command line: a thin layer over wat_werkt.core. Errors become exit codes here only.

Exit codes (CONTRACT §2): 0 ok, 1 invalid input, 2 wrong usage, 3 internal error.
Command modules import the core and renderers inside their functions so that start-up
(and `--version`) costs little more than importing typer.
"""

from __future__ import annotations

import os
import sys

import typer

from wat_werkt import __version__
from wat_werkt.cli import dutch

dutch.install()

app = typer.Typer(
    name="wat-werkt",
    help=(
        "Kies wat werkt tegen eenzaamheid, op basis van het Movisie-dossier "
        "'Wat werkt bij de aanpak van eenzaamheid'. Begin met: wat-werkt advise PROFIEL.yaml"
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"wat-werkt {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False,
        "--version",
        "-V",
        callback=_version,
        is_eager=True,
        help="Toon het versienummer en stop.",
    ),
    debug: bool = typer.Option(
        False, "--debug", help="Toon bij een interne fout de volledige traceback."
    ),
) -> None:
    """Kies wat werkt tegen eenzaamheid, volgens het Movisie-dossier."""
    if debug:
        os.environ["WAT_WERKT_DEBUG"] = "1"


def _register() -> None:
    from wat_werkt.cli import (
        advise,
        codes,
        compare,
        init,
        lookups,
        prevalence,
        scale,
        schema,
        validate,
    )

    for module in (advise, compare, lookups, validate, schema, codes, scale, init, prevalence):
        module.register(app)


_register()


def main(argv: list[str] | None = None) -> None:
    from wat_werkt.core.errors import UserError

    try:
        # Standalone mode: typer itself turns usage errors into exit code 2.
        command = typer.main.get_command(app)
        dutch.translate_command(command)
        command(args=argv, prog_name="wat-werkt")
    except UserError as e:
        _report(e)
        sys.exit(1)
    except BrokenPipeError:
        # `wat-werkt ... | head`: the reader left; say nothing more.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
    except KeyboardInterrupt:
        print("Afgebroken.", file=sys.stderr)
        sys.exit(130)
    except Exception as e:  # noqa: BLE001 - the one place unexpected errors are caught
        if os.environ.get("WAT_WERKT_DEBUG"):
            raise
        print(
            f"wat-werkt: interne fout ({type(e).__name__}: {e}). "
            "Probeer opnieuw met --debug en meld het probleem.",
            file=sys.stderr,
        )
        sys.exit(3)


def _report(error) -> None:
    for problem in error.problems:
        print(problem, file=sys.stderr)
