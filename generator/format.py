"""Stage 6, format: black, in process, pinned; then every Python file is parsed back.

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

import ast
import re
from itertools import pairwise

import black

from .cache import FormatCache, digest
from .progress import SILENT, Progress

__all__ = ["FormatFailure", "format_tree", "split_blocks"]

_MODE = black.Mode(target_versions={black.TargetVersion.PY310}, line_length=88)  # type: ignore[attr-defined]
_MODE_KEY = f"black {black.__version__} py310 88"  # type: ignore[attr-defined]
_TOP = re.compile(r"^(?:class |def |async def |@)", re.MULTILINE)


class FormatFailure(Exception):
    """Generated source that black could not format or Python could not parse."""

    def __init__(self, path: str, source: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.source = source


def format_tree(
    files: dict[str, str], cache: FormatCache | None = None, progress: Progress = SILENT
) -> dict[str, str]:
    """Format every ``.py`` file; other files pass through. Returns a new mapping."""
    blocks = {path: split_blocks(text) for path, text in files.items() if path.endswith(".py")}
    counter = _Counter(progress, sum(map(len, blocks.values())))
    out = {}
    for path, text in files.items():
        out[path] = _format_file(path, text, blocks[path], cache, counter) if path in blocks else text
    counter.tick(0)
    if cache is not None:
        cache.trim()
    return out


class _Counter:
    def __init__(self, progress: Progress, total: int) -> None:
        self.progress, self.total, self.done = progress, total, 0

    def tick(self, n: int = 1) -> None:
        self.done += n
        self.progress.stage("format: blocks", self.done, self.total)


def _format_file(
    path: str, text: str, blocks: list[str], cache: FormatCache | None, counter: _Counter
) -> str:
    try:
        formatted = []
        for block in blocks:
            formatted.append(_format_block(block, cache))
            counter.tick()
        return "\n\n".join(formatted)
    except (black.InvalidInput, SyntaxError, ValueError):  # type: ignore[attr-defined]
        pass  # a cut inside a string literal: format the file whole, and report its error
    try:
        formatted_all = black.format_str(text, mode=_MODE)
        ast.parse(formatted_all, filename=path)
    except (black.InvalidInput, SyntaxError, ValueError) as exc:  # type: ignore[attr-defined]
        raise FormatFailure(path, text, str(exc)) from None
    return formatted_all


def _format_block(block: str, cache: FormatCache | None) -> str:
    key = digest(_MODE_KEY, block)
    found = cache.get(key) if cache is not None else None
    if found is not None:
        return found
    formatted = black.format_str(block, mode=_MODE)
    ast.parse(formatted)  # each block parses, so their concatenation does
    if cache is not None:
        cache.put(key, formatted)
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
