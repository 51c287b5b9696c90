"""The ``$ref``s between a spec's files: which may be followed, and where each one ends.

:func:`check_ref` refuses what specgen never reads (absolute URIs, absolute paths, anchors, a
file outside the sandbox) and names the file a reference needs loaded; once every file is read,
:func:`check_targets` follows each ``$ref`` to a value, reporting dangling pointers and chains
of aliases that never reach one.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from ..diagnostics import Diagnostic, Location
from .document import Document, Limits, ref_target
from .scan import LONE_SURROGATE, scan_refs

__all__ = ["check_ref", "check_targets"]

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def check_ref(ref: str, where: Location, doc: Document, problems: list[Diagnostic]) -> list[str]:
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
    target = ref_target(ref, where.file, doc.root)
    if target.pointer and not target.pointer.startswith("/"):
        msg = f"$ref {json.dumps(ref)}: fragment must be a JSON pointer (anchors are unsupported)"
        problems.append(Diagnostic(code="E201", message=msg, location=where))
        return []
    if target.file == where.file:
        return []
    if LONE_SURROGATE.search(target.file):  # no file system can hold the name (nor UTF-8 spell it)
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


def check_targets(doc: Document, limits: Limits, problems: list[Diagnostic]) -> None:
    """Report dangling pointers and ``$ref`` chains that never reach a value (each cycle once)."""
    cycles: set[frozenset[str]] = set()
    reported = {str(p.location) for p in problems}  # a $ref refused or naming an unread file
    good: set[str] = set()  # $refs known to reach a value: a chain of n aliases is walked once
    for name, data in list(doc.files.items()):
        for ref, where in scan_refs(data, name, limits, problems, entry=name == doc.entry,
                                    text=False):
            if str(where) not in reported:
                _follow(ref, where, doc, good, cycles, problems)


def _follow(ref: str, where: Location, doc: Document, good: set[str],
            cycles: set[frozenset[str]], problems: list[Diagnostic]) -> None:
    """Follow the ``$ref`` ``ref`` at ``where`` through aliases until it reaches a value (its
    chain joins ``good``), a place with nothing (E201), a file not read (reported at its
    ``$ref`` already) or a cycle (E204, unless one of ``cycles`` already)."""
    chain = [where]
    target = doc.follow(ref, where)
    seen = {str(where)}
    while target.file in doc.files:
        try:
            value = doc.get(target)
        except KeyError:
            msg = f"unresolved $ref {json.dumps(ref)}: nothing at {target}"
            problems.append(Diagnostic(code="E201", message=msg, location=where))
            return
        nxt = target.child("$ref")
        if not (isinstance(value, dict) and isinstance(value.get("$ref"), str)) \
                or str(nxt) in good:
            good.update(str(c) for c in chain)
            return
        if str(nxt) in seen:
            members = (frozenset(str(c) for c in chain[chain.index(nxt):]) if nxt in chain
                       else frozenset(seen))
            if members not in cycles:
                cycles.add(members)
                ends = " -> ".join(str(c) for c in chain)
                msg = f"$ref cycle that never reaches a schema: {ends} -> {nxt}"
                problems.append(Diagnostic(code="E204", message=msg, location=where))
            return
        seen.add(str(nxt))
        chain.append(nxt)
        target = doc.follow(value["$ref"], nxt)
