"""Import time of generated packages: the package, one model on first use, and every model.

Run: ``.venv/bin/python bench/imports.py --specs credits,petstore,stripe,openai,github``

Each spec is generated with the CLI into a fresh temporary folder (``--formatter`` is passed on
when given) and byte-compiled, as ``pip install`` does; then each statement below runs in a
fresh interpreter ``--runs`` times and the median wall time of the statement alone is printed:

- ``import pkg``: what every user pays (the client and the models index; no model module).
- ``first model``: ``import pkg`` then a model of the module that defines the most models, on
  first use (``getattr(models, name)``): one module loaded.
- ``every model``: ``import pkg`` then every model of the index loaded, which is what an eager
  ``models.py`` would cost at import (specgen's layout before lazy loading).
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from _specs import ROOT, resolve

_PROBE = """
import time, importlib
t = time.perf_counter()
import {pkg}
{extra}
print(time.perf_counter() - t)
"""
_FIRST = """
m = importlib.import_module("{pkg}.models")
mods = {{}}
for module, names in m._MODULES.items():
    mods[module] = len(names)
big = max(sorted(mods), key=lambda k: mods[k])
getattr(m, m._MODULES[big][0])
"""
_EVERY = """
m = importlib.import_module("{pkg}.models")
for name in m.__all__:
    getattr(m, name)
"""


def _generate(spec: Path, out: Path, package: str, formatter: str | None) -> Path:
    cmd = [sys.executable, "-m", "generator", "generate", "--quiet", "--no-cache", "--spec",
           str(spec), "--output", str(out), "--package", package]
    if formatter:
        cmd += ["--formatter", formatter]
    subprocess.run(cmd, check=True, cwd=ROOT)
    compileall.compile_dir(out / "python", quiet=1, workers=0)
    return out / "python"


def _time(folder: Path, code: str, runs: int) -> float:
    env = {**os.environ, "PYTHONPATH": str(folder)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    times = []
    for _ in range(runs):
        done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                              text=True, check=True)
        times.append(float(done.stdout.strip()))
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--specs", default="credits,petstore,stripe,openai,github")
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--formatter", default=None)
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, median of {args.runs} fresh interpreters, ms")
    print("| spec | model modules | import pkg | + first model | + every model |")
    print("|---|---|---|---|---|")
    for name in args.specs.split(","):
        package = f"bench_{name.replace('-', '_')}"
        with tempfile.TemporaryDirectory() as tmp:
            folder = _generate(resolve(name), Path(tmp), package, args.formatter)
            modules = len(list((folder / package / "models").glob("*.py"))) - 1
            base = _time(folder, _PROBE.format(pkg=package, extra=""), args.runs)
            first = _time(folder, _PROBE.format(pkg=package, extra=_FIRST.format(pkg=package)),
                          args.runs)
            every = _time(folder, _PROBE.format(pkg=package, extra=_EVERY.format(pkg=package)),
                          max(3, args.runs // 3))
        print(f"| {name} | {modules} | {base:.0f} | {first:.0f} | {every:.0f} |", flush=True)


if __name__ == "__main__":
    main()
