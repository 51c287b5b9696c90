"""A loaded spec: every file parsed (:class:`Document`), the bounds it was read under
(:class:`Limits`), and how a JSON pointer or a ``$ref`` is resolved in it.

:mod:`.loader` fills a :class:`Document`; every later stage reads the spec through it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from ..diagnostics import Location

__all__ = ["Document", "Limits", "ref_target", "resolve_pointer"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Limits:
    """Input bounds; the defaults fit the largest public specs (GitHub's is 13 MB) with room."""

    max_bytes: int = 128 * 1024 * 1024
    max_nodes: int = 20_000_000
    max_depth: int = 256
    max_files: int = 1_000


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """Every file of a spec, parsed, keyed by its path relative to the spec folder (posix).

    ``root`` is the spec's folder; ``sandbox`` the folder no ``$ref`` may leave (the spec's folder
    unless a ``spec_root`` above it was given; files above the spec's folder get ``../`` keys).
    ``positions``: JSON pointer -> ``(line, column)`` of each YAML file, for :func:`~.positions.locate`.
    """

    root: Path
    entry: str
    files: dict[str, Any] = field(default_factory=dict)
    sandbox: Path | None = None
    positions: dict[str, dict[str, tuple[int, int]]] = field(default_factory=dict)

    _nodes: dict[tuple[str, str], Any] = field(default_factory=dict, repr=False, compare=False)

    def get(self, location: Location) -> Any:
        """Return the value at ``location``; raises ``KeyError`` if it does not exist.

        Objects and arrays once found are remembered, and a pointer is resolved from its
        nearest remembered ancestor a few levels up: resolving every schema of an ``allOf``
        nested a thousand deep from the root was quadratic."""
        file, pointer = location.file, location.pointer
        found = self._nodes.get((file, pointer))
        if found is not None:
            return found
        base, rest, cut = self.files[file], pointer, len(pointer)
        for _ in range(_UP):
            cut = pointer.rfind("/", 0, cut)
            if cut <= 0:
                break
            if (file, pointer[:cut]) in self._nodes:
                base, rest = self._nodes[file, pointer[:cut]], pointer[cut:]
                break
        try:
            node = resolve_pointer(base, rest)
        except KeyError:
            raise KeyError(pointer) from None
        if isinstance(node, (dict, list)):
            self._nodes[file, pointer] = node
        return node

    def follow(self, ref: str, base: Location) -> Location:
        """Return the location a ``$ref`` string found at ``base`` points to (already checked)."""
        return ref_target(ref, base.file, self.root)


_UP = 4  # how many levels up Document.get looks for a remembered ancestor


def resolve_pointer(data: Any, pointer: str) -> Any:
    """Resolve an RFC 6901 JSON pointer inside ``data``; raises ``KeyError`` when absent."""
    node = data
    if pointer == "":
        return node
    if not pointer.startswith("/"):
        raise KeyError(pointer)
    for token in pointer[1:].split("/"):
        if "~" in token:
            token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict):
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            raise KeyError(pointer)
    return node


def ref_target(ref: str, base_file: str, root: Path) -> Location:
    """The location a relative ``$ref`` found in ``base_file`` names: its file relative to the
    spec's folder ``root`` (normalised: one key per file) and its pointer (percent-decoded).
    Whether the reference may be followed is :func:`.refs.check_ref`'s to say."""
    parts = urlsplit(ref)
    pointer = unquote(parts.fragment)
    if not parts.path:
        return Location(file=base_file, pointer=pointer)
    joined = _normalise((Path(base_file).parent / unquote(parts.path)).as_posix())
    if joined.startswith(".."):  # one key per file: ``../spec/a.yaml`` from ``spec/`` is ``a.yaml``
        joined = Path(os.path.relpath(os.path.normpath(root / joined), root)).as_posix()
    return Location(file=joined, pointer=pointer)


def _normalise(path: str) -> str:
    """A relative posix path without ``.`` and empty parts, each ``..`` applied where it can
    be (leading ones kept)."""
    out: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == ".." and out and out[-1] != "..":
            out.pop()
        else:
            out.append(part)
    return "/".join(out)
