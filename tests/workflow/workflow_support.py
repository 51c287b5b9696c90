"""Helpers shared by the workflow tests: a small spec and a way to run the command line."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from specgen_testing import REPO

from generator import pipeline
from generator.settings import CACHE_DIR, Settings
from generator.targets.python.target import PythonTarget

PETS = """\
openapi: 3.1.0
info: {title: Pets, version: "1.0.0"}
paths:
  /pets:
    get:
      operationId: listPets
      responses:
        "200":
          description: the pets
          content:
            application/json:
              schema: {type: array, items: {$ref: "#/components/schemas/Pet"}}
components:
  schemas:
    Pet:
      description: A pet.
      type: object
      required: [name]
      properties:
        name: {type: string}
        tag: {type: string}
    Owner:
      description: Someone who has pets.
      type: object
      properties:
        name: {type: string}
"""


def run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m generator ARGS`` in ``cwd`` with the repository importable."""
    full = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, env=full,
                          capture_output=True, text=True, check=False)


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative posix path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and CACHE_DIR not in p.parts}


class _Capture:
    """A format stage that keeps what it is given."""

    def __init__(self, into: dict[str, str]) -> None:
        self.files = into

    def add(self, path: str, chunks: Iterable[str]) -> None:
        self.files[path] = "".join(chunks)

    def result(self) -> dict[str, str]:
        return dict(self.files)


def raw_render(spec: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The rendered, unformatted sources of a real run (what the format stage is given)."""
    rendered: dict[str, str] = {}

    @contextmanager
    def capture(*args: object, **kwargs: object) -> Iterator[_Capture]:
        yield _Capture(rendered)

    with monkeypatch.context() as patch:
        patch.setattr(PythonTarget, "formatting", capture)
        pipeline.produce(Settings(spec=spec, package="case_api"))
    return rendered
