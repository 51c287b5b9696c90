"""Handlers of the assertion keywords: each reads its keyword (group) from a
:class:`~.scope.Scope`. Keywords that apply subschemas are in :mod:`.applicators`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any, cast

from .capabilities import ANNOTATION_FORMATS
from .checks import (
    BoundCheck,
    Check,
    ConstCheck,
    CountCheck,
    EnumCheck,
    FormatCheck,
    IntegerTextCheck,
    JsonType,
    MultipleOfCheck,
    PatternCheck,
    RequiredCheck,
    TypeCheck,
    UniqueItemsCheck,
)
from .groups import INTEGER_BITS
from .scope import Scope

__all__ = [
    "COUNTS",
    "bound",
    "bound4",
    "const",
    "count",
    "enum",
    "format_",
    "integer_bits",
    "integer_text",
    "multiple_of",
    "pattern",
    "required",
    "type_",
    "unique",
]

TYPES = ("null", "boolean", "object", "array", "number", "integer", "string")
COUNTS = {
    "minItems": "array",
    "maxItems": "array",
    "minLength": "string",
    "maxLength": "string",
    "minProperties": "object",
    "maxProperties": "object",
}


def type_(s: Scope) -> list[Check]:
    value = s.raw["type"]
    names = [value] if isinstance(value, str) else value
    valid = isinstance(names, list) and names and all(n in TYPES for n in names)
    if not valid:
        msg = f"type must be one of {', '.join(TYPES)} or a non-empty array of them"
        s.problem("E402", msg, "type")
        return []
    if s.raw.get("nullable") is True and "null" not in names:
        names = [*names, "null"]
    return [TypeCheck(site=s.site("type"), types=tuple(cast(list[JsonType], names)))]


def enum(s: Scope) -> list[Check]:
    if not isinstance(s.raw["enum"], list):
        s.problem("E402", "enum must be an array", "enum")
        return []
    values = tuple(s.raw["enum"])
    return [EnumCheck(site=s.site("enum"), values=values, integer_bits=integer_bits(s.raw))]


def const(s: Scope) -> list[Check]:
    bits = integer_bits(s.raw)
    return [ConstCheck(site=s.site("const"), value=s.raw["const"], integer_bits=bits)]


def integer_bits(raw: dict[str, Any]) -> int | None:
    """The bits of an integer that may be sent as decimal text (``type`` lists ``integer`` and
    ``string``, ``format`` is ``int32``/``int64``: ProtoJSON's int64), else ``None``."""
    names = raw.get("type")
    names = [names] if isinstance(names, str) else names
    if not isinstance(names, list) or "integer" not in names or "string" not in names:
        return None
    name = raw.get("format")
    return INTEGER_BITS.get(name) if isinstance(name, str) else None


def integer_text(s: Scope, checks: list[Check]) -> list[Check]:
    """The int64 rule (:class:`~.checks.IntegerTextCheck`) of an integer that may be sent as
    text, judging its string form by the schema's numeric ``checks``; ``[]`` for other schemas."""
    bits = integer_bits(s.raw)
    if bits is None:
        return []
    numeric = tuple(c for c in checks if isinstance(c, (BoundCheck, MultipleOfCheck)))
    site = s.site("format") if s.builder.assert_formats else None
    if site is None and not numeric:
        return []
    name = s.raw["format"]
    return [IntegerTextCheck(site=site, format=name, bits=bits, checks=numeric)]


def required(s: Scope) -> list[Check]:
    names = s.raw["required"]
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        s.problem("E402", "required must be an array of strings", "required")
        return []
    twice = sorted(n for n, k in Counter(names).items() if k > 1)
    if twice:
        s.problem("W403", f"required lists {', '.join(map(repr, twice))} more than once",
                  "required", warning=True)
    if s.builder.openapi:  # like the models: required in neither direction (see build.py)
        props = s.raw.get("properties")
        props = props if isinstance(props, dict) else {}
        names = [n for n in names if not _directional(props.get(n))]
    return [RequiredCheck(site=s.site("required"), names=tuple(names))] if names else []


def _directional(schema: Any) -> bool:
    """Whether a property's schema is ``readOnly`` or ``writeOnly`` (required one way only)."""
    return isinstance(schema, dict) and (schema.get("readOnly") is True
                                         or schema.get("writeOnly") is True)


def count(keyword: str) -> Callable[[Scope], list[Check]]:
    def handler(s: Scope) -> list[Check]:
        limit = s.raw[keyword]
        if isinstance(limit, float) and limit.is_integer():
            limit = int(limit)
        if not isinstance(limit, int) or isinstance(limit, bool) or limit < 0:
            s.problem("E402", f"{keyword} must be a non-negative integer", keyword)
            return []
        is_max = keyword.startswith("max")
        kind = COUNTS[keyword]
        return [CountCheck(site=s.site(keyword), applies_to=kind, limit=limit, is_max=is_max)]  # type: ignore[arg-type]

    return handler


def _number(s: Scope, keyword: str) -> int | float | None:
    """The keyword's value if it is a number (not a boolean), else E402 and ``None``."""
    value = s.raw.get(keyword)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        s.problem("E402", f"{keyword} must be a number", keyword)
        return None
    return value


def bound(keyword: str) -> Callable[[Scope], list[Check]]:
    """2020-12: each of minimum, maximum, exclusiveMinimum, exclusiveMaximum is its own bound."""

    def handler(s: Scope) -> list[Check]:
        is_max = "ax" in keyword
        exclusive = keyword.startswith("exclusive")
        if exclusive and isinstance(s.raw[keyword], bool):
            return _draft4_flag(s, keyword, is_max)
        limit = _number(s, keyword)
        if limit is None:
            return []
        return [BoundCheck(site=s.site(keyword), limit=limit, is_max=is_max, exclusive=exclusive)]

    return handler


def _draft4_flag(s: Scope, keyword: str, is_max: bool) -> list[Check]:
    """``exclusiveMinimum: true`` next to ``minimum`` is the OpenAPI 3.0 form; documents that
    say 3.1 still use it (OpenAI's). Read it as 3.0 does, with a warning (W402)."""
    sibling = "maximum" if is_max else "minimum"
    limit = s.raw.get(sibling)
    if isinstance(limit, bool) or not isinstance(limit, (int, float)):
        if s.raw[keyword] is True:
            s.problem("E402", f"{keyword} must be a number", keyword)
        return []
    flag = s.raw[keyword]
    reading = f"{keyword}: {limit!r}" if flag else f"no {keyword}"
    s.problem("W402", f"{keyword}: {str(flag).lower()} is the OpenAPI 3.0 form; read as "
              f"{reading}", keyword, warning=True)
    if not flag:
        return []
    return [BoundCheck(site=s.site(keyword), limit=limit, is_max=is_max, exclusive=True)]


def bound4(keyword: str) -> Callable[[Scope], list[Check]]:
    """draft4 / OpenAPI 3.0: ``exclusiveMaximum: true`` makes ``maximum`` exclusive."""

    def handler(s: Scope) -> list[Check]:
        flag = "exclusive" + keyword[0].upper() + keyword[1:]
        if keyword not in s.raw:
            return []
        limit = _number(s, keyword)
        exclusive = s.raw.get(flag, False)
        if not isinstance(exclusive, bool):
            s.problem("E402", f"{flag} must be a boolean in this dialect", flag)
        if limit is None:
            return []
        site = s.site(flag if exclusive is True and flag in dict(s.codes) else keyword)
        is_max = keyword == "maximum"
        return [BoundCheck(site=site, limit=limit, is_max=is_max, exclusive=exclusive is True)]

    return handler


def multiple_of(s: Scope) -> list[Check]:
    divisor = _number(s, "multipleOf")
    if divisor is None or divisor <= 0:
        if divisor is not None:
            s.problem("E402", "multipleOf must be greater than 0", "multipleOf")
        return []
    if isinstance(divisor, float) and divisor.is_integer() and abs(divisor) < 2**53:
        divisor = int(divisor)
    site = s.site("multipleOf")
    return [MultipleOfCheck(site=site, divisor=divisor, divisor_text=repr(divisor))]


def pattern(s: Scope) -> list[Check]:
    pattern = s.raw["pattern"]
    if not isinstance(pattern, str) or not _regex_ok(s, pattern, "pattern"):
        return []
    return [PatternCheck(site=s.site("pattern"), pattern=pattern)]


def _regex_ok(s: Scope, pattern: str, *tokens: str) -> bool:
    """Whether the target honours ``pattern`` exactly; if not, an ``E403`` at its pointer."""
    problem = s.builder.capabilities.pattern_problem(pattern)
    if problem is not None:
        s.problem("E403", problem, *tokens)
        return False
    return True


def format_(s: Scope) -> list[Check]:
    name = s.raw["format"]
    if not s.builder.assert_formats or name in ANNOTATION_FORMATS:
        return []
    checked = s.builder.capabilities.formats
    if name not in checked:
        msg = f"format {name!r} is not checked (checked: {', '.join(sorted(checked))})"
        s.problem("W406", msg, "format", warning=True)
        return []
    return [FormatCheck(site=s.site("format"), format=name)]


def unique(s: Scope) -> list[Check]:
    return [UniqueItemsCheck(site=s.site("uniqueItems"))] if s.raw["uniqueItems"] is True else []
