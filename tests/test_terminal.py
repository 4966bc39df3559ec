"""The CLI on a real pseudo-terminal: what a user at a terminal sees and what reaches files."""

from __future__ import annotations

import csv
import io
import os
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
