"""``default``, ``const``, ``enum`` and ``example`` values against their own schema (E303, W307,
W311), judged by ``jsonschema`` in the document's dialect."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rules_support import document, op, validate

P = "/components/schemas/Pet/properties"


def _pet(version: str = "3.1.0", **props: Any) -> dict[str, Any]:
    pet = {"type": "object", "properties": props}
    return document(version, components={"schemas": {"Pet": pet}})


def test_a_property_default_of_the_wrong_type_is_an_error(tmp_path: Path) -> None:
    status, found = validate(tmp_path, _pet(age={"type": "integer", "default": "three"}))
    assert status == 2 and ("E303", f"{P}/age/default") in found


def test_a_default_outside_its_bounds_or_format_is_an_error(tmp_path: Path) -> None:
    doc = _pet(age={"type": "integer", "minimum": 1, "default": 0},
               day={"type": "string", "format": "date", "default": "2024-13-45"},
               id={"type": "string", "format": "uuid", "default": "not-a-uuid"})
    status, found = validate(tmp_path, doc)
    assert status == 2
    assert {("E303", f"{P}/{n}/default") for n in ("age", "day", "id")} <= found


def test_formats_that_need_a_library_are_not_judged(tmp_path: Path) -> None:
    """``date-time`` needs a package not every installation has: every one must agree."""
    status, found = validate(tmp_path, _pet(at={"type": "string", "format": "date-time",
                                                "default": "yesterday"}))
    assert (status, found) == (0, set())


def test_a_parameter_default_is_judged_through_its_ref(tmp_path: Path) -> None:
    color = {"type": "string", "enum": ["red", "blue"]}
    param = {"name": "c", "in": "query", "schema": {"$ref": "#/components/schemas/Color",
                                                     "default": "purple"}}
    for version in ("3.0.3", "3.1.0"):  # 3.0: the sibling default is judged by its $ref
        doc = document(version, paths={"/a": {"get": op(parameters=[param])}},
                       components={"schemas": {"Color": color}})
        status, found = validate(tmp_path, doc)
        assert status == 2 and ("E303", "/paths/~1a/get/parameters/0/schema/default") in found


def test_enum_members_and_const_are_judged_without_themselves(tmp_path: Path) -> None:
    doc = _pet(size={"type": "integer", "enum": [1, "two", 3]},
               kind={"type": "string", "const": 4}, ok={"type": "string", "enum": ["a", "b"]})
    status, found = validate(tmp_path, doc)
    assert status == 2
    assert found == {("E303", f"{P}/size/enum/1"), ("E303", f"{P}/kind/const")}


def test_null_with_nullable_is_fine_in_30(tmp_path: Path) -> None:
    doc = _pet("3.0.3", name={"type": "string", "nullable": True, "default": None},
               kind={"type": "string", "nullable": True, "enum": ["a", None], "default": None})
    assert validate(tmp_path, doc) == (0, set())


def test_a_null_default_without_null_is_read_as_no_default(tmp_path: Path) -> None:
    """OpenAI's document writes ``default: null`` on schemas that refuse null: a warning."""
    for version in ("3.0.3", "3.1.0"):
        status, found = validate(tmp_path, _pet(version, n={"type": "integer", "default": None}))
        assert (status, found) == (0, {("W311", f"{P}/n/default")})


def test_a_default_the_code_never_uses_is_a_warning(tmp_path: Path) -> None:
    doc = document(components={"schemas": {
        "Tags": {"type": "array", "items": {"type": "string", "default": ["a"]}},
        "Mode": {"oneOf": [{"type": "string", "default": 3}, {"type": "integer"}]},
    }})
    status, found = validate(tmp_path, doc)
    assert status == 0
    assert found == {("W311", "/components/schemas/Tags/items/default"),
                     ("W311", "/components/schemas/Mode/oneOf/0/default")}


def test_examples_are_warnings(tmp_path: Path) -> None:
    doc = _pet(age={"type": "integer", "example": "three", "examples": [1, "two"]})
    status, found = validate(tmp_path, doc)
    assert status == 0
    assert found == {("W307", f"{P}/age/example"), ("W307", f"{P}/age/examples/1")}


def test_a_ref_inside_a_value_is_data(tmp_path: Path) -> None:
    doc = _pet(meta={"type": "object", "default": {"$ref": "#/nowhere"},
                     "example": {"$ref": "elsewhere.yaml"}})
    assert validate(tmp_path, doc) == (0, set())


def test_a_value_that_refers_through_components_matches(tmp_path: Path) -> None:
    doc = document(components={"schemas": {
        "Point": {"type": "object", "required": ["x"], "properties": {"x": {"type": "number"}}},
        "Shape": {"type": "object", "properties": {
            "at": {"$ref": "#/components/schemas/Point", "default": {"x": 1}},
            "bad": {"$ref": "#/components/schemas/Point", "default": {"y": 1}},
        }},
    }})
    status, found = validate(tmp_path, doc)
    assert status == 2
    assert found == {("E303", "/components/schemas/Shape/properties/bad/default")}


def test_parameter_and_media_type_examples_are_warnings(tmp_path: Path) -> None:
    point = {"type": "object", "required": ["x"], "properties": {"x": {"type": "number"}}}
    content = {"application/json": {
        "schema": {"$ref": "#/components/schemas/Point"},
        "example": {"x": "one"},
        "examples": {"good": {"value": {"x": 1}}, "shared": {"$ref": "#/components/examples/P"}},
    }}
    doc = document(
        paths={"/a": {"post": op(
            parameters=[{"name": "n", "in": "query", "schema": {"type": "integer"},
                         "example": "many"}],
            requestBody={"content": content},
        )}},
        components={"schemas": {"Point": point}, "examples": {"P": {"value": {"y": 2}}}},
    )
    status, found = validate(tmp_path, doc)
    assert status == 0
    body = "/paths/~1a/post/requestBody/content/application~1json"
    assert found == {("W307", "/paths/~1a/post/parameters/0/example"),
                     ("W307", f"{body}/example"), ("W307", "/components/examples/P/value")}
