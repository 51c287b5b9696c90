"""Stage 2, build: a loaded OpenAPI 3.0/3.1 document (or a bare JSON Schema) -> frozen IR."""

from __future__ import annotations

import re
from typing import Any, overload

from ..diagnostics import Diagnostic, Location, SpecError
from ..ir import Api, SecurityScheme, Server, ServerVariable
from ..load.loader import Document
from ..load.structure import MALFORMED, explained
from .objects import walk
from .operations import build_operations
from .rules import rule_problems
from .schema_reader import freeze
from .schemas import SchemaBuilder
from .values import value_problems

__all__ = ["build", "build_all", "freeze"]


def build(document: Document) -> tuple[Api, list[Diagnostic]]:
    """Build the IR; return it with the warnings (degraded constructs), or raise ``SpecError``
    with every problem when any is an error."""
    api, problems = build_all(document)
    if any(p.severity == "error" for p in problems):
        raise SpecError(problems)
    return api, problems


def build_all(document: Document) -> tuple[Api, list[Diagnostic]]:
    """Build the IR and return it with every problem found, errors too (an IR built around
    its errors, for reporting only). Raises ``SpecError`` only when the document cannot be
    read as an API at all (not OpenAPI 3.0/3.1, or malformed where the builder must stand).

    The builder reads well-formed documents without checking their structure first (that costs
    seconds on large specs). When it meets a malformed node, the structural lint runs and its
    diagnostics are raised instead; only a document the lint accepts can surface a specgen bug.
    """
    try:
        return _build(document)
    except MALFORMED as exc:
        raise explained(document, exc) from None


def _build(document: Document) -> tuple[Api, list[Diagnostic]]:
    """The IR of the document and the warnings met building it: a bare JSON Schema (one that
    says ``$schema``) becomes definitions only; an OpenAPI document its schemas, operations,
    servers, security and info."""
    root = document.files[document.entry]
    here = Location(file=document.entry, pointer="")
    if isinstance(root, dict) and "openapi" not in root and "swagger" not in root \
            and isinstance(root.get("$schema"), str):  # a bare JSON Schema, by its own word
        return _build_json_schema(document, root)
    version = _version(root, here)
    schemas = SchemaBuilder(document, version)
    for name in _obj(_obj(root.get("components")).get("schemas")):
        schemas.define(here.child("components", "schemas", name), (name,))
    operations = build_operations(schemas, document.entry)
    info = _obj(root.get("info"))
    api = Api(
        title=_prose(str(info.get("title", "API"))),
        version=_prose(str(info.get("version", "0"))),
        description=_prose(_text(info.get("description"))),
        openapi=version,
        source_name=document.entry,
        definitions=tuple(schemas.definitions.values()),
        operations=tuple(operations),
        servers=_servers(root.get("servers")),
        security_schemes=_security_schemes(root, here),
        security=tuple(
            tuple(str(k) for k in req) for req in root.get("security") or () if isinstance(req, dict)
        ),
    )
    objects = walk(document)
    rules = rule_problems(document, objects, version) + value_problems(document, objects, version)
    return api, schemas.problems + rules


def _version(root: Any, here: Location) -> str:
    """The OpenAPI version of the document; raises ``SpecError`` (E107) for anything else."""
    if not isinstance(root, dict):
        raise SpecError([Diagnostic(code="E107", message="the document is not an object",
                                    location=here)])
    version = root.get("openapi")
    if version is None and "swagger" not in root:
        msg = ("no 'openapi' key: not an OpenAPI document (to read a bare JSON Schema, say so "
               "with a '$schema' key)")
        raise SpecError([Diagnostic(code="E107", message=msg, location=here)])
    if not (isinstance(version, str) and version[:4] in ("3.0.", "3.1.")):
        key = "openapi" if version is not None else "swagger"
        found = f"{key} {root.get(key)}"
        msg = f"unsupported version {found!r}: specgen reads OpenAPI 3.0.x and 3.1.x"
        raise SpecError([Diagnostic(code="E107", message=msg, location=here.child(key))])
    return version


def _build_json_schema(document: Document, root: dict[str, Any]) -> tuple[Api, list[Diagnostic]]:
    """A bare JSON Schema (it says so with ``$schema``): the root is one definition,
    ``$defs``/``definitions`` the others."""
    here = Location(file=document.entry, pointer="")
    dialect = "3.0.3" if "draft-04" in str(root.get("$schema", "")) else "3.1.0"
    schemas = SchemaBuilder(document, dialect)
    title = root.get("title")
    schemas.define(here, (title if isinstance(title, str) and title.strip() else "Model",))
    for section in ("$defs", "definitions"):
        for name in _obj(root.get(section)):
            schemas.define(here.child(section, name), (name,))
    api = Api(
        title=str(title or "Schema"), version="0", description=_text(root.get("description")),
        openapi=dialect, source_name=document.entry,
        definitions=tuple(schemas.definitions.values()), operations=(), servers=(),
        security_schemes=(), security=(),
    )
    return api, schemas.problems


def _servers(raw: Any) -> tuple[Server, ...]:
    """The servers with a URL, each with its variables (default, enum, description)."""
    out = []
    for server in raw if isinstance(raw, list) else ():
        if not isinstance(server, dict) or not isinstance(server.get("url"), str):
            continue
        variables = tuple(
            ServerVariable(
                name=name, default=str(v.get("default", "")),
                enum=tuple(str(e) for e in v.get("enum", ()) or ()),
                description=_text(v.get("description")),
            )
            for name, v in _obj(server.get("variables")).items() if isinstance(v, dict)
        )
        out.append(Server(url=server["url"], description=_text(server.get("description")),
                          variables=variables))
    return tuple(out)


def _security_schemes(root: dict[str, Any], here: Location) -> tuple[SecurityScheme, ...]:
    """``components.securitySchemes``, each placed at its pointer."""
    raw = _obj(_obj(root.get("components")).get("securitySchemes"))
    return tuple(
        SecurityScheme(
            name=name, kind=str(s.get("type", "")), scheme=_text(s.get("scheme")),
            param_name=_text(s.get("name")), location_in=_text(s.get("in")),
            description=_text(s.get("description")),
            location=here.child("components", "securitySchemes", name),
        )
        for name, s in raw.items() if isinstance(s, dict)
    )


def _text(value: Any) -> str | None:
    """``value`` if it is a string with something in it, else ``None``."""
    return value if isinstance(value, str) and value.strip() else None


_SURROGATE = re.compile("[\ud800-\udfff]")


@overload
def _prose(text: str) -> str: ...
@overload
def _prose(text: None) -> None: ...
def _prose(text: str | None) -> str | None:
    """``text`` with each lone surrogate (a JSON escape no UTF-8 file can hold) replaced by
    U+FFFD: the API's title, version and description reach READMEs and package metadata, where
    no target escapes them."""
    return None if text is None else _SURROGATE.sub("\ufffd", text)


def _obj(value: Any) -> dict[str, Any]:
    """``value`` if it is a JSON object, else an empty one (structure errors are the linter's)."""
    return value if isinstance(value, dict) else {}
