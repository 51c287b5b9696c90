"""What the Go README says of the client: a first call (compiled and run by the tests), the
credential options, the base URL and its variables, and the TAMS-SHA256-RSA signing recipe
where the spec describes that scheme.

Example arguments are built from the types: required fields only, the first enum constant,
placeholders for scalars, so the example compiles whatever the API.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, assert_never

from ...analysis import Analysis
from ...code import Code
from ...ir import (
    AnyValue,
    Api,
    ArrayOf,
    Const,
    EnumDef,
    MapOf,
    ObjectDef,
    Primitive,
    Ref,
    TypeDef,
    TypeExpr,
    UnionOf,
)
from .client import ClientCode
from .client_ops import OperationCode
from .gotypes import strip_null, wire_type
from .literals import comment_text, go_string
from .models import field_names

__all__ = ["readme_context"]

_SIGNATURE_MARK = "TAMS-SHA256-RSA"
_SCALARS = {"string": '"string"', "integer": "1", "number": "1.5", "boolean": "true"}
_MAX_DEPTH = 6


def readme_context(api: Api, analysis: Analysis, client: ClientCode, names: Mapping[str, str],
                   constants: Mapping[str, str], package: str) -> dict[str, Any]:
    """The client's part of the Go README's template context."""
    env = analysis.env_prefix
    first = client.operations[0] if client.operations else None
    token = next((c for c in client.credentials if c.kind == "bearer"), None)
    server = api.servers[0] if api.servers else None
    return {
        "has_operations": first is not None,
        "call": Code(_call(first, analysis, names, constants, package) if first else ""),
        "returns_data": bool(first and first.data != "struct{}"),
        "env_base_url": Code(f"{env}_BASE_URL"),
        "env_token": Code(token.env if token else ""),
        "token_option": Code(token.option if token else ""),
        "has_token": token is not None,
        "credentials": [{"option": Code(c.option), "scheme": Code(comment_text(c.scheme.name)),
                         "kind": Code(c.kind), "env": Code(c.env)}
                        for c in client.credentials],
        "server": Code(comment_text(server.url) if server else ""),
        "variables": [{"name": Code(comment_text(v.name)), "default": Code(comment_text(v.default))}
                      for v in (server.variables if server else ())],
        "signature_recipe": first is not None and any(
            _SIGNATURE_MARK in (s.description or "") for s in api.security_schemes),
        "first_method": Code(first.method if first else ""),
    }


def _call(code: OperationCode, analysis: Analysis, names: Mapping[str, str],
          constants: Mapping[str, str], package: str) -> str:
    """``client.Op(ctx, args…)`` with the required arguments of the first operation."""
    ex = _Example(analysis, names, constants, package + ".")
    args = ["ctx", *(ex.value(p.type, ()) for _, p in code.path_args)]
    if code.params_type is not None:
        args.append("nil")
    body = code.body
    if body is not None:
        if code.raw_media is not None or body.media_type.startswith("text/"):
            args.append('[]byte("...")' if code.raw_media else '"..."')
        else:
            value = ex.value(body.type, ())
            args.append(value if body.required else f"&{value}" if value.startswith(
                package + ".") else "nil")
    return f"client.{code.method}({', '.join(args)})"


class _Example:
    def __init__(self, analysis: Analysis, names: Mapping[str, str], constants: Mapping[str, str],
                 prefix: str) -> None:
        self.defs = analysis.defs
        self.names = names
        self.constants = constants
        self.prefix = prefix

    def value(self, t: TypeExpr, path: tuple[str, ...]) -> str:
        """Go source of a small valid-looking value of ``t`` (``path``: definitions around)."""
        inner, null = strip_null(t)
        if null:
            go = wire_type(inner, self.names, self.prefix)
            if isinstance(inner, Ref) and (inner.key in path or len(path) >= _MAX_DEPTH):
                return f"{self.prefix}Null[{go}]()"
            return f"{self.prefix}Of[{go}]({self.value(inner, path)})"
        match inner:
            case Primitive(kind=kind):
                return _SCALARS.get(kind, "nil")
            case ArrayOf(items=items):
                go = wire_type(inner, self.names, self.prefix)
                if isinstance(items, Ref) and (items.key in path or len(path) >= _MAX_DEPTH):
                    return f"{go}{{}}"
                item, item_go = self.value(items, path), wire_type(items, self.names, self.prefix)
                if item.startswith(item_go + "{"):  # a composite literal's element type is implied
                    item = item[len(item_go):]
                return f"{go}{{{item}}}"
            case MapOf() | AnyValue() | UnionOf():
                return "nil"
            case Const(value=value):
                return go_string(value) if isinstance(value, str) else json.dumps(value)
            case Ref(key=key):
                return self._named(key, path)
            case _:
                assert_never(inner)

    def _property(self, t: TypeExpr, nullable: bool, path: tuple[str, ...]) -> str:
        if not nullable or strip_null(t)[1]:
            return self.value(t, path)
        return f"{self.prefix}Of[{wire_type(t, self.names, self.prefix)}]({self.value(t, path)})"

    def _named(self, key: str, path: tuple[str, ...]) -> str:
        d, name = self.defs[key], self.prefix + self.names[key]
        match d:
            case EnumDef():
                const = self.constants.get(key)
                return self.prefix + const if const else f"{name}({_SCALARS['string']})"
            case ObjectDef():
                if key in path or len(path) >= _MAX_DEPTH:
                    return f"{name}{{}}"
                fields = [f"{f}: {self._property(p.type, p.nullable, (*path, key))}"
                          for p, f in zip(d.properties, field_names(d), strict=True)
                          if p.required and not p.read_only]
                return f"{name}{{{', '.join(fields)}}}"
            case TypeDef():
                inner, _ = strip_null(d.type)
                if isinstance(inner, UnionOf | MapOf | AnyValue) or key in path:
                    return f"{name}{{}}" if isinstance(inner, UnionOf) else "nil"
                return f"{name}({self.value(d.type, (*path, key))})"
            case _:
                assert_never(d)
