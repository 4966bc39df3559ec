"""A real survey export (Dutch headers, extra columns, empty cells) and a social map from Dutch
Excel: what the policy officer reads on stderr, at FILE:ROW:COLUMN."""

from __future__ import annotations

from tests.conftest import run_cli

ANSWERS = ["ja", "nee", "ja", "ja", "min of meer", "nee", "ja", "ja", "nee", "ja", "ja"]
ITEMS = [f"loneliness.answers.{i}" for i in range(1, 12)]


def _csv(path, head: list[str], *rows: list[str], sep: str = ";") -> str:
    text = "\r\n".join(sep.join(r) for r in [head, *rows]) + "\r\n"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    return str(path)


def _names(out: str) -> list[str]:
    return [line.split(",")[0] for line in out.splitlines()[1:]]


# --- 1. an empty answer cell --------------------------------------------------------------


def test_an_empty_answer_says_the_item_is_not_filled_in(tmp_path):
    one, two = list(ANSWERS), list(ANSWERS)
    one[3] = ""
    two[3] = two[7] = " "
    f = _csv(
        tmp_path / "enquete.csv",
        ["name", "age", *ITEMS],
        ["R1", "70", *one],
        ["R2", "70", *two],
        ["R3", "70", *([""] * 11)],  # no answers at all: advice without a scale score
        ["R4", "70", *ANSWERS],
    )
    r = run_cli("compare", f, "--format", "csv", "--top", "1")
    assert r.code == 1
    todo = "vul alle 11 antwoorden in, of laat ze allemaal leeg voor advies zonder schaalscore"
    assert f"{f}:2:6: item 4 is niet ingevuld; {todo}\n" in r.err
    assert f"{f}:3:6: items 4 en 8 zijn niet ingevuld; {todo}\n" in r.err
    assert "None" not in r.err and ":3:10:" not in r.err  # one message for the row
    assert _names(r.out) == ["R3", "R4"]
    assert "2 profiel(en) met fouten; 2 andere volledig verwerkt" in r.err


def test_a_null_answer_in_yaml_is_not_filled_in(tmp_path):
    p = tmp_path / "p.yaml"
    p.write_text(
        "name: x\nage: 70\nloneliness:\n  answers: [ja, null, nee, nee, ja, ja, ja, ja, ja, ja, ja]\n"
    )
    r = run_cli("advise", str(p))
    assert r.code == 1
    assert f"{p}:4:17: item 2 is niet ingevuld; vul alle 11 antwoorden in" in r.err
    assert "None" not in r.err
    s = tmp_path / "s.yaml"
    s.write_text('answers: [ja, nee, "", ja, ja, ja]\n')
    r = run_cli("scale", str(s))
    assert r.code == 1
    assert r.err.strip() == f"{s}:1:20: item 3 is niet ingevuld; vul alle 6 antwoorden in"


# --- 2. extra columns, Dutch column names -------------------------------------------------


def test_extra_columns_are_ignored_with_one_warning(tmp_path):
    rows = [["R1", "70", "vrouw", *ANSWERS], ["R2", "85+", "man", *ANSWERS]]
    plain = _csv(tmp_path / "plain.csv", ["name", "age", "gender", *ITEMS], *rows)
    export = _csv(
        tmp_path / "export.csv",
        ["respondent_id", "name", "age", "wijk", "gender", *ITEMS, "weging"],
        *(["17", *r[:2], "Noord", *r[2:], "1,03"] for r in rows),
    )
    expected = run_cli("compare", plain, "--format", "csv", "--top", "3")
    r = run_cli("compare", export, "--format", "csv", "--top", "3")
    assert r.code == 0
    said = "kolommen 'respondent_id', 'wijk' en 'weging' zijn geen profielkolommen"
    assert r.err == f"{export}:1:1: let op: {said} en worden genegeerd\n"
    assert r.out == expected.out.replace(plain, export)
    r = run_cli("validate", export)
    assert r.code == 0 and r.err.count("let op:") == 1
    assert "2 profiel(en) in orde, 0 met fouten." in r.out
    r = run_cli("compare", export, "--summary", "--format", "json")
    assert r.code == 0 and '"profiles": 2' in r.out


def test_one_extra_column_is_named(tmp_path):
    f = _csv(tmp_path / "extra.csv", ["name", "age", "Wijk"], ["a", "70", "Noord"])
    r = run_cli("compare", f, "--format", "csv", "--top", "1")
    assert r.code == 0
    assert r.err == f"{f}:1:3: let op: kolom 'Wijk' is geen profielkolom en wordt genegeerd\n"
    assert r.out.splitlines()[1].startswith("a,")


def test_a_workbook_export_the_same_way(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Respondent", "Leeftijd", "Geslacht", "Wijk"])
    sheet.append([1, 70, "vrouw", "Noord"])
    sheet.append([2, None, "man", "Zuid"])
    f = tmp_path / "export.xlsx"
    book.save(f)
    r = run_cli("compare", str(f), "--format", "csv", "--top", "1")
    assert r.code == 1
    assert r.err.splitlines()[:2] == [
        f"{f}:1:1: let op: kolommen 'Respondent' en 'Wijk' zijn geen profielkolommen en worden"
        " genegeerd",
        f"{f}:3:2: kolom 'Leeftijd' is leeg; vul de leeftijd in",
    ]
    assert _names(r.out) == ["rij 2"]


def test_dutch_column_names_give_the_same_advice(tmp_path):
    english = ["name", "age", "gender", "setting", *ITEMS, "situation", "readiness.motivated"]
    dutch = ["naam", "leeftijd", "geslacht", "woonsituatie"]
    dutch += [f"eenzaamheid.antwoorden.{i}" for i in range(1, 12)]
    dutch += ["situatie", "gereedheid.willen"]
    row = ["R1", "75-84", "vrouw", "thuis", *ANSWERS, "weduwe", "ja"]
    a = _csv(tmp_path / "en.csv", english, row)
    b = _csv(tmp_path / "nl.csv", [c.capitalize() for c in dutch], row)
    r = run_cli("compare", b, "--format", "json")
    assert r.code == 0 and r.err == ""
    assert r.out == run_cli("compare", a, "--format", "json").out.replace(a, b)


def test_a_column_that_resembles_a_field_is_still_an_error(tmp_path):
    f = _csv(tmp_path / "t.csv", ["respondent", "leeftjd", "wijk"], ["1", "70", "Noord"])
    r = run_cli("compare", f, "--format", "csv")
    assert r.code == 1
    assert r.err.splitlines() == [
        f"{f}:1:2: onbekende kolom 'leeftjd'; bedoelde u 'leeftijd'?",
        "wat-werkt: 1 profiel(en) met fouten; geen profiel verwerkt.",
    ]
    # a part of the profile, misnamed, even when nothing like it exists
    f = _csv(tmp_path / "u.csv", ["name", "age", "loneliness.kleur"], ["a", "70", "x"])
    r = run_cli("compare", f, "--format", "csv")
    assert r.code == 1 and f"{f}:1:3: onbekende kolom 'loneliness.kleur';" in r.err


def test_header_problems_name_the_columns(tmp_path):
    f = _csv(tmp_path / "d.csv", ["name", "age", "leeftijd"], ["a", "70", "70"])
    r = run_cli("compare", f, "--format", "csv")
    assert r.code == 1
    assert f"{f}:1:3: kolom 'leeftijd' is dezelfde als kolom 'age'\n" in r.err
    f = _csv(tmp_path / "n.csv", ["name", "wijk"], ["a", "Noord"])
    r = run_cli("compare", f, "--format", "csv")
    assert r.code == 1
    said = "geen kolom 'age' (of 'leeftijd'): elke rij heeft een leeftijd nodig"
    assert r.err.splitlines()[0] == f"{f}:1:1: {said}"


# --- 3. an empty required cell, at its column ---------------------------------------------


def test_an_empty_required_cell_is_named_at_its_column(tmp_path):
    f = _csv(
        tmp_path / "e.csv",
        ["respondent", "name", "leeftijd", "gender"],
        ["1", "A", "", "vrouw"],
        ["2", "", "70", "man"],
        ["3", "", "", ""],  # only the respondent number: reported, not skipped as empty
        ["4", "D", "70", "man"],
    )
    r = run_cli("compare", f, "--format", "csv", "--top", "1")
    assert r.code == 1
    assert r.err.splitlines()[1:5] == [
        f"{f}:2:3: kolom 'leeftijd' is leeg; vul de leeftijd in",
        f"{f}:3:2: kolom 'name' is leeg; vul de naam in",
        f"{f}:4:2: kolom 'name' is leeg; vul de naam in",
        f"{f}:4:3: kolom 'leeftijd' is leeg; vul de leeftijd in",
    ]
    assert "sleutel" not in r.err
    assert _names(r.out) == ["D"]
    f = _csv(tmp_path / "m.csv", ["name", "age.min", "age.max"], ["A", "", ""])
    r = run_cli("compare", f, "--format", "csv")
    assert f"{f}:2:2: kolom 'age.min' is leeg; vul de leeftijd in" in r.err


# --- 4. a social map from Dutch Excel: day-month-year dates ------------------------------


def test_an_offer_takes_dutch_dates_and_refuses_doubtful_ones(tmp_path, monkeypatch):
    monkeypatch.setenv("WAT_WERKT_TODAY", "2026-11-24")
    head = ["intervention", "provider", "name", "age", "last_updated"]
    good = _csv(
        tmp_path / "kaart.csv",
        head,
        ["peer-home-visits", "Welzijn Oost", "Bezoek", "65-120", "15-03-2025"],
        ["meeting-activities", "Buurthuis", "Koffie", "", "5-1-2026"],
        ["cbt", "GGZ", "CGT", "18-64", "2025-03-15"],
    )
    r = run_cli("validate", "--offer", good)
    assert r.code == 0, r.err
    assert r.out.splitlines() == [
        "Aanbod in orde: 3 activiteit(en), waarvan 2 mogelijk verouderd (meer dan 12 maanden niet"
        " bijgewerkt).",
        f"  {good}:2: Welzijn Oost – Bezoek (bijgewerkt: 2025-03-15)",  # read day first
        f"  {good}:4: GGZ – CGT (bijgewerkt: 2025-03-15)",
    ]
    bad = _csv(
        tmp_path / "fout.csv",
        head,
        ["cbt", "GGZ", "CGT", "", "31-02-2025"],
        ["cbt", "GGZ", "CGT", "", "03/15/2025"],
        ["cbt", "GGZ", "CGT", "", "15-03-25"],
        ["cbt", "", "CGT", "", "01-05-2027"],
    )
    r = run_cli("validate", "--offer", bad)
    assert r.code == 1
    assert r.err.splitlines() == [
        f"{bad}:2:5: ongeldige datum '31-02-2025': die dag bestaat niet (dag-maand-jaar)",
        f"{bad}:3:5: ongeldige datum '03/15/2025'; schrijf JJJJ-MM-DD of DD-MM-JJJJ",
        f"{bad}:4:5: ongeldige datum '15-03-25'; schrijf JJJJ-MM-DD of DD-MM-JJJJ",
        f"{bad}:5:2: 'provider' ontbreekt: wie biedt deze activiteit aan?",
        f"{bad}:5:5: datum 2027-05-01 ligt in de toekomst (vandaag is 2026-11-24)",
    ]
