"""Cutting a module into runs of blocks as it is rendered, at the places a target's cut rule says.

A target's cut rule (:data:`Cut`) splits a whole text into blocks that its formatter formats
alike apart or together (Python's: before each top-level ``class``/``def``,
:func:`generator.targets.python.format.blocks.split_blocks`), and the formatted blocks joined with
the target's separator are the text formatted whole. :func:`pieces` cuts a text that arrives in
chunks (a module still being rendered) into runs of blocks of about a given number of lines, at
the same places, holding only the run in progress; :func:`group` joins whole blocks into runs.
:func:`runs` cuts it into runs whose ends depend only on the blocks' text, so that a change to
one block changes one run (what a formatter that formats runs of blocks reuses, run by run).
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable, Iterator
from itertools import islice

__all__ = ["Cut", "group", "pieces", "runs"]

Cut = Callable[[str], list[str]]
"""A cut rule: a text -> its blocks, in order, which join back to the text (blank-only text may
be dropped); a cut may depend only on the text above it."""


def group(blocks: list[str], lines: int) -> list[str]:
    """Consecutive blocks joined into pieces of at least ``lines`` lines (the last may be
    shorter; one piece, maybe empty, if there are few)."""
    out: list[str] = []
    current: list[str] = []
    count = 0
    for block in blocks:
        current.append(block)
        count += block.count("\n")
        if count >= lines:
            out.append("".join(current))
            current, count = [], 0
    if current or not out:
        out.append("".join(current))
    return out


def pieces(chunks: Iterable[str], lines: int, cut: Cut) -> Iterator[str]:
    """The module whose text comes in ``chunks``, cut as ``group(cut(text), lines)`` cuts it,
    or at other places ``cut`` makes: a piece is handed on as soon as ``lines`` lines of it have
    come, and the block in progress (whose end has not come) always waits for the next piece.
    A cut depends only on the text above it, so it is one the whole text has.
    """
    buffer: list[str] = []
    count = 0
    due = lines  # look for cuts again once this many lines are held (linear, not quadratic)
    for chunk in _batches(chunks):
        buffer.append(chunk)
        count += chunk.count("\n")
        if count >= due:
            *done, rest = group(cut("".join(buffer)), lines)
            yield from done
            buffer, count = [rest], rest.count("\n")
            due = count + lines
    yield from group(cut("".join(buffer)), lines)


def runs(chunks: Iterable[str], lines: int, cut: Cut, period: int) -> Iterator[list[str]]:
    """The module whose text comes in ``chunks`` as runs of its blocks (the blocks of each run;
    at least one run, maybe of no block): a run ends after a block whose checksum is a
    multiple of ``period`` (one block in ``period``, on average), or once it has ``lines``
    lines. Where a run ends depends only on
    the blocks since the last end, so editing one block changes its run and leaves the others
    as they were (cutting every ``lines`` lines would shift every later run)."""
    current: list[str] = []
    count = 0
    given = False
    for piece in pieces(chunks, lines, cut):
        for block in cut(piece):
            current.append(block)
            count += block.count("\n")
            if count >= lines or zlib.crc32(block.encode("utf-8", "surrogatepass")) % period == 0:
                yield current
                current, count, given = [], 0, True
    if current or not given:
        yield current


def _batches(chunks: Iterable[str], size: int = 4096) -> Iterator[str]:
    """``chunks`` joined ``size`` at a time (Jinja yields a chunk per printed value: 1.4M on
    GitHub, too many to count lines in one by one)."""
    it = iter(chunks)
    while run := list(islice(it, size)):
        yield "".join(run)
