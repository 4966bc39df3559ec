"""Run the CLI on a real pseudo-terminal, as a user at a terminal would meet it."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import sys
import termios
from pathlib import Path

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\r")


def run_on_terminal(
    args: list[str],
    cols: int = 80,
    rows: int = 50,
    stdout_to: Path | None = None,
    keys: str = "",
    raw: bool = False,
) -> tuple[int, str]:
    """Run `wat-werkt ARGS` with stdin/stderr (and stdout unless `stdout_to`) on a pty.

    Returns the exit code and what the terminal showed, without escape sequences (with them,
    and with the terminal's "\r\n" as "\n", when `raw`).
    `stdout_to` redirects stdout to a file, like `wat-werkt ... > file` typed in a shell.
    `keys` is typed at the terminal (lines end in "\n"; the terminal echoes them).
    """
    argv = [sys.executable, "-m", "wat_werkt", *args]
    pid, fd = pty.fork()
    if pid == 0:  # the child: the shell's side of `cmd > file`
        if stdout_to is not None:
            out = os.open(stdout_to, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(out, 1)
        env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS", "LINES")}
        env["TERM"] = "xterm-256color"
        os.execvpe(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    if keys:
        os.write(fd, keys.encode())
    chunks = []
    while select.select([fd], [], [], 60)[0]:
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    _, status = os.waitpid(pid, 0)
    shown = b"".join(chunks).decode("utf-8", "replace")
    shown = shown.replace("\r\n", "\n") if raw else ANSI.sub("", shown)
    return os.waitstatus_to_exitcode(status), shown
