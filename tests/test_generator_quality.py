"""The generator's own code meets the bar it sets for its output: mypy --strict and ruff.

ruff also holds the tests and benchmarks to the same rules, so the lint stays clean everywhere;
generated code and fixtures are left out by ``extend-exclude`` in pyproject.toml. mypy checks
only ``generator/``."""

from __future__ import annotations

import subprocess
import sys

import pytest
from specgen_testing import REPO


def test_generator_is_mypy_strict_clean() -> None:
    done = subprocess.run([sys.executable, "-m", "mypy", "--strict", "generator"],
                          cwd=REPO, check=False, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("folder", ["generator", "tests", "bench"])
def test_code_is_ruff_clean(folder: str) -> None:
    done = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", folder],
                          cwd=REPO, check=False, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
