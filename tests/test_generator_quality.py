"""The generator's own code meets the bar it sets for its output: mypy --strict and ruff."""

from __future__ import annotations

import subprocess
import sys

from specgen_testing import REPO


def test_generator_is_mypy_strict_clean() -> None:
    done = subprocess.run([sys.executable, "-m", "mypy", "--strict", "generator"],
                          cwd=REPO, check=False, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_generator_is_ruff_clean() -> None:
    done = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "generator"],
                          cwd=REPO, check=False, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
