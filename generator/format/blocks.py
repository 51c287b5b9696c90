"""Where a module may be cut for the formatter: before a top-level ``class``/``def``.

Formatting a module block by block gives the bytes of formatting it whole (the formatted blocks
joined with the two blank lines black puts between top-level definitions; ``format`` says why and
``tests/workflow`` proves it). :func:`split_blocks` cuts a whole text; :func:`pieces` cuts a text
that arrives in chunks (a module still being rendered) into runs of blocks of about a given
number of lines, at the same places, holding only the run in progress.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import islice, pairwise

__all__ = ["pieces", "split_blocks"]

_TOP = re.compile(r"^(?:class |def |async def |@)", re.MULTILINE)


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


def pieces(chunks: Iterable[str], lines: int) -> Iterator[str]:
    """The module whose text comes in ``chunks``, cut as ``group(split_blocks(text), lines)``
    cuts it, or at other cuts ``split_blocks`` makes: a piece is handed on as soon as ``lines``
    lines of it have come, and the block in progress (whose end has not come) always waits for
    the next piece. A cut depends only on the text above it, so it is one the whole text has.
    """
    buffer: list[str] = []
    count = 0
    due = lines  # look for cuts again once this many lines are held (linear, not quadratic)
    for chunk in _runs(chunks):
        buffer.append(chunk)
        count += chunk.count("\n")
        if count >= due:
            *done, rest = group(split_blocks("".join(buffer)), lines)
            yield from done
            buffer, count = [rest], rest.count("\n")
            due = count + lines
    yield from group(split_blocks("".join(buffer)), lines)


def _runs(chunks: Iterable[str], size: int = 4096) -> Iterator[str]:
    """``chunks`` joined ``size`` at a time (Jinja yields a chunk per printed value: 1.4M on
    GitHub, too many to count lines in one by one)."""
    it = iter(chunks)
    while run := list(islice(it, size)):
        yield "".join(run)
