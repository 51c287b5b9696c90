"""Differential tests: generated validators agree with `jsonschema` on every drawn instance."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import instances
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import generated
from generator.targets.python.standalone import compile_schema_source

FEATURES = json.loads((Path(__file__).parent / "features.json").read_text(encoding="utf-8"))
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _agree(module: Any, name: str, oracle: Any, value: Any) -> None:
    fast = getattr(module, f"is_valid_{name}")(value)
    errors = getattr(module, f"validate_{name}")(value)
    assert fast == oracle.is_valid(value), (value, errors)
    assert fast == (errors == []), (value, errors)


@pytest.fixture(scope="module")
def credits() -> tuple[Any, Any, Any]:
    schema = generated.credits_schema()
    schemas = schema["components"]["schemas"]

    def resolve(ref: str) -> Any:
        return schemas[ref.rsplit("/", 1)[-1]]

    return generated.credits_module(), generated.oracle(schema), (schema, resolve)


def test_credits_request_agrees_with_jsonschema(credits: tuple[Any, Any, Any]) -> None:
    module, oracle, (schema, resolve) = credits
    base = instances.schema_instances(schema["components"]["schemas"]["CreditsRequest"], resolve)
    noise = instances.json_values(schema)

    @SETTINGS
    @given(instances.mutated(base, noise))
    def check(value: Any) -> None:
        _agree(module, "credits_request", oracle, value)

    check()


@pytest.mark.parametrize("feature", sorted(FEATURES))
def test_feature_schema_agrees_with_jsonschema(feature: str) -> None:
    schema = FEATURES[feature]
    module = generated.import_source(compile_schema_source(schema, "2020-12"), f"f_{feature}")
    oracle = generated.oracle(schema)
    defs = schema.get("$defs", {})
    base = instances.schema_instances(schema, lambda ref: defs[ref.rsplit("/", 1)[-1]])
    noise = instances.json_values(schema)

    @SETTINGS
    @given(st.one_of(instances.mutated(base, noise), noise))
    def check(value: Any) -> None:
        _agree(module, "schema", oracle, value)

    check()
