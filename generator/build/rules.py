"""The OpenAPI specification's MUST rules that its JSON Schema (the structural lint) cannot state.

Each rule reads the raw document, at the places :func:`~.objects.walk` found, and reports at the
offending node: a ``$ref`` to the wrong kind of object (E205), a response key that is no status
(E312), a path template that does not parse (E313), a parameter declared twice (E314), a path
parameter not required or not in its template (E315), two paths that are one (E316, or W312
when they share no method), a server URL
variable not declared (E317), a header, cookie or apiKey name that is no HTTP token or an OAuth
URL that is no URL (E319; servers, security schemes and headers in :mod:`.wire_rules`), a header
parameter the specification ignores (W310), and in 3.0 the
keywords beside a ``$ref`` that 3.0 ignores (W309).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..diagnostics import Diagnostic, Location
from ..load.loader import Document
from .objects import Objects, kind_name, resolved
from .wire_rules import (
    TOKEN,
    header_problems,
    media_type_problems,
    security_scheme_problems,
    server_problems,
)

__all__ = ["IGNORED_HEADERS", "rule_problems"]

IGNORED_HEADERS = frozenset({"accept", "content-type", "authorization"})
"""Header parameters OpenAPI says to ignore (their values come from elsewhere)."""

_HTTP = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_STATUS = re.compile(r"^(?:[1-5][0-9][0-9]|[1-5]XX|default)\Z")
_TEMPLATE = re.compile(r"^[^{}]*(?:\{[^{}]+\}[^{}]*)*\Z")
_NAME = re.compile(r"\{([^{}]+)\}")


def rule_problems(document: Document, objects: Objects, openapi: str) -> list[Diagnostic]:
    """Every breach of the rules above in ``document``, in the order the walk met them."""
    out: list[Diagnostic] = []
    out += _reference_kinds(objects)
    out += _responses(document, objects)
    out += _paths(document)
    out += _operation_ids(document, objects)
    for loc in objects.of_kind("pathItem"):
        out += _path_item(document, objects, loc)
    for loc in objects.of_kind("server"):
        out += server_problems(document, loc, v31=openapi.startswith("3.1"))
    for loc in objects.of_kind("securityScheme"):
        out += security_scheme_problems(document, loc)
    for loc in objects.of_kind("header"):
        out += header_problems(loc)
    for loc in objects.of_kind("mediaType"):
        out += media_type_problems(loc)
    if openapi.startswith("3.0"):
        for loc in objects.of_kind("schema"):
            out += _ref_siblings(document, loc)
    return out


_READ_BESIDE_REF = frozenset({"$ref", "description", "default", "readOnly", "writeOnly",
                              "deprecated", "title", "example", "summary"})


def _ref_siblings(document: Document, loc: Location) -> Iterator[Diagnostic]:
    """3.0: a ``$ref``'s siblings are ignored (W309), ``nullable`` too (models and validators
    alike; ``allOf: [$ref]`` beside it is the 3.0 way), but the annotations 3.0 documents mean
    beside one (``description``, ``default``...), which specgen reads."""
    node = document.get(loc)
    if isinstance(node, dict) and isinstance(node.get("$ref"), str):
        ignored = [k for k in node if k not in _READ_BESIDE_REF and not k.startswith("x-")]
        if ignored:
            msg = (f"{', '.join(ignored)} beside $ref {'is' if len(ignored) == 1 else 'are'} "
                   "ignored, as OpenAPI 3.0 says (in 3.1 they apply)")
            if "nullable" in ignored:
                msg += "; for a nullable $ref write allOf: [{$ref: ...}] beside nullable: true"
            yield Diagnostic(code="W309", message=msg, location=loc.child("$ref"),
                             severity="warning")


def _error(code: str, message: str, loc: Location) -> Diagnostic:
    """The error ``code`` at ``loc``."""
    return Diagnostic(code=code, message=message, location=loc)


def _reference_kinds(objects: Objects) -> Iterator[Diagnostic]:
    """A ``$ref`` reaches an object of the kind its place holds, or something nobody placed."""
    for ref in objects.references:
        found = objects.kinds.get(ref.target)
        if found is not None and found != ref.kind and found != "openapi":
            msg = (f"$ref to a {kind_name(found)} Object where a {kind_name(ref.kind)} Object "
                   f"belongs ({ref.target})")
            yield _error("E205", msg, ref.where)


def _responses(document: Document, objects: Objects) -> Iterator[Diagnostic]:
    """E312 for each key of a Responses Object that is not a status code, a ``1XX``-``5XX``
    range, ``default``, an extension or ``$ref``."""
    for loc in objects.of_kind("responses"):
        node = document.get(loc)
        for key in node if isinstance(node, dict) else ():
            if not (_STATUS.match(str(key)) or str(key).startswith("x-") or key == "$ref"):
                msg = (f"response key {key!r} is not a status code, a 1XX-5XX range or "
                       "'default'")
                # at the Responses Object, where the lint reports the same key: one report
                yield _error("E312", msg, loc)


def _paths(document: Document) -> Iterator[Diagnostic]:
    """Templates that do not parse, name a parameter twice, or equal another's but for names."""
    paths = document.files[document.entry].get("paths")
    seen: dict[str, str] = {}
    for path in paths if isinstance(paths, dict) else ():
        if path.startswith("x-"):
            continue
        loc = Location(file=document.entry).child("paths", path)
        if not _TEMPLATE.match(path):
            yield _error("E313", f"path template {path!r} does not parse: every '{{' is "
                         "closed by a '}' before the next, around a name", loc)
            continue
        names = _NAME.findall(path)
        for name in sorted({n for n in names if names.count(n) > 1}):
            yield _error("E313", f"path template {path!r} names parameter {name!r} twice", loc)
        shape = _NAME.sub("{}", path)
        if shape in seen:
            yield from _same_path(document, seen[shape], path, loc)
        seen.setdefault(shape, path)


def _same_path(document: Document, first: str, path: str, loc: Location) -> Iterator[Diagnostic]:
    """Two templates that differ only in names are one path (OpenAPI: MUST NOT). With a method
    in common no server can tell their requests apart: E316. GitHub's document has such pairs
    with no method in common (one GETs, the other DELETEs): W312, generated as written."""
    base = Location(file=document.entry)
    shared = _methods(document, base.child("paths", first)) & _methods(document, loc)
    if shared:
        msg = (f"path {path!r} is {first!r} with other parameter names, and both have "
               f"{', '.join(m.upper() for m in sorted(shared))}: no request can tell them apart")
        yield _error("E316", msg, loc)
    else:
        msg = (f"path {path!r} is {first!r} with other parameter names (OpenAPI: MUST NOT); "
               "they share no method, so each request still has one meaning")
        yield Diagnostic(code="W312", message=msg, location=loc, severity="warning")


def _methods(document: Document, loc: Location) -> set[str]:
    """The HTTP methods the Path Item at ``loc`` (``$ref`` followed) declares."""
    _, item = resolved(document, loc)
    return {m for m in _HTTP if isinstance(item, dict) and isinstance(item.get(m), dict)}


def _operation_ids(document: Document, objects: Objects) -> Iterator[Diagnostic]:
    """An ``operationId`` names one operation among all the API describes: under ``paths``,
    webhooks and callbacks alike (E310, at the second)."""
    seen: dict[str, Location] = {}
    for loc in objects.of_kind("operation"):
        node = document.get(loc)
        op_id = node.get("operationId") if isinstance(node, dict) else None
        if not isinstance(op_id, str):
            continue
        if op_id in seen:
            msg = f"operationId {op_id!r} is also used by {_operation_name(seen[op_id])}"
            yield _error("E310", msg, loc)
        seen.setdefault(op_id, loc)


def _operation_name(loc: Location) -> str:
    """``GET /pets`` for an operation under ``paths``, else its place."""
    parts = [p.replace("~1", "/").replace("~0", "~") for p in loc.pointer.split("/")]
    if len(parts) == 4 and parts[1] == "paths":
        return f"{parts[3].upper()} {parts[2]}"
    return str(loc)


def _parameters(document: Document, owner: Location) -> list[tuple[Location, dict[str, Any]]]:
    """The parameters an operation or path item declares, each at its place in the list."""
    node = document.get(owner)
    raw = node.get("parameters") if isinstance(node, dict) else None
    out = []
    for i in range(len(raw) if isinstance(raw, list) else 0):
        _, param = resolved(document, owner.child("parameters", i))
        if isinstance(param, dict) and isinstance(param.get("name"), str):
            out.append((owner.child("parameters", i), param))
    return out


def _path_item(document: Document, objects: Objects, loc: Location) -> Iterator[Diagnostic]:
    """Its own and its operations' parameters: each once, path ones required and templated."""
    path = _path_of(document, loc)
    shared = _parameters(document, loc)
    yield from _declared_once(shared)
    yield from _parameter_rules(shared, path)
    node = document.get(loc)
    for method in _HTTP:
        if isinstance(node, dict) and isinstance(node.get(method), dict):
            own = _parameters(document, loc.child(method))
            yield from _declared_once(own)
            yield from _parameter_rules(own, path)


def _path_of(document: Document, loc: Location) -> str | None:
    """The template of a path item under ``paths`` (``None`` for a webhook's or a component)."""
    parts = loc.pointer.split("/")
    if loc.file == document.entry and len(parts) == 3 and parts[1] == "paths":
        return parts[2].replace("~1", "/").replace("~0", "~")
    return None


def _declared_once(params: list[tuple[Location, dict[str, Any]]]) -> Iterator[Diagnostic]:
    """E314 for each parameter a list declares again (same name and ``in``)."""
    seen: set[tuple[str, str]] = set()
    for loc, param in params:
        key = (param["name"], str(param.get("in")))
        if key in seen:
            yield _error("E314", f"parameter {key[0]!r} in {key[1]} is declared twice in this "
                         "list (the specification: unique by name and location)", loc)
        seen.add(key)


def _parameter_rules(params: list[tuple[Location, dict[str, Any]]],
                     path: str | None) -> Iterator[Diagnostic]:
    """Each parameter's own rules: a path parameter is required and in its path's template
    (E315); a header or cookie name is an HTTP token (E319); a header OpenAPI ignores is W310."""
    for loc, param in params:
        name, where = param["name"], param.get("in")
        if where == "path":
            if param.get("required") is not True:
                yield _error("E315", f"path parameter {name!r} must be 'required: true'", loc)
            if path is not None and _TEMPLATE.match(path) and name not in _NAME.findall(path):
                yield _error("E315", f"path parameter {name!r} is not in the path template "
                             f"{path!r}", loc)
        elif where in ("header", "cookie") and not TOKEN.match(name):
            yield _error("E319", f"{where} name {name!r} is not an HTTP token (RFC 9110)",
                         loc.child("name"))
        elif where == "header" and name.lower() in IGNORED_HEADERS:
            yield Diagnostic(code="W310", message=f"header parameter {name!r} is ignored, as "
                             "OpenAPI says: its value comes from elsewhere (media types, "
                             "security)", location=loc, severity="warning")
