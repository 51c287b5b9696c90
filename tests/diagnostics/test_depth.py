"""Depth: the input's own depth is E106 at the first node too deep (pointer and line:col), even
when the text is too deep to parse; anything within the bound is read by every stage, the
structural lint included; a ``RecursionError`` inside specgen is a bug (exit 3), never E106."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator import cli
from generator.load.depth import Deep, too_deep_json, too_deep_yaml

_HEAD = 'openapi: 3.1.0\ninfo: {title: T, version: "1"}\npaths: {}\ncomponents:\n  schemas:\n'


def test_the_first_node_too_deep_is_found_in_json_text() -> None:
    text = '{"a": [1, {"b": {"c": []}}], "d": {"e": {"f": {"g": {}}}}}'
    assert too_deep_json(text, 3) == Deep("/a/1/b/c", 1, text.index("[]") + 1)
    assert too_deep_json(text, 4) is None


def test_the_first_node_too_deep_is_found_in_yaml_text() -> None:
    text = "a: [1, {b: {c: []}}]\nd:\n  e:\n    f: {g: [x, {h: 1}]}\n"
    assert too_deep_yaml(text, 3) == Deep("/a/1/b/c", 1, 16)
    assert too_deep_yaml(text, 4) == Deep("/d/e/f/g/1", 4, 16)
    assert too_deep_yaml(text, 5) is None


def test_a_document_deeper_than_python_recursion_is_e106_at_its_pointer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "deep.json"
    nested = "[" * 5000 + "]" * 5000
    spec.write_text('{"openapi": "3.1.0", "x-deep": ' + nested + "}", encoding="utf-8")
    assert cli.main(["validate", "--format", "json", str(spec)]) == 2
    [row] = json.loads(capsys.readouterr().out)
    assert row["code"] == "E106"
    assert row["pointer"] == "/x-deep" + "/0" * 256
    assert (row["line"], row["column"]) == (1, len('{"openapi": "3.1.0", "x-deep": ') + 257)


def test_a_schema_as_deep_as_the_bound_allows_is_linted_and_valid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "api.yaml"
    levels = 125  # 5 + 2 * 125 = 255 levels, under the bound of 256
    schema = "{type: object, properties: {a: " * levels + "{type: string}" + "}}" * levels
    spec.write_text(_HEAD + f"    A: {schema}\n", encoding="utf-8")
    assert cli.main(["validate", str(spec)]) == 0
    assert capsys.readouterr().err == ""


def test_a_recursion_error_inside_specgen_is_a_bug_not_e106(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "api.yaml"
    spec.write_text(_HEAD + "    A: {type: string}\n", encoding="utf-8")

    def recurse(*_: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(cli, "examine_spec", recurse)
    assert cli.main(["validate", str(spec)]) == 3
    err = capsys.readouterr().err
    assert "internal error" in err and "E106" not in err
