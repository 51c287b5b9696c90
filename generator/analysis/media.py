"""What kind of content a media type is, for every target: see ``docs/client-contract.md`` §4.

A target's capabilities say which kinds it encodes (requests) or decodes (responses) natively;
any other media type is passed through as the bytes or text the caller gives, with a warning,
and never silently encoded as JSON.
"""

from __future__ import annotations

from typing import Literal

__all__ = ["MediaKind", "media_kind"]

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
