"""Excel workbooks: real numbers, a bold header row, frozen panes and set column widths.

openpyxl is imported here only, so it costs nothing unless --format xlsx is asked for. The
workbook is written in openpyxl's streaming (write-only) mode: a batch of thousands of
profiles is written row by row as it is computed, like the CSV.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import suppress
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from wat_werkt.core.text_safety import spreadsheet_text
from wat_werkt.render.registry import View, limited
from wat_werkt.render.text import effort_text, main_reasons, signed

# (header, width in characters) per sheet; the header is what a policy officer reads.
RANKING = [
    ("Rang", 6), ("Id", 24), ("Interventie", 40), ("Score", 8), ("Past (% van de beste)", 12),
    ("Past", 14), ("Gelijkwaardig aan vorige", 12), ("Bewijs", 36), ("Vorm", 18), ("Inzet", 40),
    ("Redenen (punten)", 80), ("Let op", 60),
]  # fmt: skip
EXCLUDED = [("Id", 24), ("Interventie", 40), ("Reden", 100)]
COMPARE = [
    ("Profiel", 36), ("Bestand", 36), ("Rang", 6), ("Id", 24), ("Interventie", 40),
    ("Score", 8), ("Past (% van de beste)", 12), ("Bewijs", 36), ("Ernst", 14),
    ("Waarschuwingen", 40),
]  # fmt: skip
LIST = [
    ("Id", 24), ("Interventie", 40), ("Status", 22), ("Bewijs", 36), ("Vorm", 18),
    ("Leeftijd van", 8), ("Leeftijd tot", 8), ("Doelgroep", 60), ("Werkzame factoren", 40),
]  # fmt: skip
SOURCES = [("Id", 22), ("Verwijzing", 100)]
PROFILE = [("Profiel", 22), ("", 80)]
WRAP = Alignment(wrap_text=True, vertical="top")


def _sheet(wb: Workbook, title: str, columns: list[tuple[str, int]]):
    ws = wb.create_sheet(title)
    for n, (_, width) in enumerate(columns, 1):
        ws.column_dimensions[get_column_letter(n)].width = width
    ws.freeze_panes = "A2"  # the header row stays in view while scrolling
    header = []
    for name, _ in columns:
        cell = WriteOnlyCell(ws, value=name)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        header.append(cell)
    ws.append(header)
    return ws


def _row(ws, values: list[Any]) -> None:
    """Append a row; text that starts like a formula stays text (no formula injection), and
    text of several lines (reasons, cautions) wraps in its cell instead of one long line."""
    cells = []
    for v in map(spreadsheet_text, values):
        formula_like = isinstance(v, str) and v[:1] in ("=", "+", "-", "@")
        lines = isinstance(v, str) and "\n" in v
        if formula_like or lines:
            cell = WriteOnlyCell(ws, value=v)
            if formula_like:
                cell.data_type = "s"
            if lines:
                cell.alignment = WRAP
            cells.append(cell)
        else:
            cells.append(v)
    ws.append(cells)


def _save(wb: Workbook, out: IO[bytes]) -> None:
    """wb.save(out), but a failed write (a full disk) leaves nothing for the garbage collector
    to finish: openpyxl's open zip and row writers would each print "Exception ignored"."""
    import zipfile

    from openpyxl.writer.excel import ExcelWriter

    archive = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    try:
        ExcelWriter(wb, archive).save()
    except BaseException:
        archive.fp = None  # ZipFile.close() (also from __del__) does nothing without it
        for ws in wb.worksheets:
            with suppress(Exception):
                rows = getattr(ws, "_rows", None)
                if rows is not None:
                    rows.close()
        raise


def _reasons(r: dict[str, Any]) -> str:
    return "\n".join(f"{signed(x['points'])} {x['text']}" for x in main_reasons(r["reasons"]))


def advice_xlsx(out: IO[bytes], advice: dict[str, Any], view: View) -> None:
    advice = limited(advice, view.top)
    wb = Workbook(write_only=True)
    ws = _sheet(wb, "Ranglijst", RANKING)
    for r in advice["ranking"]:
        effort = r.get("effort")
        _row(
            ws,
            [
                r["rank"],
                r["id"],
                r["name"],
                r["score"],
                r.get("relative_score"),
                r.get("fit_label"),
                "ja" if r.get("tied_with_previous") else None,
                r["evidence_label"],
                r["format_labels"],
                effort_text(effort) if effort else None,
                _reasons(r),
                "\n".join(r["cautions"]),
            ],
        )
    ws = _sheet(wb, "Niet in de ranglijst", EXCLUDED)
    for e in advice["excluded"]:
        _row(ws, [e["id"], e["name"], " ".join(e["reasons"])])
    _sources_sheet(wb, advice, view)
    _profile_sheet(wb, advice)
    _save(wb, out)


def _profile_sheet(wb: Workbook, advice: dict[str, Any]) -> None:
    """Whose advice this is: the workbook names the profile (also as document title)."""
    from wat_werkt.render.text import age_text

    p, an = advice["profile"], advice["analysis"]
    wb.properties.title = f"Advies: {p['name']}"
    ws = _sheet(wb, "Profiel", PROFILE)
    severity = an["severity"]
    rows = [
        ("Naam", p["name"]),
        ("Leeftijd", age_text(p["age"])),
        ("Ernst", severity["label"] if severity else "onbekend"),
        ("Score", severity["score"] if severity else None),
        ("Soort", ", ".join(t["label"] for t in an["types"])),
    ]
    rows += [
        (c["label"].capitalize(), ", ".join(s["label"] for s in c["situations"]))
        for c in an["causes"]
    ]
    for row in rows:
        _row(ws, list(row))


def _sources_sheet(wb: Workbook, advice: dict[str, Any], view: View) -> None:
    from wat_werkt.render.text import cited_sources, reference

    ws = _sheet(wb, "Bronnen", SOURCES)
    for sid in cited_sources(advice):
        _row(ws, [sid, reference(view.sources.get(sid), sid)])


def compare_xlsx(out: IO[bytes], data: dict[str, Any], view: View) -> None:
    wb = Workbook(write_only=True)
    ws = _sheet(wb, "Vergelijking", COMPARE)
    results: Iterable[dict[str, Any]] = data["results"]
    for advice in results:
        warnings = "; ".join(w["message"] for w in advice["warnings"])
        ranking = advice["ranking"][: view.top] if view.top else advice["ranking"]
        for r in ranking:
            _row(
                ws,
                [
                    advice["profile"]["name"],
                    advice.get("file", ""),
                    r["rank"],
                    r["id"],
                    r["name"],
                    r["score"],
                    r.get("relative_score"),
                    r["evidence_label"],
                    (advice["analysis"]["severity"] or {}).get("label"),
                    warnings or None,
                ],
            )
    if data["errors"]:
        ws = _sheet(wb, "Fouten", [("Bestand", 40), ("Regel", 8), ("Kolom", 8), ("Melding", 80)])
        for e in data["errors"]:
            _row(ws, [e["file"], e.get("line"), e.get("column"), e["message"]])
    _save(wb, out)


def list_xlsx(out: IO[bytes], rows: list[dict[str, Any]], view: View) -> None:
    wb = Workbook(write_only=True)
    ws = _sheet(wb, "Interventies", LIST)
    for r in rows:
        age = r["age"] or {}
        _row(
            ws,
            [
                r["id"],
                r["name"],
                r["status_label"],
                r["evidence_label"],
                r.get("format_labels") or ", ".join(r["formats"]),
                age.get("min"),
                age.get("max"),
                r["target_group"],
                ", ".join(r["factors"]),
            ],
        )
    _save(wb, out)


ESTIMATE = [
    ("Leeftijd", 12), ("Band", 10), ("Inwoners", 12), ("Eenzaam", 12), ("(Zeer) ernstig", 14),
    ("Emotioneel", 12), ("Sociaal", 12),
]  # fmt: skip
FIGURES = [
    ("Leeftijd van", 12), ("Leeftijd tot", 12), ("Eenzaam (%)", 12), ("(Zeer) ernstig (%)", 16),
    ("Emotioneel (%)", 14), ("Sociaal (%)", 12),
]  # fmt: skip
MEASURES = ("lonely", "severely_lonely", "emotional", "social")


def prevalence_xlsx(out: IO[bytes], result: dict[str, Any], view: View) -> None:
    """The estimate per age group with a total row, or the dossier's figures; and the notice."""
    wb = Workbook(write_only=True)
    if "rows" in result:
        ws = _sheet(wb, "Schatting", ESTIMATE)
        for r in result["rows"]:
            _row(ws, [r["ages"], r["band"], r["residents"], *(r[m] for m in MEASURES)])
        t = result["total"]
        _row(ws, ["Totaal", None, t["residents"], *(t[m] for m in MEASURES)])
    else:
        ws = _sheet(wb, "Cijfers", FIGURES)
        for b in result["by_age"]:
            _row(ws, [b["min"], b["max"], *(b[m] for m in MEASURES)])
    _row(ws, [])
    _row(ws, [result["notice"]])
    _save(wb, out)
