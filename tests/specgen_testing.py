"""Paths and helpers shared by the test modules (imported by name; pytest's prepend mode)."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
GENERATED_PY = REPO / "generated" / "python"
FIXTURES = REPO / "tests" / "fixtures"
PYTHON = sys.executable


def integer_format(bits: int) -> Callable[[Any], bool]:
    """The ``int32``/``int64`` format check as specgen documents it, for the ``jsonschema``
    oracles: an integral number within the range; other types pass (``type`` checks them)."""
    def check(value: Any) -> bool:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return True
        integral = isinstance(value, int) or value.is_integer()
        return integral and -(2 ** (bits - 1)) <= value < 2 ** (bits - 1)

    return check


_INTEGER_TEXT = re.compile(r"-?[0-9]+", re.ASCII)
_INTEGER_BITS = {"int32": 31, "int64": 63}
_BY_VALUE = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "enum",
             "const")


def integer_text(schema: Any, instance: Any) -> int | None:
    """The int64 rule as specgen documents it, written apart from the generator for the
    ``jsonschema`` oracles: in a schema whose ``type`` lists ``integer`` and ``string`` and whose
    ``format`` is ``int32``/``int64``, a string of ``-?[0-9]+`` denoting an integer in range
    stands for that integer; ``None`` for any other schema or value."""
    if not isinstance(schema, dict) or not isinstance(instance, str):
        return None
    types = schema.get("type")
    types = [types] if isinstance(types, str) else types or []
    bits = _INTEGER_BITS.get(schema.get("format"))  # type: ignore[arg-type]
    if bits is None or "integer" not in types or "string" not in types:
        return None
    if _INTEGER_TEXT.fullmatch(instance) is None:
        return None
    value = int(instance) if len(instance.lstrip("-0")) <= 19 else 2**bits
    return value if -(2**bits) <= value < 2**bits else None


def with_int64_rule(cls: Any) -> Any:
    """A ``jsonschema`` validator class that applies the int64 rule (:func:`integer_text`):
    the keywords that judge a value judge integer text by its integer, and ``format`` fails a
    string that is not integer text in range."""
    from jsonschema import validators
    from jsonschema.exceptions import ValidationError

    def by_value(keyword: str) -> Callable[..., Iterator[Any]]:
        original = cls.VALIDATORS[keyword]

        def check(validator: Any, value: Any, instance: Any, schema: Any) -> Iterator[Any]:
            number = integer_text(schema, instance)
            yield from original(validator, value, instance if number is None else number, schema)

        return check

    original_format = cls.VALIDATORS["format"]

    def format_(validator: Any, value: Any, instance: Any, schema: Any) -> Iterator[Any]:
        if (isinstance(instance, str) and integer_text(schema, instance) is None
                and integer_text(schema, "0") is not None and validator.format_checker):
            yield ValidationError(f"{instance!r} is not an integer text of format {value}")
            return
        yield from original_format(validator, value, instance, schema)

    checks = {k: by_value(k) for k in _BY_VALUE if k in cls.VALIDATORS}
    return validators.extend(cls, {**checks, "format": format_})
