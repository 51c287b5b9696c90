"""The Go target's format stage: ``gofmt`` from the Go toolchain on ``PATH``.

Every ``.go`` file is written to a temporary folder and ``gofmt -l -w`` runs over them in one
command; gofmt parses what it formats, so a file it refuses is the parse-back failing
(:class:`~generator.format.FormatFailure` with the file and its unformatted source). Other
files pass through. Without ``gofmt`` the run stops with
:class:`~generator.format.FormatterMissing`, saying what to install.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from ...format import FormatFailure, Formatter, FormatterMissing
from ...write import Content

__all__ = ["GoFormatter", "formatting"]


class GoFormatter:
    """A :class:`~generator.format.Formatter` that runs ``gofmt`` at :meth:`result`."""

    def __init__(self, gofmt: str) -> None:
        self._gofmt = gofmt
        self._files: dict[str, str] = {}

    def add(self, path: str, chunks: Iterable[str]) -> None:
        self._files[path] = "".join(chunks)

    def result(self) -> Mapping[str, Content]:
        go = {p: t for p, t in self._files.items() if p.endswith(".go")}
        if not go:
            return dict(self._files)
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
            formatted = {p: n.read_text(encoding="utf-8") for p, n in names.items()}
        return {p: formatted.get(p, t) for p, t in self._files.items()}


@contextmanager
def formatting() -> Iterator[Formatter]:
    """gofmt, found on ``PATH`` (``FormatterMissing`` when it is not)."""
    gofmt = shutil.which("gofmt")
    if gofmt is None:
        raise FormatterMissing(
            "the go target formats with gofmt, which is not on PATH: install Go 1.22 or "
            "later (https://go.dev/dl/) and put its bin folder on PATH")
    yield GoFormatter(gofmt)
