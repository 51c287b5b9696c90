"""Generated code is held to the bar of hand-written code: mypy --strict, ruff, compiles."""

from __future__ import annotations

import subprocess
import sys

from specgen_testing import GENERATED_PY


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], check=False, capture_output=True,
                          text=True, cwd=GENERATED_PY)


def test_mypy_strict_on_generated_package() -> None:
    done = _run("mypy", "--strict", "--no-incremental", "--python-version", "3.10", "tams_credits")
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_on_generated_package() -> None:
    done = _run("ruff", "check", "--no-cache", "--select", "E,F,W,I,B,UP", "--target-version",
                "py310", "--line-length", "100", ".")
    assert done.returncode == 0, done.stdout + done.stderr
