"""Step 4's points: an eligible intervention's score and the reasons that add up to it.

The evidence level's points, each working factor's (weighted by how far the factor's age group
and the intervention's target ages cover the profile), the cap on factors together, then the
scoring rules from data/. ranked_item gives the ranked item with every reason; brief: only its
points add up, without the reason texts.
"""

from __future__ import annotations

from typing import Any

from wat_werkt.core.fit import share_of
from wat_werkt.core.kb_records import AgeConvention, EvidenceLevel, Intervention
from wat_werkt.core.knowledge import FactorUse, InterventionEntry, KnowledgeBase, fresh
from wat_werkt.core.plan import InterventionPlan
from wat_werkt.core.words import age_text, fill

# Below this share of a profile's ages in a factor's age group the factor does not count.
MIN_FACTOR_SHARE = 0.1


def _evidence_age(ctx: dict[str, Any], static: dict[str, Any]) -> tuple[float, str]:
    """How much the evidence counts here: it was found in the intervention's target ages, so it
    counts for the profile's share of them, margin ages at the convention's margin_weight (as
    working factors do)."""
    share, margin = ctx["fit.age_share"], ctx["fit.age_margin"]
    if share >= 100 and margin == 0:
        return 1.0, ""
    conv = static["_age_conv"]
    margin_weight = conv.margin_weight if conv is not None else 1.0
    weight = (share - margin + margin * margin_weight) / 100
    if weight >= 1:
        return 1.0, ""
    return weight, (
        f"; gevonden bij {static['_words']['target_age']}: telt hier voor {round(100 * weight)}% mee"
    )


def _factor_age(conv: AgeConvention | None, ctx: dict[str, Any]) -> tuple[float, str]:
    """How much a factor found in one age group (its age_word, e.g. "ouderen") counts here.

    An intervention whose own age bound lies within the word's range (its margin included)
    was made for that group: the factor counts wherever the intervention fits, and the
    intervention's own age rules demote partial fits (counted once). Otherwise the factor
    counts for the profile's share of ages within the word's convention, margin ages at the
    convention's margin_weight (the same 55-64 margin as for interventions).
    `conv` is the factor's convention, None where it counts in full (see fit.factor_conventions).
    """
    if conv is None:
        return 1.0, ""
    lo, hi = ctx["age.min"], ctx["age.max"]
    core = share_of(lo, hi, conv.min, conv.max)
    margin = 0 if conv.partial_from is None else share_of(lo, hi, conv.partial_from, conv.min - 1)
    weight = (core + margin * conv.margin_weight) / 100
    if weight < MIN_FACTOR_SHARE:
        return 0.0, ""  # a sliver of the ages: shown it would only add noise and tip ties
    if weight >= 1:
        return weight, ""
    return weight, (
        f"gevonden bij {conv.word} ({age_text(conv.min, conv.max)}): "
        f"telt hier voor {round(100 * weight)}% mee"
    )


def own_sources(iv: Intervention, level: EvidenceLevel) -> list[str]:
    """What an evidence reason rests on: the intervention's own studies, unless the level's
    verdict comes from reviews (or there are no studies of it)."""
    if iv.evidence.level_sources:
        return list(iv.evidence.level_sources)
    studies = list(dict.fromkeys(s for st in iv.studies for s in st.sources))
    return list(iv.evidence.sources) if level.from_reviews or not studies else studies


def _factor_points(use: FactorUse, weight: float, age_weight: float) -> float:
    factor = use.factor
    return 0.0 if use.in_evidence else round(factor.points * weight * use.weight * age_weight, 2)


def points_in_full(kb: KnowledgeBase, entry: InterventionEntry) -> dict[str, Any]:
    """The evidence's and each factor's points where they count in full and unboosted, as
    they most often do (rounding is a good part of scoring's cost)."""
    level = kb.evidence[entry.data.evidence.level]
    return {
        "_evidence_points": round(level.points * 1.0, 2),
        "_factor_points": {
            u.factor.id: _factor_points(u, u.factor.weight, 1.0) for u in entry.factors
        },
    }


def _cap_factors(
    level: EvidenceLevel,
    scores: list[float],
    factor_ids: list[str],
    reasons: list[dict[str, Any]],
    brief: bool,
    own: list[str],
) -> None:
    """Working factors together add at most the level's cap (scores[0] is the evidence):
    they may not outweigh what the intervention's own study found. One reason takes off the
    excess, citing that study (the intervention's own sources) besides the cap's."""
    cap = level.factor_cap
    if cap is None:
        return
    capped = [s for s, f in zip(scores[1:], factor_ids, strict=True) if f not in cap.except_factors]
    excess = round(sum(capped) - cap.points, 2)
    if excess <= 0:
        return
    scores.append(-excess)
    if not brief:
        text = cap.text.format(cap=f"{cap.points:g}")
        reasons.append(
            {
                "kind": "rule",
                "rule": "factor_cap",
                "text": text,
                "points": -excess,
                "sources": [*cap.sources, *(x for x in own if x not in cap.sources)],
            }
        )


def strength_notes(kb: KnowledgeBase) -> dict[str, str]:
    """Strength id -> the note its factors' reasons carry (only strengths that have one)."""
    return {s.id: s.reason_note for s in kb.factors_file.factor_strengths if s.reason_note}


def ranked_item(
    kb: KnowledgeBase,
    entry: InterventionEntry,
    static: dict[str, Any],
    plan: InterventionPlan,
    ctx: dict[str, Any],
    words: dict[str, str] | None,
    brief: bool = False,
) -> dict[str, Any]:
    """The ranked item; brief: without engine.BRIEF_DROPS (the points still add up the same)."""
    iv = entry.data
    level = kb.evidence[iv.evidence.level]
    own = static["_own_sources"]
    # every reason's points, in order, also when brief gives no reasons
    if ctx["fit.age_share"] >= 100 and ctx["fit.age_margin"] == 0:
        evidence_note = ""  # the usual case: the evidence counts in full
        scores = [static["_evidence_points"]]
    else:
        evidence_weight, evidence_note = _evidence_age(ctx, static)
        scores = [round(level.points * evidence_weight, 2)]
    reasons: list[dict[str, Any]] = []
    if not brief:
        reasons.append(
            {
                "kind": "evidence",
                "text": f"Bewijs: {level.label}{evidence_note}.",
                "points": scores[0],
                "sources": list(own),
            }
        )
    conventions = static["_factor_conventions"]
    ages = ctx["_factor_ages"]
    factor_ids: list[str] = []  # aligned with scores[1:] while the factors are scored
    for fp in plan.factors:
        use, factor = fp.use, fp.compiled.factor
        if fp.applies is not None and not fp.applies(ctx):
            continue
        conv = conventions[factor.id]
        if conv is None:
            age_weight, age_note = 1.0, ""
        else:  # the same for every intervention: worked out once per profile
            known = ages.get(conv.word)
            if known is None:
                known = ages[conv.word] = _factor_age(conv, ctx)
            age_weight, age_note = known
        if age_weight <= 0:
            continue
        weight, note = factor.weight, None
        for boost, test in fp.boosts:
            if (test is None or test(ctx)) and boost.weight > weight:
                weight, note = boost.weight, boost.text
        if weight == factor.weight and age_weight == 1.0:  # unboosted and in full: usual
            points = static["_factor_points"][factor.id]
        else:
            points = _factor_points(use, weight, age_weight)
        scores.append(points)
        factor_ids.append(factor.id)
        if brief:
            continue
        text = f"Werkzame factor: {factor.name}"
        if note:
            text += f" ({note})"
        if age_note:
            text += f"; {age_note}"
        if use.weight < 1:
            text += "; in deze aanpak indirect of vermoedelijk"
        strength_note = static["_strength_notes"].get(factor.strength)
        if strength_note:  # e.g. "geen duidelijk bewijs" (factor_strengths in factors.yaml)
            text += f"; {strength_note}"
        if use.in_evidence:
            text += "; dezelfde bevinding als het bewijsniveau, dus niet nog eens meegeteld"
        reasons.append(
            {
                "kind": "factor",
                "factor": factor.id,
                "text": text + ".",
                "points": points,
                "sources": list(factor.sources),
            }
        )
    if level.factor_cap is not None:
        _cap_factors(level, scores, factor_ids, reasons, brief, own)
    for spec, test in plan.scoring:
        if test is not None and not test(ctx):
            continue
        points = spec.points * (ctx[spec.per] if spec.per else 1)
        if spec.max is not None:
            points = max(-spec.max, min(spec.max, points))
        scores.append(round(points, 2))
        if brief:
            continue
        sources = list(spec.sources)
        if spec.cite_evidence:
            sources += [s for s in own if s not in sources]
        if spec.cite_target:
            target = iv.target_group.sources or own
            sources += [s for s in target if s not in sources]
        reasons.append(
            {
                "kind": "rule",
                "rule": spec.id,
                "text": fill(spec.text, words).strip(),
                "points": scores[-1],
                "sources": sources,
            }
        )
    total = sum(scores)
    item = {
        "rank": 0,
        "id": iv.id,
        "name": iv.name,
        "score": round(min(100.0, max(0.0, total)), 1),
        "relative_score": 0,  # these three are set by engine._order_ranking
        "fit_label": "",
        "tied_with_previous": False,
        "evidence": iv.evidence.level,
        "evidence_label": level.label,
        "status": iv.status,
    }
    if brief:
        return item
    item["formats"] = list(iv.formats)
    item["format_labels"] = static["_format_labels"]
    item["directions"] = list(iv.directions)
    item["reasons"] = reasons
    item["cautions"] = [c.text for c in iv.cautions]
    effort = static["_effort"]  # from the knowledge base, where it gives one
    if effort is not None:
        item["effort"] = fresh(effort)  # every advice has parts of its own
    return item
