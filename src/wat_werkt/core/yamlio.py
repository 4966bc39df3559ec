"""YAML reading: fast when the input is good, precise when it is not.

Good input is parsed with the C-accelerated safe loader (about 4x faster than round-trip).
Only when something must be reported do we parse again with the round-trip loader, whose
nodes remember their line and column, so every problem can be shown as file:line:col.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from wat_werkt.core.errors import Problem, UserError

MAX_PROFILE_BYTES = 1024 * 1024
MAX_DEPTH = 40
MAX_NODES = 200_000

_fast = None


def _fast_loader():
    global _fast
    if _fast is None:
        from ruamel.yaml import YAML

        _fast = YAML(typ="safe")
    return _fast


def read_text(path: str | Path, max_bytes: int | None = MAX_PROFILE_BYTES) -> str:
    """The file's text, or a UserError saying in Dutch why it cannot be read."""
    name = str(path)
    try:
        if os.path.isdir(path):
            raise UserError([Problem(name, None, None, "is een map, geen bestand")])
        size = os.path.getsize(path)
        if max_bytes is not None and size > max_bytes:
            raise UserError(
                [
                    Problem(
                        name,
                        None,
                        None,
                        f"bestand is te groot ({size} bytes; maximaal {max_bytes})",
                    )
                ]
            )
        with open(path, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        raise UserError([Problem(name, None, None, "bestand niet gevonden")]) from None
    except PermissionError:
        raise UserError([Problem(name, None, None, "geen leesrechten voor dit bestand")]) from None
    except OSError as e:
        raise UserError(
            [Problem(name, None, None, f"kan bestand niet lezen: {e.strerror}")]
        ) from None
    return decode(data, name)


def decode(data: bytes, name: str) -> str:
    if b"\x00" in data[:8192]:
        raise UserError([Problem(name, None, None, "geen tekstbestand (bevat binaire gegevens)")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        col = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        raise UserError(
            [Problem(name, line, col, "geen geldige UTF-8-tekst; sla het bestand op als UTF-8")]
        ) from None


def load(text: str, name: str) -> Any:
    """Parse one YAML document fast; on any problem, raise a located UserError."""
    from ruamel.yaml.error import YAMLError

    try:
        data = _fast_loader().load(text)
    except YAMLError as e:
        raise UserError([_problem_from_yaml_error(e, name)]) from None
    except RecursionError:
        raise UserError([Problem(name, None, None, "te diep genest")]) from None
    check_structure(data, text, name)
    return data


def load_all(text: str, name: str) -> list[tuple[int, Any]]:
    """Every document of a multi-document stream, with the line each one starts on.

    A document that fails to parse ends the stream: YAML cannot resynchronise after a
    syntax error, so what follows is reported as one problem.
    """
    from ruamel.yaml.error import YAMLError

    docs: list[tuple[int, Any]] = []
    starts = _document_start_lines(text)
    try:
        for i, data in enumerate(_fast_loader().load_all(text)):
            start = starts[i] if i < len(starts) else 1
            docs.append((start, data))
    except YAMLError as e:
        raise UserError([_problem_from_yaml_error(e, name)]) from None
    return docs


def _document_start_lines(text: str) -> list[int]:
    lines = [1]
    for n, line in enumerate(text.splitlines(), 1):
        if line.startswith("---") and n > 1:
            lines.append(n)
        elif line.startswith("---") and n == 1:
            lines[0] = 1
    return lines


def check_structure(data: Any, text: str, name: str) -> None:
    """Refuse shared (aliased) mappings and lists, deep nesting and huge documents.

    Aliases to containers are how a small file expands into billions of nodes when walked
    ("billion laughs"); profiles and data never need them.
    """
    seen: set[int] = set()
    stack: list[tuple[Any, int]] = [(data, 0)]
    nodes = 0
    while stack:
        node, depth = stack.pop()
        if not isinstance(node, (dict, list)):
            continue
        if id(node) in seen:
            line, col = _first_alias(text)
            raise UserError(
                [
                    Problem(
                        name,
                        line,
                        col,
                        "YAML-aliassen (*naam) zijn niet toegestaan; schrijf de waarde uit",
                    )
                ]
            )
        seen.add(id(node))
        nodes += 1
        if depth > MAX_DEPTH:
            raise UserError(
                [Problem(name, None, None, f"te diep genest (meer dan {MAX_DEPTH} niveaus)")]
            )
        if nodes > MAX_NODES:
            raise UserError(
                [Problem(name, None, None, f"te veel elementen (meer dan {MAX_NODES})")]
            )
        children = node.values() if isinstance(node, dict) else node
        stack.extend((c, depth + 1) for c in children)


def _first_alias(text: str) -> tuple[int | None, int | None]:
    from ruamel.yaml import YAML
    from ruamel.yaml.events import AliasEvent

    try:
        for event in YAML(typ="safe", pure=True).parse(text):
            if isinstance(event, AliasEvent):
                return event.start_mark.line + 1, event.start_mark.column + 1
    except Exception:  # noqa: BLE001 - best effort: the location is a courtesy
        pass
    return None, None


def _problem_from_yaml_error(e: Exception, name: str) -> Problem:
    mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
    problem = (getattr(e, "problem", None) or str(e)).strip()
    context = getattr(e, "context_mark", None)
    if type(e).__name__ == "DuplicateKeyError" and context is not None:
        key = problem.split('"')[1] if '"' in problem else "?"
        message = f"sleutel '{key}' staat er twee keer (eerder op regel {context.line + 1})"
    elif type(e).__name__ == "ConstructorError":
        message = f"onbekend of onveilig YAML-type: {problem}"
    else:
        message = f"ongeldige YAML: {problem}"
    if mark is None:
        return Problem(name, None, None, message)
    return Problem(name, mark.line + 1, mark.column + 1, message)


# --- positions, for reporting only -------------------------------------------------


class Locator:
    """Maps a path of keys and indexes to a line and column, using the round-trip parse."""

    def __init__(self, text: str):
        from ruamel.yaml import YAML

        try:
            self.root = YAML(typ="rt", pure=True).load(text)
        except Exception:  # noqa: BLE001 - the fast parse already accepted it; stay robust
            self.root = None

    def locate(self, loc: Sequence[Any], at_key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the value at loc, or of its key when at_key.

        Falls back to the deepest part of the path that exists.
        """
        node = self.root
        best = (1, 1)
        if node is not None and hasattr(node, "lc"):
            best = (node.lc.line + 1, node.lc.col + 1)
        for i, part in enumerate(loc):
            last = i == len(loc) - 1
            if isinstance(node, dict) and part in node:
                kl, kc = node.lc.key(part)
                vl, vc = node.lc.value(part)
                best = (kl + 1, kc + 1) if (last and at_key) else (vl + 1, vc + 1)
                node = node[part]
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                il, ic = node.lc.item(part)
                best = (il + 1, ic + 1)
                node = node[part]
            else:
                break
        return best
