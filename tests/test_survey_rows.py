"""Survey-scale CSV: repeated rows reuse an earlier row's checked values (repeats.Repeats),
and every row still gets exactly the profile, advice and located problems of a full check."""

from __future__ import annotations

import json
import random

import pytest

from tests.conftest import run_cli
from wat_werkt.core import profile as profile_module
from wat_werkt.core import repeats, tabular

ITEMS = [f"loneliness.answers.{i}" for i in range(1, 12)]
HEAD = ["name", "age", "gender", *ITEMS, "loneliness.score", "situation"]
SPELLINGS = ["ja", "nee", "min of meer", "Ja", " nee", "?", "j", "no"]
SAME = {"ja": ["ja", "Ja", "j"], "nee": ["nee", " nee", "no"], "min of meer": ["?", "mom"]}


def _survey(rows: int, seed: int = 7) -> list[list[str]]:
    """Few distinct ages, genders, scores and situations: the rows repeat, as a survey's do;
    half the answers are a few sets in other spellings (the same subscale scores)."""
    rnd = random.Random(seed)
    sets = [[rnd.choice(list(SAME)) for _ in ITEMS] for _ in range(3)]
    out = []
    for i in range(rows):
        answers = [rnd.choice(SPELLINGS) for _ in ITEMS]
        if rnd.random() < 0.5:
            answers = [rnd.choice(SAME[a]) for a in rnd.choice(sets)]
        score = rnd.choice(["", "", "", "4", "7"])  # sometimes against the answers' total
        situation = rnd.choice(["", "widowed", "widowed lives_alone", "woont alleen, weduwe"])
        age = rnd.choice(["65-74", "75-84", "85+", "70"])
        out.append([f"R{i}", age, rnd.choice(["female", "male"]), *answers, score, situation])
    return out


def _broken(rows: list[list[str]]) -> list[list[str]]:
    """Rows that repeat a good row's cells but must still be reported, each at its column."""
    good = next(r for r in rows if not r[14])
    no_name = ["  ", *good[1:]]
    wrong = [*good[:5], "misschien", *good[6:]]
    missing = [*good[:5], "", *good[6:]]
    unanswered = [good[0], *good[1:3], *([""] * 11), *good[14:]]
    extra = [*good, "x"]
    return [*rows[:40], no_name, wrong, missing, unanswered, extra, *rows[40:], no_name, wrong]


def _write(path, rows: list[list[str]]) -> None:
    import csv

    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([HEAD, *rows])


def _dump(value):
    """Everything about a profile, in order: a difference anywhere shows."""
    if hasattr(value, "__dict__"):
        return [type(value).__name__, [(k, _dump(v)) for k, v in vars(value).items()]]
    if isinstance(value, dict):
        return [(k, _dump(v)) for k, v in value.items()]
    if isinstance(value, list):
        return [_dump(v) for v in value]
    return repr(value)


def _read(path, kb, monkeypatch, reuse: bool) -> list:
    with monkeypatch.context() as m:
        if not reuse:
            m.setattr(repeats.Repeats, "start", lambda self, columns, width: False)
        out = []
        for row in tabular.read(str(path), kb):
            if row.profile is None and row.data is not None:
                try:
                    row.profile = profile_module.parse_profile(row.data, kb, str(path), row.locator)
                except profile_module.UserError as e:
                    row.problems = e.problems
            out.append((row.number, _dump(row.profile), row.problems))
        return out


def test_reused_rows_get_the_profile_and_problems_of_a_full_check(tmp_path, kb, monkeypatch):
    f = tmp_path / "survey.csv"
    _write(f, _broken(_survey(400)))
    checks, made = [], []
    parse, respondents = profile_module._parse, profile_module.respondents

    def counted(template):
        make = respondents(template)
        return lambda *a: made.append(1) or make(*a)

    monkeypatch.setattr(
        profile_module, "_parse", lambda *a, **k: checks.append(1) or parse(*a, **k)
    )
    monkeypatch.setattr(profile_module, "respondents", counted)
    fast = _read(f, kb, monkeypatch, reuse=True)
    reused = len(fast) - len(checks)
    full = _read(f, kb, monkeypatch, reuse=False)
    assert fast == full
    assert reused > 200  # over half the rows came from an earlier row's checked values
    assert len(made) > 50  # many of those from an earlier row with the same subscale scores
    problems = {p.line: p for _, _, found in full if found for p in found}
    assert len(problems) >= 8
    assert str(problems[42]) == f"{f}:42:1: kolom 'name' is leeg; vul de naam in"
    assert str(problems[43]).startswith(f"{f}:43:6: item 3: ongeldig antwoord 'misschien'")
    assert problems[44].col == 6  # the missing answer, at its own column
    assert 45 not in problems  # no answers at all is fine
    assert problems[46].col == len(HEAD) + 1  # the cell beyond the header


def test_reused_profiles_share_nothing_a_consumer_may_change(tmp_path, kb):
    rows = [["A", "75-84", "female", *(["ja"] * 11), "", "widowed lives_alone"]] * 4
    rows = [[f"R{i}", *r[1:]] for i, r in enumerate(rows)]
    f = tmp_path / "same.csv"
    _write(f, rows)
    rows = (row.profile for row in tabular.read(str(f), kb))
    first, second = next(rows), next(rows)
    expected = _dump(second)
    for p in (first, second):  # the first was checked in full, the second reused its values
        p.situation.append("x")
        p.loneliness.types.append("x")
        p.loneliness.answers.append("x")
        p.loneliness.scale["answers"].append("x")
        p.age.min = 1
        p.preferences.formats.append("x")
        p.name = "R1"
    rest = list(rows)
    rest[0].name = "R1"
    assert _dump(rest[0]) == expected
    assert [p.name for p in rest] == ["R1", "R3"]
    assert rest[1].loneliness.types is rest[1].loneliness.scale["types"]  # as parse_profile


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_survey_advice_is_byte_identical_to_the_same_profiles_as_json_lines(tmp_path, fmt):
    rows = [r for r in _survey(150, seed=3) if not r[14]]  # a score may contradict the answers
    _write(tmp_path / "s.csv", rows)
    lines = [{}]  # an empty first line: the rows have the same numbers as in the CSV
    for r in rows:
        lon = {"answers": [a.strip() for a in r[3:14]]}
        situation = r[15].split() if "," not in r[15] else ["lives_alone", "widowed"]
        age = int(r[1]) if r[1].isdigit() else r[1]
        lines.append({"name": r[0], "age": age, "gender": r[2], "loneliness": lon})
        lines[-1]["situation"] = situation
    (tmp_path / "s.jsonl").write_text(
        "".join(json.dumps(line) + "\n" if line else "\n" for line in lines), encoding="utf-8"
    )
    a = run_cli("compare", str(tmp_path / "s.csv"), "-f", fmt, "--top", "3")
    b = run_cli("compare", str(tmp_path / "s.jsonl"), "-f", fmt, "--top", "3")
    assert a.code == b.code == 0, a.err + b.err
    rows_a = a.out.replace(str(tmp_path / "s.csv"), "F").splitlines()
    rows_b = b.out.replace(str(tmp_path / "s.jsonl"), "F").splitlines()
    assert len(rows_a) > len(rows) > 60
    assert rows_a == rows_b


def test_remembered_scale_scores_are_fresh_and_equal_to_new_ones(kb, monkeypatch):
    from wat_werkt.core import scale

    answers = ["ja", "nee", "min of meer", "ja", "nee", "ja", "ja", "nee", "nee", "ja", "ja"]
    first = scale.score(kb, list(answers))
    first["answers"].append("x")
    first["types"].append("x")
    scale.score(kb, list(answers))["types"].append("x")  # remembered: a fresh result too
    again = scale.score(kb, list(answers))
    monkeypatch.setattr(scale, "_BY_ANSWERS", {})
    monkeypatch.setattr(scale, "_BY_SUBSCALES", {})
    assert again == scale.score(kb, list(answers)) != first
    # other spellings are scored as their codes, and never mistaken for them
    assert scale.score(kb, ["Ja", "no", "?", "j", "n", "y", "yes", "n", "no", "j", True]) == {
        **again,
        "answers": ["ja", "nee", "min of meer", "ja", "nee", "ja", "ja", "nee", "nee", "ja", "ja"],
    }


def test_csv_cells_left_as_typed_are_exactly_those_needing_nothing():
    """csv_cell skips the work for printable text: same result as doing it, for any text."""
    from wat_werkt.core.text_safety import _csv_text, csv_cell, csv_row

    rnd = random.Random(5)
    risky = ["a", "=", "+", "-", "@", "\t", "\r", "\n", "\x1b", "\x7f", "\x85", "\u202e", "\u2067"]
    risky += ["\u00a0", " ", "é", "1", "\u200b", "\ufeff", "'"]
    for _ in range(20_000):
        text = "".join(rnd.choice(risky) for _ in range(rnd.randint(0, 4)))
        assert csv_cell(text) == _csv_text.__wrapped__(text), repr(text)
        assert csv_row([text, 3, text]) == [csv_cell(text), 3, csv_cell(text)]
    assert [csv_cell(v) for v in (3, 2.5, None)] == csv_row((3, 2.5, None)) == [3, 2.5, None]


def test_rows_without_a_name_column_are_named_by_number(tmp_path, kb, monkeypatch):
    f = tmp_path / "anon.csv"
    rows = [r[1:] for r in _survey(60, seed=11)]
    f.write_text(
        "\n".join(
            ",".join(r) for r in [HEAD[1:], *(["" if "," in c else c for c in r] for r in rows)]
        )
        + "\n",
        encoding="utf-8",
    )
    fast = _read(f, kb, monkeypatch, reuse=True)
    assert fast == _read(f, kb, monkeypatch, reuse=False)
    named = [(dumped[1][0], n) for n, dumped, _ in fast if dumped != "None"]
    assert len(named) > 30
    assert all(name == ("name", f"'rij {n}'") for name, n in named)


def test_the_short_scale_is_reused_the_same_way(tmp_path, kb, monkeypatch):
    rnd = random.Random(2)
    head = ["name", "age", *(f"loneliness.answers.{i}" for i in range(1, 7))]
    rows = [
        [f"K{i}", "80", *(rnd.choice(["ja", "Ja", "nee", "?"]) for _ in range(6))]
        for i in range(80)
    ]
    f = tmp_path / "short.csv"
    f.write_text("\n".join(",".join(r) for r in [head, *rows]) + "\n", encoding="utf-8")
    fast = _read(f, kb, monkeypatch, reuse=True)
    assert fast == _read(f, kb, monkeypatch, reuse=False)
    assert all(problems is None for _, _, problems in fast)
    assert "'djg6'" in str(fast[-1][1])


def test_full_memories_change_nothing_but_speed(tmp_path, kb, monkeypatch):
    """Every memory is bounded (a million rows keep memory flat); once full, rows are still
    read the same."""
    from wat_werkt.core import scale

    f = tmp_path / "survey.csv"
    _write(f, _broken(_survey(300, seed=9)))
    monkeypatch.setattr(repeats.Repeats, "MAX_KEPT", 5)
    monkeypatch.setattr(scale, "MAX_REMEMBERED", len(scale._BY_ANSWERS) + 5)
    seen, start = [], repeats.Repeats.start
    monkeypatch.setattr(
        repeats.Repeats, "start", lambda self, *a: seen.append(self) or start(self, *a)
    )
    fast = _read(f, kb, monkeypatch, reuse=True)
    assert fast == _read(f, kb, monkeypatch, reuse=False)
    (reader,) = seen
    kept = (reader.kept, reader.codes, reader.scores, reader.made)
    assert [len(memory) for memory in kept] == [5, 5, 5, 5]


def test_a_row_that_keeps_coming_is_checked_in_full_once(tmp_path, kb, monkeypatch):
    """The memories keep the rows met most recently: a row that repeats between ever new ones
    is checked once, also when it first comes after the memories are full."""
    monkeypatch.setattr(repeats.Repeats, "MAX_KEPT", 5)
    rows = []
    for i in range(60):
        rows.append([f"D{i}", str(20 + i), "female", *["ja"] * 11, "", ""])
        if i >= 5:
            rows.append([f"R{i}", "70", "male", *["nee"] * 11, "", "widowed"])
    f = tmp_path / "survey.csv"
    _write(f, rows)
    checks, real = [], profile_module.checked_values
    monkeypatch.setattr(profile_module, "checked_values", lambda *a: checks.append(a) or real(*a))
    read = list(tabular.read(str(f), kb))
    assert len(read) == 115 and all(row.problems is None for row in read)
    assert len(checks) == 60 + 1


def test_repeated_rows_without_answers_all_have_none(tmp_path, kb):
    """A row with empty answer cells has no answers, also as the third repeat of a row that
    is copied from an earlier one (the copy once gave [] instead of None)."""
    from wat_werkt.core.batch import profiles

    head = "name,age," + ",".join(f"loneliness.answers.{i}" for i in range(1, 12))
    row = ",70," + "," * 10
    sheet = tmp_path / "leeg.csv"
    sheet.write_text("\n".join([head, *(f"R{i}{row}" for i in range(4))]) + "\n")
    items = list(profiles([str(sheet)], kb))
    assert not any(i.problems for i in items)
    assert [i.profile.loneliness.answers for i in items] == [None] * 4
    assert [i.profile.name for i in items] == ["R0", "R1", "R2", "R3"]
