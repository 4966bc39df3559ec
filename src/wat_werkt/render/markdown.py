"""Markdown: the advice as a report section a consultant can paste."""

from __future__ import annotations

from typing import IO, Any

from wat_werkt.render.registry import View, limited
from wat_werkt.render.text import (
    TRI_NL,
    age_text,
    band_line,
    cited_sources,
    fit_text,
    main_reasons,
    num,
    scale_line,
    signed,
    sources_text,
    tie_text,
)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def advice_view(out: IO[str], advice: dict[str, Any], view: View) -> None:
    out.write(advice_markdown(limited(advice, view.top), view.sources, show_all=view.show_all))


def advice_markdown(
    advice: dict[str, Any],
    source_labels: dict[str, dict[str, Any]],
    top: int | None = None,
    show_all: bool = False,
) -> str:
    a = advice
    an = a["analysis"]
    out: list[str] = [f"# Advies: {a['profile']['name']}", ""]
    p = a["profile"]
    out.append(
        f"*Leeftijd {age_text(p['age'])} · bron: Movisie, Wat werkt bij de aanpak van eenzaamheid*"
    )
    out.append("")
    if a["warnings"]:
        out.append("> **Let op**")
        for w in a["warnings"]:
            out.append(f"> - {w['message']} (`{w['code']}`)")
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
        out.append(f"> {step['text']} [{sources_text(step['sources'])}]")
    if a.get("first_steps"):
        out.append("")
    for n, d in enumerate(a["directions"], 1):
        out.append(
            f"{n}. **{d['label']}**: " + " ".join(d["reasons"]) + f" [{sources_text(d['sources'])}]"
        )
    out.append("")

    ranking = a["ranking"][:top] if top else a["ranking"]
    out += [
        "## Stap 4: vergelijking",
        "",
        "| # | Interventie | Score | Bewijs | Vorm | Belangrijkste redenen | Aandachtspunten |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in ranking:
        reasons = "<br>".join(
            f"{signed(x['points'])} {x['text']}" for x in main_reasons(r["reasons"])
        )
        out.append(
            f"| {r['rank']} | {_cell(r['name'])} | {num(r['score'])}"
            + (f"<br>{fit_text(r)}" if fit_text(r) else "")
            + (f"<br>{tie_text(r)}" if tie_text(r) else "")
            + f" | {_cell(r['evidence_label'])} | "
            f"{r['format_labels'] or '–'} | {_cell(reasons)} | {_cell('; '.join(r['cautions']))} |"
        )
    out.append("")
    if any(r.get("tied_with_previous") for r in ranking) and a.get("tie_break"):
        out += [f"*{a['tie_break']}*", ""]
    if ranking:
        out += ["### Verantwoording per interventie", ""]
        for r in ranking:
            out.append(f"**{r['rank']}. {r['name']}** (score {num(r['score'])})")
            out += [
                f"- {signed(x['points'])}: {x['text']}"
                + (f" [{sources_text(x['sources'])}]" if x["sources"] else "")
                for x in r["reasons"]
            ]
            out.append("")

    out += ["## Niet in de ranglijst", ""]
    for e in a["excluded"]:
        reasons = e["reasons"] if show_all else e["reasons"][:1]
        out.append(f"- **{e['name']}**: " + " ".join(reasons))
    out.append("")
    out += ["## Neveneffecten om op te letten", ""]
    out += [f"- {n['text']} [{sources_text(n['sources'])}]" for n in a["side_effects"]]
    out += ["", "## Voorwaarden voor uitvoering", ""]
    out += [f"- {n['text']} [{sources_text(n['sources'])}]" for n in a["implementation_conditions"]]
    out += ["", "## Bronnen", ""]
    out += [
        f"- `{s}`: {source_labels[s]['short'] if s in source_labels else s}"
        for s in cited_sources(a)
    ]
    return "\n".join(out) + "\n"
