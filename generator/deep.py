"""Running a stage on a stack sized for the deepest input the limits admit.

specgen follows a document's structure and its ``$ref`` graph recursively (the builder, the
validators, the analyses): a chain or ring of thousands of schemas, or an ``allOf`` nested a
thousand deep, is that many nested calls. Instead of Python's default of 1,000 frames on the
main thread's 8 MB stack, :func:`call` runs the work on a thread whose stack is reserved (not
committed: only the depth used is touched) with a recursion limit that fits in it. A
``RecursionError`` past that bound is a bug report (exit 3), never a spec error: the input's
own depth is E106, from the loader.
"""

from __future__ import annotations

import ctypes
import sys
import threading
from collections.abc import Callable
from typing import TypeVar

__all__ = ["FRAMES", "STACK", "call"]

T = TypeVar("T")

STACK = 1024 * 1024 * 1024
"""Bytes reserved for the worker thread's stack."""
FRAMES = 250_000
"""The recursion limit on that thread: about 4 KB of stack per Python frame, far more than a
frame of the pure-Python recursion here takes (CPython 3.11 runs Python-to-Python calls
without C recursion; the C frames of a builtin calling back are what the room is for)."""


def call(work: Callable[[], T]) -> T:
    """``work()`` on a thread with a :data:`STACK` stack and a :data:`FRAMES` recursion limit;
    its result, or the exception it raised. Nested calls run in place (already deep), and so
    does a call where the system will not start such a thread. Only that one thread gets the
    big stack (the size is put back as soon as it has started). A ``KeyboardInterrupt`` in the
    caller is raised inside the work too, whose clean-ups (``finally``) run before it returns."""
    if threading.current_thread().name == _NAME:
        return work()
    box: list[T] = []
    failure: list[BaseException] = []
    done = threading.Event()

    def run() -> None:
        try:
            box.append(work())
        except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread, raised there
            failure.append(exc)
        finally:
            done.set()

    limit = sys.getrecursionlimit()
    worker = threading.Thread(target=run, name=_NAME)
    stack = threading.stack_size(STACK)
    sys.setrecursionlimit(max(limit, FRAMES))
    try:
        try:
            worker.start()
        finally:
            threading.stack_size(stack)
    except RuntimeError:  # no room for the stack (ulimit -v, no overcommit): in place
        sys.setrecursionlimit(limit)
        return work()
    try:
        _join(worker, done)
    finally:
        sys.setrecursionlimit(limit)
    if failure:
        raise failure[0]
    return box[0]


def _join(worker: threading.Thread, done: threading.Event) -> None:
    """Wait for ``worker`` to set ``done``; on Ctrl-C, raise ``KeyboardInterrupt`` in it and
    wait for its clean-ups to finish (a second Ctrl-C is raised in it again). An event, not
    ``join(timeout)``: a join that Ctrl-C interrupts can report a live thread dead (3.11)."""
    while not done.is_set():
        try:
            done.wait(0.2)
        except KeyboardInterrupt:
            ident = worker.ident
            if ident is not None:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(
                    ctypes.c_ulong(ident), ctypes.py_object(KeyboardInterrupt))
    worker.join()


_NAME = "specgen-deep"
