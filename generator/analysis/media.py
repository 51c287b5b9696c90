"""What kind of content a media type is, for every target: see ``docs/client-contract.md`` §4.

A target's capabilities say which kinds it encodes (requests) or decodes (responses) natively;
any other media type is passed through as the bytes or text the caller gives, with a warning,
and never silently encoded as JSON.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Literal

from ..ir import Api, Operation

__all__ = ["MediaKind", "media_kind", "raw_request_bodies"]

MediaKind = Literal["json", "form", "multipart", "text", "ndjson", "sse", "binary"]

_EXACT: dict[str, MediaKind] = {
    "application/json": "json",
    "application/x-www-form-urlencoded": "form",
    "multipart/form-data": "multipart",
    "application/x-ndjson": "ndjson",
    "application/jsonl": "ndjson",
    "application/json-seq": "ndjson",
    "text/event-stream": "sse",
}


def media_kind(media_type: str) -> MediaKind:
    """The kind of ``media_type`` (parameters such as ``charset`` ignored, case-folded):
    ``application/json`` and any ``+json`` suffix are JSON; ``text/*`` (but SSE) is text;
    everything else not listed (``application/xml``, ``image/*``, ``*/*``) is binary."""
    essence = media_type.split(";", 1)[0].strip().lower()
    if essence in _EXACT:
        return _EXACT[essence]
    main, _, sub = essence.partition("/")
    if sub.endswith("+json"):
        return "json"
    if main == "text":
        return "text"
    return "binary"


def raw_request_bodies(api: Api, encodes: Collection[MediaKind]) -> list[Operation]:
    """The operations whose typed request body is of a kind a target does not encode
    (``encodes``: its capabilities): the caller gives that body as bytes or text, and the
    target warns (W601) naming the operation and the media type."""
    return [op for op in api.operations if op.request_body is not None
            and media_kind(op.request_body.media_type) not in encodes]
