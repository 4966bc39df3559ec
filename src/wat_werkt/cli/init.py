"""`wat-werkt init [BESTAND]`: a Dutch wizard that writes a valid, commented profile."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer

from wat_werkt.cli.common import DataOption, kb, opened_output

TRI_WORDS = {"ja": "yes", "j": "yes", "yes": "yes", "nee": "no", "n": "no", "no": "no",
             "onbekend": "unknown", "?": "unknown", "unknown": "unknown", "": "unknown"}  # fmt: skip


def init(
    target: Path | None = typer.Argument(
        None, help="Waar het profiel komt (zonder: naar het scherm).", metavar="[BESTAND]"
    ),
    data: Path | None = DataOption,
) -> None:
    """Maak stap voor stap een profiel, met uitleg bij elke keuze. Overschrijft nooit zonder te vragen."""
    from wat_werkt.core.errors import Problem, UserError
    from wat_werkt.core.profile import parse_profile
    from wat_werkt.core.profile_writer import profile_yaml
    from wat_werkt.core.yamlio import load

    knowledge = kb(data)
    if target is not None and target.exists():
        answer = _ask("Bestand bestaat al. Overschrijven? [j/N]", default="n")
        if answer.lower() not in ("j", "ja", "y", "yes"):
            print("Niet overschreven.", file=sys.stderr)
            raise typer.Exit(1)
    text = profile_yaml(_interview(knowledge), knowledge)
    name = str(target or "<profiel>")
    try:
        parse_profile(load(text, name), knowledge, name, text)
    except UserError as e:  # would be a bug in the wizard: never write an invalid profile
        raise UserError(
            [Problem(name, None, None, "het gemaakte profiel is ongeldig"), *e.problems]
        ) from None
    with opened_output(target) as out:
        out.write(text)
    if target is not None:
        print(f"Profiel geschreven: {target}. Advies: wat-werkt advise {target}", file=sys.stderr)


def _ask(question: str, default: str = "") -> str:
    from wat_werkt.core.errors import Problem, UserError

    print(f"{question} ", end="", file=sys.stderr, flush=True)
    line = sys.stdin.readline()
    if not line:
        raise UserError(
            [Problem("<invoer>", None, None, "invoer afgebroken; er is niets geschreven")]
        )
    return line.strip() or default


def _choose(question: str, allowed, default: str | None = None, many: bool = False):
    """Ask until the answer is one (or a comma-separated list) of `allowed`."""
    from wat_werkt.core.suggest import did_you_mean

    options = list(allowed)
    shown = ", ".join(options) if len(options) <= 8 else f"{len(options)} codes; ? toont ze"
    suffix = f" (standaard {default})" if default else ""
    while True:
        answer = _ask(f"{question} [{shown}]{suffix}:", default or "")
        if answer == "?":
            for code in options:
                label = allowed[code] if isinstance(allowed, dict) else ""
                print(f"  {code}" + (f": {label}" if label else ""), file=sys.stderr)
            continue
        values = [v.strip() for v in answer.split(",") if v.strip()] if many else [answer]
        wrong = [v for v in values if v not in options]
        if not wrong:
            return values if many else values[0]
        print(f"  Onbekend: {wrong[0]}; {did_you_mean(wrong[0], options)}", file=sys.stderr)


def _number(question: str, lo: int, hi: int, optional: bool = False) -> int | None:
    while True:
        answer = _ask(f"{question}:")
        if optional and answer == "":
            return None
        if answer.isdigit() and lo <= int(answer) <= hi:
            return int(answer)
        print(
            f"  Geef een geheel getal van {lo} tot en met {hi}"
            + (" (of laat leeg)" if optional else ""),
            file=sys.stderr,
        )


def _tri(question: str) -> str:
    while True:
        answer = _ask(f"{question} [ja/nee/onbekend]:").lower()
        if answer in TRI_WORDS:
            return TRI_WORDS[answer]
        print("  Antwoord ja, nee of onbekend.", file=sys.stderr)


def _interview(knowledge) -> dict[str, Any]:
    from wat_werkt.core.knowledge import GENDER_LABELS, SETTING_LABELS, SKILLS

    print(
        "Een nieuw profiel. Enter kiest de standaard; ? toont de mogelijke codes.", file=sys.stderr
    )
    name = ""
    while not name:
        name = _ask("Naam van de cliënt of doelgroep:")
    while True:
        age = _ask("Leeftijd (bijv. 68, of 75-90):").replace(" ", "")
        parts = age.split("-")
        if all(p.isdigit() for p in parts) and len(parts) in (1, 2):
            lo, hi = int(parts[0]), int(parts[-1])
            if 0 <= lo <= hi <= 120:
                break
        print(
            "  Geef een leeftijd van 0 tot en met 120, of een bereik zoals 75-90.", file=sys.stderr
        )
    situations = {k: s.label for k, s in knowledge.situations.items()}
    return {
        "name": name,
        "age": (lo, hi),
        "gender": _choose("Geslacht", GENDER_LABELS, "mixed"),
        "setting": _choose("Woonsituatie", SETTING_LABELS, "home"),
        "types": _choose("Soort eenzaamheid (komma's)", list(knowledge.types), "social", many=True),
        "score": _number(
            "Score De Jong Gierveld-schaal, 0-11 (leeg: onbekend)", 0, 11, optional=True
        ),
        "chronic": _tri("Langdurig?"),
        "situation": _choose("Situatie (komma's, leeg: geen)", situations, many=True),
        "readiness": {
            "aware": _tri("Weten: bewust van het probleem?"),
            "motivated": _tri("Willen: gemotiveerd?"),
            "able": _tri("Kunnen: in staat mee te doen?"),
        },
        "digital": {
            "skills": _choose("Digitale vaardigheden", SKILLS, "unknown"),
            "internet": _tri("Internet?"),
        },
        "formats": _choose(
            "Voorkeursvorm (komma's, leeg: geen)", list(knowledge.formats), many=True
        ),
        "available": _choose(
            "Lokaal aanbod (ids, komma's, leeg: onbekend)",
            {k: e.data.name for k, e in knowledge.by_id.items()},
            many=True,
        ),
    }


def register(app: typer.Typer) -> None:
    app.command("init")(init)
