"""JSON output: the advice object as it is, stable and byte-identical across runs."""

from __future__ import annotations

import json
from typing import Any


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


def compact(obj: Any) -> str:
    """One line, no spaces: for streams of many objects (uses the C encoder)."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
