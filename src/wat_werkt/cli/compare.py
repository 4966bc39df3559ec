"""`wat-werkt compare PROFIEL...`: many profiles side by side, streamed so memory stays flat."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import typer

from wat_werkt.cli.common import DataOption, OfferOption, kb, offer
from wat_werkt.cli.output import (
    CsvSep,
    CsvSepOption,
    FormatOption,
    OutputOption,
    TopOption,
    chosen_format,
    emit,
    format_enum,
    sources_of,
)

CompareFormat = format_enum("compare")


PROGRESS_FROM = 20  # show a progress bar for batches at least this long (on a terminal)
SUMMARY_TOP = 3  # the K of top_k in --summary when --top is not given
ERRORS_LISTED = 10_000  # the summary's error_list: the first ones (memory stays flat)


def compare(
    profiles: list[str] = typer.Argument(
        ...,
        help="Profielen: YAML-bestanden, mappen (alle *.yaml/*.yml), spreadsheets (.csv, .xlsx, .jsonl: één profiel per rij) of - voor YAML-documenten op stdin.",
        metavar="PROFIEL...",
    ),
    format: CompareFormat = FormatOption("compare"),  # type: ignore[valid-type] # built from the registry
    csv_sep: CsvSep = CsvSepOption(),
    top: int | None = TopOption(
        "Hoeveel interventies per profiel: op het scherm en in html de beste N (standaard 5); "
        "csv, json en xlsx geven zonder --top de hele ranglijst. Met --summary: de top N "
        "die geteld wordt (standaard 3)."
    ),
    include_unavailable: bool = typer.Option(
        False, "--include-unavailable", help="Neem ook niet-beschikbare interventies mee."
    ),
    summary: bool = typer.Option(
        False,
        "--summary",
        help="Tel per interventie hoeveel profielen haar als eerste en in de top N (--top, standaard 3) hebben: totaal, per ernst en per leeftijdsgroep.",
    ),
    offer_file: Path | None = OfferOption,
    data: Path | None = DataOption,
    output: Path | None = OutputOption,
) -> None:
    """Vergelijk veel profielen tegelijk. Foute profielen worden gemeld; de rest wordt afgemaakt (exit 1)."""
    from wat_werkt.core.batch import profiles as read_profiles
    from wat_werkt.core.memo import AdviceMemo
    from wat_werkt.render.registry import View, formats

    fmt = chosen_format("summary" if summary else "compare", format, output)
    if summary and fmt not in formats("summary"):
        print(
            f"wat-werkt compare: --summary kent --format {', '.join(formats('summary'))}; "
            f"niet {fmt}.",
            file=sys.stderr,
        )
        raise typer.Exit(2)
    knowledge = kb(data)
    # The knowledge base lives for the whole run: keep the garbage collector from walking it
    # again and again while a long batch allocates (~10% of a survey batch's time).
    gc.freeze()
    # A batch allocates many short-lived, acyclic objects (rows, profiles, advice dicts): a
    # young-generation collection every 10,000 instead of 700 allocations saves ~10% of a
    # survey's time; memory stays bounded by the caches, not by the collector.
    gc.set_threshold(10_000, 10, 10)
    local = offer(offer_file, knowledge)
    if summary:
        top = top or SUMMARY_TOP
    errors: list[dict] = []
    failed = done = 0
    # csv rows and the summary need only the top of each advice, and list no errors: the
    # cache then holds far more profiles, and nothing grows with the number of rows.
    slim = summary or fmt == "csv"
    # ... except the summary's json and xlsx, which list the first located errors.
    listed = ERRORS_LISTED if summary and fmt in ("json", "xlsx") else 0
    memo = AdviceMemo(
        knowledge,
        include_unavailable,
        slim=slim,
        top=top,
        prepare=local.prepare if local else None,
        finish=local.finish if local else None,
    )
    # A bar only when the results go elsewhere: on the same terminal it would tear the output.
    elsewhere = output is not None or not sys.stdout.isatty()
    total = _count_inputs(profiles) if sys.stderr.isatty() and elsewhere else 0
    progress = _progress(total)
    task = progress.add_task("profielen", total=total) if progress else None

    from wat_werkt.cli.messages import RowErrors, say

    shown_errors = RowErrors()

    def results():
        for item in read_profiles(profiles, knowledge):
            if item.warnings:  # columns ignored: said once, and not a failure
                for w in item.warnings:
                    say(str(w))
                continue
            if progress:
                progress.advance(task)
            if item.problems:
                nonlocal failed
                failed += 1
                for p in item.problems:
                    shown_errors.show(p)
                    if not slim or len(errors) < listed:
                        errors.append(
                            {
                                "file": item.file,
                                "line": p.line,
                                "column": p.col,
                                "message": p.message,
                            }
                        )
                continue
            nonlocal done
            done += 1
            assert item.profile is not None  # a row without problems has its profile
            advice = memo.advise(item.profile)
            advice["file"] = item.file
            yield advice

    try:
        if progress:
            progress.start()
        view = View(top=top, sources=sources_of(knowledge), extra={"csv_sep": csv_sep.value})
        labels = {s.id: s.label for s in knowledge.factors_file.severities}
        view.extra["severity_labels"] = labels  # the summary and the Dutch csv name them
        if summary:
            counts = _summarise(knowledge, results(), top or SUMMARY_TOP, lambda: failed, local)
            counts["error_list"] = errors  # filled while the batch streamed by
            # No profile counted: a table of zeros would read as a result (plain compare
            # prints nothing either); json, csv and xlsx keep their shape for scripts.
            if done or fmt != "table":
                emit("summary", fmt, counts, output, view, inputs=profiles)
        else:
            batch = {"results": results(), "errors": errors}
            emit("compare", fmt, batch, output, view, inputs=profiles)
    finally:
        if progress:
            progress.stop()
    shown_errors.close()
    _note_skipped(profiles)
    if summary and not done and not failed:
        print("wat-werkt: geen profiel gevonden; er is niets samengevat.", file=sys.stderr)
    if failed:
        print(
            f"wat-werkt: {failed} profiel(en) met fouten"
            + (f"; {done} andere volledig verwerkt." if done else "; geen profiel verwerkt."),
            file=sys.stderr,
        )
        raise typer.Exit(1)


def _note_skipped(inputs: list[str]) -> None:
    """Say what folders held besides profiles (subfolders, other files): not an error."""
    import textwrap

    from wat_werkt.core.batch import skipped_notes
    from wat_werkt.core.text_safety import terminal

    for folder, skipped in skipped_notes(inputs):
        shown = ", ".join(skipped[:8]) + (", …" if len(skipped) > 8 else "")
        print(f"wat-werkt: in {terminal(folder, one_line=True)} overgeslagen:", file=sys.stderr)
        lines = textwrap.wrap(terminal(shown, one_line=True), 76)
        print("\n".join("  " + line for line in lines), file=sys.stderr)


def _count_inputs(inputs: list[str]) -> int | None:
    """Profiles to come, for the progress bar; unknown (None) when a spreadsheet is read."""
    from wat_werkt.core.batch import expand
    from wat_werkt.core.tabular import is_tabular

    names = list(expand(inputs))
    return None if any(is_tabular(n) for n in names) else len(names)


def _summarise(knowledge, advices, top: int, failed, local) -> dict:
    """Aggregate while the advice streams by; only the counts are held."""
    from wat_werkt.core.summary import Summary

    agg = Summary(knowledge, top)
    for advice in advices:
        agg.add(advice)
    agg.errors = failed()
    return agg.result(local)


def _progress(total: int | None):
    if total is not None and total < PROGRESS_FROM:
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
