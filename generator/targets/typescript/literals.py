"""TypeScript literal source: JSON values as expressions and types, comments from spec text.

Spec text reaches the output only through :func:`string` (JSON's own printer, ASCII-only, so no
line terminator or lone surrogate is ever raw in a file) and :func:`doc` (a JSDoc body with
``*/`` broken, line terminators normalised, NUL and lone surrogates dropped).
"""

from __future__ import annotations

import json
import math
import re

__all__ = ["SAFE_INTEGER", "doc", "is_identifier", "literal", "number", "property_key", "string"]

SAFE_INTEGER = 2**53 - 1
_IDENTIFIER = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")
_SURROGATE = re.compile("[\ud800-\udfff]")


def string(text: str) -> str:
    """A TypeScript string literal of ``text`` (JSON, ASCII-only)."""
    return json.dumps(text, ensure_ascii=True)


def is_identifier(name: str) -> bool:
    return _IDENTIFIER.fullmatch(name) is not None


def property_key(name: str) -> str:
    """A key of an object type or literal: bare when it is an identifier, else quoted."""
    return name if is_identifier(name) and name != "__proto__" else string(name)


def number(value: float) -> str:
    """A number literal; an integer beyond ±(2**53 - 1) is a ``bigint`` literal (exact)."""
    if isinstance(value, bool):
        raise TypeError(value)
    if isinstance(value, int):
        return str(value) if abs(value) <= SAFE_INTEGER else f"{value}n"
    if not math.isfinite(value):
        raise ValueError(f"not a JSON number: {value!r}")
    return "-0" if value == 0 and str(value).startswith("-") else repr(value)


def literal(value: object) -> str:
    """The expression of a JSON value (objects with ``__proto__`` keys stay own properties)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        text = number(value)
        return f"({text})" if text.startswith("-") else text
    if isinstance(value, str):
        return string(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, dict):
        items = [f"{_key(k)}: {literal(v)}" for k, v in value.items()]
        return "{" + ", ".join(items) + "}"
    raise TypeError(f"not JSON data: {value!r}")


def _key(name: str) -> str:
    # a quoted "__proto__" key in a literal sets the prototype; a computed one is a property
    return f"[{string(name)}]" if name == "__proto__" else string(name)


def doc(text: str | None, indent: str = "") -> list[str]:
    """The lines of a JSDoc comment holding ``text`` (none when it is empty)."""
    if not text:
        return []
    clean = _SURROGATE.sub("", text.replace("\0", ""))
    clean = re.sub("\r\n|[\r\u2028\u2029\u0085]", "\n", clean).replace("*/", "*\\/")
    lines = [line.rstrip() for line in clean.strip().split("\n")]
    if not any(lines):
        return []
    return [f"{indent}/**", *(f"{indent} *{' ' + line if line else ''}" for line in lines),
            f"{indent} */"]
