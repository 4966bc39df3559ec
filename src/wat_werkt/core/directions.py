"""Step 3 of the advice: the directions (what kind of help) in order for a profile.

Direction rules in data/ add points to directions; the order decides which interventions fit
best (fit.direction), and the directions in full, with their reasons, are shown as step 3.
"""

from __future__ import annotations

from typing import Any

from wat_werkt.core.knowledge import KnowledgeBase, Rule

# fit.direction: where the best direction an intervention serves ranks among the first three
RANK_NAMES = ("first", "second", "third")


def direction_order(kb: KnowledgeBase, fired: list[Rule]) -> list[str]:
    """The directions' ids, best first: by points from the `fired` direction rules, then in
    the order of the knowledge base."""
    scores = {d: kb.directions[d].base for d in kb.directions}
    for rule in fired:
        for d in rule.spec.directions:
            scores[d] += rule.spec.points
    return sorted(scores, key=lambda d: -scores[d])  # a stable sort: ties keep the KB's order


def scored_directions(
    kb: KnowledgeBase, fired: list[Rule], order: list[str]
) -> list[dict[str, Any]]:
    """Step 3 in full: each direction (in `order`) with its points, reasons and sources."""
    reasons: dict[str, list[str]] = {d: [] for d in kb.directions}
    sources: dict[str, list[str]] = {d: list(kb.directions[d].sources) for d in kb.directions}
    scores = {d: kb.directions[d].base for d in kb.directions}
    for rule in fired:
        for d in rule.spec.directions:
            scores[d] += rule.spec.points
            reasons[d].append(rule.spec.reason)
            sources[d] += [s for s in rule.spec.sources if s not in sources[d]]
    return [
        {
            "id": d,
            "label": kb.directions[d].label,
            "description": kb.directions[d].description,
            "score": scores[d],
            "reasons": reasons[d] or [kb.directions[d].description],
            "sources": sources[d],
        }
        for d in order
    ]


def mark_unserved(
    kb: KnowledgeBase,
    directions: list[dict[str, Any]],
    ranked: list[dict[str, Any]],
    steps: list[dict[str, Any]],
) -> None:
    """Say so when no ranked intervention serves the first direction, and what to do instead."""
    for d in directions:
        d["served"] = any(d["id"] in r["directions"] for r in ranked)
    first = directions[0]
    advice = kb.directions[first["id"]].if_unserved
    if not first["served"] and advice:
        steps.append(
            {"id": "direction.unserved", "text": advice, "sources": list(first["sources"])}
        )
