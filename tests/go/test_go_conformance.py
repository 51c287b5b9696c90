"""The shared conformance suite (``tests/conformance/``, data only) run against the Go target.

Each spec the vectors name is generated as its own Go module in a temporary folder; a runner
module (``tests/go/runner/conformance_test.go`` and a table of the generated functions written
here) imports them through ``replace`` directives, so ``go test`` runs offline. The runner reads
the vector files itself and compares every problem and every decode expectation; a disagreement
fails the test naming the vector and both answers. Vectors Go cannot pass yet are listed under
``"go"`` in ``tests/conformance/exclusions.json``, each with its reason; one that passes fails.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import toolchains
from go_support import generate_module, run

from generator.analysis.naming import words
from generator.build import build
from generator.load.loader import load
from generator.targets.go.jobs import type_names
from generator.targets.go.literals import go_string

REPO = Path(__file__).resolve().parents[2]
SUITE = REPO / "tests" / "conformance"
RUNNER = Path(__file__).resolve().parent / "runner" / "conformance_test.go"


def _vectors(suite: Path) -> dict[str, set[tuple[str, str]]]:
    """spec -> the (kind, schema) pairs its vectors use."""
    out: dict[str, set[tuple[str, str]]] = {}
    for path in sorted((suite / "vectors").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for v in data["vectors"]:
            out.setdefault(data["spec"], set()).add((v["kind"], v["schema"]))
    return out


def _alias(spec: str) -> str:
    return "".join(w.lower() for w in words(Path(spec).stem)) or "spec"


def _table(uses: dict[str, set[tuple[str, str]]]) -> str:
    imports, validators, decoders, names = [], [], [], []
    for spec, pairs in sorted(uses.items()):
        alias = _alias(spec)
        imports.append(f"\t{alias} {go_string(f'example.com/conformance/{alias}')}")
        api, _ = build(load(REPO / spec))
        go_names = type_names(api)
        by_schema = {k.rsplit("/", 1)[-1]: n for k, n in go_names.items()
                     if re.search(r"#/components/schemas/[^/]+$", k)}
        for schema, go in sorted(by_schema.items()):
            names.append(f"\t{go_string(spec + ' ' + schema)}: {go_string(go)},")
        for kind, schema in sorted(pairs):
            key, go = go_string(f"{spec} {schema}"), by_schema[schema]
            if kind == "validate":
                validators.append(
                    f"\t{key}: {{func(v any) any {{ return {alias}.Validate{go}(v) }}, "
                    f"{alias}.IsValid{go}}},")
            else:
                decoders.append(f"\t{key}: func(b []byte) (any, error) {{ m := new({alias}.{go}); "
                                "err := json.Unmarshal(b, m); return m, err },")
    return "\n".join([
        "package runner", "", "import (", *(['\t"encoding/json"', ""] if decoders else []),
        *imports, ")", "",
        "var validators = map[string]validator{", *validators, "}", "",
        "var decoders = map[string]func([]byte) (any, error){", *decoders, "}", "",
        "var goNames = map[string]string{", *names, "}", ""])


def test_conformance_go(tmp_path: Path) -> None:
    """Every vector: Go gives the expected answer, or exclusions.json says why it cannot yet."""
    print(run_suite(SUITE, tmp_path))


def run_suite(suite: Path, tmp_path: Path) -> str:
    """Run the Go runner over the vectors of ``suite`` (a folder laid out as
    ``tests/conformance/``); its summary line, or an AssertionError with every disagreement."""
    go = toolchains.go()
    uses = _vectors(suite)
    requires, replaces = [], []
    for spec in sorted(uses):
        alias = _alias(spec)
        generate_module(REPO / spec, tmp_path / alias, f"example.com/conformance/{alias}")
        requires.append(f"\texample.com/conformance/{alias} v0.0.0")
        replaces.append(f"replace example.com/conformance/{alias} => ../{alias}")
    runner = tmp_path / "runner"
    runner.mkdir()
    (runner / "go.mod").write_text("\n".join([
        "module example.com/conformance/runner", "", "go 1.22", "", "require (", *requires, ")",
        "", *replaces, ""]), encoding="utf-8")
    (runner / "conformance_test.go").write_text(RUNNER.read_text(encoding="utf-8"))
    (runner / "table_test.go").write_text(_table(uses), encoding="utf-8")
    env_suite = {"CONFORMANCE_SUITE": str(suite)}
    go_env = toolchains.GoToolchain(go=go.go, gofmt=go.gofmt, env={**go.env, **env_suite})
    output = run(go_env, ["test", "-count=1", "-v", "./..."], runner)
    counts = re.search(r"CONFORMANCE go: (\d+) vectors, (\d+) passed, (\d+) excluded", output)
    assert counts is not None, output[-3000:]
    return counts[0]
