"""JSON Schema of the profile: the pydantic model plus the vocabularies of the knowledge base."""

from __future__ import annotations

from typing import Any

from wat_werkt.core.knowledge import KnowledgeBase
from wat_werkt.core.profile import Profile

TRI_SCHEMA = {
    "anyOf": [{"type": "boolean"}, {"enum": ["yes", "no", "unknown", "ja", "nee", "onbekend"]}],
    "default": "unknown",
}


def profile_schema(kb: KnowledgeBase) -> dict[str, Any]:
    schema = Profile.model_json_schema(mode="validation")
    defs = schema.get("$defs", {})
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "wat-werkt profiel"
    props = schema["properties"]
    props["age"] = {
        "description": "Leeftijd: een getal 0-120 of {min, max}",
        "anyOf": [{"type": "integer", "minimum": 0, "maximum": 120}, {"$ref": "#/$defs/AgeRange"}],
    }
    props["situation"]["items"] = {"enum": list(kb.situations)}
    props["situation"]["uniqueItems"] = True
    props["available"]["items"] = {"enum": list(kb.by_id)}
    lon = defs["Loneliness"]["properties"]
    lon["types"]["items"] = {"enum": list(kb.types)}
    lon["severity"] = {
        "enum": [s.id for s in kb.factors_file.severities],
        "description": lon["severity"].get("description", ""),
    }
    lon["chronic"] = TRI_SCHEMA
    defs["Preferences"]["properties"]["formats"]["items"] = {"enum": list(kb.formats)}
    for name in ("aware", "motivated", "able"):
        defs["Readiness"]["properties"][name] = TRI_SCHEMA
    defs["Digital"]["properties"]["internet"] = TRI_SCHEMA
    return schema
