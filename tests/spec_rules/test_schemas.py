"""Schema rules of the build: a schema that is only itself (E305), a duplicate enum value
(W306), discriminator mappings (E318, W308), and the keywords beside a ``$ref``: merged in 3.1,
ignored with W309 in 3.0."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rules_support import document, validate

from generator.build import build
from generator.ir import Api, EnumDef, ObjectDef, Ref
from generator.load.loader import load

S = "/components/schemas"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _built(tmp_path: Path) -> Api:
    api, _ = build(load(tmp_path / "api.json"))
    return api


def _schemas(version: str = "3.1.0", **schemas: Any) -> dict[str, Any]:
    return document(version, components={"schemas": schemas})


def test_schemas_that_are_only_themselves(tmp_path: Path) -> None:
    doc = _schemas(Test={"allOf": [_ref("Test")]}, A={"oneOf": [_ref("B")]},
                   B={"anyOf": [_ref("A"), _ref("B")]}, C={"oneOf": [_ref("A")]},
                   Tree={"oneOf": [_ref("Tree"), {"type": "string"}]},
                   Node={"type": "object", "properties": {"next": _ref("Node")}})
    status, found = validate(tmp_path, doc)
    assert status == 2
    # C leads to A and B but is not on their cycle: it is refused through them
    assert found == {("E305", f"{S}/Test"), ("E305", f"{S}/A"), ("E305", f"{S}/B")}


def test_a_duplicate_enum_value_is_generated_once(tmp_path: Path) -> None:
    doc = _schemas(E={"enum": ["a", "b", "a", 1, 1.0, True, None, None]})
    status, found = validate(tmp_path, doc)
    assert status == 0
    assert found == {("W306", f"{S}/E/enum/2"), ("W306", f"{S}/E/enum/4"),
                     ("W306", f"{S}/E/enum/7")}
    (enum,) = _built(tmp_path).definitions
    assert isinstance(enum, EnumDef)
    assert [v.value for v in enum.values] == ["a", "b", 1, True, None]


def _pets(mapping: dict[str, str]) -> dict[str, Any]:
    kind = {"type": "object", "properties": {"kind": {"type": "string"}}}
    pet = {"oneOf": [_ref("Cat"), _ref("Dog")],
           "discriminator": {"propertyName": "kind", "mapping": mapping}}
    return _schemas(Cat=kind, Dog=kind, Bird=kind, Pet=pet)


def test_a_mapping_outside_the_union(tmp_path: Path) -> None:
    status, found = validate(tmp_path, _pets({"cat": "Cat", "bird": "#/components/schemas/Bird"}))
    assert (status, found) == (2, {("E318", f"{S}/Pet/discriminator/mapping/bird")})


def test_two_keys_to_one_variant(tmp_path: Path) -> None:
    status, found = validate(tmp_path, _pets({"cat": "Cat", "kitten": "Cat", "dog": "Dog"}))
    assert (status, found) == (0, {("W308", f"{S}/Pet/discriminator/mapping/kitten")})


def test_a_full_mapping_is_clean(tmp_path: Path) -> None:
    assert validate(tmp_path, _pets({"c": "#/components/schemas/Cat", "d": "Dog"})) == (0, set())


def test_31_object_keywords_beside_a_ref_are_merged(tmp_path: Path) -> None:
    base = {"type": "object", "properties": {"id": {"type": "string"}}}
    pet = {"type": "object", "properties": {
        "base": {**_ref("Base"), "required": ["id"], "properties": {"n": {"type": "integer"}}},
        "plain": {**_ref("Base"), "description": "only an annotation"},
    }}
    assert validate(tmp_path, _schemas(Base=base, Pet=pet)) == (0, set())
    defs = {d.name: d for d in _built(tmp_path).definitions}
    merged = defs[("Pet", "base")]
    assert isinstance(merged, ObjectDef)
    assert [(p.name, p.required) for p in merged.properties] == [("id", True), ("n", False)]
    plain = next(p for p in defs[("Pet",)].properties if p.name == "plain")  # type: ignore[union-attr]
    assert plain.type == Ref(key="api.json#/components/schemas/Base")
    assert plain.description == "only an annotation"


def test_30_keywords_beside_a_ref_are_ignored_with_a_warning(tmp_path: Path) -> None:
    pet = {"type": "object", "properties": {
        "tags": {**_ref("Tags"), "maxItems": 2, "description": "read", "nullable": True},
        "base": {**_ref("Base"), "properties": {"n": {"type": "integer"}}},
    }}
    doc = _schemas("3.0.3", Tags={"type": "array", "items": {"type": "string"}},
                   Base={"type": "object", "properties": {"id": {"type": "string"}}}, Pet=pet)
    status, found = validate(tmp_path, doc)
    assert status == 0
    assert found == {("W309", f"{S}/Pet/properties/tags/$ref"),
                     ("W309", f"{S}/Pet/properties/base/$ref")}
    api = _built(tmp_path)
    assert ("Pet", "base") not in {d.name for d in api.definitions}
    pet = next(d for d in api.definitions if d.name == ("Pet",))
    assert isinstance(pet, ObjectDef)
    tags = next(p for p in pet.properties if p.name == "tags")
    assert (tags.nullable, tags.description) == (False, "read")  # as the validators read it


def test_an_allof_cycle_merges_each_part_once(tmp_path: Path) -> None:
    """``A: allOf [B]``, ``B: allOf [A]``: one object of both, no unbounded recursion (before:
    RecursionError, an internal error)."""
    doc = _schemas(
        A={"allOf": [_ref("B"), {"type": "object"}], "properties": {"a": {"type": "string"}}},
        B={"allOf": [_ref("A"), {"type": "object"}], "properties": {"b": {"type": "string"}}})
    assert validate(tmp_path, doc) == (0, set())
    defs = {d.name: d for d in _built(tmp_path).definitions}
    a = defs[("A",)]
    assert isinstance(a, ObjectDef)
    assert [p.name for p in a.properties] == ["b", "a"]
