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
from collections.abc import Callable
from pathlib import Path

from .parse_back import parse_files

__all__ = ["FormatterMissing", "RuffFailure", "ruff_format"]

_ARGS = ("format", "--no-cache", "--isolated",
         "--config", "line-length=88", "--config", 'target-version="py310"')
_PIECE_LINES = 20_000  # modules longer than this are cut into pieces formatted in parallel


class FormatterMissing(Exception):
    """``formatter = "ruff"`` but the ``ruff`` package is not installed."""


class RuffFailure(Exception):
    """``ruff format`` refused a file, or its output does not parse (``path``; ``reason``)."""

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


def ruff_format(
    modules: dict[str, str], split: Callable[[str], list[str]], check_workers: int = 1
) -> dict[str, str]:
    """Format each module (path -> source); returns path -> formatted source. Every formatted
    piece is parsed back (:mod:`.parse_back`, by ``check_workers`` processes) while its file is
    there.

    ``split`` cuts a module into its top-level blocks (``format.split_blocks``); consecutive
    blocks are grouped into pieces of about ``_PIECE_LINES`` lines, each a file of its own, and
    the formatted pieces of a module joined with the blank lines black puts between top-level
    definitions are the module formatted whole (block by block equals whole: see ``format``).
    Modules are cut and written one by one, and read back one by one: no copy of the whole tree
    is held beside the sources and the result. A cut that is not a statement boundary (inside a
    string) makes a piece ruff cannot parse; then every module is formatted whole, and a module
    that still fails raises :class:`RuffFailure`.
    """
    binary = ruff_binary()
    try:
        return _run(binary, modules, lambda text: _group(split(text)), check_workers)
    except RuffFailure:
        return _run(binary, modules, lambda text: [text], check_workers)


def _run(
    binary: str, modules: dict[str, str], cut: Callable[[str], list[str]], check_workers: int
) -> dict[str, str]:
    with tempfile.TemporaryDirectory(prefix="specgen-ruff-") as tmp:
        root = Path(tmp)
        names: dict[str, list[Path]] = {}
        for number, (path, text) in enumerate(modules.items()):
            names[path] = []
            for index, piece in enumerate(cut(text)):
                names[path].append(root / f"m{number}_{index}.py")
                names[path][-1].write_bytes(piece.encode("utf-8"))
        done = subprocess.run([binary, *_ARGS, str(root)], capture_output=True, text=True,
                              env={**os.environ, "NO_COLOR": "1"}, check=False)
        if done.returncode != 0:
            raise RuffFailure(_culprit(done.stderr, names), done.stderr.strip())
        errors = parse_files([n for files in names.values() for n in files], check_workers)
        for path, files in names.items():
            for name in files:
                if name in errors:
                    raise RuffFailure(path, f"the formatted module does not parse: {errors[name]}")
        return {path: "\n\n".join(n.read_bytes().decode("utf-8") for n in files)
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
