"""The one profile description (data/profile.yaml): Dutch codes, and every consumer following it."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from tests.conftest import ROOT, make_profile, run_cli

ENGLISH = """\
name: Weduwen 75+ wijk Noord
age: {min: 75, max: 90}
gender: female
setting: nursing_home
loneliness:
  types: [emotional, social]
  severity: severe
  chronic: true
situation: [widowed, bereaved, lives_alone, limited_mobility, one_more]
readiness: {aware: yes, motivated: no, able: unknown}
digital: {skills: none, internet: no}
preferences: {formats: [group, one_to_one]}
available: [peer-home-visits, meeting-activities]
"""

# The same profile as a consultant types it: every code a Dutch word, in mixed spellings.
DUTCH = """\
name: Weduwen 75+ wijk Noord
age: {min: 75, max: 90}
gender: Vrouw
setting: verpleeghuis
loneliness:
  types: [emotioneel, Sociale eenzaamheid]
  severity: ernstig
  chronic: ja
situation: [weduwe, rouw, woont-alleen, Slecht_ter_been, one_more]
readiness: {aware: ja, motivated: nee, able: weet niet}
digital: {skills: geen, internet: NEE}
preferences: {formats: [groep, een op een]}
available: [peer-home-visits, Meeting Activities]
"""


def test_dutch_profile_gives_byte_identical_advice(tmp_path):
    english, dutch = tmp_path / "en.yaml", tmp_path / "nl.yaml"
    english.write_text(ENGLISH.replace(", one_more", ""), encoding="utf-8")
    dutch.write_text(DUTCH.replace(", one_more", ""), encoding="utf-8")
    a = run_cli("advise", str(english), "--format", "json")
    b = run_cli("advise", str(dutch), "--format", "json")
    assert a.code == 0 and b.code == 0, b.err
    assert a.out == b.out
    doc = json.loads(b.out)  # English codes in the output
    assert doc["severity"] == "severe"
    assert {"readiness.not_motivated"} <= {w["code"] for w in doc["warnings"]}


def test_wrong_dutch_words_are_located_with_a_dutch_hint(tmp_path, kb):
    path = tmp_path / "p.yaml"
    path.write_text(DUTCH.replace("verpleeghuis", "verpleghuis"), encoding="utf-8")
    result = run_cli("validate", str(path))
    assert result.code == 1
    lines = result.err.splitlines()
    assert (
        f"{path}:4:10: ongeldige waarde 'verpleghuis' voor 'setting'; "
        "bedoelde u 'verpleeghuis' (nursing_home)?" in lines
    )
    assert (
        f"{path}:9:58: onbekende situatiecode 'one_more'; "
        f"zie de {len(kb.situations)} toegestane waarden met 'wat-werkt codes situation'" in lines
    )


@pytest.mark.parametrize(
    "field, typed, code",
    [
        ("gender", "MAN", "male"),
        ("setting", "Woonzorgcentrum", "residential_care"),
        ("setting", "  thuis ", "home"),
        ("situation", ["Lives Alone"], ["lives_alone"]),
        ("situation", ["lives-alone", "alleenwonend", "widowed"], ["lives_alone", "widowed"]),
        ("situation", "weduwnaar", ["widowed"]),
        ("preferences", {"formats": ["Een-op-een", "zelfhulp"]}, None),
    ],
)
def test_spellings(kb, field, typed, code):
    profile = make_profile(kb, **{field: typed})
    if field == "preferences":
        assert profile.preferences.formats == ["one_to_one", "self_help"]
    else:
        assert getattr(profile, field) == code


def test_answers_in_any_spelling(kb):
    answers = ["Ja", "min-of-meer", "NEE", "yes", True, "mom", "ja", "ja", "ja", "nee", "nee"]
    profile = make_profile(kb, loneliness={"answers": answers})
    assert profile.loneliness.answers[:3] == ["ja", "min of meer", "nee"]


def test_list_options_take_dutch_codes():
    dutch = run_cli("list", "--status", "actief", "--format-filter", "groep", "-f", "json")
    english = run_cli("list", "--status", "active", "--format-filter", "group", "-f", "json")
    assert dutch.code == 0 and dutch.out == english.out and json.loads(dutch.out)
    bad = run_cli("list", "--status", "actif")
    assert bad.code == 2 and "bedoelde u 'actief' (active)?" in bad.err


def test_codes_command():
    table = run_cli("codes", "setting")
    assert table.code == 0
    assert re.search(r"nursing_home\s*│\s*verpleeghuis\s*│\s*verpleeghuizen", table.out)
    groups = json.loads(run_cli("codes", "--format", "json").out)
    by_name = {g["vocabulary"]: g for g in groups}
    assert by_name["answer"]["fields"] == [
        "loneliness.chronic",
        "readiness.aware",
        "readiness.motivated",
        "readiness.able",
        "digital.internet",
    ]
    assert by_name["statuses"]["options"] == ["--status"]
    widowed = next(c for c in by_name["situations"]["codes"] if c["code"] == "widowed")
    assert widowed["label"] == "weduwe of weduwnaar" and "weduwe" in widowed["aliases"]
    assert json.loads(run_cli("codes", "skills", "-f", "json").out)[0]["fields"] == [
        "digital.skills"
    ]
    bad = run_cli("codes", "geslacht")
    assert bad.code == 2 and "onbekend veld 'geslacht'" in bad.err


def test_wizard_in_dutch_writes_a_profile_that_validates(tmp_path):
    target = tmp_path / "profiel.yaml"
    answers = [
        "Meneer Test",
        "70",
        "man",
        "thuis",
        "sociaal",
        "",
        "nee",
        "gescheiden, klein netwerk, wduwe",  # a typo: asked again
        "gescheiden, klein netwerk",
        "ja",
        "weet niet",
        "ja",
        "basis",
        "ja",
        "een-op-een, online",
        "",
    ]
    result = run_cli("init", str(target), stdin="\n".join(answers) + "\n")
    assert result.code == 0, result.err
    assert "Onbekend: wduwe; bedoelde u 'weduwe' (widowed)?" in result.err
    assert "[vrouw (female), man (male), gemengd (mixed)]" in result.err
    text = target.read_text(encoding="utf-8")
    assert "situation: [divorced, small_network] # gescheiden, klein sociaal netwerk" in text
    assert "setting: home # woonsituatie: thuis (home) |" in text
    assert run_cli("validate", str(target)).code == 0


def test_a_new_code_is_one_edit(tmp_path, data_dir):
    """Add a format with its Dutch label in factors.yaml: checker, schema, codes all follow."""
    data = tmp_path / "data"
    shutil.copytree(data_dir, data, ignore=shutil.ignore_patterns("__*"))
    factors = data / "factors.yaml"
    text = factors.read_text(encoding="utf-8")
    marker = '  - {id: self_help, label: "zelfhulp"'
    factors.write_text(
        text.replace(marker, '  - {id: phone, label: "telefonisch", aliases: [bellen]}\n' + marker),
        encoding="utf-8",
    )
    profile = tmp_path / "p.yaml"
    profile.write_text("name: A\nage: 70\npreferences: {formats: [Bellen]}\n", encoding="utf-8")
    assert run_cli("validate", str(profile), "--data", str(data)).code == 0
    schema = json.loads(run_cli("schema", "--data", str(data)).out)
    formats = schema["properties"]["preferences"]["anyOf"][1]["properties"]["formats"]
    assert "telefonisch" in json.dumps(formats)
    codes = json.loads(run_cli("codes", "formats", "-f", "json", "--data", str(data)).out)
    assert {"code": "phone", "label": "telefonisch", "aliases": ["bellen"]} in codes[0]["codes"]


def test_a_word_for_two_codes_is_a_data_error(tmp_path, data_dir):
    data = tmp_path / "data"
    shutil.copytree(data_dir, data, ignore=shutil.ignore_patterns("__*"))
    factors = data / "factors.yaml"
    text = factors.read_text(encoding="utf-8")
    factors.write_text(text.replace("aliases: [rouw,", "aliases: [weduwe, rouw,"), encoding="utf-8")
    result = run_cli("validate", "--data", str(data))
    assert result.code == 1
    assert re.search(
        r"factors\.yaml:\d+:\d+: 'weduwe' betekent al 'widowed'; een woord mag maar één code",
        result.err,
    )


def test_profile_yaml_may_be_left_out_of_a_data_folder(tmp_path, data_dir):
    data = tmp_path / "data"
    shutil.copytree(data_dir, data, ignore=shutil.ignore_patterns("__*", "profile.yaml"))
    profile = tmp_path / "p.yaml"
    profile.write_text("name: A\nage: 70\ngender: vrouw\n", encoding="utf-8")
    assert run_cli("validate", str(profile), "--data", str(data)).code == 0


def test_schema_file_in_the_repo_is_current():
    shipped = json.loads((ROOT / "profile.schema.json").read_text(encoding="utf-8"))
    assert shipped == json.loads(run_cli("schema").out), (
        "run: wat-werkt schema > profile.schema.json"
    )


# --- for the maintainers of data/ -------------------------------------------------------------


@pytest.mark.parametrize("name", ["sources", "factors", "interventions", "profile"])
def test_data_schemas_are_current_and_accept_the_shipped_data(name, data_dir):
    import jsonschema
    from ruamel.yaml import YAML

    result = run_cli("schema", f"{name}.yaml")
    schema = json.loads(result.out)
    committed = ROOT / "data" / "schemas" / f"{name}.schema.json"
    assert json.loads(committed.read_text(encoding="utf-8")) == schema, (
        f"stale: run wat-werkt schema {name}.yaml > data/schemas/{name}.schema.json"
    )
    validator = jsonschema.Draft202012Validator(schema)
    data = YAML(typ="safe").load((data_dir / f"{name}.yaml").read_text(encoding="utf-8"))
    assert not [e.message for e in validator.iter_errors(data)]
    assert (
        (data_dir / f"{name}.yaml")
        .read_text(encoding="utf-8")
        .startswith(f"# yaml-language-server: $schema=schemas/{name}.schema.json\n")
    )


def test_data_schema_describes_the_rule_language():
    import jsonschema

    schema = json.loads(run_cli("schema", "factors.yaml").out)
    validator = jsonschema.Draft202012Validator(schema)
    warning = {"code": "a.b", "message": "m", "sources": ["x"]}
    ok = {**warning, "when": {"all": [{"situation": {"any": ["widowed"]}}]}}
    bad = {**warning, "when": {"situatoin": {"any": ["widowed"]}}}
    subschema = {"$defs": schema["$defs"], **schema["$defs"]["WarningRule"]}
    assert validator.evolve(schema=subschema).is_valid(ok)
    assert not validator.evolve(schema=subschema).is_valid(bad)


def test_rules_reference_lists_fields_with_their_help():
    table = run_cli("rules")
    assert table.code == 0
    assert re.search(
        r"readiness\.motivated\s*│\s*willen\s*│\s*is, in\s*│\s*no, unknown, yes", table.out
    )
    fields = {f["name"]: f for f in json.loads(run_cli("rules", "-f", "json").out)["fields"]}
    assert fields["situation"]["operators"] == ["any", "all", "none", "empty"]
    assert "widowed" in fields["situation"]["values"]


def test_unknown_schema_is_a_usage_error():
    result = run_cli("schema", "foo")
    assert result.code == 2 and "'foo'" in result.err


def test_tables_show_dutch_labels_and_json_keeps_codes():
    table = run_cli("list", "--format-filter", "een-op-een")
    assert "een-op-een" in table.out and "one_to_one" not in table.out
    rows = json.loads(run_cli("list", "--format-filter", "een-op-een", "-f", "json").out)
    assert all("one_to_one" in r["formats"] for r in rows)


@pytest.mark.parametrize(
    "old, new, expected",
    [
        (
            "    vocabulary: situations",
            "    vocabulary: situatons",
            r"profile\.yaml:\d+:17: 'situation' \(codes\) heeft een vocabulary nodig; "
            r"bedoelde u 'situations'\?",
        ),
        (
            "    type: text",
            "    type: tekst",
            r"profile\.yaml:\d+:11: ongeldige waarde 'tekst' voor 'fields\.name\.type'",
        ),
        (
            "    default: mixed",
            "    default: gemixt",
            r"profile\.yaml:\d+:14: 'gemixt' hoort niet bij gender; toegestaan: vrouw \(female\)",
        ),
    ],
)
def test_a_broken_profile_description_is_located(tmp_path, data_dir, old, new, expected):
    data = tmp_path / "data"
    shutil.copytree(data_dir, data, ignore=shutil.ignore_patterns("__*"))
    description = data / "profile.yaml"
    text = description.read_text(encoding="utf-8")
    assert old in text
    description.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = run_cli("validate", "--data", str(data))
    assert result.code == 1 and "Traceback" not in result.err
    assert re.search(expected, result.err), result.err


def test_the_readme_dutch_profile_advises_like_the_english_one(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Het profiel", 1)[1]
    english, dutch = re.findall(r"```yaml\n(.*?)```", section, re.S)[:2]
    outputs = []
    for name, text in (("en", english), ("nl", dutch)):
        path = tmp_path / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        result = run_cli("advise", str(path), "--format", "json")
        assert result.code == 0, result.err
        outputs.append(result.out)
    assert outputs[0] == outputs[1]


def test_a_new_field_is_one_edit(tmp_path, data_dir):
    """A field added to profile.yaml is checked, in the schema, asked by init and written."""
    data = tmp_path / "data"
    shutil.copytree(data_dir, data, ignore=shutil.ignore_patterns("__*"))
    description = data / "profile.yaml"
    text = description.read_text(encoding="utf-8")
    new = (
        "  contacts:\n    type: integer\n    min: 0\n    max: 50\n"
        '    help: "aantal contacten per week"\n    question: "Contacten per week"\n'
    )
    description.write_text(text.replace("  available:\n", new + "  available:\n"), encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: A\nage: 70\ncontacts: 80\n", encoding="utf-8")
    result = run_cli("validate", str(bad), "--data", str(data))
    assert (
        result.code == 1
        and "bad.yaml:3:11: 'contacts' is 80 maar moet hoogstens 50 zijn" in result.err
    )
    schema = json.loads(run_cli("schema", "--data", str(data)).out)
    assert schema["properties"]["contacts"]["description"] == "Aantal contacten per week"
    target = tmp_path / "new.yaml"
    answers = ["B", "70", "", "", "sociaal", *[""] * 9, "3", "peer-home-visit", ""]  # a typo
    result = run_cli("init", str(target), "--data", str(data), stdin="\n".join(answers) + "\n")
    assert result.code == 0, result.err
    assert "Contacten per week:" in result.err
    assert "bedoelde u 'peer-home-visits'?" in result.err
    assert "contacts: 3 # aantal contacten per week" in target.read_text(encoding="utf-8")


def test_hints_name_the_command_that_lists_the_codes(kb):
    from wat_werkt.core.errors import UserError

    with pytest.raises(UserError) as caught:
        make_profile(kb, available=["qqqqqq"], situation=["zzzzzz"])
    messages = [p.message for p in caught.value.problems]
    assert any(m.endswith("met 'wat-werkt list'") for m in messages), messages
    assert any(m.endswith("met 'wat-werkt codes situation'") for m in messages), messages
