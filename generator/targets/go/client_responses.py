"""The success side of an operation: how its body is read (decoded by media kind; NDJSON and
server-sent events as a ``Stream``, ``docs/client-contract.md`` §4), and its typed response
headers (§2): a struct ``<Op>ResponseHeaders`` with a ``HeaderValue[T]`` per header its success
responses declare, and ``<Op>Response``, what ``<Op>WithResponse`` returns: the
``*Response[T]`` (embedded, so ``StatusCode``, ``Header``, ``Data`` and ``HTTPResponse`` read
as on any response) and ``TypedHeaders``.

A header is read in the ``simple`` style; one whose text does not parse as its declared type
keeps its text (``Parsed`` false), never an error.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ...analysis.headers import HeaderRead, declared_headers, header_read
from ...analysis.media import media_kind
from ...analysis.naming import Scope
from ...ir import AnyValue, ArrayOf, Definition, Operation, Primitive, Response
from .gotypes import wire_type
from .literals import KEYWORDS, comment_lines, go_string, pascal

__all__ = ["HeadersCode", "headers_code", "success"]

_PARSERS = {"integer": ("int64", "parseInt"), "number": ("float64", "parseFloat"),
            "boolean": ("bool", "parseBool")}


@dataclass(frozen=True, slots=True, kw_only=True)
class HeadersCode:
    """The declarations of an operation's typed headers and the type ``<Op>WithResponse``
    returns; ``wrap`` makes that value of ``res`` (a ``*Response[T]``)."""

    declarations: tuple[str, ...]
    response: str
    wrap: str


def headers_code(op: Operation, method: str, data: str, claim: Callable[[str], str],
                 defs: Mapping[str, Definition]) -> HeadersCode | None:
    """The typed headers of ``op`` (``None`` when its success responses declare none;
    :func:`~generator.analysis.headers.declared_headers`: the first declaration of a name wins,
    compared case-insensitively)."""
    declared = declared_headers(op)
    if not declared:
        return None
    headers, response = claim(method + "ResponseHeaders"), claim(method + "Response")
    read = "read" + headers
    fields = Scope(frozenset(), keywords=KEYWORDS, sep="")
    lines = [*comment_lines(f"{headers} holds the response headers {op.operation_id} declares, "
                            "typed; a value that does not parse keeps its text."),
             f"type {headers} struct {{"]
    reads = []
    for h in declared:
        field = fields.claim(pascal(h.name, fallback="Header"))
        go, read_as, parser = _reader(header_read(h, defs))
        text = f"{field} is {h.name}" + (f": {h.description}" if h.description else ".")
        lines += [*comment_lines(text), f"{field} HeaderValue[{go}]"]
        reads.append(f"{field}: {read_as}(h, {go_string(h.name)}, {parser}),")
    lines += ["}", "", f"func {read}(h http.Header) {headers} {{",
              f"return {headers}{{", *reads, "}", "}"]
    wrapper = [*comment_lines(f"{response} is what {method}WithResponse returns: the response, "
                              f"and the headers {op.operation_id} declares, typed."),
               f"type {response} struct {{", f"*Response[{data}]",
               f"TypedHeaders {headers}", "}"]
    return HeadersCode(declarations=("\n".join(lines) + "\n", "\n".join(wrapper) + "\n"),
                       response=f"*{response}",
                       wrap=f"&{response}{{Response: res, TypedHeaders: {read}(res.Header)}}")


def _stream(responses: tuple[Response, ...], names: Mapping[str, str]) -> tuple[str, str] | None:
    """The items of a streamed success body (``Stream[T]``'s ``T``) and their reader, when
    every success body is NDJSON, or every one is server-sent events (the first one's schema
    types the items: a line each, an array's items; an event's data, text without a schema or
    for a string); ``None`` otherwise (a mix is read as bytes)."""
    bodies = [r for r in responses if r.status.startswith("2") and r.media_type is not None]
    kinds = {media_kind(r.media_type or "") for r in bodies}
    if len(kinds) != 1 or not kinds <= {"ndjson", "sse"}:
        return None
    first = bodies[0].type
    if kinds == {"ndjson"}:
        item = wire_type(first.items if isinstance(first, ArrayOf) else first or AnyValue(),
                         names)
        return item, f"ndjson[{item}]"
    if first is None or (isinstance(first, Primitive) and first.kind == "string"):
        return "ServerSentEvent[string]", "sseText"
    data = wire_type(first, names)
    return f"ServerSentEvent[{data}]", f"sse[{data}]"


def success(responses: tuple[Response, ...],
             names: Mapping[str, str]) -> tuple[str, str, str]:
    """The Go type of a success body, its decoder, and a note for the method's comment."""
    stream = _stream(responses, names)
    if stream is not None:
        return f"*Stream[{stream[0]}]", stream[1], "The body is streamed: read it with Next."
    found = set()
    for r in responses:
        if r.status.startswith("2") and r.type is not None and r.media_type is not None:
            kind = media_kind(r.media_type)
            if kind == "json":
                go = wire_type(r.type, names)
                found.add((go, f"decodeJSON[{go}]"))
            elif kind == "text":
                found.add(("string", "decodeText"))
            else:
                found.add(("[]byte", "decodeBytes"))
    if not found:
        return "struct{}", "decodeNothing", ""
    if len(found) == 1:
        go, decode = found.pop()
        return go, decode, ""
    return "[]byte", "decodeBytes", ("Its success statuses carry different types: the body is "
                                     "returned as sent.")


def _reader(read: HeaderRead) -> tuple[str, str, str]:
    """A header's Go type, the runtime function that reads it and the parser of its text (an
    item's, for a list), by the shared rule (:func:`~generator.analysis.headers.header_read`):
    an integer, number or boolean (or a list of them) parsed; anything else as text (a list:
    its comma-separated items)."""
    go, parser = _PARSERS.get(read.scalar, ("string", "parseString"))
    if read.is_list:
        return f"[]{go}", "headerList", parser
    return go, "headerValue", parser
