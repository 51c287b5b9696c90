"""Fixtures for the spec tests; helpers live in `credits_spec_support`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from credits_spec_support import SPEC_URI, load_spec, make_registry, pointer
from jsonschema import Draft202012Validator
from referencing import Registry


@pytest.fixture(scope="session")
def spec() -> dict[str, Any]:
    return load_spec()


@pytest.fixture(scope="session")
def registry(spec: dict[str, Any]) -> Registry[Any]:
    return make_registry(spec)


@pytest.fixture(scope="session")
def validator_at(registry: Registry[Any]) -> Callable[[str], Draft202012Validator]:
    """Factory: a 2020-12 validator for the schema at a JSON pointer inside the spec."""

    def make(ptr: str) -> Draft202012Validator:
        return Draft202012Validator({"$ref": f"{SPEC_URI}#{ptr}"}, registry=registry)

    return make


@pytest.fixture(scope="session")
def credits_request_validator(
    validator_at: Callable[[str], Draft202012Validator],
) -> Draft202012Validator:
    return validator_at(pointer("components", "schemas", "CreditsRequest"))
