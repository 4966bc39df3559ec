"""The knowledge base at run time: the validated data as typed records (kb_records) and the
rules compiled to predicates. kb_build makes it; kb_load loads it (from a cache when it can)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wat_werkt.core.conditions import Predicate
from wat_werkt.core.kb_records import (
    Boost,
    Direction,
    EvidenceLevel,
    Factor,
    FactorsFile,
    FitLabel,
    Intervention,
    LonelinessType,
    Record,
    Situation,
    SituationCategory,
    Source,
    Status,
)

if TYPE_CHECKING:
    from wat_werkt.core.profile_spec import ProfileSpec

FILES = {
    "sources": "sources.yaml",
    "factors": "factors.yaml",
    "interventions": "interventions.yaml",
    "profile": "profile.yaml",  # optional in a data folder: the shipped one is used otherwise
}

# The words for the people of each gender and setting, used in reason texts. Their one source
# is data/profile.yaml (`group`): filled when a knowledge base is loaded (kb_load).
GENDER_LABELS: dict[str, str] = {}
SETTING_LABELS: dict[str, str] = {}

# Placeholders a text may use, per kind of rule.
INTERVENTION_PLACEHOLDERS = {
    "name",
    "profile_age",
    "target_age",
    "target_gender",
    "target_settings",
    "required_situations",
    "status_label",
    "availability",
    "matched_situations",
    "direction_label",
    "fitting_ages",
    "admitted_ages",
    "margin_ages",
    "margin_subject",
    "outside_ages",
    "core_share",
    "age_outside",
    "age_word",
    "first_direction_label",
    "age_share",
}


def data_file(path: Path, key: str) -> Path:
    """A data file in path; profile.yaml may be left out of a folder (the shipped one counts)."""
    target = path / FILES[key]
    if key == "profile" and not target.exists():
        return default_data_dir() / FILES[key]
    return target


def default_data_dir() -> Path:
    here = Path(__file__).resolve().parent.parent
    shipped = here / "data"
    if (shipped / FILES["factors"]).exists():
        return shipped
    return here.parent.parent / "data"  # editable install: the repository's data/


@dataclass
class Rule:
    spec: Any  # the validated rule (ScoringRule, EligibilityRule, WarningRule, DirectionRule)
    test: Predicate
    ranked: Predicate | None = None  # first steps: one top-ranked item; warnings: none ranked


@dataclass
class FactorUse:
    factor: Factor
    weight: float
    in_evidence: bool = False  # the evidence level rests on this same finding: no extra points


@dataclass
class CompiledFactor:
    factor: Factor
    applies: Predicate | None
    boosts: list[tuple[Boost, Predicate]]


@dataclass
class InterventionEntry:
    data: Intervention
    factors: list[FactorUse]
    rules: list[Rule]


@dataclass
class KnowledgeBase:
    path: Path
    sources: dict[str, Source]
    factors_file: FactorsFile
    evidence: dict[str, EvidenceLevel]
    evidence_order: dict[str, int]
    statuses: dict[str, Status]
    formats: dict[str, str]
    types: dict[str, LonelinessType]
    situations: dict[str, Situation]
    categories: dict[str, SituationCategory]
    directions: dict[str, Direction]
    factors: dict[str, CompiledFactor]
    direction_rules: list[Rule]
    eligibility: list[Rule]
    scoring: list[Rule]
    warnings: list[Rule]
    interventions: list[InterventionEntry]
    by_id: dict[str, InterventionEntry] = field(default_factory=dict)
    first_steps: list[Rule] = field(default_factory=list)
    fit_labels: list[tuple[FitLabel, Predicate | None]] = field(default_factory=list)
    profile: ProfileSpec = None  # type: ignore[assignment]  # set right after building
    rule_vocabularies: dict[str, list[str]] = field(default_factory=dict)  # values rules may test

    def source_label(self, sid: str) -> str:
        s = self.sources[sid]
        return f"{s.authors} ({s.year})" if s.year else f"{s.authors} (ongepubliceerd)"


def to_data(obj: Any, drop_none: bool = False) -> Any:
    """Records as dicts and lists, for JSON output."""
    if isinstance(obj, Record):
        items = ((k, to_data(v, drop_none)) for k, v in obj.__dict__.items())
        return {k: v for k, v in items if not (drop_none and v is None)}
    if isinstance(obj, list):
        return [to_data(x, drop_none) for x in obj]
    return obj
