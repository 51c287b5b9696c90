"""The check of a schema's own values (``default``, ``const``, ``enum``, examples: E303/W307)
runs ``jsonschema`` on schemas nobody has vetted yet. A schema it cannot run (a ``pattern`` that
does not compile, a ``multipleOf`` whose quotient overflows a double) is never an internal error:
the value is left unjudged and the schema's own problem is reported by its own code."""

from __future__ import annotations

import io
import json
from contextlib import chdir, redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from generator import cli

HEAD = '{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}, '


@pytest.mark.parametrize(("schema", "expected"), [
    ('{"type": "string", "pattern": "(", "default": "x"}', {"E403 /pattern"}),
    ('{"type": "string", "pattern": "[z-a]", "enum": ["b", 3], "examples": ["q"]}',
     {"E403 /pattern", "E303 /enum/1"}),  # 3 is no string: judged without the pattern
    ('{"type": "number", "multipleOf": 1e-320, "default": 1e300}', {"E303 /default"}),
    ('{"type": "number", "multipleOf": 1e-320, "examples": [1.7e308], "const": 1e-320}',
     {"W307 /examples/0"}),
])
def test_values_of_a_schema_jsonschema_cannot_run(
    tmp_path: Path, schema: str, expected: set[str]
) -> None:
    spec = tmp_path / "api.json"
    spec.write_text(HEAD + '"components": {"schemas": {"A": {"type": "object", "properties": '
                    '{"p": ' + schema + "}}}}}", encoding="utf-8")
    out = io.StringIO()
    with chdir(tmp_path), redirect_stdout(out), redirect_stderr(io.StringIO()):
        status = cli.main(["validate", str(spec), "--format", "json"])
    prefix = "/components/schemas/A/properties/p"
    found = {f"{r['code']} {r['pointer'].removeprefix(prefix)}" for r in json.loads(out.getvalue())}
    assert status == (2 if any(e.startswith("E") for e in expected) else 0)
    assert found == expected
