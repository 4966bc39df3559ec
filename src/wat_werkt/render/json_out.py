"""JSON output: the advice object as it is, stable and byte-identical across runs."""

from __future__ import annotations

import json
from typing import IO, Any

from wat_werkt.render.registry import View, limited


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


def compact(obj: Any) -> str:
    """One line, no spaces: for streams of many objects (uses the C encoder)."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def advice_json(out: IO[str], advice: dict[str, Any], view: View) -> None:
    out.write(dumps(limited(advice, view.top)))


def plain_json(out: IO[str], data: Any, view: View) -> None:
    out.write(dumps(data))


def compare_json(out: IO[str], data: dict[str, Any], view: View) -> None:
    """Streamed: one compact object per line as each profile is computed (the C encoder is
    about 5x faster than the indenting one). `errors` is complete once `results` is spent."""
    out.write('{"results": [')
    for n, advice in enumerate(data["results"]):
        out.write(("," if n else "") + "\n" + compact(limited(advice, view.top)))
    out.write('\n], "errors": ' + compact(data["errors"]) + "}\n")
