"""`wat-werkt validate`: check profiles, or a knowledge-base folder, and report every problem."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from wat_werkt.cli.common import DataOption, kb


def validate(
    files: list[str] = typer.Argument(
        None, help="Profielen om te controleren (bestanden, mappen of -).", metavar="PROFIEL..."
    ),
    data: Path | None = DataOption,
    offer_file: Path | None = typer.Option(
        None,
        "--offer",
        help="Controleer een bestand met lokaal aanbod (YAML, CSV of XLSX).",
        metavar="BESTAND",
    ),
) -> None:
    """Controleer profielen, of met alleen --data een kennisbank-map. Meldt alle fouten; exit 1 bij fouten."""
    from wat_werkt.core.errors import UserError
    from wat_werkt.core.kb_build import check_data_dir
    from wat_werkt.core.knowledge import default_data_dir

    if offer_file is not None:
        _check_offer(str(offer_file), kb(data))
        if not files:
            return
    if not files:
        target = data or default_data_dir()
        problems = check_data_dir(target)
        if problems:
            raise UserError(problems)
        print(f"Kennisbank in orde: {target}")
        return
    from wat_werkt.cli.messages import RowErrors, say
    from wat_werkt.core.batch import profiles

    bad = good = 0
    shown_errors = RowErrors()
    for item in profiles(files, kb(data)):
        if item.warnings:  # columns ignored: said once, and not a failure
            for w in item.warnings:
                say(str(w))
        elif item.problems:
            bad += 1
            for p in item.problems:
                shown_errors.show(p)
        else:
            good += 1
    shown_errors.close()
    from wat_werkt.cli.compare import _note_skipped

    _note_skipped(files)
    print(f"{good} profiel(en) in orde, {bad} met fouten.")
    if bad:
        raise typer.Exit(1)


def _check_offer(path: str, knowledge) -> None:
    from wat_werkt.cli.messages import wrapped
    from wat_werkt.core.errors import UserError
    from wat_werkt.core.offer import read_offer
    from wat_werkt.core.text_safety import terminal

    entries, problems = read_offer(path, knowledge, locate=True)
    if problems:
        raise UserError(problems)
    old = [e for e in entries if e.outdated]
    note = f", waarvan {len(old)} mogelijk verouderd (meer dan 12 maanden niet bijgewerkt)"
    text = f"Aanbod in orde: {len(entries)} activiteit(en){note if old else ''}."
    print(wrapped(text, sys.stdout))
    for e in old:  # which ones, located, so the map's keeper can ask the provider
        what = " – ".join(x for x in (e.provider, e.name) if x)
        when = e.last_updated.isoformat() if e.last_updated else "geen datum"
        place = f"{path}:{e.line}" if e.line else path
        shown = terminal(f"{place}: {what} (bijgewerkt: {when})", one_line=True)
        print(wrapped(shown, sys.stdout, indent="  ", hang="    "))


def register(app: typer.Typer) -> None:
    app.command("validate")(validate)
