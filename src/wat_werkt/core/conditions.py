"""The rule language of data/: declarative conditions, compiled once, never eval-ed.

    {all: [C, ...]}   {any: [C, ...]}   {not: C}
    {FIELD: {OPERATOR: VALUE}}         e.g. {situation: {any: [widowed]}}

Fields are the facts the engine knows about a profile (and, in intervention rules, about one
intervention and how it fits the profile). Which values a field may take comes from the
knowledge base, so a typo in data/ is caught when it is loaded.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from wat_werkt.core.suggest import did_you_mean

Context = Mapping[str, Any]
Vocabularies = Mapping[str, frozenset[str]]
Loc = tuple[Any, ...]  # a position in a data file: keys and list indexes

TRI = ("yes", "no", "unknown")


@dataclass(frozen=True)
class Field:
    kind: str  # "int", "enum" (one value) or "set" (several values)
    vocab: str  # name of the vocabulary its values come from ("" for int)
    scope: str  # "profile": known before any intervention; "intervention": per intervention
    help: str


FIELDS: dict[str, Field] = {
    "age.min": Field("int", "", "profile", "jongste leeftijd in het profiel"),
    "age.max": Field("int", "", "profile", "oudste leeftijd in het profiel"),
    "age.span": Field("int", "", "profile", "oudste min jongste leeftijd (0: één leeftijd)"),
    "gender": Field("enum", "gender", "profile", "female, male of mixed"),
    "setting": Field("enum", "setting", "profile", "woonsituatie"),
    "loneliness.types": Field("set", "types", "profile", "soorten eenzaamheid"),
    "severity": Field("enum", "severity", "profile", "ernst (of unknown)"),
    "chronic": Field("enum", "tri", "profile", "langdurig: yes/no/unknown"),
    "situation": Field("set", "situations", "profile", "situatiecodes"),
    "readiness.aware": Field("enum", "tri", "profile", "weten"),
    "readiness.motivated": Field("enum", "tri", "profile", "willen"),
    "readiness.able": Field("enum", "tri", "profile", "kunnen"),
    "digital.skills": Field("enum", "skills", "profile", "digitale vaardigheden"),
    "digital.internet": Field("enum", "tri", "profile", "internet thuis"),
    "preferences.formats": Field("set", "formats", "profile", "voorkeursvormen"),
    "options.include_unavailable": Field("enum", "tri", "profile", "--include-unavailable"),
    "offer": Field("enum", "offer", "profile", "lokaal aanbod: unknown, none (lege lijst) of some"),
    "intervention.kind": Field("enum", "kinds", "intervention", "intervention of structural"),
    "intervention.status": Field("enum", "statuses", "intervention", "status"),
    "intervention.evidence": Field("enum", "evidence", "intervention", "bewijsniveau"),
    "intervention.formats": Field("set", "formats", "intervention", "vormen"),
    "intervention.factors": Field("set", "factors", "intervention", "werkzame factoren"),
    "intervention.directions": Field("set", "directions", "intervention", "oplossingsrichtingen"),
    "intervention.types": Field("set", "types", "intervention", "soorten eenzaamheid"),
    "intervention.studied_settings": Field(
        "set", "setting", "intervention", "woonsituaties waarin het onderzoek plaatsvond"
    ),
    "intervention.requires_internet": Field("enum", "tri", "intervention", "alleen online"),
    "intervention.demands": Field("set", "demands", "intervention", "wat deelname vraagt"),
    "intervention.effort": Field(
        "enum", "effort", "intervention", "inzet: light, moderate of intensive"
    ),
    "intervention.study_size": Field(
        "enum", "study_size", "intervention", "small: kleinschalig onderzoek, anders unknown"
    ),
    # fit: yes = no restriction, targeted = restricted and met, partial, no = not met
    "fit.age": Field("enum", "fit", "intervention", "leeftijd: yes/targeted/partial/no"),
    "fit.age_share": Field(
        "int", "", "intervention", "% van de leeftijdsrange binnen de doelgroep"
    ),
    "fit.age_outside": Field("int", "", "intervention", "% van de leeftijdsrange erbuiten"),
    "fit.age_margin": Field(
        "int",
        "",
        "intervention",
        "% van de leeftijdsrange in de marge onder een leeftijdsconventie",
    ),
    "fit.gender": Field("enum", "fit", "intervention", "geslacht: yes/targeted/partial/no"),
    "fit.setting": Field("enum", "fit", "intervention", "woonsituatie: yes/targeted/partial/no"),
    "fit.required_situations": Field(
        "enum", "fit", "intervention", "vereiste situatie: yes/targeted/no"
    ),
    "fit.situations": Field("int", "", "intervention", "aantal passende situatiecodes"),
    "fit.types": Field("enum", "tri", "intervention", "soort eenzaamheid past"),
    "fit.preference": Field("enum", "tri", "intervention", "vorm past bij voorkeur"),
    "fit.available": Field("enum", "tri", "intervention", "lokaal aangeboden"),
    "fit.readiness": Field("enum", "tri", "intervention", "vereiste weten/willen/kunnen"),
    "fit.direction": Field("enum", "rank", "intervention", "first, second, third of none"),
}

OPERATORS = {
    "int": ("at_least", "at_most"),
    "enum": ("is", "in"),
    "set": ("any", "all", "none", "empty"),
}


class ConditionError(Exception):
    def __init__(self, loc: Loc, message: str):
        self.loc = loc
        self.message = message


def _norm(value: Any) -> Any:
    # YAML 1.1 habits: true/false for yes/no.
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return value


def compile_condition(
    raw: Any,
    vocabs: Vocabularies,
    scope: str = "intervention",
    loc: Loc = (),
    problems: list[ConditionError] | None = None,
) -> Predicate:
    """Check a raw condition and turn it into a predicate; problems are collected, not raised."""
    problems = problems if problems is not None else []
    try:
        return _compile(raw, vocabs, scope, loc, problems)
    except ConditionError as e:
        problems.append(e)
        return Never()


class Node:
    """A compiled condition. Plain classes (not closures) so a knowledge base can be pickled."""

    __slots__ = ()

    def __call__(self, ctx: Context) -> bool:  # pragma: no cover - overridden
        raise NotImplementedError


Predicate = Node  # what a compiled condition is to its users: called with a context


class Never(Node):
    __slots__ = ()

    def __call__(self, ctx: Context) -> bool:
        return False


class All(Node):
    __slots__ = ("parts",)

    def __init__(self, parts: list[Node]):
        self.parts = parts

    def __call__(self, ctx: Context) -> bool:
        # A plain loop: all() with a generator costs a frame per call on the hot path.
        for part in self.parts:  # noqa: SIM110
            if not part(ctx):
                return False
        return True


class AnyOf(Node):
    __slots__ = ("parts",)

    def __init__(self, parts: list[Node]):
        self.parts = parts

    def __call__(self, ctx: Context) -> bool:
        for part in self.parts:  # noqa: SIM110 - see All
            if part(ctx):
                return True
        return False


class Not(Node):
    __slots__ = ("inner",)

    def __init__(self, inner: Node):
        self.inner = inner

    def __call__(self, ctx: Context) -> bool:
        return not self.inner(ctx)


# Operators as module-level functions: fast to call and picklable by name.
def _in(actual: Any, value: frozenset) -> bool:
    return actual in value


def _any(actual: frozenset, value: frozenset) -> bool:
    return not value.isdisjoint(actual)


def _all(actual: frozenset, value: frozenset) -> bool:
    return value <= actual


def _none(actual: frozenset, value: frozenset) -> bool:
    return value.isdisjoint(actual)


def _empty(actual: frozenset, value: bool) -> bool:
    return (not actual) == value


OPERATOR_FUNCTIONS: dict[str, Callable[[Any, Any], bool]] = {
    "at_least": operator.ge, "at_most": operator.le, "is": operator.eq, "in": _in,
    "any": _any, "all": _all, "none": _none, "empty": _empty,
}  # fmt: skip


# The same operators as closures over one field and operand (see closure()).
CLOSURES: dict[str, Callable[[str, Any], Callable[[Context], bool]]] = {
    "at_least": lambda f, v: lambda ctx: ctx[f] >= v,
    "at_most": lambda f, v: lambda ctx: ctx[f] <= v,
    "is": lambda f, v: lambda ctx: ctx[f] == v,
    "in": lambda f, v: lambda ctx: ctx[f] in v,
    "any": lambda f, v: lambda ctx: not v.isdisjoint(ctx[f]),
    "all": lambda f, v: lambda ctx: v <= ctx[f],
    "none": lambda f, v: lambda ctx: v.isdisjoint(ctx[f]),
    "empty": lambda f, v: lambda ctx: (not ctx[f]) == v,
}


def closure(node: Node) -> Callable[[Context], bool]:
    """The condition as nested closures: the same answers with about half the calls, for the
    plans a batch tests again and again (closures cannot be pickled, so the cached knowledge
    base keeps the nodes)."""
    if isinstance(node, Test):
        return CLOSURES[node.op](node.field, node.value)
    if isinstance(node, Not):
        inner = closure(node.inner)
        return lambda ctx: not inner(ctx)
    if isinstance(node, (All, AnyOf)):
        parts = [closure(p) for p in node.parts]
        if len(parts) == 1:
            return parts[0]
        if len(parts) == 2:
            a, b = parts
            if isinstance(node, All):
                return lambda ctx: a(ctx) and b(ctx)
            return lambda ctx: a(ctx) or b(ctx)

        def all_of(ctx: Context) -> bool:
            for part in parts:  # noqa: SIM110 - see All
                if not part(ctx):
                    return False
            return True

        def any_of(ctx: Context) -> bool:
            for part in parts:  # noqa: SIM110 - see All
                if part(ctx):
                    return True
            return False

        return all_of if isinstance(node, All) else any_of
    return node  # Never, or a kind of node without a closure


class Test(Node):
    """One field test: FIELD OPERATOR VALUE."""

    __slots__ = ("field", "op", "value", "fn")

    def __init__(self, field: str, op: str, value: Any):
        self.field, self.op, self.value = field, op, value
        self.fn = OPERATOR_FUNCTIONS[op]

    def __call__(self, ctx: Context) -> bool:
        return self.fn(ctx[self.field], self.value)


def _compile(
    raw: Any, vocabs: Vocabularies, scope: str, loc: Loc, problems: list[ConditionError]
) -> Node:
    if not isinstance(raw, dict) or len(raw) != 1:
        raise ConditionError(
            loc, "een voorwaarde is een mapping met precies één sleutel (all, any, not of een veld)"
        )
    ((key, arg),) = raw.items()
    here = (*loc, key)
    if key in ("all", "any"):
        if not isinstance(arg, list) or not arg:
            raise ConditionError(here, f"'{key}' verwacht een niet-lege lijst van voorwaarden")
        parts = [
            compile_condition(c, vocabs, scope, (*here, i), problems) for i, c in enumerate(arg)
        ]
        return All(parts) if key == "all" else AnyOf(parts)
    if key == "not":
        return Not(compile_condition(arg, vocabs, scope, here, problems))
    field = FIELDS.get(key)
    if field is None:
        raise ConditionError(
            here, f"onbekend veld '{key}'; {did_you_mean(key, [*FIELDS, 'all', 'any', 'not'])}"
        )
    if field.scope == "intervention" and scope == "profile":
        raise ConditionError(here, f"veld '{key}' hoort bij een interventie en kan hier niet")
    if not isinstance(arg, dict) or len(arg) != 1:
        ops = ", ".join(OPERATORS[field.kind])
        raise ConditionError(
            here, f"'{key}' verwacht één operator: {{OPERATOR: WAARDE}} met OPERATOR een van {ops}"
        )
    ((op, value),) = arg.items()
    if op not in OPERATORS[field.kind]:
        raise ConditionError(
            (*here, op),
            f"operator '{op}' past niet bij '{key}'; {did_you_mean(op, OPERATORS[field.kind])}",
        )
    return Test(key, op, _check_value(key, field, op, value, vocabs, (*here, op)))


def _check_value(
    name: str, field: Field, op: str, value: Any, vocabs: Vocabularies, loc: Loc
) -> Any:
    """The operand, checked against the field's vocabulary and put in the form Test expects."""
    if field.kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConditionError(loc, f"'{op}' verwacht een geheel getal")
        return value
    allowed = vocabs[field.vocab]

    def check(v: Any) -> str:
        v = _norm(v)
        if v not in allowed:
            raise ConditionError(
                loc, f"onbekende waarde '{v}' voor '{name}'; {did_you_mean(v, allowed)}"
            )
        return v

    if op == "empty":
        if not isinstance(value, bool):
            raise ConditionError(loc, "'empty' verwacht true of false")
        return value
    if op == "is":
        return check(value)
    if not isinstance(value, list) or not value:
        raise ConditionError(loc, f"'{op}' verwacht een niet-lege lijst")
    return frozenset(check(v) for v in value)
