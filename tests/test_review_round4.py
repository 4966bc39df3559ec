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


FARMER_58_NO_OFFER = dict(  # m08
    age=58,
    gender="male",
    setting="home",
    loneliness={"types": ["social", "emotional"], "score": 7, "chronic": True},
    situation=["small_network", "lives_alone"],
    readiness={"aware": "yes", "motivated": "yes", "able": "yes"},
    digital={"skills": "basic", "internet": "yes"},
)


def step(advice, sid: str) -> str | None:
    return next((s["text"] for s in advice["first_steps"] if s["id"] == sid), None)


# 832-840: the choice starts from interventions that are available; an empty list says nothing
# is offered locally (penalty on every item and a first step to look for providers via the
# databank Effectieve sociale interventies), which is not the same as leaving the key out.
def test_an_empty_local_offer_means_nothing_is_offered(kb):
    none_offered = advice_for(kb, available=[], **FARMER_58_NO_OFFER)
    text = step(none_offered, "no_local_offer")
    assert text and "databank Effectieve sociale interventies" in text
    assert "niets aangeboden" in text
    for r in none_offered["ranking"]:
        assert "Wordt nu niet lokaal aangeboden." in [x["text"] for x in r["reasons"]], r["id"]
    unknown = advice_for(kb, **FARMER_58_NO_OFFER)
    assert step(unknown, "no_local_offer") is None
    assert not any(
        x["text"].startswith("Wordt nu niet lokaal")
        for r in unknown["ranking"]
        for x in r["reasons"]
    )


def test_an_empty_offer_in_a_profile_file_is_read_as_none(tmp_path):
    from tests.conftest import run_cli

    path = tmp_path / "m08.yaml"
    path.write_text(
        "name: boer\nage: 58\nloneliness: {types: [sociaal], score: 7}\navailable: []\n",
        encoding="utf-8",
    )
    out = run_cli("advise", str(path), "--format", "json").out
    assert "Er wordt lokaal (nog) niets aangeboden" in out
    assert "Wordt nu niet lokaal aangeboden." in out


JOB_LOSS_50_65 = dict(  # m05
    age={"min": 50, "max": 65},
    gender="mixed",
    setting="home",
    loneliness={"types": ["social"], "severity": "moderate", "chronic": "no"},
    situation=["job_loss", "unemployed", "low_income"],
    readiness={"aware": "yes", "motivated": "yes", "able": "yes"},
    digital={"skills": "basic", "internet": "yes"},
)
STUDENT_MOVED = dict(  # m12
    age=18,
    gender="female",
    setting="home",
    loneliness={"types": ["social"], "score": 6, "chronic": "no"},
    situation=["relocated", "life_transition", "small_network"],
    readiness={"aware": "yes", "motivated": "yes", "able": "yes"},
    digital={"skills": "good", "internet": "yes"},
)


# 384-387, 745-747: after a change in the network (job loss, a move, a new study) the solution
# fits that change, e.g. social activities; work on the person fits individual causes (742-744),
# and CGT is given by therapists (1129).
def test_recent_network_change_puts_activities_before_therapy(kb):
    a = advice_for(kb, **JOB_LOSS_50_65)
    assert a["ranking"][0]["id"] == "meeting-activities"
    assert "Past bij de situatie: baan verloren." in [
        x["text"] for x in item(a, "meeting-activities")["reasons"]
    ]
    demote = reason(a, "cbt", "network_change_not_individual")
    assert demote and demote["points"] < 0 and "individuele oorzaak" in demote["text"]
    s = advice_for(kb, **STUDENT_MOVED)
    r = ranks(s)
    assert r["cbt"] > 2 and r["listen"] > 2
    assert r["meeting-activities"] <= 2


def test_therapy_is_not_demoted_when_an_individual_cause_is_given(kb):
    fields = dict(JOB_LOSS_50_65, situation=["job_loss", "negative_social_cognition"])
    a = advice_for(kb, **fields)
    assert reason(a, "cbt", "network_change_not_individual") is None
    chronic = dict(JOB_LOSS_50_65, loneliness={"types": ["social"], "chronic": "yes"})
    assert reason(advice_for(kb, **chronic), "cbt", "network_change_not_individual") is None


def step_texts(advice) -> dict[str, str]:
    return {s["id"]: s["text"] for s in advice["first_steps"]}


# 685-691: the GP, practice nurse and district nurse signal and refer people living at home;
# 402-404: a problem when it lasts. Not for a nursing home, not when the duration is unknown.
def test_referral_step_follows_setting_and_duration(kb):
    lasting = {"types": ["social"], "score": 11, "chronic": "yes"}
    home = step_texts(advice_for(kb, age=88, loneliness=lasting))
    assert "huisarts, praktijkondersteuner of wijkverpleegkundige" in home["severe_lasting"]
    care = step_texts(advice_for(kb, age=88, setting="nursing_home", loneliness=lasting))
    assert "severe_lasting" not in care
    assert "Betrek de arts en het zorgteam van de instelling" in care["severe_lasting_care_home"]
    assert "Betrek de huisarts" not in " ".join(care.values())
    unknown = step_texts(advice_for(kb, age=88, loneliness={"types": ["social"], "score": 11}))
    assert "severe_lasting" not in unknown and "severe_lasting_care_home" not in unknown
    assert "Ga eerst na hoe lang ze al duurt" in unknown["severe_duration_unknown"]


def direction_reasons(advice, did: str) -> list[str]:
    return next(d["reasons"] for d in advice["directions"] if d["id"] == did)


# 918-927: Schoenmakers (network development probably works better for older people) against
# Machielse (social isolation among older people: lowering expectations is often easier). Said
# once, as a contrast, for isolated older people; never as "ouderen met beperkingen".
def test_schoenmakers_machielse_contrast_is_one_reason_without_misquote(kb):
    a = advice_for(kb, **WIDOW_92_POOR_SIGHT)  # p22: impaired, no small network
    everything = " ".join(r for d in a["directions"] for r in d["reasons"])
    assert "met beperkingen" not in everything
    assert "makkelijker dan het netwerk uitbreiden" not in everything
    network = direction_reasons(a, "network_development")
    assert not any("verwachtingen bijstellen vaak makkelijker" in r for r in network)
    isolated = advice_for(kb, age=80, situation=["small_network"])
    lowering = " ".join(direction_reasons(isolated, "lowering_standards"))
    assert "ouderen in een sociaal isolement" in lowering and "Schoenmakers" in lowering


def factor_reason(advice, iid: str, fid: str):
    return next((x for x in item(advice, iid)["reasons"] if x.get("factor") == fid), None)


# 1244: Zin in vriendschap is for older women; a mixed group does not "belong to the group the
# activity targets" (m07: LHBT group 60-85, small network).
def test_specific_group_boost_only_when_the_gender_matches(kb):
    mixed = advice_for(
        kb, age={"min": 60, "max": 85}, gender="mixed", situation=["stigma", "small_network"]
    )
    f = factor_reason(mixed, "zin-in-vriendschap", "targeted_group")
    assert "de doelgroep hoort bij de groep" not in f["text"]
    women = advice_for(kb, age=75, gender="female", situation=["small_network"])
    f = factor_reason(women, "zin-in-vriendschap", "targeted_group")
    assert "de doelgroep hoort bij de groep" in f["text"] and f["points"] == 6


# 1183-1192 (Goed gezelschap in een groot huis, made for care-home residents): the setting lifts once, by
# "Ontwikkeld voor deze woonsituatie", not again as a specific group (m11, n08).
def test_setting_lifts_once(kb):
    a = advice_for(
        kb,
        age={"min": 78, "max": 96},
        setting="residential_care",
        situation=["sensory_impairment", "health_problems"],
    )
    assert reason(a, "goed-gezelschap", "designed_for_setting")["points"] == 10
    f = factor_reason(a, "goed-gezelschap", "targeted_group")
    assert "de doelgroep hoort bij de groep" not in f["text"] and f["points"] == 3


def sources_of(advice, iid: str, kind: str, key: str | None = None) -> list[str]:
    for x in item(advice, iid)["reasons"]:
        if x["kind"] == kind and (key is None or key in (x.get("factor"), x.get("rule"))):
            return x["sources"]
    raise AssertionError(f"{iid}: no {kind} {key}")


# 1258-1265: the controlled study without an attributable effect is Martina & Stevens (2006);
# Stevens, Martina & Westerhof (2006) is the follow-up, not the basis of the evidence level.
def test_zin_in_vriendschap_evidence_cites_martina_only(kb):
    a = advice_for(kb, age=75, gender="female")
    assert sources_of(a, "zin-in-vriendschap", "evidence") == ["martina2006"]


# 959-961: Windle e.a. (2011) found no convincing evidence of computer use for adults; it is not
# a source of the computer-training factor (Samen Online).
def test_computer_training_does_not_cite_windle(kb):
    a = advice_for(kb, age=75, digital={"skills": "none", "internet": "yes"})
    assert sources_of(a, "samen-online", "factor", "computer_training") == ["choi2013"]


# 1062-1074: only the robot dog is technology, and there is no clear evidence for animals.
def test_animal_assisted_gets_no_technology_points(kb):
    a = advice_for(kb, age=85, setting="residential_care")
    facts = [x.get("factor") for x in item(a, "animal-assisted")["reasons"]]
    assert "technology" not in facts


# 742-744: social skills for individual causes such as social anxiety (Fokkema & Van Tilburg).
def test_social_skills_fit_for_social_anxiety_cites_fokkema(kb):
    a = advice_for(kb, age=30, situation=["social_anxiety"])
    fit = sources_of(a, "social-skills-training", "rule", "situation_match")
    assert "fokkema2007" in fit and "masi2011" not in fit


MUNICIPALITY_65_100 = dict(  # m01
    age={"min": 65, "max": 100},
    gender="mixed",
    setting="home",
    loneliness={"types": ["social", "emotional"], "severity": "moderate"},
    situation=["lives_alone", "health_problems", "widowed"],
)


# 777-783 (step 1: analyse, then choose the group), 697-705 (those who grow lonely seldom come
# forward: outreach; professionals make contact, volunteers take the time), 464-467 (85+).
def test_a_whole_municipality_gets_analysis_outreach_and_85_plus_steps(kb):
    steps = step_texts(advice_for(kb, **MUNICIPALITY_65_100))
    assert "kies de groep waarop de aanpak zich richt" in steps["analysis_group"]
    assert "werk outreachend" in steps["outreach_group"]
    assert "59 procent" in steps["oldest_old"]
    person = step_texts(advice_for(kb, age=70, readiness={"aware": "yes"}))
    assert not {"analysis_group", "outreach_group", "oldest_old"} & person.keys()


# The dossier studies no intervention for people with dementia (it names dementia only as a
# consequence, 409, and cognitive decline as a risk, 463): the advice says so.
def test_dementia_code_adds_a_warning_that_the_dossier_is_silent(kb):
    from wat_werkt.core.profile import parse_profile

    p = parse_profile({"name": "x", "age": 88, "situation": ["dementie"]}, kb, "t.yaml", None)
    assert p.situation == ["cognitive_impairment"]
    a = advice_for(kb, age=88, setting="residential_care", situation=["cognitive_impairment"])
    msg = next(w["message"] for w in a["warnings"] if w["code"] == "situation.cognitive_impairment")
    assert "geen onderzoek naar interventies voor deze groep" in msg
    assert "gespreksgroepen" in msg


# 1326-1335 (online self-help writing for the bereaved): an approach made for the change
# itself is not demoted as "not fitting the change" (n15: student of 22, friend died).
def test_an_approach_made_for_the_loss_is_not_demoted(kb):
    a = advice_for(
        kb,
        age=22,
        gender="female",
        loneliness={"types": ["emotional"], "severity": "very_severe", "chronic": "no"},
        situation=["bereaved", "relocated", "life_transition"],
    )
    assert reason(a, "online-grief-writing", "network_change_not_individual") is None
    assert a["ranking"][0]["id"] == "online-grief-writing"


# Dossier 1258-1261 (Zin in vriendschap: Martina & Stevens) and 1237-1240 (GRIP&GLANS: Kremers
# e.a.): the cap rests on the intervention's own controlled study, and cites that study.
def test_the_factor_cap_cites_the_interventions_own_study(kb):
    a = advice_for(
        kb,
        age={"min": 55, "max": 75},
        gender="female",
        situation=["psychosocially_vulnerable", "negative_self_image", "small_network"],
    )
    cap = next(x for x in item(a, "grip-en-glans")["reasons"] if x.get("rule") == "factor_cap")
    assert cap["sources"] == ["kremers2006"]


# Dossier 697-699: Van Arum & Schoorl (2016) on signalling and outreach.
def test_the_outreach_step_cites_van_arum_and_schoorl(kb):
    a = advice_for(kb, readiness={"aware": "no"})
    step = next(s for s in a["first_steps"] if s["id"] == "outreach")
    assert step["sources"] == ["vanarum2016"]
