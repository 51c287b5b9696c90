"""Handlers of the keywords that apply subschemas to the instance: the in-place applicators
(``allOf``, ``anyOf``, ``oneOf``, ``not``, ``if``/``then``/``else`` and the references ``$ref``,
``$dynamicRef``, ``$recursiveRef``), ``propertyNames`` and the ``dependent*`` keywords.

Each reads its keyword (group) from a :class:`~.scope.Scope`, like :mod:`.handlers` (the
assertions) and :mod:`.objects` (keywords read with their neighbours). ``dependentRequired`` is an
assertion, but it shares one handler with ``dependentSchemas`` and draft4 ``dependencies``, which
holds both forms.
"""

from __future__ import annotations

from collections.abc import Callable

from ..diagnostics import Diagnostic, Location
from .checks import (
    AllOfCheck,
    AnyOfCheck,
    Check,
    DependentRequiredCheck,
    DependentSchemasCheck,
    IfCheck,
    NotCheck,
    OneOfCheck,
    PropertyNamesCheck,
    RefCheck,
)
from .objects import discriminated
from .scope import Scope

__all__ = [
    "all_of",
    "any_of",
    "dependent",
    "dynamic_ref",
    "if_then_else",
    "not_",
    "one_of",
    "property_names",
    "recursive_ref",
    "ref",
]


def all_of(s: Scope) -> list[Check]:
    return [AllOfCheck(site=s.site("allOf"), schemas=s.subs("allOf"))]


def any_of(s: Scope) -> list[Check]:
    found = discriminated(s, "anyOf")
    return [AnyOfCheck(site=s.site("anyOf"), schemas=s.subs("anyOf"), discriminator=found)]


def one_of(s: Scope) -> list[Check]:
    found = discriminated(s, "oneOf")
    return [OneOfCheck(site=s.site("oneOf"), schemas=s.subs("oneOf"), discriminator=found)]


def not_(s: Scope) -> list[Check]:
    return [NotCheck(site=s.site("not"), schema=s.sub("not"))]


def ref(s: Scope) -> list[Check]:
    ref = s.raw["$ref"]
    target = s.builder.resolver.resolve(ref, s.location) if isinstance(ref, str) else None
    if target is None:
        s.problem("E402", f"cannot resolve $ref {ref!r} to a loaded schema", "$ref")
        return []
    return [RefCheck(site=s.site("$ref"), target=s.builder.reference(target, s.context))]


def recursive_ref(s: Scope) -> list[Check]:
    """2019-09 ``$recursiveRef: "#"`` in an OpenAPI document means a recursive type: read it as
    a ``$ref`` to the nearest enclosing schema with ``$recursiveAnchor: true`` (dynamic scope is
    not followed; a warning says so). Any other use is unsupported (E401), never always valid."""
    target = _recursive_anchor(s) if s.raw["$recursiveRef"] == "#" else None
    if target is None:
        s.problem("E401", "keyword $recursiveRef is not supported by specgen validators "
                  "(only \"#\" inside a schema with $recursiveAnchor: true)", "$recursiveRef")
        return []
    s.problem("W401", f"$recursiveRef read as a $ref to #{target.pointer} "
              "(2019-09 dynamic scope is not followed)", "$recursiveRef", warning=True)
    anchor = Diagnostic(code="W401", location=target.child("$recursiveAnchor"), severity="warning",
                        message="$recursiveAnchor: true (2019-09) read as the target of the "
                                "$recursiveRefs inside it")
    if anchor not in s.builder.problems:  # at the anchor too, once
        s.builder.problems.append(anchor)
    site = s.site("$recursiveRef")
    return [RefCheck(site=site, target=s.builder.reference(target, s.context))]


def _recursive_anchor(s: Scope) -> Location | None:
    parts = s.location.pointer.split("/")
    for end in range(len(parts), 0, -1):
        where = Location(file=s.location.file, pointer="/".join(parts[:end]))
        try:
            node = s.builder.document.get(where)
        except (KeyError, IndexError, TypeError):
            continue
        if isinstance(node, dict) and node.get("$recursiveAnchor") is True:
            return where
    return None


def dynamic_ref(s: Scope) -> list[Check]:
    """``$dynamicRef``: the outermost resource of the dynamic scope that declares the anchor.

    The builder compiles each schema once per dynamic context (the first resource entered that
    declares each dynamic anchor), so the target is known at generation time.
    """
    ref = s.raw["$dynamicRef"]
    target = s.builder.resolver.resolve(ref, s.location) if isinstance(ref, str) else None
    if target is None:
        s.problem("E402", f"cannot resolve $dynamicRef {ref!r} to a loaded schema", "$dynamicRef")
        return []
    anchor = ref.rpartition("#")[2]
    declared = s.builder.document.get(target)
    if isinstance(declared, dict) and declared.get("$dynamicAnchor") == anchor:
        target = dict(s.context).get(anchor, target)
    site = s.site("$dynamicRef")
    return [RefCheck(site=site, target=s.builder.reference(target, s.context))]


def if_then_else(s: Scope) -> list[Check]:
    if "if" not in s.raw:
        return []
    then = s.sub("then") if "then" in s.raw else None
    otherwise = s.sub("else") if "else" in s.raw else None
    return [IfCheck(site=s.site("if"), condition=s.sub("if"), then=then, otherwise=otherwise)]


def property_names(s: Scope) -> list[Check]:
    return [PropertyNamesCheck(site=s.site("propertyNames"), schema=s.sub("propertyNames"))]


def dependent(key: str) -> Callable[[Scope], list[Check]]:
    def handler(s: Scope) -> list[Check]:
        raw = s.raw[key]
        names = tuple((k, tuple(v)) for k, v in raw.items() if isinstance(v, list))
        schemas = tuple((k, s.sub(key, k)) for k, v in raw.items() if not isinstance(v, list))
        out: list[Check] = []
        if names:
            out.append(DependentRequiredCheck(site=s.site(key), pairs=names))
        if schemas:
            out.append(DependentSchemasCheck(site=s.site(key), pairs=schemas))
        return out

    return handler
