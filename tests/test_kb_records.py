"""The run-time knowledge base is typed: every validated object is a record of its own class."""

from __future__ import annotations

from pathlib import Path

from wat_werkt.core import kb_records
from wat_werkt.core.kb_build import compile_json, to_json
from wat_werkt.core.kb_records_gen import COMPILED, generate, models

RECORDS_FILE = Path(kb_records.__file__)


def test_records_file_is_generated_from_the_models():
    assert RECORDS_FILE.read_text(encoding="utf-8") == generate(), (
        "kb_models changed: run python -m wat_werkt.core.kb_records_gen"
        " > src/wat_werkt/core/kb_records.py"
    )


def test_every_model_has_a_record_with_its_fields():
    for model in models():
        record = kb_records.RECORDS[model.__name__]
        own = [n for n in record.__annotations__ if n not in COMPILED.get(model.__name__, {})]
        assert own == list(model.model_fields), model.__name__


def _walk(obj, seen):
    if id(obj) in seen:
        return
    seen.add(id(obj))
    if isinstance(obj, kb_records.Record):
        yield obj
        obj = vars(obj)
    if isinstance(obj, dict):
        obj = list(obj.values())
    if isinstance(obj, list | tuple):
        for item in obj:
            yield from _walk(item, seen)


def test_loaded_objects_are_records_of_the_right_class(kb):
    assert isinstance(kb.factors_file, kb_records.FactorsFile)
    assert all(isinstance(e.data, kb_records.Intervention) for e in kb.interventions)
    found = list(_walk([kb.factors_file, *(e.data for e in kb.interventions)], set()))
    assert len({type(r) for r in found}) >= 30
    for record in found:
        declared = set(type(record).__annotations__)
        assert set(vars(record)) <= declared, type(record).__name__


def test_cached_json_names_each_record_class(data_dir):
    text = to_json(data_dir)
    assert '"@": "Intervention"' in text
    kb = compile_json(data_dir, text)
    assert type(kb.sources[next(iter(kb.sources))]) is kb_records.Source


def test_an_unknown_record_name_is_a_damaged_cache(data_dir):
    text = to_json(data_dir).replace('"@": "Source"', '"@": "os.system"', 1)
    try:
        compile_json(data_dir, text)
    except KeyError:
        return
    raise AssertionError("an unknown record class was accepted")
