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
from generator.ir import (
    ArrayOf,
    EnumDef,
    MapOf,
    ObjectDef,
    Primitive,
    Ref,
    TypeDef,
    TypeExpr,
    UnionOf,
)
from generator.load.loader import load
from generator.settings import Settings
from generator.targets.typescript.names import type_names

__all__ = ["STRICT", "compile_packages", "enum_at", "generate_package", "schema_names"]

STRICT = {
    "target": "ES2022", "lib": ["ES2022", "DOM"], "module": "NodeNext", "moduleResolution": "NodeNext",
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


def enum_at(spec: Path, schema: str, pointer: str) -> str:
    """The TypeScript name of the enum a value at ``pointer`` (wire names) of a ``schema``
    value has, read from the IR through objects, arrays, maps, aliases and nullable unions."""
    api, _ = build(load(spec, spec_root=spec.parent))
    defs = {d.key: d for d in api.definitions}
    t: TypeExpr = Ref(key=f"{spec.name}#/components/schemas/{schema}")
    for token in pointer.split("/")[1:]:
        t = _step(_strip(t, defs), token, defs)
    found = _strip(t, defs)
    assert isinstance(found, Ref) and isinstance(defs[found.key], EnumDef), (pointer, found)
    return type_names(api)[found.key]


def _strip(t: TypeExpr, defs: dict[str, object]) -> TypeExpr:
    while True:
        if isinstance(t, Ref) and isinstance(defs[t.key], TypeDef):
            d = defs[t.key]
            assert isinstance(d, TypeDef)
            t = d.type
        elif isinstance(t, UnionOf):
            real = [v for v in t.variants if v != Primitive(kind="null")]
            assert len(real) == 1, t
            t = real[0]
        else:
            return t


def _step(t: TypeExpr, token: str, defs: dict[str, object]) -> TypeExpr:
    if isinstance(t, ArrayOf):
        return t.items
    if isinstance(t, MapOf):
        return t.values
    assert isinstance(t, Ref), t
    d = defs[t.key]
    assert isinstance(d, ObjectDef), d
    found = [p.type for p in d.properties if p.name == token]
    assert found or d.additional is not None, token
    return found[0] if found else d.additional  # type: ignore[return-value]
