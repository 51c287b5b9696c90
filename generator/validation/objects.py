"""Keywords read together with their neighbours: properties, items, contains, discriminator."""

from __future__ import annotations

from .checks import (
    Check,
    ContainsCheck,
    Discriminated,
    ItemsCheck,
    PrefixItemsCheck,
    PropertiesCheck,
)
from .model import SchemaNode
from .scope import Scope

__all__ = ["contains", "discriminated", "items", "items4", "properties_check"]


def properties_check(s: Scope) -> list[Check]:
    """``properties`` + ``patternProperties`` + ``additionalProperties`` as one check."""
    named = _schema_map(s, "properties")
    patterns = []
    for pattern, schema in _schema_map(s, "patternProperties"):
        problem = s.builder.capabilities.pattern_problem(pattern)
        if problem is not None:  # the target cannot honour it exactly
            s.problem("E403", problem, "patternProperties", pattern)
            continue
        patterns.append((pattern, schema))
    additional = s.sub("additionalProperties") if "additionalProperties" in s.raw else None
    site = s.site("additionalProperties") if additional is not None else None
    if not named and not patterns and additional is None:
        return []
    return [
        PropertiesCheck(
            named=named, patterns=tuple(patterns), additional=additional, additional_site=site
        )
    ]


def _schema_map(s: Scope, keyword: str) -> tuple[tuple[str, SchemaNode], ...]:
    value = s.raw.get(keyword)
    if value is None:
        return ()
    if not isinstance(value, dict):
        s.problem("E402", f"{keyword} must be an object of schemas", keyword)
        return ()
    return tuple((name, s.sub(keyword, name)) for name in value)


def discriminated(s: Scope, keyword: str) -> Discriminated | None:
    """Map each discriminator value to the index of the ``oneOf``/``anyOf`` variant it selects."""
    raw = s.raw.get("discriminator")
    if not isinstance(raw, dict) or not isinstance(raw.get("propertyName"), str):
        return None
    variants = s.raw[keyword] if isinstance(s.raw[keyword], list) else []
    by_target: dict[str, int] = {}
    implicit: list[tuple[str, int]] = []
    for index, variant in enumerate(variants):
        ref = variant.get("$ref") if isinstance(variant, dict) else None
        if not isinstance(ref, str):
            continue
        target = s.builder.resolver.resolve(ref, s.location.child(keyword, index))
        if target is not None:
            by_target[str(target)] = index
            implicit.append((target.pointer.rsplit("/", 1)[-1], index))
    mapping: list[tuple[str, int]] = []
    explicit: dict[str, object] = raw["mapping"] if isinstance(raw.get("mapping"), dict) else {}
    for value, ref in explicit.items():
        # OpenAPI allows a bare schema name as a mapping value: it names a component schema
        ref = ref if "#" in str(ref) or "/" in str(ref) else f"#/components/schemas/{ref}"
        target = s.builder.resolver.resolve(str(ref), s.location)
        if target is None or str(target) not in by_target:
            msg = f"discriminator mapping {value!r} does not name a {keyword} variant"
            s.problem("E402", msg, "discriminator", "mapping", value)
            continue
        mapping.append((value, by_target[str(target)]))
    mapped = {i for _, i in mapping}
    mapping.extend((name, i) for name, i in implicit if i not in mapped)
    return Discriminated(property=raw["propertyName"], mapping=tuple(mapping))


def items(s: Scope) -> list[Check]:
    """2020-12: ``prefixItems`` then ``items`` for the rest."""
    prefix = s.subs("prefixItems") if "prefixItems" in s.raw else ()
    out: list[Check] = (
        [PrefixItemsCheck(site=s.site("prefixItems"), schemas=prefix)] if prefix else []
    )
    if "items" in s.raw:
        out.append(ItemsCheck(site=s.site("items"), schema=s.sub("items"), start=len(prefix)))
    return out


def items4(s: Scope) -> list[Check]:
    """draft4: ``items`` is one schema for all, or positional with ``additionalItems`` after."""
    items = s.raw.get("items")
    if not isinstance(items, list):
        return [ItemsCheck(site=s.site("items"), schema=s.sub("items"), start=0)] if items else []
    out: list[Check] = [PrefixItemsCheck(site=s.site("items"), schemas=s.subs("items"))]
    if "additionalItems" in s.raw:
        extra = s.sub("additionalItems")
        out.append(ItemsCheck(site=s.site("additionalItems"), schema=extra, start=len(items)))
    return out


def contains(s: Scope) -> list[Check]:
    if "contains" not in s.raw:
        return []
    low, high = s.raw.get("minContains", 1), s.raw.get("maxContains")
    schema = s.sub("contains")
    return [ContainsCheck(site=s.site("contains"), schema=schema, minimum=low, maximum=high)]
