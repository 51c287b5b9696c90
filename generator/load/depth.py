"""Where a document nests too deeply, found without building it (for :mod:`.reader`).

A document nested thousands of levels deep cannot be parsed into Python data (``json`` and the
YAML composer recurse) nor indexed for positions, so its E106 would have no place. These scanners
walk the text (JSON: its tokens; YAML: the parser's event stream, which does not recurse) and
return the JSON pointer and ``line:col`` of the first collection deeper than the limit.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml

from ..diagnostics import pointer_token

__all__ = ["Deep", "too_deep_json", "too_deep_yaml"]

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\],:]')


@dataclass(frozen=True, slots=True)
class Deep:
    """The first collection nested deeper than the limit: its pointer and 1-based position."""

    pointer: str
    line: int
    column: int


class _Frame:
    """One open collection: the member or item being read in it."""

    __slots__ = ("key", "mapping", "want_key")

    def __init__(self, mapping: bool) -> None:
        self.mapping = mapping
        self.key: str | int = "" if mapping else 0
        self.want_key = mapping

    def done(self) -> None:
        """A value of this collection has been read: a mapping wants a key, a list counts on."""
        if self.mapping:
            self.want_key = True
        else:
            assert isinstance(self.key, int)
            self.key += 1


def _pointer(frames: list[_Frame]) -> str:
    return "".join(f"/{pointer_token(str(f.key))}" for f in frames)


def too_deep_json(text: str, limit: int) -> Deep | None:
    """The first object or array of JSON ``text`` more than ``limit`` levels below the root."""
    frames: list[_Frame] = []
    last = ""
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token in "{[":
            if len(frames) > limit:
                line = text.count("\n", 0, match.start()) + 1
                return Deep(_pointer(frames), line, match.start() - text.rfind("\n", 0, match.start()))
            frames.append(_Frame(token == "{"))
        elif token in "}]" and frames:
            frames.pop()
        elif token == ":" and frames and frames[-1].mapping:
            frames[-1].key = last
        elif token == "," and frames and not frames[-1].mapping:
            frames[-1].done()
        elif token.startswith('"'):
            last = json.loads(token)
    return None


def too_deep_yaml(text: str, limit: int) -> Deep | None:
    """The first mapping or sequence of YAML ``text`` more than ``limit`` levels below the root
    (read from the parser's events up to there, or up to a syntax error). libyaml's scanner
    stops at its own bound before it yields those events; then PyYAML's Python parser is used."""
    for loader in dict.fromkeys((_BaseLoader, yaml.SafeLoader)):
        try:
            return _deep_events(yaml.parse(text, Loader=loader), limit)
        except yaml.YAMLError:
            continue
    return None


def _deep_events(events: Iterator[yaml.Event], limit: int) -> Deep | None:
    frames: list[_Frame] = []
    for event in events:
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            frames.pop()
            if frames:
                frames[-1].done()
        elif isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent)):
            if frames and frames[-1].want_key:
                frames[-1].key, frames[-1].want_key = str(getattr(event, "value", "")), False
            elif frames:
                frames[-1].done()
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if len(frames) > limit:
                mark = event.start_mark
                line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
                return Deep(_pointer(frames), line, column)
            if frames and frames[-1].want_key:  # a collection as a key: read as its place
                frames[-1].want_key = False
            frames.append(_Frame(isinstance(event, yaml.MappingStartEvent)))
    return None
