"""Which renderer draws which command in which format: one table instead of a dispatch per command.

Every renderer has the signature `render(out, data, view)`: `out` a text stream (a rich
console for kind "console", a binary stream for kind "binary"), `data` what the core
computed, `view` the shared presentation options. Modules are named as strings and imported
only when their format is used, so start-up stays at the import floor.
"""

from __future__ import annotations

from typing import Any, NamedTuple

TEXT, CONSOLE, BINARY = "text", "console", "binary"


# NamedTuple and a plain class rather than dataclasses: this module is imported on every
# start-up, and @dataclass costs several times more to define.
class Renderer(NamedTuple):
    module: str
    function: str
    kind: str = TEXT


# compare on screen and in the HTML report shows (marks) this many per profile without --top
COMPARE_TOP = 5


def best_n(top: int, noun: tuple[str, str] | None = None) -> str:
    """'de beste 3 interventies', 'de beste interventie', 'de beste 3': Dutch for top N."""
    word = "" if noun is None else " " + noun[top != 1]
    return ("de beste" if top == 1 else f"de beste {top}") + word


class View:
    """Presentation options shared by every command (what the user asked to see)."""

    __slots__ = ("top", "show_all", "sources", "extra")

    def __init__(
        self,
        top: int | None = None,
        show_all: bool = False,
        sources: dict[str, dict[str, Any]] | None = None,
        extra: dict[str, Any] | None = None,
    ):
        self.top = top
        self.show_all = show_all
        # source id -> {"authors", "year", "title", "note", "short"} for reference lists
        self.sources = {} if sources is None else sources
        self.extra = {} if extra is None else extra


def _r(module: str, function: str, kind: str = TEXT) -> Renderer:
    return Renderer(f"wat_werkt.render.{module}", function, kind)


RENDERERS: dict[str, dict[str, Renderer]] = {
    "advise": {
        "table": _r("table", "advice_view", CONSOLE),
        "json": _r("json_out", "advice_json"),
        "markdown": _r("markdown", "advice_view"),
        "html": _r("html", "advice_html"),
        "xlsx": _r("xlsx", "advice_xlsx", BINARY),
    },
    "compare": {
        "table": _r("table", "compare_view", CONSOLE),
        "json": _r("json_out", "compare_json"),
        "csv": _r("csv_out", "compare_csv"),
        "html": _r("html", "compare_html"),
        "xlsx": _r("xlsx", "compare_xlsx", BINARY),
    },
    "summary": {  # compare --summary (batch's render/summary.py)
        "table": _r("summary", "summary_view", CONSOLE),
        "json": _r("json_out", "plain_json"),
        "csv": _r("summary", "summary_csv_view"),
        "xlsx": _r("summary", "summary_xlsx", BINARY),
    },
    "list": {
        "table": _r("table", "list_view", CONSOLE),
        "json": _r("json_out", "plain_json"),
        "csv": _r("csv_out", "list_view"),
        "xlsx": _r("xlsx", "list_xlsx", BINARY),
    },
    "evidence": {
        "table": _r("table", "evidence_view", CONSOLE),
        "json": _r("json_out", "plain_json"),
    },
    "factors": {
        "table": _r("table", "factors_view", CONSOLE),
        "json": _r("json_out", "plain_json"),
    },
    "scale": {
        "table": _r("table", "scale_view", CONSOLE),
        "json": _r("json_out", "plain_json"),
    },
    "codes": {
        "table": _r("codes_table", "codes_table", CONSOLE),
        "json": _r("json_out", "plain_json"),
    },
    "rules": {
        "table": _r("codes_table", "rules_table", CONSOLE),
        "json": _r("json_out", "plain_json"),
    },
    "prevalence": {
        "table": _r("table", "prevalence_view", CONSOLE),
        "json": _r("json_out", "plain_json"),
        "csv": _r("csv_out", "prevalence_csv"),
        "xlsx": _r("xlsx", "prevalence_xlsx", BINARY),
    },
}

FORMAT_HELP = {
    "table": "table (scherm)",
    "json": "json (scripts)",
    "csv": "csv (spreadsheet)",
    "markdown": "markdown (rapport)",
    "html": "html (rapport voor browser en Word)",
    "xlsx": "xlsx (Excel; met -o)",
}


def formats(command: str) -> list[str]:
    return list(RENDERERS[command])


# The file extension each format is written under (-o picks the format from it).
FORMAT_EXTENSIONS = {
    "json": ".json",
    "csv": ".csv",
    "markdown": ".md",
    "html": ".html",
    "xlsx": ".xlsx",
}


def format_help(command: str, with_output: bool = True) -> str:
    names = [FORMAT_HELP[f] for f in formats(command)]
    extensions = ", ".join(FORMAT_EXTENSIONS[f] for f in formats(command) if f in FORMAT_EXTENSIONS)
    default = (
        f"Standaard table, of wat de extensie van -o noemt ({extensions})."
        if with_output
        else "Standaard table."
    )
    return "Uitvoer: " + ", ".join(names[:-1]) + " of " + names[-1] + ". " + default


def renderer(command: str, fmt: str):
    """The render function and its kind, imported now."""
    from importlib import import_module

    spec = RENDERERS[command][fmt]
    return getattr(import_module(spec.module), spec.function), spec.kind


def limited(advice: dict[str, Any], top: int | None) -> dict[str, Any]:
    """The advice with only the best `top` ranked; the rest named in `not_shown`."""
    if not top or len(advice["ranking"]) <= top:
        return advice
    return {
        **advice,
        "ranking": advice["ranking"][:top],
        "not_shown": [r["id"] for r in advice["ranking"][top:]],
    }
