"""compare --summary: counts checked by hand against the per-profile advice of a small file."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.conftest import run_cli

ROWS = """name,age,gender,loneliness.types,loneliness.score,situation
Anna,80,female,emotional,9,widowed lives_alone
Bep,80,female,emotional,9,widowed lives_alone
Cor,82,female,emotional,9,widowed lives_alone
Dirk,30,male,social,5,unemployed
Eva,20-90,female,social emotional,11,
Fout,80,female,emotional,99,
"""


@pytest.fixture
def small(tmp_path):
    f = tmp_path / "wijk.csv"
    f.write_text(ROWS, encoding="utf-8")
    return f


def _by_hand(path, top: int) -> dict:
    """Counts from the per-profile advice, the way a person would tally them."""
    results = json.loads(run_cli("compare", str(path), "-f", "json").out)["results"]
    counts: dict = {}
    for a in results:
        for r in a["ranking"][:top]:
            c = counts.setdefault(r["id"], {"top_1": 0, "top_k": 0, "sev": {}})
            c["top_k"] += 1
            c["top_1"] += r["rank"] == 1
            c["sev"][a["severity"]] = c["sev"].get(a["severity"], 0) + 1
    return counts


@pytest.mark.parametrize("top", [None, 2])
def test_summary_json_counts(small, top):
    args = ["compare", str(small), "--summary", "-f", "json", *(["--top", str(top)] if top else [])]
    r = run_cli(*args)
    assert r.code == 1  # the bad row is reported and counted, not fatal
    assert f"{small}:7:5:" in r.err
    s = json.loads(r.out)
    k = top or 3
    assert (s["profiles"], s["errors"], s["top"]) == (5, 1, k)
    assert s["severity"] == {"moderate": 1, "severe": 3, "very_severe": 1}
    # Anna, Bep (80) and Cor (82) share the 75-84 band; Dirk is 19-34; Eva spans several bands.
    assert s["age"] == {"19-34": 1, "75-84": 3, "mixed": 1}
    want = _by_hand(small, k)
    got = {i["id"]: i for i in s["interventions"]}
    assert set(got) >= set(want)
    for iid, c in want.items():
        assert (got[iid]["top_1"], got[iid]["top_k"]) == (c["top_1"], c["top_k"]), iid
        assert {b: v["top_k"] for b, v in got[iid]["by_severity"].items() if v["top_k"]} == c["sev"]
    assert sum(i["top_1"] for i in s["interventions"]) == 5
    assert sum(i["top_k"] for i in s["interventions"]) == 5 * k
    # The three identical widows count three times in their band.
    first = next(i for i in s["interventions"] if i["by_age"]["75-84"]["top_1"])
    assert first["by_age"]["75-84"]["top_1"] == 3


def test_summary_csv_and_table(small):
    r = run_cli("compare", str(small), "--summary", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(r.out)))
    assert list(rows[0]) == ["id", "name", "group", "band", "profiles", "top_1", "top_k"]
    totals = [x for x in rows if x["group"] == "total"]
    assert sum(int(x["top_1"]) for x in totals) == 5
    severe = [x for x in rows if x["band"] == "severe"]
    assert {x["profiles"] for x in severe} == {"3"}
    t = run_cli("compare", str(small), "--summary")
    assert "Samenvatting van 5 profiel(en) (1 met fouten overgeslagen)" in t.out
    assert "Top 3 per ernst" in t.out and "ernstig" in t.out
    assert "Top 3 per leeftijdsgroep" in t.out and "75-84" in t.out


def test_summary_table_fits_80_columns_on_a_terminal(tmp_path):
    """Every severity band and age group at once: the widest cross tables there are."""
    from tests.terminal import run_on_terminal

    f = tmp_path / "alle.csv"
    rows = ["name,age,loneliness.types,loneliness.score"]
    for n, age in enumerate(["12", "25", "40", "55", "70", "80", "90", "20-90"]):
        rows += [f"P{n}s{score},{age},social emotional,{score}" for score in (1, 5, 9, 11)]
    f.write_text("\n".join(rows) + "\n", encoding="utf-8")
    code, shown = run_on_terminal(["compare", str(f), "--summary"], cols=80)
    assert code == 0
    lines = shown.splitlines()
    assert max(len(line) for line in lines if "/?" not in line) <= 80  # but the progress bar
    assert "Top 3 per ernst" in shown and "ernstig" in shown
    # The last column of each cross table is there, not cropped at the edge.
    assert "zeer" in shown and "gemengd" in shown
    # Every intervention name is whole (a cut one would end in the ellipsis rich adds).
    assert not any(line.rstrip().endswith("…") or "…│" in line.replace(" ", "") for line in lines)


def test_summary_as_workbook_and_no_html(small, tmp_path):
    import openpyxl

    target = tmp_path / "samenvatting.xlsx"
    r = run_cli("compare", str(small), "--summary", "-f", "xlsx", "-o", str(target))
    assert r.code == 1 and target.exists()
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["Samenvatting", "Per ernst", "Per leeftijdsgroep", "Fouten"]
    # The bad row is located as in compare's workbook.
    errors = list(book["Fouten"].iter_rows(values_only=True))
    assert errors[0] == ("Bestand", "Regel", "Kolom", "Melding")
    assert errors[1][:3] == (f"{small}#7", 7, 5) and "99" in errors[1][3]
    rows = list(book["Samenvatting"].iter_rows(values_only=True))
    assert rows[0] == ("Id", "Interventie", "1e keus", "Top 3")
    assert sum(row[2] for row in rows[1:]) == 5
    assert "ernstig eenzaam (3): 1e keus" in next(book["Per ernst"].iter_rows(values_only=True))
    html = run_cli("compare", str(small), "--summary", "-f", "html")
    assert html.code == 2 and "--summary kent --format" in html.err
