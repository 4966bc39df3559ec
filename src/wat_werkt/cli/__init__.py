"""Entry point. `--version` is answered before typer is imported: scripts call it often."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if args in (["--version"], ["-V"]):
        from wat_werkt import __version__

        try:
            print(f"wat-werkt {__version__}", flush=True)
        except BrokenPipeError:
            from wat_werkt.cli.app import quiet_broken_pipe

            quiet_broken_pipe()
        except OSError as e:  # a full disk: said in Dutch, exit 1, as for every command
            from wat_werkt.cli.app import output_failed

            output_failed(e)
        sys.exit(0)
    from wat_werkt.cli.app import main as run

    if argv is not None:  # called from Python (tests): leave the interpreter as it is
        run(argv)
        return
    try:
        run(None)
        code = 0
    except SystemExit as e:
        if not isinstance(e.code, int | None):
            raise
        code = e.code or 0
    exit_now(code)


def exit_now(code: int) -> None:
    """End the process at once, skipping the interpreter's teardown of every module and object
    (about as long as the advice itself takes). Every output is written and closed by then;
    exit handlers still run, and a failing final flush takes the normal way out."""
    import atexit
    import os

    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:  # noqa: BLE001 - reported by the normal exit, as before
        sys.exit(code)
    atexit._run_exitfuncs()
    os._exit(code)
