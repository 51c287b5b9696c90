"""The last check of the format stage: every output file is parsed back before it is written.

The check compiles the source to bytecode without running it. That is the design's ``ast.parse``
and more: the compiler's symbol table also refuses what parses but cannot run (``return`` or
``await`` outside a function, ``nonlocal`` at module level...), and it builds no Python AST
objects, which makes it ~15% cheaper than ``ast.parse`` (benchmarks: docs/benchmarks.md).

In ``ruff`` mode the formatted pieces are files in a temporary folder; those formatted while the
generator is still rendering are checked by fresh interpreters running this file as a script
(the generator's own thread would compete with the renderer for the GIL): they read the files
themselves, so no text is copied between processes, and they do not inherit the memory of the
generator (a forked worker starts with the parent's hundreds of MB resident).
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

__all__ = ["parse_error", "parse_files"]


def parse_error(text: str, name: str = "<generated>") -> str | None:
    """``None`` if ``text`` is a Python module that compiles, else the compiler's message."""
    try:
        compile(text, name, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as exc:  # ValueError: a NUL character
        return str(exc)
    return None


def parse_files(paths: list[Path], processes: int = 0) -> dict[Path, str]:
    """Check the UTF-8 files at ``paths``, here (``processes`` 0) or in that many fresh
    interpreters (the biggest files first, each to the least loaded); returns the message of
    each file that does not compile."""
    if processes < 1:
        return _check([str(p) for p in paths])
    shares: list[list[str]] = [[] for _ in range(processes)]
    loads = [0] * processes
    for path in sorted(paths, key=lambda p: p.stat().st_size, reverse=True):
        least = loads.index(min(loads))
        shares[least].append(str(path))
        loads[least] += path.stat().st_size
    procs = [subprocess.Popen([sys.executable, "-I", __file__, *share], stdout=subprocess.PIPE,
                              text=True, encoding="utf-8")
             for share in shares if share]
    errors: dict[Path, str] = {}
    for proc in procs:
        out, _ = proc.communicate()
        if proc.returncode != 0:
            raise RuntimeError(f"the parse-back process failed (exit {proc.returncode})")
        errors.update((Path(p), message) for p, message in json.loads(out).items())
    return errors


def _check(paths: list[str]) -> dict[Path, str]:
    # the collector has nothing to collect here (bytecode of trusted text), only passes to make
    enabled = gc.isenabled()
    gc.disable()
    try:
        found = {}
        for path in paths:
            error = parse_error(Path(path).read_text(encoding="utf-8"), path)
            if error is not None:
                found[Path(path)] = error
        return found
    finally:
        if enabled:
            gc.enable()


if __name__ == "__main__":  # a worker of ``parse_files``: print {path: message} as JSON
    print(json.dumps({os.fspath(p): m for p, m in _check(sys.argv[1:]).items()}))
