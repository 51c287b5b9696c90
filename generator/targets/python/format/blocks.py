"""Python's cut rule for the format stage: before a top-level ``class``/``def``.

Formatting a module block by block gives the bytes of formatting it whole (the formatted blocks
joined with the two blank lines black puts between top-level definitions; the Python format
stage, :mod:`generator.targets.python.format`, says why and ``tests/workflow`` proves it).
"""

from __future__ import annotations

import importlib.metadata
import re
from itertools import pairwise

__all__ = ["JOINER", "RUN_BLOCKS", "RUN_LINES", "split_blocks", "style_key"]

JOINER = "\n\n"  # between formatted blocks: with their own trailing newline, two blank lines
# A run of blocks (the unit of the format manifest, and a piece ruff formats): this many blocks on
# average, at most this many lines; the same in both modes, so they write the same manifest
RUN_BLOCKS = 16
RUN_LINES = 5_000
_TOP = re.compile(r"^(?:class |def |async def |@)", re.MULTILINE)


def style_key() -> str:
    """black's style: its name, its style year (the stable style changes only in a year's
    January release, ``YY.1.0``, so every ``26.x`` formats alike: the version the runtime
    dependency is pinned to, ``~=26.1``) and settings. Part of every cache key and the
    ``formatter`` of the format manifest in both modes (``ruff format``'s bytes are black's:
    proved on every golden and on ``generated/``), so the two modes write and reuse the same
    manifest, and a black patch release does not make committed output look stale."""
    year = importlib.metadata.version("black").split(".", 1)[0]
    return f"black {year} py310 88"


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
