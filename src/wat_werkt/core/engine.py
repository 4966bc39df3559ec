"""The advice: the dossier's four steps, computed by interpreting the rules in data/.

advise() runs them for one profile: steps 1 and 2 come from analysis.py, step 3 from
directions.py; in step 4 each intervention is tested for eligibility (how it fits the profile:
fit.py; its rules as prepared.py keeps them), scored (scoring.py) and ranked here. Texts are
filled in with words.py. Pure functions only: no I/O, no printing. The result is a plain dict
that is the JSON of CONTRACT §5; renderers only format it. Nothing in these modules names an
intervention, factor or code.
"""

from __future__ import annotations

from typing import Any

from wat_werkt.core.analysis import analysis, profile_summary, readiness
from wat_werkt.core.directions import RANK_NAMES, direction_order, mark_unserved, scored_directions
from wat_werkt.core.fit import MATCH_FIELDS, match_fit, restriction_fit
from wat_werkt.core.knowledge import InterventionEntry, KnowledgeBase, Rule
from wat_werkt.core.plan import InterventionPlan
from wat_werkt.core.prepared import prepared_for, static_context
from wat_werkt.core.profile import Profile
from wat_werkt.core.scoring import ranked_item
from wat_werkt.core.words import TemplateWords, fill, fit_words, profile_words

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
    per_kb = prepared_for(kb)
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
        parts = (profile_summary(profile), profile.severity_id, warnings, ranked)
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
        "profile": profile_summary(profile),
        "severity": profile.severity_id,
        "indicated": indicated,
        "analysis": analysis(kb, profile),
        "readiness": readiness(kb, profile),
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
    labels = prepared_for(kb).labels
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


def _template_vars(
    kb: KnowledgeBase,
    entry: InterventionEntry,
    p: Profile,
    ctx: dict[str, Any],
    order: list[str],
    own_words: dict[str, str],
) -> dict[str, str]:
    """Every word a rule's text may use; own_words: those about the profile alone."""
    static = static_context(entry, kb)
    return TemplateWords(
        {**static["_words"], **own_words},
        lambda: fit_words(kb, static, entry, p, ctx, order),
    )
