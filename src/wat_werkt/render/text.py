"""Small Dutch formatting helpers shared by the table and Markdown renderers."""

from __future__ import annotations

from typing import Any

TRI_NL = {"yes": "ja", "no": "nee", "unknown": "onbekend"}


def num(x: float | None, decimals: int = 1) -> str:
    """Dutch decimal comma: 40,9."""
    if x is None:
        return "–"
    return f"{x:.{decimals}f}".replace(".", ",")


def signed(x: float) -> str:
    return ("+" if x > 0 else "") + num(x)


def age_text(age: dict[str, int]) -> str:
    lo, hi = age["min"], age["max"]
    if lo == hi:
        return f"{lo} jaar"
    return f"{lo}+ jaar" if hi >= 120 else f"{lo}-{hi} jaar"


def band_line(b: dict[str, Any]) -> str:
    ages = f"{b['min']}+" if b["max"] >= 120 else f"{b['min']}-{b['max']}"
    return (
        f"{ages} jaar: {num(b['lonely'])}% eenzaam, {num(b['severely_lonely'])}% (zeer) ernstig; "
        f"emotioneel {num(b['emotional'])}%, sociaal {num(b['social'])}%"
    )


def scale_line(scale: dict[str, Any] | None) -> str | None:
    """'11 items: totaal 9; emotioneel 5 van 6, sociaal 4 van 5' for step 1."""
    if not scale:
        return None
    parts = ", ".join(
        f"{s['label']} {s['score']} van {s['max']}" for s in scale["subscales"].values()
    )
    return f"{scale['name']}: totaal {scale['total']} van {scale['items']}; {parts}"


def main_reasons(reasons: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every reason in reading order: marks without points first, gains by weight, penalties.

    All of them, so the points shown add up to the score a reader sees.
    """
    marks = [r for r in reasons if r.get("kind") == "not_indicated"]
    gains = sorted((r for r in reasons if r["points"] > 0), key=lambda r: -r["points"])
    losses = [r for r in reasons if r["points"] < 0]
    return marks + gains + losses


def fit_text(item: dict[str, Any]) -> str:
    """What a score means for this profile: its fit class next to the best option."""
    if not item.get("fit_label"):
        return ""
    return f"{item['fit_label']} ({item['relative_score']}%)"


def tie_text(item: dict[str, Any]) -> str:
    return "gelijkwaardig aan de vorige" if item.get("tied_with_previous") else ""


def sources_text(ids: list[str]) -> str:
    return ", ".join(ids)


def cited_sources(advice: dict[str, Any]) -> list[str]:
    """Every source id the advice cites, in order of first appearance."""
    seen: dict[str, None] = {}

    def add(ids):
        for s in ids or []:
            seen.setdefault(s, None)

    add(advice["analysis"]["prevalence"]["sources"])
    for step in advice.get("first_steps", []):
        add(step["sources"])
    for d in advice["directions"]:
        add(d["sources"])
    for w in advice["warnings"]:
        add(w.get("sources"))
    for r in advice["ranking"]:
        for reason in r["reasons"]:
            add(reason["sources"])
        add((r.get("effort") or {}).get("sources"))
    for n in advice["side_effects"] + advice["implementation_conditions"]:
        add(n["sources"])
    return list(seen)


def effort_text(effort: dict[str, Any]) -> str:
    """'Gemiddelde inzet: who delivers and how often' (the label names the field already)."""
    label = effort["label"]
    return f"{label[:1].upper()}{label[1:]}: {effort['text']}"


def reference(source: dict[str, Any] | None, sid: str) -> str:
    """'Lawlor e.a. (2014). Title. Journal. Note.' from what the knowledge base knows of a source."""
    if not source:
        return sid
    year = source.get("year") or "z.j."
    parts = [f"{source['authors']} ({year})"]
    parts += [source[k].rstrip(".") for k in ("title", "published_in", "note") if source.get(k)]
    # A title ending in '?' or '!' already closes its sentence: no '.' after it.
    return "".join(p + ("" if p.endswith(("?", "!")) else ".") + " " for p in parts).rstrip()


def offer_text(o: dict[str, Any]) -> str:
    """One local activity: 'Naam, aanbieder, plaats, kosten: ..., contact' and whether it is
    outdated."""
    cost = o.get("cost")
    parts = [o.get("name"), o.get("provider"), o.get("place"), cost and f"kosten: {cost}"]
    parts.append(o.get("contact"))
    text = ", ".join(str(x) for x in parts if x)
    return text + (" (gegevens ouder dan een jaar)" if o.get("outdated") else "")
