"""The researcher's third review (review2.md, 40 profiles): each fixed statement, with its lines.

Line numbers refer to ../shared/dossier/wat-werkt-eenzaamheid-dossier.txt.
"""

from __future__ import annotations

from tests.conftest import advice_for, ranks, run_cli


def item(advice, iid):
    return next(r for r in advice["ranking"] if r["id"] == iid)


def texts(advice, iid) -> list[str]:
    return [x["text"] for x in item(advice, iid)["reasons"]]


def points(advice, iid, start: str) -> float | None:
    return next(
        (x["points"] for x in item(advice, iid)["reasons"] if x["text"].startswith(start)), None
    )


def step_ids(advice) -> set[str]:
    return {s["id"] for s in advice["first_steps"]}


def warning(advice, code: str) -> str | None:
    return next((w["message"] for w in advice["warnings"] if w["code"] == code), None)


NURSING_HOME = dict(
    age={"min": 85, "max": 100},
    setting="nursing_home",
    situation=["health_problems", "limited_mobility"],
    loneliness={"types": ["social", "emotional"], "severity": "severe"},
    readiness={"able": "no"},
    digital={"skills": "none", "internet": "yes"},
    available=["van-huis-naar-thuis", "animal-assisted", "video-calling", "meeting-activities"],
)


# 1057-1059: video-calling was studied among nursing-home residents; 1037-1038: internet support
# grew more among younger people with fewer physical limitations. No "begin with a computer
# course" in a nursing home, and video-calling is not put off by the skills penalty there.
def test_nursing_home_gets_no_computer_course_first_and_video_calling_counts(kb):
    a = advice_for(kb, **NURSING_HOME)
    assert "digital_first" not in step_ids(a)
    assert not any(
        "computercursus" in s["text"] or "internetcursus" in s["text"] for s in a["first_steps"]
    )
    video = texts(a, "video-calling")
    assert not any("Begin met een computer- en internetcursus" in t for t in video)
    assert "Onderzocht bij bewoners van deze woonsituatie." in video
    assert any("hulp nodig, bijvoorbeeld van personeel of familie" in t for t in video)
    assert item(a, "video-calling")["score"] >= 8  # was clamped to 0
    # at home the course still comes first when online options lead the advice
    home = advice_for(
        kb,
        age=75,
        digital={"skills": "none", "internet": "yes"},
        preferences={"formats": ["online"]},
    )
    assert "digital_first" in step_ids(home)


# 1063-1074: animal-assisted therapy was studied in a residential home and has no clear evidence;
# like Goed gezelschap (1206-1207) it is not excluded from a nursing home that offers it.
def test_animal_assisted_is_ranked_in_a_nursing_home_with_its_caution(kb):
    a = advice_for(kb, **NURSING_HOME)
    assert "animal-assisted" in ranks(a)
    assert "Geen duidelijk bewijs dat de inzet van dieren eenzaamheid vermindert." in texts(
        a, "animal-assisted"
    )
    assert any(
        "verpleeghuis werkt, is niet onderzocht" in c
        for c in item(a, "animal-assisted")["cautions"]
    )
    animal = texts(a, "animal-assisted")
    untested = (
        "Onderzocht bij bewoners van een woonzorgcentrum; in deze woonsituatie niet onderzocht."
    )
    assert untested in animal
    assert not any("inzetbaar" in t for t in animal)


# 1308-1309: "een oudere vrijwilliger aan een oudere": the RCT counts for the share of the
# profile's ages among older people, margin ages (55-64) at half.
def test_peer_home_visits_rct_counts_for_the_age_share(kb):
    full = advice_for(kb, age=70)
    assert points(full, "peer-home-visits", "Bewijs:") == 20
    mixed = advice_for(kb, age={"min": 55, "max": 70})
    evidence = next(t for t in texts(mixed, "peer-home-visits") if t.startswith("Bewijs:"))
    assert "gevonden bij ouderen (65+): telt hier voor 69% mee" in evidence
    assert points(mixed, "peer-home-visits", "Bewijs:") == 13.8  # 20 x (38% + 62% x 0.5)
    assert ranks(advice_for(kb, age={"min": 50, "max": 70}))["peer-home-visits"] > 3


# 718-722 is a general principle; the dossier names a type only for the grief-writing
# intervention (1338-1339) and online Zin in vriendschap (1277-1278).
def test_no_type_mismatch_where_the_dossier_names_no_type(kb):
    a = advice_for(
        kb, age=93, setting="residential_care", loneliness={"types": ["emotional"], "score": 7}
    )
    assert not any("ander soort eenzaamheid" in t for t in texts(a, "goed-gezelschap"))
    social = advice_for(
        kb, age=70, situation=["bereaved"], loneliness={"types": ["social"], "score": 7}
    )
    assert any("ander soort eenzaamheid" in t for t in texts(social, "online-grief-writing"))


# 1168, 1178-1181: Samen Online is one-to-two tuition linked to Choi's computer training only;
# 1022-1027: participation means input in developing and running the activities.
def test_samen_online_and_gaming_get_only_the_factors_the_dossier_gives(kb):
    a = advice_for(kb, age=75, digital={"skills": "none", "internet": "yes"})
    samen = texts(a, "samen-online")
    assert any(t.startswith("Werkzame factor: Computer- en internettraining") for t in samen)
    assert not any("educatief element" in t or "Actieve inbreng" in t for t in samen)
    assert not any("Actieve inbreng" in t for t in texts(a, "gaming-together"))


# 1308-1311, 1157-1172, 1267-1280 do not name a small network as what these fit.
def test_no_small_network_fit_the_dossier_does_not_give(kb):
    a = advice_for(kb, age=70, situation=["small_network"])
    for iid in ("peer-home-visits", "samen-online", "zin-in-vriendschap-online"):
        assert not any("klein sociaal netwerk" in t for t in texts(a, iid)), iid


# One fact lifts once: negative social cognition raises the factor (Masi, 1121-1126) and is not
# counted again as a fitting situation; a bereaved widow is one loss.
def test_one_fact_lifts_once(kb):
    a = advice_for(kb, age=40, situation=["negative_social_cognition"])
    cbt = texts(a, "cbt")
    assert any("negatieve sociale cognitie hoort bij het beeld" in t for t in cbt)
    assert not any(t.startswith("Past bij de situatie") for t in cbt)
    widow = advice_for(kb, age=78, gender="female", situation=["widowed", "bereaved"])
    grief = texts(widow, "bereavement-support-group")
    assert "Speciaal ontwikkeld voor mensen met: verlies van een dierbare." in grief
    assert not any(t.startswith("Past bij de situatie") for t in grief)
    assert not any("de doelgroep hoort bij de groep" in t for t in grief)
    carer = advice_for(kb, age=70, situation=["caregiver"])
    meeting = texts(carer, "meeting-activities")
    assert not any(t.startswith("Past bij de situatie") for t in meeting)
    assert any(t.startswith("Richt de activiteiten op deze specifieke groep") for t in meeting)
    # below 65 the group still fits once; that targeting works was found among older people
    young = texts(
        advice_for(kb, age={"min": 55, "max": 70}, situation=["caregiver"]), "meeting-activities"
    )
    assert sum("groep" in t and not t.startswith("Werkzame factor") for t in young) == 1
    assert any("is bij ouderen gevonden" in t for t in young)


# 1266-1272: (too) high expectations are one fact: one penalty, not a direction penalty on top.
def test_high_expectations_cost_one_penalty(kb):
    a = advice_for(kb, age=70, gender="female", situation=["high_expectations"])
    listen = texts(a, "listen")
    assert sum("verwachtingen" in t or "oplossingsrichting" in t for t in listen) == 1
    assert points(a, "listen", "(Te) hoge verwachtingen") == -10


# 1054-1059: video-calling's evidence level and the technology factor rest on the same reviews.
def test_video_calling_counts_the_technology_review_once(kb):
    a = advice_for(kb, age=75, digital={"skills": "good", "internet": "yes"})
    tech = next(x for x in item(a, "video-calling")["reasons"] if x.get("factor") == "technology")
    assert tech["points"] == 0 and "niet nog eens meegeteld" in tech["text"]


# 378-380, 586-587, 794-796 (kunnen): sensory impairment and language problems weigh on group
# and talk formats; little money asks what taking part costs.
def test_barriers_have_an_effect(kb):
    deaf = advice_for(kb, age=45, gender="female", situation=["sensory_impairment"])
    assert points(deaf, "listen", "Slechthorend of slechtziend") == -3
    assert points(deaf, "cbt", "Slechthorend of slechtziend") is None
    lang = advice_for(kb, age=35, situation=["language_barrier", "migration_background"])
    assert any(
        t.startswith("Taalproblemen: een cursus of gesprekken in het Nederlands")
        for t in texts(lang, "cbt")
    )
    poor = advice_for(kb, age=60, situation=["low_income"])
    assert "Ga na wat deelname kost" in (warning(poor, "situation.low_income") or "")


# 801-803: personal preferences count; say so when nothing in the ranking matches them, and a
# stated preference outweighs an RCT over a pre-post study (n12).
def test_preference_nothing_matches_is_warned_and_preference_weighs(kb):
    a = advice_for(kb, age=30, gender="female", preferences={"formats": ["self_help"]})
    assert "Geen aanpak in de ranglijst heeft de vorm die de voorkeur heeft" in (
        warning(a, "preferences.no_match") or ""
    )
    online = advice_for(
        kb,
        age={"min": 65, "max": 80},
        situation=["limited_mobility", "lives_alone"],
        digital={"skills": "good", "internet": "yes"},
        preferences={"formats": ["online"]},
    )
    assert warning(online, "preferences.no_match") is None
    assert "online" in online["ranking"][0]["formats"]


# 589-595 is about older migrants; 748-751: for stigma, combat negative images.
def test_own_group_reason_only_for_older_migrants(kb):
    young = advice_for(kb, age={"min": 19, "max": 27}, situation=["stigma"])
    reasons = " ".join(r for d in young["directions"] for r in d["reasons"])
    assert "eigen groep" not in reasons and "bestrijd die beeldvorming" in reasons
    refugees = advice_for(kb, age={"min": 25, "max": 45}, situation=["migration_background"])
    assert "eigen groep" not in " ".join(r for d in refugees["directions"] for r in d["reasons"])
    older = advice_for(kb, age=70, situation=["migration_background"])
    assert "oudere migranten" in " ".join(r for d in older["directions"] for r in d["reasons"])


# 402-404, 409-411, 455-456, 685-691: severe lasting loneliness: involve the GP or practice nurse;
# recent loneliness is mostly temporary.
def test_severity_and_chronicity_are_not_silent(kb):
    severe = advice_for(kb, age=88, loneliness={"types": ["social"], "score": 11, "chronic": "yes"})
    step = next(s["text"] for s in severe["first_steps"] if s["id"] == "severe_lasting")
    assert "huisarts, praktijkondersteuner of wijkverpleegkundige" in step
    assert "depressie en zelfmoordgedachten" in step
    recent = advice_for(kb, age=40, loneliness={"types": ["social"], "score": 5, "chronic": "no"})
    assert "severe_lasting" not in step_ids(recent)
    assert "meestal is eenzaamheid een tijdelijk gevoel" in next(
        s["text"] for s in recent["first_steps"] if s["id"] == "recent"
    )


# 792-793: without motivation any approach is doomed: no "past het best".
def test_not_motivated_fit_label_says_after_step_2(kb):
    a = advice_for(kb, age=80, readiness={"motivated": "no"})
    assert {r["fit_label"] for r in a["ranking"]} == {"pas na stap 2 (willen)"}
    assert advice_for(kb, age=80)["ranking"][0]["fit_label"] == "past het best"


def test_not_motivated_label_is_what_the_terminal_shows(tmp_path):
    p = tmp_path / "p.yaml"
    p.write_text("name: X\nage: 80\nreadiness: {motivated: no}\n", encoding="utf-8")
    result = run_cli("advise", str(p))
    assert result.code == 0, result.err
    assert "pas na stap 2 (willen)" in result.out
    assert "past het best" not in result.out


# 1258-1264: the drop in the control group is Martina & Stevens (2006); Stevens e.a. found the
# opposite. 1207-1208: Van huis naar thuis has no source. 831-833: the choice starts with
# available and suitable interventions.
def test_sources_match_what_they_say(kb):
    a = advice_for(kb, age=75, gender="female", available=["zin-in-vriendschap"])
    drop = next(
        x
        for x in item(a, "zin-in-vriendschap")["reasons"]
        if x["text"].startswith("Eenzaamheid daalde ook")
    )
    assert drop["sources"] == ["martina2006"]
    local = next(
        x for x in item(a, "zin-in-vriendschap")["reasons"] if x["text"].startswith("Wordt lokaal")
    )
    assert "beschikbaar en geschikt" in local["text"] and "ervaring" not in local["text"]
    home = advice_for(kb, age=85, setting="nursing_home")
    own = [
        x
        for x in item(home, "van-huis-naar-thuis")["reasons"]
        if x["kind"] == "evidence" or x.get("rule") == "designed_for_setting"
    ]
    assert own and all(not x["sources"] for x in own)


# Tiny age shares of a factor do not show (a 2% share tipped a tie in round 2).
def test_tiny_factor_shares_do_not_count(kb):
    a = advice_for(kb, age={"min": 18, "max": 65})  # 65 alone is 2% of the ages
    assert not any("telt hier voor 2% mee" in t for t in texts(a, "listen"))


# Cosmetic (review 13): the age convention no longer names Choi's meta-analysis on every card.
def test_age_convention_text_names_no_unrelated_study():
    result = run_cli("evidence", "peer-home-visits")
    assert result.code == 0, result.err
    assert "Choi" not in result.out


# 1089-1090: with a severe mental illness and limited social skills, strengthening existing
# contacts is wiser: social-skills training is not lifted then (it still is without SMI).
def test_low_skills_do_not_lift_skills_training_for_smi_clients(kb):
    smi = advice_for(kb, age=40, situation=["severe_mental_illness", "low_social_skills"])
    training = texts(smi, "social-skills-training")
    assert not any("weinig sociale vaardigheden hoort bij het beeld" in t for t in training)
    assert not any(t.startswith("Past bij de situatie") for t in training)
    other = advice_for(kb, age=40, situation=["low_social_skills"])
    assert any(
        "weinig sociale vaardigheden hoort bij het beeld" in t
        for t in texts(other, "social-skills-training")
    )
