"""The Python target's parse-back, and black's side of the format workers.

Every output file is parsed back before it is written: the check compiles the source to bytecode
without running it. That is the design's ``ast.parse`` and more: the compiler's symbol table also
refuses what parses but cannot run (``return`` or ``await`` outside a function, ``nonlocal`` at
module level...), and it builds no Python AST objects, which makes it ~15% cheaper than
``ast.parse`` (benchmarks: docs/benchmarks.md).

This module imports nothing of specgen: the format stage's workers
(:class:`generator.format.worker.Worker`, fresh interpreters) load it by path. In ``ruff`` mode a
worker runs ``ruff format`` on a batch of pieces and calls :func:`parse_error` on each; in
``black`` mode it calls :func:`black_chunk`, so the generator's process imports black only to
format a module whole, and a worker's time and memory count as the generator's children's.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

__all__ = ["HERE", "black_blocks", "black_chunk", "black_mode", "parse_error"]

HERE = __file__  # what a worker loads


def parse_error(text: str, name: str = "<generated>") -> str | None:
    """``None`` if ``text`` is a Python module that compiles, else the compiler's message."""
    try:
        compile(text, name, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as exc:  # ValueError: a NUL character
        return str(exc)
    return None


def black_mode(mode: dict[str, Any]) -> Any:
    """black's ``Mode`` from ``mode``: its ``line_length`` and ``target_versions`` (names of
    ``black.TargetVersion``); ``path`` is the folder black is installed in (a worker runs
    isolated from ``PYTHONPATH``)."""
    if mode["path"] not in sys.path:
        sys.path.append(mode["path"])
    import black  # here: only where black formats (it takes ~17 MB and 50 ms to import)

    versions = {black.TargetVersion[v] for v in mode["target_versions"]}  # type: ignore[attr-defined]
    return black.Mode(target_versions=versions, line_length=mode["line_length"])


def black_chunk(source: str, target: str, mode: dict[str, Any]) -> dict[str, Any]:
    """Write to ``target`` (JSON) :func:`black_blocks` of the chunk ``source`` (JSON: ``[key,
    block]`` pairs)."""
    pairs = json.loads(Path(source).read_text(encoding="utf-8"))
    out = black_blocks([block for _, block in pairs], mode)
    Path(target).write_text(json.dumps(out), encoding="utf-8")
    return {}


def black_blocks(blocks: list[str], mode: dict[str, Any]) -> list[str | None]:
    """black's output for each block, or ``None`` where black refuses the block or its output
    does not compile (a cut inside a string: the caller formats the module whole)."""
    style = black_mode(mode)  # first: it finds black
    import black

    out: list[str | None] = []
    for block in blocks:
        try:
            formatted: str | None = black.format_str(block, mode=style)
        except (black.InvalidInput, SyntaxError, ValueError):  # type: ignore[attr-defined]
            formatted = None
        out.append(formatted if formatted is not None and parse_error(formatted) is None
                   else None)
    return out
