"""The real-world matrix: which documents, their generated packages, and sample JSON values.

A sample value for a schema is the first of: its ``example``, its first ``examples`` entry,
``const``, the first ``enum`` value, ``default``; else the smallest value of its type that
holds its required fields (``allOf`` merged, the first ``oneOf``/``anyOf`` branch).
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import yaml
from hypothesis import find, settings
from hypothesis import strategies as st
from openapi_spec_validator import validate
from openapi_spec_validator.readers import read_from_filename
from openapi_spec_validator.validation.exceptions import (
    OpenAPIValidationError,
    ValidatorDetectError,
)
from referencing.exceptions import Unresolvable
from specgen_testing import SHARED

from generator.build import build
from generator.diagnostics import SpecError
from generator.ir import Api
from generator.load.loader import load
from generator.pipeline import produce
from generator.settings import Settings
from generator.targets.python.client import PACKAGE_EXPORTS
from generator.targets.python.model_package import class_names

__all__ = ["EXPECTED_ERRORS", "Built", "Document", "Resolver", "documents", "generate_one"]

_REAL = SHARED / "specs" / "real"
_EXAMPLES = SHARED / "corpus" / "oai-examples" / "examples"
_VALIDATOR = SHARED / "corpus" / "openapi-spec-validator" / "tests" / "integration" / "data"

# Valid documents that specgen refuses on purpose, with the codes it must report.
EXPECTED_ERRORS: dict[str, set[str]] = {}

# Documents whose $refs climb above their own folder, and the spec_root that holds them; without
# it they are refused with E202 (tests/realworld/test_report.py keeps that refusal tested).
SPEC_ROOTS = {
    "osv-v3-0-petstore-separate-spec-openapi": Path("petstore-separate"),  # spec/ and common/
}


@dataclass(frozen=True)
class Document:
    name: str
    path: Path
    spec_root: Path | None = None


@dataclass
class Built:
    doc: Document
    package: str
    root: Path
    api: Api
    classes: dict[str, str]  # definition key -> class name
    files: int
    lines: int


def _slug(path: Path, base: Path, prefix: str) -> str:
    rel = path.relative_to(base).with_suffix("").as_posix()
    return prefix + "-" + re.sub(r"[^a-z0-9]+", "-", rel.lower()).strip("-")


def _is_valid(path: Path) -> bool:
    """openapi-spec-validator's verdict (fragments of a multi-file spec are not documents)."""
    try:
        spec, base = read_from_filename(str(path))
        validate(spec, base_uri=base)
    except (OpenAPIValidationError, ValidatorDetectError, Unresolvable):
        return False
    return True


def documents() -> list[Document]:
    """Every document of the matrix, in a fixed order."""
    out = [Document("real-" + p.stem, p) for p in (
        _REAL / "oai-petstore.yaml", _REAL / "oai-petstore.json",
        _REAL / "oai-petstore-expanded.yaml", _REAL / "oai-uspto.yaml")]
    out[1] = Document("real-oai-petstore-json", out[1].path)
    for version in ("v3.0", "v3.1"):
        out += [Document(_slug(p, _EXAMPLES, "oai"), p)
                for p in sorted((_EXAMPLES / version).glob("*.yaml"))]
    for version in ("v3.0", "v3.1"):
        out += [Document(_slug(p, _VALIDATOR, "osv"), p)
                for p in sorted((_VALIDATOR / version).rglob("*.yaml")) if _is_valid(p)]
    return [Document(d.name, d.path, _VALIDATOR / "v3.0" / SPEC_ROOTS[d.name])
            if d.name in SPEC_ROOTS else d for d in out]


def generate_one(doc: Document, into: Path) -> Built | SpecError:
    """Generate ``doc`` as package ``rw_<slug>`` under ``into/<slug>``; a SpecError is returned."""
    package = "rw_" + doc.name.replace("-", "_")
    try:
        generated = produce(Settings(spec=doc.path, package=package, spec_root=doc.spec_root))
    except SpecError as exc:
        return exc
    root = into / doc.name
    for rel, text in generated.files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    api, _ = build(load(doc.path, spec_root=doc.spec_root))
    reserved = frozenset(n for names in PACKAGE_EXPORTS.values() for n in names)
    py = [t for r, t in generated.files.items() if r.endswith(".py")]
    return Built(doc=doc, package=package, root=root / "python", api=api,
                 classes=class_names(api, reserved), files=len(generated.files),
                 lines=sum(t.count("\n") for t in py))


class Resolver:
    """Raw JSON of a document and the files it refers to, with ``$ref`` resolution."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._files: dict[Path, Any] = {}

    def file(self, path: Path) -> Any:
        path = path.resolve()
        if path not in self._files:
            text = path.read_text(encoding="utf-8")
            self._files[path] = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
        return self._files[path]

    def at(self, pointer: str, path: Path | None = None) -> tuple[Any, Path]:
        """The node at ``pointer`` (``/a/b``) of ``path`` (default: the document)."""
        path = path or self.path
        node = self.file(path)
        for token in [t for t in pointer.split("/") if t]:
            token = token.replace("~1", "/").replace("~0", "~")
            if isinstance(node, list) or (token not in node and token.isdigit()):
                node = node[int(token)]  # YAML reads an unquoted ``200:`` as an int
            else:
                node = node[token]
        return node, path

    def deref(self, node: Any, path: Path) -> tuple[Any, Path]:
        """Follow ``$ref`` until a node without one."""
        for _ in range(50):
            if not (isinstance(node, dict) and isinstance(node.get("$ref"), str)):
                return node, path
            target, _, pointer = node["$ref"].partition("#")
            node, path = self.at(pointer, (path.parent / target) if target else path)
        raise AssertionError("$ref chain too long")

    def final(self, pointer: str, path: Path) -> tuple[str, Path]:
        """``pointer`` of ``path`` after following ``$ref``s: where the content is (``deref``
        for a place rather than a node)."""
        path = path.resolve()
        for _ in range(50):
            node, _ = self.at(pointer, path)
            ref = node.get("$ref") if isinstance(node, dict) else None
            if not isinstance(ref, str):
                return pointer, path
            target, _, fragment = ref.partition("#")
            path, pointer = (path.parent / target).resolve() if target else path, unquote(fragment)
        raise AssertionError("$ref chain too long")

    def sample(self, schema: Any, path: Path, examples: bool = True,
               seen: frozenset[tuple[Path, str]] = frozenset()) -> Any:
        """A JSON value for ``schema`` (see the module docstring); ``examples=False`` ignores
        the spec's examples (real specs have examples that break their own schema). A schema
        met again inside itself (``seen``: the ``$ref``s being sampled) gets its smallest value:
        ``null`` where allowed, else an empty array or object."""
        ref = schema.get("$ref") if isinstance(schema, dict) else None
        if isinstance(ref, str):
            if (path, ref) in seen:
                return self._smallest(*self.deref(schema, path))
            seen = seen | {(path, ref)}
        schema, path = self.deref(schema, path)
        if not isinstance(schema, dict):
            return {}
        for key in ("example", "const", "default") if examples else ("const", "default"):
            if key in schema:
                return schema[key]
        if examples and isinstance(schema.get("examples"), list) and schema["examples"]:
            return schema["examples"][0]
        if schema.get("enum"):
            return schema["enum"][0]
        if "allOf" in schema:
            # a member may require a name that another member describes (OpenAI's Response)
            described = self._described(schema, path)
            merged: dict[str, Any] = {}
            for part in [*schema["allOf"], {k: v for k, v in schema.items() if k != "allOf"}]:
                member, where = self.deref(part, path)
                plain = isinstance(member, dict) and not {
                    "allOf", "oneOf", "anyOf", "example", "examples", "enum", "const"} & set(member)
                value = (self._object(member, where, examples, seen, described) if plain
                         else self.sample(part, path, examples, seen))
                merged.update(value if isinstance(value, dict) else {})
            return merged
        for key in ("oneOf", "anyOf"):
            if schema.get(key):
                branch, _ = self.deref(schema[key][0], path)
                if isinstance(branch, dict) and set(branch) <= {"required", "description"}:
                    # ``anyOf: [{required: [a]}, ...]`` requires a property of the parent
                    rest = {k: v for k, v in schema.items() if k not in ("oneOf", "anyOf")}
                    required = [*schema.get("required", ()), *branch.get("required", ())]
                    return self.sample(rest | {"required": required}, path, examples, seen)
                return self.sample(schema[key][0], path, examples, seen)
        kind = schema.get("type")
        if isinstance(kind, list):
            kind = next((k for k in kind if k != "null"), "null")
        return self._typed(kind, schema, path, examples, seen)

    @staticmethod
    def _smallest(schema: Any, path: Path) -> Any:
        kind = schema.get("type") if isinstance(schema, dict) else None
        kinds = kind if isinstance(kind, list) else [kind]
        if "null" in kinds or (isinstance(schema, dict) and schema.get("nullable") is True):
            return None
        return [] if "array" in kinds else {}

    def _typed(self, kind: Any, schema: dict[str, Any], path: Path, examples: bool,
               seen: frozenset[tuple[Path, str]]) -> Any:
        match kind:
            case "string":
                if isinstance(schema.get("pattern"), str) and "format" not in schema:
                    return _matching(schema["pattern"], int(schema.get("minLength", 0)))
                return {"date-time": "2024-01-02T03:04:05Z", "date": "2024-01-02",
                        "uuid": "123e4567-e89b-12d3-a456-426614174000",
                        "uri": "https://example.com/a", "email": "a@example.com",
                        "byte": "dGV4dA==", "int64": "1"}.get(schema.get("format", ""), "text")
            case "integer":
                return max(1, int(schema.get("minimum", 1)))
            case "number":
                return max(1.5, float(schema.get("minimum", 1.5)))
            case "boolean":
                return True
            case "array":
                item = self.sample(schema.get("items", {}), path, examples, seen)
                return [item] * max(1, int(schema.get("minItems", 1)))
            case "null":
                return None
        return self._object(schema, path, examples, seen)

    def _object(self, schema: dict[str, Any], path: Path, examples: bool,
                seen: frozenset[tuple[Path, str]],
                described: dict[str, tuple[Any, Path]] | None = None) -> dict[str, Any]:
        props = {n: (s, path) for n, s in (schema.get("properties") or {}).items()}
        props = (described or {}) | props
        return {name: self.sample(*props.get(name, ({}, path)), examples, seen)
                for name in schema.get("required", ())}

    def _described(self, schema: Any, path: Path, depth: int = 0) -> dict[str, tuple[Any, Path]]:
        """Every property described by ``schema`` and its ``allOf`` members, at any depth."""
        schema, path = self.deref(schema, path)
        if not isinstance(schema, dict) or depth > 20:
            return {}
        out: dict[str, tuple[Any, Path]] = {}
        for member in schema.get("allOf", ()):
            out |= self._described(member, path, depth + 1)
        return out | {n: (s, path) for n, s in (schema.get("properties") or {}).items()}


@functools.cache
def _matching(pattern: str, shortest: int) -> str:
    """The simplest string that ``pattern`` finds (hypothesis shrinks to it: deterministic), of
    at least ``shortest`` characters and on one line; ``text`` if none is found."""
    try:
        return str(find(st.from_regex(pattern), lambda s: len(s) >= shortest and "\n" not in s,
                        settings=settings(database=None, max_examples=200)))
    except Exception:  # noqa: BLE001 - an ECMA-only pattern, or none found: a plain sample
        return "text"
