"""Stage 5, render: Jinja2 templates -> source text. Templates are layout only.

Jinja runs with ``StrictUndefined`` and a ``finalize`` hook that refuses plain ``str`` values:
only :class:`~generator.code.Code` (built on purpose by a view) and numbers may be printed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from ..code import Code

__all__ = ["RenderJob", "Renderer", "TemplateMisuse", "render"]

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


class TemplateMisuse(Exception):
    """A template printed a value that is not :class:`Code` (a bug in specgen, not the spec)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class RenderJob:
    """Render ``template`` with ``context`` into the output file ``path`` (posix, relative)."""

    path: str
    template: str
    context: dict[str, Any]


def _finalize(value: Any) -> Any:
    if isinstance(value, Code) or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise TemplateMisuse(f"template printed a {type(value).__name__}, not Code: {value!r:.80}")


def _environment(root: Path) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(root),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
        finalize=_finalize,
    )


class Renderer:
    """Renders jobs one at a time, with one Jinja environment (templates compile once)."""

    def __init__(self, templates: Path = TEMPLATES) -> None:
        self._env = _environment(templates)

    def chunks(self, job: RenderJob) -> Iterator[str]:
        """The text of ``job`` in the pieces Jinja produces as it goes: a view whose parts are
        computed as the template asks for them (the validators') is never whole in memory,
        and neither is its text."""
        return self._env.get_template(job.template).generate(**job.context)


def render(jobs: Iterable[RenderJob], templates: Path = TEMPLATES) -> dict[str, str]:
    """Render every job; returns output path -> text."""
    renderer = Renderer(templates)
    return {job.path: "".join(renderer.chunks(job)) for job in jobs}
