"""The ruff rule sets SDK projects turn on, run over generated Python packages.

``RULES`` is what projects such as openai-python, the Stripe and Speakeasy SDKs select beyond
ruff's defaults: pycodestyle (E), pyflakes (F), isort (I), pyupgrade (UP), bugbear (B),
simplify (SIM), ruff's own (RUF) and the typing rules (PYI), for the package's declared minimum
Python (``requires-python`` of its ``pyproject.toml``; ``py310`` today).

Line length: black lays out the code at 88 columns, and what it leaves longer is text, not
code: docstring prose of the runtime templates (written, like specgen's own source, at 100
columns) and string literals and docstrings from the spec (a description, an enum value, a
URL), which cannot be split without changing them. So E501 is checked at 100, the width of the
prose, and no other rule is ignored.

Re-run after a merge: ``pytest tests/test_ruff_rules.py`` (generated/, every golden case) and
``pytest tests/realworld/test_realworld_matrix.py -k ruff`` (the small real-world documents);
a failure lists every finding as ``path:line:col: CODE message``.
"""

from __future__ import annotations

import re
import subprocess
import tomllib
from collections.abc import Sequence
from pathlib import Path

from specgen_testing import PYTHON

__all__ = ["LINE_LENGTH", "RULES", "findings", "target_version"]

RULES = ("E", "F", "I", "UP", "B", "SIM", "RUF", "PYI")
LINE_LENGTH = 100


def target_version(package_root: Path) -> str:
    """ruff's ``target-version`` for the package under ``package_root`` (the folder of its
    ``pyproject.toml``): its ``requires-python`` lower bound, ``>=3.10`` -> ``py310``."""
    project = tomllib.loads((package_root / "pyproject.toml").read_text(encoding="utf-8"))
    found = re.fullmatch(r">=\s*3\.(\d+)", project["project"]["requires-python"])
    assert found is not None, project["project"]["requires-python"]
    return f"py3{found[1]}"


def findings(paths: Sequence[Path | str], version: str) -> list[str]:
    """Every finding of :data:`RULES` on ``paths`` (files or folders), one line each."""
    done = subprocess.run(
        [PYTHON, "-m", "ruff", "check", "--no-cache", "--isolated", "--output-format", "concise",
         "--select", ",".join(RULES), "--line-length", str(LINE_LENGTH),
         "--target-version", version, *map(str, paths)],
        capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode in (0, 1), done.stderr
    return [line for line in done.stdout.splitlines() if re.match(r".+:\d+:\d+: [A-Z]+\d+ ", line)]
