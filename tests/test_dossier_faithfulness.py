"""The knowledge base says no more than the dossier (issue 10, knowledge-base half).

Line numbers refer to ../shared/dossier/wat-werkt-eenzaamheid-dossier.txt.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from tests.conftest import ROOT, run_cli

DOSSIER = ROOT.parent / "shared" / "dossier" / "wat-werkt-eenzaamheid-dossier.txt"
RUN = 9  # no run of this many words may come from the dossier


def _words(text: str) -> list[str]:
    """Lower case, words only; a word split over a line end ("behoef-\\nten") is joined."""
    return re.findall(r"\w+", re.sub(r"-\s*\n\s*", "", text).lower())


def _data(name: str):
    return YAML(typ="safe").load((ROOT / "data" / name).read_text(encoding="utf-8"))


def _card(iid: str) -> dict:
    result = run_cli("evidence", iid, "--format", "json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def _advise(tmp_path: Path, profile: str) -> dict:
    path = tmp_path / "profiel.yaml"
    path.write_text(profile, encoding="utf-8")
    result = run_cli("advise", str(path), "--format", "json", "--all")
    assert result.code == 0, result.err
    return json.loads(result.out)


@pytest.fixture(scope="module")
def dossier() -> str:
    if not DOSSIER.exists():
        pytest.skip(f"dossier not found at {DOSSIER} (a bare clone has no ../shared)")
    return DOSSIER.read_text(encoding="utf-8")


# --- 1. The family self-help group is for relatives (1099-1101) ---------------------------

SMI_CLIENT = """name: Cliënt GGZ
age: 40
situation: [severe_mental_illness, low_social_skills, small_network]
loneliness: {types: [social, emotional], score: 8}
"""


def test_family_group_never_ranks_for_clients_with_a_severe_mental_illness(tmp_path):
    advice = _advise(tmp_path, SMI_CLIENT)
    ranked = [r["id"] for r in advice["ranking"]]
    assert "family-self-help-group" not in ranked
    excluded = {e["id"]: e for e in advice["excluded"]}
    assert "familielid van iemand met een ernstige psychische beperking" in str(
        excluded["family-self-help-group"]
    )
    # The interventions for clients themselves do rank.
    assert {"support-group-smi", "befriending", "mutual-support-group"} <= set(ranked)


def test_family_group_is_not_for_every_caregiver(tmp_path):
    advice = _advise(tmp_path, "name: Mantelzorgers\nage: 50\nsituation: [caregiver]\n")
    assert "family-self-help-group" not in [r["id"] for r in advice["ranking"]]


def test_family_group_ranks_for_relatives(tmp_path):
    advice = _advise(tmp_path, "name: Ouders\nage: 55\nsituation: [relative_of_smi, caregiver]\n")
    ranked = [r["id"] for r in advice["ranking"]]
    assert "family-self-help-group" in ranked
    assert "support-group-smi" not in ranked  # that one is for the clients


# --- 2. Evidence levels state the dossier's overall verdict ------------------------------


@pytest.mark.parametrize(
    "iid, level, lines",
    [
        ("animal-assisted", "unclear", "1070-1074: geen duidelijk bewijs"),
        ("escape", "reported_effect", "1045-1047: effect aangetoond, opzet niet beschreven"),
        ("gaming-together", "reported_effect", "1060-1062: geen controlegroep genoemd"),
        ("volunteer-home-visits", "reviews_limited", "1010-1012: maar beperkt bewijs"),
        ("meeting-activities", "reviews_limited", "948-957: reviews spreken elkaar tegen"),
        ("social-skills-training", "reviews_limited", "937-940: minder effect dan cognitie"),
        ("active-social-media", "associations", "965-977: geen review, geen interventie"),
        ("van-huis-naar-thuis", "none", "1207-1208: één zin en een prijs"),
        ("peer-home-visits", "rct", "1313-1314"),
        ("online-grief-writing", "rct", "1338-1340"),
        ("mbsr", "rct", "1348-1351"),
        ("goed-gezelschap", "controlled", "1199-1201"),
        ("grip-en-glans", "controlled_no_effect", "1237-1240"),
        ("zin-in-vriendschap", "controlled_no_effect", "1255-1261"),
        ("zin-in-vriendschap-online", "pre_post", "1277-1280"),
        ("vrienden-maken", "pre_post", "1299-1303"),
        ("samen-online", "none", "1180-1181"),
        ("cbt", "reviews", "1126-1128"),
        ("listen", "reviews", "1144-1145"),
        ("video-calling", "reviews", "1054-1059"),
        ("bereavement-support-group", "reviews", "1006-1008"),
    ],
)
def test_evidence_level_is_the_dossiers_verdict(iid, level, lines):
    card = _card(iid)
    assert card["evidence"] == level, lines
    assert card["evidence_label"]


def test_gaming_study_is_not_called_controlled():
    # 1060-1062: Wii with a partner against television with a partner; no control group named.
    card = _card("gaming-together")
    assert [s["design"] for s in card["studies"]] == ["not_described"]
    kinds = {s["id"]: s["kind"] for s in _data("sources.yaml")["sources"]}
    assert kinds["kahlbaugh2011"] != "controlled"


def test_every_evidence_level_has_a_dutch_label_and_description():
    for level in _data("factors.yaml")["evidence_levels"]:
        assert level["label"] and level["description"] and "points" in level, level["id"]


def test_reviews_level_only_where_no_own_study_shows_an_effect():
    # `reviews`: no effect study of the intervention itself; its working factors come from
    # reviews. An intervention with its own study reporting a decline gets that study's level.
    for iv in _data("interventions.yaml")["interventions"]:
        if iv["evidence"]["level"] == "reviews":
            assert all(s["design"] == "not_described" for s in iv["studies"]), iv["id"]


# --- 3. Factor strengths (930-947 and section 2.2) --------------------------------------


def test_negative_social_cognition_is_promising_not_strong():
    rows = {r["id"]: r for r in json.loads(run_cli("factors", "--format", "json").out)}
    # 930-932: one meta-analysis; 937: "zijn veelbelovend".
    assert rows["social_cognition"]["strength"] == "promising"
    assert rows["social_cognition"]["strength_label"].startswith("veelbelovend")


@pytest.mark.parametrize(
    "fid, strength, lines",
    [
        ("group_format", "some", "985-986: enig bewijs"),
        ("educational_group", "some", "995-999"),
        ("group_activities_support", "some", "1001-1002: enig bewijs"),
        ("theory_based", "some", "1019-1020: enig bewijs"),
        ("computer_training", "some", "1030-1031: enig bewijs"),
        ("self_esteem_control", "likely", "990-992: lijkt erop"),
        ("reciprocity_peers", "likely", "893-895: waarschijnlijk"),
        ("active_social_media", "likely", "970-972: lijkt"),
        ("animals", "unclear", "1070-1074: geen duidelijk bewijs"),
        ("smi_network", "unclear", "1091-1092: van geen bekend"),
    ],
)
def test_factor_strength_follows_the_dossier(fid, strength, lines):
    rows = {r["id"]: r for r in json.loads(run_cli("factors", "--format", "json").out)}
    assert rows[fid]["strength"] == strength, lines


def test_no_factor_outweighs_an_rct_of_the_intervention_itself():
    ff = _data("factors.yaml")
    rct = next(lv["points"] for lv in ff["evidence_levels"] if lv["id"] == "rct")
    for f in ff["factors"]:
        top = max([f.get("weight", 1.0), *(b["weight"] for b in f.get("boosts", []))])
        assert f["points"] * top < rct, f["id"]


# --- 4. Age bounds: numbers from the dossier, words with a stated convention -------------


def _interventions() -> dict[str, dict]:
    return {iv["id"]: iv for iv in _data("interventions.yaml")["interventions"]}


@pytest.mark.parametrize(
    "iid, bounds, lines",
    [
        ("grip-en-glans", (55, 120), "1215-1216: vrouwen van 55 jaar en ouder"),
        ("zin-in-vriendschap-online", (50, 120), "1267-1268: 50 jaar en ouder"),
        ("samen-online", (65, 120), "1033: Choi: 65-plussers; 'ouderen'"),
        ("peer-home-visits", (65, 120), "1308-1309: 'ouderen'"),
        ("active-social-media", (12, 25), "965-977: 'jongeren'"),
        ("vrienden-maken", (18, 120), "1284: 'volwassenen van alle leeftijden'"),
    ],
)
def test_age_bounds_and_their_basis_are_shown(iid, bounds, lines):
    age = _card(iid)["age"]
    assert (age["min"], age["max"]) == bounds, lines
    assert age["basis"].startswith("dossier:")


@pytest.mark.parametrize(
    "iid",
    [
        "support-group-smi",  # 1077-1105 names no age
        "psychosocial-club",
        "family-self-help-group",
        "mutual-support-group",
        "befriending",
        "bereavement-support-group",  # 1006-1008: "rouwende mensen"
        "online-grief-writing",  # 1326-1327
        "volunteer-home-visits",  # 1306-1307
    ],
)
def test_no_invented_age_bound(iid):
    assert _card(iid)["age"] is None


def test_every_age_bound_states_its_basis_and_follows_its_convention(dossier):
    conventions = {c["word"]: c for c in _data("factors.yaml")["age_conventions"]}
    text = " ".join(_words(dossier))
    for iid, iv in _interventions().items():
        age = iv["target_group"].get("age")
        if age is None:
            continue
        for quoted in re.findall(r"'([^']+)'", age["basis"]):
            assert " ".join(_words(quoted)) in text, (iid, quoted)
        word = age.get("convention")
        if word is None:
            # A number the dossier gives: it stands in the quoted words.
            assert str(age["min"]) in age["basis"], iid
        else:
            conv = conventions[word]
            assert (age.get("min", 0), age.get("max", 120)) == (
                conv.get("min", 0),
                conv.get("max", 120),
            ), iid
    for conv in conventions.values():
        assert conv["word"] in text and "onventie" in conv["text"]


def test_factor_target_groups_follow_the_age_convention():
    ouderen = next(c for c in _data("factors.yaml")["age_conventions"] if c["word"] == "ouderen")
    for f in _data("factors.yaml")["factors"]:
        when = f.get("applies_when") or {}
        if "age.min" in when and "at_least" in when["age.min"]:
            assert f["target_group"].startswith("ouderen (conventie: 65+"), f["id"]
            assert when["age.min"]["at_least"] == ouderen["min"], f["id"]


# --- 5. A reason cites only the sources that support it ----------------------------------


def test_peer_home_visits_evidence_reason_cites_the_rct_only(tmp_path):
    advice = _advise(tmp_path, "name: Mevrouw\nage: 78\nsituation: [small_network]\n")
    item = next(r for r in advice["ranking"] if r["id"] == "peer-home-visits")
    evidence = next(r for r in item["reasons"] if r["kind"] == "evidence")
    assert evidence["sources"] == ["lawlor2014"]  # 1313-1314


def test_group_approach_does_not_cite_the_caveat():
    rows = {r["id"]: r for r in json.loads(run_cli("factors", "--format", "json").out)}
    # 985-990: Dickens et al. found the evidence; Machielse & Hortulanus add a caveat.
    assert rows["group_format"]["sources"] == ["dickens2011"]
    assert any("Machielse" in c for c in rows["group_format"]["comparisons"])


def test_findlays_five_months_concern_older_people():
    # 979, 1006-1008: section "Doelgroep: ouderen".
    card = _card("bereavement-support-group")
    assert "ouderen" in card["evidence_summary"]
    assert any("ouderen" in c["text"].lower() for c in card["cautions_detail"])
    rows = {r["id"]: r for r in json.loads(run_cli("factors", "--format", "json").out)}
    assert "ouderen" in rows["long_support_group"]["description"].lower()


def test_goed_gezelschap_in_nursing_homes_with_or_without_adaptation():
    card = _card("goed-gezelschap")  # 1206-1207: "al dan niet in aangepaste vorm"
    assert any("al dan niet in aangepaste vorm" in c["text"] for c in card["cautions_detail"])


def test_every_cited_source_exists_and_evidence_cites_its_study():
    sources = {s["id"] for s in _data("sources.yaml")["sources"]}
    for iid, iv in _interventions().items():
        cited = [
            *iv["evidence"]["sources"],
            *iv["effort"]["sources"],
            *(s for c in iv["cautions"] for s in c["sources"]),
            *(s for st in iv["studies"] for s in st["sources"]),
        ]
        assert set(cited) <= sources, iid
        # A study with a measured design is what the evidence summary rests on.
        for st in iv["studies"]:
            if st["design"] in ("rct", "controlled", "pre_post"):
                assert set(st["sources"]) <= set(iv["evidence"]["sources"]), iid


# --- 6. Own words: no run of nine words from the dossier ---------------------------------


def _prose(node, path=()):
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in ("authors", "id"):  # names carry over from the dossier
                yield from _prose(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _prose(value, (*path, i))
    elif isinstance(node, str):
        yield path, node


def test_no_nine_word_run_comes_from_the_dossier(dossier):
    words = _words(dossier)
    runs = {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}
    hits = []
    for file in sorted((ROOT / "data").glob("*.yaml")):
        for path, text in _prose(YAML(typ="safe").load(file.read_text(encoding="utf-8"))):
            w = _words(text)
            for i in range(len(w) - RUN + 1):
                if tuple(w[i : i + RUN]) in runs:
                    hits.append(
                        f"{file.name} {'.'.join(map(str, path))}: {' '.join(w[i : i + RUN])}"
                    )
                    break
    assert not hits, "\n".join(hits)


def test_the_run_check_catches_a_copied_sentence(dossier):
    words = _words(dossier)
    runs = {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}
    copied = _words("Er is enig bewijs dat groepsinterventies bij ouderen effectiever zijn dan")
    assert tuple(copied[:RUN]) in runs


# --- 7. Costs: who delivers and how intensive ("inzet"; 58-59, 148-150, 860-861) ---------


def test_every_intervention_states_its_effort_without_prices():
    levels = {e["id"]: e["label"] for e in _data("factors.yaml")["effort_levels"]}
    assert set(levels) == {"light", "moderate", "intensive"}
    for iid, iv in _interventions().items():
        effort = iv["effort"]
        assert effort["level"] in levels and effort["text"], iid
        assert effort["sources"] or iv.get("no_source"), iid
    for file in (ROOT / "data").glob("*.yaml"):
        # 'euro(s)' as a word: a journal title such as 'European ...' is no price
        assert not re.search(r"€|\beuros?\b", file.read_text(encoding="utf-8"), re.I), file.name


@pytest.mark.parametrize(
    "iid, level, word, lines",
    [
        ("cbt", "intensive", "therapeut", "1128-1129"),
        ("samen-online", "intensive", "ROC", "1158-1168"),
        ("peer-home-visits", "moderate", "vrijwilliger", "1308-1310"),
        ("befriending", "moderate", "getrainde vrijwilliger", "1103-1104"),
        ("online-grief-writing", "light", "zelfhulp", "1327-1328"),
        ("family-self-help-group", "light", "zelfhulp", "1099"),
        ("mbsr", "intensive", "dagelijks", "1346-1348"),
    ],
)
def test_evidence_card_shows_the_effort(iid, level, word, lines):
    effort = _card(iid)["effort"]
    assert effort["level"] == level, lines
    assert word.lower() in effort["text"].lower()
    assert effort["label"].endswith("inzet")
    table = run_cli("evidence", iid).out
    assert "Inzet" in table and effort["label"].capitalize() in table


@pytest.mark.parametrize(
    "old, new, message",
    [
        (
            "age: {min: 65, convention: ouderen",
            "age: {min: 55, convention: ouderen",
            "'ouderen' betekent 65-120 jaar",
        ),
        (", basis: \"dossier: 'mannen en vrouwen van 50 jaar en ouder'\"", "", "'basis' ontbreekt"),
        ("convention: jongeren", "convention: jongeren2", "onbekend leeftijdswoord 'jongeren2'"),
    ],
)
def test_an_age_without_basis_or_off_its_convention_is_a_located_error(
    tmp_path, data_dir, old, new, message
):
    import shutil

    from wat_werkt.core.kb_build import check_data_dir

    data = tmp_path / "data"
    shutil.copytree(data_dir, data, ignore=shutil.ignore_patterns("__*"))
    path = data / "interventions.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    problems = check_data_dir(data)
    assert any(message in p.message and p.line for p in problems), problems
