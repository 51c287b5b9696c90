"""black against ``ruff format`` on what specgen renders: time, and whether the output is identical.

Run: ``.venv/bin/python bench/formatters.py --specs credits,petstore,openai`` (any name from
``bench/_specs.py``, or ``cases`` for every ``tests/cases/*/spec.yaml``). The raw (unformatted)
render of each spec (with validators, as ``specgen generate`` makes it; without them when the
spec's schemas cannot be compiled) goes through the pipeline's ``format`` stage three ways:
black in one process, black with one process per CPU, and ``formatter="ruff"``. The table gives
the times and the number of files and diff lines where ruff's output differs from black's (the
emitters are written so that there are none).
"""

from __future__ import annotations

import argparse
import difflib
import sys
import time
from pathlib import Path

from _specs import ROOT, resolve

sys.path.insert(0, str(ROOT))

from generator.analysis import analyse
from generator.build import build
from generator.load.loader import load
from generator.render import render
from generator.targets.python import python_jobs
from generator.targets.python.capabilities import CAPABILITIES
from generator.targets.python.format import format_tree
from generator.validation import build_validation


def raw_tree(spec: Path) -> dict[str, str]:
    document = load(spec)
    api, _ = build(document)
    roots = [(d.key, d.location) for d in api.definitions]
    model = build_validation(document, api.openapi, roots, capabilities=CAPABILITIES)
    jobs = python_jobs(api, model, analyse(api), "sdk")
    return {p: t for p, t in render(jobs).items() if p.endswith(".py")}


def _timed(files: dict[str, str], **kwargs: object) -> tuple[dict[str, str], float]:
    start = time.perf_counter()
    out = format_tree(files, **kwargs)  # type: ignore[arg-type]
    return out, time.perf_counter() - start


def compare(name: str, files: dict[str, str], sequential: bool) -> None:
    ruff_out, ruff_s = _timed(files, formatter="ruff")
    black_out, black_s = _timed(files)  # one process per CPU when there is much to format
    one_s = _timed(files, workers=1)[1] if sequential else float("nan")
    differ = [p for p in files if black_out[p] != ruff_out[p]]
    diff_lines = sum(
        1 for p in differ
        for line in difflib.unified_diff(black_out[p].splitlines(), ruff_out[p].splitlines(), n=0)
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    )
    lines = sum(t.count("\n") for t in black_out.values())
    print(f"{name:<28}{len(files):>6}{lines:>9}{one_s:>9.2f}s{black_s:>9.2f}s{ruff_s:>9.2f}s"
          f"{len(differ):>9}{diff_lines:>11}", flush=True)
    for p in differ[:3]:
        diff = difflib.unified_diff(black_out[p].splitlines(), ruff_out[p].splitlines(),
                                    "black/" + p, "ruff/" + p, n=1, lineterm="")
        print("\n".join(list(diff)[:40]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--specs", default="cases,credits,petstore,openai")
    parser.add_argument("--no-sequential", action="store_true",
                        help="skip black in one process (minutes on the big specs)")
    args = parser.parse_args()
    print(f"{'spec':<28}{'files':>6}{'lines':>9}{'black 1p':>10}{'black Np':>10}{'ruff':>10}"
          f"{'differ':>9}{'diff lines':>11}")
    for name in args.specs.split(","):
        if name == "cases":
            for spec in sorted((ROOT / "tests" / "cases").glob("*/spec.yaml")):
                compare(f"case {spec.parent.name}", raw_tree(spec), not args.no_sequential)
        else:
            compare(name, raw_tree(resolve(name)), not args.no_sequential)


if __name__ == "__main__":
    main()
