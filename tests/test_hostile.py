"""Hostile and careless input (issue 11): nothing lost, nothing injected, no hangs."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, run_cli
from tests.terminal import run_on_terminal
from wat_werkt.core import batch

GOOD = (EXAMPLES / "meneer-de-vries.yaml").read_text(encoding="utf-8")
HUGE = "9" * 5000


def cli(*args: str, stdin: bytes | str = b"", timeout: float = 30) -> subprocess.CompletedProcess:
    """The real program in a subprocess: for devices, signals and pipes."""
    return subprocess.run(
        [sys.executable, "-m", "wat_werkt", *args],
        input=stdin.encode() if isinstance(stdin, str) else stdin,
        capture_output=True,
        timeout=timeout,
    )


# --- batch streams on stdin ---------------------------------------------------------------


def test_stdin_syntax_error_loses_only_its_document():
    stream = "---\n".join([GOOD, "name: [kapot\n", GOOD])
    result = run_cli("compare", "-", "--format", "json", stdin=stream)
    assert result.code == 1
    doc = json.loads(result.out)
    assert [r["file"] for r in doc["results"]] == ["<stdin>#1", "<stdin>#3"]
    assert [e["file"] for e in doc["errors"]] == ["<stdin>#2"]
    bad_line = len(GOOD.splitlines()) + 2  # the '---' and then the broken line
    assert f"<stdin>:{bad_line + 1}:1: de lijst die op regel {bad_line}:7 begint" in result.err


def test_stdin_limits_apply_per_document():
    stream = ("---\n" + GOOD) * 6000
    result = run_cli("compare", "-", "--format", "csv", "--top", "1", stdin=stream)
    assert result.code == 0, result.err[:500]
    assert len(result.out.splitlines()) == 1 + 6000


def test_stdin_oversized_document_loses_only_itself():
    big = "name: x\nnote: |\n" + ("  " + "a" * 1000 + "\n") * 1100
    stream = "---\n".join([GOOD, big, GOOD])
    result = run_cli("compare", "-", "--format", "json", stdin=stream)
    doc = json.loads(result.out)
    assert [r["file"] for r in doc["results"]] == ["<stdin>#1", "<stdin>#3"]
    assert "document is te groot" in result.err


def test_stdin_is_read_one_document_at_a_time():
    """Memory stays flat: the first document is handed on before the stream is read further."""

    class Endless(io.RawIOBase):
        def __init__(self):
            self.read_bytes = 0

        def readable(self):
            return True

        def readinto(self, b):
            chunk = ("---\n" + GOOD).encode()[: len(b)]
            b[: len(chunk)] = chunk
            self.read_bytes += len(chunk)
            return len(chunk)

    raw = Endless()
    docs = batch._documents(io.BufferedReader(raw, 4096), batch.MAX_PROFILE_BYTES)
    for _ in range(3):
        start, data = next(docs)
        assert data is not None and b"name:" in data
    assert raw.read_bytes < 64 * 1024


def test_stdin_binary_stream_ends_quickly():
    with open("/dev/zero", "rb") as zero:
        result = subprocess.run(
            [sys.executable, "-m", "wat_werkt", "compare", "-"],
            stdin=zero,
            capture_output=True,
            timeout=30,
        )
    assert result.returncode == 1
    assert b"geen tekstbestand" in result.stderr


# --- huge integers ------------------------------------------------------------------------


def test_huge_integer_in_a_profile_is_an_input_error(tmp_path):
    path = tmp_path / "groot.yaml"
    path.write_text(GOOD.replace("age: 62", f"age: {HUGE}"), encoding="utf-8")
    result = run_cli("advise", str(path))
    assert result.code == 1
    assert f"{path}:3:6: getal met te veel cijfers" in result.err


def test_huge_integer_never_aborts_a_batch(tmp_path):
    path = tmp_path / "groot.yaml"
    path.write_text(GOOD.replace("score: 8", f"score: {HUGE}"), encoding="utf-8")
    result = run_cli("compare", str(path), str(EXAMPLES / "meneer-de-vries.yaml"), "-f", "json")
    assert result.code == 1
    assert len(json.loads(result.out)["results"]) == 1
    stream = "---\n".join([GOOD, GOOD.replace("age: 62", f"age: {HUGE}"), GOOD])
    result = run_cli("compare", "-", "-f", "json", stdin=stream)
    assert [r["file"] for r in json.loads(result.out)["results"]] == ["<stdin>#1", "<stdin>#3"]


# --- files that are not files -------------------------------------------------------------


def test_devices_and_fifos_are_refused_without_reading(tmp_path):
    fifo = tmp_path / "pijp.yaml"
    os.mkfifo(fifo)
    for args in (
        ["advise", "/dev/zero"],
        ["advise", "/dev/urandom"],
        ["advise", str(fifo)],
        ["prevalence", "--population", "/dev/zero"],
        ["compare", str(fifo), str(EXAMPLES / "meneer-de-vries.yaml"), "-f", "csv"],
    ):
        result = cli(*args, timeout=20)
        assert result.returncode == 1, args
        assert b"geen gewoon bestand" in result.stderr, args


def test_device_linked_from_data_is_refused(tmp_path, data_dir):
    for f in data_dir.glob("*.yaml"):
        shutil.copy(f, tmp_path / f.name)
    (tmp_path / "sources.yaml").unlink()
    (tmp_path / "sources.yaml").symlink_to("/dev/zero")
    result = cli("list", "--data", str(tmp_path), timeout=20)
    assert result.returncode == 1
    assert f"{tmp_path / 'sources.yaml'}: is geen gewoon bestand".encode() in result.stderr


def test_utf16_gets_a_utf8_hint(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_bytes(GOOD.encode("utf-16"))
    result = run_cli("advise", str(path))
    assert result.code == 1 and "UTF-16" in result.err and "UTF-8" in result.err
    path.write_bytes(GOOD.encode("utf-16-le"))
    assert "UTF-16" in run_cli("advise", str(path)).err


# --- the population file ------------------------------------------------------------------


def population(tmp_path, body: str) -> str:
    path = tmp_path / "inwoners.csv"
    path.write_text("leeftijd,inwoners\n" + body, encoding="utf-8")
    result = run_cli("prevalence", "--population", str(path), "--format", "csv")
    assert result.code == 1, result.out
    return result.err.replace(str(path), "P")


def test_population_mistakes_are_located_errors(tmp_path):
    assert "P:2:7: aantal inwoners '1000.5' is geen geheel getal" in population(
        tmp_path, "65-74,1000.5\n"
    )
    assert "P:2:9: te veel kolommen (3, de kopregel heeft er 2)" in population(
        tmp_path, "65-74,1,5\n"
    )
    err = population(tmp_path, "65-74,100\n65-74,100\n70,5\n85+,3\n")
    assert "P:3:1: leeftijd '65-74' overlapt met regel 2" in err
    assert "P:4:1: leeftijd '70' overlapt met regel 2" in err
    assert "regel 5" not in err and ":5:" not in err
    assert "P:2:1: leeftijd '34-19' is geen geldige groep" in population(tmp_path, "34-19,100\n")
    assert "P:2:7: aantal inwoners '1.000' is dubbelzinnig" in population(tmp_path, "65-74,1.000\n")
    err = population(tmp_path, f"65-74,{HUGE}\n{HUGE},1\n")
    assert "P:2:7: aantal inwoners '999999999999999999999999999999…' is te groot" in err
    assert "P:3:1: leeftijd '999999999999999999999999999999…' niet begrepen" in err


def test_population_semicolons_are_read_as_dutch_excel_writes_them(tmp_path):
    path = tmp_path / "inwoners.csv"
    path.write_text("leeftijd;inwoners\n65-74;100\n", encoding="utf-8")
    result = run_cli("prevalence", "--population", str(path), "-f", "json")
    assert result.code == 0, result.err


def test_population_thousands_separators_that_cannot_be_decimals(tmp_path):
    path = tmp_path / "inwoners.csv"
    path.write_text(
        'leeftijd,inwoners\n19-34,"1 000"\n35-49,"1.000.000"\n50-64,"2,000,000"\n65-74,1000\n',
        encoding="utf-8",
    )
    result = run_cli("prevalence", "--population", str(path), "--format", "json")
    assert result.code == 0, result.err
    rows = json.loads(result.out)["rows"]
    assert [r["residents"] for r in rows] == [1000, 1_000_000, 2_000_000, 1000]


# --- output paths -------------------------------------------------------------------------

PROFILE = str(EXAMPLES / "meneer-de-vries.yaml")
OFFER = EXAMPLES / "aanbod" / "sociale-kaart.yaml"


@pytest.fixture
def full_device(tmp_path):
    """A device that is always full, like /dev/full (made here, so /dev/full is never at risk)."""
    path = tmp_path / "vol"
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
    except OSError:
        if not stat.S_ISCHR(os.stat("/dev/full").st_mode):
            pytest.skip("no full device")
        return Path("/dev/full")
    return path


def test_unwritable_outputs_are_input_errors_in_dutch(tmp_path, full_device):
    cases = {
        tmp_path / "nergens" / "uit.txt": "de map bestaat niet",
        tmp_path: "is een map, geen bestand",
        full_device: "de schijf is vol",
    }
    for target, why in cases.items():
        result = run_cli("advise", PROFILE, "-o", str(target))
        assert result.code == 1, target
        assert f"{target}: kan niet schrijven: {why}" in result.err
    assert stat.S_ISCHR(os.stat(full_device).st_mode)  # still a device
    assert not list(tmp_path.glob(".*.tmp"))


def test_full_stdout_is_an_error_not_silence(full_device):
    with open(full_device, "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "wat_werkt", "advise", PROFILE],
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=30,
        )
    assert result.returncode == 1
    assert b"kan niet schrijven: de schijf is vol" in result.stderr
    assert b"Exception" not in result.stderr


def test_full_disk_for_version_and_xlsx_says_so_without_tracebacks(full_device):
    runs = [["--version"], ["list", "-f", "xlsx", "-o", str(full_device)]]
    for args in runs:
        with open(full_device, "w") as full:
            result = subprocess.run(
                [sys.executable, "-m", "wat_werkt", *args],
                stdout=full,
                stderr=subprocess.PIPE,
                timeout=30,
            )
        assert result.returncode == 1, args
        assert b"kan niet schrijven: de schijf is vol" in result.stderr, args
        assert b"Traceback" not in result.stderr and b"Exception" not in result.stderr, args


def test_output_through_a_symlink_keeps_the_link(tmp_path):
    real = tmp_path / "echt.json"
    real.write_text("oud")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert run_cli("advise", PROFILE, "-f", "json", "-o", str(link)).code == 0
    assert link.is_symlink() and json.loads(real.read_text())["profile"]


def test_output_never_overwrites_an_input(tmp_path):
    profile = tmp_path / "p.yaml"
    profile.write_text(GOOD, encoding="utf-8")
    for args in (
        ["advise", str(profile), "-o", str(profile)],
        ["compare", str(tmp_path), "-f", "csv", "-o", str(profile)],
        ["compare", str(tmp_path), "-f", "csv", "-o", str(tmp_path / "nieuw.yaml")],
    ):
        result = run_cli(*args)
        assert result.code == 1 and "is ook een invoerbestand" in result.err, args
    assert profile.read_text(encoding="utf-8") == GOOD
    assert not (tmp_path / "nieuw.yaml").exists()


def test_output_mode_kept_or_from_the_umask(tmp_path):
    existing = tmp_path / "bestaand.txt"
    existing.write_text("oud")
    existing.chmod(0o640)
    assert run_cli("advise", PROFILE, "-o", str(existing)).code == 0
    assert stat.S_IMODE(existing.stat().st_mode) == 0o640
    old = os.umask(0o022)
    try:
        assert run_cli("advise", PROFILE, "-o", str(tmp_path / "nieuw.txt")).code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "nieuw.txt").stat().st_mode) == 0o644


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_temporary_output_removed_on_signals(tmp_path, sig):
    target = tmp_path / "uit.csv"
    proc = subprocess.Popen(
        [sys.executable, "-m", "wat_werkt", "compare", "-", "-f", "csv", "-o", str(target)],
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdin.write(("---\n" + GOOD).encode())
    proc.stdin.flush()
    deadline = time.monotonic() + 30
    while not list(tmp_path.glob(".uit.csv.*.tmp")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert list(tmp_path.glob(".uit.csv.*.tmp")), "no temporary file appeared"
    proc.send_signal(sig)
    proc.wait(timeout=30)
    proc.stdin.close()
    assert proc.returncode == 128 + sig
    assert list(tmp_path.iterdir()) == []


def test_init_checks_the_target_before_asking(tmp_path):
    result = run_cli("init", str(tmp_path / "nergens" / "p.yaml"), stdin="")
    assert result.code == 1
    assert "kan niet schrijven: de map bestaat niet" in result.err
    assert "?" not in result.err  # no question was asked


COMMANDS = [
    ["advise", PROFILE],
    ["advise", PROFILE, "-f", "markdown"],
    ["compare", str(EXAMPLES), "-f", "csv"],
    ["compare", str(EXAMPLES)],
    ["list"],
    ["factors"],
    ["evidence", "cbt"],
    ["prevalence"],
    ["schema"],
    ["schema", "factors.yaml"],
    ["codes"],
    ["rules"],
    ["compare", str(EXAMPLES), "--summary"],
    ["validate", PROFILE],
    ["--version"],
    ["--help"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_closed_pipe_ends_quietly(args):
    proc = subprocess.Popen(
        [sys.executable, "-m", "wat_werkt", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.close()  # the reader is gone before anything is written, as with `| head -0`
    err = proc.stderr.read()
    assert proc.wait(timeout=30) == 0, err
    assert err == b""


# --- usage errors -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["list", "--evidence", "rtc"], "'--evidence'"),
        (["list", "--status", "weg"], "'--status'"),
        (["scale", "--items", "7"], "'--items'"),
        (["schema", "foo"], "'[profiel|BESTAND]'"),
        (["list", "--format", "xx"], "'--format'"),  # click's own, for comparison
    ],
)
def test_usage_errors_exit_2_worded_alike(args, option):
    result = run_cli(*args)
    assert result.code == 2
    assert result.err.startswith(f"Gebruik: wat-werkt {args[0]} ")
    assert f"Probeer 'wat-werkt {args[0]} -h' voor hulp." in result.err
    assert f"Fout: Ongeldige waarde voor {option}" in result.err


# --- injection ----------------------------------------------------------------------------

HOSTILE_NAME = "\x1b]0;pwned\x07\x1b[31mRood [/bold] \u202eomgekeerd"


def hostile_profile(tmp_path, name: str = HOSTILE_NAME, filename: str = "p.yaml") -> Path:
    path = tmp_path / filename
    text = GOOD.replace("name: Meneer De Vries (62)", f"name: {json.dumps(name)}")
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_cells_cannot_run_as_formulas(tmp_path):
    for start in ("=", "+", "-", "@", "\t", "\r"):
        folder = tmp_path / f"m{ord(start)}"
        folder.mkdir()
        path = hostile_profile(folder, start + "HYPERLINK(1)", f"{start.strip() or 'x'}cmd.yaml")
        result = run_cli("compare", str(path), "-f", "csv", "--top", "1")
        assert result.code == 0, result.err
        row = next(csv.DictReader(io.StringIO(result.out)))
        assert row["profile"] == "'" + start.replace("\r", "\n") + "HYPERLINK(1)"
        if start.strip():
            assert row["file"] == str(path)  # the path starts with '/', only its name with '='
    path = hostile_profile(tmp_path, "Mevrouw", "=cmd.yaml")
    row = next(csv.DictReader(io.StringIO(run_cli("compare", "-", "-f", "csv", stdin="").out)), {})
    assert row == {}
    result = subprocess.run(
        [sys.executable, "-m", "wat_werkt", "compare", "=cmd.yaml", "-f", "csv", "--top", "1"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert next(csv.DictReader(io.StringIO(result.stdout)))["file"] == "'=cmd.yaml"


def test_terminal_never_gets_raw_escapes_from_names(tmp_path):
    path = hostile_profile(tmp_path)
    for args in (["advise", str(path)], ["compare", str(path)]):
        code, shown = run_on_terminal(args, cols=80)
        assert code == 0, shown
        # tests.terminal strips real escape sequences; these survive only as visible text.
        assert "␛]0;pwned␇␛[31mRood [/bold]" in shown, shown
        assert "<U+202E>omgekeerd" in shown


def test_errors_never_print_raw_escapes(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text('name: x\nage: 70\n"\\e[31mkey\\e]0;t\\a": 1\n', encoding="utf-8")
    result = run_cli("advise", str(path))
    assert result.code == 1
    assert "\x1b" not in result.err and "\x07" not in result.err
    assert "onbekende sleutel '␛[31mkey␛]0;t␇'" in result.err
    result = run_cli("list", "--evidence", "\x1b[2J")
    assert result.code == 2 and "\x1b" not in result.err


def test_markdown_names_stay_text(tmp_path):
    path = hostile_profile(tmp_path, "x\n# Kop | cel <script>alert(1)</script> *vet*")
    result = run_cli("advise", str(path), "-f", "markdown")
    assert result.code == 0, result.err
    first = result.out.splitlines()[0]
    assert first == ("# Advies: x \\# Kop \\| cel &lt;script&gt;alert(1)&lt;/script&gt; \\*vet\\*")
    assert not any(line.startswith("# Kop") for line in result.out.splitlines())
    assert "<script>" not in result.out


# --- the knowledge-base cache -------------------------------------------------------------


def _advise_env(env: dict, *extra: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("WAT_WERKT_", "XDG_"))}
    return subprocess.run(
        [sys.executable, "-m", "wat_werkt", "advise", PROFILE, "-f", "json", *extra],
        capture_output=True,
        text=True,
        timeout=60,
        env={**clean, **env},
    )


def test_cache_is_keyed_on_content_not_size_and_mtime(tmp_path, data_dir):
    data = tmp_path / "data"
    shutil.copytree(data_dir, data, ignore=shutil.ignore_patterns("__*"))
    env = {"WAT_WERKT_CACHE_DIR": str(tmp_path / "cache")}
    first = json.loads(_advise_env(env, "--data", str(data)).stdout)["ranking"][0]["name"]
    path = data / "interventions.yaml"
    st = path.stat()
    text = path.read_text(encoding="utf-8")
    changed = first[:-1] + ("X" if first[-1] != "X" else "Y")  # same length, so same size
    path.write_text(text.replace(f"name: {first}\n", f"name: {changed}\n"), encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # as `cp -p` or `rsync -a` leave it
    assert path.stat().st_size == st.st_size
    again = json.loads(_advise_env(env, "--data", str(data)).stdout)["ranking"][0]["name"]
    assert again == changed


def test_cache_is_private_json_and_bounded(tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    for n in range(20):  # entries of other data or code, and an old pickle
        (cache / f"kb-{n:032x}.json").write_text("{}")
    (cache / "kb-old.pickle").write_bytes(b"\x80\x04.")
    env = {"WAT_WERKT_CACHE_DIR": str(cache / "sub")}
    assert _advise_env(env).returncode == 0
    (entry,) = (cache / "sub").glob("kb-*.json")
    assert stat.S_IMODE((cache / "sub").stat().st_mode) == 0o700
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    check, payload = entry.read_text(encoding="utf-8").split("\n", 1)
    json.loads(payload)  # data, not a pickle, after the hash of it
    assert len(check) == 64
    env = {"WAT_WERKT_CACHE_DIR": str(cache)}
    assert _advise_env(env).returncode == 0
    left = list(cache.glob("kb-*"))
    assert len(left) <= 8 and not list(cache.glob("*.pickle")) and not list(cache.glob(".*"))


def test_damaged_or_hostile_cache_is_rebuilt(tmp_path):
    cache = tmp_path / "cache"
    env = {"WAT_WERKT_CACHE_DIR": str(cache)}
    good = _advise_env(env).stdout
    (entry,) = cache.glob("kb-*.json")
    for junk in ('{"factors": {"@": 1}}', "[1, 2", "\x80\x04cos\nsystem\n."):
        entry.write_text(junk, encoding="latin-1")
        result = _advise_env(env)
        assert result.returncode == 0 and result.stdout == good


def test_tampered_planted_or_shared_cache_is_never_served(tmp_path, data_dir):
    cache = tmp_path / "cache"
    env = {"WAT_WERKT_CACHE_DIR": str(cache)}
    good = _advise_env(env).stdout
    first = json.loads(good)["ranking"][0]["name"]
    (entry,) = cache.glob("kb-*.json")
    text = entry.read_text(encoding="utf-8")
    entry.write_text(text.replace(first, "GEKAAPT"), encoding="utf-8")  # still valid JSON
    assert _advise_env(env).stdout == good
    # a FIFO planted as the entry is never waited on
    entry.unlink()
    os.mkfifo(entry)
    result = _advise_env(env)
    assert result.returncode == 0 and result.stdout == good
    # a folder others may write to is not used at all
    shared = tmp_path / "gedeeld"
    shared.mkdir()
    shared.chmod(0o777)
    assert _advise_env({"WAT_WERKT_CACHE_DIR": str(shared)}).stdout == good
    assert not list(shared.iterdir())
    # a FIFO as a data file: no hang, even with the cache off
    data = tmp_path / "data"
    shutil.copytree(data_dir, data, ignore=shutil.ignore_patterns("__*"))
    (data / "factors.yaml").unlink()
    os.mkfifo(data / "factors.yaml")
    for extra in ({}, {"WAT_WERKT_NO_CACHE": "1"}):
        result = _advise_env({**env, **extra}, "--data", str(data))
        assert result.returncode == 1 and "factors.yaml" in result.stderr, result.stderr


def test_relative_xdg_cache_home_is_ignored(tmp_path):
    env = {"XDG_CACHE_HOME": "rel", "HOME": str(tmp_path / "thuis")}
    (tmp_path / "thuis").mkdir()
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("WAT_WERKT_", "XDG_"))}
    result = subprocess.run(
        [sys.executable, "-m", "wat_werkt", "list"],
        capture_output=True,
        timeout=60,
        cwd=tmp_path,
        env={**clean, **env},
    )
    assert result.returncode == 0
    assert not (tmp_path / "rel").exists()
    assert list((tmp_path / "thuis" / ".cache" / "wat-werkt").glob("kb-*.json"))


def test_cache_switches_and_missing_home(tmp_path):
    cache = tmp_path / "cache"
    assert (
        _advise_env({"WAT_WERKT_CACHE_DIR": str(cache), "WAT_WERKT_NO_CACHE": "0"}).returncode == 0
    )
    assert list(cache.glob("kb-*.json"))
    off = tmp_path / "off"
    assert _advise_env({"WAT_WERKT_CACHE_DIR": str(off), "WAT_WERKT_NO_CACHE": "1"}).returncode == 0
    assert not off.exists()
    home = tmp_path / "bestaat-niet"
    assert _advise_env({"HOME": str(home)}).returncode == 0
    assert not home.exists()


def test_cache_write_failure_leaves_no_litter(tmp_path, monkeypatch, data_dir):
    from wat_werkt.core import kb_load

    monkeypatch.setenv("WAT_WERKT_CACHE_DIR", str(tmp_path))

    def broken(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(kb_load.os, "replace", broken)
    kb_load._loaded.clear()
    try:
        assert kb_load.load_kb(data_dir).interventions
    finally:
        kb_load._loaded.clear()
    assert list(tmp_path.iterdir()) == []


def test_readme_documents_the_environment():
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    for name in ("WAT_WERKT_CACHE_DIR", "WAT_WERKT_NO_CACHE", "XDG_CACHE_HOME", "WAT_WERKT_DEBUG"):
        assert f"`{name}" in readme, name


# --- the knowledge-base validator ---------------------------------------------------------


def _edited_data(tmp_path, data_dir, old: str, new: str) -> list[str]:
    from wat_werkt.core.kb_build import check_data_dir

    data = tmp_path / "data"
    shutil.copytree(data_dir, data, ignore=shutil.ignore_patterns("__*"))
    path = data / "factors.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return [str(p).replace(str(path), "F") for p in check_data_dir(data)]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "{severity: moderate, min: 3, max: 8}",
            "{severity: moderate, min: 4, max: 8}",
            "geen band voor totaal 3 (0 tot en met 11)",
        ),
        (
            "{severity: moderate, min: 3, max: 8}",
            "{severity: moderate, min: 3, max: 9}",
            "overlapt met band 2 (totaal 9)",
        ),
        (
            "{severity: severe, min: 9, max: 10}",
            "{severity: moderate, min: 9, max: 10}",
            "ernst 'severe' heeft geen band in schaal djg11",
        ),
        (
            '{id: not_lonely, label: "niet eenzaam",',
            '{id: not_lonely, min_score: 0, label: "niet eenzaam",',
            "onbekende sleutel 'min_score'",
        ),
        (
            "{severity: moderate, min: 3, max: 8}",
            "{severity: moderate, min: 3, max: 7}",
            "geen band voor totaal 8",
        ),
        (
            "points: 20,",
            "points: .inf,",
            "inf is geen bruikbaar getal",
        ),
        (
            "points: 20,",
            "points: .nan,",
            "nan is geen bruikbaar getal",
        ),
        (
            "Niet beschikbaar: {status_label}.",
            "Niet beschikbaar: {status_label:>999999999}.",
            "invulveld '{status_label}' mag geen opmaak (':' of '!') hebben",
        ),
        (
            "Niet beschikbaar: {status_label}.",
            "Niet beschikbaar: {statuslabel}.",
            "onbekend invulveld '{statuslabel}'; bedoelde u 'status_label'?",
        ),
        (
            "{situation: {any: [widowed, bereaved,",
            "{situation: {any: [[widowed], bereaved,",
            "ongeldige voorwaarde: een waarde heeft het verkeerde type",
        ),
    ],
)
def test_validator_catches_what_would_crash_advise(tmp_path, data_dir, old, new, expected):
    problems = _edited_data(tmp_path, data_dir, old, new)
    assert any(expected in p for p in problems), problems


# --- messages -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("name: x\nage: [70\n", "p.yaml:3:1: de lijst die op regel 2:6 begint, is niet afgesloten"),
        ("name: x\nloneliness:\n\ttypes: [social]\n", "p.yaml:3:1: tab gevonden: YAML springt"),
        ('name: "x\nage: 7\n', "p.yaml:3:1: het aanhalingsteken op regel 1:7 wordt niet gesloten"),
        ("name: x: y\n", "p.yaml:1:8: onverwachte ':'"),
        ("name: x\n@a\n", "p.yaml:2:1: '@' kan geen waarde beginnen"),
    ],
)
def test_yaml_reader_errors_are_dutch_and_located(tmp_path, text, expected):
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    result = run_cli("advise", str(path))
    assert result.code == 1
    assert result.err.replace(str(tmp_path) + "/", "").startswith(expected), result.err
    for internal in ("did not find", "found character", "while parsing", "<unicode string>"):
        assert internal not in result.err


def test_every_problem_reported_also_after_a_duplicate_key(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(
        "name: x\nage: &a 70\nage: 71\nfoo: 1\nloneliness: &a {types: [socia]}\n", encoding="utf-8"
    )
    for args in (["advise", str(path)], ["compare", str(path), "-f", "csv"]):
        result = cli(*args)
        err = result.stderr.decode().replace(str(tmp_path) + "/", "")
        assert result.returncode == 1
        assert "p.yaml:3:1: sleutel 'age' staat er twee keer (eerder op regel 2)" in err
        assert "p.yaml:4:1: onbekende sleutel 'foo'" in err
        assert "p.yaml:5:25: onbekende soort eenzaamheid 'socia'" in err
        assert "Warning" not in err and "ruamel" not in err  # the reused anchor stays quiet


def test_duplicate_key_in_data_reported_with_the_rest(tmp_path, data_dir):
    problems = _edited_data(
        tmp_path,
        data_dir,
        '  - {id: moderate, label: "matig eenzaam",',
        '  - {id: moderate, id: moderate, label: "matig eenzaam",',
    )
    problems += _edited_data(
        tmp_path / "b", data_dir, "points: 20,", "points: 20, points: 3, x: 1,"
    )
    assert any("sleutel 'id' staat er twee keer" in p for p in problems), problems
    assert any("sleutel 'points' staat er twee keer" in p for p in problems)
    assert any("'x'" in p for p in problems), problems  # the unknown key after the duplicate


# --- folders and lookups ------------------------------------------------------------------


def test_folder_reports_what_it_skipped(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "B.YAML").write_text(GOOD, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("x")
    (tmp_path / "dangling.yaml").symlink_to(tmp_path / "weg.yaml")
    (tmp_path / "loop.yml").symlink_to("loop.yml")
    result = run_cli("compare", str(tmp_path), "-f", "json")
    assert result.code == 1
    files = [r["file"] for r in json.loads(result.out)["results"]]
    assert files == [str(tmp_path / "a.yaml"), str(tmp_path / "B.YAML")]  # natural order
    err = result.err.replace(str(tmp_path), "M")
    assert "M/dangling.yaml: verwijst (als link) naar een bestand dat niet bestaat" in err
    assert "M/loop.yml: links verwijzen in een kring" in err
    assert "wat-werkt: in M overgeslagen:\n  notes.txt, sub/\n" in err


def test_empty_or_unreadable_folder_is_an_input_error(tmp_path, monkeypatch):
    result = run_cli("compare", str(tmp_path))
    assert result.code == 1
    assert f"{tmp_path}: map bevat geen profielen (*.yaml of *.yml)" in result.err

    def denied(path):
        raise PermissionError(13, "Permission denied", path)

    monkeypatch.setattr(os, "listdir", denied)
    result = run_cli("compare", str(tmp_path), "-f", "csv")
    assert result.code == 1
    assert f"{tmp_path}: geen leesrechten voor deze map" in result.err


def test_evidence_ids_are_case_insensitive_with_a_hint():
    assert json.loads(run_cli("evidence", "CBT", "-f", "json").out)["id"] == "cbt"
    result = run_cli("evidence", "Peer Home Visit")
    assert result.code == 1 and "bedoelde u 'peer-home-visits'?" in result.err


def test_huge_integers_in_a_spreadsheet_are_row_errors(tmp_path):
    path = tmp_path / "rijen.csv"
    path.write_text(
        "name,age,loneliness.types,loneliness.score\n"
        f"a,{HUGE},social,3\nb,70,social,{HUGE}\nc,70,social,3\n",
        encoding="utf-8",
    )
    result = run_cli("compare", str(path), "-f", "json")
    assert result.code == 1, result.err
    assert [r["file"] for r in json.loads(result.out)["results"]] == [f"{path}#4"]
    assert f"{path}:2:2: 'age' moet een getal" in result.err
    assert f"{path}:3:4: 'score' moet een geheel getal" in result.err
    header = tmp_path / "kop.csv"
    header.write_text(f"name,age,loneliness.answers.{HUGE[:30]}\na,70,ja\n", encoding="utf-8")
    result = run_cli("compare", str(header), "-f", "json")
    assert result.code == 1 and "interne fout" not in result.err
    assert f"{header}:1:3: kolom 'loneliness.answers.{HUGE[:30]}'" in result.err


def test_validator_catches_an_effort_level_that_is_gone(tmp_path, data_dir):
    text = (data_dir / "factors.yaml").read_text(encoding="utf-8")
    start = text.index('  - {id: moderate, label: "gemiddelde inzet",')
    end = text.index("\n  - {", start + 1)
    problems = _edited_data(tmp_path, data_dir, text[start : end + 1], "")
    assert problems and all("interventions.yaml" in p for p in problems), problems
    assert "onbekend inzetniveau 'moderate'" in problems[0]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("    - {id: female, label: vrouw, group: vrouwen,", "    - {id: female, label: vrouw,",
         "code 'female' (gebruikt door interventies) heeft hier geen 'group'"),
        ("  age:\n    dutch: [leeftijd]\n    type: age\n", "  age:\n    dutch: [leeftijd]\n    type: text\n",
         "veld 'age' moet type age hebben"),
    ],
)  # fmt: skip
def test_validator_checks_what_the_engine_reads_from_profile_yaml(
    tmp_path, data_dir, old, new, expected
):
    from wat_werkt.core.kb_build import check_data_dir

    data = tmp_path / "data"
    shutil.copytree(data_dir, data, ignore=shutil.ignore_patterns("__*"))
    path = data / "profile.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert any(expected in str(p) for p in check_data_dir(data)), check_data_dir(data)


def test_output_never_overwrites_the_offer_or_the_knowledge_base(tmp_path):
    from tests.conftest import ROOT

    offer = tmp_path / "aanbod.yaml"
    shutil.copy(OFFER, offer)
    original = offer.read_bytes()
    kbdir = tmp_path / "kb"
    shutil.copytree(ROOT / "data", kbdir)
    before = (kbdir / "interventions.yaml").read_bytes()
    for args in (
        ["advise", PROFILE, "--offer", str(offer), "-o", str(offer)],
        ["compare", PROFILE, "--offer", str(offer), "-f", "csv", "-o", str(offer)],
        [
            "compare",
            PROFILE,
            "--data",
            str(kbdir),
            "-f",
            "json",
            "-o",
            str(kbdir / "interventions.yaml"),
        ],
        ["list", "--data", str(kbdir), "-f", "json", "-o", str(kbdir / "nieuw.yaml")],
    ):
        result = run_cli(*args)
        assert result.code == 1 and "is ook een invoerbestand" in result.err, (args, result.err)
    assert offer.read_bytes() == original
    assert (kbdir / "interventions.yaml").read_bytes() == before


def test_hostile_jsonl_rows_lose_only_themselves(tmp_path):
    good = '{"name": "J", "age": 80, "gender": "female", "loneliness": {"score": 9}}'
    rows = [
        good,
        "[" * 100_000 + "]" * 100_000,  # RecursionError in json
        '{"a":' * 50 + "1" + "}" * 50,  # parses, but deeper than any profile
        '{"name": "\\ud800x"}',  # a lone surrogate: cannot be written as UTF-8
        '{"note": "' + "a" * (2 * 1024 * 1024) + '"}',  # over the per-row limit
        json.dumps({f"k{i}": 1 for i in range(50_000)}),  # under 1 MiB, far too many keys
        good,
    ]
    path = tmp_path / "vijandig.jsonl"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    started = time.monotonic()
    result = run_cli("compare", str(path), "-f", "json")
    assert time.monotonic() - started < 10
    assert result.code == 1, result.err[-500:]
    doc = json.loads(result.out)
    assert len(doc["results"]) == 2
    assert "interne fout" not in result.err
    for number in (2, 3, 4, 5, 6):
        assert f"vijandig.jsonl:{number}:" in result.err, number


def _patched_xlsx(tmp_path, name: str, patch) -> Path:
    """A good one-profile workbook with its members rewritten by `patch(name, data)`."""
    import zipfile

    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["name", "age", "loneliness.score"])
    book.active.append(["J", 80, 9])
    good = tmp_path / "goed.xlsx"
    book.save(good)
    out = tmp_path / name
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, patch(info.filename, src.read(info)))
    return out


def test_xlsx_bombs_and_dtds_are_located_input_errors(tmp_path):
    sheet = "xl/worksheets/sheet1.xml"
    bomb = b"<!--" + b"0" * (300 * 1024 * 1024) + b"-->"
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    )
    files = {
        "bom.xlsx": lambda n, d: (
            d.replace(b"</worksheet>", bomb + b"</worksheet>") if n == sheet else d
        ),
        "lachjes.xlsx": lambda n, d: laughs + d[d.index(b"<worksheet") :] if n == sheet else d,
    }
    paths = [str(_patched_xlsx(tmp_path, name, patch)) for name, patch in files.items()]
    result = cli("compare", *paths, PROFILE, "-f", "json", timeout=30)
    assert result.returncode == 1, result.stderr[-500:]
    assert len(json.loads(result.stdout)["results"]) == 1
    err = result.stderr.decode()
    assert "bom.xlsx: uitgepakt te groot" in err
    assert "lachjes.xlsx: bevat een DTD" in err


def test_offer_fields_cannot_inject_into_terminal_or_markdown(tmp_path):
    offer = tmp_path / "aanbod.yaml"
    offer.write_text(
        'offers:\n  - intervention: peer-home-visits\n    provider: "<script>x</script>"\n'
        '    name: "# Kop\\n| x | y |\\n<img src=x onerror=alert(1)>"\n'
        '    place: "\\e[31mROOD\\e]0;titel\\a"\n    age: {min: 0, max: 120}\n'
        "    last_updated: 2025-06-01\n",
        encoding="utf-8",
    )
    table = run_cli("advise", PROFILE, "--offer", str(offer))
    assert table.code == 0, table.err
    assert "ROOD" in table.out and "\x1b" not in table.out and "\x07" not in table.out
    markdown = run_cli("advise", PROFILE, "--offer", str(offer), "-f", "markdown")
    assert markdown.code == 0, markdown.err
    assert "ROOD" in markdown.out and "\x1b" not in markdown.out
    assert "<img" not in markdown.out and "<script>" not in markdown.out
    assert not any(line.startswith(("| x", "<img", "# Kop")) for line in markdown.out.splitlines())


def test_csv_field_over_the_limit_loses_only_its_row(tmp_path):
    path = tmp_path / "lang.csv"
    rows = ["name,age,loneliness.score", "A,80,9", f'"{"x" * 200_000}",80,9', "B,70,8"]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = run_cli("compare", str(path), "-f", "json")
    assert result.code == 1
    assert [r["profile"]["name"] for r in json.loads(result.out)["results"]] == ["A", "B"]
    assert "lang.csv:3:1: een veld is langer dan 128 KiB" in result.err


def test_xlsx_output_shows_control_characters_as_symbols(tmp_path):
    from openpyxl import load_workbook

    profile = tmp_path / "p.yaml"
    profile.write_text(
        "\n".join(
            line if not line.startswith("name:") else 'name: "\\e[31mROOD\\x01"'
            for line in GOOD.splitlines()
        )
        + "\n"
    )
    out = tmp_path / "uit.xlsx"
    result = run_cli("compare", str(profile), "-f", "xlsx", "-o", str(out))
    assert result.code == 0, result.err
    cells = [c for row in load_workbook(out).worksheets[0].iter_rows(values_only=True) for c in row]
    assert "\u241b[31mROOD\u2401" in cells


def test_names_that_look_like_rich_markup_are_printed_as_typed(tmp_path):
    from tests.conftest import ROOT

    data = tmp_path / "kb"
    shutil.copytree(ROOT / "data", data)
    path = data / "interventions.yaml"
    text = path.read_text(encoding="utf-8")
    first = re.search(r"^    name: (.+)$", text, re.M)
    assert first
    path.write_text(text.replace(first.group(0), '    name: "[/]CGT[bold"', 1), encoding="utf-8")
    for args in (["list"], ["codes"], ["compare", PROFILE, "--summary", "--top", "20"]):
        result = run_cli(*args, "--data", str(data))
        assert result.code == 0, (args, result.err)
        assert "[/]CGT[bold" in result.out, args


def test_unusable_columns_and_today_are_ignored(tmp_path):
    def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "wat_werkt", *args],
            capture_output=True,
            text=True,
            timeout=20,
            env={**os.environ, **env},
        )

    for columns in ("abc", HUGE, "99999999", "-5"):
        result = run({"COLUMNS": columns}, "advise", PROFILE)
        assert result.returncode == 0, (columns[:20], result.stderr[-300:])
        assert max(map(len, result.stdout.splitlines())) <= 1000
    result = run({"WAT_WERKT_TODAY": "0001-01-01"}, "advise", PROFILE, "--offer", str(OFFER))
    assert result.returncode == 0, result.stderr[-300:]


def test_csv_and_html_never_carry_raw_control_characters(tmp_path):
    path = tmp_path / "ctrl\x1b[2J.csv"
    path.write_text("name,age,loneliness.score\n\x1b]0;pwned\x07\x1b[31mROOD,80,9\n")
    result = run_cli("compare", str(path), "-f", "csv")
    assert result.code == 0, result.err
    assert "ROOD" in result.out and "\x1b" not in result.out and "\x07" not in result.out
    profile = tmp_path / "p.yaml"
    profile.write_text(
        "\n".join(
            line if not line.startswith("name:") else 'name: "\\e]0;pwn\\a\\e[31mROOD"'
            for line in GOOD.splitlines()
        )
        + "\n"
    )
    page = run_cli("advise", str(profile), "-f", "html")
    assert page.code == 0, page.err
    assert "ROOD" in page.out and "\x1b" not in page.out and "\x07" not in page.out


def test_offer_problems_keep_their_positions_beside_an_impossible_date(tmp_path):
    offer = tmp_path / "aanbod.yaml"
    offer.write_text(
        "offers:\n  - intervention: [a, b]\n    provider: {x: 1}\n"
        "    last_updated: 2020-13-45\n  - 5\n",
        encoding="utf-8",
    )
    result = run_cli("advise", PROFILE, "--offer", str(offer))
    assert result.code == 1
    assert "aanbod.yaml:2:19: onbekende interventie" in result.err
    assert "aanbod.yaml:3:15: 'provider' moet tekst zijn" in result.err
    assert "aanbod.yaml:4:19: ongeldige datum '2020-13-45'" in result.err
    assert "aanbod.yaml:5:5: een activiteit moet een mapping" in result.err
