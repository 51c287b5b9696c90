"""Sites deep below their schema's function are written below ``_Place`` links.

A site's schema path was written whole, so a schema nested N deep (``allOf`` in ``allOf``, an
object in an object) wrote N sites of N segments each: a module quadratic in N. Past
``_LINK`` segments a site is written below a chain of ``_AT_n = _Place(_AT_m, "/a/b/...")``
links (``generator/targets/python/validator_emit.py``, ``Emitter._near``). Here the chained
module reports exactly what the module with every pointer whole reports (compiled and as
tables), grows linearly with the depth, and formats alike under black and ruff.
"""

from __future__ import annotations

from dataclasses import astuple
from typing import Any

import pytest

import generated
from generator import deep
from generator.render import render
from generator.targets.python import validator_emit
from generator.targets.python.capabilities import CAPABILITIES
from generator.targets.python.format import format_tree
from generator.targets.python.validators import validators_job
from generator.validation import schema_model

_count = iter(range(10**9))


def _allof(depth: int) -> dict[str, Any]:
    """``allOf`` nested ``depth`` deep, each level adding a string property and a bound."""
    inner: dict[str, Any] = {"type": "object", "properties": {"p0": {"type": "string"}}}
    for i in range(1, depth):
        level = {"type": "object", "properties": {f"p{i}": {"type": "string", "maxLength": 2}},
                 "required": [f"p{i}"] if i % 7 == 0 else []}
        inner = {"allOf": [inner, level]}
    return inner


def _nested(depth: int) -> dict[str, Any]:
    """Objects in objects (and arrays) ``depth`` deep: a leaf ``x`` integer at the bottom."""
    inner: dict[str, Any] = {"type": "object", "properties": {"x": {"type": "integer"}},
                             "additionalProperties": False}
    for i in range(depth):
        inner = {"type": "object", "properties": {"a": inner if i % 3 else
                                                  {"type": "array", "items": inner}}}
    return inner


def _value(depth: int, leaf: Any) -> Any:
    """A value for :func:`_nested` (``depth`` deep) with ``leaf`` at the bottom."""
    value: Any = leaf
    for i in range(depth):
        value = {"a": value if i % 3 else [value, {"y": 1}]}
    return value


SCHEMAS = {"allof": _allof(40), "nested": _nested(30)}
VALUES = {
    "allof": [{"p0": 1, "p8": "abc", "p39": 2}, {}, [], {"p14": "ok", "p21": None},
              {f"p{i}": "ok" for i in range(40)}],
    "nested": [_value(30, {"x": "no"}), _value(30, {"x": 1, "z": 2}), _value(30, 5),
               _value(30, {"x": 1}), _value(12, [])],
}


def _source(schema: Any, hot: frozenset[str] | None) -> str:
    """The validators module of ``schema`` (rendered, not formatted), made on specgen's deep
    stack as the pipeline makes it."""
    model = deep.call(lambda: schema_model(schema, "2020-12", capabilities=CAPABILITIES))
    return deep.call(lambda: render([validators_job(model, "_v.py", hot=hot)])["_v.py"])


def _errors(source: str, value: Any) -> list[tuple[str, ...]]:
    module = generated.import_source(source, f"_deep_places_{next(_count)}")
    return [astuple(x) for x in module.validate_schema(value)]


@pytest.mark.parametrize("hot", [None, frozenset()], ids=["compiled", "tables"])
@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_linked_sites_report_what_whole_pointers_report(
    name: str, hot: frozenset[str] | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    linked = _source(SCHEMAS[name], hot)
    monkeypatch.setattr(validator_emit, "_LINK", 10**6)
    whole = _source(SCHEMAS[name], hot)
    assert "_Place(" in linked and "_DeepSite(" in linked
    assert "_Place" not in whole
    deepest = 0
    for value in VALUES[name]:
        expected = _errors(whole, value)
        assert _errors(linked, value) == expected, value
        deepest = max([deepest, *(x[2].count("/") for x in expected)])
    assert deepest > 60  # problems were found far below the chain's first link


def test_shallow_schemas_have_no_links() -> None:
    source = _source(_allof(3), None)
    assert "_Place" not in source and "_DeepSite" not in source


def test_the_module_grows_linearly_with_depth() -> None:
    sizes = [len(_source(_allof(depth), None)) for depth in (200, 400, 800)]
    assert sizes[1] / sizes[0] < 2.2 and sizes[2] / sizes[1] < 2.2, sizes


def test_black_and_ruff_format_linked_sites_alike() -> None:
    raw = {"pkg/validators.py": _source(SCHEMAS["allof"], None)}
    assert format_tree(raw, formatter="ruff") == format_tree(raw, workers=1)
