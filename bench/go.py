"""The Go target against the Go anchors, in one run: validators, generation time, build time.

Run: ``.venv/bin/python bench/go.py`` (``--only validators,generation,build``; ``--runs N``).
Everything happens under ``--workdir`` (default ``/tmp/specgen-bench-go``), outside the repo; the
generated modules stay require-free, the benchmark module beside them requires the anchors.

- validators: the generated credits validators (``ValidateCreditsRequest`` /
  ``IsValidCreditsRequest``, generated now from ``spec/credits.yaml``) against
  ``santhosh-tekuri/jsonschema/v6`` and ``kaptinlin/jsonschema`` on the small, typical and large
  credits requests and their invalid twins (``bench/_credits.py``), with ``go test -bench``
  (``bench/_go/validators_test.go``): each instance decoded once and validation timed, and once
  more with each library's own decoding timed too; then the problems each reports on each payload.
- generation: ``specgen generate --target go`` beside oapi-codegen (types and client) on petstore
  and Stripe, each run a new process into an empty folder (``bench/generation.py``'s measure).
- build: ``go build ./...`` of the generated GitHub module with the standard library already in a
  build cache of its own (what a user who has built anything pays), and ``go vet ./...``.

The anchors and the toolchain are fetched through the Go module proxy on first use
(``GOTOOLCHAIN=auto``: kaptinlin v0.9.10 needs Go 1.27).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import _credits
from _specs import ROOT, resolve
from generation import Mode, Result, _cell, machine, measure

from generator import produce
from generator.settings import Settings
from generator.write import text_of

SANTHOSH = "github.com/santhosh-tekuri/jsonschema/v6@v6.0.3"
KAPTINLIN = "github.com/kaptinlin/jsonschema@v0.9.10"
OAPI_CODEGEN = "github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen@v2.9.0"
CREDITS = "example.com/tams/credits"
LIBRARIES = ("specgen", "santhosh-tekuri", "kaptinlin")
_COUNT = 5  # go test -count: each benchmark's best of five (the machine is shared)
_BENCH_LINE = re.compile(r"^BenchmarkValidate/([\w-]+)/([\w-]+)/([\w+]+)-\d+\s+\d+\s+([\d.]+) ns/op",
                         re.MULTILINE)


def go(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    """``go args`` in ``cwd`` (toolchain chosen by the module's ``go`` line); its output."""
    done = subprocess.run(["go", *args], cwd=cwd, capture_output=True, text=True, check=False,
                          env={**os.environ, "GOTOOLCHAIN": "auto", "GOFLAGS": "-mod=mod",
                               **(env or {})})
    if done.returncode != 0:
        raise SystemExit(f"`go {' '.join(args)}` in {cwd} failed:\n{done.stdout}{done.stderr}")
    return done.stdout + done.stderr


def go_module(spec: Path, folder: Path, module: str) -> Path:
    """The Go module of ``spec``, generated now, written into a fresh ``folder``."""
    shutil.rmtree(folder, ignore_errors=True)
    settings = Settings(spec=spec, output=Path("unused"), targets=("go",),
                        options={"go": {"module": module}})
    for rel, content in produce(settings).files.items():
        path = folder / rel.removeprefix("go/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text_of(content), encoding="utf-8")
    return folder


def validator_module(work: Path) -> Path:
    """``work/validators``: the credits module and the benchmark module that requires it and
    the two anchors, with the payloads and the JSON Schema in ``testdata/``."""
    credits = go_module(_credits.SPEC, work / "credits", CREDITS)
    bench = work / "validators"
    (bench / "testdata").mkdir(parents=True, exist_ok=True)
    (bench / "go.mod").write_text(f"module bench\n\ngo 1.22\n\nrequire {CREDITS} v0.0.0\n\n"
                                  f"replace {CREDITS} => {credits}\n", encoding="utf-8")
    shutil.copy(ROOT / "bench" / "_go" / "validators_test.go", bench / "validators_test.go")
    for name, payload in {**_credits.payloads(), "schema": _schema()}.items():
        (bench / "testdata" / f"{name}.json").write_text(json.dumps(payload), encoding="utf-8")
    go(["get", SANTHOSH, KAPTINLIN], bench)
    return bench


def _schema() -> dict[str, object]:
    """CreditsRequest as a 2020-12 document whose schemas are ``$defs`` (kaptinlin resolves no
    pointer into ``components``); the same document for both anchors."""
    text = json.dumps(_credits.json_schema()["components"]["schemas"])
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$ref": "#/$defs/CreditsRequest",
            "$defs": json.loads(text.replace('"#/components/schemas/', '"#/$defs/'))}


def validators(work: Path) -> None:
    """µs per call of each library, both ways, with ratios (other / specgen); problem counts."""
    bench = validator_module(work)
    print(f"# {go(['version'], bench).strip()}; {SANTHOSH}, {KAPTINLIN}")
    counts: dict[tuple[str, str], str] = {}
    for line in go(["test", "-run", "TestProblems", "-count", "1", "-v", "."], bench).splitlines():
        if line.startswith("PROBLEMS "):
            _, payload, library, found = line.split()
            counts[payload, library] = found
    output = go(["test", "-run", "^$", "-bench", ".", "-benchtime", "0.5s", "-count",
                 str(_COUNT), "."], bench)
    times: dict[tuple[str, str, str], float] = {}
    for p, lib, how, ns in _BENCH_LINE.findall(output):  # the best of the runs
        times[p, lib, how] = min(float(ns) / 1000, times.get((p, lib, how), float("inf")))
    sizes = {p: _credits.size(data) for p, data in _credits.payloads().items()}
    for how in ("validate", "decode+validate"):
        print(f"\n{how} (µs per call, best of {_COUNT}; ratio: other / specgen, > 1 specgen "
              "faster; problems reported)")
        print(f"| payload | bytes | {' | '.join(LIBRARIES)} |\n|---|---:|---:|---:|---:|")
        for payload, size in sizes.items():
            ours = times[payload, "specgen", how]
            cells = [f"{ours:.2f} ({counts[payload, 'specgen']})"] + [
                f"{times[payload, lib, how]:.2f} ({times[payload, lib, how] / ours:.1f}×; "
                f"{counts[payload, lib]})" for lib in LIBRARIES[1:]]
            print(f"| {payload} | {size} | {' | '.join(cells)} |")


def generation(work: Path, specs: list[str], runs: int) -> None:
    """Wall and CPU seconds and peak memory: specgen (Go target) beside oapi-codegen."""
    gobin = work / "bin"
    if not (gobin / "oapi-codegen").exists():
        go(["install", OAPI_CODEGEN], work, {"GOBIN": str(gobin)})
    config = work / "specgen-go.toml"
    config.write_text('[tool.specgen.go]\nmodule = "example.com/bench/sdk"\n', encoding="utf-8")
    modes = [Mode("specgen --target go", [sys.executable, "-m", "generator", "generate", "-q",
                                          "--spec", "{spec}", "--output", "{out}", "--target",
                                          "go", "--config", str(config), "--no-cache"], {}),
             Mode(f"oapi-codegen {OAPI_CODEGEN.rpartition('@')[2]} (types, client)",
                  [str(gobin / "oapi-codegen"), "-generate", "types,client", "-package", "api",
                   "-o", "{out}/api.go", "{spec}"], {})]
    print(f"\n# generation, median of {runs} cold run(s)")
    for name in specs:
        results = [measure(mode, resolve(name), runs, work, 1800.0) for mode in modes]
        ours, theirs = results
        ratio = (f"; oapi-codegen / specgen: {theirs.seconds / ours.seconds:.2f}× time"
                 if ours.seconds and theirs.seconds else "")
        print(f"{name}: " + "; ".join(f"{m.name} {_cell(r, None)}"
                                      for m, r in zip(modes, results, strict=True)) + ratio)


def build(work: Path, name: str) -> None:
    """``go build ./...`` and ``go vet ./...`` of the generated module of ``name``, timed with
    the standard library already in the (private) build cache."""
    env = {"GOCACHE": str(work / "gocache")}
    warm = go_module(_credits.SPEC, work / "warm", "example.com/bench/warm")
    go(["build", "./..."], warm, env)
    module = go_module(resolve(name), work / name, f"example.com/bench/{name}")
    lines = sum(p.read_text(encoding="utf-8").count("\n") for p in module.glob("*.go"))
    print(f"\n# {name}: {lines / 1e6:.2f}M lines of Go; {go(['version'], module).strip()}")
    for step in ("build", "vet"):
        result = _timed(["go", step, "./..."], module, env)
        print(f"go {step}: {_cell(result, None)}", flush=True)


def _timed(argv: list[str], cwd: Path, env: dict[str, str]) -> Result:
    """One process's wall and CPU seconds and peak memory (its largest child)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, env={**os.environ, "GOTOOLCHAIN": "auto", **env})
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        return Result(None, None, f"exit {os.waitstatus_to_exitcode(status)}")
    return Result(time.perf_counter() - start, usage.ru_maxrss / 1024,
                  cpu=usage.ru_utime + usage.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="validators,generation,build")
    parser.add_argument("--specs", default="petstore,stripe", help="generation's specs")
    parser.add_argument("--build", default="github", help="the spec whose module is built")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/specgen-bench-go"))
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    parts = args.only.split(",")
    print(f"# {machine()}; load {os.getloadavg()[0]:.1f}", flush=True)
    if "validators" in parts:
        validators(args.workdir)
    if "generation" in parts:
        generation(args.workdir, args.specs.split(","), args.runs)
    if "build" in parts:
        build(args.workdir, args.build)


if __name__ == "__main__":
    main()
