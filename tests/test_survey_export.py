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
