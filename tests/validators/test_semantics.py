"""Behaviour the `jsonschema` oracle cannot check for us: ECMA-262 regexes, exact decimals, JSON
equality, OpenAPI 3.0 dialect details, error codes, diagnostics, and spec text that looks like code.
"""

from __future__ import annotations

import ast
from typing import Any

import pytest

import generated
from generator.diagnostics import SpecError
from generator.targets.python.capabilities import CAPABILITIES
from generator.targets.python.standalone import compile_schema_source
from generator.validation import schema_model


def _module(schema: Any, dialect: str = "2020-12") -> Any:
    source = compile_schema_source(schema, dialect)  # type: ignore[arg-type]
    return generated.import_source(source, "semantics_case")


@pytest.mark.parametrize(
    ("pattern", "value", "valid"),
    [
        ("^\\d+$", "123", True),
        ("^\\d+$", "١٢٣", False),  # \d is ASCII in ECMA-262
        ("^\\d+$", "12\n", False),  # $ matches only at the very end
        ("^\\w+$", "héllo", False),
        ("^a.c$", "a\rc", False),  # . excludes every line terminator
        ("^\\p{Letter}+$", "héllo", True),
        ("^[^\\s]+$", "a\ufeffb", False),  # U+FEFF is ECMA whitespace
    ],
)
def test_ecma_regex_semantics(pattern: str, value: str, valid: bool) -> None:
    assert _module({"pattern": pattern}).is_valid_schema(value) is valid


@pytest.mark.parametrize(
    ("divisor", "value", "valid"),
    [
        (0.01, 0.07, True),
        (0.01, 19.99, True),
        (0.01, 0.075, False),
        (64, 1536.0, True),
        (64, 500, False),
    ],
)
def test_multiple_of_is_exact(divisor: float, value: float, valid: bool) -> None:
    assert _module({"multipleOf": divisor}).is_valid_schema(value) is valid


@pytest.mark.parametrize(
    ("items", "valid"),
    [([1, 1.0], False), ([1, True], True), ([{"a": 1}, {"a": 1.0}], False), ([[0], [False]], True)],
)
def test_unique_items_uses_json_equality(items: list[Any], valid: bool) -> None:
    assert _module({"uniqueItems": True}).is_valid_schema(items) is valid


def test_lengths_count_code_points() -> None:
    module = _module({"minLength": 2, "maxLength": 2})
    assert module.is_valid_schema("💩💩") and not module.is_valid_schema("💩")


def test_openapi30_nullable_and_boolean_exclusive() -> None:
    module = _module(
        {"type": "integer", "nullable": True, "maximum": 5, "exclusiveMaximum": True}, "draft4"
    )
    assert module.is_valid_schema(None) and module.is_valid_schema(4)
    assert not module.is_valid_schema(5) and not module.is_valid_schema(True)


def test_error_fields_and_api_codes() -> None:
    schema = {
        "type": "object",
        "properties": {
            "w/idth": {
                "type": "integer",
                "multipleOf": 64,
                "x-error-codes": {"multipleOf": "bad_size"},
            }
        },
    }
    [error] = _module(schema).validate_schema({"w/idth": 500})
    assert error.instance_path == "/w~1idth"
    assert error.keyword == "multipleOf" and error.code == "bad_size"
    assert error.schema_path == "schema.json#/properties/w~1idth/multipleOf"
    assert error.message == "must be a multiple of 64"


def test_error_fields_where_the_site_defaults_do_not_apply() -> None:
    """A site writes its keyword only when it is not its place's last segment (a ``false``
    schema), and its code only when it is not the keyword (an empty code included)."""
    schema = {"properties": {"x": False, "n": {"maximum": 1, "x-error-codes": {"maximum": ""}}}}
    errors = _module(schema).validate_schema({"x": 1, "n": 2})
    assert [(e.instance_path, e.keyword, e.schema_path, e.message, e.code) for e in errors] == [
        ("/x", "false", "schema.json#/properties/x", "no value is allowed here", "false"),
        ("/n", "maximum", "schema.json#/properties/n/maximum", "must be <= 1", ""),
    ]
    [error] = _module(False).validate_schema(None)
    assert (error.keyword, error.schema_path, error.code) == ("false", "schema.json#", "false")


def test_every_error_is_reported() -> None:
    schema = {
        "type": "object",
        "required": ["a", "b"],
        "properties": {"c": {"maxLength": 1, "pattern": "^x"}},
    }
    errors = _module(schema).validate_schema({"c": "yy"})
    assert [(e.instance_path, e.keyword) for e in errors] == [
        ("", "required"),
        ("", "required"),
        ("/c", "maxLength"),
        ("/c", "pattern"),
    ]


def test_discriminator_reports_the_selected_variant() -> None:
    schema = {
        "$defs": {
            "Cat": {
                "type": "object",
                "properties": {"kind": {"const": "cat"}, "lives": {"maximum": 9}},
            },
            "Dog": {
                "type": "object",
                "required": ["bark"],
                "properties": {"kind": {"const": "dog"}},
            },
        },
        "oneOf": [{"$ref": "#/$defs/Cat"}, {"$ref": "#/$defs/Dog"}],
        "discriminator": {"propertyName": "kind", "mapping": {"cat": "#/$defs/Cat"}},
    }
    errors = _module(schema).validate_schema({"kind": "cat", "lives": 10})
    assert [(e.instance_path, e.keyword) for e in errors] == [("/lives", "maximum")]


def test_unsupported_keyword_is_a_diagnostic() -> None:
    schema = {"properties": {"a": {"unevaluatedProperties": False}}}
    with pytest.raises(SpecError) as caught:
        schema_model(schema, "2020-12", capabilities=CAPABILITIES)
    [diagnostic] = caught.value.diagnostics
    assert diagnostic.code == "E401"
    assert diagnostic.location.pointer == "/properties/a/unevaluatedProperties"


def test_unknown_keywords_and_formats_are_warnings() -> None:
    schema = {"frobnicate": 1, "format": "hostname"}
    model = schema_model(schema, "2020-12", capabilities=CAPABILITIES)
    assert sorted(w.code for w in model.warnings) == ["W405", "W406"]


def test_bad_regex_and_error_codes_are_reported() -> None:
    schema = {"pattern": "(", "x-error-codes": {"maximum": "x"}}
    with pytest.raises(SpecError) as caught:
        schema_model(schema, "2020-12", capabilities=CAPABILITIES)
    assert sorted(d.code for d in caught.value.diagnostics) == ["E403", "E404"]


def test_int64_rule_is_in_the_language_neutral_model() -> None:
    """The int64 rule is a check of the validation model, not Python emitter logic: the string
    branch of an integer that may be sent as text carries the schema's numeric checks (same
    sites), and its enum/const compare integer text as the integer."""
    from generator.validation.checks import (
        BoundCheck,
        EnumCheck,
        IntegerTextCheck,
        MultipleOfCheck,
    )

    schema = {"type": ["integer", "string"], "format": "int64", "minimum": 512,
              "multipleOf": 64, "enum": [512, 576], "x-error-codes": {"multipleOf": "bad_size"}}
    [definition] = schema_model(schema, "2020-12", capabilities=CAPABILITIES).definitions
    checks = definition.schema.checks  # type: ignore[union-attr]
    [rule] = [c for c in checks if isinstance(c, IntegerTextCheck)]
    assert (rule.format, rule.bits) == ("int64", 63)
    assert rule.site is not None and rule.site.keyword == "format"
    assert [type(c) for c in rule.checks] == [BoundCheck, MultipleOfCheck]
    assert rule.checks[1].site.code == "bad_size"
    assert set(rule.checks) <= set(checks)  # the number form's own checks, shared
    [enum] = [c for c in checks if isinstance(c, EnumCheck)]
    assert enum.integer_bits == 63
    for plain in ({"type": "integer", "format": "int64", "minimum": 1},
                  {"type": ["integer", "string"], "minimum": 1},
                  {"type": "string", "format": "int64"}):
        [d] = schema_model(plain, "2020-12", capabilities=CAPABILITIES).definitions
        assert not any(isinstance(c, IntegerTextCheck) for c in d.schema.checks)  # type: ignore[union-attr]
    unasserted = schema_model({"type": ["integer", "string"], "format": "int32", "maximum": 9},
                              "2020-12", assert_formats=False,
                              capabilities=CAPABILITIES)
    [rule] = [c for c in unasserted.definitions[0].schema.checks  # type: ignore[union-attr]
              if isinstance(c, IntegerTextCheck)]
    assert rule.site is None and rule.bits == 31


def test_int64_rule_without_format_assertion() -> None:
    """Formats not asserted: integer text is still judged by its integer, but a string that is
    not integer text in range is not a problem."""
    schema = {"type": ["integer", "string"], "format": "int32", "maximum": 9}
    source = compile_schema_source(schema, "2020-12", assert_formats=False)
    module = generated.import_source(source, "int64_unasserted")
    assert [e.keyword for e in module.validate_schema("10")] == ["maximum"]
    assert module.is_valid_schema("9") and module.is_valid_schema("x")
    assert module.is_valid_schema("2147483648")  # beyond int32: no integer, no format check


HOSTILE = '"""\\\'\n# ) ; import os; os.system("x")\u2028'


def test_spec_text_never_becomes_code() -> None:
    schema = {
        "type": "object",
        "required": [HOSTILE],
        "properties": {
            HOSTILE: {"enum": [HOSTILE], "pattern": "^" + HOSTILE.replace("(", "").replace(")", "")}
        },
        "patternProperties": {"^'''": {"const": HOSTILE}},
        "additionalProperties": False,
    }
    source = compile_schema_source(schema, "2020-12")
    ast.parse(source)
    module = generated.import_source(source, "hostile_case")
    assert not module.is_valid_schema({})
    errors = module.validate_schema({"'''x": "other"})
    assert {e.keyword for e in errors} == {"required", "const"}


def test_header_line() -> None:
    source = compile_schema_source({}, "2020-12")
    assert source.splitlines()[0] == "# Code generated by specgen from schema.json. DO NOT EDIT."
