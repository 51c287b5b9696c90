"""The fuzz harness's parts: seed documents, structural mutations, and one run through the CLI.

A run copies the seed's folder (its external ``$ref`` targets stay reachable) into a fresh
working folder, writes the mutated document there as JSON, changes into that folder and runs
``generator.cli.main(["generate", ...])`` in-process. What it promises to check:

- the exit code is 0 or 2, never 3, and nothing printed is a traceback;
- no file of the working folder outside ``out/`` is created, removed or rewritten (names, sizes,
  mtimes and contents compared before and after);
- on exit 0, the generated Python package passes :data:`SELF_CHECK`, run in a subprocess with
  the output folder on ``sys.path`` and a timeout.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st
from specgen_testing import REPO, SHARED

from generator.cli import main

__all__ = ["SEEDS", "Outcome", "mutated", "run_cli"]

_REAL = SHARED / "specs" / "real"
_EXAMPLES = SHARED / "corpus" / "oai-examples" / "examples"
_OSV = SHARED / "corpus" / "openapi-spec-validator" / "tests" / "integration" / "data"


def _seeds() -> dict[str, Path]:
    """The curated spec, the feature cases that stress unions and nullables, and the small
    real-world documents of the matrix (tests/realworld; never the big three). A document that
    needs a ``spec_root`` above its folder is left out: its copy would not resolve."""
    out = {"credits": REPO / "spec" / "credits.yaml"}
    for case in ("oneof_discriminator", "allof", "nullable_30"):
        out[case] = REPO / "tests" / "cases" / case / "spec.yaml"
    for name in ("oai-petstore.yaml", "oai-petstore.json", "oai-petstore-expanded.yaml",
                 "oai-uspto.yaml"):
        out["real-" + name.replace(".", "-")] = _REAL / name
    for version in ("v3.0", "v3.1"):
        for path in sorted((_EXAMPLES / version).glob("*.yaml")):
            out[f"oai-{version}-{path.stem}"] = path
    for rel in ("v3.0/petstore.yaml", "v3.0/property-recursive.yaml",
                "v3.0/read-only-write-only.yaml", "v3.0/parent-reference/openapi.yaml",
                "v3.1/petstore.yaml"):
        out["osv-" + rel.replace("/", "-").removesuffix(".yaml")] = _OSV / rel
    return out


SEEDS = _seeds()
_NAUGHTY: list[str] = json.loads((SHARED / "corpus" / "blns" / "blns.json").read_text("utf-8"))
_HUGE = ["x" * 100_000, "é" * 20_000, "{" * 5_000, "\n" * 10_000, "\x00" * 100]
STRINGS = st.sampled_from(_NAUGHTY) | st.sampled_from(_HUGE) | st.sampled_from(
    ["", " ", "\ud800", "\ufeff", "a\r\nb\rc", "__init__", "class", "None", "pyproject.toml",
     "../../escape", "/etc/passwd", "$ref", "#/components/schemas/", "{id}"]) | st.text(max_size=8)
_KEYS = ["type", "$ref", "properties", "items", "allOf", "oneOf", "anyOf", "enum", "required",
         "nullable", "discriminator", "schema", "in", "name", "format", "default", "example",
         "additionalProperties", "content", "responses", "parameters", "mapping"]
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | STRINGS,
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.sampled_from(_KEYS) | STRINGS, inner, max_size=3),
    max_leaves=8,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*prefix, i))
    return out


def _schemas(doc: Any) -> dict[Any, Any]:
    """``components/schemas`` of ``doc`` when a mutation has left it a JSON object, else {}."""
    components = doc.get("components") if isinstance(doc, dict) else None
    schemas = components.get("schemas") if isinstance(components, dict) else None
    return schemas if isinstance(schemas, dict) else {}


def _refs(doc: Any) -> list[str]:
    """Local ``$ref`` targets that a mutation may point at: every schema, and a few places that
    hold no schema (a ``$ref`` to the wrong kind of object)."""
    names = [f"#/components/schemas/{n}" for n in _schemas(doc)]
    return [*names, "#/components/schemas/Nope", "#/paths", "#/info", "#", "#/",
            "missing.yaml#/X", "#/components/schemas/A~1B", "http://127.0.0.1:9/x.json"]


def _gentle(doc: Any, data: st.DataObject) -> bool:
    """A change that keeps the document's shape, so that more mutants generate: a string value
    replaced by a hostile one, or a name (a schema, a property) renamed to one. False when the
    document has no place for it."""
    paths = _paths(doc)
    texts = [p for p in paths if p and isinstance(_at(doc, p), str)]
    names = [p for p in paths if len(p) > 1 and p[-2] in ("schemas", "properties")
             and isinstance(_at(doc, p[:-1]), dict)]
    if not texts and not names:
        return False
    path = data.draw(st.sampled_from(texts + names), label="gentle path")
    new = data.draw(STRINGS, label="text")
    parent = _at(doc, path[:-1])
    if path in texts:
        parent[path[-1]] = new
    elif new not in parent:
        parent[new] = parent.pop(path[-1])
    return True


def _at(doc: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        doc = doc[key]
    return doc


def _mutate_once(doc: Any, data: st.DataObject) -> None:
    """One structural change of ``doc`` in place, drawn from ``data``."""
    if data.draw(st.booleans(), label="gentle") and _gentle(doc, data):
        return
    path = data.draw(st.sampled_from([p for p in _paths(doc) if p]), label="path")
    parent = doc
    for key in path[:-1]:
        parent = parent[key]
    action = data.draw(st.sampled_from(
        ["delete", "retype", "duplicate", "ref", "loop", "string", "rekey"]), label="action")
    last = path[-1]
    if action == "delete":
        del parent[last]
    elif action == "retype":
        parent[last] = data.draw(VALUES, label="value")
    elif action == "string":
        parent[last] = data.draw(STRINGS, label="string")
    elif action == "ref":
        parent[last] = {"$ref": data.draw(st.sampled_from(_refs(doc)), label="ref")}
    elif action == "loop":
        schemas = _schemas(doc)
        if schemas:
            names = sorted(schemas, key=str)
            first = data.draw(st.sampled_from(names), label="loop from")
            then = data.draw(st.sampled_from(names), label="loop to")
            schemas[first] = {"$ref": f"#/components/schemas/{then}"}
            schemas[then] = {"allOf": [{"$ref": f"#/components/schemas/{first}"}]}
    elif isinstance(parent, dict):
        key = data.draw(st.sampled_from(_KEYS) | STRINGS, label="key")
        parent[key] = copy.deepcopy(parent[last]) if action == "duplicate" else parent.pop(last)
    else:
        parent.append(copy.deepcopy(parent[last]))


def mutated(seed: str, data: st.DataObject) -> Any:
    """The seed document after one to three drawn mutations (structural, or the gentle kind
    of :func:`_gentle`)."""
    doc = copy.deepcopy(_document(seed))
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        if not isinstance(doc, (dict, list)) or not _paths(doc)[1:]:
            break
        _mutate_once(doc, data)
    return doc


_LOADED: dict[str, Any] = {}


def _document(seed: str) -> Any:
    if seed not in _LOADED:
        _LOADED[seed] = yaml.safe_load(SEEDS[seed].read_text(encoding="utf-8"))
    return _LOADED[seed]


@dataclass(frozen=True)
class Outcome:
    """What one run did: the exit code, what it printed, and the self-check's verdict."""

    code: int
    printed: str
    check: str  # "" when the self-check passed or did not run


def _snapshot(root: Path) -> dict[str, tuple[int, int, str]]:
    out = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_file() and not rel.startswith("out/"):
            stat = path.stat()
            out[rel] = (stat.st_size, stat.st_mtime_ns,
                        hashlib.sha256(path.read_bytes()).hexdigest())
    return out


def _prepare(seed: str, text: str, work: Path) -> Path:
    """The seed's folder (spec files only) copied into ``work``, the seed replaced by ``text``."""
    source = SEEDS[seed].parent
    for extra in [*source.rglob("*.yaml"), *source.rglob("*.json")]:
        if extra.stat().st_size > 1_000_000 and extra != SEEDS[seed]:
            continue  # the big three beside the petstores
        rel = extra.relative_to(source)
        (work / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(extra, work / rel)
    spec = work / SEEDS[seed].relative_to(source).with_suffix(".json")
    (work / SEEDS[seed].relative_to(source)).unlink()
    spec.write_text(text, encoding="utf-8")
    return spec


def run_cli(seed: str, text: str, work: Path) -> Outcome:
    """Generate from ``text`` (the mutated seed as JSON) in ``work``; see the module docstring.
    Raises AssertionError when a file outside ``work/out`` changed."""
    spec = _prepare(seed, text, work)
    before = _snapshot(work)
    printed = io.StringIO()
    cwd = Path.cwd()
    os.chdir(work)
    try:
        with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
            code = main(["generate", str(spec.relative_to(work)), "--output", "out",
                         "--package", "mutant", "--formatter", "ruff", "--quiet"])
    finally:
        os.chdir(cwd)
    after = _snapshot(work)
    assert before == after, f"files outside out/ changed: {sorted(set(before) ^ set(after))}"
    check = self_check(work / "out" / "python") if code == 0 else ""
    return Outcome(code, printed.getvalue(), check)


# Imports the package, its client and models; calls every validator on a few sample payloads
# (``{}``, ``[]``, ``None``, ``""``, ``0``): each must return a list of ValidationError without
# raising, and ``is_valid_*`` must agree with ``validate_*`` on every one of them.
SELF_CHECK = """\
import importlib, sys
pkg = importlib.import_module("mutant")
importlib.import_module("mutant.client")
importlib.import_module("mutant.models")
validators = importlib.import_module("mutant.validators")
for name in validators.__all__:
    if not name.startswith("validate_"):
        continue
    check, is_valid = getattr(validators, name), getattr(validators, "is_valid_" + name[9:])
    for sample in ({}, [], None, "", 0):
        errors = check(sample)
        assert isinstance(errors, list), (name, sample, errors)
        assert all(isinstance(e, validators.ValidationError) for e in errors), (name, errors)
        assert is_valid(sample) == (not errors), (name, sample, errors)
"""


def self_check(root: Path) -> str:
    """``SELF_CHECK`` run on the package under ``root``: "" when it passed, else its output."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    try:
        script = f"import sys; sys.path.insert(0, {str(root)!r})\n" + SELF_CHECK
        done = subprocess.run([sys.executable, "-I", "-c", script], check=False,
                              capture_output=True, text=True, timeout=60, env=env, cwd=root)
    except subprocess.TimeoutExpired:
        return "self-check timed out after 60 s"
    return "" if done.returncode == 0 else done.stdout + done.stderr
