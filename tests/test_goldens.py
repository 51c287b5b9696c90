"""Golden feature cases: ``tests/cases/<feature>/spec.yaml`` -> ``expected/`` byte for byte.

Each case is generated for every target (Python, TypeScript and Go: ``expected/python/``,
``expected/typescript/``, ``expected/go/``) into a temporary folder with the package name
``<feature>_api`` (Go: the module ``example.com/cases/<feature>``, package ``<feature>`` without
``_``). The runtime files every package carries are kept once, in the full golden of ``tests/cases/_runtime``;
a feature case's ``expected/`` holds the files that differ from that shared copy and lists the
others in ``expected/shared.txt`` (see ``golden_cases.py``). Every generated file of every case
is compared, listed ones against the shared copy. Run ``pytest --update-goldens`` to rewrite
``expected/`` (stale files are deleted), then read the diff. The generated packages are also held
to ``mypy --strict`` and ``ruff``, like ``generated/``.
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from pathlib import Path

import pytest
from golden_cases import (
    CASE_NAMES,
    CASES,
    SHARED,
    TARGETS,
    code,
    expected_files,
    on_disk,
    options,
    package,
    split,
    stored,
    write_golden,
)
from specgen_testing import REPO

from generator import produce
from generator.settings import Settings


@functools.cache
def _produce(case: str) -> dict[str, str]:
    spec = CASES / case / "spec.yaml"
    settings = Settings(spec=spec, output=Path("unused"), package=package(case), targets=TARGETS,
                        options=options(case))
    return code(produce(settings).files)


def test_every_case_has_a_spec() -> None:
    folders = sorted(p.name for p in CASES.iterdir() if p.is_dir())
    assert folders == CASE_NAMES
    assert SHARED in CASE_NAMES


@pytest.mark.parametrize("case", CASE_NAMES)
def test_case_matches_golden(case: str, update_goldens: bool) -> None:
    files = _produce(case)
    if update_goldens:
        write_golden(case, files, _produce(SHARED))
        return
    expected = expected_files(case)
    assert sorted(files) == sorted(expected), "missing or extra files; run --update-goldens"
    for rel, text in files.items():
        assert text == expected[rel], f"{case}/expected/{rel} differs; run --update-goldens"
    own, listed = stored(case)
    want_own, want_listed = split(case, files, on_disk(CASES / SHARED / "expected"))
    copies = sorted(set(own) - set(want_own))
    assert copies == [], f"{case}/expected/ copies the shared runtime; run --update-goldens"
    assert listed == want_listed


_DIGEST = """
import hashlib, json, sys
from pathlib import Path
sys.path.insert(0, "tests")
from golden_cases import TARGETS, options, package
from generator import produce
from generator.settings import Settings
out = {}
for case in sys.argv[1:]:
    spec = Path("tests/cases") / case / "spec.yaml"
    files = produce(Settings(spec=spec, output=Path("unused"), package=package(case),
                             targets=TARGETS, options=options(case))).files
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
    names = [package(case) for case in CASE_NAMES]
    args = [a for n in names for a in ("-p", n)]
    done = _run(packages, "mypy", "--strict", "--no-incremental", "--python-version", "3.10", *args)
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_on_every_case(packages: Path) -> None:
    done = _run(packages, "ruff", "check", "--no-cache", "--select", "E,F,W,I,B,UP",
                "--target-version", "py310", "--line-length", "100", ".")
    assert done.returncode == 0, done.stdout + done.stderr
