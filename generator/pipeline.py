"""The pipeline, top to bottom.

load -> build -> check -> validation -> view (python) -> render -> format -> write

From view to format the stages run file by file: each file is rendered as soon as its view is
built and handed to the formatter, which formats it in the background (black: once there is
enough to do) while the next views are built; ``generate`` links the formatter's files into the
writer's staging tree, so the package's text is never all in memory.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

from .analysis import analyse
from .build import build
from .build.check import check
from .diagnostics import Diagnostic, SpecError
from .format import Formatter, formatting
from .format.cache import FormatCache
from .ir import Api
from .load.loader import load
from .load.positions import locate
from .progress import SILENT, Progress
from .render import Renderer
from .settings import Settings
from .targets.python import python_jobs
from .targets.python.capabilities import CAPABILITIES
from .validation import ValidationModel, build_validation
from .write import Content, WriteResult, drift, text_of, write_tree

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
    with _formatted(settings, progress, store=store) as (files, warnings):
        return Generated(files={path: text_of(c) for path, c in files.items()}, warnings=warnings)


@contextmanager
def _formatted(
    settings: Settings, progress: Progress, *, store: bool
) -> Iterator[tuple[Mapping[str, Content], list[Diagnostic]]]:
    """Every file, formatted (its text, or a file of the formatter's that lasts as long as the
    ``with`` block), and the warnings."""
    cache = FormatCache(settings.cache, readonly=not store) if settings.cache is not None else None
    with formatting(settings.formatter, cache, progress) as formatter:
        warnings = _render(settings, progress, formatter)
        yield formatter.result(), warnings


def _render(settings: Settings, progress: Progress, formatter: Formatter) -> list[Diagnostic]:
    """Render every output file into ``formatter`` as soon as its view is built (it formats
    the first while the next are viewed); returns the warnings. Each view is garbage once its
    file is rendered, and the IR once the last one is: the formatter's last work, its longest,
    runs beside no more than the texts."""
    api, validation, warnings = _analyse(settings, progress)
    progress.stage(f"view: {len(api.definitions)} types, {len(api.operations)} operations")
    renderer = Renderer()
    for job in python_jobs(api, settings, validation, analyse(api)):
        formatter.add(job.path, renderer.chunks(job))
    return warnings


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
    validation = build_validation(document, api.openapi, roots, capabilities=CAPABILITIES)
    found = warnings + problems + list(validation.warnings)
    return api, validation, locate(document.root, found, document.positions)


def generate(settings: Settings, progress: Progress = SILENT) -> tuple[list[Diagnostic], WriteResult]:
    """Generate and write atomically into ``settings.output``; returns the warnings and what
    was written. The formatter's files are copied into the writer's staging tree: the package's
    text is never all in memory (GitHub: 65 MB)."""
    with _formatted(settings, progress, store=True) as (files, warnings):
        progress.stage(f"write: {len(files)} files")
        return warnings, write_tree(files, settings.output)


def check_drift(settings: Settings, progress: Progress = SILENT) -> tuple[list[str], str]:
    """Regenerate in memory and compare with disk: (stale paths, unified diff). Writes nothing."""
    return drift(produce(settings, progress, store=False).files, settings.output)
