"""Cold generation time and peak memory: specgen against the anchors, on the same specs, in one run.

specgen runs in both format modes, the Python target only: black (cache misses formatted by
worker processes, one per CPU) and ruff (``--formatter ruff``: the same bytes, needs
``specgen[fast]``). ``black alone`` is the black work of a cold black-mode run and nothing else
(``bench/_black_alone.py``: the blocks are rendered and cut first, untimed). ``--only specgen``
measures specgen alone (no anchors installed). After the table: issue 23 §3's goals, each a
ratio of this run (``bench/_generation_goals.py``), and ``mypy --strict`` over the last run's
specgen (ruff) and openapi-python-client packages of the ``--mypy`` specs (default GitHub).

Run: ``.venv/bin/python bench/generation.py --specs stripe,openai --runs 3`` (``--quick``: petstore
only, one run). The anchors are installed on first use in throwaway virtual environments under
``--workdir`` (default ``/tmp/specgen-bench``): openapi-python-client and datamodel-code-generator
from PyPI, OpenAPI Generator's CLI jar from Maven Central (``mvn dependency:copy``, run with the
machine's ``java``). Every run is a new process writing into a fresh, empty output folder; the wall
time, the CPU time (user + system, with the processes it waited for) and the peak RSS of the
process tree (``wait4`` rusage: the largest single process) are reported as medians. On a shared
machine the CPU time is the steadier figure. An anchor
that fails on a spec is reported as ``failed`` with the last line it printed, and the run goes on.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from _generation_goals import goals, mypy_strict
from _specs import ROOT, resolve

PIP = {"opc": "openapi-python-client==0.29.1", "dcg": "datamodel-code-generator==0.86.0"}
JAR = "org.openapitools:openapi-generator-cli:7.10.0"
SPECGEN = Path(sys.executable)
BLACK_ALONE = "black alone (specgen's blocks)"  # bench/_black_alone.py: the stage's black work


@dataclass(frozen=True, slots=True)
class Mode:
    name: str
    argv: list[str]  # with {spec} and {out} placeholders
    env: dict[str, str]
    prepare: tuple[str, ...] = ()  # run first, untimed (same placeholders)


@dataclass(frozen=True, slots=True)
class Result:
    seconds: float | None
    peak_mb: float | None
    failure: str = ""
    cpu: float | None = None


def modes(work: Path) -> list[Mode]:
    dcg = [str(work / "dcg/bin/datamodel-codegen"), "--input", "{spec}", "--input-file-type",
           "openapi", "--output", "{out}/models", "--output-model-type",
           "pydantic_v2.BaseModel", "--disable-timestamp", "--formatters"]
    # cold: a fresh output folder holds a fresh formatter cache
    # the Python target only: the project's own pyproject.toml (the working directory) names three
    specgen = [str(SPECGEN), "-m", "generator", "generate", "-q", "--spec", "{spec}", "--output",
               "{out}", "--target", "python", "--package", "sdk", "--formatter"]
    alone = [str(SPECGEN), str(ROOT / "bench" / "_black_alone.py")]
    return [
        Mode("specgen (black, parallel)", [*specgen, "black"], {}),
        Mode("specgen (ruff)", [*specgen, "ruff"], {}),
        Mode(BLACK_ALONE, [*alone, "format", "{out}/blocks"], {},
             prepare=(*alone, "prepare", "{spec}", "{out}/blocks")),
        Mode("openapi-python-client (models+client)",
             [str(work / "opc/bin/openapi-python-client"), "generate", "--path", "{spec}",
              "--output-path", "{out}", "--overwrite", "--meta", "none",
              "--config", str(work / "opc.yaml")], {}),
        Mode("datamodel-codegen (models, black)", [*dcg, "black"], {}),
        Mode("datamodel-codegen (models, no fmt)", [*dcg, "builtin"], {}),
        Mode("openapi-generator python (no fmt)",
             ["java", "-DmaxYamlCodePoints=2147483647", "-jar", str(work / "openapi-generator-cli.jar"), "generate",
              "-i", "{spec}", "-g", "python", "-o", "{out}", "--skip-validate-spec"], {}),
    ]


def install(work: Path) -> None:
    """Create the anchors' environments once; later runs reuse them."""
    work.mkdir(parents=True, exist_ok=True)
    # Stripe has enums whose generated class names collide; literal enums avoid them.
    (work / "opc.yaml").write_text("literal_enums: true\n")
    for venv, requirement in PIP.items():
        if not (work / venv / "bin" / "python").exists():
            subprocess.run([sys.executable, "-m", "venv", str(work / venv)], check=True)
            pip = [str(work / venv / "bin" / "pip"), "install", "-q", requirement]
            subprocess.run(pip, check=True)
    jar = work / "openapi-generator-cli.jar"
    if not jar.exists():
        subprocess.run(["mvn", "-q", "-B", "dependency:copy", f"-Dartifact={JAR}",
                        f"-DoutputDirectory={work}", "-Dmdep.stripVersion=true"], check=True)


def run_once(mode: Mode, spec: Path, out: Path, timeout: float) -> Result:
    """One timed run of ``mode`` on ``spec`` into a fresh ``out``, after its untimed prepare
    step; each is stopped after ``timeout`` seconds (a failed or stopped step is the result)."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    log = out.parent / (out.name + ".log")
    if mode.prepare:
        try:
            subprocess.run([a.format(spec=spec, out=out) for a in mode.prepare], check=True,
                           cwd=ROOT, stdout=subprocess.DEVNULL, timeout=timeout)
        except subprocess.TimeoutExpired:
            return Result(None, None, f"prepare: timeout after {timeout:.0f}s")
        except subprocess.CalledProcessError as exc:
            return Result(None, None, f"prepare: exit status {exc.returncode}")
    env = {**os.environ, **{k: v.format(out=out) for k, v in mode.env.items()}}
    return timed([a.format(spec=spec, out=out) for a in mode.argv], log, timeout, env, ROOT)


def timed(argv: list[str], log: Path, timeout: float, env: dict[str, str] | None = None,
          cwd: Path = ROOT, *, ok: tuple[int, ...] = (0,)) -> Result:
    """Run ``argv`` (output to ``log``): its wall time, CPU time (user + system, with the
    processes it waited for) and peak RSS (the largest process), or why it failed (an exit
    status not in ``ok``, or ``timeout`` seconds)."""
    start = time.perf_counter()
    with log.open("wb") as sink:
        proc = subprocess.Popen(argv, stdout=sink, stderr=subprocess.STDOUT, env=env, cwd=cwd)
        deadline = start + timeout
        while (done := os.wait4(proc.pid, os.WNOHANG))[0] == 0:
            if time.perf_counter() > deadline:
                proc.kill()
                os.wait4(proc.pid, 0)
                return Result(None, None, f"timeout after {timeout:.0f}s")
            time.sleep(0.02)
    seconds = time.perf_counter() - start
    _, status, usage = done
    if os.waitstatus_to_exitcode(status) not in ok:
        return Result(None, None, _last_line(log))
    return Result(seconds, usage.ru_maxrss / 1024, cpu=usage.ru_utime + usage.ru_stime)


def _last_line(log: Path) -> str:
    lines = [ln.strip() for ln in log.read_text(errors="replace").splitlines() if ln.strip()]
    return (lines[-1] if lines else "exit status != 0")[:160]


def measure(mode: Mode, spec: Path, runs: int, work: Path, timeout: float) -> Result:
    results = []
    for i in range(runs):
        slug = "".join(c if c.isalnum() else "-" for c in mode.name)
        out = work / "out" / spec.stem / f"{slug}-{i}"
        result = run_once(mode, spec, out, timeout)
        if result.seconds is None:
            return result
        results.append(result)
    return Result(statistics.median(r.seconds for r in results),  # type: ignore[misc]
                  statistics.median(r.peak_mb for r in results),  # type: ignore[misc]
                  cpu=statistics.median(r.cpu for r in results))  # type: ignore[misc]


def machine() -> str:
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    return (f"{platform.node() or 'host'}: {cpu}, {os.cpu_count()} cores, Python "
            f"{platform.python_version()}, {time.strftime('%Y-%m-%d')}")


def table(rows: dict[str, dict[str, Result]], names: list[str]) -> str:
    head = "| spec | " + " | ".join(names[1:]) + f" | {names[0]} |"
    lines = [head, "|---" * (len(names) + 1) + "|"]
    for spec, results in rows.items():
        ours = results[names[0]]
        cells = [_cell(results[n], ours) for n in names[1:]] + [_cell(ours, None)]
        lines.append(f"| {spec} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _cell(r: Result, ours: Result | None) -> str:
    if r.seconds is None:
        return f"failed: {r.failure}"
    text = f"{r.seconds:.1f} s ({r.cpu:.1f} s CPU), {r.peak_mb:.0f} MB"
    if ours is not None and ours.seconds is not None:
        text += f" (specgen/this: {ours.seconds / r.seconds:.2f}× time, "
        text += f"{ours.peak_mb / r.peak_mb:.2f}× mem)"  # type: ignore[operator]
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--specs", default="petstore,stripe,openai,github")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", default="", help="comma list of mode prefixes, e.g. specgen,dat")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/specgen-bench"))
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds per run")
    parser.add_argument("--quick", action="store_true", help="petstore, one run")
    parser.add_argument("--mypy", default="github",
                        help="comma list of specs whose specgen (ruff) and openapi-python-client "
                             "outputs get mypy --strict after the runs ('': none)")
    args = parser.parse_args()
    specs, runs = (["petstore"], 1) if args.quick else (args.specs.split(","), args.runs)
    chosen_all = [m.name for m in modes(args.workdir)
                  if not args.only or any(m.name.startswith(p) for p in args.only.split(","))]
    if not all(name.startswith(("specgen", "black alone")) for name in chosen_all):
        install(args.workdir)
    chosen = [m for m in modes(args.workdir)
              if not args.only or any(m.name.startswith(p) for p in args.only.split(","))]
    print(f"# {machine()}; median of {runs} cold run(s)", flush=True)
    rows: dict[str, dict[str, Result]] = {}
    for name in specs:
        rows[name] = {}
        for mode in chosen:
            rows[name][mode.name] = r = measure(mode, resolve(name), runs, args.workdir,
                                                args.timeout)
            print(f"{name:<9} {mode.name:<40} {_cell(r, None)}", flush=True)
    if chosen and chosen[0].name.startswith("specgen"):
        print(table(rows, [m.name for m in chosen]))
        print(goals(rows, BLACK_ALONE))  # type: ignore[arg-type]
    for name in [s for s in args.mypy.split(",") if s in rows]:
        _mypy(name, args.workdir, runs)


def _mypy(name: str, work: Path, runs: int) -> None:
    """mypy --strict over the last run's specgen (ruff) and openapi-python-client packages."""
    out = work / "out" / resolve(name).stem
    for slug, python, version in (  # each at the lowest Python its code is for
            ("specgen--ruff-", SPECGEN, "3.10"),
            ("openapi-python-client--models-client-", work / "opc/bin/python", "3.11")):
        folder = out / f"{slug}-{runs - 1}"
        packages = sorted(p.parent for p in folder.glob("**/__init__.py")
                          if not (p.parent.parent / "__init__.py").exists())
        if not packages:
            print(f"mypy --strict {name} {slug}: no package in {folder}")
            continue
        package = packages[0]
        if not package.name.isidentifier():  # --meta none: the output folder is the package
            package = out / "mypy" / "sdk"
            package.parent.mkdir(exist_ok=True)
            package.unlink(missing_ok=True)
            package.symlink_to(packages[0], target_is_directory=True)
        cell = mypy_strict(package, python, version, out / f"{slug}mypy.log", timed)
        print(f"mypy --strict {name} {slug.strip('-')}: {cell}", flush=True)


if __name__ == "__main__":
    main()
