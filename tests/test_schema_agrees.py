"""Differential test: the JSON Schema and the checker judge every document alike.

Both follow data/profile.yaml, so for any document they must agree on structure and
vocabularies (codes, Dutch labels and aliases in any spelling). Rules across fields
(min <= max, score vs severity, answers vs score) are the checker's alone; the schema lists
them in its description. Documents are generated from the profile description itself, so a
field or code added there is covered without touching this test.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import jsonschema
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from wat_werkt.core.errors import UserError
from wat_werkt.core.kb_load import load_kb
from wat_werkt.core.profile import parse_profile
from wat_werkt.core.profile_spec import walk
from wat_werkt.core.schema import profile_schema

KB = load_kb()
SPEC = KB.profile
VALIDATOR = jsonschema.Draft202012Validator(profile_schema(KB))
CROSS_FIELD = re.compile(r"groter dan max|klopt niet met")

JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 130),
    st.sampled_from([7.0, 2.5, 1e20, -0.0]),
    st.text(max_size=8),
    st.lists(st.integers(0, 3), max_size=2),
    st.dictionaries(st.sampled_from(["min", "x"]), st.integers(0, 5), max_size=1),
)


@st.composite
def spelled(draw, word: str) -> str:
    """A word as people type it: any case, spaces, hyphens or underscores, stray spaces."""
    parts = word.split()
    if not parts:
        return word
    seps = [draw(st.sampled_from([" ", "-", "_", "  ", " - "])) for _ in parts[1:]]
    out = parts[0] + "".join(s + p for s, p in zip(seps, parts[1:], strict=True))
    out = draw(st.sampled_from([str.lower, str.upper, str.title, str.capitalize]))(out)
    if draw(st.integers(0, 9)) == 0:
        out = f" {out}_"
    if draw(st.integers(0, 29)) == 0:
        out = out + draw(st.sampled_from(["x", "e", "-"]))  # a typo, or just a trailing hyphen
    return out


def mostly(valid, rate: int = 20):
    """valid, and now and then (1 in rate) something of another type or shape."""
    return st.integers(0, rate - 1).flatmap(lambda n: JUNK if n == 0 else valid)


def word_of(vocabulary: str):
    vocab = SPEC.vocabularies[vocabulary]
    words = [w for c in vocab.codes for w in vocab.words(c)]
    one = st.sampled_from(words).flatmap(spelled)
    return mostly(st.one_of(one, st.booleans()) if vocab.takes_booleans else one)


def value_for(spec):
    if spec.type == "section":
        return mostly(section(spec.fields))
    if spec.type == "text":
        return mostly(
            st.one_of(
                st.text(max_size=6),
                st.integers(),
                st.floats(allow_nan=False, allow_infinity=False),
            )
        )
    lo, hi = spec.min or 0, spec.max or 0
    number = st.one_of(st.integers(lo, hi), st.integers(lo, hi), st.integers(lo - 2, hi + 2))
    if spec.type == "integer":
        return mostly(st.one_of(number, st.sampled_from([3.0, 4.5])))
    if spec.type == "age":
        bound = mostly(number)
        bounds = st.fixed_dictionaries({}, optional={"min": bound, "max": bound})
        return mostly(st.one_of(number, bounds))
    one = word_of(spec.vocabulary)
    if spec.type == "choice":
        return one
    if spec.type == "codes":
        return mostly(st.one_of(st.lists(one, max_size=4), one))
    if spec.type == "answers":
        counts = sorted({len(s.items) for s in KB.factors_file.scales})
        sizes = st.sampled_from([*counts * 4, counts[0] + 1, counts[-1] - 1])
        return mostly(sizes.flatmap(lambda n: st.lists(one, min_size=n, max_size=n)))
    raise AssertionError(f"no generator for field type {spec.type}")


def section(fields):
    optional = {name: value_for(f) for name, f in fields.items()}
    stray = {"leeftijd": st.integers(0, 3), "Gender": st.just("female")}
    return st.fixed_dictionaries({}, optional=optional).flatmap(
        lambda d: st.fixed_dictionaries(
            {k: st.just(v) for k, v in d.items()},
            optional=stray if len(d) % 7 == 3 else {},
        )
    )


@st.composite
def one_field(draw):
    """A valid base with one field drawn: a disagreement there cannot hide behind another."""
    loc, spec = draw(st.sampled_from(list(walk(SPEC.fields))))
    doc = {"name": "A", "age": 70}
    target = doc
    for name in loc[:-1]:
        target = target.setdefault(name, {})
    target[loc[-1]] = draw(value_for(spec))
    return doc


@st.composite
def documents(draw):
    if draw(st.booleans()):
        return draw(one_field())
    doc = draw(section(SPEC.fields))
    # Mostly with the required fields, so the rest of the document gets judged too.
    for name, f in SPEC.fields.items():
        if f.required and name not in doc and draw(st.integers(0, 9)) > 0:
            doc[name] = draw(value_for(f))
    return doc


def checker_accepts(doc) -> bool:
    try:
        parse_profile(doc, KB, "p.yaml", None)
    except UserError as e:
        return all(CROSS_FIELD.search(p.message) for p in e.problems)
    return True


@given(documents())
@example({"name": "A", "age": 70, "situation": "widowed"})  # probes from issue 12
@example({"name": "A", "age": 70, "readiness": {"aware": "Ja"}})
@example({"name": "A", "age": 70, "loneliness": {"answers": ["ja"] * 7}})
@example({"name": "A", "age": {"min": 80, "max": 60}})
@example({"name": "A", "age": 70, "gender": None, "setting": "Verpleeg huis"})
@example({"name": "A", "age": 70.0, "loneliness": {"score": 3.0}})  # JSON Schema: an integer
@example({"name": "A", "age": "85+"})  # newcomer re-check: the dossier's age band
@example({"name": "A", "age": 70, "available": ["Zin in vriendschap online (50+)"]})
@example({"name": "A", "age": 70, "available": ["zin in vriendschap onlin"]})
def test_schema_and_checker_agree(doc):
    schema_ok = VALIDATOR.is_valid(doc)
    assert checker_accepts(doc) == schema_ok, (doc, [e.message for e in VALIDATOR.iter_errors(doc)])


@pytest.mark.parametrize("rule", SPEC.cross_field_rules)
def test_cross_field_rules_are_listed_in_the_schema(rule):
    assert rule in profile_schema(KB)["description"]


def _patterns(node) -> set[str]:
    if isinstance(node, dict):
        found = {node["pattern"]} if "pattern" in node else set()
        return found.union(*(_patterns(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(_patterns(v) for v in node))
    return set()


@pytest.mark.skipif(not shutil.which("node"), reason="needs node: editors match with JavaScript")
def test_patterns_mean_the_same_in_javascript():
    """Editors run the schema's patterns as ECMA-262 regexes: they must match as Python's do."""
    patterns = sorted(_patterns(profile_schema(KB)))
    samples = ["Verpleeghuis", "Een_Op_Een", "EXISTENTIËLE eenzaamheid", " weet  niet ", "?", "x"]
    samples += [w for v in SPEC.vocabularies.values() for c in v.codes for w in v.words(c)]
    script = (
        f"const ps = {json.dumps(patterns)}, xs = {json.dumps(samples)};"
        "console.log(JSON.stringify(ps.map(p => xs.map(x => new RegExp(p, 'u').test(x)))));"
    )
    js = json.loads(subprocess.run(["node", "-e", script], capture_output=True, check=True).stdout)
    assert js == [[bool(re.search(p, x)) for x in samples] for p in patterns]
