"""The committed output as the formatter's cache, on a fresh clone (no ``.specgen-cache``).

    .venv/bin/python bench/committed.py [--spec stripe|github|PATH] [--formatter black|ruff]

Generates the spec cold into a fresh folder (no cache, no manifest), deletes the formatter
cache (a fresh clone of the committed output), runs ``check`` (the goal: under 10% of the cold
run, formatting nothing), then changes the description of one schema (Stripe's ``account``,
GitHub's first ``A repository on GitHub.``) and generates again with no cache (the goal: under
10% of the cold run). Prints each time, its ratio to the cold run, how many blocks were
formatted, and the size of the format manifests.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator.pipeline import check_drift, generate
from generator.progress import Progress
from generator.settings import CACHE_DIR, Settings
from generator.write import FORMAT_MANIFEST

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _specs import resolve

# the one-schema edit, by spec file name: (text, replacement), the first occurrence
EDITS = {
    "stripe-spec3.yaml": ("        This is an object representing a Stripe account.",
                          "        Edited for the benchmark. A Stripe account."),
    "github-api.github.com.json": ('"description": "A repository on GitHub."',
                                   '"description": "Edited for the benchmark. A repository."'),
}


class Counting(Progress):
    """The format stage's report line (units formatted, of how many) and when each stage
    started (the progress hooks double as a stage profiler)."""

    def __init__(self) -> None:
        super().__init__(None)
        self.line = ""
        self.marks: list[tuple[str, float]] = []

    def stage(self, name: str, done: int = 0, total: int = 0) -> None:
        if re.search(r"\d+ of \d+ (blocks|pieces) formatted", name):
            self.line = name
        label = name.split(":")[0]
        if not self.marks or self.marks[-1][0] != label:
            self.marks.append((label, time.perf_counter()))


def _timed(step: str, run: Callable[[Progress], object], cold: float | None = None) -> float:
    counting = Counting()
    start = time.perf_counter()
    run(counting)
    took = time.perf_counter() - start
    ratio = f", {took / cold:.1%} of cold" if cold else ""
    marks = [*counting.marks, ("end", start + took)]
    stages = ", ".join(f"{a} {b - t:.1f}s" for (a, t), (_, b) in pairwise(marks))
    print(f"{step}: {took:.1f}s{ratio} ({counting.line}; by stage: {stages})", flush=True)
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--spec", type=resolve, default=resolve("stripe"),
                        help=f"a short name or a path; the edit is known for {sorted(EDITS)}")
    parser.add_argument("--formatter", choices=("black", "ruff"), default="black")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="specgen-bench-") as tmp:
        work = Path(tmp)
        before, after = EDITS[args.spec.name]
        spec = work / ("spec" + args.spec.suffix)
        shutil.copy(args.spec, spec)
        settings = Settings(spec=spec, output=work / "out", package="sdk",
                            cache=work / "out" / CACHE_DIR, formatter=args.formatter)
        cold = _timed("cold generate", lambda p: generate(settings, p))
        shutil.rmtree(work / "out" / CACHE_DIR, ignore_errors=True)
        stale: list[str] = []
        _timed("fresh-clone check", lambda p: stale.extend(check_drift(settings, p)[0]), cold)
        assert stale == [], stale
        text = spec.read_text(encoding="utf-8")
        assert before in text, "the benchmark's edit no longer applies to this spec"
        spec.write_text(text.replace(before, after, 1), encoding="utf-8")
        shutil.rmtree(work / "out" / CACHE_DIR, ignore_errors=True)
        _timed("one-schema change, fresh clone", lambda p: generate(settings, p), cold)
        for manifest in sorted((work / "out").glob(f"*/{FORMAT_MANIFEST}")):
            size = manifest.stat().st_size
            units = manifest.read_text(encoding="utf-8").count('\n      ["')
            lines = sum(p.read_bytes().count(b"\n") for p in manifest.parent.rglob("*.py"))
            print(f"{manifest.relative_to(work / 'out')}: {size:,} bytes, {units:,} units "
                  f"({size / max(units, 1):.0f} bytes each) for {lines:,} lines of code")


if __name__ == "__main__":
    main()
