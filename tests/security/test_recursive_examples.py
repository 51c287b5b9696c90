"""A recursive schema never sends specgen into unbounded recursion: the generated README builds
its example calls from required properties, and a required property that refers back to its own
type (directly, through ``allOf``, through another schema) or a long chain of them ends in a
placeholder (``...``, ``[]`` for an array, ``None`` when nullable), for every target."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

from specgen_testing import REPO

SPEC = REPO / "tests" / "security" / "recursive_required" / "spec.yaml"


def _generate(spec: Path, tmp_path: Path, *targets: str) -> Path:
    config = tmp_path / "pyproject.toml"
    config.write_text('[tool.specgen.go]\nmodule = "example.com/recursive"\n', encoding="utf-8")
    out = tmp_path / "out"
    flags = [arg for target in targets for arg in ("--target", target)]
    done = subprocess.run(
        [sys.executable, "-m", "generator", "generate", "--spec", str(spec), "--config", str(config),
         "--output", str(out), "--no-cache", *flags],
        check=False, capture_output=True, text=True, cwd=REPO, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    return out


def _python_blocks(readme: Path) -> list[str]:
    blocks = re.findall(r"```python\n(.*?)```", readme.read_text(encoding="utf-8"), re.DOTALL)
    for block in blocks:
        ast.parse(block)
    return blocks


def test_required_self_references_generate_for_every_target(tmp_path: Path) -> None:
    out = _generate(SPEC, tmp_path, "python", "typescript", "go")
    assert {p.name for p in out.iterdir()} >= {"python", "typescript", "go"}
    text = "\n".join(_python_blocks(out / "python" / "README.md"))
    assert "client.create_node(Node(name='string', next=..., children=[], parent=None))" in text
    assert "client.create_tree(Tree(label='string', left=...))" in text
    assert "client.create_pair(Ping(pong=Pong(ping=...)))" in text


def test_a_long_chain_of_required_objects_is_cut_short(tmp_path: Path) -> None:
    schemas = {f"S{i}": {"type": "object", "required": ["next"],
                         "properties": {"next": {"$ref": f"#/components/schemas/S{i + 1}"}}}
               for i in range(12)}
    schemas["S12"] = {"type": "object", "required": ["n"], "properties": {"n": {"type": "integer"}}}
    body = {"required": True, "content": {"application/json": {
        "schema": {"$ref": "#/components/schemas/S0"}}}}
    spec = tmp_path / "chain.json"
    spec.write_text(json.dumps({
        "openapi": "3.1.0", "info": {"title": "Chain", "version": "1"},
        "paths": {"/c": {"post": {"operationId": "chain", "requestBody": body,
                                  "responses": {"204": {"description": "ok"}}}}},
        "components": {"schemas": schemas}}), encoding="utf-8")
    out = _generate(spec, tmp_path, "python")
    text = "\n".join(_python_blocks(out / "python" / "README.md"))
    nested = "".join(f"S{i}(next=" for i in range(8))
    assert f"client.chain({nested}...{')' * 8})" in text
