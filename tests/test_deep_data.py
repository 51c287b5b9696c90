"""Recursive Python models on data as deep as ``json.loads`` parses (issue 24, section 3, "Depth").

The ``deep_data`` golden case holds one schema for each way a model can hold itself: through an
array, a field, a map (``additionalProperties`` of a property, and of the class itself), an
inline union, mutual recursion (``Folder`` -> ``Entry`` -> ``Folder``), a tagged union whose
variant holds it, and aliases that hold themselves through an array or a map. For each, the
data is the deepest ``json.loads`` parses at the test's own call site (one level more raises
``RecursionError`` there), and it is decoded and encoded from 100 frames further down, as a web
framework's handler would, and from 10 frames short of the limit: ``from_dict``/``to_dict`` of a
model on a reference cycle recurse, and where the stack runs out go on from a work list
(``_runtime._defer``), so their depth is not the data's.

Comparisons walk the data with an explicit stack: ``==`` on such data recurses in C itself.
"""

from __future__ import annotations

import atexit
import datetime as dt
import functools
import importlib
import json
import shutil
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from golden_cases import materialise, package

CASE = "deep_data"
FRAMES = 100  # how far down the stack the generated code is called (a framework's handler)
WHEN = "2024-01-01T00:00:00Z"


@functools.cache
def _package() -> ModuleType:
    """``deep_data_api`` from the case's whole golden tree, in a folder removed at exit."""
    root = Path(tempfile.mkdtemp(prefix="specgen-deep-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    materialise(CASE, root)
    sys.path.append(str(root / "python"))
    return importlib.import_module(package(CASE))


def _models() -> Any:
    return importlib.import_module(f"{package(CASE)}.models")


def _down(frames: int, call: Callable[[], Any]) -> Any:
    """``call()`` made ``frames`` frames below this one."""
    return call() if frames <= 0 else _down(frames - 1, call)


def _deepest(make: Callable[[int], str]) -> tuple[int, Any]:
    """The largest ``n`` whose ``make(n)`` ``json.loads`` parses here, and what it parses to."""
    low, high = 1, 20_000
    while low < high:
        mid = (low + high + 1) // 2
        try:
            json.loads(make(mid))
        except RecursionError:
            high = mid - 1
        else:
            low = mid
    with pytest.raises(RecursionError):  # one level more is beyond what json parses here
        json.loads(make(low + 1))
    return low, json.loads(make(low))


def _same(a: Any, b: Any) -> bool:
    """JSON equality (``True`` is not ``1``; key order aside, as JSON's), walked with a list
    instead of recursion."""
    todo = [(a, b)]
    while todo:
        x, y = todo.pop()
        if type(x) is not type(y):
            return False
        if isinstance(x, dict):
            if x.keys() != y.keys():
                return False
            todo.extend((x[k], y[k]) for k in x)
        elif isinstance(x, list):
            if len(x) != len(y):
                return False
            todo.extend(zip(x, y, strict=True))
        elif x != y:
            return False
    return True


def _levels(value: Any, step: Callable[[Any], Any]) -> tuple[int, Any]:
    """How many times ``step`` goes down from ``value`` before it gives ``None``, and the last."""
    count = 0
    while (below := step(value)) is not None:
        value, count = below, count + 1
    return count, value


_LEAF = '{"id":0,"at":"' + WHEN + '"}'
# name -> (model, JSON of n levels, one step down the decoded value (None at the bottom), leaf)
SHAPES: dict[str, tuple[str, Callable[[int], str], Callable[[Any], Any], Callable[[Any], bool]]] = {
    "array": ("Node", lambda n: '{"id":1,"children":[' * n + _LEAF + "]}" * n,
              lambda o: o.children[0] if o.children else None,
              lambda o: o.at == dt.datetime(2024, 1, 1, tzinfo=dt.UTC)),
    "field": ("Node", lambda n: '{"id":1,"next":' * n + _LEAF + "}" * n,
              lambda o: o.next, lambda o: isinstance(o.at, dt.datetime)),
    "map": ("Node", lambda n: '{"id":1,"named":{"a":' * n + _LEAF + "}}" * n,
            lambda o: o.named["a"] if o.named else None, lambda o: isinstance(o.at, dt.datetime)),
    "union": ("Node", lambda n: '{"id":1,"either":' * n + '"end"' + "}" * n,
              lambda o: o.either if not isinstance(o, str) else None, lambda o: o == "end"),
    "own additionalProperties": (
        "Dir", lambda n: '{"name":"d","sub":' * n + '{"name":"leaf"}' + "}" * n,
        lambda o: o.additional_properties.get("sub"), lambda o: o.name == "leaf"),
    "mutual": ("Folder", lambda n: '{"name":"f","entries":[{"folder":' * n + '{"name":"end"}'
               + "}]}" * n,
               lambda o: o.entries[0].folder if o.entries else None, lambda o: o.name == "end"),
    "tagged union": (
        "Holder",
        lambda n: '{"shape":' + '{"kind":"group","members":[' * n + '{"kind":"circle","radius":1}'
        + "]}" * n + "}",
        lambda o: o.shape if hasattr(o, "shape") else o.members[0] if hasattr(o, "members")
        else None,
        lambda o: o.radius == 1),
    "array alias": ("Holder", lambda n: '{"tree":' + "[" * n + _LEAF + "]" * n + "}",
                    lambda o: o.tree if hasattr(o, "tree") else o[0] if isinstance(o, list)
                    else None,
                    lambda o: isinstance(o.at, dt.datetime)),
    "map alias": ("Holder", lambda n: '{"index":' + '{"a":' * n + f'"{WHEN}"' + "}" * n + "}",
                  lambda o: o.index if hasattr(o, "index") else o["a"] if isinstance(o, dict)
                  else None,
                  lambda o: isinstance(o, dt.datetime)),
}


@pytest.mark.parametrize("shape", list(SHAPES))
def test_data_as_deep_as_json_parses_decodes_and_encodes_from_deep_in_a_stack(shape: str) -> None:
    _package()
    name, make, step, leaf_ok = SHAPES[shape]
    cls = getattr(_models(), name)
    n, data = _deepest(make)
    obj = _down(FRAMES, lambda: cls.from_dict(data))
    levels, leaf = _levels(obj, step)
    assert levels >= n and leaf_ok(leaf)  # every level decoded (a tagged union: two steps each)
    wire = _down(FRAMES, obj.to_dict)
    assert _same(wire, data)
    again = _down(FRAMES, lambda: cls.from_dict(wire))
    assert _same(_down(FRAMES, again.to_dict), data)  # the round trip


def test_only_models_on_a_cycle_go_through_the_work_list() -> None:
    """A model with no cycle of its own (``Holder``, ``Circle``) keeps its direct code."""
    _package()
    m = _models()
    assert {c for c in ("Node", "Dir", "Folder", "Entry", "Group", "Holder", "Circle")
            if hasattr(getattr(m, c), "_fill")} == {"Node", "Dir", "Folder", "Entry", "Group"}


def test_deeper_than_json_parses_still_decodes_and_encodes() -> None:
    """Data built in Python can be deeper than any parser allows: 100,000 levels still work."""
    _package()
    m = _models()
    data: dict[str, Any] = {"id": 0}
    for i in range(1, 100_001):
        data = {"id": i, "next": data}
    obj = _down(FRAMES, lambda: m.Node.from_dict(data))
    levels, leaf = _levels(obj, lambda o: o.next)
    assert levels == 100_000 and leaf.id == 0
    assert _same(_down(FRAMES, obj.to_dict), data)


def test_data_that_holds_itself_is_a_clear_error_not_a_hang() -> None:
    """A model, dict or list built in Python that contains itself has no end: where plain
    recursion raised ``RecursionError``, the work list stops after its bound with a
    ``ValueError`` that says so (as ``json.dumps`` refuses a circular reference), and the next
    call works."""
    _package()
    m = _models()
    runtime = importlib.import_module(f"{package(CASE)}._runtime")
    node = m.Node(id=1)
    node.next = node
    with pytest.raises(ValueError, match="circular reference"):
        node.to_dict()
    looped: dict[str, Any] = {"id": 1}
    looped["next"] = looped
    with pytest.raises(ValueError, match="circular reference"):
        m.Node.from_dict(looped)
    items: list[Any] = []
    items.append(items)
    with pytest.raises(ValueError, match="circular reference"):
        runtime._to_wire(items)
    assert m.Node.from_dict({"id": 1, "next": {"id": 2}}).next.id == 2  # the work list is clean


def test_a_bad_value_at_the_bottom_is_a_clear_error_and_the_next_call_works() -> None:
    _package()
    m = _models()
    _, make, _, _ = SHAPES["field"]
    n, _ = _deepest(make)
    bad = json.loads(make(n).replace(WHEN, "yesterday"))
    with pytest.raises(ValueError, match="at: invalid date-time: 'yesterday'"):
        _down(FRAMES, lambda: m.Node.from_dict(bad))
    with pytest.raises(KeyError, match="'id'"):
        m.Node.from_dict({"next": {"next": {}}, "id": 1})
    assert m.Node.from_dict({"id": 1, "next": {"id": 2}}).next.id == 2  # the work list is clean


def test_threads_decode_at_once() -> None:
    """Each thread has its own work list: trees decoded at once in threads come out whole."""
    _package()
    m = _models()
    _, make, step, _ = SHAPES["array"]
    results: dict[int, Any] = {}

    def decode(k: int) -> None:
        for _ in range(20):
            results[k] = m.Node.from_dict(json.loads(make(50 + k)))

    threads = [threading.Thread(target=decode, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert {k: _levels(v, step)[0] for k, v in results.items()} == {k: 50 + k for k in range(4)}


def test_the_client_decodes_a_recursive_alias_from_the_work_list() -> None:
    """The client's own decoder of a response (``Tree``, a list of trees) takes any depth."""
    client = importlib.import_module(f"{package(CASE)}.client")
    n, data = _deepest(SHAPES["array alias"][1])
    tree = _down(FRAMES, lambda: client._decode_Tree(data["tree"]))
    assert _levels(tree, lambda o: o[0] if isinstance(o, list) else None)[0] == n


def _room() -> int:
    """How many frames of ``_down`` still fit below the caller (the interpreter counts C calls
    as well as Python frames, so this is found by trying)."""
    low, high = 0, sys.getrecursionlimit()
    while low < high:
        mid = (low + high + 1) // 2
        try:
            _down(mid, lambda: object.__new__(object))
        except RecursionError:
            high = mid - 1
        else:
            low = mid
    return low


@pytest.mark.parametrize("left", [10, 40])
def test_a_call_with_only_a_few_frames_left_still_decodes_and_encodes(left: int) -> None:
    """Called ``left`` frames short of the recursion limit (the work list needs about 8)."""
    _package()
    node = _models().Node  # loaded here: an import takes frames of its own
    _, make, step, _ = SHAPES["array"]
    n, data = _deepest(make)
    node.from_dict(json.loads(make(2)))  # the models its fields name, loaded here too
    frames = _room() - left
    obj = _down(frames, lambda: node.from_dict(data))
    assert _levels(obj, step)[0] == n
    assert _same(_down(frames, obj.to_dict), data)
