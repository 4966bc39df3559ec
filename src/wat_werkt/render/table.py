"""Rich tables for people at a terminal. Imported only when --format table is asked for."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import chain, islice
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.panel import Panel
from rich.text import Text

from wat_werkt.core.text_safety import terminal
from wat_werkt.render.layout import batched, blank, field, heading, keep_words, line, show, wide
from wat_werkt.render.registry import COMPARE_TOP, View, best_n, limited
from wat_werkt.render.text import (
    TRI_NL,
    age_text,
    band_line,
    effort_text,
    main_reasons,
    num,
    offer_text,
    reference,
    scale_line,
    signed,
)

if TYPE_CHECKING:  # imported where a table is drawn: advice below 140 columns draws none
    from rich.table import Table

SHORT_EXCLUDED = 6


def advice_view(console: Console, advice: dict[str, Any], view: View) -> None:
    with batched(console):
        advice_table(console, limited(advice, view.top), view.show_all)


def compare_view(console: Console, data: dict[str, Any], view: View) -> None:
    compare_table(console, data["results"], view.top or COMPARE_TOP)  # streams: no batch


def list_view(console: Console, rows: list[dict[str, Any]], view: View) -> None:
    with batched(console):
        list_table(console, rows)


def evidence_view(console: Console, card: dict[str, Any], view: View) -> None:
    evidence_card(console, card)


def factors_view(console: Console, rows: list[dict[str, Any]], view: View) -> None:
    with batched(console):
        factors_table(console, rows)


def scale_view(console: Console, result: dict[str, Any], view: View) -> None:
    scale_result(console, result, view)


def prevalence_view(console: Console, result: dict[str, Any], view: View) -> None:
    (estimate_table if "rows" in result else figures_table)(console, result)


def advice_table(console: Console, advice: dict[str, Any], show_all: bool = False) -> None:
    """The advice; a ranking cut by --top names the rest in `not_shown`."""
    a = advice
    an = a["analysis"]
    p = a["profile"]
    show(
        console,
        Panel(
            Text(f"{terminal(p['name'], one_line=True)}  ·  {age_text(p['age'])}", style="bold"),
            title=Text("wat-werkt: advies"),  # a str title loads rich's emoji table
            title_align="left",
        ),
    )
    for w in a["warnings"]:
        line(console, Text("Let op: ", style="bold yellow"), w["message"], hang=2)
    if a["warnings"]:
        blank(console)

    heading(console, "Stap 1 · Analyse")
    sev = an["severity"]
    if sev:
        score = f" (score {sev['score']})" if sev["score"] is not None else ""
        line(console, "  Ernst: ", f"{sev['label']}{score}", hang=4)
    else:
        line(console, "  Ernst: ", "onbekend; geef een score op de De Jong Gierveld-schaal", 4)
    if an["scale"]:
        line(console, "  ", scale_line(an["scale"]) or "", hang=4)
        line(console, "  ", Text(an["scale"]["notice"], style="yellow"), hang=4)
    types = ", ".join(t["label"] for t in an["types"]) or "onbekend"
    line(console, "  Soort: ", f"{types}; langdurig: {TRI_NL[an['chronic']]}", hang=4)
    for c in an["causes"]:
        situations = ", ".join(s["label"] for s in c["situations"])
        line(console, f"  {c['label'].capitalize()}: ", situations, hang=4)
    prev = an["prevalence"]
    for b in prev["by_age"]:
        line(console, "  ", Text(f"Landelijk {prev['year']}: {band_line(b)}", style="dim"), 4)
    if prev["youth"]:
        line(console, "  ", Text(f"Jongeren: {prev['youth']}", style="dim"), hang=4)
    for r in an["risk_figures"]:
        if r.get("lonely") is not None:
            note = f" ({r['note']})" if r.get("note") else ""
            text = f"{r['group'].capitalize()}: {num(r['lonely'], 0)}% eenzaam{note}"
            line(console, "  ", Text(text, style="dim"), hang=4)
    blank(console)

    heading(console, "Stap 2 · Weten, willen, kunnen")
    for r in a["readiness"]:
        style = "red" if r["status"] == "no" else ("green" if r["status"] == "yes" else "")
        prefix = Text(f"  {r['label']:<8}") + Text(f"{TRI_NL[r['status']]:<10}", style=style)
        line(console, prefix, r["advice"] or r["question"])
    blank(console)

    heading(console, "Stap 3 · Oplossingsrichtingen")
    for step in a.get("first_steps", []):
        line(console, Text("  ▸ ", style="bold yellow"), step["text"])
    for n, d in enumerate(a["directions"], 1):
        line(
            console, f"  {n}. ", Text.assemble((d["label"], "bold"), f": {' '.join(d['reasons'])}")
        )
    blank(console)

    ranking = a["ranking"]
    table = ranking_table(ranking) if wide(console) else None
    if table is not None and keep_words(console, table):
        show(console, table)
    else:
        heading(console, "Stap 4 · Vergelijking")
        if not ranking:
            line(console, "  ", "Geen interventie in de ranglijst; zie de waarschuwing hierboven.")
        for r in ranking:
            blank(console)
            ranked_block(console, r)
        if ranking:
            blank(console)  # the notes below are about the whole list, not the last block
    if ranking and a.get("fit_note"):
        line(console, "  ", Text(a["fit_note"], style="dim"))
    if any(r.get("tied_with_previous") for r in ranking) and a.get("tie_break"):
        line(console, "  ", Text(a["tie_break"], style="dim"))
    hidden = len(a.get("not_shown", []))
    if hidden:
        blank(console)
        line(
            console, "  ", Text(f"En nog {hidden} andere; zonder --top ziet u ze allemaal.", "dim")
        )
    blank(console)

    heading(console, f"Niet in de ranglijst ({len(a['excluded'])})")
    shown = a["excluded"] if show_all else a["excluded"][:SHORT_EXCLUDED]
    for e in shown:
        reasons = e["reasons"] if show_all else e["reasons"][:1]
        body = Text.assemble((e["name"], "bold"), (f" ({e['id']})", "dim"), ": ", " ".join(reasons))
        line(console, "  ", body, hang=4)
    if len(shown) < len(a["excluded"]):
        more = len(a["excluded"]) - len(shown)
        line(console, "  ", Text(f"En nog {more}; gebruik --all voor alles.", style="dim"))
    blank(console)
    heading(console, "Neveneffecten om op te letten")
    for n in a["side_effects"]:
        line(console, "  • ", n["text"])
    blank(console)
    heading(console, "Voorwaarden voor uitvoering")
    for n in a["implementation_conditions"]:
        line(console, "  • ", n["text"])


def score_text(r: dict[str, Any]) -> Text:
    """'38,0 · past goed (80% van de beste) · gelijkwaardig aan nr. 2': whatever is known."""
    text = Text(num(r["score"]), style="bold")
    if r.get("fit_label"):
        text.append(f" · {r['fit_label']}")
    if r.get("relative_score") is not None:
        share = f"{num(r['relative_score'], 0)}% van de beste"
        # a label that ends in brackets itself ("pas na stap 2 (willen)") gets no second pair
        label = r.get("fit_label") or ""
        text.append(f" · {share}" if label.endswith(")") else f" ({share})")
    if r.get("tied_with_previous"):
        text.append(" · gelijkwaardig aan de vorige")
    return text


def reason_lines(r: dict[str, Any]) -> list[tuple[Text, Text]]:
    """(points, text with sources) for the reasons that weigh most."""
    out = []
    for x in main_reasons(r["reasons"]):
        points = Text(f"{signed(x['points']):>5} ", style="green" if x["points"] > 0 else "red")
        text = Text(x["text"])
        if x["sources"]:
            text.append(f" [{', '.join(x['sources'])}]", style="dim")
        out.append((points, text))
    return out


def ranked_block(console: Console, r: dict[str, Any]) -> None:
    """One ranked intervention as a block of labelled lines: reads at any width."""
    title = Text.assemble(
        (f"{r['rank']}. ", "bold"), (r["name"], "bold"), (f"  ({r['id']})", "dim")
    )
    line(console, "  ", title, hang=5)  # the name wraps under itself, after "1. "
    field(console, "Score", score_text(r))
    field(console, "Bewijs", r["evidence_label"])
    field(console, "Vorm", r["format_labels"] or "niet beschreven")
    effort = r.get("effort")
    if effort:
        text = Text(effort_text(effort))
        if effort.get("sources"):
            text.append(f" [{', '.join(effort['sources'])}]", style="dim")
        field(console, "Inzet", text)
    for n, (points, reason) in enumerate(reason_lines(r)):
        field(console, "Redenen" if n == 0 else "", reason, lead=points)
    for n, caution in enumerate(r["cautions"]):
        field(console, "Let op" if n == 0 else "", caution)
    for n, o in enumerate(r.get("local_offer") or []):
        field(console, "Lokaal" if n == 0 else "", terminal(offer_text(o), one_line=True))


def ranking_table(ranking: list[dict[str, Any]]) -> Table:
    """Step 4 as one table, for terminals wide enough that no column cuts a word."""
    from rich.table import Table

    table = Table(
        title="Stap 4 · Vergelijking",
        title_justify="left",
        title_style="bold cyan",
        show_lines=True,
        expand=True,
    )
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Interventie", ratio=3, min_width=18, overflow="fold")
    table.add_column("Score", justify="right", overflow="fold", max_width=18)
    table.add_column("Bewijs", ratio=2, overflow="fold")
    table.add_column("Vorm", ratio=1, overflow="fold")
    effort = any(r.get("effort") for r in ranking)
    if effort:
        table.add_column("Inzet", ratio=2, overflow="fold")
    table.add_column("Redenen (punten)", ratio=5, overflow="fold")
    table.add_column("Let op", ratio=3, overflow="fold")
    for r in ranking:
        reasons = Text("\n").join(points + text for points, text in reason_lines(r))
        cells = [
            str(r["rank"]),
            Text.assemble(r["name"], "\n", (r["id"], "dim")),
            score_text(r),
            r["evidence_label"],
            r["format_labels"] or "–",
        ]
        if effort:
            e = r.get("effort")
            cells.append(effort_text(e) if e else "")
        cells += [reasons, "\n".join(r["cautions"])]
        table.add_row(*cells)
    return table


def list_table(console: Console, rows: list[dict[str, Any]]) -> None:
    if wide(console) and _list_grid(console, rows):
        return
    heading(console, f"Interventies in de kennisbank ({len(rows)})")
    for r in rows:
        blank(console)
        line(console, "  ", Text.assemble((r["name"], "bold"), (f"  ({r['id']})", "dim")), 4)
        facts: list[str] = [
            r["status_label"],
            r["evidence_label"],
            r.get("format_labels") or "",
            r["age_label"],
        ]
        # "nog in ontwikkeling" is a status and an evidence level: say it once
        shown = {f.casefold(): f for f in reversed(facts) if f}
        line(console, "    ", " · ".join(f for f in facts if f and shown.get(f.casefold()) is f))
        line(console, "    ", Text(r["target_group"], style="dim"))


def _list_grid(console: Console, rows: list[dict[str, Any]]) -> bool:
    """The table when every word fits whole; False (nothing printed) when it does not."""
    from rich.table import Table

    table = Table(title="Interventies in de kennisbank", title_justify="left", expand=True)
    table.add_column("Id", no_wrap=True)
    for col, ratio in (
        ("Naam", 3), ("Status", 2), ("Bewijs", 3), ("Vorm", 2), ("Leeftijd", 2), ("Doelgroep", 5)
    ):  # fmt: skip
        table.add_column(col, ratio=ratio, overflow="fold")
    for r in rows:
        table.add_row(
            r["id"],
            r["name"],
            r["status_label"],
            r["evidence_label"],
            r.get("format_labels") or ", ".join(r["formats"]) or "–",
            r["age_label"],
            r["target_group"],
        )
    if not keep_words(console, table):
        return False
    show(console, table)
    return True


def evidence_card(console: Console, card: dict[str, Any]) -> None:
    from rich.table import Table

    body = Table.grid(padding=(0, 2))
    body.add_column(style="bold", no_wrap=True)
    body.add_column()
    body.add_row("Wat", card["summary"])
    body.add_row("Voor wie", card["target_group"]["description"] + f" ({card['age_label']})")
    if card.get("age_basis"):
        body.add_row("Leeftijd", f"{card['age_label']}; {card['age_basis']}")
    body.add_row("Vorm", card.get("format_labels") or "niet beschreven")
    if card.get("delivered_by"):
        body.add_row("Uitvoering", card["delivered_by"])
    if card.get("intensity_label"):
        body.add_row("Intensiteit", card["intensity_label"])
    if card.get("effort"):
        effort = card["effort"]
        body.add_row("Inzet", effort_text(effort))
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
        cited = f" [{', '.join(c['sources'])}]" if c["sources"] else ""
        body.add_row("Let op", Text(c["text"] + cited))
    if card.get("more_info"):
        body.add_row("Meer info", card["more_info"])
    refs = card.get("references") or {}
    # Text, not a string: "[lawlor2014]" would be read as rich markup and vanish
    listed = "\n".join(f"{reference(refs.get(s), s)} [{s}]" for s in card["sources"])
    body.add_row("Bronnen", Text(listed or card.get("no_source") or ""))
    # a Text title: "[peer-home-visits]" as a string would be read as rich markup and vanish
    title = Text.assemble((card["name"], "bold"), f"  ({card['id']})")
    console.print(Panel(body, title=title, title_align="left"))


def factors_table(console: Console, rows: list[dict[str, Any]]) -> None:
    if wide(console) and _factors_grid(console, rows):
        return
    heading(console, "Werkzame factoren (dossier §2.2)")
    for r in rows:
        blank(console)
        line(console, "  ", Text.assemble((r["name"], "bold"), (f"  ({r['id']})", "dim")), 4)
        line(console, "    ", r["description"])
        field(console, "Sterkte", r["strength_label"])
        field(console, "Voor wie", r["target_group"])
        for n, c in enumerate(r["comparisons"]):
            field(console, "Vergelijk" if n == 0 else "", c)
        field(console, "Bronnen", ", ".join(r["sources"]))


def _factors_grid(console: Console, rows: list[dict[str, Any]]) -> bool:
    """The table when every word fits whole; False (nothing printed) when it does not."""
    from rich.table import Table

    table = Table(
        title="Werkzame factoren (dossier §2.2)", title_justify="left", show_lines=True, expand=True
    )
    table.add_column("Id", no_wrap=True)
    for col, ratio in (
        ("Factor", 4), ("Sterkte", 2), ("Doelgroep", 2), ("Vergelijking", 4), ("Bronnen", 2)
    ):  # fmt: skip
        table.add_column(col, ratio=ratio, overflow="fold")
    for r in rows:
        table.add_row(
            r["id"],
            Text.assemble((r["name"], "bold"), "\n", r["description"]),
            r["strength_label"],
            r["target_group"],
            "\n".join(r["comparisons"]),
            ", ".join(r["sources"]),
        )
    if not keep_words(console, table):
        return False
    show(console, table)
    return True


GRID_NAME = 32  # the interventions column of the profiles-across grid
GRID_CELL = 6  # one profile's column: "(17)" and padding
COMPARE_HINT = (
    "Voor veel profielen leest een spreadsheet beter: --format csv, of --format xlsx -o "
    "vergelijking.xlsx."
)


def compare_table(console: Console, results: Iterable[dict[str, Any]], top: int) -> None:
    """Few profiles: a grid of ranks (interventions down, profiles across). More than fit
    across the terminal: one block per profile with its top N, printed as they come."""
    fits = max(1, (console.width - GRID_NAME - 4) // GRID_CELL)
    stream = iter(results)
    first = list(islice(stream, fits + 1))
    if len(first) <= fits:
        if first:
            compare_grid(console, first, top)
        return
    heading(console, f"Vergelijking: {best_n(top)} per profiel")
    for res in chain(first, stream):
        blank(console)
        profile_block(console, res, top)
    blank(console)
    line(console, "", Text(COMPARE_HINT, style="dim"))


def profile_block(console: Console, res: dict[str, Any], top: int) -> None:
    title = Text.assemble(
        (terminal(res["profile"]["name"], one_line=True), "bold"),
        (f"  ({terminal(res.get('file', ''), one_line=True)})", "dim"),
    )
    line(console, "  ", title, hang=4)
    if not res["ranking"]:
        line(console, "    ", "geen interventie in de ranglijst (zie advise voor de reden)")
    for r in res["ranking"][:top]:
        body = Text.assemble(r["name"], (f" ({r['id']})", "dim"), f" · {num(r['score'])}")
        line(console, f"    {r['rank']:>2}. ", body)


def compare_grid(console: Console, results: list[dict[str, Any]], top: int) -> None:
    from rich import box
    from rich.table import Table

    ids: dict[str, str] = {}
    for res in results:
        for r in res["ranking"]:
            ids.setdefault(r["id"], r["name"])
    ranks = {i: [res_rank(res, i) or 999 for res in results] for i in ids}
    # Best rank in any profile first; among equals, the one in more profiles' top N
    order = sorted(
        ids, key=lambda i: (min(ranks[i]), -sum(r <= top for r in ranks[i]), sorted(ranks[i]))
    )
    # The profiles first: the numbered columns are read with this list in mind.
    heading(console, "Vergelijking: rang per profiel")
    columns = (
        "Kolom 1: het profiel" if len(results) == 1 else f"Kolommen 1-{len(results)}: de profielen"
    )
    line(
        console,
        "  ",
        f"{columns}. Tussen haakjes: buiten {best_n(top)}. "
        "Volgorde: beste rang in een profiel eerst.",
    )
    for n, res in enumerate(results, 1):
        name = Text.assemble(
            (terminal(res["profile"]["name"], one_line=True), "bold"),
            (f"  {terminal(res.get('file', ''), one_line=True)}", "dim"),
        )
        line(console, f"  {n:>{len(str(len(results)))}}. ", name)
    blank(console)
    # One space of padding on the left only: with the box's blank divider, ranks sit two apart
    table = Table(box=box.SIMPLE_HEAD, padding=(0, 0, 0, 1))
    # name and id (for `wat-werkt evidence ID`); the id wraps under the name when short of room
    # Rank columns exactly as wide as "(17)"; the names take the rest, up to what they need
    cell = max(len(str(len(results))), *(len(f"({r})") for i in ids for r in ranks[i] if r < 999))
    room = console.width - len(results) * (cell + 2) - 4  # padding, dividers and edges
    need = max(len(name) + 2 + len(i) for i, name in ids.items()) if ids else GRID_NAME
    table.add_column("Interventie", width=min(need, max(GRID_NAME, room)), overflow="fold")
    for n in range(1, len(results) + 1):
        table.add_column(str(n), justify="right", no_wrap=True, width=cell)
    for i in order:
        cells = []
        for res in results:
            rank = res_rank(res, i)
            if rank is None:
                cells.append(Text("–", style="dim"))
            elif rank <= top:
                cells.append(Text(str(rank), style="bold green"))
            else:  # parentheses, not only colour: the marking survives NO_COLOR
                cells.append(Text(f"({rank})", style="dim"))
        table.add_row(Text.assemble(ids[i], "  ", (i, "dim")), *cells)
    show(console, table)


def res_rank(res: dict[str, Any], iid: str) -> int | None:
    return next((r["rank"] for r in res["ranking"] if r["id"] == iid), None)


def scale_result(console: Console, result: dict[str, Any], view: View | None = None) -> None:
    from rich.table import Table

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
    known = view.sources if view else {}
    grid.add_row(
        "Bron", Text("\n".join(f"{reference(known.get(s), s)} [{s}]" for s in result["sources"]))
    )
    console.print(Panel(grid, title=result["name"], title_align="left"))
    console.print(Text(result["notice"], style="yellow"))


def figures_table(console: Console, result: dict[str, Any]) -> None:
    from rich.table import Table

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
    from rich.table import Table

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
