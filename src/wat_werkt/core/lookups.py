"""Plain data for `list`, `evidence` and `factors`; renderers only format it."""

from __future__ import annotations

from typing import Any

from wat_werkt.core.errors import Problem, UserError
from wat_werkt.core.knowledge import InterventionEntry, KnowledgeBase, to_data
from wat_werkt.core.suggest import did_you_mean


def age_label(entry: InterventionEntry) -> str:
    age = entry.data.target_group.age
    if age is None:
        return "alle leeftijden"
    if age.max >= 120:
        return f"{age.min}+"
    return f"{age.min}-{age.max} jaar"


def _age_basis(kb: KnowledgeBase, age: Any) -> str | None:
    """Where an age bound comes from, with the convention it follows (if any)."""
    if age is None:
        return None
    conv = next((c for c in kb.factors_file.age_conventions if c.word == age.convention), None)
    return age.basis + (f". {conv.text}" if conv else "")


def summary(kb: KnowledgeBase, entry: InterventionEntry) -> dict[str, Any]:
    iv = entry.data
    return {
        "id": iv.id,
        "name": iv.name,
        "kind": iv.kind,
        "status": iv.status,
        "status_label": kb.statuses[iv.status].label,
        "evidence": iv.evidence.level,
        "evidence_label": kb.evidence[iv.evidence.level].label,
        "formats": list(iv.formats),
        "format_labels": ", ".join(kb.formats[f] for f in iv.formats),
        "age": to_data(iv.target_group.age),
        "age_label": age_label(entry),
        "genders": iv.target_group.genders,
        "settings": iv.target_group.settings,
        "target_group": iv.target_group.description,
        "directions": list(iv.directions),
        "factors": [u.factor.id for u in entry.factors],
        "types": list(iv.types),
        "cautions": [c.text for c in iv.cautions],
        "sources": list(iv.sources),
    }


def _folded(text: str) -> str:
    """Case, accents and punctuation do not matter when a name is typed: 'clienten', 'Esc@pe'."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in plain if c.isalnum())


def find_intervention(kb: KnowledgeBase, query: str) -> InterventionEntry:
    """By id, or by (part of) its name when that names exactly one intervention."""
    # Ids are lower case with hyphens; 'CBT' or 'peer home visits' mean the same.
    # By id or full name, as profiles and offer files take it; then by part of the name.
    code = kb.profile.vocabularies["interventions"].resolve(query)
    if code is not None:
        return kb.by_id[code]
    typed = query.strip().lower().replace(" ", "-").replace("_", "-")
    wanted = _folded(query)
    # names only: a mistyped id ("peer-home-visit") stays an error with a suggestion
    hits = [e for e in kb.by_id.values() if wanted and wanted in _folded(e.data.name)]
    if len(hits) == 1:
        return hits[0]
    if hits:
        names = "; ".join(f"{e.data.id} ({e.data.name})" for e in hits[:8])
        message = f"meerdere interventies passen: {names}. Geef het id."
    else:
        ids_by_name = {e.data.name: e.data.id for e in kb.by_id.values()}
        close = did_you_mean(typed, [*kb.by_id, *ids_by_name], show_all_below=0)
        if close.startswith("bedoelde"):
            for name, iid in ids_by_name.items():
                close = close.replace(f"'{name}'", f"'{iid}' ({name})")
        else:
            close = "geen id of naam lijkt erop."
        message = f"onbekende interventie; {close} Alle ids: wat-werkt list."
    raise UserError([Problem(query, None, None, message)])


REFERENCE_KEYS = ("authors", "year", "title", "published_in", "note")


def card(kb: KnowledgeBase, iid: str) -> dict[str, Any]:
    entry = find_intervention(kb, iid)
    iv = entry.data
    out = summary(kb, entry)
    designs = {d.id: d.label for d in kb.factors_file.study_designs}
    intensity = iv.intensity
    parts = []
    if intensity:
        if intensity.sessions:
            parts.append(f"{intensity.sessions} bijeenkomsten")
        if intensity.weeks:
            parts.append(f"{intensity.weeks} weken")
        if intensity.frequency:
            parts.append(intensity.frequency)
        if intensity.group_size:
            parts.append(f"groepsgrootte {intensity.group_size}")
        if intensity.description:
            parts.append(intensity.description)
    all_sources = list(
        dict.fromkeys(
            [*iv.sources, *iv.evidence.sources, *(s for st in iv.studies for s in st.sources)]
        )
    )
    out.update(
        {
            "summary": iv.summary,
            "target_group": to_data(iv.target_group),
            "delivered_by": iv.delivered_by,
            "intensity": to_data(intensity, drop_none=True),
            "intensity_label": "; ".join(parts),
            "age_basis": _age_basis(kb, iv.target_group.age),
            "effort": to_data(iv.effort),
            "origin": iv.origin,
            "direction_labels": [kb.directions[d].label for d in iv.directions],
            "factor_weights": {u.factor.id: u.weight for u in entry.factors},
            "factor_labels": [
                f"{u.factor.name}" + (" (indirect)" if u.weight < 1 else "") for u in entry.factors
            ],
            "evidence_summary": iv.evidence.summary,
            "evidence_sources": list(iv.evidence.sources),
            "recognition": iv.recognition,
            "studies": [
                {
                    "sources": list(s.sources),
                    "design": s.design,
                    "design_label": designs[s.design],
                    "finding": s.finding,
                    "source_labels": [kb.source_label(x) for x in s.sources],
                }
                for s in iv.studies
            ],
            "cautions_detail": to_data(iv.cautions),
            "availability": iv.availability,
            "more_info": iv.more_info,
            "sources": all_sources,
            "source_labels": [f"{s}: {kb.source_label(s)}" for s in all_sources],
            "no_source": iv.no_source,  # why the dossier gives none, where it gives none
            # everything known of each source, for a full reference list
            "references": {
                s: {k: getattr(kb.sources[s], k, None) for k in REFERENCE_KEYS} for s in all_sources
            },
        }
    )
    return out


def listing(
    kb: KnowledgeBase,
    evidence: str | None = None,
    age: int | None = None,
    fmt: str | None = None,
    status: str | None = None,
) -> list[dict[str, Any]]:
    problems = []
    for value, allowed, what in (
        (evidence, kb.evidence, "bewijsniveau"),
        (fmt, kb.formats, "vorm"),
        (status, kb.statuses, "status"),
    ):
        if value is not None and value not in allowed:
            problems.append(
                Problem(
                    "--"
                    + {"bewijsniveau": "evidence", "vorm": "format-filter", "status": "status"}[
                        what
                    ],
                    None,
                    None,
                    # "het bewijsniveau" takes no -e: onbekend bewijsniveau, onbekende vorm
                    f"onbekend{'' if what == 'bewijsniveau' else 'e'} {what} '{value}'; "
                    f"{did_you_mean(value, allowed)}",
                )
            )
    if problems:
        raise UserError(problems)
    rows = []
    for e in kb.interventions:
        iv = e.data
        if evidence and iv.evidence.level != evidence:
            continue
        if status and iv.status != status:
            continue
        if fmt and fmt not in iv.formats:
            continue
        a = iv.target_group.age
        if age is not None and a is not None and not (a.min <= age <= a.max):
            continue
        rows.append(summary(kb, e))
    return rows


def factor_rows(kb: KnowledgeBase) -> list[dict[str, Any]]:
    strengths = {s.id: s.label for s in kb.factors_file.factor_strengths}
    return [
        {
            "id": f.id,
            "name": cf.factor.name,
            "description": cf.factor.description,
            "strength": cf.factor.strength,
            "strength_label": strengths[cf.factor.strength],
            "points": cf.factor.points,
            "target_group": cf.factor.target_group,
            "comparisons": list(cf.factor.comparisons),
            "sources": list(cf.factor.sources),
        }
        for f, cf in ((kb.factors[i].factor, kb.factors[i]) for i in kb.factors)
    ]
