"""Typed response headers (``docs/client-contract.md`` §2): per operation that declares any, an
interface ``<Op>ResponseHeaders`` (one field per header, camelCase, ``undefined`` when absent)
and the reader its descriptor carries, which ``<op>WithResponse`` resolves as
``typedHeaders``. Which headers and how each is read is the shared rule
(:mod:`generator.analysis.headers`); a value that does not parse is kept as text.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...analysis import Analysis
from ...analysis.headers import HeaderRead, HeaderScalar, declared_headers, header_read
from ...analysis.naming import Scope
from ...ir import Operation
from .literals import doc, property_key, string
from .names import camel

__all__ = ["HEADER_READERS", "HeadersView", "headers_view"]

_TYPES: dict[HeaderScalar, str] = {"integer": "number | bigint", "number": "number",
                                   "boolean": "boolean", "text": "string"}
_READERS: dict[HeaderScalar, str] = {"integer": "headerInteger", "number": "headerNumber",
                                     "boolean": "headerBoolean"}
HEADER_READERS = frozenset([*_READERS.values(), "headerList", "headerTexts"])
"""The readers ``http.ts`` offers (``operations.ts`` imports those it uses)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class HeadersView:
    """An operation's typed headers: the interface's name and source, and the descriptor's
    ``headers`` reader (an arrow function from ``Headers``)."""

    name: str
    interface: tuple[str, ...]
    reader: tuple[str, ...]


def headers_view(op: Operation, analysis: Analysis, name: str) -> HeadersView | None:
    """``op``'s typed headers as ``name`` (``None``: it declares none)."""
    declared = [header_read(h, analysis.defs) for h in declared_headers(op)]
    if not declared:
        return None
    fields = Scope(keywords=frozenset(), sep="")
    keys = [property_key(fields.claim(camel(r.header.name, fallback="header"))) for r in declared]
    members: list[str] = []
    for r, key in zip(declared, keys, strict=True):
        members += [*doc(f"`{r.header.name}`" + (f": {r.header.description}"
                                                 if r.header.description else ""), "  "),
                    f"  readonly {key}: {_type(r)} | undefined;"]
    about = (f"The response headers `{op.operation_id}` declares, typed (`undefined`: absent); "
             "a value that\ndoes not parse is kept as text.")
    return HeadersView(
        name=name,
        interface=(*doc(about), f"export interface {name} {{", *members, "}"),
        reader=(f"  headers: (h: Headers): {name} => ({{",
                *(f"    {key}: {_read(r)}," for r, key in zip(declared, keys, strict=True)),
                "  }),"),
    )


def _type(r: HeaderRead) -> str:
    item = _TYPES[r.scalar]
    if not r.is_list:
        return item if r.scalar == "text" else f"{item} | string"
    listed = f"({item})[]" if "|" in item else f"{item}[]"
    return listed if r.scalar == "text" else f"{listed} | string"


def _read(r: HeaderRead) -> str:
    get = f"h.get({string(r.header.name)})"
    if r.is_list:
        return f"headerTexts({get})" if r.scalar == "text" else \
            f"headerList({get}, {_READERS[r.scalar]})"
    return f"{_READERS[r.scalar]}({get})" if r.scalar != "text" else f"{get} ?? undefined"
