"""JSON Schema of the profile (CONTRACT §3), with the vocabularies of the knowledge base.

Written out by hand from the same structure profile.KEYS describes; a test checks that the
shipped examples validate against it and that profile.schema.json in the repo is current.
"""

from __future__ import annotations

from typing import Any

from wat_werkt.core.knowledge import GENDERS, SETTINGS, SKILLS, KnowledgeBase
from wat_werkt.core.profile import KEYS

TRI = {"anyOf": [{"type": "boolean"}, {"enum": ["yes", "no", "unknown", "ja", "nee", "onbekend"]}],
       "default": "unknown"}  # fmt: skip


def _object(
    loc: tuple, properties: dict[str, Any], required: list[str] | None = None
) -> dict[str, Any]:
    assert list(properties) == list(KEYS[loc]), loc  # keep the schema in step with the checker
    out: dict[str, Any] = {
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
    }
    if required:
        out["required"] = required
    return out


def _codes(values, description: str) -> dict[str, Any]:
    return {
        "type": "array",
        "items": {"enum": list(values)},
        "uniqueItems": True,
        "description": description,
    }


def profile_schema(kb: KnowledgeBase) -> dict[str, Any]:
    age_range = _object(
        ("age",),
        {
            "min": {"type": "integer", "minimum": 0, "maximum": 120, "default": 0},
            "max": {"type": "integer", "minimum": 0, "maximum": 120, "default": 120},
        },
    )
    schema = _object(
        (),
        {
            "name": {
                "type": ["string", "number"],
                "description": "Naam van de cliënt of doelgroep",
            },
            "age": {
                "description": "Leeftijd: een getal 0-120 of {min, max}",
                "anyOf": [{"type": "integer", "minimum": 0, "maximum": 120}, age_range],
            },
            "gender": {"enum": list(GENDERS), "default": "mixed"},
            "setting": {"enum": list(SETTINGS), "default": "home"},
            "loneliness": _object(
                ("loneliness",),
                {
                    "types": {**_codes(kb.types, "Soort eenzaamheid"), "minItems": 1},
                    "score": {
                        "type": "integer",
                        "minimum": 0,
                        "maximum": 11,
                        "description": "Score op de De Jong Gierveld-schaal (11 items, 0-11)",
                    },
                    "severity": {
                        "enum": [s.id for s in kb.factors_file.severities],
                        "description": "Ernst, als er geen score is",
                    },
                    "chronic": TRI,
                    "answers": {
                        "type": "array",
                        "minItems": 6,
                        "maxItems": 11,
                        "items": {"enum": list(kb.factors_file.scale_answers)},
                        "description": "Antwoorden op de De Jong Gierveld-schaal (11 of 6 items), op volgorde",
                    },
                },
            ),
            "situation": _codes(
                kb.situations,
                "Situatiecodes: " + "; ".join(f"{k} = {s.label}" for k, s in kb.situations.items()),
            ),
            "readiness": _object(("readiness",), {"aware": TRI, "motivated": TRI, "able": TRI}),
            "digital": _object(
                ("digital",),
                {"skills": {"enum": list(SKILLS), "default": "unknown"}, "internet": TRI},
            ),
            "preferences": _object(
                ("preferences",), {"formats": _codes(kb.formats, "Voorkeursvormen")}
            ),
            "available": _codes(kb.by_id, "Interventies die lokaal worden aangeboden"),
        },
        required=["name", "age"],
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "wat-werkt profiel",
        "description": "Profiel van een cliënt of doelgroep voor 'wat-werkt advise'.",
        **schema,
    }
