"""The fast path of the format stage: ``ruff format`` over the whole tree in one process.

specgen emits only code on which ``ruff format`` and black agree byte for byte (the emitters put
docstring quotes, conditional parentheses and string pieces where black would; ``tests/workflow``
proves it on every golden case and on ``generated/``), so this is black's output, made by a
formatter written in Rust. ruff is optional (``pip install 'specgen[fast]'``); its settings here
are black's mode: line length 88, Python 3.10, no configuration file read.

The files are written to a temporary folder and formatted by one ``ruff format`` run: ruff spreads
files over its threads, and a module of Stripe's size is cut at its top-level blocks into a few
files (one per core), so one 7 MB ``models.py`` does not keep the other cores idle.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import tempfile
from pathlib import Path

__all__ = ["FormatterMissing", "RuffFailure", "ruff_format"]

_ARGS = ("format", "--no-cache", "--isolated",
         "--config", "line-length=88", "--config", 'target-version="py310"')
_PIECE_LINES = 20_000  # modules longer than this are cut into pieces formatted in parallel


class FormatterMissing(Exception):
    """``formatter = "ruff"`` but the ``ruff`` package is not installed."""


class RuffFailure(Exception):
    """``ruff format`` refused a file (``path``; ``reason`` is ruff's message)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path


def ruff_binary() -> str:
    """The ``ruff`` executable of the installed ``ruff`` package."""
    try:
        module = importlib.import_module("ruff")
    except ImportError:
        raise FormatterMissing(
            "formatter 'ruff' needs the ruff package: pip install 'specgen[fast]'"
        ) from None
    return str(module.find_ruff_bin())


def ruff_format(pieces: dict[str, list[str]]) -> dict[str, list[str]]:
    """Format each module given as its top-level blocks (``split_blocks``); returns path -> the
    formatted pieces of the module, to be joined with ``"\\n\\n"``.

    Blocks are grouped into pieces of about ``_PIECE_LINES`` lines, each a file of its own; the
    formatted pieces of a module joined with the blank lines black puts between top-level
    definitions are the module formatted whole (block by block equals whole: see ``format``).
    A cut that is not a statement boundary (inside a string) makes a piece ruff cannot parse;
    then every module is formatted whole, and a module that still fails raises
    :class:`RuffFailure`.
    """
    binary = ruff_binary()
    try:
        return _run(binary, {path: _group(blocks) for path, blocks in pieces.items()})
    except RuffFailure:
        return _run(binary, {path: ["".join(blocks)] for path, blocks in pieces.items()})


def _run(binary: str, pieces: dict[str, list[str]]) -> dict[str, list[str]]:
    with tempfile.TemporaryDirectory(prefix="specgen-ruff-") as tmp:
        root = Path(tmp)
        names: dict[str, list[Path]] = {}
        for number, (path, texts) in enumerate(pieces.items()):
            names[path] = [root / f"m{number}_{index}.py" for index in range(len(texts))]
            for name, text in zip(names[path], texts, strict=True):
                name.write_bytes(text.encode("utf-8"))
        done = subprocess.run([binary, *_ARGS, str(root)], capture_output=True, text=True,
                              env={**os.environ, "NO_COLOR": "1"}, check=False)
        if done.returncode != 0:
            raise RuffFailure(_culprit(done.stderr, names), done.stderr.strip())
        return {path: [n.read_bytes().decode("utf-8") for n in files]
                for path, files in names.items()}


def _group(blocks: list[str]) -> list[str]:
    """Consecutive blocks joined into pieces of at least ``_PIECE_LINES`` lines (one if small)."""
    out: list[str] = []
    current: list[str] = []
    lines = 0
    for block in blocks:
        current.append(block)
        lines += block.count("\n")
        if lines >= _PIECE_LINES:
            out.append("".join(current))
            current, lines = [], 0
    if current or not out:
        out.append("".join(current))
    return out


def _culprit(stderr: str, names: dict[str, list[Path]]) -> str:
    for path, files in names.items():
        if any(f.name in stderr for f in files):
            return path
    return "ruff format"
