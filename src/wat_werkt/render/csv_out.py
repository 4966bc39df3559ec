"""CSV for spreadsheets: a header row, one record per line, stable column order."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from typing import IO, Any

from wat_werkt.core.text_safety import csv_cell, csv_row
from wat_werkt.render.registry import View

LIST_COLUMNS = [
    "id",
    "name",
    "kind",
    "status",
    "evidence",
    "formats",
    "age_min",
    "age_max",
    "factors",
]
COMPARE_COLUMNS = [
    "profile",
    "file",
    "rank",
    "id",
    "name",
    "score",
    "evidence",
    "severity",
    "warnings",
]


# --csv-sep ';' is CSV for Excel in Dutch, read by people: Dutch headers, and labels
# where the comma CSV for scripts has codes (CONTRACT §6 fixes only the comma variant).
DUTCH_HEADERS = {
    "profile": "profiel", "file": "bestand", "rank": "rang", "name": "naam", "score": "score",
    "evidence": "bewijs", "severity": "ernst", "warnings": "waarschuwingen", "kind": "soort",
    "status": "status", "formats": "vormen", "age_min": "leeftijd_van", "age_max": "leeftijd_tot",
    "factors": "werkzame_factoren", "ages": "leeftijd", "band": "band", "residents": "inwoners",
    "lonely": "eenzaam", "severely_lonely": "ernstig_eenzaam", "emotional": "emotioneel",
    "social": "sociaal",
}  # fmt: skip
KIND_NL = {"intervention": "interventie", "structural": "structurele aanpak"}


def header(columns: list[str], dutch: bool) -> list[str]:
    return [DUTCH_HEADERS.get(c, c) for c in columns] if dutch else columns


class _SafeWriter:
    """csv.writer whose text cells cannot run as spreadsheet formulas (text_safety.csv_cell)."""

    def __init__(self, buf: io.StringIO):
        self._w = csv.writer(buf, lineterminator="\n")

    def writerow(self, row) -> None:
        self._w.writerow(csv_row(row))


def _writer(buf: io.StringIO) -> _SafeWriter:
    return _SafeWriter(buf)


def list_csv(
    rows: list[dict[str, Any]], dutch: bool = False, factor_names: dict[str, str] | None = None
) -> str:
    buf = io.StringIO()
    w = _writer(buf)
    w.writerow(header(LIST_COLUMNS, dutch))
    for r in rows:
        age = r["age"] or {"min": "", "max": ""}
        w.writerow(
            [
                r["id"],
                r["name"],
                KIND_NL.get(r["kind"], r["kind"]) if dutch else r["kind"],
                r["status_label"] if dutch else r["status"],
                r["evidence_label"] if dutch else r["evidence"],
                r["format_labels"] if dutch else ";".join(r["formats"]),
                age["min"],
                age["max"],
                ";".join((factor_names or {}).get(f, f) if dutch else f for f in r["factors"]),
            ]
        )
    return buf.getvalue()


def compare_header(dutch: bool = False) -> str:
    buf = io.StringIO()
    _writer(buf).writerow(header(COMPARE_COLUMNS, dutch))
    return buf.getvalue()


def compare_rows(
    advice: dict[str, Any], top: int | None = None, severities: dict[str, str] | None = None
) -> str:
    """The rows for one profile: written as soon as it is computed, so nothing is held.

    With `severities` (id -> Dutch label) the rows are for people: labels and the warnings'
    texts instead of codes.
    """
    buf = io.StringIO()
    dutch = severities is not None
    if dutch:
        warnings = " ".join(x["message"] for x in advice["warnings"])
    else:
        warnings = ";".join(x["code"] for x in advice["warnings"])
    severity = advice["severity"] or ""
    if severities is not None:
        severity = severities.get(severity, severity)
    # cells made safe one by one (csv_cell remembers the texts batches repeat): the profile's
    # once, not on each of its rows; the numbers as they are
    name, file = csv_cell(advice["profile"]["name"]), csv_cell(advice.get("file", ""))
    severity, warnings = csv_cell(severity), csv_cell(warnings)
    ranking: Iterable[dict[str, Any]] = advice["ranking"][:top] if top else advice["ranking"]
    csv.writer(buf, lineterminator="\n").writerows(
        [
            name,
            file,
            r["rank"],
            csv_cell(r["id"]),
            csv_cell(r["name"]),
            r["score"],
            csv_cell(r["evidence_label"] if dutch else r["evidence"]),
            severity,
            warnings,
        ]
        for r in ranking
    )
    return buf.getvalue()


ESTIMATE_COLUMNS = ["ages", "band", "residents", "lonely", "severely_lonely", "emotional", "social"]
FIGURE_COLUMNS = ["age_min", "age_max", "lonely", "severely_lonely", "emotional", "social"]


def estimate_csv(result: dict[str, Any], dutch: bool = False) -> str:
    buf = io.StringIO()
    w = _writer(buf)
    w.writerow(header(ESTIMATE_COLUMNS, dutch))
    for r in result["rows"]:
        w.writerow(["" if r[c] is None else r[c] for c in ESTIMATE_COLUMNS])
    total = result["total"]
    w.writerow(
        ["totaal" if dutch else "total", "", total["residents"]]
        + [total[c] for c in ESTIMATE_COLUMNS[3:]]
    )
    return buf.getvalue()


def figures_csv(result: dict[str, Any], dutch: bool = False) -> str:
    buf = io.StringIO()
    w = _writer(buf)
    w.writerow(header(FIGURE_COLUMNS, dutch))
    for b in result["by_age"]:
        w.writerow(
            [b["min"], b["max"], b["lonely"], b["severely_lonely"], b["emotional"], b["social"]]
        )
    return buf.getvalue()


DECIMAL = re.compile(r"^-?\d+\.\d+$")
BOM = "\ufeff"


def for_dutch_excel(text: str) -> str:
    """The same rows for Excel set to Dutch: semicolons and decimal commas.

    Excel in a Dutch locale splits CSV on ';' and reads '38.0' as 380 or a date; scripts
    keep the default comma CSV (CONTRACT §6).
    """
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\n")
    for row in csv.reader(io.StringIO(text)):
        w.writerow([c.replace(".", ",") if DECIMAL.match(c) else c for c in row])
    return buf.getvalue()


class _Out:
    """Writes CSV text to `out`, converted for Dutch Excel when --csv-sep ';' was asked for.

    That mode starts with a byte-order mark: without it Excel reads UTF-8 as ANSI ('cliÃ«nten').
    """

    def __init__(self, out: IO[str], view: View):
        self.out = out
        self.dutch = view.extra.get("csv_sep") == ";"
        if self.dutch:
            out.write(BOM)

    def write(self, text: str) -> None:
        self.out.write(for_dutch_excel(text) if self.dutch else text)


def list_view(out: IO[str], rows: list[dict[str, Any]], view: View) -> None:
    sink = _Out(out, view)
    sink.write(list_csv(rows, sink.dutch, view.extra.get("factor_names")))


def compare_csv(out: IO[str], data: dict[str, Any], view: View) -> None:
    """Streamed: each profile's rows are written as soon as it is computed."""
    sink = _Out(out, view)
    sink.write(compare_header(sink.dutch))
    severities = view.extra.get("severity_labels", {}) if sink.dutch else None
    for advice in data["results"]:
        sink.write(compare_rows(advice, view.top, severities))


def prevalence_csv(out: IO[str], result: dict[str, Any], view: View) -> None:
    """In the language of the population file: Dutch headers for a Dutch file (or with ';')."""
    sink = _Out(out, view)
    dutch = sink.dutch or result.get("language") == "nl"
    sink.write(estimate_csv(result, dutch) if "rows" in result else figures_csv(result, dutch))
