"""Invariants of the scoring model over random valid profiles (issue 10)."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from tests.test_properties import KB, profiles
from wat_werkt.core.engine import advise
from wat_werkt.core.profile import parse_profile


@given(profiles(), st.booleans())
def test_scoring_invariants(data, rank_all):
    profile = parse_profile(data, KB, "p.yaml", None)
    advice = advise(KB, profile, rank_all=rank_all)
    ranking = advice["ranking"]

    # Every intervention ranked once or excluded with a reason.
    ids = [r["id"] for r in ranking] + [e["id"] for e in advice["excluded"]]
    assert sorted(ids) == sorted(KB.by_id)
    assert all(e["reasons"] and all(e["reasons"]) for e in advice["excluded"])

    # Scores 0-100, ranks 1..n; relative scores and tie flags agree with the scores.
    assert [r["rank"] for r in ranking] == list(range(1, len(ranking) + 1))
    assert all(0 <= r["score"] <= 100 and 0 <= r["relative_score"] <= 100 for r in ranking)
    if ranking:
        assert ranking[0]["relative_score"] == (100 if ranking[0]["score"] > 0 else 0)
        assert not ranking[0]["tied_with_previous"]
    for prev, cur in zip(ranking, ranking[1:], strict=False):
        assert cur["score"] <= prev["score"]
        assert cur["tied_with_previous"] == (cur["score"] == prev["score"])
        assert cur["relative_score"] <= prev["relative_score"]
        if cur["tied_with_previous"]:
            assert cur["fit_label"] == prev["fit_label"]

    # No intervention indicated: empty ranking unless --all, then every item marked.
    if not advice["indicated"]:
        if rank_all:
            assert all(r.get("not_indicated") for r in ranking)
        else:
            assert ranking == []
    else:
        assert not any(r.get("not_indicated") for r in ranking)

    # Every reason carries only known sources; first steps too.
    for r in ranking:
        for x in r["reasons"]:
            assert x["text"] and all(s in KB.sources for s in x["sources"])
    for s in advice["first_steps"]:
        assert s["text"] and s["sources"] and all(x in KB.sources for x in s["sources"])

    # Deterministic.
    again = advise(KB, parse_profile(data, KB, "p.yaml", None), rank_all=rank_all)
    assert json.dumps(advice, ensure_ascii=False) == json.dumps(again, ensure_ascii=False)
