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
import re
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import pairwise
from typing import TypeVar

import black

from .cache import FormatCache, digest
from .parse_back import parse_error
from .progress import SILENT, Progress
from .ruff_format import RuffFailure, ruff_format

__all__ = ["FormatFailure", "format_tree", "split_blocks"]

_MODE = black.Mode(target_versions={black.TargetVersion.PY310}, line_length=88)  # type: ignore[attr-defined]
# the formatter's name and version are part of every cache key: entries never mix formatters
_MODE_KEY = f"black {black.__version__} py310 88"  # type: ignore[attr-defined]
_TOP = re.compile(r"^(?:class |def |async def |@)", re.MULTILINE)
_PARALLEL_LINES = 20_000  # fewer lines to format than this: one process (a pool costs ~0.2 s)
_CHUNKS_PER_WORKER = 4
_T = TypeVar("_T")


class FormatFailure(Exception):
    """Generated source that the formatter could not format or Python could not parse."""

    def __init__(self, path: str, source: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.source = source


def format_tree(
    files: dict[str, str], cache: FormatCache | None = None, progress: Progress = SILENT,
    *, formatter: str = "black", workers: int | None = None,
) -> dict[str, str]:
    """Format every ``.py`` file with ``formatter`` (black or ruff: the same bytes); other files
    pass through. Returns a new mapping; every Python file in it parses.

    black works block by block through ``cache``; blocks it has not formatted before are
    formatted by ``workers`` processes (default: one per CPU when there is enough to do, else
    this process). ruff formats everything in one run and uses no cache.
    """
    if formatter == "ruff":
        modules = {path: text for path, text in files.items() if path.endswith(".py")}
        progress.stage(f"format: ruff, {len(modules)} files")
        done = _ruff_tree(modules, workers)
    else:  # black's blocks are parsed as they are formatted
        blocks = {path: split_blocks(text) for path, text in files.items()
                  if path.endswith(".py")}
        done = _black_tree(files, blocks, cache, progress, workers)
    return {path: done.get(path, text) for path, text in files.items()}


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


def _ruff_tree(modules: dict[str, str], workers: int | None) -> dict[str, str]:
    lines = sum(text.count("\n") for text in modules.values())
    parallel = (os.cpu_count() or 1) if lines >= _PARALLEL_LINES else 1
    try:
        return ruff_format(modules, split_blocks, check_workers=workers or parallel)
    except RuffFailure as exc:
        raise FormatFailure(exc.path, modules.get(exc.path, ""), str(exc)) from None


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


def split_blocks(text: str) -> list[str]:
    """Cut a module before each top-level ``class``/``def`` that follows a blank line (with its
    decorators and the comment lines directly above it); the first block is everything before
    the first cut."""
    cuts = [0]
    for match in _TOP.finditer(text):
        start = match.start()
        if start == 0 or text[start - 1] != "\n":
            continue
        above = text[text.rfind("\n", 0, start - 1) + 1:start]  # the line right above
        if above.startswith("@"):
            continue  # a decorated definition stays with its decorators
        cut = _above_comments(text, start)
        if cut > cuts[-1] and text[cut - 2:cut] == "\n\n":
            cuts.append(cut)  # with no blank line above, black may keep none (stubs, overloads)
    cuts.append(len(text))
    return [text[a:b] for a, b in pairwise(cuts) if text[a:b].strip()]


def _above_comments(text: str, start: int) -> int:
    """Move a cut up over ``#`` lines that touch the definition (black keeps them attached)."""
    while start > 0:
        line_start = text.rfind("\n", 0, start - 1) + 1
        if not text[line_start:start].startswith("#"):
            break
        start = line_start
    return start
