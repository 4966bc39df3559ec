"""Survey rows repeat: reusing the check of an earlier row for a CSV row (see `Repeats`)."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from wat_werkt.core.tabular import ANSWERS, Row, _Column


class Repeats:
    """Survey rows repeat: the same age band, gender and situation come back with other
    answers and names. The first good row with given cells (all but the name and answers)
    keeps its checked values; a later row with the same cells and valid answers gets its
    profile from those (profile.like), exactly as parse_profile would make it, and a row
    whose answers also have the same subscale scores as an earlier one's is made like that
    one's profile (profile.respondents), quicker still. Any other row is read and checked in
    full, so its problems are found and located as ever.

    Only for CSV, whose cells are all text: keys compare cells exactly as they were read.
    """

    # Of each kind of thing remembered. Checked values take ~4 KB each, a profile maker ~1.3 KB:
    # kept least recently used out first, they stay under ~55 MiB however varied the rows
    # (5,000 saved 30 MiB more, but read a survey of few distinct rows 10% slower).
    MAX_KEPT = 10_000

    def __init__(self, path: str, kb: Any):
        self.path, self.kb = path, kb
        self.kept: OrderedDict[tuple, Any] = OrderedDict()  # given cells -> checked values
        self.codes: dict[str, str] = {}  # answer cell -> its code, or "" when empty
        self.scores: dict[tuple, tuple] = {}  # a row's codes -> their subscale scores
        self.distinct: dict[tuple, tuple] = {}  # each subscale scores once
        self.made: OrderedDict[tuple, Any] = OrderedDict()  # (cells, scores) -> respondents
        self.pending: tuple | None = None  # key and answers of the row being checked in full

    def start(self, columns: list[_Column], width: int) -> bool:
        """Plan the file's columns once; False when rows cannot be compared this way."""
        from wat_werkt.core.profile import like, respondents
        from wat_werkt.core.scale import subscale_scores

        self.like, self.respondents, self.subscale_scores = like, respondents, subscale_scores
        self.width = width
        answers = sorted((int(c.parts[2]), c.index) for c in columns if c.kind == "answer")
        named = [c.index for c in columns if c.name == "name"]
        self.name = named[0] if named else None
        self.rest = _cells_at([c.index for c in columns if c.kind != "answer" and c.name != "name"])
        self.given = _cells_at([i for _, i in answers])
        spec = self.kb.profile.field_at(ANSWERS)
        self.vocab = spec and self.kb.profile.vocabularies.get(spec.vocabulary)
        return bool(columns) and (not answers or self.vocab is not None)

    def profile(self, cells: list[str], number: int) -> Any:
        """The row's profile when an earlier row's checked values serve, else None (and the
        row's key is kept for `checked`)."""
        self.pending = None
        if len(cells) != self.width:
            return None  # cells beyond the header, a short line, or an unreadable one
        given = self.given(cells)
        codes: tuple = tuple(map(self.codes.get, given))
        if None in codes or "" in codes:
            found = self._codes(given)
            if found is None:
                return None  # a missing or wrong answer: the full check says which
            codes = found
        key = (self.rest(cells), bool(codes))
        values = self.kept.get(key)
        if values is None:
            self.pending = key, codes
            return None
        self.kept.move_to_end(key)
        name = f"rij {number}" if self.name is None else cells[self.name].strip()
        if not name:
            return None  # 'name' is required: the full check reports it
        # Answers with the same subscale scores give the same profile but for the answers
        scores = self.scores.get(codes)
        if scores is None:
            scores = self.subscale_scores(self.kb, codes) if codes else ()
            if len(self.scores) < self.MAX_KEPT:  # many sets of answers, a few dozen scores
                self.scores[codes] = scores = self.distinct.setdefault(scores, scores)
        make = self.made.get((key, scores))
        if make is not None:
            self.made.move_to_end((key, scores))
            return make(name, codes)
        profile = self.like(self.kb, values(), name, list(codes) if codes else None)
        if profile is not None:
            make = self.respondents(profile)
            if make is not None:
                _keep(self.made, (key, scores), make, self.MAX_KEPT)
        return profile

    def checked(self, number: int, data: dict[str, Any], locator: Any) -> Row:
        """The row checked in full; a good one's checked values are kept for its repeats."""
        from wat_werkt.core.errors import UserError
        from wat_werkt.core.profile import checked_values

        pending, self.pending = self.pending, None
        try:
            profile, copies = checked_values(data, self.kb, self.path, locator)
        except UserError as e:
            return Row(number, problems=e.problems)
        if pending is not None and copies is not None:
            key, codes = pending
            values = copies()
            # `like` puts another row's name and answers in place of these: only when the
            # check took them as they are read here
            lon = values.get("loneliness")
            answers = lon.get("answers") if isinstance(lon, dict) else None
            if values.get("name") == data.get("name") and answers == (list(codes) or None):
                _keep(self.kept, key, copies, self.MAX_KEPT)
        return Row(number, profile=profile)

    def _codes(self, cells: tuple) -> tuple | None:
        """The codes of a row's answers; () when it gives none, None when one is missing or
        unknown."""
        found = []
        for cell in cells:
            code = self.codes.get(cell)
            if code is None:
                code = cell.strip() and self.vocab.resolve(cell.strip())
                if code is None:
                    return None  # not kept: an unknown word is rare, and reported
                if len(self.codes) < self.MAX_KEPT:
                    self.codes[cell] = code
            found.append(code)
        if "" in found:
            return None if any(found) else ()
        return tuple(found)


def _keep(memory: OrderedDict, key: tuple, value: Any, most: int) -> None:
    if len(memory) >= most:
        memory.popitem(last=False)
    memory[key] = value


def _cells_at(indexes: list[int]) -> Any:
    """A function giving a row's cells at these indexes, always as a tuple."""
    from operator import itemgetter

    if len(indexes) > 1:
        return itemgetter(*indexes)
    if indexes:
        return lambda cells, i=indexes[0]: (cells[i],)
    return lambda cells: ()
