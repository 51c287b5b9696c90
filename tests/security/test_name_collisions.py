"""Spec names that collide with what a generated package needs are renamed, never exit 3.

One spec names its schemas, properties, operations and tags after the package's own files
(``setup``, ``conftest``, ``__init__``, ``models``, ``validators``, ``_runtime``), a Go file's
package (``json``, whose name then lies in Go comments), a struct's methods (``MarshalJSON``),
keywords and builtins of the three languages, and after each other in other casings
(``FooBar``, ``foo_bar``, ``Foo-Bar``, ``ǅ``/``ǆ``, ``ß``/``ss``). Every target generates; the
Python package passes ``mypy --strict`` (a method named ``models`` would shadow the module in
the class's annotations), the TypeScript one ``tsc --strict``, the Go one ``go vet``; the same
spec yields the same bytes twice.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import toolchains
from specgen_testing import PYTHON, REPO

sys.path.insert(0, str(REPO / "tests" / "typescript"))
from typescript_support import compile_packages

SCHEMAS = ["setup", "conftest", "sitecustomize", "__init__", "models", "validators", "client",
           "_runtime", "json", "errors", "FooBar", "foo_bar", "Foo-Bar", "class", "None", "int",
           "Any", "String", "constructor", "Client", "ValidationError", "Int64", "ǅ", "ǆ", "ß",
           "ss", "_"]
PROPERTIES = ["self", "cls", "additional_properties", "AdditionalProperties", "to_dict",
              "from_dict", "validate", "class", "__class__", "", "fooBar", "foo_bar", "None",
              "constructor", "__proto__", "toJSON", "MarshalJSON", "UnmarshalJSON", "RequestJSON",
              "models", "Any"]
OPERATIONS = ["models", "validators", "close", "with_raw_response", "__init__", "getX", "get_x",
              "GetX", "httpx", "functools", "Any", "BaseURL"]
TAGS = ["models", "validators", "_runtime", "Models", "client", "with_raw_response"]


def _spec(path: Path) -> Path:
    props = {p: {"type": "string"} for p in PROPERTIES}
    schemas = {n: {"type": "object", "required": ["self"], "properties": props} for n in SCHEMAS}
    paths = {}
    for i, op in enumerate(OPERATIONS):
        schema = {"$ref": f"#/components/schemas/{SCHEMAS[i % len(SCHEMAS)]}"}
        paths[f"/p{i}"] = {"post": {
            "operationId": op, "tags": [TAGS[i % len(TAGS)]],
            "requestBody": {"required": True, "content": {"application/json": {"schema": schema}}},
            "responses": {"200": {"description": "ok", "content": {"application/json": {
                "schema": {"$ref": f"#/components/schemas/{SCHEMAS[-1 - i]}"}}}}}}}
    path.write_text(json.dumps({
        "openapi": "3.1.0", "info": {"title": "Names", "version": "1"}, "paths": paths,
        "components": {"schemas": schemas}}), encoding="utf-8")
    return path


def _generate(spec: Path, out: Path) -> None:
    config = out.parent / "pyproject.toml"
    config.write_text('[tool.specgen.go]\nmodule = "example.com/names"\n', encoding="utf-8")
    done = subprocess.run(
        [PYTHON, "-m", "generator", "generate", str(spec), "--config", str(config), "-o",
         str(out), "--no-cache", "--formatter", "ruff", "--report", str(out.parent / "report.json"),
         "--target", "python", "--target", "typescript", "--target", "go"],
        check=False, capture_output=True, text=True, cwd=REPO, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "internal error" not in done.stderr


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("names")
    _generate(_spec(root / "names.json"), root / "out")
    return root / "out"


def test_package_files_are_never_named_after_schemas(generated: Path) -> None:
    modules = {p.name for p in (generated / "python" / "names" / "models").iterdir()}
    assert not modules & {"setup.py", "conftest.py", "sitecustomize.py", "models.py"}
    assert {"setup_.py", "conftest_.py", "sitecustomize_.py", "models_.py"} <= modules


def test_every_python_rename_is_in_the_report(generated: Path) -> None:
    rows = json.loads((generated.parent / "report.json").read_text(encoding="utf-8"))
    renamed = {(r["pointer"], r["message"].split(" (")[0]) for r in rows if r["code"] == "W503"}
    assert ("/components/schemas/setup",
            "the Python module of this schema is models/setup_.py: models/setup.py is taken") in renamed
    assert ("/components/schemas/foo_bar",
            "the Python class of this schema is FooBar_2: FooBar is taken") in renamed
    assert ("/paths/~1p0/post",
            "the Python client method of 'models' is models_: models is taken") in renamed
    assert ("/paths/~1p6/post",
            "the Python client method of 'get_x' is get_x_2: get_x is taken") in renamed


def test_python_package_type_checks(generated: Path) -> None:
    done = subprocess.run([PYTHON, "-m", "mypy", "--strict", "--no-incremental", "names"],
                          cwd=generated / "python", capture_output=True, text=True, check=False,
                          timeout=600)
    assert done.returncode == 0, done.stdout[-4000:]


def test_typescript_package_compiles(generated: Path, tmp_path: Path) -> None:
    done = compile_packages([generated / "typescript" / "names"], tmp_path, emit=False)
    assert done.returncode == 0, done.stdout[-4000:]


def test_go_module_vets(generated: Path) -> None:
    go = toolchains.go()
    done = subprocess.run([go.go, "vet", "./..."], cwd=generated / "go", env=go.env,
                          capture_output=True, text=True, check=False, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr


def test_renames_are_the_same_every_run(generated: Path, tmp_path: Path) -> None:
    _generate(_spec(tmp_path / "names.json"), tmp_path / "out")
    for folder in ("python/names/models", "go"):
        first = sorted(p.name for p in (generated / folder).iterdir())
        assert first == sorted(p.name for p in (tmp_path / "out" / folder).iterdir())
    for name in ("python/names/client.py", "go/models.go", "typescript/names/src/models.ts"):
        assert (generated / name).read_bytes() == (tmp_path / "out" / name).read_bytes()
