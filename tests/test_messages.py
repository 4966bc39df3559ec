"""Messages say what happened: counts that are true, hints that lead somewhere."""

from __future__ import annotations

from tests.conftest import EXAMPLES, run_cli


def test_advise_from_an_empty_stdin_says_there_was_no_profile():
    result = run_cli("advise", "-", stdin="\n")
    assert result.code == 1
    assert result.err.strip() == "<stdin>: geen profiel op stdin"


def test_compare_says_how_many_were_processed():
    result = run_cli("compare", "duizend")
    assert result.code == 1 and "geen profiel verwerkt" in result.err
    assert "de overige" not in result.err
    result = run_cli("compare", "duizend", str(EXAMPLES / "weduwen-75plus.yaml"))
    assert result.code == 1 and "1 profiel(en) met fouten; 1 andere volledig verwerkt" in result.err


def test_evidence_ids_any_case_and_a_hint_with_a_full_stop():
    assert run_cli("evidence", "CBT").code == 0
    result = run_cli("evidence", "xyz")
    assert result.code == 1
    assert result.err.strip() == (
        "xyz: onbekende interventie; geen id of naam lijkt erop. Alle ids: wat-werkt list."
    )


def test_scale_names_its_source_not_only_an_id():
    result = run_cli("scale", "--items", "6", stdin="ja\nja\nnee\nja\nnee\nja\n")
    assert result.code == 0, result.err
    assert "De Jong Gierveld & Van Tilburg (2006)" in result.out
    assert "[dejonggierveld2006]" in result.out


def test_list_says_in_development_once():
    out = run_cli("list").out
    assert "nog in ontwikkeling · een-op-een" in out
    assert "nog in ontwikkeling · Nog in ontwikkeling" not in out


def answers_profile(tmp_path, name: str, answers: str):
    path = tmp_path / f"{name}.yaml"
    path.write_text(
        f"name: {name}\nage: 70\nloneliness:\n  types: [social]\n  answers: [{answers}]\n",
        encoding="utf-8",
    )
    return path


def test_scale_answers_give_the_score_in_json_and_on_screen(tmp_path):
    import json

    four = answers_profile(tmp_path, "vier", "ja, ja, nee, ja, nee, ja, ja, nee, ja, nee, ja")
    doc = json.loads(run_cli("advise", str(four), "-f", "json").out)
    assert doc["profile"]["score"] == 4 and doc["analysis"]["severity"]["score"] == 4
    assert "Ernst: matig eenzaam (score 4)" in run_cli("advise", str(four)).out
    # compare reuses advice across profiles: each still shows its own total
    three = answers_profile(tmp_path, "drie", "ja, ja, nee, ja, nee, ja, ja, nee, nee, nee, ja")
    both = json.loads(run_cli("compare", str(four), str(three), "-f", "json").out)["results"]
    assert [r["profile"]["score"] for r in both] == [4, 3]  # the same band: one cached advice
    assert [r["analysis"]["severity"]["score"] for r in both] == [4, 3]


def test_a_profile_takes_an_age_range_as_the_wizard_does(tmp_path):
    import json

    path = tmp_path / "p.yaml"
    path.write_text("name: A\nage: 70-85\nloneliness: {severity: matig}\n", encoding="utf-8")
    result = run_cli("advise", str(path), "-f", "json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["profile"]["age"] == {"min": 70, "max": 85}


# --- prevalence --population: the files a municipality has ------------------------------


def test_population_in_any_case_with_semicolons_answers_in_dutch(tmp_path):
    path = tmp_path / "inwoners.csv"
    path.write_text("Leeftijd;Inwoners\n19-34;1000\n65-74;600\n", encoding="utf-8")
    lines = run_cli("prevalence", "--population", str(path), "-f", "csv").out.splitlines()
    assert lines[0] == "leeftijd,band,inwoners,eenzaam,ernstig_eenzaam,emotioneel,sociaal"
    assert lines[-1].startswith("totaal,,1600,")
    english = tmp_path / "residents.csv"
    english.write_text("age,residents\n65-74,600\n", encoding="utf-8")
    lines = run_cli("prevalence", "--population", str(english), "-f", "csv").out.splitlines()
    assert lines[0] == "ages,band,residents,lonely,severely_lonely,emotional,social"
    assert lines[-1].startswith("total,,600,")


def test_population_from_excel_and_to_excel(tmp_path):
    openpyxl = __import__("pytest").importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.append(["Leeftijd", "Inwoners"])
    book.active.append(["65-74", 600])
    book.active.append(["85+", 1200.0])
    book.active.append(["50-64", "zes"])
    source = tmp_path / "inwoners.xlsx"
    book.save(source)
    result = run_cli("prevalence", "--population", str(source))
    assert result.code == 1 and f"{source}:4:2: aantal inwoners 'zes'" in result.err
    book.active.delete_rows(4)
    book.save(source)
    target = tmp_path / "schatting.xlsx"
    result = run_cli("prevalence", "--population", str(source), "-o", str(target))
    assert result.code == 0, result.err
    rows = list(openpyxl.load_workbook(target)["Schatting"].iter_rows(values_only=True))
    assert rows[0][:3] == ("Leeftijd", "Band", "Inwoners")
    assert rows[3][:3] == ("Totaal", None, 1800) and isinstance(rows[3][3], int)


def test_compare_reads_a_folder_in_natural_order(tmp_path):
    import json

    from tests.conftest import EXAMPLES as ex

    source = (ex / "meneer-de-vries.yaml").read_text(encoding="utf-8")
    for name in ("p10.yaml", "p2.yaml", "p1.yaml", "P3.yaml", "²x.yaml"):
        (tmp_path / name).write_text(source, encoding="utf-8")
    out = json.loads(run_cli("compare", str(tmp_path), "-f", "json").out)
    names = [r["file"].rsplit("/", 1)[1] for r in out["results"]]
    assert names == ["p1.yaml", "p2.yaml", "P3.yaml", "p10.yaml", "²x.yaml"]
