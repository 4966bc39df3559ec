"""What the engine works out once and keeps: per knowledge base and per intervention.

An intervention's static context (what rules may test about it alone, plus cached helpers
under keys starting with _) is the same for every profile; so are the rules every advice tests
with their tests as closures. From the SPECIALISE_AT-th advice of a batch on, each
intervention's rules are specialised (core/plan.py) for what is known in advance.
"""

from __future__ import annotations

from typing import Any

from wat_werkt.core.conditions import closure
from wat_werkt.core.fit import (
    age_convention,
    age_from,
    boosted_situations,
    factor_conventions,
    fitting_situations,
    fixed_fit,
)
from wat_werkt.core.knowledge import InterventionEntry, KnowledgeBase, to_data
from wat_werkt.core.plan import (
    InterventionPlan,
    SharedEligibility,
    plain_plan,
    plan_for,
    shared_eligibility,
)
from wat_werkt.core.scoring import own_sources, points_in_full, strength_notes
from wat_werkt.core.words import static_words

_PER_KB: dict[int, _PerKB] = {}


def prepared_for(kb: KnowledgeBase) -> _PerKB:
    """What is prepared for kb, worked out at its first advice (kept by id, checked to be
    the same object: a later knowledge base may get the id of one that is gone)."""
    known = _PER_KB.get(id(kb))
    if known is None or known.kb is not kb:
        known = _PER_KB[id(kb)] = _PerKB(kb, shared_eligibility(kb))
    return known


class _PerKB:
    """What the engine works out once per knowledge base, and how many advices it gave."""

    __slots__ = (
        "kb", "eligibility", "labels", "risk_figures", "plain", "variants", "uses",
        "direction_rules", "shared_rules", "warnings", "first_steps",
    )  # fmt: skip

    def __init__(self, kb: KnowledgeBase, eligibility: SharedEligibility):
        self.kb = kb  # kept alive while cached by its id
        self.eligibility = eligibility
        # the rules every advice tests on the profile, with their tests as closures
        self.direction_rules = [(r, closure(r.test)) for r in kb.direction_rules]
        self.shared_rules = [(r, closure(r.test)) for r in eligibility.rules]
        self.warnings = [(r, closure(r.test)) for r in kb.warnings]
        self.first_steps = [
            (r, closure(r.test), None if r.ranked is None else closure(r.ranked))
            for r in kb.first_steps
        ]
        # the fit labels without a `when`, highest min_relative first (see engine._order_ranking)
        plain = (s for s, test in kb.fit_labels if test is None)
        self.labels = sorted(plain, key=lambda f: -f.min_relative)
        # each risk figure (as data) with the situations whose figures are in its group
        fig = kb.factors_file.figures
        self.risk_figures = [
            (
                to_data(r),
                frozenset(
                    code
                    for sf in fig.situation_figures
                    if sf.group == r.group
                    for code in sf.situations
                ),
            )
            for r in fig.risk_factors
        ]
        self.plain: list[tuple[dict[str, Any], InterventionPlan]] = []
        self.variants: dict[tuple, list[tuple[dict[str, Any], InterventionPlan]]] = {}
        self.uses = 0

    def advising(self, ctx: dict[str, Any]) -> list[tuple[dict[str, Any], InterventionPlan]]:
        """Each intervention's static context and the plan to test its rules with, counting
        one more advice. Plain plans at first; from the SPECIALISE_AT-th advice of a batch on,
        plans specialised for the intervention and for what the profile fixes alike for every
        intervention (_profile_fixed): one set per such variant, which a batch repeats."""
        if not self.plain:
            for entry in self.kb.interventions:
                plain = plain_plan(self.kb, entry, self.eligibility.others)
                self.plain.append((static_context(entry, self.kb), plain))
        self.uses += 1
        if self.uses < SPECIALISE_AT:
            return self.plain
        variant = _profile_fixed(ctx)
        planned = self.variants.get(variant)
        if planned is None:
            planned = self.variants[variant] = [
                (static, _specialised(self.kb, static, dict(variant))) for static, _ in self.plain
            ]
        return planned


def _profile_fixed(ctx: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    """Facts the same for every intervention given this profile, among those that take few
    values over a batch (often one): the command's option, the local offer, and fit fields
    that are unknown for every intervention because the profile does not say."""
    fixed = [("options.include_unavailable", ctx["options.include_unavailable"])]
    fixed.append(("offer", ctx["offer"]))
    if ctx["offer"] == "unknown":
        fixed.append(("fit.available", "unknown"))
    if not ctx["preferences.formats"]:
        fixed.append(("fit.preference", "unknown"))
    if not ctx["loneliness.types"]:
        fixed.append(("fit.types", "unknown"))
    return tuple(fixed)


# Specialising an intervention's rules (plan_for) costs about what 15 evaluations of them save:
# a single `advise` tests the rules as they are, a batch specialises them from this use on.
SPECIALISE_AT = 16


def _specialised(
    kb: KnowledgeBase, static: dict[str, Any], by_profile: dict[str, Any]
) -> InterventionPlan:
    entry = static["_entry"]
    fixed = {**static["_fields"], **fixed_fit(entry, static), **by_profile}
    return plan_for(kb, entry, fixed, _shared_eligibility(kb).others)


def _shared_eligibility(kb: KnowledgeBase) -> SharedEligibility:
    return prepared_for(kb).eligibility


# Each intervention's static context, by id(entry) (see static_context).
_STATIC: dict[int, dict[str, Any]] = {}


def static_context(entry: InterventionEntry, kb: KnowledgeBase) -> dict[str, Any]:
    """What rules may test about an intervention itself: the same for every profile.

    Keys starting with _ are not rule fields but cached helpers for the engine.
    """
    static = _STATIC.get(id(entry))
    if static is None:
        iv = entry.data
        fitting = fitting_situations(iv.target_group, boosted_situations(entry))
        effort = getattr(iv, "effort", None)
        age, start = iv.target_group.age, age_from(kb, iv.target_group.age)
        static = _STATIC[id(entry)] = {
            "intervention.kind": iv.kind,
            "intervention.status": iv.status,
            "intervention.evidence": iv.evidence.level,
            "intervention.formats": frozenset(iv.formats),
            "intervention.factors": frozenset(u.factor.id for u in entry.factors),
            "intervention.directions": frozenset(iv.directions),
            "intervention.types": frozenset(iv.types),
            "intervention.studied_settings": frozenset(iv.target_group.studied_settings),
            "intervention.requires_internet": "yes" if iv.requires_internet else "no",
            "intervention.demands": frozenset(iv.demands),
            "intervention.effort": iv.effort.level,
            "intervention.study_size": iv.study_size or "unknown",
            "_age_from": start,
            "_age_bounds": None if age is None else (age.min, age.max, start),
            "_age_conv": age_convention(kb, age),
            "_fitting": frozenset(fitting),
            "_fitting_list": fitting,
            "_words": static_words(kb, entry),
            "_factor_conventions": factor_conventions(kb, entry),
            **points_in_full(kb, entry),
            "_own_sources": own_sources(iv, kb.evidence[iv.evidence.level]),
            "_strength_notes": strength_notes(kb),
            "_effort": None if effort is None else to_data(effort, drop_none=True),
            "_format_labels": ", ".join(kb.formats[f] for f in iv.formats),
            "_any_gender": iv.target_group.genders is None
            or set(iv.target_group.genders) >= {"female", "male"},
            "_readiness_fields": [f"readiness.{r}" for r in iv.requires_readiness],
            "_entry": entry,  # also keeps id(entry) from being reused while cached
        }
        static["_fields"] = {k: v for k, v in static.items() if not k.startswith("_")}
    return static
