"""A data edit that passes `validate --data` never makes `advise` fail with an internal error.

Each example copies data/, replaces one value (or drops one key) somewhere in a data file
with something a careless or hostile editor might write, and then: either the validator
reports it, or every example profile is advised without an exception.
Longer local run: HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest tests/test_data_fuzz.py
"""

from __future__ import annotations

import math
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import EXAMPLES
from wat_werkt.core import kb_load
from wat_werkt.core.engine import advise
from wat_werkt.core.errors import UserError
from wat_werkt.core.kb_build import _walk
from wat_werkt.core.knowledge import default_data_dir
from wat_werkt.core.profile import load_profile
from wat_werkt.core.yamlio import load, read_text

settings.register_profile(
    "data-ci", max_examples=60, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.register_profile(
    "data-long", max_examples=2000, deadline=None, suppress_health_check=list(HealthCheck)
)
LONG = os.environ.get("HYPOTHESIS_PROFILE") == "long"

DATA = default_data_dir()
FILES = ("factors.yaml", "interventions.yaml", "profile.yaml", "sources.yaml")
ORIGINAL = {f: load(read_text(DATA / f, None), f) for f in FILES}
HOSTILE = [
    -1, 0, 1, 7, 12, 121, -(10**9), 10**30, 2.5, -0.5, 1e308, -1e308,
    math.nan, math.inf, -math.inf, "", "x", "{name}", "{nope}", "{}", "{name!r}",
    "{name:>999999999}", "{name.__class__}", "{0}", "{", None, True, False, [], {}, [1],
    ["x"], {"x": 1}, {"all": []}, {"any": [{"age": {"min": "x"}}]}, "0",
]  # fmt: skip
DROP = object()


PATHS = [(f, p) for f in FILES for p, _ in _walk(ORIGINAL[f]) if p]


def _emit(value) -> str:
    """YAML flow text (JSON-like) that keeps .nan/.inf and big numbers as written."""
    if isinstance(value, bool) or value is None:
        return {True: "true", False: "false", None: "null"}[value]
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_emit(v) for v in value) + "]"
    return "{" + ", ".join(f"{_emit(str(k))}: {_emit(v)}" for k, v in value.items()) + "}"


def _mutated(file: str, path: tuple, value) -> str:
    import copy

    data = copy.deepcopy(ORIGINAL[file])
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    if value is DROP:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return _emit(data)


PROFILES = sorted(EXAMPLES.glob("*.yaml"))


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Iterator[Path]:
    os.environ["WAT_WERKT_NO_CACHE"] = "1"  # each example builds from its own data
    folder = tmp_path_factory.mktemp("data")
    shutil.copytree(DATA, folder, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__*"))
    yield folder
    del os.environ["WAT_WERKT_NO_CACHE"]
    kb_load._loaded.clear()


@settings(settings.get_profile("data-long" if LONG else "data-ci"))
@given(
    st.sampled_from(PATHS),
    st.one_of(st.sampled_from(HOSTILE), st.just(DROP)),
)
def test_valid_data_never_crashes_advise(workdir, target, value):
    file, path = target
    (workdir / file).write_text(_mutated(file, path, value), encoding="utf-8")
    try:
        kb_load._loaded.clear()
        try:
            kb = kb_load.load_kb(workdir)  # as a run loads it (the cache is off here)
        except UserError:
            return  # the validator caught it: fine
        for profile in PROFILES:
            try:
                p = load_profile(str(profile), kb)
            except UserError:
                continue  # the edit made an example invalid (e.g. removed a code it uses)
            for include in (False, True):
                advise(kb, p, include)
    finally:
        shutil.copy(DATA / file, workdir / file)
        kb_load._loaded.clear()
