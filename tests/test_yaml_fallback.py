"""The pure-Python YAML path (no ruamel.yaml.clib, e.g. PyPy) reads exactly what the C path reads.

CI also runs the loader and profile tests once with WAT_WERKT_PURE_YAML=1 (.ci/run).
"""

from __future__ import annotations

import pytest

from tests.conftest import EXAMPLES, ROOT
from tests.test_profile_errors import CASES
from wat_werkt.core import yamlio
from wat_werkt.core.errors import UserError

TEXTS = [
    *(p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.yaml"))),
    (ROOT / "data" / "factors.yaml").read_text(encoding="utf-8"),
    *(text for _, text, _ in CASES if isinstance(text, str)),
    "a: &x [1]\nb: *x\n",
    "--- {name: A}\n--- {name: B}\n",
]


def _read(text: str, pure: bool, monkeypatch) -> object:
    if pure:
        monkeypatch.setenv("WAT_WERKT_PURE_YAML", "1")
    else:
        monkeypatch.delenv("WAT_WERKT_PURE_YAML", raising=False)
    try:
        return yamlio.load_all(text, "p.yaml")
    except UserError as e:
        return [(p.line, p.col, p.message.split(":")[0]) for p in e.problems]


@pytest.mark.parametrize("text", TEXTS)
def test_pure_and_c_parsers_agree(text, monkeypatch):
    assert _read(text, True, monkeypatch) == _read(text, False, monkeypatch)


def test_the_switch_really_switches(monkeypatch):
    monkeypatch.setenv("WAT_WERKT_PURE_YAML", "1")
    assert isinstance(yamlio._events("a: 1"), yamlio._PureEvents)
