"""Named texts of a format stream: in memory until :meth:`Store.spill`, then files of a temporary
folder (worker processes read and write files). A run with little to format writes nothing
outside its output."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["Store"]


class Store:
    """Named texts: in memory until :meth:`spill`, then files of a temporary folder named
    ``prefix``..."""

    def __init__(self, prefix: str) -> None:
        self._prefix = prefix
        self._texts: dict[str, str] | None = {}
        self._folder: tempfile.TemporaryDirectory[str] | None = None

    def spill(self) -> None:
        """Move every text to a file of a new temporary folder; later texts go to files."""
        if self._texts is None:
            return
        self._folder = tempfile.TemporaryDirectory(prefix=self._prefix)
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
