"""The format manifest: the committed output is the formatter's cache.

The formatted text of every block that did not change is already in the committed output tree,
so each target folder that a formatter formats carries a small manifest,
``<output>/<target>/.specgen-format.json`` (:data:`~generator.write.FORMAT_MANIFEST`), written
and checked like every generated file. For each formatted file it lists the file's *units*
(what the formatter formatted as one: a top-level block for black, a run of blocks for
``ruff format``, a whole file for gofmt), in order: a hash of the unit's source as rendered
(with the formatter's name, version and settings), a hash of its formatted text, and the text's
length in bytes. The units of a file, joined with the manifest's ``joiner``, are the file, so a
unit's text lies at a known span of it.

A run that finds a unit's source hash in the committed manifest (:class:`Committed`) reads the
committed file, cuts the span and checks its hash before it reuses the text: a manifest is
never trusted over the bytes it describes. A hand edit, a missing file, a damaged or forged
manifest (bad JSON, another schema, a path that leaves the target folder, a hash that does not
match) or another formatter (name, version or settings) only costs reuse: those units are
formatted again, and ``check`` compares the result with the committed bytes as always.

Its bytes are deterministic (files sorted, units in file order, no timestamps) and small: a
line of ~90 bytes per unit and one per file (hashes are 128-bit prefixes of SHA-256); on Stripe,
274 KB for 650k lines of Python (docs/benchmarks.md).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from ..write import FORMAT_MANIFEST
from .cache import FormatCache

__all__ = ["NOTHING", "SCHEMA", "Committed", "Finder", "Recorder", "Reuse", "Unit", "source_hash",
           "text_hash"]

SCHEMA = "specgen-format-manifest/1"
_HEX = 32  # hex digits kept of a SHA-256: 128 bits
Span = tuple[str, int, int, str]  # (file, start, size in bytes, text hash)


def text_hash(data: bytes) -> str:
    """The manifest's hash of ``data``: the first 128 bits of its SHA-256, in hex."""
    return hashlib.sha256(data).hexdigest()[:_HEX]


@dataclass(frozen=True, slots=True)
class Unit:
    """One unit of a formatted file: its ``source`` hash (a formatter's cache key, shortened),
    the hash of its formatted ``text`` and the text's ``size`` in bytes."""

    source: str
    text: str
    size: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Reuse:
    """Where a format stage may find formatted text instead of formatting: the ``cache``
    (``.specgen-cache``, local) and the ``committed`` output folder (its targets' manifests and
    files; ``None``: reuse nothing committed)."""

    cache: FormatCache | None = None
    committed: Path | None = None

    def finder(self, formatter: str) -> Finder:
        """What the committed output has for the formatter ``formatter``."""
        return Finder(self.committed, formatter)


class Finder:
    """The committed formatted text of a unit, for one formatter: each target folder's
    manifest (:class:`Committed`) read when first asked."""

    def __init__(self, committed: Path | None, formatter: str) -> None:
        self._committed = committed
        self._formatter = formatter
        self._folders: dict[str, Committed] = {}

    def text(self, path: str, source: str) -> str | None:
        """The committed formatted text of the unit whose source hash is ``source``, in the
        target folder of ``path`` (``python/...``), checked against the committed bytes."""
        if self._committed is None:
            return None
        folder, _, rest = path.partition("/")
        if folder not in self._folders:
            self._folders[folder] = Committed(self._committed / folder, self._formatter)
        return self._folders[folder].text(source, rest)


NOTHING = Reuse()
"""Reuse nothing: format every unit."""


class Committed:
    """The committed manifest of one target folder, read when first asked: source hash -> the
    span of a committed file that holds its formatted text. A span's bytes are hashed before
    they are given; anything wrong makes :meth:`text` answer ``None`` (format it again)."""

    def __init__(self, folder: Path, formatter: str) -> None:
        self._folder = folder
        self._formatter = formatter
        self._index: dict[str, list[Span]] | None = None  # source -> where its text lies
        self._file: tuple[str, bytes | None] = ("", None)  # the last file read

    def text(self, source: str, near: str = "") -> str | None:
        """The committed formatted text of the unit whose source hash is ``source``, if the
        manifest lists it and the committed bytes at its span have the listed hash (in the
        file ``near``, relative, if it has the unit: files are read one at a time)."""
        if self._index is None:
            self._index = _index(self._folder, self._formatter)
        spans = self._index.get(source)
        if not spans:
            return None
        path, start, size, want = next((s for s in spans if s[0] == near), spans[0])
        data = self._read(path)
        if data is None or start + size > len(data):
            return None
        piece = data[start:start + size]
        if text_hash(piece) != want:
            return None
        try:
            text = piece.decode("utf-8")
        except UnicodeDecodeError:
            return None
        return text

    def _read(self, path: str) -> bytes | None:
        """The bytes of the committed file ``path`` (relative), if it is a regular file that
        lies inside the target folder (a symbolic link out of it is refused)."""
        if self._file[0] != path:
            data = None
            try:
                root = self._folder.resolve(strict=True)
                real = (root / path).resolve(strict=True)
                if real.is_relative_to(root) and real.is_file():
                    data = real.read_bytes()
            except (OSError, RuntimeError):
                data = None
            self._file = (path, data)
        return self._file[1]


def _index(folder: Path, formatter: str) -> dict[str, list[Span]]:
    """Source hash -> (file, start, size, text hash) from ``folder``'s manifest; empty when it
    is missing, unreadable, not this schema or made by another formatter."""
    try:
        data = json.loads((folder / FORMAT_MANIFEST).read_bytes().decode("utf-8"))
    except (OSError, ValueError):
        return {}
    if not _valid(data) or data["formatter"] != formatter:
        return {}
    joiner = len(data["joiner"].encode("utf-8"))
    index: dict[str, list[Span]] = {}
    for path, units in data["files"].items():
        start = 0
        for source, text, size in units:
            index.setdefault(source, []).append((path, start, size, text))
            start += size + joiner
    return index


def _valid(data: Any) -> bool:
    """Whether ``data`` is a manifest of this schema whose paths stay in the target folder."""
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        return False
    if not isinstance(data.get("formatter"), str) or not isinstance(data.get("joiner"), str):
        return False
    files = data.get("files")
    return isinstance(files, dict) and all(
        _safe(path) and isinstance(units, list) and all(_unit(u) for u in units)
        for path, units in files.items())


def _safe(path: str) -> bool:
    """A relative posix path with no empty, ``.`` or ``..`` part and no backslash."""
    parts = PurePosixPath(path).parts
    return (bool(parts) and not path.startswith("/") and "\\" not in path
            and all(p not in ("", ".", "..") for p in parts))


def _unit(unit: Any) -> bool:
    return (isinstance(unit, list) and len(unit) == 3
            and all(isinstance(h, str) and len(h) == _HEX for h in unit[:2])
            and type(unit[2]) is int and unit[2] >= 0)


@dataclass(slots=True)
class Recorder:
    """The units of each file a format stage formats, by target folder; :meth:`manifests`
    gives each folder's manifest text."""

    formatter: str
    joiner: str
    files: dict[str, dict[str, list[Unit]]] = field(default_factory=dict)

    def record(self, path: str, units: Iterable[Unit]) -> None:
        """The units of the file ``path`` (``<target>/<rest>``), in order."""
        folder, _, rest = path.partition("/")
        self.files.setdefault(folder, {})[rest] = list(units)

    def manifests(self) -> dict[str, str]:
        """``<target>/.specgen-format.json`` -> its text, for each target folder recorded."""
        return {f"{folder}/{FORMAT_MANIFEST}": self._text(files)
                for folder, files in sorted(self.files.items())}

    def _text(self, files: dict[str, list[Unit]]) -> str:
        """A deterministic text: one line per unit, so a regeneration's diff shows the units
        that changed."""
        lines = ["{", f'  "schema": {json.dumps(SCHEMA)},',
                 f'  "formatter": {json.dumps(self.formatter)},',
                 f'  "joiner": {json.dumps(self.joiner)},', '  "files": {']
        for number, (path, units) in enumerate(sorted(files.items())):
            rows = ",\n".join(f'      ["{u.source}", "{u.text}", {u.size}]' for u in units)
            end = "," if number < len(files) - 1 else ""
            lines.append(f"    {json.dumps(path)}: [\n{rows}\n    ]{end}")
        lines += ["  }", "}"]
        return "\n".join(lines) + "\n"


def source_hash(key: str) -> str:
    """The manifest's source hash of a unit whose formatter cache key (a SHA-256 of the
    formatter's name, version and settings and of the unit's source) is ``key``."""
    return key[:_HEX]
