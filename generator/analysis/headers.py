"""The response headers an operation declares, and how each one's text is read: one rule for
every target (``docs/client-contract.md`` section 2).

An operation's typed headers are those its success (``2XX``) responses declare, the first
declaration of a name winning (names compared case-insensitively, as HTTP does). A header is
read in the ``simple`` style: a scalar of its schema's type (integer, number, boolean), a
comma-separated list of them, or text; a value whose text does not parse is kept as that text,
never an error. Aliases are followed, so a named scalar or list reads as what it names.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from ..ir import ArrayOf, Definition, Operation, Primitive, Ref, ResponseHeader, TypeDef, TypeExpr

__all__ = ["HEADER_INTEGER", "HEADER_NUMBER", "HeaderRead", "HeaderScalar", "declared_headers",
           "header_read"]

HEADER_INTEGER = r"[+-]?[0-9]+"
"""The text of an integer header value (ASCII digits only: no ``1_000``, no other scripts'
digits), after white space is trimmed: a regular expression, the same in Python and ECMAScript."""

HEADER_NUMBER = r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[+-]?(?:inf|infinity|nan)"
"""The text of a number header value (case-insensitive for ``inf``/``infinity``/``nan``; no hex,
no ``_``): a value too large is infinity, as ``float`` and ``Number`` read it."""

HeaderScalar = Literal["integer", "number", "boolean", "text"]
"""What one value of a header is read as (``text``: kept as it is)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class HeaderRead:
    """How a declared header's text is read: ``scalar`` each value, ``is_list`` when the text is
    a comma-separated list (whose text is kept whole when one item does not parse)."""

    header: ResponseHeader
    scalar: HeaderScalar
    is_list: bool


def declared_headers(op: Operation) -> list[ResponseHeader]:
    """The headers ``op``'s success responses declare, in spec order, the first of a name
    (compared case-insensitively) winning."""
    seen: dict[str, ResponseHeader] = {}
    for r in op.responses:
        if r.status.startswith("2"):
            for h in r.headers:
                seen.setdefault(h.name.lower(), h)
    return list(seen.values())


def header_read(h: ResponseHeader, defs: Mapping[str, Definition]) -> HeaderRead:
    """How ``h`` is read: its schema's scalar, or a list of one; anything else is text."""
    t = _resolved(h.type, defs)
    if isinstance(t, ArrayOf):
        return HeaderRead(header=h, scalar=_scalar(_resolved(t.items, defs)), is_list=True)
    return HeaderRead(header=h, scalar=_scalar(t), is_list=False)


_SCALARS: dict[str, HeaderScalar] = {"integer": "integer", "number": "number",
                                     "boolean": "boolean"}


def _scalar(t: TypeExpr) -> HeaderScalar:
    return _SCALARS.get(t.kind, "text") if isinstance(t, Primitive) else "text"


def _resolved(t: TypeExpr, defs: Mapping[str, Definition]) -> TypeExpr:
    """``t`` with aliases followed (at most 32: a cycle of aliases stays a reference)."""
    for _ in range(32):
        if not isinstance(t, Ref):
            return t
        d = defs.get(t.key)
        if not isinstance(d, TypeDef):
            return t
        t = d.type
    return t
