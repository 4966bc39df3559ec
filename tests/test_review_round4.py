"""The researcher's fourth review (review3.md): each fixed statement, with its lines.

Line numbers refer to ../shared/dossier/wat-werkt-eenzaamheid-dossier.txt.
"""

from __future__ import annotations

from tests.conftest import advice_for, ranks


def item(advice, iid):
    return next(r for r in advice["ranking"] if r["id"] == iid)


def reason(advice, iid, rule: str):
    return next((x for x in item(advice, iid)["reasons"] if x.get("rule") == rule), None)


WIDOW_92_POOR_SIGHT = dict(  # p22
    age=92,
    gender="female",
    setting="home",
    loneliness={"types": ["emotional", "social"], "score": 10, "chronic": True},
    situation=["sensory_impairment", "widowed", "lives_alone"],
    readiness={"aware": "yes", "motivated": "yes", "able": "unknown"},
    digital={"skills": "none", "internet": "yes"},
)


# 1258-1261: Zin in vriendschap's own controlled study found no attributable effect; working
# factors from reviews may not lift it above Thuisbezoek, which has an RCT (lawlor2014).
def test_working_factors_do_not_outweigh_an_rct(kb):
    a = advice_for(kb, **WIDOW_92_POOR_SIGHT)
    r = ranks(a)
    assert r["peer-home-visits"] < r["zin-in-vriendschap"]
    cap = reason(a, "zin-in-vriendschap", "factor_cap")
    assert cap is not None and cap["points"] < 0
    assert "hoogstens 13 punten" in cap["text"]
    assert "geen effect dat aan de aanpak is toe te schrijven" in cap["text"]
    assert item(a, "zin-in-vriendschap")["score"] < 20  # below an RCT's evidence points alone
    assert item(a, "zin-in-vriendschap")["fit_label"] != "past het best"
    assert reason(a, "peer-home-visits", "factor_cap") is None  # an RCT is not capped
