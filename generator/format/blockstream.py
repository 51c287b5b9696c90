"""A format stream that formats modules block by block, through the content-hash cache.

For a target whose formatter formats a module's blocks apart to the bytes it gives the module
whole (:class:`BlockStyle`: Python's black), fed module by module as they are rendered. Each
module is cut into its blocks as it comes (its whole text is kept only in a file, for the case
where it must be formatted whole). A block is looked up in the cache by content hash; the blocks
not in it are queued in chunks, files of a temporary folder. Once there is enough to do, the
chunks are formatted while rendering goes on, by worker processes (one per CPU,
:class:`~.worker.Worker`: fresh interpreters that import the formatter, not forks of the
generator); else here, when the last module is in. :meth:`BlockStream.result` joins each
module's formatted blocks into a file of the folder, one module at a time; a module with a block
the formatter refuses (a cut inside a string) is formatted whole. So the generator's process
holds no module's text and, when workers format, does not import the formatter.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from ..progress import Progress
from .blocks import Cut, pieces
from .cache import FormatCache, digest
from .store import Store
from .worker import Function, Workers

__all__ = ["BlockStream", "BlockStyle"]

Slot = tuple[int, int]  # (chunk, index of the block in it)


@dataclass(frozen=True, slots=True, kw_only=True)
class BlockStyle:
    """A target's formatter as :class:`BlockStream` runs it.

    ``suffix``: the files it formats (others pass through). ``key``: the formatter's name,
    version and settings, part of every cache key (entries never mix formatters). ``cut`` and
    ``joiner``: where a module is cut into blocks, and what joins their formatted texts.
    ``blocks``: the formatted text of each block, ``None`` where the formatter refuses it or its
    output does not parse back (here, in the generator's process). ``chunk``: the same in a
    worker, called as ``chunk(source, target, *chunk_args)`` (a JSON file of ``[key, block]``
    pairs in, a JSON list of texts out). ``whole``: ``(path, text)`` -> the module formatted
    whole; raises :class:`~generator.format.FormatFailure`. ``parallel_lines``: with fewer lines
    to format, this process formats them (workers cost ~0.3 s); ``chunk_lines``: lines of blocks
    per chunk.
    """

    suffix: str
    key: str
    cut: Cut
    joiner: str
    blocks: Callable[[list[str]], list[str | None]]
    chunk: Function
    chunk_args: tuple[Any, ...]
    whole: Callable[[str, str], str]
    parallel_lines: int = 20_000
    chunk_lines: int = 5_000
    prefix: str = "specgen-format-"


class BlockStream:
    """Format the modules handed to :meth:`add`; :meth:`result` has them all. With ``workers``
    given, chunks go to that many processes (one: this one); by default to one process per CPU
    once the blocks to format reach ``style.parallel_lines``. Use it in a ``with`` block: leaving it
    stops the pool and removes the temporary folder."""

    def __init__(self, style: BlockStyle, cache: FormatCache | None, progress: Progress,
                 workers: int | None) -> None:
        self._style = style
        self._cache = cache
        self._progress = progress
        self._workers = workers or os.cpu_count() or 1
        self._wait = workers is None  # for enough work before starting a pool
        self._store = Store(style.prefix)
        # path -> its blocks (a cache hit as its text: on a regeneration, most of the package),
        # or the text of a file that is not a Python module
        self._files: dict[str, list[str | Slot] | str] = {}
        self._raw: dict[str, str] = {}  # path -> the name of its rendered text in the store
        self._queued: dict[str, Slot] = {}  # cache key -> its block's slot, once per run
        self._batch: list[tuple[str, str]] = []  # (key, block) of the chunk being filled
        self._batch_lines = 0
        self._queued_lines = 0
        self._chunks: list[Future[None] | None] = []  # None: not handed to a pool
        self._sent = 0  # the chunks before this one are in the pool
        self._pool: ThreadPoolExecutor | None = None  # each thread lends a worker a chunk
        self._lender = Workers()
        self._loaded: dict[int, list[str | None]] = {}  # chunks in use by result(): formatted
        self._uses: Counter[int] = Counter()  # chunk -> the blocks result() has yet to take

    def add(self, path: str, chunks: Iterable[str]) -> None:
        """Take the file at ``path`` (posix, relative) whose text is ``chunks``; files without
        the style's suffix are passed on as they are."""
        if not path.endswith(self._style.suffix):
            self._files[path] = "".join(chunks)
            return
        refs: list[str | Slot] = []
        self._raw[path] = f"raw{len(self._raw)}.py"
        with self._store.writer(self._raw[path]) as raw:
            style = self._style
            for piece in pieces(chunks, style.chunk_lines, style.cut):  # never whole in memory
                raw(piece)
                for block in style.cut(piece):
                    key = digest(style.key, block)
                    hit = self._cache.get(key) if self._cache is not None else None
                    refs.append(hit if hit is not None else self._queue(key, block))
        self._files[path] = refs
        if all(isinstance(r, str) for r in refs):  # every block cached: never formatted whole
            self._store.drop(self._raw.pop(path))

    def result(self) -> dict[str, str | Path]:
        """Every file in the order they came, a module formatted (it parses back): its text,
        or once workers ran, the file of this stream's folder that holds it (the files last
        until the stream is closed). Raises :class:`FormatFailure`."""
        self._close_chunk()
        if self._pool is None:  # little to do: format here, in order
            for number in range(len(self._chunks)):
                pairs = json.loads(self._store.read(self._input(number)))
                formatted = self._style.blocks([block for _, block in pairs])
                self._store.write(self._output(number), json.dumps(formatted))
        self._uses = Counter(r[0] for refs in self._files.values() if isinstance(refs, list)
                             for r in refs if isinstance(r, tuple))
        total = sum(len(refs) for refs in self._files.values() if isinstance(refs, list))
        done = 0
        out: dict[str, str | Path] = {}
        for path, refs in self._files.items():
            if isinstance(refs, str):
                out[path] = refs
                continue
            target = f"out{len(out)}.py"
            whole = False  # a block was refused (a cut inside a string): format it whole
            with self._store.writer(target) as sink:  # block by block
                for position, ref in enumerate(refs):
                    done += 1
                    if isinstance(ref, tuple) and ref[0] not in self._loaded:
                        self._progress.stage("format: blocks", done, total)
                    text = self._take(ref)
                    if text is None:
                        whole = True
                    elif not whole:
                        sink(self._style.joiner + text if position else text)
            if whole:
                source = self._store.read(self._raw[path])
                self._store.write(target, self._style.whole(path, source))
            out[path] = self._store.content(target)
        if self._cache is not None:
            self._cache.trim()
        return out

    def _take(self, ref: str | Slot) -> str | None:
        """The formatted block ``ref`` stands for; a chunk is read when first needed and
        dropped after its last use."""
        if isinstance(ref, str):
            return ref
        number, index = ref
        if number not in self._loaded:
            self._loaded[number] = self._load(number)
        text = self._loaded[number][index]
        self._uses[number] -= 1
        if not self._uses[number]:
            del self._loaded[number]
        return text

    def _queue(self, key: str, block: str) -> Slot:
        """The slot of ``block`` in a chunk (a block seen before in this run keeps its slot)."""
        if key in self._queued:
            return self._queued[key]
        slot = (len(self._chunks), len(self._batch))
        self._queued[key] = slot
        self._batch.append((key, block))
        lines = block.count("\n")
        self._batch_lines += lines
        self._queued_lines += lines
        if self._batch_lines >= self._style.chunk_lines:
            self._close_chunk()
        return slot

    def _close_chunk(self) -> None:
        """Write the chunk being filled; hand it (and any before it) to the pool if it runs or
        if there is now enough to start it."""
        if self._batch:
            self._store.write(self._input(len(self._chunks)), json.dumps(self._batch))
            self._chunks.append(None)
            self._batch, self._batch_lines = [], 0
        if self._pool is None and self._workers > 1 and (
                not self._wait or self._queued_lines >= self._style.parallel_lines):
            self._store.spill()  # the workers read and write files
            self._pool = ThreadPoolExecutor(max_workers=self._workers)
        if self._pool is not None:
            for number in range(self._sent, len(self._chunks)):
                self._chunks[number] = self._pool.submit(self._format, number)
            self._sent = len(self._chunks)

    def _format(self, number: int) -> None:
        """Format chunk ``number`` in a worker process."""
        with self._lender.lend() as worker:
            worker.call(self._style.chunk, str(self._store.path(self._input(number))),
                        str(self._store.path(self._output(number))), *self._style.chunk_args)

    def _load(self, number: int) -> list[str | None]:
        """The formatter's output for each block of a chunk (when it is done); the new ones are
        cached."""
        run = self._chunks[number]
        if run is not None:
            run.result()
        pairs: list[list[str]] = json.loads(self._store.read(self._input(number)))
        formatted: list[str | None] = json.loads(self._store.read(self._output(number)))
        if self._cache is not None:
            for (key, _), text in zip(pairs, formatted, strict=True):
                if text is not None:
                    self._cache.put(key, text)
        return formatted

    @staticmethod
    def _input(number: int) -> str:
        return f"chunk{number}.json"

    @staticmethod
    def _output(number: int) -> str:
        return f"chunk{number}.out.json"

    def close(self) -> None:
        """Stop the pool (dropping the chunks not started) and remove the folder."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
        self._lender.close()
        self._store.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
