"""Steps 1 and 2 for consultants: scoring the scale, the profile wizard, sizing the problem."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import make_profile, run_cli
from wat_werkt.core.scale import score

# Item keys of the 11-item scale: negatively worded (emotional) items count 'ja' and 'min of meer',
# positively worded (social) items count 'nee' and 'min of meer'.
EMOTIONAL_11 = {2, 3, 5, 6, 9, 10}


def answers_11(total: int) -> list[str]:
    """Answers whose first `total` items count."""
    out = []
    for item in range(1, 12):
        counts = item <= total
        if item in EMOTIONAL_11:
            out.append("ja" if counts else "nee")
        else:
            out.append("nee" if counts else "ja")
    return out


def answers_6(total: int) -> list[str]:
    return [
        ("ja" if i <= total else "nee") if i <= 3 else ("nee" if i <= total else "ja")
        for i in range(1, 7)
    ]


def test_worked_example_11_items(kb):
    # Items 3, 5, 9 and 10 (emotional) and 8 and 11 (social) count: 4 + 2 = 6.
    result = score(
        kb, ["ja", "nee", "min of meer", "ja", "ja", "nee", "ja", "nee", "ja", "ja", "nee"]
    )
    assert result["total"] == 6
    scores = {k: (v["score"], v["max"]) for k, v in result["subscales"].items()}
    assert scores == {"social": (2, 5), "emotional": (4, 6)}
    assert result["severity"] == "moderate"
    assert result["types"] == ["emotional"]  # social 2 is below half of its 5 items


def test_worked_example_6_items(kb):
    # Items 1-3 emotional, 4-6 social: ja, min of meer, nee | nee, ja, min of meer -> 2 + 2.
    result = score(kb, ["ja", "min of meer", "nee", "nee", "ja", "min of meer"])
    assert (
        result["total"],
        result["subscales"]["emotional"]["score"],
        result["subscales"]["social"]["score"],
    ) == (4, 2, 2)
    assert result["severity"] == "moderate" and result["types"] == ["emotional", "social"]


@pytest.mark.parametrize(
    "total, band",
    [
        (0, "not_lonely"),
        (2, "not_lonely"),
        (3, "moderate"),
        (8, "moderate"),
        (9, "severe"),
        (10, "severe"),
        (11, "very_severe"),
    ],
)
def test_band_edges_11(kb, total, band):
    result = score(kb, answers_11(total))
    assert result["total"] == total and result["severity"] == band


@pytest.mark.parametrize(
    "total, band",
    [
        (0, "not_lonely"),
        (1, "not_lonely"),
        (2, "moderate"),
        (4, "moderate"),
        (5, "severe"),
        (6, "severe"),
    ],
)
def test_band_edges_6(kb, total, band):
    result = score(kb, answers_6(total))
    assert result["total"] == total and result["severity"] == band


def test_answer_spellings(kb):
    assert score(kb, ["JA", "Min of meer", "no", "yes", True, False, "?", "n", "j", "nee", "ja"])[
        "answers"
    ][:7] == ["ja", "min of meer", "nee", "ja", "ja", "nee", "min of meer"]


def test_profile_with_answers_fills_score_severity_and_types(kb):
    p = make_profile(kb, loneliness={"answers": answers_11(10)})
    assert p.severity_id == "severe"
    assert p.loneliness.scale["total"] == 10
    assert sorted(p.loneliness.types) == ["emotional", "social"]
    given = make_profile(kb, loneliness={"answers": answers_11(10), "types": ["social"]})
    assert given.loneliness.types == ["social"]  # stated types win


def test_profile_answer_problems_are_located(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(
        "name: A\nage: 80\nloneliness:\n  answers: [ja, nee, misschien, ja, nee, ja]\n  score: 4\n"
    )
    result = run_cli("advise", str(path))
    assert result.code == 1
    assert re.search(r"p\.yaml:4:22: item 3: ongeldig antwoord 'misschien'", result.err)
    path.write_text(
        "name: A\nage: 80\nloneliness:\n  answers: [ja, ja, ja, ja, ja, ja, ja, ja, ja, ja, ja]\n  score: 2\n"
    )
    result = run_cli("advise", str(path))
    assert re.search(r"p\.yaml:5:10: score 2 klopt niet met de antwoorden .*totaal 6", result.err)
    path.write_text("name: A\nage: 80\nloneliness:\n  answers: [ja, nee]\n")
    assert "verwacht 6 of 11 antwoorden" in run_cli("advise", str(path)).err


def test_advice_shows_the_scale(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(
        "name: A\nage: 80\nloneliness:\n  answers: [" + ", ".join(answers_11(9)) + "]\n"
    )
    advice = json.loads(run_cli("advise", str(path), "--format", "json").out)
    assert advice["severity"] == "severe" and advice["analysis"]["scale"]["total"] == 9


def test_scale_command_from_file_and_interactive(tmp_path):
    path = tmp_path / "antwoorden.yaml"
    path.write_text("answers: [" + ", ".join(answers_6(5)) + "]\n")
    result = run_cli("scale", str(path), "--format", "json")
    assert result.code == 0 and json.loads(result.out)["severity"] == "severe"
    table = run_cli("scale", str(path)).out
    assert "geen diagnose" in table.replace("\n", " ")

    typed = (
        "\n".join(["ja", "misschien", "nee", *answers_11(11)[2:]]) + "\n"
    )  # one retry on a bad answer
    result = run_cli("scale", "--format", "json", stdin=typed)
    assert result.code == 0, result.err
    assert json.loads(result.out)["answers"][:2] == ["ja", "nee"]
    assert "Kies uit" in result.err
    assert run_cli("scale", stdin="ja\nnee\n").code == 1  # input ends early


def test_scale_command_bad_file_is_located(tmp_path):
    path = tmp_path / "antwoorden.yaml"
    path.write_text("- ja\n- nee\n- ja\n- soms\n- ja\n- nee\n")
    result = run_cli("scale", str(path))
    assert result.code == 1 and re.search(
        r"antwoorden\.yaml:4:3: item 4: ongeldig antwoord 'soms'", result.err
    )


# --- the wizard ------------------------------------------------------------------------------

WIZARD_INPUT = (
    "\n".join(
        [
            "Mevrouw Test",
            "80-95",
            "female",
            "",
            "emotional,social",
            "9",
            "ja",
            "widowed,lives_alne",  # a typo: asked again
            "widowed,lives_alone",
            "ja",
            "ja",
            "onbekend",
            "none",
            "nee",
            "group",
            "peer-home-visits",
        ]
    )
    + "\n"
)


def test_wizard_writes_a_valid_commented_profile(tmp_path):
    target = tmp_path / "profiel.yaml"
    result = run_cli("init", str(target), stdin=WIZARD_INPUT)
    assert result.code == 0, result.err
    text = target.read_text(encoding="utf-8")
    assert "# weduwe of weduwnaar, woont alleen" in text and "De Jong Gierveld-schaal" in text
    assert "bedoelde u 'lives_alone'" in result.err
    assert run_cli("validate", str(target)).code == 0
    advice = json.loads(run_cli("advise", str(target), "--format", "json").out)
    assert advice["profile"]["age"] == {"min": 80, "max": 95} and advice["severity"] == "severe"


def test_wizard_never_overwrites_without_asking(tmp_path):
    target = tmp_path / "profiel.yaml"
    target.write_text("mijn werk\n")
    assert run_cli("init", str(target), stdin="\n").code == 1
    assert target.read_text() == "mijn werk\n"
    assert run_cli("init", str(target), stdin="j\n" + WIZARD_INPUT).code == 0
    assert "Mevrouw Test" in target.read_text(encoding="utf-8")


def test_wizard_interrupted_writes_nothing(tmp_path):
    target = tmp_path / "profiel.yaml"
    result = run_cli("init", str(target), stdin="Mevrouw Test\n")
    assert result.code == 1 and "afgebroken" in result.err and not target.exists()


# --- sizing the problem ---------------------------------------------------------------------


def test_population_estimate_by_hand(tmp_path):
    path = tmp_path / "inwoners.csv"
    path.write_text("leeftijd,inwoners\n0-18,500\n19-34,1000\n85+,100\n")
    result = run_cli("prevalence", "--population", str(path), "--format", "json")
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    rows = {r["ages"]: r for r in doc["rows"]}
    # Table 1 and 2: 19-34 -> 33.8 / 7.4 / 27.0 / 32.3 %; 85+ -> 59.2 / 13.8 / 50.2 / 48.0 %.
    assert [rows["19-34"][k] for k in ("lonely", "severely_lonely", "emotional", "social")] == [
        338,
        74,
        270,
        323,
    ]
    assert [rows["85+"][k] for k in ("lonely", "severely_lonely", "emotional", "social")] == [
        59,
        14,
        50,
        48,
    ]
    assert rows["0-18"]["lonely"] is None
    assert doc["total"] == {
        "residents": 1600,
        "residents_estimated": 1100,
        "lonely": 397,
        "severely_lonely": 88,
        "emotional": 320,
        "social": 371,
    }
    assert "2012" in doc["notice"]
    csv_out = run_cli("prevalence", "--population", str(path), "--format", "csv").out.splitlines()
    # the input says leeftijd,inwoners: the output answers in Dutch
    assert csv_out[0] == "leeftijd,band,inwoners,eenzaam,ernstig_eenzaam,emotioneel,sociaal"
    assert csv_out[-1] == "totaal,,1600,397,88,320,371"


def test_population_problems_are_located(tmp_path):
    path = tmp_path / "inwoners.csv"
    path.write_text("leeftijd,inwoners\n60-70,1000\n75-84,veel\noud,3\n")
    result = run_cli("prevalence", "--population", str(path))
    assert result.code == 1
    assert re.search(r"inwoners\.csv:2:1: leeftijd '60-70' valt niet binnen één band", result.err)
    assert re.search(r"inwoners\.csv:3:7: aantal inwoners 'veel' is geen geheel getal", result.err)
    assert re.search(r"inwoners\.csv:4:1: leeftijd 'oud' niet begrepen", result.err)


def test_prevalence_figures(kb):
    doc = json.loads(run_cli("prevalence", "--format", "json").out)
    assert [b["lonely"] for b in doc["by_age"]] == [33.8, 37.4, 40.3, 40.9, 49.5, 59.2]
    assert [b["social"] for b in doc["by_age"]][-1] == 48.0
    assert {r["group"] for r in doc["risk_factors"]} >= {
        "gescheiden",
        "weduwe of weduwnaar",
        "met een beperking",
    }
    table = run_cli("prevalence").out
    assert "59,2" in table and "landelijke gemiddelden uit 2012" in table.lower().replace("\n", " ")
