"""``generator.deep.call``: the work runs on one deep thread, its clean-ups run on Ctrl-C, and
nothing of the big stack or the raised recursion limit leaks to the caller."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time

import pytest

from generator import deep


def test_the_work_runs_deep_and_hands_back_its_result_or_error() -> None:
    assert deep.call(lambda: sys.getrecursionlimit()) >= deep.FRAMES
    assert deep.call(lambda: deep.call(lambda: threading.current_thread().name)) == "specgen-deep"

    def fails() -> None:
        raise ValueError("inner")
    with pytest.raises(ValueError, match="inner"):
        deep.call(fails)
    assert threading.stack_size() == 0 and sys.getrecursionlimit() < deep.FRAMES


def test_threads_the_work_starts_get_the_usual_stack() -> None:
    def size_seen_by_a_new_thread() -> int:
        time.sleep(0.05)  # the caller has put the size back once the worker started
        return threading.stack_size()
    assert deep.call(size_seen_by_a_new_thread) == 0


def test_ctrl_c_runs_the_work_s_clean_ups_before_it_returns() -> None:
    """A Ctrl-C while waiting is raised inside the work: its ``finally`` runs (a writer's
    staging folder is removed there), then the caller sees the ``KeyboardInterrupt``."""
    log: list[str] = []

    def work() -> None:
        try:
            for _ in range(100):
                time.sleep(0.05)
            log.append("finished")
        finally:
            log.append("cleaned")

    # Python's own Ctrl-C handler, even where the test runs in the background of a shell
    # (which starts it with SIGINT ignored, so Python installs none)
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    timer = threading.Timer(0.3, lambda: os.kill(os.getpid(), signal.SIGINT))
    timer.start()
    started = time.monotonic()
    try:
        with pytest.raises(KeyboardInterrupt):
            deep.call(work)
    finally:
        signal.signal(signal.SIGINT, before)
    assert log == ["cleaned"] and time.monotonic() - started < 3
    assert sys.getrecursionlimit() < deep.FRAMES
