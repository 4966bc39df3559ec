"""The batch memo gives exactly the advice the engine gives, and covers every profile field."""

from __future__ import annotations

import dataclasses
import json
import random
import typing

import pytest

from wat_werkt.core.engine import advise
from wat_werkt.core.memo import KEY_FIELDS, PATCHED_FIELDS, SLIM_DROPS, SLIM_KEYS, AdviceMemo
from wat_werkt.core.profile import Profile, parse_profile

ANSWERS = ["ja", "nee", "min of meer"]


def _profiles(kb, count: int, seed: int = 3):
    """Survey-like profiles that repeat except for name and scale answers."""
    rnd = random.Random(seed)
    for i in range(count):
        data = {
            "name": f"R{i}",
            "age": rnd.choice([{"min": 65, "max": 74}, {"min": 75, "max": 84}, 40]),
            "situation": rnd.sample(
                ["lives_alone", "widowed", "health_problems"], rnd.randint(0, 2)
            ),
        }
        if rnd.random() < 0.5:
            data["loneliness"] = {"answers": [rnd.choice(ANSWERS) for _ in range(11)]}
        else:
            data["loneliness"] = {"types": ["social"], "score": rnd.randint(0, 11)}
        yield parse_profile(data, kb, "x.yaml", None)


def _json(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=False)


def test_memo_output_is_identical_to_the_engine(kb):
    memo = AdviceMemo(kb)
    for p in _profiles(kb, 300):
        assert _json(memo.advise(p)) == _json(advise(kb, p))
    assert memo.hits > 100  # the profiles do repeat, so the cache is really exercised


def test_slim_memo_keeps_the_top_of_the_same_advice(kb):
    memo = AdviceMemo(kb, slim=True, top=3)
    for p in _profiles(kb, 200, seed=5):
        fresh = advise(kb, p)
        want = {k: fresh[k] for k in SLIM_KEYS}
        want["ranking"] = [
            {k: v for k, v in r.items() if k not in SLIM_DROPS} for r in want["ranking"][:3]
        ]
        assert _json(memo.advise(p)) == _json(want)
    assert memo.hits > 50


def test_callers_cannot_spoil_the_cache(kb):
    memo = AdviceMemo(kb)
    a, b = (parse_profile({"name": n, "age": 70}, kb, "x", None) for n in "AB")
    first = memo.advise(a)
    first["file"] = "a.yaml"
    first["ranking"] = []
    second = memo.advise(b)
    assert "file" not in second and second["ranking"]
    assert second["profile"]["name"] == "B" and first["profile"]["name"] == "A"


def test_the_key_covers_every_profile_field():
    """A new profile field must be added to the memo key (or patched), or advice would mix up."""

    hints = typing.get_type_hints(Profile)
    actual = {}
    for f in dataclasses.fields(Profile):
        t = hints[f.name]
        nested = (
            tuple(sorted(g.name for g in dataclasses.fields(t)))
            if dataclasses.is_dataclass(t)
            else None
        )
        actual[f.name] = nested
    covered = {}
    for name in {*KEY_FIELDS, *PATCHED_FIELDS}:
        parts = (KEY_FIELDS.get(name) or ()) + (PATCHED_FIELDS.get(name) or ())
        covered[name] = tuple(sorted(parts)) or None
    assert actual == covered


def test_a_field_the_profile_class_does_not_type_yet_is_in_the_key(kb):
    """data/profile.yaml may gain a field before Profile does; the checker keeps it as a plain
    attribute, and profiles that differ in it must not share advice."""
    from wat_werkt.core.memo import key

    a, b = (parse_profile({"name": n, "age": 70}, kb, "x", None) for n in "AB")
    assert key(a) == key(b)
    a.loneliness.duration = "years"
    b.loneliness.duration = "months"
    assert key(a) != key(b)
    b.loneliness.duration = "years"
    assert key(a) == key(b)


def test_repeats_after_many_distinct_profiles_are_still_cached(kb):
    """A folder of distinct profiles first, then a survey whose rows repeat: the memo must not
    have given up caching for the rest of the run."""
    memo = AdviceMemo(kb, slim=True, top=3)
    for i in range(400):  # all distinct: the memo stops caching most of them
        age = {"min": i % 100 + 12, "max": i % 100 + 12 + i // 100}
        memo.advise(parse_profile({"name": f"D{i}", "age": age}, kb, "d.yaml", None))
    assert memo.hits == 0
    before = len(memo.cache)
    survey = list(_profiles(kb, 600, seed=5))
    for p in survey:
        memo.advise(p)
    assert len(memo.cache) > before
    fresh = AdviceMemo(kb, slim=True, top=3)
    for p in survey:
        fresh.advise(p)
    assert memo.hits > fresh.hits * 0.6  # most of the survey's repeats are found again


SITUATIONS = ["widowed", "lives_alone", "health_problems", "small_network", "limited_mobility"]


def _varied(kb, count: int, seed: int):
    """Survey-like profiles over all ages, naming their situations in any order."""
    rnd = random.Random(seed)
    answers = [[rnd.choice(ANSWERS) for _ in range(11)] for _ in range(3)]
    for i in range(count):
        lo = rnd.choice([15, 35, 65, 85])
        data = {
            "name": f"V{i}",
            "age": {"min": lo, "max": min(120, lo + rnd.choice([0, 9]))},
            "situation": rnd.sample(SITUATIONS, rnd.choice([0, 1, 1, 2])),
            "loneliness": {"answers": rnd.choice(answers)},
        }
        if rnd.random() < 0.3:
            data["gender"] = rnd.choice(["female", "male"])
        yield parse_profile(data, kb, "x.yaml", None)


def _cut(advice, top):
    """What a slim memo must give: the whole advice's SLIM_KEYS, its top items without drops."""
    want = {k: advice[k] for k in SLIM_KEYS}
    want["ranking"] = [
        {k: v for k, v in r.items() if k not in SLIM_DROPS} for r in want["ranking"][:top]
    ]
    return want


@pytest.mark.parametrize("top", [1, 3, None])
def test_slim_memo_with_an_offer_is_the_whole_advice_with_offer_then_cut(kb, top):
    """The memo attaches the local offer to the kept top items of a brief advice only: the same
    as the whole advice with the offer on every item, then cut."""
    import datetime as dt

    from wat_werkt.core.offer import load_offer

    offer = load_offer("examples/aanbod/sociale-kaart.yaml", kb, dt.date(2026, 11, 24))
    memo = AdviceMemo(kb, slim=True, top=top, prepare=offer.prepare, finish=offer.finish)
    offered = 0
    for p, twin in zip(_varied(kb, 250, seed=11), _varied(kb, 250, seed=11), strict=True):
        offer.prepare(twin)
        whole = advise(kb, twin)
        offer.finish(twin, whole)
        got = memo.advise(p)
        assert _json(got) == _json(_cut(whole, top))
        offered += sum(bool(item["local_offer"]) for item in got["ranking"])
    assert memo.hits > 50 and offered > 100  # the cache and the offer are both exercised


def test_situations_in_another_order_share_a_slim_advice_but_keep_their_order(kb):
    def person(name, situation):
        return parse_profile({"name": name, "age": 70, "situation": situation}, kb, "x", None)

    a = person("A", ["widowed", "lives_alone"])
    b = person("B", ["lives_alone", "widowed"])
    memo = AdviceMemo(kb, slim=True, top=3)
    memo.advise(a)
    got = memo.advise(b)
    assert (memo.hits, memo.misses) == (1, 1)
    assert got["profile"]["situation"] == ["lives_alone", "widowed"]
    assert _json(got) == _json(_cut(advise(kb, b), 3))
    # A whole advice lists the situations in the profile's order (its analysis): not shared
    whole = AdviceMemo(kb)
    whole.advise(a)
    assert _json(whole.advise(b)) == _json(advise(kb, b))
    assert whole.misses == 2


def test_a_small_memo_gives_the_same_advice(kb, monkeypatch):
    """Memory is bounded: advices and shared items beyond the bounds are simply not kept."""
    from wat_werkt.core import memo as memo_module

    monkeypatch.setattr(memo_module, "SHARED_SIZE", 4)
    memo = AdviceMemo(kb, slim=True, top=3, size=5)
    for p, twin in zip(_varied(kb, 200, seed=12), _varied(kb, 200, seed=12), strict=True):
        assert _json(memo.advise(p)) == _json(_cut(advise(kb, twin), 3))
    assert len(memo.cache) == 5 and len(memo.shared) == 4 and memo.hits > 0


def test_slim_advices_share_their_equal_ranked_items(kb):
    """Many profiles have the same top items: each is kept once, not once per profile."""
    memo = AdviceMemo(kb, slim=True, top=3)
    for p in _varied(kb, 300, seed=13):
        memo.advise(p)
    items = [item for advice in memo.cache.values() for item in advice["ranking"]]
    assert len({id(item) for item in items}) < len(items) / 3


def test_a_profile_that_keeps_coming_stays_cached(kb):
    """Least recently used out first: one profile between many others is advised once."""
    memo = AdviceMemo(kb, slim=True, top=3, size=10)
    for i in range(100):
        age = {"min": i % 50 + 20, "max": i % 50 + 20 + i // 50}
        memo.advise(parse_profile({"name": f"D{i}", "age": age}, kb, "d.yaml", None))
        memo.advise(parse_profile({"name": "R", "age": 90}, kb, "r.yaml", None))
    assert memo.misses == 101
