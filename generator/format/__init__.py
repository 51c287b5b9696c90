"""Stage 6, format: black (or ruff format, the same bytes), pinned; then every file is parsed back
(:mod:`.parse_back`: compiled, not run).

A failure here is a bug in specgen (a template produced invalid code); it raises
:class:`FormatFailure` with the file name and the unformatted source so the bug is easy to see.

Formatting is the slowest stage on large specs, so it is incremental: a module is cut into its
top-level blocks (each class or function with its decorators and the comments right above it,
and the part before the first one), each block is formatted on its own, and the results are
joined with the two blank lines black puts between top-level definitions. With a
:class:`~generator.format.cache.FormatCache`, a block whose source was formatted before is not formatted
again, so a one-line change in a spec reformats one class, not a 7 MB module.

Formatting blocks apart gives the same bytes as formatting the file whole, because at a top-level
``class``/``def`` black's blank-line rule depends only on that line (``tests/workflow`` proves it
on every golden and on ``generated/``). A cut that is not a real statement boundary (text inside a
string) leaves a block that black cannot parse; then the file is formatted whole.

black's path is :mod:`.black_format` (imported only when black runs), ruff's :mod:`.ruff_format`;
:func:`formatting` gives either as a :class:`Formatter` fed file by file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Protocol

from ..progress import SILENT, Progress
from ..write import Content, text_of
from .blocks import split_blocks
from .cache import FormatCache
from .ruff import RuffFailure, RuffStream

__all__ = ["FormatFailure", "Formatter", "format_tree", "formatting", "split_blocks"]


class FormatFailure(Exception):
    """Generated source that the formatter could not format or Python could not parse."""

    def __init__(self, path: str, source: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.source = source


class Formatter(Protocol):
    """The format stage fed file by file: :func:`formatting` makes one."""

    def add(self, path: str, chunks: Iterable[str]) -> None:
        """Take the file at ``path`` (posix, relative) whose text is ``chunks``."""

    def result(self) -> Mapping[str, Content]:
        """Every file taken, in order; Python modules formatted, and every one of them parses.
        A content that is a file lasts until the :func:`formatting` block is left."""
        ...


@contextmanager
def formatting(
    formatter: str = "black", cache: FormatCache | None = None, progress: Progress = SILENT,
    *, workers: int | None = None,
) -> Iterator[Formatter]:
    """A :class:`Formatter` with ``formatter`` (black or ruff: the same bytes); files that are
    not Python pass through. Raises :class:`FormatFailure` (and ``FormatterMissing`` at once).

    Both format in worker processes while files are still being added, keeping the texts in
    temporary files that leaving the block removes. ruff (``ruff_format``) formats pieces of
    modules. black (``black_format``) formats block by block through ``cache``; the blocks it
    has not formatted before go to ``workers`` processes (default: one per CPU once there is
    enough to do; until then the texts stay in memory, and with little to do this process
    formats them at :meth:`~Formatter.result`).
    """
    if formatter != "ruff":
        from .black import BlackStream  # imported here: black takes 50 ms to import

        with BlackStream(cache, progress, workers) as blocks:
            yield blocks
        return
    with RuffStream(workers=workers, progress=progress) as stream:
        try:
            yield stream
        except RuffFailure as exc:
            raise FormatFailure(exc.path, exc.source, str(exc)) from None


def format_tree(
    files: dict[str, str], cache: FormatCache | None = None, progress: Progress = SILENT,
    *, formatter: str = "black", workers: int | None = None,
) -> dict[str, str]:
    """Format every ``.py`` file of ``files`` with :func:`formatting`; returns a new mapping."""
    with formatting(formatter, cache, progress, workers=workers) as stage:
        for path, text in files.items():
            stage.add(path, (text,))
        return {path: text_of(content) for path, content in stage.result().items()}
