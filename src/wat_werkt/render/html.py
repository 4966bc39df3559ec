"""HTML: one self-contained, print-ready page for the memo (no scripts, fonts or images).

Plain <table>s and lists so that a copy into Word keeps the tables; the score bar is text
(block characters), which survives that copy where CSS widths would not. Every value from
the profile or the knowledge base passes through `esc`.
"""

from __future__ import annotations

from typing import IO, Any

from wat_werkt.core.text_safety import html_text
from wat_werkt.render.registry import COMPARE_TOP, View, best_n, limited
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
)

BAR_CELLS = 20  # a score of 100 fills twenty blocks

STYLE = """
body { font-family: Calibri, Arial, sans-serif; font-size: 11pt; line-height: 1.4;
       max-width: 60em; margin: 2em auto; padding: 0 1em; color: #222; }
h1 { font-size: 18pt; margin-bottom: 0.2em; }
h2 { font-size: 14pt; margin-top: 1.6em; border-bottom: 1px solid #999; }
h3 { font-size: 12pt; margin-bottom: 0.3em; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0; }
th, td { border: 1px solid #bbb; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
th { background: #eee; }
td.num { text-align: right; white-space: nowrap; }
.bar { font-family: Consolas, monospace; color: #2a7a4a; letter-spacing: -1px; }
.id { color: #666; font-size: 9pt; }
.warn { border-left: 4px solid #c90; padding: 0.3em 0.8em; background: #fff8e6; }
.meta { color: #555; }
ol.refs li { margin-bottom: 0.3em; }
@media print { body { margin: 0; max-width: none; } h2 { page-break-after: avoid; }
               tr { page-break-inside: avoid; } a { color: inherit; text-decoration: none; } }
"""


def esc(value: Any) -> str:
    """Escaped HTML text; control characters (ESC ...) shown as symbols (text_safety)."""
    return html_text("" if value is None else str(value))


def _page(title: str, body: list[str]) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{esc(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def bar(score: float) -> str:
    full = round(max(0.0, min(100.0, score)) / 100 * BAR_CELLS)
    return f'<span class="bar" aria-hidden="true">{"█" * full}{"░" * (BAR_CELLS - full)}</span>'


def _cite(ids: list[str], view: View) -> str:
    """Citations linking to the reference list: 'Lawlor et al. (2014)'."""
    if not ids:
        return ""
    links = [
        f'<a href="#ref-{esc(s)}">{esc(view.sources.get(s, {}).get("short", s))}</a>' for s in ids
    ]
    return " (" + "; ".join(links) + ")"


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    """Cells are HTML already (escaped by the caller)."""
    out = ["<table>"]
    if any(headers):  # a two-column list of facts needs no empty header row
        out.append("<thead><tr>" + "".join(f"<th>{h}</th>" for h in headers) + "</tr></thead>")
    out.append("<tbody>")
    out += ["<tr>" + "".join(rows_cell(c) for c in row) + "</tr>" for row in rows]
    out.append("</tbody></table>")
    return out


def rows_cell(cell: str) -> str:
    if cell.startswith('<td class="num">'):
        return cell
    return f"<td>{cell}</td>"


def advice_html(out: IO[str], advice: dict[str, Any], view: View) -> None:
    a = limited(advice, view.top)
    an, p = a["analysis"], a["profile"]
    body = [
        f"<h1>Advies: {esc(p['name'])}</h1>",
        f'<p class="meta">Leeftijd {esc(age_text(p["age"]))} · volgens het Movisie-dossier '
        "<em>Wat werkt bij de aanpak van eenzaamheid</em></p>",
    ]
    if a["warnings"]:
        body.append('<div class="warn"><strong>Let op</strong><ul>')
        body += [f"<li>{esc(w['message'])}</li>" for w in a["warnings"]]
        body.append("</ul></div>")

    body.append("<h2>Stap 1: analyse</h2>")
    sev = an["severity"]
    rows = []
    if sev:
        score = f", score {sev['score']}" if sev["score"] is not None else ""
        rows.append(["Ernst", esc(sev["label"] + score)])
    else:
        rows.append(["Ernst", "onbekend (geef een score op de De Jong Gierveld-schaal)"])
    if an["scale"]:
        rows.append(["Schaal", esc(f"{scale_line(an['scale'])}. {an['scale']['notice']}")])
    rows.append(["Soort", esc(", ".join(t["label"] for t in an["types"]) or "onbekend")])
    rows.append(["Langdurig", esc(TRI_NL[an["chronic"]])])
    for c in an["causes"]:
        rows.append(
            [esc(c["label"].capitalize()), esc(", ".join(s["label"] for s in c["situations"]))]
        )
    prev = an["prevalence"]
    if prev["by_age"]:
        lines = "<br>".join(esc(band_line(b)) for b in prev["by_age"])
        rows.append([esc(f"Hoe vaak ({prev['survey']}, {prev['year']})"), lines])
    if prev["youth"]:
        rows.append(["Jongeren", esc(prev["youth"])])
    for r in an["risk_figures"]:
        if r.get("lonely") is not None:
            note = f" ({r['note']})" if r.get("note") else ""
            rows.append(
                [esc(r["group"].capitalize()), esc(f"{num(r['lonely'], 0)}% eenzaam{note}")]
            )
    body += _table(["", ""], rows)

    body.append("<h2>Stap 2: weten, willen, kunnen</h2>")
    body += _table(
        ["Voorwaarde", "Status", "Wat volgt"],
        [
            [esc(r["label"]), esc(TRI_NL[r["status"]]), esc(r["advice"] or r["question"])]
            for r in a["readiness"]
        ],
    )

    body.append("<h2>Stap 3: oplossingsrichtingen</h2><ol>")
    for d in a["directions"]:
        body.append(
            f"<li><strong>{esc(d['label'])}</strong>: {esc(' '.join(d['reasons']))}"
            f"{_cite(d['sources'], view)}</li>"
        )
    body.append("</ol>")

    body.append("<h2>Stap 4: vergelijking</h2>")
    if not a["ranking"]:
        body.append("<p>Geen interventie in de ranglijst; zie de waarschuwing bovenaan.</p>")
    else:
        body += _table(
            ["#", "Interventie", "Score", "Bewijs", "Vorm", "Redenen (punten)", "Let op"],
            [_ranking_row(r) for r in a["ranking"]],
        )
    if a["ranking"] and a.get("fit_note"):
        body.append(f"<p><em>{esc(a['fit_note'])}</em></p>")
    if a.get("not_shown"):
        body.append(f"<p>En nog {len(a['not_shown'])} andere interventies.</p>")
    for r in a["ranking"]:
        body.append(f'<h3 id="iv-{esc(r["id"])}">{r["rank"]}. {esc(r["name"])} ')
        body.append(f'<span class="id">({esc(r["id"])})</span></h3><ul>')
        if r.get("effort"):
            e = r["effort"]
            cite = _cite(e.get("sources") or [], view)
            body.append(f"<li>{esc(effort_text(e))}{cite}</li>")
        for x in main_reasons(r["reasons"]):
            body.append(
                f"<li>{esc(signed(x['points']))}: {esc(x['text'])}{_cite(x['sources'], view)}</li>"
            )
        body += [f"<li>Let op: {esc(c)}</li>" for c in r["cautions"]]
        for o in r.get("local_offer") or []:
            body.append(f"<li>Lokaal aanbod: {esc(offer_text(o))}</li>")
        body.append("</ul>")

    body.append(f"<h2>Niet in de ranglijst ({len(a['excluded'])})</h2>")
    body += _table(
        ["Interventie", "Reden"],
        [
            [
                f'{esc(e["name"])} <span class="id">({esc(e["id"])})</span>',
                esc(" ".join(e["reasons"] if view.show_all else e["reasons"][:1])),
            ]
            for e in a["excluded"]
        ],
    )
    for title, key in (
        ("Neveneffecten om op te letten", "side_effects"),
        ("Voorwaarden voor uitvoering", "implementation_conditions"),
    ):
        body.append(f"<h2>{title}</h2><ul>")
        body += [f"<li>{esc(n['text'])}{_cite(n['sources'], view)}</li>" for n in a[key]]
        body.append("</ul>")
    body += _references(cited_sources(a), view)
    out.write(_page(f"Advies: {p['name']}", body))


def _ranking_row(r: dict[str, Any]) -> list[str]:
    fit = f"<br>{esc(fit_text(r))}" if fit_text(r) else ""
    tied = "<br>gelijkwaardig aan de vorige" if r.get("tied_with_previous") else ""
    reasons = "<br>".join(
        f"{esc(signed(x['points']))} {esc(x['text'])}" for x in main_reasons(r["reasons"])
    )
    return [
        f'<td class="num">{r["rank"]}</td>',
        f'<strong>{esc(r["name"])}</strong><br><span class="id">{esc(r["id"])}</span>',
        f'<td class="num">{esc(num(r["score"]))}<br>{bar(r["score"])}{fit}{tied}</td>',
        esc(r["evidence_label"]),
        esc(r["format_labels"] or "–"),
        reasons,
        "<br>".join(esc(c) for c in r["cautions"]),
    ]


def _references(ids: list[str], view: View) -> list[str]:
    if not ids:
        return []
    out = ["<h2>Bronnen</h2>", '<ol class="refs">']
    out += [f'<li id="ref-{esc(s)}">{esc(reference(view.sources.get(s), s))}</li>' for s in ids]
    out.append("</ol>")
    return out


def compare_html(out: IO[str], data: dict[str, Any], view: View) -> None:
    """One row per profile with its best N; written as the profiles are computed."""
    top = view.top or COMPARE_TOP
    out.write(
        _page("Vergelijking", ["<h1>Vergelijking van profielen</h1>", "<!--rows-->"]).split(
            "<!--rows-->"
        )[0]
    )
    out.write(
        f'<p class="meta">{best_n(top, ("interventie", "interventies")).capitalize()} per profiel, '
        "volgens het Movisie-dossier "
        "<em>Wat werkt bij de aanpak van eenzaamheid</em>.</p>\n<table>\n<thead><tr>"
        "<th>Profiel</th><th>Ernst</th>"
        + "".join(f"<th>{n}</th>" for n in range(1, top + 1))
        + "<th>Let op</th></tr></thead>\n<tbody>\n"
    )
    for a in data["results"]:
        sev = a["analysis"]["severity"]
        cells = [
            f"<td><strong>{esc(a['profile']['name'])}</strong><br>"
            f'<span class="id">{esc(a.get("file", ""))}</span></td>',
            f"<td>{esc(sev['label'] if sev else 'onbekend')}</td>",
        ]
        for n in range(top):
            r = a["ranking"][n] if n < len(a["ranking"]) else None
            cells.append(
                f'<td>{esc(r["name"])} <span class="id">({esc(r["id"])})</span><br>'
                f"{esc(num(r['score']))} {bar(r['score'])}</td>"
                if r
                else "<td>–</td>"
            )
        cells.append("<td>" + "<br>".join(esc(w["message"]) for w in a["warnings"]) + "</td>")
        out.write("<tr>" + "".join(cells) + "</tr>\n")
    out.write("</tbody>\n</table>\n")
    if data["errors"]:
        out.write("<h2>Profielen met fouten</h2>\n<ul>\n")
        for e in data["errors"]:
            where = ":".join(str(x) for x in (e["file"], e.get("line"), e.get("column")) if x)
            out.write(f"<li>{esc(where)}: {esc(e['message'])}</li>\n")
        out.write("</ul>\n")
    out.write("</body>\n</html>\n")
