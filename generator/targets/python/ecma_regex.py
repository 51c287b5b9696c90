"""Translate an ECMA-262 regular expression (JSON Schema's dialect) to Python ``re`` syntax.

Where the two differ, the ECMA meaning wins: ``\\d`` and ``\\w`` are ASCII, ``\\s`` is ECMA's
whitespace set, ``\\b`` uses ASCII word characters, ``.`` excludes every line terminator and ``$``
matches only at the very end. ``\\p{...}`` general categories (Python ``re`` lacks them) are
expanded to code point ranges from the table committed with the generator
(:mod:`.unicode_categories`, its Unicode version stated there), never from the running
interpreter's ``unicodedata``, so the output does not depend on the Python version. Other syntax
with no faithful Python equivalent raises :class:`UnsupportedRegex`, which the build stage turns
into a diagnostic.
"""

from __future__ import annotations

import functools
import re

from .unicode_categories import CATEGORIES

__all__ = ["UnsupportedRegex", "translate"]

_WS = "\\t\\n\\x0b\\x0c\\r \\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff"
_CLASSES = {"d": "0-9", "w": "a-zA-Z0-9_", "s": _WS}
_DOT = "[^\\n\\r\\u2028\\u2029]"
_PYTHON_ESCAPES = frozenset("AZaN")  # invalid in ECMA-262 (u flag); anchors, bell, \N{name} in re


class UnsupportedRegex(ValueError):
    """The pattern uses ECMA-262 syntax with no faithful Python equivalent, or is invalid."""


def translate(pattern: str) -> str:
    """Return Python ``re`` source matching what ``pattern`` matches under ECMA-262 (``u`` flag)."""
    out: list[str] = []
    i, in_class = 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            text, i = _escape(pattern, i + 1, in_class)
            out.append(text)
            continue
        if not in_class:
            _refuse_python_only(pattern, i)
        if in_class:
            in_class = c != "]"
            out.append(c)
        elif c == "[":
            text, i, in_class = _open_class(pattern, i)
            out.append(text)
            continue
        elif c == ".":
            out.append(_DOT)
        elif c == "$":
            out.append("\\Z")
        elif pattern.startswith("(?<", i) and pattern[i + 3 : i + 4] not in ("=", "!"):
            out.append("(?P<")
            i += 3
            continue
        else:
            out.append(c)
        i += 1
    result = "".join(out)
    try:
        re.compile(result)
    except re.error as exc:
        raise UnsupportedRegex(f"not a valid regular expression: {exc}") from None
    return result


def _refuse_python_only(pattern: str, i: int) -> None:
    """Refuse syntax outside a class that ECMA-262 (``u``) rejects but Python ``re`` would read
    with a meaning of its own: ``(?i)``, ``(?P<..>``, ``(?#..)``... and the ``{,n}`` quantifier."""
    if pattern.startswith("(?", i) and pattern[i + 2 : i + 3] not in (":", "=", "!", "<"):
        raise UnsupportedRegex(f"{pattern[i : i + 3]!r} is not ECMA-262 group syntax")
    if pattern.startswith("{,", i):
        raise UnsupportedRegex("a '{,n}' quantifier is not ECMA-262 (Python re reads it as {0,n})")


_CATEGORY_NAMES = {
    "Letter": "L",
    "Uppercase_Letter": "Lu",
    "Lowercase_Letter": "Ll",
    "Titlecase_Letter": "Lt",
    "Modifier_Letter": "Lm",
    "Other_Letter": "Lo",
    "Mark": "M",
    "Number": "N",
    "Decimal_Number": "Nd",
    "digit": "Nd",
    "Letter_Number": "Nl",
    "Other_Number": "No",
    "Punctuation": "P",
    "punct": "P",
    "Symbol": "S",
    "Separator": "Z",
    "Space_Separator": "Zs",
    "Control": "Cc",
    "cntrl": "Cc",
}


def _category(name: str) -> str:
    """Character-class body for a Unicode general category (``\\p{L}``, ``\\p{Letter}``...)."""
    name = name.removeprefix("General_Category=").removeprefix("gc=")
    short = _CATEGORY_NAMES.get(name, name)
    ranges = _category_ranges(short)
    if not ranges:
        raise UnsupportedRegex(f"Unicode property \\p{{{name}}} is not supported")
    return "".join(f"\\U{a:08x}" if a == b else f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges)


@functools.cache
def _category_ranges(short: str) -> tuple[tuple[int, int], ...]:
    """The code point ranges of a two-letter category (``Lu``) or of every category of a letter
    (``L``), merged and ascending, from the committed table; ``()`` if ``short`` is neither."""
    if short not in _KNOWN_CATEGORIES:
        return ()
    runs = sorted(r for name, text in CATEGORIES.items() if name.startswith(short)
                  for r in _parse(text))
    merged: list[tuple[int, int]] = []
    for first, last in runs:
        if merged and merged[-1][1] == first - 1:
            merged[-1] = (merged[-1][0], last)
        else:
            merged.append((first, last))
    return tuple(merged)


def _parse(text: str) -> list[tuple[int, int]]:
    """``"41-5a c0"`` -> ``[(0x41, 0x5a), (0xc0, 0xc0)]``."""
    out = []
    for word in text.split():
        first, _, last = word.partition("-")
        out.append((int(first, 16), int(last or first, 16)))
    return out


_KNOWN_CATEGORIES = frozenset(CATEGORIES) | {name[0] for name in CATEGORIES}


def _open_class(pattern: str, i: int) -> tuple[str, int, bool]:
    if pattern.startswith("[^]", i):
        return "(?s:.)", i + 3, False
    if pattern.startswith("[]", i):
        return "(?!)", i + 2, False
    if pattern.startswith("[^", i):
        return "[^", i + 2, True
    return "[", i + 1, True


def _escape(pattern: str, i: int, in_class: bool) -> tuple[str, int]:
    """Translate the escape whose letter is at ``pattern[i]``; return (text, next index)."""
    if i >= len(pattern):
        raise UnsupportedRegex("pattern ends with a lone backslash")
    c = pattern[i]
    if c in _PYTHON_ESCAPES:
        raise UnsupportedRegex(f"\\{c} is not an ECMA-262 escape (Python re gives it a meaning)")
    if c.lower() in _CLASSES:
        body = _CLASSES[c.lower()]
        if c.islower():
            return (body if in_class else f"[{body}]"), i + 1
        if in_class:
            raise UnsupportedRegex(f"\\{c} inside a character class is not supported")
        return f"[^{body}]", i + 1
    if c in "bB":
        return ("\\x08" if in_class else f"(?a:\\{c})"), i + 1
    if c in "pP" and pattern.startswith("{", i + 1):
        end = pattern.index("}", i)
        body = _category(pattern[i + 2 : end])
        if c == "p":
            return (body if in_class else f"[{body}]"), end + 1
        if in_class:
            raise UnsupportedRegex("\\P{...} inside a character class is not supported")
        return f"[^{body}]", end + 1
    if c == "c" and i + 1 < len(pattern) and pattern[i + 1].isalpha():
        return f"\\x{ord(pattern[i + 1]) % 32:02x}", i + 2
    if c == "u" and pattern.startswith("{", i + 1):
        end = pattern.index("}", i)
        return f"\\U{int(pattern[i + 2 : end], 16):08x}", end + 1
    if c == "0" and not pattern[i + 1 : i + 2].isdigit():
        return "\\x00", i + 1
    if c == "k" and pattern.startswith("<", i + 1):
        end = pattern.index(">", i)
        return f"(?P={pattern[i + 2 : end]})", end + 1
    if c == "/":
        return "/", i + 1
    return "\\" + c, i + 1
