"""Shared test options and fixtures: ``--update-goldens`` rewrites expected outputs instead of
comparing; the toolchains of other ecosystems (Prism) are installed on first use."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import toolchains
from specgen_testing import GENERATED_PY


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens", action="store_true", default=False,
        help="rewrite golden files from the current generator output (a feature case keeps "
             "only what differs from the shared runtime in tests/cases/_runtime)",
    )
    parser.addoption(
        "--fuzz-long", action="store_true", default=False,
        help="the fuzz harness (tests/security/test_mutated_specs.py) runs many more examples",
    )


@pytest.fixture(scope="session")
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture(scope="session")
def generated_package() -> Path:
    """Make the committed generated package importable and return its folder."""
    if str(GENERATED_PY) not in sys.path:
        sys.path.insert(0, str(GENERATED_PY))
    return GENERATED_PY


@pytest.fixture(scope="session")
def prism_executable() -> Path:
    """Prism, installed by the test run on first use, pinned (``tests/toolchains.py``); a
    machine without npm fails here with what to install, never skips."""
    try:
        return toolchains.prism()
    except toolchains.ToolchainError as exc:
        problem = str(exc)
    pytest.fail(problem, pytrace=False)
