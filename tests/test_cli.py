"""The command line as users and scripts meet it."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest

from tests.conftest import EXAMPLES, ROOT, run_cli

EXAMPLE = str(EXAMPLES / "weduwen-75plus.yaml")
BAD = "name: Kapot\nage: 70\nsituation: [widowd]\n"


def subprocess_cli(
    *args: str, stdin: str = "", env: dict | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "wat_werkt", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


def test_advise_json_matches_contract():
    result = run_cli("advise", EXAMPLE, "--format", "json")
    assert result.code == 0, result.err
    advice = json.loads(result.out)
    for key in ("profile", "severity", "directions", "warnings", "ranking", "excluded"):
        assert key in advice
    assert advice["profile"]["name"] == "Weduwen 75+ wijk Noord"
    first = advice["ranking"][0]
    assert {"rank", "id", "name", "score", "evidence", "reasons", "cautions"} <= set(first)
    assert {"text", "points", "sources"} <= set(first["reasons"][0])


def test_advise_is_byte_identical_across_runs():
    a = subprocess_cli("advise", EXAMPLE, "--format", "json")
    b = subprocess_cli("advise", EXAMPLE, "--format", "json")
    assert a.returncode == 0 and a.stdout == b.stdout


def test_advise_top_keeps_the_rest_named():
    advice = json.loads(run_cli("advise", EXAMPLE, "--format", "json", "--top", "3").out)
    assert len(advice["ranking"]) == 3 and advice["not_shown"]


def test_advise_markdown_has_the_four_steps():
    out = run_cli("advise", EXAMPLE, "--format", "markdown").out
    for heading in (
        "## Stap 1: analyse",
        "## Stap 2: weten, willen, kunnen",
        "## Stap 3: oplossingsrichtingen",
        "## Stap 4: vergelijking",
        "## Niet in de ranglijst",
        "## Bronnen",
    ):
        assert heading in out
    first = json.loads(run_cli("advise", EXAMPLE, "--format", "json").out)["ranking"][0]
    assert f"| 1 | {first['name']} |" in out
    assert "lawlor2014" in out


def test_advise_table_shows_steps_and_ranking():
    out = run_cli("advise", EXAMPLE, "--top", "3").out
    for text in ("Stap 1", "Stap 2", "Stap 3", "Stap 4", "Thuisbezoek", "Niet in de ranglijst"):
        assert text in out
    assert "\x1b[" not in out  # no control codes when not on a terminal


def test_no_colour_when_piped_or_no_color():
    result = subprocess_cli("advise", EXAMPLE, env={"NO_COLOR": "1"})
    assert result.returncode == 0 and "\x1b[" not in result.stdout


def test_broken_pipe_prints_no_traceback():
    cmd = f"{sys.executable} -m wat_werkt list --format csv | head -1"
    result = subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=60)
    assert result.stdout.startswith("id,name")
    assert "Traceback" not in result.stderr


def test_version_and_module_entry():
    result = subprocess_cli("--version")
    assert result.returncode == 0 and result.stdout.startswith("wat-werkt ")


def test_usage_error_exits_2():
    assert run_cli("advise", EXAMPLE, "--bogus").code == 2
    assert run_cli("advise").code == 2
    assert run_cli("advise", EXAMPLE, "--format", "xml").code == 2


# --- compare -----------------------------------------------------------------------------


@pytest.fixture
def batch(tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    for name in ("meneer-de-vries.yaml", "weduwen-75plus.yaml"):
        (folder / name).write_text((EXAMPLES / name).read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "kapot.yaml").write_text(BAD, encoding="utf-8")
    (folder / "notes.txt").write_text("not a profile")
    return folder


def test_compare_csv_long_format(batch):
    result = run_cli("compare", str(batch), "--format", "csv", "--top", "3")
    assert result.code == 1  # one profile failed ...
    rows = list(csv.DictReader(io.StringIO(result.out)))
    assert list(rows[0]) == [
        "profile",
        "file",
        "rank",
        "id",
        "name",
        "score",
        "evidence",
        "severity",
        "warnings",
    ]
    assert {r["file"].rsplit("/", 1)[-1] for r in rows} == {
        "meneer-de-vries.yaml",
        "weduwen-75plus.yaml",
    }
    assert len(rows) == 6  # ... but the good ones are complete
    assert "kapot.yaml:3:13: onbekende situatiecode 'widowd'" in result.err


def test_compare_json_results_and_errors(batch):
    result = run_cli("compare", str(batch), "--format", "json")
    assert result.code == 1
    doc = json.loads(result.out)
    assert [r["file"].rsplit("/", 1)[-1] for r in doc["results"]] == [
        "meneer-de-vries.yaml",
        "weduwen-75plus.yaml",
    ]
    assert doc["errors"][0]["file"].endswith("kapot.yaml") and doc["errors"][0]["line"] == 3
    full = json.loads(
        run_cli("advise", str(EXAMPLES / "meneer-de-vries.yaml"), "--format", "json").out
    )
    assert doc["results"][0]["ranking"] == full["ranking"]


def test_compare_table(batch):
    result = run_cli("compare", str(batch))
    assert result.code == 1
    assert "Vergelijking: rang per profiel" in result.out and "Meneer De Vries (62)" in result.out


def test_compare_stdin_multi_document():
    stream = "\n---\n".join(
        [
            (EXAMPLES / "meneer-de-vries.yaml").read_text(encoding="utf-8"),
            BAD,
            (EXAMPLES / "jongeren-15-18.yaml").read_text(encoding="utf-8"),
        ]
    )
    result = run_cli("compare", "-", "--format", "json", stdin=stream)
    assert result.code == 1
    doc = json.loads(result.out)
    assert [r["file"] for r in doc["results"]] == ["<stdin>#1", "<stdin>#3"]
    # The bad document's problem is located in the stream: its line 3 is stream line 3 + offset.
    # The first document's lines, the blank line and the '---' come first.
    offset = len((EXAMPLES / "meneer-de-vries.yaml").read_text(encoding="utf-8").splitlines()) + 2
    assert f"<stdin>:{offset + 3}:13:" in result.err


def test_compare_all_good_exits_0():
    result = run_cli("compare", str(EXAMPLES), "--format", "csv")
    assert result.code == 0, result.err


# --- validate, schema, output -----------------------------------------------------------


def test_validate_profiles(batch):
    good = run_cli("validate", str(EXAMPLES))
    n = len(list(EXAMPLES.glob("*.yaml")))
    assert good.code == 0 and f"{n} profiel(en) in orde, 0 met fouten" in good.out
    bad = run_cli("validate", str(batch))
    assert bad.code == 1 and "2 profiel(en) in orde, 1 met fouten" in bad.out


def test_schema_validates_the_examples_and_is_shipped():
    import jsonschema
    from ruamel.yaml import YAML

    result = run_cli("schema")
    schema = json.loads(result.out)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for path in EXAMPLES.glob("*.yaml"):
        data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
        assert not list(validator.iter_errors(data)), path.name
    assert list(validator.iter_errors({"name": "x", "age": 70, "situation": ["widowd"]}))
    # The copy in the repo for editors is current.
    assert json.loads((ROOT / "profile.schema.json").read_text(encoding="utf-8")) == schema


def test_output_is_atomic(tmp_path):
    target = tmp_path / "advies.json"
    assert run_cli("advise", EXAMPLE, "--format", "json", "--output", str(target)).code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["ranking"]
    # A failing run leaves the earlier result untouched and no temporary files behind.
    before = target.read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD)
    assert run_cli("compare", str(bad), "--format", "json", "--output", str(target)).code == 1
    assert run_cli("advise", str(bad), "--format", "json", "--output", str(target)).code == 1
    assert target.read_text(encoding="utf-8") != "" and sorted(os.listdir(tmp_path)) == [
        "advies.json",
        "bad.yaml",
    ]
    assert before


def test_compare_output_written_even_with_bad_profiles(tmp_path, batch):
    target = tmp_path / "out.csv"
    assert run_cli("compare", str(batch), "--format", "csv", "--output", str(target)).code == 1
    assert len(target.read_text().splitlines()) > 2


def test_every_command_and_option_has_dutch_help():
    import typer

    from wat_werkt.cli.app import build_app

    group = typer.main.get_command(build_app())
    missing = []
    for name, command in group.commands.items():
        if not (command.help or "").strip():
            missing.append(name)
        for param in command.params:
            if param.name not in ("help",) and not (getattr(param, "help", None) or "").strip():
                missing.append(f"{name} {param.name}")
    assert missing == []


def test_json_output_does_not_import_rich_tables():
    code = (
        "import sys; from wat_werkt.cli.app import main\n"
        f"try:\n    main(['advise', {EXAMPLE!r}, '--format', 'json'])\n"
        "except SystemExit:\n    pass\n"
        "print('RICH_TABLE' if 'rich.table' in sys.modules else 'LEAN', file=sys.stderr)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.stderr.strip().endswith("LEAN"), result.stderr[-300:]


def test_internal_error_exits_3(monkeypatch, capsys):
    from wat_werkt.core import engine

    def boom(*a, **k):
        raise RuntimeError("kapot")

    monkeypatch.setattr(engine, "advise", boom)
    result = run_cli("advise", EXAMPLE, "--format", "json")
    assert result.code == 3
    assert (
        "interne fout" in result.err and "--debug" in result.err and "Traceback" not in result.err
    )


def _modules_after_advise(env: dict | None = None, data: str | None = None) -> set[str]:
    """The modules a run of `advise --format json` has loaded when it ends."""
    extra = f", '--data', {data!r}" if data else ""
    code = (
        "import sys; from wat_werkt.cli import main\n"
        f"try:\n    main(['advise', {EXAMPLE!r}, '--format', 'json'{extra}])\n"
        "except SystemExit:\n    pass\n"
        "print(' '.join(sorted(sys.modules)), file=sys.stderr)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
    )
    return set(result.stderr.strip().splitlines()[-1].split()) if result.stderr.strip() else set()


def test_warm_start_needs_no_pydantic(tmp_path):
    env = {"WAT_WERKT_CACHE_DIR": str(tmp_path / "cache")}
    first = _modules_after_advise(env)  # builds and caches the knowledge base
    assert "pydantic" in first
    assert "pydantic" not in _modules_after_advise(env)


def test_edited_data_is_not_served_from_a_stale_cache(tmp_path, data_dir):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(data_dir, data, ignore=shutil.ignore_patterns("__*"))
    env = {"WAT_WERKT_CACHE_DIR": str(tmp_path / "cache")}

    def first_name():
        result = subprocess_cli("advise", EXAMPLE, "--format", "json", "--data", str(data), env=env)
        return json.loads(result.stdout)["ranking"][0]["name"]

    before = first_name()
    path = data / "interventions.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            f"name: {before}\n", f"name: {before} (bijgewerkt)\n"
        ),
        encoding="utf-8",
    )
    assert first_name() == f"{before} (bijgewerkt)"


def test_advise_imports_no_other_command_and_nothing_heavy():
    loaded = _modules_after_advise()
    assert "wat_werkt.cli.advise" in loaded, loaded
    # OpenSSL (hashlib) and tempfile cost more to import than the advice takes to compute
    unwanted = {"wat_werkt.cli.compare", "wat_werkt.cli.lookups", "_hashlib", "tempfile"}
    assert not unwanted & loaded


# A real run ends with os._exit (cli.exit_now): its exit code and every byte it wrote must be
# what a run inside Python gives.
@pytest.mark.parametrize(
    "args",
    [
        ["advise", EXAMPLE, "--format", "json"],
        ["advise", EXAMPLE, "--format", "markdown"],
        ["advise", "missing.yaml"],
        ["advise", EXAMPLE, "--top", "0"],
        ["compare", "-", "--format", "csv"],
    ],
)
def test_real_process_ends_as_a_run_in_python(args):
    real = subprocess_cli(*args, stdin=BAD, env={"COLUMNS": "80"})
    here = run_cli(*args, stdin=BAD)
    assert (real.returncode, real.stdout, real.stderr) == (here.code, here.out, here.err)
    assert real.returncode in (0, 1, 2) and real.stdout + real.stderr


def test_real_process_writes_its_file_and_runs_exit_handlers(tmp_path):
    target = tmp_path / "advies.json"
    code = (
        "import atexit, sys; atexit.register(print, 'exit handler ran', file=sys.stderr)\n"
        f"sys.argv = ['wat-werkt', 'advise', {EXAMPLE!r}, '-o', {str(target)!r}]\n"
        "from wat_werkt.cli import main; main()"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and result.stderr == "exit handler ran\n", result.stderr
    assert target.read_text(encoding="utf-8") == run_cli("advise", EXAMPLE, "-f", "json").out


def test_globs_are_expanded_where_no_shell_does_it(tmp_path, monkeypatch, capsys):
    """cmd.exe passes 'profielen\\*.yaml' as typed: typer expands it when it reads sys.argv
    itself on Windows, so main() must leave the arguments to typer."""
    import os
    import sys
    import types

    import typer.core

    from tests.conftest import EXAMPLES
    from wat_werkt.cli.app import main

    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text((EXAMPLES / "meneer-de-vries.yaml").read_text("utf-8"))
    windows = types.SimpleNamespace(**{k: getattr(os, k) for k in dir(os) if k[0] != "_"})
    windows.name = "nt"
    monkeypatch.setattr(typer.core, "os", windows)
    monkeypatch.setattr(sys, "argv", ["wat-werkt", "validate", str(tmp_path / "*.yaml")])
    with pytest.raises(SystemExit) as end:
        main(None)
    assert end.value.code in (0, None), capsys.readouterr().err
    assert "2 profiel(en) in orde" in capsys.readouterr().out
