"""The engine's shortcuts give the advice a straightforward evaluation gives.

core/plan.py decides every rule test on an intervention's own fields once; advise(brief=True)
skips the parts batch rows do not read. Both are checked here against the plain way: every
rule tested on the full context, and the whole advice cut down afterwards.
"""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from tests.test_properties import KB, profiles
from wat_werkt.core import engine, plan, prepared
from wat_werkt.core.conditions import CLOSURES, OPERATOR_FUNCTIONS, All, AnyOf, Not, closure
from wat_werkt.core.conditions import FIELDS as FIELD_DEFS
from wat_werkt.core.conditions import Test as FieldTest
from wat_werkt.core.profile import parse_profile


def _json(obj) -> str:
    return json.dumps(obj, ensure_ascii=False)


def _straight(profile, include_unavailable: bool, rank_all: bool) -> dict:
    """The advice with every rule tested in full for each intervention: plans that decide
    nothing in advance, no eligibility rule tested once for all interventions, and nothing
    worked out once per profile."""
    saved = prepared._STATIC, prepared._PER_KB, prepared.plan_for, engine._per_profile
    prepared._STATIC = {}
    prepared._PER_KB = {id(KB): prepared._PerKB(KB, plan.SharedEligibility(KB, []))}
    prepared.plan_for = lambda kb, entry, fixed, eligibility: plan.plain_plan(
        kb, entry, eligibility
    )
    engine._per_profile = _KeepsNothing  # each intervention's age weights worked out afresh
    try:
        return engine.advise(KB, profile, include_unavailable, rank_all)
    finally:
        prepared._STATIC, prepared._PER_KB, prepared.plan_for, engine._per_profile = saved


class _KeepsNothing(dict):
    def __setitem__(self, key, value) -> None:
        pass


@st.composite
def batch_profiles(draw):
    """test_properties' profiles, also without the local offer, kinds of loneliness or
    preferences: plans are specialised for what the profile leaves unknown too."""
    data = draw(profiles())
    for key in ("available", "preferences"):
        if draw(st.booleans()):
            del data[key]
    if draw(st.booleans()):
        del data["loneliness"]["types"]
    return data


@given(batch_profiles(), st.booleans(), st.booleans())
def test_planned_advice_equals_testing_every_rule(data, include_unavailable, rank_all):
    profile = parse_profile(data, KB, "p.yaml", None)
    _specialised()
    fast = engine.advise(KB, profile, include_unavailable, rank_all)
    assert _json(fast) == _json(_straight(profile, include_unavailable, rank_all))


def _specialised() -> None:
    """Make the engine use specialised plans from now on, as it does in a batch."""
    per_kb = prepared.prepared_for(KB)
    per_kb.uses = max(per_kb.uses, prepared.SPECIALISE_AT)


@given(batch_profiles(), st.booleans(), st.booleans())
def test_brief_advice_is_the_whole_advice_cut_down(data, include_unavailable, specialised):
    profile = parse_profile(data, KB, "p.yaml", None)
    saved = prepared._STATIC, prepared._PER_KB
    if specialised:
        _specialised()
    else:
        prepared._STATIC, prepared._PER_KB = {}, {}  # fresh: plain plans for the next few advices
    try:
        whole = engine.advise(KB, profile, include_unavailable)
        brief = engine.advise(KB, profile, include_unavailable, brief=True)
    finally:
        prepared._STATIC, prepared._PER_KB = saved
    cut = {k: whole[k] for k in engine.BRIEF_KEYS}
    cut["ranking"] = [
        {k: v for k, v in item.items() if k not in engine.BRIEF_DROPS} for item in cut["ranking"]
    ]
    assert _json(brief) == _json(cut)


def test_a_batch_really_uses_plans_that_leave_rules_out():
    """Without this the tests above could pass with plans that decide nothing."""
    _specialised()
    entry = KB.interventions[0]
    kept = len(_plan(entry, {}).eligibility) + len(_plan(entry, {}).scoring)
    assert kept < len(KB.eligibility) + len(KB.scoring) + len(entry.rules)
    # without preferences no intervention's fit.preference is known: rules on it are left out
    with_prefs = _plan(entry, {"preferences": {"formats": sorted(KB.formats)}})
    assert len(_plan(entry, {}).scoring) < len(with_prefs.scoring)


def _plan(entry, data: dict):
    data = {"name": "P", "age": 70, "loneliness": {"score": 5}, **data}
    profile = parse_profile(data, KB, "p.yaml", None)
    planned = prepared.prepared_for(KB).advising(engine.profile_context(profile))
    return next(plan for static, plan in planned if static["_entry"] is entry)


def _conditions(leaf, parts: int, leaves: int):
    """Conditions built of `leaf` tests with all, any and not."""
    return st.recursive(
        leaf,
        lambda inner: st.one_of(
            st.lists(inner, min_size=1, max_size=parts).map(All),
            st.lists(inner, min_size=1, max_size=parts).map(AnyOf),
            inner.map(Not),
        ),
        max_leaves=leaves,
    )


FIELDS = ["a", "b", "c"]
LEAF = st.builds(lambda f, v: FieldTest(f, "is", v), st.sampled_from(FIELDS), st.sampled_from("xy"))
NODES = _conditions(LEAF, parts=3, leaves=8)
VALUES = st.fixed_dictionaries({f: st.sampled_from("xy") for f in FIELDS})


@given(NODES, VALUES, st.sets(st.sampled_from(FIELDS)))
def test_specialise_agrees_with_the_condition(node, ctx, fixed_fields):
    fixed = {f: ctx[f] for f in fixed_fields}
    left = plan.specialise(node, fixed)
    assert (left if isinstance(left, bool) else left(ctx)) == node(ctx)
    if set(FIELDS) <= fixed_fields:
        assert isinstance(left, bool)  # everything known: decided outright


# Every operator, on a field of each kind: closures must answer as the nodes do.
CODES = st.frozensets(st.sampled_from("xyz"))
ANY_LEAF = st.one_of(
    st.builds(FieldTest, st.just("n"), st.sampled_from(["at_least", "at_most"]), st.integers(0, 3)),
    st.builds(FieldTest, st.just("e"), st.just("is"), st.sampled_from("xyz")),
    st.builds(FieldTest, st.just("e"), st.just("in"), CODES.filter(bool)),
    st.builds(FieldTest, st.just("s"), st.sampled_from(["any", "all", "none"]), CODES.filter(bool)),
    st.builds(FieldTest, st.just("s"), st.just("empty"), st.booleans()),
)
ANY_NODES = _conditions(ANY_LEAF, parts=4, leaves=10)
ANY_CONTEXT = st.fixed_dictionaries(
    {"n": st.integers(0, 3), "e": st.sampled_from("xyz"), "s": CODES}
)


@given(ANY_NODES, ANY_CONTEXT)
def test_closure_agrees_with_the_condition(node, ctx):
    assert closure(node)(ctx) == node(ctx)


def test_every_operator_has_a_closure():
    assert set(CLOSURES) == set(OPERATOR_FUNCTIONS)


@given(batch_profiles(), st.booleans())
def test_match_fit_before_or_after_eligibility_gives_the_same_advice(data, brief):
    """Eligibility rules here test no MATCH_FIELDS, so the match fit is worked out after
    them; a rule that did would have it worked out first. Both orders give the same advice."""
    profile = parse_profile(data, KB, "p.yaml", None)
    _specialised()
    later = engine.advise(KB, profile, brief=brief)
    saved = engine.MATCH_FIELDS
    engine.MATCH_FIELDS = frozenset(FIELD_DEFS)  # as if every eligibility rule read one
    try:
        first = engine.advise(KB, profile, brief=brief)
    finally:
        engine.MATCH_FIELDS = saved
    assert _json(first) == _json(later)


def test_advices_share_no_effort_data():
    """A caller may change one advice: another must not change with it."""
    profile = parse_profile({"name": "P", "age": 70, "loneliness": {"score": 5}}, KB, "p", None)
    first = engine.advise(KB, profile)["ranking"][0]
    first["effort"]["sources"].append("x")
    first["effort"]["text"] = "x"
    again = engine.advise(KB, profile)["ranking"][0]
    assert "x" not in again["effort"]["sources"] and again["effort"]["text"] != "x"
