"""Hypothesis mutates valid specs: specgen never ends in a traceback, every rejection is placed."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from specgen_testing import REPO, SHARED

from generator import Settings, produce
from generator.diagnostics import SpecError

SEEDS = {
    "credits": REPO / "spec" / "credits.yaml",
    "petstore": SHARED / "specs/real/oai-petstore-expanded.yaml",
    "oneof": REPO / "tests/cases/oneof_discriminator/spec.yaml",
    "allof": REPO / "tests/cases/allof/spec.yaml",
    "nullable": REPO / "tests/cases/nullable_30/spec.yaml",
}
_DOCS = {name: yaml.safe_load(path.read_text(encoding="utf-8")) for name, path in SEEDS.items()}

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.floats(allow_nan=False)
    | st.sampled_from(["", "object", "array", "string", "#/components/schemas/X", "../x.yaml",
                       "http://example.com/x", "{id}", "null"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["type", "$ref", "properties", "items", "allOf", "oneOf", "enum",
                         "required", "nullable", "discriminator", "schema", "in", "name"]),
        inner, max_size=3),
    max_leaves=6,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*prefix, i))
    return out


def _mutate(doc: Any, data: st.DataObject) -> Any:
    doc = copy.deepcopy(doc)
    for _ in range(data.draw(st.integers(1, 3))):
        paths = [p for p in _paths(doc) if p]
        path = data.draw(st.sampled_from(paths))
        parent = doc
        for key in path[:-1]:
            parent = parent[key]
        action = data.draw(st.sampled_from(["delete", "retype", "duplicate"]))
        if action == "delete":
            del parent[path[-1]]
        elif action == "retype":
            parent[path[-1]] = data.draw(JSON_VALUES)
        elif isinstance(parent, dict):
            parent[data.draw(st.sampled_from(["copy", "$ref", "items", "allOf"]))] = copy.deepcopy(
                parent[path[-1]])
    return doc


@pytest.mark.parametrize("seed", sorted(SEEDS))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mutated_specs_end_in_output_or_placed_diagnostics(
    tmp_path_factory: pytest.TempPathFactory, seed: str, data: st.DataObject
) -> None:
    folder = tmp_path_factory.mktemp("spec")
    source = SEEDS[seed].parent
    for extra in source.rglob("*.yaml"):  # external $ref targets of the seed stay reachable
        rel = extra.relative_to(source)
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(extra.read_text(encoding="utf-8"), encoding="utf-8")
    spec = folder / "spec.json"
    spec.write_text(json.dumps(_mutate(_DOCS[seed], data)), encoding="utf-8")
    try:
        generated = produce(Settings(spec=spec, output=folder / "out", package="mutant"))
    except SpecError as exc:
        assert exc.diagnostics
        for d in exc.diagnostics:
            assert d.code[:1] in "EW" and d.code[1:].isdigit(), d
            assert d.location.file, d
    else:
        assert any(p.endswith("/models/__init__.py") for p in generated.files)
    assert not (folder / "out").exists(), "produce() must not write"
