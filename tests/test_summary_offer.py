"""compare --summary with --offer: only providers that serve the counted residents, outdated
entries marked, a bad social map stops the run with a way to check it, and no summary of nobody."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest

from tests.conftest import run_cli
from tests.terminal import run_on_terminal

TODAY = "2026-11-24"
OLD = "name: Meneer O\nage: 88\ngender: male\nloneliness: {types: [social, emotional], score: 7}\n"
YOUNG_ONLY = """offers:
  - intervention: peer-home-visits
    provider: Jeugdwerk
    age: {min: 15, max: 23}
    last_updated: 2026-03-01
"""
MIXED = """offers:
  - intervention: peer-home-visits
    provider: Welzijn Noord
    age: {min: 65, max: 120}
    last_updated: 2026-03-01
  - intervention: meeting-activities
    provider: Buurthuis De Linde
    name: Koffieochtend
    last_updated: 2025-11-23
  - intervention: zin-in-vriendschap
    provider: Welzijn Noord
    last_updated: 2025-11-24
"""


@pytest.fixture
def files(tmp_path, monkeypatch):
    monkeypatch.setenv("WAT_WERKT_TODAY", TODAY)
    (tmp_path / "oud.yaml").write_text(OLD, encoding="utf-8")
    (tmp_path / "jong.yaml").write_text(YOUNG_ONLY, encoding="utf-8")
    (tmp_path / "kaart.yaml").write_text(MIXED, encoding="utf-8")
    return tmp_path


def _last_column(shown: str) -> str:
    """The table's last column read top to bottom, wrapped cells joined again."""
    return " ".join(line.rsplit("│", 1)[1].strip() for line in shown.splitlines() if "│" in line)


def test_a_provider_for_other_ages_is_no_provider_for_these_residents(files):
    person, offer = str(files / "oud.yaml"), str(files / "jong.yaml")
    args = ["compare", person, "--offer", offer, "--summary"]
    code, shown = run_on_terminal(args, cols=80)
    assert code == 0
    assert "Jeugdwerk" not in shown
    assert "Thuisbezoek door leeftijdgenoten" in shown.split("Geen lokale aanbieder voor:")[1]
    s = json.loads(run_cli(*args, "-f", "json").out)
    peer = next(i for i in s["interventions"] if i["id"] == "peer-home-visits")
    assert (peer["local_providers"], peer["providers"]) == (0, [])
    assert "Jeugdwerk" not in run_cli(*args, "-f", "csv").out
    book = files / "s.xlsx"
    assert run_cli(*args, "-f", "xlsx", "-o", str(book)).code == 0
    cells = {c for r in openpyxl.load_workbook(book)["Samenvatting"].iter_rows(values_only=True)
             for c in r}  # fmt: skip
    assert "Jeugdwerk" not in cells


def test_outdated_providers_are_marked_in_every_summary_format(files):
    # --top 10: the meeting activities come into the counted top
    args = ["compare", str(files / "oud.yaml"), "--offer", str(files / "kaart.yaml"), "--summary"]
    args += ["--top", "10"]
    code, shown = run_on_terminal(args, cols=80)
    assert code == 0
    last = _last_column(shown)
    assert "Buurthuis De Linde (mogelijk verouderd)" in last
    # exactly 12 months old is not yet outdated
    assert "Welzijn Noord (mogelijk" not in last and "Welzijn Noord" in last
    s = json.loads(run_cli(*args, "-f", "json").out)
    outdated = {i["id"]: i["outdated_providers"] for i in s["interventions"]}
    assert outdated["meeting-activities"] == ["Buurthuis De Linde"]
    assert outdated["zin-in-vriendschap"] == []
    rows = list(csv.DictReader(io.StringIO(run_cli(*args, "-f", "csv").out)))
    meeting = next(r for r in rows if r["id"] == "meeting-activities")
    assert meeting["providers"] == "Buurthuis De Linde (mogelijk verouderd)"
    book = files / "s.xlsx"
    run_cli(*args, "-f", "xlsx", "-o", str(book))
    sheet = openpyxl.load_workbook(book)["Samenvatting"].iter_rows(values_only=True)
    assert ("meeting-activities", "Buurthuis De Linde (mogelijk verouderd)") in [
        (r[0], r[-1]) for r in sheet
    ]


def test_validate_offer_names_the_outdated_entries(files):
    r = run_cli("validate", "--offer", str(files / "kaart.yaml"))
    assert r.code == 0
    lines = r.out.splitlines()
    assert lines[0].startswith("Aanbod in orde: 3 activiteit(en), waarvan 1 mogelijk verouderd")
    assert lines[1:] == [
        f"  {files / 'kaart.yaml'}:6: Buurthuis De Linde – Koffieochtend (bijgewerkt: 2025-11-23)"
    ]
    sheet = files / "kaart.csv"
    sheet.write_text(
        "intervention;provider;name;last_updated\n"
        "peer-home-visits;Welzijn Noord;Bezoek;2026-03-01\n"
        "meeting-activities;Bibliotheek;Videobellen;2023-11-30\n",
        encoding="utf-8",
    )
    out = run_cli("validate", "--offer", str(sheet)).out
    assert f"  {sheet}:3: Bibliotheek – Videobellen (bijgewerkt: 2023-11-30)" in out.splitlines()


def test_a_bad_social_map_says_nothing_was_calculated_and_how_to_check_it(files):
    bad = files / "fout.yaml"
    bad.write_text("offers:\n  - intervention: peer-home-visit\n    provider: X\n")
    r = run_cli("compare", str(files / "oud.yaml"), "--offer", str(bad), "--summary")
    assert (r.code, r.out) == (1, "")
    lines = r.err.splitlines()
    assert lines[0].startswith(f"{bad}:2:19: onbekende interventie 'peer-home-visit'")
    assert lines[-1] == (
        "wat-werkt: niets berekend, want het aanbodbestand bevat fouten; controleer het met: "
        f"wat-werkt validate --offer {bad}"
    )
    assert len(lines) == 2
    r = run_cli("advise", str(files / "oud.yaml"), "--offer", str(bad))  # advise alike
    assert (r.code, r.out) == (1, "") and r.err.splitlines()[-1] == lines[-1]


def test_summary_lists_the_located_errors(tmp_path):
    rows = tmp_path / "wijk.csv"
    rows.write_text("name,age,loneliness.score\nA,80,7\nB,80,99\nC,200,3\n", encoding="utf-8")
    r = run_cli("compare", str(rows), "--summary", "-f", "json")
    s = json.loads(r.out)
    assert s["errors"] == 2  # a number, as CONTRACT §7 fixes it
    assert [(e["file"], e["line"], e["column"]) for e in s["error_list"]] == [
        (f"{rows}#3", 3, 3),
        (f"{rows}#4", 4, 2),
    ]
    assert "99" in s["error_list"][0]["message"]


def test_dutch_summary_csv_has_dutch_headers_and_labels(tmp_path):
    rows = tmp_path / "wijk.csv"
    rows.write_text("name,age,loneliness.score\nA,80,7\nB,30-90,11\n", encoding="utf-8")
    text = run_cli("compare", str(rows), "--summary", "-f", "csv", "--csv-sep", ";").out
    assert text.startswith("\ufeff")
    table = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert table[0] == ["id", "naam", "groep", "band", "profielen", "eerste_keus", "top_3"]
    groups = {(r[2], r[3]) for r in table[1:]}
    assert ("totaal", "") in groups and ("leeftijd", "75-84") in groups
    assert ("leeftijd", "gemengd") in groups
    assert {r[3] for r in table[1:] if r[2] == "ernst"} == {"matig eenzaam", "zeer ernstig eenzaam"}
    # the comma CSV for scripts keeps its codes
    plain = run_cli("compare", str(rows), "--summary", "-f", "csv").out
    assert plain.startswith("id,name,group,band,profiles,top_1,top_k\n")
    assert ",severity,moderate," in plain and ",age,mixed," in plain


def test_no_summary_of_nobody(tmp_path):
    missing = str(tmp_path / "bestaatniet.csv")
    r = run_cli("compare", missing, "--summary")
    assert (r.code, r.out) == (1, "")
    assert r.err.splitlines() == [
        f"{missing}: bestand niet gevonden",
        "wat-werkt: 1 profiel(en) met fouten; geen profiel verwerkt.",
    ]
    # json keeps its shape for scripts, as plain compare's does
    s = json.loads(run_cli("compare", missing, "--summary", "-f", "json").out)
    assert (s["profiles"], s["errors"]) == (0, 1)
    assert s["error_list"][0]["message"] == "bestand niet gevonden"
    empty = tmp_path / "leeg.csv"
    empty.write_text("name,age\n", encoding="utf-8")
    e = run_cli("compare", str(empty), "--summary")
    assert (e.code, e.out) == (0, "")
    assert "geen profiel gevonden" in e.err


def test_error_list_is_capped_but_errors_counts_all(tmp_path, monkeypatch):
    from wat_werkt.cli import compare

    monkeypatch.setattr(compare, "ERRORS_LISTED", 1)  # a survey may hold 450,000 bad rows
    rows = tmp_path / "wijk.csv"
    rows.write_text("name,age,loneliness.score\nA,80,7\nB,80,99\nC,200,3\n", encoding="utf-8")
    s = json.loads(run_cli("compare", str(rows), "--summary", "-f", "json").out)
    assert s["errors"] == 2 and len(s["error_list"]) == 1
