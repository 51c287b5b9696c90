"""The TypeScript target's format stage: output is stable by construction (fixed indentation
and layout from the emitters and templates; no formatter runs), and every file is parsed back
before it is written: ``.json`` with ``json``, ``.ts`` with :func:`check_typescript`, a
tokenizer that refuses unbalanced brackets and unterminated strings, template literals, regular
expressions and comments (``tsc`` compiles the output in the tests).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager

from ...format import FormatFailure, Formatter
from ...write import Content

__all__ = ["check_typescript", "formatting"]

_CLOSERS = {")": "(", "]": "[", "}": "{"}
_REGEX_AFTER = frozenset("(,=:[!&|?{};+-*%<>~^") | {""}
_REGEX_WORDS = frozenset(["return", "typeof", "case", "do", "else", "in", "of", "new", "throw",
                          "void", "delete", "instanceof", "yield", "await"])

# a run of characters with no quote, slash, backquote or bracket: words, spaces and punctuators
# the scanner only needs the last significant one of ([\w$] is str.isalnum() or "_" or "$")
_PLAIN = re.compile(r"[^'\"`/()\[\]{}]+")
_STRING = {q: re.compile(rf"(?:[^\\\n{q}]|\\.)*{q}", re.DOTALL) for q in "'\""}


class _Broken(Exception):
    pass


def check_typescript(source: str) -> None:
    """Raise ``ValueError`` saying where ``source`` is not well-formed TypeScript tokens."""
    try:
        _Tokens(source).run()
    except _Broken as exc:
        raise ValueError(str(exc)) from None


class _Tokens:
    def __init__(self, source: str) -> None:
        self.s = source
        self.i = 0
        self.stack: list[tuple[str, int]] = []  # "(", "[", "{" or "${" with the offset
        self.last = ""  # the last significant token (a punctuator, or a word)

    def where(self, at: int) -> str:
        line = self.s.count("\n", 0, at) + 1
        return f"line {line}"

    def run(self) -> None:
        s = self.s
        while self.i < len(s):
            c = s[self.i]
            if plain := _PLAIN.match(s, self.i):
                self._plain(plain.group())
                self.i = plain.end()
            elif s.startswith("//", self.i):
                end = s.find("\n", self.i)
                self.i = len(s) if end < 0 else end
            elif s.startswith("/*", self.i):
                end = s.find("*/", self.i + 2)
                if end < 0:
                    raise _Broken(f"unterminated comment at {self.where(self.i)}")
                self.i = end + 2
            elif c in "'\"":
                self._string(c)
            elif c == "`":
                self.i += 1
                self._template()
            elif c == "/" and (self.last in _REGEX_AFTER or self.last in _REGEX_WORDS):
                self._regex()
            else:
                self._other(c)
        if self.stack:
            raise _Broken(f"{self.stack[-1][0]!r} never closed ({self.where(self.stack[-1][1])})")

    def _plain(self, run: str) -> None:
        """Keep the last word or punctuator of a run that :data:`_PLAIN` matched."""
        run = run.rstrip(" \t\n")
        if not run:
            return
        if run[-1].isalnum() or run[-1] in "_$":
            start = len(run) - 1
            while start > 0 and (run[start - 1].isalnum() or run[start - 1] in "_$"):
                start -= 1
            self.last = run[start:]
        else:
            self.last = run[-1]

    def _other(self, c: str) -> None:
        """A bracket (everything else is a quote, a slash or part of a :data:`_PLAIN` run)."""
        if c in "([{":
            self.stack.append((c, self.i))
        elif c in _CLOSERS:
            if not self.stack:
                raise _Broken(f"{c!r} closes nothing at {self.where(self.i)}")
            opened, at = self.stack.pop()
            if opened == "${" and c == "}":
                self.i += 1
                self._template()
                return
            if opened != _CLOSERS[c]:
                raise _Broken(f"{c!r} at {self.where(self.i)} closes {opened!r} "
                              f"of {self.where(at)}")
        self.last = c
        self.i += 1

    def _string(self, quote: str) -> None:
        start = self.i
        end = _STRING[quote].match(self.s, start + 1)
        if end is None:
            raise _Broken(f"unterminated string at {self.where(start)}")
        self.i = end.end()
        self.last = "string"

    def _template(self) -> None:
        """From inside a template literal to its end, or into one of its ``${``."""
        start = self.i
        while self.i < len(self.s):
            c = self.s[self.i]
            if c == "\\":
                self.i += 2
            elif c == "`":
                self.i += 1
                self.last = "string"
                return
            elif self.s.startswith("${", self.i):
                self.stack.append(("${", self.i))
                self.i += 2
                self.last = "("
                return
            else:
                self.i += 1
        raise _Broken(f"unterminated template literal at {self.where(start)}")

    def _regex(self) -> None:
        start, self.i, in_class = self.i, self.i + 1, False
        while self.i < len(self.s) and self.s[self.i] != "\n":
            c = self.s[self.i]
            if c == "\\":
                self.i += 2
                continue
            self.i += 1
            if c == "[":
                in_class = True
            elif c == "]":
                in_class = False
            elif c == "/" and not in_class:
                while self.i < len(self.s) and self.s[self.i].isalpha():
                    self.i += 1
                self.last = "regex"
                return
        raise _Broken(f"unterminated regular expression at {self.where(start)}")


class _ParseBack:
    """A :class:`~generator.format.Formatter` that formats nothing and checks everything."""

    def __init__(self) -> None:
        self._files: dict[str, Content] = {}

    def add(self, path: str, chunks: Iterable[str]) -> None:
        text = "".join(chunks)
        try:
            if path.endswith(".json"):
                json.loads(text)
            elif path.endswith(".ts"):
                check_typescript(text)
        except ValueError as exc:
            raise FormatFailure(path, text, f"generated code does not parse back: {exc}") from None
        self._files[path] = text

    def result(self) -> Mapping[str, Content]:
        return dict(self._files)


@contextmanager
def formatting() -> Iterator[Formatter]:
    yield _ParseBack()
