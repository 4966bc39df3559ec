"""'Did you mean' hints for closed vocabularies and keys."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(
    value: object, allowed: Iterable[str], show_all_below: int = 8, listed_by: str | None = None
) -> str:
    """A Dutch hint: the closest match, or the allowed values when the list is short, or
    (listed_by) the command that lists them."""
    options = sorted(allowed)
    close = difflib.get_close_matches(str(value), options, n=1, cutoff=0.6)
    if close:
        return f"bedoelde u '{close[0]}'?"
    if len(options) <= show_all_below:
        return "toegestaan: " + ", ".join(options)
    if listed_by:
        return f"zie de {len(options)} toegestane waarden met '{listed_by}'"
    return f"geen van de {len(options)} toegestane waarden lijkt erop"
