"""A body is passed as keyword fields only up to ``KEYWORD_FIELDS_MAX`` fields to send.

Beyond it the method takes the model alone: thousands of keyword arguments help no reader, and
CPython compiles a call's keywords pairwise (quadratic in the fields: ``bench/scale.py``'s
``object`` family). The limit counts the fields a request sends (``readOnly`` ones are not).
"""

from __future__ import annotations

import importlib
import inspect
import json
import sys
from pathlib import Path

import pytest

from generator import cli
from generator.targets.python.client_body import KEYWORD_FIELDS_MAX


def _generate(tmp_path: Path, sent: int, read_only: int) -> Path:
    props: dict[str, object] = {f"f{i}": {"type": "string"} for i in range(sent)}
    props |= {f"r{i}": {"type": "string", "readOnly": True} for i in range(read_only)}
    spec = {"openapi": "3.1.0", "info": {"title": "Wide", "version": "1"},
            "paths": {"/w": {"post": {"operationId": "send", "requestBody": {
                "required": True, "content": {"application/json": {"schema": {
                    "$ref": "#/components/schemas/Wide"}}}},
                "responses": {"204": {"description": "done"}}}}},
            "components": {"schemas": {"Wide": {"type": "object", "required": ["f0"],
                                                "properties": props}}}}
    (tmp_path / "spec.json").write_text(json.dumps(spec), encoding="utf-8")
    out = tmp_path / "out"
    status = cli.main(["generate", str(tmp_path / "spec.json"), "-o", str(out), "-q",
                       "--target", "python", "--formatter", "ruff", "--package", "wide_api"])
    assert status == 0
    return out / "python"


@pytest.mark.parametrize(("sent", "read_only", "keywords"), [
    (KEYWORD_FIELDS_MAX, 10, True),  # read-only fields are not sent: not counted
    (KEYWORD_FIELDS_MAX + 1, 0, False),
])
def test_keyword_fields_up_to_the_limit(tmp_path: Path, sent: int, read_only: int,
                                        keywords: bool) -> None:
    root = _generate(tmp_path, sent, read_only)
    sys.path.insert(0, str(root))
    try:
        api = importlib.import_module("wide_api")
        params = set(inspect.signature(api.Client.send).parameters)
        assert ("f0" in params) is keywords and "body" in params
        assert "r0" not in params
        body = api.models.Wide(f0="x")
        fields = {f"f{i}": None for i in range(sent)} if keywords else {}
        call = api.client._send(body=body, **fields)
        assert call.body.value == {"f0": "x"}
        readme = (root / "README.md").read_text("utf-8")
        assert ("client.send(f0=" in readme) is keywords
    finally:
        sys.path.remove(str(root))
        for name in [m for m in sys.modules if m == "wide_api" or m.startswith("wide_api.")]:
            del sys.modules[name]
