"""Limits stop hostile input, not real APIs; recursion through the input never crashes specgen.

- The input bounds (``max_bytes``, ``max_nodes``, ``max_depth``, ``max_files``) are keys of
  ``[tool.specgen]`` and flags, checked like the other settings (E001 at the key).
- A document deeper than ``max_depth`` is E106 at the pointer of its first node beyond it; the
  same document generates when the limit is raised (JSON nested 2,000 levels: an ``allOf``
  nested a thousand deep).
- A ring of 3,000 schemas (each holding the next, the last the first) and a chain of 3,000
  schemas generate: the builder follows ``$ref``s recursively, on a stack sized for it
  (``generator/deep.py``), and whether a validator is recursive is found in linear time.
- A ``RecursionError`` (or any other internal error) inside specgen is exit 3 with a bug
  report, never E106.
"""

from __future__ import annotations

import io
import json
import sys
from contextlib import chdir, redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from generator import cli
from generator.build import schemas as schema_builder

HEAD = {"openapi": "3.1.0", "info": {"title": "Deep", "version": "1"}}


def _run(tmp_path: Path, spec: dict[str, object], *args: str) -> tuple[int, str, str]:
    path = tmp_path / "spec.json"
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(20_000)  # json.dumps of the deep documents below
    try:
        path.write_text(json.dumps(spec), encoding="utf-8")
    finally:
        sys.setrecursionlimit(limit)
    out, err = io.StringIO(), io.StringIO()
    with chdir(tmp_path), redirect_stdout(out), redirect_stderr(err):
        status = cli.main([args[0], str(path), *args[1:]])
    return status, out.getvalue(), err.getvalue()


def _body(schema: str) -> dict[str, object]:
    ref = {"$ref": f"#/components/schemas/{schema}"}
    return {"/x": {"post": {"operationId": "send", "requestBody": {
        "required": True, "content": {"application/json": {"schema": ref}}},
        "responses": {"204": {"description": "done"}}}}}


def _nested_allof(levels: int) -> dict[str, object]:
    inner: dict[str, object] = {"type": "object", "properties": {"p0": {"type": "string"}}}
    for i in range(1, levels):
        inner = {"allOf": [inner, {"type": "object", "properties": {f"p{i}": {"type": "string"}}}]}
    return {**HEAD, "paths": _body("Deep"), "components": {"schemas": {"Deep": inner}}}


def test_limits_are_settings_checked_like_the_others(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.specgen]\nmax_depth = "deep"\nmax_files = 0\nmax_nodes = true\nmax_bytes = 10\n',
        encoding="utf-8")
    status, out, _ = _run(tmp_path, {**HEAD, "paths": {}}, "validate", "--format", "json")
    assert status == 2
    found = {(r["code"], r["pointer"], r["line"]) for r in json.loads(out)}
    assert found == {("E001", "/tool/specgen/max_depth", 2), ("E001", "/tool/specgen/max_files", 3),
                     ("E001", "/tool/specgen/max_nodes", 4)}


def test_a_configured_byte_limit_is_held(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.specgen]\nmax_bytes = 10\n", encoding="utf-8")
    status, out, _ = _run(tmp_path, {**HEAD, "paths": {}}, "validate", "--format", "json")
    assert status == 2 and [r["code"] for r in json.loads(out)] == ["E104"]


def test_a_bad_flag_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as stop, redirect_stderr(io.StringIO()) as err:
        cli.main(["validate", str(tmp_path / "x.json"), "--max-depth", "0"])
    assert stop.value.code == 2 and "positive integer" in err.getvalue()


def test_max_depth_has_a_ceiling_the_deep_stack_holds(tmp_path: Path) -> None:
    """Past 10,000 levels a deep document could exhaust the deep stack's frames (a
    ``RecursionError``, exit 3): the bound is refused, as a flag and as a key."""
    with pytest.raises(SystemExit) as stop, redirect_stderr(io.StringIO()) as err:
        cli.main(["validate", str(tmp_path / "x.json"), "--max-depth", "10001"])
    assert stop.value.code == 2 and "at most 10000" in err.getvalue()
    (tmp_path / "pyproject.toml").write_text("[tool.specgen]\nmax_depth = 10001\n",
                                             encoding="utf-8")
    status, out, _ = _run(tmp_path, {**HEAD, "paths": {}}, "validate", "--format", "json")
    assert status == 2
    assert [(r["code"], r["pointer"]) for r in json.loads(out)] == [
        ("E001", "/tool/specgen/max_depth")]


def test_too_deep_is_e106_with_its_pointer_until_the_limit_is_raised(tmp_path: Path) -> None:
    spec = _nested_allof(1_000)  # 2,000+ levels of JSON
    status, out, _ = _run(tmp_path, spec, "validate", "--format", "json")
    rows = json.loads(out)
    assert status == 2 and [r["code"] for r in rows] == ["E106"]
    assert rows[0]["pointer"].startswith("/components/schemas/Deep/allOf/0/allOf/0/")
    status, _, err = _run(tmp_path, spec, "generate", "-o", str(tmp_path / "out"),
                          "--formatter", "ruff", "--max-depth", "2100")
    assert status == 0, err
    model = (tmp_path / "out" / "python" / "deep" / "models" / "deep.py").read_text("utf-8")
    assert "p999: str | None = None" in model and "p0: str | None = None" in model


@pytest.mark.parametrize("shape", ["ring", "chain"])
def test_thousands_of_schemas_through_refs_generate(tmp_path: Path, shape: str) -> None:
    n = 3_000
    schemas = {f"R{i}": {"type": "object", "properties": {
        "id": {"type": "integer"},
        "next": {"$ref": f"#/components/schemas/R{(i + 1) % n}"}}} for i in range(n)}
    if shape == "chain":
        schemas[f"R{n - 1}"] = {"type": "object", "properties": {"id": {"type": "integer"}}}
    spec = {**HEAD, "paths": _body("R0"), "components": {"schemas": schemas}}
    status, _, err = _run(tmp_path, spec, "generate", "-o", str(tmp_path / "out"),
                          "--formatter", "ruff")
    assert status == 0, err
    models = tmp_path / "out" / "python" / "deep" / "models"
    assert len(list(models.glob("r*.py"))) == n


def test_an_internal_recursion_error_is_exit_3_not_e106(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object) -> object:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(schema_builder.SchemaBuilder, "define", broken)
    status, _, err = _run(tmp_path, {**HEAD, "paths": _body("A"), "components": {"schemas": {
        "A": {"type": "object"}}}}, "generate", "-o", str(tmp_path / "out"))
    assert status == 3
    assert "internal error (please report" in err and "RecursionError" in err
    assert "E106" not in err and not (tmp_path / "out").exists()


def test_diff_reads_both_specs_under_the_configured_limits(tmp_path: Path) -> None:
    """``diff`` loads its two documents as ``generate`` does: a configured bound holds for the
    old spec and the new one alike (E106 at its pointer), and raising it lets them compare."""
    deep = _nested_allof(600)  # 1,200+ levels of JSON: beyond a max_depth of 500
    old = tmp_path / "old.json"
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(20_000)
    try:
        old.write_text(json.dumps(deep), encoding="utf-8")
    finally:
        sys.setrecursionlimit(limit)
    (tmp_path / "pyproject.toml").write_text("[tool.specgen]\nmax_depth = 500\n", encoding="utf-8")
    out, err_io = io.StringIO(), io.StringIO()
    with chdir(tmp_path), redirect_stdout(out), redirect_stderr(err_io):
        status = cli.main(["diff", str(old), str(old)])
    assert status == 2 and "E106" in err_io.getvalue(), err_io.getvalue()
    with chdir(tmp_path), redirect_stdout(out), redirect_stderr(err_io):
        status = cli.main(["diff", str(old), str(old), "--max-depth", "2000"])
    assert status == 0, err_io.getvalue()
