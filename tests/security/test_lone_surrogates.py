"""A lone surrogate (half a UTF-16 pair, which only a JSON ``\\u`` escape can write) cannot be
held by any UTF-8 file: wherever it is, key or value, prose or data, it is E108 at its pointer
and nothing is written; a whole pair is a character like any other."""

from __future__ import annotations

import io
import json
from contextlib import chdir, redirect_stderr, redirect_stdout
from pathlib import Path

from generator import cli

HEAD = '{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}, '


def _run(tmp_path: Path, components: str, command: str = "validate") -> tuple[int, list[str]]:
    spec = tmp_path / "api.json"
    spec.write_text(HEAD + '"components": {"schemas": ' + components + "}}", encoding="utf-8")
    out = io.StringIO()
    args = [command, str(spec), "--format", "json"] if command == "validate" else [
        command, str(spec), "-o", str(tmp_path / "out")]
    with chdir(tmp_path), redirect_stdout(out), redirect_stderr(io.StringIO()):
        status = cli.main(args)
    rows = json.loads(out.getvalue()) if command == "validate" else []
    return status, [f"{r['code']} {r['pointer']}" for r in rows if r["code"] == "E108"]


def test_every_lone_surrogate_is_placed(tmp_path: Path) -> None:
    status, found = _run(tmp_path, (
        '{"A\\udc00": {"type": "string"},'
        ' "B": {"enum": ["ok", "\\ud83d"], "examples": [{"k\\ud800": 1}]},'
        ' "C": {"type": "object", "description": "x \\udfff y"}}'))
    assert status == 2
    assert found == ["E108 /components/schemas/A\udc00", "E108 /components/schemas/B/enum/1",
                     "E108 /components/schemas/B/examples/0/k\ud800",
                     "E108 /components/schemas/C/description"]  # the pointers hold the halves


def test_generate_writes_nothing(tmp_path: Path) -> None:
    status, _ = _run(tmp_path, '{"A": {"enum": ["\\ud800"]}}', "generate")
    assert status == 2 and not (tmp_path / "out").exists()


def test_a_whole_pair_is_a_character(tmp_path: Path) -> None:
    status, found = _run(tmp_path, '{"A": {"enum": ["\\ud83d\\ude00"], "description": "\\u00e9"}}')
    assert (status, found) == (0, [])
