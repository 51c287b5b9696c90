"""The loader's one-walk constructor (``yaml12._plain``) builds what PyYAML's constructor builds,
places what ``node_positions`` places, and hands every document it does not cover to them."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
import yaml
from specgen_testing import REPO, SHARED

from generator.load import yaml12
from generator.load.yaml12 import SpecYamlLoader, node_positions

YAML_FILES = sorted(
    p for root in (SHARED / "specs", SHARED / "corpus", REPO / "spec", REPO / "tests")
    for pattern in ("*.yaml", "*.yml") for p in root.rglob(pattern) if "node_modules" not in p.parts
)
NAUGHTY: list[str] = json.loads((SHARED / "corpus/blns/blns.json").read_text(encoding="utf-8"))
TEXTS = {
    "scalars": "a: 1\nb: 0o17\nc: 0x1F\nd: 012\ne: 1.5e3\nf: .inf\ng: -.Inf\nh: .nan\ni: true\n"
               "j: False\nk: ~\nl:\nm: null\nn: yes\no: 2024-01-01\np: '1'\nq: 1e-320\nr: 1_000\n",
    "keys": "200: ok\n~: n\n'': e\ntrue: t\n1.5: f\na/b~c: [1, [2, {x: y}]]\n",
    "nested": "paths:\n  /pets/{id}:\n    get:\n      responses:\n        '200': {description: x}\n",
    "flow": "{a: [1, 2, {b: c}], d: {}, e: []}",
    "naughty": json.dumps({s: [s, {s: s}] for s in NAUGHTY if s.isprintable()},
                          ensure_ascii=False, indent=1),
}
UNUSUAL = {
    "collection alias": "a: &x {b: 1}\nc: *x\n",
    "scalar alias": "a: &x hello\nc: *x\n",
    "merge key": "base: &b {x: 1}\nd:\n  <<: *b\n  y: 2\n",
    "duplicate key": "a: 1\na: 2\n",
    "collection key": "? [1, 2]\n: x\n",
    "binary tag": "a: !!binary aGVsbG8=\n",
    "custom tag": "a: !thing 1\n",
    "set tag": "a: !!set {x, y}\n",
}


def _slow(text: str) -> tuple[Any, dict[str, tuple[int, int]], list[yaml12.YamlProblem]]:
    loader = SpecYamlLoader(text, max_nodes=100_000)
    node = loader.get_single_node()
    positions = node_positions(node)
    data = loader.construct_document(node)
    if loader._alias_hits:
        loader._check_expansion(node)
    return data, positions, loader.problems


def _same(a: Any, b: Any) -> bool:
    """Equal, with the same types and key order (and NaN equal to NaN)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def _fast(text: str) -> tuple[Any, dict[str, tuple[int, int]]]:
    return _fast_with_problems(text)[:2]


def _fast_with_problems(text: str) -> tuple[Any, dict[str, tuple[int, int]], list[Any]]:
    loader = SpecYamlLoader(text, max_nodes=100_000)
    data, positions = yaml12._plain(loader, loader.get_single_node())
    return data, positions, loader.problems


@pytest.mark.parametrize("text", TEXTS.values(), ids=TEXTS.keys())
def test_the_walk_builds_and_places_what_pyyaml_does(text: str) -> None:
    data, positions, fast_problems = _fast_with_problems(text)
    slow_data, slow_positions, problems = _slow(text)
    assert problems == fast_problems  # the same, in the same order
    # only the scalars' .inf, -.Inf and .nan: no JSON number (E109)
    assert [(p.code, p.line) for p in problems] == (
        [("E109", 6), ("E109", 7), ("E109", 8)] if text == TEXTS["scalars"] else [])
    assert _same(data, slow_data)
    assert positions == slow_positions


def test_the_walk_covers_the_real_yaml_documents() -> None:
    """Every YAML document here that composes: the walk covers all but the few with aliases or
    YAML-only tags, and agrees with PyYAML on every one it covers."""
    covered = 0
    for path in YAML_FILES:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:  # not text (tests/errors/not_utf8.yaml): the loader's E102
            continue
        try:
            fast = _fast(text)
        except (yaml12._Unusual, yaml.YAMLError):  # beyond JSON, or not YAML (the loader says)
            continue
        data, positions, problems = _slow(text)
        assert all(p.code == "E109" for p in problems), path  # tests/diagnostics/E109.yaml's
        assert _same(fast[0], data), path
        assert fast[1] == positions, path
        covered += 1
    assert covered >= 0.9 * len(YAML_FILES) > 50


@pytest.mark.parametrize("text", UNUSUAL.values(), ids=UNUSUAL.keys())
def test_documents_beyond_json_go_to_pyyaml(text: str) -> None:
    with pytest.raises(yaml12._Unusual):
        _fast(text)


@pytest.mark.parametrize("name", ["scalar alias", "merge key", "duplicate key"])
def test_the_loader_gives_pyyamls_answer_for_documents_beyond_json(name: str) -> None:
    text = UNUSUAL[name]
    loader = SpecYamlLoader(text, max_nodes=100_000)
    data = loader.get_single_data()
    slow_data, slow_positions, problems = _slow(text)
    assert _same(data, slow_data)
    assert loader.positions == slow_positions
    assert loader.problems == problems


def test_the_walk_is_the_loaders_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """``get_single_data`` takes the walk (not the constructor) for a JSON-like document."""
    monkeypatch.setattr(SpecYamlLoader, "construct_document",
                        lambda *a: pytest.fail("the constructor ran"))
    loader = SpecYamlLoader(TEXTS["nested"], max_nodes=100_000)
    assert loader.get_single_data()["paths"]["/pets/{id}"]["get"]["responses"]["200"] == {
        "description": "x"}
    assert loader.positions["/paths/~1pets~1{id}/get"] == (3, 5)
