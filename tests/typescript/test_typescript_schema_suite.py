"""The JSON-Schema-Test-Suite through the TypeScript target's validators, beside Python's
(``tests/validators/``: the same subsets, the same cases, the same expected failures).

Every case is compiled with the TypeScript target's capabilities
(``generator.targets.typescript.standalone``) to its own module ``src/c<i>.ts`` beside the
package's ``runtime.ts`` and ``json.ts``; one strict ``tsc`` run compiles them all, and one
``node`` process (``schema_suite.mjs``) runs every test: ``validateSchema`` must find no problem
exactly when the suite says valid, and ``isValidSchema`` must agree. A schema the target refuses
fails its tests. Expected failures are Python's (the same model) plus TypeScript's own, each
with its reason; one that passes fails, so the lists stay honest. Beyond the verdict, every
problem TypeScript reports on a test (code, instance path, schema path, message) must be one
the Python validators of the same case report, and no fewer.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import types
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typescript_support import compile_packages

from generator.diagnostics import SpecError
from generator.targets.python.standalone import compile_schema_source as python_source
from generator.targets.typescript.standalone import compile_schema_source, support_sources

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "validators"))
import suite_runner  # the Python target's runner of the same suite

RUNNER = Path(__file__).with_name("schema_suite.mjs")
Key = tuple[str, str, str]
# TypeScript's own expected failures: (subset, file, case) -> why (every test of the case)
TS_EXPECTED: dict[tuple[str, str, str], str] = {}
# at least what Python passes (436 and 1016: README, "Validation"; bench/conformance.py)
MINIMUM = {"A": 436, "B": 1016}


@dataclass(frozen=True, slots=True)
class Ran:
    """One subset run in node: per test, why it failed (``None``: passed) and its problems."""

    why: dict[Key, str | None]
    problems: dict[Key, list[list[str]] | None]
    cases: dict[Key, tuple[int, Any]]  # the test's case (index, schema) and its data


def _package(folder: Path, subset: str) -> tuple[list[tuple[Key, int, Any, bool]], set[Key]]:
    """Write ``folder/src/``; returns (tests: key, case index, data, valid) and the keys of
    the cases whose schema the target refused."""
    src = folder / "src"
    src.mkdir(parents=True)
    (folder / "package.json").write_text('{"type": "module"}\n', encoding="utf-8")  # ES modules
    for name, text in support_sources().items():
        (src / name).write_text(text, encoding="utf-8")
    resources = suite_runner.metaschemas()
    tests: list[tuple[Key, int, Any, bool]] = []
    refused: set[Key] = set()
    for index, case in enumerate(suite_runner.cases(subset)):
        keys = [(case.file, case.description, d) for d, _, _ in case.tests]
        try:
            source = compile_schema_source(
                case.schema, suite_runner.dialect_of(subset), assert_formats=False,
                resources=resources)  # type: ignore[arg-type]
        except SpecError:
            refused.update(keys)
            continue
        (src / f"c{index}.ts").write_text(source, encoding="utf-8")
        tests += [(key, index, data, valid)
                  for key, (_, data, valid) in zip(keys, case.tests, strict=True)]
    return tests, refused


@pytest.fixture(scope="module", params=["A", "B"])
def ran(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Ran:
    subset: str = request.param
    assert suite_runner.TESTS.is_dir(), f"JSON-Schema-Test-Suite not found at {suite_runner.TESTS}"
    work = tmp_path_factory.mktemp(f"suite{subset}")
    tests, refused = _package(work / "suite", subset)
    built = compile_packages([work / "suite"], work / "build", emit=True)
    assert built.returncode == 0, built.stdout[-20000:] + built.stderr[-5000:]
    dist = work / "build" / "dist" / "suite" / "src"
    plan = {"json": str(dist / "json.js"),
            "tests": [{"module": str(dist / f"c{index}.js"), "data": json.dumps(data),
                       "valid": valid} for _, index, data, valid in tests]}
    (work / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
    node = shutil.which("node")
    assert node is not None, "the TypeScript tests need Node.js 18 or later on PATH"
    done = subprocess.run([node, str(RUNNER)], capture_output=True, text=True, check=False,
                          timeout=600, env={"PLAN": str(work / "plan.json")})
    assert done.returncode == 0, done.stderr[-5000:]
    answers: list[dict[str, Any]] = json.loads(done.stdout)
    assert len(answers) == len(tests), "every test ran"
    why: dict[Key, str | None] = {k: "the TypeScript target refused the schema" for k in refused}
    problems: dict[Key, list[list[str]] | None] = {}
    cases: dict[Key, tuple[int, Any]] = {}
    for (key, index, data, _), answer in zip(tests, answers, strict=True):
        why[key], problems[key], cases[key] = answer["why"], answer["problems"], (index, data)
    return Ran(why, problems, cases)




def test_suite_subset_in_typescript(ran: Ran, request: pytest.FixtureRequest) -> None:
    subset: str = request.node.callspec.params["ran"]
    failed = {key for key, answer in ran.why.items() if answer is not None}
    expected = set(suite_runner.EXPECTED_FAILURES[subset]) | {
        k for k in ran.why if (subset, k[0], k[1]) in TS_EXPECTED}
    passed = len(ran.why) - len(failed)
    print(f"JSON-Schema-Test-Suite {subset} in TypeScript: {passed} of {len(ran.why)} pass, "
          f"{len(failed)} expected failures")
    unexpected = {" / ".join(k): ran.why[k] for k in sorted(failed - expected)}
    assert unexpected == {}, "unexpected failures"
    assert sorted(expected - failed) == [], "expected failures that now pass: drop them"
    assert passed >= MINIMUM[subset], "fewer pass than in Python"


def test_suite_problems_are_pythons(ran: Ran, request: pytest.FixtureRequest) -> None:
    """On every test TypeScript ran, the problems (code, instance path, schema path, message)
    are the Python validators' of the same case, as a multiset."""
    subset: str = request.node.callspec.params["ran"]
    resources = suite_runner.metaschemas()
    by_case: dict[int, list[Key]] = {}
    for key, (index, _) in ran.cases.items():
        by_case.setdefault(index, []).append(key)
    schemas = {i: c.schema for i, c in enumerate(suite_runner.cases(subset))}
    differ: dict[str, str] = {}
    for index, keys in by_case.items():
        validate = _python_validate(schemas[index], suite_runner.dialect_of(subset), resources)
        for key in keys:
            want = [[e.instance_path, e.keyword, e.schema_path, e.message, e.code]
                    for e in validate(ran.cases[key][1])]
            got = ran.problems[key]
            if got is None or Counter(map(json.dumps, got)) != Counter(map(json.dumps, want)):
                differ[" / ".join(key)] = f"TypeScript {got}, Python {want}"
    assert differ == {}, "TypeScript and Python report different problems"


def _python_validate(schema: Any, dialect: str, resources: dict[str, Any]) -> Any:
    """The Python target's ``validate_schema`` for ``schema`` (as ``suite_runner`` runs it)."""
    source = python_source(schema, dialect, assert_formats=False,  # type: ignore[arg-type]
                           resources=resources)
    module = types.ModuleType("_specgen_suite_case")
    sys.modules[module.__name__] = module
    try:
        exec(compile(source, "<generated>", "exec"), module.__dict__)  # noqa: S102
    finally:
        del sys.modules[module.__name__]
    return module.validate_schema
