"""The advice: the dossier's four steps, computed by interpreting the rules in data/.

Pure functions only: no I/O, no printing. The result is a plain dict that is the JSON of
CONTRACT §5; renderers only format it. Nothing here names an intervention, factor or code.
"""

from __future__ import annotations

from typing import Any

from wat_werkt.core.conditions import closure
from wat_werkt.core.directions import RANK_NAMES, direction_order, mark_unserved, scored_directions
from wat_werkt.core.fit import (
    MATCH_FIELDS,
    age_convention,
    age_from,
    boosted_situations,
    factor_conventions,
    fitting_situations,
    fixed_fit,
    match_fit,
    restriction_fit,
)
from wat_werkt.core.knowledge import (
    InterventionEntry,
    KnowledgeBase,
    Rule,
    fresh,
    to_data,
)
from wat_werkt.core.plan import (
    InterventionPlan,
    SharedEligibility,
    plain_plan,
    plan_for,
    shared_eligibility,
)
from wat_werkt.core.profile import Profile
from wat_werkt.core.scoring import own_sources, points_in_full, ranked_item
from wat_werkt.core.words import (
    TemplateWords,
    fill,
    fit_words,
    profile_words,
    static_words,
)

# What advise(brief=True) gives: these keys, and ranked items without the reasons and cautions
BRIEF_KEYS = ("profile", "severity", "warnings", "ranking")
# (csv rows read a ranked item's rank, id, name, score and evidence; summaries its id and rank)
BRIEF_DROPS = ("formats", "format_labels", "directions", "reasons", "cautions", "effort")


def _offer(profile: Profile) -> str:
    """What is known of the local offer: not given, nothing offered, or a list."""
    if profile.available is None:
        return "unknown"
    return "some" if profile.available else "none"


def profile_context(profile: Profile, include_unavailable: bool = False) -> dict[str, Any]:
    """The facts rules may test about a profile (see conditions.FIELDS)."""
    return {
        "age.min": profile.age.min,
        "age.max": profile.age.max,
        "age.span": profile.age.max - profile.age.min,
        "gender": profile.gender,
        "setting": profile.setting,
        "loneliness.types": frozenset(profile.loneliness.types),
        "severity": profile.severity_id or "unknown",
        "chronic": profile.loneliness.chronic,
        "situation": frozenset(profile.situation),
        "readiness.aware": profile.readiness.aware,
        "readiness.motivated": profile.readiness.motivated,
        "readiness.able": profile.readiness.able,
        "digital.skills": profile.digital.skills,
        "digital.internet": profile.digital.internet,
        "preferences.formats": frozenset(profile.preferences.formats),
        "options.include_unavailable": "yes" if include_unavailable else "no",
        "offer": _offer(profile),
    }


# What advise works out once per profile is kept in these (tests put in one that keeps nothing).
_per_profile = dict


def advise(
    kb: KnowledgeBase,
    profile: Profile,
    include_unavailable: bool = False,
    rank_all: bool = False,
    brief: bool = False,
) -> dict[str, Any]:
    """The advice for one profile. rank_all (`--all`) also ranks interventions for a profile the
    dossier indicates none for, each marked `not_indicated` with the reason.

    brief: only the parts that batch rows and summaries read (BRIEF_KEYS, ranked items without
    BRIEF_DROPS), each exactly as in the whole advice; a survey batch skips the analysis, steps
    and all reason texts."""
    ctx = profile_context(profile, include_unavailable)
    # not rule fields: per age convention a factor's weight, per age bounds the age fit
    ctx["_factor_ages"], ctx["_age_fits"] = _per_profile(), _per_profile()
    per_kb = _per_kb(kb)
    fired_directions = [rule for rule, test in per_kb.direction_rules if test(ctx)]
    order = direction_order(kb, fired_directions)
    directions = [] if brief else scored_directions(kb, fired_directions, order)
    top_directions = order[: len(RANK_NAMES)]
    ranked, excluded = [], []
    contexts: dict[str, dict[str, Any]] = {}  # what rules saw per ranked item (for first steps)
    indicated = True
    shared = per_kb.eligibility
    # rules on the profile alone exclude every intervention alike: tested once, here
    early = [rule.spec for rule, test in per_kb.shared_rules if test(ctx)]
    planned = per_kb.advising(ctx)
    own_words = {} if brief else profile_words(kb, profile, order)
    for static, plan in () if early and brief and not rank_all else planned:
        entry = static["_entry"]
        iv = entry.data
        if brief and not rank_all and plan.on_profile and _excluded_early(plan, ctx):
            continue  # by the profile alone: a brief advice shows no reasons, nor `indicated`
        # a specialised plan tests no intervention.* field: those are added for ranked items
        base = ctx.copy() if plan.static_decided else {**ctx, **static["_fields"]}
        full = restriction_fit(entry, static, profile, base)
        # how well it matches is worked out before eligibility only if a rule there tests it
        match_later = plan.eligibility_reads.isdisjoint(MATCH_FIELDS)
        if not match_later:
            match_fit(entry, static, profile, full, top_directions)
        words = None if brief else _template_vars(kb, entry, profile, full, order, own_words)
        fired = [spec for spec, test in plan.eligibility if test is None or test(full)]
        if early:
            fired = shared.in_order([*early, *fired])
        marks = [spec for spec in fired if spec.not_indicated]
        indicated = indicated and not marks
        if fired and not (rank_all and len(marks) == len(fired)):
            if not brief:
                reasons = [fill(spec.reason, words).strip() for spec in fired]
                excluded.append({"id": iv.id, "name": iv.name, "reasons": reasons})
            continue
        if match_later:
            match_fit(entry, static, profile, full, top_directions)
        item = ranked_item(kb, entry, static, plan, full, words, brief)
        contexts[iv.id] = {**full, **static["_fields"]} if plan.static_decided else full
        if marks:
            item["not_indicated"] = True
            if not brief:
                item["reasons"][1:1] = [
                    {
                        "kind": "not_indicated",
                        "text": fill(spec.reason, words).strip(),
                        "points": 0.0,
                        "sources": [],
                    }
                    for spec in marks
                ]
        ranked.append(item)
    _order_ranking(kb, ranked, ctx)
    warnings = [
        {"code": w.spec.code, "message": w.spec.message, "sources": w.spec.sources}
        for w, test in per_kb.warnings
        if test(ctx) and _none_ranked(w, ranked, contexts)
    ]
    if brief:
        parts = (_profile_summary(profile), profile.severity_id, warnings, ranked)
        return dict(zip(BRIEF_KEYS, parts, strict=True))
    ff = kb.factors_file
    steps = [
        {"id": r.spec.id, "text": r.spec.text, "sources": list(r.spec.sources)}
        for r, test, if_ranked in per_kb.first_steps
        if test(ctx)
        and (if_ranked is None or any(if_ranked(contexts[i["id"]]) for i in ranked[: r.spec.top]))
    ]
    if ranked and indicated:
        mark_unserved(kb, directions, ranked, steps)
    if not indicated and not rank_all:
        directions = []  # no intervention indicated: no direction to choose either
    return {
        "profile": _profile_summary(profile),
        "severity": profile.severity_id,
        "indicated": indicated,
        "analysis": _analysis(kb, profile),
        "readiness": _readiness(kb, profile),
        "first_steps": steps,
        "directions": directions,
        "warnings": warnings,
        "ranking": ranked,
        "fit_note": ff.fit_note,
        "tie_break": ff.tie_break,
        "excluded": excluded,
        "side_effects": [{"text": n.text, "sources": n.sources} for n in ff.side_effects],
        "implementation_conditions": [
            {"text": n.text, "sources": n.sources} for n in ff.implementation_conditions
        ],
    }


def _none_ranked(rule: Rule, ranked: list[dict[str, Any]], contexts: dict[str, dict]) -> bool:
    """A warning with `unless_ranked` holds only when no ranked intervention meets it."""
    return rule.ranked is None or not any(rule.ranked(contexts[i["id"]]) for i in ranked)


def _excluded_early(plan: InterventionPlan, ctx: dict[str, Any]) -> bool:
    """Whether an eligibility rule on the profile alone excludes it: no fit to work out."""
    return any(test is None or test(ctx) for _, test in plan.on_profile)


def _order_ranking(kb: KnowledgeBase, ranked: list[dict[str, Any]], ctx: dict[str, Any]) -> None:
    """Sort, number 1..n, and say what each score means next to the best one for the profile.

    Equal scores keep distinct ranks (scripts rely on 1..n) but are flagged as tied; the
    tie-break (stronger evidence, then id) is stated in the advice as `tie_break`.
    A label with a `when` that holds for the profile (e.g. not motivated) overrides them all.
    """
    ranked.sort(key=lambda r: (-r["score"], kb.evidence_order[r["evidence"]], r["id"]))
    best = ranked[0]["score"] if ranked else 0.0
    override = next((s.label for s, test in kb.fit_labels if test and test(ctx)), None)
    labels = _per_kb(kb).labels
    previous = None
    for n, item in enumerate(ranked, 1):
        item["rank"] = n  # the first key already (see ranked_item), so JSON shows it first
        score = item["score"]
        relative = round(100 * score / best) if best > 0 else 0
        item["relative_score"] = relative
        label = override or ""
        if not override:
            for f in labels:
                if relative >= f.min_relative and score >= f.min_score:
                    label = f.label
                    break
        item["fit_label"] = label
        item["tied_with_previous"] = previous is not None and score == previous
        previous = score


# --- step 1 and 2 ---------------------------------------------------------------------


def _profile_summary(p: Profile) -> dict[str, Any]:
    return {
        "name": p.name,
        "age": {"min": p.age.min, "max": p.age.max},
        "gender": p.gender,
        "setting": p.setting,
        "types": list(p.loneliness.types),
        "score": p.loneliness.score,
        "situation": list(p.situation),
    }


def _analysis(kb: KnowledgeBase, p: Profile) -> dict[str, Any]:
    ff = kb.factors_file
    band = next((s for s in ff.severities if s.id == p.severity_id), None)
    causes = []
    for cat in ff.situation_categories:
        codes = [s for s in p.situation if kb.situations[s].category == cat.id]
        if codes:
            causes.append(
                {
                    "category": cat.id,
                    "label": cat.label,
                    "situations": [{"id": c, "label": kb.situations[c].label} for c in codes],
                }
            )
    fig = ff.figures
    bands = [to_data(b) for b in fig.by_age if b.min <= p.age.max and b.max >= p.age.min]
    present = set(p.situation)
    # a risk figure shows when the profile has a situation with a figure in its group
    risks = [fresh(data) for data, codes in _per_kb(kb).risk_figures if present & codes]
    return {
        "severity": None
        if band is None
        else {
            "id": band.id,
            "label": band.label,
            "score": p.loneliness.score,
            "range": [band.min_score, band.max_score],
        },
        "types": [{"id": t, "label": kb.types[t].label} for t in p.loneliness.types],
        "scale": p.loneliness.scale,
        "chronic": p.loneliness.chronic,
        "causes": causes,
        "prevalence": {
            "survey": fig.survey,
            "year": fig.year,
            "sources": fig.sources,
            "overall": to_data(fig.overall),
            "by_age": bands,
            "youth": fig.youth if p.age.min < 19 else None,
        },
        "risk_figures": risks,
    }


def _readiness(kb: KnowledgeBase, p: Profile) -> list[dict[str, Any]]:
    out = []
    for item in kb.factors_file.readiness:
        status = getattr(p.readiness, item.id)
        out.append(
            {
                "id": item.id,
                "label": item.label,
                "status": status,
                "question": item.question,
                "advice": item.if_not if status == "no" else None,
                "sources": item.sources,
            }
        )
    return out


# --- step 4 ------------------------------------------------------------------------------


_STATIC: dict[int, dict[str, Any]] = {}


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
        # the fit labels without a `when`, highest min_relative first (see _order_ranking)
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
                self.plain.append((_static_context(entry, self.kb), plain))
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


_PER_KB: dict[int, _PerKB] = {}


def _per_kb(kb: KnowledgeBase) -> _PerKB:
    known = _PER_KB.get(id(kb))
    if known is None or known.kb is not kb:
        known = _PER_KB[id(kb)] = _PerKB(kb, shared_eligibility(kb))
    return known


def _shared_eligibility(kb: KnowledgeBase) -> SharedEligibility:
    return _per_kb(kb).eligibility


def _static_context(entry: InterventionEntry, kb: KnowledgeBase) -> dict[str, Any]:
    """What rules may test about an intervention itself: the same for every profile.

    Keys starting with _ are not rule fields but cached helpers for the engine.
    """
    static = _STATIC.get(id(entry))
    if static is None:
        iv = entry.data
        fitting = fitting_situations(iv.target_group, boosted_situations(entry))
        effort = getattr(iv, "effort", None)
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
            "_age_from": age_from(kb, iv.target_group.age),
            "_age_bounds": None
            if iv.target_group.age is None
            else (
                iv.target_group.age.min,
                iv.target_group.age.max,
                age_from(kb, iv.target_group.age),
            ),
            "_age_conv": age_convention(kb, iv.target_group.age),
            "_fitting": frozenset(fitting),
            "_fitting_list": fitting,
            "_words": static_words(kb, entry),
            "_factor_conventions": factor_conventions(kb, entry),
            **points_in_full(kb, entry),
            "_own_sources": own_sources(iv, kb.evidence[iv.evidence.level]),
            "_effort": None if effort is None else to_data(effort, drop_none=True),
            "_format_labels": ", ".join(kb.formats[f] for f in iv.formats),
            "_any_gender": iv.target_group.genders is None
            or set(iv.target_group.genders) >= {"female", "male"},
            "_readiness_fields": [f"readiness.{r}" for r in iv.requires_readiness],
            "_entry": entry,  # also keeps id(entry) from being reused while cached
        }
        static["_fields"] = {k: v for k, v in static.items() if not k.startswith("_")}
    return static


# Specialising an intervention's rules (plan_for) costs about what 15 evaluations of them save:
# a single `advise` tests the rules as they are, a batch specialises them from this use on.
SPECIALISE_AT = 16


def _specialised(
    kb: KnowledgeBase, static: dict[str, Any], by_profile: dict[str, Any]
) -> InterventionPlan:
    entry = static["_entry"]
    fixed = {**static["_fields"], **fixed_fit(entry, static), **by_profile}
    return plan_for(kb, entry, fixed, _shared_eligibility(kb).others)


def _template_vars(
    kb: KnowledgeBase,
    entry: InterventionEntry,
    p: Profile,
    ctx: dict[str, Any],
    order: list[str],
    profile_words: dict[str, str],
) -> dict[str, str]:
    """Every word a rule's text may use; profile_words: those about the profile alone."""
    static = _static_context(entry, kb)
    return TemplateWords(
        {**static["_words"], **profile_words},
        lambda: fit_words(kb, static, entry, p, ctx, order),
    )
