"""The generated package is installable: pip builds it and it imports from site-packages."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from specgen_testing import GENERATED_PY


def test_pip_installs_the_generated_package(tmp_path: Path) -> None:
    source = tmp_path / "src"
    shutil.copytree(GENERATED_PY, source)  # setuptools writes build/ next to the sources
    target = tmp_path / "site"
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps",
         "--target", str(target), str(source)],
        check=False, capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert (target / "tams_credits" / "py.typed").is_file()
    probe = subprocess.run(
        [sys.executable, "-c", "import tams_credits, sys; print(tams_credits.__file__)"],
        check=False, capture_output=True, text=True, cwd=tmp_path, env={"PYTHONPATH": str(target)},
    )
    assert probe.returncode == 0, probe.stderr
    assert str(target) in probe.stdout
