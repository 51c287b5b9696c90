"""Stage 6, format: black (or ruff format, the same bytes), pinned; then every file is parsed back
(:mod:`.parse_back`: compiled, not run).

A failure here is a bug in specgen (a template produced invalid code); it raises
:class:`FormatFailure` with the file name and the unformatted source so the bug is easy to see.

Formatting is the slowest stage on large specs, so it is incremental: a module is cut into its
top-level blocks (each class or function with its decorators and the comments right above it,
and the part before the first one), each block is formatted on its own, and the results are
joined with the two blank lines black puts between top-level definitions. With a
:class:`~generator.cache.FormatCache`, a block whose source was formatted before is not formatted
again, so a one-line change in a spec reformats one class, not a 7 MB module.

Formatting blocks apart gives the same bytes as formatting the file whole, because at a top-level
``class``/``def`` black's blank-line rule depends only on that line (``tests/workflow`` proves it
on every golden and on ``generated/``). A cut that is not a real statement boundary (text inside a
string) leaves a block that black cannot parse; then the file is formatted whole.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Protocol, TypeVar

import black

from .blocks import split_blocks
from .cache import FormatCache, digest
from .parse_back import parse_error
from .progress import SILENT, Progress
from .ruff_format import RuffFailure, RuffStream
from .write import Content, text_of

__all__ = ["FormatFailure", "Formatter", "format_tree", "formatting", "split_blocks"]

_MODE = black.Mode(target_versions={black.TargetVersion.PY310}, line_length=88)  # type: ignore[attr-defined]
# the formatter's name and version are part of every cache key: entries never mix formatters
_MODE_KEY = f"black {black.__version__} py310 88"  # type: ignore[attr-defined]
_PARALLEL_LINES = 20_000  # fewer lines to format than this: one process (a pool costs ~0.2 s)
_CHUNKS_PER_WORKER = 4
_T = TypeVar("_T")


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

    ruff formats in the background while files are still being added (``ruff_format``); leaving
    the block waits for the work under way and removes its temporary files. black formats at
    :meth:`~Formatter.result`, block by block through ``cache``; blocks it has not formatted
    before are formatted by ``workers`` processes (default: one per CPU when there is enough to
    do, else this process).
    """
    if formatter != "ruff":
        yield _Black(cache, progress, workers)
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


class _Black:
    """black's :class:`Formatter`: holds the files until :meth:`result` formats them."""

    def __init__(self, cache: FormatCache | None, progress: Progress, workers: int | None) -> None:
        self._files: dict[str, str] = {}
        self._cache = cache
        self._progress = progress
        self._workers = workers

    def add(self, path: str, chunks: Iterable[str]) -> None:
        self._files[path] = "".join(chunks)

    def result(self) -> dict[str, str]:
        # black's blocks are parsed back as they are formatted
        blocks = {path: split_blocks(text) for path, text in self._files.items()
                  if path.endswith(".py")}
        done = _black_tree(self._files, blocks, self._cache, self._progress, self._workers)
        return {path: done.get(path, text) for path, text in self._files.items()}


def _black_tree(
    files: dict[str, str], blocks: dict[str, list[str]], cache: FormatCache | None,
    progress: Progress, workers: int | None,
) -> dict[str, str]:
    keys = {block: digest(_MODE_KEY, block) for parts in blocks.values() for block in parts}
    known: dict[str, str | None] = {}
    for block, key in keys.items():
        hit = cache.get(key) if cache is not None else None
        if hit is not None:
            known[block] = hit
    todo = [b for b in keys if b not in known]
    total = len(keys)
    progress.stage("format: blocks", len(known), total)
    for block, formatted in zip(todo, _black_blocks(todo, workers), strict=True):
        known[block] = formatted
        if formatted is not None and cache is not None:
            cache.put(keys[block], formatted)
        progress.stage("format: blocks", len(known), total)
    if cache is not None:
        cache.trim()
    out = {}
    for path, parts in blocks.items():
        done = [known[b] for b in parts]
        if all(f is not None for f in done):
            out[path] = "\n\n".join(f for f in done if f is not None)
        else:  # a cut inside a string literal: format the file whole, and report its error
            out[path] = _black_whole(path, files[path])
    return out


def _black_blocks(blocks: list[str], workers: int | None) -> Iterator[str | None]:
    """black's output for each block, in order (``None``: black or Python refused it)."""
    return _in_processes(_black_chunk, blocks, workers)


def _in_processes(
    work: Callable[[list[str]], list[_T]], texts: list[str], workers: int | None
) -> Iterator[_T]:
    """``work`` over ``texts`` in order: here when there is little to do, else in chunks over a
    pool of ``workers`` processes (default: one per CPU)."""
    count = workers or (os.cpu_count() or 1)
    if count < 2 or (workers is None and sum(b.count("\n") for b in texts) < _PARALLEL_LINES):
        yield from work(texts)
        return
    with ProcessPoolExecutor(max_workers=count) as pool:
        for done in pool.map(work, _chunks(texts, count * _CHUNKS_PER_WORKER)):
            yield from done


def _chunks(blocks: list[str], count: int) -> list[list[str]]:
    """Consecutive runs of ``blocks`` with about the same number of lines each."""
    size = max(1, sum(b.count("\n") for b in blocks) // count)
    out: list[list[str]] = [[]]
    lines = 0
    for block in blocks:
        if lines >= size:
            out.append([])
            lines = 0
        out[-1].append(block)
        lines += block.count("\n")
    return out


def _black_chunk(blocks: list[str]) -> list[str | None]:
    return [_black_block(b) for b in blocks]


def _black_block(block: str) -> str | None:
    try:
        formatted = black.format_str(block, mode=_MODE)
    except (black.InvalidInput, SyntaxError, ValueError):  # type: ignore[attr-defined]
        return None
    # each block parses back, so their concatenation does
    return formatted if parse_error(formatted) is None else None


def _black_whole(path: str, text: str) -> str:
    try:
        formatted = black.format_str(text, mode=_MODE)
    except (black.InvalidInput, SyntaxError, ValueError) as exc:  # type: ignore[attr-defined]
        raise FormatFailure(path, text, str(exc)) from None
    return _parse(path, formatted, text)


def _parse(path: str, formatted: str, source: str) -> str:
    error = parse_error(formatted, path)
    if error is not None:
        raise FormatFailure(path, source, error)
    return formatted
