"""Recursive Go models on data as deep as ``encoding/json`` reads (issue 24, section 3, "Depth"
and "Scale").

The module of the ``deep_data`` golden case (one schema for each way a model holds itself: a
field, an array, a map, an inline union, mutual recursion, a tagged union, aliases through an
array or a map) and ``tests/go/deep/more.yaml`` (through a nullable reference, ``allOf``, an
untagged ``anyOf``, a tagged union through a map) is built with ``tests/go/deep/main.go``, which nests each shape to a depth,
decodes it (``json.Unmarshal`` into the model), encodes it back (``json.Marshal``) and
validates it (``Validate<Type>``), and prints what each step gave, took and allocated.

- Up to encoding/json's 10,000 levels every shape decodes, encodes back to the same bytes and
  validates; one level more is encoding/json's own error, and a value built in Go deeper than
  that (or holding itself) is an error when encoded, not a crash.
- A bad value thousands of levels down is reported as it is one level down: the same error
  behind one ``field "…": `` per level, the same problem at the longer path.
- The work is linear: the bytes allocated for 4x the depth stay under 6x (linear is about 4x;
  the decoder this replaced, which scanned each level's bytes again, allocated 17x, and took
  51 s at 9,999 levels). Times are printed, never asserted (docs/benchmarks.md).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import toolchains
from go_support import generate_module, run

REPO = Path(__file__).resolve().parents[2]
SPEC = REPO / "tests" / "cases" / "deep_data" / "spec.yaml"
PROGRAM = Path(__file__).resolve().parent / "deep" / "main.go"
MORE = PROGRAM.with_name("more.yaml")
MAX_DEPTH = 10_000  # encoding/json's maxNestingDepth

Results = list[dict[str, Any]]

# shape -> (what a field error says at each level, the instance path of one level); None: the
# level is kept as sent (unknown keys), so nothing below it decodes or fails to.
LEVELS: dict[str, tuple[str | None, str]] = {
    "node.next": ('field "next": ', "/next"),
    "node.children": ('field "children": ', "/children/0"),
    "node.named": ('field "named": ', "/named/a"),
    "folder": ('field "entries": field "folder": ', "/entries/0/folder"),
    "shape": ('field "members": ', "/members/0"),
    "dir": (None, "/sub"),
    "derived": ('field "child": ', "/child"),
    "expr": ('field "bindings": ', "/bindings/x"),
}
# shapes held through an untagged union (a nullable reference is ``anyOf`` with null): the
# union's own problem, at the top level, at any depth
UNIONS: dict[str, str] = {"node.either": 'field "either": ', "tree": "", "index": "",
                          "either": "", "chain": 'field "next": '}
SHAPES = len(LEVELS) + len(UNIONS)


@pytest.fixture(scope="module")
def deep(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Results]:
    """Run the built program: ``deep("valid", 1000, ...)``, one result per shape and argument."""
    go = toolchains.go()
    folder = generate_module(SPEC, tmp_path_factory.mktemp("go-deep") / "deepdata",
                             "example.com/deepdata")
    generate_module(MORE, folder / "more", "example.com/deepdata/more")
    (folder / "more" / "go.mod").unlink()  # a package of the deep_data module
    (folder / "cmd" / "deep").mkdir(parents=True)
    shutil.copy(PROGRAM, folder / "cmd" / "deep" / "main.go")
    assert run(go, ["gofmt", "-l", "."], folder) == ""
    run(go, ["vet", "./..."], folder)
    run(go, ["build", "-o", "deep", "./cmd/deep"], folder)

    def call(mode: str, *numbers: int) -> Results:
        done = subprocess.run([str(folder / "deep"), mode, *map(str, numbers)], env=go.env,
                              capture_output=True, text=True, check=False, timeout=600)
        assert done.returncode == 0, done.stderr[-4000:]
        return [json.loads(line) for line in done.stdout.splitlines()]
    return call


def _report(title: str, results: Results) -> None:
    print(f"\n{title}: shape, JSON depth, bytes, seconds to decode / encode / validate")
    for r in results:
        seconds = " / ".join(f"{s:.4f}" for s in r["seconds"])
        print(f"  {r['shape']:<14} {r['depth']:>6} {r['bytes']:>8}  {seconds}")


def test_every_shape_round_trips_to_the_parsers_depth(deep: Callable[..., Results]) -> None:
    results = deep("valid", 1000, 5000, 9999, MAX_DEPTH)
    _report("Go models on deep data", results)
    assert len(results) == 4 * SHAPES
    for r in results:
        assert r["error"] == "", r["shape"]
        assert r["same"], f"{r['shape']} at {r['depth']}: encoded bytes differ from the input"
        assert r["valid"] and not r["problems"], r["shape"]
    assert {r["depth"] for r in results if r["shape"] == "node.next"} == {1000, 5000, 9999,
                                                                          MAX_DEPTH}


def test_deeper_than_encoding_json_reads_is_its_error(deep: Callable[..., Results]) -> None:
    results = deep("valid", MAX_DEPTH + 1, MAX_DEPTH + 3)
    beyond = [r for r in results if r["depth"] > MAX_DEPTH]
    assert {r["shape"] for r in beyond} == {*LEVELS, *UNIONS}
    for r in beyond:
        assert r["error"].startswith("invalid character ") and r["error"].endswith(
            " exceeded max depth"), r
        assert not r["same"] and not r["valid"]
    for r in results:
        if r["depth"] <= MAX_DEPTH:  # a shape whose levels do not land on 10,001 exactly
            assert r["error"] == "" and r["same"] and r["valid"], r


def test_encoding_deeper_than_it_reads_back_is_an_error(deep: Callable[..., Results]) -> None:
    fits, beyond = deep("encode", MAX_DEPTH - 1, MAX_DEPTH)
    too_deep = "json: value nested deeper than 10000 levels (or holding itself) cannot be written"
    assert fits["deep"].startswith("ok ")
    assert beyond["deep"].endswith(too_deep)
    assert fits["loop"] == beyond["loop"] == too_deep  # a value holding itself: no stack overflow


def test_a_bad_value_deep_down_is_reported_as_one_level_down(
        deep: Callable[..., Results]) -> None:
    levels = 3000
    shallow, one, far = (
        {r["shape"]: r for r in deep("invalid", n)} for n in (0, 1, levels))
    for shape, (error, path) in LEVELS.items():
        near = shallow[shape]
        assert near["error"] and near["problems"], shape
        if error is None:
            assert far[shape]["error"] == ""
        else:
            assert far[shape]["error"] == error * levels + near["error"], shape
        assert far[shape]["problems"] == [
            {**p, "instance_path": path * levels + p["instance_path"]}
            for p in near["problems"]], shape
    for shape, error in UNIONS.items():
        assert far[shape]["error"] == (error * levels + shallow[shape]["error"]
                                       if shallow[shape]["error"] and one[shape]["error"] else "")
        assert far[shape]["problems"] == one[shape]["problems"] != [], shape


def _growth(small: Results, large: Results) -> dict[str, float]:
    return {a["shape"]: sum(b["alloc"]) / sum(a["alloc"]) for a, b in zip(small, large,
                                                                          strict=True)}


def test_work_grows_linearly_with_depth(deep: Callable[..., Results]) -> None:
    valid = deep("valid", 1000, 4000)
    invalid = deep("invalid", 500, 2000)
    for title, results in (("valid", valid), ("invalid", invalid)):
        half = len(results) // 2
        growth = _growth(results[:half], results[half:])
        times = {a["shape"]: sum(b["seconds"]) / max(sum(a["seconds"]), 1e-9)
                 for a, b in zip(results[:half], results[half:], strict=True)}
        print(f"\n{title}, 4x the depth: allocated bytes x, seconds x (not asserted)")
        for shape, ratio in growth.items():
            print(f"  {shape:<14} {ratio:5.2f}  {times[shape]:6.2f}")
        assert all(ratio < 6 for ratio in growth.values()), growth
