"""`compare --summary`: for how many profiles is each intervention a top fit, and for whom.

Counts are kept while the batch streams by (one advice at a time), so memory does not grow with
the number of profiles. Age groups are the bands of the dossier's prevalence figures.
"""

from __future__ import annotations

from typing import Any

from wat_werkt.core.knowledge import KnowledgeBase

UNKNOWN = "unknown"
MIXED = "mixed"


class Summary:
    def __init__(self, kb: KnowledgeBase, top: int):
        self.kb = kb
        self.top = top
        self.profiles = 0
        self.errors = 0
        self.error_list: list[dict[str, Any]] = []  # the located problems, for json and xlsx
        self.ids = [e.data.id for e in kb.interventions if e.data.kind == "intervention"]
        self.names = {e.data.id: e.data.name for e in kb.interventions}
        self.severities = [s.id for s in kb.factors_file.severities]
        by_age = kb.factors_file.figures.by_age
        self.bands = [(b.min, b.max) for b in by_age]
        if self.bands and self.bands[0][0] > 0:
            self.bands.insert(0, (0, self.bands[0][0] - 1))  # the young, below the figures
        # (group, band) -> number of profiles; (group, band, id) -> [top_1, top_k]
        self.sizes: dict[tuple[str, str], int] = {}
        self.counts: dict[tuple[str, str, str], list[int]] = {}
        # Every age range counted (the keys): the local offer is judged against these ages.
        self._band_of: dict[tuple[int, int], str] = {}

    def age_band(self, lo: int, hi: int) -> str:
        band = self._band_of.get((lo, hi))
        if band is None:
            band = next(
                (_label(a, b) for a, b in self.bands if a <= lo and hi <= b),
                MIXED,  # a range across several bands, as a whole target group may be
            )
            self._band_of[(lo, hi)] = band
        return band

    def add(self, advice: dict[str, Any]) -> None:
        self.profiles += 1
        age = advice["profile"]["age"]
        groups = (
            ("total", ""),
            ("severity", advice["severity"] or UNKNOWN),
            ("age", self.age_band(age["min"], age["max"])),
        )
        ranking = advice["ranking"][: self.top]
        for group in groups:
            self.sizes[group] = self.sizes.get(group, 0) + 1
            for item in ranking:
                counts = self.counts.get((*group, item["id"]))
                if counts is None:
                    counts = self.counts[(*group, item["id"])] = [0, 0]
                counts[1] += 1
                if item["rank"] == 1:
                    counts[0] += 1

    def result(self, offer: Any = None) -> dict[str, Any]:
        """The JSON of CONTRACT §7; with an offer, how many local entries each intervention has."""
        order = {i: n for n, i in enumerate(self.ids)}
        ids = sorted(self.ids, key=lambda i: (*(-c for c in self._get("total", "", i)), order[i]))
        severities = [s for s in (*self.severities, UNKNOWN) if ("severity", s) in self.sizes]
        bands = [_label(a, b) for a, b in self.bands] + [MIXED]
        bands = [b for b in bands if ("age", b) in self.sizes]
        items = []
        for i in ids:
            top_1, top_k = self._get("total", "", i)
            item: dict[str, Any] = {"id": i, "name": self.names[i], "top_1": top_1, "top_k": top_k}
            for group, keys in (("severity", severities), ("age", bands)):
                item[f"by_{group}"] = {
                    k: dict(zip(("top_1", "top_k"), self._get(group, k, i), strict=True))
                    for k in keys
                }
            if offer is not None:
                item.update(self._local(offer, i))
            items.append(item)
        return {
            "profiles": self.profiles,
            "errors": self.errors,
            "top": self.top,
            "severity": {s: self.sizes[("severity", s)] for s in severities},
            "age": {b: self.sizes[("age", b)] for b in bands},
            "interventions": items,
            "error_list": self.error_list,
        }

    def _local(self, offer: Any, i: str) -> dict[str, Any]:
        """The entries that serve at least one counted profile (the union of the advices'
        `local_offer`): an entry for ages nobody counted has is no offer for these residents."""
        ages = self._band_of
        fit = [e for e in offer.by_id.get(i, ()) if any(e.fits(lo, hi) for lo, hi in ages)]
        # Who offers it: each provider once, in the offer file's order; outdated when none
        # of its entries for this intervention was updated in the last 12 months
        providers = list(dict.fromkeys(e.provider for e in fit))
        fresh = {e.provider for e in fit if not e.outdated}
        return {
            "local_providers": len(fit),
            "providers": providers,
            "outdated_providers": [p for p in providers if p not in fresh],
        }

    def _get(self, group: str, band: str, i: str) -> list[int]:
        return self.counts.get((group, band, i), [0, 0])


def _label(lo: int, hi: int) -> str:
    return f"{lo}+" if hi >= 120 else f"{lo}-{hi}"
