"""black's path of the Python format stage: the :class:`~generator.format.blockstream.BlockStyle`
that :class:`~generator.format.blockstream.BlockStream` formats Python modules with, block by
block through the cache (imported only when black runs: finding black and its version takes
time).

black's settings here and in the workers: py310 code, 88 columns. A worker calls
:func:`.parse_back.black_chunk` (it imports black; the generator's process imports black only
to format a module whole, or when there is too little to start workers).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from ....format import FormatFailure
from ....format.blockstream import BlockStyle
from .blocks import JOINER, RUN_BLOCKS, RUN_LINES, split_blocks, style_key
from .parse_back import HERE, black_blocks, black_mode, parse_error

__all__ = ["BLACK", "MODE"]


def _home() -> str:
    """The folder black is installed in (found, not imported)."""
    spec = importlib.util.find_spec("black")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("the formatter black is not installed")
    return str(Path(spec.origin).parent.parent)


# black's settings, for the workers and here: py310 code, 88 columns
MODE: dict[str, Any] = {"line_length": 88, "target_versions": ["PY310"], "path": _home()}


def _blocks(blocks: list[str]) -> list[str | None]:
    return black_blocks(blocks, MODE)


def _black_whole(path: str, text: str) -> str:
    style = black_mode(MODE)
    import black

    try:
        formatted = black.format_str(text, mode=style)
    except (black.InvalidInput, SyntaxError, ValueError) as exc:  # type: ignore[attr-defined]
        raise FormatFailure(path, text, str(exc)) from None
    error = parse_error(formatted, path)
    if error is not None:
        raise FormatFailure(path, text, error)
    return formatted


BLACK = BlockStyle(
    suffix=".py",
    # the formatter's name and version are part of every cache key: entries never mix formatters
    key=style_key(),
    cut=split_blocks,
    joiner=JOINER,
    blocks=_blocks,
    chunk=(HERE, "black_chunk"),
    chunk_args=(MODE,),
    whole=_black_whole,
    parallel_lines=20_000,  # fewer lines to format than this: this process (workers cost ~0.3 s)
    chunk_lines=RUN_LINES,  # lines of blocks per chunk: black takes ~2 s of one process for one
    run_blocks=RUN_BLOCKS,
    prefix="specgen-black-",
)
