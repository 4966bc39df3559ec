"""Shell completion (tab) for values from the knowledge base: ids, evidence levels, statuses.

Called by the shell only; loads the knowledge base from its cache when asked.
"""

from __future__ import annotations


def _kb():
    from wat_werkt.core.kb_load import load_kb

    return load_kb(None)


def _matching(pairs, incomplete: str) -> list[tuple[str, str]]:
    return [(code, help) for code, help in pairs if code.startswith(incomplete)]


def intervention_ids(incomplete: str) -> list[tuple[str, str]]:
    kb = _kb()
    return _matching(((iid, e.data.name) for iid, e in kb.by_id.items()), incomplete)


def evidence_levels(incomplete: str) -> list[tuple[str, str]]:
    return _matching(((k, v.label) for k, v in _kb().evidence.items()), incomplete)


def statuses(incomplete: str) -> list[tuple[str, str]]:
    return _matching(((k, v.label) for k, v in _kb().statuses.items()), incomplete)


def formats(incomplete: str) -> list[tuple[str, str]]:
    return _matching(_kb().formats.items(), incomplete)
