"""Golden feature cases: ``tests/cases/<feature>/spec.yaml`` -> ``expected/`` byte for byte.

Each case is generated into a temporary folder with the package name ``<feature>_api``. Run
``pytest --update-goldens`` to rewrite ``expected/`` (stale files are deleted), then read the diff.
The generated packages are also held to ``mypy --strict`` and ``ruff``, like ``generated/``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from specgen_testing import REPO

from generator import produce
from generator.settings import Settings

CASES = REPO / "tests" / "cases"
CASE_NAMES = sorted(p.name for p in CASES.iterdir() if (p / "spec.yaml").is_file())


def _produce(case: str) -> dict[str, str]:
    spec = CASES / case / "spec.yaml"
    settings = Settings(spec=spec, output=Path("unused"), package=f"{case}_api")
    return produce(settings).files


def _on_disk(folder: Path) -> dict[str, str]:
    if not folder.is_dir():
        return {}
    return {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*")) if p.is_file() and "__pycache__" not in p.parts
    }


def _rewrite(folder: Path, files: dict[str, str]) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    for rel, text in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))


def test_every_case_has_a_spec() -> None:
    folders = sorted(p.name for p in CASES.iterdir() if p.is_dir())
    assert folders == CASE_NAMES


@pytest.mark.parametrize("case", CASE_NAMES)
def test_case_matches_golden(case: str, update_goldens: bool) -> None:
    files = _produce(case)
    expected = CASES / case / "expected"
    if update_goldens:
        _rewrite(expected, files)
        return
    on_disk = _on_disk(expected)
    assert sorted(files) == sorted(on_disk), "missing or extra files; run --update-goldens"
    for rel, text in files.items():
        assert text == on_disk[rel], f"{case}/expected/{rel} differs; run --update-goldens"


_DIGEST = """
import hashlib, json, sys
from pathlib import Path
from generator import produce
from generator.settings import Settings
out = {}
for case in sys.argv[1:]:
    spec = Path("tests/cases") / case / "spec.yaml"
    files = produce(Settings(spec=spec, output=Path("unused"), package=case + "_api")).files
    out[case] = hashlib.sha256(json.dumps(files, sort_keys=True).encode()).hexdigest()
print(json.dumps(out))
"""


def test_generation_is_deterministic_across_hash_seeds() -> None:
    """Same input, same bytes, whatever ``PYTHONHASHSEED`` (set and frozenset order vary)."""
    runs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", _DIGEST, *CASE_NAMES], capture_output=True,
                              text=True, cwd=REPO, env=env, check=True)
        runs.append(done.stdout)
    assert runs[0] == runs[1]


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every case's package written side by side under one folder (one mypy run for all)."""
    root = tmp_path_factory.mktemp("cases")
    for case in CASE_NAMES:
        for rel, text in _produce(case).items():
            if rel.startswith("python/") and rel != "python/pyproject.toml":
                path = root / rel.removeprefix("python/")
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(text.encode("utf-8"))
    return root


def _run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], check=False, capture_output=True,
                          text=True, cwd=cwd)


def test_mypy_strict_on_every_case(packages: Path) -> None:
    names = [f"{case}_api" for case in CASE_NAMES]
    args = [a for n in names for a in ("-p", n)]
    done = _run(packages, "mypy", "--strict", "--no-incremental", "--python-version", "3.10", *args)
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_on_every_case(packages: Path) -> None:
    done = _run(packages, "ruff", "check", "--no-cache", "--select", "E,F,W,I,B,UP",
                "--target-version", "py310", "--line-length", "100", ".")
    assert done.returncode == 0, done.stdout + done.stderr
