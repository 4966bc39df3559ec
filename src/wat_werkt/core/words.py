"""The words a rule's text in data/ may use ({name}, {fitting_ages}, ...), in Dutch.

Words about the intervention alone are worked out once (static_words), those about the profile
once per advice (profile_words), and those about how the two fit only when a text needs one
(TemplateWords): most texts need none, and they are filled for every intervention.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from wat_werkt.core.fit import age_overlap, profile_share
from wat_werkt.core.kb_records import AgeLimit
from wat_werkt.core.knowledge import GENDER_LABELS, SETTING_LABELS, InterventionEntry, KnowledgeBase
from wat_werkt.core.profile import Profile


def age_text(lo: int, hi: int) -> str:
    """An age range as Dutch text: 75 jaar, 65+, tot en met 18 jaar, 55-64 jaar."""
    if lo == hi:
        return f"{lo} jaar"
    if hi >= 120:
        return f"{lo}+"
    if lo <= 0:
        return f"tot en met {hi} jaar"
    return f"{lo}-{hi} jaar"


def _target_age(age: AgeLimit | None) -> str:
    if age is None:
        return "alle leeftijden"
    years = age_text(age.min, age.max)
    return f"{age.convention} ({years})" if age.convention else years


def _ages_words(lo: int, hi: int) -> str:
    return f"{lo}-jarigen" if lo == hi else f"{lo}- tot {hi}-jarigen"


def static_words(kb: KnowledgeBase, entry: InterventionEntry) -> dict[str, str]:
    """Template words about the intervention alone (cached with its static context)."""
    iv = entry.data
    tg = iv.target_group
    genders = tg.genders
    return {
        "name": iv.name,
        "target_age": _target_age(tg.age),
        "age_word": (tg.age and tg.age.convention) or "",
        "target_gender": " en ".join(GENDER_LABELS[g] for g in genders) if genders else "iedereen",
        "target_settings": ", ".join(SETTING_LABELS[s] for s in tg.settings)
        if tg.settings
        else "iedereen",
        "required_situations": " of ".join(kb.situations[s].label for s in tg.required_situations),
        "status_label": kb.statuses[iv.status].label,
        "availability": iv.availability or "",
    }


class TemplateWords(dict[str, str]):
    """Template words, those about the fit (fit_words) computed only when a text first needs
    one (most interventions' texts use none, and advise runs for every intervention)."""

    def __init__(self, static_words: dict[str, str], compute: Callable[[], dict[str, str]]) -> None:
        super().__init__(static_words)
        self._compute: Callable[[], dict[str, str]] | None = compute

    def __missing__(self, key: str) -> str:
        if self._compute is None:
            raise KeyError(key)
        self.update(self._compute())
        self._compute = None
        return self[key]


def profile_words(kb: KnowledgeBase, p: Profile, order: list[str]) -> dict[str, str]:
    """The template words about the profile alone: the same for every intervention."""
    return {
        "profile_age": age_text(p.age.min, p.age.max),
        "first_direction_label": kb.directions[order[0]].label.lower() if order else "",
    }


def fit_words(
    kb: KnowledgeBase,
    static: dict[str, Any],
    entry: InterventionEntry,
    p: Profile,
    ctx: dict[str, Any],
    order: list[str],
) -> dict[str, str]:
    """The template words about how the intervention fits the profile."""
    best = next((d for d in order if d in static["intervention.directions"]), None)
    age = entry.data.target_group.age
    start = static["_age_from"]
    # core: within the bound; margin: below a convention's bound, fits partly; admitted: both
    lo, hi = age_overlap(p, age.min, age.max) if age else (p.age.min, p.age.max)
    a_lo, a_hi = age_overlap(p, start, age.max) if age else (p.age.min, p.age.max)
    m_lo, m_hi = age_overlap(p, start, age.min - 1) if age else (0, -1)
    outside = (
        [(p.age.min, min(p.age.max, start - 1)), (max(p.age.min, age.max + 1), p.age.max)]
        if age
        else []
    )
    margin_ages = _ages_words(m_lo, m_hi)
    return {
        "fitting_ages": _ages_words(lo, hi),
        "admitted_ages": _ages_words(a_lo, a_hi),
        "margin_ages": margin_ages,
        # one person: "Met 58 jaar valt het profiel", a group: "De 55- tot 64-jarigen vallen"
        "margin_subject": f"Met {p.age.min} jaar valt het profiel"
        if p.age.min == p.age.max
        else f"De {margin_ages} vallen",
        "outside_ages": " en de ".join(_ages_words(a, b) for a, b in outside if a <= b),
        "core_share": str(profile_share(p, age.min, age.max) if age else 100),
        "age_share": str(ctx["fit.age_share"]),
        "age_outside": str(ctx["fit.age_outside"]),
        "matched_situations": ", ".join(
            kb.situations[s].label for s in static["_fitting_list"] if s in ctx["situation"]
        ),
        "direction_label": kb.directions[best].label.lower() if best else "",
    }


def fill(text: str, words: dict[str, str] | None) -> str:
    assert words is not None, "a brief advice fills no texts"
    return text.format_map(words)
