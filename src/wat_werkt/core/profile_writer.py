"""Write a profile as commented YAML (ruamel round-trip keeps and emits the comments)."""

from __future__ import annotations

import io
from typing import Any

from wat_werkt.core.knowledge import KnowledgeBase


def profile_yaml(answers: dict[str, Any], kb: KnowledgeBase) -> str:
    """A commented profile from the wizard's answers (already checked)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    def flow(values: list[str]) -> CommentedSeq:
        seq = CommentedSeq(values)
        seq.fa.set_flow_style()
        return seq

    def flow_map(values: dict[str, Any]) -> CommentedMap:
        m = CommentedMap(values)
        m.fa.set_flow_style()
        return m

    doc = CommentedMap()
    doc["name"] = answers["name"]
    lo, hi = answers["age"]
    doc["age"] = lo if lo == hi else flow_map({"min": lo, "max": hi})
    doc["gender"] = answers["gender"]
    doc["setting"] = answers["setting"]
    lon = CommentedMap()
    lon["types"] = flow(answers["types"])
    if answers.get("score") is not None:
        lon["score"] = answers["score"]
        lon.yaml_add_eol_comment("De Jong Gierveld-schaal, 0-11", "score")
    lon["chronic"] = answers["chronic"]
    doc["loneliness"] = lon
    doc["situation"] = flow(answers["situation"])
    if answers["situation"]:
        doc.yaml_add_eol_comment(
            ", ".join(kb.situations[s].label for s in answers["situation"]), "situation"
        )
    doc["readiness"] = flow_map(answers["readiness"])
    doc["digital"] = flow_map(answers["digital"])
    doc["preferences"] = flow_map({"formats": flow(answers["formats"])})
    doc["available"] = flow(answers["available"])

    comments = {
        "name": "cliënt of doelgroep",
        "age": "een leeftijd of {min, max}",
        "gender": "female | male | mixed",
        "setting": "home | residential_care | nursing_home",
        "readiness": "weten, willen, kunnen: yes | no | unknown",
        "digital": "skills: none | basic | good; internet: yes | no | unknown",
        "preferences": "lege lijst: geen voorkeur",
        "available": "interventies die lokaal worden aangeboden",
    }
    for key, text in comments.items():
        if key not in doc.ca.items:
            doc.yaml_add_eol_comment(text, key)
    doc.yaml_set_start_comment(
        "Profiel voor wat-werkt (gemaakt met 'wat-werkt init').\n"
        "Controleer met: wat-werkt validate BESTAND; advies met: wat-werkt advise BESTAND"
    )
    buf = io.StringIO()
    yaml = YAML(typ="rt")
    yaml.width = 120
    yaml.dump(doc, buf)
    return buf.getvalue()
