"""A one-line progress display for long runs: stage names and counts, on a terminal only.

The pipeline calls :meth:`Progress.stage` as it goes; :data:`SILENT` ignores everything, so
library callers and tests see nothing. The command line uses :func:`for_stream`, which is silent
unless the stream is a TTY (pipes, CI logs and files stay clean). The line is redrawn in place
with ``\\r`` and erased when the run ends, so the final summary stands alone.
"""

from __future__ import annotations

import time
from typing import TextIO

__all__ = ["SILENT", "Progress", "for_stream"]


class Progress:
    """Report ``stage`` names (and ``done/total`` counts) to ``stream``; silent without one."""

    def __init__(self, stream: TextIO | None = None, *, interval: float = 0.1) -> None:
        self._stream = stream
        self._interval = interval
        self._last = 0.0
        self._shown = False

    def stage(self, name: str, done: int = 0, total: int = 0) -> None:
        """Show that the run is in ``name``; counts are shown when ``total`` is known."""
        if self._stream is None:
            return
        now = time.monotonic()
        if total and 0 < done < total and now - self._last < self._interval:
            return  # redraw at most every interval within a stage, always at its edges
        self._last = now
        text = f"specgen: {name} {done}/{total}" if total else f"specgen: {name}"
        self._stream.write(f"\r\x1b[K{text}")
        self._stream.flush()
        self._shown = True

    def finish(self) -> None:
        """Erase the line so the next message starts on a clean one."""
        if self._stream is not None and self._shown:
            self._stream.write("\r\x1b[K")
            self._stream.flush()
            self._shown = False


SILENT = Progress()


def for_stream(stream: TextIO, *, quiet: bool = False) -> Progress:
    """A progress line on ``stream`` if it is a terminal and the run is not ``quiet``."""
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        tty = False
    return Progress(stream) if tty and not quiet else SILENT
