"""The pipeline, top to bottom.

load -> build -> check -> validation -> lint -> for each target: view -> render -> format -> write

The stages up to the lint are language-neutral and run once (:mod:`.examine`, which ``validate``
runs too); then each configured target
(``settings.targets``, found through :mod:`generator.targets`) turns their results into render
jobs and formats its own files, under ``<output>/<target>/``. From view to format the stages run
file by file: each file is rendered as soon as its view is built and handed to its target's
formatter, which formats it in the background (black: once there is enough to do) while the next
views are built; ``generate`` links the formatters' files into the writer's staging tree, so the
packages' text is never all in memory.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from .diagnostics import Diagnostic, SpecError
from .examine import examine_spec
from .format import Formatter
from .format.cache import FormatCache
from .format.manifest import Reuse
from .progress import SILENT, Progress
from .render import Renderer
from .settings import Settings
from .targets import target
from .targets.target import Inputs, Target
from .write import Content, WriteResult, drift, text_of, write_tree

C = TypeVar("C", str, Content)

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
    """Every file of every target, formatted (its text, or a file of a formatter's that lasts as
    long as the ``with`` block), and the warnings."""
    reuse = _reuse(settings, store=store)
    targets = [target(name) for name in settings.targets]
    with ExitStack() as stack:
        formatters = [stack.enter_context(t.formatting(settings.options_for(t), reuse, progress))
                      for t in targets]
        warnings = _render(settings, progress, list(zip(targets, formatters, strict=True)))
        files: dict[str, Content] = {}
        for formatter in formatters:
            files.update(formatter.result())
        yield files, warnings


def _reuse(settings: Settings, *, store: bool) -> Reuse:
    """Where formatted text is found instead of formatting again: with a cache (the default of
    ``specgen``; ``--no-cache``: none), the committed output's format manifests (checked against
    the committed bytes) and the cache (only read with ``store=False``). Without one, nothing:
    every unit is formatted."""
    if settings.cache is None:
        return Reuse()
    return Reuse(cache=FormatCache(settings.cache, readonly=not store), committed=settings.output)


def _render(settings: Settings, progress: Progress,
            targets: list[tuple[Target, Formatter]]) -> list[Diagnostic]:
    """Render each target's files into its formatter as soon as each view is built (it formats
    the first while the next are viewed), under ``<target>/``; returns the warnings. Each view
    is garbage once its file is rendered, and the IR once the last target's last one is: the
    formatters' last work, their longest, runs beside no more than the texts."""
    inputs, warnings = _analyse(settings, progress, [language for language, _ in targets])
    progress.stage(f"view: {_size(inputs)}")
    renderer = Renderer()
    for language, formatter in targets:
        for job in language.jobs(inputs[language.name], settings.options_for(language)):
            formatter.add(f"{language.name}/{job.path}", renderer.chunks(job))
    return warnings


def _analyse(settings: Settings, progress: Progress,
             targets: list[Target]) -> tuple[dict[str, Inputs], list[Diagnostic]]:
    """What each target is given (the IR, the shared analysis, the validators' IR built for its
    capabilities), and every warning (the targets' too), placed at ``file:line:col``: exactly
    what ``validate`` reports (:func:`~.examine.examine`); on an error, every problem is raised.
    The loaded document is garbage once this returns (the views need only the IR)."""
    examined = examine_spec(settings.spec, settings.spec_root,
                            [(t, settings.options_for(t)) for t in targets], progress,
                            settings.limits, env_prefix=settings.env_prefix,
                            project=settings.package)
    if examined.errors:
        raise SpecError(examined.problems)
    return examined.inputs, examined.problems


def _size(inputs: dict[str, Inputs]) -> str:
    """The progress line of the view stage: the size of the API every target views."""
    api = next(iter(inputs.values())).api
    return f"{len(api.definitions)} types, {len(api.operations)} operations"


def generate(settings: Settings, progress: Progress = SILENT) -> tuple[list[Diagnostic], WriteResult]:
    """Generate and write atomically into ``settings.output``; returns the warnings and what
    was written. The formatter's files are copied into the writer's staging tree: the package's
    text is never all in memory (GitHub: 65 MB)."""
    with _formatted(settings, progress, store=True) as (files, warnings):
        progress.stage(f"write: {len(files)} files")
        results = [write_tree(group, parent) for parent, group in _placed(settings, files)]
        return warnings, WriteResult(
            written=tuple(w for r in results for w in r.written),
            unchanged=tuple(u for r in results for u in r.unchanged),
            removed=tuple(m for r in results for m in r.removed))


def _placed(settings: Settings, files: Mapping[str, C]) -> list[tuple[Path, dict[str, C]]]:
    """``files`` (``<target>/<path>``) grouped by the folder that holds each target's folder
    (:meth:`~.settings.Settings.folder`: ``<output>/<target>/`` unless its table sets
    ``output``), as paths under it: the writer swaps each target's folder whole and keeps one
    manifest per parent folder."""
    groups: dict[Path, dict[str, C]] = {}
    for path, content in files.items():
        name, _, rest = path.partition("/")
        folder = settings.folder(name)
        groups.setdefault(folder.parent, {})[f"{folder.name}/{rest}"] = content
    return sorted(groups.items())


def check_drift(settings: Settings, progress: Progress = SILENT, *,
                warnings: list[Diagnostic] | None = None) -> tuple[list[str], str]:
    """Regenerate in memory and compare with disk: (stale paths, unified diff); the run's
    warnings (what ``validate`` and ``generate`` report) are added to ``warnings``. Writes
    nothing."""
    generated = produce(settings, progress, store=False)
    if warnings is not None:
        warnings += generated.warnings
    stale: list[str] = []
    diffs: list[str] = []
    for parent, group in _placed(settings, generated.files):
        paths, diff = drift(group, parent)
        shown = "" if parent == settings.output else f"{parent.as_posix()}/"
        stale += [f"{shown}{p}" for p in paths]
        diffs.append(diff.replace("--- a/", f"--- a/{shown}").replace("+++ b/", f"+++ b/{shown}")
                     if shown else diff)
    return stale, "".join(diffs)
