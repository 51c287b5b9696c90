"""The Python target's format stage: black (or ruff format, the same bytes), pinned; then every
file is parsed back (:mod:`.parse_back`: compiled, not run).

Formatting is the slowest stage on large specs, so it is incremental: a module is cut into its
top-level blocks (each class or function with its decorators and the comments right above it,
and the part before the first one; :mod:`.blocks`), each block is formatted on its own, and the
results are joined with the two blank lines black puts between top-level definitions. With a
:class:`~generator.format.cache.FormatCache`, a block whose source was formatted before is not
formatted again, so a one-line change in a spec reformats one class, not a 7 MB module.

Formatting blocks apart gives the same bytes as formatting the file whole, because at a top-level
``class``/``def`` black's blank-line rule depends only on that line (``tests/workflow`` proves it
on every golden and on ``generated/``). A cut that is not a real statement boundary (text inside a
string) leaves a block that black cannot parse; then the file is formatted whole.

black runs as a :class:`~generator.format.blockstream.BlockStream` (:mod:`.black`, imported only
when black runs), ruff as a :class:`~generator.format.commandstream.CommandStream`
(:mod:`.ruff`); :func:`formatting` gives either as a :class:`~generator.format.Formatter`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from ....format import Formatter
from ....format.cache import FormatCache
from ....format.commandstream import CommandStream
from ....format.manifest import NOTHING, Reuse
from ....progress import SILENT, Progress
from ....write import text_of
from .blocks import split_blocks
from .ruff import ruff_style

__all__ = ["FORMATTERS", "format_tree", "formatting", "split_blocks"]

FORMATTERS = ("black", "ruff")


@contextmanager
def formatting(
    formatter: str = "black", reuse: Reuse = NOTHING, progress: Progress = SILENT,
    *, workers: int | None = None,
) -> Iterator[Formatter]:
    """A :class:`~generator.format.Formatter` with ``formatter`` (black or ruff: the same
    bytes); files that are not Python pass through. Raises
    :class:`~generator.format.FormatFailure` (and ``FormatterMissing`` at once).

    Both format in worker processes while files are still being added, keeping the texts in
    temporary files that leaving the block removes. ruff formats pieces of modules. black
    formats block by block; the blocks ``reuse`` does not have (the committed output, checked
    against its bytes, then the cache) go to
    ``workers`` processes (default: one per CPU once there is enough to do; until then the
    texts stay in memory, and with little to do this process formats them at ``result()``).
    """
    if formatter != "ruff":
        from ....format.blockstream import BlockStream
        from .black import BLACK  # imported here: finding black and its version takes time

        with BlockStream(BLACK, reuse, progress, workers) as blocks:
            yield blocks
        return
    with CommandStream(ruff_style(), reuse, workers=workers, progress=progress) as stream:
        yield stream


def format_tree(
    files: dict[str, str], cache: FormatCache | None = None, progress: Progress = SILENT,
    *, formatter: str = "black", workers: int | None = None,
) -> dict[str, str]:
    """Format every ``.py`` file of ``files`` with :func:`formatting` (through ``cache``);
    returns a new mapping of the same paths (no format manifest)."""
    with formatting(formatter, Reuse(cache=cache), progress, workers=workers) as stage:
        for path, text in files.items():
            stage.add(path, (text,))
        return {path: text_of(content) for path, content in stage.result().items()
                if path in files}
