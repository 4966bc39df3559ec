"""Invariants over random valid profiles, and a fuzz test of the profile loader.

Longer local run: HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest tests/test_properties.py
"""

from __future__ import annotations

import io
import json

from hypothesis import given
from hypothesis import strategies as st
from ruamel.yaml import YAML

from wat_werkt.core.engine import advise
from wat_werkt.core.errors import UserError
from wat_werkt.core.kb_load import load_kb
from wat_werkt.core.profile import parse_profile
from wat_werkt.core.yamlio import load

KB = load_kb()
TRI = st.sampled_from(["yes", "no", "unknown", "ja", "nee", True, False])


@st.composite
def profiles(draw):
    lo = draw(st.integers(0, 120))
    hi = draw(st.integers(lo, 120))
    loneliness = {
        "types": draw(st.lists(st.sampled_from(sorted(KB.types)), min_size=1, unique=True))
    }
    if draw(st.booleans()):
        loneliness["score"] = draw(st.integers(0, 11))
    elif draw(st.booleans()):
        loneliness["severity"] = draw(st.sampled_from([s.id for s in KB.factors_file.severities]))
    return {
        "name": draw(st.text(min_size=1, max_size=20).filter(str.strip)),
        "age": draw(st.one_of(st.just(lo), st.just({"min": lo, "max": hi}))),
        "gender": draw(st.sampled_from(["female", "male", "mixed"])),
        "setting": draw(st.sampled_from(["home", "residential_care", "nursing_home"])),
        "loneliness": loneliness,
        "situation": draw(
            st.lists(st.sampled_from(sorted(KB.situations)), unique=True, max_size=8)
        ),
        "readiness": {"aware": draw(TRI), "motivated": draw(TRI), "able": draw(TRI)},
        "digital": {
            "skills": draw(st.sampled_from(["none", "basic", "good", "unknown"])),
            "internet": draw(TRI),
        },
        "preferences": {
            "formats": draw(st.lists(st.sampled_from(sorted(KB.formats)), unique=True))
        },
        "available": draw(st.lists(st.sampled_from(sorted(KB.by_id)), unique=True, max_size=5)),
    }


@given(profiles(), st.booleans())
def test_advice_invariants(data, include_unavailable):
    profile = parse_profile(data, KB, "p.yaml", None)
    advice = advise(KB, profile, include_unavailable)
    ranking, excluded = advice["ranking"], advice["excluded"]

    # Scores bounded, ranks 1..n in score order.
    assert all(0 <= r["score"] <= 100 for r in ranking)
    assert [r["rank"] for r in ranking] == list(range(1, len(ranking) + 1))
    assert [r["score"] for r in ranking] == sorted((r["score"] for r in ranking), reverse=True)

    # Ranked and excluded partition the knowledge base; every exclusion has a reason.
    ranked_ids = [r["id"] for r in ranking]
    excluded_ids = [e["id"] for e in excluded]
    assert len(set(ranked_ids)) == len(ranked_ids)
    assert not set(ranked_ids) & set(excluded_ids)
    assert sorted(ranked_ids + excluded_ids) == sorted(KB.by_id)
    assert all(e["reasons"] and all(e["reasons"]) for e in excluded)

    # Excluded never ranked: unavailable, structural, no internet for online-only.
    for r in ranking:
        iv = KB.by_id[r["id"]].data
        assert iv.kind == "intervention"
        if not include_unavailable:
            assert KB.statuses[iv.status].rankable
        if iv.requires_internet:
            assert profile.digital.internet != "no"

    # Each warning appears exactly when its condition holds.
    codes = {w["code"] for w in advice["warnings"]}
    assert ("readiness.not_aware" in codes) == (profile.readiness.aware == "no")
    assert ("readiness.not_motivated" in codes) == (profile.readiness.motivated == "no")
    assert ("readiness.not_able" in codes) == (profile.readiness.able == "no")
    assert ("age.youth" in codes) == (profile.age.min < 18)
    assert ("scope.existential" in codes) == ("existential" in profile.loneliness.types)
    assert ("severity.not_lonely" in codes) == (profile.severity_id == "not_lonely")

    # Deterministic: the same input gives the same bytes.
    again = advise(KB, parse_profile(data, KB, "p.yaml", None), include_unavailable)
    assert json.dumps(advice, ensure_ascii=False) == json.dumps(again, ensure_ascii=False)


# --- fuzzing the loader: only the user-error type may escape ---------------------------


def _through_loader(text: str) -> None:
    try:
        parse_profile(load(text, "fuzz.yaml"), KB, "fuzz.yaml", text)
    except UserError as e:
        assert e.problems and all(str(p).startswith("fuzz.yaml") for p in e.problems)


@given(st.text(max_size=300))
def test_random_text_only_raises_user_errors(text):
    _through_loader(text)


KEYS = st.sampled_from(
    [
        "name",
        "age",
        "gender",
        "setting",
        "loneliness",
        "types",
        "score",
        "severity",
        "situation",
        "readiness",
        "aware",
        "digital",
        "internet",
        "available",
        "min",
        "max",
        "preferences",
        "formats",
        "x",
        "leeftijd",
    ]
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 200),
    st.floats(allow_nan=False),
    st.text(max_size=10),
    st.sampled_from(sorted(KB.situations)),
)
STRUCTURES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=5)),
    max_leaves=25,
)


@given(st.dictionaries(KEYS, STRUCTURES, max_size=8))
def test_random_yaml_structures_only_raise_user_errors(data):
    buf = io.StringIO()
    YAML(typ="safe", pure=True).dump(data, buf)
    _through_loader(buf.getvalue())


# --- big integers and control characters anywhere in a profile ------------------------------

BIG_INTS = st.one_of(
    st.integers(min_value=10**18, max_value=10**60), st.integers(max_value=-(10**18))
).map(str) | st.integers(101, 6000).map(lambda n: "9" * n)
CONTROL_TEXT = st.text(
    alphabet=st.sampled_from(["\x1b", "\x07", "\x9b", "\u202e", "\x00", "\r", "a", "[", "]", "/"]),
    min_size=1,
    max_size=12,
)


@given(st.sampled_from(["age", "age.min", "loneliness.score", "name", "x"]), BIG_INTS)
def test_big_integers_are_user_errors(where, digits):
    data = {"name": "x", "age": 70, "loneliness": {"types": ["social"], "score": 3}}
    keys = where.split(".")
    if keys == ["age", "min"]:
        data["age"] = {"min": 0, "max": 80}
    target = data
    for k in keys[:-1]:
        target = target[k]
    target[keys[-1]] = "__BIG__"
    buf = io.StringIO()
    YAML(typ="safe", pure=True).dump(data, buf)
    _through_loader(buf.getvalue().replace("__BIG__", digits))


@given(CONTROL_TEXT)
def test_control_characters_never_reach_error_text_raw(text):
    data = {"name": "x", "age": 70, text: 1, "gender": text}
    try:
        parse_profile(data, KB, "fuzz" + text + ".yaml", None)
    except UserError as e:
        shown = "\n".join(str(p) for p in e.problems)
        assert not any(c in shown for c in "\x1b\x07\x9b\u202e\x00\r")
