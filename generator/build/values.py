"""Values a schema gives itself (``default``, ``const``, ``enum``, ``example``) that it refuses.

An ``enum`` member or ``const`` the schema refuses can never be sent at all, and a ``default``
of a property or parameter is filled in or sent by the generated code, which then fails its own
validators: each is E303. A ``default`` the generated code never uses (on an ``items`` schema, a
union's member, a component others refer to) is W311, and so is ``default: null`` on a schema
that does not admit ``null``: OpenAI's document writes both, ``null`` as "no default". An
``example`` (3.0) or ``examples`` item (3.1) the schema refuses is W307, and so is a Parameter's,
Header's or Media Type's ``example`` or ``examples[*].value`` its ``schema`` refuses: examples
are documentation, and real documents (GitHub's, OpenAI's) write partial ones.

The judge is ``jsonschema`` in the document's dialect: Draft 4 with OpenAPI 3.0's ``nullable``
for 3.0 (a ``$ref``'s siblings ignored, as 3.0 says), 2020-12 for 3.1; ``$ref``s resolve inside
the loaded files. Formats are checked only where the check needs nothing outside the standard
library (``uuid``, ``date``, ``email``, ``ipv4``, ``ipv6``), so every installation agrees.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..diagnostics import Diagnostic, Location
from ..load.loader import Document
from .objects import Objects, resolved

__all__ = ["value_problems"]

_FORMATS = ("uuid", "date", "email", "ipv4", "ipv6")
_BASE = "urn:specgen:file:"


def value_problems(document: Document, objects: Objects, openapi: str) -> list[Diagnostic]:
    """E303/W307/W311 for every value of every schema ``objects`` found that its schema
    refuses."""
    judge = _Judge(document, openapi)
    problems: list[Diagnostic] = []
    for loc in objects.of_kind("schema"):
        schema = document.get(loc)
        if isinstance(schema, dict) and any(k in schema for k in _KEYWORDS):
            problems.extend(judge.schema_values(loc, schema, used=_default_used(objects, loc)))
    for kind in ("parameter", "header", "mediaType"):
        for loc in objects.of_kind(kind):
            problems.extend(_object_examples(document, judge, loc))
    return list(dict.fromkeys(problems))  # a shared Example judged by one schema twice: once


def _object_examples(document: Document, judge: _Judge, loc: Location) -> Iterator[Diagnostic]:
    """W307 for a Parameter's, Header's or Media Type's ``example`` or ``examples[*].value``
    that its ``schema`` refuses (a warning: GitHub's document has many)."""
    node = document.get(loc)
    if not isinstance(node, dict) or "$ref" in node or not isinstance(node.get("schema"), dict):
        return
    values = [(loc.child("example"), node["example"])] if "example" in node else []
    examples = node.get("examples")
    for name in examples if isinstance(examples, dict) else ():
        where, example = resolved(document, loc.child("examples", name))
        if isinstance(example, dict) and "value" in example:
            values.append((where.child("value"), example["value"]))
    for at, value in values:
        yield from judge.judged("W307", "example", at, value, loc.child("schema"), node["schema"])


def _default_used(objects: Objects, loc: Location) -> bool:
    """Whether the generated code uses the ``default`` of the schema at ``loc``: a property's
    own schema, or a parameter's or header's."""
    parent, _, last = loc.pointer.rpartition("/")
    if parent.rpartition("/")[2] == "properties":
        return True
    owner = objects.kinds.get(Location(file=loc.file, pointer=parent))
    return last == "schema" and owner in ("parameter", "header")


_KEYWORDS = ("default", "const", "enum", "example", "examples")


class _Judge:
    """Validates values against schemas of one document with ``jsonschema``."""

    def __init__(self, document: Document, openapi: str) -> None:
        from jsonschema import Draft4Validator, Draft202012Validator, FormatChecker, validators
        from referencing import Registry
        from referencing.jsonschema import DRAFT4, DRAFT202012

        self.v30 = openapi.startswith("3.0")
        spec = DRAFT4 if self.v30 else DRAFT202012
        self.registry: Registry[Any] = Registry().with_resources(
            (_BASE + name, spec.create_resource(data))
            for name, data in document.files.items())
        self.formats = FormatChecker(_FORMATS)
        self._last: tuple[dict[str, Any], Any] | None = None
        if self.v30:
            base_type = Draft4Validator.VALIDATORS["type"]

            def nullable_type(validator: Any, types: Any, instance: Any, schema: Any) -> Any:
                if instance is None and schema.get("nullable") is True:
                    return iter(())
                return base_type(validator, types, instance, schema)

            self.cls: Any = validators.extend(  # type: ignore[no-untyped-call]
                Draft4Validator, {"type": nullable_type})
        else:
            self.cls = Draft202012Validator

    def schema_values(self, loc: Location, schema: dict[str, Any], *,
                      used: bool) -> Iterator[Diagnostic]:
        """The values of the schema at ``loc`` that it refuses: each once, at its place.
        ``used``: the generated code uses its ``default``."""
        if "default" in schema:
            code = "E303" if used and schema["default"] is not None else "W311"
            yield from self.judged(code, "default", loc.child("default"), schema["default"],
                                    loc, schema)
        if "const" in schema:
            yield from self.judged("E303", "const", loc.child("const"), schema["const"], loc,
                                    _without(schema, "const"))
        if isinstance(schema.get("enum"), list):
            rest = _without(schema, "enum")
            plain = _plain_type(rest)
            for i, member in enumerate(schema["enum"]):
                if plain is not None and _is_a(member, plain):
                    continue  # the common case, 100,000 members: no validator needed
                if not (member is None and self.v30 and schema.get("nullable") is True):
                    yield from self.judged("E303", "enum member", loc.child("enum", i), member,
                                            loc, rest)
        if "example" in schema:
            yield from self.judged("W307", "example", loc.child("example"), schema["example"],
                                    loc, schema)
        if isinstance(schema.get("examples"), list) and not self.v30:
            for i, example in enumerate(schema["examples"]):
                yield from self.judged("W307", "example", loc.child("examples", i), example,
                                        loc, schema)

    def judged(self, code: str, what: str, at: Location, value: Any, loc: Location,
               schema: dict[str, Any]) -> Iterator[Diagnostic]:
        """``code`` at ``at`` when the schema at ``loc`` (``schema``, maybe changed) refuses
        ``value``."""
        error = self._error(value, loc, schema)
        if error is not None:
            message = f"the {what} {_shown(value)} does not match its schema: {error}"
            yield Diagnostic(code=code, message=message, location=at,
                             severity="warning" if code.startswith("W") else "error")

    def _error(self, value: Any, loc: Location, schema: dict[str, Any]) -> str | None:
        """Why the schema refuses ``value`` (the deepest reason), or ``None`` if it accepts it,
        or cannot judge (a schema too malformed to run: other codes report it)."""
        from jsonschema.exceptions import best_match
        from referencing.exceptions import Unresolvable

        try:
            error = best_match(self._validator(loc, schema).iter_errors(value))
        except (Unresolvable, RecursionError, ValueError, TypeError, KeyError, LookupError,
                AttributeError, ArithmeticError, re.error):
            return None  # a bad ``pattern``, ``multipleOf: 1e-320`` of 1e300 (overflow), ...
        except Exception as exc:  # jsonschema's own errors on a schema too malformed to run
            if type(exc).__module__.startswith(("jsonschema", "referencing")):
                return None
            raise
        if error is None:
            return None
        where = "".join(f"/{p}" for p in error.absolute_path)
        message = error.message if len(error.message) <= 160 else error.message[:157] + "..."
        return f"{message} (at {where})" if where else message


    def _validator(self, loc: Location, schema: dict[str, Any]) -> Any:
        """The validator of ``schema``: the last one made again while it is the same object
        (an ``enum`` of 100,000 members is judged by one validator, not 100,000)."""
        if self._last is not None and self._last[0] is schema:
            return self._last[1]
        resolver = self.registry.resolver(base_uri=_BASE + loc.file)
        validator = self.cls(schema, registry=self.registry, format_checker=self.formats,
                             _resolver=resolver)
        self._last = (schema, validator)
        return validator


_ANNOTATIONS = frozenset({"type", "description", "title", "nullable", "deprecated", "readOnly",
                          "writeOnly", "example", "examples", "default"})


def _plain_type(schema: dict[str, Any]) -> str | None:
    """The one JSON type ``schema`` asks of a value, when that is all it asks (its other
    keywords annotate): then a value's Python type answers alone."""
    kind = schema.get("type")
    if isinstance(kind, str) and all(k in _ANNOTATIONS or k.startswith("x-") for k in schema):
        return kind
    return None


def _is_a(value: Any, kind: str) -> bool:
    """Whether ``value`` is of JSON type ``kind`` (``1.0`` is an integer; ``true`` no number)."""
    if isinstance(value, bool):
        return kind == "boolean"
    match kind:
        case "string":
            return isinstance(value, str)
        case "integer":
            return isinstance(value, int) or (isinstance(value, float) and value.is_integer())
        case "number":
            return isinstance(value, (int, float))
        case "null":
            return value is None
        case _:
            return False


def _without(schema: dict[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in schema.items() if k != key}


def _shown(value: Any) -> str:
    import json

    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."
