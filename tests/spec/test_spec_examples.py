"""Examples and defaults in the spec, and the request fixtures, validate as JSON Schema 2020-12.

Also pins down why the docs page's own request example is NOT valid: its only errors are the
render artifacts explained in the reference §2 (`{}` example annotations, quoted defaults on
non-int64 fields, `0` placeholders below a documented minimum).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from credits_spec_support import FIXTURES, load_spec, pointer
from jsonschema import Draft202012Validator

REQUEST_FIXTURES = sorted((FIXTURES / "requests").glob("*.json"))
SCHEMA_CHILD_MAPS = ("properties", "$defs", "patternProperties")
SCHEMA_CHILDREN = ("items", "additionalProperties", "not", "contains", "propertyNames")
SCHEMA_CHILD_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")


def schema_values(schema: Any, tokens: tuple[str, ...]) -> Iterator[tuple[str, str, Any]]:
    """(label, pointer-to-schema, value) for every example/default in a schema tree."""
    if not isinstance(schema, dict):
        return
    ptr = pointer(*tokens)
    if "example" in schema:
        yield f"{ptr} example", ptr, schema["example"]
    for i, value in enumerate(schema.get("examples", [])):
        yield f"{ptr} examples[{i}]", ptr, value
    if "default" in schema:
        yield f"{ptr} default", ptr, schema["default"]
    for key in SCHEMA_CHILD_MAPS:
        for name, sub in schema.get(key, {}).items():
            yield from schema_values(sub, (*tokens, key, name))
    for key in SCHEMA_CHILDREN:
        yield from schema_values(schema.get(key), (*tokens, key))
    for key in SCHEMA_CHILD_LISTS:
        for i, sub in enumerate(schema.get(key, [])):
            yield from schema_values(sub, (*tokens, key, str(i)))


def media_type_values(spec: dict[str, Any]) -> Iterator[tuple[str, str, Any]]:
    for path, item in spec.get("paths", {}).items():
        for method, op in item.items():
            if not isinstance(op, dict) or "responses" not in op:
                continue
            contents: list[tuple[tuple[str, ...], dict[str, Any]]] = []
            if "requestBody" in op:
                contents.append(((path, method, "requestBody"), op["requestBody"]))
            for status, response in op["responses"].items():
                contents.append(((path, method, "responses", status), response))
            for tokens, holder in contents:
                for mime, media in holder.get("content", {}).items():
                    base = ("paths", *tokens, "content", mime)
                    schema_ptr = pointer(*base, "schema")
                    if "example" in media:
                        yield f"{pointer(*base)} example", schema_ptr, media["example"]
                    for name, ex in media.get("examples", {}).items():
                        yield f"{pointer(*base)} examples.{name}", schema_ptr, ex["value"]
                    yield from schema_values(media.get("schema"), (*base, "schema"))


def all_values(spec: dict[str, Any]) -> list[tuple[str, str, Any]]:
    values = list(media_type_values(spec))
    for name, schema in spec["components"]["schemas"].items():
        values.extend(schema_values(schema, ("components", "schemas", name)))
    return values


SPEC_VALUES = all_values(load_spec())


def format_errors(validator: Draft202012Validator, instance: Any) -> list[str]:
    return [
        f"{e.json_path}: {e.message}"
        for e in sorted(validator.iter_errors(instance), key=lambda e: list(e.path))
    ]


def test_spec_has_examples() -> None:
    labels = [label for label, _, _ in SPEC_VALUES]
    request_examples = [lab for lab in labels if "requestBody" in lab and "examples." in lab]
    assert len(request_examples) >= 2
    assert any("CreditsResponse" in lab and "examples" in lab for lab in labels)


@pytest.mark.parametrize(
    ("label", "schema_ptr", "value"), SPEC_VALUES, ids=[v[0] for v in SPEC_VALUES]
)
def test_spec_example_or_default_is_valid(
    validator_at: Callable[[str], Draft202012Validator], label: str, schema_ptr: str, value: Any
) -> None:
    errors = format_errors(validator_at(schema_ptr), value)
    assert not errors, f"{label} is invalid:\n" + "\n".join(errors)


def test_request_fixtures_exist() -> None:
    names = {p.name for p in REQUEST_FIXTURES}
    assert 3 <= len(names) <= 5
    assert "minimal.json" in names


@pytest.mark.parametrize("path", REQUEST_FIXTURES, ids=[p.name for p in REQUEST_FIXTURES])
def test_request_fixture_is_valid(
    credits_request_validator: Draft202012Validator, path: Path
) -> None:
    errors = format_errors(credits_request_validator, json.loads(path.read_bytes()))
    assert not errors, f"{path.name} is invalid:\n" + "\n".join(errors)


def test_request_fixtures_use_every_stage_type_and_int64_strings(spec: dict[str, Any]) -> None:
    payloads = [json.loads(p.read_bytes()) for p in REQUEST_FIXTURES]
    used = {stage["type"] for payload in payloads for stage in payload["stages"]}
    assert set(spec["components"]["schemas"]["StageType"]["enum"]) <= used
    text = "".join(p.read_text(encoding="utf-8") for p in REQUEST_FIXTURES)
    assert '"seed": "-1"' in text and '"seed": -1' in text


def test_invalid_requests_are_rejected(credits_request_validator: Draft202012Validator) -> None:
    def diffusion(**overrides: Any) -> dict[str, Any]:
        d: dict[str, Any] = {"width": 512, "height": 512, "prompts": [{"text": "x"}]}
        d.update(overrides)
        return {"stages": [{"type": "DIFFUSION", "diffusion": d}]}

    def errors(payload: Any) -> set[tuple[str, str]]:
        return {(e.json_path, e.validator) for e in credits_request_validator.iter_errors(payload)}

    dims = "$.stages[0].diffusion"
    assert errors(diffusion(width=720)) == {(f"{dims}.width", "multipleOf")}
    assert errors(diffusion(height=2048)) == {(f"{dims}.height", "maximum")}
    assert errors(diffusion(width="5l2")) == {(f"{dims}.width", "pattern")}
    assert (f"{dims}.width", "type") in errors(diffusion(width=512.5))
    assert errors(diffusion(steps=5)) == {(f"{dims}.steps", "minimum")}
    assert errors(diffusion(steps="20")) == {(f"{dims}.steps", "type")}
    assert errors(diffusion(cfgScale=36)) == {(f"{dims}.cfgScale", "maximum")}
    assert errors({"stages": [{"type": "INPUT_INITIALIZE", "inputInitialize": {"count": 5}}]}) == {
        ("$.stages[0].inputInitialize.count", "maximum")
    }
    assert errors({"stages": [{"type": "VIDEO_DIFFUSION"}]}) == {("$.stages[0].type", "enum")}
    assert errors({}) == {("$", "required")}
    # int64 accepts both JSON numbers and decimal strings, including the official -1 seed
    for seed in (-1, "-1", 4294967295, "0"):
        payload = {"stages": [{"type": "INPUT_INITIALIZE", "inputInitialize": {"seed": seed}}]}
        assert errors(payload) == set()
    assert errors(
        {"stages": [{"type": "INPUT_INITIALIZE", "inputInitialize": {"seed": 4294967296}}]}
    ) == {("$.stages[0].inputInitialize.seed", "maximum")}


# --- the docs page's own example ----------------------------------------------------------------

DIFFUSION_ARTIFACTS = [
    "prompts",
    "negativePrompts",
    "sdModel",
    "sdVae",
    "steps",  # "0": quoted default on an int32
    "controlnet.args[].preprocessor",
    "controlnet.args[].model",
    "lora.items[].loraModel",
    "animateDiff.args[].motionLora.items[].loraModel",
    "embedding.items[].model",
]
EXPECTED_PAGE_ERRORS = {
    *(
        (f"stages[].{prefix}.{field}", "type")
        for prefix in ("diffusion", "imageToAdetailer.diffusion", "imageToInpaint.diffusion")
        for field in DIFFUSION_ARTIFACTS
    ),
    ("stages[].inputInitialize.count", "type"),  # "1"
    *(
        (f"stages[].imageToUpscaler.{field}", "type")
        for field in ("hrUpscaler", "hrScale", "hrSecondPassSteps", "denoisingStrength")
    ),
    ("stages[].imageToUpscaler.hrResizeX", "minimum"),  # 0 placeholder, minimum 128
    ("stages[].imageToUpscaler.hrResizeY", "minimum"),
    ("stages[].imageToUpscaler.diffusion", "required"),  # {} lacks width/height/prompts
    *(
        (f"stages[].imageToAdetailer.args[].{field}", "type")
        for field in (
            "adDilateErode",  # "4"
            "adInpaintOnlyMasked",  # "true"
            "adUseInpaintWidthHeight",  # "false"
            "adInpaintWidth",  # "512"
            "adInpaintHeight",  # "512"
            "adUseSteps",  # "false"
            "adSteps",  # "20"
            "adUseCfgScale",  # "false"
            "lora.items[].loraModel",  # {}
        )
    ),
    *(
        (f"stages[].videoDiffusion.{field}", "type")
        for field in (
            "sdModel",
            "prompts",
            "negativePrompts",
            "lora.items[].loraModel",
            "controlnet.args[].preprocessor",
        )
    ),
}
QUOTED_DEFAULT = re.compile(r"^(-?[0-9]+|true|false)$")


def test_page_example_is_invalid_only_at_artifact_paths(
    credits_request_validator: Draft202012Validator,
) -> None:
    page = json.loads((FIXTURES / "credits-page-example.json").read_bytes())
    errors = list(credits_request_validator.iter_errors(page))
    found = set()
    for error in errors:
        path = re.sub(r"\[[0-9]+\]", "[]", error.json_path).removeprefix("$.")
        found.add((path, error.validator))
        # each error is explained by a render artifact of the page (reference §2)
        if error.validator == "type":
            assert error.instance == {} or (
                isinstance(error.instance, str) and QUOTED_DEFAULT.match(error.instance)
            ), (path, error.instance)
        elif error.validator == "required":
            assert error.instance == {}, path
        else:
            assert error.validator == "minimum" and error.instance == 0, (path, error.message)
    assert found == EXPECTED_PAGE_ERRORS, {
        "unexpected": sorted(found - EXPECTED_PAGE_ERRORS),
        "missing": sorted(EXPECTED_PAGE_ERRORS - found),
    }
    # int64 fields accept the page's quoted defaults ("0", "512"): ProtoJSON strings
    stage = page["stages"][0]
    assert stage["inputInitialize"]["seed"] == "0"
    assert stage["diffusion"]["width"] == "512"


def test_example_validation_resolves_refs(
    validator_at: Callable[[str], Draft202012Validator],
) -> None:
    # proves the per-pointer validators follow $ref into components (a bad value is caught)
    body = pointer(
        "paths", "/v1/jobs/credits", "post", "requestBody", "content", "application/json", "schema"
    )
    bad = {"stages": [{"type": "DIFFUSION", "diffusion": {"width": 500}}]}
    found = {e.validator for e in validator_at(body).iter_errors(bad)}
    assert found == {"multipleOf", "minimum", "required"}
