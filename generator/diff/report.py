"""Placing and printing ``diff`` results: ``file:line:col`` in both documents, text or JSON.

Text is compiler-style, one change per line at its place in the *new* document, followed by an
indented line with its place in the old one::

    api/new.yaml:12:9: breaking field-removed #/components/schemas/Pet: field 'Pet.tag' was removed
      was api/old.yaml:15:9 #/components/schemas/Pet/properties/tag

A pointer to something that no longer exists on one side (a removed field in the new document)
is trimmed to its nearest existing parent, so every printed pointer can be followed.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from ..diagnostics import Location
from ..load.yaml12 import compose_positions
from .change import Change, Spot, suggested_bump

__all__ = ["place", "render_json", "render_text"]


def place(changes: list[Change], old_root: Path, new_root: Path) -> list[Change]:
    """Give every change's spots a ``line``/``column`` (re-reading each file once)."""
    cache: dict[Path, dict[str, tuple[int, int]] | None] = {}
    out = []
    for c in changes:
        out.append(replace(c, old=_located(c.old, old_root, cache), new=_located(c.new, new_root, cache)))
    return out


def _located(spot: Spot, root: Path, cache: dict[Path, dict[str, tuple[int, int]] | None]) -> Spot:
    """``spot`` with its line and column in its file under ``root``; a pointer that does not
    exist there is cut to its nearest existing parent (each file's positions read once,
    through ``cache``)."""
    path = root / spot.location.file
    if path not in cache:
        cache[path] = compose_positions(path)
    index = cache[path] or {}
    pointer = spot.location.pointer
    while pointer and pointer not in index:
        pointer = pointer.rsplit("/", 1)[0]
    line, column = index.get(pointer, (0, 0))
    return Spot(location=Location(file=spot.location.file, pointer=pointer), line=line, column=column)


def _where(spot: Spot, shown: str) -> str:
    """``file:line:col`` of ``spot`` (just the file when it has no position), under ``shown``."""
    path = f"{shown}{spot.location.file}"
    return f"{path}:{spot.line}:{spot.column}" if spot.line else path


def render_text(changes: list[Change], old_shown: str, new_shown: str) -> str:
    """The human report, ending in a summary line with the suggested version bump."""
    lines = []
    for c in changes:
        level = "breaking" if c.breaking else "non-breaking"
        lines.append(f"{_where(c.new, new_shown)}: {level} {c.kind} #{c.new.location.pointer}: {c.message}")
        lines.append(f"  was {_where(c.old, old_shown)} #{c.old.location.pointer}")
    lines.append(_summary(changes))
    return "\n".join(lines) + "\n"


def _summary(changes: list[Change]) -> str:
    """The last line of a report: the counts and the suggested version bump."""
    breaking = sum(c.breaking for c in changes)
    return (f"{breaking} breaking, {len(changes) - breaking} non-breaking change(s); "
            f"suggested version bump: {suggested_bump(changes)}")


def _spot(spot: Spot, shown: str) -> dict[str, object]:
    """``spot`` as the JSON report's object."""
    return {"file": f"{shown}{spot.location.file}", "line": spot.line, "column": spot.column,
            "pointer": spot.location.pointer}


def render_json(changes: list[Change], old_shown: str, new_shown: str) -> str:
    """The machine report: ``{"bump", "breaking", "non_breaking", "changes": [...]}``."""
    breaking = sum(c.breaking for c in changes)
    body = {
        "bump": suggested_bump(changes),
        "breaking": breaking,
        "non_breaking": len(changes) - breaking,
        "changes": [
            {"kind": c.kind, "breaking": c.breaking, "message": c.message,
             "old": _spot(c.old, old_shown), "new": _spot(c.new, new_shown)}
            for c in changes
        ],
    }
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"
