"""black's path of the format stage (``format``), fed module by module as they are rendered.

Each module is cut into its top-level blocks as it comes (its whole text is kept only in a file,
for the case where it must be formatted whole). A block is looked up in the cache by content
hash; the blocks not in it are queued in chunks, files of a temporary folder. Once there is
enough to do, the chunks are formatted while rendering goes on, by worker processes (one per
CPU, :class:`~.parse_back.Worker`: fresh interpreters that import black, not forks of the
generator); else here, when the last module is in. :meth:`BlackStream.result` joins each
module's formatted blocks into a file of the folder, one module at a time; a module with a block
black refuses (a cut inside a string) is formatted whole. So the generator's process holds no
module's text and, when workers format, does not import black (~17 MB).
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import os
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from ..progress import Progress
from . import FormatFailure
from .blocks import pieces, split_blocks
from .cache import FormatCache, digest
from .parse_back import Workers, black_blocks, black_mode, parse_error

__all__ = ["MODE", "BlackStream"]


def _home() -> str:
    """The folder black is installed in (found, not imported)."""
    spec = importlib.util.find_spec("black")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("the formatter black is not installed")
    return str(Path(spec.origin).parent.parent)


# black's settings, for the workers and here: py310 code, 88 columns
MODE: dict[str, Any] = {"line_length": 88, "target_versions": ["PY310"], "path": _home()}
# the formatter's name and version are part of every cache key: entries never mix formatters
_MODE_KEY = f"black {importlib.metadata.version('black')} py310 88"
_PARALLEL_LINES = 20_000  # fewer lines to format than this: this process (workers cost ~0.3 s)
_CHUNK_LINES = 5_000  # lines of blocks per chunk: black takes ~2 s of one process for one
Slot = tuple[int, int]  # (chunk, index of the block in it)


class BlackStream:
    """Format the modules handed to :meth:`add`; :meth:`result` has them all. With ``workers``
    given, chunks go to that many processes (one: this one); by default to one process per CPU
    once the blocks to format reach ``_PARALLEL_LINES``. Use it in a ``with`` block: leaving it
    stops the pool and removes the temporary folder."""

    def __init__(self, cache: FormatCache | None, progress: Progress, workers: int | None) -> None:
        self._cache = cache
        self._progress = progress
        self._workers = workers or os.cpu_count() or 1
        self._wait = workers is None  # for enough work before starting a pool
        self._store = _Store()
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
        self._loaded: dict[int, list[str | None]] = {}  # chunks in use by result(): black's output
        self._uses: Counter[int] = Counter()  # chunk -> the blocks result() has yet to take

    def add(self, path: str, chunks: Iterable[str]) -> None:
        """Take the file at ``path`` (posix, relative) whose text is ``chunks``; other files
        than Python modules are passed on as they are."""
        if not path.endswith(".py"):
            self._files[path] = "".join(chunks)
            return
        refs: list[str | Slot] = []
        self._raw[path] = f"raw{len(self._raw)}.py"
        with self._store.writer(self._raw[path]) as raw:
            for piece in pieces(chunks, _CHUNK_LINES):  # once spilled, never whole in memory
                raw(piece)
                for block in split_blocks(piece):
                    key = digest(_MODE_KEY, block)
                    hit = self._cache.get(key) if self._cache is not None else None
                    refs.append(hit if hit is not None else self._queue(key, block))
        self._files[path] = refs
        if all(isinstance(r, str) for r in refs):  # every block cached: never formatted whole
            self._store.drop(self._raw.pop(path))

    def result(self) -> dict[str, str | Path]:
        """Every file in the order they came, a Python module formatted (it compiles): its text,
        or once workers ran, the file of this stream's folder that holds it (the files last
        until the stream is closed). Raises :class:`FormatFailure`."""
        self._close_chunk()
        if self._pool is None:  # little to do: format here, in order
            for number in range(len(self._chunks)):
                pairs = json.loads(self._store.read(self._input(number)))
                formatted = black_blocks([block for _, block in pairs], MODE)
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
            whole = False  # black refused a block (a cut inside a string): format it whole
            with self._store.writer(target) as sink:  # block by block
                for position, ref in enumerate(refs):
                    done += 1
                    if isinstance(ref, tuple) and ref[0] not in self._loaded:
                        self._progress.stage("format: blocks", done, total)
                    text = self._take(ref)
                    if text is None:
                        whole = True
                    elif not whole:
                        sink(f"\n\n{text}" if position else text)
            if whole:
                source = self._store.read(self._raw[path])
                self._store.write(target, _black_whole(path, source))
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
        if self._batch_lines >= _CHUNK_LINES:
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
                not self._wait or self._queued_lines >= _PARALLEL_LINES):
            self._store.spill()  # the workers read and write files
            self._pool = ThreadPoolExecutor(max_workers=self._workers)
        if self._pool is not None:
            for number in range(self._sent, len(self._chunks)):
                self._chunks[number] = self._pool.submit(self._format, number)
            self._sent = len(self._chunks)

    def _format(self, number: int) -> None:
        """Format chunk ``number`` in a worker process."""
        with self._lender.lend() as worker:
            worker.black(self._store.path(self._input(number)),
                         self._store.path(self._output(number)), MODE)

    def _load(self, number: int) -> list[str | None]:
        """black's output for each block of a chunk (when it is done); the new ones are cached."""
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


class _Store:
    """Named texts: in memory until :meth:`spill`, then files of a temporary folder (the workers
    read and write files). A run with little to format writes nothing outside its output."""

    def __init__(self) -> None:
        self._texts: dict[str, str] | None = {}
        self._folder: tempfile.TemporaryDirectory[str] | None = None

    def spill(self) -> None:
        """Move every text to a file of a new temporary folder; later texts go to files."""
        if self._texts is None:
            return
        self._folder = tempfile.TemporaryDirectory(prefix="specgen-black-")
        texts, self._texts = self._texts, None
        for name, text in texts.items():
            self.write(name, text)

    def path(self, name: str) -> Path:
        assert self._folder is not None, "not spilled"
        return Path(self._folder.name) / name

    def write(self, name: str, text: str) -> None:
        if self._texts is not None:
            self._texts[name] = text
        else:
            self.path(name).write_bytes(text.encode("utf-8"))

    @contextmanager
    def writer(self, name: str) -> Iterator[Callable[[str], object]]:
        """A function that appends to the text ``name`` (straight to its file once spilled)."""
        if self._texts is None:
            with self.path(name).open("w", encoding="utf-8", newline="") as file:
                yield file.write
            return
        parts: list[str] = []
        yield parts.append
        self.write(name, "".join(parts))  # to a file if it spilled meanwhile

    def read(self, name: str) -> str:
        if self._texts is not None:
            return self._texts[name]
        return self.path(name).read_bytes().decode("utf-8")

    def drop(self, name: str) -> None:
        if self._texts is not None:
            del self._texts[name]
        else:
            self.path(name).unlink()

    def content(self, name: str) -> str | Path:
        """The text ``name`` for the writer: itself, or the file that holds it."""
        return self._texts[name] if self._texts is not None else self.path(name)

    def close(self) -> None:
        if self._folder is not None:
            self._folder.cleanup()


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
