"""`wat-werkt scale`: score the De Jong Gierveld scale from a file or by asking item by item."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from wat_werkt.cli.common import DataOption, bad_option, kb
from wat_werkt.cli.output import FormatOption, emit, format_enum, sources_of
from wat_werkt.render.registry import View

ScaleFormat = format_enum("scale")


ANSWER_HELP = (
    "Antwoord per stelling van de vragenlijst: 'ja', 'nee' of 'min of meer' (of j/n/mom).\n"
    "Lees de stelling voor zoals ze in de officiële vragenlijst staat; kies wat het best past."
)


def scale(
    answers_file: Path | None = typer.Argument(
        None,
        help="YAML met de antwoorden (een lijst, of 'answers:', of een profiel); - leest stdin. "
        "Zonder bestand vraagt wat-werkt ze item voor item.",
        metavar="[BESTAND]",
    ),
    items: int = typer.Option(
        11, "--items", help="Bij vragen: 11 items of de korte schaal met 6.", metavar="AANTAL"
    ),
    format: ScaleFormat = FormatOption("scale", with_output=False),  # type: ignore[valid-type] # built from the registry
    data: Path | None = DataOption,
) -> None:
    """Scoor de De Jong Gierveld-eenzaamheidsschaal: totaal, subschalen en ernst. Geen diagnose."""
    from wat_werkt.core import scale as scoring
    from wat_werkt.core.errors import Problem, UserError

    knowledge = kb(data)
    if answers_file is not None:
        name = "<stdin>" if str(answers_file) == "-" else str(answers_file)
        text = sys.stdin.read() if name == "<stdin>" else None
        answers, where, text = _answers_from_file(name, text)
    else:
        if items not in scoring.item_counts(knowledge):
            raise bad_option("--items", "kies 11 of 6")
        answers, where, name = _ask(knowledge, items), (), "<invoer>"
        text = None
    problems = scoring.check_answers(knowledge, answers)
    if problems:
        from wat_werkt.core.yamlio import Locator

        locator = Locator(text) if text is not None else None
        out = []
        for index, message in problems:
            loc = (*where, *(() if index is None else (index,)))
            line, col = locator.locate(loc) if locator else (None, None)
            out.append(Problem(name, line, col, message))
        raise UserError(out)
    result = scoring.score(knowledge, answers)
    emit("scale", format, result, None, View(sources=sources_of(knowledge)))


def _answers_from_file(path: str, text: str | None):
    """The answers, their location in the YAML and its text: a list, {answers: [...]}, or a
    profile. `text` is given for stdin; a file is read here."""
    from wat_werkt.core.errors import Problem, UserError
    from wat_werkt.core.yamlio import load, read_text

    text = read_text(path) if text is None else text
    data = load(text, path)
    if isinstance(data, list):
        return data, (), text
    if isinstance(data, dict) and "answers" in data:
        return data["answers"], ("answers",), text
    lon = data.get("loneliness") if isinstance(data, dict) else None
    if isinstance(lon, dict) and "answers" in lon:
        return lon["answers"], ("loneliness", "answers"), text
    raise UserError(
        [
            Problem(
                path,
                1,
                1,
                "geen antwoorden gevonden: verwacht een lijst, 'answers:' of 'loneliness: answers:'",
            )
        ]
    )


def _ask(knowledge, count: int) -> list[str]:
    from wat_werkt.cli.messages import answer as typed_line
    from wat_werkt.cli.messages import say
    from wat_werkt.core.errors import Problem, UserError
    from wat_werkt.core.scale import normalise

    choices = " / ".join(knowledge.factors_file.scale_answers)
    say(f"Antwoorden op de {count} stellingen van de officiële vragenlijst ({choices}).")
    say(knowledge.factors_file.scale_notice.strip(), hang="")
    answers = []
    for item in range(1, count + 1):
        while True:
            line = typed_line(f"Item {item} ({choices}): ")
            if not line:
                raise UserError(
                    [Problem("<invoer>", None, None, f"invoer afgebroken bij item {item}")]
                )
            if line.strip() == "?":  # a question, not the answer "min of meer"
                say(ANSWER_HELP, indent="  ")
                continue
            answer = normalise(knowledge, line)
            if answer is not None:
                answers.append(answer)
                break
            print(f"  Kies uit: {choices}.", file=sys.stderr)
    return answers


def register(app: typer.Typer) -> None:
    app.command("scale")(scale)
