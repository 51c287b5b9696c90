"""The last check of the format stage: every output file is parsed back before it is written.

The check compiles the source to bytecode without running it. That is the design's ``ast.parse``
and more: the compiler's symbol table also refuses what parses but cannot run (``return`` or
``await`` outside a function, ``nonlocal`` at module level...), and it builds no Python AST
objects, which makes it ~15% cheaper than ``ast.parse`` (benchmarks: docs/benchmarks.md).

In ``ruff`` mode the pieces are files in a temporary folder, and each batch of them is formatted
and checked by a :class:`Worker`, a fresh interpreter running this file as a script: it copies
the pieces as rendered, runs the formatter's command on the copies and compiles those it
formatted. The generator's thread that hands it a batch writes one line and reads one. Done in
the generator's process, the copies, the start of ruff and the compiling would take the GIL
hundreds of times a batch, and each time wait for the renderer (``sys.getswitchinterval``,
5 ms): on Stripe that held every batch back by about two seconds. The worker reads and writes
the files itself, so no text goes through the pipe (sending the text instead of writing the
files here cost 50 MB on Stripe and no time), and it does not inherit the memory of the
generator (a forked worker starts with its hundreds of MB resident).

In ``black`` mode a worker formats chunks of blocks with black (:func:`black_chunk`): when
workers format, the generator's process imports black only to format a module whole, and a
worker's time and memory count as the generator's children's.
"""

from __future__ import annotations

import gc
import json
import os
import queue
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["Done", "Worker", "Workers", "black_blocks", "black_chunk", "black_mode", "parse_error"]


def parse_error(text: str, name: str = "<generated>") -> str | None:
    """``None`` if ``text`` is a Python module that compiles, else the compiler's message."""
    try:
        compile(text, name, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as exc:  # ValueError: a NUL character
        return str(exc)
    return None


@dataclass(frozen=True, slots=True, kw_only=True)
class Done:
    """What :meth:`Worker.run` found: the command's error output if it failed (else ``""``),
    the copies it names there (by file name: refused, not compiled), and the compiler's message
    for each other copy that does not compile."""

    failed: str
    refused: list[Path]
    errors: dict[Path, str]


class Worker:
    """A fresh interpreter running this file that formats and checks the batches it is sent,
    one batch at a time: it starts once (~20 ms) however many batches it takes."""

    def __init__(self) -> None:
        self._proc = subprocess.Popen(
            [sys.executable, "-I", __file__], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            text=True, encoding="utf-8")

    def run(self, copies: list[tuple[Path, Path]], command: list[str]) -> Done:
        """Copy each ``(source, copy)``, run ``command`` on the copies (it formats them in
        place) and compile those it did not refuse."""
        done = self._ask({"copies": [[str(a), str(b)] for a, b in copies], "command": command})
        return Done(failed=done["failed"], refused=[Path(p) for p in done["refused"]],
                    errors={Path(p): message for p, message in done["errors"].items()})

    def black(self, source: Path, target: Path, mode: dict[str, Any]) -> None:
        """:func:`black_chunk` in the worker's process."""
        self._ask({"black": [str(source), str(target), mode]})

    def _ask(self, job: dict[str, Any]) -> dict[str, Any]:
        assert self._proc.stdin is not None and self._proc.stdout is not None
        self._proc.stdin.write(json.dumps(job) + "\n")
        self._proc.stdin.flush()
        answer = self._proc.stdout.readline()
        if not answer:
            raise RuntimeError(f"the format worker failed (exit {self._proc.wait()})")
        done: dict[str, Any] = json.loads(answer)
        return done

    def close(self) -> None:
        """End the process (it stops at the end of its input)."""
        if self._proc.stdin is not None:
            self._proc.stdin.close()
        self._proc.wait()


class Workers:
    """:class:`Worker` processes lent to threads: one per busy thread, started when first
    needed, ended by :meth:`close`."""

    def __init__(self) -> None:
        self._started: list[Worker] = []
        self._idle: queue.SimpleQueue[Worker] = queue.SimpleQueue()

    @contextmanager
    def lend(self) -> Iterator[Worker]:
        try:
            worker = self._idle.get_nowait()
        except queue.Empty:
            worker = Worker()
            self._started.append(worker)
        try:
            yield worker
        finally:
            self._idle.put(worker)

    def close(self) -> None:
        for worker in self._started:
            worker.close()


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


def _job(copies: list[list[str]], command: list[str]) -> dict[str, object]:
    for source, copy in copies:
        shutil.copyfile(source, copy)
    paths = [copy for _, copy in copies]
    if not paths:  # ``ruff format`` without a file would format the working directory
        return {"failed": "", "refused": [], "errors": {}}
    done = subprocess.run([*command, *paths], capture_output=True, text=True, check=False,
                          env={**os.environ, "NO_COLOR": "1"})
    failed = (done.stderr.strip() or f"exit {done.returncode}") if done.returncode else ""
    refused = [p for p in paths if failed and os.sep + os.path.basename(p) in failed]
    return {"failed": failed, "refused": refused,
            "errors": _check([p for p in paths if p not in refused])}


def _check(paths: list[str]) -> dict[str, str]:
    # the collector has nothing to collect here (bytecode of trusted text), only passes to make
    enabled = gc.isenabled()
    gc.disable()
    try:
        found = {}
        for path in paths:
            error = parse_error(Path(path).read_text(encoding="utf-8"), path)
            if error is not None:
                found[path] = error
        return found
    finally:
        if enabled:
            gc.enable()


if __name__ == "__main__":  # a ``Worker``: one JSON job in, one JSON answer out, per line
    for line in sys.stdin:
        job = json.loads(line)
        done = black_chunk(*job["black"]) if "black" in job else _job(**job)
        print(json.dumps(done), flush=True)
