"""Example and default values are data: a ``"$ref"`` key inside an ``example``, an Example
Object's ``value``, a schema's ``examples``, a ``default``, ``const`` or ``enum`` value or an
``x-`` extension is never followed nor checked, wherever it points (nowhere, a remote URL,
``../../etc/passwd``, a cycle). A real ``$ref`` (to an Example Object, a response under the
``default`` status, a property named ``example``) is still followed and still E201 if dangling.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from specgen_testing import REPO
from test_sandbox import _run

SPEC = REPO / "tests" / "security" / "data_refs" / "spec.yaml"
SPEC_30 = SPEC.with_name("spec30.yaml")


def _events(report: dict[str, object]) -> list[list[str]]:
    events = report["events"]
    assert isinstance(events, list)
    return events


@pytest.mark.parametrize("spec", [SPEC, SPEC_30], ids=["3.1", "3.0"])
def test_refs_in_data_are_neither_followed_nor_refused(spec: Path, tmp_path: Path) -> None:
    report = _run(["validate", "--spec", str(spec)], cwd=tmp_path)
    assert report["code"] == 0
    events = _events(report)
    assert not [e for e in events if e[0] != "open"], "network activity"
    assert not [e for e in events if "passwd" in e[1]]


def test_every_target_generates_with_the_values_as_literals(tmp_path: Path) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text('[tool.specgen.go]\nmodule = "example.com/datarefs"\n', encoding="utf-8")
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "generator", "generate", "--spec", str(SPEC), "--config", str(config),
         "--output", str(out), "--no-cache", "--target", "python", "--target", "typescript",
         "--target", "go"], check=False, capture_output=True, text=True, cwd=REPO, timeout=300)
    assert done.returncode == 0, done.stderr
    assert " E" not in done.stderr, done.stderr
    pet = (out / "python" / "data_refs" / "models" / "pet.py").read_text(encoding="utf-8")
    assert "Server default: {'$ref': 'http://example.invalid/name'}." in pet
    python = (out / "python" / "data_refs" / "validators.py").read_text(encoding="utf-8")
    assert '_VALUE_0: Any = {"$ref": "#/a/cycle"}' in python
    typescript = (out / "typescript" / "data-refs" / "src" / "validators.ts").read_text("utf-8")
    assert 'const V7: unknown = {"$ref": "#/a/cycle"};' in typescript
    go = (out / "go" / "validators.go").read_text(encoding="utf-8")
    assert 'map[string]any{"$ref": "#/a/cycle"}' in go


def test_real_refs_beside_data_keywords_are_still_checked(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n"
        "      responses:\n        default: {$ref: '#/components/responses/Gone'}\n"
        "        '200':\n          description: ok\n          content:\n"
        "            application/json:\n              examples:\n"
        "                one: {$ref: '#/components/examples/Missing'}\n"
        "components:\n  schemas:\n    Pet:\n      properties:\n"
        "        example: {$ref: '#/components/schemas/Nowhere'}\n"
        "        default: {$ref: 'https://example.invalid/x'}\n",
        encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "generator", "validate", "--spec", str(spec)],
                          check=False, capture_output=True, text=True, cwd=REPO, timeout=120)
    assert done.returncode == 2
    found = [(line.split(" ")[1], line.split(" ")[2]) for line in done.stderr.splitlines()]
    assert found == [
        ("E201", "#/paths/~1a/get/responses/default/$ref:"),
        ("E201", "#/paths/~1a/get/responses/200/content/application~1json/examples/one/$ref:"),
        ("E201", "#/components/schemas/Pet/properties/example/$ref:"),
        ("E203", "#/components/schemas/Pet/properties/default/$ref:"),
    ], done.stderr


def test_data_in_a_referenced_file_is_data_too(tmp_path: Path) -> None:
    """Another file's top level is a map of names (a definition may be called ``default``);
    below it, examples and defaults are data as in the spec itself."""
    (tmp_path / "defs.yaml").write_text(
        "default:\n  type: object\n  example: {$ref: 'https://example.invalid/x'}\n"
        "  properties:\n    enum:\n      type: string\n      default: {$ref: '../../etc/passwd'}\n"
        "example:\n  $ref: '#/missing'\n",
        encoding="utf-8")
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"
        "    A: {$ref: 'defs.yaml#/default'}\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "generator", "validate", "--spec", str(spec)],
                          check=False, capture_output=True, text=True, cwd=REPO, timeout=120)
    assert done.returncode == 2
    found = [(line.split(" ")[1], line.split(" ")[2]) for line in done.stderr.splitlines()]
    assert found == [("E201", "#/example/$ref:")], done.stderr
