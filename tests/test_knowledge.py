"""The knowledge base: complete, faithful to the dossier, and strictly checked when loaded."""

from __future__ import annotations

import re
import shutil

import pytest

from tests.conftest import run_cli
from wat_werkt.core.kb_build import check_data_dir

CONTRACT_IDS = [
    "cbt",
    "listen",
    "samen-online",
    "goed-gezelschap",
    "van-huis-naar-thuis",
    "grip-en-glans",
    "zin-in-vriendschap",
    "zin-in-vriendschap-online",
    "vrienden-maken",
    "peer-home-visits",
    "online-grief-writing",
    "mbsr",
    "cbt-pharmacotherapy",
    "escape",
    "volunteer-home-visits",
    "meeting-activities",
    "social-skills-training",
    "video-calling",
    "gaming-together",
    "animal-assisted",
    "bereavement-support-group",
    "support-group-smi",
    "psychosocial-club",
    "family-self-help-group",
    "mutual-support-group",
    "befriending",
    "active-social-media",
    "gatekeeper",
]

SITUATION_CODES = [
    "low_social_skills",
    "negative_self_image",
    "social_anxiety",
    "negative_social_cognition",
    "high_expectations",
    "health_problems",
    "sensory_impairment",
    "limited_mobility",
    "low_income",
    "widowed",
    "bereaved",
    "divorced",
    "job_loss",
    "relocated",
    "life_transition",
    "small_network",
    "stigma",
    "migration_background",
    "language_barrier",
    "severe_mental_illness",
    "disability",
    "caregiver",
    "physically_inactive",
    "psychosocially_vulnerable",
    "unemployed",
    "lives_alone",
    "relative_of_smi",  # issue 10: relatives of someone with a severe mental illness (1099-1101)
]


def test_every_contract_intervention_is_present(kb):
    assert sorted(kb.by_id) == sorted(CONTRACT_IDS)


def test_vocabularies_match_the_contract(kb):
    # CONTRACT §3.1, plus one addition (review round 4: the dossier is silent on dementia)
    assert sorted(kb.situations) == sorted([*SITUATION_CODES, "cognitive_impairment"])
    assert list(kb.evidence) == [
        "rct",
        "controlled",
        "pre_post",
        "reported_effect",
        "controlled_no_effect",
        "reviews",
        "reviews_limited",
        "associations",
        "unclear",
        "none",
        "in_development",
    ]
    assert sorted(kb.directions) == ["coping", "lowering_standards", "network_development"]
    assert sorted(kb.statuses) == [
        "active",
        "discontinued",
        "in_development",
        "not_actively_supported",
    ]


# What the dossier reports about the effect on loneliness (section 2.3).
@pytest.mark.parametrize(
    "iid, level",
    [
        ("peer-home-visits", "rct"),  # Lawlor et al. 2014
        ("online-grief-writing", "rct"),  # Van der Houwen et al. 2010
        ("mbsr", "rct"),  # Creswell et al. 2012
        ("goed-gezelschap", "controlled"),  # Fokkema & Van Tilburg 2007
        ("grip-en-glans", "controlled_no_effect"),  # Kremers et al. 2006
        ("zin-in-vriendschap", "controlled_no_effect"),  # Martina & Stevens 2006
        ("zin-in-vriendschap-online", "pre_post"),  # Bouwman et al. 2016
        ("vrienden-maken", "pre_post"),  # Stevens, De Koning & Loretan 2008
        ("samen-online", "none"),  # effect on loneliness not (yet) shown
        ("cbt-pharmacotherapy", "in_development"),
        ("support-group-smi", "none"),  # Perese & Wolf 2005: none known to reduce loneliness
        ("befriending", "none"),
    ],
)
def test_evidence_levels_follow_the_dossier(kb, iid, level):
    assert kb.by_id[iid].data.evidence.level == level


@pytest.mark.parametrize(
    "iid, status",
    [
        ("samen-online", "not_actively_supported"),
        ("escape", "discontinued"),
        ("cbt-pharmacotherapy", "in_development"),
        ("peer-home-visits", "active"),
    ],
)
def test_statuses_follow_the_dossier(kb, iid, status):
    assert kb.by_id[iid].data.status == status


def test_every_claim_cites_existing_sources(kb):
    for entry in kb.interventions:
        iv = entry.data
        # Where the dossier gives no source (Van huis naar thuis, 1207-1208), none is invented,
        # and the intervention says so.
        assert iv.evidence.sources or iv.no_source, iv.id
        for study in iv.studies:
            assert study.sources and all(s in kb.sources for s in study.sources), iv.id
        for caution in iv.cautions:
            assert caution.sources or iv.no_source, iv.id
    for cf in kb.factors.values():
        assert cf.factor.sources


def test_studies_the_dossier_names_are_listed(kb):
    cited = {iid: {s for st in kb.by_id[iid].data.studies for s in st.sources} for iid in kb.by_id}
    assert "lawlor2014" in cited["peer-home-visits"]
    assert {"martina2006", "stevens2006"} <= cited["zin-in-vriendschap"]
    assert "kremers2006" in cited["grip-en-glans"]
    assert "kahlbaugh2011" in cited["gaming-together"]
    assert "banks2008" in cited["animal-assisted"]


def test_shipped_data_validates(data_dir):
    assert check_data_dir(data_dir) == []
    result = run_cli("validate", "--data", str(data_dir))
    assert result.code == 0, result.err


@pytest.fixture
def broken_data(tmp_path, data_dir):
    target = tmp_path / "data"
    shutil.copytree(data_dir, target, ignore=shutil.ignore_patterns("__*"))
    return target


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_broken_data_reports_every_problem_with_location(broken_data):
    iv = broken_data / "interventions.yaml"
    _edit(
        iv,
        "factors: [social_cognition]\n    types: []",
        "factors: [social_cognitoin]\n    types: []",
    )  # dangling factor id
    _edit(
        iv, "    delivered_by: Therapeut\n", "    delivered_by: Therapeut\n    costs: laag\n"
    )  # unknown key
    _edit(
        iv,
        'intensity: {sessions: 5, group_size: "3-5"}',
        'intensity: {sessions: vijf, group_size: "3-5"}',
    )
    result = run_cli("validate", "--data", str(broken_data))
    assert result.code == 1
    assert "Traceback" not in result.err
    lines = result.err.strip().splitlines()
    # Pydantic problems (unknown key, wrong type) are found first; fix them and the
    # cross-reference check reports the dangling id, also located.
    assert any(
        re.match(r".*interventions\.yaml:\d+:\d+: onbekende sleutel 'costs'", ln) for ln in lines
    )
    assert any(
        re.match(r".*interventions\.yaml:\d+:\d+: 'sessions' moet een geheel getal zijn", ln)
        for ln in lines
    )
    _edit(iv, "    costs: laag\n", "")
    _edit(iv, "sessions: vijf", "sessions: 5")
    result = run_cli("validate", "--data", str(broken_data))
    assert result.code == 1
    assert re.search(
        r"interventions\.yaml:\d+:\d+: onbekende werkzame factor 'social_cognitoin'; "
        r"bedoelde u 'social_cognition'\?",
        result.err,
    )


def test_age_margin_must_lie_below_the_conventional_bound(broken_data):
    _edit(broken_data / "factors.yaml", "min: 65, partial_from: 55", "min: 65, partial_from: 70")
    result = run_cli("validate", "--data", str(broken_data))
    assert result.code == 1
    assert re.search(
        r"factors\.yaml:\d+:\d+: partial_from \(70\) moet lager zijn dan min \(65\)", result.err
    ), result.err


def test_broken_rule_is_caught_at_load_time(broken_data):
    factors = broken_data / "factors.yaml"
    _edit(
        factors,
        "when: {situation: {any: [high_expectations]}}",
        "when: {situaton: {any: [high_expectatons]}}",
    )
    _edit(
        factors,
        'text: "Past bij de situatie: {matched_situations}."',
        'text: "Past bij: {matched}."',
    )
    problems = check_data_dir(broken_data)
    messages = [p.message for p in problems]
    assert any("onbekend veld 'situaton'" in m and "situation" in m for m in messages)
    assert any("onbekend invulveld '{matched}'" in m for m in messages)
    assert all(p.line for p in problems)


def test_unknown_placeholder_in_a_factor_cap_is_caught_at_load_time(broken_data):
    """The engine fills only {cap} there: any other placeholder crashed advise (data fuzz)."""
    _edit(broken_data / "factors.yaml", "hoogstens {cap} punten", "hoogstens {name} punten")
    problems = check_data_dir(broken_data)
    assert [p.message for p in problems] == ["onbekend invulveld '{name}'; toegestaan: cap"]
    assert (problems[0].line, problems[0].col) == (30, 14)  # the text


def test_unknown_value_in_rule_gets_did_you_mean(broken_data):
    factors = broken_data / "factors.yaml"
    _edit(
        factors,
        "when: {situation: {any: [high_expectations]}}",
        "when: {situation: {any: [high_expectatons]}}",
    )
    (problem,) = check_data_dir(broken_data)
    assert (
        "high_expectatons" in problem.message
        and "bedoelde u 'high_expectations'" in problem.message
    )
    assert problem.path.endswith("factors.yaml") and problem.line > 1


def test_evidence_lookup_as_json(kb):
    import json

    result = run_cli("evidence", "peer-home-visits", "--format", "json")
    assert result.code == 0, result.err
    card = json.loads(result.out)
    for key in ("id", "name", "kind", "status", "evidence", "factors", "cautions", "studies"):
        assert key in card
    assert card["evidence"] == "rct"
    assert card["studies"][0]["sources"] == ["lawlor2014"]
    assert card["studies"][0]["design"] == "rct"


def test_evidence_unknown_id_suggests(kb):
    result = run_cli("evidence", "peer-home-visit")
    assert result.code == 1
    assert "bedoelde u 'peer-home-visits'" in result.err


def test_evidence_card_reads_in_one_screen(kb):
    result = run_cli("evidence", "zin-in-vriendschap")
    assert result.code == 0
    for word in ("Voor wie", "Bewijs", "Studie 1", "Studie 2", "Let op", "Bronnen", "martina2006"):
        assert word in result.out
    assert len(result.out.splitlines()) < 60


def test_list_filters_and_formats(kb):
    import csv
    import io
    import json

    rows = json.loads(run_cli("list", "--format", "json", "--evidence", "rct").out)
    assert {r["id"] for r in rows} == {"peer-home-visits", "online-grief-writing", "mbsr"}
    youth = json.loads(run_cli("list", "--format", "json", "--age", "16").out)
    assert "active-social-media" in {r["id"] for r in youth}
    assert "zin-in-vriendschap" not in {r["id"] for r in youth}
    online = json.loads(run_cli("list", "--format", "json", "--format-filter", "online").out)
    assert all("online" in r["formats"] for r in online) and online
    table = list(csv.DictReader(io.StringIO(run_cli("list", "--format", "csv").out)))
    assert len(table) == len(CONTRACT_IDS) and table[0]["id"] == "cbt"
    bad = run_cli("list", "--evidence", "rtc")  # a usage error (CONTRACT §7): exit 2
    assert bad.code == 2 and "bedoelde u 'rct'" in bad.err


def test_factors_lookup(kb):
    import json

    rows = json.loads(run_cli("factors", "--format", "json").out)
    by_id = {r["id"]: r for r in rows}
    assert by_id["social_cognition"]["sources"] == ["masi2011"]
    assert by_id["social_cognition"]["strength"] == "promising"
    table = run_cli("factors").out
    assert "social_cognition" in table and "masi2011" in table and "enig bewijs" in table


def test_advise_with_broken_data_reports_like_validate(broken_data):
    from tests.conftest import EXAMPLES

    _edit(broken_data / "interventions.yaml", "status: active", "status: actief")
    advise = run_cli("advise", str(EXAMPLES / "weduwen-75plus.yaml"), "--data", str(broken_data))
    validate = run_cli("validate", "--data", str(broken_data))
    assert advise.code == validate.code == 1
    assert advise.err == validate.err
    assert re.search(
        r"interventions\.yaml:\d+:\d+: onbekende status 'actief'; bedoelde u 'active'\?",
        advise.err,
    )


def test_missing_data_dir(tmp_path):
    result = run_cli("list", "--data", str(tmp_path / "nergens"))
    assert result.code == 1 and "kennisbank-map niet gevonden" in result.err


def test_every_study_design_and_factor_strength_needs_a_label(broken_data):
    """The Dutch names live in data/: one missing would crash `evidence` or `factors`."""
    _edit(broken_data / "factors.yaml", '  - {id: likely, label: "waarschijnlijk"}\n', "")
    _edit(broken_data / "factors.yaml", '{id: review, label: "review"}', '{id: rct, label: "x"}')
    problems = check_data_dir(broken_data)
    assert sorted(p.message for p in problems) == [
        "'rct' staat er twee keer in",
        "geen label voor: likely",
        "geen label voor: review",
    ]
    assert all(p.path.endswith("factors.yaml") and p.line for p in problems)


def test_a_factor_strengths_note_comes_from_the_data(broken_data):
    """'geen duidelijk bewijs' after an unclear factor is data (factor_strengths), not code."""
    from tests.conftest import EXAMPLES

    profile = str(EXAMPLES / "verpleeghuis-de-linde.yaml")
    before = run_cli("advise", profile, "--format", "json", "--data", str(broken_data)).out
    assert "; geen duidelijk bewijs" in before
    edited = broken_data.parent / "edited"  # another folder: a process keeps each KB it loaded
    shutil.copytree(broken_data, edited)
    _edit(
        edited / "factors.yaml",
        'reason_note: "geen duidelijk bewijs"',
        'reason_note: "bewijs nog onzeker"',
    )
    after = run_cli("advise", profile, "--format", "json", "--data", str(edited)).out
    assert "; geen duidelijk bewijs" not in after and "; bewijs nog onzeker" in after
