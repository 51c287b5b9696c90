"""Every field of the docs page's request example has a schema in `spec/credits.yaml`.

The page's request example (the JSON after `--data-raw '` in the curl sample) is the full list of
request fields. A byte-exact copy lives in `tests/fixtures/credits-page-example.json`; the first
test proves the copy still equals the page.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from credits_spec_support import FIXTURES, PAGE_PATH

PAGE_EXAMPLE = FIXTURES / "credits-page-example.json"
FREE_FORM = object()  # marker: a subschema that accepts any key/item (additionalProperties: true)
COMBINATORS = ("allOf", "anyOf", "oneOf")


def extract_page_payload(page: bytes) -> bytes:
    start_marker = b"--data-raw '"
    start = page.index(start_marker) + len(start_marker)
    end = page.index(b"'", start)
    return page[start:end]


def resolve_ref(spec: dict[str, Any], ref: str) -> Any:
    assert ref.startswith("#/"), f"only local refs are supported: {ref}"
    node: Any = spec
    for token in ref[2:].split("/"):
        node = node[token.replace("~1", "/").replace("~0", "~")]
    return node


def expand(spec: dict[str, Any], schema: Any) -> list[Any]:
    """The schema plus everything it stands for: `$ref` targets and combinator members."""
    out: list[Any] = []
    stack = [schema]
    seen: set[int] = set()
    while stack:
        current = stack.pop()
        if current is True or current == {}:
            out.append(FREE_FORM)
            continue
        if not isinstance(current, dict) or id(current) in seen:
            continue
        seen.add(id(current))
        out.append(current)
        if "$ref" in current:
            stack.append(resolve_ref(spec, current["$ref"]))
        for key in COMBINATORS:
            stack.extend(current.get(key, []))
    return out


def _types(schema: dict[str, Any]) -> set[str] | None:
    t = schema.get("type")
    if t is None:
        return None
    return {t} if isinstance(t, str) else set(t)


def property_schemas(spec: dict[str, Any], schemas: list[Any], key: str) -> list[Any]:
    found: list[Any] = []
    for schema in schemas:
        if schema is FREE_FORM:
            return [FREE_FORM]
        types = _types(schema)
        if types is not None and "object" not in types:
            continue
        if key in schema.get("properties", {}):
            found.extend(expand(spec, schema["properties"][key]))
        else:
            extra = schema.get("additionalProperties")
            if extra is True or isinstance(extra, dict):
                found.extend(expand(spec, extra))
    return found


def item_schemas(spec: dict[str, Any], schemas: list[Any]) -> list[Any]:
    found: list[Any] = []
    for schema in schemas:
        if schema is FREE_FORM:
            return [FREE_FORM]
        types = _types(schema)
        if types is not None and "array" not in types:
            continue
        if "items" in schema:
            found.extend(expand(spec, schema["items"]))
    return found


def find_gaps(spec: dict[str, Any], schemas: list[Any], value: Any, path: str) -> list[str]:
    """JSON paths in `value` (below `path`) that no schema in `schemas` describes."""
    if FREE_FORM in schemas:
        return []
    gaps: list[str] = []
    if isinstance(value, dict):
        for key, child in value.items():
            child_path = f"{path}.{key}" if path else key
            child_schemas = property_schemas(spec, schemas, key)
            if not child_schemas:
                gaps.append(child_path)
            else:
                gaps.extend(find_gaps(spec, child_schemas, child, child_path))
    elif isinstance(value, list) and value:
        child_schemas = item_schemas(spec, schemas)
        for i, child in enumerate(value):
            child_path = f"{path}[{i}]"
            if not child_schemas:
                gaps.append(child_path)
            else:
                gaps.extend(find_gaps(spec, child_schemas, child, child_path))
    return gaps


def request_gaps(spec: dict[str, Any], payload: Any) -> list[str]:
    body = spec["paths"]["/v1/jobs/credits"]["post"]["requestBody"]
    root = body["content"]["application/json"]["schema"]
    return find_gaps(spec, expand(spec, root), payload, "")


@pytest.fixture(scope="module")
def page_example() -> Any:
    return json.loads(PAGE_EXAMPLE.read_bytes())


def test_fixture_is_byte_exact_copy_of_page_payload() -> None:
    assert PAGE_PATH.is_file(), f"docs page not found at {PAGE_PATH}"
    assert PAGE_EXAMPLE.read_bytes() == extract_page_payload(PAGE_PATH.read_bytes())


def test_every_page_field_has_a_schema(spec: dict[str, Any], page_example: Any) -> None:
    gaps = request_gaps(spec, page_example)
    assert not gaps, "fields of the page example without a schema:\n" + "\n".join(gaps)


def test_walker_visits_deep_fields(spec: dict[str, Any], page_example: Any) -> None:
    # the deepest names named in the issue resolve to a concrete schema
    stage = page_example["stages"][0]
    for value, path in [
        (stage["imageToAdetailer"]["args"][0], "adInpaintOnlyMaskedPadding"),
        (stage["diffusion"]["controlnet"]["args"][0], "preprocessorParams"),
        (stage["videoDiffusion"]["inp"]["args"][0], "startImageResourceId"),
    ]:
        assert path in value
    assert request_gaps(spec, {"stages": [{"type": "DIFFUSION"}]}) == []


def test_unknown_and_renamed_fields_are_reported(spec: dict[str, Any], page_example: Any) -> None:
    mutated = copy.deepcopy(page_example)
    stage = mutated["stages"][0]
    stage["diffusion"]["bogus"] = 1
    adetailer_arg = stage["imageToAdetailer"]["args"][0]
    adetailer_arg["adInpaintOnlyMaskPadding"] = adetailer_arg.pop("adInpaintOnlyMaskedPadding")
    stage["videoDiffusion"]["inp"]["args"].append({"startImageResourceID": "x"})
    stage["imageToInpaint"]["diffusion"]["lora"]["items"][0]["extra"] = {"deep": True}
    mutated["requestId"] = "abc"
    assert sorted(request_gaps(spec, mutated)) == sorted(
        [
            "stages[0].diffusion.bogus",
            "stages[0].imageToAdetailer.args[0].adInpaintOnlyMaskPadding",
            "stages[0].videoDiffusion.inp.args[1].startImageResourceID",
            "stages[0].imageToInpaint.diffusion.lora.items[0].extra",
            "requestId",
        ]
    )


def test_missing_schema_property_is_reported(spec: dict[str, Any], page_example: Any) -> None:
    broken = copy.deepcopy(spec)
    del broken["components"]["schemas"]["ControlnetArgs"]["properties"]["preprocessorParams"]
    prefix = "stages[0]."
    assert sorted(request_gaps(broken, page_example)) == sorted(
        prefix + p + ".controlnet.args[0].preprocessorParams"
        for p in ("diffusion", "imageToAdetailer.diffusion", "imageToInpaint.diffusion")
    )


def test_free_form_objects_accept_any_key(spec: dict[str, Any], page_example: Any) -> None:
    payload = copy.deepcopy(page_example)
    args = payload["stages"][0]["diffusion"]["controlnet"]["args"][0]
    args["preprocessorParams"] = {"threshold_a": 100, "nested": {"anything": [1, 2]}}
    assert request_gaps(spec, payload) == []
