"""The generated TypeScript compiles: ``tsc --strict`` with ``exactOptionalPropertyTypes`` and
``noUncheckedIndexedAccess`` accepts the package of ``spec/credits.yaml`` (with its own
``tsconfig.json``) and of every feature case (``tests/cases/*/spec.yaml``, one ``tsc`` run)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import toolchains
from specgen_testing import REPO
from typescript_support import compile_packages, generate_package

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
