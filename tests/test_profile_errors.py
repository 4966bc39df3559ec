"""Bad profiles: every problem at once, located as file:line:col, exit code 1, no traceback."""

from __future__ import annotations

import re
import time

import pytest

from tests.conftest import make_profile, run_cli

GOOD = "name: Test\nage: 70\nloneliness:\n  types: [social]\n  score: 6\n"


def check(tmp_path, text: str | bytes, *expected: str, name: str = "p.yaml"):
    """Run advise on text; each expected regex must match some stderr line."""
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    result = run_cli("advise", str(path), "--format", "json")
    assert result.code == 1, result.out[:300]
    assert "Traceback" not in result.err
    assert result.out == ""
    lines = result.err.splitlines()
    for pattern in expected:
        assert any(re.search(pattern, ln) for ln in lines), (pattern, result.err)
    return lines


CASES = [
    (
        "typo key",
        "name: A\nleeftjd: 70\n",
        [
            r"p\.yaml:2:1: onbekende sleutel 'leeftjd'; bedoelde u 'age'",
            r"p\.yaml:1:1: verplichte sleutel 'age' ontbreekt",
        ],
    ),
    (
        "dutch key",
        "name: A\nage: 70\nsituatie: [widowed]\n",
        [r"p\.yaml:3:1: onbekende sleutel 'situatie'; bedoelde u 'situation'"],
    ),
    (
        "typo situation code",
        "name: A\nage: 70\nsituation: [widowed, lives_alnoe]\n",
        [r"p\.yaml:3:22: onbekende situatiecode 'lives_alnoe'; bedoelde u 'lives_alone'"],
    ),
    (
        "typo type",
        "name: A\nage: 70\nloneliness:\n  types: [socail]\n",
        [r"p\.yaml:4:11: onbekende soort eenzaamheid 'socail'; bedoelde u 'social'"],
    ),
    (
        "gender vocabulary",
        "name: A\nage: 70\ngender: vrouuw\n",
        [r"p\.yaml:3:9: ongeldige waarde 'vrouuw' voor 'gender'; bedoelde u 'vrouw' \(female\)\?"],
    ),
    ("age out of range", "name: A\nage: 130\n", [r"p\.yaml:2:6: leeftijd 130 valt buiten 0-120"]),
    (
        "age range out of range",
        "name: A\nage: {min: 60, max: 130}\n",
        [r"p\.yaml:2:21: 'age.max' is 130 maar moet hoogstens 120 zijn"],
    ),
    (
        "age range backwards",
        "name: A\nage: 85-70\n",
        [r"p\.yaml:2:6: leeftijd min \(85\) is groter dan max \(70\)"],
    ),
    (
        "age wrong type",
        "name: A\nage: oud\n",
        [
            r"p\.yaml:2:6: 'age' moet een getal \(0-120\), een bereik \(75-90, 85\+\) of \{min, max\} zijn, niet 'oud'"
        ],
    ),
    (
        "age min above max",
        "name: A\nage: {min: 80, max: 60}\n",
        [r"p\.yaml:2:6: leeftijd min \(80\) is groter dan max \(60\)"],
    ),
    (
        "score out of range",
        "name: A\nage: 70\nloneliness:\n  types: [social]\n  score: 14\n",
        [r"p\.yaml:5:10: 'loneliness.score' is 14 maar moet hoogstens 11 zijn"],
    ),
    (
        "score contradicts severity",
        "name: A\nage: 70\nloneliness:\n  types: [social]\n  score: 9\n  severity: moderate\n",
        [r"p\.yaml:6:13: severity 'moderate' klopt niet met score 9: die hoort bij 'severe'"],
    ),
    (
        "readiness not yes/no",
        "name: A\nage: 70\nreadiness: {aware: misschien}\n",
        [
            r"p\.yaml:3:20: ongeldige waarde 'misschien' voor 'readiness.aware'; "
            r"toegestaan: ja \(yes\), nee \(no\), onbekend \(unknown\)"
        ],
    ),
    (
        "unknown intervention available",
        "name: A\nage: 70\navailable: [peer-home-visit]\n",
        [r"p\.yaml:3:13: onbekende interventie 'peer-home-visit'; bedoelde u 'peer-home-visits'"],
    ),
    (
        "duplicate key",
        "name: A\nage: 70\nname: B\n",
        [r"p\.yaml:3:1: sleutel 'name' staat er twee keer \(eerder op regel 1\)"],
    ),
    (
        "broken syntax",
        "name: A\nage: [70\n",
        [r"p\.yaml:3:1: de lijst die op regel 2:6 begint, is niet afgesloten met '\]'"],
    ),
    ("empty file", "", [r"p\.yaml:1:1: leeg profiel"]),
    ("root is a list", "- name: A\n", [r"p\.yaml:1:1: een profiel moet een mapping"]),
    (
        "unsafe tag",
        "name: !!python/object:os.system A\nage: 70\n",
        [r"p\.yaml:1:7: onbekend of onveilig YAML-type"],
    ),
    (
        "types empty",
        "name: A\nage: 70\nloneliness:\n  types: []\n",
        [r"p\.yaml:4:10: 'types' mag niet leeg zijn"],
    ),
]


@pytest.mark.parametrize("label, text, expected", CASES, ids=[c[0] for c in CASES])
def test_broken_profile(tmp_path, label, text, expected):
    check(tmp_path, text, *expected)


def test_all_problems_reported_at_once(tmp_path):
    text = "name: A\nage: 200\ngender: vrouuw\nsituation: [widowd]\nleeftjd: 3\n"
    lines = check(tmp_path, text, r":2:", r":3:", r":4:", r":5:")
    assert len(lines) == 4


def test_not_utf8(tmp_path):
    check(
        tmp_path,
        "name: Ren\u00e9\nage: 70\n".encode("latin-1"),
        r"p\.yaml:1:10: geen geldige UTF-8",
    )


def test_binary_file(tmp_path):
    check(tmp_path, b"\x00\x01\x02name", r"p\.yaml: geen tekstbestand")


def test_missing_file(tmp_path):
    result = run_cli("advise", str(tmp_path / "nope.yaml"))
    assert result.code == 1 and "nope.yaml: bestand niet gevonden" in result.err


def test_directory_instead_of_file(tmp_path):
    result = run_cli("advise", str(tmp_path))
    assert result.code == 1 and "is een map, geen bestand" in result.err


def test_too_large(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text(GOOD + "# " + "x" * (1024 * 1024) + "\n")
    result = run_cli("advise", str(path))
    assert result.code == 1 and "bestand is te groot" in result.err


def test_alias_bomb_is_refused_fast(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 12)]
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\nname: A\nage: 70\n")
    start = time.perf_counter()
    result = run_cli("advise", str(path))
    assert time.perf_counter() - start < 1.0
    assert result.code == 1
    assert re.search(r"bomb\.yaml:\d+:\d+: YAML-aliassen .* niet toegestaan", result.err)


def test_deep_nesting_is_refused(tmp_path):
    path = tmp_path / "deep.yaml"
    path.write_text("name: A\nage: 70\nx: " + "[" * 200 + "]" * 200 + "\n")
    result = run_cli("advise", str(path))
    assert result.code == 1 and "te diep genest" in result.err


# --- accepted spellings --------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        ("yes", "yes"),
        ("no", "no"),
        ("ja", "yes"),
        ("nee", "no"),
        ("onbekend", "unknown"),
        ("unknown", "unknown"),
        (True, "yes"),
        (False, "no"),
        ("Ja", "yes"),
    ],
)
def test_readiness_spellings(kb, value, expected):
    assert make_profile(kb, readiness={"motivated": value}).readiness.motivated == expected


def test_age_as_number_or_range(kb):
    assert vars(make_profile(kb, age=68).age) == {"min": 68, "max": 68}
    assert vars(make_profile(kb, age={"min": 75}).age) == {"min": 75, "max": 120}


def test_numeric_name_is_text_and_blank_name_is_refused(kb, tmp_path):
    assert make_profile(kb, name=12345).name == "12345"
    check(tmp_path, "name: '  '\nage: 70\n", r"p\.yaml:1:7: 'name' mag niet leeg zijn")


@pytest.mark.parametrize(
    "score, band",
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
def test_severity_bands(kb, score, band):
    profile = make_profile(kb, loneliness={"types": ["social"], "score": score})
    assert profile.severity_id == band


def test_severity_without_score(kb):
    assert (
        make_profile(kb, loneliness={"types": ["social"], "severity": "severe"}).severity_id
        == "severe"
    )
    assert make_profile(kb, loneliness={"types": ["social"]}).severity_id is None
