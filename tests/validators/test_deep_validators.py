"""Validators of schemas that hold themselves, on data as deep as ``json.loads`` parses (issue 24,
section 3, "Depth"); and the client of the ``deep_data`` package.

Each shape below is a way a schema can reach itself: through a property, array items,
``additionalProperties``, ``patternProperties``, ``prefixItems``, ``allOf``, ``anyOf``/``oneOf``
(nullable references in both 3.1 spellings, an alias of a union), ``if``/``then``, ``not``,
``dependentSchemas``, ``contains``, mutual recursion (A -> B -> A), OpenAPI 3.0's ``nullable``, and the ``deep_data`` golden package's schemas (a discriminated
union among them). For each, the data is the deepest ``json.loads`` parses here, valid, with a
problem at the bottom, and with problems at the top and the bottom; the validators are
compiled with a fast path for every schema and for none (the collecting path then answers
``is_valid`` too), and called from 100 frames down and from 50 frames short of the recursion
limit. Their answers must be those of the same module where the stack is no limit (a process
of its own, ``deep_oracle.py``), problem for problem, and ``jsonschema``'s (valid or not, and
the instance paths and keywords of its errors) there too.
"""

from __future__ import annotations

import functools
import importlib
import json
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from golden_cases import package
from specgen_testing import PYTHON, REPO
from test_deep_data import _deepest, _down, _package, _room, _same

import generated
from generator.diagnostics import Location
from generator.load.loader import load
from generator.targets.python.capabilities import CAPABILITIES
from generator.targets.python.standalone import compile_schema_source
from generator.targets.python.validators import validators_source
from generator.validation import build_validation

FRAMES = 100
SHORT = 50  # frames short of the recursion limit


def _defs(root: str, **defs: Any) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{root}", "$defs": defs}


_ID = {"type": "integer"}
_OBJ = {"type": "object"}
# name -> (schema, JSON of n levels around ``leaf``, good leaf, bad leaf, (first, replaced by))
# the last: a problem put at the top too (the first occurrence of ``first``)
Shape = tuple[Any, Callable[[int, str], str], str, str, tuple[str, str]]
SHAPES: dict[str, Shape] = {
    "property": (
        _defs("N", N={**_OBJ, "required": ["id"], "properties": {"id": _ID, "next": {"$ref": "#/$defs/N"}}}),
        lambda n, leaf: '{"id":1,"next":' * n + leaf + "}" * n,
        '{"id":0}', '{"id":"zero"}', ('"id":1', '"id":1.5')),
    "items": (
        _defs("N", N={**_OBJ, "properties": {"id": _ID, "kids": {
            "type": "array", "items": {"$ref": "#/$defs/N"}}}}),
        lambda n, leaf: '{"id":1,"kids":[' * n + leaf + "]}" * n,
        '{"id":0}', '{"id":true}', ('"kids":[', '"kids":[3,')),
    "own additionalProperties": (
        _defs("D", D={**_OBJ, "properties": {"name": {"type": "string"}},
                      "additionalProperties": {"$ref": "#/$defs/D"}}),
        lambda n, leaf: '{"name":"d","sub/~":' * n + leaf + "}" * n,
        '{"name":"leaf"}', '{"name":1}', ('"name":"d"', '"name":2')),
    "patternProperties": (
        _defs("P", P={**_OBJ, "properties": {"id": _ID},
                      "patternProperties": {"^x-": {"$ref": "#/$defs/P"}}}),
        lambda n, leaf: '{"id":1,"x-a":' * n + leaf + "}" * n,
        '{"id":0}', '{"x-b":[]}', ('"id":1', '"id":null')),
    "prefixItems": (
        _defs("T", T={"type": "array", "prefixItems": [{"type": "string"}, {"$ref": "#/$defs/T"}]}),
        lambda n, leaf: '["a",' * n + leaf + "]" * n,
        '["z"]', "[1]", ('["a"', "[0")),
    "allOf": (
        _defs("N", B={**_OBJ, "required": ["id"], "properties": {"id": _ID}},
              N={"allOf": [{"$ref": "#/$defs/B"}, {"properties": {"next": {"$ref": "#/$defs/N"}}}]}),
        lambda n, leaf: '{"id":1,"next":' * n + leaf + "}" * n,
        '{"id":0}', '{"ID":0}', ('"id":1', '"id":"1"')),
    "anyOf nullable": (
        _defs("N", N={**_OBJ, "properties": {"id": _ID, "next": {
            "anyOf": [{"$ref": "#/$defs/N"}, {"type": "null"}]}}}),
        lambda n, leaf: '{"id":1,"next":' * n + leaf + "}" * n,
        '{"id":0,"next":null}', '{"id":0,"next":5}', ('"id":1', '"id":[1]')),
    "oneOf nullable": (
        _defs("N", N={**_OBJ, "properties": {"id": _ID, "next": {
            "oneOf": [{"type": "null"}, {"$ref": "#/$defs/N"}]}}}),
        lambda n, leaf: '{"id":1,"next":' * n + leaf + "}" * n,
        '{"id":0,"next":null}', '{"id":0,"next":"x"}', ('"id":1', '"id":"x"')),
    "union alias": (
        _defs("T", T={"oneOf": [_ID, {"type": "array", "items": {"$ref": "#/$defs/T"}}]}),
        lambda n, leaf: "[" * n + leaf + "]" * n,
        "0", '"zero"', ("[", '[{},')),
    "mutual": (
        _defs("A", A={**_OBJ, "required": ["id"], "properties": {"id": _ID, "b": {"$ref": "#/$defs/B"}}},
              B={"type": "array", "items": {"$ref": "#/$defs/A"}}),
        lambda n, leaf: '{"id":1,"b":[' * n + leaf + "]}" * n,
        '{"id":0}', '{"id":0,"b":{}}', ('"b":[', '"b":[{},')),
    "if then": (
        _defs("N", N={**_OBJ, "properties": {"id": _ID},
                      "if": {"required": ["next"]}, "then": {"properties": {"next": {"$ref": "#/$defs/N"}}}}),
        lambda n, leaf: '{"id":1,"next":' * n + leaf + "}" * n,
        '{"id":0}', '{"id":"0"}', ('"id":1', '"id":-0.5')),
    "not not": (
        _defs("N", N={**_OBJ, "properties": {"id": _ID, "next": {"not": {"not": {"$ref": "#/$defs/N"}}}}}),
        lambda n, leaf: '{"id":1,"next":' * n + leaf + "}" * n,
        '{"id":0}', '{"id":0.5}', ('"id":1', '"id":"one"')),
    "dependentSchemas": (
        _defs("N", N={**_OBJ, "properties": {"id": _ID},
                      "dependentSchemas": {"next": {"properties": {"next": {"$ref": "#/$defs/N"}}}}}),
        lambda n, leaf: '{"id":1,"next":' * n + leaf + "}" * n,
        '{"id":0}', '{"id":{}}', ('"id":1', '"id":"1"')),
    "contains": (
        _defs("N", N={**_OBJ, "properties": {"id": _ID, "kids": {
            "type": "array", "contains": {"$ref": "#/$defs/N"}}}}),
        lambda n, leaf: '{"id":1,"kids":[' * n + leaf + "]}" * n,
        '{"id":0}', '{"id":"x"}', ('"id":1', '"id":false')),
}

TAGGED: dict[str, Shape] = {  # jsonschema knows no discriminator: exponential on these
    "tagged, an inline variant last": (  # a tag walks its variant; "hello" still one variant
        _defs("S", T={**_OBJ, "required": ["kind", "kids"], "properties": {
            "kind": {"type": "string"}, "n": {"type": "integer", "maximum": 5},
            "kids": {"type": "array", "items": {"$ref": "#/$defs/S"}}}},
            L={**_OBJ, "additionalProperties": False, "required": ["kind"], "properties": {
                "kind": {"type": "string"}, "n": {"type": "integer", "maximum": 5}}},
            S={"oneOf": [{"$ref": "#/$defs/T"}, {"$ref": "#/$defs/L"}, {"type": "string"}],
               "discriminator": {"propertyName": "kind",
                                 "mapping": {"tree": "#/$defs/T", "leaf": "#/$defs/L"}}}),
        lambda n, leaf: '{"kind":"tree","kids":["hello",' * n + leaf + "]}" * n,
        '{"kind":"leaf"}', '{"kind":"leaf","n":9}', ('"kind":"tree"', '"kind":"tree","n":7')),
    "tagged, both variants recursive": (  # asking the other variant was a power of the depth
        _defs("S", T={**_OBJ, "required": ["kind"], "properties": {
            "kind": {"enum": ["tree"]}, "kids": {"type": "array", "items": {"$ref": "#/$defs/S"}}}},
            B={**_OBJ, "required": ["kind"], "properties": {
                "kind": {"enum": ["bush"]}, "kids": {"type": "array", "items": {"$ref": "#/$defs/S"}}}},
            S={"oneOf": [{"$ref": "#/$defs/T"}, {"$ref": "#/$defs/B"}],
               "discriminator": {"propertyName": "kind",
                                 "mapping": {"tree": "#/$defs/T", "bush": "#/$defs/B"}}}),
        lambda n, leaf: '{"kind":"tree","kids":[{"kind":"bush"},' * n + leaf + "]}" * n,
        '{"kind":"bush"}', '{"kind":"bush","kids":[1]}', ('"kids":[', '"kids":[{"kind":"x"},')),
}
"""Tagged unions in a schema that holds itself, with what each text must report (one problem
at the bottom; one more at the top)."""


def _texts(shape: Shape, n: int | None = None) -> list[str]:
    """Valid, a problem at the bottom, problems at the top and the bottom: ``n`` levels, by
    default the most that ``json.loads`` parses here for all three."""
    _, make, good, bad, (first, replaced) = shape
    makers = [lambda k: make(k, good), lambda k: make(k, bad),
              lambda k: make(k, bad).replace(first, replaced, 1)]
    if n is None:
        n = min(_deepest(m)[0] for m in makers)
    texts = [m(n) for m in makers]
    assert texts[2] != texts[1]
    return texts


def _module(source: str, name: str) -> Any:
    return generated.import_source(source, name)


_OPENAPI30 = """\
openapi: 3.0.3
info: {title: Nullable, version: "1"}
paths: {}
components:
  schemas:
    Node:
      type: object
      nullable: true
      required: [id]
      properties:
        id: {type: integer}
        next:
          $ref: "#/components/schemas/Node"
"""


def _openapi30_source(folder: Path) -> str:
    """The validators of an OpenAPI 3.0 node that is ``nullable`` (its ``next`` may be null).
    (Beside ``allOf: [$ref]`` with no ``type`` of its own, 3.0.3 says ``nullable`` does
    nothing, and the validators read it so.)"""
    spec = folder / "nullable.yaml"
    spec.write_text(_OPENAPI30, encoding="utf-8")
    document = load(spec)
    roots = [("node", Location(file=spec.name, pointer="/components/schemas/Node"))]
    model = build_validation(document, "3.0.3", roots, capabilities=CAPABILITIES)
    return validators_source(model)


@functools.cache
def _cases() -> dict[str, Any]:
    """Every case: its modules (fast path for every schema, and for none), its data (parsed
    here), and what the oracle process answers for it."""
    folder = Path(__import__("tempfile").mkdtemp(prefix="specgen-deep-validators-"))
    cases: dict[str, Any] = {}
    request: list[dict[str, Any]] = []
    for name, shape in SHAPES.items():
        texts = _texts(shape)
        sources = [compile_schema_source(shape[0], "2020-12", hot=hot) for hot in (None, frozenset())]
        modules = [_module(s, f"deep_{i}_{abs(hash(name))}") for i, s in enumerate(sources)]
        cases[name] = {"modules": modules, "root": "schema", "data": [json.loads(t) for t in texts]}
        request.append({"schema": shape[0], "root": "schema", "texts": texts,
                        "modules": [[f"deep_{i}", s, None] for i, s in enumerate(sources)]})
    source = _openapi30_source(folder)
    make = SHAPES["property"][1]
    texts = _texts(({}, make, '{"id":0,"next":null}', '{"next":1}', ('"id":1', '"id":"1"')))
    cases["3.0 nullable"] = {"modules": [_module(source, "deep_openapi30")], "root": "node",
                                   "data": [json.loads(t) for t in texts], "no_oracle": True}
    request.append({"schema": True, "root": "node", "texts": texts,
                    "modules": [["deep_openapi30", source, None]]})
    _golden_cases(cases, request)
    done = subprocess.run([PYTHON, str(Path(__file__).with_name("deep_oracle.py"))],
                          input=json.dumps({"cases": request}), capture_output=True, text=True,
                          timeout=600, check=False, cwd=REPO)
    assert done.returncode == 0, done.stderr[-4000:]
    for case, answers in zip(cases.values(), json.loads(done.stdout), strict=True):
        case["answers"] = answers
    return cases


_DEEP = {
    # the golden package's roots: (root, JSON of n levels around the leaf, good, bad, top)
    "golden node": ("node", lambda n, leaf: '{"id":1,"either":' * n + leaf + "}" * n,
                    '"end"', "7", ('"id":1', '"id":"1"')),
    "golden dir": ("dir", lambda n, leaf: '{"name":"d","sub":' * n + leaf + "}" * n,
                   '{"name":"leaf"}', '{"name":[]}', ('"name":"d"', '"name":0')),
    "golden folder": ("folder", lambda n, leaf: '{"name":"f","entries":[{"folder":' * n + leaf
                      + "}]}" * n, '{"name":"end"}', '{"name":"end","entries":[{"file":5}]}',
                      ('"name":"f"', '"name":1')),
    "golden discriminated union": (
        "shape", lambda n, leaf: '{"kind":"group","members":[' * n + leaf + "]}" * n,
        '{"kind":"circle","radius":1}', '{"kind":"circle","radius":"1"}',
        ('"members":[', '"members":[{"kind":"group"},')),
    "golden tree": ("tree", lambda n, leaf: "[" * n + leaf + "]" * n, '{"id":0}', '{"id":"0"}',
                    ("[", "[1,")),
    "golden index": ("index", lambda n, leaf: '{"a":' * n + leaf + "}" * n,
                     '"2024-01-01T00:00:00Z"', "5", ('{"a":', '{"b":0,"a":')),
}


def _golden_cases(cases: dict[str, Any], request: list[dict[str, Any]]) -> None:
    """The ``deep_data`` golden package's validators (discriminator, mutual recursion, ...)."""
    _package()
    name = f"{package('deep_data')}.validators"
    module = importlib.import_module(name)
    folder = str(Path(module.__file__).parents[1])
    spec = json.loads(json.dumps(load(REPO / "tests/cases/deep_data/spec.yaml").files["spec.yaml"]))
    for case, (root, make, good, bad, top) in _DEEP.items():
        texts = _texts(({}, make, good, bad, top))
        cases[case] = {"modules": [module], "root": root, "data": [json.loads(t) for t in texts],
                       "no_errors_oracle": True}  # jsonschema knows no discriminator
        schema = {"$ref": f"#/components/schemas/{root.capitalize()}",
                  "components": spec["components"]}
        request.append({"schema": schema, "root": root, "texts": texts,
                        "modules": [[name, None, folder]]})


def _check(case: dict[str, Any], frames: int) -> None:
    root = case["root"]
    for which, (value, answer) in enumerate(zip(case["data"], case["answers"], strict=True)):
        for module, expected in zip(case["modules"], answer["modules"], strict=True):
            is_valid = getattr(module, f"is_valid_{root}")
            validate = getattr(module, f"validate_{root}")
            ok = _down(frames, lambda v=value, f=is_valid: f(v))
            found = _down(frames, lambda v=value, f=validate: f(v))
            rows = [[x.instance_path, x.keyword, x.schema_path, x.message, x.code] for x in found]
            assert ok == expected["is_valid"] == (which == 0), (which, module.__name__)
            assert rows == expected["validate"], (which, module.__name__)
            if not case.get("no_oracle"):
                assert ok == answer["valid"]
            if not case.get("no_oracle") and not case.get("no_errors_oracle"):
                assert sorted({(r[0], r[1]) for r in rows}) == [tuple(e) for e in answer["errors"]]


ALL = [*SHAPES, "3.0 nullable", *_DEEP]


@pytest.mark.parametrize("shape", ALL)
def test_deepest_json_validates_from_deep_in_a_stack(shape: str) -> None:
    _check(_cases()[shape], FRAMES)


@pytest.mark.parametrize("shape", ["property", "items", "union alias", "mutual",
                                   "golden discriminated union"])
def test_deepest_json_validates_fifty_frames_short_of_the_limit(shape: str) -> None:
    case = _cases()[shape]
    _check(case, 0)  # every module and function loaded here first: an import takes frames
    _check(case, _room() - SHORT)


def _looped(shape: str) -> Any:
    """A value that holds itself along the shape's recursion."""
    match shape:
        case "property":
            value: Any = {"id": 1}
            value["next"] = value
        case "items":
            value = {"id": 1, "kids": []}
            value["kids"].append(value)
        case _:
            value = []
            value.append(value)
    return value


@pytest.mark.parametrize("shape", ["property", "items", "union alias"])
def test_data_that_holds_itself_is_a_clear_error_and_the_next_call_works(shape: str) -> None:
    case = _cases()[shape]
    for module in case["modules"]:
        for check in (module.is_valid_schema, module.validate_schema):
            with pytest.raises(ValueError, match="circular reference, or data nested too deep"):
                check(_looped(shape))
        assert module.is_valid_schema(case["data"][0]) and not module.validate_schema(case["data"][0])
        assert module._hops.count == 0


def test_deeper_than_json_parses_still_validates() -> None:
    """Data built in Python deeper than CPython 3.13's ``json`` parses (10,000 levels):
    15,000 levels, and a problem at the bottom found at its full path."""
    modules = _cases()["property"]["modules"]
    data: dict[str, Any] = {"id": "bottom"}
    for _ in range(15_000):
        data = {"id": 1, "next": data}
    for module in modules:
        assert not _down(FRAMES, lambda m=module: m.is_valid_schema(data))
        found = _down(FRAMES, lambda m=module: m.validate_schema(data))
        assert [(x.instance_path, x.keyword) for x in found] == [("/next" * 15_000 + "/id", "type")]


def test_threads_validate_deep_data_at_once() -> None:
    """Each thread counts its own fresh stacks: deep values validated at once in threads."""
    case = _cases()["items"]
    results: dict[tuple[int, int], Any] = {}

    def run(k: int) -> None:
        for m, module in enumerate(case["modules"]):
            for _ in range(3):
                results[k, m] = (module.is_valid_schema(case["data"][0]),
                                 len(module.validate_schema(case["data"][2])))

    threads = [threading.Thread(target=run, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    expected = len(case["answers"][2]["modules"][0]["validate"])
    assert results == {(k, m): (True, expected) for k in range(4) for m in range(2)}


def test_a_deep_model_validates_itself_from_deep_in_a_stack() -> None:
    """``Node.validate()``/``is_valid()`` of the generated package: ``to_dict`` then the
    validators, both from the deepest ``json`` data."""
    _package()
    models = importlib.import_module(f"{package('deep_data')}.models")
    make = SHAPES["property"][1]
    n, data = _deepest(lambda k: make(k, '{"id":0}'))
    node = models.Node.from_dict(data)
    assert _down(FRAMES, node.is_valid) and _down(FRAMES, node.validate) == []
    bottom = node
    while bottom.next is not None:
        bottom = bottom.next
    bottom.size = "12x"  # not int64 text
    found = _down(FRAMES, node.validate)
    assert not _down(FRAMES, node.is_valid)
    assert [(x.instance_path, x.keyword) for x in found] == [("/next" * n + "/size", "format")]
    assert sys.getrecursionlimit() == 1000 or n > 0


def test_the_client_checks_and_decodes_deep_nodes_from_deep_in_a_stack() -> None:
    """``put_node`` checks the body before sending (``to_dict`` then ``validate_node``): a
    problem at the bottom of the deepest ``json`` data is refused with its full path, nothing
    sent. A valid body is sent and the node sent back decoded, as deep as ``json`` itself
    encodes and parses under the client's frames (``json.dumps`` of the body and
    ``json.loads`` of the reply take a frame a level: their limit, not the validators')."""
    sys.path.insert(0, str(REPO / "tests" / "client"))
    from client_support import Reply, serving

    _package()
    api = importlib.import_module(package("deep_data"))
    models = importlib.import_module(f"{package('deep_data')}.models")
    errors = importlib.import_module(f"{package('deep_data')}.errors")
    make = SHAPES["property"][1]
    n, data = _deepest(lambda k: make(k, '{"id":0}'))
    levels = n - FRAMES - 100
    sent = json.loads(make(levels, '{"id":0}'))
    with serving([Reply(200, make(levels, '{"id":0}').encode(),
                        {"Content-Type": "application/json"})]) as server, \
            api.Client(base_url=server.url) as client:
        back = _down(FRAMES, lambda: client.put_node(models.Node.from_dict(sent)))
        assert len(server.requests) == 1 and _same(json.loads(server.requests[0].body), sent)
        depth = 0
        while back.next is not None:
            back, depth = back.next, depth + 1
        assert depth == levels
        node = models.Node.from_dict(data)
        bottom = node
        while bottom.next is not None:
            bottom = bottom.next
        bottom.id = "zero"
        with pytest.raises(errors.RequestValidationError) as refused:
            _down(FRAMES, lambda: client.put_node(node))
        assert [p.pointer for p in refused.value.problems] == ["/next" * n + "/id"]
        assert len(server.requests) == 1


@pytest.mark.parametrize("shape", TAGGED)
def test_tagged_unions_deep_in_a_recursive_schema(shape: str) -> None:
    """A tagged union whose variants hold the union (both of them, or beside an inline
    variant) answers as ``jsonschema`` does 10 levels deep, and the deepest ``json`` data gives
    the same problems, each once, in linear time: the tag walks its variant once; a variant
    without a fast path of its own was asked by collecting all its problems at every level
    (a power of the depth), and an inline variant beside ``$ref``s was dropped or misplaced."""
    from jsonschema import Draft202012Validator

    schema = TAGGED[shape][0]
    sources = [compile_schema_source(schema, "2020-12", hot=hot) for hot in (None, frozenset())]
    modules = [_module(s, f"tagged_{i}_{abs(hash(shape))}") for i, s in enumerate(sources)]
    shallow = [json.loads(t) for t in _texts(TAGGED[shape], 10)]
    oracle = Draft202012Validator(schema)
    deepest = [json.loads(t) for t in _texts(TAGGED[shape])]
    for module in modules:
        said = [[(x.keyword, x.message) for x in module.validate_schema(v)] for v in shallow]
        assert [module.is_valid_schema(v) for v in shallow] == [
            oracle.is_valid(v) for v in shallow] == [True, False, False]
        assert [len(problems) for problems in said] == [0, 1, 2]
        found = [_down(FRAMES, lambda v=v, m=module: m.validate_schema(v)) for v in deepest]
        assert [[(x.keyword, x.message) for x in problems] for problems in found] == said
        assert [_down(FRAMES, lambda v=v, m=module: m.is_valid_schema(v))
                for v in deepest] == [True, False, False]
