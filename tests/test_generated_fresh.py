"""``generated/`` is exactly what the generator makes from ``spec/`` today."""

from __future__ import annotations

import subprocess
import sys

from specgen_testing import REPO

from generator import Settings, check_drift


def test_generated_matches_a_fresh_generation() -> None:
    settings = Settings(
        spec=REPO / "spec" / "credits.yaml", output=REPO / "generated",
        targets=("python", "typescript"),
        options={"python": {"package": "tams_credits"}, "typescript": {"package": "tams-credits"}},
    )
    stale, diff = check_drift(settings)
    assert stale == [], f"generated/ is stale; run `specgen generate`:\n{diff[:4000]}"


def test_cli_check_is_clean_from_the_repo_root() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "generator", "check"],
        cwd=REPO, check=False, capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "up to date" in done.stderr
