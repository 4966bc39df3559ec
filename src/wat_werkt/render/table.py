"""Rich tables for people at a terminal. Imported only when --format table is asked for."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from wat_werkt.render.text import (
    TRI_NL,
    age_text,
    band_line,
    main_reasons,
    num,
    scale_line,
    signed,
    tie_text,
)

SHORT_EXCLUDED = 6


def advice_table(
    console: Console, advice: dict[str, Any], top: int | None = None, show_all: bool = False
) -> None:
    a = advice
    an = a["analysis"]
    p = a["profile"]
    console.print(
        Panel(
            Text(f"{p['name']}  ·  {age_text(p['age'])}", style="bold"),
            title="wat-werkt: advies",
            title_align="left",
        )
    )
    for w in a["warnings"]:
        console.print(
            Text.assemble(("Let op: ", "bold yellow"), w["message"], (f"  [{w['code']}]", "dim"))
        )
    if a["warnings"]:
        console.print()

    console.print(Text("Stap 1 · Analyse", style="bold cyan"))
    sev = an["severity"]
    if sev:
        score = f" (score {sev['score']})" if sev["score"] is not None else ""
        console.print(f"  Ernst: {sev['label']}{score}")
    else:
        console.print("  Ernst: onbekend; geef een score op de De Jong Gierveld-schaal")
    if an["scale"]:
        console.print(f"  {scale_line(an['scale'])}")
        console.print(f"  {an['scale']['notice']}", style="yellow")
    console.print(
        "  Soort: "
        + (", ".join(t["label"] for t in an["types"]) or "onbekend")
        + f"; langdurig: {TRI_NL[an['chronic']]}"
    )
    for c in an["causes"]:
        console.print(
            f"  {c['label'].capitalize()}: " + ", ".join(s["label"] for s in c["situations"])
        )
    prev = an["prevalence"]
    for b in prev["by_age"]:
        console.print(f"  Landelijk {prev['year']}: {band_line(b)}", style="dim")
    if prev["youth"]:
        console.print(f"  Jongeren: {prev['youth']}", style="dim")
    for r in an["risk_figures"]:
        if r.get("lonely") is not None:
            console.print(
                f"  {r['group'].capitalize()}: {num(r['lonely'], 0)}% eenzaam"
                + (f" ({r['note']})" if r.get("note") else ""),
                style="dim",
            )
    console.print()

    console.print(Text("Stap 2 · Weten, willen, kunnen", style="bold cyan"))
    ready = Table(show_header=True, header_style="bold", box=None, padding=(0, 2))
    ready.add_column("")
    ready.add_column("Status")
    ready.add_column("Wat volgt")
    for r in a["readiness"]:
        style = "red" if r["status"] == "no" else ("green" if r["status"] == "yes" else "")
        ready.add_row(
            r["label"], Text(TRI_NL[r["status"]], style=style), r["advice"] or r["question"]
        )
    console.print(ready)
    console.print()

    console.print(Text("Stap 3 · Oplossingsrichtingen", style="bold cyan"))
    for step in a.get("first_steps", []):
        console.print(Text.assemble(("  ▸ ", "bold yellow"), step["text"]))
    for n, d in enumerate(a["directions"], 1):
        console.print(
            Text.assemble(f"  {n}. ", (d["label"], "bold"), f": {' '.join(d['reasons'])}")
        )
    console.print()

    ranking = a["ranking"][:top] if top else a["ranking"]
    table = Table(
        title="Stap 4 · Vergelijking",
        title_justify="left",
        title_style="bold cyan",
        show_lines=True,
        expand=True,
    )
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Interventie", ratio=3, min_width=18)
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("Bewijs", ratio=2)
    table.add_column("Vorm", ratio=1)
    table.add_column("Belangrijkste redenen", ratio=5)
    table.add_column("Let op", ratio=3)
    for r in ranking:
        reasons = Text()
        for x in main_reasons(r["reasons"]):
            style = "green" if x["points"] > 0 else "red"
            reasons.append(f"{signed(x['points'])} ", style=style)
            reasons.append(
                x["text"] + (f" [{', '.join(x['sources'])}]" if x["sources"] else "") + "\n"
            )
        reasons.rstrip()
        table.add_row(
            str(r["rank"]),
            r["name"] + (f"\n({tie_text(r)})" if tie_text(r) else ""),
            num(r["score"]) + (f"\n{r['fit_label']}" if r.get("fit_label") else ""),
            r["evidence_label"],
            r["format_labels"] or "–",
            reasons,
            r["cautions"][0] if r["cautions"] else "",
        )
    console.print(table)
    if any(r.get("tied_with_previous") for r in ranking) and a.get("tie_break"):
        console.print(f"  {a['tie_break']}", style="dim")
    if top and len(a["ranking"]) > top:
        console.print(
            f"  … en nog {len(a['ranking']) - top} andere (zonder --top ziet u ze allemaal)",
            style="dim",
        )
    console.print()

    console.print(Text(f"Niet in de ranglijst ({len(a['excluded'])})", style="bold cyan"))
    shown = a["excluded"] if show_all else a["excluded"][:SHORT_EXCLUDED]
    for e in shown:
        reasons = e["reasons"] if show_all else e["reasons"][:1]
        console.print(Text.assemble("  ", (e["name"], "bold"), ": ", " ".join(reasons)))
    if len(shown) < len(a["excluded"]):
        console.print(
            f"  … en nog {len(a['excluded']) - len(shown)}; gebruik --all voor alles", style="dim"
        )
    console.print()
    console.print(Text("Neveneffecten om op te letten", style="bold cyan"))
    for n in a["side_effects"]:
        console.print(f"  • {n['text']}")
    console.print(Text("Voorwaarden voor uitvoering", style="bold cyan"))
    for n in a["implementation_conditions"]:
        console.print(f"  • {n['text']}")


def list_table(console: Console, rows: list[dict[str, Any]]) -> None:
    table = Table(title="Interventies in de kennisbank", title_justify="left", expand=True)
    table.add_column("Id", no_wrap=True)
    for col in ("Naam", "Status", "Bewijs", "Vorm", "Leeftijd", "Doelgroep"):
        table.add_column(col)
    for r in rows:
        table.add_row(
            r["id"],
            r["name"],
            r["status_label"],
            r["evidence_label"],
            ", ".join(r["formats"]) or "–",
            r["age_label"],
            r["target_group"],
        )
    console.print(table)


def evidence_card(console: Console, card: dict[str, Any]) -> None:
    body = Table.grid(padding=(0, 2))
    body.add_column(style="bold", no_wrap=True)
    body.add_column()
    body.add_row("Wat", card["summary"])
    body.add_row("Voor wie", card["target_group"]["description"] + f" ({card['age_label']})")
    if card.get("age_basis"):
        body.add_row("Leeftijd", f"{card['age_label']}; {card['age_basis']}")
    body.add_row("Vorm", ", ".join(card["formats"]) or "niet beschreven")
    if card.get("delivered_by"):
        body.add_row("Uitvoering", card["delivered_by"])
    if card.get("intensity_label"):
        body.add_row("Intensiteit", card["intensity_label"])
    if card.get("effort"):
        effort = card["effort"]
        body.add_row("Inzet", f"{effort['label']}: {effort['text']}")
    if card.get("origin"):
        body.add_row("Herkomst", card["origin"])
    body.add_row(
        "Status",
        card["status_label"] + (f". {card['availability']}" if card.get("availability") else ""),
    )
    body.add_row("Richtingen", ", ".join(card["direction_labels"]))
    body.add_row("Werkzame factoren", "\n".join(card["factor_labels"]) or "–")
    body.add_row(
        "Bewijs", Text.assemble((card["evidence_label"], "bold"), "\n", card["evidence_summary"])
    )
    for n, s in enumerate(card["studies"], 1):
        body.add_row(
            f"Studie {n}", f"{s['finding']} ({s['design_label']}; {', '.join(s['source_labels'])})"
        )
    if not card["studies"]:
        body.add_row("Studies", "Geen eigen studie in het dossier.")
    for c in card["cautions_detail"]:
        body.add_row("Let op", f"{c['text']} [{', '.join(c['sources'])}]")
    if card.get("more_info"):
        body.add_row("Meer info", card["more_info"])
    body.add_row("Bronnen", "\n".join(card["source_labels"]))
    console.print(Panel(body, title=f"{card['name']}  [{card['id']}]", title_align="left"))


def factors_table(console: Console, rows: list[dict[str, Any]]) -> None:
    table = Table(
        title="Werkzame factoren (dossier §2.2)", title_justify="left", show_lines=True, expand=True
    )
    table.add_column("Id", no_wrap=True)
    for col in ("Factor", "Sterkte", "Doelgroep", "Vergelijking", "Bronnen"):
        table.add_column(col)
    for r in rows:
        table.add_row(
            r["id"],
            Text.assemble((r["name"], "bold"), "\n", r["description"]),
            r["strength_label"],
            r["target_group"],
            "\n".join(r["comparisons"]),
            ", ".join(r["sources"]),
        )
    console.print(table)


def compare_table(console: Console, results: list[dict[str, Any]], top: int) -> None:
    """Interventions down, profiles across; cells are ranks, the top N highlighted."""
    ids: dict[str, str] = {}
    for res in results:
        for r in res["ranking"]:
            ids.setdefault(r["id"], r["name"])
    best = {i: min((res_rank(res, i) or 999) for res in results) for i in ids}
    order = sorted(ids, key=lambda i: (best[i], i))
    table = Table(title="Vergelijking: rang per profiel", title_justify="left")
    table.add_column("Interventie", no_wrap=True, max_width=34)
    for n in range(1, len(results) + 1):
        table.add_column(str(n), justify="right", no_wrap=True)
    for i in order:
        cells = []
        for res in results:
            rank = res_rank(res, i)
            style = "bold green" if rank is not None and rank <= top else "dim"
            cells.append(Text("–" if rank is None else str(rank), style=style))
        table.add_row(ids[i], *cells)
    console.print(table)
    legend = Table.grid(padding=(0, 1))
    for n, res in enumerate(results, 1):
        legend.add_row(f"{n}.", res["profile"]["name"], Text(res.get("file", ""), style="dim"))
    console.print(legend)


def res_rank(res: dict[str, Any], iid: str) -> int | None:
    return next((r["rank"] for r in res["ranking"] if r["id"] == iid), None)


def scale_result(console: Console, result: dict[str, Any]) -> None:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    grid.add_row("Totaal", f"{result['total']} van {result['items']}")
    for s in result["subscales"].values():
        grid.add_row(s["label"].capitalize(), f"{s['score']} van {s['max']}")
    grid.add_row(
        "Ernst", f"{result['severity_label']} (band {result['band'][0]}-{result['band'][1]})"
    )
    labels = {t: s["label"] for t, s in result["subscales"].items()}
    grid.add_row("Soort", ", ".join(labels.get(t, t) for t in result["types"]) or "geen")
    grid.add_row("Bron", ", ".join(result["sources"]))
    console.print(Panel(grid, title=result["name"], title_align="left"))
    console.print(Text(result["notice"], style="yellow"))


def figures_table(console: Console, result: dict[str, Any]) -> None:
    table = Table(
        title=f"Eenzaamheid per leeftijd (%), {result['survey']} {result['year']}",
        title_justify="left",
    )
    for col in ("Leeftijd", "Eenzaam", "(Zeer) ernstig", "Emotioneel", "Sociaal"):
        table.add_column(col, justify="right")
    for b in result["by_age"]:
        ages = f"{b['min']}+" if b["max"] >= 120 else f"{b['min']}-{b['max']}"
        table.add_row(
            ages, num(b["lonely"]), num(b["severely_lonely"]), num(b["emotional"]), num(b["social"])
        )
    console.print(table)
    risks = Table(title="Risicofactoren (§1.5, %)", title_justify="left")
    for col in ("Groep", "Eenzaam", "(Zeer) ernstig", "Toelichting"):
        risks.add_column(col)
    for r in result["risk_factors"]:
        risks.add_row(
            r["group"],
            num(r.get("lonely"), 0) if r.get("lonely") is not None else "–",
            num(r.get("severely_lonely"), 0) if r.get("severely_lonely") is not None else "–",
            r.get("note") or "",
        )
    console.print(risks)
    console.print(f"Jongeren: {result['youth']}", style="dim")
    console.print(Text(result["notice"], style="yellow"))


def estimate_table(console: Console, result: dict[str, Any]) -> None:
    table = Table(title="Geschat aantal eenzame inwoners", title_justify="left")
    for col in ("Leeftijd", "Inwoners", "Eenzaam", "(Zeer) ernstig", "Emotioneel", "Sociaal"):
        table.add_column(col, justify="right")

    def fmt(n):
        return "–" if n is None else f"{n:,}".replace(",", ".")

    for r in result["rows"]:
        table.add_row(
            r["ages"],
            fmt(r["residents"]),
            *(fmt(r[m]) for m in ("lonely", "severely_lonely", "emotional", "social")),
        )
    t = result["total"]
    table.add_row(
        Text("Totaal", style="bold"),
        fmt(t["residents"]),
        *(fmt(t[m]) for m in ("lonely", "severely_lonely", "emotional", "social")),
        style="bold",
    )
    console.print(table)
    console.print(Text(result["notice"], style="yellow"))
