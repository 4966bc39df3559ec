"""`compare --summary` as a table or CSV: per intervention, for how many profiles it is a top fit."""

from __future__ import annotations

from typing import Any

CSV_COLUMNS = ["id", "name", "group", "band", "profiles", "top_1", "top_k"]
OFFER_COLUMNS = ["local_providers", "providers"]
# --csv-sep ';' is CSV for people in Dutch Excel (as compare's): Dutch headers and labels.
DUTCH_COLUMNS = {
    "name": "naam", "group": "groep", "band": "band", "profiles": "profielen",
    "top_1": "eerste_keus", "local_providers": "lokale_activiteiten", "providers": "aanbieders",
}  # fmt: skip
DUTCH_GROUPS = {"total": "totaal", "severity": "ernst", "age": "leeftijd"}
OUTDATED = "mogelijk verouderd"


def summary_csv(result: dict[str, Any], severities: dict[str, str] | None = None) -> str:
    """Long format: one row per intervention and group (total, each severity, each age band).

    With `severities` (id -> Dutch label) the rows are for people: Dutch headers and labels.
    """
    import io

    from wat_werkt.render.csv_out import _writer

    dutch = severities is not None
    buf = io.StringIO()
    w = _writer(buf)  # provider names come from a file: no cell may run as a formula
    columns = [*CSV_COLUMNS, *(OFFER_COLUMNS if _has_offer(result) else [])]
    if dutch:
        top_k = f"top_{result['top']}"
        columns = [top_k if c == "top_k" else DUTCH_COLUMNS.get(c, c) for c in columns]
    w.writerow(columns)

    def label(group: str, band: str) -> str:
        if not dutch:
            return band
        if group == "severity":
            return (severities or {}).get(band, band)
        return _age_label(band)

    for item in result["interventions"]:
        extra = [item["local_providers"], _names(item)] if "local_providers" in item else []
        total = DUTCH_GROUPS["total"] if dutch else "total"
        w.writerow(
            [item["id"], item["name"], total, "", result["profiles"],
             item["top_1"], item["top_k"], *extra]
        )  # fmt: skip
        for group, sizes in (("severity", result["severity"]), ("age", result["age"])):
            shown = DUTCH_GROUPS[group] if dutch else group
            for band, size in sizes.items():
                c = item[f"by_{group}"][band]
                w.writerow(
                    [item["id"], item["name"], shown, label(group, band), size,
                     c["top_1"], c["top_k"], *extra]
                )  # fmt: skip
    return buf.getvalue()


def _names(item: dict[str, Any]) -> str:
    """The local providers of an intervention, for one cell; outdated ones marked."""
    old = set(item.get("outdated_providers", ()))
    return "; ".join(f"{p} ({OUTDATED})" if p in old else p for p in item.get("providers", ()))


def _has_offer(result: dict[str, Any]) -> bool:
    return any("local_providers" in i for i in result["interventions"])


def summary_view(console, result: dict[str, Any], view) -> None:
    summary_table(console, result, view.extra.get("severity_labels", {}))


def summary_csv_view(out, result: dict[str, Any], view) -> None:
    from wat_werkt.render.csv_out import _Out  # --csv-sep ';' for Dutch Excel, as compare

    sink = _Out(out, view)
    sink.write(summary_csv(result, view.extra.get("severity_labels", {}) if sink.dutch else None))


def summary_xlsx(out, result: dict[str, Any], view) -> None:
    """One sheet per grouping: totals, per severity band, per age group."""
    from openpyxl import Workbook

    from wat_werkt.render.xlsx import _row, _save, _sheet

    k = result["top"]
    labels = view.extra.get("severity_labels", {})
    offer = _has_offer(result)
    wb = Workbook(write_only=True)
    head = [("Id", 24), ("Interventie", 40), ("1e keus", 10), (f"Top {k}", 10)]
    local = [("Lokale aanbieders", 12), ("Aanbieders", 40)] if offer else []
    ws = _sheet(wb, "Samenvatting", [*head, *local])
    for i in result["interventions"]:
        extra = [i["local_providers"], _names(i)] if offer else []
        _row(ws, [i["id"], i["name"], i["top_1"], i["top_k"], *extra])
    for group, title in (("severity", "Per ernst"), ("age", "Per leeftijdsgroep")):
        bands = result[group]
        names = [labels.get(b, b) if group == "severity" else _age_label(b) for b in bands]
        columns = [("Id", 24), ("Interventie", 40)]
        columns += [(f"{n} ({bands[b]}): 1e keus", 14) for n, b in zip(names, bands, strict=True)]
        columns += [(f"{n}: top {k}", 14) for n in names]
        ws = _sheet(wb, title, columns)
        for i in result["interventions"]:
            counts = i[f"by_{group}"]
            _row(
                ws,
                [i["id"], i["name"], *(counts[b]["top_1"] for b in bands),
                 *(counts[b]["top_k"] for b in bands)],
            )  # fmt: skip
    if result.get("error_list"):  # as compare's workbook: every located problem
        ws = _sheet(wb, "Fouten", [("Bestand", 40), ("Regel", 8), ("Kolom", 8), ("Melding", 80)])
        for e in result["error_list"]:
            _row(ws, [e["file"], e.get("line"), e.get("column"), e["message"]])
    _save(wb, out)


def summary_table(console, result: dict[str, Any], labels: dict[str, str]) -> None:
    """An overall table, then top-K counts per severity band and per age group.

    labels: Dutch labels for severity ids (unknown ones are shown as they are).
    """
    from rich.table import Table
    from rich.text import Text

    from wat_werkt.core.text_safety import terminal

    n, k = result["profiles"], result["top"]
    offer = _has_offer(result)
    head = f"Samenvatting van {n} profiel(en)"
    if result["errors"]:
        head += f" ({result['errors']} met fouten overgeslagen)"
    console.print(Text(head, style="bold"))
    shown = [i for i in result["interventions"] if i["top_k"]]
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("Interventie", min_width=24)
    table.add_column("1e keus", justify="right", no_wrap=True)
    table.add_column(f"top {k}", justify="right", no_wrap=True)
    if offer:
        table.add_column("lokaal aangeboden door", max_width=30)
    for i in shown:
        # Text, not a str: rich would parse a name like "[/]CGT" as markup
        cells: list[Text | str] = [
            Text(terminal(i["name"], one_line=True)),
            _count(i["top_1"], n),
            _count(i["top_k"], n),
        ]
        if offer:
            cells.append(_names(i) if i["local_providers"] else "geen")
        table.add_row(*cells, style="yellow" if offer and not i["local_providers"] else None)
    console.print(table)
    never = [i["name"] for i in result["interventions"] if not i["top_k"]]
    if never:
        console.print(Text(f"Nooit in de top {k}: " + ", ".join(never), style="dim"))
    if offer:
        gap = [i["name"] for i in shown if not i["local_providers"]]
        if gap:
            console.print(
                Text("Geen lokale aanbieder voor: " + ", ".join(gap), style="bold yellow")
            )
    for group, title in (("severity", "per ernst"), ("age", "per leeftijdsgroep")):
        sizes = result[group]
        if not sizes or not shown:
            continue
        console.print()
        console.print(Text(f"Top {k} {title} (aantal profielen)", style="bold"))
        # No rules between columns: eight age groups beside the names still fit 80 columns.
        cross = Table(box=None, pad_edge=False, header_style="bold")
        cross.add_column("Interventie", min_width=20)
        for band in sizes:
            name = labels.get(band, band) if group == "severity" else _age_label(band)
            # Narrow count columns whose labels wrap: six bands still fit 80 columns.
            cross.add_column(name, justify="right", max_width=8)
        cross.add_row("aantal profielen", *(str(v) for v in sizes.values()), style="dim")
        for i in shown:
            cross.add_row(
                Text(terminal(i["name"], one_line=True)),
                *(str(i[f"by_{group}"][b]["top_k"]) for b in sizes),
            )
        console.print(cross)


def _count(value: int, total: int) -> str:
    share = round(100 * value / total) if total else 0
    return f"{value} ({share}%)"


def _age_label(band: str) -> str:
    if band == "mixed":
        return "gemengd"
    if band == "unknown":
        return "onbekend"
    return band
