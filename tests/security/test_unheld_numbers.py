"""A number no double holds (E109): ``1e999`` (infinite as a double), ``1e-400`` (zero as a
double), ``NaN``/``Infinity`` (accepted by Python's ``json``, not JSON) and YAML's ``.inf``/``.nan``
are each an error at their pointer and position, in JSON and YAML alike, in every place of the
document (keywords, data, extensions), all of them in one run, and nothing is generated; numbers a
double does hold (subnormals, ``0e5``, huge integers) are read as they are."""

from __future__ import annotations

import io
import json
from contextlib import chdir, redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from generator import cli

HEAD = '{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}, '


def _rows(tmp_path: Path, spec: Path) -> tuple[int, list[tuple[str, str, int]]]:
    out = io.StringIO()
    with chdir(tmp_path), redirect_stdout(out), redirect_stderr(io.StringIO()):
        status = cli.main(["validate", str(spec), "--format", "json"])
    rows = json.loads(out.getvalue())
    return status, [(r["code"], r["pointer"], r["line"]) for r in rows if r["code"] == "E109"]


def _json(tmp_path: Path, schemas: str) -> Path:
    spec = tmp_path / "api.json"
    spec.write_text(HEAD + '"components": {"schemas": ' + schemas + "}}", encoding="utf-8")
    return spec


def test_json_numbers_no_double_holds(tmp_path: Path) -> None:
    spec = _json(tmp_path, (
        '{"A": {"type": "number", "maximum": 1e999, "minimum": -1E+400,\n'
        ' "multipleOf": 1e-400, "default": NaN},\n'
        ' "B": {"enum": [Infinity, -Infinity, 2.5e-999], "examples": [{"x": [1.5e309]}]}}'))
    status, found = _rows(tmp_path, spec)
    assert status == 2
    assert [(code, pointer) for code, pointer, _ in found] == [
        ("E109", "/components/schemas/A/maximum"), ("E109", "/components/schemas/A/minimum"),
        ("E109", "/components/schemas/A/multipleOf"), ("E109", "/components/schemas/A/default"),
        ("E109", "/components/schemas/B/enum/0"), ("E109", "/components/schemas/B/enum/1"),
        ("E109", "/components/schemas/B/enum/2"), ("E109", "/components/schemas/B/examples/0/x/0"),
    ]
    assert [line for *_, line in found] == [1, 1, 2, 2, 3, 3, 3, 3]


def test_yaml_numbers_no_double_holds(tmp_path: Path) -> None:
    spec = tmp_path / "api.yaml"
    spec.write_text(
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"
        "    A:\n      type: number\n      maximum: .inf\n      minimum: -.Inf\n"
        "      default: .NaN\n      multipleOf: 1.0e-999\n      x-big: [1e999]\n",
        encoding="utf-8")
    status, found = _rows(tmp_path, spec)
    assert status == 2
    assert found == [
        ("E109", "/components/schemas/A/maximum", 8), ("E109", "/components/schemas/A/minimum", 9),
        ("E109", "/components/schemas/A/default", 10),
        ("E109", "/components/schemas/A/multipleOf", 11),
        ("E109", "/components/schemas/A/x-big/0", 12),
    ]


@pytest.mark.parametrize("literal", ["0e5", "-0.0", "0.000e-999", "5e-324", "1.7976931348623157e308",
                                     "123456789012345678901234567890"])
def test_numbers_a_double_holds_are_read(tmp_path: Path, literal: str) -> None:
    spec = _json(tmp_path, '{"A": {"type": "number", "default": ' + literal + "}}")
    assert _rows(tmp_path, spec) == (0, [])


def test_generate_writes_nothing(tmp_path: Path) -> None:
    spec = _json(tmp_path, '{"A": {"type": "number", "multipleOf": 1e-400, "default": 3}}')
    err = io.StringIO()
    with chdir(tmp_path), redirect_stdout(io.StringIO()), redirect_stderr(err):
        status = cli.main(["generate", str(spec), "-o", str(tmp_path / "out")])
    assert status == 2 and "E109" in err.getvalue() and not (tmp_path / "out").exists()
