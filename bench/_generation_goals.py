"""Issue 23 §3's generation goals, judged on one run of ``bench/generation.py``; and what
``mypy --strict`` costs a user of the generated SDKs.

Each goal is a ratio of two figures of the same run (wall time; CPU time beside it, the
steadier figure on a shared machine): met, or by how much it is missed.
"""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

__all__ = ["goals", "mypy_strict"]

BLACK, RUFF = "specgen (black, parallel)", "specgen (ruff)"
OPC = "openapi-python-client (models+client)"


class Measured(Protocol):
    seconds: float | None
    peak_mb: float | None
    cpu: float | None


def _ratio(a: Measured | None, b: Measured | None, goal: float | None, *,
           above: bool = False) -> str:
    """``a / b`` in wall time (and CPU time), judged against ``goal`` (``a / b <= goal``, or
    ``>= goal`` with ``above``; no goal: not judged)."""
    if a is None or b is None or a.seconds is None or b.seconds is None:
        return "not measured"
    wall = a.seconds / b.seconds
    cpu = f", CPU {a.cpu / b.cpu:.2f}×" if a.cpu and b.cpu else ""
    if goal is None:
        return f"{wall:.2f}×{cpu}"
    met = wall >= goal if above else wall <= goal
    verdict = "**met**" if met else (
        f"**missed** by {goal / wall:.2f}×" if above else f"**missed** by {wall / goal:.2f}×")
    return f"{wall:.2f}×{cpu}: {verdict}"


def _fastest(results: dict[str, Measured], pick: Callable[[Measured], float | None]) -> tuple[str, Measured] | None:
    anchors = [(n, r) for n, r in results.items()
               if not n.startswith(("specgen", "black alone")) and pick(r) is not None]
    return min(anchors, key=lambda item: pick(item[1]) or 0.0) if anchors else None


def goals(rows: dict[str, dict[str, Measured]], alone: str) -> str:
    """A markdown table: each spec's goals, met or missed by how much."""
    head = ("| spec | black cold / black alone (≤ 1.10) | black cold / openapi-python-client "
            "(Stripe: < 2) | openapi-python-client / ruff cold (≥ 3) | ruff cold / fastest "
            "anchor (< 1) | peak RSS, specgen (worse mode) / lowest anchor (< 1) |")
    lines = [head, "|---" * 6 + "|"]
    for spec, results in rows.items():
        black, ruff, opc = results.get(BLACK), results.get(RUFF), results.get(OPC)
        fastest = _fastest(results, lambda r: r.seconds)
        lowest = _fastest(results, lambda r: r.peak_mb)
        ours = [r.peak_mb for r in (black, ruff) if r is not None and r.peak_mb is not None]
        memory = "not measured"
        if ours and lowest is not None and lowest[1].peak_mb:
            ratio = max(ours) / lowest[1].peak_mb
            memory = (f"{max(ours):.0f} / {lowest[1].peak_mb:.0f} MB ({lowest[0]}) = {ratio:.2f}×: "
                      + ("**met**" if ratio < 1 else f"**missed** by {ratio:.2f}×"))
        speed = "not measured" if fastest is None else (
            f"{_ratio(ruff, fastest[1], 1.0)} ({fastest[0]})")
        cells = [_ratio(black, results.get(alone), 1.10),
                 _ratio(black, opc, 2.0 if spec == "stripe" else None),
                 _ratio(opc, ruff, 3.0, above=True), speed, memory]
        lines.append(f"| {spec} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def mypy_strict(package: Path, python: Path, version: str, log: Path,
                run: Callable[..., Measured]) -> str:
    """``mypy --strict`` (this interpreter's mypy, a fresh cache, the packages of ``python``'s
    environment, the code's own lowest Python ``version``) over ``package``: a markdown cell of
    time, memory and what it found."""
    cache = log.with_suffix(".mypy-cache")
    shutil.rmtree(cache, ignore_errors=True)
    argv = [sys.executable, "-m", "mypy", "--strict", "--python-version", version, "--cache-dir",
            str(cache), "--python-executable", str(python), package.name]
    result = run(argv, log, 3600.0, None, package.parent, ok=(0, 1))
    if result.seconds is None:
        return "failed"
    found = [ln for ln in log.read_text(errors="replace").splitlines()
             if re.match(r"(Success|Found \d+ error)", ln)]
    lines = sum(p.read_bytes().count(b"\n") for p in package.rglob("*.py"))
    return (f"{lines:,} lines: {result.seconds:.1f} s ({result.cpu:.1f} s CPU), "
            f"{result.peak_mb:.0f} MB; {found[-1] if found else 'no summary'}")
