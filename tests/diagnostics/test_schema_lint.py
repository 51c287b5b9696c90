"""The structural lint checks Schema Objects node by node (``generator/load/schema_lint.py``):
a wrong keyword type deep inside a nested ``allOf`` is still E100 at its pointer and line:col,
in ``validate`` and ``generate`` alike, in 3.0 and 3.1; on nested schemas the node-by-node lint
finds what jsonschema's recursive check against the same meta-schema finds."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from generator import cli
from generator.load.loader import Document
from generator.load.structure import _SCHEMAS, _leaves, structure_problems

_DEPTH = 300


def _deep_spec(version: str) -> tuple[str, list[tuple[str, str]]]:
    """A spec whose schema ``Deep`` is an ``allOf`` nested 300 deep, with a wrong keyword type
    at the bottom and one half-way down; the two problems' pointers and the text before each."""
    inner, middle = '{type: object, deprecated: "bad"}', "{type: object, title: 7}"
    for i in range(_DEPTH):
        inner = "{allOf: [" + inner + ", " + (middle if i == _DEPTH // 2 else "{}") + "]}"
    text = (f'openapi: {version}\ninfo: {{title: T, version: "1"}}\npaths: {{}}\n'
            f"components:\n  schemas:\n    Deep: {inner}\n")
    deep = "/components/schemas/Deep" + "/allOf/0" * _DEPTH
    half = "/components/schemas/Deep" + "/allOf/0" * (_DEPTH - _DEPTH // 2 - 1) + "/allOf/1"
    return text, [(deep + "/deprecated", "deprecated:"), (half + "/title", "title:")]


@pytest.mark.parametrize("version", ["3.0.3", "3.1.0"])
def test_a_wrong_type_deep_in_a_nested_allof_is_e100_at_its_pointer_and_line(
    version: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text, wrong = _deep_spec(version)
    spec = tmp_path / "deep.yaml"
    spec.write_text(text, encoding="utf-8")
    limits = ["--max-depth", str(4 * _DEPTH)]
    assert cli.main(["validate", "--format", "json", *limits, str(spec)]) == 2
    rows = json.loads(capsys.readouterr().out)
    found = {(r["pointer"], r["line"], r["column"]) for r in rows if r["code"] == "E100"}
    line = text.splitlines()[5]
    assert found == {(pointer, 6, line.index(key) + 1) for pointer, key in wrong}
    messages = sorted(r["message"] for r in rows if r["code"] == "E100")
    assert messages == ["not valid OpenAPI: 'bad' is not of type 'boolean'",
                        "not valid OpenAPI: 7 is not of type 'string'"]
    report = tmp_path / "report.json"
    out = tmp_path / "out"
    assert cli.main(["generate", *limits, "--report", str(report), "-o", str(out),
                     "--package", "deep", str(spec)]) == 2
    capsys.readouterr()
    reported = json.loads(report.read_text(encoding="utf-8"))
    assert {(r["pointer"], r["line"], r["column"]) for r in reported
            if r["code"] == "E100"} == found


_TREES = ("allOf", "anyOf", "oneOf", "items", "not", "properties", "additionalProperties")
_TREES_31 = ("prefixItems", "$defs", "if", "then", "dependentSchemas", "patternProperties",
             "contains", "propertyNames", "unevaluatedProperties", "dependencies")
_WRONG: dict[str, tuple[Any, ...]] = {
    "type": (5, "nope", []), "minLength": ("x", -1), "required": ("a", ["a", "a"]),
    "enum": (5,), "title": (7,), "deprecated": ("yes",), "items": (5, [1]),
    "properties": ([], 3), "allOf": ({}, [], [5]), "not": ("x",), "maximum": ("9",),
}


def _tree(rng: random.Random, depth: int, trees: tuple[str, ...]) -> Any:
    """A random nested schema with a few keywords of the wrong type."""
    node: dict[str, Any] = {"type": rng.choice(["object", "string", "array"])}
    for key in rng.sample(trees, rng.randint(0, 2)) if depth else ():
        match key:
            case "allOf" | "anyOf" | "oneOf" | "prefixItems":
                node[key] = [_tree(rng, depth - 1, trees) for _ in range(rng.randint(1, 2))]
            case "properties" | "$defs" | "dependentSchemas" | "patternProperties":
                node[key] = {f"p{i}": _tree(rng, depth - 1, trees) for i in range(2)}
            case "dependencies":
                node[key] = {"a": ["b"], "c": _tree(rng, depth - 1, trees)}
            case _:
                node[key] = _tree(rng, depth - 1, trees)
    if rng.random() < 0.4:
        key = rng.choice(sorted(_WRONG))
        node[key] = rng.choice(_WRONG[key])
    return node


def _recursive(version: str) -> Any:
    """jsonschema checking a Schema Object against the whole meta-schema, recursively."""
    from jsonschema import Draft4Validator, Draft202012Validator

    if version.startswith("3.1"):
        return Draft202012Validator(Draft202012Validator.META_SCHEMA)
    oas = json.loads((_SCHEMAS / "oas-3.0.json").read_text(encoding="utf-8"))
    alternatives = [{"$ref": "#/definitions/Schema"}, {"$ref": "#/definitions/Reference"}]
    return Draft4Validator({"oneOf": alternatives, "definitions": oas["definitions"]})


@pytest.mark.parametrize("version", ["3.0.3", "3.1.0"])
@pytest.mark.parametrize("seed", range(12))
def test_the_node_by_node_lint_finds_what_the_recursive_check_finds(
    version: str, seed: int
) -> None:
    rng = random.Random(seed)
    trees = _TREES + (_TREES_31 if version == "3.1.0" else ())
    schemas = {f"S{i}": _tree(rng, 5, trees) for i in range(4)}
    doc = {"openapi": version, "info": {"title": "T", "version": "1"}, "paths": {},
           "components": {"schemas": schemas}}
    found = {(p.location.pointer, p.message) for p in structure_problems(
        Document(root=Path("."), entry="api.json", files={"api.json": doc}))}
    expected = {
        (f"/components/schemas/{name}" + "".join(f"/{t}" for t in leaf.absolute_path),
         f"not valid OpenAPI: {leaf.message}")
        for name, schema in schemas.items()
        for error in _recursive(version).iter_errors(schema) for leaf in _leaves(error)}
    assert found == expected
    assert expected  # the trees have wrong keywords to find
