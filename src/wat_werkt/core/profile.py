"""The profile (CONTRACT §3): checked field by field, every problem located and collected.

What a profile may hold is described once, in data/profile.yaml (profile_spec at run time):
fields, types, ranges and vocabularies with their Dutch labels and aliases. This small checker
walks that description. It is hand-written rather than pydantic because it runs on every
advice: it must not pull pydantic's model machinery into start-up, and it can say exactly what
is wrong, in Dutch. Rules across fields (min <= max, score vs severity) are checked here only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any

from wat_werkt.core.errors import Problem, Problems, UserError
from wat_werkt.core.knowledge import KnowledgeBase
from wat_werkt.core.profile_spec import FieldSpec, Vocabulary
from wat_werkt.core.suggest import did_you_mean
from wat_werkt.core.yamlio import checked, read_text


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
    available: list[str] | None = None  # None: not given; []: nothing is offered locally
    severity_id: str | None = None  # the band: from the score, or as given


# The typed sections the engine reads; a field added to data/profile.yaml but not (yet) here is
# still checked and kept, as a plain attribute.
SECTIONS: dict[str, type] = {
    "loneliness": Loneliness,
    "readiness": Readiness,
    "digital": Digital,
    "preferences": Preferences,
}


def load_profile(path: str, kb: KnowledgeBase) -> Profile:
    text = read_text(path)
    return checked(text, path, lambda data: parse_profile(data, kb, path, text))


def parse_profile(data: Any, kb: KnowledgeBase, path: str, text: Any) -> Profile:
    """Check already-parsed YAML; text (when known) or a locator is only used to locate problems."""
    return _parse(data, kb, path, text)[0]


def _parse(
    data: Any, kb: KnowledgeBase, path: str, text: Any, keep: bool = False
) -> tuple[Profile, dict[str, Any] | None]:
    """The profile, and with `keep` a copy of its checked values for `like`."""
    check = _Checker(path, text, kb)
    if data is None:
        raise UserError([Problem(path, 1, 1, "leeg profiel: verwacht minstens 'name' en 'age'")])
    if not isinstance(data, dict):
        raise UserError(
            [Problem(path, 1, 1, "een profiel moet een mapping (sleutel: waarde) zijn")]
        )
    values = check.mapping(data, (), kb.profile.fields)
    kept = _copied(values) if keep and not check.problems else None
    profile = _profile(check, kb, values)
    if check.problems:
        raise UserError(check.problems)
    return profile, kept


def _profile(check: _Checker | _Unlocated, kb: KnowledgeBase, values: dict[str, Any]) -> Profile:
    """The profile from checked values: the scale's answers scored, the severity band found."""
    lon = values.get("loneliness")
    if isinstance(lon, dict) and lon.get("answers") is not None:
        lon["scale"] = _scale(check, kb, lon["answers"])
        if not lon.get("types") and lon["scale"]:
            lon["types"] = lon["scale"]["types"]
        # the 11-item total is the score (0-11): shown and in JSON like a score given directly
        if lon["scale"] and lon["scale"]["items"] == 11 and lon.get("score") is None:
            lon["score"] = lon["scale"]["total"]
    profile = _make(
        Profile, {k: _make(SECTIONS[k], v) if k in SECTIONS else v for k, v in values.items()}
    )
    if not check.problems:
        profile.severity_id = _severity(check, kb, profile.loneliness)
    return profile


def checked_values(
    data: Any, kb: KnowledgeBase, path: str, locator: Any
) -> tuple[Profile, Callable[[], dict[str, Any]] | None]:
    """parse_profile, and a function giving fresh copies of the profile's checked values
    (None when it had problems): what `like` needs to give the profile of a row that differs
    only in its name and answers."""
    profile, values = _parse(data, kb, path, locator, keep=True)
    if values is None:
        return profile, None
    copy = _copier(values) or dict.copy
    return profile, lambda: copy(values)


def like(
    kb: KnowledgeBase, values: dict[str, Any], name: str, answers: list[str] | None
) -> Profile | None:
    """The profile parse_profile gives a row whose checked values are `values` (a fresh copy
    from `checked_values`) but for its name and its scale answers (valid codes, in order);
    None when these make a problem, for parse_profile to find and locate.

    A survey's rows differ mostly in name and answers: this skips checking all the rest again.
    """
    values["name"] = name
    if answers is not None:
        values["loneliness"]["answers"] = answers
    check = _Unlocated()
    profile = _profile(check, kb, values)
    return None if check.problems else profile


def respondents(template: Profile) -> Callable[[str, tuple[str, ...]], Profile] | None:
    """For rows whose profile `like` gives as `template` but for the name and answers with the
    same subscale scores: a function making each one's profile, as `like` would (the same
    values, each list and object its own) in half the time. None when the profile has fields
    the classes here do not type: those are left to `like`.
    """
    lon, age, ready, digital, prefs = (
        template.loneliness,
        template.age,
        template.readiness,
        template.digital,
        template.preferences,
    )
    for part in (template, lon, age, ready, digital, prefs):
        if tuple(vars(part)) != _FIELDS.get(type(part)):
            return None
    # The scale's parts other than answers and types are shared, as scale.score shares them.
    scale, adopted = lon.scale, False
    if scale is not None:
        adopted = lon.types is scale["types"]
        scale = {**scale, "answers": None, "types": tuple(scale["types"])}
    # One tuple, read at once, rather than a closure cell per value.
    kept = (
        *(age.min, age.max, template.gender, template.setting, tuple(template.situation)),
        *(ready.aware, ready.motivated, ready.able, digital.skills, digital.internet),
        tuple(prefs.formats),
        None if template.available is None else tuple(template.available),
        *(template.severity_id, tuple(lon.types), lon.score, lon.severity, lon.chronic),
        *(lon.answers is not None, scale, adopted),
    )

    def respondent(name: str, answers: tuple[str, ...], kept: tuple = kept) -> Profile:
        lo, hi, gender, setting, situation, aware, motivated, able, skills, internet = kept[:10]
        formats, available, severity_id, types, score, severity, chronic = kept[10:17]
        answered, scale, adopted = kept[17:]
        if scale is not None:
            scale = {**scale, "answers": list(answers), "types": list(scale["types"])}
        # In the classes' field order (respondents checked the template has exactly these)
        return Profile(
            name,
            AgeRange(lo, hi),
            gender,
            setting,
            Loneliness(
                scale["types"] if adopted else list(types),
                score,
                severity,
                chronic,
                list(answers) if answered else None,
                scale,
            ),
            list(situation),
            Readiness(aware, motivated, able),
            Digital(skills, internet),
            Preferences(list(formats)),
            None if available is None else list(available),
            severity_id,
        )

    return respondent


_FIELDS = {
    cls: tuple(f.name for f in fields(cls))
    for cls in (Profile, AgeRange, Loneliness, Readiness, Digital, Preferences)
}


class _Unlocated:
    """Notes that a problem was found, without locating it (see `like`)."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def problem(self, loc: tuple, message: str, at_key: bool = False) -> None:
        self.problems.append(message)


# Values copies can share: nothing in them can change.
_IMMUTABLE = frozenset({str, int, float, bool, type(None)})


def _copied(value: Any) -> Any:
    copy = _copier(value)
    return value if copy is None else copy(value)


def _copier(value: Any) -> Callable[[Any], Any] | None:
    """A function copying checked values like `value` so that the copy shares nothing mutable
    (a profile keeps its lists, and whoever gets it may change them); None when `value` can
    be shared as it is. Worked out once for values that are copied again and again."""
    kind = type(value)
    if kind in _IMMUTABLE:
        return None
    if kind is AgeRange:
        return lambda age: AgeRange(age.min, age.max)
    if kind is list and all(type(v) in _IMMUTABLE for v in value):
        return list.copy
    if kind is not dict:
        from copy import deepcopy

        return deepcopy
    inner = [(k, copy) for k, v in value.items() if (copy := _copier(v)) is not None]
    if not inner:
        return dict.copy

    def copied(values: dict[str, Any]) -> dict[str, Any]:
        out = values.copy()
        for k, copy in inner:
            out[k] = copy(out[k])
        return out

    return copied


_KNOWN: dict[type, frozenset[str]] = {}


def _make(cls: type, values: dict[str, Any]) -> Any:
    known = _KNOWN.get(cls)
    if known is None:
        known = _KNOWN[cls] = frozenset(f.name for f in fields(cls))
    if known.issuperset(values):
        return cls(**values)
    obj = cls(**{k: v for k, v in values.items() if k in known})
    for k, v in values.items():
        if k not in known:
            setattr(obj, k, v)
    return obj


def _scale(
    check: _Checker | _Unlocated, kb: KnowledgeBase, answers: list[str]
) -> dict[str, Any] | None:
    from wat_werkt.core import scale

    counts = scale.item_counts(kb)
    if len(answers) not in counts:
        expected = " of ".join(str(n) for n in counts)
        check.problem(
            ("loneliness", "answers"),
            f"verwacht {expected} antwoorden (één per item), niet {len(answers)}",
        )
        return None
    return scale.score(kb, answers)


def _severity(check: _Checker | _Unlocated, kb: KnowledgeBase, lon: Loneliness) -> str | None:
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


# id(spec) -> (spec, a function giving its default); the spec is kept so its id stays its own.
_DEFAULTS: dict[int, tuple[FieldSpec, Callable[[], Any]]] = {}
# id(fields) -> (fields, [(name, spec, default maker, check)]): a mapping's walk, unpacked once.
_FIELD_PLANS: dict[int, tuple[dict[str, FieldSpec], list[tuple]]] = {}


class _Checker:
    """Walks the profile description; collects located problems, parsing positions only when
    the first problem needs them."""

    def __init__(self, path: str, text: Any, kb: KnowledgeBase):
        # text: the YAML text, or a ready locator (a spreadsheet row maps keys to its columns)
        located = text is None or isinstance(text, str)
        self.path = path
        self.vocabularies = kb.profile.vocabularies
        self.found = Problems(path, text, None) if located else Problems(path, "", text)
        self.problems = self.found.problems
        # A spreadsheet row: a missing key is an empty cell of a column the user named
        self.column_of = None if located else getattr(text, "column_of", None)

    def vocabulary(self, spec: FieldSpec) -> Vocabulary:
        assert spec.vocabulary is not None, f"field {spec.name} has no vocabulary"
        return self.vocabularies[spec.vocabulary]

    def problem(self, loc: tuple, message: str, at_key: bool = False) -> None:
        self.found.add(loc, message, at_key)

    def mapping(self, mapping: dict, loc: tuple, specs: dict[str, FieldSpec]) -> dict[str, Any]:
        if not specs.keys() >= mapping.keys():  # one set test for the usual, all-known keys
            for key in mapping:
                if key not in specs:
                    hint = _key_hint(key, specs)
                    self.problem((*loc, key), f"onbekende sleutel '{key}'; {hint}", at_key=True)
        known = _FIELD_PLANS.get(id(specs))
        if known is None or known[0] is not specs:
            plan = [
                (name, spec, self._default_maker(spec), _CHECKS.get(spec.type))
                for name, spec in specs.items()
            ]
            known = _FIELD_PLANS[id(specs)] = (specs, plan)
        out = {}
        for name, spec, make_default, check in known[1]:
            value = mapping.get(name)
            if value is None:
                if spec.required:
                    self.missing(loc, name, spec, mapping)
                out[name] = make_default()
            else:
                out[name] = check(self, value, (*loc, name), spec)
        return out

    def missing(self, loc: tuple, name: str, spec: FieldSpec, mapping: dict) -> None:
        column = self.column_of((*loc, name)) if self.column_of else None
        if column is not None:
            dutch = spec.dutch[0] if spec.dutch else name
            self.problem((*loc, name), f"kolom '{column}' is leeg; vul de {dutch} in")
            return
        missing = name not in mapping
        self.problem(
            loc if missing else (*loc, name),
            f"verplichte sleutel '{name}' " + ("ontbreekt" if missing else "heeft geen waarde"),
        )

    def default(self, spec: FieldSpec) -> Any:
        # Most profiles leave most fields out, so each spec's default is worked out once and
        # only its containers are made afresh (callers adopt and fill them).
        known = _DEFAULTS.get(id(spec))
        if known is None or known[0] is not spec:
            known = _DEFAULTS[id(spec)] = (spec, self._default_maker(spec))
        return known[1]()

    def _default_maker(self, spec: FieldSpec) -> Callable[[], Any]:
        if spec.type == "section":
            makers = {name: self._default_maker(f) for name, f in spec.fields.items()}
            return lambda: {name: make() for name, make in makers.items()}
        if spec.type == "codes":
            return (lambda: None) if spec.absent_unknown else list
        if spec.type == "age":
            lo, hi = spec.min or 0, 120 if spec.max is None else spec.max
            return lambda: AgeRange(lo, hi)
        value = spec.default
        if spec.type == "choice" and value is not None:
            value = self.vocabulary(spec).resolve(value)
        return lambda: value

    # --- check_TYPE for each field type of profile.yaml (text, age, choice, codes, ...) ---

    def check_text(self, value: Any, loc: tuple, spec: FieldSpec) -> str:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)  # a client number is a fine name
        if not isinstance(value, str):
            self.problem(loc, f"'{loc[-1]}' moet tekst zijn, niet {value!r}")
            return ""
        if not value.strip():
            self.problem(loc, f"'{loc[-1]}' mag niet leeg zijn")
        return value

    def check_section(self, value: Any, loc: tuple, spec: FieldSpec) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.problem(loc, f"'{loc[-1]}' moet een mapping (sleutel: waarde) zijn")
            return self.default(spec)
        return self.mapping(value, loc, spec.fields)

    def check_age(self, value: Any, loc: tuple, spec: FieldSpec) -> AgeRange:
        lo, hi = spec.min or 0, 120 if spec.max is None else spec.max
        number = _whole(value)
        if number is not None:
            if not lo <= number <= hi:
                self.problem(loc, f"leeftijd {number} valt buiten {lo}-{hi}")
            return AgeRange(number, number)
        if isinstance(value, str):  # "70-85", as the wizard and spreadsheets accept it
            text = value.replace(" ", "")
            parts = text.split("-")
            if len(parts) == 2 and all(p.isdigit() for p in parts):
                value = {"min": int(parts[0]), "max": int(parts[1])}
            elif text.endswith("+") and text[:-1].isdigit():  # "85+": the dossier's age bands
                value = {"min": int(text[:-1])}
        if not isinstance(value, dict):
            self.problem(
                loc,
                f"'{loc[-1]}' moet een getal ({lo}-{hi}), een bereik (75-90, 85+) of {{min, max}} "
                f"zijn, niet {value!r}",
            )
            return AgeRange(lo, hi)
        if len(value) == 2:  # the common, valid {min, max} quickly; anything else in full below
            a, b = value.get("min"), value.get("max")
            if type(a) is int and type(b) is int and lo <= a <= b <= hi:
                return AgeRange(a, b)
        given = self.mapping(value, loc, _age_bounds(lo, hi))
        age = AgeRange(
            lo if given["min"] is None else given["min"],
            hi if given["max"] is None else given["max"],
        )
        if age.min > age.max:
            self.problem(loc, f"leeftijd min ({age.min}) is groter dan max ({age.max})")
        return age

    def check_integer(self, value: Any, loc: tuple, spec: FieldSpec) -> int | None:
        number = _whole(value)
        if number is None:
            self.problem(loc, f"'{loc[-1]}' moet een geheel getal zijn, niet {value!r}")
        elif spec.min is not None and number < spec.min:
            self.problem(loc, f"'{'.'.join(loc)}' is {number} maar moet minstens {spec.min} zijn")
        elif spec.max is not None and number > spec.max:
            self.problem(loc, f"'{'.'.join(loc)}' is {number} maar moet hoogstens {spec.max} zijn")
        else:
            return number
        return None

    def check_choice(self, value: Any, loc: tuple, spec: FieldSpec) -> str | None:
        vocab = self.vocabulary(spec)
        code = vocab.resolve(value)
        if code is None:
            self.problem(
                loc, f"{_unknown(spec, value)} voor '{'.'.join(loc)}'; {vocab.hint(value)}"
            )
            return self.default(spec)
        return code

    def check_codes(self, value: Any, loc: tuple, spec: FieldSpec) -> list[str]:
        vocab = self.vocabulary(spec)
        if isinstance(value, str):
            value = [value]  # a single code is a list of one
        if not isinstance(value, list):
            self.problem(loc, f"'{loc[-1]}' moet een lijst zijn")
            return []
        if spec.min_items and len(value) < spec.min_items:
            self.problem(loc, f"'{loc[-1]}' mag niet leeg zijn")
        out = []
        for i, v in enumerate(value):
            code = vocab.resolve(v)
            if code is None:
                hint = vocab.hint(v, f"wat-werkt codes {'.'.join(loc)}")
                self.problem((*loc, i), f"{_unknown(spec, v)}; {hint}")
            elif code not in out:
                out.append(code)
        return out

    def check_answers(self, value: Any, loc: tuple, spec: FieldSpec) -> list[str] | None:
        vocab = self.vocabulary(spec)
        if not isinstance(value, list):
            self.problem(loc, f"'{loc[-1]}' moet een lijst van antwoorden zijn")
            return None
        labels, lookup = vocab.labels, vocab.lookup
        try:  # survey answers are codes or words in normal form ("ja"): found as they are
            return [v if v in labels else lookup[v] for v in value]
        except (KeyError, TypeError):
            pass  # anything else (other spellings, mistakes) one by one, as resolve() does
        from wat_werkt.core.scale import is_unanswered, unanswered

        out = []
        empty = [i for i, v in enumerate(value) if is_unanswered(v)]
        if empty:  # one message for the row, at the first open item
            self.problem((*loc, empty[0]), unanswered(empty, len(value), advice=True))
        for i, v in enumerate(value):
            code = None if i in empty else vocab.resolve(v)
            if code is None and i not in empty:
                allowed = ", ".join(vocab.codes)
                self.problem((*loc, i), f"item {i + 1}: ongeldig antwoord {v!r}; gebruik {allowed}")
            out.append(code)
        codes = [c for c in out if c is not None]
        return codes if len(codes) == len(out) else None


# spec.type -> _Checker.check_TYPE, looked up once rather than per field.
_CHECKS = {
    name.removeprefix("check_"): fn
    for name, fn in vars(_Checker).items()
    if name.startswith("check_")
}


def _age_bounds(lo: int, hi: int) -> dict[str, FieldSpec]:
    """The fields of an {min, max} age: the same dict each time (mapping() caches by it)."""
    known = _AGE_BOUNDS.get((lo, hi))
    if known is None:
        bounds = FieldSpec("min", "integer", min=lo, max=hi)
        known = _AGE_BOUNDS[lo, hi] = {"min": bounds, "max": bounds}
    return known


_AGE_BOUNDS: dict[tuple[int, int], dict[str, FieldSpec]] = {}


def _unknown(spec: FieldSpec, value: Any) -> str:
    return f"onbekende {spec.noun} {value!r}" if spec.noun else f"ongeldige waarde {value!r}"


def _whole(value: Any) -> int | None:
    """An integer, also when written as 7.0 (as JSON Schema counts it); never a boolean."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _key_hint(key: Any, specs: dict[str, FieldSpec]) -> str:
    import difflib

    dutch = {word: name for name, spec in specs.items() for word in spec.dutch}
    close = difflib.get_close_matches(str(key).lower(), dutch, n=1, cutoff=0.75)
    if close:
        return f"bedoelde u '{dutch[close[0]]}' ({close[0]})?"
    return did_you_mean(key, specs, show_all_below=20)
