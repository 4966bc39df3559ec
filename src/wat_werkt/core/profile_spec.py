"""The profile description of data/profile.yaml at run time: fields and vocabularies.

Built once with the knowledge base (kb_build) and pickled with it, so reading it costs nothing
at start-up. Plain classes, free of pydantic. A vocabulary resolves what a user typed (the
English code, its Dutch label or an alias; any case, spaces, hyphens and underscores alike) to
the code, and says in Dutch what was meant when it cannot.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from typing import Any

_SEPARATORS = re.compile(r"[\s_-]+")


def normalize(word: str) -> str:
    """'Verpleeg-huis ' -> 'verpleeg huis': the form every vocabulary lookup uses."""
    return " ".join(w for w in _SEPARATORS.split(word.lower()) if w)


class Vocabulary:
    # Plain classes with hand-written __init__ rather than dataclasses: this module is imported
    # on every start-up (to unpickle the knowledge base), and @dataclass costs ~1 ms a class.
    def __init__(self, name: str, labels: dict[str, str], label_is_word: bool = True):
        self.name = name
        self.labels = labels  # code -> Dutch label, in the data's order
        self.aliases: dict[str, list[str]] = {}  # code -> further Dutch words
        self.groups: dict[str, str] = {}  # code -> the people it describes
        self.lookup: dict[str, str] = {}  # normalized word -> code
        self.label_is_word = label_is_word  # False for intervention ids: names are not typed
        self.listed_by: str | None = None  # the command listing every code, when not `codes`

    @property
    def codes(self) -> list[str]:
        return list(self.labels)

    def words(self, code: str) -> list[str]:
        """Everything that means code, as written in the data: code, label, aliases."""
        label = [self.labels[code]] if self.label_is_word else []
        return list(dict.fromkeys([code, *label, *self.aliases.get(code, [])]))

    def resolve(self, value: Any) -> str | None:
        if isinstance(value, bool):  # YAML true/false: whatever "yes"/"no" means here
            value = "yes" if value else "no"
        if not isinstance(value, str):
            return None
        if value in self.labels:  # the code itself: the common case, no normalising needed
            return value
        # A word already in normal form (survey answers: "ja", "nee") needs no normalising
        # either: normalize() leaves such a word as it is.
        code = self.lookup.get(value)
        return code if code is not None else self.lookup.get(normalize(value))

    def hint(self, value: Any, listed_by: str | None = None) -> str:
        """A Dutch 'did you mean', over codes, labels and aliases; or what is allowed."""
        close = difflib.get_close_matches(normalize(str(value)), self.lookup, n=1, cutoff=0.6)
        if close:
            code = self.lookup[close[0]]
            word = next(
                (w for w in self.words(code) if normalize(w) == close[0]), self.labels[code]
            )
            return f"bedoelde u '{word}'" + ("" if word == code else f" ({code})") + "?"
        if len(self.labels) <= 8:
            return "toegestaan: " + ", ".join(self.shown(c) for c in self.labels)
        where = self.listed_by or listed_by or f"wat-werkt codes {self.name}"
        return f"zie de {len(self.labels)} toegestane waarden met '{where}'"

    @property
    def takes_booleans(self) -> bool:
        return "yes" in self.lookup and "no" in self.lookup

    def shown(self, code: str) -> str:
        """'vrouw (female)': how a code is offered to a Dutch user."""
        label = self.labels[code]
        return code if normalize(label) == normalize(code) else f"{label} ({code})"


def make_vocabulary(
    name: str,
    entries: Iterable[Any],
    with_labels: bool = True,
    conflict: Callable[[int, int | None, str, str], None] | None = None,
) -> Vocabulary:
    """From data entries (id, label, aliases[, group]); conflict(i, j, word, other) reports
    a word that would mean two codes (j is the alias index, None for the label)."""
    vocab = Vocabulary(name, {}, label_is_word=with_labels)
    for i, e in enumerate(entries):
        vocab.labels[e.id] = e.label
        vocab.aliases[e.id] = list(getattr(e, "aliases", []) or [])
        if getattr(e, "group", None):
            vocab.groups[e.id] = e.group
        words: list[tuple[int | None, str]] = [(-1, e.id)]
        if with_labels:
            words.append((None, e.label))
        words += list(enumerate(vocab.aliases[e.id]))
        for j, word in words:
            key = normalize(word)
            other = vocab.lookup.setdefault(key, e.id)
            if other != e.id and conflict is not None:
                conflict(i, j, word, other)
    return vocab


class FieldSpec:
    """One field of data/profile.yaml; class attributes are the defaults."""

    name: str
    type: str  # text | age | choice | codes | integer | answers | section
    help: str = ""
    question: str | None = None
    required: bool = False
    vocabulary: str | None = None
    default: Any = None
    default_answer: str | None = None
    min: int | None = None
    max: int | None = None
    min_items: int | None = None
    absent_unknown: bool = False  # codes: None when left out, so [] can mean "none"
    fields: dict[str, FieldSpec] = {}  # noqa: RUF012 - never mutated; set per section
    dutch: list[str] = []  # noqa: RUF012 - Dutch key names, for "bedoelde u"
    noun: str | None = None  # one value in messages: "onbekende situatiecode 'x'"

    def __init__(self, name: str, type: str, **values: Any):
        self.name = name
        self.type = type
        self.__dict__.update(values)


def make_fields(models: dict[str, Any]) -> dict[str, FieldSpec]:
    return {
        name: FieldSpec(
            name,
            f.type,
            help=f.help,
            question=f.question,
            required=f.required,
            vocabulary=f.vocabulary,
            default=f.default,
            default_answer=f.default_answer,
            min=f.min,
            max=f.max,
            min_items=f.min_items,
            absent_unknown=f.absent_unknown,
            fields=make_fields(f.fields or {}),
            dutch=list(f.dutch),
            noun=f.noun,
        )
        for name, f in models.items()
    }


def walk(fields: dict[str, FieldSpec], loc: tuple = ()) -> Iterable[tuple[tuple, FieldSpec]]:
    """Every field with its path, sections before their fields."""
    for name, spec in fields.items():
        yield (*loc, name), spec
        yield from walk(spec.fields, (*loc, name))


class ProfileSpec:
    def __init__(
        self,
        fields: dict[str, FieldSpec],
        vocabularies: dict[str, Vocabulary],
        cross_field_rules: list[str],
    ):
        self.fields = fields
        self.vocabularies = vocabularies
        self.cross_field_rules = cross_field_rules

    def field_at(self, path: str) -> FieldSpec | None:
        """'digital.skills' -> its spec."""
        return dict((".".join(loc), spec) for loc, spec in walk(self.fields)).get(path)


# Where the profile's codes come from: profile.yaml itself, or a section of factors.yaml.
FACTORS_VOCABULARIES = (
    "loneliness_types",
    "severities",
    "situations",
    "formats",
    "statuses",
    "evidence_levels",
)
_NEEDS_VOCABULARY = ("choice", "codes", "answers")


def build_spec(ff: Any, pf: Any, interventions: Any, add: Callable[..., None]) -> ProfileSpec:
    """The runtime description; add(file_key, loc, message) reports a problem in the data."""
    vocabs: dict[str, Vocabulary] = {}

    def conflicts(file_key: str, section: tuple) -> Callable[[int, int | None, str, str], None]:
        def report(i: int, j: int | None, word: str, other: str) -> None:
            where = (
                (*section, i, "id")
                if j == -1
                else (*section, i, "label" if j is None else "aliases")
            )
            where = where if j in (-1, None) else (*where, j)
            add(
                file_key,
                where,
                f"'{word}' betekent al '{other}'; een woord mag maar één code betekenen",
            )

        return report

    for name, entries in pf.vocabularies.items():
        vocabs[name] = make_vocabulary(
            name, entries, conflict=conflicts("profile", ("vocabularies", name))
        )
    for name in FACTORS_VOCABULARIES:
        vocabs[name] = make_vocabulary(
            name, getattr(ff, name), conflict=conflicts("factors", (name,))
        )
    # An intervention's full name means it too (any case, spaces or hyphens): profiles, offer
    # files and `evidence` all resolve through this one vocabulary.
    vocabs["interventions"] = make_vocabulary(
        "interventions", [_Entry(iv.id, iv.name) for iv in interventions]
    )
    vocabs["interventions"].listed_by = "wat-werkt list"
    scale = vocabs.get("scale_answer")
    if scale is not None and scale.codes != list(ff.scale_answers):
        add(
            "profile",
            ("vocabularies", "scale_answer"),
            f"de codes moeten die van scale_answers in factors.yaml zijn: {', '.join(ff.scale_answers)}",
        )

    fields = make_fields(pf.fields)
    for loc, spec in walk(fields):
        where = ("fields", *(x for name in loc for x in (name, "fields")))[:-1]
        if spec.type in _NEEDS_VOCABULARY:
            if spec.vocabulary not in vocabs:
                add(
                    "profile",
                    (*where, "vocabulary") if spec.vocabulary else where,
                    f"'{'.'.join(loc)}' ({spec.type}) heeft een vocabulary nodig; "
                    f"{_hint(spec.vocabulary, vocabs)}",
                )
                continue
            for key in ("default", "default_answer"):
                value = getattr(spec, key)
                if value is not None and vocabs[spec.vocabulary].resolve(value) is None:
                    add(
                        "profile",
                        (*where, key),
                        f"'{value}' hoort niet bij {spec.vocabulary}; {vocabs[spec.vocabulary].hint(value)}",
                    )
        elif spec.vocabulary is not None:
            add(
                "profile",
                (*where, "vocabulary"),
                f"een veld van type {spec.type} heeft geen vocabulary",
            )
        if spec.type == "section" and not spec.fields:
            add("profile", where, f"sectie '{'.'.join(loc)}' heeft geen fields")
        if spec.type in ("age", "integer") and (spec.min is None or spec.max is None):
            add("profile", where, f"'{'.'.join(loc)}' heeft min en max nodig")
    return ProfileSpec(fields, vocabs, list(pf.cross_field_rules))


class _Entry:
    def __init__(self, id: str, label: str):
        self.id, self.label = id, label


def _hint(value: Any, vocabs: dict[str, Vocabulary]) -> str:
    from wat_werkt.core.suggest import did_you_mean

    return did_you_mean(value, vocabs) if value else "toegestaan: " + ", ".join(sorted(vocabs))


def code_groups(
    spec: ProfileSpec, options: dict[str, str], which: str | None = None
) -> list[dict[str, Any]] | None:
    """Every vocabulary a user types into (profile fields and command-line options), with its
    codes, Dutch labels and aliases; `which` picks one by field, vocabulary or option name.
    None when `which` names nothing."""
    users: dict[str, dict[str, list[str]]] = {}
    for loc, f in walk(spec.fields):
        if f.vocabulary:
            users.setdefault(f.vocabulary, {"fields": [], "options": []})["fields"].append(
                ".".join(loc)
            )
    for option, name in options.items():
        users.setdefault(name, {"fields": [], "options": []})["options"].append(option)
    groups = []
    for name, used in users.items():
        vocab = spec.vocabularies[name]
        names = {name, *used["fields"], *used["options"]}
        names |= {f.rsplit(".", 1)[-1] for f in used["fields"]} | {o.lstrip("-") for o in names}
        if which is not None and normalize(which.lstrip("-")) not in {normalize(n) for n in names}:
            continue
        groups.append(
            {
                "vocabulary": name,
                "fields": used["fields"],
                "options": used["options"],
                "codes": [
                    {
                        "code": c,
                        "label": vocab.labels[c],
                        "aliases": [w for w in vocab.words(c) if w not in (c, vocab.labels[c])],
                    }
                    for c in vocab.codes
                ],
            }
        )
    return groups if groups or which is None else None
