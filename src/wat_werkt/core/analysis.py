"""Steps 1 and 2 of the advice: the analysis of the loneliness, and the readiness for help.

analysis: severity, kinds, causes by category, prevalence figures and the risk figures that
apply (step 1); readiness: aware, motivated, able, each with its question and advice (step 2);
profile_summary: the profile as the advice repeats it. All read from the profile and data/.
"""

from __future__ import annotations

from typing import Any

from wat_werkt.core.knowledge import KnowledgeBase, fresh, to_data
from wat_werkt.core.prepared import prepared_for
from wat_werkt.core.profile import Profile


def profile_summary(p: Profile) -> dict[str, Any]:
    return {
        "name": p.name,
        "age": {"min": p.age.min, "max": p.age.max},
        "gender": p.gender,
        "setting": p.setting,
        "types": list(p.loneliness.types),
        "score": p.loneliness.score,
        "situation": list(p.situation),
    }


def analysis(kb: KnowledgeBase, p: Profile) -> dict[str, Any]:
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
    risks = [fresh(data) for data, codes in prepared_for(kb).risk_figures if present & codes]
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


def readiness(kb: KnowledgeBase, p: Profile) -> list[dict[str, Any]]:
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
