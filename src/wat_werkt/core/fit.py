"""How an intervention fits a profile: the fit.* fields that rules in data/ test.

restriction_fit: how the profile meets what the intervention is restricted to (ages, gender,
setting, required situations), what eligibility rules test; match_fit: how well it matches
(situations, kinds of loneliness, preferences, offer, readiness, direction), what scoring rules
test; fixed_fit: the fields that are the same for every profile. Also the age arithmetic they
rest on: a group's ages are taken as spread evenly over its range, and an age word's convention
(age_conventions in factors.yaml) may admit a margin below its bound that fits partly.
"""

from __future__ import annotations

from typing import Any

from wat_werkt.core.directions import RANK_NAMES
from wat_werkt.core.kb_records import AgeConvention, AgeLimit, TargetGroup
from wat_werkt.core.knowledge import InterventionEntry, KnowledgeBase
from wat_werkt.core.profile import Profile

# The fit fields match_fit gives; restriction_fit gives the others.
MATCH_FIELDS = frozenset(
    {"fit.situations", "fit.types", "fit.preference", "fit.available", "fit.readiness"}
    | {"fit.direction"}
)


def fixed_fit(entry: InterventionEntry, static: dict[str, Any]) -> dict[str, Any]:
    """The fit.* fields that are the same for every profile, because the intervention sets no
    restriction there (they are what restriction_fit and match_fit give for any profile)."""
    iv = entry.data
    tg = iv.target_group
    fixed: dict[str, Any] = {}
    if tg.age is None:
        fixed.update(
            {"fit.age": "yes", "fit.age_share": 100, "fit.age_outside": 0, "fit.age_margin": 0}
        )
    if static["_any_gender"]:
        fixed["fit.gender"] = "yes"
    if tg.settings is None:
        fixed["fit.setting"] = "yes"
    if not tg.required_situations:
        fixed["fit.required_situations"] = "yes"
    if not static["_fitting"]:
        fixed["fit.situations"] = 0
    if not iv.formats:
        fixed["fit.preference"] = "unknown"
    if not iv.types:
        fixed["fit.types"] = "unknown"
    if not iv.requires_readiness:
        fixed["fit.readiness"] = "yes"
    if not iv.directions:
        fixed["fit.direction"] = "none"
    return fixed


def restriction_fit(
    entry: InterventionEntry, static: dict[str, Any], p: Profile, ctx: dict[str, Any]
) -> dict[str, Any]:
    """ctx with how the profile meets the intervention's restrictions (ages, gender, setting,
    required situations) added: the fit.* fields that eligibility rules test."""
    tg = entry.data.target_group
    # fit values: yes (no restriction), targeted (restricted and met), partial, no.
    # A group's ages are taken as spread evenly over its range: share = the part inside.
    # Below an age word's conventional bound ("ouderen": 65+) lies a margin that fits partly
    # (age_conventions.partial_from): share counts it, margin is the part only it admits.
    bounds = static["_age_bounds"]
    if bounds is None:
        age, share, margin = "yes", 100, 0
    else:  # several interventions share bounds (65+, ...): worked out once per profile
        age_fits = ctx["_age_fits"]
        known = age_fits.get(bounds)
        if known is None:
            lo, hi = ctx["age.min"], ctx["age.max"]
            a_min, a_max, a_from = bounds
            core = share_of(lo, hi, a_min, a_max)
            share = share_of(lo, hi, a_from, a_max)
            fit = "targeted" if core == 100 else ("partial" if share > 0 else "no")
            known = age_fits[bounds] = (fit, share, share - core)
        age, share, margin = known
    if static["_any_gender"]:
        gender = "yes"
    elif p.gender == "mixed":
        gender = "partial"
    else:
        gender = "targeted" if p.gender in (tg.genders or ()) else "no"
    if tg.settings is None:
        setting = "yes"
    elif p.setting in tg.settings:
        setting = "targeted"
    else:
        setting = "partial" if p.setting in tg.settings_adapted else "no"
    if not tg.required_situations:
        required = "yes"
    else:
        required = "targeted" if ctx["situation"].intersection(tg.required_situations) else "no"
    ctx["fit.age"] = age
    ctx["fit.age_share"] = share
    ctx["fit.age_outside"] = 100 - share
    ctx["fit.age_margin"] = margin
    ctx["fit.gender"] = gender
    ctx["fit.setting"] = setting
    ctx["fit.required_situations"] = required
    return ctx


def match_fit(
    entry: InterventionEntry,
    static: dict[str, Any],
    p: Profile,
    ctx: dict[str, Any],
    top_directions: list[str],
) -> None:
    """Add to ctx how well the intervention matches the profile (MATCH_FIELDS): what scoring
    rules test. top_directions: the profile's first RANK_NAMES directions, best first."""
    iv = entry.data
    situation = ctx["situation"]
    prefs = ctx["preferences.formats"]
    if not prefs or not iv.formats:
        preference = "unknown"
    else:
        preference = "yes" if prefs.intersection(iv.formats) else "no"
    if p.available is None:
        available = "unknown"
    else:
        available = "yes" if iv.id in p.available else "no"
    if not p.loneliness.types or not iv.types:
        types = "unknown"  # the dossier names a type for few interventions
    else:
        types = "yes" if ctx["loneliness.types"].intersection(iv.types) else "no"
    readiness = "yes"
    for field in static["_readiness_fields"]:
        if ctx[field] == "no":
            readiness = "no"
    direction = "none"  # the best rank among its directions, when one of the first three
    for n, d in enumerate(top_directions):
        if d in static["intervention.directions"]:
            direction = RANK_NAMES[n]
            break
    ctx["fit.situations"] = len(situation & static["_fitting"]) if situation else 0
    ctx["fit.types"] = types
    ctx["fit.preference"] = preference
    ctx["fit.available"] = available
    ctx["fit.readiness"] = readiness
    ctx["fit.direction"] = direction


def age_overlap(p: Profile, lo: int, hi: int) -> tuple[int, int]:
    return max(p.age.min, lo), min(p.age.max, hi)


def profile_share(p: Profile, lo: int, hi: int) -> int:
    """The percentage of the profile's ages within lo-hi, ages spread evenly over its range."""
    return share_of(p.age.min, p.age.max, lo, hi)


def share_of(a_min: int, a_max: int, lo: int, hi: int) -> int:
    first, last = max(a_min, lo), min(a_max, hi)
    return round(100 * max(0, last - first + 1) / (a_max - a_min + 1))


def age_convention(kb: KnowledgeBase, age: AgeLimit | None) -> AgeConvention | None:
    if age is None or age.convention is None:
        return None
    return next((c for c in kb.factors_file.age_conventions if c.word == age.convention), None)


def age_from(kb: KnowledgeBase, age: AgeLimit | None) -> int:
    """The lowest age that fits at least partly: a convention's margin, else the bound."""
    if age is None:
        return 0
    conv = next((c for c in kb.factors_file.age_conventions if c.word == age.convention), None)
    return conv.partial_from if conv and conv.partial_from is not None else age.min


def factor_conventions(kb: KnowledgeBase, entry: InterventionEntry) -> dict[str, Any]:
    """Per factor of the intervention: the age convention its weight follows, or None."""
    own = entry.data.target_group.age
    out = {}
    for use in entry.factors:
        word = use.factor.age_word
        conv = next((c for c in kb.factors_file.age_conventions if c.word == word), None)
        if conv is not None:
            lowest = conv.min if conv.partial_from is None else conv.partial_from
            if own is not None and own.min >= lowest and own.max <= conv.max:
                conv = None  # made for that age group by its own bound
        out[use.factor.id] = conv
    return out


def fitting_situations(tg: TargetGroup, boosted: frozenset[str]) -> list[str]:
    """Situations that add to the fit. One fact lifts once: a required one that is met already
    scores as what the intervention was made for (designed_for_situation), and one that raises
    a working factor's weight (a boost) already scores there, so neither counts again here."""
    return [
        s for s in tg.fitting_situations if s not in tg.required_situations and s not in boosted
    ]


def boosted_situations(entry: InterventionEntry) -> frozenset[str]:
    """The situation codes that a boost of one of the intervention's factors tests."""
    codes: set[str] = set()
    for use in entry.factors:
        for boost in use.factor.boosts or []:
            _situation_codes(boost.when, codes)
    return frozenset(codes)


def _situation_codes(raw: Any, out: set[str]) -> None:
    if isinstance(raw, dict):
        for key, value in raw.items():
            if key == "situation" and isinstance(value, dict):
                for op in ("any", "all"):  # the codes whose presence lifts, not `none`
                    out.update(value.get(op) or [])
            elif key != "not":
                _situation_codes(value, out)
    elif isinstance(raw, list):
        for item in raw:
            _situation_codes(item, out)
