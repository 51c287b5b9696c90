"""TypeScript's validators on data as deep as ``JSON.parse`` gives (issue 24, section 3, "Depth").

``specs/deep_shapes.yaml`` holds a schema for each way one holds itself: through a property,
an array's items, ``additionalProperties``, ``allOf``, a nullable ``anyOf``, a ``type`` with
``null``, ``oneOf`` and ``anyOf`` without a discriminator, a tagged ``oneOf`` and ``anyOf``,
and two schemas through each other. ``deep_driver.mjs`` checks 100,000 levels of each (valid,
and wrong at levels 0, 1, half way, the last and the leaf) from 100 frames down and from 40
frames short of the stack's end; every answer — yes/no, and every problem with its path,
keyword, schema path, message and code — must be the one plain recursion gives (the same
functions with the work list's bound out of reach, in a worker with a 2 GB stack), and, on
the same data 6 levels deep, the Python SDK's. A value that holds itself (built in code) is a
``TypeError``, never a hang or a ``RangeError``.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typescript_support import compile_packages, generate_package

from generator import Settings, generate

SPEC = Path(__file__).with_name("specs") / "deep_shapes.yaml"
DRIVER = Path(__file__).with_name("deep_driver.mjs")
DEPTH = 100_000
SHAPES = ("Chain", "Items", "Table", "Both", "Maybe", "Opt", "Expr", "Words", "Shape", "Route",
          "Ping")
CIRCULAR = "TypeError: circular reference: a value that contains itself cannot be validated"


@pytest.fixture(scope="module")
def answers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """What ``deep_driver.mjs`` prints for the compiled package of ``deep_shapes.yaml``."""
    work = tmp_path_factory.mktemp("ts-deep")
    folder = generate_package(SPEC, work / "gen", "deep_shapes")
    built = compile_packages([folder], work / "build", emit=True)
    assert built.returncode == 0, built.stdout + built.stderr
    src = work / "build" / "dist" / "gen" / "typescript" / "deep_shapes" / "src"
    plain = src.with_name("plain")
    shutil.copytree(src, plain)
    runtime = plain / "runtime.js"
    text = runtime.read_text(encoding="utf-8")
    assert "export const DEEP = 256;" in text
    runtime.write_text(text.replace("export const DEEP = 256;", "export const DEEP = 1e9;"),
                       encoding="utf-8")
    node = shutil.which("node")
    assert node is not None, "the TypeScript tests need Node.js 18 or later on PATH"
    done = subprocess.run([node, str(DRIVER), str(src), str(plain), str(DEPTH)],
                          capture_output=True, text=True, check=False, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    out: dict[str, Any] = json.loads(done.stdout)
    return out


@pytest.mark.parametrize("shape", SHAPES)
def test_deep_data_is_judged_as_plain_recursion_judges_it(answers: dict[str, Any], shape: str) -> None:
    valid, invalid = answers["deep"][shape]
    assert answers["room"] < 400  # where "near" ran: 256 calls deep would not fit there
    assert answers["near"][shape] == [valid, invalid]
    assert answers["recursed"][shape] == [valid, invalid]
    assert (valid["valid"], valid["summary"]) == (True, [])
    assert invalid["valid"] is False
    assert invalid["summary"], "the wrong data has problems"


@pytest.mark.parametrize("shape", ["Chain", "Items", "Table", "Both", "Opt", "Shape",
                                   "Route", "Ping"])
def test_problems_deep_down_are_reported_at_their_place(answers: dict[str, Any], shape: str) -> None:
    """Where a union does not hide them, the problems of every wrong level are reported, the
    deepest at a path of more than ``DEPTH`` steps."""
    summary = answers["deep"][shape][1]["summary"]
    assert len(summary) == 5, summary
    assert max(length for length, _, _ in summary) > 2 * DEPTH


def test_shallow_data_is_judged_as_the_python_sdk_judges_it(answers: dict[str, Any],
                                                             tmp_path: Path) -> None:
    generate(Settings(spec=SPEC, output=tmp_path, package="deep_shapes", targets=("python",)))
    sys.path.insert(0, str(tmp_path / "python"))
    try:
        validators = importlib.import_module("deep_shapes.validators")
    finally:
        sys.path.remove(str(tmp_path / "python"))
    compared = 0
    for shape in SHAPES:
        text, ts = answers["shallow"][shape]
        snake = "".join("_" + c.lower() if c.isupper() else c for c in shape).lstrip("_")
        python = [dataclasses.asdict(p) for p in getattr(validators, f"validate_{snake}")(json.loads(text))]
        assert [[p["instancePath"], p["keyword"], p["schemaPath"], p["message"], p["code"]] for p in ts] \
            == [[p["instance_path"], p["keyword"], p["schema_path"], p["message"], p["code"]]
                for p in python], shape
        compared += len(ts)
    assert compared > 30


@pytest.mark.parametrize("shape", SHAPES)
def test_a_value_that_holds_itself_is_a_clear_error(answers: dict[str, Any], shape: str) -> None:
    assert answers["rings"][shape] == [CIRCULAR, CIRCULAR]
