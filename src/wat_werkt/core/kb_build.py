"""Build a knowledge base from data/: parse, validate, cross-check and compile the rules.

Every problem in every file is collected and reported as file:line:col before anything runs:
dangling ids, unknown keys, wrong types, bad conditions and unknown template placeholders.
This is the only place that needs pydantic, and only to validate: `to_json` turns the validated
files into plain JSON that kb_load.load_kb caches, and `compile_json` builds the run-time
knowledge base from that JSON without pydantic.
"""

from __future__ import annotations

import math
import string
from collections.abc import Callable, Collection, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wat_werkt.core.conditions import (
    FIELDS,
    TRI,
    ConditionError,
    Loc,
    Never,
    Predicate,
    compile_condition,
)
from wat_werkt.core.errors import Problem, Problems, UserError
from wat_werkt.core.knowledge import (
    INTERVENTION_PLACEHOLDERS,
    CompiledFactor,
    FactorUse,
    InterventionEntry,
    KnowledgeBase,
    Rule,
    data_file,
)
from wat_werkt.core.profile_spec import build_spec
from wat_werkt.core.suggest import did_you_mean
from wat_werkt.core.yamlio import PartialParse, load, read_text

if TYPE_CHECKING:
    from pydantic import BaseModel


def _parse(path: Path, model: type[BaseModel], problems: list[Problem]) -> Any:
    from pydantic import ValidationError

    from wat_werkt.core.pydantic_errors import problems_from

    try:
        text = read_text(path, max_bytes=None)
        raw = load(text, str(path))
    except PartialParse as e:  # duplicate keys: report them with everything else
        problems.extend(e.problems)
        raw = e.data
    except UserError as e:
        problems.extend(e.problems)
        return None, None
    col = Problems(path, text)
    for loc, value in _walk(raw):
        if isinstance(value, float) and not math.isfinite(value):
            col.add(loc, f"{value} is geen bruikbaar getal; schrijf een gewoon getal")
    if col.problems:
        problems.extend(col.problems)
        return None, col
    if not isinstance(raw, dict):
        problems.append(
            Problem(str(path), 1, 1, "het bestand moet een mapping (sleutel: waarde) zijn")
        )
        return None, col
    try:
        return model.model_validate(raw), col
    except ValidationError as e:
        problems.extend(problems_from(e, model, str(path), col.locator))
        return None, col


def _walk(node: Any, loc: tuple = ()) -> Iterable[tuple[tuple, Any]]:
    """Every value in parsed YAML with its path of keys and indexes."""
    yield loc, node
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _walk(v, (*loc, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _walk(v, (*loc, i))


def _validated(path: Path) -> tuple[dict[str, Any], dict[str, Problems]]:
    """The data files parsed and validated by their pydantic models; UserError if invalid."""
    from wat_werkt.core import kb_models as m

    problems: list[Problem] = []
    if not path.is_dir():
        raise UserError([Problem(str(path), None, None, "kennisbank-map niet gevonden")])
    parsed = {}
    collectors = {}
    for key, model in (
        ("sources", m.SourcesFile),
        ("factors", m.FactorsFile),
        ("interventions", m.InterventionsFile),
        ("profile", m.ProfileFile),
    ):
        parsed[key], collectors[key] = _parse(data_file(path, key), model, problems)
    if problems:
        raise UserError(problems)
    _check_label_lists(parsed["factors"], collectors["factors"])
    return parsed, collectors


def _compiled(path: Path, parsed: dict, collectors: dict[str, Problems]) -> KnowledgeBase:
    """Cross-checked and compiled; problems go to the collectors."""
    kb = _build(path, parsed, collectors)
    kb.profile = build_spec(
        parsed["factors"],
        parsed["profile"],
        parsed["interventions"].interventions,
        lambda file, loc, message: collectors[file].add(loc, message),
    )
    _check_profile_fields(kb.profile.fields, collectors["profile"])
    _check_group_words(kb, parsed["interventions"].interventions, collectors["profile"])
    return kb


def _check_group_words(kb: KnowledgeBase, interventions: list[Any], col: Problems) -> None:
    """Reasons name the people of each gender and setting an intervention is for: every
    code interventions use needs its `group` word in profile.yaml."""
    for name, used in (
        ("gender", {g for iv in interventions for g in iv.target_group.genders or ()}),
        ("setting", {s for iv in interventions for s in iv.target_group.settings or ()}),
    ):
        vocab = kb.profile.vocabularies.get(name)
        groups = vocab.groups if vocab is not None else {}
        for code in sorted(used - set(groups)):
            col.add(
                ("vocabularies", name),
                f"code '{code}' (gebruikt door interventies) heeft hier geen 'group'",
            )


# Fields of profile.yaml that the engine reads as typed values (core/profile.py): they must be
# there, with this type, or every advice would fail.
ENGINE_FIELDS = {
    "name": "text",
    "age": "age",
    "loneliness": "section",
    "readiness": "section",
    "digital": "section",
    "preferences": "section",
}


def _check_profile_fields(fields: dict[str, Any], col: Problems) -> None:
    for name, kind in ENGINE_FIELDS.items():
        spec = fields.get(name)
        if spec is None:
            col.add(("fields",), f"veld '{name}' ontbreekt; het advies heeft het nodig")
        elif spec.type != kind:
            col.add(("fields", name, "type"), f"veld '{name}' moet type {kind} hebben")


def build(path: Path) -> KnowledgeBase:
    """The knowledge base in `path`, every problem in every file reported at once."""
    parsed, collectors = _validated(path)
    kb = _compiled(path, parsed, collectors)
    problems = [p for c in collectors.values() for p in c.problems]
    if problems:
        raise UserError(problems)
    return kb


def to_json(path: Path) -> str:
    """The validated files as JSON data (no code): a model becomes an object whose "@" names
    its record class in kb_records.

    Raises UserError when the folder does not build, so only good data is ever cached.
    """
    import json

    from pydantic import BaseModel

    parsed, collectors = _validated(path)
    _compiled(path, parsed, collectors)  # every cross-check, with positions for the messages
    problems = [p for c in collectors.values() for p in c.problems]
    if problems:
        raise UserError(problems)

    def encode(value: Any) -> Any:
        if isinstance(value, BaseModel):
            out: dict[str, Any] = {"@": type(value).__name__}  # its record class in kb_records
            out.update((k, encode(getattr(value, k))) for k in type(value).model_fields)
            return out
        if isinstance(value, (list, tuple)):
            return [encode(v) for v in value]
        if isinstance(value, dict):
            return {k: encode(v) for k, v in value.items()}
        return value

    return json.dumps({k: encode(v) for k, v in parsed.items()}, ensure_ascii=False)


def compile_json(path: Path, text: str) -> KnowledgeBase:
    """The run-time knowledge base from `to_json`'s output, without pydantic."""
    import json

    from wat_werkt.core.kb_records import RECORDS

    def hook(obj: dict[str, Any]) -> Any:
        kind = obj.pop("@", None)
        return obj if kind is None else RECORDS[kind](**obj)  # unknown: a damaged cache

    parsed = json.loads(text, object_hook=hook)
    collectors = {k: Problems(data_file(path, k), "") for k in parsed}
    kb = _compiled(path, parsed, collectors)
    if any(c.problems for c in collectors.values()):
        # data that built when it was cached builds again: the cache is damaged
        raise ValueError("cached knowledge base does not compile")
    return kb


def _ids(items: Iterable[Any], col: Problems, where: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for i, item in enumerate(items):
        if item.id in out:
            col.add((where, i, "id"), f"id '{item.id}' komt twee keer voor")
        out[item.id] = item
    return out


def _build(path: Path, parsed: dict, cols: dict[str, Problems]) -> KnowledgeBase:
    """The steps, in order: tables by id, factors.yaml's own cross-references, the working
    factors, the profile-level rules, then each intervention against all of those."""
    b = _Builder(parsed, cols)
    b.check_factors_file()
    b.compile_factors()
    b.compile_rules()
    b.compile_interventions()
    return b.knowledge_base(path)


class _Builder:
    """One build's tables, vocabularies and problem collectors, shared by its steps."""

    def __init__(self, parsed: dict[str, Any], cols: dict[str, Problems]):
        self.ff = ff = parsed["factors"]
        self.interventions = parsed["interventions"].interventions
        self.fc, self.ic = cols["factors"], cols["interventions"]
        self.sources = _ids(parsed["sources"].sources, cols["sources"], "sources")
        self.evidence = _ids(ff.evidence_levels, self.fc, "evidence_levels")
        self.statuses = _ids(ff.statuses, self.fc, "statuses")
        self.formats = {f.id: f.label for f in ff.formats}
        self.types = _ids(ff.loneliness_types, self.fc, "loneliness_types")
        self.severities = _ids(ff.severities, self.fc, "severities")
        self.categories = _ids(ff.situation_categories, self.fc, "situation_categories")
        self.situations = _ids(ff.situations, self.fc, "situations")
        self.directions = _ids(ff.directions, self.fc, "directions")
        self.factor_models = _ids(ff.factors, self.fc, "factors")
        # reports duplicate ids; by_id is built at the end
        _ids(self.interventions, self.ic, "interventions")
        self.conventions = {c.word: c for c in ff.age_conventions}
        self.vocabs = self._vocabularies(parsed["profile"])
        self.compiled_factors: dict[str, CompiledFactor] = {}
        self.direction_rules: list[Rule] = []
        self.eligibility: list[Rule] = []
        self.warnings: list[Rule] = []
        self.fit_labels: list[tuple[Any, Predicate | None]] = []
        self.scoring: list[Rule] = []
        self.first_steps: list[Rule] = []
        self.entries: list[InterventionEntry] = []

    def _vocabularies(self, profile_file: Any) -> dict[str, frozenset[str]]:
        """The values each rule field may be compared with."""
        fixed = {k: frozenset(e.id for e in v) for k, v in profile_file.vocabularies.items()}
        return {
            "gender": fixed.get("gender", frozenset()),
            "setting": fixed.get("setting", frozenset()),
            "types": frozenset(self.types),
            "severity": frozenset(self.severities) | {"unknown"},
            "tri": frozenset(TRI),
            "situations": frozenset(self.situations),
            "skills": fixed.get("skills", frozenset()),
            "formats": frozenset(self.formats),
            "kinds": frozenset({"intervention", "structural"}),
            "statuses": frozenset(self.statuses),
            "evidence": frozenset(self.evidence),
            "factors": frozenset(self.factor_models),
            "directions": frozenset(self.directions),
            "fit": frozenset({"yes", "targeted", "partial", "no"}),
            "rank": frozenset({"first", "second", "third", "none"}),
            "demands": frozenset({"daily_practice", "self_help", "self_reflection"}),
            "study_size": frozenset({"small", "unknown"}),
            "offer": frozenset({"unknown", "none", "some"}),
            "effort": frozenset({"light", "moderate", "intensive"}),
        }

    # --- checks every step uses ------------------------------------------------------------

    def refs(
        self, col: Problems, loc: Loc, values: Iterable[str], known: Collection[str], what: str
    ) -> None:
        for i, v in enumerate(values):
            if v not in known:
                col.add((*loc, i), f"onbekende {what} '{v}'; {did_you_mean(v, known)}")

    def cond(self, col: Problems, loc: Loc, raw: Any, scope: str) -> Predicate:
        errors: list[ConditionError] = []
        try:
            test = compile_condition(raw, self.vocabs, scope, loc, errors)
        except (TypeError, ValueError):  # e.g. a list where one value belongs
            col.add(loc, "ongeldige voorwaarde: een waarde heeft het verkeerde type")
            return Never()
        for e in errors:
            col.add(e.loc, e.message)
        return test

    def template(self, col: Problems, loc: Loc, text: str, allowed: set[str]) -> None:
        try:
            fields = [f for f in string.Formatter().parse(text) if f[1] is not None]
        except ValueError as e:
            col.add(loc, f"ongeldige tekst-sjabloon: {e}")
            return
        names = {n for _, n, _, _ in fields if n is not None}
        for _, n, spec, conversion in fields:
            if spec or conversion:  # '{name:>999999999}' would eat all memory at run time
                col.add(loc, f"invulveld '{{{n}}}' mag geen opmaak (':' of '!') hebben")
        for n in sorted(names - allowed):
            hint = did_you_mean(n, allowed) if allowed else "hier zijn geen invulvelden"
            col.add(loc, f"onbekend invulveld '{{{n}}}'; {hint}")

    def scoring_rules(self, col: Problems, base: Loc, rules: list[Any]) -> list[Rule]:
        out = []
        for i, r in enumerate(rules):
            loc = (*base, i)
            self.refs(col, (*loc, "sources"), r.sources, self.sources, "bron")
            self.template(col, (*loc, "text"), r.text, INTERVENTION_PLACEHOLDERS)
            if (
                r.per is not None
                and FIELDS.get(r.per, None) is None
                or (r.per is not None and FIELDS[r.per].kind != "int")
            ):
                ints = [k for k, f in FIELDS.items() if f.kind == "int"]
                col.add(
                    (*loc, "per"), f"'per' moet een getal-veld zijn; {did_you_mean(r.per, ints)}"
                )
            out.append(Rule(r, self.cond(col, (*loc, "when"), r.when, "intervention")))
        return out

    # --- the steps -----------------------------------------------------------------------

    def check_factors_file(self) -> None:
        """factors.yaml's cross-references: sources, categories, scales, figures."""
        ff, fc, refs, sources = self.ff, self.fc, self.refs, self.sources
        for name, items in (
            ("loneliness_types", ff.loneliness_types),
            ("situation_categories", ff.situation_categories),
            ("readiness", ff.readiness),
            ("directions", ff.directions),
            ("warnings", ff.warnings),
            ("side_effects", ff.side_effects),
            ("implementation_conditions", ff.implementation_conditions),
        ):
            for i, item in enumerate(items):
                refs(fc, (name, i, "sources"), item.sources, sources, "bron")
        for i, lv in enumerate(ff.evidence_levels):
            if lv.factor_cap is not None:
                cap_loc = ("evidence_levels", i, "factor_cap", "sources")
                refs(fc, cap_loc, lv.factor_cap.sources, sources, "bron")
                text_loc = ("evidence_levels", i, "factor_cap", "text")
                self.template(fc, text_loc, lv.factor_cap.text, {"cap"})  # the engine fills {cap}
        for i, c in enumerate(ff.age_conventions):
            refs(fc, ("age_conventions", i, "sources"), c.sources, sources, "bron")
            if c.partial_from is not None and c.partial_from >= c.min:
                fc.add(
                    ("age_conventions", i, "partial_from"),
                    f"partial_from ({c.partial_from}) moet lager zijn dan min ({c.min})",
                )
        for i, s in enumerate(ff.situations):
            if s.category not in self.categories:
                fc.add(
                    ("situations", i, "category"),
                    f"onbekende categorie '{s.category}'; {did_you_mean(s.category, self.categories)}",
                )
        _check_scales(ff, fc, sources, self.types, self.severities, refs)
        _severity_ranges(ff, fc)
        fig = ff.figures
        refs(fc, ("figures", "sources"), fig.sources, sources, "bron")
        refs(fc, ("figures", "youth_sources"), fig.youth_sources, sources, "bron")
        groups = {r.group for r in fig.risk_factors}
        for i, r in enumerate(fig.risk_factors):
            refs(fc, ("figures", "risk_factors", i, "sources"), r.sources, sources, "bron")
        for i, sf in enumerate(fig.situation_figures):
            refs(
                fc,
                ("figures", "situation_figures", i, "situations"),
                sf.situations,
                self.situations,
                "situatiecode",
            )
            if sf.group not in groups:
                fc.add(
                    ("figures", "situation_figures", i, "group"),
                    f"geen risicofactor '{sf.group}' in figures.risk_factors",
                )

    def compile_factors(self) -> None:
        """The working factors: their conditions (applies_when, boosts) compiled."""
        ff, fc, refs, sources, cond = self.ff, self.fc, self.refs, self.sources, self.cond
        for i, f in enumerate(ff.factors):
            refs(fc, ("factors", i, "sources"), f.sources, sources, "bron")
            if f.age_word is not None and f.age_word not in self.conventions:
                fc.add(
                    ("factors", i, "age_word"),
                    f"onbekend leeftijdswoord '{f.age_word}'; {did_you_mean(f.age_word, self.conventions)}",
                )
            applies = (
                None
                if f.applies_when is None
                else cond(fc, ("factors", i, "applies_when"), f.applies_when, "intervention")
            )
            boosts = [
                (b, cond(fc, ("factors", i, "boosts", j, "when"), b.when, "intervention"))
                for j, b in enumerate(f.boosts)
            ]
            self.compiled_factors[f.id] = CompiledFactor(f, applies, boosts)

    def compile_rules(self) -> None:
        """The profile-level rules: directions, eligibility, warnings, fit labels, scoring and
        first steps."""
        ff, fc, refs, sources = self.ff, self.fc, self.refs, self.sources
        cond, template = self.cond, self.template
        for i, r in enumerate(ff.direction_rules):
            refs(
                fc,
                ("direction_rules", i, "directions"),
                r.directions,
                self.directions,
                "oplossingsrichting",
            )
            refs(fc, ("direction_rules", i, "sources"), r.sources, sources, "bron")
            template(fc, ("direction_rules", i, "reason"), r.reason, set())
            self.direction_rules.append(
                Rule(r, cond(fc, ("direction_rules", i, "when"), r.when, "profile"))
            )

        for i, r in enumerate(ff.eligibility):
            template(fc, ("eligibility", i, "reason"), r.reason, INTERVENTION_PLACEHOLDERS)
            self.eligibility.append(
                Rule(r, cond(fc, ("eligibility", i, "when"), r.when, "intervention"))
            )

        codes: set[str] = set()
        for i, r in enumerate(ff.warnings):
            if r.code in codes:
                fc.add(("warnings", i, "code"), f"waarschuwingscode '{r.code}' komt twee keer voor")
            codes.add(r.code)
            template(fc, ("warnings", i, "message"), r.message, set())
            unless = (
                None
                if r.unless_ranked is None
                else cond(fc, ("warnings", i, "unless_ranked"), r.unless_ranked, "intervention")
            )
            self.warnings.append(
                Rule(r, cond(fc, ("warnings", i, "when"), r.when, "profile"), unless)
            )
        self.fit_labels = [
            (f, None if f.when is None else cond(fc, ("fit_labels", i, "when"), f.when, "profile"))
            for i, f in enumerate(ff.fit_labels)
        ]

        self.scoring = self.scoring_rules(fc, ("scoring",), ff.scoring)
        for i, r in enumerate(ff.first_steps):
            refs(fc, ("first_steps", i, "sources"), r.sources, sources, "bron")
            template(fc, ("first_steps", i, "text"), r.text, set())
            ranked = (
                None
                if r.if_ranked is None
                else cond(fc, ("first_steps", i, "if_ranked"), r.if_ranked, "intervention")
            )
            self.first_steps.append(
                Rule(r, cond(fc, ("first_steps", i, "when"), r.when, "profile"), ranked)
            )

    def compile_interventions(self) -> None:
        """Each intervention: its references checked, its factors and own rules compiled."""
        ff, ic, refs, sources = self.ff, self.ic, self.refs, self.sources
        statuses, evidence, formats = self.statuses, self.evidence, self.formats
        directions, types, situations = self.directions, self.types, self.situations
        conventions = self.conventions
        for i, iv in enumerate(self.interventions):
            base = ("interventions", i)
            if iv.status not in statuses:
                ic.add(
                    (*base, "status"),
                    f"onbekende status '{iv.status}'; {did_you_mean(iv.status, statuses)}",
                )
            if iv.evidence.level not in evidence:
                ic.add(
                    (*base, "evidence", "level"),
                    f"onbekend bewijsniveau '{iv.evidence.level}'; {did_you_mean(iv.evidence.level, evidence)}",
                )
            refs(ic, (*base, "formats"), iv.formats, formats, "vorm")
            refs(ic, (*base, "directions"), iv.directions, directions, "oplossingsrichting")
            refs(ic, (*base, "types"), iv.types, types, "soort eenzaamheid")
            refs(ic, (*base, "target_group", "sources"), iv.target_group.sources, sources, "bron")
            refs(ic, (*base, "sources"), iv.sources, sources, "bron")
            refs(ic, (*base, "evidence", "sources"), iv.evidence.sources, sources, "bron")
            level_loc = (*base, "evidence", "level_sources")
            refs(ic, level_loc, iv.evidence.level_sources, sources, "bron")
            tg = iv.target_group
            refs(
                ic,
                (*base, "target_group", "required_situations"),
                tg.required_situations,
                situations,
                "situatiecode",
            )
            refs(
                ic,
                (*base, "target_group", "fitting_situations"),
                tg.fitting_situations,
                situations,
                "situatiecode",
            )
            if tg.age and tg.age.min > tg.age.max:
                ic.add(
                    (*base, "target_group", "age"),
                    f"leeftijd min {tg.age.min} is groter dan max {tg.age.max}",
                )
            if tg.age and tg.age.convention is not None:
                _check_convention(ic, (*base, "target_group", "age"), tg.age, conventions)
            refs(ic, (*base, "effort", "sources"), iv.effort.sources, sources, "bron")
            efforts = {e.id for e in ff.effort_levels}
            if iv.effort.level not in efforts:
                ic.add(
                    (*base, "effort", "level"),
                    f"onbekend inzetniveau '{iv.effort.level}'; {did_you_mean(iv.effort.level, efforts)}",
                )
            for j, st in enumerate(iv.studies):
                refs(ic, (*base, "studies", j, "sources"), st.sources, sources, "bron")
            for j, c in enumerate(iv.cautions):
                refs(ic, (*base, "cautions", j, "sources"), c.sources, sources, "bron")
            uses = []
            for j, ref in enumerate(iv.factors):
                fid, weight, once = (
                    (ref, 1.0, False)
                    if isinstance(ref, str)
                    else (ref.id, ref.weight, ref.in_evidence)
                )
                if fid not in self.compiled_factors:
                    ic.add(
                        (*base, "factors", j),
                        f"onbekende werkzame factor '{fid}'; {did_you_mean(fid, self.compiled_factors)}",
                    )
                    continue
                uses.append(FactorUse(self.compiled_factors[fid].factor, weight, once))
            rules = self.scoring_rules(ic, (*base, "rules"), iv.rules)
            self.entries.append(InterventionEntry(iv, uses, rules))

    def knowledge_base(self, path: Path) -> KnowledgeBase:
        ff = self.ff
        order = {e.id: n for n, e in enumerate(ff.evidence_levels)}
        kb = KnowledgeBase(
            path=path,
            sources=self.sources,
            factors_file=ff,
            evidence=self.evidence,
            evidence_order=order,
            statuses=self.statuses,
            formats=self.formats,
            types=self.types,
            situations=self.situations,
            categories=self.categories,
            directions=self.directions,
            factors=self.compiled_factors,
            direction_rules=self.direction_rules,
            eligibility=self.eligibility,
            scoring=self.scoring,
            warnings=self.warnings,
            interventions=self.entries,
            first_steps=self.first_steps,
            fit_labels=self.fit_labels,
        )
        kb.rule_vocabularies = {k: sorted(v) for k, v in self.vocabs.items()}  # `wat-werkt rules`
        return kb


def _check_label_lists(ff: Any, fc: Problems) -> None:
    """The label lists name every value the models know, each once (the renderers look all
    up). Checked with the models, which a run from the cache never imports."""
    from typing import get_args

    from wat_werkt.core import kb_models as m

    for name, known in (("study_designs", m.DesignId), ("factor_strengths", m.StrengthId)):
        ids = [x.id for x in getattr(ff, name)]
        for i, x in enumerate(ids):
            if x in ids[:i]:
                fc.add((name, i, "id"), f"'{x}' staat er twee keer in")
        missing = [x for x in get_args(known) if x not in ids]
        if missing:
            fc.add((name,), f"geen label voor: {', '.join(missing)}")


def _check_convention(ic: Problems, loc: Loc, age: Any, conventions: dict[str, Any]) -> None:
    """An age that names a convention word must carry that word's bounds."""
    conv = conventions.get(age.convention)
    if conv is None:
        ic.add(
            (*loc, "convention"),
            f"onbekend leeftijdswoord '{age.convention}'; {did_you_mean(age.convention, conventions)}",
        )
    elif (age.min, age.max) != (conv.min, conv.max):
        ic.add(loc, f"'{conv.word}' betekent {conv.min}-{conv.max} jaar (age_conventions)")


SCORE_MAX = 11  # a profile's `score`: the 11-item De Jong Gierveld scale (CONTRACT §3)


def _check_bands(
    col: Problems, base: tuple, bands: list[tuple[int, int]], lo: str, hi: str, top: int
) -> None:
    """Bands that cover every total 0..top exactly once: no gap, no overlap, none reversed."""
    owner: dict[int, int] = {}
    for i, (a, b) in enumerate(bands):
        if a > b:
            col.add((*base, i), f"{lo} {a} is groter dan {hi} {b}")
            continue
        for total in range(max(a, 0), min(b, top) + 1):
            if total in owner:
                col.add((*base, i), f"overlapt met band {owner[total] + 1} (totaal {total})")
                break
            owner[total] = i
        if b > top:
            col.add((*base, i), f"{hi} {b} is groter dan het hoogste totaal {top}")
    gaps = [t for t in range(top + 1) if t not in owner]
    if gaps and all(a <= b for a, b in bands):
        col.add(base, f"geen band voor totaal {', '.join(map(str, gaps))} (0 tot en met {top})")


def _check_scales(
    ff: Any,
    fc: Problems,
    sources: dict[str, Any],
    types: dict[str, Any],
    severities: dict[str, Any],
    refs: Callable[[Problems, Loc, Iterable[str], Collection[str], str], None],
) -> None:
    """Items numbered 1..n, known subscales and answers, bands covering every total once."""
    answers = set(ff.scale_answers)
    for i, scale in enumerate(ff.scales):
        base = ("scales", i)
        refs(fc, (*base, "sources"), scale.sources, sources, "bron")
        numbers = [item.item for item in scale.items]
        if numbers != list(range(1, len(numbers) + 1)):
            fc.add((*base, "items"), f"items moeten 1 tot en met {len(numbers)} zijn, op volgorde")
        for j, item in enumerate(scale.items):
            if item.subscale not in types:
                fc.add(
                    (*base, "items", j, "subscale"),
                    f"onbekende subschaal '{item.subscale}'; {did_you_mean(item.subscale, types)}",
                )
            refs(fc, (*base, "items", j, "counts"), item.counts, answers, "antwoord")
        for j, band in enumerate(scale.bands):
            if band.severity not in severities:
                fc.add(
                    (*base, "bands", j, "severity"),
                    f"onbekende ernst '{band.severity}'; {did_you_mean(band.severity, severities)}",
                )
        _check_bands(
            fc, (*base, "bands"), [(b.min, b.max) for b in scale.bands], "min", "max", len(numbers)
        )
        for name in scale.type_threshold:
            if name not in types:
                fc.add((*base, "type_threshold", name), f"onbekende soort eenzaamheid '{name}'")


def _severity_ranges(ff: Any, fc: Problems) -> None:
    """Each severity's score range (min_score, max_score), from the 11-item scale's bands:
    the profile's `score` is on that scale, and the ranges are written once, there."""
    scale = next((s for s in ff.scales if len(s.items) == SCORE_MAX), None)
    if scale is None:
        fc.add(("scales",), f"geen schaal met {SCORE_MAX} items: die geeft de ernst bij een score")
        return
    bands = {}
    for band in scale.bands:
        if band.severity in bands:
            fc.add(("scales",), f"ernst '{band.severity}' heeft twee banden in {scale.id}")
        bands[band.severity] = band
    for i, s in enumerate(ff.severities):
        band = bands.get(s.id)
        if band is None:
            fc.add(("severities", i), f"ernst '{s.id}' heeft geen band in schaal {scale.id}")
            band_range = (-1, -1)  # never matches a score
        else:
            band_range = (band.min, band.max)
        # set beside the validated fields (also on pydantic models, which keep them in __dict__)
        s.__dict__["min_score"], s.__dict__["max_score"] = band_range


def check_data_dir(data_dir: str | Path) -> list[Problem]:
    """Every problem in a knowledge-base folder (empty when it is fine)."""
    try:
        build(Path(data_dir))
    except UserError as e:
        return e.problems
    return []
