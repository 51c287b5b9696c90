"""The generated TypeScript compiles: ``tsc --strict`` with ``exactOptionalPropertyTypes`` and
``noUncheckedIndexedAccess`` accepts the package of ``spec/credits.yaml`` (with its own
``tsconfig.json``) and of every feature case (``tests/cases/*/spec.yaml``, one ``tsc`` run);
the package's README example compiles and runs against it, installed."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import toolchains
from specgen_testing import REPO
from typescript_support import STRICT, compile_packages, generate_package

CASES = sorted((REPO / "tests" / "cases").glob("*/spec.yaml"))


def test_the_credits_package_builds_with_its_own_tsconfig(tmp_path: Path) -> None:
    folder = generate_package(REPO / "spec" / "credits.yaml", tmp_path, "tams-credits")
    config = json.loads((folder / "tsconfig.json").read_text(encoding="utf-8"))["compilerOptions"]
    assert config["strict"] and config["exactOptionalPropertyTypes"]
    assert config["noUncheckedIndexedAccess"]
    done = subprocess.run([str(toolchains.tsc()), "-p", str(folder), "--outDir",
                           str(tmp_path / "dist")], capture_output=True, text=True, check=False,
                          timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    emitted = {p.name for p in (tmp_path / "dist").iterdir()}
    assert {"index.js", "index.d.ts", "models.d.ts", "validators.js", "json.js"} <= emitted
    package = json.loads((folder / "package.json").read_text(encoding="utf-8"))
    assert package["type"] == "module" and package["sideEffects"] is False
    assert "dependencies" not in package and package["engines"] == {"node": ">=18"}
    assert package["exports"]["."] == {"types": "./dist/index.d.ts", "import": "./dist/index.js"}


def test_every_feature_case_compiles_strict(tmp_path: Path) -> None:
    assert len(CASES) >= 14
    folders = [generate_package(spec, tmp_path / spec.parent.name, f"case-{spec.parent.name}"
                                .replace("_", "-")) for spec in CASES]
    done = compile_packages(folders, tmp_path / "build", emit=False)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.usefixtures("generated_package")  # the Python package, importable
def test_the_readme_example_compiles_and_runs_against_the_installed_package(
        tmp_path: Path) -> None:
    """The package's README example, as a user runs it: the package built (``tsc -p``) and
    installed in ``node_modules``, the example compiled by ``tsc --strict`` (resolving the
    package through its ``exports``) and run by node; it prints the problems the Python
    validators report for the same payload."""
    folder = generate_package(REPO / "spec" / "credits.yaml", tmp_path / "gen", "tams-credits")
    installed = tmp_path / "app" / "node_modules" / "tams-credits"
    shutil.copytree(folder, installed)
    tsc = str(toolchains.tsc())
    built = subprocess.run([tsc, "-p", str(installed)], capture_output=True, text=True,
                           check=False, timeout=600)
    assert built.returncode == 0, built.stdout + built.stderr
    readme = (folder / "README.md").read_text(encoding="utf-8")
    # ``console`` is the DOM's (a Node app has it from @types/node)
    example = re.search(r"```ts\n(import \{ parseJson.+?)```", readme, flags=re.DOTALL)
    assert example is not None
    app = tmp_path / "app"
    (app / "example.ts").write_text(example[1], encoding="utf-8")
    (app / "package.json").write_text('{"type": "module", "private": true}\n', encoding="utf-8")
    (app / "tsconfig.json").write_text(json.dumps({
        "compilerOptions": {**STRICT, "lib": ["ES2022", "DOM"], "types": []}, "files": ["example.ts"]}), encoding="utf-8")
    compiled = subprocess.run([tsc, "-p", str(app)], capture_output=True, text=True,
                              check=False, timeout=600)
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
    node = shutil.which("node")
    assert node is not None, "the TypeScript tests need Node.js 18 or later on PATH"
    ran = subprocess.run([node, str(app / "example.js")], capture_output=True, text=True,
                         check=False, timeout=60)
    assert ran.returncode == 0, ran.stderr
    from tams_credits.validators import validate_credits_request

    expected = [f"{e.instance_path} {e.code} {e.message}" for e in validate_credits_request({})]
    assert expected and ran.stdout.splitlines() == expected


def test_the_real_world_matrix_compiles_strict(tmp_path: Path) -> None:
    """Every small and medium document of the real-world matrix (petstore, petstore-expanded,
    uspto, the OpenAPI examples, openapi-spec-validator's data: ``tests/realworld``) generates
    TypeScript that one strict ``tsc`` run accepts (Stripe, OpenAI and GitHub: see the README)."""
    sys.path.insert(0, str(REPO / "tests" / "realworld"))
    try:
        from realworld_support import documents
    finally:
        sys.path.remove(str(REPO / "tests" / "realworld"))
    docs = documents()
    assert len(docs) >= 15
    folders = [generate_package(d.path, tmp_path / "gen" / d.name,
                                re.sub(r"[^a-z0-9-]", "-", d.name.lower()), d.spec_root)
               for d in docs]
    done = compile_packages(folders, tmp_path / "build", emit=False)
    assert done.returncode == 0, done.stdout[-20000:] + done.stderr


def test_the_models_keep_their_contract(tmp_path: Path) -> None:
    """``model_contract.ts``: readOnly/writeOnly kept out, tagged unions narrow exhaustively,
    enums closed as types and open in responses, absent apart from null, int64 exact; each
    ``@ts-expect-error`` is an error tsc must find."""
    cases = ["readonly_writeonly", "oneof_discriminator", "enums", "nullable_31", "int64"]
    for case in cases:
        folder = generate_package(REPO / "tests" / "cases" / case / "spec.yaml", tmp_path / "g",
                                  case.replace("_", "-"))
        shutil.copytree(folder, tmp_path / case)
    shutil.copy(Path(__file__).with_name("model_contract.ts"), tmp_path / "model_contract.ts")
    (tmp_path / "package.json").write_text('{"type": "module"}\n', encoding="utf-8")
    (tmp_path / "tsconfig.json").write_text(json.dumps({
        "compilerOptions": {**STRICT, "noEmit": True}, "files": ["model_contract.ts"]}),
        encoding="utf-8")
    done = subprocess.run([str(toolchains.tsc()), "-p", str(tmp_path)], capture_output=True,
                          text=True, check=False, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
