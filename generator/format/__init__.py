"""Stage 6, format: each target formats its own files and parses them back; this package is the
language-neutral machinery they share.

A target gives the pipeline a :class:`Formatter` (``Target.formatting``), fed file by file as
they are rendered. The machinery here takes the target's formatter as a parameter:

- :mod:`.blocks`: a module cut into runs of blocks while it is still being rendered, at the
  places the target's cut rule says (formatted apart, the blocks give the bytes of the whole);
- :mod:`.cache`: a content-addressed cache of formatted blocks, shared by runs and projects;
- :mod:`.worker`: fresh interpreters that format and parse back batches of files;
- :mod:`.blockstream`: a formatter fed block by block through the cache (Python's black);
- :mod:`.commandstream`: a formatter that is a command run on files (Python's ``ruff format``).
- :mod:`.manifest`: the committed output as the cache: each target folder's format manifest
  (``<target>/.specgen-format.json``), whose units are reused only after their committed bytes
  are hashed (:class:`~.manifest.Reuse` is what a target's ``formatting`` is given).

A failure here is a bug in specgen (a template produced invalid code); it raises
:class:`FormatFailure` with the file name and the unformatted source so the bug is easy to see.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol

from ..write import Content

__all__ = ["FormatFailure", "Formatter", "FormatterMissing"]


class FormatFailure(Exception):
    """Generated source that the formatter could not format or its parse-back refused."""

    def __init__(self, path: str, source: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.source = source


class FormatterMissing(Exception):
    """The formatter a target was asked to use is not installed (the message says how)."""


class Formatter(Protocol):
    """The format stage fed file by file: a target's ``formatting`` makes one."""

    def add(self, path: str, chunks: Iterable[str]) -> None:
        """Take the file at ``path`` (posix, relative) whose text is ``chunks``."""

    def result(self) -> Mapping[str, Content]:
        """Every file taken, in order, formatted; every one of them parses back. A content that
        is a file lasts until the formatter's ``with`` block is left."""
        ...
