"""The pipeline, top to bottom.

load -> build -> check -> validation -> view (python) -> render -> format -> write
"""

from __future__ import annotations

from dataclasses import dataclass

from .build import build
from .cache import FormatCache
from .check import check
from .diagnostics import Diagnostic, SpecError
from .format import format_tree
from .ir import Api
from .loader import load
from .positions import locate
from .progress import SILENT, Progress
from .render import render
from .settings import Settings
from .targets.python import python_jobs
from .validation import ValidationModel, build_validation
from .write import WriteResult, drift, write_tree

__all__ = ["Generated", "check_drift", "generate", "produce"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Generated:
    """The files a run produces (relative paths under the output folder) and its warnings
    (placed at ``file:line:col``, in document order)."""

    files: dict[str, str]
    warnings: list[Diagnostic]


def produce(settings: Settings, progress: Progress = SILENT, *, store: bool = True) -> Generated:
    """Generate every file in memory; raise ``SpecError`` with all problems of a bad spec.
    With ``store=False`` the formatter cache is only read (``check`` writes nothing)."""
    rendered, warnings = _render(settings, progress)
    cache = FormatCache(settings.cache, readonly=not store) if settings.cache is not None else None
    files = format_tree(rendered, cache, progress, formatter=settings.formatter)
    return Generated(files=files, warnings=warnings)


def _render(settings: Settings, progress: Progress) -> tuple[dict[str, str], list[Diagnostic]]:
    """Every output file, rendered but not formatted, and the warnings. Each file is rendered
    as soon as its view is built, and the view is garbage once it is: one view is held at a
    time, and the IR once this returns (the formatter, the longest stage, holds only texts)."""
    api, validation, warnings = _analyse(settings, progress)
    progress.stage(f"view: {len(api.definitions)} types, {len(api.operations)} operations")
    return render(python_jobs(api, settings, validation)), warnings


def _analyse(settings: Settings, progress: Progress) -> tuple[Api, ValidationModel, list[Diagnostic]]:
    """The IR, the validators' IR and every warning, placed at ``file:line:col``; the loaded
    document is garbage once this returns (the views need only the IR)."""
    progress.stage("load")
    document = load(settings.spec, spec_root=settings.spec_root)
    progress.stage("build")
    api, warnings = build(document)
    problems = check(api)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise SpecError(errors)
    progress.stage("validators")
    roots = [(d.key, d.location) for d in api.definitions]  # every schema gets validators
    validation = build_validation(document, api.openapi, roots)
    found = warnings + problems + list(validation.warnings)
    return api, validation, locate(document.root, found, document.positions)


def generate(settings: Settings, progress: Progress = SILENT) -> tuple[Generated, WriteResult]:
    """Generate and write atomically into ``settings.output``."""
    generated = produce(settings, progress)
    progress.stage(f"write: {len(generated.files)} files")
    return generated, write_tree(generated.files, settings.output)


def check_drift(settings: Settings, progress: Progress = SILENT) -> tuple[list[str], str]:
    """Regenerate in memory and compare with disk: (stale paths, unified diff). Writes nothing."""
    return drift(produce(settings, progress, store=False).files, settings.output)
