"""An oracle nobody here wrote for the examples of real documents: ``openapi-schema-validator``
(``jsonschema`` with OpenAPI's dialects: 3.0's ``nullable``, 3.1's JSON Schema 2020-12).

Formats: the oracle asserts the ones specgen's validators assert (``int32``, ``int64``,
``date-time``, ``date``, ``uuid``, ``email``, ``uri``, ``byte``) with its own checkers
(``jsonschema``'s, ``rfc3986-validator`` for ``uri``, openapi-schema-validator's ``byte``);
every other format is an annotation to both. The integer ranges are checked as
tests/validators/generated.py does.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from jsonschema import FormatChecker
from openapi_schema_validator import OAS30Validator, OAS31Validator, oas30_format_checker
from realworld_support import Built, Resolver
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4, DRAFT202012

from generator.validation.handlers import FORMATS

__all__ = ["Oracle", "oracle"]


def _integer_format(bits: int) -> Callable[[Any], bool]:
    def check(value: Any) -> bool:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return True
        integral = isinstance(value, int) or value.is_integer()
        return integral and -(2 ** (bits - 1)) <= value < 2 ** (bits - 1)

    return check


@functools.cache
def _checker() -> FormatChecker:
    theirs = {**FormatChecker.checkers, "byte": oas30_format_checker.checkers["byte"]}
    checker = FormatChecker(formats=())
    for name in FORMATS - {"int32", "int64"}:
        function, raises = theirs[name]  # KeyError: a checker is missing (rfc3986-validator)
        checker.checks(name, raises)(function)
    checker.checks("int32")(_integer_format(32))
    checker.checks("int64")(_integer_format(64))
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

    def final(self, pointer: str, path: Path | None = None) -> tuple[str, Path]:
        """``pointer`` of ``path`` after following ``$ref``s: where the content is."""
        path = (path or self.path).resolve()
        for _ in range(50):
            node, _ = self.resolver.at(pointer, path)
            ref = node.get("$ref") if isinstance(node, dict) else None
            if not isinstance(ref, str):
                return pointer, path
            target, _, fragment = ref.partition("#")
            path, pointer = (path.parent / target).resolve() if target else path, unquote(fragment)
        raise AssertionError("$ref chain too long")


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
