"""The last check of the format stage: every output file is parsed back before it is written.

The check compiles the source to bytecode without running it. That is the design's ``ast.parse``
and more: the compiler's symbol table also refuses what parses but cannot run (``return`` or
``await`` outside a function, ``nonlocal`` at module level...), and it builds no Python AST
objects, which makes it ~15% cheaper than ``ast.parse`` (benchmarks: docs/benchmarks.md).

In ``ruff`` mode the formatted pieces are files in a temporary folder; those formatted while the
generator is still rendering are checked by a :class:`Checker` per thread, a fresh interpreter
running this file as a script (a thread of the generator would compete with the renderer for
the GIL). It reads the files itself, so no text is copied between processes, and it does not
inherit the memory of the generator (a forked worker starts with its hundreds of MB resident).
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

__all__ = ["Checker", "parse_error", "parse_files"]


def parse_error(text: str, name: str = "<generated>") -> str | None:
    """``None`` if ``text`` is a Python module that compiles, else the compiler's message."""
    try:
        compile(text, name, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as exc:  # ValueError: a NUL character
        return str(exc)
    return None


def parse_files(paths: list[Path]) -> dict[Path, str]:
    """Check the UTF-8 files at ``paths`` in this process; returns the message of each file
    that does not compile."""
    return _check([str(p) for p in paths])


class Checker:
    """A fresh interpreter running this file that checks the batches of files it is sent, one
    batch at a time: it starts once (~20 ms) however many batches it checks."""

    def __init__(self) -> None:
        self._proc = subprocess.Popen(
            [sys.executable, "-I", __file__], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            text=True, encoding="utf-8")

    def check(self, paths: list[Path]) -> dict[Path, str]:
        """As :func:`parse_files`, in the checker's process."""
        assert self._proc.stdin is not None and self._proc.stdout is not None
        self._proc.stdin.write(json.dumps([str(p) for p in paths]) + "\n")
        self._proc.stdin.flush()
        answer = self._proc.stdout.readline()
        if not answer:
            raise RuntimeError(f"the parse-back process failed (exit {self._proc.wait()})")
        return {Path(p): message for p, message in json.loads(answer).items()}

    def close(self) -> None:
        """End the process (it stops at the end of its input)."""
        if self._proc.stdin is not None:
            self._proc.stdin.close()
        self._proc.wait()


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


if __name__ == "__main__":  # a ``Checker``: a JSON list of paths in, {path: message} out, per line
    for line in sys.stdin:
        found = _check(json.loads(line))
        print(json.dumps({os.fspath(p): m for p, m in found.items()}), flush=True)
