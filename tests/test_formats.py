"""Excel, HTML and Markdown as a policy officer opens them; rendered output pinned in golden files."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, run_cli
from tests.terminal import run_on_terminal

EXAMPLE = str(EXAMPLES / "weduwen-75plus.yaml")
RENDERED = Path(__file__).parent / "rendered"


def golden(name: str, text: str) -> None:
    """Compare with tests/rendered/NAME; UPDATE_GOLDEN=1 rewrites it (review the diff)."""
    path = RENDERED / name
    if os.environ.get("UPDATE_GOLDEN"):
        RENDERED.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} changed; UPDATE_GOLDEN=1 to accept"


# --- Excel ---------------------------------------------------------------------------


def workbook(path: Path):
    openpyxl = pytest.importorskip("openpyxl")
    return openpyxl.load_workbook(path)


def two_profiles(tmp_path: Path) -> Path:
    folder = tmp_path / "map"
    folder.mkdir()
    for name in ("meneer-de-vries.yaml", "weduwen-75plus.yaml"):
        (folder / name).write_text((EXAMPLES / name).read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def test_compare_xlsx_has_numbers_header_and_frozen_panes(tmp_path):
    target = tmp_path / "vergelijking.xlsx"
    folder = two_profiles(tmp_path)
    result = run_cli("compare", str(folder), "--format", "xlsx", "-o", str(target), "--top", "2")
    assert result.code == 0, result.err
    ws = workbook(target)["Vergelijking"]
    header = [c.value for c in ws[1]]
    assert header[:6] == ["Profiel", "Bestand", "Rang", "Id", "Interventie", "Score"]
    assert all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["C"].width < ws.column_dimensions["E"].width
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 2 * 2
    assert all(isinstance(r[2], int) and isinstance(r[5], float | int) for r in rows)
    assert ("Weduwen 75+ wijk Noord", 1, "peer-home-visits") in {(r[0], r[2], r[3]) for r in rows}


def test_advise_and_list_xlsx(tmp_path):
    target = tmp_path / "advies.xlsx"
    assert run_cli("advise", EXAMPLE, "-f", "xlsx", "-o", str(target)).code == 0
    wb = workbook(target)
    assert wb.sheetnames == ["Ranglijst", "Niet in de ranglijst", "Bronnen", "Profiel"]
    first = [c.value for c in wb["Ranglijst"][2]]
    assert first[:3] == [1, "peer-home-visits", "Thuisbezoek door leeftijdgenoten"]
    assert isinstance(first[3], int | float)
    reasons = wb["Ranglijst"].cell(row=2, column=11)
    assert "\n" in reasons.value and reasons.alignment.wrap_text  # one reason per line
    assert wb.properties.title == "Advies: Weduwen 75+ wijk Noord"
    assert ("Naam", "Weduwen 75+ wijk Noord") in set(wb["Profiel"].iter_rows(values_only=True))
    target = tmp_path / "lijst.xlsx"
    assert run_cli("list", "-f", "xlsx", "-o", str(target)).code == 0
    assert workbook(target)["Interventies"].max_row == 1 + 28


def test_xlsx_without_output_is_a_usage_error():
    result = run_cli("advise", EXAMPLE, "--format", "xlsx")
    assert result.code == 2
    assert "geef -o BESTAND.xlsx" in result.err and result.out == ""


def test_xlsx_keeps_a_formula_like_name_as_text(tmp_path):
    profile = tmp_path / "p.yaml"
    profile.write_text(
        "name: '=HYPERLINK(\"x\")'\nage: 70\nloneliness: {types: [social], score: 6}\n"
    )
    target = tmp_path / "v.xlsx"
    assert run_cli("compare", str(profile), "-f", "xlsx", "-o", str(target)).code == 0
    cell = workbook(target)["Vergelijking"]["A2"]
    assert cell.value == '=HYPERLINK("x")' and cell.data_type == "s"


# --- HTML ------------------------------------------------------------------------------


def test_advise_html_is_self_contained_with_steps_bars_and_references():
    out = run_cli("advise", EXAMPLE, "--format", "html").out
    assert out.startswith("<!DOCTYPE html>") and out.rstrip().endswith("</html>")
    assert not re.search(r"(src|href)=\"(https?:)?//", out) and "<script" not in out
    for step in ("Stap 1: analyse", "Stap 2: weten", "Stap 3: oplossingsrichtingen", "Stap 4"):
        assert f"<h2>{step}" in out
    assert out.count("<table>") >= 4 and 'class="bar"' in out
    assert '<li id="ref-lawlor2014">Lawlor e.a. (2014).' in out
    assert 'href="#ref-lawlor2014"' in out
    assert "readiness." not in out  # no internal warning codes


def test_html_escapes_what_the_profile_says(tmp_path):
    profile = tmp_path / "p.yaml"
    profile.write_text(
        "name: '<script>alert(1)</script> & Co'\nage: 70\nloneliness: {types: [social], score: 6}\n"
    )
    for cmd in (["advise", str(profile)], ["compare", str(profile)]):
        out = run_cli(*cmd, "--format", "html").out
        assert "<script>" not in out and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in out


def test_compare_html_one_row_per_profile(tmp_path):
    out = run_cli("compare", str(two_profiles(tmp_path)), "--format", "html", "--top", "2").out
    assert out.count("<tr><td><strong>") == 2
    assert "Weduwen 75+ wijk Noord" in out and "</html>" in out


# --- Markdown --------------------------------------------------------------------------


def test_markdown_report_is_clean():
    out = run_cli("advise", str(EXAMPLES / "jongeren-15-18.yaml"), "--format", "markdown").out
    assert "<br>" not in out and ".;" not in out
    assert "readiness.not_aware" not in out and "age.youth" not in out
    assert "| 1 | Cognitieve gedragstherapie | `cbt` |" in out
    refs = out.split("## Bronnen", 1)[1]
    assert "Qualter e.a. (2015)." in refs


# --- golden rendered output ------------------------------------------------------------


def test_golden_table_at_80_columns():
    code, shown = run_on_terminal(["advise", EXAMPLE, "--top", "3"], cols=80)
    assert code == 0
    golden("weduwen-75plus.80cols.txt", "\n".join(x.rstrip() for x in shown.splitlines()) + "\n")


def test_golden_table_colours_at_80_columns():
    """The escape codes too: which words are bold, dim or coloured is part of the layout."""
    code, shown = run_on_terminal(["advise", EXAMPLE, "--top", "3"], cols=80, raw=True)
    assert code == 0
    assert "\x1b[1;36mStap 1 · Analyse\x1b[0m" in shown  # the golden holds escape codes
    golden("weduwen-75plus.80cols.ansi", shown)


def test_golden_markdown():
    golden("weduwen-75plus.md", run_cli("advise", EXAMPLE, "-f", "markdown", "--top", "3").out)


def test_golden_html():
    golden("weduwen-75plus.html", run_cli("advise", EXAMPLE, "-f", "html", "--top", "3").out)


# --- CSV for Dutch Excel ------------------------------------------------------------------


def test_csv_for_dutch_excel_has_bom_semicolons_and_decimal_commas(tmp_path):
    out = run_cli(
        "compare", str(two_profiles(tmp_path)), "-f", "csv", "--top", "1", "--csv-sep", ";"
    ).out
    # read by people in Excel: Dutch headers and labels, not the codes scripts get
    assert out.startswith("\ufeffprofiel;bestand;rang;id;naam;score;bewijs;ernst;waarschuwingen")
    first = out.splitlines()[1].split(";")
    assert re.fullmatch(r"\d+,\d", first[5])
    assert first[6] == "Daling gemeten, zonder controlegroep" and first[7] == "matig eenzaam"
    assert "pre_post" not in out and "readiness." not in out and "severe" not in out
    listed = run_cli("list", "-f", "csv", "--csv-sep", ";").out.splitlines()
    assert (
        listed[0]
        == "\ufeffid;naam;soort;status;bewijs;vormen;leeftijd_van;leeftijd_tot;werkzame_factoren"
    )
    assert listed[1].startswith("cbt;Cognitieve gedragstherapie;interventie;actief;Onderbouwd")


def test_default_csv_stays_plain_for_scripts():
    out = run_cli("list", "--format", "csv").out
    assert out.startswith("id,name,kind,")


# --- the format follows the file name -------------------------------------------------


@pytest.mark.parametrize(
    ("name", "starts"),
    [
        ("advies.xlsx", b"PK"),
        ("advies.html", b"<!DOCTYPE html>"),
        ("advies.md", b"# "),
        ("advies.json", b"{"),
    ],
)
def test_output_extension_chooses_the_format_without_f(tmp_path, name, starts):
    target = tmp_path / name
    result = run_cli("advise", EXAMPLE, "-o", str(target))
    assert result.code == 0, result.err
    assert target.read_bytes().startswith(starts)


def test_output_extension_for_compare_csv_and_an_explicit_format_wins(tmp_path):
    target = tmp_path / "vergelijking.csv"
    assert run_cli("compare", str(two_profiles(tmp_path)), "-o", str(target)).code == 0
    assert target.read_text(encoding="utf-8").startswith("profile,file,rank,id,")
    target = tmp_path / "advies.txt"
    assert run_cli("advise", EXAMPLE, "-f", "json", "-o", str(target)).code == 0
    assert target.read_text(encoding="utf-8").startswith("{")


def test_output_extension_the_command_cannot_write_is_a_usage_error(tmp_path):
    target = tmp_path / "kaart.html"
    result = run_cli("evidence", "cbt", "-o", str(target))
    assert result.code == 2 and not target.exists()
    assert "kan geen html schrijven" in result.err and "-f" in result.err


# --- full references ---------------------------------------------------------------


def titled_data(tmp_path: Path, title: str) -> Path:
    """The shipped knowledge base with a title and journal for lawlor2014."""
    import shutil

    target = tmp_path / "data"
    shutil.copytree(EXAMPLES.parent / "data", target, ignore=shutil.ignore_patterns("__*"))
    sources = target / "sources.yaml"
    # Replaces the whole entry (one line or several), whatever title it ships with.
    new = (
        '{id: lawlor2014, authors: "Lawlor e.a.", year: 2014, kind: rct,'
        f' title: "{title}", published_in: "Tijdschrift X 3(2), 1-9"}}'
    )
    text, count = re.subn(r"\{id: lawlor2014,[^}]*\}", new, sources.read_text(encoding="utf-8"))
    assert count == 1
    sources.write_text(text, encoding="utf-8")
    return target


def test_reference_lists_print_title_and_journal(tmp_path):
    data = str(titled_data(tmp_path, "Een proef met huisbezoek"))
    full = "Lawlor e.a. (2014). Een proef met huisbezoek. Tijdschrift X 3(2), 1-9."
    md = run_cli("advise", EXAMPLE, "-f", "markdown", "--data", data).out
    assert f"{full} `lawlor2014`" in md.split("## Bronnen")[1]
    html = run_cli("advise", EXAMPLE, "-f", "html", "--data", data).out
    assert f'<li id="ref-lawlor2014">{full}</li>' in html
    card = run_cli("evidence", "peer-home-visits", "--data", data)
    assert f"{full} [lawlor2014]" in re.sub(r"[│\s]+", " ", card.out)


def test_a_title_with_its_own_full_stop_is_refused_with_its_place(tmp_path):
    data = str(titled_data(tmp_path, "Een proef met huisbezoek."))
    result = run_cli("validate", "--data", data)
    assert result.code == 1 and "Traceback" not in result.err
    assert re.search(r"sources\.yaml:\d+:\d+: .*zonder punt aan het eind", result.err)


def test_reports_list_reasons_by_weight_and_name_the_effort_once():
    md = run_cli("advise", EXAMPLE, "-f", "markdown").out
    assert "Inzet: " not in md and "- Gemiddelde inzet: " in md
    for block in md.split("\n**")[1:]:
        points = [float(m.replace(",", ".")) for m in re.findall(r"^- ([+-]\d+,\d):", block, re.M)]
        gains = [p for p in points if p > 0]
        assert gains == sorted(gains, reverse=True), block
    html = run_cli("advise", EXAMPLE, "-f", "html").out
    assert "<th></th>" not in html and "<li>Gemiddelde inzet: " in html
