"""The structural lint: the entry document against the OpenAPI Initiative's JSON Schemas.

Every command runs it (:mod:`generator.examine`): ``validate``, ``generate`` and ``check`` report
the same problems. It takes about 2 s of CPU on GitHub's 13 MB document (Draft 4 for 3.0); the
builder also calls it when it meets a malformed node, to turn the failure into placed diagnostics.
For 3.1 in the default dialect, every Schema Object is also checked against the JSON Schema
2020-12 meta-schema (the ``meta`` dynamic anchor is bound to it, as in OAI's ``schema-base``
variant). Schema Objects are checked node by node (:mod:`.schema_lint`), so the lint's time
grows with the size of the document, not with its depth squared. A failure among alternatives
(a Schema or a Reference Object) is explained by every error of the alternative that matched
furthest, not by one guess.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from .. import deep
from ..diagnostics import Diagnostic, Location, SpecError, pointer_token
from .loader import Document
from .schema_lint import Shallow, shallow_30, shallow_2020_12

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from jsonschema.exceptions import ValidationError
    from jsonschema.protocols import Validator

__all__ = ["MALFORMED", "explained", "structure_problems"]

MALFORMED = (KeyError, IndexError, TypeError, AttributeError, ValueError)
"""What a stage that reads the document unchecked raises when it meets a malformed node."""

_SCHEMAS = Path(__file__).resolve().parent / "openapi_schemas"
_OAS31 = "https://spec.openapis.org/oas/3.1/schema/2022-10-07"
_MAX = 200
_DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"
_MARK = "specgenSchemaObject"  # our keyword: here stands a Schema Object


@cache
def _validator(version: str, dialect: str = _DRAFT_2020_12) -> Validator:
    """The lint of an OpenAPI ``version``; a 3.1 document's Schema Objects are checked against
    the 2020-12 meta-schema only when that is their dialect (``jsonSchemaDialect``). Schema
    Objects are checked node by node (:mod:`.schema_lint`): each place where the OpenAPI schema
    expects one holds a keyword that hands it, and everything below it, to that walk."""
    # imported here: the import costs 45 ms, the first lint pays it
    from jsonschema import Draft4Validator, Draft202012Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    if version.startswith("3.0"):
        oas = json.loads((_SCHEMAS / "oas-3.0.json").read_text(encoding="utf-8"))
        walk = shallow_30(oas)
        del oas["$schema"]  # a part naming its dialect would be checked by that plain class
        oas["definitions"]["Schema"] = {_MARK: True}
        return _marking(Draft4Validator, walk)(oas)
    oas = json.loads((_SCHEMAS / "oas-3.1.json").read_text(encoding="utf-8"))
    if dialect.rstrip("#") != _DRAFT_2020_12:
        registry: Registry[Any] = Registry().with_resource(_OAS31, Resource.from_contents(oas))
        return Draft202012Validator({"$ref": _OAS31}, registry=registry)
    del oas["$schema"]
    registry = Registry().with_resource(_OAS31, DRAFT202012.create_resource(oas))
    base = {
        "$id": "urn:specgen:oas-3.1-schema-base",
        "$ref": _OAS31,
        "$defs": {"schema": {"$dynamicAnchor": "meta", _MARK: True}},
    }
    return _marking(Draft202012Validator, shallow_2020_12())(base, registry=registry)


def _marking(cls: type[Validator], walk: Shallow) -> type[Validator]:
    """``cls`` knowing the keyword :data:`_MARK`: the value it stands on is a Schema Object,
    linted with everything below it by ``walk``."""
    from jsonschema import validators

    extend = cast("Callable[..., type[Validator]]", validators.extend)  # untyped in the stubs

    def schema_object(_v: Validator, _mark: object, instance: Any, _s: object,
                      ) -> Iterator[ValidationError]:
        yield from walk.errors(instance)

    return extend(cls, {_MARK: schema_object})


def structure_problems(document: Document) -> list[Diagnostic]:
    """Every structural problem of the entry document (at most 200), each at its pointer.

    jsonschema descends a dozen Python frames per level of the document: the lint runs on
    :func:`generator.deep.call`'s deep stack (in place when the caller is already on it)."""
    root = document.files[document.entry]
    version = root.get("openapi") if isinstance(root, dict) else None
    if not isinstance(version, str) or version[:4] not in ("3.0.", "3.1."):
        return []
    dialect = root.get("jsonSchemaDialect")
    lint = _validator(version, dialect) if isinstance(dialect, str) else _validator(version)
    found: list[list[Diagnostic]] = []
    deep.call(lambda: _lint(lint, document.entry, root, found))  # in place when already deep
    if not found:  # deeper than even that: the loader's own bound is far below
        msg = "nesting too deep for the structural lint"
        return [Diagnostic(code="E106", message=msg, location=Location(file=document.entry))]
    return found[0]




def _lint(lint: Validator, entry: str, root: Any,
          found: list[list[Diagnostic]]) -> None:
    """Append the lint's problems to ``found`` (nothing if the document is too deep for it)."""
    out: dict[tuple[str, str], Diagnostic] = {}
    try:
        for error in lint.iter_errors(root):
            for leaf in _leaves(error):
                d = _diagnostic(entry, leaf)
                out.setdefault((d.location.pointer, d.message), d)  # vocabularies repeat errors
            if len(out) >= _MAX:
                break
    except RecursionError:
        return
    found.append(sorted(out.values(), key=lambda d: d.location.pointer)[:_MAX])


def _leaves(error: ValidationError) -> list[ValidationError]:
    """The errors that say what is wrong, every one: an ``anyOf``/``oneOf`` failure (a Schema
    or a Reference Object, say) is explained by the branch that matched furthest (its shallowest
    error is deepest), all of that branch's errors; when no branch stands out, by the best match
    (jsonschema's ``best_match``), as one error."""
    from jsonschema.exceptions import best_match

    if not error.context:
        return [error]
    branches: dict[object, list[ValidationError]] = {}
    for sub in error.context:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    depth = {key: min(len(e.absolute_path) for e in errors) for key, errors in branches.items()}
    deepest = max(depth.values())
    chosen = [key for key, d in depth.items() if d == deepest]
    if len(chosen) > 1 or deepest <= len(error.absolute_path):
        return [best_match([error]) or error]
    return [leaf for sub in branches[chosen[0]] for leaf in _leaves(sub)]


def explained(document: Document, error: BaseException) -> BaseException:
    """The error to raise after a stage met a malformed node: the lint's diagnostics if it found
    an error (a ``SpecError``), else ``error`` itself (the document is fine: specgen has a bug).
    """
    problems = structure_problems(document)
    return SpecError(problems) if any(p.severity == "error" for p in problems) else error


def _diagnostic(file: str, error: ValidationError) -> Diagnostic:
    pointer = "".join("/" + pointer_token(str(t)) for t in error.absolute_path)
    message = error.message if len(error.message) <= 200 else error.message[:197] + "..."
    if _component_name(error):  # the key itself; 3.0's schema does not check it at all
        where = Location(file=file, pointer=f"{pointer}/{pointer_token(str(error.instance))}")
        msg = (f"component name {error.instance!r} is outside {error.validator_value} (the "
               "OpenAPI MUST); its generated names are sanitised")
        return Diagnostic(code="W101", message=msg, location=where, severity="warning")
    return Diagnostic(
        code="E100", message=f"not valid OpenAPI: {message}",
        location=Location(file=file, pointer=pointer),
    )


def _component_name(error: ValidationError) -> bool:
    """Whether ``error`` is a 3.1 components key outside ``^[a-zA-Z0-9._-]+$``: specgen
    generates it under a sanitised name, as it does for 3.0, whose schema lets it pass."""
    path = list(error.absolute_path)
    return (error.validator == "pattern" and "propertyNames" in error.relative_schema_path
            and len(path) == 2 and path[0] == "components" and isinstance(error.instance, str))
