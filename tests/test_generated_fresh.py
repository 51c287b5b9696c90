"""``generated/`` is exactly what the generator makes from ``spec/`` today."""

from __future__ import annotations

import subprocess
import sys

from specgen_testing import REPO

from generator import check_drift
from generator.settings import load_settings


def test_generated_matches_a_fresh_generation() -> None:
    """Every target of this repo's ``[tool.specgen]`` (read as ``specgen`` reads it)."""
    settings = load_settings(REPO / "pyproject.toml", {})
    assert settings.output == REPO / "generated" and "python" in settings.targets
    stale, diff = check_drift(settings)
    assert stale == [], f"generated/ is stale; run `specgen generate`:\n{diff[:4000]}"


def test_cli_check_is_clean_from_the_repo_root() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "generator", "check"],
        cwd=REPO, check=False, capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "up to date" in done.stderr
