"""Text as found in the wild: a BOM, CR/CRLF/mixed line ends, NUL and control characters in
strings give correct output (the value exact in the generated code); a raw NUL in YAML, bytes
that are not UTF-8, and UTF-16 are E102 at their ``line:col`` — never exit 3."""

from __future__ import annotations

import io
import json
import subprocess
from contextlib import chdir, redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from specgen_testing import PYTHON

from generator import cli

YAML = ('openapi: 3.1.0\ninfo:\n  title: T\n  version: "1"\npaths: {}\ncomponents:\n  schemas:\n'
        '    A:\n      type: string\n      description: "{text}"\n      enum: ["{text}", "b"]\n')
ESCAPED = "a\\0b\\x01c\\x7fd\\r\\ne\\rf\\u2028g\\ttab"
VALUE = "a\0b\x01c\x7fd\r\ne\rf\u2028g\ttab"


def _run(tmp_path: Path, name: str, data: bytes, command: str) -> tuple[int, list[dict[str, object]]]:
    spec = tmp_path / name
    spec.write_bytes(data)
    out = io.StringIO()
    args = ([command, str(spec), "--format", "json"] if command == "validate" else
            [command, str(spec), "-o", str(tmp_path / "out"), "--formatter", "ruff"])
    with chdir(tmp_path), redirect_stdout(out), redirect_stderr(io.StringIO()):
        status = cli.main(args)
    return status, json.loads(out.getvalue()) if command == "validate" else []


@pytest.mark.parametrize(("name", "data"), [
    ("bom.yaml", b"\xef\xbb\xbf" + YAML.replace("{text}", ESCAPED).encode()),
    ("crlf.yaml", YAML.replace("{text}", ESCAPED).replace("\n", "\r\n").encode()),
    ("cr.yaml", YAML.replace("{text}", ESCAPED).replace("\n", "\r").encode()),
    ("mixed.yaml", YAML.replace("{text}", ESCAPED).replace("\n", "\r\n", 4).encode()),
    ("bom.json", b"\xef\xbb\xbf" + json.dumps({
        "openapi": "3.1.0", "info": {"title": "T", "version": "1"}, "paths": {},
        "components": {"schemas": {"A": {"type": "string", "description": VALUE,
                                         "enum": [VALUE, "b"]}}}}).encode()),
])
def test_the_value_is_exact_in_the_output(tmp_path: Path, name: str, data: bytes) -> None:
    status, _ = _run(tmp_path, name, data, "generate")
    assert status == 0
    probe = ("import json; from t.models import A; from t.validators import is_valid_a; "
             f"v = json.loads({json.dumps(json.dumps(VALUE))}); "
             "assert A(v).value == v and is_valid_a(v) and not is_valid_a('x'), A")
    done = subprocess.run([PYTHON, "-c", probe], cwd=tmp_path / "out" / "python",
                          capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(("name", "data", "place"), [
    ("nul.yaml", YAML.replace("{text}", "x").encode().replace(b"title: T", b"title: T\0"), (3, 11)),
    ("latin1.yaml", YAML.replace("{text}", "caf\xe9").encode("latin-1"), (10, 24)),
    ("utf16.json", '{"openapi": "3.1.0"}'.encode("utf-16"), (1, 1)),
    ("control.json", b'{"openapi": "3.1.0", "info": {"title": "T\x01"}}', (1, 42)),
])
def test_unreadable_text_is_placed(tmp_path: Path, name: str, data: bytes,
                                   place: tuple[int, int]) -> None:
    status, rows = _run(tmp_path, name, data, "validate")
    assert status == 2
    assert [(r["code"], r["line"], r["column"]) for r in rows] == [("E102", *place)]
