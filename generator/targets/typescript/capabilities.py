"""What the TypeScript target's validators check exactly: regex dialect, formats, integers.

- Regex dialect ``ecmascript``: a pattern is compiled as written with ``new RegExp(source,
  "u")``, so an ECMA-262 pattern means exactly what the standard says with the ``u`` flag (code
  points, ``\\p{..}``). A pattern that is only valid without the flag (Annex B: an identity
  escape such as ``\\-`` or ``\\a`` outside a class, a lone ``{``, ``}`` or ``]``, a
  backreference to a group that does not exist, ``(?`` syntax that is not a group) is refused at
  its pointer (``E403``): with the flag it throws, without it ``.`` and classes read UTF-16 code
  units, which is not what the other targets check.
- Formats: int32, int64, date-time, date, uuid, email, uri and byte, checked as the Python
  target checks them (the same regular expressions and date rules); others are warned about.
- Integers: a JavaScript ``number`` holds ±(2**53 - 1) exactly; the generated code holds larger
  integers as ``bigint`` (literals, and values from the package's lossless ``parseJson``), so
  no integer of the spec is approximated.
"""

from __future__ import annotations

import re

from ..target import Capabilities, IntegerRange, RegexDialect

__all__ = ["CAPABILITIES", "FORMATS", "u_mode_problem"]

FORMATS = frozenset(["int32", "int64", "date-time", "date", "uuid", "email", "uri", "byte"])
_SYNTAX = frozenset("^$\\.*+?()[]{}|/")
_CLASS_ESCAPES = frozenset("dDwWsSnrtfvb-")
_ATOM_ESCAPES = frozenset("dDwWsSnrtfvbB")
_QUANTIFIER = re.compile(r"\{[0-9]+(,[0-9]*)?\}")
_GROUP = re.compile(r"\(\?(:|=|!|<=|<!|<[A-Za-z_$][A-Za-z0-9_$]*>)")


def u_mode_problem(pattern: str) -> str | None:
    """Why ``pattern`` is not valid ECMA-262 with the ``u`` flag (``None``: it is)."""
    groups = len(re.findall(r"\((?!\?)|\(\?<[A-Za-z_$]", pattern))
    i, in_class = 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            problem, i = _escape(pattern, i + 1, in_class, groups)
            if problem:
                return problem
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            i += 2 if pattern.startswith("[^]", i) or pattern.startswith("[]", i) else 1
            continue
        elif c == "(" and pattern.startswith("(?", i) and not _GROUP.match(pattern, i):
            return f"{pattern[i:i + 3]!r} is not ECMA-262 group syntax"
        elif c == "{" and not _QUANTIFIER.match(pattern, i):
            return "a lone '{' is not valid with the u flag (escape it as \\{)"
        elif c in "}]":
            return f"a lone {c!r} is not valid with the u flag (escape it)"
        elif c == "{":
            i = pattern.index("}", i)
        i += 1
    return "an unterminated character class" if in_class else None


def _escape(pattern: str, i: int, in_class: bool, groups: int) -> tuple[str | None, int]:
    """(why the escape at ``pattern[i - 1]`` is invalid with the ``u`` flag, or ``None``; the
    index after it)."""
    if i >= len(pattern):
        return "a pattern cannot end with a backslash", i
    c = pattern[i]
    if c in _SYNTAX or c in (_CLASS_ESCAPES if in_class else _ATOM_ESCAPES):
        return None, i + 1
    if c == "0" and not pattern[i + 1:i + 2].isdigit():
        return None, i + 1
    if c.isdigit():
        number = re.match(r"[0-9]+", pattern[i:])
        assert number is not None
        if in_class or int(number[0]) > groups:
            return f"\\{number[0]} is not a backreference to a group of the pattern", i
        return None, i + len(number[0])
    checks = {
        "c": r"c[A-Za-z]", "x": r"x[0-9A-Fa-f]{2}",
        "u": r"u([0-9A-Fa-f]{4}|\{[0-9A-Fa-f]{1,6}\})",
        "p": r"p\{[A-Za-z_=]+\}", "P": r"P\{[A-Za-z_=]+\}", "k": r"k<[A-Za-z_$][A-Za-z0-9_$]*>",
    }
    shape = checks.get(c)
    found = re.match(shape, pattern[i:]) if shape is not None else None
    if found is not None and not (in_class and c == "k"):
        return None, i + len(found[0])
    return f"the escape \\{c} is not valid with the u flag", i


CAPABILITIES = Capabilities(
    regex=RegexDialect(name="ecmascript", problem=u_mode_problem),
    formats=FORMATS,
    integers=IntegerRange(minimum=-(2**53 - 1), maximum=2**53 - 1),
    # the client sends a model as JSON or form fields, a FormData, a string; anything else
    # (ndjson, SSE, binary) is the caller's BodyInit (W601); it reads every kind
    requests=frozenset(["json", "form", "multipart", "text"]),
    responses=frozenset(["json", "text", "ndjson", "sse", "binary"]),
)
