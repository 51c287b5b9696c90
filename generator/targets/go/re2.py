"""Translate an ECMA-262 ``pattern`` (JSON Schema's dialect, read with the ``u`` flag as the
Python target reads it) to Go's RE2 syntax (``regexp``), or say why it cannot mean the same.

Where the two agree the text is kept: ``\\d``, ``\\w``, ``\\b`` are ASCII in both; ``^`` and
``$`` without the ``m`` flag match only at the ends of the text in both (Go's ``$`` is ``\\z``).
Where they differ the ECMA meaning is written out: ``\\s`` is ECMA's whitespace set (Go's is
ASCII only and lacks ``\\v``), ``.`` excludes every ECMA line terminator (Go's only ``\\n``),
``\\uXXXX`` becomes ``\\x{XXXX}``, ``[^]`` any character, ``[`` inside a class is escaped (Go
reads ``[[:alpha:]]``). RE2 has no lookaround and no backreferences: those are refused, as are
``\\p{..}`` (Go's tables follow its toolchain's Unicode version, not the 14.0.0 table the other
targets use), ``\\cX``, repetitions above RE2's limit of 1000 and any other escape whose
meaning differs, so the build reports them at their pointer (E403).
"""

from __future__ import annotations

import re

__all__ = ["UnsupportedRegex", "problem", "translate"]

_WS = "\\t\\n\\v\\f\\r \\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}" \
      "\\x{205f}\\x{3000}\\x{feff}"
_DOT = "[^\\n\\r\\x{2028}\\x{2029}]"
_SAME = frozenset("dDwWtnrfv")
_SYNTAX = frozenset("^$\\.*+?()[]{}|/-")
_QUANTIFIER = re.compile(r"\{(\d+)(,(\d*))?\}")
_LIMIT = 1000


class UnsupportedRegex(ValueError):
    """The pattern has no RE2 form that means exactly the same (or is not valid ECMA-262)."""


def problem(pattern: str) -> str | None:
    """Why ``pattern`` cannot be honoured exactly in Go, or ``None``."""
    try:
        translate(pattern)
    except UnsupportedRegex as exc:
        return str(exc)
    return None


def translate(pattern: str) -> str:
    """The RE2 source matching exactly what the ECMA-262 ``pattern`` matches."""
    out: list[str] = []
    i, quantified = 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            text, i = _escape(pattern, i + 1, in_class=False)
            out.append(text)
            quantified = False
        elif c == "[":
            text, i = _class(pattern, i + 1)
            out.append(text)
            quantified = False
        elif c in "*+?{":
            text, i = _quantifier(pattern, i, quantified, out)
            out.append(text)
            quantified = text != "?"
        elif c == "(":
            text, i = _group(pattern, i + 1)
            out.append(text)
            quantified = False
        elif c == ".":
            out.append(_DOT)
            i += 1
            quantified = False
        elif c == "}":
            raise UnsupportedRegex(f"a lone '}}' in {pattern!r}")
        else:
            out.append(c)
            i += 1
            quantified = False
    return "".join(out)


def _quantifier(pattern: str, i: int, quantified: bool, out: list[str]) -> tuple[str, int]:
    c = pattern[i]
    if quantified and not (c == "?" and pattern[i - 1] != "?"):
        raise UnsupportedRegex(f"a repeated quantifier in {pattern!r}")
    if not out or out[-1] in ("(", "|", "(?:") or out[-1].endswith("<"):
        raise UnsupportedRegex(f"a quantifier with nothing to repeat in {pattern!r}")
    if c != "{":
        return c, i + 1
    found = _QUANTIFIER.match(pattern, i)
    if found is None:
        raise UnsupportedRegex(f"a '{{' that is not a quantifier in {pattern!r}")
    numbers = [int(n) for n in (found[1], found[3]) if n]
    if any(n > _LIMIT for n in numbers):
        raise UnsupportedRegex(f"a repetition above RE2's limit of {_LIMIT} in {pattern!r}")
    if len(numbers) == 2 and numbers[1] < numbers[0]:
        raise UnsupportedRegex(f"a quantifier out of order in {pattern!r}")
    return found[0], found.end()


def _group(pattern: str, i: int) -> tuple[str, int]:
    if pattern.startswith("?:", i):
        return "(?:", i + 2
    if pattern.startswith(("?=", "?!", "?<=", "?<!"), i):
        raise UnsupportedRegex(f"lookaround (RE2 has none) in {pattern!r}")
    named = re.compile(r"\?<([A-Za-z_][A-Za-z0-9_]*)>").match(pattern, i)
    if named is not None:
        return f"(?P<{named[1]}>", named.end()
    if pattern.startswith("?", i):
        raise UnsupportedRegex(f"an unknown group in {pattern!r}")
    return "(", i


def _class(pattern: str, i: int) -> tuple[str, int]:
    """The class from just after ``[`` to its ``]``."""
    if pattern.startswith("^]", i):
        return "[\\x00-\\x{10FFFF}]", i + 2
    if pattern.startswith("]", i):
        return "[^\\x00-\\x{10FFFF}]", i + 1
    out = ["["]
    if pattern.startswith("^", i):
        out.append("^")
        i += 1
    while i < len(pattern) and pattern[i] != "]":
        c = pattern[i]
        if c == "\\":
            text, i = _escape(pattern, i + 1, in_class=True)
            out.append(text)
        elif c == "[":
            out.append("\\[")
            i += 1
        else:
            out.append(c)
            i += 1
    if i >= len(pattern):
        raise UnsupportedRegex(f"an unterminated class in {pattern!r}")
    return "".join(out) + "]", i + 1


def _escape(pattern: str, i: int, *, in_class: bool) -> tuple[str, int]:
    """One escape, from just after its backslash."""
    if i >= len(pattern):
        raise UnsupportedRegex(f"a trailing backslash in {pattern!r}")
    c = pattern[i]
    if c in _SAME:
        return "\\" + c, i + 1
    if c in "sS":
        if in_class and c == "S":
            raise UnsupportedRegex(f"\\S inside a class in {pattern!r}")
        body = _WS if in_class else ("[" if c == "s" else "[^") + _WS + "]"
        return body, i + 1
    if c in "bB":
        return ("\\x08" if in_class and c == "b" else
                _refuse_in_class(pattern, c) if in_class else "\\" + c), i + 1
    if c == "0" and not pattern[i + 1:i + 2].isdigit():
        return "\\x00", i + 1
    if c == "x" and re.fullmatch(r"[0-9A-Fa-f]{2}", pattern[i + 1:i + 3]):
        return "\\x" + pattern[i + 1:i + 3], i + 3
    if c == "u":
        return _unicode(pattern, i + 1)
    if c in _SYNTAX:
        return "\\" + c, i + 1
    if c.isdigit():
        raise UnsupportedRegex(f"a backreference (RE2 has none) in {pattern!r}")
    if c == "k":
        raise UnsupportedRegex(f"a named backreference (RE2 has none) in {pattern!r}")
    if c in "pP":
        raise UnsupportedRegex(f"\\{c}{{..}}: Go's Unicode tables are not the targets' "
                               f"shared 14.0.0 table, in {pattern!r}")
    raise UnsupportedRegex(f"the escape \\{c} in {pattern!r}")


def _refuse_in_class(pattern: str, c: str) -> str:
    raise UnsupportedRegex(f"\\{c} inside a class in {pattern!r}")


def _unicode(pattern: str, i: int) -> tuple[str, int]:
    braced = re.compile(r"\{([0-9A-Fa-f]{1,6})\}").match(pattern, i)
    if braced is not None:
        code, end = int(braced[1], 16), braced.end()
    elif re.fullmatch(r"[0-9A-Fa-f]{4}", pattern[i:i + 4]):
        code, end = int(pattern[i:i + 4], 16), i + 4
    else:
        raise UnsupportedRegex(f"a malformed \\u escape in {pattern!r}")
    if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        raise UnsupportedRegex(f"a surrogate or out-of-range code point in {pattern!r}")
    return f"\\x{{{code:x}}}", end
