"""The streamed responses of an operation's view (``docs/client-contract.md`` §4): NDJSON and
server-sent events become ``Stream`` / ``AsyncStream`` iterators of decoded items."""

from __future__ import annotations

from dataclasses import dataclass

from ...analysis.media import media_kind
from ...ir import AnyValue, ArrayOf, ObjectDef, Primitive, Ref, Response, TypeExpr
from .types import TypeMapper

__all__ = ["StreamView", "stream_view"]


@dataclass(frozen=True, slots=True, kw_only=True)
class StreamView:
    """``format``: what the parser returns (``_http.Format[T]``); ``item``: ``T``, what the
    stream yields; ``parse``: the parser's body."""

    format: str
    item: str
    parse: list[str]


def stream_view(responses: tuple[Response, ...], mapper: TypeMapper) -> StreamView | None:
    """How the operation's success body is streamed, when every success body is NDJSON, or
    every one is server-sent events (the first such response's schema types the items); an
    operation that mixes them with other bodies reads them as bytes."""
    bodies = [r for r in responses if r.status.startswith("2") and r.media_type is not None]
    kinds = {media_kind(r.media_type or "") for r in bodies}
    if len(kinds) != 1 or not kinds <= {"ndjson", "sse"}:
        return None
    first: TypeExpr = bodies[0].type or (AnyValue() if kinds == {"ndjson"} else
                                         Primitive(kind="string"))  # no schema: JSON, text
    if kinds == {"ndjson"}:
        # a schema of an array describes the lines together: each line is an item
        item = first.items if isinstance(first, ArrayOf) else first
        ann = mapper.annotation(item)
        return StreamView(format=f"_http.Format[{ann}]", item=ann,
                          parse=[f"return _http.Ndjson({_decoder(item, mapper)})"])
    if isinstance(first, Primitive) and first.kind == "string":
        return StreamView(format="_http.Format[_http.ServerSentEvent[str]]", item="_http.ServerSentEvent[str]",
                          parse=["return _http.Sse(str, json=False)"])
    ann = mapper.annotation(first)
    return StreamView(format=f"_http.Format[_http.ServerSentEvent[{ann}]]", item=f"_http.ServerSentEvent[{ann}]",
                      parse=[f"return _http.Sse({_decoder(first, mapper)})"])


def _decoder(t: TypeExpr, mapper: TypeMapper) -> str:
    """A function of decoded JSON to an item of type ``t``."""
    if isinstance(t, Ref) and isinstance(mapper.defs[t.key], ObjectDef):
        return f"{mapper.runtime(t.key)}.from_dict"
    expression = mapper.decode(t, "data")
    return f"lambda data: {expression or 'data'}"
