"""Full references in data/sources.yaml: what the reference lists in reports can print."""

from __future__ import annotations

import re

from ruamel.yaml import YAML

from tests.conftest import ROOT, run_cli


def _sources() -> dict[str, dict]:
    data = YAML(typ="safe").load((ROOT / "data" / "sources.yaml").read_text(encoding="utf-8"))
    return {s["id"]: s for s in data["sources"]}


def test_a_titled_source_also_says_where_it_appeared_and_the_reverse():
    sources = _sources()
    titled = {i for i, s in sources.items() if s.get("title")}
    placed = {i for i, s in sources.items() if s.get("published_in")}
    assert titled == placed
    # Most of the cited reviews and trials could be confirmed (30 of 55 when filled in).
    assert len(titled) >= 30
    for sid in titled:
        s = sources[sid]
        # A title is the publication's own, not the authors or our Dutch note repeated.
        assert s["title"] not in (s["authors"], s.get("note")), sid


def test_the_evidence_card_prints_the_full_reference_of_a_review():
    card = run_cli("evidence", "cbt")
    assert card.code == 0, card.err
    text = re.sub(r"[│\s]+", " ", card.out)
    assert (
        "Masi, Chen, Hawkley & Cacioppo (2011). A meta-analysis of interventions to reduce "
        "loneliness. Personality and Social Psychology Review, 15(3), 219-266."
    ) in text


def test_a_title_ending_in_a_question_mark_gets_no_extra_full_stop():
    from wat_werkt.render.text import reference

    source = {
        "authors": "Findlay",
        "year": 2003,
        "title": "Where is the evidence?",
        "published_in": "Ageing and Society",
    }
    assert reference(source, "findlay2003") == (
        "Findlay (2003). Where is the evidence? Ageing and Society."
    )
