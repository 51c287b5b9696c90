"""The TypeScript target against what TypeScript users pick today, each in one run.

Generation (``--part generation``): specgen's TypeScript SDK (``--target typescript``: models,
validators, codecs, client) of Stripe, OpenAI and GitHub beside openapi-typescript (types only),
@hey-api/openapi-ts (its defaults: types + the fetch SDK) and orval (``--client fetch``), cold,
each run a new process writing into a fresh, empty folder: median wall time, CPU time and peak
RSS (``generation.run_once``: ``wait4`` rusage), and the lines of TypeScript emitted.

Validators (``--part validators``): the generated validators of ``spec/credits.yaml`` (compiled
by ``tsc``) against ajv 8 (``Ajv2020``, compiled once, with and without ``allErrors``) on the
small, typical and large credits requests and their invalid copies (``_credits.payloads``), all
in one node process (``_validators.mjs``, each function's best of :data:`ROUNDS` batches,
interleaved, timed in CPU time, which a loaded machine does not inflate): calls per second, ratios, and how many problems each
reports. Valid input: specgen's ``isValidX`` (and ``validateX``); invalid input: ``validateX``,
every problem with its code.

The anchors and ``typescript`` are installed from npm at the pins of :data:`PINS` on first use
into ``bench/.ts-anchors/`` (git ignores it). Run: ``nice -n 10 .venv/bin/python
bench/typescript.py [--specs stripe,openai,github] [--runs 3] [--part generation|validators]``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import _credits
from _specs import ROOT, resolve
from generation import Mode, Result, machine, run_once

from generator import produce
from generator.settings import Settings

PINS = ("openapi-typescript@7.13.0", "@hey-api/openapi-ts@0.99.0", "orval@8.38.0",
        "ajv@8.20.0", "typescript@5.9.3")
ANCHORS = ROOT / "bench" / ".ts-anchors"
ROUNDS = 7  # batches of 0.1 CPU seconds of each validator, interleaved: the best counts
NAMES = {"stripe": "Stripe", "openai": "OpenAI", "github": "GitHub"}


def install() -> None:
    """``npm install`` the pins into :data:`ANCHORS` unless it holds them already."""
    stamp = ANCHORS / ".pins"
    if stamp.is_file() and stamp.read_text() == "\n".join(PINS):
        return
    ANCHORS.mkdir(parents=True, exist_ok=True)
    (ANCHORS / "package.json").write_text('{"private": true}\n')
    subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--save-exact", "--loglevel",
                    "error", *PINS], cwd=ANCHORS, check=True)
    stamp.write_text("\n".join(PINS))


def modes() -> list[Mode]:
    """specgen first (the ratios are to it), then the anchors."""
    bin_ = ANCHORS / "node_modules" / ".bin"
    return [
        Mode("specgen (TypeScript SDK)", [sys.executable, "-m", "generator", "generate", "-q",
                                          "--spec", "{spec}", "--output", "{out}", "--package",
                                          "sdk", "--target", "typescript"], {}),
        Mode("openapi-typescript (types)",
             [str(bin_ / "openapi-typescript"), "{spec}", "-o", "{out}/schema.ts"], {}),
        Mode("hey-api (types + fetch SDK)",
             [str(bin_ / "openapi-ts"), "-i", "{spec}", "-o", "{out}"], {}),
        Mode("orval (fetch)",
             [str(bin_ / "orval"), "-i", "{spec}", "-o", "{out}/api.ts", "--client", "fetch"], {}),
    ]


def ts_lines(out: Path) -> int:
    """Lines of the ``.ts`` files under ``out``."""
    return sum(p.read_text(errors="replace").count("\n") for p in out.rglob("*.ts"))


def measure(mode: Mode, spec: Path, runs: int, work: Path) -> tuple[Result, int]:
    """Median of ``runs`` cold runs, and the lines the last one emitted."""
    results = []
    slug = "".join(c if c.isalnum() else "-" for c in mode.name)
    for i in range(runs):
        out = work / spec.stem / f"{slug}-{i}"
        result = run_once(mode, spec, out, timeout=900.0)
        if result.seconds is None:
            return result, 0
        results.append(result)
    results.sort(key=lambda r: r.seconds or 0.0)
    mid = results[len(results) // 2]
    return mid, ts_lines(out)


def generation(specs: list[str], runs: int, work: Path) -> None:
    chosen = modes()
    print(f"# {machine()}; median of {runs} cold run(s)", flush=True)
    rows: dict[str, dict[str, tuple[Result, int]]] = {}
    for name in specs:
        rows[name] = {}
        for mode in chosen:
            rows[name][mode.name] = r, lines = measure(mode, resolve(name), runs, work)
            print(f"{name:<8} {mode.name:<28} {_cell(r, lines)}", flush=True)
    print("\n| spec | " + " | ".join(m.name for m in chosen) + " |")
    print("|---" * (len(chosen) + 1) + "|")
    for name, results in rows.items():
        print(f"| {NAMES.get(name, name)} | "
              + " | ".join(_cell(*results[m.name]) for m in chosen) + " |")
    print("\n| spec | " + " | ".join(f"specgen / {m.name}" for m in chosen[1:]) + " |")
    print("|---" * len(chosen) + "|")
    for name, results in rows.items():
        ours = results[chosen[0].name][0]
        print(f"| {NAMES.get(name, name)} | " + " | ".join(
            _ratio(ours, results[m.name][0]) for m in chosen[1:]) + " |")


def _cell(r: Result, lines: int) -> str:
    if r.seconds is None:
        return f"failed: {r.failure}"
    return f"{r.seconds:.1f} s ({r.cpu:.1f} s CPU), {r.peak_mb:.0f} MB, {lines / 1000:.0f}k lines"


def _ratio(ours: Result, other: Result) -> str:
    if ours.seconds is None or other.seconds is None or ours.cpu is None or other.cpu is None:
        return "n/a"
    return f"{ours.seconds / other.seconds:.2f}× wall, {ours.cpu / other.cpu:.2f}× CPU"


def credits_validators(work: Path) -> Path:
    """Generate the credits TypeScript package, compile it; returns ``dist/validators.js``."""
    settings = Settings(spec=ROOT / "spec" / "credits.yaml", output=Path("unused"),
                        package="credits", targets=("typescript",), spec_root=ROOT / "spec",
                        cache=None)
    for rel, text in produce(settings).files.items():
        path = work / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    package = work / "typescript" / "credits"
    subprocess.run([str(ANCHORS / "node_modules" / ".bin" / "tsc"), "-p", str(package)],
                   check=True)
    return package / "dist" / "validators.js"


def validators(work: Path) -> None:
    validators_js = credits_validators(work)
    payloads, schema = work / "payloads.json", work / "schema.json"
    payloads.write_text(json.dumps(_credits.payloads()))
    schema.write_text(json.dumps(_credits.json_schema()))
    done = subprocess.run(["node", str(ROOT / "bench" / "_validators.mjs"), str(validators_js),
                           str(payloads), str(schema), str(ANCHORS)],
                          check=True, capture_output=True, text=True,
                          env={**os.environ, "ROUNDS": str(ROUNDS)})
    report = json.loads(done.stdout)
    print(f"# {machine()}; node {report['node']}; calls per CPU second (the best of {ROUNDS} "
          "interleaved batches of ≥ 0.1 CPU s)")
    names = list(next(iter(report["rows"].values()))["seconds"])
    print("| payload | bytes | problems (coded) / ajv allErrors | "
          + " | ".join(f"{n} calls/s" for n in names)
          + " | specgen / ajv (time) | specgen / ajv allErrors (time) |")
    print("|---" * (len(names) + 5) + "|")
    sizes = {k: _credits.size(v) for k, v in _credits.payloads().items()}
    for label, row in report["rows"].items():
        sec = row["seconds"]
        ours = sec["specgen isValid"] if row["valid"] else sec["specgen validate"]
        print(f"| {label} | {sizes[label]:,} | {row['problems']} ({row['coded']}) / "
              f"{row['ajv_all_errors']} | "
              + " | ".join(f"{1 / sec[n]:,.0f}" for n in names)
              + f" | {ours / sec['ajv']:.2f}× | {ours / sec['ajv allErrors']:.2f}× |")
        if not row["ajv_agrees"]:
            print(f"  (ajv and specgen disagree on {label}: ajv checks no formats)")
    print("ratios: specgen's time / ajv's (< 1: specgen faster); specgen = isValid on valid "
          "payloads, validate (every problem) on invalid ones")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--specs", default="stripe,openai,github")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--part", choices=("all", "generation", "validators"), default="all")
    args = parser.parse_args()
    install()
    with tempfile.TemporaryDirectory(prefix="specgen-ts-bench-") as tmp:
        if args.part in ("all", "validators"):
            validators(Path(tmp) / "validators")
        if args.part in ("all", "generation"):
            generation(args.specs.split(","), args.runs, Path(tmp) / "generation")


if __name__ == "__main__":
    main()
