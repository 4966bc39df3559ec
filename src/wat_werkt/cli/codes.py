"""`wat-werkt codes [VELD]`, and the one parser of option values that are codes.

Both read the vocabularies of the profile description (data/profile.yaml and the sections of
factors.yaml it names), so an option accepts what a profile accepts: the code, its Dutch
label or an alias, in any case, with spaces, hyphens and underscores alike.
"""

from __future__ import annotations

from pathlib import Path

import typer

from wat_werkt.cli.common import DataOption, kb
from wat_werkt.cli.output import FormatOption, OutputOption, emit, format_enum
from wat_werkt.render.registry import View

# Command-line options whose values are codes, and the vocabulary each takes.
OPTION_VOCABULARIES = {
    "--evidence": "evidence_levels",
    "--format-filter": "formats",
    "--status": "statuses",
}
# How a wrong value is named ("het bewijsniveau" takes no -e).
_UNKNOWN = {
    "--evidence": "onbekend bewijsniveau",
    "--format-filter": "onbekende vorm",
    "--status": "onbekende status",
}


def vocabulary_option(option: str):
    """A typer callback: the code for what was typed, or a usage error (exit 2) in Dutch."""

    def parse(ctx: typer.Context, value: str | None) -> str | None:
        if value is None:
            return None
        vocab = kb(ctx.params.get("data")).profile.vocabularies[OPTION_VOCABULARIES[option]]
        code = vocab.resolve(value)
        if code is None:
            # `codes` takes the option's name without dashes: `wat-werkt codes evidence`
            hint = vocab.hint(value, f"wat-werkt codes {option.lstrip('-')}")
            end = "" if hint.endswith(("?", ".")) else "."
            raise typer.BadParameter(f"{_UNKNOWN[option]} '{value}'; {hint}{end}")
        return code

    return parse


CodesFormat = format_enum("codes")


def codes(
    field: str | None = typer.Argument(
        None,
        help="Alleen de codes van dit veld (bijv. situation, gender, digital.skills) of deze optie (status).",
        metavar="[VELD]",
    ),
    format: CodesFormat = FormatOption("codes"),  # type: ignore[valid-type] # built from the registry
    data: Path | None = DataOption,
    output: Path | None = OutputOption,
) -> None:
    """Alle codes die u in een profiel of optie kunt typen, met Nederlandse naam en synoniemen."""
    from wat_werkt.core.profile_spec import code_groups

    groups = code_groups(kb(data).profile, OPTION_VOCABULARIES, field)
    if groups is None:
        every = code_groups(kb(data).profile, OPTION_VOCABULARIES) or []
        known = sorted({f for g in every for f in g["fields"]} | set(OPTION_VOCABULARIES))
        raise typer.BadParameter(
            f"onbekend veld '{field}'; kies uit: {', '.join(known)}", param_hint="VELD"
        )
    emit("codes", format, groups, output, View())


def register(app: typer.Typer) -> None:
    app.command("codes")(codes)
