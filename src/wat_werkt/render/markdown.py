"""Markdown: the advice as a report section a consultant can paste."""

from __future__ import annotations

from typing import IO, Any

from wat_werkt.core.text_safety import markdown_inline
from wat_werkt.render.registry import View, limited
from wat_werkt.render.text import (
    TRI_NL,
    age_text,
    band_line,
    cited_sources,
    effort_text,
    fit_text,
    main_reasons,
    num,
    offer_text,
    reference,
    scale_line,
    signed,
    tie_text,
)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def advice_view(out: IO[str], advice: dict[str, Any], view: View) -> None:
    out.write(advice_markdown(limited(advice, view.top), view.sources, show_all=view.show_all))


def _cite(ids: list[str], sources: dict[str, dict[str, Any]]) -> str:
    """' (Lawlor et al. (2014); Cattan e.a. (2005))': readable citations, listed under Bronnen."""
    if not ids:
        return ""
    return " (" + "; ".join(sources.get(s, {}).get("short", s) for s in ids) + ")"


def advice_markdown(
    advice: dict[str, Any], source_labels: dict[str, dict[str, Any]], show_all: bool = False
) -> str:
    a = advice
    an = a["analysis"]
    out: list[str] = [f"# Advies: {markdown_inline(a['profile']['name'])}", ""]
    p = a["profile"]
    out.append(
        f"*Leeftijd {age_text(p['age'])} · bron: Movisie, Wat werkt bij de aanpak van eenzaamheid*"
    )
    out.append("")
    if a["warnings"]:
        out.append("> **Let op**")
        for w in a["warnings"]:
            out.append(f"> - {w['message']}")
        out.append("")

    out += ["## Stap 1: analyse", ""]
    sev = an["severity"]
    if sev:
        score = f", score {sev['score']}" if sev["score"] is not None else ""
        out.append(f"- **Ernst:** {sev['label']}{score}")
    else:
        out.append("- **Ernst:** onbekend (geef een score op de De Jong Gierveld-schaal)")
    if an["scale"]:
        out.append(f"- **Schaal:** {scale_line(an['scale'])}. *{an['scale']['notice']}*")
    out.append("- **Soort:** " + (", ".join(t["label"] for t in an["types"]) or "onbekend"))
    out.append(f"- **Langdurig:** {TRI_NL[an['chronic']]}")
    for c in an["causes"]:
        out.append(
            f"- **{c['label'].capitalize()}:** " + ", ".join(s["label"] for s in c["situations"])
        )
    prev = an["prevalence"]
    if prev["by_age"]:
        out.append(f"- **Hoe vaak ({prev['survey']}, {prev['year']}):**")
        out += [f"  - {band_line(b)}" for b in prev["by_age"]]
    if prev["youth"]:
        out.append(f"- **Jongeren:** {prev['youth']}")
    for r in an["risk_figures"]:
        figure = f"{num(r['lonely'], 0)}% eenzaam" if r.get("lonely") is not None else ""
        out.append(
            f"- **{r['group'].capitalize()}:** {figure}"
            + (f" ({r['note']})" if r.get("note") else "")
        )
    out.append("")

    out += ["## Stap 2: weten, willen, kunnen", "", "| | Status | Wat volgt |", "|---|---|---|"]
    for r in a["readiness"]:
        out.append(
            f"| {r['label']} | {TRI_NL[r['status']]} | {_cell(r['advice'] or r['question'])} |"
        )
    out.append("")

    out += ["## Stap 3: oplossingsrichtingen", ""]
    for step in a.get("first_steps", []):
        out.append(f"> {step['text']}" + _cite(step["sources"], source_labels))
    if a.get("first_steps"):
        out.append("")
    for n, d in enumerate(a["directions"], 1):
        out.append(
            f"{n}. **{d['label']}**: " + " ".join(d["reasons"]) + _cite(d["sources"], source_labels)
        )
    out.append("")

    ranking = a["ranking"]
    out += [
        "## Stap 4: vergelijking",
        "",
        "| # | Interventie | Id | Score | Bewijs | Vorm | Aandachtspunten |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in ranking:
        score = num(r["score"]) + (f", {fit_text(r)}" if fit_text(r) else "")
        score += f", {tie_text(r)}" if tie_text(r) else ""
        out.append(
            f"| {r['rank']} | {_cell(r['name'])} | `{r['id']}` | {score} | "
            f"{_cell(r['evidence_label'])} | {r['format_labels'] or '–'} | "
            f"{_cell(' '.join(r['cautions']))} |"
        )
    if not ranking:
        out.append("Geen interventie in de ranglijst; zie de waarschuwing bovenaan.")
    if a.get("not_shown"):
        out += ["", f"En nog {len(a['not_shown'])} andere interventies."]
    out.append("")
    if ranking and a.get("fit_note"):
        out += [f"*{a['fit_note']}*", ""]
    if any(r.get("tied_with_previous") for r in ranking) and a.get("tie_break"):
        out += [f"*{a['tie_break']}*", ""]
    if ranking:
        out += ["### Verantwoording per interventie", ""]
        for r in ranking:
            out.append(f"**{r['rank']}. {r['name']}** (`{r['id']}`, score {num(r['score'])})")
            out.append("")
            if r.get("effort"):
                e = r["effort"]
                out.append(f"- {effort_text(e)}" + _cite(e.get("sources") or [], source_labels))
            out += [
                f"- {signed(x['points'])}: {x['text']}" + _cite(x["sources"], source_labels)
                for x in main_reasons(r["reasons"])
            ]
            out += [f"- Let op: {c}" for c in r["cautions"]]
            for o in r.get("local_offer") or []:
                out.append(f"- Lokaal aanbod: {markdown_inline(offer_text(o))}")
            out.append("")

    out += ["## Niet in de ranglijst", ""]
    for e in a["excluded"]:
        reasons = e["reasons"] if show_all else e["reasons"][:1]
        out.append(f"- **{e['name']}** (`{e['id']}`): " + " ".join(reasons))
    out.append("")
    out += ["## Neveneffecten om op te letten", ""]
    out += [f"- {n['text']}" + _cite(n["sources"], source_labels) for n in a["side_effects"]]
    out += ["", "## Voorwaarden voor uitvoering", ""]
    out += [
        f"- {n['text']}" + _cite(n["sources"], source_labels)
        for n in a["implementation_conditions"]
    ]
    out += ["", "## Bronnen", ""]
    out += [
        f"{n}. {reference(source_labels.get(s), s)} `{s}`"
        for n, s in enumerate(cited_sources(a), 1)
    ]
    return "\n".join(out) + "\n"
