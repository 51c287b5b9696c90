"""`spec/credits.yaml` is a valid OpenAPI 3.1 document and follows the curation conventions."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from credits_spec_support import SPEC_PATH, StrictLoader, load_spec
from openapi_spec_validator import OpenAPIV31SpecValidator, validate

INT64_SHAPE = {"type": ["integer", "string"], "format": "int64", "pattern": "^-?[0-9]+$"}

# Every int64 request field (proto int64, see the reference §5).
INT64_FIELDS = {
    ("InputInitializeInput", "seed"),
    ("DiffusionInput", "width"),
    ("DiffusionInput", "height"),
    ("ImageToUpscalerInput", "hrResizeX"),
    ("ImageToUpscalerInput", "hrResizeY"),
    ("ImageToInpaintInput", "maskBlur"),
    ("ImageToInpaintInput", "inpaintFullResPadding"),
    ("ImageToInpaintInput", "inpaintMaskInvert"),
}

REQUIRED_COMPONENTS = [
    "CreditsRequest", "Stage", "StageType", "InputInitializeInput", "DiffusionInput", "Prompt",
    "Controlnet", "ControlnetArgs", "ControlnetResizeMode", "ControlMode", "Lora", "LoraItem",
    "AnimateDiff", "AnimateDiffArg", "Embedding", "EmbeddingItem", "LayerDiffusion",
    "ImageToUpscalerInput", "ImageToAdetailerInput", "AdetailerArg", "ImageToInpaintInput",
    "InpaintResizeMode", "InpaintFill", "VideoDiffusionInput", "VideoControlnet",
    "VideoControlnetArgs", "VideoInp", "VideoInpArgs", "CreditsResponse", "Status", "ProtobufAny",
]  # fmt: skip


def iter_schemas(schema: Any, path: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield (path, schema) for a schema and all its nested subschemas."""
    if not isinstance(schema, dict):
        return
    yield path, schema
    for name, sub in schema.get("properties", {}).items():
        yield from iter_schemas(sub, f"{path}.{name}")
    for key in ("items", "additionalProperties", "not"):
        if isinstance(schema.get(key), dict):
            yield from iter_schemas(schema[key], f"{path}/{key}")
    for key in ("allOf", "anyOf", "oneOf", "prefixItems"):
        for i, sub in enumerate(schema.get(key, [])):
            yield from iter_schemas(sub, f"{path}/{key}/{i}")


def all_component_schemas(spec: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for name, schema in spec["components"]["schemas"].items():
        yield from iter_schemas(schema, name)


def test_openapi_31_valid(spec: dict[str, Any]) -> None:
    assert spec["openapi"] == "3.1.0"
    validate(spec, cls=OpenAPIV31SpecValidator)


def test_strict_loader_rejects_duplicates_and_aliases() -> None:
    with pytest.raises(yaml.constructor.ConstructorError, match="duplicate key"):
        yaml.load("a: 1\na: 2\n", Loader=StrictLoader)
    with pytest.raises(yaml.constructor.ConstructorError, match="anchors"):
        yaml.load("a: &x 1\nb: 2\n", Loader=StrictLoader)
    with pytest.raises(yaml.constructor.ConstructorError, match="aliases"):
        yaml.load("a: 1\nb: [*x]\n", Loader=StrictLoader)
    # ... and the spec itself loads under it (no duplicate keys, no anchors/aliases).
    assert load_spec()["paths"]


def test_yaml_has_no_tabs() -> None:
    text = SPEC_PATH.read_text(encoding="utf-8")
    assert "\t" not in text


def test_named_components_present_and_described(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    missing = [n for n in REQUIRED_COMPONENTS if n not in schemas]
    assert not missing, f"missing components: {missing}"
    for name, schema in schemas.items():
        assert "title" not in schema, name
        assert isinstance(schema.get("description"), str) and schema["description"].strip(), name


def test_every_property_described(spec: dict[str, Any]) -> None:
    undocumented = []
    for name, schema in spec["components"]["schemas"].items():
        for prop, sub in schema.get("properties", {}).items():
            if "$ref" in sub and len(sub) == 1:
                continue  # described by the referenced component
            if not sub.get("description"):
                undocumented.append(f"{name}.{prop}")
    assert not undocumented


def test_int64_fields_have_protojson_shape(spec: dict[str, Any]) -> None:
    found = set()
    for path, schema in all_component_schemas(spec):
        if schema.get("format") == "int64":
            shape = {k: schema.get(k) for k in INT64_SHAPE}
            assert shape == INT64_SHAPE, path
            component, _, field = path.partition(".")
            found.add((component, field))
        elif schema.get("type") == ["integer", "string"]:
            pytest.fail(f"{path}: integer|string without format int64")
    assert found == INT64_FIELDS


def test_enums_keep_default_zero_value_but_not_as_default(spec: dict[str, Any]) -> None:
    enums = 0
    for path, schema in all_component_schemas(spec):
        if "enum" in schema:
            enums += 1
            assert schema.get("type") == "string", path
            assert schema["enum"][0] == "DEFAULT", path
        assert schema.get("default") != "DEFAULT", path
    assert enums == 5


def test_error_codes_attach_to_present_keywords(spec: dict[str, Any]) -> None:
    attached = {}
    for path, schema in all_component_schemas(spec):
        codes = schema.get("x-error-codes")
        if codes is None:
            continue
        for keyword, code in codes.items():
            assert keyword in schema, f"{path}: x-error-codes names absent keyword {keyword}"
            attached[(path, keyword)] = code
    assert attached == {
        ("InputInitializeInput.count", "minimum"): "invalid_samples",
        ("InputInitializeInput.count", "maximum"): "invalid_samples",
        ("DiffusionInput.width", "multipleOf"): "invalid_height_or_width",
        ("DiffusionInput.height", "multipleOf"): "invalid_height_or_width",
        ("ImageToUpscalerInput.hrResizeX", "multipleOf"): "invalid_height_or_width",
        ("ImageToUpscalerInput.hrResizeY", "multipleOf"): "invalid_height_or_width",
    }
    op = spec["paths"]["/v1/jobs/credits"]["post"]
    assert op["responses"]["400"]["x-documented-error-codes"] == [
        "invalid_samples",
        "invalid_height_or_width",
    ]


def test_documented_limits(spec: dict[str, Any]) -> None:
    s = spec["components"]["schemas"]
    diffusion = s["DiffusionInput"]["properties"]
    for dim in ("width", "height"):
        assert diffusion[dim]["minimum"] == 512
        assert diffusion[dim]["maximum"] == 1536
        assert diffusion[dim]["multipleOf"] == 64
        assert diffusion[dim]["default"] == 512
    assert (diffusion["steps"]["minimum"], diffusion["steps"]["maximum"]) == (10, 50)
    assert "default" not in diffusion["steps"]  # the page's "0" contradicts minimum 10
    assert diffusion["cfgScale"]["maximum"] == 35
    seed = s["InputInitializeInput"]["properties"]["seed"]
    assert seed["maximum"] == 4294967295 and "minimum" not in seed
    count = s["InputInitializeInput"]["properties"]["count"]
    assert (count["minimum"], count["maximum"], count["default"]) == (1, 4, 1)
    for dim in ("hrResizeX", "hrResizeY"):
        upscaler = s["ImageToUpscalerInput"]["properties"][dim]
        assert (upscaler["minimum"], upscaler["multipleOf"]) == (128, 64)
    assert s["ImageToUpscalerInput"]["properties"]["hrScale"]["type"] == "number"


def test_operation_shape(spec: dict[str, Any]) -> None:
    assert spec["servers"][0]["url"] == "https://{endpoint}"
    assert spec["servers"][0]["variables"]["endpoint"]["default"] == "ap-east-1.tensorart.cloud"
    assert spec["security"] == [{"bearerAuth": []}, {"tamsSignature": []}]
    op = spec["paths"]["/v1/jobs/credits"]["post"]
    assert op["operationId"] == "calcCreditsJob"
    assert op["tags"] == ["jobs"]
    body = op["requestBody"]
    assert body["required"] is True
    media = body["content"]["application/json"]
    assert media["schema"] == {"$ref": "#/components/schemas/CreditsRequest"}
    assert 2 <= len(media["examples"]) <= 3
    assert set(op["responses"]) == {"200", "400", "401", "default"}
    credits = spec["components"]["schemas"]["CreditsResponse"]
    assert "required" not in credits
    assert credits["properties"]["credits"]["format"] == "double"


def test_request_objects_stay_open(spec: dict[str, Any]) -> None:
    for path, schema in all_component_schemas(spec):
        assert schema.get("additionalProperties") is not False, path
    free_form = sorted(
        path for path, schema in all_component_schemas(spec) if "additionalProperties" in schema
    )
    assert free_form == ["ControlnetArgs.preprocessorParams", "ProtobufAny"]
