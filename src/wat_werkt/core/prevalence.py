"""Sizing the problem: the dossier's prevalence figures applied to a municipality's residents.

The file (CSV with commas or, as Dutch Excel writes it, semicolons; or XLSX) has a header row
with an age column (`leeftijd` or `age`: "65-74", "85+", "70") and a residents column
(`inwoners` or `residents`), in any case. Each row must fall within one of the dossier's age
bands; residents under 19 are counted but not estimated (the survey did not measure them).
The result says the language of the header (`language`), so output can answer in kind.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from wat_werkt.core.errors import Problem, UserError
from wat_werkt.core.knowledge import KnowledgeBase, to_data

AGE_COLUMNS = ("leeftijd", "age", "leeftijdsgroep")
COUNT_COLUMNS = ("inwoners", "residents", "aantal")
ENGLISH_COLUMNS = {"age", "residents"}
MEASURES = ("lonely", "severely_lonely", "emotional", "social")
_RANGE = re.compile(r"\s*(\d{1,3})\s*(?:-\s*(\d{1,3})|(\+))?\s*(?:jaar)?\s*")
# Thousands separators that cannot be a decimal point: spaces, apostrophes, underscores, or a
# '.' or ',' that occurs at least twice (1.234.567). A single one (1.000, 2,500) is ambiguous.
_GROUPED = re.compile(
    r"\d{1,3}(?:([ \u00a0\u202f'_])\d{3})(?:\1\d{3})*|\d{1,3}([.,])\d{3}(?:\2\d{3})+"
)
MAX_RESIDENTS_DIGITS = 9  # the Netherlands has fewer than a billion residents


def figures(kb: KnowledgeBase) -> dict[str, Any]:
    """Tables 1 and 2 and the risk factors of section 1.5, with their sources."""
    fig = kb.factors_file.figures
    return {
        "survey": fig.survey,
        "year": fig.year,
        "sources": list(fig.sources),
        "overall": to_data(fig.overall),
        "by_age": to_data(fig.by_age),
        "youth": fig.youth,
        "risk_factors": to_data(fig.risk_factors),
        "notice": f"Landelijke gemiddelden uit {fig.year} ({fig.survey}); lokale cijfers kunnen afwijken.",
    }


def read_population(path: str) -> tuple[list[list[str]], bool]:
    """The rows of a population file as text cells, and whether they come from a workbook."""
    if path.lower().endswith(".xlsx"):
        from wat_werkt.core.tabular import _FileProblem, _xlsx_cells

        try:
            return [[_cell_text(c) for c in row] for row in _xlsx_cells(path)], True
        except _FileProblem as e:
            raise UserError([e.problem]) from None
    from wat_werkt.core.yamlio import read_text

    return text_rows(read_text(path, max_bytes=None)), False


def text_rows(text: str) -> list[list[str]]:
    """CSV rows; the header's separator is the file's (Dutch Excel writes semicolons)."""
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel keeps 1200 as 1200.0
    return str(value)


def estimate(kb: KnowledgeBase, text: str, path: str) -> dict[str, Any]:
    """Estimated numbers of lonely residents per row and in total; all problems at once."""
    return estimate_rows(kb, text_rows(text), path)


def estimate_rows(
    kb: KnowledgeBase, rows: list[list[str]], path: str, workbook: bool = False
) -> dict[str, Any]:
    """`estimate` for rows already read; in a workbook, columns are cells, not characters."""
    bands = kb.factors_file.figures.by_age
    column = (lambda row, index: index + 1) if workbook else _column
    if not rows:
        raise UserError(
            [Problem(path, 1, 1, "leeg bestand: verwacht een kopregel met leeftijd en inwoners")]
        )
    header = [h.strip().lower() for h in rows[0]]
    age_col = next((header.index(c) for c in AGE_COLUMNS if c in header), None)
    count_col = next((header.index(c) for c in COUNT_COLUMNS if c in header), None)
    if age_col is None or count_col is None:
        message = "kopregel moet een kolom 'leeftijd' en een kolom 'inwoners' hebben"
        raise UserError([Problem(path, 1, 1, message)])
    english = header[age_col] in ENGLISH_COLUMNS and header[count_col] in ENGLISH_COLUMNS
    problems: list[Problem] = []
    out_rows: list[dict[str, Any]] = []
    seen: list[tuple[int, int, int]] = []  # (min, max, line) of every row so far
    for line, row in enumerate(rows[1:], 2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) <= max(age_col, count_col):
            problems.append(Problem(path, line, 1, "te weinig kolommen"))
            continue
        if len(row) > len(header):
            problems.append(
                Problem(
                    path,
                    line,
                    column(row, len(header)),
                    f"te veel kolommen ({len(row)}, de kopregel heeft er {len(header)}); "
                    "staat er een komma in een getal?",
                )
            )
            continue
        label = row[age_col].strip()
        col_age = column(row, age_col)
        col_count = column(row, count_col)
        match = _RANGE.fullmatch(label)
        if not match:
            problems.append(
                Problem(
                    path,
                    line,
                    col_age,
                    f"leeftijd '{_shown(label)}' niet begrepen; schrijf bijvoorbeeld 65-74, 85+ of 70",
                )
            )
            continue
        lo = int(match.group(1))
        hi = 120 if match.group(3) else int(match.group(2) or lo)
        if lo > hi or hi > 120:
            problems.append(
                Problem(
                    path,
                    line,
                    col_age,
                    f"leeftijd '{label}' is geen geldige groep (van laag naar hoog, tot 120)",
                )
            )
            continue
        residents, why = whole_number(row[count_col])
        if residents is None:
            problems.append(
                Problem(path, line, col_count, f"aantal inwoners '{_shown(row[count_col])}' {why}")
            )
            continue
        overlap = next((s for s in seen if s[0] <= hi and lo <= s[1]), None)
        seen.append((lo, hi, line))
        if overlap is not None:
            problems.append(
                Problem(
                    path,
                    line,
                    col_age,
                    f"leeftijd '{label}' overlapt met regel {overlap[2]}; "
                    "elke leeftijd mag maar in één rij staan",
                )
            )
            continue
        if hi < 19:
            out_rows.append(
                {
                    "ages": label,
                    "min": lo,
                    "max": hi,
                    "residents": residents,
                    "band": None,
                    **{m: None for m in MEASURES},
                }
            )
            continue
        band = next((b for b in bands if b.min <= lo and hi <= b.max), None)
        if band is None:
            names = ", ".join(f"{b.min}-{b.max}" if b.max < 120 else f"{b.min}+" for b in bands)
            problems.append(
                Problem(
                    path,
                    line,
                    col_age,
                    f"leeftijd '{label}' valt niet binnen één band van het dossier ({names}); splits de rij",
                )
            )
            continue
        out_rows.append(
            {
                "ages": label,
                "min": lo,
                "max": hi,
                "residents": residents,
                "band": f"{band.min}-{band.max}" if band.max < 120 else f"{band.min}+",
                **{m: round(residents * getattr(band, m) / 100) for m in MEASURES},
            }
        )
    if problems:
        raise UserError(problems)
    estimated = [r for r in out_rows if r["band"]]
    total = {
        "residents": sum(r["residents"] for r in out_rows),
        "residents_estimated": sum(r["residents"] for r in estimated),
        **{m: sum(r[m] for r in estimated) for m in MEASURES},
    }
    fig = kb.factors_file.figures
    return {
        "rows": out_rows,
        "total": total,
        "notice": f"Schatting met landelijke gemiddelden uit {fig.year} ({fig.survey}); "
        "onder 19 jaar niet gemeten en dus niet geschat.",
        "sources": list(fig.sources),
        "language": "en" if english else "nl",
    }


def whole_number(text: str) -> tuple[int | None, str]:
    """A whole number of residents, or None and the Dutch reason why it is not one."""
    text = text.strip()
    if _GROUPED.fullmatch(text):
        text = re.sub(r"\D", "", text)
    if not text.isascii() or not text.isdigit():
        if re.fullmatch(r"\d{1,3}[.,]\d{3}", text):
            return None, (
                "is dubbelzinnig (duizendtal of decimaal getal); schrijf het zonder punt of komma"
            )
        return None, "is geen geheel getal"
    if len(text.lstrip("0")) > MAX_RESIDENTS_DIGITS:
        return None, "is te groot"
    return int(text), ""


def _shown(cell: str, limit: int = 30) -> str:
    """A cell as quoted in a message: stripped and cut short (a huge cell stays readable)."""
    cell = cell.strip()
    return cell if len(cell) <= limit else cell[:limit] + "…"


def _column(row: list[str], index: int) -> int:
    """1-based character column where cell `index` starts (comma-separated, unquoted)."""
    return sum(len(cell) + 1 for cell in row[:index]) + 1
