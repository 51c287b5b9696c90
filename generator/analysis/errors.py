"""Which field of an error body is its human message: one rule for every target.

The rule is data (:data:`MESSAGE_PATHS`): the first path that leads to a non-empty string in
the JSON body wins. Where the declared error schema has one of the paths, :func:`message_path`
picks it when generating, so a target reads that field directly; a target's runtime applies the
same list, in the same order, to bodies the spec does not describe. A body that is not JSON
gives its text when it is ``text/*`` (not SSE): :func:`text_message` is the rule, and
:data:`TEXT_MESSAGE_CHARS` and :data:`TEXT_CONTROL` its data; a ``text/*`` body that is JSON
(``null`` too) is read as JSON (:func:`text_body_message`). See ``docs/client-contract.md``
section 1.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from ..ir import ArrayOf, Definition, ObjectDef, Primitive, Ref, TypeDef, TypeExpr, UnionOf

__all__ = ["MESSAGE_PATHS", "REQUEST_ID_HEADERS", "SECRET_WORDS", "TEXT_CONTROL",
           "TEXT_MESSAGE_CHARS", "MessagePath", "is_rpc_status", "message_path", "text_body_message",
           "text_message"]

MessagePath = tuple[str | int, ...]
"""Object keys (``str``) and list indexes (``int``) from the body's root to its message."""

MESSAGE_PATHS: tuple[MessagePath, ...] = (
    ("message",),  # google.rpc.Status, GitHub, most APIs
    ("error", "message"),  # {"error": {"message": ...}}: OpenAI, Google JSON style
    ("detail",),  # RFC 9457 problem details
    ("title",),  # RFC 9457 without a detail
    ("error_description",),  # OAuth 2 error responses
    ("error",),  # a bare string error
    ("errors", 0, "message"),  # a list of errors: JSON:API, GraphQL
)
"""The message rule, in order of preference."""

REQUEST_ID_HEADERS: tuple[str, ...] = (
    "x-request-id", "request-id", "x-correlation-id", "x-amzn-requestid",
)
"""Response headers that carry the server's id of a request, the first present shown in an
error's text (lower case; a target spells them as its HTTP library wants)."""

SECRET_WORDS: tuple[str, ...] = (
    "apikey", "auth", "authorization", "credential", "credentials", "key", "passwd",
    "password", "secret", "sig", "signature", "token",
)
"""A query parameter whose name has one of these words holds a secret: its value is redacted
from every URL an error or log shows. A name's words: split before an upper-case letter that
follows a lower-case letter or digit, then at every character that is not an ASCII letter or
digit, lower-cased (``X-Amz-Signature``: x, amz, signature; ``apiKey``: api, key; ``APIKEY``:
apikey). Whole words, so ``author`` and ``assignee`` are not secrets."""

TEXT_MESSAGE_CHARS = 500
"""A text error body's message is made of at most this many of its first characters (code
points, not UTF-16 units or bytes)."""

TEXT_CONTROL = r"\x00-\x08\x0e-\x1f\x7f-\x9f"
"""The control characters (C0 but the white space ``\t``-``\r``, DEL, C1) a text message drops:
a regular-expression character class's body, the same source in Python and ECMAScript."""

_CONTROL = re.compile(f"[{TEXT_CONTROL}]")


def text_message(text: str) -> str:
    """The message of an error body that is text (``text/*`` but ``text/event-stream``, and
    not JSON), decoded as UTF-8 with bad bytes replaced: its first :data:`TEXT_MESSAGE_CHARS`
    characters, the :data:`TEXT_CONTROL` characters dropped, each run of white space (Unicode's,
    as ``str.split`` reads it; U+FEFF is not white space) made one space, trimmed."""
    return " ".join(_CONTROL.sub("", text[:TEXT_MESSAGE_CHARS]).split())


def text_body_message(text: str) -> str:
    """The message every client finds in a ``text/*`` error body (not ``text/event-stream``)
    whose status declares no schema: a body that is JSON (RFC 8259: ``null``, ``404``, ``"x"``,
    an object; not ``NaN`` or ``Infinity``) is read as JSON, by :data:`MESSAGE_PATHS` (``""``
    when none leads to a non-empty string, so ``null`` has no message); any other text gives
    :func:`text_message` (``""`` for an empty or blank body). A leading byte order mark is no
    part of the body: it is the encoding's signature, which a UTF-8 decoder drops (WHATWG)."""
    text = text.removeprefix("\ufeff")
    try:
        doc = json.loads(text, parse_constant=_not_json)
    except ValueError:
        return text_message(text)
    return next((found for path in MESSAGE_PATHS if (found := _string_at(doc, path))), "")


def _not_json(constant: str) -> Any:
    """Refuse ``NaN`` and ``Infinity``, which ``json`` accepts and JSON does not."""
    raise ValueError(f"{constant} is not JSON")


def _string_at(doc: Any, path: MessagePath) -> str:
    """The string at ``path`` in the decoded body ``doc`` (``""`` when there is none there)."""
    for step in path:
        if isinstance(step, int):
            doc = doc[step] if isinstance(doc, list) and len(doc) > step else None
        else:
            doc = doc.get(step) if isinstance(doc, dict) else None
    return doc if isinstance(doc, str) else ""


_DEPTH = 32  # aliases followed before giving up (a cycle of aliases has no object to stand on)


def message_path(t: TypeExpr | None, defs: Mapping[str, Definition]) -> MessagePath | None:
    """The first of :data:`MESSAGE_PATHS` that the schema ``t`` declares as a string, or
    ``None`` when it declares none (the runtime then tries the whole list)."""
    if t is None:
        return None
    for path in MESSAGE_PATHS:
        if _declares_string(t, path, defs):
            return path
    return None


def is_rpc_status(t: TypeExpr | None, defs: Mapping[str, Definition]) -> bool:
    """Whether ``t`` is a ``google.rpc.Status``: an object with an integer ``code``, a string
    ``message`` and a list ``details``."""
    obj = _object(t, defs) if t is not None else None
    if obj is None:
        return False
    props = {p.name: p.type for p in obj.properties}
    code, message, details = (_strip(props.get(k), defs) for k in ("code", "message", "details"))
    return (
        isinstance(code, Primitive) and code.kind == "integer"
        and isinstance(message, Primitive) and message.kind == "string"
        and isinstance(details, ArrayOf)
    )


def _declares_string(t: TypeExpr, path: MessagePath, defs: Mapping[str, Definition]) -> bool:
    """Whether the type ``t`` declares a string at ``path`` (aliases and nullable unions seen
    through, array items by index, object properties by name)."""
    current: TypeExpr | None = t
    for step in path:
        current = _strip(current, defs)
        if isinstance(step, int):
            current = current.items if isinstance(current, ArrayOf) else None
            continue
        obj = _object(current, defs) if current is not None else None
        found = [p.type for p in obj.properties if p.name == step] if obj is not None else []
        current = found[0] if found else None
    current = _strip(current, defs)
    return isinstance(current, Primitive) and current.kind == "string"


def _object(t: TypeExpr, defs: Mapping[str, Definition]) -> ObjectDef | None:
    """The object definition ``t`` names, aliases and nullable unions seen through, if any."""
    stripped = _strip(t, defs)
    if isinstance(stripped, Ref):
        d = defs.get(stripped.key)
        return d if isinstance(d, ObjectDef) else None
    return None


def _strip(t: TypeExpr | None, defs: Mapping[str, Definition]) -> TypeExpr | None:
    """``t`` with aliases followed and a nullable union reduced to its one non-null variant."""
    for _ in range(_DEPTH):
        if isinstance(t, Ref):
            d = defs.get(t.key)
            if isinstance(d, TypeDef):
                t = d.type
                continue
            return t
        if isinstance(t, UnionOf):
            real = [v for v in t.variants if not (isinstance(v, Primitive) and v.kind == "null")]
            if len(real) == 1:
                t = real[0]
                continue
        return t
    return None
