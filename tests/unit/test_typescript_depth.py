"""Which compiled TypeScript validators take their depth (``generator/targets/typescript/validators.py``):
the functions on a cycle of calls check it, those that reach one pass it on, the rest are as
they were (a schema with no cycle pays nothing for deep data)."""

from __future__ import annotations

from generator.targets.typescript.standalone import compile_schema_source
from generator.targets.typescript.validators import _recursive


def test_cycles_and_what_reaches_them() -> None:
    calls = {"a": {"b"}, "b": {"a", "c"}, "c": set(), "d": {"a"}, "e": {"e"}, "f": {"c", "alwaysTrue"}}
    cyclic, deep = _recursive(calls, ["a", "b", "c", "d", "e", "f"])
    assert cyclic == {"a", "b", "e"}
    assert deep == {"a", "b", "d", "e"}


def test_a_schema_without_a_cycle_is_compiled_as_before() -> None:
    source = compile_schema_source(
        {"type": "object", "properties": {"a": {"type": "array", "items": {"type": "integer"}}}},
        "2020-12")
    assert "d: number" not in source and "deeper" not in source and "checkDeep" not in source


def test_a_recursive_schema_hands_deep_values_to_the_work_list() -> None:
    source = compile_schema_source(
        {"type": "object", "properties": {"next": {"$ref": "#"}, "n": {"type": "integer"}}},
        "2020-12")
    assert "if (d > DEEP) return deeper(" in source
    assert "(v1, p1, e, d + 1)" in source
    assert "return checkDeep(" in source and "return collectDeep(" in source
