"""Generating, compiling and naming the TypeScript packages the tests run: every package of a
test session is compiled by one ``tsc`` run (its startup is most of the time)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import toolchains
from specgen_testing import REPO

from generator import produce
from generator.build import build
from generator.load.loader import load
from generator.settings import Settings
from generator.targets.typescript.names import type_names

__all__ = ["STRICT", "compile_packages", "generate_package", "schema_names"]

STRICT = {
    "target": "ES2022", "lib": ["ES2022"], "module": "NodeNext", "moduleResolution": "NodeNext",
    "strict": True, "exactOptionalPropertyTypes": True, "noUncheckedIndexedAccess": True,
    "skipLibCheck": True,
}


def generate_package(spec: Path, into: Path, package: str, spec_root: Path | None = None) -> Path:
    """Generate the TypeScript package of ``spec`` under ``into``; returns its folder."""
    settings = Settings(spec=spec, output=Path("unused"), package=package, targets=("typescript",),
                        spec_root=spec_root or spec.parent, cache=None)
    for rel, text in produce(settings).files.items():
        path = into / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return into / "typescript" / package


def compile_packages(folders: list[Path], work: Path, *, emit: bool) -> subprocess.CompletedProcess[str]:
    """One ``tsc`` run over the ``src/`` of every package (strict, with
    ``exactOptionalPropertyTypes`` and ``noUncheckedIndexedAccess``); with ``emit``, the
    JavaScript goes to ``work/dist/<package>/src/`` as ES modules."""
    work.mkdir(parents=True, exist_ok=True)
    options: dict[str, object] = {**STRICT, "noEmit": not emit}
    if emit:  # every package lies under work's parent
        options.update(rootDir=str(work.parent), outDir=str(work / "dist"))
        (work / "dist").mkdir(exist_ok=True)
        (work / "dist" / "package.json").write_text('{"type": "module"}\n', encoding="utf-8")
    config = {"compilerOptions": options,
              "include": [str(f / "src" / "*.ts") for f in folders]}
    project = work / "tsconfig.json"
    project.write_text(json.dumps(config, indent=2), encoding="utf-8")
    return subprocess.run([str(toolchains.tsc()), "-p", str(project)], capture_output=True,
                          text=True, check=False, timeout=600, cwd=REPO)


def schema_names(spec: Path) -> dict[str, str]:
    """Component schema name -> its TypeScript type name (``validate<Name>``)."""
    document = load(spec, spec_root=spec.parent)
    api, _ = build(document)
    names = type_names(api)
    prefix = f"{spec.name}#/components/schemas/"
    return {key[len(prefix):]: name for key, name in names.items()
            if key.startswith(prefix) and "/" not in key[len(prefix):]}
