"""The profile (CONTRACT §3): parsed fast, validated against the model and the knowledge base.

Problems are collected for the whole file and reported at once with line and column.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    model_validator,
)

from wat_werkt.core.errors import Problem, UserError
from wat_werkt.core.knowledge import KnowledgeBase
from wat_werkt.core.suggest import did_you_mean
from wat_werkt.core.validation import problems_from
from wat_werkt.core.yamlio import Locator, load, read_text

_YES = {"yes", "ja", "j", "y", "true", "waar"}
_NO = {"no", "nee", "n", "false", "onwaar"}
_UNKNOWN = {"unknown", "onbekend", "?", ""}


def _tri(value: Any) -> str:
    """yes/no/unknown; YAML 1.2 leaves yes/no as strings, so accept them (and ja/nee)."""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if value is None:
        return "unknown"
    if isinstance(value, str):
        v = value.strip().lower()
        if v in _YES:
            return "yes"
        if v in _NO:
            return "no"
        if v in _UNKNOWN:
            return "unknown"
    raise ValueError(f"ongeldige waarde {value!r}; gebruik yes/no/unknown (of ja/nee/onbekend)")


Tri = Annotated[Literal["yes", "no", "unknown"], BeforeValidator(_tri)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AgeRange(Model):
    min: int = Field(default=0, ge=0, le=120)
    max: int = Field(default=120, ge=0, le=120)

    @model_validator(mode="after")
    def _ordered(self):
        if self.min > self.max:
            raise ValueError(f"leeftijd min ({self.min}) is groter dan max ({self.max})")
        return self


def _age(value: Any) -> Any:
    """An integer is a one-year range; anything but a number or a mapping is refused here."""
    if isinstance(value, int) and not isinstance(value, bool):
        if not 0 <= value <= 120:
            raise ValueError(f"leeftijd {value} valt buiten 0-120")
        return {"min": value, "max": value}
    if not isinstance(value, dict):
        raise ValueError(f"'age' moet een getal (0-120) of {{min, max}} zijn, niet {value!r}")
    return value


class Loneliness(Model):
    types: list[str] = Field(
        default_factory=list, min_length=1, description="emotional | social | existential"
    )
    score: int | None = Field(
        default=None,
        ge=0,
        le=11,
        description="Score op de De Jong Gierveld-schaal (11 items, 0-11)",
    )
    severity: str | None = Field(
        default=None, description="not_lonely | moderate | severe | very_severe"
    )
    chronic: Tri = "unknown"


class Readiness(Model):
    aware: Tri = "unknown"
    motivated: Tri = "unknown"
    able: Tri = "unknown"


class Digital(Model):
    skills: Literal["none", "basic", "good", "unknown"] = "unknown"
    internet: Tri = "unknown"


class Preferences(Model):
    formats: list[str] = Field(
        default_factory=list, description="group | one_to_one | online | self_help"
    )


class Profile(Model):
    name: str = Field(min_length=1, description="Naam van de cliënt of doelgroep")
    age: Annotated[AgeRange, BeforeValidator(_age)] = Field(
        description="Leeftijd: een getal 0-120 of {min, max}"
    )
    gender: Literal["female", "male", "mixed"] = "mixed"
    setting: Literal["home", "residential_care", "nursing_home"] = "home"
    loneliness: Loneliness = Field(default_factory=Loneliness.model_construct)
    situation: list[str] = Field(
        default_factory=list, description="Situatiecodes (zie wat-werkt schema)"
    )
    readiness: Readiness = Field(default_factory=Readiness)
    digital: Digital = Field(default_factory=Digital)
    preferences: Preferences = Field(default_factory=Preferences)
    available: list[str] = Field(
        default_factory=list, description="Interventies die lokaal worden aangeboden"
    )

    # The severity band, derived from the score or given directly (set by parse_profile).
    _severity: str | None = PrivateAttr(default=None)

    @property
    def severity_id(self) -> str | None:
        return self._severity


def parse_profile(data: Any, kb: KnowledgeBase, path: str, text: str | None) -> Profile:
    """Validate already-parsed YAML; text (when known) is only used to locate problems."""
    locator = _LazyLocator(text)
    if data is None:
        raise UserError([Problem(path, 1, 1, "leeg profiel: verwacht minstens 'name' en 'age'")])
    if not isinstance(data, dict):
        raise UserError(
            [Problem(path, 1, 1, "een profiel moet een mapping (sleutel: waarde) zijn")]
        )
    problems: list[Problem] = []
    try:
        profile = Profile.model_validate(data)
    except ValidationError as e:
        problems.extend(problems_from(e, Profile, path, locator))
        profile = None
    problems.extend(_check_vocab(data, kb, path, locator))
    if profile is not None and not problems:
        severity, p = _severity(profile, kb, path, locator)
        problems.extend(p)
        profile._severity = severity
    if problems:
        raise UserError(problems)
    return profile


def load_profile(path: str, kb: KnowledgeBase) -> Profile:
    text = read_text(path)
    data = load(text, path)
    return parse_profile(data, kb, path, text)


class _LazyLocator:
    """Parses positions only when the first problem needs them."""

    def __init__(self, text: str | None):
        self.text = text
        self._inner: Locator | None = None

    def locate(self, loc, at_key: bool = False):
        if self.text is None:
            return (None, None)
        if self._inner is None:
            self._inner = Locator(self.text)
        return self._inner.locate(loc, at_key)


def _check_vocab(data: dict, kb: KnowledgeBase, path: str, locator) -> list[Problem]:
    """Codes whose vocabulary lives in the knowledge base, with 'did you mean'."""
    problems = []

    def check(loc: tuple, values: Any, allowed, what: str) -> None:
        if not isinstance(values, list):
            return  # the model reports the wrong type
        for i, v in enumerate(values):
            if isinstance(v, str) and v not in allowed:
                line, col = locator.locate((*loc, i))
                problems.append(
                    Problem(path, line, col, f"onbekende {what} '{v}'; {did_you_mean(v, allowed)}")
                )

    check(("situation",), data.get("situation"), kb.situations, "situatiecode")
    check(("available",), data.get("available"), kb.by_id, "interventie")
    lon = data.get("loneliness")
    if isinstance(lon, dict):
        check(("loneliness", "types"), lon.get("types"), kb.types, "soort eenzaamheid")
        sev = lon.get("severity")
        bands = {s.id for s in kb.factors_file.severities}
        if isinstance(sev, str) and sev not in bands:
            line, col = locator.locate(("loneliness", "severity"))
            problems.append(
                Problem(path, line, col, f"onbekende ernst '{sev}'; {did_you_mean(sev, bands)}")
            )
    prefs = data.get("preferences")
    if isinstance(prefs, dict):
        check(("preferences", "formats"), prefs.get("formats"), kb.formats, "vorm")
    return problems


def _severity(
    profile: Profile, kb: KnowledgeBase, path: str, locator
) -> tuple[str | None, list[Problem]]:
    lon = profile.loneliness
    if lon.score is None:
        return lon.severity, []
    band = next(
        (s for s in kb.factors_file.severities if s.min_score <= lon.score <= s.max_score), None
    )
    if band is None:
        line, col = locator.locate(("loneliness", "score"))
        return None, [Problem(path, line, col, f"score {lon.score} valt in geen enkele ernstband")]
    if lon.severity is not None and lon.severity != band.id:
        line, col = locator.locate(("loneliness", "severity"))
        msg = (
            f"severity '{lon.severity}' klopt niet met score {lon.score}: die hoort bij "
            f"'{band.id}' ({band.label}, {band.min_score}-{band.max_score}); geef één van beide"
        )
        return band.id, [Problem(path, line, col, msg)]
    return band.id, []
