"""Real-world documents: each generates a package that imports, passes ruff and mypy --strict,
validates and round-trips the examples of its component schemas (the generated validators agree
with openapi-schema-validator on each), and calls every operation correctly against
``httpx.MockTransport``.

The documents: ``shared/specs/real`` petstore/uspto, every YAML of the OpenAPI examples (3.0, 3.1),
and the documents of openapi-spec-validator's 3.0/3.1 integration data that it finds valid
(decided at collection). Stripe, OpenAI and GitHub are held to the same checks in
test_large_specs.py, in one module-scoped generation.
"""

from __future__ import annotations

import enum
import importlib
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from realworld_calls import call_operation, client_methods, validator_names
from realworld_oracle import oracle
from realworld_support import EXPECTED_ERRORS, Built, Resolver, documents, generate_one
from ruff_rules import findings, target_version
from specgen_testing import PYTHON

from generator.diagnostics import SpecError
from generator.pipeline import produce
from generator.settings import Settings

DOCUMENTS = documents()
IDS = [d.name for d in DOCUMENTS]


@pytest.fixture(scope="session")
def matrix(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built | SpecError]:
    into = tmp_path_factory.mktemp("realworld")
    out = {d.name: generate_one(d, into) for d in DOCUMENTS}
    for built in out.values():
        if isinstance(built, Built) and str(built.root) not in sys.path:
            sys.path.insert(0, str(built.root))
    return out


def _built(matrix: dict[str, Built | SpecError], name: str) -> Built | None:
    """The package of ``name``; ``None`` for a refused document (test_generates checks why)."""
    built = matrix[name]
    if isinstance(built, SpecError):
        assert name in EXPECTED_ERRORS
        return None
    return built


@pytest.mark.parametrize("name", IDS)
def test_generates(matrix: dict[str, Built | SpecError], name: str) -> None:
    built = matrix[name]
    if isinstance(built, SpecError):
        codes = {d.code for d in built.diagnostics}
        assert codes == EXPECTED_ERRORS.get(name), [str(d.location) for d in built.diagnostics]
    else:
        assert name not in EXPECTED_ERRORS, "now generates: take it off EXPECTED_ERRORS"


@pytest.mark.parametrize("name", IDS)
def test_ruff_writes_blacks_bytes(matrix: dict[str, Built | SpecError], name: str) -> None:
    """``formatter = "ruff"`` is only a speed choice: every file is the bytes black wrote."""
    if (built := _built(matrix, name)) is None:
        return
    ruff = produce(Settings(spec=built.doc.path, package=built.package,
                            spec_root=built.doc.spec_root, formatter="ruff")).files
    black = {rel: (built.root.parent / rel).read_bytes().decode("utf-8") for rel in ruff}
    assert [rel for rel, text in ruff.items() if black[rel] != text] == []


@pytest.mark.parametrize("name", IDS)
def test_imports(matrix: dict[str, Built | SpecError], name: str) -> None:
    if (built := _built(matrix, name)) is None:
        return
    for module in ("", ".models", ".client", ".validators"):
        importlib.import_module(built.package + module)


def _packages(matrix: dict[str, Built | SpecError]) -> list[str]:
    return [str(b.root / b.package) for b in matrix.values() if isinstance(b, Built)]


def test_ruff_on_all_packages(matrix: dict[str, Built | SpecError]) -> None:
    """The rule sets SDK projects turn on (tests/ruff_rules.py), for the packages' minimum
    Python; the failure lists every finding."""
    roots = [b.root for b in matrix.values() if isinstance(b, Built)]
    versions = {target_version(root) for root in roots}
    assert len(versions) == 1, versions
    found = findings(_packages(matrix), versions.pop())
    assert found == [], "\n".join(found)


def test_mypy_strict_on_all_packages(matrix: dict[str, Built | SpecError], tmp_path: Path) -> None:
    done = subprocess.run(
        [PYTHON, "-m", "mypy", "--strict", "--python-version", "3.10", "--cache-dir",
         str(tmp_path / "mypy"), *_packages(matrix)],
        capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stdout[-5000:] + done.stderr[-2000:]


def schema_examples(built: Built) -> list[tuple[str, Any]]:
    """(definition key, example) for every example of a component schema: on the schema itself,
    and on a media type whose schema is a ``$ref`` to it."""
    resolver = Resolver(built.doc.path)
    keys = {(d.location.file, d.location.pointer): d.key for d in built.api.definitions}
    out: list[tuple[str, Any]] = []
    for (file, pointer), key in keys.items():
        if not pointer.startswith("/components/schemas/") or pointer.count("/") != 3:
            continue
        schema, _ = resolver.at(pointer, built.doc.path.parent / file)
        if isinstance(schema, dict) and "example" in schema:
            out.append((key, schema["example"]))
        if isinstance(schema, dict) and isinstance(schema.get("examples"), list):
            out += [(key, x) for x in schema["examples"]]
        if (whole := _from_properties(resolver, schema, built.doc.path.parent / file)) is not None:
            out.append((key, whole))
    out += _media_examples(resolver, keys, built.doc.path.name)
    return out


def _from_properties(resolver: Resolver, schema: Any, path: Path) -> dict[str, Any] | None:
    """An object of every property ``example`` of an object schema (its required fields filled
    in), so examples on properties are checked too; ``None`` when no property has one."""
    props = schema.get("properties") if isinstance(schema, dict) else None
    if not isinstance(props, dict) or "example" in schema or "examples" in schema:
        return None
    found = {k: v["example"] for k, v in props.items() if isinstance(v, dict) and "example" in v}
    return resolver.sample(schema, path) | found if found else None


def _media_examples(resolver: Resolver, keys: dict[tuple[str, str], str],
                    file: str) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            ref = node.get("schema", {}).get("$ref") if isinstance(node.get("schema"), dict) else None
            key = keys.get((file, ref[1:])) if isinstance(ref, str) and ref.startswith("#") else None
            if key is not None and "example" in node:
                out.append((key, node["example"]))
            if key is not None and isinstance(node.get("examples"), dict):
                for ex in node["examples"].values():
                    ex, _ = resolver.deref(ex, resolver.path)
                    if isinstance(ex, dict) and "value" in ex:
                        out.append((key, ex["value"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(resolver.file(resolver.path).get("paths", {}))
    return out


def _same(wire: Any, back: Any, runtime: Any) -> bool:
    """Equal JSON, allowing the documented normalisations: ProtoJSON int64 sent as a string, and
    a formatted string (date-time, date, uuid, byte) written in its canonical spelling: ``back``
    must be exactly what the package's own parse-then-write gives for ``wire``."""
    if isinstance(wire, dict) and isinstance(back, dict):
        return wire.keys() == back.keys() and all(_same(wire[k], back[k], runtime) for k in wire)
    if isinstance(wire, list) and isinstance(back, list):
        return len(wire) == len(back) and all(_same(w, b, runtime) for w, b in zip(wire, back))
    if type(wire) is int and isinstance(back, str):
        return back == str(wire)
    if isinstance(wire, str) and isinstance(back, str) and wire != back:
        return back in _canonical(wire, runtime)
    return bool(wire == back)


def _canonical(wire: str, runtime: Any) -> set[str]:
    """How ``to_dict`` writes ``wire`` back, for each format it parses as."""
    formats = [(runtime._datetime, runtime._datetime_str), (runtime._date, date.isoformat),
               (runtime._uuid, str), (runtime._base64, runtime._base64_str)]
    out = set()
    for parse, write in formats:
        try:
            out.add(write(parse(wire)))
        except ValueError:
            continue
    return out


@pytest.mark.parametrize("name", IDS)
def test_examples_validate_and_round_trip(matrix: dict[str, Built | SpecError], name: str) -> None:
    if (built := _built(matrix, name)) is None:
        return
    assert round_trips(built)[1] == []


def round_trips(built: Built) -> tuple[int, list[str]]:
    """Check every schema example of ``built``: the generated validator and the oracle
    (openapi-schema-validator, see realworld_oracle.py) agree on it, and one they accept
    round-trips. Returns how many round-tripped and the keys of the examples both refuse (the
    largest specs have examples that break their own schemas)."""
    models = importlib.import_module(built.package + ".models")
    validators = importlib.import_module(built.package + ".validators")
    names = validator_names(built)
    check = oracle(built)
    done, refused = 0, []
    runtime = importlib.import_module(built.package + "._runtime")
    for key, example in schema_examples(built):
        cls_name = built.classes[key]
        problems = getattr(validators, f"validate_{names[key]}")(example)
        assert (problems == []) == check.valid_key(key, example), (key, example, problems)
        if problems:
            refused.append(key)
            continue
        cls = getattr(models, cls_name)
        if hasattr(cls, "from_dict"):
            back = cls.from_dict(example).to_dict()
        elif isinstance(cls, type) and issubclass(cls, enum.Enum):
            back = cls(example).value
        else:  # an alias of a list or a primitive: nothing to round-trip
            continue
        assert _same(example, back, runtime), (key, example, back)
        done += 1
    return done, refused


@pytest.mark.parametrize("name", IDS)
def test_every_operation_against_mock_transport(
    matrix: dict[str, Built | SpecError], name: str,
) -> None:
    if (built := _built(matrix, name)) is None:
        return
    client_module = importlib.import_module(built.package + ".client")
    methods = client_methods(client_module.Client)
    assert len(methods) == len(built.api.operations)
    unsampled = [call_operation(built, client_module, op, method)
                 for op, method in zip(built.api.operations, methods, strict=True)]
    assert [u for u in unsampled if u] == []  # every body valid: the client's check runs
