"""A format stream that runs a formatter's command on pieces of modules, in worker processes.

For a target whose formatter is a command that formats files in place (:class:`CommandStyle`:
Python's ``ruff format``; ``gofmt -w`` would be one), fed module by module as they are rendered.

:class:`CommandStream` takes each module as it is rendered, in the chunks the renderer produces
(the validators module, 600k lines on GitHub, is never whole in memory), and cuts it at its
blocks (the style's cut rule, :mod:`.blocks`) into pieces, runs of blocks whose ends depend only
on the blocks (:func:`~.blocks.runs`: ``run_blocks`` blocks on average, at most ``piece_lines``
lines), each a file in a temporary folder. A piece whose formatted text the committed output
has (its target's format manifest, :mod:`.manifest`, checked against the committed bytes) is
not formatted again: after a change to one schema, one piece is. Every ``batch_lines`` lines,
a batch of pieces goes to a background thread, which hands it to a worker process
(:class:`~.worker.Worker`, one per thread, kept for the next batch) that runs the command on it
and parses it back with the style's check; so the formatting of the first modules overlaps the
views and rendering of the later ones. The last batch is shared out among the threads. The
formatted pieces of a module, joined with the style's joiner, are the module formatted whole.

A cut that is not a statement boundary (text inside a string) makes a piece the formatter cannot
parse; a module one of whose pieces fails is formatted again whole, from the copy of its pieces
as rendered; a module that still fails raises :class:`~generator.format.FormatFailure`. The
result holds each target folder's format manifest, which lists every piece of every module.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Self

from ..progress import SILENT, Progress
from . import FormatFailure
from .blocks import Cut, runs
from .cache import digest
from .manifest import NOTHING, Recorder, Reuse, Unit, source_hash, text_hash
from .worker import Function, Workers

__all__ = ["CommandStream", "CommandStyle"]


@dataclass(frozen=True, slots=True, kw_only=True)
class CommandStyle:
    """A target's formatter as :class:`CommandStream` runs it.

    ``name``: what a failure of the command as a whole is reported as. ``key``: its name,
    version and settings (a format manifest made by another is not reused). ``suffix``: the
    files it formats (others pass through). ``command``: the command line, to which the files are
    appended (it formats them in place; it names a file it refuses in its error output).
    ``check``: the parse-back, ``(text, file name) -> message or None``, run in the worker.
    ``cut`` and ``joiner``: where modules are cut, what joins formatted pieces.
    ``piece_lines``: the most lines of a piece; ``run_blocks``: the blocks of a piece, on
    average; ``batch_lines``: rendered lines handed to one background run.
    """

    name: str
    key: str
    suffix: str
    command: tuple[str, ...]
    check: Function
    cut: Cut
    joiner: str
    piece_lines: int
    run_blocks: int
    batch_lines: int
    prefix: str = "specgen-format-"


class CommandStream:
    """Format the modules handed to :meth:`add` in the background; :meth:`result` has them all.

    ``workers`` batches are formatted at once (default: one per CPU). Use it in a ``with``
    block: leaving it waits for the batches under way and removes the temporary folder.
    """

    def __init__(self, style: CommandStyle, reuse: Reuse = NOTHING, *,
                 workers: int | None = None, progress: Progress = SILENT) -> None:
        self._style = style
        self._committed = reuse.finder(style.key)
        self._sources: dict[str, str] = {}  # piece -> its source hash
        self._found: dict[str, str] = {}  # piece -> its committed formatted text
        self._recorder = Recorder(style.key, style.joiner)
        self.formatted = 0  # pieces handed to the formatter
        self._progress = progress
        self._folder = tempfile.TemporaryDirectory(prefix=style.prefix)
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
        """Take the file at ``path`` (posix, relative) whose text is ``chunks``; files without
        the style's suffix are passed on as they are."""
        if not path.endswith(self._style.suffix):
            self._files[path] = "".join(chunks)
            return
        names: list[str] = []
        number = len(self._files)
        self._files[path] = names
        style = self._style
        for blocks in runs(chunks, style.piece_lines, style.cut, style.run_blocks):
            piece = "".join(blocks)
            names.append(f"m{number}_{len(names)}.py")
            (self._root / "raw" / names[-1]).write_bytes(piece.encode("utf-8"))
            self._sources[names[-1]] = source_hash(digest(style.key, piece))
            found = self._committed.text(path, self._sources[names[-1]])
            if found is not None:
                self._found[names[-1]] = found
                continue
            self._batch.append(names[-1])
            self._lines += piece.count("\n")
            if self._lines >= style.batch_lines:
                self._send()

    def result(self) -> dict[str, str | Path]:
        """Every file in the order they came: a module as the file in this stream's folder that
        holds it formatted (it parses back), any other as its text. The files last until the
        stream is closed. Raises :class:`~generator.format.FormatFailure`."""
        self._send(parts=self._workers)  # the last batch is all that is left: share it out
        pieces = sum(len(n) for n in self._files.values() if isinstance(n, list))
        self._progress.stage(f"format: {self._style.name}, {len(self._files)} files, "
                             f"{self.formatted} of {pieces} pieces formatted")
        failed: dict[str, str] = {}
        for run in self._runs:
            failed.update(run.result())
        if failed:
            self._format_whole(failed)
        out = {path: text if isinstance(text, str) else self._joined(path, text)
               for path, text in self._files.items()}
        return out | self._recorder.manifests()

    def _send(self, *, parts: int = 1) -> None:
        """Hand the batch to the pool, cut in ``parts`` batches."""
        for part in range(parts):
            if batch := self._batch[part::parts]:
                self.formatted += len(batch)
                self._runs.append(self._pool.submit(self._format, batch))
        self._batch, self._lines = [], 0

    def _format(self, batch: list[str]) -> dict[str, str]:
        """Copy the pieces ``batch`` (file names) from ``raw/`` to ``fmt/``, format them there
        and parse them back, in a :class:`~.worker.Worker`'s process; returns, by file name,
        why each piece that failed did."""
        with self._lender.lend() as worker:
            done = worker.run(
                [(self._root / "raw" / n, self._root / "fmt" / n) for n in batch],
                list(self._style.command), self._style.check)
        if done.failed and not done.refused:
            raise FormatFailure(self._style.name, "", done.failed)
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
                raise FormatFailure(path, source, failed[names[0]])
            whole[path] = f"whole_{names[0]}"
            (self._root / "raw" / whole[path]).write_bytes(source.encode("utf-8"))
            self._sources[whole[path]] = source_hash(digest(self._style.key, source))
        again = self._format(list(whole.values()))
        for path, name in whole.items():
            if name in again:
                raise FormatFailure(path, self._rendered([name]), again[name])
            self._files[path] = [name]

    def _joined(self, path: str, names: list[str]) -> Path:
        """The formatted module ``path``: its pieces (formatted, or found in the committed
        output) joined with the style's joiner, in a file of their own; its units recorded."""
        joined = self._root / "out" / names[0]
        joiner = self._style.joiner.encode("utf-8")
        units: list[Unit] = []
        with joined.open("wb") as out:
            for index, name in enumerate(names):
                out.write(joiner if index else b"")
                found = self._found.get(name)
                data = (found.encode("utf-8") if found is not None
                        else (self._root / "fmt" / name).read_bytes())
                out.write(data)
                units.append(Unit(self._sources[name], text_hash(data), len(data)))
        self._recorder.record(path, units)
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
