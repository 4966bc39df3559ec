"""JSON Schema of the profile (CONTRACT §3), generated from the profile description.

data/profile.yaml (profile_spec at run time) is the one description; this module only
translates it. Vocabularies accept what the checker accepts: the code, its Dutch label and
aliases, in any case and with spaces, hyphens and underscores alike. That is written as an
ECMA-262 pattern (editors use JavaScript regexes; `(?i)` is not available there), beside an
`enum` of the words as written in the data, for completion. Rules across fields are the
checker's alone; the schema's description lists them. profile.schema.json in the repository is
this output; a test fails when it is stale.
"""

from __future__ import annotations

from typing import Any

from wat_werkt.core.knowledge import KnowledgeBase
from wat_werkt.core.profile_spec import FieldSpec, Vocabulary, normalize

_SEP = r"[\s_-]"


def profile_schema(kb: KnowledgeBase) -> dict[str, Any]:
    spec = kb.profile
    translate = _Translator(spec.vocabularies, kb)
    body = translate.object(spec.fields, top=True)
    rules = "\n".join(f"- {rule}" for rule in spec.cross_field_rules)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "wat-werkt profiel",
        "description": (
            "Profiel van een cliënt of doelgroep voor 'wat-werkt advise'. Codes mogen ook in het "
            "Nederlands (zie 'wat-werkt codes'). Deze regels over meer velden controleert "
            f"'wat-werkt validate', niet dit schema:\n{rules}"
        ),
        **body,
    }


class _Translator:
    def __init__(self, vocabularies: dict[str, Vocabulary], kb: KnowledgeBase):
        self.vocabularies = vocabularies
        self.kb = kb

    def object(self, fields: dict[str, FieldSpec], top: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "type": "object",
            "additionalProperties": False,
            "properties": {name: self.field(f) for name, f in fields.items()},
        }
        required = [name for name, f in fields.items() if f.required]
        if required:
            out["required"] = required
        return out

    def field(self, f: FieldSpec) -> dict[str, Any]:
        schema = getattr(self, f"type_{f.type}")(f)
        description = f.help[:1].upper() + f.help[1:]
        if f.vocabulary:
            description += ": " + "; ".join(
                self.describe(self.vocabularies[f.vocabulary], c)
                for c in self.vocabularies[f.vocabulary].codes
            )
        schema = {"description": description, **schema}
        if f.default is not None:
            schema["default"] = f.default
        # An empty value (`gender:`) means "not given", except for a required field.
        return schema if f.required else _nullable(schema)

    def describe(self, vocab: Vocabulary, code: str) -> str:
        words = [w for w in vocab.words(code) if w != code]
        text = f"{code} = {', '.join(words)}" if words else code
        if vocab.name == "severities":
            s = next(s for s in self.kb.factors_file.severities if s.id == code)
            text += f" (score {s.min_score}-{s.max_score})"
        return text

    def type_text(self, f: FieldSpec) -> dict[str, Any]:
        return {"type": ["string", "number"], "pattern": r"\S"}

    def type_integer(self, f: FieldSpec) -> dict[str, Any]:
        return {"type": "integer", "minimum": f.min, "maximum": f.max}

    def type_age(self, f: FieldSpec) -> dict[str, Any]:
        bound = {"anyOf": [{"type": "null"}, self.type_integer(f)]}
        return {
            "anyOf": [
                self.type_integer(f),
                {"type": "string", "pattern": r"^\s*\d+\s*(-\s*\d+\s*|\+\s*)$"},  # 70-85, 85+
                {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {"min": bound, "max": bound},
                },
            ]
        }

    def _vocabulary(self, f: FieldSpec) -> Vocabulary:
        assert f.vocabulary is not None, f"field {f.name} has no vocabulary"
        return self.vocabularies[f.vocabulary]

    def type_choice(self, f: FieldSpec) -> dict[str, Any]:
        return vocabulary_value(self._vocabulary(f))

    def type_codes(self, f: FieldSpec) -> dict[str, Any]:
        one = vocabulary_value(self._vocabulary(f))
        many: dict[str, Any] = {"type": "array", "items": one}
        if f.min_items:
            many["minItems"] = f.min_items
        return {"anyOf": [many, one]}  # a single code is a list of one

    def type_answers(self, f: FieldSpec) -> dict[str, Any]:
        one = vocabulary_value(self._vocabulary(f))
        counts = sorted(len(s.items) for s in self.kb.factors_file.scales)
        return {
            "anyOf": [{"type": "array", "minItems": n, "maxItems": n, "items": one} for n in counts]
        }

    def type_section(self, f: FieldSpec) -> dict[str, Any]:
        return self.object(f.fields)


def vocabulary_value(vocab: Vocabulary) -> dict[str, Any]:
    """One value of a vocabulary: every word the checker resolves, and nothing else."""
    words = [w for code in vocab.codes for w in vocab.words(code)]
    branches: list[dict[str, Any]] = [
        {"enum": list(dict.fromkeys(words))},
        {"type": "string", "pattern": pattern(words)},
    ]
    if vocab.takes_booleans:
        branches.append({"type": "boolean"})
    return {"anyOf": branches}


def pattern(words: list[str]) -> str:
    """An ECMA-262 regex matching what normalize() maps onto one of words."""
    alternatives = dict.fromkeys(
        f"{_SEP}+".join(_caseless(token) for token in normalize(w).split(" ")) for w in words
    )
    return f"^{_SEP}*(?:{'|'.join(alternatives)}){_SEP}*$"


def _caseless(token: str) -> str:
    out = []
    for ch in token:
        upper = ch.upper()
        if upper != ch and len(upper) == 1:
            out.append(f"[{ch}{upper}]")
        else:
            out.append(_escape(ch))
    return "".join(out)


def _escape(ch: str) -> str:
    return "\\" + ch if ch in r"\^$.|?*+()[]{}/" else ch


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    if "anyOf" in schema:
        return {**schema, "anyOf": [{"type": "null"}, *schema["anyOf"]]}
    inner = {k: v for k, v in schema.items() if k not in ("description", "default")}
    outer = {k: v for k, v in schema.items() if k in ("description", "default")}
    return {**outer, "anyOf": [{"type": "null"}, inner]}
