"""Profiles from spreadsheets and JSON lines: located row errors, encodings, identity with YAML."""

from __future__ import annotations

import json

import pytest

from tests.conftest import EXAMPLES, run_cli

ANSWERS = ["ja", "nee", "ja", "ja", "min-of-meer", "nee", "ja", "ja", "nee", "ja", "ja"]


def _results(out: str) -> list[dict]:
    return json.loads(out)["results"]


def _without_file(advice: dict) -> str:
    return json.dumps({k: v for k, v in advice.items() if k != "file"}, ensure_ascii=False)


def test_row_errors_are_located_and_good_rows_come_out(tmp_path):
    f = tmp_path / "clients.csv"
    f.write_text(
        "name,age,loneliness.types,loneliness.score,situation\n"
        "Anna,80,social,6,widowed\n"
        "Bert,abc,social,6,\n"
        "Cor,70,socal,12,widowd\n"
        "Dina,70,emotional,4,\n",
        encoding="utf-8",
    )
    r = run_cli("compare", str(f), "--format", "csv", "--top", "1")
    assert r.code == 1
    names = [line.split(",")[0] for line in r.out.splitlines()[1:]]
    assert names == ["Anna", "Dina"]
    assert f"{f}:3:2: 'age' moet een getal" in r.err
    assert f"{f}:4:3: onbekende soort eenzaamheid 'socal'; bedoelde u 'social'?" in r.err
    assert f"{f}:4:4: 'loneliness.score' is 12" in r.err
    assert f"{f}:4:5: onbekende situatiecode 'widowd'" in r.err
    assert "2 profiel(en) met fouten" in r.err


def test_unknown_column_is_reported_in_the_header(tmp_path):
    f = tmp_path / "x.csv"
    f.write_text("name,age,situatoin\nA,70,widowed\n", encoding="utf-8")
    r = run_cli("compare", str(f), "--format", "csv")
    assert r.code == 1
    assert f"{f}:1:3: onbekende kolom 'situatoin'; bedoelde u 'situation'?" in r.err


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
@pytest.mark.parametrize("sep", [",", ";"])
def test_semicolons_and_bom(tmp_path, bom, sep):
    f = tmp_path / "x.csv"
    rows = [
        ["name", "age.min", "age.max", "loneliness.types", "loneliness.score", "situation"],
        ["Wijk Noord", "75", "90", "emotional social", "9", "widowed lives_alone"],
    ]
    f.write_bytes(bom + "\n".join(sep.join(r) for r in rows).encode() + b"\n")
    r = run_cli("compare", str(f), "--format", "json")
    assert r.code == 0, r.err
    (advice,) = _results(r.out)
    assert advice["profile"]["name"] == "Wijk Noord"
    assert advice["profile"]["age"] == {"min": 75, "max": 90}
    assert advice["profile"]["situation"] == ["widowed", "lives_alone"]
    assert advice["file"] == f"{f}#2"


def test_row_advice_is_byte_identical_to_yaml():
    """The template's first row is examples/weduwen-75plus.yaml in spreadsheet form."""
    yaml = _results(run_cli("compare", str(EXAMPLES / "weduwen-75plus.yaml"), "-f", "json").out)
    rows = _results(run_cli("compare", str(EXAMPLES / "profielen.csv"), "-f", "json").out)
    assert _without_file(rows[0]) == _without_file(yaml[0])


def test_answers_columns_and_jsonl_match_yaml(tmp_path):
    answers = "\n".join(f"    - {a}" for a in ANSWERS)
    (tmp_path / "p.yaml").write_text(
        f"name: R1\nage: {{min: 65, max: 74}}\nloneliness:\n  answers:\n{answers}\n"
        "situation: [lives_alone]\n",
        encoding="utf-8",
    )
    head = ",".join(["name", "age", *(f"loneliness.answers.{i}" for i in range(1, 12))])
    (tmp_path / "p.csv").write_text(
        f"{head},situation\nR1,65-74,{','.join(ANSWERS)},lives_alone\n", encoding="utf-8"
    )
    line = {"name": "R1", "age": {"min": 65, "max": 74}, "loneliness": {"answers": ANSWERS}}
    line["situation"] = ["lives_alone"]
    (tmp_path / "p.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    r = run_cli(
        "compare", *(str(tmp_path / n) for n in ("p.yaml", "p.csv", "p.jsonl")), "-f", "json"
    )
    assert r.code == 0, r.err
    a, b, c = (_without_file(x) for x in _results(r.out))
    assert a == b == c
    assert '"scale"' in a and '"total"' in a


def test_missing_answer_is_located_at_its_column(tmp_path):
    head = ",".join(["name", "age", *(f"loneliness.answers.{i}" for i in range(1, 12))])
    cells = list(ANSWERS)
    cells[4] = "misschien"
    f = tmp_path / "s.csv"
    f.write_text(f"{head}\nR1,70,{','.join(cells)}\n", encoding="utf-8")
    r = run_cli("compare", str(f), "-f", "csv")
    assert r.code == 1
    assert f"{f}:2:7: item 5: ongeldig antwoord 'misschien'" in r.err


def test_mixed_inputs_in_one_run(tmp_path):
    f = tmp_path / "x.jsonl"
    f.write_text('{"name": "J", "age": 40, "loneliness": {"types": ["social"]}}\n[1]\n')
    stdin = "name: S\nage: 30\nloneliness: {types: [social]}\n"
    r = run_cli(
        "compare", str(EXAMPLES / "profielen.csv"), str(f), "-", "-f", "csv", "--top", "1",
        stdin=stdin,
    )  # fmt: skip
    assert r.code == 1
    names = [line.split(",")[0] for line in r.out.splitlines()[1:]]
    assert names == ["Weduwen 75+ wijk Noord", "Respondent 1042", "J", "S"]
    assert f"{f}:2:1: verwacht één JSON-object per regel" in r.err


def test_xlsx_rows(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["name", "age.min", "age.max", "loneliness.types", "loneliness.score"])
    sheet.append(["Groep A", 75, 90, "social", 9])
    sheet.append(["Groep B", 75, 200, "social", 9])
    f = tmp_path / "g.xlsx"
    book.save(f)
    r = run_cli("compare", str(f), "-f", "csv", "--top", "1")
    assert r.code == 1
    assert r.out.splitlines()[1].startswith("Groep A,")
    assert f"{f}:3:3: 'age.max' is 200 maar moet hoogstens 120 zijn" in r.err


def test_not_a_workbook(tmp_path):
    pytest.importorskip("openpyxl")
    f = tmp_path / "g.xlsx"
    f.write_text("nope")
    r = run_cli("compare", str(f), "-f", "csv")
    assert r.code == 1
    assert f"{f}: geen geldig Excel-bestand" in r.err


def test_template_header_lists_every_column(kb):
    from wat_werkt.core.tabular import columns, header

    head = (EXAMPLES / "profielen.csv").read_text(encoding="utf-8").splitlines()[0]
    assert head.split(",") == header(kb)
    assert set(columns(kb)) - {"age"} <= set(header(kb))
    assert "digital.skills" in columns(kb) and "loneliness.answers.11" in header(kb)


def test_list_cells_match_whole_multiword_aliases_and_85_plus(tmp_path):
    """A survey export: multi-word Dutch codes with spaces, commas or none, and an 85+ band."""
    f = tmp_path / "enquete.csv"
    f.write_text(
        "name;age;situation\n"
        "A;85+;woont alleen klein netwerk\n"
        "B;70;weduwe, woont alleen\n"
        "C;70;widowed lives_alone\n"
        "D;70;woont alleen netwerkje\n",
        encoding="utf-8",
    )
    r = run_cli("compare", str(f), "--format", "json")
    assert r.code == 1
    a, b, c = _results(r.out)
    assert a["profile"]["age"] == {"min": 85, "max": 120}
    assert a["profile"]["situation"] == ["lives_alone", "small_network"]
    assert b["profile"]["situation"] == c["profile"]["situation"] == ["widowed", "lives_alone"]
    # An unknown word is still reported by itself, after the known aliases before it
    assert f"{f}:5:3: onbekende situatiecode 'netwerkje'" in r.err
    assert "'woont'" not in r.err and "'klein'" not in r.err


def test_85_plus_in_a_yaml_profile(tmp_path):
    f = tmp_path / "p.yaml"
    f.write_text("name: Oudsten\nage: 85+\nsituation: [widowed]\n", encoding="utf-8")
    r = run_cli("advise", str(f), "--format", "json")
    assert r.code == 0, r.err
    assert json.loads(r.out)["profile"]["age"] == {"min": 85, "max": 120}
