"""Go literals and identifiers from spec data: the only way spec text reaches Go source.

Strings are printed as Go's ``strconv.Quote`` would print them (printable characters kept,
others escaped), JSON values as Go expressions of the values ``encoding/json`` decodes with
``UseNumber`` (``nil``, ``bool``, ``string``, ``json.Number``, ``[]any``, ``map[string]any``).
Identifiers are built from the shared :func:`~generator.analysis.naming.words`, so only ASCII
letters and digits ever reach them.
"""

from __future__ import annotations

import math
import re

from ...analysis.naming import words

__all__ = ["KEYWORDS", "comment_lines", "comment_text", "go_string", "json_value", "pascal", "py_repr",
           "uses_package"]

KEYWORDS = frozenset(
    ["break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough", "for", "func", "go", "goto", "if", "import", "interface", "map", "package", "range", "return", "select", "struct", "switch", "type", "var"])

# what is not code: comments and string/rune literals (spec text reaches Go only there)
_NOT_CODE = re.compile(r'//[^\n]*|/\*.*?\*/|"(?:[^"\\\n]|\\.)*"|`[^`]*`|\'(?:[^\'\\\n]|\\.)*\'', re.DOTALL)


def uses_package(source: str, package: str) -> bool:
    """Whether Go ``source`` names ``package`` (``json`` for ``encoding/json``) in its code, not
    in a comment or a string (a schema named ``json`` puts ``json.`` in comments)."""
    return re.search(rf"\b{re.escape(package)}\.", _NOT_CODE.sub(" ", source)) is not None


def go_string(text: str) -> str:
    """A Go interpreted string literal whose value is ``text`` (lone surrogates refused)."""
    out = ['"']
    for c in text:
        code = ord(c)
        if c in '"\\':
            out.append("\\" + c)
        elif c == "\n":
            out.append("\\n")
        elif c == "\t":
            out.append("\\t")
        elif c == "\r":
            out.append("\\r")
        elif 0xD800 <= code <= 0xDFFF:
            raise ValueError("a lone surrogate has no Go string form")
        elif c.isprintable() and code != 0xFEFF:
            out.append(c)
        elif code < 0x80:
            out.append(f"\\x{code:02x}")
        elif code < 0x10000:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return "".join(out) + '"'


def py_repr(text: str) -> str:
    """How the shared message table quotes a name: Python's ``repr`` of a ``str``."""
    return repr(text)


def number_text(value: float) -> str:
    """The JSON text of a number as Python's ``json`` would read it back to the same value."""
    if isinstance(value, bool):
        raise TypeError("a bool is not a number")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("an infinite number has no JSON text")
    return repr(value) if isinstance(value, float) else str(value)


def json_value(value: object) -> str:
    """A Go expression of type ``any`` equal to the JSON ``value`` as decoded with UseNumber."""
    if value is None:
        return "nil"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"json.Number({go_string(number_text(value))})"
    if isinstance(value, str):
        return go_string(value)
    if isinstance(value, (list, tuple)):
        return "[]any{" + ", ".join(json_value(v) for v in value) + "}"
    if isinstance(value, dict):
        items = ", ".join(f"{go_string(str(k))}: {json_value(v)}" for k, v in value.items())
        return "map[string]any{" + items + "}"
    raise TypeError(f"not a JSON value: {type(value).__name__}")


def pascal(name: str, fallback: str = "Value") -> str:
    """An exported Go identifier from a spec name (``credits_request`` -> ``CreditsRequest``);
    common initialisms are kept upper case as Go style asks (``Id`` -> ``ID``, ``Url`` -> ``URL``)."""
    parts = [_word(w) for w in words(name)]
    out = "".join(parts) or fallback
    return out if out[0].isalpha() else fallback + out


_INITIALISMS = frozenset({"id", "url", "uri", "http", "https", "json", "api", "uuid", "sql",
                          "html", "xml", "ip", "tls", "ttl", "cpu"})


def _word(word: str) -> str:
    if word.lower() in _INITIALISMS:
        return word.upper()
    if word.isupper() and len(word) > 1:  # ``INPUT_INITIALIZE`` -> ``InputInitialize``
        word = word.lower()
    return word[:1].upper() + word[1:]


def comment_lines(text: str, width: int = 96) -> list[str]:
    """Spec prose as ``//`` comment lines of at most about ``width`` columns."""
    out: list[str] = []
    line = ""
    for word in comment_text(text).split(" "):
        if line and len(line) + 1 + len(word) > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [f"// {x}" for x in [*out, line] if x]


def comment_text(text: str) -> str:
    """Spec prose as the body of Go ``//`` comment lines (no line breaks, no NUL, no ``*/``)."""
    cleaned = "".join(c if c.isprintable() or c == " " else " " for c in text)
    return " ".join(cleaned.split())
