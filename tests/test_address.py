"""The user is addressed as "u" everywhere they read: help, messages, data texts, README."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from ruamel.yaml import YAML

from tests.conftest import run_cli

ROOT = Path(__file__).parent.parent
INFORMAL = re.compile(r"\b(je|jij|jou|jouw|jezelf|jullie)\b", re.IGNORECASE)
# Proper names that contain "je": the programme "Vrienden maken… kun je leren" and its web page.
NAMES = re.compile(r"kun[ -]je[ -]leren", re.IGNORECASE)


def informal(text: str) -> list[str]:
    return INFORMAL.findall(NAMES.sub("", text))


def yaml_strings(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for v in node.values() for s in yaml_strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in yaml_strings(v)]
    return []


def test_code_strings_say_u():
    found = []
    for path in sorted((ROOT / "src" / "wat_werkt").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            text = node.value if isinstance(node, ast.Constant) else None
            if isinstance(text, str) and informal(text):
                found.append(f"{path.name}:{node.lineno}: {text!r}")
    assert not found, "\n".join(found)


def test_data_texts_say_u():
    found = []
    for path in sorted((ROOT / "data").glob("*.yaml")):  # values only: comments are notes
        for text in yaml_strings(YAML(typ="safe").load(path.read_text(encoding="utf-8"))):
            if informal(text):
                found.append(f"{path.name}: {text!r}")
    assert not found, "\n".join(found)


def test_readme_and_help_say_u():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert not informal(readme), informal(readme)
    shown = run_cli("--help").out + run_cli("adviseer").err + run_cli("advise", "--al").err
    assert "Bedoelde u 'advise'?" in shown and "bedoelde u" in shown
    assert not informal(shown)
