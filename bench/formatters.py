"""black against ``ruff format`` on what specgen renders: time, and whether the output is identical.

Run: ``.venv/bin/python bench/formatters.py --specs credits,petstore,openai`` (any name from
``bench/_specs.py``, or ``cases`` for every ``tests/cases/*/spec.yaml``). The raw (unformatted)
render of each spec is formatted by black in process (the pipeline's ``format`` stage) and by
``ruff format`` (``line-length = 88``, ``target-version = "py310"``, as black's mode) on a copy
of the tree; the table gives both times and the number of files and diff lines that differ.
"""

from __future__ import annotations

import argparse
import difflib
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _specs import ROOT, resolve

sys.path.insert(0, str(ROOT))

from generator.build import build
from generator.format import format_tree
from generator.loader import load
from generator.render import render
from generator.settings import Settings
from generator.targets.python import python_jobs

RUFF_CONFIG = 'line-length = 88\ntarget-version = "py310"\n'


def raw_tree(spec: Path) -> dict[str, str]:
    api, _ = build(load(spec))
    jobs = python_jobs(api, Settings(spec=spec, output=Path("unused"), package="sdk"))
    return {p: t for p, t in render(jobs).items() if p.endswith(".py")}


def ruff_tree(files: dict[str, str]) -> tuple[dict[str, str], float]:
    with tempfile.TemporaryDirectory(prefix="specgen-ruff-") as tmp:
        root = Path(tmp)
        (root / "ruff.toml").write_text(RUFF_CONFIG)
        for path, text in files.items():
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_text(text)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "ruff", "format", "-q", "."], cwd=root, check=True)
        seconds = time.perf_counter() - start
        return {p: (root / p).read_text() for p in files}, seconds


def compare(name: str, files: dict[str, str]) -> None:
    start = time.perf_counter()
    black_out = format_tree(files)
    black_s = time.perf_counter() - start
    ruff_out, ruff_s = ruff_tree(files)
    differ = [p for p in files if black_out[p] != ruff_out[p]]
    diff_lines = sum(
        1 for p in differ
        for line in difflib.unified_diff(black_out[p].splitlines(), ruff_out[p].splitlines(), n=0)
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    )
    lines = sum(t.count("\n") for t in black_out.values())
    print(f"{name:<28}{len(files):>6}{lines:>9}{black_s:>9.2f}s{ruff_s:>9.2f}s"
          f"{len(differ):>9}{diff_lines:>11}", flush=True)
    for p in differ[:3]:
        diff = difflib.unified_diff(black_out[p].splitlines(), ruff_out[p].splitlines(),
                                    "black/" + p, "ruff/" + p, n=1, lineterm="")
        print("\n".join(list(diff)[:16]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--specs", default="cases,credits,petstore,openai")
    args = parser.parse_args()
    print(f"{'spec':<28}{'files':>6}{'lines':>9}{'black':>10}{'ruff':>10}{'differ':>9}"
          f"{'diff lines':>11}")
    for name in args.specs.split(","):
        if name == "cases":
            for spec in sorted((ROOT / "tests" / "cases").glob("*/spec.yaml")):
                compare(f"case {spec.parent.name}", raw_tree(spec))
        else:
            compare(name, raw_tree(resolve(name)))


if __name__ == "__main__":
    main()
