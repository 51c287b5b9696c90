"""The fast path of the Python format stage: ``ruff format``, as a
:class:`~generator.format.commandstream.CommandStyle`.

specgen emits only code on which ``ruff format`` and black agree byte for byte (the emitters put
docstring quotes, conditional parentheses and string pieces where black would; ``tests/workflow``
proves it on every golden case and on ``generated/``), so this is black's output, made by a
formatter written in Rust. ruff is optional (``pip install 'specgen[fast]'``); its settings here
are black's mode: line length 88, Python 3.10, no configuration file read. Each piece it formats
is parsed back (compiled) in the worker, by :func:`.parse_back.parse_error`.
"""

from __future__ import annotations

from importlib import import_module

from ....format import FormatterMissing
from ....format.commandstream import CommandStyle
from .blocks import JOINER, RUN_BLOCKS, RUN_LINES, split_blocks, style_key
from .parse_back import HERE

__all__ = ["ruff_binary", "ruff_style"]

_ARGS = ("format", "--no-cache", "--isolated",
         "--config", "line-length=88", "--config", 'target-version="py310"')
# Modules are cut into runs of blocks (the manifest's units, the same as black's: RUN_BLOCKS on
# average), no longer than this: ruff formats files in parallel, and compile() (the parse-back)
# costs more than linearly in a module's size (GitHub's validators: 3.6 s of CPU in 20k-line
# pieces, 2.9 s in 5k-line pieces)
_PIECE_LINES = RUN_LINES
_RUN_BLOCKS = RUN_BLOCKS
_BATCH_LINES = 100_000  # rendered lines handed to one background ruff run and its parse-back


def ruff_binary() -> str:
    """The ``ruff`` executable of the installed ``ruff`` package."""
    try:
        module = import_module("ruff")
    except ImportError:
        raise FormatterMissing(
            "formatter 'ruff' needs the ruff package: pip install 'specgen[fast]'"
        ) from None
    return str(module.find_ruff_bin())


def ruff_style() -> CommandStyle:
    """``ruff format`` with black's settings (raises :class:`FormatterMissing` without ruff)."""
    return CommandStyle(
        name="ruff format", key=style_key(),  # black's: the same bytes, the same manifest
        suffix=".py", command=(ruff_binary(), *_ARGS),
        check=(HERE, "parse_error"), cut=split_blocks, joiner=JOINER, piece_lines=_PIECE_LINES,
        run_blocks=_RUN_BLOCKS, batch_lines=_BATCH_LINES, prefix="specgen-ruff-")
