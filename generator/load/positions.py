"""Diagnostics placed at ``file:line:column``: :func:`locate`.

A YAML file's positions are kept from its load (``Document.positions``), or found by composing it
again. A ``.json`` file is parsed by ``json``, which keeps none, and composing 13 MB of JSON with
the YAML parser takes seconds; so :func:`json_positions` walks the text down the paths of the
pointers asked for only, and lets the C decoder skip every other member. It gives the positions
the YAML composer gives: a member at the quote of its key, an item or the root at its first
character, lines counted at every break YAML knows (``\r\n``, ``\r``, ``\n``, NEL, U+2028,
U+2029).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from json.decoder import scanstring  # type: ignore[attr-defined]
from pathlib import Path

from ..diagnostics import Diagnostic, pointer_token
from .yaml12 import compose_positions

__all__ = ["json_positions", "locate"]

_SPACE = re.compile(r"[ \t\n\r]*")
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_DECODER = json.JSONDecoder()
Trie = dict[str, "Trie"]


def locate(
    document_root: Path, diagnostics: list[Diagnostic],
    known: Mapping[str, Mapping[str, tuple[int, int]]] | None = None,
) -> list[Diagnostic]:
    """Fill in ``line``/``column`` of each diagnostic from ``known`` (the position indexes of
    files already read: ``Document.positions``), else by reading its file again.

    Returns them in document order (file, line, column), the order a reader fixes them in.
    """
    cache: dict[str, Mapping[str, tuple[int, int]] | None] = dict(known or {})
    wanted: dict[str, list[str]] = {}
    for d in diagnostics:
        if not d.line and d.location.file not in cache:
            wanted.setdefault(d.location.file, []).append(d.location.pointer)
    for name, pointers in wanted.items():
        cache[name] = _positions(document_root / name, pointers)
    out = []
    for d in diagnostics:
        if d.line:
            out.append(d)
            continue
        index = cache[d.location.file]
        pos = _nearest(index, d.location.pointer) if index else None
        out.append(d.at(*pos) if pos else d)
    return sorted(out, key=lambda d: (d.location.file, d.line, d.column, d.code))


def _positions(path: Path, pointers: list[str]) -> dict[str, tuple[int, int]] | None:
    """The positions of ``pointers`` (and of their parents) in the file at ``path``."""
    if path.suffix != ".json":
        return compose_positions(path)
    try:
        return json_positions(path.read_text(encoding="utf-8-sig"), pointers)
    except (OSError, UnicodeDecodeError):
        return None


def _nearest(index: Mapping[str, tuple[int, int]], pointer: str) -> tuple[int, int] | None:
    while True:
        if pointer in index:
            return index[pointer]
        if not pointer:
            return None
        pointer = pointer.rsplit("/", 1)[0]


def json_positions(text: str, pointers: Iterable[str]) -> dict[str, tuple[int, int]] | None:
    """Map each pointer in ``pointers`` that exists in ``text``, and every prefix of it that
    does, to its 1-based ``(line, column)``; ``None`` if ``text`` is not JSON."""
    trie: Trie = {}
    for pointer in pointers:
        node = trie
        for token in pointer.split("/")[1:] if pointer else []:
            node = node.setdefault(token, {})
    offsets: dict[str, int] = {}
    try:
        offsets[""] = _skip(text, 0)
        _walk(text, offsets[""], "", trie, offsets)
    except (ValueError, IndexError):  # not JSON (the loader has reported it)
        return None
    return _line_columns(text, offsets)


def _line_columns(text: str, offsets: dict[str, int]) -> dict[str, tuple[int, int]]:
    """1-based ``(line, column)`` of each offset."""
    out = {}
    if not any(c in text for c in "\r\x85\u2028\u2029"):  # ``\n`` only: count, in order
        line, at = 1, 0
        for pointer, offset in sorted(offsets.items(), key=lambda item: item[1]):
            line, at = line + text.count("\n", at, offset), offset
            out[pointer] = (line, offset - text.rfind("\n", 0, offset))
        return out
    starts = [0] + [m.end() for m in _BREAK.finditer(text)]
    for pointer, offset in offsets.items():
        line = bisect_right(starts, offset)
        out[pointer] = (line, offset - starts[line - 1] + 1)
    return out


def _walk(text: str, at: int, pointer: str, trie: Trie, offsets: dict[str, int]) -> int:
    """Record the wanted members below the value at ``at``; return the offset after it."""
    if not trie or text[at] not in "{[":
        return _DECODER.raw_decode(text, at)[1]
    if text[at] == "[":
        return _items(text, at, pointer, trie, offsets)
    at = _skip(text, at + 1)
    if text[at] == "}":
        return at + 1
    while True:
        key, after = scanstring(text, at + 1)
        token = pointer_token(key)
        value = _skip(text, _skip(text, after) + 1)  # after the colon
        child = trie.get(token)
        if child is None:
            end = _DECODER.raw_decode(text, value)[1]
        else:
            offsets.setdefault(f"{pointer}/{token}", at)
            end = _walk(text, value, f"{pointer}/{token}", child, offsets)
        at = _skip(text, end)
        if text[at] == "}":
            return at + 1
        at = _skip(text, at + 1)  # after the comma


def _items(text: str, at: int, pointer: str, trie: Trie, offsets: dict[str, int]) -> int:
    at = _skip(text, at + 1)
    if text[at] == "]":
        return at + 1
    index = 0
    while True:
        child = trie.get(str(index))
        if child is None:
            end = _DECODER.raw_decode(text, at)[1]
        else:
            offsets.setdefault(f"{pointer}/{index}", at)
            end = _walk(text, at, f"{pointer}/{index}", child, offsets)
        at = _skip(text, end)
        if text[at] == "]":
            return at + 1
        at = _skip(text, at + 1)
        index += 1


def _skip(text: str, at: int) -> int:
    """The offset of the first character at or after ``at`` that is not JSON white space."""
    return _SPACE.match(text, at).end()  # type: ignore[union-attr]  # ``*`` always matches
