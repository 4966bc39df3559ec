"""Pydantic models of the three files in data/. Unknown keys are errors."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema, model_validator

Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")]
Sources = Annotated[list[str], Field(min_length=1)]
# Within an intervention that says why (`no_source`), a claim may cite nothing: where the
# dossier itself gives no source, none is invented.
MaybeSources = list[str]
# Checked by conditions.compile_condition, with the vocabularies at hand; in the JSON Schema
# for maintainers it is the rule language described by data_schema.condition_schema.
Condition = Annotated[Any, WithJsonSchema({"x-condition": True})]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


# --- sources.yaml -------------------------------------------------------------------

# One line of a reference: renderers add the full stops between the parts.
RefText = Annotated[str, Field(min_length=2, pattern=r"^\S.*[^\s.]$")]


class Source(Model):
    id: Id
    authors: str
    year: int | None
    kind: Literal[
        "meta_analysis",
        "systematic_review",
        "review",
        "rct",
        "controlled",
        "pre_post",
        "evaluation",
        "survey",
        "theory",
        "other",
    ]
    note: str | None = None
    # For full references in reports: as the dossier's reference list gives them.
    title: RefText | None = None
    published_in: RefText | None = Field(
        None, description="Journal (with volume and pages), publisher or report series"
    )


class SourcesFile(Model):
    sources: list[Source]


# --- factors.yaml -------------------------------------------------------------------


Aliases = Annotated[
    list[str],
    Field(
        description="Dutch words a consultant may type for this code (any case; spaces, - and _ alike)"
    ),
]


class FactorCap(Model):
    """At most `points` from working factors together; the excess is taken off by one reason."""

    points: float
    text: str
    sources: list[str] = []
    # Factors that say who the intervention fits, not whether it works: outside the cap.
    except_factors: list[Id] = []


class EvidenceLevel(Model):
    id: Id
    label: str
    aliases: Aliases = []
    points: float
    description: str
    # The verdict comes from reviews, not from the intervention's own studies: its evidence
    # reason cites the evidence sources (otherwise it cites the studies of the intervention).
    from_reviews: bool = False
    # A verdict that working factors may not outweigh (e.g. the own controlled study found no
    # attributable effect): their sum is capped.
    factor_cap: FactorCap | None = None


EffortId = Literal["light", "moderate", "intensive"]
DesignId = Literal["rct", "controlled", "pre_post", "evaluation", "review", "not_described"]
StrengthId = Literal["strong", "promising", "some", "likely", "limited", "unclear"]


class EffortLevel(Model):
    id: EffortId
    label: str
    description: str


class StudyDesign(Model):
    """The Dutch name of a study design, as `evidence` shows a study."""

    id: DesignId
    label: str


class FactorStrength(Model):
    """The Dutch name of how strong a working factor's evidence is; `reason_note` is added to
    the reason of every factor of this strength (e.g. that there is no clear evidence)."""

    id: StrengthId
    label: str
    reason_note: str | None = None


class AgeConvention(Model):
    """How wat-werkt reads an age word of the dossier ("ouderen") as bounds."""

    word: str
    min: int = Field(default=0, ge=0, le=120)
    max: int = Field(default=120, ge=0, le=120)
    # Ages from here up to `min` fit partly: the word has no bound in the dossier, so a
    # hard cut at `min` would say more than it does. None: no margin.
    partial_from: int | None = Field(default=None, ge=0, le=120)
    # How much a finding about the word's group counts for ages in the margin (0-1).
    margin_weight: float = Field(default=0.5, ge=0, le=1)
    text: str
    sources: list[str] = []


class Status(Model):
    id: Id
    label: str
    aliases: Aliases = []
    rankable: bool


class Labelled(Model):
    id: Id
    label: str
    aliases: Aliases = []


class LonelinessType(Model):
    id: Id
    label: str
    aliases: Aliases = []
    description: str
    sources: Sources


class Severity(Model):
    id: Id
    label: str
    aliases: Aliases = []
    # min_score and max_score are not written here: kb_build takes them from the bands of the
    # 11-item scale (scales), so the ranges exist once.


class SituationCategory(Model):
    id: Id
    label: str
    sources: list[str] = []


class Situation(Model):
    id: Id
    label: str
    aliases: Aliases = []
    category: str


class ReadinessItem(Model):
    id: Literal["aware", "motivated", "able"]
    label: str
    question: str
    if_not: str
    sources: Sources


class Direction(Model):
    id: Id
    label: str
    description: str
    base: float
    sources: Sources
    # What to do when no ranked intervention serves this direction for a profile.
    if_unserved: str | None = None


class DirectionRule(Model):
    directions: Annotated[list[str], Field(min_length=1)]
    when: Condition
    points: float
    reason: str
    sources: Sources


class Boost(Model):
    when: Condition
    weight: float = Field(ge=0)
    text: str


class Factor(Model):
    id: Id
    name: str
    description: str
    target_group: str
    strength: StrengthId
    points: float
    weight: float = Field(default=1.0, ge=0)
    comparisons: list[str] = []
    sources: Sources
    applies_when: Condition = None
    # The age word (age_conventions) of the group the reviews studied: see scoring._factor_age.
    age_word: str | None = None
    boosts: list[Boost] = []


class EligibilityRule(Model):
    id: Id
    when: Condition
    reason: str
    # True: the dossier indicates no intervention at all for such a profile; `advise --all`
    # still ranks them, each marked with this reason.
    not_indicated: bool = False


class ScoringRule(Model):
    id: Id
    when: Condition
    points: float
    per: str | None = None
    max: float | None = None
    text: str
    sources: list[str]
    # Also cite what the intervention's evidence rests on: its own studies (rules about them).
    cite_evidence: bool = False
    # Also cite the source that says whom the intervention was made for (target_group.sources).
    cite_target: bool = False


class FirstStep(Model):
    """What comes before choosing an intervention (step 2 before step 3)."""

    id: Id
    when: Condition
    # Only when one of the top `top` ranked interventions meets this (a rule on interventions):
    # a pointer that matters only if such an option is among the advice.
    if_ranked: Condition = None
    top: int = Field(default=6, ge=1)
    text: str
    sources: Sources


class FitLabel(Model):
    """A verbal class for a score relative to the best one for the profile."""

    # A profile condition: when it holds, every ranked item gets this label (e.g. nothing
    # fits before step 2 is met); labels with `when` are tried first.
    when: Condition = None
    min_relative: float = Field(default=0, ge=0, le=100)
    # An absolute floor too: a weak best option is not called a good fit.
    min_score: float = Field(default=0, ge=0, le=100)
    label: str


class WarningRule(Model):
    code: Annotated[str, Field(pattern=r"^[a-z_]+\.[a-z_]+$")]
    when: Condition
    # Only when no ranked intervention meets this (a rule on interventions), e.g. none in the
    # preferred format.
    unless_ranked: Condition = None
    message: str
    sources: Sources


class Note(Model):
    id: Id
    text: str
    sources: Sources


class AgeBandFigure(Model):
    min: int
    max: int
    lonely: float
    severely_lonely: float
    emotional: float
    social: float


class RiskFigure(Model):
    group: str
    lonely: float | None = None
    severely_lonely: float | None = None
    note: str | None = None
    sources: Sources


class SituationFigure(Model):
    situations: list[str]
    group: str


class Overall(Model):
    lonely: float
    severely_lonely: float
    note: str


class Figures(Model):
    survey: str
    year: int
    sources: Sources
    overall: Overall
    by_age: list[AgeBandFigure]
    youth: str
    youth_sources: Sources
    risk_factors: list[RiskFigure]
    situation_figures: list[SituationFigure]


class ScaleItem(Model):
    item: int = Field(ge=1)
    subscale: str
    counts: Annotated[list[str], Field(min_length=1)]


class ScaleBand(Model):
    severity: str
    min: int = Field(ge=0)
    max: int = Field(ge=0)


class Scale(Model):
    id: Id
    name: str
    sources: Sources
    items: Annotated[list[ScaleItem], Field(min_length=1)]
    bands: Annotated[list[ScaleBand], Field(min_length=1)]
    type_threshold: dict[str, int]


class FactorsFile(Model):
    evidence_levels: list[EvidenceLevel]
    effort_levels: list[EffortLevel]
    study_designs: list[StudyDesign]
    factor_strengths: list[FactorStrength]
    age_conventions: list[AgeConvention]
    statuses: list[Status]
    formats: list[Labelled]
    loneliness_types: list[LonelinessType]
    severities: list[Severity]
    situation_categories: list[SituationCategory]
    situations: list[Situation]
    readiness: list[ReadinessItem]
    directions: list[Direction]
    direction_rules: list[DirectionRule]
    factors: list[Factor]
    eligibility: list[EligibilityRule]
    scoring: list[ScoringRule]
    first_steps: list[FirstStep] = []
    fit_labels: list[FitLabel] = []
    fit_note: str = ""  # explains the fit labels once in the output
    tie_break: str = ""
    warnings: list[WarningRule]
    side_effects: list[Note]
    implementation_conditions: list[Note]
    figures: Figures
    scales: list[Scale]
    scale_answers: Annotated[list[str], Field(min_length=2)]
    scale_notice: str


# --- interventions.yaml -------------------------------------------------------------


class AgeLimit(Model):
    min: int = Field(default=0, ge=0, le=120)
    max: int = Field(default=120, ge=0, le=120)
    # Where the bound comes from (Dutch, shown in lookups); never read by the scoring.
    basis: str
    convention: str | None = None  # a word of age_conventions whose bounds these are


class TargetGroup(Model):
    description: str
    age: AgeLimit | None = None
    genders: list[Literal["female", "male"]] | None = None
    settings: list[Literal["home", "residential_care", "nursing_home"]] | None = None
    settings_adapted: list[Literal["home", "residential_care", "nursing_home"]] = []
    # Where the study behind the evidence took place, where the dossier says so (rules may
    # weigh it: intervention.studied_settings), without restricting whom it is for.
    studied_settings: list[Literal["home", "residential_care", "nursing_home"]] = []
    required_situations: list[str] = []
    fitting_situations: list[str] = []
    # The sources that say whom the intervention was made for (its situations and settings).
    sources: list[str] = []


class Intensity(Model):
    sessions: int | None = Field(default=None, ge=1)
    weeks: int | None = Field(default=None, ge=1)
    frequency: str | None = None
    group_size: str | None = None
    description: str | None = None


class FactorRef(Model):
    id: str
    weight: float = Field(default=1.0, ge=0, le=1)
    # The intervention's evidence level rests on the same dossier sentence as this factor:
    # shown, but counted once (in the evidence level).
    in_evidence: bool = False


class Evidence(Model):
    level: str
    summary: str
    sources: MaybeSources
    # The studies the level itself rests on, where not all of them do (the evidence reason
    # cites these; by default all the intervention's studies).
    level_sources: list[str] = []


class Study(Model):
    sources: Sources
    design: DesignId
    finding: str


class Effort(Model):
    """Who delivers and how intensive ("inzet"): what step 4 weighs as costs; no prices."""

    level: EffortId
    text: str
    sources: MaybeSources


class Caution(Model):
    text: str
    sources: MaybeSources


class Intervention(Model):
    id: Id
    name: str
    kind: Literal["intervention", "structural"]
    status: str
    summary: str
    target_group: TargetGroup
    formats: list[str]
    # What taking part asks of participants, where the dossier says so (weten/willen/kunnen).
    demands: list[Literal["daily_practice", "self_help", "self_reflection"]] = []
    # "small": the dossier calls the study behind the evidence level small-scale.
    study_size: Literal["small"] | None = None
    requires_internet: bool = False
    requires_readiness: list[Literal["aware", "motivated", "able"]] = []
    delivered_by: str | None = None
    intensity: Intensity | None = None
    effort: Effort
    origin: str | None = None
    directions: list[str]
    factors: list[str | FactorRef]
    types: list[str]
    evidence: Evidence
    studies: list[Study]
    cautions: list[Caution]
    availability: str | None = None
    recognition: str | None = None
    more_info: str | None = None
    rules: list[ScoringRule] = []
    sources: MaybeSources
    # Why the dossier gives no source (Dutch); required when any source list above is empty.
    no_source: str | None = None

    @model_validator(mode="after")
    def _sources_or_reason(self) -> Intervention:
        lists = [self.sources, self.evidence.sources, self.effort.sources]
        lists += [c.sources for c in self.cautions]
        if not self.no_source and not all(lists):
            raise ValueError("een lege bronnenlijst vraagt 'no_source': waarom er geen bron is")
        return self


class InterventionsFile(Model):
    interventions: list[Intervention]


# --- profile.yaml -------------------------------------------------------------------


class VocabularyEntry(Model):
    id: str
    label: str = Field(description="the Dutch word shown in tables")
    group: str | None = Field(default=None, description="the people it describes, in reasons")
    aliases: Aliases = []


class ProfileField(Model):
    type: Literal["text", "age", "choice", "codes", "integer", "answers", "section"]
    help: str = Field(description="Dutch help text: schema description and profile comment")
    question: str | None = Field(default=None, description="what `wat-werkt init` asks")
    required: bool = False
    vocabulary: str | None = Field(default=None, description="for choice, codes and answers")
    default: str | None = None
    default_answer: str | None = Field(default=None, description="the wizard's default")
    min: int | None = None
    max: int | None = None
    min_items: int | None = None
    absent_unknown: bool = Field(
        default=False, description="codes: left out means unknown, an empty list means none"
    )
    fields: dict[str, ProfileField] | None = Field(default=None, description="for a section")
    dutch: list[str] = Field(default=[], description="Dutch key names, for 'bedoelde u'")
    noun: str | None = Field(default=None, description="Dutch noun for one value, in messages")


class ProfileFile(Model):
    vocabularies: dict[str, list[VocabularyEntry]]
    fields: dict[str, ProfileField]
    cross_field_rules: list[str]
