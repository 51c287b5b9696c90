"""A format stream that formats modules block by block, through the content-hash cache.

For a target whose formatter formats a module's blocks apart to the bytes it gives the module
whole (:class:`BlockStyle`: Python's black), fed module by module as they are rendered. Each
module is cut into its blocks as it comes (its whole text is kept only in a file, for the case
where it must be formatted whole), and its blocks into runs (:func:`~.blocks.runs`, the units of
the format manifest). A run is looked up by content hash in the committed output (its target's
format manifest, :mod:`.manifest`: checked against the committed bytes); the blocks of a run not
found there are looked up in the cache, and those found in neither are queued in chunks, files
of a temporary folder. Once there is enough to do, the chunks are formatted while rendering goes
on, by worker processes (one per CPU, :class:`~.worker.Worker`: fresh interpreters that import
the formatter, not forks of the generator); else here, when the last module is in.
:meth:`BlockStream.result` joins each module's formatted blocks into a file of the folder, one
module at a time; a module with a block the formatter refuses (a cut inside a string) is
formatted whole. So the generator's process holds no module's text and, when workers format,
does not import the formatter. The result holds each target folder's format manifest, which
lists every run of every module formatted.
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
from .blocks import Cut, runs
from .cache import digest
from .manifest import Recorder, Reuse, Unit, source_hash, text_hash
from .store import Store
from .worker import Function, Workers

__all__ = ["BlockStream", "BlockStyle"]

Slot = tuple[int, int]  # (chunk, index of the block in it)
Run = tuple[str, int, list[str | Slot]]
"""A run of blocks (:func:`~.blocks.runs`, the manifest's unit): its source hash, its number
of blocks, and its formatted text (found in the committed output) or each block's formatted
text (found in the cache) or slot."""


@dataclass(frozen=True, slots=True, kw_only=True)
class BlockStyle:
    """A target's formatter as :class:`BlockStream` runs it.

    ``suffix``: the files it formats (others pass through). ``key``: the formatter's name,
    version and settings, part of every cache key (entries never mix formatters). ``cut`` and
    ``joiner``: where a module is cut into blocks, and what joins their formatted texts.
    ``run_blocks``: the blocks of a run (the unit of the format manifest), on average.
    ``blocks``: the formatted text of each block, ``None`` where the formatter refuses it or its
    output does not parse back (here, in the generator's process). ``chunk``: the same in a
    worker, called as ``chunk(source, target, *chunk_args)`` (a JSON file of ``[key, block]``
    pairs in, a JSON list of texts out). ``whole``: ``(path, text)`` -> the module formatted
    whole; raises :class:`~generator.format.FormatFailure`. ``parallel_lines``: with fewer lines
    to format, this process formats them (workers cost ~0.3 s); ``chunk_lines``: lines of blocks
    per chunk, and the most lines of a run.
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
    run_blocks: int = 16
    prefix: str = "specgen-format-"


class BlockStream:
    """Format the modules handed to :meth:`add`; :meth:`result` has them all. With ``workers``
    given, chunks go to that many processes (one: this one); by default to one process per CPU
    once the blocks to format reach ``style.parallel_lines``. Use it in a ``with`` block: leaving it
    stops the pool and removes the temporary folder."""

    def __init__(self, style: BlockStyle, reuse: Reuse, progress: Progress,
                 workers: int | None) -> None:
        self._style = style
        self._cache = reuse.cache
        self._committed = reuse.finder(style.key)
        self._recorder = Recorder(style.key, style.joiner)
        self._progress = progress
        self._workers = workers or os.cpu_count() or 1
        self._wait = workers is None  # for enough work before starting a pool
        self._store = Store(style.prefix)
        # path -> its blocks (a cache hit as its text: on a regeneration, most of the package),
        # or the text of a file that is not a Python module
        self._files: dict[str, list[Run] | str] = {}
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
        self._done = 0  # blocks result() has joined

    def add(self, path: str, chunks: Iterable[str]) -> None:
        """Take the file at ``path`` (posix, relative) whose text is ``chunks``; files without
        the style's suffix are passed on as they are."""
        if not path.endswith(self._style.suffix):
            self._files[path] = "".join(chunks)
            return
        refs: list[Run] = []
        self._raw[path] = f"raw{len(self._raw)}.py"
        with self._store.writer(self._raw[path]) as raw:
            style = self._style
            for blocks in runs(chunks, style.chunk_lines, style.cut, style.run_blocks):
                text = "".join(blocks)  # never the whole module in memory
                raw(text)
                source = source_hash(digest(style.key, text))
                found = self._committed.text(path, source)
                refs.append((source, len(blocks), [found] if found is not None
                             else [self._block(block) for block in blocks]))
        self._files[path] = refs
        if all(isinstance(r, str) for _, _, parts in refs for r in parts):  # never formatted whole
            self._store.drop(self._raw.pop(path))

    @property
    def formatted(self) -> int:
        """How many blocks this stream has handed to the formatter (each once a run)."""
        return len(self._queued)

    def _block(self, block: str) -> str | Slot:
        """The formatted text of ``block`` from the cache, or its slot in a chunk."""
        key = digest(self._style.key, block)
        hit = self._cache.get(key) if self._cache is not None else None
        return hit if hit is not None else self._queue(key, block)

    def result(self) -> dict[str, str | Path]:
        """Every file in the order they came, a module formatted (it parses back): its text,
        or once workers ran, the file of this stream's folder that holds it (the files last
        until the stream is closed); then each target folder's format manifest. Raises
        :class:`FormatFailure`."""
        self._close_chunk()
        if self._pool is None:  # little to do: format here, in order
            for number in range(len(self._chunks)):
                pairs = json.loads(self._store.read(self._input(number)))
                formatted = self._style.blocks([block for _, block in pairs])
                self._store.write(self._output(number), json.dumps(formatted))
        self._uses = Counter(r[0] for refs in self._files.values() if isinstance(refs, list)
                             for _, _, parts in refs for r in parts if isinstance(r, tuple))
        total = sum(n for refs in self._files.values() if isinstance(refs, list)
                    for _, n, _ in refs)
        out: dict[str, str | Path] = {}
        for path, refs in self._files.items():
            out[path] = (refs if isinstance(refs, str)
                         else self._module(path, f"out{len(out)}.py", total))
        if self._cache is not None:
            self._cache.trim()
        self._progress.stage(f"format: {self.formatted} of {total} blocks formatted")
        return out | self._recorder.manifests()

    def _module(self, path: str, target: str, total: int) -> str | Path:
        """The module ``path`` formatted into the text ``target``, run by run (whole if a block
        was refused); its runs recorded for the manifest."""
        units: list[Unit] | None = []  # None: a block was refused, format the module whole
        joiner = self._style.joiner
        refs = self._files[path]
        assert isinstance(refs, list)
        with self._store.writer(target) as sink:
            for position, (source, blocks, parts) in enumerate(refs):
                self._done += blocks
                if any(isinstance(p, tuple) and p[0] not in self._loaded for p in parts):
                    self._progress.stage("format: blocks", self._done, total)
                texts = [self._take(part) for part in parts]
                if units is None or any(t is None for t in texts):
                    units = None
                    continue
                text = joiner.join(t for t in texts if t is not None)
                sink(joiner + text if position else text)
                units.append(_unit(source, text))
        self._recorder.record(path, units if units is not None else [self._whole(path, target)])
        return self._store.content(target)

    def _whole(self, path: str, target: str) -> Unit:
        """Format the module ``path`` whole into the text ``target``; its one unit."""
        source = self._store.read(self._raw[path])
        text = self._style.whole(path, source)
        self._store.write(target, text)
        return _unit(source_hash(digest(self._style.key, source)), text)

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


def _unit(source: str, text: str) -> Unit:
    """The manifest's record of a formatted text whose source hash is ``source``."""
    data = text.encode("utf-8")
    return Unit(source, text_hash(data), len(data))
