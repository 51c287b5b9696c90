"""The Go target's format stage: ``gofmt`` from the Go toolchain on ``PATH``.

Every ``.go`` file is written to a temporary folder and ``gofmt -l -w`` runs over them in one
command; gofmt parses what it formats, so a file it refuses is the parse-back failing
(:class:`~generator.format.FormatFailure` with the file and its unformatted source). Other
files pass through. A file whose formatted text the committed output has (the folder's format
manifest, :mod:`generator.format.manifest`: a unit per file, checked against the committed
bytes) is not formatted again; the result holds the folder's new manifest. Without ``gofmt``
the run stops with :class:`~generator.format.FormatterMissing`, saying what to install.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from ...format import FormatFailure, Formatter, FormatterMissing
from ...format.cache import digest
from ...format.manifest import NOTHING, Recorder, Reuse, Unit, source_hash, text_hash
from ...write import Content

__all__ = ["GoFormatter", "formatting"]


class GoFormatter:
    """A :class:`~generator.format.Formatter` that runs ``gofmt`` at :meth:`result`."""

    def __init__(self, gofmt: str, reuse: Reuse = NOTHING) -> None:
        self._gofmt = gofmt
        self._reuse = reuse
        # gofmt's layout of Go >= 1.19 has not changed since (1.19 reflowed doc comments, below
        # the generated module's go 1.22): a manifest written with one Go is reused with another,
        # and no toolchain upgrade makes committed output look stale
        self._key = "gofmt go1.19+"
        self._files: dict[str, str] = {}
        self.formatted = 0  # files handed to gofmt

    def add(self, path: str, chunks: Iterable[str]) -> None:
        self._files[path] = "".join(chunks)

    def result(self) -> Mapping[str, Content]:
        go = {p: t for p, t in self._files.items() if p.endswith(".go")}
        sources = {p: source_hash(digest(self._key, t)) for p, t in go.items()}
        finder = self._reuse.finder(self._key)
        found = {p: t for p, s in sources.items() if (t := finder.text(p, s)) is not None}
        formatted = found | self._gofmt_all({p: t for p, t in go.items() if p not in found})
        recorder = Recorder(self._key, "")
        for path, text in formatted.items():
            data = text.encode("utf-8")
            recorder.record(path, [Unit(sources[path], text_hash(data), len(data))])
        out: dict[str, Content] = {p: formatted.get(p, t) for p, t in self._files.items()}
        return out | recorder.manifests()

    def _gofmt_all(self, go: dict[str, str]) -> dict[str, str]:
        """``go`` (path -> text) formatted by one run of gofmt."""
        self.formatted += len(go)
        if not go:
            return {}
        with tempfile.TemporaryDirectory(prefix="specgen-gofmt-") as folder:
            root = Path(folder)
            names = {}
            for index, (path, text) in enumerate(go.items()):
                name = root / f"f{index}.go"
                name.write_text(text, encoding="utf-8")
                names[path] = name
            done = subprocess.run([self._gofmt, "-w", *map(str, names.values())],
                                  capture_output=True, text=True, check=False)
            if done.returncode != 0:
                path = next((p for p, n in names.items() if f"{n}:" in done.stderr), "go")
                raise FormatFailure(path, go.get(path, ""), done.stderr.strip())
            return {p: n.read_text(encoding="utf-8") for p, n in names.items()}


@contextmanager
def formatting(reuse: Reuse = NOTHING) -> Iterator[Formatter]:
    """gofmt, found on ``PATH`` (``FormatterMissing`` when it is not), reusing what ``reuse``
    has."""
    gofmt = shutil.which("gofmt")
    if gofmt is None:
        raise FormatterMissing(
            "the go target formats with gofmt, which is not on PATH: install Go 1.22 or "
            "later (https://go.dev/dl/) and put its bin folder on PATH")
    yield GoFormatter(gofmt, reuse)
