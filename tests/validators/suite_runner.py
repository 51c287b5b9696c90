"""JSON-Schema-Test-Suite runner shared by the conformance test and ``bench/conformance.py``.

Subset A: draft4 cases whose schemas use only what an OpenAPI 3.0.3 Schema Object may say (see
``OPENAPI30_KEYWORDS``). Subset B: the required draft2020-12 tests minus ``refRemote``,
``dynamicRef``, ``unevaluated*`` and ``vocabulary``. ``format`` is run as an annotation, as the
suite's required tests expect; the generator asserts formats by default.
"""

from __future__ import annotations

import json
import sys
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.diagnostics import SpecError
from generator.targets.python.standalone import compile_schema_source
from generator.validation.refs import subschema_positions

SUITE = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "json-schema-test-suite"
TESTS = SUITE / "tests"

# OpenAPI 3.0.3 "Schema Object" fields plus `$ref` (a Reference Object) and `definitions`, which
# stands in for `components/schemas` (where a 3.0 document keeps the targets of its `$ref`s).
# `type` must be a single string and `items` a single schema in 3.0; both are checked below.
OPENAPI30_KEYWORDS = frozenset(
    [
        "title",
        "multipleOf",
        "maximum",
        "exclusiveMaximum",
        "minimum",
        "exclusiveMinimum",
        "maxLength",
        "minLength",
        "pattern",
        "maxItems",
        "minItems",
        "uniqueItems",
        "maxProperties",
        "minProperties",
        "required",
        "enum",
        "type",
        "allOf",
        "oneOf",
        "anyOf",
        "not",
        "items",
        "properties",
        "additionalProperties",
        "description",
        "format",
        "default",
        "nullable",
        "discriminator",
        "readOnly",
        "writeOnly",
        "xml",
        "externalDocs",
        "example",
        "deprecated",
        "$ref",
        "definitions",
    ]
)
EXCLUDED_2020 = ("refRemote", "dynamicRef", "unevaluated", "vocabulary")

# Expected failures: (file, case description, test description) -> why. Not skips: they run, and a
# listed test that starts passing fails the conformance test so the list stays honest.
_UNEVALUATED = (
    "uses unevaluatedProperties, which specgen reports as unsupported (E401); the unevaluated* "
    "family is outside the agreed subset, these cases only live in other files"
)
EXPECTED_FAILURES: dict[str, dict[tuple[str, str, str], str]] = {
    "A": {},
    "B": {
        (
            "not.json",
            "collect annotations inside a 'not', even if collection is disabled",
            "unevaluated property",
        ): _UNEVALUATED,
        (
            "not.json",
            "collect annotations inside a 'not', even if collection is disabled",
            "annotations are still collected inside a 'not'",
        ): _UNEVALUATED,
        (
            "ref.json",
            "ref creates new scope when adjacent to keywords",
            "referenced subschema doesn't see annotations from properties",
        ): _UNEVALUATED,
    },
}


@dataclass(frozen=True, slots=True)
class Case:
    file: str
    description: str
    schema: Any
    tests: tuple[tuple[str, Any, bool], ...]


def cases(subset: str) -> Iterator[Case]:
    """The cases of subset ``"A"`` (OpenAPI 3.0 / draft4) or ``"B"`` (draft2020-12)."""
    folder = TESTS / ("draft4" if subset == "A" else "draft2020-12")
    for path in sorted(folder.glob("*.json")):
        if path.stem == "refRemote" or subset == "B" and path.stem.startswith(EXCLUDED_2020):
            continue
        for raw in json.loads(path.read_text(encoding="utf-8")):
            if subset == "A" and not openapi30_only(raw["schema"]):
                continue
            tests = tuple((t["description"], t["data"], t["valid"]) for t in raw["tests"])
            yield Case(path.name, raw["description"], raw["schema"], tests)


def openapi30_only(schema: Any) -> bool:
    """True when every (sub)schema uses only OpenAPI 3.0 Schema Object keywords and forms."""
    if not isinstance(schema, dict):
        return False
    if not set(schema) <= OPENAPI30_KEYWORDS:
        return False
    if not isinstance(schema.get("type", ""), str) or isinstance(schema.get("items"), list):
        return False
    for tokens in subschema_positions(schema):
        child: Any = schema
        for token in tokens:
            child = child[int(token)] if isinstance(child, list) else child[token]
        if not openapi30_only(child):
            return False
    return True


Verdict = Callable[[Any], bool]


def metaschemas() -> dict[str, Any]:
    """The draft4 and 2020-12 metaschemas, bundled offline (as ``jsonschema`` bundles them)."""
    from jsonschema_specifications import REGISTRY

    wanted = ("http://json-schema.org/draft-04/", "https://json-schema.org/draft/2020-12/")
    return {uri: REGISTRY.contents(uri) for uri in REGISTRY if uri.startswith(wanted)}


def specgen_compiler(dialect: str) -> Callable[[Any], Verdict]:
    resources = metaschemas()

    def compile_(schema: Any) -> Verdict:
        source = compile_schema_source(
            schema,
            dialect,
            assert_formats=False,
            resources=resources,  # type: ignore[arg-type]
        )
        module = types.ModuleType("_specgen_suite_case")
        sys.modules[module.__name__] = module
        try:
            exec(  # noqa: S102 - running the code we just generated is the point
                compile(source, "<generated>", "exec"), module.__dict__
            )
        finally:
            del sys.modules[module.__name__]
        is_valid, validate = module.is_valid_schema, module.validate_schema

        def verdict(data: Any) -> bool:
            fast = bool(is_valid(data))
            errors = validate(data)
            if fast != (not errors):
                raise AssertionError(f"fast path says {fast}, collecting path {errors}")
            return fast

        return verdict

    return compile_


def jsonschema_compiler(dialect: str) -> Callable[[Any], Verdict]:
    import jsonschema

    cls = jsonschema.Draft4Validator if dialect == "draft4" else jsonschema.Draft202012Validator
    return lambda schema: cls(schema).is_valid


def fastjsonschema_compiler(dialect: str) -> Callable[[Any], Verdict]:
    import fastjsonschema

    def compile_(schema: Any) -> Verdict:
        if isinstance(schema, dict) and "$schema" not in schema:
            uri = (
                "http://json-schema.org/draft-04/schema#"
                if dialect == "draft4"
                else ("https://json-schema.org/draft/2020-12/schema")
            )
            schema = {**schema, "$schema": uri}
        check = fastjsonschema.compile(schema, use_formats=False)

        def verdict(data: Any) -> bool:
            try:
                check(data)
            except fastjsonschema.JsonSchemaValueException:
                return False
            return True

        return verdict

    return compile_


def run(subset: str, compiler: Callable[[Any], Verdict]) -> dict[tuple[str, str, str], bool]:
    """Run every test of ``subset``; maps (file, case, test) to whether the verdict was right."""
    results = {}
    for case in cases(subset):
        try:
            verdict: Verdict | None = compiler(case.schema)
        except (SpecError, Exception):  # noqa: BLE001 - any compile failure fails the case's tests
            verdict = None
        for description, data, valid in case.tests:
            try:
                ok = verdict is not None and verdict(data) == valid
            except Exception:  # noqa: BLE001 - a crash is a failed test
                ok = False
            results[(case.file, case.description, description)] = ok
    return results


def dialect_of(subset: str) -> str:
    return "draft4" if subset == "A" else "2020-12"
