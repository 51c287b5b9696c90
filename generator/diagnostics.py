"""Diagnostics are data: a code, a message and a place in the user's document.

Every stage reports problems as :class:`Diagnostic` values. A stage that cannot go on raises
:class:`SpecError` carrying *all* the problems it found, never the first one only. The command
line renders them with :func:`render`, compiler-style::

    spec/api.yaml:42:9: E201 #/components/schemas/Pet/properties/tag: unresolved $ref ...
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

from .catalog import CATALOG, Severity

__all__ = [
    "Diagnostic", "Location", "Severity", "SpecError", "pointer_token", "render", "render_json",
    "render_lines",
]

def pointer_token(key: str) -> str:
    """``key`` as one token of a JSON pointer (RFC 6901: ``~`` -> ``~0``, ``/`` -> ``~1``)."""
    return key.replace("~", "~0").replace("/", "~1") if "~" in key or "/" in key else key


@dataclass(frozen=True, slots=True, kw_only=True)
class Location:
    """A place in the user's document: a file (relative to the spec folder) and a JSON pointer."""

    file: str
    pointer: str = ""

    def child(self, *tokens: str | int) -> Location:
        """Return the location of a descendant, escaping each token per RFC 6901."""
        pointer = self.pointer
        for token in tokens:
            pointer = f"{pointer}/{pointer_token(str(token))}"
        return Location(file=self.file, pointer=pointer)

    def __str__(self) -> str:
        return f"{self.file}#{self.pointer}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Diagnostic:
    """One problem: ``code`` is stable (tests assert on it), ``message`` is for people.

    The code must be in :data:`~generator.catalog.CATALOG` and the severity the code's (``W``
    codes are warnings): anything else is a bug in specgen and raises ``ValueError``."""

    code: str
    message: str
    location: Location
    severity: Severity = "error"
    line: int = 0
    column: int = 0

    def __post_init__(self) -> None:
        known = CATALOG.get(self.code)
        if known is None:
            raise ValueError(f"diagnostic code {self.code} is not in generator.catalog")
        if known.severity != self.severity:
            raise ValueError(f"{self.code} is a{'n' if known.severity == 'error' else ''} "
                             f"{known.severity}, not a{'n' if self.severity == 'error' else ''} "
                             f"{self.severity}")

    def at(self, line: int, column: int) -> Diagnostic:
        """Return a copy with a resolved source position."""
        return replace(self, line=line, column=column)


class SpecError(Exception):
    """Raised by a stage that found errors; carries every diagnostic it collected."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(f"{len(diagnostics)} problem(s) in the spec")
        self.diagnostics = diagnostics


def render(diagnostic: Diagnostic, *, display_root: str = "") -> str:
    """Render one diagnostic as ``file:line:col: CODE #pointer: message``."""
    d = diagnostic
    path = f"{display_root}{d.location.file}"
    place = f"{path}:{d.line}:{d.column}" if d.line else path
    level = "" if d.severity == "error" else "warning: "
    return f"{place}: {d.code} #{d.location.pointer}: {level}{d.message}"


def render_lines(diagnostics: list[Diagnostic], *, display_root: str = "",
                 most: int = 5) -> list[str]:
    """Render for a terminal: every error; a warning code seen more than ``most`` times is one
    line, at its first place, with the count and the next few places (``--report`` keeps them
    all). The lines stay in document order."""
    counts: dict[str, int] = {}
    for d in diagnostics:
        counts[d.code] = counts.get(d.code, 0) + 1
    lines: list[str] = []
    first: dict[str, int] = {}  # a summarised code -> the index of its line
    rest: dict[str, list[str]] = {}  # -> the places after its first
    for d in diagnostics:
        if d.severity == "error" or counts[d.code] <= most:
            lines.append(render(d, display_root=display_root))
        elif d.code in first:
            rest[d.code].append(_place(d, display_root))
        else:
            first[d.code], rest[d.code] = len(lines), []
            lines.append(render(d, display_root=display_root))
    for code, at in first.items():
        others = rest[code]
        shown = ", ".join(others[:3]) + (", ..." if len(others) > 3 else "")
        lines[at] += f" [and {len(others)} more {code}: {shown}; --report FILE lists every one]"
    return lines


def _place(d: Diagnostic, display_root: str) -> str:
    path = f"{display_root}{d.location.file}"
    return f"{path}:{d.line}:{d.column}" if d.line else f"{path}#{d.location.pointer}"


def render_json(diagnostics: list[Diagnostic], *, display_root: str = "") -> str:
    """Render diagnostics as a JSON array for machines."""
    rows = [
        {
            "code": d.code,
            "severity": d.severity,
            "file": f"{display_root}{d.location.file}",
            "line": d.line,
            "column": d.column,
            "pointer": d.location.pointer,
            "message": d.message,
        }
        for d in diagnostics
    ]
    return json.dumps(rows, indent=2, ensure_ascii=False)
