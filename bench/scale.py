"""How generation grows with the input: synthetic families, time and peak memory per size.

Run: ``.venv/bin/python bench/scale.py [--family enum,object,...] [--max-seconds 120]``. Each
family doubles one dimension of a small valid document; each size is generated in a fresh
process (``specgen generate --target python --formatter ruff --no-cache`` into an empty
folder), which reports its wall time, its CPU time (its own and ruff's) and peak RSS
(``ru_maxrss``) and the bytes it wrote. The last columns are the ratios of CPU time and of
output bytes to the size before it (CPU time, as the machine is shared: wall time swings with
the load): linear growth is ~2.0 per doubling (the issue's bound is ~2.2). A family stops at its last size or once a size takes more CPU
time than ``--max-seconds``.

Families (``size`` is N):

- ``enum``: one string enum of N values;
- ``object``: one object schema of N properties;
- ``schemas``: N object schemas, each referring to another (``S{i}`` to ``S{i // 2}``);
- ``operations``: N operations (N/2 paths with a GET and a POST), each with a parameter and a
  body or response of a shared schema;
- ``chain``: N schemas, each an alias (``$ref``) of the next, the last an object;
- ``ring``: N object schemas, each holding the next, the last the first (legal recursion);
- ``allof``: one schema, ``allOf`` nested N deep, each level adding a property (2N levels of
  JSON: run with ``--max-depth`` 2N + 64; the other families with the default). 2,560 is the
  last doubling ``max_depth``'s ceiling (10,000) allows.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

Doc = dict[str, Any]


def _doc(schemas: Doc, paths: Doc | None = None) -> Doc:
    ref = {"$ref": f"#/components/schemas/{next(iter(schemas))}"}
    body = {"required": True, "content": {"application/json": {"schema": ref}}}
    default = {"/root": {"post": {"operationId": "root", "requestBody": body,
                                  "responses": {"204": {"description": "done"}}}}}
    return {"openapi": "3.1.0", "info": {"title": "Scale", "version": "1.0.0"},
            "paths": paths or default, "components": {"schemas": schemas}}


def _obj(props: Doc, required: tuple[str, ...] = ()) -> Doc:
    out: Doc = {"type": "object", "properties": props}
    if required:
        out["required"] = list(required)
    return out


def enum(n: int) -> Doc:
    return _doc({"Holder": _obj({"value": {"$ref": "#/components/schemas/Big"}}),
                 "Big": {"type": "string", "enum": [f"value-{i}" for i in range(n)]}})


def object_(n: int) -> Doc:
    kinds = ({"type": "string"}, {"type": "integer"}, {"type": "boolean"},
             {"type": "array", "items": {"type": "string"}})
    return _doc({"Wide": _obj({f"field{i}": kinds[i % 4] for i in range(n)},
                              tuple(f"field{i}" for i in range(0, n, 10)))})


def schemas(n: int) -> Doc:
    return _doc({f"S{i}": _obj({"id": {"type": "integer"},
                                "parent": {"$ref": f"#/components/schemas/S{i // 2}"}}, ("id",))
                 for i in range(n)})


def operations(n: int) -> Doc:
    thing = {"$ref": "#/components/schemas/Thing"}
    paths: Doc = {}
    for i in range(n // 2):
        param = [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}]
        ok = {"200": {"description": "ok", "content": {"application/json": {"schema": thing}}}}
        paths[f"/things{i}/{{id}}"] = {
            "get": {"operationId": f"getThing{i}", "parameters": param, "responses": ok},
            "post": {"operationId": f"putThing{i}", "parameters": param, "responses": ok,
                     "requestBody": {"content": {"application/json": {"schema": thing}}}}}
    return _doc({"Thing": _obj({"id": {"type": "integer"}, "name": {"type": "string"}})}, paths)


def chain(n: int) -> Doc:
    out: Doc = {f"A{i}": {"$ref": f"#/components/schemas/A{i + 1}"} for i in range(n - 1)}
    out[f"A{n - 1}"] = _obj({"id": {"type": "integer"}})
    return _doc(out)


def ring(n: int) -> Doc:
    return _doc({f"R{i}": _obj({"id": {"type": "integer"},
                                "next": {"$ref": f"#/components/schemas/R{(i + 1) % n}"}})
                 for i in range(n)})


def allof(n: int) -> Doc:
    inner: Doc = _obj({"p0": {"type": "string"}})
    for i in range(1, n):
        inner = {"allOf": [inner, _obj({f"p{i}": {"type": "string"}})]}
    return _doc({"Deep": inner})


FAMILIES: dict[str, tuple[Callable[[int], Doc], tuple[int, ...]]] = {
    "enum": (enum, (1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000)),
    "object": (object_, (1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000)),
    "schemas": (schemas, (1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000)),
    "operations": (operations, (1_000, 2_000, 4_000, 8_000, 16_000, 32_000)),
    "chain": (chain, (100, 200, 400, 800, 1_600, 3_200, 6_400, 12_800)),
    "ring": (ring, (100, 200, 400, 800, 1_600, 3_200, 6_400, 12_800)),
    "allof": (allof, (10, 20, 40, 80, 160, 320, 640, 1_280, 2_560)),
}


def _child(family: str, size: int) -> None:
    """Generate one size in this process and print its wall time, CPU time, peak RSS, output
    bytes and exit code."""
    sys.path.insert(0, str(ROOT))
    from generator import cli

    sys.setrecursionlimit(100_000)  # json.dumps of an allOf nested a thousand deep
    with tempfile.TemporaryDirectory() as tmp:
        spec = Path(tmp) / "spec.json"
        spec.write_text(json.dumps(FAMILIES[family][0](size)), encoding="utf-8")
        args = ["generate", str(spec), "-o", str(Path(tmp) / "out"), "--target", "python",
                "--formatter", "ruff", "--no-cache", "--package", "scale",
                "--max-depth", str(2 * size + 64 if family == "allof" else 256)]
        start = time.perf_counter()
        code = cli.main(args)
        wall = time.perf_counter() - start
        written = sum(f.stat().st_size for f in (Path(tmp) / "out").rglob("*") if f.is_file())
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime  # ruff runs as a child
    print(json.dumps({"seconds": wall, "cpu": cpu, "mb": me.ru_maxrss / 1024, "bytes": written,
                      "exit": code}))


def _measure(family: str, size: int) -> dict[str, Any]:
    done = subprocess.run([sys.executable, __file__, "--child", family, str(size)],
                          capture_output=True, text=True, check=False, cwd=ROOT)
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        return {"seconds": float("nan"), "cpu": float("nan"), "mb": float("nan"),
                "bytes": float("nan"), "exit": done.returncode,
                "error": done.stderr[-400:]}
    result: dict[str, Any] = json.loads(lines[-1])
    if result["exit"] != 0:
        result["error"] = done.stderr[-400:]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--family", default=",".join(FAMILIES))
    parser.add_argument("--max-seconds", type=float, default=120.0)
    parser.add_argument("--child", nargs=2, metavar=("FAMILY", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child[0], int(args.child[1]))
        return
    print("| family | N | wall | CPU | peak RSS | output | CPU / previous size "
          "| output / previous size |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for family in args.family.split(","):
        before: dict[str, Any] | None = None
        for size in FAMILIES[family][1]:
            r = _measure(family, size)
            cpu = f"{r['cpu'] / before['cpu']:.2f}×" if before else ""
            out = f"{r['bytes'] / before['bytes']:.2f}×" if before else ""
            note = f" (exit {r['exit']}: {r.get('error', '').strip().splitlines()[-1:]})" \
                if r["exit"] else ""
            print(f"| {family} | {size:,} | {r['seconds']:.2f} s | {r['cpu']:.2f} s | "
                  f"{r['mb']:.0f} MB | {r['bytes'] / 1e6:.2f} MB | {cpu} | {out}{note} |",
                  flush=True)
            before = r
            if r["exit"] or r["cpu"] > args.max_seconds:
                break


if __name__ == "__main__":
    main()
