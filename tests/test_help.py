"""Help and command-line errors read Dutch, from -h to a mistyped option."""

from __future__ import annotations

import re

import pytest

from tests.conftest import EXAMPLES, run_cli

COMMANDS = ["advise", "compare", "list", "evidence", "factors", "validate", "schema", "scale",
            "init", "prevalence"]  # fmt: skip
ENGLISH = re.compile(
    r"Usage:|Show this|\[default|\[required|Options:|Arguments:|Commands:|Error:|Try '|"
    r"<int|<text|<path|\bINTEGER\b|\bTEXT\b|\[x[<>]|Install completion|Missing|Invalid|No such"
)


@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)])
def test_help_is_dutch(command):
    result = run_cli(*command, "-h")
    assert result.code == 0
    assert result.out.startswith("Gebruik: wat-werkt")
    assert not ENGLISH.search(result.out), ENGLISH.search(result.out)
    assert "-h, --help  " in result.out and "Toon deze hulp en stop." in result.out


def test_default_and_range_markers_are_dutch():
    out = run_cli("advise", "--help").out
    assert "[minstens 1]" in out and "[verplicht]" in out
    assert "[standaard: ,]" in run_cli("list", "--help").out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["advise"], "Fout: Argument PROFIEL ontbreekt."),
        (["advise", "x.yaml", "--format", "foo"], "'foo' kan niet; kies uit 'table'"),
        (
            ["advise", "x.yaml", "--formt", "json"],
            "Onbekende optie: --formt (bedoelde u --format?)",
        ),
        (["list", "--age", "abc"], "'abc' is geen geheel getal."),
        (["list", "--age", "200"], "200 ligt buiten het bereik: 0 tot en met 120."),
        (["advise", "a.yaml", "b.yaml"], "Onverwacht extra argument: b.yaml"),
        (["bogus"], "Onbekende opdracht 'bogus'."),
        (["advise", "x.yaml", "--top"], "Optie '--top' vraagt een waarde."),
    ],
)
def test_usage_errors_are_dutch_with_exit_2(args, message):
    result = run_cli(*args)
    assert result.code == 2
    assert message in result.err
    assert not ENGLISH.search(result.err), result.err


def test_short_version_flag():
    assert run_cli("-V").out.strip().startswith("wat-werkt ")


def test_short_help_flag_runs_after_arguments_too():
    assert run_cli("advise", str(EXAMPLES / "weduwen-75plus.yaml"), "-h").out.startswith("Gebruik")


def test_evidence_by_part_of_the_name():
    result = run_cli("evidence", "thuisbezoek door", "--format", "json")
    assert result.code == 0, result.err
    assert '"id": "peer-home-visits"' in result.out


def test_evidence_ambiguous_name_lists_the_ids():
    result = run_cli("evidence", "zin in vriend")
    assert result.code == 1
    assert "zin-in-vriendschap (" in result.err and "zin-in-vriendschap-online (" in result.err


def test_evidence_misspelt_name_suggests_the_id():
    result = run_cli("evidence", "Thuisbezoek door leeftijdgenten")
    assert result.code == 1
    assert "bedoelde u 'peer-home-visits' (Thuisbezoek door leeftijdgenoten)?" in result.err


def test_evidence_card_title_shows_the_id():
    assert "(peer-home-visits)" in run_cli("evidence", "peer-home-visits").out


def test_completion_offers_ids_and_values():
    from wat_werkt.cli import complete

    assert ("peer-home-visits", "Thuisbezoek door leeftijdgenoten") in complete.intervention_ids(
        "pe"
    )
    assert [c for c, _ in complete.statuses("act")] == ["active"]
    assert "rct" in [c for c, _ in complete.evidence_levels("")]


def test_advise_reads_one_profile_from_stdin():
    text = (EXAMPLES / "weduwen-75plus.yaml").read_text(encoding="utf-8")
    result = run_cli("advise", "-", "--format", "json", stdin=text)
    assert result.code == 0 and '"name": "Weduwen 75+ wijk Noord"' in result.out
    bad = run_cli("advise", "-", stdin="name: x\nage: 70\nsituation: [widowd]\n")
    assert bad.code == 1 and "<stdin>:3:13:" in bad.err


def test_scale_reads_stdin_and_question_mark_asks_for_help():
    assert "3 van 6" in run_cli("scale", "-", stdin="[ja, nee, ja, ja, nee, ja]\n").out
    asked = run_cli("scale", "--items", "6", "-f", "json", stdin="?\nja\nnee\nja\nja\nnee\nja\n")
    assert asked.code == 0 and "Antwoord per stelling" in asked.err
    assert '"total": 3' in asked.out  # '?' was not scored as "min of meer"


def test_unknown_evidence_level_reads_right():
    assert "onbekend bewijsniveau 'rtc'" in run_cli("list", "--evidence", "rtc").err


# A run of one command builds that command alone (cli.app.only_command); what it prints must
# read exactly as when every command is built: help, usage lines, errors and suggestions.
def _all_commands_built(monkeypatch, *args: str):
    from wat_werkt.cli import app

    monkeypatch.setattr(app, "only_command", lambda args: None)
    return run_cli(*args)


def _one_command_names():
    from wat_werkt.cli.app import COMMANDS

    return list(COMMANDS)


@pytest.mark.parametrize("command", _one_command_names())
@pytest.mark.parametrize(
    "extra", [["-h"], ["--bogus"], ["--formt", "json"], ["--top"], ["--format", "foo", "x"]]
)
def test_one_command_reads_as_with_all_commands_built(monkeypatch, command, extra):
    alone = run_cli(command, *extra)
    full = _all_commands_built(monkeypatch, command, *extra)
    assert (alone.code, alone.out, alone.err) == (full.code, full.out, full.err)
    assert alone.code in (0, 2)


def test_only_the_named_command_is_built():
    from wat_werkt.cli.app import only_command

    assert only_command(["advise", "x.yaml"]) == "advise"
    assert only_command(["--debug", "list", "-h"]) == "list"
    # root help, version, a mistyped command (suggestions), no command: all built
    for args in (["-h"], ["-V", "advise"], ["advies"], ["--debug"], [], ["--", "advise"]):
        assert only_command(args) is None, args


def test_completion_builds_every_command(monkeypatch):
    from wat_werkt.cli.app import only_command

    monkeypatch.setenv("_WAT_WERKT_COMPLETE", "bash_complete")
    assert only_command(["advise", "x.yaml"]) is None


def test_command_table_names_every_command():
    import typer

    from wat_werkt.cli.app import COMMANDS, build_app

    assert list(typer.main.get_command(build_app()).commands) == list(COMMANDS)
