"""The command line: a thin layer over wat_werkt.core. Errors become exit codes here only.

Exit codes (CONTRACT §2): 0 ok, 1 invalid input, 2 wrong usage, 3 internal error.
Command modules import the core and renderers inside their functions so that start-up
(and `--version`) costs little more than importing typer.
"""

from __future__ import annotations

import errno
import importlib
import os
import sys

import typer

from wat_werkt import __version__
from wat_werkt.cli import common, dutch

dutch.install()

HELP = (
    "Kies wat werkt tegen eenzaamheid, op basis van het Movisie-dossier "
    "'Wat werkt bij de aanpak van eenzaamheid'. Begin met: wat-werkt advise PROFIEL.yaml"
)

# Every command, in the order `wat-werkt -h` lists them: the module that defines it and its
# line in that list (whole phrases that fit 80 columns; click cuts the docstring's first
# sentence with "..." at about 60 characters).
COMMANDS = {
    "advise": ("advise", "Advies in vier stappen met een verklaarde ranglijst."),
    "compare": ("compare", "Vergelijk veel profielen tegelijk (ook csv, xlsx, samenvatting)."),
    "list": ("lookups", "Alle interventies, te filteren op bewijs, status en vorm."),
    "evidence": ("lookups", "De kaart van één interventie: wat, voor wie, bewijs, bronnen."),
    "factors": ("lookups", "De werkzame factoren uit het dossier."),
    "validate": ("validate", "Controleer profielen of een kennisbank-map."),
    "schema": ("schema", "JSON Schema van het profiel of van een kennisbankbestand."),
    "rules": ("schema", "De regeltaal van data/: velden, operatoren en waarden."),
    "codes": ("codes", "Alle codes die u in een profiel of optie kunt typen."),
    "scale": ("scale", "Scoor de De Jong Gierveld-eenzaamheidsschaal."),
    "init": ("init", "Maak stap voor stap een profiel, met uitleg bij elke keuze."),
    "prevalence": ("prevalence", "Hoe vaak eenzaamheid voorkomt, ook voor uw eigen bevolking."),
}

# Set by the shell when it asks for completions (typer's name for it, from the program name).
COMPLETE_VAR = "_WAT_WERKT_COMPLETE"


def _version(value: bool) -> None:
    if value:
        print(f"wat-werkt {__version__}")
        raise typer.Exit()


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


def build_app(only: str | None = None) -> typer.Typer:
    """The typer app with every command, or with command `only` alone.

    A run of one command needs only that command: importing the other modules and building
    their click commands (typer inspects every signature) would cost more than the advice.
    """
    app = typer.Typer(
        name="wat-werkt",
        help=HELP,
        no_args_is_help=True,
        add_completion=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.callback()(_root)
    modules = [COMMANDS[only][0]] if only else dict.fromkeys(m for m, _ in COMMANDS.values())
    for module in modules:
        importlib.import_module(f"wat_werkt.cli.{module}").register(app)
    if only:
        app.registered_commands = [c for c in app.registered_commands if c.name == only]
    for info in app.registered_commands:
        info.short_help = COMMANDS[info.name][1] if info.name in COMMANDS else None
    return app


def only_command(args: list[str]) -> str | None:
    """The command a run names, when it needs no other: `wat-werkt [--debug] COMMAND ...`.

    None (all commands) for the root's help, version or completion, and for a name that is
    not a command: its error suggests the command meant, so it needs them all.
    """
    if os.environ.get(COMPLETE_VAR):
        return None
    for arg in args:
        if arg != "--debug":
            return arg if arg in COMMANDS else None
    return None


def main(argv: list[str] | None = None) -> None:
    from wat_werkt.core.errors import UserError

    try:
        # Standalone mode: typer itself turns usage errors into exit code 2, and ends with
        # SystemExit; stdout is flushed here so a full disk is reported, not ignored at exit.
        try:
            _sane_terminal_size()
            common.READ_INPUTS.clear()  # main() may run many times in one process (tests)
            args = sys.argv[1:] if argv is None else argv
            command = typer.main.get_command(build_app(only_command(args)))
            dutch.translate_command(command)
            # argv, not args: given None, typer reads sys.argv itself and expands globs
            # (profielen\*.yaml) on Windows, where no shell does.
            command(args=argv, prog_name="wat-werkt")
        except SystemExit:
            # click answers a closed pipe with exit 1 after wrapping stdout; we say exit 0.
            if type(sys.stdout).__name__ == "PacifyFlushWrapper":
                quiet_broken_pipe()
            raise
        finally:
            sys.stdout.flush()
    except UserError as e:
        _report(e)
        sys.exit(1)
    except BrokenPipeError:
        quiet_broken_pipe()
    except KeyboardInterrupt:
        # on a terminal the cursor may still stand after a wizard's question
        print("\nAfgebroken." if sys.stderr.isatty() else "Afgebroken.", file=sys.stderr)
        sys.exit(130)
    except OSError as e:
        if e.errno not in _WRITE_ERRNOS:
            _internal(e)
        output_failed(e)
    except Exception as e:  # noqa: BLE001 - the one place unexpected errors are caught
        _internal(e)


def _sane_terminal_size() -> None:
    """COLUMNS and LINES (read by us and by rich) clamped to sizes a screen can have, or
    dropped when not a number: 'abc' or a 5,000-digit value must not crash or hang a run."""
    for name, low, high in (("COLUMNS", 20, 1000), ("LINES", 5, 1000)):
        value = os.environ.get(name, "").strip()
        if name not in os.environ:
            continue
        if value.isdigit():
            size = int(value) if len(value) < 10 else high
            os.environ[name] = str(min(max(size, low), high))
        else:
            del os.environ[name]


# Writing stdout can only fail like this; reading errors are UserErrors before they get here.
_WRITE_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO}


def output_failed(e: OSError) -> None:
    """stdout could not be written (a full disk): say so in Dutch and exit 1."""
    from wat_werkt.cli.common import write_error

    _report(write_error("<uitvoer>", e))
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no retry at exit
    sys.exit(1)


def quiet_broken_pipe() -> None:
    """`wat-werkt ... | head`: the reader left; say nothing more and exit 0 (CONTRACT §7)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os._exit(0)  # skip the interpreter's final flush, which would fail again


def _internal(e: Exception) -> None:
    if os.environ.get("WAT_WERKT_DEBUG"):
        raise e
    from wat_werkt.core.text_safety import terminal

    print(
        f"wat-werkt: interne fout ({type(e).__name__}: {terminal(str(e), one_line=True)}). "
        "Probeer opnieuw met --debug en meld het probleem.",
        file=sys.stderr,
    )
    sys.exit(3)


def _report(error) -> None:
    from wat_werkt.cli.messages import say

    for problem in error.problems:
        say(str(problem))
