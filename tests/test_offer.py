"""The local offer: matching by age, outdated marks (with a pinned today), availability, checks."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.conftest import EXAMPLES, run_cli
from wat_werkt.core.offer import read_offer

TODAY = "2026-11-24"
OFFER = """offers:
  - intervention: peer-home-visits
    provider: Welzijn Noord
    name: Ouderen bezoeken ouderen
    age: {min: 65, max: 120}
    last_updated: 2026-03-01
  - intervention: peer-home-visits
    provider: Kerk Zuid
    age: {min: 18, max: 64}
    last_updated: 2026-03-01
  - intervention: meeting-activities
    provider: Buurthuis De Linde
    last_updated: 2025-11-23
  - intervention: zin-in-vriendschap
    provider: Welzijn Noord
    last_updated: 2025-11-24
"""
PERSON = (
    "name: Mevrouw A\nage: 80\ngender: female\nloneliness: {types: [social, emotional], score: 7}\n"
)


@pytest.fixture
def files(tmp_path, monkeypatch):
    monkeypatch.setenv("WAT_WERKT_TODAY", TODAY)
    (tmp_path / "aanbod.yaml").write_text(OFFER, encoding="utf-8")
    (tmp_path / "a.yaml").write_text(PERSON, encoding="utf-8")
    return tmp_path


def _advice(*args):
    r = run_cli("advise", *args, "-f", "json")
    assert r.code == 0, r.err
    return json.loads(r.out)


def test_ranked_items_list_the_entries_that_fit_the_ages(files):
    a = _advice(str(files / "a.yaml"), "--offer", str(files / "aanbod.yaml"))
    by_id = {r["id"]: r for r in a["ranking"]}
    assert all("local_offer" in r for r in a["ranking"])
    peer = by_id["peer-home-visits"]["local_offer"]
    assert [e["provider"] for e in peer] == ["Welzijn Noord"]  # Kerk Zuid serves 18-64 only
    assert peer[0] == {
        "intervention": "peer-home-visits",
        "provider": "Welzijn Noord",
        "name": "Ouderen bezoeken ouderen",
        "place": None,
        "age": {"min": 65, "max": 120},
        "cost": None,
        "contact": None,
        "last_updated": "2026-03-01",
        "outdated": False,
    }
    # Exactly 12 months and one day old is outdated; exactly 12 months is not.
    assert by_id["meeting-activities"]["local_offer"][0]["outdated"] is True
    assert by_id["zin-in-vriendschap"]["local_offer"][0]["outdated"] is False


def test_fitting_entries_count_as_available(files):
    """--offer ranks exactly as the same interventions listed under the profile's `available`."""
    with_offer = _advice(str(files / "a.yaml"), "--offer", str(files / "aanbod.yaml"))
    listed = files / "b.yaml"
    listed.write_text(
        PERSON + "available: [peer-home-visits, meeting-activities, zin-in-vriendschap]\n"
    )
    plain = _advice(str(listed))
    for r in with_offer["ranking"]:
        del r["local_offer"]
    assert with_offer["ranking"] == plain["ranking"]
    assert _advice(str(files / "a.yaml"))["ranking"] != plain["ranking"]


def test_compare_json_carries_the_offer_and_the_table_shows_it(files):
    r = run_cli(
        "compare", str(files / "a.yaml"), "--offer", str(files / "aanbod.yaml"), "-f", "json"
    )
    (a,) = json.loads(r.out)["results"]
    assert any(r["local_offer"] for r in a["ranking"])
    t = run_cli("advise", str(files / "a.yaml"), "--offer", str(files / "aanbod.yaml"))
    assert "Ouderen bezoeken ouderen, Welzijn Noord" in t.out
    assert "Buurthuis De Linde (gegevens ouder dan een jaar)" in t.out
    assert "Kerk Zuid" not in t.out  # serves 18-64: not for an 80-year-old
    m = run_cli(
        "advise", str(files / "a.yaml"), "--offer", str(files / "aanbod.yaml"), "-f", "markdown"
    )
    assert "- Lokaal aanbod: Ouderen bezoeken ouderen, Welzijn Noord" in m.out


def test_summary_names_the_gaps(files):
    r = run_cli(
        "compare",
        str(files / "a.yaml"),
        "--summary",
        "--offer",
        str(files / "aanbod.yaml"),
        "-f",
        "json",
    )
    s = json.loads(r.out)
    counts = {i["id"]: i["local_providers"] for i in s["interventions"]}
    # Kerk Zuid serves 18-64: no offer for Mevrouw A (80), so it is not counted
    assert counts["peer-home-visits"] == 1 and counts["cbt"] == 0
    t = run_cli(
        "compare", str(files / "a.yaml"), "--summary", "--offer", str(files / "aanbod.yaml")
    )
    assert "Geen lokale aanbieder voor:" in t.out


BAD = """offers:
  - intervention: peer-home-visit
    provider: Welzijn Noord
  - intervention: mbsr
    age: {min: 80, max: 70}
  - intervention: cbt
    provider: GGZ
    age: {min: 18, max: 130}
    last_updated: 2027-01-01
  - intervention: befriending
    provider: Compeer
    adres: Dorpsstraat 1
"""


def test_validate_offer_reports_every_problem_located(tmp_path, monkeypatch):
    monkeypatch.setenv("WAT_WERKT_TODAY", TODAY)
    f = tmp_path / "aanbod.yaml"
    f.write_text(BAD, encoding="utf-8")
    r = run_cli("validate", "--offer", str(f))
    assert r.code == 1
    want = [
        f"{f}:2:19: onbekende interventie 'peer-home-visit'; bedoelde u 'peer-home-visits'?",
        f"{f}:4:5: 'provider' ontbreekt",
        f"{f}:5:10: onmogelijke leeftijd: min (80) is groter dan max (70)",
        f"{f}:8:25: onmogelijke leeftijd 130 voor 'age.max'",
        f"{f}:9:19: datum 2027-01-01 ligt in de toekomst",
        f"{f}:12:5: onbekende sleutel 'adres'",
    ]
    for line in want:
        assert line in r.err
    assert "Traceback" not in r.err
    # A bad offer stops advise too, with the same messages.
    person = tmp_path / "a.yaml"
    person.write_text(PERSON)
    a = run_cli("advise", str(person), "--offer", str(f))
    assert a.code == 1 and want[0] in a.err


def test_offer_as_spreadsheet(tmp_path):
    f = tmp_path / "sociale-kaart.csv"
    f.write_text(
        "intervention;provider;name;age;last_updated\n"
        "peer-home-visits;Welzijn Noord;Bezoek;65-120;2026-03-01\n"
        "mbsr;;Mindful;;2026-03-01\n"
        "cbt;GGZ;CGT;18-64;2024-01-01\n",
        encoding="utf-8",
    )
    entries, problems = read_offer(str(f), _kb(), dt.date(2026, 11, 24))
    assert [str(p) for p in problems] == [
        f"{f}:3:2: 'provider' ontbreekt: wie biedt deze activiteit aan?"
    ]
    assert [(e.intervention, e.age_min, e.age_max, e.outdated) for e in entries] == [
        ("peer-home-visits", 65, 120, False),
        ("cbt", 18, 64, True),
    ]


def test_the_example_offer_is_valid(monkeypatch):
    monkeypatch.setenv("WAT_WERKT_TODAY", TODAY)
    r = run_cli("validate", "--offer", str(EXAMPLES / "aanbod" / "sociale-kaart.yaml"))
    assert r.code == 0, r.err
    assert "Aanbod in orde: 4 activiteit(en)" in r.out


def _kb():
    from wat_werkt.core.kb_load import load_kb

    return load_kb()


def test_offer_as_workbook_with_real_dates(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["intervention", "provider", "age.min", "age.max", "last_updated"])
    sheet.append(["befriending", "Compeer", 18, 120, dt.datetime(2026, 6, 1)])
    sheet.append(["befriendng", "Compeer", 18, 120, dt.datetime(2027, 6, 1)])
    f = tmp_path / "kaart.xlsx"
    book.save(f)
    entries, problems = read_offer(str(f), _kb(), dt.date(2026, 11, 24))
    assert [(e.intervention, e.last_updated, e.outdated) for e in entries] == [
        ("befriending", dt.date(2026, 6, 1), False)
    ]
    assert [str(p) for p in problems] == [
        f"{f}:3:1: onbekende interventie 'befriendng'; bedoelde u 'befriending'?",
        f"{f}:3:5: datum 2027-06-01 ligt in de toekomst (vandaag is 2026-11-24)",
    ]


def test_summary_names_the_providers_and_the_lokaal_lines_the_cost(files):
    from tests.terminal import run_on_terminal

    offer, person = str(files / "aanbod.yaml"), str(files / "a.yaml")
    s = json.loads(run_cli("compare", person, "--summary", "--offer", offer, "-f", "json").out)
    names = {i["id"]: i["providers"] for i in s["interventions"]}
    assert names["peer-home-visits"] == ["Welzijn Noord"] and names["cbt"] == []
    # With a 40-year-old counted too, Kerk Zuid (18-64) serves someone counted.
    (files / "b.yaml").write_text(PERSON.replace("Mevrouw A", "B").replace("80", "40"))
    both = run_cli(
        "compare", person, str(files / "b.yaml"), "--summary", "--offer", offer, "-f", "json"
    ).out
    names = {i["id"]: i["providers"] for i in json.loads(both)["interventions"]}
    assert names["peer-home-visits"] == ["Welzijn Noord", "Kerk Zuid"]
    two = [person, str(files / "b.yaml")]
    c = run_cli("compare", *two, "--summary", "--offer", offer, "-f", "csv").out
    assert "local_providers,providers" in c.splitlines()[0]
    assert ",2,Welzijn Noord; Kerk Zuid" in c
    import openpyxl

    book = files / "s.xlsx"
    run_cli("compare", *two, "--summary", "--offer", offer, "-f", "xlsx", "-o", str(book))
    rows = list(openpyxl.load_workbook(book)["Samenvatting"].iter_rows(values_only=True))
    assert rows[0][-1] == "Aanbieders"
    assert ("peer-home-visits", 2, "Welzijn Noord; Kerk Zuid") in [(r[0], *r[-2:]) for r in rows]
    code, shown = run_on_terminal(["compare", *two, "--summary", "--offer", offer], cols=80)
    assert code == 0
    assert "Welzijn Noord; Kerk Zuid" in shown
    assert max(len(line) for line in shown.splitlines() if "/?" not in line) <= 80

    costly = files / "kosten.yaml"
    costly.write_text(
        "offers:\n  - {intervention: peer-home-visits, provider: Welzijn Noord, cost: gratis,"
        " contact: wn@example.nl, last_updated: 2026-03-01}\n",
        encoding="utf-8",
    )
    line = "Welzijn Noord, kosten: gratis, wn@example.nl"
    code, shown = run_on_terminal(["advise", person, "--offer", str(costly)], cols=80)
    assert line in shown
    for fmt in ("markdown", "html"):
        assert (
            f"Lokaal aanbod: {line}"
            in run_cli("advise", person, "--offer", str(costly), "-f", fmt).out
        )


def test_interventions_by_id_or_full_name_everywhere(tmp_path):
    """available:, offer files and `evidence` take an id or a full name, in any case."""
    p = tmp_path / "p.yaml"
    p.write_text(
        "name: x\nage: 70\navailable: [Zin in vriendschap online (50+), goed gezelschap]\n",
        encoding="utf-8",
    )
    offer = tmp_path / "o.csv"
    offer.write_text(
        "intervention;provider\nvrienden maken;A\nZIN IN VRIENDSCHAP ONLINE (50+);B\n",
        encoding="utf-8",
    )
    by_id = tmp_path / "ids.yaml"
    by_id.write_text("name: x\nage: 70\navailable: [zin-in-vriendschap-online, goed-gezelschap]\n")
    assert _advice(str(p))["ranking"] == _advice(str(by_id))["ranking"]
    r = run_cli("validate", "--offer", str(offer))
    assert r.code == 0, r.err
    e = run_cli("evidence", "zin in vriendschap online (50+)", "-f", "json")
    assert e.code == 0 and json.loads(e.out)["id"] == "zin-in-vriendschap-online"
    # A near miss of a name is still an error, with the name suggested
    p.write_text("name: x\nage: 70\navailable: [Zin in vriendschap onlinee (50+)]\n")
    bad = run_cli("advise", str(p))
    assert bad.code == 1
    assert "bedoelde u 'Zin in vriendschap online (50+)' (zin-in-vriendschap-online)?" in bad.err
