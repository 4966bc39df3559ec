"""Batch input for `compare` and `validate`: files, folders, spreadsheets and multi-document stdin.

Yields one item per profile, good or bad, so a batch never stops at a broken file.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from wat_werkt.core.errors import Problem, UserError
from wat_werkt.core.knowledge import KnowledgeBase
from wat_werkt.core.profile import Profile, parse_profile
from wat_werkt.core.tabular import is_tabular
from wat_werkt.core.yamlio import MAX_PROFILE_BYTES, PartialParse, checked, decode, load, read_text

STDIN = "-"


@dataclass
class Item:
    file: str
    profile: Profile | None = None
    problems: list[Problem] | None = None
    warnings: list[Problem] | None = None  # about a file; no profile, and not a failure


def expand(inputs: list[str]) -> Iterator[str]:
    """Files as given; folders as their *.yaml and *.yml files, sorted; '-' for stdin.

    A folder that cannot be listed, or holds no profiles, is yielded as itself, so that
    reading it reports the problem; see `folder_entries` for what a folder holds.
    """
    for raw in inputs:
        if raw != STDIN and os.path.isdir(raw):
            found, _ = folder_entries(raw)
            yield from found or [raw]
        else:
            yield raw


def natural(name: str) -> tuple:
    """Sort key that puts p2 before p10, as a file manager does."""
    # split() alternates text and digits, so equal positions always compare alike
    parts = _DIGITS.split(name)
    return tuple(int(p) if i % 2 else p.casefold() for i, p in enumerate(parts))


_DIGITS = re.compile(r"(\d+)")


def folder_entries(folder: str) -> tuple[list[str], list[str]]:
    """The profile files in a folder (suffix .yaml/.yml in any case), sorted, and the names
    of everything else that was skipped. Links are followed; dangling ones and loops are
    kept as profiles so that reading them reports why they cannot be read."""
    try:
        # scandir knows most entries' kind without a stat call each (thousands in a batch)
        with os.scandir(folder) as it:
            kinds = {e.name: _is_dir(e) for e in it}
    except OSError:
        return [], []
    found, skipped = [], []
    for name in sorted(kinds, key=natural):
        if kinds[name]:
            skipped.append(name + "/")
        elif _has_profile_suffix(name):
            found.append(os.path.join(folder, name))
        else:
            skipped.append(name)
    return found, skipped


def _is_dir(entry: os.DirEntry) -> bool:
    """As os.path.isdir: links followed, False for a dangling link or a loop."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _has_profile_suffix(name: str) -> bool:
    """Path(name).suffix is .yaml or .yml, in any case ('.yaml' alone is a name, no suffix)."""
    low = name.lower()
    return (low.endswith(".yaml") and len(low) > 5) or (low.endswith(".yml") and len(low) > 4)


def _folder_problem(folder: str) -> Problem:
    try:
        os.listdir(folder)
    except PermissionError:
        return Problem(folder, None, None, "geen leesrechten voor deze map")
    except OSError as e:
        return Problem(folder, None, None, f"kan map niet lezen: {e.strerror}")
    return Problem(folder, None, None, "map bevat geen profielen (*.yaml of *.yml)")


def skipped_notes(inputs: list[str]) -> list[tuple[str, list[str]]]:
    """Per folder among `inputs`, what it held besides profiles (empty when nothing)."""
    notes = []
    for raw in inputs:
        if raw != STDIN and os.path.isdir(raw):
            _, skipped = folder_entries(raw)
            if skipped:
                notes.append((raw, skipped))
    return notes


def profiles(inputs: list[str], kb: KnowledgeBase) -> Iterator[Item]:
    for name in expand(inputs):
        if name == STDIN:
            yield from _stdin(kb)
            continue
        if os.path.isdir(name):  # a folder with no profiles, or one that cannot be listed
            yield Item(name, problems=[_folder_problem(name)])
            continue
        if is_tabular(name):
            yield from _rows(name, kb)
            continue
        try:
            text = read_text(name)
            profile = checked(text, name, lambda d, n=name, t=text: parse_profile(d, kb, n, t))
            yield Item(name, profile=profile)
        except UserError as e:
            yield Item(name, problems=e.problems)


def _rows(name: str, kb: KnowledgeBase) -> Iterator[Item]:
    """A spreadsheet or JSON-lines file: each row is a profile named FILE#ROW."""
    from wat_werkt.core.tabular import read

    for row in read(name, kb):
        label = f"{name}#{row.number}" if row.number else name
        if row.warnings:
            yield Item(label, warnings=row.warnings)
            continue
        if row.problems:
            yield Item(label, problems=row.problems)
            continue
        if row.profile is not None:  # checked by the reader (CSV: repeated rows are reused)
            yield Item(label, profile=row.profile)
            continue
        try:
            yield Item(label, profile=parse_profile(row.data, kb, name, row.locator))
        except UserError as e:
            yield Item(label, problems=e.problems)


def _stdin(kb: KnowledgeBase) -> Iterator[Item]:
    """A multi-document YAML stream; each document is named <stdin>#N.

    Documents are split at their '---' and '...' lines (YAML's own markers, which end any
    scalar) and parsed one at a time: a syntax error loses only its document, limits apply
    per document, and memory stays flat however long the stream is.
    """
    name = "<stdin>"
    n = 0
    for start, data in _documents(sys.stdin.buffer, MAX_PROFILE_BYTES):
        label = f"{name}#{n + 1}"
        counted = False
        try:
            if data is None:
                message = f"document is te groot (maximaal {MAX_PROFILE_BYTES} bytes)"
                raise UserError([Problem(name, 1, 1, message)])
            text = decode(data, name)
            try:
                doc = load(text, name)
            except PartialParse as e:
                doc = e.data
            if doc is None:  # an empty document, e.g. before the first '---'
                continue
            n, counted = n + 1, True
            profile = checked(text, name, lambda d, n=label, t=text: parse_profile(d, kb, n, t))
            yield Item(label, profile=profile)
        except UserError as e:
            n += not counted
            yield Item(label, problems=[_shift(p, start - 1, name) for p in e.problems])
            if data is not None and b"\x00" in data:
                return  # binary input (/dev/zero, an image): no documents to find in it


_MARKER = re.compile(rb"(---|\.\.\.)(?:[ \t\r\n]|$)")


def _documents(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """Each document's first line and bytes (None when longer than `limit`), one at a time.

    Stops after a chunk holding a NUL byte: that is binary data, not a YAML stream.
    """
    chunk: list[bytes] = []
    size, start, line, too_big, at_line_start = 0, 1, 1, False, True
    while raw := stream.readline(limit + 1):
        if line == 1 and at_line_start:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        if b"\x00" in raw:
            yield line, raw
            return
        match = _MARKER.match(raw) if at_line_start else None
        marker = match.group(1) if match else None
        if marker == b"---" and (chunk or too_big):
            yield start, None if too_big else b"".join(chunk)
            chunk, size, too_big = [], 0, False
        if marker == b"---" or (not chunk and not too_big and start < line):
            start = line
        if not too_big:
            chunk.append(raw)
            size += len(raw)
            if size > limit:
                chunk, too_big = [], True
        at_line_start = raw.endswith(b"\n")
        line += at_line_start
        if marker == b"...":
            yield start, None if too_big else b"".join(chunk)
            chunk, size, too_big, start = [], 0, False, line
    if chunk or too_big:
        yield start, None if too_big else b"".join(chunk)


def _shift(p: Problem, offset: int, name: str) -> Problem:
    """A problem in one document, placed in the stream (also 'regel N' in its message)."""
    if p.line is None:
        return p
    message = _LINE_IN_MESSAGE.sub(lambda m: f"regel {int(m.group(1)) + offset}", p.message)
    return Problem(name, p.line + offset, p.col, message)


_LINE_IN_MESSAGE = re.compile(r"regel (\d+)")
