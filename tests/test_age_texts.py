"""Texts about one age group reach only profiles of that age (chosen by rules in data/)."""

from __future__ import annotations

import json

from tests.conftest import run_cli


def advice(tmp_path, age: str) -> dict:
    profile = tmp_path / "p.yaml"
    profile.write_text(
        f"name: Test\nage: {age}\nloneliness: {{severity: moderate, types: [social]}}\n"
        "readiness: {aware: no, motivated: yes, able: yes}\nsetting: home\n",
        encoding="utf-8",
    )
    result = run_cli("advise", str(profile), "-f", "json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def step_texts(a: dict) -> list[str]:
    return [r["advice"] or "" for r in a["readiness"]] + [s["text"] for s in a["first_steps"]]


def test_youth_readiness_and_first_steps_do_not_speak_of_older_people(tmp_path):
    youth = step_texts(advice(tmp_path, "{min: 15, max: 18}"))
    assert any(t.startswith("Begin met bewustwording") for t in youth)
    assert not [t for t in youth if "ouderen" in t.lower()]


def test_older_people_get_what_the_dossier_says_of_them(tmp_path):
    older = step_texts(advice(tmp_path, "{min: 70, max: 85}"))
    assert any(t.startswith("Eenzame ouderen overwegen zelden") for t in older)
    assert any("Gatekeeper" in t for t in older)
