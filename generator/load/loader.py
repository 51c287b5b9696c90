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

Reading one file (bounds on its bytes, UTF-8, JSON or YAML) is :func:`.reader.read_file`; the
walk of a file for its ``$ref``s and bounds is :mod:`.scan`; which ``$ref``s may be followed and
where they end is :mod:`.refs`; :class:`Document` and :class:`Limits` are :mod:`.document`'s
(and are re-exported here). This module decides which files to read, in which order.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..diagnostics import Diagnostic, Location, SpecError
from .document import Document, Limits, resolve_pointer
from .reader import file_diagnostic, read_file
from .refs import check_ref, check_targets
from .scan import scan_refs

__all__ = ["Document", "Limits", "LoadFailed", "load", "resolve_pointer"]


class LoadFailed(SpecError):
    """The spec was read but its files or ``$ref``s have errors: ``document`` holds what was read
    (the entry file at least), for checks that need no ``$ref`` resolved (the structural lint)."""

    def __init__(self, diagnostics: list[Diagnostic], document: Document) -> None:
        super().__init__(diagnostics)
        self.document = document


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
    _read_files(doc, limits, problems)
    if _stopped(problems, doc):
        raise SpecError(problems)
    check_targets(doc, limits, problems)
    if problems:
        raise LoadFailed(problems, doc)
    return doc


def _read_files(doc: Document, limits: Limits, problems: list[Diagnostic]) -> None:
    """Read the spec into ``doc``, then every file its ``$ref``s name (breadth first, each
    once, at most ``limits.max_files``), adding each problem met to ``problems``."""
    queue: list[tuple[str, Location | None]] = [(doc.entry, None)]
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
        data = read_file(doc.root, name, limits.max_bytes, limits.max_nodes, found, doc.positions,
                         max_depth=limits.max_depth)
        problems.extend(_blame(found, referrer))
        if data is None:
            continue
        doc.files[name] = data
        for ref, where in scan_refs(data, name, limits, problems, entry=name == doc.entry):
            queue.extend((f, where) for f in check_ref(ref, where, doc, problems))


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
