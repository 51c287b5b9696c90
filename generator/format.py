"""Stage 6, format: black, in process, pinned; then every Python file is parsed back.

A failure here is a bug in specgen (a template produced invalid code); it raises
:class:`FormatFailure` with the file name and the unformatted source so the bug is easy to see.
"""

from __future__ import annotations

import ast

import black

__all__ = ["FormatFailure", "format_tree"]

_MODE = black.Mode(target_versions={black.TargetVersion.PY310}, line_length=88)  # type: ignore[attr-defined]


class FormatFailure(Exception):
    """Generated source that black could not format or Python could not parse."""

    def __init__(self, path: str, source: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.source = source


def format_tree(files: dict[str, str]) -> dict[str, str]:
    """Format every ``.py`` file; other files pass through. Returns a new mapping."""
    out = {}
    for path, text in files.items():
        if path.endswith(".py"):
            try:
                text = black.format_str(text, mode=_MODE)
                ast.parse(text, filename=path)
            except (black.InvalidInput, SyntaxError, ValueError) as exc:  # type: ignore[attr-defined]
                raise FormatFailure(path, text, str(exc)) from None
        out[path] = text
    return out
