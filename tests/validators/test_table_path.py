"""The table-driven collecting path (a schema no request sends) reports exactly the problems of
the compiled one: the same list (instance path, keyword, schema path, message, code, in the same
order) and the same ``is_valid`` on every value.

Each schema is compiled twice, every definition compiled (``hot`` = all) and every definition a
table (``hot`` = none), and both modules judge the same data: every test of the
JSON-Schema-Test-Suite (subsets A and B, formats asserted), the feature schemas and the credits
request on drawn and mutated values, the credits error payloads and every ``validate`` vector of
the conformance suite.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import astuple
from pathlib import Path
from typing import Any

import instances
import pytest
import suite_runner
from hypothesis import HealthCheck, given, settings

import generated
from generator.diagnostics import Location, SpecError
from generator.load.loader import load
from generator.render import render
from generator.targets.python.capabilities import CAPABILITIES
from generator.targets.python.validators import validators_job
from generator.validation import build_validation, schema_model
from generator.validation.model import ValidationModel

FEATURES = json.loads((Path(__file__).parent / "features.json").read_text(encoding="utf-8"))
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_count = iter(range(10**9))


def _module(model: ValidationModel, hot: frozenset[str] | None) -> Any:
    """The validators module of ``model`` (rendered, not formatted: the bytes do not matter)."""
    source = render([validators_job(model, "_v.py", hot=hot)])["_v.py"]
    return generated.import_source(source, f"_table_path_{next(_count)}")


def _pair(model: ValidationModel) -> tuple[Any, Any]:
    """(compiled, tables): the module with every definition compiled, and with none (but the
    recursive ones, which are never tables and always keep their fast path)."""
    cold = _module(model, frozenset())
    recursive = all(d.recursive for d in model.definitions)
    assert model.definitions and ("_walk" in vars(cold) or recursive), "no table was made"
    return _module(model, None), cold


def _same(pair: tuple[Any, Any], name: str, value: Any) -> None:
    compiled, tables = pair
    expected = [astuple(x) for x in getattr(compiled, f"validate_{name}")(value)]
    assert [astuple(x) for x in getattr(tables, f"validate_{name}")(value)] == expected, value
    assert getattr(tables, f"is_valid_{name}")(value) is (not expected), value


def _suite(subset: str) -> Iterator[tuple[suite_runner.Case, ValidationModel]]:
    dialect = "draft4" if subset == "A" else "2020-12"
    resources = suite_runner.metaschemas()
    for case in suite_runner.cases(subset):
        try:
            model = schema_model(case.schema, dialect, capabilities=CAPABILITIES,
                                 resources=resources)
        except SpecError:
            continue  # refused at generation (remote refs, a regex the dialect cannot say...)
        yield case, model


@pytest.mark.parametrize("subset", ["A", "B"])
def test_suite_tables_report_what_compiled_code_reports(subset: str) -> None:
    judged = 0
    for case, model in _suite(subset):
        if not model.definitions:
            continue
        pair = _pair(model)
        for _, data, _ in case.tests:
            _same(pair, "schema", data)
            judged += 1
    assert judged > (400 if subset == "A" else 900)


@pytest.mark.parametrize("feature", sorted(FEATURES))
def test_feature_tables_report_what_compiled_code_reports(feature: str) -> None:
    schema = FEATURES[feature]
    pair = _pair(schema_model(schema, "2020-12", capabilities=CAPABILITIES))
    defs = schema.get("$defs", {})
    base = instances.schema_instances(schema, lambda ref: defs[ref.rsplit("/", 1)[-1]])

    @SETTINGS
    @given(instances.mutated(base, instances.json_values(schema)))
    def check(value: Any) -> None:
        _same(pair, "schema", value)

    check()


def _spec_model(spec: Path, pointers: dict[str, str]) -> ValidationModel:
    """The validation model of ``spec`` with a root per name -> JSON pointer."""
    document = load(spec)
    roots = [(name, Location(file=spec.name, pointer=p)) for name, p in pointers.items()]
    openapi = document.files[spec.name]["openapi"]
    return build_validation(document, openapi, roots, capabilities=CAPABILITIES)


def _credits_model() -> ValidationModel:
    return _spec_model(generated.SPEC, {"credits_request": generated.CREDITS_REQUEST})


def _vectors() -> dict[str, list[tuple[str, str]]]:
    """The conformance suite's ``validate`` vectors: spec -> [(schema, payload text)]."""
    found: dict[str, list[tuple[str, str]]] = {}
    for path in sorted((generated.ROOT / "tests" / "conformance" / "vectors").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        found.setdefault(data["spec"], []).extend(
            (v["schema"], v["payload"]) for v in data["vectors"] if v["kind"] == "validate")
    return found


@pytest.mark.parametrize("spec", sorted(_vectors()))
def test_conformance_tables_report_what_compiled_code_reports(spec: str) -> None:
    vectors = _vectors()[spec]
    names = sorted({schema for schema, _ in vectors})
    model = _spec_model(generated.ROOT / spec,
                        {f"r{i}": f"/components/schemas/{n}" for i, n in enumerate(names)})
    pair = _pair(model)
    for schema, payload in vectors:
        _same(pair, f"r{names.index(schema)}", json.loads(payload))


def test_credits_tables_report_what_compiled_code_reports() -> None:
    pair = _pair(_credits_model())
    schema = generated.credits_schema()
    schemas = schema["components"]["schemas"]
    base = instances.schema_instances(schemas["CreditsRequest"],
                                      lambda ref: schemas[ref.rsplit("/", 1)[-1]])
    payloads = sorted((Path(__file__).parent / "credits_errors").glob("*.json"))
    for payload in payloads:
        if not payload.name.endswith(".errors.json"):
            _same(pair, "credits_request", json.loads(payload.read_text(encoding="utf-8")))

    @SETTINGS
    @given(instances.mutated(base, instances.json_values(schema)))
    def check(value: Any) -> None:
        _same(pair, "credits_request", value)

    check()
