"""Python literal source for spec data: ``repr`` for values, escaped text for docstrings."""

from __future__ import annotations

import re
import textwrap
from typing import Any

from ...code import Code
from ...ir import JsonObject, JsonValue

__all__ = ["docstring", "first_closing", "last_opening", "literal", "sentence", "split_safe", "thaw",
           "wrapped_literal"]

_WIDTH = 88

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_QUOTE = re.compile(r'"(?="|$)|(?<=")"')  # a quote next to a quote, or at the very end
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def thaw(value: JsonValue) -> Any:
    """Turn frozen IR JSON back into plain ``dict``/``list`` data."""
    if isinstance(value, JsonObject):
        return {k: thaw(v) for k, v in value.items}
    if isinstance(value, tuple):
        return [thaw(v) for v in value]
    return value


def literal(value: Any) -> Code:
    """The Python source of a JSON value, printed by Python's own ``repr``."""
    return Code(repr(value))


def wrapped_literal(value: str, column: int = 4, width: int = 60, after: int = 1) -> Code:
    """``repr`` of a string, split into implicitly concatenated pieces when it is long.

    Black never splits string literals; this keeps generated lines within the line length. Each
    piece is printed by ``repr`` on its own, so the expression still evaluates to ``value``.
    A literal that fits on its own line at ``column`` (with ``after`` characters after it: a
    comma) is not split: ``ruff format`` joins pieces that fit on one line and black does not,
    so splitting only what cannot fit gives one layout for both.
    """
    whole = literal(value)
    if column + len(whole) + after <= _WIDTH:
        return whole
    pieces = [value[i:i + width] for i in range(0, len(value), width)]
    return Code("(" + " ".join(repr(p) for p in pieces) + ")")


def last_opening(code: str) -> int:
    """Where the bracket that ``code``'s final character closes opens (-1: none). ``code`` is
    generated code whose string literals hold no brackets (masked, or none there)."""
    depth = 0
    for at in range(len(code) - 1, -1, -1):
        depth += code[at] in ")]}"
        depth -= code[at] in "([{"
        if depth == 0:
            return at
    return -1


def first_closing(code: str) -> int:
    """Where the bracket that ``code``'s first character opens closes (-1: none); the same
    kind of ``code`` as :func:`last_opening`."""
    depth = 0
    for at, char in enumerate(code):
        depth += (char in "([{") - (char in ")]}")
        if depth == 0:
            return at
    return -1


def split_safe(conditional: str, column: int) -> str:
    """Parenthesise a conditional expression that black will split (it does not fit on its
    line, with the comma after it): black adds these parentheses when it splits one as an
    argument or a dict value, ``ruff format`` does not, and both keep parentheses that are
    already there. ``column`` is where the expression starts once formatted."""
    return f"({conditional})" if column + len(conditional) + 1 > _WIDTH else conditional


_LOWER_WORD = re.compile(r"[a-z]+(?=[\s,;:]|$)")  # a plain word: not `code`, camelCase, a.b


def sentence(text: str | None) -> str | None:
    """Spec prose as a docstring reads: a first plain lower-case word capitalised, and a final
    full stop when the text ends in a letter, a digit or a closing bracket (a summary such as
    ``subscription information``). Other text is left as written."""
    if text is None or not text.strip():
        return text
    body = text.strip()
    if _LOWER_WORD.match(body):
        body = body[0].upper() + body[1:]
    if body[-1].isalnum() or body[-1] in ")]`*":
        body += "."
    return body


def docstring(
    text: str | None, *extra: str, indent: int = 0, attribute: bool = False
) -> Code | None:
    """The body of a ``\"\"\"`` docstring that evaluates back to ``text`` (normalised).

    Backslashes, quote runs, a trailing quote and control characters are escaped; CR LF, CR,
    U+2028 and U+2029 become LF; lone surrogates (not encodable as UTF-8) are dropped.
    ``indent`` is the docstring's column in the template. A docstring (not an ``attribute``
    string after a field, which formatters leave alone) gets its closing quotes on a line of
    their own where black would put them, so black and ``ruff format`` agree byte for byte.
    """
    parts = [p for p in (text, *extra) if p and p.strip()]
    if not parts:
        return None
    body = "\n\n".join(p.strip() for p in parts)
    body = body.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    body = _SURROGATE.sub("", body.replace("\u2029", "\n"))
    body = "\n".join(line.rstrip() for line in body.split("\n"))  # no trailing whitespace (W291)
    body = _wrap(body, indent)
    body = body.replace("\\", "\\\\")
    body = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", body)
    body = _QUOTE.sub(r'\\"', body)
    if body.endswith('\\"'):  # black pads a final quote with a space, even escaped; ruff does not
        body = body[:-2] + "\\x22"
    return Code(body if attribute else _closing_quotes(body, indent))


def _closing_quotes(body: str, indent: int) -> str:
    """End a multi-line docstring with a newline when its last line plus ``\"\"\"`` would pass the
    page width: black then moves the quotes to their own line, ``ruff format`` keeps them where
    they are, so putting them there first gives one layout for both.

    The last line is measured as black measures it (``black.linegen.visit_STRING``): lines after
    the first re-indented by PEP 257 rules to the docstring's column (common indentation removed,
    leading tabs expanded, trailing spaces dropped), a space added after a final quote, then
    ``str.splitlines``.
    """
    pad = " " * indent
    lines = body.split("\n")
    rest = [line.lstrip() for line in lines[1:]]
    if not any(rest):
        return body  # black keeps only the first line: a one-line docstring
    expanded = [x[: len(x) - len(s)].expandtabs(4) + s for x, s in zip(lines[1:], rest)]
    common = min(len(x) - len(s) for x, s in zip(expanded, rest) if s)
    fixed = [lines[0].strip()] + [pad + x[common:].rstrip() if x.strip() else "" for x in expanded]
    if not fixed[-1]:
        fixed[-1] = pad
    text = "\n".join(fixed) + (" " if fixed[-1].endswith('"') else "")
    last = text.splitlines()[-1]
    return f"{body}\n{pad}" if len(last) + 3 > _WIDTH else body


def _wrap(body: str, indent: int) -> str:
    """Wrap long lines to the page width and indent continuation lines to the docstring's level.

    Lines that look preformatted (indented, list items, tables, code fences) are kept as they are.
    """
    pad = " " * indent
    out = []
    for i, line in enumerate(body.split("\n")):
        first = 3 if i == 0 else 0  # the opening quotes
        keep = line.startswith((" ", "\t", "|", "```", "- ", "* ")) or len(line) + indent + first <= _WIDTH
        chunks = [line] if keep else textwrap.wrap(
            line, width=_WIDTH - indent, initial_indent=" " * first, break_long_words=False,
            break_on_hyphens=False,
        )
        if not keep and first:
            chunks[0] = chunks[0][first:]
        out.extend(chunks or [""])
    return "\n".join(out[:1] + [f"{pad}{line}" if line else "" for line in out[1:]])
