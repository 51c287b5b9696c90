"""Regeneration after a one-line spec change vs a cold generation, on the Stripe spec.

    .venv/bin/python bench/regen.py [--repeat 3] [--spec PATH] [--formatter black|ruff]

Each repetition generates into a fresh output folder with an empty formatter cache (cold), then
changes the description of one schema (``account``) and generates again into the same folder
with the same cache (regen). Prints the median of each, their ratio (the goal is under 25%), and
where the time of the last regeneration went, stage by stage.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator.pipeline import generate
from generator.progress import Progress
from generator.settings import Settings

STRIPE = Path(__file__).resolve().parents[2] / "shared" / "specs" / "real" / "stripe-spec3.yaml"
BEFORE = "        This is an object representing a Stripe account."
AFTER = "        Edited for the benchmark. This is an object representing a Stripe account."


class StageTimer(Progress):
    """Records when each stage starts (the progress hooks double as a stage profiler)."""

    def __init__(self) -> None:
        super().__init__(None)
        self.marks: list[tuple[str, float]] = []

    def stage(self, name: str, done: int = 0, total: int = 0) -> None:
        label = name.split(":")[0]
        if not self.marks or self.marks[-1][0] != label:
            self.marks.append((label, time.perf_counter()))


def _run(settings: Settings) -> tuple[float, StageTimer]:
    timer = StageTimer()
    start = time.perf_counter()
    generate(settings, timer)
    end = time.perf_counter()
    timer.marks.append(("end", end))
    return end - start, timer


def _once(spec: Path, work: Path, formatter: str) -> tuple[float, float, StageTimer]:
    shutil.copy(spec, work / "spec.yaml")
    settings = Settings(spec=work / "spec.yaml", output=work / "out", package="stripe_api",
                        cache=work / "cache", formatter=formatter)
    cold, _ = _run(settings)
    text = (work / "spec.yaml").read_text(encoding="utf-8")
    assert BEFORE in text, "the benchmark's edit no longer applies to this spec"
    (work / "spec.yaml").write_text(text.replace(BEFORE, AFTER, 1), encoding="utf-8")
    regen, timer = _run(settings)
    return cold, regen, timer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--spec", type=Path, default=STRIPE)
    parser.add_argument("--formatter", choices=("black", "ruff"), default="black",
                        help="ruff keeps no per-block cache; both modes reuse the output "
                             "folder's format manifest")
    args = parser.parse_args()
    colds, regens = [], []
    for i in range(args.repeat):
        with tempfile.TemporaryDirectory(prefix="specgen-bench-") as tmp:
            cold, regen, timer = _once(args.spec, Path(tmp), args.formatter)
        colds.append(cold)
        regens.append(regen)
        print(f"run {i + 1}: cold {cold:.1f}s, regen {regen:.1f}s", flush=True)
    cold, regen = statistics.median(colds), statistics.median(regens)
    print(f"{args.formatter}, median of {args.repeat}: cold {cold:.1f}s, regen {regen:.1f}s, "
          f"ratio {regen / cold:.1%} (goal < 25%)")
    stages = ", ".join(f"{a} {b - t:.1f}s" for (a, t), (_, b) in zip(timer.marks, timer.marks[1:]))
    print(f"last regen by stage: {stages}")


if __name__ == "__main__":
    main()
