"""Shared helpers: the shipped knowledge base, profile builders and an in-process CLI runner."""

from __future__ import annotations

import io
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from wat_werkt.core.engine import advise
from wat_werkt.core.kb_load import load_kb
from wat_werkt.core.knowledge import default_data_dir
from wat_werkt.core.profile import parse_profile

# Property tests: 150 examples in CI; HYPOTHESIS_PROFILE=long for 5,000.
settings.register_profile(
    "ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "long", max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# Tests keep their knowledge-base cache to themselves.
os.environ.setdefault("WAT_WERKT_CACHE_DIR", tempfile.mkdtemp(prefix="wat-werkt-test-cache-"))

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def kb():
    return load_kb()


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return default_data_dir()


def make_profile(kb, **fields):
    data = {"name": "Test", "age": 70, "loneliness": {"types": ["social"], "score": 6}}
    data.update(fields)
    return parse_profile(data, kb, "test.yaml", None)


def advice_for(kb, include_unavailable=False, **fields):
    return advise(kb, make_profile(kb, **fields), include_unavailable)


def ranks(advice) -> dict[str, int]:
    return {r["id"]: r["rank"] for r in advice["ranking"]}


@dataclass
class Result:
    code: int
    out: str
    err: str


def run_cli(*args: str, stdin: str = "") -> Result:
    """Run the CLI in-process, as `wat-werkt ARGS`, and capture what it prints."""
    from wat_werkt.cli.app import main

    out, err = io.StringIO(), io.StringIO()
    old = sys.stdin, sys.stdout, sys.stderr
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin.encode()), encoding="utf-8")
    sys.stdout, sys.stderr = out, err
    try:
        main(list(args))
        code = 0
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    finally:
        sys.stdin, sys.stdout, sys.stderr = old
    return Result(code, out.getvalue(), err.getvalue())
