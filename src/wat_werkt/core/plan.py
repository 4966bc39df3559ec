"""Per intervention, the rules left to test once its own fields are known.

Most of an intervention's score does not depend on the profile: eligibility and scoring rules
often test only intervention.* fields (or fail on them), and so do parts of the rest. Each
condition is partially evaluated once against what is known in advance (the intervention's
static context, the fit fields it does not restrict, and what a batch's profiles fix alike:
see prepared._profile_fixed); what remains is tested per profile, as a closure. Eligibility
rules on the profile alone (SharedEligibility) are tested once per profile instead. The
advice is the same as testing every rule on the full context (tests/test_plan.py checks it on
random profiles).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Literal

from wat_werkt.core.conditions import FIELDS, All, AnyOf, Never, Node, Not, Test, closure
from wat_werkt.core.knowledge import (
    CompiledFactor,
    FactorUse,
    InterventionEntry,
    KnowledgeBase,
    Rule,
)


def specialise(node: Node, fixed: Mapping[str, Any]) -> Node | bool:
    """node with every test of a field in `fixed` decided: True, False or a smaller node that
    gives node's answer on any context agreeing with `fixed` (conditions have no side effects,
    so dropping decided parts changes nothing)."""
    if isinstance(node, Test):
        return node(fixed) if node.field in fixed else node
    if isinstance(node, Never):
        return False
    if isinstance(node, Not):
        inner = specialise(node.inner, fixed)
        return (not inner) if isinstance(inner, bool) else Not(inner)
    if isinstance(node, (All, AnyOf)):
        decisive = isinstance(node, AnyOf)  # the value that settles the whole: True for any
        parts: list[Node] = []
        for part in node.parts:
            left = specialise(part, fixed)
            if left is decisive:
                return decisive
            if not isinstance(left, bool):
                parts.append(left)
        if not parts:
            return not decisive
        return parts[0] if len(parts) == 1 else type(node)(parts)
    return node  # an unknown kind of node: tested as it is


# A rule's remaining test: None when it always holds; rules that never hold are left out.
# A node as it is in a plain plan, a closure of it in a specialised one.
Remaining = Callable[[Mapping[str, Any]], bool] | None


# Plain classes rather than dataclasses: the engine is imported on every `advise` start-up,
# and @dataclass costs about a millisecond a class.
class FactorPlan:
    __slots__ = ("use", "compiled", "applies", "boosts")

    def __init__(
        self,
        use: FactorUse,
        compiled: CompiledFactor,
        applies: Remaining,
        boosts: list[tuple[Any, Remaining]],
    ):
        self.use, self.compiled, self.applies, self.boosts = use, compiled, applies, boosts


class InterventionPlan:
    __slots__ = (
        "eligibility", "factors", "scoring", "on_profile", "eligibility_reads", "static_decided"
    )  # fmt: skip

    def __init__(
        self,
        eligibility: list[tuple[Any, Remaining]],  # (rule spec, remaining test)
        factors: list[FactorPlan],
        scoring: list[tuple[Any, Remaining]],  # kb.scoring, then the intervention's own rules
        on_profile: list[tuple[Any, Remaining]],  # the eligibility rules on the profile alone
        eligibility_reads: frozenset[str],  # the fields the eligibility tests read
        static_decided: bool,  # no test left on the intervention's own fields (plan_for)
    ):
        self.eligibility, self.factors, self.scoring = eligibility, factors, scoring
        self.on_profile = on_profile
        self.eligibility_reads = eligibility_reads
        self.static_decided = static_decided


def fields_of(nodes: Iterable[Node | None]) -> frozenset[str]:
    """Every field the conditions test."""
    out: set[str] = set()
    todo = [n for n in nodes if n is not None]
    while todo:
        node = todo.pop()
        if isinstance(node, Test):
            out.add(node.field)
        elif isinstance(node, Not):
            todo.append(node.inner)
        elif isinstance(node, (All, AnyOf)):
            todo.extend(node.parts)
    return frozenset(out)


def _profile_only(node: Node | None) -> bool:
    if node is None:
        return True
    if isinstance(node, Test):
        return FIELDS[node.field].scope == "profile"
    if isinstance(node, Not):
        return _profile_only(node.inner)
    if isinstance(node, (All, AnyOf)):
        return all(_profile_only(part) for part in node.parts)
    return False  # an unknown kind of node: taken to need everything


def _remaining(test: Node | None, fixed: Mapping[str, Any]) -> Node | None | Literal[False]:
    if test is None:
        return None
    left = specialise(test, fixed)
    if isinstance(left, bool):
        return None if left else False
    return left


class SharedEligibility:
    """The eligibility rules that read profile fields only (`rules`): they answer alike for
    every intervention, so the engine tests them once per profile; plans cover the `others`."""

    __slots__ = ("rules", "others", "position")

    def __init__(self, kb: KnowledgeBase, rules: list[Rule]):
        self.rules = rules
        self.others = [r for r in kb.eligibility if r not in rules]
        self.position = {id(r.spec): n for n, r in enumerate(kb.eligibility)}

    def in_order(self, specs: Iterable[Any]) -> list[Any]:
        """Rule specs in the order of kb.eligibility (the order reasons are given in)."""
        return sorted(specs, key=lambda spec: self.position[id(spec)])


def shared_eligibility(kb: KnowledgeBase) -> SharedEligibility:
    return SharedEligibility(kb, [r for r in kb.eligibility if _profile_only(r.test)])


def plain_plan(
    kb: KnowledgeBase, entry: InterventionEntry, eligibility: Sequence[Rule]
) -> InterventionPlan:
    """Every rule as it is, nothing decided in advance: the straightforward evaluation.
    `eligibility`: the eligibility rules the plan covers (see shared_eligibility)."""
    factors = []
    for use in entry.factors:
        compiled = kb.factors[use.factor.id]
        factors.append(FactorPlan(use, compiled, compiled.applies, list(compiled.boosts)))
    return InterventionPlan(
        [(r.spec, r.test) for r in eligibility],
        factors,
        [(r.spec, r.test) for r in (*kb.scoring, *entry.rules)],
        [],  # no shortcut: a single advice does not need one
        fields_of(r.test for r in eligibility),
        False,
    )


def _closure(node: Node | None) -> Remaining:
    return None if node is None else closure(node)


def plan_for(
    kb: KnowledgeBase,
    entry: InterventionEntry,
    fixed: Mapping[str, Any],
    eligibility: Sequence[Rule],
) -> InterventionPlan:
    """The plan of one intervention, given the fields `fixed` in advance. What remains of
    each condition is made a closure (conditions.closure): a batch tests it for every profile."""

    def rules(seq: Iterable[Rule]) -> list[tuple[Any, Node | None]]:
        out: list[tuple[Any, Node | None]] = []
        for rule in seq:
            left = _remaining(rule.test, fixed)
            if left is not False:
                out.append((rule.spec, left))
        return out

    def closures(pairs: list[tuple[Any, Node | None]]) -> list[tuple[Any, Remaining]]:
        return [(x, _closure(node)) for x, node in pairs]

    factors = []
    for use in entry.factors:
        compiled = kb.factors[use.factor.id]
        applies = _remaining(compiled.applies, fixed)
        if applies is False:
            continue
        boosts: list[tuple[Any, Node | None]] = []
        for boost, test in compiled.boosts:
            left = _remaining(test, fixed)
            if left is not False:
                boosts.append((boost, left))
        factors.append(FactorPlan(use, compiled, _closure(applies), closures(boosts)))
    remaining = rules(eligibility)
    on_profile = [(s, t) for s, t in remaining if _profile_only(t)]
    return InterventionPlan(
        closures(remaining),
        factors,
        closures(rules((*kb.scoring, *entry.rules))),
        closures(on_profile),
        fields_of(node for _, node in remaining),
        all(f in fixed for f in FIELDS if f.startswith("intervention.")),
    )
