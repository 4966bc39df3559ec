"""Scoring the De Jong Gierveld loneliness scale (11 items) and its short form (6 items).

The scoring keys (which item belongs to which subscale, which answers count, the bands) are in
data/factors.yaml under `scales`; this module only applies them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from wat_werkt.core.kb_records import Scale
from wat_werkt.core.knowledge import KnowledgeBase


def normalise(kb: KnowledgeBase, answer: Any) -> str | None:
    """The canonical answer, or None when it is not one of the three. The spellings people use
    (ja/yes/j, min of meer/mom/?, ...) are the `scale_answer` vocabulary of data/profile.yaml."""
    return kb.profile.vocabularies["scale_answer"].resolve(answer)


def scale_for(kb: KnowledgeBase, count: int) -> Scale | None:
    return _scales(kb)[0].get(count)


def item_counts(kb: KnowledgeBase) -> tuple[int, ...]:
    """How many items each scale has (6, 11), smallest first."""
    return _scales(kb)[1]


def _scales(kb: KnowledgeBase) -> tuple[dict[int, Scale], tuple[int, ...]]:
    """The scales by their number of items, and those numbers: worked out once per knowledge
    base (kept by id, checked to be the same object)."""
    known = _SCALES.get(id(kb))
    if known is None or known[0] is not kb:
        by_count: dict[int, Scale] = {}
        for s in kb.factors_file.scales:
            by_count.setdefault(len(s.items), s)
        known = _SCALES[id(kb)] = (kb, by_count, tuple(sorted(by_count)))
    return known[1], known[2]


_SCALES: dict[int, tuple[KnowledgeBase, dict[int, Scale], tuple[int, ...]]] = {}


def check_answers(kb: KnowledgeBase, answers: Any) -> list[tuple[int | None, str]]:
    """Problems as (item index or None, Dutch message); empty when the answers can be scored."""
    counts = item_counts(kb)
    if not isinstance(answers, list):
        return [(None, "'answers' moet een lijst van antwoorden zijn")]
    if len(answers) not in counts:
        expected = " of ".join(str(n) for n in counts)
        return [(None, f"verwacht {expected} antwoorden (één per item), niet {len(answers)}")]
    allowed = ", ".join(kb.factors_file.scale_answers)
    empty = [i for i, a in enumerate(answers) if is_unanswered(a)]
    out: list[tuple[int | None, str]] = (
        [(empty[0], unanswered(empty, len(answers)))] if empty else []
    )
    return out + [
        (i, f"item {i + 1}: ongeldig antwoord {a!r}; gebruik {allowed}")
        for i, a in enumerate(answers)
        if i not in empty and normalise(kb, a) is None
    ]


def is_unanswered(answer: Any) -> bool:
    """An item left open: an empty cell, or null / "" in YAML."""
    return answer is None or (isinstance(answer, str) and not answer.strip())


def unanswered(items: Sequence[int], count: int, advice: bool = False) -> str:
    """What to say about items (0-based) left open. The dossier gives no rule to score a scale
    with items missing, so the answers are not scored: fill them in, or (for advice) leave them
    all out and the advice follows from the rest of the profile."""
    numbers = [str(i + 1) for i in items]
    if len(numbers) == 1:
        said = f"item {numbers[0]} is niet ingevuld"
    else:
        said = f"items {', '.join(numbers[:-1])} en {numbers[-1]} zijn niet ingevuld"
    todo = f"vul alle {count} antwoorden in"
    if advice:
        todo += ", of laat ze allemaal leeg voor advies zonder schaalscore"
    return f"{said}; {todo}"


def score(kb: KnowledgeBase, answers: list[Any]) -> dict[str, Any]:
    """Total, subscales, severity band and kinds of loneliness for a complete set of answers."""
    # A survey scores the same sets of answers again and again: those given as codes are
    # remembered with their result (a key of other values never equals one of codes).
    try:
        remembered = _BY_ANSWERS.get((id(kb), *answers))
    except TypeError:  # an unhashable answer: not a code, and not remembered
        remembered = None
    if remembered is not None and remembered[0] is kb:
        _, codes, head, tail = remembered
        return {**head, "answers": list(codes), **tail, "types": list(tail["types"])}
    scale = scale_for(kb, len(answers))
    assert scale is not None, "answers are checked against the scales first"
    vocab = kb.profile.vocabularies["scale_answer"]
    # Answers checked by the profile checker are codes already: look up only the others.
    given = [a if type(a) is str and a in vocab.labels else vocab.resolve(a) for a in answers]
    subscales = _subscales(scale, given)
    # All but the answers follows from the subscale scores, of which there are few: survey
    # batches score the same few dozen combinations over and over.
    memo_key = (id(kb), scale.id, *subscales.items())
    known = _BY_SUBSCALES.get(memo_key)
    if known is None or known[0] is not kb:
        known = _BY_SUBSCALES[memo_key] = (kb, *_from_subscales(kb, scale, subscales))
    _, head, tail = known
    labels = vocab.labels
    if len(_BY_ANSWERS) < MAX_REMEMBERED and all(type(a) is str and a in labels for a in answers):
        _BY_ANSWERS[(id(kb), *answers)] = (kb, tuple(answers), head, tail)
    # Same key order as ever; the profile adopts `types`, so it gets its own list.
    return {**head, "answers": given, **tail, "types": list(tail["types"])}


MAX_REMEMBERED = 20_000  # sets of answers (~0.3 KB each); there are 3**11 = 177,147
# (id(kb), answers as codes) -> (kb, the answers, the result's parts before and after them).
_BY_ANSWERS: dict[tuple, tuple[Any, tuple[str, ...], dict[str, Any], dict[str, Any]]] = {}


def subscale_scores(kb: KnowledgeBase, answers: Sequence[str]) -> tuple[tuple[str, int], ...]:
    """The subscale scores of a complete set of answers given as codes: `score` gives the
    same result for any two sets with the same, but for the answers themselves."""
    scale = scale_for(kb, len(answers))
    assert scale is not None, "answers are checked against the scales first"
    return tuple(_subscales(scale, answers).items())


def _subscales(scale: Scale, answers: Sequence[str | None]) -> dict[str, int]:
    """Per subscale, in the items' order, how many of its items' answers count."""
    subscales: dict[str, int] = {}
    for item, answer in zip(scale.items, answers, strict=True):
        subscales[item.subscale] = subscales.get(item.subscale, 0) + (answer in item.counts)
    return subscales


# (id(kb), scale, subscale scores) -> (kb, the result's parts before and after the answers).
_BY_SUBSCALES: dict[tuple, tuple[Any, dict[str, Any], dict[str, Any]]] = {}


def _from_subscales(
    kb: KnowledgeBase, scale: Scale, subscales: dict[str, int]
) -> tuple[dict, dict]:
    maxima: dict[str, int] = {}
    for item in scale.items:
        maxima[item.subscale] = maxima.get(item.subscale, 0) + 1
    total = sum(subscales.values())
    band = next(b for b in scale.bands if b.min <= total <= b.max)
    types = [t for t, threshold in scale.type_threshold.items() if subscales.get(t, 0) >= threshold]
    if not types and total:
        # Below every threshold: the subscale that weighs most, relative to its size.
        share = {t: subscales[t] / maxima[t] for t in subscales}
        top = max(share.values())
        types = [t for t in scale.type_threshold if share.get(t) == top]
    severity = next(s for s in kb.factors_file.severities if s.id == band.severity)
    head = {"scale": scale.id, "name": scale.name, "items": len(scale.items)}
    tail = {
        "total": total,
        "subscales": {
            t: {"score": subscales[t], "max": maxima[t], "label": kb.types[t].label}
            for t in subscales
        },
        "severity": band.severity,
        "severity_label": severity.label,
        "band": [band.min, band.max],
        "types": types,
        "notice": kb.factors_file.scale_notice.strip(),
        "sources": list(scale.sources),
    }
    return head, tail
