"""Batch input for `compare` and `validate`: files, folders, spreadsheets and multi-document stdin.

Yields one item per profile, good or bad, so a batch never stops at a broken file.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from wat_werkt.core.errors import Problem, UserError
from wat_werkt.core.knowledge import KnowledgeBase
from wat_werkt.core.profile import Profile, parse_profile
from wat_werkt.core.tabular import is_tabular
from wat_werkt.core.yamlio import MAX_PROFILE_BYTES, decode, load, load_all, read_text

STDIN = "-"


@dataclass
class Item:
    file: str
    profile: Profile | None = None
    problems: list[Problem] | None = None


def expand(inputs: list[str]) -> Iterator[str]:
    """Files as given; folders as their *.yaml and *.yml files, sorted; '-' for stdin."""
    for raw in inputs:
        path = Path(raw)
        if raw != STDIN and path.is_dir():
            found = sorted(
                p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()
            )
            yield from (str(p) for p in found)
        else:
            yield raw


def profiles(inputs: list[str], kb: KnowledgeBase) -> Iterator[Item]:
    for name in expand(inputs):
        if name == STDIN:
            yield from _stdin(kb)
            continue
        if is_tabular(name):
            yield from _rows(name, kb)
            continue
        try:
            text = read_text(name)
            yield Item(name, profile=parse_profile(load(text, name), kb, name, text))
        except UserError as e:
            yield Item(name, problems=e.problems)


def _rows(name: str, kb: KnowledgeBase) -> Iterator[Item]:
    """A spreadsheet or JSON-lines file: each row is a profile named FILE#ROW."""
    from wat_werkt.core.tabular import read

    for row in read(name, kb):
        label = f"{name}#{row.number}" if row.number else name
        if row.problems:
            yield Item(label, problems=row.problems)
            continue
        try:
            yield Item(label, profile=parse_profile(row.data, kb, name, row.locator))
        except UserError as e:
            yield Item(label, problems=e.problems)


def _stdin(kb: KnowledgeBase) -> Iterator[Item]:
    """A multi-document YAML stream; each document is named <stdin>#N."""
    name = "<stdin>"
    try:
        data = sys.stdin.buffer.read(MAX_PROFILE_BYTES * 64 + 1)
        if len(data) > MAX_PROFILE_BYTES * 64:
            raise UserError([Problem(name, None, None, "invoer is te groot (maximaal 64 MiB)")])
        text = decode(data, name)
        docs = load_all(text, name)
    except UserError as e:
        yield Item(name, problems=e.problems)
        return
    lines = text.splitlines(keepends=True)
    for n, (start, doc) in enumerate(docs, 1):
        label = f"{name}#{n}"
        # Locate problems within this document: its own text, offset to stream lines.
        end = docs[n][0] - 1 if n < len(docs) else len(lines)
        own = "".join(lines[start - 1 : end])
        try:
            yield Item(label, profile=parse_profile(doc, kb, label, own))
        except UserError as e:
            yield Item(label, problems=[_shift(p, start - 1, name) for p in e.problems])


def _shift(p: Problem, offset: int, name: str) -> Problem:
    if p.line is None:
        return p
    return Problem(name, p.line + offset, p.col, p.message)
