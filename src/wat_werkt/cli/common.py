"""Helpers shared by the commands: output (atomic when to a file) and the knowledge base."""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

import typer

DATA_HELP = "Map met de kennisbank (standaard: de meegeleverde data)."
OUTPUT_HELP = "Schrijf naar dit bestand (veilig: eerst tijdelijk, dan hernoemd)."

# Eager: options whose values are codes read the vocabularies of this knowledge base.
DataOption = typer.Option(None, "--data", help=DATA_HELP, metavar="MAP", is_eager=True)
OutputOption = typer.Option(None, "--output", "-o", help=OUTPUT_HELP, metavar="BESTAND")
OfferOption = typer.Option(
    None,
    "--offer",
    help="Lokaal aanbod (YAML, CSV of XLSX): wie biedt welke interventie aan, voor welke leeftijden.",
    metavar="BESTAND",
)


# Every file or folder this run reads besides its profiles (offer, --data): -o never
# writes over one of them (check_output adds them to the inputs it is given).
READ_INPUTS: list[Path] = []


def offer(path: Path | None, knowledge):
    """The checked offer file, or None. The offer is configuration: a mistake in it stops the
    run before any profile, every problem located, with a line saying nothing was computed."""
    if path is None:
        return None
    READ_INPUTS.append(path)
    from wat_werkt.core.errors import UserError
    from wat_werkt.core.offer import load_offer

    try:
        return load_offer(str(path), knowledge)
    except UserError as e:
        from wat_werkt.cli.app import _report
        from wat_werkt.cli.messages import say
        from wat_werkt.core.text_safety import terminal

        _report(e)
        say(
            "wat-werkt: niets berekend, want het aanbodbestand bevat fouten; controleer het "
            f"met: wat-werkt validate --offer {terminal(str(path), one_line=True)}"
        )
        raise typer.Exit(1) from None


@contextmanager
def usage_errors() -> Iterator[None]:
    """Report a core UsageError as click reports its own (same wording, exit 2)."""
    from wat_werkt.core.errors import UsageError

    try:
        yield
    except UsageError as e:
        first = e.problems[0]
        message = "; ".join(p.message for p in e.problems if p.path == first.path)
        raise bad_option(first.path, message) from None


def bad_option(option: str, message: str) -> typer.BadParameter:
    """A usage error for `option` (exit 2), worded like click's own."""
    from wat_werkt.core.text_safety import terminal

    return typer.BadParameter(terminal(message, one_line=True), param_hint=f"'{option}'")


def kb(data: Path | None):
    from wat_werkt.core.kb_load import load_kb

    if data is not None:
        READ_INPUTS.append(data)
    return load_kb(data)


_WHY = {
    errno.ENOENT: "de map bestaat niet",
    errno.ENOTDIR: "de map bestaat niet",
    errno.EACCES: "geen schrijfrechten",
    errno.EPERM: "geen schrijfrechten",
    errno.EISDIR: "is een map, geen bestand",
    errno.ENOSPC: "de schijf is vol",
    errno.EROFS: "alleen-lezen bestandssysteem",
    errno.EDQUOT: "schijfquotum bereikt",
}


def write_error(path: object, error: OSError):
    """A UserError (exit 1) saying in Dutch why `path` could not be written."""
    from wat_werkt.core.errors import Problem, UserError

    why = _WHY.get(error.errno or 0, error.strerror or str(error))
    return UserError([Problem(str(path), None, None, f"kan niet schrijven: {why}")])


def check_output(path: Path, inputs: Iterable[str | Path] = ()) -> None:
    """Fail early (UserError, exit 1) when `path` cannot be written or is one of `inputs`.

    Called before any work (and by `init` before its questions), so nothing is asked or
    computed for an output that would fail at the end.
    """
    from wat_werkt.core.errors import Problem, UserError

    target = Path(os.path.realpath(path))
    if target.is_dir():
        raise write_error(path, IsADirectoryError(errno.EISDIR, ""))
    for given in [*inputs, *READ_INPUTS]:
        if str(given) == "-" or not os.path.exists(given):
            continue
        same = os.path.samefile(given, target) if target.exists() else False
        inside = os.path.isdir(given) and target.parent == Path(os.path.realpath(given))
        if same or (inside and target.suffix.lower() in (".yaml", ".yml")):
            message = "is ook een invoerbestand; kies een ander uitvoerbestand"
            raise UserError([Problem(str(path), None, None, message)])
    if target.exists():
        if not os.access(target, os.W_OK):
            raise write_error(path, PermissionError(errno.EACCES, ""))
        return
    parent = target.parent
    if not parent.is_dir():
        raise write_error(path, FileNotFoundError(errno.ENOENT, ""))
    if not os.access(parent, os.W_OK | os.X_OK):
        raise write_error(path, PermissionError(errno.EACCES, ""))


@contextmanager
def opened_output(
    path: Path | None, inputs: Iterable[str | Path] = (), binary: bool = False
) -> Iterator[IO]:
    """stdout, or `path` written safely; a text stream, or a binary one when `binary`.

    A regular file is written to a temporary file beside it and renamed into place only on
    success (also through a symlink, which stays a symlink), keeping the existing file's mode;
    a new file gets the umask's mode. A device or FIFO (/dev/null, /dev/full) is written in
    place. Ctrl-C, SIGTERM and SIGHUP remove the temporary file. `inputs` are never written
    over. Every failure is a UserError (exit 1) in Dutch.
    """
    if path is None:
        yield sys.stdout.buffer if binary else sys.stdout
        (sys.stdout.buffer if binary else sys.stdout).flush()
        return
    check_output(path, inputs)
    target = Path(os.path.realpath(path))
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    mode = "wb" if binary else "w"
    text: dict[str, Any] = {} if binary else {"encoding": "utf-8", "newline": ""}
    try:
        if st is not None and not stat.S_ISREG(st.st_mode):  # a device or FIFO: in place
            with open(target, mode, **text) as f:
                yield f
            return
        keep = stat.S_IMODE(st.st_mode) if st is not None else 0o666 & ~_umask()
        import tempfile  # only when writing a file: it imports random, hashes and more

        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as e:
        raise write_error(path, e) from None
    try:
        with _removed_on_signals(), os.fdopen(fd, mode, **text) as f:
            yield f
            f.flush()
            os.fchmod(f.fileno(), keep)
            os.fsync(f.fileno())
            os.replace(tmp, target)
    except OSError as e:
        _unlink(tmp)
        raise write_error(path, e) from None
    except BaseException:
        _unlink(tmp)
        raise


def _broken_pipe(console) -> None:
    raise BrokenPipeError


def _umask() -> int:
    mask = os.umask(0o22)
    os.umask(mask)
    return mask


def _unlink(path: str) -> None:
    with suppress(FileNotFoundError):
        os.unlink(path)


@contextmanager
def _removed_on_signals() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into SystemExit while writing, so cleanup runs as on Ctrl-C."""
    import signal

    def stop(signum, frame):
        raise SystemExit(128 + signum)

    old = {}
    try:
        for sig in (signal.SIGTERM, signal.SIGHUP):
            old[sig] = signal.signal(sig, stop)
    except ValueError:  # not the main thread: leave the handlers alone
        pass
    try:
        yield
    finally:
        for sig, handler in old.items():
            signal.signal(sig, handler)


def console_for(stream: IO[str]):
    """A rich console: colour only on a terminal and never with NO_COLOR (rich checks both)."""
    from rich.console import Console

    # rich ends the program with exit 1 on a closed pipe; let main() end it quietly (exit 0).
    Console.on_broken_pipe = _broken_pipe  # type: ignore[method-assign,assignment]

    to_file = stream is not sys.stdout
    terminal = not to_file and stream.isatty()
    width = None if terminal else piped_width()
    console = Console(
        file=stream,
        width=width,
        no_color=to_file or None,
        force_terminal=False if to_file else None,
        highlight=False,
        emoji=False,  # ":name:" in a text stays as typed (and rich's emoji table stays unloaded)
    )
    if not console.legacy_windows:  # (whose width rich gives one less than it stores)
        # Measured once: rich otherwise asks the environment and the terminal again for
        # every line printed, which takes a third of the time a table takes.
        console.size = console.size
    return console


def piped_width() -> int:
    """The width for output that does not go to a terminal (`| less`, `> file`, -o).

    COLUMNS wins; else the width of the terminal the user sits at (stderr or stdin is
    still one when only stdout is piped); 100, which reads well in an editor or mail,
    only when there is no terminal at all.
    """
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    for fd in (2, 0):
        try:
            if os.isatty(fd):
                return os.get_terminal_size(fd).columns
        except OSError:
            continue
    return 100
