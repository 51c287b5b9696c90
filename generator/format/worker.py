"""The format stage's worker processes: fresh interpreters that format and parse back batches.

A :class:`Worker` is a fresh interpreter running this file as a script (stdlib only, no import
of ``generator``): the generator's thread that hands it a job writes one line and reads one.
Done in the generator's process, the copies, the start of a formatter and the parse-back would
take the GIL hundreds of times a batch, and each time wait for the renderer
(``sys.getswitchinterval``, 5 ms): on Stripe that held every batch back by about two seconds.
The worker reads and writes the files itself, so no text goes through the pipe (sending the text
instead of writing the files cost 50 MB on Stripe and no time), and it does not inherit the
memory of the generator (a forked worker starts with its hundreds of MB resident); its time and
memory count as the generator's children's.

What is language-specific comes from a target as a :data:`Function`: the file of a module that
imports nothing of specgen (the worker loads it by path) and the name of a function in it. Two
jobs: :meth:`Worker.run` copies files, runs a formatter's command on the copies and parses back
those it formatted with the target's check; :meth:`Worker.call` calls a target's function.
"""

from __future__ import annotations

import gc
import importlib.util
import json
import os
import queue
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["Done", "Function", "Worker", "Workers"]

Function = tuple[str, str]
"""``(file of a stdlib-only module, name of a function in it)``: what a worker runs."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Done:
    """What :meth:`Worker.run` found: the command's error output if it failed (else ``""``),
    the copies it names there (by file name: refused, not checked), and the check's message
    for each other copy that does not parse back."""

    failed: str
    refused: list[Path]
    errors: dict[Path, str]


class Worker:
    """A fresh interpreter running this file that runs the jobs it is sent, one at a time: it
    starts once (~20 ms) however many jobs it takes."""

    def __init__(self) -> None:
        self._proc = subprocess.Popen(
            [sys.executable, "-I", __file__], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            text=True, encoding="utf-8")

    def run(self, copies: list[tuple[Path, Path]], command: list[str], check: Function) -> Done:
        """Copy each ``(source, copy)``, run ``command`` on the copies (it formats them in
        place) and parse back with ``check`` (``(text, name) -> message or None``) those it
        did not refuse."""
        done = self._ask({"copies": [[str(a), str(b)] for a, b in copies], "command": command,
                          "check": list(check)})
        return Done(failed=done["failed"], refused=[Path(p) for p in done["refused"]],
                    errors={Path(p): message for p, message in done["errors"].items()})

    def call(self, function: Function, *args: Any) -> dict[str, Any]:
        """``function(*args)`` in the worker's process (arguments and answer: JSON)."""
        return self._ask({"call": list(function), "args": list(args)})

    def _ask(self, job: dict[str, Any]) -> dict[str, Any]:
        """Send one job to the worker process and return its answer; raises ``RuntimeError`` when
        the worker has died."""
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


_LOADED: dict[str, Any] = {}


def _function(function: list[str]) -> Callable[..., Any]:
    """The function named by a :data:`Function`, its module loaded once by path."""
    path, name = function
    if path not in _LOADED:
        spec = importlib.util.spec_from_file_location(f"_specgen_worker_{len(_LOADED)}", path)
        assert spec is not None and spec.loader is not None, path
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        _LOADED[path] = module
    found: Callable[..., Any] = getattr(_LOADED[path], name)
    return found


def _job(copies: list[list[str]], command: list[str], check: list[str]) -> dict[str, object]:
    """Copy each ``[source, copy]`` pair, run ``command`` on the copies, and check the ones it did
    not refuse with the ``check`` function: what failed (the formatter's message), the copies
    it refused, and each check's error by path."""
    for source, copy in copies:
        shutil.copyfile(source, copy)
    paths = [copy for _, copy in copies]
    if not paths:  # a formatter given no file may format the working directory
        return {"failed": "", "refused": [], "errors": {}}
    done = subprocess.run([*command, *paths], capture_output=True, text=True, check=False,
                          env={**os.environ, "NO_COLOR": "1"})
    failed = (done.stderr.strip() or f"exit {done.returncode}") if done.returncode else ""
    refused = [p for p in paths if failed and os.sep + os.path.basename(p) in failed]
    return {"failed": failed, "refused": refused,
            "errors": _check([p for p in paths if p not in refused], _function(check))}


def _check(paths: list[str], check: Callable[[str, str], str | None]) -> dict[str, str]:
    # the collector has nothing to collect here (parsing trusted text), only passes to make
    """The error ``check`` finds in each file of ``paths`` (none: not listed), with the garbage
    collector paused."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        found = {}
        for path in paths:
            error = check(Path(path).read_text(encoding="utf-8"), path)
            if error is not None:
                found[path] = error
        return found
    finally:
        if enabled:
            gc.enable()


if __name__ == "__main__":  # a ``Worker``: one JSON job in, one JSON answer out, per line
    for line in sys.stdin:
        job = json.loads(line)
        done = _function(job["call"])(*job["args"]) if "call" in job else _job(**job)
        print(json.dumps(done), flush=True)
