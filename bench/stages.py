"""Wall time of each pipeline stage (load, build, check, validators, view+render, format, write).

Run: ``.venv/bin/python bench/stages.py --specs stripe,github [--runs 3]``. Each stage is timed
in one process, in the order the pipeline runs them (``generator/pipeline.py``); the write goes
to a fresh temporary folder. Views are built as their files render, so the two are one figure.
Also counts the lines emitted and what share of the ``models/`` modules is docstrings,
``from_dict`` and ``to_dict``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _specs import SPECS, resolve

from generator.analysis import analyse
from generator.build import build
from generator.build.check import check
from generator.load.loader import load
from generator.render import render
from generator.targets.python import python_jobs
from generator.targets.python.capabilities import CAPABILITIES
from generator.targets.python.format import format_tree
from generator.validation import build_validation
from generator.write import write_tree

STAGES = ("load", "build", "check", "validators", "view+render", "format", "write")


def run_once(spec: Path, out: Path, formatter: str) -> tuple[dict[str, float], dict[str, str]]:
    times: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        times[stage], clock = now - clock, now

    document = load(spec)
    lap("load")
    api, _ = build(document)
    lap("build")
    check(api)
    lap("check")
    roots = [(d.key, d.location) for d in api.definitions]
    validation = build_validation(document, api.openapi, roots, capabilities=CAPABILITIES)
    lap("validators")
    jobs = python_jobs(api, validation, analyse(api), "sdk")  # views are built as jobs are rendered
    raw = {f"python/{path}": text for path, text in render(jobs).items()}
    lap("view+render")
    files = format_tree(raw, formatter=formatter)
    lap("format")
    write_tree(files, out)
    lap("write")
    return times, files


def shares(models: str) -> dict[str, int]:
    """Lines of the model modules by kind: docstrings, from_dict, to_dict, the rest."""
    counts = {"docstrings": 0, "from_dict": 0, "to_dict": 0, "other": 0}
    method, in_doc = "", False
    for line in models.splitlines():
        stripped = line.strip()
        if line.startswith(("    def ", "    @classmethod")):
            method = "to_dict" if "def to_dict" in line else "from_dict"
        elif line and not line.startswith("        ") and not line.startswith("    @"):
            method = ""
        quotes = stripped.count('"""')
        if in_doc or quotes:
            counts["docstrings"] += 1
            in_doc = in_doc != (quotes % 2 == 1)
        elif method:
            counts[method] += 1
        else:
            counts["other"] += 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--specs", default="stripe,github", help=f"comma list of {sorted(SPECS)}")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--formatter", default="ruff", choices=("ruff", "black"))
    args = parser.parse_args()
    print(f"{'spec':<10}" + "".join(f"{s:>12}" for s in (*STAGES, "total")) + "   lines")
    for name in args.specs.split(","):
        spec = resolve(name)
        runs = []
        for _ in range(args.runs):
            with tempfile.TemporaryDirectory(prefix="specgen-stages-") as tmp:
                times, files = run_once(spec, Path(tmp) / "out", args.formatter)
            runs.append(times)
        median = {s: statistics.median(r[s] for r in runs) for s in STAGES}
        lines = sum(t.count("\n") for p, t in files.items() if p.endswith(".py"))
        row = "".join(f"{median[s]:>11.2f}s" for s in STAGES) + f"{sum(median.values()):>11.2f}s"
        print(f"{name:<10}{row}   {lines}")
        models = "\n".join(t for p, t in files.items() if "/models/" in p)
        counts = shares(models)
        total = sum(counts.values())
        print("  models/ " + ", ".join(f"{k} {v} ({v / total:.0%})" for k, v in counts.items()))


if __name__ == "__main__":
    main()
