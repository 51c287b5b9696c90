"""Renames in every target, from the shared naming (``generator/analysis/naming.py``): an
``operationId`` the spec gives keeps its name before the names specgen derives from method and
path (which yield, whatever their place in the spec), and each target lists every name it
renamed (W503, :func:`~generator.analysis.naming.rename_warnings`): Python's classes, modules
and methods, TypeScript's types, request types and functions, Go's types and methods."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import produce
from generator.code import Code
from generator.diagnostics import Diagnostic
from generator.settings import Settings

SPEC = """openapi: 3.1.0
info: {title: Renames, version: "1"}
paths:
  /a-b:
    get: {responses: {"204": {description: none}}}
  /a_b:
    get: {responses: {"204": {description: none}}}
  /x:
    get: {operationId: get_a_b, responses: {"204": {description: none}}}
  /core:
    get: {operationId: createCoreClient, responses: {"204": {description: none}}}
components:
  schemas:
    FooBar: {type: object}
    foo_bar: {type: object}
    Pet: {type: object, properties: {id: {type: integer, readOnly: true}}}
    PetRequest: {type: object}
"""

TAKEN = {
    "Python": "a keyword, builtin, file or module the package needs, or another name of the "
              "spec in Python's casing",
    "TypeScript": "a keyword, a name the package exports, or another name of the spec in "
                  "TypeScript's casing",
    "Go": "a keyword, a name the package needs, or another name of the spec in Go's casing",
}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Code | bytes],
                                                                  list[Diagnostic]]:
    spec = tmp_path_factory.mktemp("renames") / "renames.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    done = produce(Settings(spec=spec, output=Path("unused"),
                            targets=("python", "typescript", "go"),
                            options={"go": {"module": "example.com/renames"}}))
    return dict(done.files), list(done.warnings)


def _block(text: str, start: str) -> str:
    """From ``start`` to the next blank line."""
    at = text.index(start)
    return text[at:text.index("\n\n", at)]


def test_an_operation_id_the_spec_gives_keeps_its_name_in_every_target(
    generated: tuple[dict[str, Code | bytes], list[Diagnostic]]
) -> None:
    files = generated[0]
    python = str(files["python/renames/client.py"])
    assert 'path="/x"' in _block(python, "def _get_a_b() ")
    assert 'path="/a-b"' in _block(python, "def _get_a_b_2() ")
    assert 'path="/a_b"' in _block(python, "def _get_a_b_3() ")
    typescript = str(files["typescript/renames/src/operations.ts"])
    for function, path in (("getAB", "/x"), ("getAB2", "/a-b"), ("getAB3", "/a_b")):
        at = typescript.index(f"export function {function}(")
        assert f"`GET {path}`" in typescript[typescript.rindex("/**", 0, at):at], function
    go = str(files["go/client.go"])
    for method, path in (("GetAB", "/x"), ("GetAB2", "/a-b"), ("GetAB3", "/a_b")):
        assert f"// {method} calls get_a_b (GET {path}).\n" in go, method


def test_every_target_lists_the_names_it_renamed(
    generated: tuple[dict[str, Code | bytes], list[Diagnostic]]
) -> None:
    found = {(w.location.pointer, w.message) for w in generated[1] if w.code == "W503"}
    expected = {
        ("/paths/~1a-b/get", "Python", ("the Python client method of 'get_a_b' is get_a_b_2: "
                                       "get_a_b is taken")),
        ("/paths/~1a_b/get", "Python", ("the Python client method of 'get_a_b' is get_a_b_3: "
                                       "get_a_b is taken")),
        ("/components/schemas/foo_bar", "Python",
         "the Python class of this schema is FooBar_2: FooBar is taken"),
        ("/components/schemas/foo_bar", "Python", ("the Python module of this schema is "
                                                  "models/foo_bar_2.py: models/foo_bar.py is taken")),
        ("/paths/~1a-b/get", "TypeScript",
         "the TypeScript function of 'get_a_b' is getAB2: getAB is taken"),
        ("/paths/~1a_b/get", "TypeScript",
         "the TypeScript function of 'get_a_b' is getAB3: getAB is taken"),
        ("/paths/~1core/get", "TypeScript", ("the TypeScript function of 'createCoreClient' is "
                                            "createCoreClient2: createCoreClient is taken")),
        ("/components/schemas/foo_bar", "TypeScript",
         "the TypeScript type of this schema is FooBar2: FooBar is taken"),
        ("/components/schemas/Pet", "TypeScript",
         "the TypeScript request type of this schema is PetRequest2: PetRequest is taken"),
        ("/paths/~1a-b/get", "Go", ("the Go method of Client for 'get_a_b' is GetAB2: GetAB is "
                                   "taken")),
        ("/paths/~1a_b/get", "Go", ("the Go method of Client for 'get_a_b' is GetAB3: GetAB is "
                                   "taken")),
        ("/components/schemas/foo_bar", "Go",
         "the Go type of this schema is FooBar2: FooBar is taken"),
    }
    assert found == {(pointer, f"{text} ({TAKEN[language]})")
                     for pointer, language, text in expected}
