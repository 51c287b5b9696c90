"""black's path of the format stage (``format``): each top-level block formatted on its own,
cached by content hash, the blocks not in the cache spread over one process per CPU when there
are many; a file with a block black refuses (a cut inside a string) is formatted whole.

Imported only when black formats: importing black takes ~50 ms that a ruff run need not pay.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

import black

from .cache import FormatCache, digest
from .format import FormatFailure
from .parse_back import parse_error
from .progress import Progress

__all__ = ["MODE", "black_tree"]

MODE = black.Mode(target_versions={black.TargetVersion.PY310}, line_length=88)  # type: ignore[attr-defined]
# the formatter's name and version are part of every cache key: entries never mix formatters
_MODE_KEY = f"black {black.__version__} py310 88"  # type: ignore[attr-defined]
_PARALLEL_LINES = 20_000  # fewer lines to format than this: one process (a pool costs ~0.2 s)
_CHUNKS_PER_WORKER = 4
_T = TypeVar("_T")


def black_tree(
    files: dict[str, str], blocks: dict[str, list[str]], cache: FormatCache | None,
    progress: Progress, workers: int | None,
) -> dict[str, str]:
    """Each file of ``blocks`` (path -> its blocks) formatted; ``files`` has their texts."""
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
        formatted = black.format_str(block, mode=MODE)
    except (black.InvalidInput, SyntaxError, ValueError):  # type: ignore[attr-defined]
        return None
    # each block parses back, so their concatenation does
    return formatted if parse_error(formatted) is None else None


def _black_whole(path: str, text: str) -> str:
    try:
        formatted = black.format_str(text, mode=MODE)
    except (black.InvalidInput, SyntaxError, ValueError) as exc:  # type: ignore[attr-defined]
        raise FormatFailure(path, text, str(exc)) from None
    return _parse(path, formatted, text)


def _parse(path: str, formatted: str, source: str) -> str:
    error = parse_error(formatted, path)
    if error is not None:
        raise FormatFailure(path, source, error)
    return formatted
