"""The CLI on a real pseudo-terminal: what a user at a terminal sees and what reaches files."""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys

import pytest

from tests.conftest import EXAMPLES
from tests.terminal import run_on_terminal


def test_compare_redirected_on_a_terminal_keeps_every_row(tmp_path):
    # 25 profiles: enough for the progress bar, which runs on the terminal (stderr) while
    # stdout goes to a file; `wat-werkt compare map/ --format csv > uit.csv` once lost it all.
    folder = tmp_path / "map"
    folder.mkdir()
    source = (EXAMPLES / "meneer-de-vries.yaml").read_text(encoding="utf-8")
    for n in range(25):
        (folder / f"p{n:02}.yaml").write_text(source, encoding="utf-8")
    target = tmp_path / "uit.csv"
    code, _ = run_on_terminal(
        ["compare", str(folder), "--format", "csv", "--top", "2"], stdout_to=target
    )
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert len(rows) == 25 * 2
    assert {r["file"] for r in rows} == {str(folder / f"p{n:02}.yaml") for n in range(25)}


def test_codes_and_rules_fit_80_columns():
    code, shown = run_on_terminal(["codes", "situation"], cols=80)
    assert code == 0
    lines = shown.splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert any(line.startswith("│ widowed ") and "│ weduwe of " in line for line in lines)
    # whole words: the columns are as wide as their longest word
    assert any("│ gezondheidsproblemen " in line for line in lines)
    assert any("│ migratieachtergrond " in line for line in lines)
    code, shown = run_on_terminal(["rules"], cols=80)
    assert code == 0 and all(len(line) <= 80 for line in shown.splitlines())
    assert "…" not in shown  # long codes fold, never cut
    assert any(line.startswith("│ situation ") for line in shown.splitlines())


@pytest.mark.parametrize("cols", [80, 150])
def test_piped_output_takes_the_width_of_the_terminal_the_user_sits_at(tmp_path, cols):
    # `wat-werkt advise p.yaml | less` or `> advies.txt` typed at a terminal: stdout is no
    # terminal, stderr still is; its width is the one the reader has, not a fixed 100.
    target = tmp_path / "advies.txt"
    code, _ = run_on_terminal(
        ["advise", str(EXAMPLES / "weduwen-75plus.yaml")], cols=cols, stdout_to=target
    )
    assert code == 0
    lines = target.read_text(encoding="utf-8").splitlines()
    assert max(len(line) for line in lines) <= cols
    assert any(len(line) > cols - 5 for line in lines)  # the header box spans the width
    assert ("Redenen (punten)" in "\n".join(lines)) == (cols >= 150)


def test_piped_output_without_any_terminal_is_100_wide_and_columns_overrides():
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    args = [sys.executable, "-m", "wat_werkt", "advise", str(EXAMPLES / "weduwen-75plus.yaml")]
    run = subprocess.run(
        args, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL, check=True
    )
    assert max(len(line) for line in run.stdout.splitlines()) == 100
    env["COLUMNS"] = "72"
    run = subprocess.run(
        args, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL, check=True
    )
    assert max(len(line) for line in run.stdout.splitlines()) == 72


def test_main_help_lists_every_command_whole_at_80_columns():
    code, shown = run_on_terminal(["-h"], cols=80)
    assert code == 0
    commands = shown.split("Opdrachten:")[1].strip().splitlines()
    assert len(commands) == 12 and all(len(line) <= 80 for line in commands)
    assert not [line for line in commands if line.rstrip().endswith("...")]


def words_kept(shown: str, cols: int) -> list[str]:
    """The lines shown; none wider than the terminal."""
    lines = shown.splitlines()
    assert all(len(line) <= cols for line in lines), [x for x in lines if len(x) > cols]
    return lines


def test_errors_wrap_at_word_boundaries_with_an_indent():
    code, shown = run_on_terminal(["evidence", "vriendschap"], cols=80)
    assert code == 1
    lines = words_kept(shown, 80)
    assert lines[0].startswith("vriendschap: meerdere interventies passen:")
    assert lines[1].startswith("  ") and "vriendschap (cursus" in shown.replace("\n  ", " ")
    code, shown = run_on_terminal(["list", "--evidence", "bewezen"], cols=80)
    assert code == 2
    words_kept(shown, 80)
    assert "'wat-werkt codes evidence'." in shown.replace("\n  ", " ")
    # ... and the command the hint names works
    from tests.conftest import run_cli

    hinted = run_cli("codes", "evidence")
    assert hinted.code == 0 and "rct" in hinted.out


def test_init_wraps_its_help_and_has_no_default_loneliness_type():
    keys = "Test\n70-85\n\n\n\nsociaal\n\n\n?\n" + "\n" * 12
    code, shown = run_on_terminal(["init"], cols=80, keys=keys)
    assert code == 0, shown
    assert "Kies minstens één." in shown  # Enter alone is no answer
    assert not re.search(r"Soort eenzaamheid[^\n]*\(standaard", shown)
    # the situation codes under `?`, each wrapped under its own text
    start = shown.index("  low_social_skills:")
    codes = shown[start : shown.index("relative_of_smi")].splitlines()
    assert all(len(line) <= 80 for line in codes)
    assert "('niemand wil toch met me praten')" in " ".join(x.strip() for x in codes)
    assert any(line.startswith(" " * 20) for line in codes)  # a hanging indent
    # each word once: the label's own words are not repeated as aliases
    listed = " ".join(shown.split())
    assert "negative_self_image: negatief zelfbeeld, weinig zelfvertrouwen, laag" in listed


def test_scale_help_wraps_on_a_terminal():
    code, shown = run_on_terminal(["scale", "--items", "6"], cols=60, keys="?\n" + "ja\n" * 6)
    assert code == 0, shown
    start = shown.index("  Antwoord per stelling")
    block = shown[start : shown.index("Item 1", start)].splitlines()
    assert len(block) >= 3 and all(len(line) <= 60 for line in block)
    assert "(of j/n/mom)" in " ".join(x.strip() for x in block)


def test_ctrl_c_in_the_wizard_says_so_on_a_line_of_its_own(tmp_path):
    import pty
    import select

    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(sys.executable, [sys.executable, "-m", "wat_werkt", "init", str(tmp_path / "p")])
    shown = b""
    while b"doelgroep:" not in shown and select.select([fd], [], [], 30)[0]:
        shown += os.read(fd, 4096)
    os.write(fd, b"\x03")  # Ctrl-C at the first question
    while select.select([fd], [], [], 30)[0]:
        try:
            data = os.read(fd, 4096)
        except OSError:
            break
        if not data:
            break
        shown += data
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 130
    assert "\r\nAfgebroken; er is niets geschreven." in shown.decode()
    assert not (tmp_path / "p").exists()


def test_batch_row_errors_wrap_and_are_counted_past_twenty(tmp_path):
    """Located errors of a batch wrap at words on a terminal; past 20, a count says how many
    more; piped, every error stays one line."""
    from tests.conftest import run_cli

    f = tmp_path / "veel.csv"
    rows = ["name,age,situation"] + [f"P{n},70,woont-alleen-ergens-anders-{n}" for n in range(25)]
    f.write_text("\n".join([*rows, "Goed,70,widowed"]) + "\n", encoding="utf-8")
    code, shown = run_on_terminal(["compare", str(f), "--summary"], cols=80)
    assert code == 1
    lines = words_kept(shown, 80)
    located = [line for line in lines if line.startswith(f"{f}:")]
    assert len(located) == 20
    assert "… en nog 5 fout(en) niet getoond; alle fouten:" in shown
    piped = run_cli("compare", str(f), "--summary")
    assert len([x for x in piped.err.splitlines() if x.startswith(f"{f}:")]) == 25

    offer = tmp_path / "oud.csv"
    offer.write_text("intervention,provider,last_updated\ncbt,X,2020-01-01\n", encoding="utf-8")
    code, shown = run_on_terminal(["validate", "--offer", str(offer)], cols=80)
    assert code == 0
    words_kept(shown, 80)
    assert "(meer dan 12 maanden niet" in " ".join(shown.split())


def test_compare_grid_gives_names_the_room_and_orders_rows_by_best_rank():
    examples = sorted(str(p) for p in EXAMPLES.glob("*.yaml"))
    code, shown = run_on_terminal(["compare", *examples], cols=120)
    lines = words_kept(shown, 120)
    assert "Volgorde: beste rang in een profiel eerst." in " ".join(shown.split())
    head = next(n for n, line in enumerate(lines) if line.strip().startswith("Interventie"))
    # Ranks sit close (6 columns each), so this name and its id share one line
    assert any("Thuisbezoek door leeftijdgenoten  peer-home-visits" in x for x in lines)
    rows = [x for x in lines[head + 2 :] if x.strip() and not x.startswith("   ")]
    best = []
    for row in rows:
        cells = row.split()[-len(examples) :]
        ranks = [int(c.strip("()")) for c in cells if c.strip("()").isdigit()]
        if ranks:
            best.append(min(ranks))
    assert best and best == sorted(best)
    code, shown = run_on_terminal(["compare", examples[0]], cols=80)
    assert "Kolom 1: het profiel." in shown and "Kolommen 1-1" not in shown


def test_a_format_the_command_cannot_write_is_said_in_whole_words(tmp_path):
    code, shown = run_on_terminal(["compare", str(EXAMPLES), "-o", str(tmp_path / "x.md")], cols=80)
    assert code == 2
    words_kept(shown, 80)
    assert "kies met -f een van: table, json, csv, html, xlsx." in shown.replace("\n  ", " ")
    code, shown = run_on_terminal(["compare", "-h"], cols=80)
    assert ".md" not in shown.replace("\n", " ")  # compare writes no Markdown


def test_small_wording_fixes():
    from tests.conftest import run_cli
    from wat_werkt.render.table import score_text

    # a fit label in brackets gets no second pair
    r = {"score": 31.0, "fit_label": "pas na stap 2 (willen)", "relative_score": 100}
    assert score_text(r).plain == "31,0 · pas na stap 2 (willen) · 100% van de beste"
    r = {"score": 31.0, "fit_label": "past goed", "relative_score": 80}
    assert score_text(r).plain == "31,0 · past goed (80% van de beste)"
    # one option starting with what was typed is the one suggested
    assert "bedoelde u --all?" in run_cli("advise", "--al", "x").err
    code, shown = run_on_terminal(["list", "-h"], cols=80)
    assert "een-op-een" in shown and "one_to_one" not in shown and "actief" in shown
    dutch = run_cli("list", "-f", "csv", "--csv-sep", ";").out
    assert "Aanpak van negatieve sociale cognitie" in dutch and "social_cognition" not in dutch
    assert "social_cognition" in run_cli("list", "-f", "csv").out
