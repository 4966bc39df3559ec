"""The profile (CONTRACT §3): checked field by field, every problem located and collected.

A small hand-written checker rather than pydantic: it runs on every advice, so it must not pull
pydantic's model machinery into start-up, and it can say exactly what is wrong, in Dutch.
Vocabularies that live in the knowledge base (situation codes, kinds of loneliness, formats,
severity bands, intervention ids) are taken from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from wat_werkt.core.errors import Problem, UserError
from wat_werkt.core.knowledge import GENDERS, SETTINGS, SKILLS, KnowledgeBase
from wat_werkt.core.suggest import did_you_mean
from wat_werkt.core.yamlio import Locator, load, read_text

_YES = {"yes", "ja", "j", "y", "true", "waar"}
_NO = {"no", "nee", "n", "false", "onwaar"}
_UNKNOWN = {"unknown", "onbekend", "?", ""}

# Consultants often type the Dutch word for a key; point them to the English one.
DUTCH_KEYS = {
    "naam": "name", "leeftijd": "age", "geslacht": "gender", "woonsituatie": "setting",
    "woonvorm": "setting", "eenzaamheid": "loneliness", "situatie": "situation",
    "gereedheid": "readiness", "digitaal": "digital", "voorkeuren": "preferences",
    "aanbod": "available", "beschikbaar": "available", "soorten": "types", "ernst": "severity",
    "langdurig": "chronic", "weten": "aware", "willen": "motivated", "kunnen": "able",
    "vaardigheden": "skills", "vormen": "formats",
}  # fmt: skip

# The keys of each mapping in a profile; the schema command describes the same structure.
KEYS = {
    (): ("name", "age", "gender", "setting", "loneliness", "situation", "readiness", "digital",
         "preferences", "available"),
    ("age",): ("min", "max"),
    ("loneliness",): ("types", "score", "severity", "chronic", "answers"),
    ("readiness",): ("aware", "motivated", "able"),
    ("digital",): ("skills", "internet"),
    ("preferences",): ("formats",),
}  # fmt: skip


@dataclass
class AgeRange:
    min: int = 0
    max: int = 120


@dataclass
class Loneliness:
    types: list[str] = field(default_factory=list)
    score: int | None = None
    severity: str | None = None
    chronic: str = "unknown"
    answers: list[str] | None = None  # De Jong Gierveld answers, scored into `scale`
    scale: dict[str, Any] | None = None


@dataclass
class Readiness:
    aware: str = "unknown"
    motivated: str = "unknown"
    able: str = "unknown"


@dataclass
class Digital:
    skills: str = "unknown"
    internet: str = "unknown"


@dataclass
class Preferences:
    formats: list[str] = field(default_factory=list)


@dataclass
class Profile:
    name: str
    age: AgeRange
    gender: str = "mixed"
    setting: str = "home"
    loneliness: Loneliness = field(default_factory=Loneliness)
    situation: list[str] = field(default_factory=list)
    readiness: Readiness = field(default_factory=Readiness)
    digital: Digital = field(default_factory=Digital)
    preferences: Preferences = field(default_factory=Preferences)
    available: list[str] = field(default_factory=list)
    severity_id: str | None = None  # the band: from the score, or as given


def load_profile(path: str, kb: KnowledgeBase) -> Profile:
    text = read_text(path)
    return parse_profile(load(text, path), kb, path, text)


def parse_profile(data: Any, kb: KnowledgeBase, path: str, text: str | None) -> Profile:
    """Check already-parsed YAML; text (when known) is only read to locate problems."""
    check = _Checker(path, text)
    if data is None:
        raise UserError([Problem(path, 1, 1, "leeg profiel: verwacht minstens 'name' en 'age'")])
    if not isinstance(data, dict):
        raise UserError(
            [Problem(path, 1, 1, "een profiel moet een mapping (sleutel: waarde) zijn")]
        )
    check.keys(data, ())
    for key in ("name", "age"):
        if key not in data:
            check.problem((), f"verplichte sleutel '{key}' ontbreekt")

    name = data.get("name")
    if isinstance(name, (int, float)) and not isinstance(name, bool):
        name = str(name)  # a client number is a fine name
    if "name" in data and not isinstance(name, str):
        check.problem(("name",), f"'name' moet tekst zijn, niet {name!r}")
    elif isinstance(name, str) and not name.strip():
        check.problem(("name",), "'name' mag niet leeg zijn")
    profile = Profile(name=name if isinstance(name, str) else "", age=_age(check, data.get("age")))
    profile.gender = check.choice(data, ("gender",), GENDERS, "mixed")
    profile.setting = check.choice(data, ("setting",), SETTINGS, "home")
    profile.situation = check.codes(data, ("situation",), kb.situations, "situatiecode")
    profile.available = check.codes(data, ("available",), kb.by_id, "interventie")

    lon = check.mapping(data, ("loneliness",))
    if lon is not None:
        result = _scale(check, kb, lon.get("answers"))
        types = check.codes(
            lon, ("loneliness", "types"), kb.types, "soort eenzaamheid", min_one=True
        )
        profile.loneliness = Loneliness(
            types=types or (result["types"] if result else []),
            score=check.integer(lon, ("loneliness", "score"), 0, 11),
            severity=check.choice(
                lon,
                ("loneliness", "severity"),
                [s.id for s in kb.factors_file.severities],
                None,
                what="ernst",
            ),
            chronic=check.tri(lon, ("loneliness", "chronic")),
            answers=result["answers"] if result else None,
            scale=result,
        )
    ready = check.mapping(data, ("readiness",))
    if ready is not None:
        profile.readiness = Readiness(
            *(check.tri(ready, ("readiness", k)) for k in ("aware", "motivated", "able"))
        )
    digital = check.mapping(data, ("digital",))
    if digital is not None:
        profile.digital = Digital(
            check.choice(digital, ("digital", "skills"), SKILLS, "unknown"),
            check.tri(digital, ("digital", "internet")),
        )
    prefs = check.mapping(data, ("preferences",))
    if prefs is not None:
        profile.preferences = Preferences(
            check.codes(prefs, ("preferences", "formats"), kb.formats, "vorm")
        )

    if not check.problems:
        profile.severity_id = _severity(check, kb, profile.loneliness)
    if check.problems:
        raise UserError(check.problems)
    return profile


def _age(check: _Checker, value: Any) -> AgeRange:
    if value is None:
        return AgeRange()
    if isinstance(value, int) and not isinstance(value, bool):
        if not 0 <= value <= 120:
            check.problem(("age",), f"leeftijd {value} valt buiten 0-120")
        return AgeRange(value, value)
    if not isinstance(value, dict):
        check.problem(
            ("age",), f"'age' moet een getal (0-120) of {{min, max}} zijn, niet {value!r}"
        )
        return AgeRange()
    check.keys(value, ("age",))
    lo = check.integer(value, ("age", "min"), 0, 120)
    hi = check.integer(value, ("age", "max"), 0, 120)
    age = AgeRange(0 if lo is None else lo, 120 if hi is None else hi)
    if age.min > age.max:
        check.problem(("age",), f"leeftijd min ({age.min}) is groter dan max ({age.max})")
    return age


def _scale(check: _Checker, kb: KnowledgeBase, answers: Any) -> dict[str, Any] | None:
    from wat_werkt.core import scale

    if answers is None:
        return None
    problems = scale.check_answers(kb, answers)
    for index, message in problems:
        check.problem(("loneliness", "answers", *(() if index is None else (index,))), message)
    return None if problems else scale.score(kb, answers)


def _severity(check: _Checker, kb: KnowledgeBase, lon: Loneliness) -> str | None:
    if lon.scale is not None:
        band, total = lon.scale["severity"], lon.scale["total"]
        if lon.score is not None and (lon.scale["items"] != 11 or lon.score != total):
            check.problem(
                ("loneliness", "score"),
                f"score {lon.score} klopt niet met de antwoorden ({lon.scale['name']}: totaal "
                f"{total}); laat de score weg, die volgt uit de antwoorden",
            )
        elif lon.severity is not None and lon.severity != band:
            check.problem(
                ("loneliness", "severity"),
                f"severity '{lon.severity}' klopt niet met de antwoorden: die geven '{band}'",
            )
        return band
    if lon.score is None:
        return lon.severity
    band = next(s for s in kb.factors_file.severities if s.min_score <= lon.score <= s.max_score)
    if lon.severity is not None and lon.severity != band.id:
        check.problem(
            ("loneliness", "severity"),
            f"severity '{lon.severity}' klopt niet met score {lon.score}: die hoort bij "
            f"'{band.id}' ({band.label}, {band.min_score}-{band.max_score}); geef één van beide",
        )
    return band.id


class _Checker:
    """Collects located problems; positions are parsed only when the first problem needs them."""

    def __init__(self, path: str, text: str | None):
        self.path = path
        self.text = text
        self._locator: Locator | None = None
        self.problems: list[Problem] = []

    def problem(self, loc: tuple, message: str, at_key: bool = False) -> None:
        line = col = None
        if self.text is not None:
            if self._locator is None:
                self._locator = Locator(self.text)
            line, col = self._locator.locate(loc, at_key=at_key)
        self.problems.append(Problem(self.path, line, col, message))

    def keys(self, mapping: dict, loc: tuple) -> None:
        allowed = KEYS[loc]
        for key in mapping:
            if key not in allowed:
                self.problem(
                    (*loc, key),
                    f"onbekende sleutel '{key}'; {_key_hint(key, allowed)}",
                    at_key=True,
                )

    def mapping(self, data: dict, loc: tuple) -> dict | None:
        value = data.get(loc[-1])
        if value is None:
            return None
        if not isinstance(value, dict):
            self.problem(loc, f"'{loc[-1]}' moet een mapping (sleutel: waarde) zijn")
            return None
        self.keys(value, loc)
        return value

    def choice(self, data: dict, loc: tuple, allowed, default: Any, what: str | None = None) -> Any:
        value = data.get(loc[-1])
        if value is None:
            return default
        if value not in allowed:
            label = f"onbekende {what}" if what else "ongeldige waarde"
            self.problem(
                loc, f"{label} {value!r} voor '{'.'.join(loc)}'; {did_you_mean(value, allowed)}"
            )
            return default
        return value

    def integer(self, data: dict, loc: tuple, lo: int, hi: int) -> int | None:
        value = data.get(loc[-1])
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(loc, f"'{loc[-1]}' moet een geheel getal zijn, niet {value!r}")
            return None
        if value < lo:
            self.problem(loc, f"'{'.'.join(loc)}' is {value} maar moet minstens {lo} zijn")
            return None
        if value > hi:
            self.problem(loc, f"'{'.'.join(loc)}' is {value} maar moet hoogstens {hi} zijn")
            return None
        return value

    def tri(self, data: dict, loc: tuple) -> str:
        """yes/no/unknown; YAML 1.2 leaves yes/no as strings, so accept them (and ja/nee)."""
        value = data.get(loc[-1])
        if value is True:
            return "yes"
        if value is False:
            return "no"
        if value is None:
            return "unknown"
        if isinstance(value, str):
            v = value.strip().lower()
            for word, words in (("yes", _YES), ("no", _NO), ("unknown", _UNKNOWN)):
                if v in words:
                    return word
        self.problem(
            loc, f"ongeldige waarde {value!r}; gebruik yes/no/unknown (of ja/nee/onbekend)"
        )
        return "unknown"

    def codes(self, data: dict, loc: tuple, allowed, what: str, min_one: bool = False) -> list[str]:
        value = data.get(loc[-1])
        if value is None:
            return []
        if isinstance(value, str):
            value = [value]  # a single code is a list of one
        if not isinstance(value, list):
            self.problem(loc, f"'{loc[-1]}' moet een lijst zijn")
            return []
        if min_one and not value:
            self.problem(loc, f"'{loc[-1]}' mag niet leeg zijn")
        out = []
        for i, v in enumerate(value):
            if not isinstance(v, str) or v not in allowed:
                self.problem((*loc, i), f"onbekende {what} {v!r}; {did_you_mean(v, allowed)}")
            elif v not in out:
                out.append(v)
        return out


def _key_hint(key: Any, allowed) -> str:
    import difflib

    dutch = difflib.get_close_matches(str(key).lower(), DUTCH_KEYS, n=1, cutoff=0.75)
    if dutch and DUTCH_KEYS[dutch[0]] in allowed:
        return f"bedoelde je '{DUTCH_KEYS[dutch[0]]}' ({dutch[0]})?"
    return did_you_mean(key, allowed, show_all_below=20)
