"""Where a key is data (its ``$ref``s are values) and where the same word is a name or a keyword."""

from __future__ import annotations

from typing import Any

from generator.load.data_positions import Kind, children, item_kind


def _kinds(node: dict[str, Any], kind: Kind | None) -> dict[str, Kind | None]:
    return {key: child for key, _, child in children(node, kind)}


def test_data_keywords_in_a_schema_are_data() -> None:
    schema = {"example": {}, "default": {}, "const": {}, "enum": [], "x-a": {}, "examples": [],
              "properties": {}, "items": {}, "allOf": []}
    assert _kinds(schema, Kind.KEYWORDS) == {
        "example": None, "default": None, "const": None, "enum": None, "x-a": None,
        "examples": None, "properties": Kind.NAMES, "items": Kind.KEYWORDS, "allOf": Kind.KEYWORDS}


def test_the_same_words_as_names_are_not_data() -> None:
    names = {"example": {}, "default": {}, "const": {}, "enum": {}, "x-a": {}, "examples": {}}
    assert set(_kinds(names, Kind.NAMES).values()) == {Kind.KEYWORDS}
    assert _kinds({"default": {}, "200": {}, "x-a": {}}, Kind.EXTENSIBLE_NAMES) == {
        "default": Kind.KEYWORDS, "200": Kind.KEYWORDS, "x-a": None}
    assert _kinds({"dependencies": {}}, Kind.KEYWORDS) == {"dependencies": Kind.NAMES}


def test_an_examples_map_holds_example_objects_whose_value_is_data() -> None:
    media = {"examples": {"one": {}}, "schema": {}}
    assert _kinds(media, Kind.KEYWORDS) == {"examples": Kind.EXAMPLE_NAMES, "schema": Kind.KEYWORDS}
    assert _kinds({"one": {}}, Kind.EXAMPLE_NAMES) == {"one": Kind.EXAMPLE}
    assert _kinds({"value": {}, "summary": "s", "$ref": "#/x"}, Kind.EXAMPLE) == {
        "value": None, "summary": Kind.KEYWORDS, "$ref": Kind.KEYWORDS}


def test_components_and_data_all_the_way_down() -> None:
    components = {"schemas": {}, "examples": {}, "callbacks": {}, "responses": {}, "x-a": {}}
    assert _kinds(components, Kind.COMPONENTS) == {
        "schemas": Kind.NAMES, "examples": Kind.EXAMPLE_NAMES, "callbacks": Kind.CALLBACKS,
        "responses": Kind.NAMES, "x-a": None}
    assert _kinds({"schema": {}, "properties": {}}, None) == {"schema": None, "properties": None}
    assert item_kind(None) is None and item_kind(Kind.NAMES) is Kind.KEYWORDS
