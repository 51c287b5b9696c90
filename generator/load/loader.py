"""Stage 1, load: read the spec and every file it references, safely and with bounds.

- JSON is read as JSON; YAML with a safe C loader using YAML 1.2 scalar rules (``on``/``yes`` stay
  strings, no timestamps, ``1e-320`` is a number), string keys, duplicate keys reported.
- Bounds on bytes, on the expanded size of YAML aliases (billion laughs), on nesting depth.
- ``$ref`` targets are loaded up front: local pointers and relative files inside the spec's folder
  only (real paths, so symlinks and ``..`` cannot escape), never the network. Dangling pointers and
  pure ``$ref`` cycles are reported with both ends.
- Source positions: a YAML file's pointer -> ``line:col`` index is taken from the nodes the
  parser composes anyway (``Document.positions``; the nodes themselves are not kept, that would
  double memory). JSON is parsed by ``json``, which keeps no positions:
  :func:`~.positions.locate` finds the few it needs in the text when a diagnostic asks.

Reading one file (bounds on its bytes, UTF-8, JSON or YAML) is :func:`.reader.read_file`; this
module decides which files to read and checks the ``$ref``s between them.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from ..diagnostics import Diagnostic, Location, SpecError, pointer_token
from .data_positions import Kind, children, item_kind
from .reader import file_diagnostic, read_file

__all__ = ["Document", "Limits", "LoadFailed", "load", "resolve_pointer"]


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
        return _target(ref, base.file, self.root)


_UP = 4  # how many levels up Document.get looks for a remembered ancestor


class LoadFailed(SpecError):
    """The spec was read but its files or ``$ref``s have errors: ``document`` holds what was read
    (the entry file at least), for checks that need no ``$ref`` resolved (the structural lint)."""

    def __init__(self, diagnostics: list[Diagnostic], document: Document) -> None:
        super().__init__(diagnostics)
        self.document = document


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


def load(path: Path, limits: Limits | None = None, *, spec_root: Path | None = None) -> Document:
    """Load the spec at ``path`` and all files it references; raise ``SpecError`` on any problem
    (:class:`LoadFailed`, with what was read, once the spec itself was read).

    ``$ref`` files must lie under ``spec_root`` (default: the spec's own folder), after
    resolving symlinks and ``..``; the spec itself must lie under it too.
    """
    limits = limits or Limits()
    root = path.resolve().parent
    entry = path.name
    sandbox = spec_root.resolve() if spec_root is not None else root
    doc = Document(root=root, entry=entry, sandbox=sandbox)
    if not root.is_relative_to(sandbox):
        msg = f"the spec is not inside spec_root {spec_root}; spec_root must be a folder above it"
        raise SpecError([file_diagnostic("E202", msg, entry)])
    problems: list[Diagnostic] = []
    queue: list[tuple[str, Location | None]] = [(entry, None)]
    tried: set[str] = set()
    while queue:
        name, referrer = queue.pop(0)
        if name in tried:
            continue
        tried.add(name)
        if len(tried) > limits.max_files:
            msg = f"more than {limits.max_files} files referenced"
            problems.append(file_diagnostic("E105", msg, name))
            break
        found: list[Diagnostic] = []
        data = read_file(root, name, limits.max_bytes, limits.max_nodes, found, doc.positions,
                         max_depth=limits.max_depth)
        problems.extend(_blame(found, referrer))
        if data is None:
            continue
        doc.files[name] = data
        for ref, where in _scan(data, name, limits, problems, entry=name == entry):
            queue.extend((f, where) for f in _check_ref(ref, where, doc, problems))
    if _stopped(problems, doc):
        raise SpecError(problems)
    _check_targets(doc, limits, problems)
    if problems:
        raise LoadFailed(problems, doc)
    return doc


_BOUNDS = frozenset({"E104", "E105", "E106"})


def _stopped(problems: list[Diagnostic], doc: Document) -> bool:
    """Whether the ``$ref`` targets cannot be checked without guessing: the spec itself was not
    read, or a bound was hit (the files are read only in part; then the last problem says so).
    A file that cannot be read is no reason to stop: the ``$ref``s into it are reported already,
    the others are checked."""
    if doc.entry not in doc.files or any(p.code in _BOUNDS for p in problems):
        if doc.entry in doc.files and problems:
            last = problems[-1]
            problems[-1] = replace(last, message=f"{last.message}; the $ref targets are not "
                                   "checked until this is fixed")
        return True
    return False


def _blame(found: list[Diagnostic], referrer: Location | None) -> list[Diagnostic]:
    """A file that cannot be read is reported where the ``$ref`` that names it stands."""
    if referrer is None:
        return found
    return [
        Diagnostic(code=d.code, message=f"{d.message} ({d.location.file})", location=referrer)
        if d.code == "E101" else d
        for d in found
    ]


_Entry = tuple[Any, str, int, Kind | None]  # a node, its pointer, depth and kind


def _scan(
    data: Any, name: str, limits: Limits, problems: list[Diagnostic], *, entry: bool = True,
    text: bool = True,
) -> Iterator[tuple[str, Location]]:
    """Yield every ``$ref`` string with its location; check depth and node count on the way.

    Data positions (examples, defaults, ``const``, ``enum``, extensions: see
    :mod:`.data_positions`) are counted and bounded but hold no references. ``entry``: the file
    is the spec itself (an OpenAPI object); another file's top level is read as a map of names.
    ``text``: also report each key or string holding a lone surrogate (E108), on the first walk.
    """
    root = Kind.KEYWORDS if entry else Kind.NAMES
    stack: list[_Entry] = [(data, "", 0, root)]
    count = 0
    while stack:
        node, pointer, depth, kind = stack.pop()
        count += 1
        if count > limits.max_nodes:
            problems.append(file_diagnostic("E105", f"more than {limits.max_nodes} nodes", name))
            return
        if depth > limits.max_depth:
            msg = f"nesting deeper than {limits.max_depth} levels"
            problems.append(file_diagnostic("E106", msg, name, pointer))
            return
        stack.extend(reversed(_inner(node, pointer, depth, kind)))  # pops the first child first
        lone = _lone_surrogate(node, pointer) if text else None
        if lone is not None:
            problems.append(file_diagnostic(
                "E108", "a string holds a lone surrogate (a \\u escape of half a UTF-16 pair): "
                "no UTF-8 file can hold it; write the character itself, or its full pair",
                name, lone))
        if kind is not None:
            ref = node.get("$ref") if isinstance(node, dict) else None
            if isinstance(ref, str):
                yield ref, Location(file=name, pointer=pointer + "/$ref")


def _lone_surrogate(node: Any, pointer: str) -> str | None:
    """The pointer of the first key or string in ``node`` (not below) that holds a lone
    surrogate, else ``None``. ASCII strings, nearly all of them, cost one ``isascii``."""
    if isinstance(node, dict):
        for key, value in node.items():
            here = f"{pointer}/{pointer_token(str(key))}"
            for text in (key, value):
                if isinstance(text, str) and not text.isascii() and _SURROGATE.search(text):
                    return here
    elif isinstance(node, list):
        for i, value in enumerate(node):
            if isinstance(value, str) and not value.isascii() and _SURROGATE.search(value):
                return f"{pointer}/{i}"
    return None


_SURROGATE = re.compile("[\ud800-\udfff]")


def _inner(node: Any, pointer: str, depth: int, kind: Kind | None) -> list[_Entry]:
    """The collections inside ``node``, each with its kind (``None``: data, no references)."""
    if isinstance(node, dict):
        return [(value, f"{pointer}/{pointer_token(key)}", depth + 1, child)
                for key, value, child in children(node, kind) if isinstance(value, (dict, list))]
    if isinstance(node, list):
        item = item_kind(kind)
        return [(value, f"{pointer}/{i}", depth + 1, item)
                for i, value in enumerate(node) if isinstance(value, (dict, list))]
    return []


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _target(ref: str, base_file: str, root: Path) -> Location:
    parts = urlsplit(ref)
    pointer = unquote(parts.fragment)
    if not parts.path:
        return Location(file=base_file, pointer=pointer)
    joined = _normalise((Path(base_file).parent / unquote(parts.path)).as_posix())
    if joined.startswith(".."):  # one key per file: ``../spec/a.yaml`` from ``spec/`` is ``a.yaml``
        joined = Path(os.path.relpath(os.path.normpath(root / joined), root)).as_posix()
    return Location(file=joined, pointer=pointer)


def _normalise(path: str) -> str:
    out: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == ".." and out and out[-1] != "..":
            out.pop()
        else:
            out.append(part)
    return "/".join(out)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _check_ref(ref: str, where: Location, doc: Document, problems: list[Diagnostic]) -> list[str]:
    """Validate one ``$ref`` string; return the file it needs loaded (if any)."""
    if _SCHEME.match(ref) or ref.startswith("//"):
        msg = (f"$ref {json.dumps(ref)} is an absolute URI; only relative references to files "
               "under the spec folder are read (no network, no file: URIs)")
        problems.append(Diagnostic(code="E203", message=msg, location=where))
        return []
    if ref.startswith("/"):
        msg = f"$ref {json.dumps(ref)} is an absolute path; it must be relative to the spec folder"
        problems.append(Diagnostic(code="E202", message=msg, location=where))
        return []
    target = _target(ref, where.file, doc.root)
    if target.pointer and not target.pointer.startswith("/"):
        msg = f"$ref {json.dumps(ref)}: fragment must be a JSON pointer (anchors are unsupported)"
        problems.append(Diagnostic(code="E201", message=msg, location=where))
        return []
    if target.file == where.file:
        return []
    if _SURROGATE.search(target.file):  # no file system can hold the name (nor UTF-8 spell it)
        msg = f"$ref {json.dumps(ref)} names a file that cannot exist: a lone surrogate escape"
        problems.append(Diagnostic(code="E101", message=msg, location=where))
        return []
    sandbox = doc.sandbox or doc.root
    lexical = Path(os.path.normpath(doc.root / target.file))
    real = (doc.root / target.file).resolve()
    if not (lexical.is_relative_to(sandbox) and real.is_relative_to(sandbox)):
        where_to = "the spec folder" if sandbox == doc.root else f"spec_root {sandbox.name}/"
        msg = f"$ref {json.dumps(ref)} leaves {where_to} (set spec_root to allow a folder above)"
        problems.append(Diagnostic(code="E202", message=msg, location=where))
        return []
    return [target.file]


def _check_targets(doc: Document, limits: Limits, problems: list[Diagnostic]) -> None:
    """Report dangling pointers and ``$ref`` chains that never reach a value (each cycle once)."""
    cycles: set[frozenset[str]] = set()
    reported = {str(p.location) for p in problems}  # a $ref refused or naming an unread file
    good: set[str] = set()  # $refs known to reach a value: a chain of n aliases is walked once
    for name, data in list(doc.files.items()):
        for ref, where in _scan(data, name, limits, problems, entry=name == doc.entry,
                                text=False):
            if str(where) in reported:
                continue
            chain = [where]
            target = doc.follow(ref, where)
            seen = {str(where)}
            while target.file in doc.files:  # else: a file not read, reported at its $ref
                try:
                    value = doc.get(target)
                except KeyError:
                    msg = f"unresolved $ref {json.dumps(ref)}: nothing at {target}"
                    problems.append(Diagnostic(code="E201", message=msg, location=where))
                    break
                nxt = target.child("$ref")
                if not (isinstance(value, dict) and isinstance(value.get("$ref"), str)) \
                        or str(nxt) in good:
                    good.update(str(c) for c in chain)
                    break
                if str(nxt) in seen:
                    members = frozenset(str(c) for c in chain[chain.index(nxt):]) if nxt in chain else frozenset(seen)
                    if members not in cycles:
                        cycles.add(members)
                        ends = " -> ".join(str(c) for c in chain)
                        msg = f"$ref cycle that never reaches a schema: {ends} -> {nxt}"
                        problems.append(Diagnostic(code="E204", message=msg, location=where))
                    break
                seen.add(str(nxt))
                chain.append(nxt)
                target = doc.follow(value["$ref"], nxt)
