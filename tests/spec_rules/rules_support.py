"""Run ``specgen validate`` on a small document written for one test."""

from __future__ import annotations

import io
import json
from contextlib import chdir, redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

from generator import cli

INFO = {"title": "Rules", "version": "1"}


def document(version: str = "3.1.0", **parts: Any) -> dict[str, Any]:
    """An OpenAPI document of ``version`` with ``parts`` (``paths`` defaults to none)."""
    return {"openapi": version, "info": INFO, "paths": {}, **parts}


def validate(tmp_path: Path, doc: dict[str, Any], name: str = "api.json") -> tuple[int, set[tuple[str, str]]]:
    """Exit status and ``(code, pointer)`` of every diagnostic of ``validate`` on ``doc``."""
    spec = tmp_path / name
    spec.write_text(json.dumps(doc), encoding="utf-8")
    out = io.StringIO()
    # from the document's own folder: no ./pyproject.toml settings (targets) of the repository
    with chdir(tmp_path), redirect_stdout(out), redirect_stderr(io.StringIO()):
        status = cli.main(["validate", "--format", "json", str(spec)])
    rows = json.loads(out.getvalue())
    assert all(r["line"] > 0 for r in rows), rows
    return status, {(r["code"], r["pointer"]) for r in rows}


def op(**more: Any) -> dict[str, Any]:
    """An operation with one response and ``more``."""
    return {"responses": {"204": {"description": "none"}}, **more}


def path_param(name: str, **more: Any) -> dict[str, Any]:
    """A path parameter, required as OpenAPI wants it."""
    return {"name": name, "in": "path", "required": True, "schema": {"type": "string"}, **more}
