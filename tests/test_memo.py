"""The batch memo gives exactly the advice the engine gives, and covers every profile field."""

from __future__ import annotations

import dataclasses
import json
import random
import typing

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
