"""Shared by the Go target's tests: generate a spec's Go module into a folder, run the pinned Go."""

from __future__ import annotations

import subprocess
from pathlib import Path

from toolchains import GoToolchain

from generator import produce
from generator.settings import Settings
from generator.write import text_of

__all__ = ["generate_module", "run"]


def generate_module(spec: Path, folder: Path, module: str) -> Path:
    """Write the Go module of ``spec`` (module path ``module``) into ``folder``; return it."""
    settings = Settings(spec=spec, output=Path("unused"), targets=("go",),
                        options={"go": {"module": module}})
    for rel, content in produce(settings).files.items():
        path = folder / rel.removeprefix("go/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text_of(content), encoding="utf-8")
    return folder


def run(toolchain: GoToolchain, args: list[str], cwd: Path, timeout: int = 900) -> str:
    """Run ``go args`` (or gofmt, when ``args[0]`` is ``"gofmt"``) in ``cwd``; the output, or an
    AssertionError that holds it."""
    command = [str(toolchain.gofmt), *args[1:]] if args[0] == "gofmt" else [toolchain.go, *args]
    done = subprocess.run(command, cwd=cwd, env=toolchain.env, capture_output=True, text=True,
                          check=False, timeout=timeout)
    output = done.stdout + done.stderr
    assert done.returncode == 0, f"`{' '.join(args)}` in {cwd} failed:\n{output[-6000:]}"
    return output
