"""YAML reading: fast when the input is good, precise when it is not.

Good input is parsed with the C-accelerated safe loader (about 4x faster than round-trip).
Only when something must be reported do we parse again with the round-trip loader, whose
nodes remember their line and column, so every problem can be shown as file:line:col.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from wat_werkt.core.errors import Problem, UserError

MAX_PROFILE_BYTES = 1024 * 1024
MAX_DEPTH = 40
MAX_NODES = 200_000


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
    docs = load_all(text, name)
    if len(docs) > 1:
        raise UserError([Problem(name, docs[1][0], 1, "meer dan één YAML-document in dit bestand")])
    return docs[0][1] if docs else None


def load_all(text: str, name: str) -> list[tuple[int, Any]]:
    """Every document of a (multi-document) stream, with the line each one starts on.

    A document that fails to parse ends the stream: YAML cannot resynchronise after a
    syntax error, so what follows is reported as one problem.
    """
    from ruamel.yaml.error import YAMLError

    try:
        return _Composer(_events(text), name).documents()
    except YAMLError as e:
        raise UserError([_problem_from_yaml_error(e, name)]) from None
    except RecursionError:
        raise UserError([Problem(name, None, None, "te diep genest")]) from None


try:  # the C parser of ruamel.yaml.clib
    from ruamel.yaml.cyaml import CParser as _CParser
except ImportError:  # pragma: no cover - depends on the platform (PyPy, no clib wheel)
    _CParser = None


def _events(text: str):
    """The C parser; without it (or with WAT_WERKT_PURE_YAML=1, as CI runs the loader tests
    once), ruamel's pure-Python parser: about 10x slower, but the same events, so the same
    composer gives the same data and the same refusals."""
    if _CParser is not None and not os.environ.get("WAT_WERKT_PURE_YAML"):
        return _CParser(text)
    return _PureEvents(text)


class _PureEvents:
    def __init__(self, text: str):
        from ruamel.yaml import YAML

        self.get_event = iter(YAML(typ="safe", pure=True).parse(text)).__next__


# YAML 1.2 core schema for plain scalars ('yes' stays text, as the contract says).
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_SPECIAL_FLOAT = {".inf": math.inf, ".Inf": math.inf, ".INF": math.inf, "+.inf": math.inf,
                  "-.inf": -math.inf, "-.Inf": -math.inf, "-.INF": -math.inf,
                  ".nan": math.nan, ".NaN": math.nan, ".NAN": math.nan}  # fmt: skip
_CORE = "tag:yaml.org,2002:"


class _Composer:
    """Builds Python data from the C parser's events: about five times faster than ruamel's
    Python constructor. Refuses aliases (no 'billion laughs'), unknown tags, duplicate keys
    and deep nesting, each with its position."""

    def __init__(self, parser, name: str):
        self.parser = parser
        self.name = name
        self.nodes = 0

    def fail(self, mark, message: str):
        raise UserError([Problem(self.name, mark.line + 1, mark.column + 1, message)])

    def documents(self) -> list[tuple[int, Any]]:
        docs = []
        get = self.parser.get_event
        while True:
            event = get()
            kind = type(event).__name__
            if kind == "StreamEndEvent":
                return docs
            if kind == "DocumentStartEvent":
                line = event.start_mark.line + 1
                value = self.node(get(), 0)
                get()  # DocumentEndEvent
                docs.append((line, value))

    def node(self, event, depth: int) -> Any:
        kind = type(event).__name__
        self.nodes += 1
        if self.nodes > MAX_NODES:
            self.fail(event.start_mark, f"te veel elementen (meer dan {MAX_NODES})")
        if kind == "ScalarEvent":
            return self.scalar(event)
        if kind == "AliasEvent":
            self.fail(
                event.start_mark,
                "YAML-aliassen (*naam) zijn niet toegestaan; schrijf de waarde uit",
            )
        if depth >= MAX_DEPTH:
            self.fail(event.start_mark, f"te diep genest (meer dan {MAX_DEPTH} niveaus)")
        self.check_tag(event, "seq" if kind == "SequenceStartEvent" else "map")
        get = self.parser.get_event
        if kind == "SequenceStartEvent":
            items = []
            while type(nxt := get()).__name__ != "SequenceEndEvent":
                items.append(self.node(nxt, depth + 1))
            return items
        mapping: dict[Any, Any] = {}
        lines: dict[Any, int] = {}
        while type(key_event := get()).__name__ != "MappingEndEvent":
            key = self.node(key_event, depth + 1)
            if isinstance(key, (dict, list)):
                self.fail(key_event.start_mark, "een sleutel moet een enkele waarde zijn")
            if key in mapping:
                self.fail(
                    key_event.start_mark,
                    f"sleutel '{key}' staat er twee keer (eerder op regel {lines[key]})",
                )
            lines[key] = key_event.start_mark.line + 1
            mapping[key] = self.node(get(), depth + 1)
        return mapping

    def check_tag(self, event, kind: str) -> None:
        tag = event.tag
        if tag not in (None, "!", _CORE + kind):
            self.fail(event.start_mark, f"onbekend of onveilig YAML-type: {tag}")

    def scalar(self, event) -> Any:
        value, tag = event.value, event.tag
        if tag in (None, "!"):
            if event.style:  # quoted or block scalar: always text
                return value
            return _resolve_plain(value)
        if tag == _CORE + "str":
            return value
        if tag in (_CORE + "int", _CORE + "float", _CORE + "bool", _CORE + "null"):
            resolved = _resolve_plain(value)
            if tag == _CORE + "null" and resolved is None:
                return None
            if tag == _CORE + "bool" and isinstance(resolved, bool):
                return resolved
            if (
                tag == _CORE + "int"
                and isinstance(resolved, int)
                and not isinstance(resolved, bool)
            ):
                return resolved
            if (
                tag == _CORE + "float"
                and isinstance(resolved, (int, float))
                and not isinstance(resolved, bool)
            ):
                return float(resolved)
            self.fail(event.start_mark, f"waarde {value!r} past niet bij type {tag}")
        self.fail(event.start_mark, f"onbekend of onveilig YAML-type: {tag}")


def _resolve_plain(value: str) -> Any:
    if value in _NULL:
        return None
    if value in _BOOL:
        return _BOOL[value]
    first = value[0]
    if first.isdigit() or first in "+-.":
        if _INT.fullmatch(value):
            return int(value)
        if value.startswith("0o") and len(value) > 2 and all(c in "01234567" for c in value[2:]):
            return int(value[2:], 8)
        if (
            value.startswith("0x")
            and len(value) > 2
            and all(c in "0123456789abcdefABCDEF" for c in value[2:])
        ):
            return int(value[2:], 16)
        if _FLOAT.fullmatch(value):
            return float(value)
        if value in _SPECIAL_FLOAT:
            return _SPECIAL_FLOAT[value]
    return value


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
