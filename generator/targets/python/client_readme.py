"""The view of the generated package's ``README.md``: install, auth, a first call per operation,
errors, retries and timeouts.

Every Python example in it is executed by the tests, so example arguments are built from the
types (required fields only; the first enum value; placeholders for scalars). Spec prose is
quoted, with code fences neutralised, so a description can never become an example.
"""

from __future__ import annotations

import re
from typing import Any, assert_never

from ...analysis import Analysis
from ...analysis.errors import is_rpc_status
from ...analysis.media import media_kind
from ...code import Code
from ...ir import (
    AnyValue,
    Api,
    ArrayOf,
    Const,
    EnumDef,
    MapOf,
    ObjectDef,
    Operation,
    Primitive,
    Ref,
    TypeExpr,
    UnionOf,
)
from .capabilities import CAPABILITIES
from .client import ClientView
from .client_body import keyword_object
from .literals import literal, thaw
from .models import CLASS_MEMBERS, enum_view
from .names import Scope, snake
from .package_names import PackageNames
from .types import TypeMapper

__all__ = ["readme_context"]

_FENCE = re.compile(r"(`{3,}|~{3,})")
_SCALARS = {"string": "'string'", "integer": "1", "number": "1.0", "boolean": "True",
            "null": "None"}
_SIGNATURE_MARK = "TAMS-SHA256-RSA"


def prose(text: str | None) -> Code:
    """Spec text as a Markdown block quote; fences are escaped so no code block can start."""
    if not text or not text.strip():
        return Code("")
    body = _FENCE.sub(lambda m: "\\" + "\\".join(m.group()), text.strip().replace("\r", ""))
    return Code("\n".join(f"> {line}".rstrip() for line in body.split("\n")))


def readme_context(
    api: Api, analysis: Analysis, view: ClientView, package: PackageNames, names: dict[str, str]
) -> dict[str, Any]:
    """The template context of ``python/README.md`` (``names``: definition key -> class name)."""
    mapper = TypeMapper(analysis, names, lambda name: name)
    return {
        "title": Code(_one_line(api.title)),
        "version": Code(_one_line(api.version)),
        "package": Code(package.package),
        "dist": Code(package.distribution),
        "about": prose(api.description),
        **_authentication(api, view),
        **_base_url(api, view),
        **_calls(api, view, mapper),
        **_media(api, view, mapper),
        **_surface(api, analysis, view, mapper),
    }


def _media(api: Api, view: ClientView, mapper: TypeMapper) -> dict[str, Any]:
    """The operations that stream their response, take their body as given (W601), or take a
    ``RawBody`` beside the typed one (docs/client-contract.md §4)."""
    ops = list(zip(api.operations, view.operations, strict=True))
    streams = [v for _, v in ops if v.send == "_stream"]
    raw = [v for op, v in ops if op.request_body is not None
           and media_kind(op.request_body.media_type) not in CAPABILITIES.requests]
    more = [v for op, v in ops if op.request_body is not None
            and len(op.request_body.media_types) > 1]
    first = next((op for op, v in ops if v.send == "_stream"), None)
    call = _example_call(first, streams[0].method, mapper)[1] if first is not None else ""
    return {
        "has_streams": bool(streams), "streams": _methods(streams), "stream_call": Code(call),
        "has_raw_bodies": bool(raw), "raw_bodies": _methods(raw),
        "has_alternatives": bool(more), "alternatives": _methods(more),
        "has_given_bodies": bool(raw or more),
    }


def _methods(views: list[Any]) -> Code:
    """``a``, ``b`` and ``c``: the methods, in backticks, in words."""
    names = [f"`{v.method}`" for v in views]
    return Code(", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names))


def _surface(api: Api, analysis: Analysis, view: ClientView, mapper: TypeMapper
             ) -> dict[str, Any]:
    """Whether the API's errors are ``google.rpc.Status`` (the errors section says so only
    then), the first group's first call (``todos.list_todos()``), if the API has groups, and
    the models the raw-response example imports (its two calls', no other)."""
    rpc = any(is_rpc_status(r.type, analysis.defs) for op in api.operations
              for r in op.responses if not r.status.startswith("2"))
    group = view.groups[0] if view.groups else None
    call, used = "", set()
    if api.operations:
        used |= _example_call(api.operations[0], view.operations[0].method, mapper)[2]
    if group is not None:
        index = next(i for i, o in enumerate(view.operations) if o.method == group.methods[0])
        _, made, needs = _example_call(api.operations[index], group.methods[0], mapper)
        call, used = f"{group.attr}.{made}", used | needs
    return {"rpc_errors": rpc, "group_call": Code(call), "has_groups": bool(call),
            "group_attr": Code(group.attr if group else ""),
            "raw_imports": Code(", ".join(sorted(used))), "has_raw_imports": bool(used)}


def _authentication(api: Api, view: ClientView) -> dict[str, Any]:
    """The credentials table, the token's environment variable, and whether the spec asks for
    the TAMS-SHA256-RSA signing recipe."""
    schemes = {s.name: s for s in api.security_schemes}
    credentials = [
        {"arg": Code(c.arg), "env": Code(c.env), "scheme": Code(_cell(c.schemes[0])),
         "kind": Code(c.kind), "about": prose(schemes[c.schemes[0]].description)}
        for c in view.credentials
    ]
    return {
        "credentials": credentials,
        "described": [c for c in credentials if c["about"]],  # no empty entries
        "has_credentials": bool(credentials),
        "token_env": Code(view.credentials[0].env if view.credentials else ""),
        "signature_recipe": any(_SIGNATURE_MARK in (s.description or "")
                                for s in api.security_schemes),
    }


def _base_url(api: Api, view: ClientView) -> dict[str, Any]:
    """The first server and its variables, and the environment variable that overrides it."""
    server = api.servers[0] if api.servers else None
    return {
        "base_url_env": Code(view.env_base_url),
        "server": Code(_one_line(server.url) if server else ""),
        "has_variables": bool(view.variables),
        "variables": [{"arg": Code(py), "default": Code(_one_line(v.default)),
                       "about": prose(v.description)}
                      for (_, py), v in zip(view.variables, server.variables if server else ())],
    }


def _calls(api: Api, view: ClientView, mapper: TypeMapper) -> dict[str, Any]:
    """A first call of each operation, the model imports they need, and the keyword-body form
    of the first operation that has one."""
    calls = [_example_call(op, view.operations[i].method, mapper)
             for i, op in enumerate(api.operations)]
    imported = sorted({n for _, _, used in calls for n in used})
    first = sorted(calls[0][2]) if calls else []  # the asyncio example makes the first call only
    keyword = next((k for k in (_keyword_call(op, view.operations[i].method, mapper)
                                for i, op in enumerate(api.operations)) if k), "")
    return {
        "operations": [{"method": Code(m), "call": Code(c), "summary": Code(_one_line(
            op.summary or op.operation_id)), "http": Code(_one_line(f"{op.method} {op.path}"))}
            for op, (m, c, _) in zip(api.operations, calls)],
        "has_operations": bool(calls),
        "first_call": Code(calls[0][1] if calls else ""),
        "tuned_call": Code(_tuned(calls[0][1]) if calls else ""),
        "body_keywords": bool(keyword),
        "keyword_example": Code(keyword),
        "model_imports": Code(", ".join(imported)),
        "has_model_imports": bool(imported),
        "first_imports": Code(", ".join(first)),
        "has_first_imports": bool(first),
        "idempotent": [Code(m) for op, (m, _, _) in zip(api.operations, calls) if op.idempotent],
    }


def _tuned(call: str) -> str:
    """``call`` with the README's example settings added: a short timeout, no retries, no
    validation."""
    sep = "" if call.endswith("()") else ", "
    return f"{call[:-1]}{sep}timeout=5.0, max_retries=0, validate=False)"


def _cell(text: str) -> str:
    """``text`` as one line of code in a Markdown table cell (``|`` escaped)."""
    return f"`{_one_line(text)}`".replace("|", "\\|")


def _one_line(text: str) -> str:
    """``text`` as one line of Markdown: no fences or backticks, and a lone surrogate (no UTF-8
    file can hold one) as U+FFFD."""
    text = _SURROGATE.sub("\ufffd", _FENCE.sub("", text))
    return " ".join(text.split()).replace("`", "'")


_SURROGATE = re.compile("[\ud800-\udfff]")


def _example_call(op: Operation, method: str, mapper: TypeMapper) -> tuple[str, str, set[str]]:
    """``(method, "client.method(args)", model names used)`` with the required arguments only."""
    used: set[str] = set()
    args = [_example(p.type, mapper, used, 0) for p in op.parameters
            if p.required and p.location_in == "path"]
    scope = Scope({"self", "body", "timeout", "max_retries", "validate"})
    kwargs = [f"{scope.claim(snake(p.name, fallback='param'))}={_example(p.type, mapper, used, 0)}"
              for p in op.parameters if p.required and p.location_in != "path"]
    rb = op.request_body
    if rb is not None and rb.required:
        kind = media_kind(rb.media_type)  # text, or bytes the client sends as given (W601)
        raw = "'text'" if kind == "text" else None if kind in CAPABILITIES.requests else "b'...'"
        args.append(raw or _example(rb.type, mapper, used, 0))
    return method, f"{method}({', '.join(args + kwargs)})", used


def _keyword_call(op: Operation, method: str, mapper: TypeMapper) -> str:
    """The first call again, with the body's required fields as keyword arguments."""
    rb = op.request_body
    obj = keyword_object(rb, mapper) if rb is not None else None
    if obj is None or any(p.required for p in op.parameters):
        return ""
    scope = Scope(CLASS_MEMBERS)
    fields = [(scope.claim(snake(p.name, fallback="field")), p) for p in obj.properties]
    args = [f"{attr}={_example(p.type, mapper, set(), 1)}" for attr, p in fields if p.required]
    return f"client.{method}({', '.join(args)})"


_MAX_DEPTH = 8  # definitions nested in an example; deeper ones are not expanded


def _example(t: TypeExpr, mapper: TypeMapper, used: set[str], depth: int,
             path: tuple[str, ...] = ()) -> str:
    """Python source of a small valid-looking value of type ``t``.

    ``path``: the definitions being built around this value. A definition that needs itself (a
    required property that refers back to its own type, directly or through ``allOf``) or one
    inside ``_MAX_DEPTH`` others is not expanded again: an array of it is ``[]``, a
    nullable one ``None``, else ``...`` (no finite value exists), so the walk always ends.
    """
    match t:
        case Primitive(kind=kind):
            return _SCALARS[kind]
        case ArrayOf(items=items):
            if depth > 4 or _stops(items, path):
                return "[]"
            return f"[{_example(items, mapper, used, depth + 1, path)}]"
        case MapOf() | AnyValue():
            return "{}"
        case Const(value=value):
            return str(literal(thaw(value)))
        case UnionOf(variants=variants):
            real = [v for v in variants if not (isinstance(v, Primitive) and v.kind == "null")]
            if not real or (len(real) < len(variants) and _stops(real[0], path)):
                return "None"
            return _example(real[0], mapper, used, depth, path)
        case Ref(key=key):
            return "..." if _stops(t, path) else _example_ref(key, mapper, used, depth, path)
        case _:
            assert_never(t)


def _stops(t: TypeExpr, path: tuple[str, ...]) -> bool:
    """Whether ``t`` names a definition already being built around it, or one too deep."""
    return isinstance(t, Ref) and (t.key in path or len(path) >= _MAX_DEPTH)


def _example_ref(key: str, mapper: TypeMapper, used: set[str], depth: int,
                 path: tuple[str, ...]) -> str:
    """Example source for a value of the definition ``key``: an enum's first member, an object
    built from its required fields (``None`` where a nullable field would recurse), else the
    example of the type it aliases; ``used`` collects the names it needs imported."""
    definition, name = mapper.defs[key], mapper.names[key]
    inside = (*path, key)
    if isinstance(definition, EnumDef):
        used.add(name)
        members = enum_view(definition, name).members
        return f"{name}.{members[0].name}" if members else "None"
    if isinstance(definition, ObjectDef):
        used.add(name)
        scope = Scope(CLASS_MEMBERS)
        fields = [(scope.claim(snake(p.name, fallback="field")), p) for p in definition.properties]
        args = [f"{attr}=None" if p.nullable and _stops(p.type, inside)
                else f"{attr}={_example(p.type, mapper, used, depth + 1, inside)}"
                for attr, p in fields if p.required]
        return f"{name}({', '.join(args)})"
    return _example(definition.type, mapper, used, depth, inside)
