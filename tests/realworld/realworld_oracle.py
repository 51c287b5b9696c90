"""An oracle nobody here wrote for the examples of real documents: ``openapi-schema-validator``
(``jsonschema`` with OpenAPI's dialects: 3.0's ``nullable``, 3.1's JSON Schema 2020-12).

Formats: the oracle asserts the ones specgen's validators assert (``int32``, ``int64``,
``date-time``, ``date``, ``uuid``, ``email``, ``uri``, ``byte``) with its own checkers
(``jsonschema``'s, ``rfc3986-validator`` for ``uri``, openapi-schema-validator's ``byte``);
every other format is an annotation to both. The integer ranges are checked as
specgen_testing.integer_format does.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from jsonschema import FormatChecker
from openapi_schema_validator import OAS30Validator, OAS31Validator, oas30_format_checker
from realworld_support import Built, Resolver
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4, DRAFT202012
from specgen_testing import integer_format

from generator.targets.python.capabilities import FORMATS

__all__ = ["Oracle", "oracle"]


@functools.cache
def _checker() -> FormatChecker:
    theirs = {**FormatChecker.checkers, "byte": oas30_format_checker.checkers["byte"]}
    checker = FormatChecker(formats=())
    for name in FORMATS - {"int32", "int64"}:
        function, raises = theirs[name]  # KeyError: a checker is missing (rfc3986-validator)
        checker.checks(name, raises)(function)
    checker.checks("int32")(integer_format(32))
    checker.checks("int64")(integer_format(64))
    return checker


class Oracle:
    """Whether a JSON value is valid against a schema of a document (or a file it refers to)."""

    def __init__(self, built: Built) -> None:
        self.path = built.doc.path.resolve()
        self.resolver = Resolver(self.path)
        document = _json(self.resolver.file(self.path))
        v31 = str(document.get("openapi", "3.0")).startswith("3.1")
        self._cls = OAS31Validator if v31 else OAS30Validator
        spec = DRAFT202012 if v31 else DRAFT4

        def retrieve(uri: str) -> Resource[Any]:
            path = Path(unquote(urlsplit(uri).path))
            return spec.create_resource(_json(self.resolver.file(path)))

        # the document registered and crawled once, not on every lookup (OpenAI: 3 s a crawl)
        registry: Registry[Any] = Registry(retrieve=retrieve)  # type: ignore[call-arg]
        self._registry = registry.with_resource(
            self.path.as_uri(), spec.create_resource(document)).crawl()
        self._where = {d.key: (self.path.parent / d.location.file, d.location.pointer)
                       for d in built.api.definitions}
        self._validators: dict[tuple[Path, str], Any] = {}

    def valid(self, pointer: str, value: Any, path: Path | None = None) -> bool:
        """Whether ``value`` is valid against the schema at ``pointer`` of ``path`` (default:
        the document)."""
        where = ((path or self.path).resolve(), pointer)
        if where not in self._validators:
            root = {"$ref": where[0].as_uri() + "#" + quote(pointer, safe="/~")}
            self._validators[where] = self._cls(
                root, format_checker=_checker(), registry=self._registry)
        return bool(self._validators[where].is_valid(value))

    def valid_key(self, key: str, value: Any) -> bool:
        """Whether ``value`` is valid against the schema of definition ``key``."""
        path, pointer = self._where[key]
        return self.valid(pointer, value, path)


def _json(node: Any) -> Any:
    """``node`` with the keys JSON would have: YAML reads an unquoted ``200:`` as an int."""
    if isinstance(node, dict):
        return {str(k): _json(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_json(v) for v in node]
    return node


def oracle(built: Built) -> Oracle:
    """The oracle of ``built``'s document (one per document: jsonschema compiles lazily)."""
    if built.doc.path not in _ORACLES:
        _ORACLES[built.doc.path] = Oracle(built)
    return _ORACLES[built.doc.path]


_URI = "urn:specgen-oracle:document"
_ORACLES: dict[Path, Oracle] = {}
