"""Source-text helpers of the validator emitter: indenting, nesting and negating conditions, and
assembling a function's lines.

They work on generated Python only (lines and expressions already built from fixed snippets and
``repr()`` literals), never on spec text. :func:`function` also splits the one ``if`` shape that
black and ``ruff format`` would lay out differently, so both formatters give the same bytes.
"""

from __future__ import annotations

import io
import tokenize

from .literals import first_closing, last_opening

__all__ = ["function", "indent", "negate", "nest"]


def indent(lines: list[str]) -> list[str]:
    return ["    " + line for line in lines] or ["    pass"]


def function(header: list[str], body: list[str]) -> str:
    """A module-level function: ``header`` lines, then ``body`` indented under it."""
    lines = ["    " + line for line in body]
    at = 0
    while at < len(lines):
        hoisted = _hoist_walrus(lines[at])
        if hoisted is not None:  # the ``if`` line is looked at again, one line down
            lines[at:at + 1] = hoisted
            at += 1
        split = _split_if(lines[at])
        if split is not None:
            depth = len(lines[at]) - len(lines[at].lstrip())
            end = at + 1
            while end < len(lines) and len(lines[end]) - len(lines[end].lstrip()) > depth:
                end += 1
            if end == len(lines) or not lines[end].lstrip().startswith(("elif ", "else:")):
                lines[at:end] = [*split, *("    " + line for line in lines[at + 1:end])]
            else:  # in an if/elif chain: no nesting, and no final bracket to split at
                lines[at] = _is_false(lines[at], split)
        elif lines[at].lstrip().startswith("elif "):
            chained = _split_if(lines[at].replace("elif ", "  if ", 1))  # at the same columns
            if chained is not None:
                lines[at] = _is_false(lines[at], chained)
        at += 1
    return "\n".join(header + lines)


def _split_if(line: str) -> list[str] | None:
    """``if a and f(x):`` as ``if a:`` / ``if f(x):`` where black and ruff would split it
    differently: when the head up to the condition's last bracket is exactly the page width,
    black (which estimates it one column longer) wraps the condition in parentheses and ruff
    splits at the bracket. Nested, both leave it alone."""
    if len(line) <= 88 or not line.isascii():  # black measures wide characters as 2 columns
        return None
    text = line.lstrip()
    if not (text.startswith("if ") and text.endswith(("):", "]:"))):
        return None
    # the column the condition's last bracket pair must open at (below): masking the string
    # literals moves no character and makes none a bracket, so a line with no bracket there is
    # never split, and is not tokenized (Stripe: 5,973 lines, 0.37 s of a 7.1 s render)
    opening = 84 - (len(line) - len(text))
    if opening >= len(text) - 4 or (opening >= 0 and text[3 + opening] not in "([{"):
        return None
    condition = _masked(text[3:-1])
    if condition is None:
        return None
    opening = last_opening(condition)  # the bracket that the final one closes
    top = condition[:opening]
    pad = line[:len(line) - len(text)]
    if (len(pad) + 3 + opening + 1 != 88 or any(c in top for c in "([{")
            or top.count(" and ") != 1 or " or " in top):
        return None
    cut = condition.index(" and ")
    original = text[3:-1]
    return [f"{pad}if {original[:cut]}:", f"{pad}    if {original[cut + 5:]}:"]


def _hoist_walrus(line: str) -> list[str] | None:
    """``if (v1 := x) is not _MISSING and f(v1):``, too long for the page, as ``v1 = x`` /
    ``if v1 is not _MISSING and f(v1):`` (the same binding, as the walrus binds in any case):
    black splits a condition that starts with a bracket at that bracket (its "omit optional
    parentheses" rule) where ruff wraps the whole condition; a condition that starts with a
    name both lay out alike. ``None`` for any other line."""
    if len(line) <= 88 or not line.isascii():
        return None
    text = line.lstrip()
    if not (text.startswith("if (v") and text.endswith(":") and " := " in text):
        return None
    condition = _masked(text[3:-1])
    if condition is None:
        return None
    at = first_closing(condition)
    name, _, value = text[4:3 + at].partition(" := ")
    if not name.isidentifier() or not value:
        return None
    pad = line[:len(line) - len(text)]
    return [f"{pad}{name} = {value}", f"{pad}if {name}{text[4 + at:]}"]


def _is_false(line: str, split: list[str]) -> str:
    """``if a and not f(x):`` (split as ``split``) as ``if a and f(x) is False:``, which ends
    without a bracket: both formatters then wrap the condition in parentheses. The same test,
    as ``is_valid_*`` return a ``bool``; a second operand of another kind is left as it is."""
    second = split[1].strip()[3:-1]
    if not second.startswith("not is_valid_") or not second.endswith(")"):
        return line
    return line.replace(f" and {second}:", f" and {second[4:]} is False:")


def _masked(expression: str) -> str | None:
    """``expression`` with the inside of each string literal (a ``repr()`` of spec text, such
    as a discriminator value) replaced by ``_``, so its brackets and `` and `` are not seen as
    code; ``None`` if it does not tokenize."""
    out = list(expression)
    try:
        for token in tokenize.generate_tokens(io.StringIO(expression).readline):
            if token.type == tokenize.STRING:
                (_, start), (_, end) = token.start, token.end
                out[start + 1:end - 1] = "_" * (end - start - 2)
    except (tokenize.TokenError, SyntaxError):
        return None
    return "".join(out)


def nest(condition: str, body: list[str]) -> list[str]:
    """``if condition:`` around ``body``, merged with a lone inner ``if`` (no nested ifs)."""
    if not body:
        return []
    rest = body[1:]
    if body[0].startswith("if ") and rest and all(line.startswith("    ") for line in rest):
        return [f"if {_group(condition)} and {_group(body[0][3:-1])}:", *rest]
    return [f"if {condition}:", *indent(body)]


def _group(expression: str) -> str:
    if expression.startswith("not (") and _balanced(expression[5:-1]):
        return expression
    return f"({expression})" if " or " in expression else expression


_NEGATIONS = (
    (" is not ", " is "),
    (" not in ", " in "),
    (" is ", " is not "),
    (" in ", " not in "),
)


def negate(expression: str) -> str:
    """``not expression``, written the way a person would (``x is not None``, ``k not in d``)."""
    if expression.startswith("not (") and _balanced(expression[5:-1]):
        return expression[5:-1]
    if expression.startswith("not ") and not any(
            op in expression for op in (" and ", " or ", " if ", "lambda")):
        return expression[4:]  # ``not`` binds looser than a comparison: no ``not (not x)``
    if expression.startswith("(") and expression.endswith(") != 1") and _balanced(
            expression[1:-6]):  # the oneOf count: ``== 1``, not ``not ... != 1`` (SIM202)
        return f"{expression[:-5]}== 1"
    if any(op in expression for op in (" or ", " and ", " + ", " if ", " for ", "<", ">", "=")):
        return f"not ({expression})"
    if expression.startswith("not "):
        return expression[4:]
    if "'" not in expression and '"' not in expression:
        for old, new in _NEGATIONS:
            if (
                expression.count(old) == 1
                and expression.count(" is ") + expression.count(" in ") == 1
            ):
                return expression.replace(old, new)
    return f"not {expression}"


def _balanced(text: str) -> bool:
    depth = 0
    for c in text:
        depth += {"(": 1, ")": -1}.get(c, 0)
        if depth < 0:
            return False
    return depth == 0
