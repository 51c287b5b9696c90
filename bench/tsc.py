"""What a TypeScript user pays on every build: ``tsc --strict --noEmit`` on the SDK specgen
generates for a spec (default GitHub) beside openapi-typescript's output for the same spec.

Run: ``.venv/bin/python bench/tsc.py [--spec github] [--sdk FOLDER]``. specgen's package is
generated (TypeScript target alone) unless ``--sdk`` names one already generated (the folder
holding its ``tsconfig.json``); it is checked with its own ``tsconfig.json`` (strict,
``exactOptionalPropertyTypes``, ``noUncheckedIndexedAccess``). openapi-typescript
(:data:`ANCHOR`, installed by npm into ``bench/.tsc/``, which git ignores) writes its one
``.ts`` file, checked with the same compiler options. Both use the tests' pinned ``tsc``
(``tests/toolchains.py``), under ``nice -n 10`` and ``/usr/bin/time -v``: wall and CPU time,
peak RSS, one run each, side by side; the load average is printed with them (read the ratios).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from _specs import ROOT, resolve

sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import toolchains

from generator import produce
from generator.settings import Settings

__all__ = ["ANCHOR", "main"]

ANCHOR = "openapi-typescript@7.13.0"
_PREFIX = ROOT / "bench" / ".tsc"
_STRICT = {"target": "ES2022", "lib": ["ES2022", "DOM"], "module": "NodeNext",
           "moduleResolution": "NodeNext", "strict": True, "exactOptionalPropertyTypes": True,
           "noUncheckedIndexedAccess": True, "skipLibCheck": True, "noEmit": True}


def anchor() -> Path:
    """The ``openapi-typescript`` executable at :data:`ANCHOR`, installed on first use."""
    cli = _PREFIX / "node_modules" / ".bin" / "openapi-typescript"
    stamp = _PREFIX / ".specgen-pin"
    if not (cli.is_file() and stamp.is_file() and stamp.read_text().strip() == ANCHOR):
        npm = shutil.which("npm")
        if npm is None:
            raise SystemExit("bench/tsc.py needs npm (Node.js 18 or later)")
        _PREFIX.mkdir(parents=True, exist_ok=True)
        subprocess.run([npm, "install", "--prefix", str(_PREFIX), "--no-audit", "--no-fund",
                        ANCHOR], check=True, timeout=600)
        stamp.write_text(ANCHOR + "\n", encoding="utf-8")
    return cli


def specgen_sdk(spec: Path, into: Path) -> Path:
    """specgen's TypeScript package of ``spec`` under ``into``; returns its folder."""
    settings = Settings(spec=spec, output=Path("unused"), package="bench-sdk",
                        targets=("typescript",), spec_root=spec.parent, cache=None)
    for rel, text in produce(settings).files.items():
        path = into / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return into / "typescript" / "bench-sdk"


def anchor_types(spec: Path, into: Path) -> Path:
    """openapi-typescript's output for ``spec`` in a folder with a strict ``tsconfig.json``."""
    into.mkdir(parents=True, exist_ok=True)
    subprocess.run(["nice", "-n", "10", str(anchor()), str(spec), "-o", str(into / "schema.ts")],
                   check=True, capture_output=True, timeout=600)
    (into / "tsconfig.json").write_text(json.dumps(
        {"compilerOptions": _STRICT, "files": ["schema.ts"]}, indent=2), encoding="utf-8")
    return into


def check(folder: Path) -> dict[str, float]:
    """``tsc -p folder --noEmit`` once: wall s, CPU s, peak RSS GB, errors, lines of .ts."""
    command = ["/usr/bin/time", "-v", "nice", "-n", "10", str(toolchains.tsc()), "-p",
               str(folder), "--noEmit"]
    done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=3600)

    def stat(label: str) -> str:
        found = re.search(rf"{re.escape(label)}: (\S+)", done.stderr)
        assert found is not None, done.stderr[-2000:]
        return found[1]

    minutes, _, seconds = stat("Elapsed (wall clock) time (h:mm:ss or m:ss)").rpartition(":")
    wall = float(seconds) + 60 * sum(int(p) * 60 ** i for i, p in
                                     enumerate(reversed(minutes.split(":"))) if p)
    lines = sum(p.read_text(encoding="utf-8").count("\n") for p in folder.rglob("*.ts"))
    return {"wall": wall, "cpu": float(stat("User time (seconds)")) + float(
        stat("System time (seconds)")), "rss": int(stat("Maximum resident set size (kbytes)"))
        / 1e6, "errors": done.stdout.count("error TS"), "lines": lines}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spec", default="github")
    parser.add_argument("--sdk", type=Path, help="an already generated specgen package folder")
    args = parser.parse_args()
    spec = resolve(args.spec)
    with tempfile.TemporaryDirectory(prefix="bench-tsc-") as tmp:
        ours = args.sdk.resolve() if args.sdk else specgen_sdk(spec, Path(tmp) / "specgen")
        theirs = anchor_types(spec, Path(tmp) / "anchor")
        load = os.getloadavg()
        rows = {"specgen (types, validators, client)": check(ours),
                f"{ANCHOR} (types only)": check(theirs)}
        after = os.getloadavg()
    print(f"tsc --strict --noEmit on {spec.name}; load average {load[0]:.1f} before, "
          f"{after[0]:.1f} after (2 cores)")
    print("| output | lines | tsc wall | tsc CPU | peak RSS | errors |\n|---|---|---|---|---|---|")
    for name, r in rows.items():
        print(f"| {name} | {r['lines']:,.0f} | {r['wall']:.1f} s | {r['cpu']:.1f} s | "
              f"{r['rss']:.2f} GB | {r['errors']:.0f} |")
    a, b = rows.values()
    print(f"ratio specgen / anchor: wall {a['wall'] / b['wall']:.1f}x, CPU "
          f"{a['cpu'] / b['cpu']:.1f}x, peak RSS {a['rss'] / b['rss']:.1f}x, lines "
          f"{a['lines'] / b['lines']:.1f}x")


if __name__ == "__main__":
    main()
