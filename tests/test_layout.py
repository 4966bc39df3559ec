"""What a reader sees on an 80-column terminal: no word cut off, no line too wide."""

from __future__ import annotations

import re

import pytest

from tests.conftest import EXAMPLES
from tests.terminal import run_on_terminal

# Names in the knowledge base that really contain an ellipsis ("Vrienden maken… kun je leren").
REAL_ELLIPSIS = re.compile(r"maken… kun")


def assert_readable(shown: str, cols: int) -> None:
    for line in shown.splitlines():
        assert len(line) <= cols, f"too wide: {line!r}"
        assert "…" not in REAL_ELLIPSIS.sub("", line), f"cut off: {line!r}"


@pytest.mark.parametrize(
    "args",
    [
        ["advise", str(EXAMPLES / "ggz-clienten.yaml")],
        ["advise", str(EXAMPLES / "weduwen-75plus.yaml"), "--all"],
        ["list"],
        ["factors"],
        ["evidence", "peer-home-visits"],
        ["compare", str(EXAMPLES)],
    ],
)
def test_nothing_cut_off_at_80_columns(args):
    code, shown = run_on_terminal(args, cols=80)
    assert code == 0, shown
    assert_readable(shown, 80)


REASON = re.compile(r"^(    Redenen)?\s+[+-]\d+,\d (?=\S)")


def test_advice_at_80_columns_is_stacked_blocks_with_hanging_indent():
    code, shown = run_on_terminal(["advise", str(EXAMPLES / "ggz-clienten.yaml")], cols=80)
    assert code == 0
    lines = shown.splitlines()
    first = next(n for n, x in enumerate(lines) if re.fullmatch(r"  1\. .+  \([a-z0-9-]+\)", x))
    assert re.match(r"    Score      \d+,\d", lines[first + 1])
    assert lines[first + 2].startswith("    Bewijs     ")
    # a reason that wraps continues under its own text, not under the label or the points
    wrapped = 0
    for line, after in zip(lines, lines[1:], strict=False):
        m = REASON.match(line)
        if m and not REASON.match(after) and after.strip() and not after.startswith("    Let op"):
            assert after.startswith(" " * m.end()) and after[m.end()] != " ", (line, after)
            wrapped += 1
    assert wrapped >= 5


def test_wide_terminal_keeps_the_table():
    code, shown = run_on_terminal(["advise", str(EXAMPLES / "weduwen-75plus.yaml")], cols=160)
    assert code == 0
    assert "Redenen (punten)" in shown
    assert_readable(shown, 160)


def test_compare_many_profiles_is_one_block_per_profile_with_a_hint(tmp_path):
    folder = tmp_path / "map"
    folder.mkdir()
    source = (EXAMPLES / "weduwen-75plus.yaml").read_text(encoding="utf-8")
    for n in range(25):
        (folder / f"p{n:02}.yaml").write_text(source, encoding="utf-8")
    code, shown = run_on_terminal(["compare", str(folder), "--top", "2"], cols=80)
    assert code == 0
    assert_readable(shown, 80)
    assert "Vergelijking: de beste 2 per profiel" in shown
    assert shown.count("     1. Thuisbezoek door leeftijdgenoten (peer-home-visits)") == 25
    assert "--format xlsx" in shown.replace("\n", " ")
    assert "│" not in shown  # no grid of 25 columns


def test_compare_grid_marks_the_top_without_colour(tmp_path):
    import subprocess
    import sys

    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "wat_werkt",
            "compare",
            str(EXAMPLES / "meneer-de-vries.yaml"),
            str(EXAMPLES / "weduwen-75plus.yaml"),
            "--top",
            "2",
        ],  # fmt: skip
        capture_output=True,
        text=True,
        env={**__import__("os").environ, "NO_COLOR": "1"},
        timeout=60,
    )
    assert result.returncode == 0
    assert "\x1b[" not in result.stdout
    legend, grid = result.stdout.split("Interventie", 1)
    assert "Tussen haakjes: buiten de beste 2." in legend and "1. Meneer De Vries" in legend
    assert re.search(r" \(\d+\)", grid)
    assert re.search(r"Thuisbezoek door leeftijdgenoten\s+peer-home-visits", grid)  # the id


def test_the_points_shown_add_up_to_the_score():
    # Every score is traced: the block lists every reason, so a reader can add them up.
    code, shown = run_on_terminal(["advise", str(EXAMPLES / "weduwen-75plus.yaml")], cols=80)
    assert code == 0
    blocks = re.split(r"\n  \d+\. ", shown.split("Stap 4")[1])[1:]
    assert len(blocks) >= 5
    for block in blocks:
        score = float(re.search(r"Score\s+(\d+,\d)", block).group(1).replace(",", "."))
        points = re.findall(r"^(?:    Redenen)?\s+([+-]\d+,\d) ", block, re.M)
        total = sum(float(p.replace(",", ".")) for p in points)
        assert round(total, 1) == score or (score == 0 and total < 0), block


def words(shown: str) -> set[str]:
    return {t.strip("()[],;:.") for t in re.split(r"[\s│┃]+", shown) if re.search(r"[a-zA-Z]", t)}


HEADERS = {"Interventie", "punten", "Id", "Naam", "Status", "Bewijs", "Vorm", "Leeftijd"}
HEADERS |= {"Doelgroep", "Factor", "Vergelijking"}


@pytest.mark.parametrize(
    "args",
    [
        ["advise", str(EXAMPLES / "weduwen-75plus.yaml")],
        ["advise", str(EXAMPLES / "ggz-clienten.yaml")],
        ["list"],
        ["factors"],
    ],
)
@pytest.mark.parametrize("cols", [140, 150, 200])
def test_wide_tables_keep_every_word_whole(args, cols):
    # Every word of a wide table is a word of the 80-column blocks (which wrap at spaces):
    # a word folded in two ("een-op / -een", "controlegroep / ,") would be two new ones.
    _, narrow = run_on_terminal(args, cols=80)
    code, shown = run_on_terminal(args, cols=cols)
    assert code == 0
    assert_readable(shown, cols)
    assert words(shown) - words(narrow) <= HEADERS


def test_wide_advice_prints_the_ranking_table_in_its_place():
    """Lines are collected and printed at once; a table printed in between keeps its place."""
    code, shown = run_on_terminal(["advise", str(EXAMPLES / "weduwen-75plus.yaml")], cols=160)
    assert code == 0
    assert "Interventie" in shown and "Redenen (punten)" in shown  # the table, not blocks
    marks = ["Stap 1 · Analyse", "Stap 3 · ", "Stap 4 · Vergelijking", "Interventie", "Niet in de"]
    at = [shown.index(m) for m in marks]
    assert at == sorted(at), shown
    assert_readable(shown, 160)
