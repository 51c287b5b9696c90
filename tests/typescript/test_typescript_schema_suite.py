"""The JSON-Schema-Test-Suite through the TypeScript target's validators, beside Python's
(``tests/validators/``: the same subsets, the same cases, the same expected failures).

Every case is compiled with the TypeScript target's capabilities
(``generator.targets.typescript.standalone``) to its own module ``src/c<i>.ts`` beside the
package's ``runtime.ts`` and ``json.ts``; one strict ``tsc`` run compiles them all, and one
``node`` process (``schema_suite.mjs``) runs every test: ``validateSchema`` must find no problem
exactly when the suite says valid, and ``isValidSchema`` must agree. A schema the target refuses
fails its tests. Expected failures are Python's (the same model) plus TypeScript's own, each
with its reason; one that passes fails, so the lists stay honest.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typescript_support import compile_packages

from generator.diagnostics import SpecError
from generator.targets.typescript.standalone import compile_schema_source, support_sources

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "validators"))
import suite_runner  # the Python target's runner of the same suite

RUNNER = Path(__file__).with_name("schema_suite.mjs")
Key = tuple[str, str, str]
# TypeScript's own expected failures: (subset, file, case) -> why (every test of the case)
TS_EXPECTED: dict[tuple[str, str, str], str] = {}
# at least what Python passes (436 and 1016: README, "Validation"; bench/conformance.py)
MINIMUM = {"A": 436, "B": 1016}


def _package(folder: Path, subset: str) -> tuple[list[tuple[Key, int, str, bool]], set[Key]]:
    """Write ``folder/src/``; returns (tests: key, case index, data as JSON, valid) and the
    keys of the cases whose schema the target refused."""
    src = folder / "src"
    src.mkdir(parents=True)
    (folder / "package.json").write_text('{"type": "module"}\n', encoding="utf-8")  # ES modules
    for name, text in support_sources().items():
        (src / name).write_text(text, encoding="utf-8")
    resources = suite_runner.metaschemas()
    tests: list[tuple[Key, int, str, bool]] = []
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
        tests += [(key, index, json.dumps(data), valid)
                  for key, (_, data, valid) in zip(keys, case.tests, strict=True)]
    return tests, refused


@pytest.mark.parametrize("subset", ["A", "B"])
def test_suite_subset_in_typescript(subset: str, tmp_path: Path) -> None:
    assert suite_runner.TESTS.is_dir(), f"JSON-Schema-Test-Suite not found at {suite_runner.TESTS}"
    tests, refused = _package(tmp_path / "suite", subset)
    built = compile_packages([tmp_path / "suite"], tmp_path / "build", emit=True)
    assert built.returncode == 0, built.stdout[-20000:] + built.stderr[-5000:]
    dist = tmp_path / "build" / "dist" / "suite" / "src"
    plan = {"json": str(dist / "json.js"),
            "tests": [{"module": str(dist / f"c{index}.js"), "data": data, "valid": valid}
                      for _, index, data, valid in tests]}
    (tmp_path / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
    node = shutil.which("node")
    assert node is not None, "the TypeScript tests need Node.js 18 or later on PATH"
    done = subprocess.run([node, str(RUNNER)], capture_output=True, text=True, check=False,
                          timeout=600, env={"PLAN": str(tmp_path / "plan.json")})
    assert done.returncode == 0, done.stderr[-5000:]
    answers: list[str | None] = json.loads(done.stdout)
    assert len(answers) == len(tests), "every test ran"
    why: dict[Key, str | None] = {k: "the TypeScript target refused the schema" for k in refused}
    why.update((key, answer) for (key, _, _, _), answer in zip(tests, answers, strict=True))
    failed = {key for key, answer in why.items() if answer is not None}
    expected = set(suite_runner.EXPECTED_FAILURES[subset]) | {
        k for k in why if (subset, k[0], k[1]) in TS_EXPECTED}
    passed = len(why) - len(failed)
    print(f"JSON-Schema-Test-Suite {subset} in TypeScript: {passed} of {len(why)} pass, "
          f"{len(failed)} expected failures")
    unexpected = {" / ".join(k): why[k] for k in sorted(failed - expected)}
    assert unexpected == {}, "unexpected failures"
    assert sorted(expected - failed) == [], "expected failures that now pass: drop them"
    assert passed >= MINIMUM[subset], "fewer pass than in Python"
