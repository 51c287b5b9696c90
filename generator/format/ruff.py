"""The fast path of the format stage: ``ruff format``, fed module by module as they are rendered.

specgen emits only code on which ``ruff format`` and black agree byte for byte (the emitters put
docstring quotes, conditional parentheses and string pieces where black would; ``tests/workflow``
proves it on every golden case and on ``generated/``), so this is black's output, made by a
formatter written in Rust. ruff is optional (``pip install 'specgen[fast]'``); its settings here
are black's mode: line length 88, Python 3.10, no configuration file read.

:class:`RuffStream` takes each module as it is rendered, in the chunks the renderer produces (the
validators module, 600k lines on GitHub, is never whole in memory), and cuts it at its top-level
blocks (:mod:`.blocks`) into pieces of about ``_PIECE_LINES`` lines, each a file in a temporary
folder. Every ``_BATCH_LINES`` lines, a batch of pieces goes to a background thread, which hands
it to a worker process (:class:`~.parse_back.Worker`, one per thread, kept for the next batch)
that runs ``ruff format`` on it and parses it back; so the formatting of the first modules
overlaps the views and rendering of the later ones. The last batch is shared out among the
threads. The formatted pieces of a module, joined with the blank lines black puts between
top-level definitions, are the module formatted whole (block by block equals whole: see
``format``).

A cut that is not a statement boundary (text inside a string) makes a piece ruff cannot parse;
a module one of whose pieces fails is formatted again whole, from the copy of its pieces as
rendered; a module that still fails raises :class:`RuffFailure`.
"""

from __future__ import annotations

import importlib
import os
import shutil
import tempfile
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from types import TracebackType
from typing import Self

from ..progress import SILENT, Progress
from .blocks import pieces
from .parse_back import Workers

__all__ = ["FormatterMissing", "RuffFailure", "RuffStream", "ruff_binary"]

_ARGS = ("format", "--no-cache", "--isolated",
         "--config", "line-length=88", "--config", 'target-version="py310"')
# Modules longer than this are cut: ruff formats files in parallel, and compile() (the
# parse-back) costs more than linearly in a module's size (GitHub's validators: 3.6 s of CPU in
# 20k-line pieces, 2.9 s in 5k-line pieces)
_PIECE_LINES = 5_000
_BATCH_LINES = 100_000  # rendered lines handed to one background ruff run and its parse-back


class FormatterMissing(Exception):
    """``formatter = "ruff"`` but the ``ruff`` package is not installed."""


class RuffFailure(Exception):
    """``ruff format`` refused a module, or its output does not parse (``path``; the reason;
    ``source``, the module as rendered)."""

    def __init__(self, path: str, reason: str, source: str = "") -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.source = source


def ruff_binary() -> str:
    """The ``ruff`` executable of the installed ``ruff`` package."""
    try:
        module = importlib.import_module("ruff")
    except ImportError:
        raise FormatterMissing(
            "formatter 'ruff' needs the ruff package: pip install 'specgen[fast]'"
        ) from None
    return str(module.find_ruff_bin())


class RuffStream:
    """Format the modules handed to :meth:`add` in the background; :meth:`result` has them all.

    ``workers`` batches are formatted at once (default: one per CPU). Use it in a ``with``
    block: leaving it waits for the batches under way and removes the temporary folder.
    """

    def __init__(self, *, workers: int | None = None, progress: Progress = SILENT) -> None:
        self._binary = ruff_binary()
        self._progress = progress
        self._folder = tempfile.TemporaryDirectory(prefix="specgen-ruff-")
        self._root = Path(self._folder.name)
        (self._root / "raw").mkdir()  # the pieces as rendered
        (self._root / "fmt").mkdir()  # the pieces formatted in place
        (self._root / "out").mkdir()  # modules of several pieces, joined
        self._workers = workers or os.cpu_count() or 1
        self._pool = ThreadPoolExecutor(max_workers=self._workers)
        self._files: dict[str, list[str] | str] = {}  # path -> its pieces, or a text passed on
        self._batch: list[str] = []  # the pieces not sent yet, by file name in raw/
        self._lines = 0
        self._runs: list[Future[dict[str, str]]] = []
        self._lender = Workers()  # the worker processes, one per busy thread

    def add(self, path: str, chunks: Iterable[str]) -> None:
        """Take the file at ``path`` (posix, relative) whose text is ``chunks``; other files
        than Python modules are passed on as they are."""
        if not path.endswith(".py"):
            self._files[path] = "".join(chunks)
            return
        names: list[str] = []
        number = len(self._files)
        self._files[path] = names
        for piece in pieces(chunks, _PIECE_LINES):
            names.append(f"m{number}_{len(names)}.py")
            (self._root / "raw" / names[-1]).write_bytes(piece.encode("utf-8"))
            self._batch.append(names[-1])
            self._lines += piece.count("\n")
            if self._lines >= _BATCH_LINES:
                self._send()

    def result(self) -> dict[str, str | Path]:
        """Every file in the order they came: a Python module as the file in this stream's
        folder that holds it formatted (it compiles), any other as its text. The files last
        until the stream is closed. Raises :class:`RuffFailure`."""
        self._send(parts=self._workers)  # the last batch is all that is left: share it out
        self._progress.stage(f"format: ruff, {len(self._files)} files")
        failed: dict[str, str] = {}
        for run in self._runs:
            failed.update(run.result())
        if failed:
            self._format_whole(failed)
        return {path: text if isinstance(text, str) else self._joined(text)
                for path, text in self._files.items()}

    def _send(self, *, parts: int = 1) -> None:
        """Hand the batch to the pool, cut in ``parts`` batches."""
        for part in range(parts):
            if batch := self._batch[part::parts]:
                self._runs.append(self._pool.submit(self._format, batch))
        self._batch, self._lines = [], 0

    def _format(self, batch: list[str]) -> dict[str, str]:
        """Copy the pieces ``batch`` (file names) from ``raw/`` to ``fmt/``, format them there
        and parse them back, in a :class:`~.parse_back.Worker`'s process; returns, by file
        name, why each piece that failed did."""
        with self._lender.lend() as worker:
            done = worker.run(
                [(self._root / "raw" / n, self._root / "fmt" / n) for n in batch],
                [self._binary, *_ARGS])
        if done.failed and not done.refused:
            raise RuffFailure("ruff format", done.failed)
        failed = {f.name: done.failed for f in done.refused}
        failed.update((f.name, f"the formatted module does not parse: {m}")
                      for f, m in done.errors.items())
        return failed

    def _format_whole(self, failed: dict[str, str]) -> None:
        """Format whole each module that has a piece in ``failed`` (file name -> reason), if it
        was cut (the cut may have been inside a string); raise for one that still fails."""
        whole: dict[str, str] = {}  # path -> the file name of the module formatted whole
        for path, names in self._files.items():
            if isinstance(names, str) or not any(n in failed for n in names):
                continue
            source = self._rendered(names)
            if len(names) == 1:
                raise RuffFailure(path, failed[names[0]], source)
            whole[path] = f"whole_{names[0]}"
            (self._root / "raw" / whole[path]).write_bytes(source.encode("utf-8"))
        again = self._format(list(whole.values()))
        for path, name in whole.items():
            if name in again:
                raise RuffFailure(path, again[name], self._rendered([name]))
            self._files[path] = [name]

    def _joined(self, names: list[str]) -> Path:
        """The formatted module: its one piece, or its pieces joined with the blank lines black
        puts between top-level definitions, in a file of their own (copied in blocks)."""
        if len(names) == 1:
            return self._root / "fmt" / names[0]
        joined = self._root / "out" / names[0]
        with joined.open("wb") as out:
            for index, name in enumerate(names):
                out.write(b"\n\n" if index else b"")
                with (self._root / "fmt" / name).open("rb") as piece:
                    shutil.copyfileobj(piece, out)
        return joined

    def _rendered(self, names: list[str]) -> str:
        """The module whose pieces are ``names``, as rendered."""
        return "".join((self._root / "raw" / n).read_bytes().decode("utf-8") for n in names)

    def close(self) -> None:
        """Wait for the batches under way (drop those not started), end the workers and
        remove the folder."""
        self._pool.shutdown(cancel_futures=True)
        self._lender.close()
        self._folder.cleanup()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
