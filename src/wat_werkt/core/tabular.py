"""Profiles from spreadsheets and JSON lines: one profile per row (CONTRACT §7).

CSV and XLSX columns are the profile's keys as dotted paths (`age.min`, `loneliness.types`,
`loneliness.answers.1` ...); a row becomes the same nested mapping a YAML profile gives, so it
goes through the same checker and gets the same advice. Rows are read one at a time: a file of a
million rows never sits in memory. Problems point at FILE:ROW:COLUMN (the header is row 1).
A CSV row that repeats an earlier one's cells reuses its check (core/repeats.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from wat_werkt.core.errors import Problem
from wat_werkt.core.suggest import did_you_mean
from wat_werkt.core.yamlio import MAX_DEPTH, MAX_DIGITS, MAX_PROFILE_BYTES

if TYPE_CHECKING:
    from wat_werkt.core.repeats import Repeats

SUFFIXES = (".csv", ".xlsx", ".jsonl")
ANSWERS = "loneliness.answers"
# How a cell becomes a value, by the field's type in the profile description (data/profile.yaml):
# codes are listed with spaces between them (or commas, for Dutch words that contain a space).
KINDS = {"codes": "list", "integer": "int", "age": "int"}
_AGE_RANGE = re.compile(r"^\s*(\d+)\s*-\s*(\d+)\s*$")
_MAX_ALIAS_WORDS = 8  # longer cells are matched a window of words at a time
_INT = re.compile(r"^\s*-?\d+\s*$")
MAX_ROW_NODES = 2000  # a full profile has well under a hundred; no row needs more
_PROFILE_COLUMNS: dict[int, tuple[Any, dict[str, str]]] = {}


def columns(kb: Any) -> dict[str, str]:
    """Every profile column (dotted path) and its kind, from the profile description.

    The scale's answers are numbered columns (`loneliness.answers.1` ...), not listed here.
    """
    known = _PROFILE_COLUMNS.get(id(kb))
    if known is None or known[0] is not kb:
        from wat_werkt.core.profile_spec import walk

        out = {}
        for loc, spec in walk(kb.profile.fields):
            name = ".".join(loc)
            if spec.type == "section" or spec.type == "answers":
                continue
            out[name] = KINDS.get(spec.type, "text")
            if spec.type == "age":
                out[f"{name}.min"] = out[f"{name}.max"] = "int"
        known = _PROFILE_COLUMNS[id(kb)] = (kb, out)
    return known[1]


def _list_vocabs(kb: Any) -> dict[str, Any]:
    """Per list column, the vocabulary its cells are read against (whole aliases first)."""
    from wat_werkt.core.profile_spec import walk

    vocabs = kb.profile.vocabularies
    return {
        ".".join(loc): vocabs[spec.vocabulary]
        for loc, spec in walk(kb.profile.fields)
        if spec.type == "codes" and spec.vocabulary in vocabs
    }


def is_tabular(name: str) -> bool:
    return name.lower().endswith(SUFFIXES)


def header(kb: Any, items: int = 11) -> list[str]:
    """The template's header row: every column, with the scale's answers numbered 1..items."""
    cols = [c for c in columns(kb) if c != "age"]
    at = cols.index("loneliness.chronic")
    return [*cols[:at], *(f"{ANSWERS}.{i}" for i in range(1, items + 1)), *cols[at:]]


@dataclass
class Row:
    """One row: its number and the profile mapping, or the problems that stopped it."""

    number: int
    data: dict[str, Any] | None = None
    locator: Any = None  # maps a key path to (row, column) for the profile checker
    problems: list[Problem] | None = None
    profile: Any = None  # the checked profile, when the reader checked it already
    warnings: list[Problem] | None = None  # about the file, not a failure (row 0 only)


def read(path: str, kb: Any) -> Iterator[Row]:
    """The rows of a .csv, .xlsx or .jsonl file; file-level problems come as row 0."""
    lower = path.lower()
    try:
        if lower.endswith(".jsonl"):
            yield from _jsonl(path)
        elif lower.endswith(".xlsx"):
            sheet, names = _xlsx_cells(path), _Names(kb)
            yield from _table(path, sheet, columns(kb), vocabs=_list_vocabs(kb), names=names)
        else:
            cells, vocabs, names = _csv_cells(path), _list_vocabs(kb), _Names(kb)
            from wat_werkt.core.repeats import Repeats

            same = Repeats(path, kb)
            yield from _table(path, cells, columns(kb), vocabs=vocabs, same=same, names=names)
    except _FileProblem as e:
        yield Row(0, problems=[e.problem])


class _FileProblem(Exception):
    def __init__(self, path: str, message: str, row: int | None = None):
        self.problem = Problem(path, row, 1 if row else None, message)


# --- reading cells ------------------------------------------------------------------------


def _opened(path: str, mode: str = "r") -> IO[Any]:
    import os
    import stat

    try:
        # A device or FIFO named .csv (/dev/zero, a pipe) would never end or never start.
        if not stat.S_ISREG(os.stat(path).st_mode) and not os.path.isdir(path):
            raise _FileProblem(path, "is geen gewoon bestand (maar een apparaat, pipe of socket)")
        if mode == "rb":
            return open(path, "rb")  # noqa: SIM115 - closed by the caller's with
        return open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115
    except FileNotFoundError:
        raise _FileProblem(path, "bestand niet gevonden") from None
    except IsADirectoryError:
        raise _FileProblem(path, "is een map, geen bestand") from None
    except PermissionError:
        raise _FileProblem(path, "geen leesrechten voor dit bestand") from None
    except OSError as e:
        raise _FileProblem(path, f"kan bestand niet lezen: {e.strerror}") from None


def _csv_cells(path: str) -> Iterator[list[Any]]:
    import csv

    with _opened(path) as f:
        try:
            first = f.readline()
            # The header names no values, so its separators are the file's: Dutch Excel
            # writes semicolons, most other tools commas.
            delimiter = max((";", ",", "\t"), key=first.count)
            f.seek(0)
            if f.read(1) != "\ufeff":
                f.seek(0)
            reader = csv.reader(f, delimiter=delimiter)
            while True:
                try:
                    yield next(reader)
                except StopIteration:
                    return
                except csv.Error as e:  # e.g. a field over the limit: only this row is lost
                    too_long = "field limit" in str(e)
                    limit = f"een veld is langer dan {csv.field_size_limit() // 1024} KiB"
                    yield _BadCells(limit if too_long else f"geen geldige CSV: {e}")
        except UnicodeDecodeError:
            raise _FileProblem(
                path, "geen geldige UTF-8-tekst; sla het bestand op als CSV UTF-8"
            ) from None
        except csv.Error as e:
            raise _FileProblem(path, f"geen geldige CSV: {e}") from None


class _BadCells(list):
    """A row the CSV reader could not read, standing in its place with the reason."""

    def __init__(self, message: str):
        super().__init__()
        self.message = message


def _xlsx_cells(path: str) -> Iterator[tuple[Any, ...]]:
    import zipfile

    try:
        from openpyxl import load_workbook  # only when a workbook is read: slow to import
    except ImportError:
        raise _FileProblem(path, "voor .xlsx is openpyxl nodig: pip install openpyxl") from None

    from xml.etree.ElementTree import ParseError

    with _opened(path, "rb") as f:
        try:
            _check_workbook(path, f)
            book = load_workbook(f, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError, ParseError, EOFError):
            raise _FileProblem(path, "geen geldig Excel-bestand (.xlsx)") from None
        try:
            yield from book.worksheets[0].iter_rows(values_only=True)
        except (zipfile.BadZipFile, ValueError, OSError, ParseError, EOFError):
            raise _FileProblem(path, "geen geldig Excel-bestand (.xlsx)") from None
        finally:
            book.close()


MAX_XLSX_MEMBER = 256 * 1024 * 1024  # a million-row sheet fits; a zip bomb does not
MAX_XLSX_RATIO = 200  # spreadsheet XML packs ~10-30 times; bombs of zeros ~1000 times


def _check_workbook(path: str, f: IO[bytes]) -> None:
    """Refuse a zip bomb or XML with a DTD (entity bombs, XXE) before openpyxl parses it.

    zipfile stops at each member's declared size, so checking the declared sizes is enough.
    Excel never writes a DTD, and without defusedxml openpyxl would expand its entities.
    """
    import zipfile

    with zipfile.ZipFile(f) as z:
        for info in z.infolist():
            size, packed = info.file_size, max(info.compress_size, 1)
            if size > MAX_XLSX_MEMBER or (size > 1024 * 1024 and size / packed > MAX_XLSX_RATIO):
                raise _FileProblem(path, "uitgepakt te groot (zip-bom?); geen geldig Excel-bestand")
            if info.filename.endswith((".xml", ".rels")):
                with z.open(info) as member:
                    head = member.read(4096)
                if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                    raise _FileProblem(
                        path, "bevat een DTD (<!DOCTYPE>); geen geldig Excel-bestand"
                    )
    f.seek(0)


# --- rows to profiles ---------------------------------------------------------------------


class _Column:
    """How one header cell turns a cell into a value."""

    __slots__ = ("index", "name", "parts", "kind")

    def __init__(self, index: int, name: str, kind: str):
        self.index = index
        self.name = name
        self.parts = tuple(name.split("."))
        self.kind = kind


class _Names:
    """The profile's columns as a survey export names them: the dotted paths, or their Dutch
    names from data/profile.yaml (`dutch`), each part in either language ('leeftijd',
    'eenzaamheid.soorten', 'gereedheid.weten', 'eenzaamheid.antwoorden.3'); and which fields
    every row needs a column for."""

    RESEMBLES = 0.75  # closer than this to a column name: a typo, not a column of its own

    def __init__(self, kb: Any):
        from itertools import product

        from wat_werkt.core.profile_spec import walk

        self.aliases: dict[str, str] = {}
        self.required: list[tuple[str, str]] = []  # (column, its Dutch name), as read() needs
        self.firsts: set[str] = set()  # the first parts of every column name
        options: dict[tuple, tuple[str, ...]] = {}
        for loc, spec in walk(kb.profile.fields):
            options[loc] = (loc[-1], *(d.lower() for d in spec.dutch))
            if len(loc) == 1:
                self.firsts.update(options[loc])
            if spec.type == "section":
                continue
            path = ".".join(loc)
            ends = ("", ".min", ".max") if spec.type == "age" else ("",)
            for parts in product(*(options[loc[: i + 1]] for i in range(len(loc)))):
                for end in ends:
                    if ".".join(parts) != path:
                        self.aliases.setdefault(".".join(parts) + end, path + end)
            if spec.required and path != "name":  # a row without a name is called "rij N"
                self.required.append((path, spec.dutch[0] if spec.dutch else path))

    def canonical(self, name: str) -> str:
        """The dotted path a header names ('eenzaamheid.antwoorden.3' ->
        'loneliness.answers.3'), or the header itself."""
        if name in self.aliases:
            return self.aliases[name]
        head, dot, last = name.rpartition(".")
        return self.aliases[head] + dot + last if head in self.aliases else name

    def typo(self, name: str, kinds: dict[str, str]) -> str | None:
        """The hint for a header that looks like a misspelt column; None for a column of its
        own (a respondent number, a district, a weight), which is ignored."""
        import difflib

        known = sorted({*kinds, *self.aliases})
        close = difflib.get_close_matches(name, known, n=1, cutoff=self.RESEMBLES)
        if close:
            return f"bedoelde u '{close[0]}'?"
        if "." in name and name.split(".")[0] in self.firsts:
            return did_you_mean(name, kinds)  # a part of the profile, misnamed
        return None


def _check_header(
    path: str,
    cells: Iterable[Any],
    kinds: dict[str, str],
    answers_ok: bool = True,
    names: _Names | None = None,
) -> tuple[list[_Column], list[Problem], list[tuple[int, str]]]:
    """The header's columns, its problems, and the columns ignored (index, header text)."""
    columns, problems, ignored = [], [], []
    seen: dict[str, str] = {}  # column -> the header that named it
    answers = []
    for i, raw in enumerate(cells):
        written = _text(raw).strip()  # as messages quote it
        given = written.lower()
        if not given:
            continue
        name = names.canonical(given) if names else given
        if name in seen:
            said = f"kolom '{written}' staat er twee keer in"
            if seen[name].lower() != given:
                said = f"kolom '{written}' is dezelfde als kolom '{seen[name]}'"
            problems.append(Problem(path, 1, i + 1, said))
            continue
        seen[name] = written
        if answers_ok and name.startswith(ANSWERS + "."):
            number = name[len(ANSWERS) + 1 :]
            if not number.isdigit() or len(number) > 2 or not 1 <= int(number) <= 11:
                problems.append(
                    Problem(path, 1, i + 1, f"kolom '{written}': het itemnummer moet 1 tot 11 zijn")
                )
                continue
            answers.append(int(number))
            columns.append(_Column(i, name, "answer"))
            continue
        if name not in kinds:
            hint = names.typo(name, kinds) if names else did_you_mean(name, kinds)
            if hint is None:
                ignored.append((i, written))
            else:
                problems.append(Problem(path, 1, i + 1, f"onbekende kolom '{written}'; {hint}"))
            continue
        columns.append(_Column(i, name, kinds[name]))
    if answers and sorted(answers) != list(range(1, len(answers) + 1)):
        problems.append(
            Problem(
                path,
                1,
                1,
                f"de antwoordkolommen moeten {ANSWERS}.1 tot en met .N zijn, zonder gaten",
            )
        )
    if "age" in seen and seen.keys() & {"age.min", "age.max"}:
        problems.append(
            Problem(
                path,
                1,
                1,
                "geef de leeftijd als kolom 'age' of als 'age.min'/'age.max', niet beide",
            )
        )
    typos = any(p.message.startswith("onbekende kolom") for p in problems)
    for field, dutch in names.required if names and not typos else ():  # a typo says it
        if not any(n == field or n.startswith(field + ".") for n in seen):
            said = f"geen kolom '{field}' (of '{dutch}'): elke rij heeft een {dutch} nodig"
            problems.append(Problem(path, 1, 1, said))
    return columns, problems, ignored


def _ignored(path: str, ignored: list[tuple[int, str]]) -> Problem:
    """One warning for the columns that are no part of a profile, at the first of them."""
    quoted = [f"'{name}'" for _, name in ignored]
    if len(quoted) == 1:
        said = f"kolom {quoted[0]} is geen profielkolom en wordt genegeerd"
    else:
        listed = f"{', '.join(quoted[:-1])} en {quoted[-1]}"
        said = f"kolommen {listed} zijn geen profielkolommen en worden genegeerd"
    return Problem(path, 1, ignored[0][0] + 1, f"let op: {said}")


def read_sheet(path: str, kinds: dict[str, str]) -> Iterator[Row]:
    """Rows of a .csv or .xlsx sheet of other records (an offer file), as nested mappings."""
    try:
        cells = _xlsx_cells(path) if path.lower().endswith(".xlsx") else _csv_cells(path)
        yield from _table(path, cells, kinds, profiles=False)
    except _FileProblem as e:
        yield Row(0, problems=[e.problem])


def _table(
    path: str,
    rows: Iterator[Any],
    kinds: dict[str, str],
    profiles: bool = True,
    vocabs: dict[str, Any] | None = None,
    same: Repeats | None = None,
    names: _Names | None = None,
) -> Iterator[Row]:
    head = next(rows, None)
    if head is None:
        raise _FileProblem(path, "leeg bestand: verwacht een kopregel met kolomnamen")
    if isinstance(head, _BadCells):
        raise _FileProblem(path, head.message, 1)
    columns, problems, ignored = _check_header(path, head, kinds, profiles, names)
    if problems:
        yield Row(0, problems=problems)
        return
    if ignored:
        yield Row(0, warnings=[_ignored(path, ignored)])
    width = len(head)
    by_name = {c.name: c.index + 1 for c in columns}
    header = {c.name: _text(head[c.index]).strip() for c in columns}  # as the user wrote it
    unused = [i for i, _ in ignored]  # a row with only these filled in is still a respondent
    answers = sum(c.kind == "answer" for c in columns)
    named = "name" in by_name or not profiles
    # Per column, what the loop below needs, unpacked once (it runs for every cell of a survey)
    plan = [
        (
            c.index,
            c.kind,
            c.parts,
            c.name == "age",
            int(c.parts[2]) - 1 if c.kind == "answer" else 0,
            (vocabs or {}).get(c.name),
        )
        for c in columns
    ]
    if same is not None and not same.start(columns, width):
        same = None
    for number, cells in enumerate(rows, 2):
        if same is not None:
            known = same.profile(cells, number)
            if known is not None:
                yield Row(number, profile=known)
                continue
        if isinstance(cells, _BadCells):
            yield Row(number, problems=[Problem(path, number, 1, cells.message)])
            continue
        data: dict[str, Any] = {}
        if answers:
            data_answers: list[Any] = [None] * answers
        given = False
        count = len(cells)
        for index, kind, parts, is_age, slot, vocab in plan:
            value = cells[index] if index < count else None
            if isinstance(value, str):
                value = value.strip()
                if not value:
                    continue
            elif value is None:
                continue
            given = True
            if kind == "answer":
                data_answers[slot] = value
                continue
            if kind == "list":
                value = _codes(value, vocab)
            elif kind == "int":
                value = _integer(value, is_age)
            elif isinstance(value, float) and value.is_integer():
                value = int(value)  # a spreadsheet's 1.0 is the 1 that was typed
            if len(parts) == 1:
                data[parts[0]] = value
            else:
                data.setdefault(parts[0], {})[parts[1]] = value
        extra = (
            next((i for i in range(width, count) if cells[i] not in (None, "")), None)
            if count > width
            else None
        )
        if not given and extra is None and not any(_text(cells[i]).strip() for i in unused):
            continue  # an empty line, as spreadsheets leave at the end
        locator = _RowLocator(number, by_name, header)
        if extra is not None:
            yield Row(
                number,
                problems=[Problem(path, number, extra + 1, "waarde in een kolom zonder kopnaam")],
            )
            continue
        if answers and any(a is not None for a in data_answers):
            data.setdefault("loneliness", {})["answers"] = data_answers
        if not named:
            data = {"name": f"rij {number}", **data}
        yield Row(number, data, locator) if same is None else same.checked(number, data, locator)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _codes(value: Any, vocab: Any = None) -> list[Any] | Any:
    """A list cell: comma/semicolon-separated parts, each read as whole aliases, longest first
    ("woont alleen klein netwerk" -> lives_alone, small_network); an unknown word stays itself
    for the profile checker to report."""
    if not isinstance(value, str):
        return [value]
    parts = [v.strip() for v in re.split(r"[,;]", value) if v.strip()]
    if vocab is None:
        return parts if len(parts) > 1 or "," in value or ";" in value else value.split()
    out: list[Any] = []
    for part in parts:
        code = vocab.resolve(part)
        if code is not None:
            out.append(part)
            continue
        words = part.split()
        i = 0
        while i < len(words):
            for j in range(min(len(words), i + _MAX_ALIAS_WORDS), i, -1):
                if vocab.resolve(" ".join(words[i:j])) is not None:
                    break
            else:
                j = i + 1  # no alias starts here: the word alone, reported by the checker
            out.append(" ".join(words[i:j]))
            i = j
    return out


def _integer(value: Any, age: bool) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and len(value) <= MAX_DIGITS:  # past that int() refuses (exit 3)
        if _INT.match(value):
            return int(value)
        if age and (m := _AGE_RANGE.match(value)):
            return {"min": int(m[1]), "max": int(m[2])}
    return value  # left for the profile checker to report


class _RowLocator:
    """Maps a profile key path to this row and the column that holds it."""

    def __init__(self, row: int, columns: dict[str, int], header: dict[str, str] | None = None):
        self.row = row
        self.columns = columns
        self.header = header or {}

    def column_of(self, loc: tuple) -> str | None:
        """The header of the column that holds a key path ('age': 'leeftijd'), if any: a key
        the profile misses is then an empty cell in that column."""
        key = ".".join(str(p) for p in loc)
        return self.header.get(key) or self.header.get(f"{key}.min")  # age.min/age.max

    def locate(self, loc: tuple, at_key: bool = False) -> tuple[int, int]:
        parts = [str(p) for p in loc]
        if parts[:2] == ["loneliness", "answers"]:
            if len(loc) > 2 and isinstance(loc[2], int):
                parts = [*parts[:2], str(loc[2] + 1)]
            else:
                parts.append("1")
        for n in range(len(parts), 0, -1):
            col = self.columns.get(".".join(parts[:n]))
            if col:
                return self.row, col
        if loc and loc[0] == "age":
            col = self.columns.get("age.min") or self.columns.get("age.max")
            if col:
                return self.row, col
        return self.row, 1


# --- JSON lines ---------------------------------------------------------------------------


def _jsonl(path: str) -> Iterator[Row]:
    with _opened(path) as f:
        number = 0
        try:
            for number, line in enumerate(_lines(f), 1):  # noqa: B007 - used after the loop
                if line is None:
                    message = f"regel is groter dan {MAX_PROFILE_BYTES // 1024} KiB"
                    yield Row(number, problems=[Problem(path, number, 1, message)])
                    continue
                if line.strip():
                    yield _json_row(path, number, line)
        except UnicodeDecodeError:
            raise _FileProblem(
                path, "geen geldige UTF-8-tekst; sla het bestand op als UTF-8", number + 1
            ) from None


def _lines(f: IO[str]) -> Iterator[str | None]:
    """The lines of `f`, each read with a hard limit: None stands for a line over it."""
    while True:
        line = f.readline(MAX_PROFILE_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_PROFILE_BYTES and not line.endswith("\n"):
            while (rest := f.readline(MAX_PROFILE_BYTES)) and not rest.endswith("\n"):
                pass  # skip the rest of the oversized line without holding it
            yield None
        else:
            yield line


def _json_row(path: str, number: int, line: str) -> Row:
    import json

    def bad(col: int, message: str) -> Row:
        return Row(number, problems=[Problem(path, number, col, message)])

    try:
        data = json.loads(line)
        if "\\u" in line:  # an escaped lone surrogate cannot be written out as UTF-8
            json.dumps(data, ensure_ascii=False).encode("utf-8")
    except ValueError as e:  # JSONDecodeError, a number too long, or a lone surrogate
        return bad(getattr(e, "colno", 1), f"geen geldige JSON: {getattr(e, 'msg', e)}")
    except RecursionError:
        return bad(1, f"te diep genest (meer dan {MAX_DEPTH} niveaus)")
    if not isinstance(data, dict):
        return bad(1, "verwacht één JSON-object per regel")
    nodes = _nodes(data, MAX_DEPTH)
    if nodes < 0:
        return bad(1, f"te diep genest (meer dan {MAX_DEPTH} niveaus)")
    if nodes > MAX_ROW_NODES:  # each unknown key costs a did-you-mean: bound the work
        return bad(1, f"te veel sleutels en waarden (meer dan {MAX_ROW_NODES})")
    return Row(number, data, _LineLocator(number, line))


def _nodes(value: Any, depth: int) -> int:
    """How many keys and values `value` holds, or -1 when nested deeper than `depth`."""
    if depth < 0:
        return -1
    children = value.values() if isinstance(value, dict) else value
    if not isinstance(value, dict | list):
        return 1
    total = 1
    for child in children:
        n = _nodes(child, depth - 1)
        if n < 0:
            return -1
        total += n
    return total


class _LineLocator:
    """On a JSON line: the column of the last key of the path that the line names."""

    def __init__(self, row: int, line: str):
        self.row = row
        self.line = line

    def locate(self, loc: tuple, at_key: bool = False) -> tuple[int, int]:
        for part in reversed(loc):
            if isinstance(part, str):
                at = self.line.find(f'"{part}"')
                if at >= 0:
                    return self.row, at + 1
        return self.row, 1
