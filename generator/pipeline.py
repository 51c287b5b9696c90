"""The pipeline, top to bottom: load -> build -> check -> view -> render -> format -> write."""

from __future__ import annotations

from dataclasses import dataclass

from .build import build
from .check import check
from .diagnostics import Diagnostic, SpecError
from .format import format_tree
from .loader import load
from .render import render
from .settings import Settings
from .targets.python import python_jobs
from .write import WriteResult, drift, write_tree

__all__ = ["Generated", "check_drift", "generate", "produce"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Generated:
    """The files a run produces (relative paths under the output folder) and its warnings."""

    files: dict[str, str]
    warnings: list[Diagnostic]


def produce(settings: Settings) -> Generated:
    """Generate every file in memory; raise ``SpecError`` with all problems of a bad spec."""
    document = load(settings.spec)
    api, warnings = build(document)
    problems = check(api)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise SpecError(errors)
    files = format_tree(render(python_jobs(api, settings)))
    return Generated(files=files, warnings=warnings + problems)


def generate(settings: Settings) -> tuple[Generated, WriteResult]:
    """Generate and write atomically into ``settings.output``."""
    generated = produce(settings)
    return generated, write_tree(generated.files, settings.output)


def check_drift(settings: Settings) -> tuple[list[str], str]:
    """Regenerate in memory and compare with disk: (stale paths, unified diff). Writes nothing."""
    return drift(produce(settings).files, settings.output)
