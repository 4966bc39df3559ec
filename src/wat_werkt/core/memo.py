"""Advice for batches: profiles the engine cannot tell apart are advised once.

Survey rows repeat: the same age band, severity, kinds of loneliness and situation recur
thousands of times, with only the name and the raw scale answers differing. Those two appear in
the advice only as `profile.name` and `analysis.scale`, so a cached advice is reused with just
those patched in (a slim advice also its own `profile.situation`, see `key`): the output stays
byte-identical to advising each profile afresh (tested). The cache is bounded (least recently
used out first), so memory stays flat however long the batch.
"""

from __future__ import annotations

import dataclasses
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from wat_werkt.core.engine import BRIEF_DROPS, BRIEF_KEYS, advise
from wat_werkt.core.knowledge import KnowledgeBase
from wat_werkt.core.profile import SECTIONS, Profile

# The keys of the advice a batch output needs when it does not print whole advice objects
# (csv rows, the summary): the engine computes only these, and the cache keeps only these.
SLIM_KEYS = BRIEF_KEYS
SLIM_DROPS = set(BRIEF_DROPS)  # the bulk of a ranked item; rows and counts show none of it

# Every field of a profile that the key below covers, or that is patched in afterwards.
# tests/test_memo.py fails when the profile gains a field that is missing here.
KEY_FIELDS = {
    "age": ("min", "max"),
    "gender": None,
    "setting": None,
    "loneliness": ("types", "score", "severity", "chronic"),
    "situation": None,
    "readiness": ("aware", "motivated", "able"),
    "digital": ("skills", "internet"),
    "preferences": ("formats",),
    "available": None,
    "severity_id": None,
}
PATCHED_FIELDS = {"name": None, "loneliness": ("answers", "scale")}


def _typed(cls: type) -> int:
    return len(dataclasses.fields(cls))


# How many attributes each part of a profile has when it holds only its typed fields.
_SIZES = {
    "profile": _typed(Profile),
    **{name: _typed(cls) for name, cls in SECTIONS.items()},
}


def _extras(p: Profile) -> tuple:
    """Fields of data/profile.yaml that the Profile class does not type yet (kept as plain
    attributes by the checker): part of the key too, so a new field can never mix advice up."""
    if len(vars(p)) == _SIZES["profile"]:
        for name in SECTIONS:  # a plain loop: this runs for every row of a survey
            if len(vars(getattr(p, name))) != _SIZES[name]:
                break
        else:
            return ()  # the usual case: one len() per part
    parts = [("profile", p), *((name, getattr(p, name)) for name in SECTIONS)]
    return tuple(
        (name, k, repr(v))
        for name, obj in parts
        for k, v in sorted(vars(obj).items())
        if k not in {f.name for f in dataclasses.fields(type(obj))}
    )


def key(p: Profile, slim: bool = False) -> tuple:
    """The profile as the engine sees it, without the name and the raw scale answers.

    slim: for a brief advice, which reads the situation only as a set (and lists it in
    `profile.situation`, patched in): rows naming the same situations in another order share
    it (a survey with up to three situations a row: 2.7x fewer distinct profiles)."""
    lon, ready, digital = p.loneliness, p.readiness, p.digital
    return (
        _extras(p),
        p.age.min,
        p.age.max,
        p.gender,
        p.setting,
        tuple(lon.types),
        None if lon.scale else lon.score,  # a scale's total is patched in, like the scale
        lon.severity,
        lon.chronic,
        frozenset(p.situation) if slim else tuple(p.situation),
        ready.aware,
        ready.motivated,
        ready.able,
        digital.skills,
        digital.internet,
        tuple(p.preferences.formats),
        None if p.available is None else tuple(p.available),
        p.severity_id,
    )


def _engine_advise(
    kb: KnowledgeBase, p: Profile, include_unavailable: bool, brief: bool = False
) -> dict[str, Any]:
    return advise(kb, p, include_unavailable, brief=brief)


class AdviceMemo:
    """advise(profile) through a bounded cache; `slim` keeps only SLIM_KEYS and the top ranks."""

    def __init__(
        self,
        kb: KnowledgeBase,
        include_unavailable: bool = False,
        slim: bool = False,
        top: int | None = None,
        size: int | None = None,
        prepare: Callable[[Profile], None] | None = None,
        finish: Callable[[Profile, dict[str, Any]], None] | None = None,
    ):
        self.kb = kb
        self.include_unavailable = include_unavailable
        self.slim = slim
        self.top = top
        # A full advice is ~60 KB in memory; a slim one ~1 KB, its ranked items and warnings
        # shared with other advices (see _shared): both bounds stay well under 40 MiB.
        self.size = size or (SLIM_SIZE if slim else FULL_SIZE)
        self.prepare = prepare  # e.g. mark interventions offered locally as available
        self.finish = finish  # e.g. attach the local offer to ranked items
        self.cache: OrderedDict[tuple, dict[str, Any]] = OrderedDict()
        self.hits = self.misses = 0
        self.seen: dict[tuple, None] = {}  # keys of advices not kept (see advise)
        self.shared: dict[str, Any] = {}  # repr -> the one copy kept (see _shared)

    def advise(self, p: Profile) -> dict[str, Any]:
        if self.prepare:
            self.prepare(p)
        k = key(p, self.slim)
        cached = self.cache.get(k)
        if cached is None:
            return self._miss(p, k)
        self.hits += 1
        # Least recently used out first: a profile that keeps coming stays however many
        # others pass by once.
        self.cache.move_to_end(k)
        score = p.loneliness.score
        out = {**cached, "profile": {**cached["profile"], "name": p.name, "score": score}}
        if self.slim:  # the key has the situations as a set: these in this row's order
            out["profile"]["situation"] = list(p.situation)
        elif "analysis" in cached:
            scale = p.loneliness.scale
            if scale is not cached["analysis"].get("scale"):
                analysis = {**cached["analysis"], "scale": scale}
                if analysis["severity"]:
                    analysis["severity"] = {**analysis["severity"], "score": score}
                out["analysis"] = analysis
        return out

    def _miss(self, p: Profile, k: tuple) -> dict[str, Any]:
        self.misses += 1
        # A slim advice is brief; the finish step (the local offer) reads only the ids of the
        # ranked items it keeps, so it runs on those alone.
        advice = _engine_advise(self.kb, p, self.include_unavailable, self.slim)
        if self.slim:  # the engine gave only SLIM_KEYS, and items without SLIM_DROPS
            advice["ranking"] = advice["ranking"][: self.top]
        if self.finish:
            self.finish(p, advice)
        if self.hits * 8 < self.misses and self.misses >= 200 and k not in self.seen:
            # Profiles do not repeat here: keeping every advice would only cost. Their
            # keys are kept, so a profile that does come again is cached from then on
            # (a survey read after a folder of distinct profiles).
            if len(self.seen) >= self.size:
                del self.seen[next(iter(self.seen))]
            self.seen[k] = None
            return advice
        if self.slim:  # many profiles share their top items and warnings: keep each once
            advice["ranking"] = [self._shared(item) for item in advice["ranking"]]
            advice["warnings"] = self._shared(advice["warnings"])
        if len(self.cache) >= self.size:
            self.cache.popitem(last=False)
        self.cache[k] = advice
        return {**advice}

    def _shared(self, value: Any) -> Any:
        """An equal value kept earlier, else this one (kept while there is room). Advices
        share them read-only, as they share the cached advice itself."""
        r = repr(value)  # exact for what advice holds: str, int, float, bool, None, list, dict
        found = self.shared.get(r)
        if found is None:
            if len(self.shared) < SHARED_SIZE:
                self.shared[r] = value
            return value
        return found


FULL_SIZE = 600  # whole advices kept
SLIM_SIZE = 20_000  # slim advices kept
SHARED_SIZE = 20_000  # ranked items and warning lists kept (~1 KB each with their repr)
