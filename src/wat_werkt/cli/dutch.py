"""Help, usage lines and command-line errors in Dutch.

typer ships its own copy of click with English strings, partly behind gettext and partly
written inline. `install()` swaps the gettext function and the few methods that print
English; `translate()` rewrites an error message that click composed. Only typer's
internals are touched, at start-up, in a few microseconds.
"""

from __future__ import annotations

import re
import sys
from typing import Any

HELP = "Toon deze hulp en stop."
_OPTION: Any = None  # click's option decorator, set by install()

WORDS = {
    "Arguments": "Argumenten",
    "Options": "Opties",
    "Commands": "Opdrachten",
    "default: {default}": "standaard: {default}",
    "required": "verplicht",
    "(dynamic)": "(wisselend)",
    "env var: {var}": "omgevingsvariabele: {var}",
    "Aborted!": "Afgebroken.",
    "Missing command.": "Geef een opdracht; zie wat-werkt -h.",
    "No such command {name!r}.": "Onbekende opdracht {name!r}.",
}

# Messages click composes, most specific first: (pattern, Dutch replacement).
MESSAGES = [
    (r"^Missing argument '(.+)'\.$", r"Argument \1 ontbreekt."),
    (r"^Missing option '(.+)'\.(.*)$", r"Optie \1 ontbreekt.\2"),
    (r"^Missing parameter: (.+)$", r"\1 ontbreekt."),
    (r"^No such option: (\S+) \(Possible options: (.+)\)$", r"Onbekende optie: \1 (bedoelde u \2?)"),
    (r"^No such option: (\S+)$", r"Onbekende optie: \1"),
    (r"^No such command '(.+)'\. Did you mean (.+)\?$", r"Onbekende opdracht '\1'; bedoelde u \2?"),
    (r"^No such command '(.+)'\.$", r"Onbekende opdracht '\1'."),
    (r"^(.+) Did you mean (.+)\?$", r"\1 Bedoelde u \2?"),  # typer appends it to the Dutch
    (r"^Option '(.+)' requires an argument\.$", r"Optie '\1' vraagt een waarde."),
    (r"^Option '(.+)' requires (\d+) arguments\.$", r"Optie '\1' vraagt \2 waarden."),
    (r"^Option '(.+)' does not take a value\.$", r"Optie '\1' neemt geen waarde."),
    (r"^Got unexpected extra argument\(s\) \((.+)\)$", r"Onverwacht extra argument: \1"),
    (r"^Invalid value for (.+?): (.+)$", "Ongeldige waarde voor {1}: {2}"),
    (r"^Invalid value: (.+)$", "Ongeldige waarde: {1}"),
]  # fmt: skip
VALUES = [
    (r"^'(.*)' is not one of (.+)\.$", r"'\1' kan niet; kies uit \2."),
    (r"^'(.*)' is not a valid (integer|int)( range)?\.$", r"'\1' is geen geheel getal."),
    (r"^'(.*)' is not a valid float( range)?\.$", r"'\1' is geen getal."),
    (r"^'(.*)' is not a valid path\.$", r"'\1' is geen geldig pad."),
    (r"^'(.*)' is not a valid boolean.*$", r"'\1' is geen ja of nee."),
    (r"^(.+) is not in the range (.+)\.$", r"\1 ligt buiten het bereik: \2."),
    (r"^(File|Directory|Path) '(.+)' does not exist\.$", r"'\2' bestaat niet."),
]


def translate(message: str) -> str:
    m = re.match(r"^No such option: (\S+) \(Possible options: (.+)\)$", message)
    if m:  # '--al': when one option starts with what was typed, that one is meant
        starts = [o for o in m[2].split(", ") if o.startswith(m[1])]
        if len(starts) == 1:
            message = f"No such option: {m[1]} (Possible options: {starts[0]})"
    for pattern, dutch in MESSAGES:
        m = re.match(pattern, message, re.S)
        if m:
            if "{" in dutch:  # the inner value message is translated too
                groups = [m.group(0), *m.groups()]
                groups[-1] = _value(groups[-1])
                return dutch.format(*groups)
            return m.expand(dutch)
    return _value(message)


def _value(message: str) -> str:
    for pattern, dutch in VALUES:
        m = re.match(pattern, message, re.S)
        if m:
            return m.expand(dutch)
    return message


def _gettext(text: str) -> str:
    return WORDS.get(text, text)


def _describe_range(self) -> str:
    if self.min is None:
        return f"hoogstens {self.max}" if not self.max_open else f"kleiner dan {self.max}"
    if self.max is None:
        return f"minstens {self.min}" if not self.min_open else f"groter dan {self.min}"
    return f"{self.min} tot en met {self.max}"


def _help_option(param_decls: list[str]):
    def show_help(ctx, param, value: bool) -> None:
        if value and not ctx.resilient_parsing:
            print(ctx.get_help())
            ctx.exit()

    return _OPTION(
        param_decls,
        is_flag=True,
        expose_value=False,
        is_eager=True,
        help=HELP,
        callback=show_help,
        required=False,
    )


def terminal(text: str) -> str:
    """Typed values echoed in errors never reach the terminal raw (core.text_safety)."""
    from wat_werkt.core.text_safety import terminal as safe

    return safe(text)


def _show_usage_error(self, file=None) -> None:
    file = file or sys.stderr
    if self.ctx is not None:
        print(self.ctx.get_usage(), file=file)
        if self.ctx.command.get_help_option(self.ctx) is not None:
            print(f"Probeer '{self.ctx.command_path} -h' voor hulp.\n", file=file)
    _print_error(terminal(translate(self.format_message())), file)


def _show_error(self, file=None) -> None:
    _print_error(terminal(translate(self.format_message())), file or sys.stderr)


def _print_error(message: str, file) -> None:
    from wat_werkt.cli.messages import wrapped

    print(wrapped(f"Fout: {message}", file), file=file)


def install() -> None:
    from typer import core as typer_core

    try:
        from typer._click import decorators, exceptions, formatting
        from typer._click import types as click_types
    except ImportError:  # a typer that still uses the click package
        from click import decorators, exceptions, formatting  # type: ignore[import-not-found,no-redef]
        from click import types as click_types  # type: ignore[no-redef]

    global _OPTION
    _OPTION = decorators.option
    typer_core._ = _gettext  # type: ignore[assignment]
    decorators.help_option = _help_option
    exceptions.UsageError.show = _show_usage_error  # type: ignore[method-assign]
    exceptions.ClickException.show = _show_error  # type: ignore[method-assign]
    click_types._NumberRangeBase._describe_range = _describe_range  # type: ignore[method-assign]

    write_usage = formatting.HelpFormatter.write_usage

    def dutch_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        write_usage(self, prog, args, "Gebruik: " if prefix is None else prefix)

    formatting.HelpFormatter.write_usage = dutch_usage  # type: ignore[method-assign]

    make_metavar = typer_core.TyperArgument.make_metavar

    def plain_metavar(self, *args: Any, **kwargs: Any) -> str:
        # typer writes a required argument as {PROFIEL}; a usage line reads PROFIEL.
        var = make_metavar(self, *args, **kwargs)
        return var[1:-1] if var.startswith("{") and var.endswith("}") else var

    typer_core.TyperArgument.make_metavar = plain_metavar  # type: ignore[method-assign]


COMPLETION_HELP = {
    "--install-completion": "Installeer aanvulling (tab) voor deze shell.",
    "--show-completion": "Toon de aanvulcode voor deze shell, om te kopiëren of aan te passen.",
}


def translate_command(command: Any) -> None:
    """Dutch metavars and completion help on the click command tree typer built."""
    command.options_metavar = "[OPTIES]"
    if hasattr(command, "subcommand_metavar"):
        command.subcommand_metavar = "OPDRACHT [ARGUMENTEN]..."
    for param in command.params:
        for opt in getattr(param, "opts", []):
            if opt in COMPLETION_HELP:
                param.help = COMPLETION_HELP[opt]
    for sub in getattr(command, "commands", {}).values():
        translate_command(sub)
