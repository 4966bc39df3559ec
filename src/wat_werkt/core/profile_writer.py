"""Write a profile as commented YAML (ruamel round-trip keeps and emits the comments).

The keys, their order and the comments follow the profile description (data/profile.yaml):
each field's help text, with the codes and their Dutch labels where the vocabulary is short,
or the Dutch labels of the chosen codes where it is long.
"""

from __future__ import annotations

import io
from typing import Any

from wat_werkt.core.knowledge import KnowledgeBase
from wat_werkt.core.profile_spec import FieldSpec, Vocabulary

SHORT = 8  # vocabularies up to this size are spelled out in the comment


def profile_yaml(answers: dict[str, Any], kb: KnowledgeBase) -> str:
    """A commented profile from the wizard's answers (codes, nested like the description)."""
    from ruamel.yaml import YAML

    doc = _mapping(answers, kb.profile.fields, kb.profile.vocabularies)
    doc.yaml_set_start_comment(
        "Profiel voor wat-werkt (gemaakt met 'wat-werkt init').\n"
        "Controleer met: wat-werkt validate BESTAND; advies met: wat-werkt advise BESTAND"
    )
    buf = io.StringIO()
    yaml = YAML(typ="rt")
    yaml.width = 120
    yaml.dump(doc, buf)
    return buf.getvalue()


def _mapping(
    values: dict[str, Any], fields: dict[str, FieldSpec], vocabs: dict[str, Vocabulary]
) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    out = CommentedMap()
    for name, spec in fields.items():
        value = values.get(name)
        if value is None or (spec.absent_unknown and value == []):
            continue  # the wizard's empty answer is "unknown"; written as [] it would mean none
        if spec.type == "section":
            out[name] = _mapping(value, spec.fields, vocabs)
        elif spec.type == "age":
            lo, hi = value
            out[name] = lo if lo == hi else _flow_map({"min": lo, "max": hi})
        elif isinstance(value, list):
            seq = CommentedSeq(value)
            seq.fa.set_flow_style()
            out[name] = seq
        else:
            out[name] = value
        out.yaml_add_eol_comment(comment(spec, value, vocabs.get(spec.vocabulary or "")), name)
    return out


def comment(spec: FieldSpec, value: Any, vocab: Vocabulary | None) -> str:
    if vocab is None:
        return spec.help
    if len(vocab.codes) <= SHORT:
        return f"{spec.help}: " + " | ".join(vocab.shown(c) for c in vocab.codes)
    chosen = value if isinstance(value, list) else [value]
    return ", ".join(vocab.labels[c] for c in chosen) if chosen else spec.help


def _flow_map(values: dict[str, Any]) -> Any:
    from ruamel.yaml.comments import CommentedMap

    m = CommentedMap(values)
    m.fa.set_flow_style()
    return m
