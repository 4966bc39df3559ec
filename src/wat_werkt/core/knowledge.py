"""The knowledge base at run time: the validated data as typed records (kb_records) and the
rules compiled to predicates. kb_build makes it; kb_load loads it (from a cache when it can)."""

from __future__ import annotations

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


# Plain classes rather than dataclasses: this module is imported on every start-up, and
# @dataclass costs about a millisecond a class. Not frozen: kb_build completes a knowledge
# base in steps (profile, by_id), and kb_load labels the efforts once loaded.


class Rule:
    __slots__ = ("spec", "test", "ranked")

    def __init__(self, spec: Any, test: Predicate, ranked: Predicate | None = None):
        self.spec = spec  # the validated rule (ScoringRule, EligibilityRule, WarningRule, ...)
        self.test = test
        self.ranked = ranked  # first steps: one top-ranked item; warnings: none ranked


class FactorUse:
    __slots__ = ("factor", "weight", "in_evidence")

    def __init__(self, factor: Factor, weight: float, in_evidence: bool = False):
        self.factor = factor
        self.weight = weight
        self.in_evidence = in_evidence  # the evidence level rests on this finding: no extra


class CompiledFactor:
    __slots__ = ("factor", "applies", "boosts")

    def __init__(
        self, factor: Factor, applies: Predicate | None, boosts: list[tuple[Boost, Predicate]]
    ):
        self.factor, self.applies, self.boosts = factor, applies, boosts


class InterventionEntry:
    __slots__ = ("data", "factors", "rules")

    def __init__(self, data: Intervention, factors: list[FactorUse], rules: list[Rule]):
        self.data, self.factors, self.rules = data, factors, rules


class KnowledgeBase:
    __slots__ = (
        "path", "sources", "factors_file", "evidence", "evidence_order", "statuses", "formats",
        "types", "situations", "categories", "directions", "factors", "direction_rules",
        "eligibility", "scoring", "warnings", "interventions", "by_id", "first_steps",
        "fit_labels", "profile", "rule_vocabularies",
    )  # fmt: skip

    def __init__(
        self,
        *,
        path: Path,
        sources: dict[str, Source],
        factors_file: FactorsFile,
        evidence: dict[str, EvidenceLevel],
        evidence_order: dict[str, int],
        statuses: dict[str, Status],
        formats: dict[str, str],
        types: dict[str, LonelinessType],
        situations: dict[str, Situation],
        categories: dict[str, SituationCategory],
        directions: dict[str, Direction],
        factors: dict[str, CompiledFactor],
        direction_rules: list[Rule],
        eligibility: list[Rule],
        scoring: list[Rule],
        warnings: list[Rule],
        interventions: list[InterventionEntry],
        first_steps: list[Rule],
        fit_labels: list[tuple[FitLabel, Predicate | None]],
    ):
        self.path, self.sources, self.factors_file = path, sources, factors_file
        self.evidence, self.evidence_order = evidence, evidence_order
        self.statuses, self.formats, self.types = statuses, formats, types
        self.situations, self.categories, self.directions = situations, categories, directions
        self.factors, self.direction_rules = factors, direction_rules
        self.eligibility, self.scoring, self.warnings = eligibility, scoring, warnings
        self.interventions, self.first_steps, self.fit_labels = (
            interventions,
            first_steps,
            fit_labels,
        )
        self.by_id: dict[str, InterventionEntry] = {d.data.id: d for d in interventions}
        self.profile: ProfileSpec = None  # type: ignore[assignment]  # set right after building
        self.rule_vocabularies: dict[str, list[str]] = {}  # the values rules may test

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


def fresh(data: Any) -> Any:
    """A copy of plain data (dicts, lists, scalars) that shares no container with it: advice
    built from cached parts gets its own, so what one caller changes no other advice sees."""
    if type(data) is dict:
        return {k: fresh(v) if type(v) in _CONTAINERS else v for k, v in data.items()}
    if type(data) is list:
        return [fresh(v) if type(v) in _CONTAINERS else v for v in data]
    return data


_CONTAINERS = (dict, list)
