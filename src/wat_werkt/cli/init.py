"""`wat-werkt init [BESTAND]`: a Dutch wizard that writes a valid, commented profile.

It asks every field of the profile description (data/profile.yaml) that has a `question`,
in its order, and accepts what the checker accepts: codes, Dutch labels and aliases.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer

from wat_werkt.cli.common import DataOption, check_output, kb, opened_output
from wat_werkt.cli.messages import say
from wat_werkt.core.profile_spec import normalize


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
    if target is not None:
        check_output(target)  # before the questions, not after them
    if target is not None and target.exists():
        answer = _ask("Bestand bestaat al. Overschrijven? [j/N]", default="n")
        if knowledge.profile.vocabularies["answer"].resolve(answer) != "yes":
            print("Niet overschreven.", file=sys.stderr)
            raise typer.Exit(1)
    print(
        "Een nieuw profiel. Enter kiest de standaard; ? toont de mogelijke codes.", file=sys.stderr
    )
    text = profile_yaml(
        _Interview(knowledge.profile.vocabularies).fields(knowledge.profile.fields), knowledge
    )
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
        say(f"Profiel geschreven: {target}. Advies: wat-werkt advise {target}")


def _ask(question: str, default: str = "") -> str:
    from wat_werkt.cli.messages import answer, wrapped
    from wat_werkt.core.errors import Problem, UserError

    line = answer(wrapped(question) + " ")
    if not line:
        raise UserError(
            [Problem("<invoer>", None, None, "invoer afgebroken; er is niets geschreven")]
        )
    return line.strip() or default


def _say(text: str, hang: str = "  ") -> None:
    from wat_werkt.cli.messages import say

    say(text, indent="  ", hang=hang)


class _Interview:
    """One question per field with a `question`; asks again until the answer is valid."""

    def __init__(self, vocabularies):
        self.vocabularies = vocabularies

    def fields(self, specs) -> dict[str, Any]:
        out = {}
        for name, spec in specs.items():
            if spec.type == "section":
                out[name] = self.fields(spec.fields)
            elif spec.question:
                out[name] = getattr(self, f"ask_{spec.type}")(spec)
        return out

    def ask_text(self, spec) -> str:
        answer = ""
        while not answer:
            answer = _ask(f"{spec.question}:")
        return answer

    def ask_age(self, spec) -> tuple[int, int]:
        while True:
            parts = _ask(f"{spec.question}:").replace(" ", "").split("-")
            if all(p.isdigit() for p in parts) and len(parts) in (1, 2):
                lo, hi = int(parts[0]), int(parts[-1])
                if spec.min <= lo <= hi <= spec.max:
                    return lo, hi
            _say(
                f"Geef een leeftijd van {spec.min} tot en met {spec.max}, of een bereik zoals 75-90."
            )

    def ask_integer(self, spec) -> int | None:
        while True:
            answer = _ask(f"{spec.question}:")
            if answer == "" and not spec.required:
                return None
            if answer.isdigit() and spec.min <= int(answer) <= spec.max:
                return int(answer)
            _say(
                f"Geef een geheel getal van {spec.min} tot en met {spec.max}"
                + ("" if spec.required else " (of laat leeg)")
            )

    def ask_choice(self, spec) -> str | None:
        values = self._codes(spec, many=False)
        return values[0] if values else None

    def ask_codes(self, spec) -> list[str]:
        return self._codes(spec, many=True)

    def _codes(self, spec, many: bool) -> list[str]:
        vocab = self.vocabularies[spec.vocabulary]
        codes = vocab.codes
        shown = (
            ", ".join(vocab.shown(c) for c in codes)
            if len(codes) <= 8
            else f"{len(codes)} codes; ? toont ze"
        )
        default = spec.default if spec.default is not None else spec.default_answer
        suffix = f" (standaard {vocab.labels[default]})" if default else ""
        while True:
            answer = _ask(f"{spec.question} [{shown}]{suffix}:", default or "")
            if answer == "?":
                for code in codes:
                    # each word once: an alias differing only in case or hyphens adds nothing
                    # (nor an alias that is part of a label listing several words)
                    seen = {normalize(code)}
                    unique = [w for w in vocab.words(code) if _first(w, seen)]
                    _say(f"{code}: {', '.join(unique)}", hang=" " * (len(code) + 2))
                continue
            if not answer and (spec.required or spec.min_items):  # no default: ask again
                _say("Kies minstens één." if many else "Kies er een.")
                continue
            words = [w.strip() for w in answer.split(",") if w.strip()] if many else [answer]
            resolved = [vocab.resolve(w) for w in words]
            if None not in resolved:
                return list(dict.fromkeys(c for c in resolved if c))
            wrong = words[resolved.index(None)]
            _say(f"Onbekend: {wrong}; {vocab.hint(wrong)}")


def register(app: typer.Typer) -> None:
    app.command("init")(init)


def _first(word: str, seen: set[str]) -> bool:
    """True the first time `word` is met; remembers it and each comma-separated part of it."""
    if normalize(word) in seen:
        return False
    seen.update(normalize(p) for p in [word, *word.split(",")])
    return True
