"""Turn pydantic's errors into Dutch, located problems (the rendercv approach)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from wat_werkt.core.errors import Locates, Problem
from wat_werkt.core.suggest import did_you_mean


def _model_keys(model: type[BaseModel], loc: tuple) -> list[str]:
    """The keys allowed at loc, by walking the model's fields (best effort)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int) or not (
            isinstance(current, type) and issubclass(current, BaseModel)
        ):
            continue
        field = current.model_fields.get(part)
        if field is None:
            return []
        current = _inner_model(field.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def message_for(err: Mapping[str, Any], model: type[BaseModel]) -> tuple[tuple, bool, str]:
    """(loc, point at the key?, Dutch message) for one pydantic error."""
    loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
    # Unions report a branch name (e.g. 'int', 'AgeLimit') in loc: drop those.
    loc = tuple(
        p for p in loc if not (isinstance(p, str) and p[:1].isupper()) and p not in ("int", "str")
    )
    kind = err["type"]
    ctx = err.get("ctx") or {}
    value = err.get("input")
    key = loc[-1] if loc else ""
    if kind == "extra_forbidden":
        allowed = _model_keys(model, loc[:-1])
        return (
            loc,
            True,
            f"onbekende sleutel '{key}'; {did_you_mean(key, allowed, show_all_below=20)}",
        )
    if kind == "missing":
        return loc[:-1], False, f"verplichte sleutel '{key}' ontbreekt"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return loc, False, f"'{key}' moet een geheel getal zijn, niet {value!r}"
    if kind in ("float_type", "float_parsing"):
        return loc, False, f"'{key}' moet een getal zijn, niet {value!r}"
    if kind in ("string_type",):
        return loc, False, f"'{key}' moet tekst zijn, niet {value!r}"
    if kind in ("bool_type", "bool_parsing"):
        return loc, False, f"'{key}' moet true of false zijn, niet {value!r}"
    if kind == "list_type":
        return loc, False, f"'{key}' moet een lijst zijn"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return loc, False, f"'{key}' moet een mapping (sleutel: waarde) zijn"
    if kind == "literal_error":
        expected = [
            v.strip().strip("'")
            for v in str(ctx.get("expected", "")).replace(" or ", ",").split(",")
        ]
        return (
            loc,
            False,
            f"ongeldige waarde {value!r} voor '{_name(loc)}'; {did_you_mean(value, [e for e in expected if e])}",
        )
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = next(iter(ctx.values()), "?")
        word = {
            "greater_than_equal": "minstens",
            "less_than_equal": "hoogstens",
            "greater_than": "meer dan",
            "less_than": "minder dan",
        }[kind]
        return loc, False, f"'{_name(loc)}' is {value!r} maar moet {word} {bound} zijn"
    if kind == "too_short":
        return loc, False, f"'{key}' mag niet leeg zijn"
    if kind == "string_pattern_mismatch" and ctx.get("pattern", "").endswith("[^\\s.]$"):
        return (
            loc,
            False,
            f"'{_name(loc)}' {value!r}: zonder spaties aan begin en eind en zonder punt aan "
            "het eind (de punten in een bronvermelding zet wat-werkt zelf)",
        )
    if kind == "string_pattern_mismatch":
        return loc, False, f"'{value}' is geen geldige id (kleine letters, cijfers, - en _)"
    if kind == "value_error":
        return loc, False, str(ctx.get("error", err.get("msg")))
    return loc, False, f"'{_name(loc)}': {err.get('msg')}"


def _name(loc: tuple) -> str:
    parts = [str(p) for p in loc if not isinstance(p, int)]
    return ".".join(parts) or "document"


def problems_from(
    error: ValidationError, model: type[BaseModel], path: str, locator: Locates
) -> list[Problem]:
    out = []
    for err in error.errors(include_url=False):
        loc, at_key, message = message_for(err, model)
        line, col = locator.locate(loc, at_key=at_key)
        out.append(Problem(path, line, col, message))
    return out
