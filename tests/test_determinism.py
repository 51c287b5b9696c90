"""Same input, same bytes: across hash seeds, working directories, spec paths, zones and locales,
for every target of this repo's ``[tool.specgen]`` (its ``--config``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from specgen_testing import REPO


def _generate(out: Path, cwd: Path, spec: str, **env: str) -> dict[str, bytes]:
    full_env = {**os.environ, **env}
    done = subprocess.run(
        [sys.executable, "-m", "generator", "generate", "-q", "--spec", spec,
         "--output", str(out), "--config", str(REPO / "pyproject.toml")],
        cwd=cwd, env=full_env, check=False, capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stderr
    # the formatter's cache (<output>/.specgen-cache) is not output: it is ignored and unowned
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*")
            if p.is_file() and ".specgen-cache" not in p.relative_to(out).parts}


def test_output_is_byte_identical_across_environments(tmp_path: Path) -> None:
    spec_abs = str(REPO / "spec" / "credits.yaml")
    runs = [
        _generate(tmp_path / "a", REPO, "spec/credits.yaml", PYTHONHASHSEED="0"),
        _generate(tmp_path / "b", REPO, spec_abs, PYTHONHASHSEED="12345", TZ="Asia/Tokyo"),
        _generate(tmp_path / "c", tmp_path, spec_abs, PYTHONHASHSEED="random", LC_ALL="C",
                  LANG="C"),
        _generate(tmp_path / "d", REPO / "spec", "credits.yaml", PYTHONHASHSEED="987",
                  TZ="America/Los_Angeles", LC_ALL="C.UTF-8"),
    ]
    first = runs[0]
    assert first, "nothing generated"
    assert {p.split("/")[0] for p in first} >= {"python", "typescript"}
    for other in runs[1:]:
        assert other == first
    committed = REPO / "generated"
    for path, data in first.items():
        assert (committed / path).read_bytes() == data, path
