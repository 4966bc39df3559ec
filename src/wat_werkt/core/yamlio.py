"""YAML reading: fast when the input is good, precise when it is not.

Good input is parsed with the C-accelerated safe loader (about 4x faster than round-trip).
Only when something must be reported do we parse again with the round-trip loader, whose
nodes remember their line and column, so every problem can be shown as file:line:col.
"""

from __future__ import annotations

import errno
import math
import os
import re
import stat
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from wat_werkt.core.errors import Problem, UserError

MAX_PROFILE_BYTES = 1024 * 1024
MAX_DATA_BYTES = 16 * 1024 * 1024  # knowledge-base files and population tables
MAX_DEPTH = 40
MAX_NODES = 200_000
MAX_DIGITS = 100  # no field needs more; Python refuses int() past 4,300 digits


def read_text(path: str | Path, max_bytes: int | None = MAX_PROFILE_BYTES) -> str:
    """The file's text, or a UserError saying in Dutch why it cannot be read."""
    return decode(read_bytes(path, max_bytes), str(path))


def read_bytes(path: str | Path, max_bytes: int | None = MAX_PROFILE_BYTES) -> bytes:
    """A regular file's bytes, read with a hard limit (MAX_DATA_BYTES when max_bytes is None).

    Devices, FIFOs and sockets are refused without reading: /dev/zero would never end and a
    FIFO without a writer would block. The file is opened non-blocking for the same reason.
    """
    name = str(path)
    limit = MAX_DATA_BYTES if max_bytes is None else max_bytes

    def fail(message: str) -> UserError:
        return UserError([Problem(name, None, None, message)])

    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        if os.path.islink(path):
            raise fail("verwijst (als link) naar een bestand dat niet bestaat") from None
        raise fail("bestand niet gevonden") from None
    except PermissionError:
        raise fail("geen leesrechten voor dit bestand") from None
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise fail("links verwijzen in een kring naar elkaar; er is geen bestand") from None
        raise fail(f"kan bestand niet lezen: {e.strerror}") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        if stat.S_ISDIR(mode):
            raise fail("is een map, geen bestand")
        raise fail("is geen gewoon bestand (maar een apparaat, pipe of socket)")
    try:
        data = _read_up_to(fd, limit + 1)
    except OSError as e:
        raise fail(f"kan bestand niet lezen: {e.strerror}") from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise fail(f"bestand is te groot (maximaal {limit} bytes)")
    return data


def _read_up_to(fd: int, size: int) -> bytes:
    """At most `size` bytes, to the end of the file. Plain os.read: a batch reads thousands
    of small files, and a buffered file object costs three times the reading."""
    chunks = []
    while size > 0 and (chunk := os.read(fd, size)):
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def decode(data: bytes, name: str, first_line: int = 1) -> str:
    """UTF-8 text (a BOM is dropped); binary data and UTF-16 are refused with a hint."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or _looks_utf16(data):
        raise UserError(
            [Problem(name, None, None, "dit is UTF-16-tekst; sla het bestand op als UTF-8")]
        )
    if b"\x00" in data[:8192]:
        raise UserError([Problem(name, None, None, "geen tekstbestand (bevat binaire gegevens)")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + first_line
        col = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        raise UserError(
            [Problem(name, line, col, "geen geldige UTF-8-tekst; sla het bestand op als UTF-8")]
        ) from None


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a BOM: text with a NUL beside every (ASCII) character."""
    head = data[:200]
    even, odd = head[::2].count(0), head[1::2].count(0)
    return len(head) >= 4 and min(even, odd) == 0 and max(even, odd) > len(head) // 4


class PartialParse(UserError):
    """Problems (duplicate keys) after which the document was still read: `data` holds it
    (first value of each duplicate key), so a caller can check it and report everything."""

    def __init__(self, problems: list[Problem], data: Any):
        super().__init__(problems)
        self.data = data


def load(text: str, name: str) -> Any:
    """Parse one YAML document fast; on any problem, raise a located UserError.

    Duplicate keys raise PartialParse, which carries the document read anyway.
    """
    try:
        docs = load_all(text, name)
    except PartialParse as e:
        if len(e.data) > 1:
            raise UserError([*e.problems, _more_docs(e.data, name)]) from None
        raise PartialParse(e.problems, e.data[0][1] if e.data else None) from None
    if len(docs) > 1:
        raise UserError([_more_docs(docs, name)])
    return docs[0][1] if docs else None


def checked(text: str, name: str, check: Callable[..., Any]) -> Any:
    """`check(load(text))`, reporting duplicate keys and check's problems together."""
    try:
        data = load(text, name)
    except PartialParse as e:
        try:
            check(e.data)
        except UserError as more:
            raise UserError([*e.problems, *more.problems]) from None
        raise UserError(e.problems) from None
    return check(data)


def _more_docs(docs: list[tuple[int, Any]], name: str) -> Problem:
    return Problem(name, docs[1][0], 1, "meer dan één YAML-document in dit bestand")


def load_all(text: str, name: str) -> list[tuple[int, Any]]:
    """Every document of a (multi-document) stream, with the line each one starts on.

    A document that fails to parse ends the stream: YAML cannot resynchronise after a
    syntax error, so what follows is reported as one problem.
    """
    from ruamel.yaml.error import YAMLError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # ruamel's warnings are for developers
            composer = _Composer(_events(text), name)
            docs = composer.documents()
        if composer.problems:
            raise PartialParse(composer.problems, docs)
        return docs
    except YAMLError as e:
        raise UserError([_problem_from_yaml_error(e, name, text)]) from None
    except RecursionError:
        raise UserError([Problem(name, None, None, "te diep genest")]) from None


try:  # the C parser of ruamel.yaml.clib
    from ruamel.yaml.cyaml import CParser as _CParser
except ImportError:  # pragma: no cover - depends on the platform (PyPy, no clib wheel)
    _CParser = None


def _events(text: str) -> Any:
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

    def __init__(self, parser: Any, name: str):
        self.parser = parser
        self.name = name
        self.nodes = 0
        self.problems: list[Problem] = []  # not fatal: the document is read on

    def fail(self, mark: Any, message: str) -> NoReturn:
        raise UserError([Problem(self.name, mark.line + 1, mark.column + 1, message)])

    def documents(self) -> list[tuple[int, Any]]:
        docs: list[tuple[int, Any]] = []
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

    def node(self, event: Any, depth: int) -> Any:
        kind = type(event).__name__
        self.nodes += 1
        if self.nodes > MAX_NODES:
            self.fail(event.start_mark, f"te veel elementen (meer dan {MAX_NODES})")
        if kind == "ScalarEvent":
            if event.ctag is None and not event.style:  # plain, untagged: most scalars
                try:
                    return _resolve_plain(event.value)
                except _TooLong:
                    pass  # reported by scalar()
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
        key_events: dict[Any, Any] = {}  # where each key stands, should it come again
        while type(key_event := get()).__name__ != "MappingEndEvent":
            key = self.node(key_event, depth + 1)
            if type(key) in (dict, list):
                self.fail(key_event.start_mark, "een sleutel moet een enkele waarde zijn")
            if key in mapping:
                mark = key_event.start_mark
                first = key_events[key].start_mark.line + 1
                message = f"sleutel '{key}' staat er twee keer (eerder op regel {first})"
                self.problems.append(Problem(self.name, mark.line + 1, mark.column + 1, message))
                self.node(get(), depth + 1)  # read, and dropped: the first one counts
                continue
            key_events[key] = key_event
            mapping[key] = self.node(get(), depth + 1)
        return mapping

    def check_tag(self, event: Any, kind: str) -> None:
        tag = event.tag
        if tag not in (None, "!", _CORE + kind):
            self.fail(event.start_mark, f"onbekend of onveilig YAML-type: {tag}")

    def scalar(self, event: Any) -> Any:
        try:
            return self._scalar(event)
        except _TooLong:
            self.fail(event.start_mark, f"getal met te veel cijfers (meer dan {MAX_DIGITS})")

    def _scalar(self, event: Any) -> Any:
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


class _TooLong(ValueError):
    """A number too long to be meant (and past Python's int conversion limit)."""


def _int(digits: str, base: int = 10) -> int:
    if len(digits) > MAX_DIGITS:
        raise _TooLong(digits[:20])
    return int(digits, base)


def _resolve_plain(value: str) -> Any:
    if value in _NULL:
        return None
    if value in _BOOL:
        return _BOOL[value]
    if value.isdigit() and value.isascii():  # the usual number: an age, a score
        return _int(value)
    first = value[0]
    if first.isdigit() or first in "+-.":
        if _INT.fullmatch(value):
            return _int(value)
        if value.startswith("0o") and len(value) > 2 and all(c in "01234567" for c in value[2:]):
            return _int(value[2:], 8)
        if (
            value.startswith("0x")
            and len(value) > 2
            and all(c in "0123456789abcdefABCDEF" for c in value[2:])
        ):
            return _int(value[2:], 16)
        if _FLOAT.fullmatch(value):
            if len(value) > MAX_DIGITS:
                raise _TooLong(value[:20])
            return float(value)
        if value in _SPECIAL_FLOAT:
            return _SPECIAL_FLOAT[value]
    return value


# libyaml's messages, in Dutch and with what usually causes them. {at}: where the construct began.
_YAML_MESSAGES = {
    "did not find expected ',' or ']'": "de lijst die op {at} begint, is niet afgesloten met ']'",
    "did not find expected ',' or '}'": "de mapping die op {at} begint, is niet afgesloten met '}}'",
    "found unexpected end of stream": "het aanhalingsteken op {at} wordt niet gesloten",
    "mapping values are not allowed in this context": (
        "onverwachte ':'; staat er ': ' in een tekst (zet die tussen aanhalingstekens) "
        "of klopt de inspringing niet?"
    ),
    "did not find expected key": "de inspringing klopt niet: hier verwacht ik een sleutel",
    "did not find expected '-' indicator": "de inspringing van de lijst klopt niet",
    "could not find expected ':'": "na een sleutel hoort ': '",
    "found unknown escape character": (
        "onbekende escape (\\…) tussen dubbele aanhalingstekens; gebruik enkele aanhalingstekens"
    ),
    "did not find expected <document start>": "onverwachte tekst na het einde van de waarde",
    "found undefined tag handle": "onbekend YAML-type (!…)",
    "found character that cannot start any token": (
        "'{char}' kan geen waarde beginnen; zet de tekst tussen aanhalingstekens"
    ),
}
_TAB_HINT = "tab gevonden: YAML springt in met spaties, niet met tabs"
# The pure-Python parser words the same problems differently: its forms, by their start.
_PURE_FORMS = {
    "expected ',' or ']'": "did not find expected ',' or ']'",
    "expected ',' or '}'": "did not find expected ',' or '}'",
    "mapping values are not allowed": "mapping values are not allowed in this context",
    "expected <block end>": "did not find expected key",
    "found unknown escape character": "found unknown escape character",
    "expected '<document start>'": "did not find expected <document start>",
    "found undefined tag handle": "found undefined tag handle",
    "found character": "found character that cannot start any token",
}


def _problem_from_yaml_error(e: Exception, name: str, text: str = "") -> Problem:
    """A located Dutch problem for a YAML reader error, without the parser's internals."""
    mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
    problem = (getattr(e, "problem", None) or str(e)).strip()
    context = getattr(e, "context_mark", None)
    if type(e).__name__ == "DuplicateKeyError" and context is not None:
        key = problem.split('"')[1] if '"' in problem else "?"
        message = f"sleutel '{key}' staat er twee keer (eerder op regel {context.line + 1})"
    elif type(e).__name__ == "ConstructorError":
        message = f"onbekend of onveilig YAML-type: {problem}"
    else:
        problem = next((v for k, v in _PURE_FORMS.items() if problem.startswith(k)), problem)
        char = _char_at(text, mark)
        if "tab" in problem or char == "\t":
            message = _TAB_HINT
        elif problem in _YAML_MESSAGES:
            at = (
                f"regel {context.line + 1}:{context.column + 1}" if context else "een eerdere regel"
            )
            message = _YAML_MESSAGES[problem].format(at=at, char=char)
        else:
            message = f"ongeldige YAML ({problem})"
    if mark is None:
        return Problem(name, None, None, message)
    return Problem(name, mark.line + 1, mark.column + 1, message)


def _char_at(text: str, mark: Any) -> str:
    if mark is None or not text:
        return ""
    lines = text.split("\n")
    if mark.line >= len(lines) or mark.column >= len(lines[mark.line]):
        return ""
    return lines[mark.line][mark.column]


# --- positions, for reporting only -------------------------------------------------


def _positions_constructor() -> Any:
    """The round-trip constructor, but timestamps stay text: an impossible date (2020-13-45),
    reported by the checker, must not cost every other problem its position."""
    from ruamel.yaml.constructor import RoundTripConstructor

    class Positions(RoundTripConstructor):
        pass

    Positions.add_constructor(
        "tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str
    )
    return Positions


class Locator:
    """Maps a path of keys and indexes to a line and column, using the round-trip parse."""

    def __init__(self, text: str):
        from ruamel.yaml import YAML

        try:
            yaml = YAML(typ="rt", pure=True)
            yaml.Constructor = _positions_constructor()
            yaml.allow_duplicate_keys = True  # reported already; positions are still wanted
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                self.root = yaml.load(text)
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
                kl, kc = node.lc.key(part)  # type: ignore[attr-defined]  # a CommentedMap
                vl, vc = node.lc.value(part)  # type: ignore[attr-defined]
                best = (kl + 1, kc + 1) if (last and at_key) else (vl + 1, vc + 1)
                node = node[part]
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                il, ic = node.lc.item(part)  # type: ignore[attr-defined]  # a CommentedSeq
                best = (il + 1, ic + 1)
                node = node[part]
            else:
                break
        return best
