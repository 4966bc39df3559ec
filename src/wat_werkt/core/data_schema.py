"""For the maintainers of data/: JSON Schemas of its files, and the rule language's reference.

The schemas are generated from the pydantic models that validate the files (kb_models), so an
editor completes and checks exactly what `wat-werkt validate --data` accepts in structure; ids
and codes that refer to other entries are checked by validate only. The rule language is
described from conditions.FIELDS and OPERATORS, with each field's own help text.
"""

from __future__ import annotations

from typing import Any

from wat_werkt.core.conditions import FIELDS, OPERATORS

COMBINATORS = {
    "all": "alle voorwaarden in de lijst gelden",
    "any": "minstens één voorwaarde in de lijst geldt",
    "not": "de voorwaarde geldt niet",
}
OPERATOR_HELP = {
    "at_least": "getal: minstens WAARDE",
    "at_most": "getal: hoogstens WAARDE",
    "is": "precies deze code",
    "in": "één van de codes in de lijst",
    "any": "minstens één van de codes in de lijst",
    "all": "alle codes in de lijst",
    "none": "geen van de codes in de lijst",
    "empty": "true: geen enkele code; false: minstens één",
}
SCOPE_HELP = {
    "profile": "overal",
    "intervention": "alleen in regels per interventie (eligibility, scoring, boosts)",
}


def data_schemas() -> dict[str, dict[str, Any]]:
    """File name -> JSON Schema, for every file in data/."""
    from wat_werkt.core import kb_models as m
    from wat_werkt.core.knowledge import FILES

    models: dict[str, type[m.Model]] = {
        "sources": m.SourcesFile,
        "factors": m.FactorsFile,
        "interventions": m.InterventionsFile,
        "profile": m.ProfileFile,
    }
    out = {}
    for key, model in models.items():
        schema = _with_conditions(model.model_json_schema())
        if "#/$defs/Condition" in str(schema):
            schema.setdefault("$defs", {})["Condition"] = condition_schema()
        out[FILES[key]] = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": f"wat-werkt data/{FILES[key]}",
            "description": "Gemaakt uit de modellen in kb_models.py ('wat-werkt schema "
            f"{FILES[key]}'). Regels: zie 'wat-werkt rules'. Controleer met 'wat-werkt validate --data'.",
            **schema,
        }
    return out


def _with_conditions(node: Any) -> Any:
    """kb_models marks a condition {"x-condition": true}: point it to the rule language."""
    if isinstance(node, dict):
        if node.get("x-condition"):
            rest = {k: v for k, v in node.items() if k != "x-condition"}
            return {**rest, "$ref": "#/$defs/Condition"}
        return {k: _with_conditions(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_with_conditions(v) for v in node]
    return node


def condition_schema() -> dict[str, Any]:
    """One condition: {all: [...]}, {any: [...]}, {not: ...} or {FIELD: {OPERATOR: VALUE}}."""
    ref = {"$ref": "#/$defs/Condition"}
    properties: dict[str, Any] = {
        "all": {"description": COMBINATORS["all"], "type": "array", "minItems": 1, "items": ref},
        "any": {"description": COMBINATORS["any"], "type": "array", "minItems": 1, "items": ref},
        "not": {"description": COMBINATORS["not"], **ref},
    }
    for name, field in FIELDS.items():
        properties[name] = {
            "description": f"{field.help} ({SCOPE_HELP[field.scope]})",
            "type": "object",
            "minProperties": 1,
            "maxProperties": 1,
            "additionalProperties": False,
            "properties": {op: {"description": OPERATOR_HELP[op]} for op in OPERATORS[field.kind]},
        }
    return {
        "description": "Een voorwaarde (zie 'wat-werkt rules')",
        "type": "object",
        "minProperties": 1,
        "maxProperties": 1,
        "additionalProperties": False,
        "properties": properties,
    }


def rules_reference(vocabularies: dict[str, Any]) -> dict[str, Any]:
    """The rule language as data, for `wat-werkt rules`; vocabularies: name -> codes."""
    return {
        "form": "{all: [VOORWAARDE, ...]} | {any: [VOORWAARDE, ...]} | {not: VOORWAARDE} | "
        "{VELD: {OPERATOR: WAARDE}}",
        "combinators": [{"name": k, "help": v} for k, v in COMBINATORS.items()],
        "operators": [{"name": k, "help": v} for k, v in OPERATOR_HELP.items()],
        "fields": [
            {
                "name": name,
                "kind": field.kind,
                "operators": list(OPERATORS[field.kind]),
                "values": sorted(vocabularies.get(field.vocab, ())) if field.vocab else [],
                "scope": field.scope,
                "help": field.help,
            }
            for name, field in FIELDS.items()
        ],
    }
