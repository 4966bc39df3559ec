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

    run(argv)
