"""The local offer (CONTRACT §7): which providers offer which intervention, for which ages.

An offer file (YAML `offers: [...]`, or a CSV/XLSX sheet with the same fields as columns) is
checked as a whole, every problem located. Entries whose ages fit a profile make their
intervention count as locally available and are listed under it in the advice.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from wat_werkt.core.errors import Locates, Problem, UserError
from wat_werkt.core.knowledge import KnowledgeBase
from wat_werkt.core.suggest import did_you_mean

if TYPE_CHECKING:
    from wat_werkt.core.profile import Profile

FIELDS = ("intervention", "provider", "name", "place", "age", "cost", "contact", "last_updated")
TEXT_FIELDS = ("provider", "name", "place", "cost", "contact")
# Spreadsheet columns and how a cell is read (ages as numbers, "65-120" as a range).
COLUMNS = {
    **{f: "text" for f in FIELDS if f != "age"},
    **{"age": "int", "age.min": "int", "age.max": "int"},
}
OUTDATED_MONTHS = 12
TODAY_ENV = "WAT_WERKT_TODAY"  # YYYY-MM-DD: pins "today" for outdated marks (tests, reruns)


@dataclass
class Entry:
    intervention: str
    provider: str
    name: str | None
    place: str | None
    age_min: int | None
    age_max: int | None
    cost: str | None
    contact: str | None
    last_updated: dt.date | None
    outdated: bool
    line: int | None = field(default=None, compare=False)  # where it stands (validate says)

    def fits(self, lo: int, hi: int) -> bool:
        """Serves at least part of the profile's ages (an entry without ages serves all)."""
        return (self.age_min is None or self.age_min <= hi) and (
            self.age_max is None or lo <= self.age_max
        )

    def as_dict(self) -> dict[str, Any]:
        age = None
        if self.age_min is not None or self.age_max is not None:
            age = {"min": self.age_min or 0, "max": 120 if self.age_max is None else self.age_max}
        return {
            "intervention": self.intervention,
            "provider": self.provider,
            "name": self.name,
            "place": self.place,
            "age": age,
            "cost": self.cost,
            "contact": self.contact,
            "last_updated": self.last_updated.isoformat() if self.last_updated else None,
            "outdated": self.outdated,
        }


class Offer:
    def __init__(self, entries: list[Entry]):
        self.entries = entries
        self.by_id: dict[str, list[Entry]] = {}
        for e in entries:
            self.by_id.setdefault(e.intervention, []).append(e)
        self._fitting: dict[tuple[int, int], dict[str, list[dict[str, Any]]]] = {}

    def count(self, iid: str) -> int:
        return len(self.by_id.get(iid, ()))

    def fitting(self, lo: int, hi: int) -> dict[str, list[dict[str, Any]]]:
        """Intervention id -> the entries that fit these ages (kept per age range: batches repeat)."""
        found = self._fitting.get((lo, hi))
        if found is None:
            found = {}
            for iid, entries in self.by_id.items():
                fit = [e.as_dict() for e in entries if e.fits(lo, hi)]
                if fit:
                    found[iid] = fit
            if len(self._fitting) < 10_000:
                self._fitting[(lo, hi)] = found
        return found

    def prepare(self, profile: Profile) -> None:
        """Interventions offered locally for these ages count as available (CONTRACT §7)."""
        extra = [
            i
            for i in self.fitting(profile.age.min, profile.age.max)
            if i not in (profile.available or ())
        ]
        if extra:
            profile.available = [*(profile.available or ()), *extra]

    def finish(self, profile: Profile, advice: dict[str, Any]) -> None:
        """Each ranked item lists the local entries whose ages fit the profile."""
        found = self.fitting(profile.age.min, profile.age.max)
        for item in advice["ranking"]:
            item["local_offer"] = [dict(e) for e in found.get(item["id"], ())]


def today() -> dt.date:
    pinned = os.environ.get(TODAY_ENV)
    if pinned:
        try:
            day = dt.date.fromisoformat(pinned)
        except ValueError:
            day = None
        if day is not None and day.year > 1:  # year 1 has no "a year before": ignored too
            return day
    return dt.date.today()


def outdated_before(day: dt.date) -> dt.date:
    """Entries last updated before this day are more than 12 months old."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def load_offer(path: str, kb: KnowledgeBase, day: dt.date | None = None) -> Offer:
    entries, problems = read_offer(path, kb, day)
    if problems:
        raise UserError(problems)
    return Offer(entries)


def read_offer(
    path: str, kb: KnowledgeBase, day: dt.date | None = None, locate: bool = False
) -> tuple[list[Entry], list[Problem]]:
    """Every entry and every problem of an offer file; with `locate`, each entry's line (or
    spreadsheet row), which costs a YAML file a second parse."""
    from wat_werkt.core import tabular

    day = day or today()
    checker = _Checker(path, kb, day)
    checker.locate = locate
    if tabular.is_tabular(path) and not path.lower().endswith(".jsonl"):
        for row in tabular.read_sheet(path, COLUMNS):
            if row.problems:
                checker.problems += row.problems
            else:
                checker.entry(row.data, row.locator, ())
    else:
        from wat_werkt.core.yamlio import Locator, load, read_text

        try:
            text = read_text(path, max_bytes=64 * 1024 * 1024)
            data = load(text, path)
        except UserError as e:
            return [], e.problems
        locator = _LazyLocator(text, Locator)
        items = data.get("offers") if isinstance(data, dict) else data
        if isinstance(data, dict) and set(data) - {"offers"}:
            for key in set(data) - {"offers"}:
                checker.problem(
                    locator, (key,), f"onbekende sleutel '{key}'; verwacht 'offers'", True
                )
        if not isinstance(items, list):
            checker.problem(
                locator, (), "verwacht 'offers:' met een lijst van activiteiten (zie examples/)"
            )
            items = []
        base = ("offers",) if isinstance(data, dict) else ()
        for n, item in enumerate(items):
            checker.entry(item, locator, (*base, n))
    return checker.entries, sorted(set(checker.problems), key=lambda p: (p.line or 0, p.col or 0))


class _LazyLocator:
    """The round-trip parse for positions only runs when a problem needs one."""

    def __init__(self, text: str, cls: Callable[[str], Locates]):
        self.text, self.cls = text, cls
        self.real: Any = None

    def locate(self, loc: tuple, at_key: bool = False) -> tuple[int, int]:
        if self.real is None:
            self.real = self.cls(self.text)
        return self.real.locate(loc, at_key=at_key)


class _Checker:
    def __init__(self, path: str, kb: KnowledgeBase, day: dt.date):
        self.path, self.kb, self.day = path, kb, day
        self.old = outdated_before(day)
        self.entries: list[Entry] = []
        self.problems: list[Problem] = []
        self.locate = False

    def problem(self, locator: Locates, loc: tuple, message: str, at_key: bool = False) -> None:
        line, col = locator.locate(loc, at_key=at_key)
        self.problems.append(Problem(self.path, line, col, message))

    def entry(self, item: Any, locator: Locates, loc: tuple) -> None:
        before = len(self.problems)
        if not isinstance(item, dict):
            self.problem(locator, loc, "een activiteit moet een mapping (sleutel: waarde) zijn")
            return
        for key in item:
            if key not in FIELDS:
                self.problem(
                    locator, (*loc, key),
                    f"onbekende sleutel '{key}'; {did_you_mean(key, FIELDS)}", True,
                )  # fmt: skip
        iid: Any = item.get("intervention")
        if iid is None:
            self.problem(
                locator,
                (*loc, "intervention"),
                "'intervention' ontbreekt: welke interventie is dit?",
            )
        elif (code := self.kb.profile.vocabularies["interventions"].resolve(iid)) is not None:
            iid = code  # by id or full name, as a profile's `available` takes it
        else:
            self.problem(
                locator, (*loc, "intervention"),
                f"onbekende interventie {iid!r}; {did_you_mean(iid, self.kb.by_id)}",
            )  # fmt: skip
        text: dict[str, Any] = {}
        for key in TEXT_FIELDS:
            value = item.get(key)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                value = str(value)
            if value is not None and not isinstance(value, str):
                self.problem(locator, (*loc, key), f"'{key}' moet tekst zijn, niet {value!r}")
                value = None
            text[key] = value.strip() if isinstance(value, str) and value.strip() else None
        if text["provider"] is None:
            self.problem(
                locator, (*loc, "provider"), "'provider' ontbreekt: wie biedt deze activiteit aan?"
            )
        lo, hi = self._age(item.get("age"), locator, (*loc, "age"))
        updated = self._date(item.get("last_updated"), locator, (*loc, "last_updated"))
        if len(self.problems) == before:
            self.entries.append(
                Entry(
                    iid, text["provider"], text["name"], text["place"], lo, hi, text["cost"],
                    text["contact"], updated, updated is None or updated < self.old,
                    locator.locate(loc)[0] if self.locate else None,
                )
            )  # fmt: skip

    def _age(self, value: Any, locator: Locates, loc: tuple) -> tuple[int | None, int | None]:
        if value is None:
            return None, None
        if isinstance(value, int) and not isinstance(value, bool):
            value = {"min": value, "max": value}
        if not isinstance(value, dict) or set(value) - {"min", "max"}:
            self.problem(locator, loc, f"'age' moet {{min, max}} of een getal zijn, niet {value!r}")
            return None, None
        out = []
        for key in ("min", "max"):
            v = value.get(key)
            if v is not None and (
                isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= 120
            ):
                self.problem(
                    locator, (*loc, key), f"onmogelijke leeftijd {v!r} voor 'age.{key}' (0-120)"
                )
                v = None
            out.append(v)
        lo, hi = out
        if lo is not None and hi is not None and lo > hi:
            self.problem(locator, loc, f"onmogelijke leeftijd: min ({lo}) is groter dan max ({hi})")
        return lo, hi

    def _date(self, value: Any, locator: Locates, loc: tuple) -> dt.date | None:
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            value = value.date()
        if not isinstance(value, dt.date):
            value = _parse_date(str(value).strip())
            if isinstance(value, str):
                self.problem(locator, loc, value)
                return None
        if value > self.day:
            self.problem(
                locator,
                loc,
                f"datum {value.isoformat()} ligt in de toekomst (vandaag is {self.day})",
            )
            return None
        return value


_DUTCH_DATE = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})")


def _parse_date(text: str) -> dt.date | str:
    """The date, or what is wrong with it. ISO (2025-03-15) as written in YAML; day first
    with a four-digit year (15-03-2025, 15-3-2025) as Dutch Excel writes it in a social map.
    Nothing else: 03/15/25 could be either order, and a guessed date would mislead."""
    usage = "schrijf JJJJ-MM-DD of DD-MM-JJJJ"
    m = _DUTCH_DATE.fullmatch(text)
    try:
        if m is None:
            return dt.date.fromisoformat(text)
        return dt.date(int(m[3]), int(m[2]), int(m[1]))
    except ValueError:
        if m is not None:
            return f"ongeldige datum {text!r}: die dag bestaat niet (dag-maand-jaar)"
        return f"ongeldige datum {text!r}; {usage}"
