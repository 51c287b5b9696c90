"""One schema object -> :class:`~.model.Schema`: a handler per keyword (or keyword group).

Keywords that only annotate are skipped; keywords that shape another keyword (``then``,
``additionalItems``, draft4 ``exclusiveMaximum``...) are read by that keyword's handler.
"""

from __future__ import annotations

from typing import Any

from . import applicators as a
from . import handlers as h
from .checks import Check, TypeCheck
from .model import BooleanSchema, Schema, SchemaNode
from .objects import contains, items, items4, properties_check
from .scope import Context, Handler, Scope

__all__ = ["compile_schema"]

ANNOTATIONS = frozenset(
    [
        "title",
        "description",
        "example",
        "examples",
        "default",
        "readOnly",
        "writeOnly",
        "deprecated",
        "xml",
        "externalDocs",
        "$comment",
        "$schema",
        "$id",
        "id",
        "$anchor",
        "$dynamicAnchor",
        "$defs",
        "definitions",
        "contentMediaType",
        "contentEncoding",
        "contentSchema",
        "discriminator",
        "nullable",
        "$vocabulary",
        "$recursiveAnchor",
    ]
)
UNSUPPORTED = frozenset(["unevaluatedProperties", "unevaluatedItems"])


def compile_schema(scope: Scope) -> SchemaNode:
    """Compile the schema object at ``scope.location``."""
    raw = scope.builder.document.get(scope.location)
    if isinstance(raw, bool):
        return BooleanSchema(value=raw, location=scope.location)
    if not isinstance(raw, dict):
        scope.problem("E402", "a schema must be an object or a boolean")
        return BooleanSchema(value=True, location=scope.location)
    scope = Scope(
        builder=scope.builder,
        location=scope.location,
        context=_enter(scope),
        raw=raw,
        codes=_codes(scope, raw),
    )
    keys = ["$ref"] if "$ref" in raw and scope.draft4 else list(raw)
    checks: list[Check] = []
    groups_done: set[str] = set()
    for key in keys:
        group = _groups(scope).get(key, key)
        handler = _handlers(scope).get(group)
        if handler is not None:
            if group not in groups_done:
                groups_done.add(group)
                checks.extend(handler(scope))
        elif key in UNSUPPORTED:
            scope.problem("E401", f"keyword {key} is not supported by specgen validators", key)
        elif key not in ANNOTATIONS and not key.startswith("x-"):
            scope.problem("W405", f"unknown keyword {key} is ignored", key, warning=True)
    checks.extend(h.integer_text(scope, checks))
    checks.sort(key=lambda c: not isinstance(c, TypeCheck))
    return Schema(location=scope.location, checks=tuple(checks))


def _codes(scope: Scope, raw: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """The schema's ``x-error-codes`` as (keyword, code) pairs: a map that is not keywords to
    strings is E404 (and ignored), as is each keyword the schema does not use."""
    codes = raw.get("x-error-codes")
    if codes is None:
        return ()
    if not isinstance(codes, dict) or not all(isinstance(v, str) for v in codes.values()):
        scope.problem(
            "E404", "x-error-codes must map keywords to error code strings", "x-error-codes"
        )
        return ()
    for keyword in codes:
        if keyword not in raw and not (keyword == "type" and "nullable" in raw):
            msg = f"x-error-codes names {keyword}, which this schema does not use"
            scope.problem("E404", msg, "x-error-codes", keyword)
    return tuple(codes.items())


def _handlers(scope: Scope) -> dict[str, Handler]:
    """The keyword handlers of the scope's dialect (draft 4's, or 2020-12's)."""
    return DRAFT4_HANDLERS if scope.draft4 else HANDLERS


def _groups(scope: Scope) -> dict[str, str]:
    """The keywords of the scope's dialect that are compiled with another (``then`` with
    ``if``...), mapped to that one."""
    return DRAFT4_GROUPS if scope.draft4 else GROUPS


def _enter(scope: Scope) -> Context:
    """Add the dynamic anchors of the resource being entered, unless an outer one declared them."""
    declared = scope.builder.resolver.dynamic_anchors(scope.location)
    if not declared:
        return scope.context
    known = {name for name, _ in scope.context}
    added = tuple(
        (n, loc) for n, loc in sorted(declared.items(), key=lambda i: i[0]) if n not in known
    )
    return scope.context + added


HANDLERS: dict[str, Handler] = {
    "type": h.type_,
    "enum": h.enum,
    "const": h.const,
    "required": h.required,
    "properties": properties_check,
    "propertyNames": a.property_names,
    "items": items,
    "contains": contains,
    "uniqueItems": h.unique,
    "pattern": h.pattern,
    "multipleOf": h.multiple_of,
    "format": h.format_,
    "allOf": a.all_of,
    "anyOf": a.any_of,
    "oneOf": a.one_of,
    "not": a.not_,
    "$ref": a.ref,
    "$dynamicRef": a.dynamic_ref,
    "$recursiveRef": a.recursive_ref,
    "if": a.if_then_else,
    "dependentRequired": a.dependent("dependentRequired"),
    "dependentSchemas": a.dependent("dependentSchemas"),
    "dependencies": a.dependent("dependencies"),
    **{k: h.count(k) for k in h.COUNTS},
    **{k: h.bound(k) for k in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")},
}
DRAFT4_HANDLERS = {
    **HANDLERS,
    "items": items4,
    "minimum": h.bound4("minimum"),
    "maximum": h.bound4("maximum"),
}
_COMMON_GROUPS = {
    "patternProperties": "properties",
    "additionalProperties": "properties",
    "then": "if",
    "else": "if",
}
GROUPS = {
    **_COMMON_GROUPS,
    "prefixItems": "items",
    "minContains": "contains",
    "maxContains": "contains",
}
DRAFT4_GROUPS = {
    **_COMMON_GROUPS,
    "additionalItems": "items",
    "exclusiveMinimum": "minimum",
    "exclusiveMaximum": "maximum",
}
