"""Paths, operations, parameters, bodies and responses -> IR operations."""

from __future__ import annotations

import re
from typing import Any, Literal, cast

from ..diagnostics import Location
from ..ir import (
    AnyValue,
    Operation,
    Parameter,
    Primitive,
    RequestBody,
    Response,
    ResponseHeader,
    TypeExpr,
)
from .rules import IGNORED_HEADERS
from .schemas import SchemaBuilder

__all__ = ["build_operations"]

_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_SAFE = frozenset({"get", "head", "put", "delete", "options", "trace"})
_DEFAULT_STYLE = {"path": "simple", "header": "simple", "query": "form", "cookie": "form"}
_BODY_PREFERENCE = ("json", "multipart/form-data", "application/x-www-form-urlencoded")

ParamIn = Literal["path", "query", "header", "cookie"]


def build_operations(schemas: SchemaBuilder, entry: str) -> list[Operation]:
    """Every operation under ``paths``, in spec order."""
    doc = schemas.doc
    paths = doc.files[entry].get("paths")
    paths = paths if isinstance(paths, dict) else {}
    out: list[Operation] = []
    base = Location(file=entry, pointer="")
    for path, item in paths.items():
        item_loc = _deref(schemas, base.child("paths", path))
        item = doc.get(item_loc)
        if not isinstance(item, dict):
            continue
        shared = _parameters(schemas, item_loc, item.get("parameters"), ("",))
        for method in _METHODS:
            if isinstance(item.get(method), dict):
                op_loc = item_loc.child(method)
                out.append(_operation(schemas, path, method, op_loc, shared))
                _skipped(schemas, op_loc, "callbacks", "callback")
    _skipped(schemas, base, "webhooks", "webhook")
    return out


def _skipped(schemas: SchemaBuilder, loc: Location, key: str, word: str) -> None:
    """Webhooks and callbacks are requests the API makes, not calls a client makes: they are
    not generated, and each is reported (W305) so nothing is left out silently."""
    found = schemas.doc.get(loc)
    entries = found.get(key) if isinstance(found, dict) else None
    for name in entries if isinstance(entries, dict) else ():
        schemas._warn("W305", f"{word} {name!r} is not generated (the API calls it; a client "
                      "does not)", loc.child(key, name))


def _operation(
    schemas: SchemaBuilder, path: str, method: str, loc: Location, shared: list[Parameter]
) -> Operation:
    """The operation at ``loc`` (``method`` of ``path``): its id (derived from method and path
    when it has none), the path's ``shared`` parameters overridden by its own (same ``in`` and
    name), its body, responses and security (``None``: the API's)."""
    op = schemas.doc.get(loc)
    op_id = op.get("operationId")
    derived = not isinstance(op_id, str) or not op_id.strip()
    if derived:
        op_id = _derived_id(method, path)
    own = _parameters(schemas, loc, op.get("parameters"), (op_id,))
    merged = {(p.location_in, p.name): p for p in shared}
    merged.update({(p.location_in, p.name): p for p in own})
    security = op.get("security")
    return Operation(
        operation_id=op_id,
        method=method.upper(),
        path=path,
        summary=_text(op.get("summary")),
        description=_text(op.get("description")),
        tags=tuple(t for t in op.get("tags", ()) if isinstance(t, str)),
        parameters=tuple(merged.values()),
        request_body=_body(schemas, loc, op, op_id),
        responses=_responses(schemas, loc, op, op_id),
        security=_requirements(security) if isinstance(security, list) else None,
        idempotent=method in _SAFE or op.get("x-idempotent") is True,
        deprecated=op.get("deprecated") is True,
        location=loc,
        derived_id=derived,
    )


def _derived_id(method: str, path: str) -> str:
    """An id for an operation without one: the method and the path's words, ``get_pets_id``."""
    words = [w for w in re.split(r"[^A-Za-z0-9]+", path) if w]
    return "_".join([method, *words])


def _deref(schemas: SchemaBuilder, loc: Location) -> Location:
    """Follow ``$ref`` on a non-schema object (parameter, body, response, path item)."""
    for _ in range(64):
        value = schemas.doc.get(loc)
        if not (isinstance(value, dict) and isinstance(value.get("$ref"), str)):
            return loc
        loc = schemas.doc.follow(value["$ref"], loc.child("$ref"))
    return loc


def _parameters(
    schemas: SchemaBuilder, owner: Location, raw: Any, name: tuple[str, ...]
) -> list[Parameter]:
    """The parameters listed at ``owner``'s ``parameters`` (``$ref``s followed), each typed
    and with its style and explode resolved; parameters of an unknown ``in`` and the headers
    OpenAPI ignores (``Accept``, ``Content-Type``, ``Authorization``) are left out."""
    out = []
    for i, _ in enumerate(raw if isinstance(raw, list) else ()):
        loc = _deref(schemas, owner.child("parameters", i))
        param = schemas.doc.get(loc)
        where = param.get("in") if isinstance(param, dict) else None
        if where not in _DEFAULT_STYLE:
            continue
        if where == "header" and str(param.get("name", "")).lower() in IGNORED_HEADERS:
            continue  # OpenAPI: ignored (W310); the media types and security say these
        style = param.get("style", _DEFAULT_STYLE[where])
        out.append(
            Parameter(
                name=str(param.get("name", "")),
                location_in=cast(ParamIn, where),
                type=_param_type(schemas, loc, param, (*name, str(param.get("name", "")))),
                required=param.get("required") is True or where == "path",
                description=_text(param.get("description")),
                style=style,
                explode=param.get("explode", style == "form") is True,
                location=loc,
            )
        )
    return out


def _param_type(
    schemas: SchemaBuilder, loc: Location, param: dict[str, Any], name: tuple[str, ...]
) -> TypeExpr:
    """A parameter's type: its ``schema`` (without ``null``), else the schema of its first
    ``content`` entry, else a string."""
    if "schema" in param:
        return schemas.split_null(schemas.type_of(loc.child("schema"), name))[0]
    content = param.get("content")
    if isinstance(content, dict) and content:
        media = next(iter(content))
        if isinstance(content[media], dict) and "schema" in content[media]:
            return schemas.type_of(loc.child("content", media, "schema"), name)
    return Primitive(kind="string")


def _pick_media(content: dict[str, Any]) -> str | None:
    """The media type a body or response is typed by: the first JSON one, else multipart,
    else form-encoded, else the first listed."""
    for preferred in _BODY_PREFERENCE:
        for media in content:
            if preferred in media.split(";")[0]:
                return media
    return next(iter(content), None)


def _body(
    schemas: SchemaBuilder, op_loc: Location, op: dict[str, Any], op_id: str
) -> RequestBody | None:
    """The operation's request body (``$ref`` followed), typed by its preferred media type;
    ``None`` without one or without content."""
    if "requestBody" not in op:
        return None
    loc = _deref(schemas, op_loc.child("requestBody"))
    body = schemas.doc.get(loc)
    content = body.get("content") if isinstance(body, dict) else None
    if not isinstance(content, dict) or not content:
        return None
    media = _pick_media(content)
    assert media is not None
    entry = content[media]
    body_type: TypeExpr = AnyValue()
    if isinstance(entry, dict) and "schema" in entry:
        body_type = schemas.type_of(loc.child("content", media, "schema"), (op_id, "Body"))
    return RequestBody(
        media_type=media, type=body_type, required=body.get("required") is True,
        description=_text(body.get("description")), location=loc,
        media_types=tuple(str(m) for m in content),
    )


def _responses(
    schemas: SchemaBuilder, op_loc: Location, op: dict[str, Any], op_id: str
) -> tuple[Response, ...]:
    """Each status of the operation's ``responses`` (``$ref``s followed): its description,
    preferred media type and type (named ``Response``/``Error`` and the status), and headers."""
    raw = op.get("responses")
    out = []
    for status in raw if isinstance(raw, dict) else {}:
        loc = _deref(schemas, op_loc.child("responses", status))
        resp = schemas.doc.get(loc)
        if not isinstance(resp, dict):
            continue
        content = resp.get("content")
        content = content if isinstance(content, dict) else {}
        media = _pick_media(content) if content else None
        resp_type: TypeExpr | None = None
        if media is not None and isinstance(content[media], dict) and "schema" in content[media]:
            name = (op_id, "Response" if status.startswith("2") else "Error", status)
            resp_type = schemas.type_of(loc.child("content", media, "schema"), name)
        out.append(
            Response(
                status=str(status), description=_text(resp.get("description")),
                media_type=media, type=resp_type, location=loc,
                headers=_headers(schemas, loc, resp.get("headers"), (op_id, "Header", status)),
            )
        )
    return tuple(out)


_SIMPLE = frozenset({"string", "integer", "number", "boolean"})


def _headers(
    schemas: SchemaBuilder, owner: Location, raw: Any, name: tuple[str, ...]
) -> tuple[ResponseHeader, ...]:
    """The headers a response declares (``$ref``s to ``components/headers`` followed), but
    ``Content-Type``, which OpenAPI says is ignored there."""
    out = []
    for header in raw if isinstance(raw, dict) else {}:
        loc = _deref(schemas, owner.child("headers", header))
        found = schemas.doc.get(loc)
        if not isinstance(found, dict) or str(header).lower() == "content-type":
            continue
        out.append(ResponseHeader(
            name=str(header), type=_header_type(schemas, loc, found, (*name, str(header))),
            required=found.get("required") is True,
            description=_text(found.get("description")), location=loc,
        ))
    return tuple(out)


def _header_type(
    schemas: SchemaBuilder, loc: Location, header: dict[str, Any], name: tuple[str, ...]
) -> TypeExpr:
    """A header's type: a scalar, a list of scalars, or a named schema; anything inline that
    would make a new definition (an object, an enum) is any value, so declaring a header never
    adds a model to the output."""
    schema = header.get("schema")
    items = schema.get("items") if isinstance(schema, dict) else None
    plain = isinstance(schema, dict) and ("$ref" in schema or _scalar(schema) or (
        schema.get("type") == "array" and isinstance(items, dict)
        and ("$ref" in items or _scalar(items))))
    if not plain:
        return AnyValue()
    return schemas.split_null(schemas.type_of(loc.child("schema"), name))[0]


def _scalar(schema: dict[str, Any]) -> bool:
    """Whether a schema is a plain string, integer, number or boolean (``null`` allowed), not
    an enum or constant."""
    kind = schema.get("type")
    return (kind in _SIMPLE or (isinstance(kind, list) and set(kind) <= {*_SIMPLE, "null"})) and (
        "enum" not in schema and "const" not in schema)


def _requirements(raw: list[Any]) -> tuple[tuple[str, ...], ...]:
    """Security requirements as tuples of scheme names (``[]``: no security)."""
    return tuple(tuple(str(k) for k in req) for req in raw if isinstance(req, dict))


def _text(value: Any) -> str | None:
    """``value`` if it is a string with something in it, else ``None``."""
    return value if isinstance(value, str) and value.strip() else None
