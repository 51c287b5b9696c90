"""The Go source of one operation: its parameters struct, its description (a package-level
``operation``), and the methods ``<Op>`` and ``<Op>WithResponse`` on ``Client``.

The request side follows the operation's parameters (path parameters are arguments, the others
fields of ``<Op>Params``) and its body's media kind (:func:`~generator.analysis.media.media_kind`);
the success side is :mod:`.client_responses`'s (bodies by media kind, streams, typed headers);
each error status is described (its model, where its message is, whether it is a
google.rpc.Status) for the runtime.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ...analysis import Analysis
from ...analysis.errors import MessagePath, is_rpc_status, message_path
from ...analysis.media import media_kind
from ...analysis.naming import Scope, words
from ...ir import (
    Api,
    Definition,
    ObjectDef,
    Operation,
    Parameter,
    Primitive,
    Ref,
    RequestBody,
    Response,
    TypeExpr,
)
from .capabilities import CAPABILITIES
from .client_responses import HeadersCode, headers_code, success
from .gotypes import wire_type
from .literals import KEYWORDS, comment_lines, go_string, pascal

__all__ = [
    "PREDECLARED",
    "Checks",
    "OperationCode",
    "message_path_literal",
    "operation_code",
]

PREDECLARED = frozenset({
    "any", "bool", "byte", "comparable", "complex64", "complex128", "error", "float32", "float64",
    "int", "int8", "int16", "int32", "int64", "rune", "string", "uint", "uint8", "uint16",
    "uint32", "uint64", "uintptr", "true", "false", "iota", "nil", "append", "cap", "clear",
    "close", "complex", "copy", "delete", "imag", "len", "make", "max", "min", "new", "panic",
    "print", "println", "real", "recover"})
"""Go's predeclared identifiers: no argument shadows one."""

_LOCALS = frozenset({"ctx", "params", "body", "c", "r", "s", "err", "context", "http", "json"})


@dataclass(frozen=True, slots=True, kw_only=True)
class OperationCode:
    """The declarations of one operation (Go source), and what a README example needs."""

    declarations: tuple[str, ...]
    method: str
    path_args: tuple[tuple[str, Parameter], ...]
    params_type: str | None
    body: RequestBody | None
    raw_media: str | None
    """The request media type sent as the caller's bytes (no native encoding), or ``None``."""
    signature: str
    forward: str
    returns: str
    data: str
    response: str
    """What ``<Op>WithResponse`` returns: ``*Response[T]``, or ``*<Op>Response`` with the
    operation's typed headers."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Checks:
    """The compiled checks a request goes through before sending (when validation is on):
    ``body`` gives a request body's ``Validate<Type>``, ``parameter`` a parameter's check
    function (``func(*checker, any, *path)``); ``None``: nothing to check."""

    body: Callable[[RequestBody], str | None]
    parameter: Callable[[Operation, Parameter], str | None]


def operation_code(api: Api, analysis: Analysis, op: Operation, method: str,
                   claim: Callable[[str], str], names: Mapping[str, str],
                   checks: Checks) -> OperationCode:
    """The Go source of ``op``, whose methods are ``method`` and ``method + "WithResponse"``;
    ``claim`` hands out package-level type names."""
    scope = Scope(_LOCALS | PREDECLARED, keywords=KEYWORDS, sep="")
    path_args = tuple((scope.claim(_lower_camel(p.name)), p) for p in op.parameters
                      if p.location_in == "path")
    others = [p for p in op.parameters if p.location_in != "path"]
    params_type = claim(method + "Params") if others else None
    args = ["ctx context.Context", *(f"{a} {wire_type(p.type, names)}" for a, p in path_args)]
    lines = [f"r := c.t.request(op{method})"]
    lines += [f"r.pathParam({go_string(p.name)}, {go_string(p.style)}, {_bool(p.explode)}, {a}, "
              f"{checks.parameter(op, p) or 'nil'})" for a, p in path_args]
    decls = []
    if params_type is not None:
        args.append(f"params *{params_type}")
        fields, setters = _params(others, names, lambda p: checks.parameter(op, p))
        decls.append(_params_struct(params_type, method, fields))
        lines += ["if params != nil {", *setters, "}"]
    raw = None
    if op.request_body is not None:
        arg, body_lines, raw = _body(op.request_body, names, analysis.defs, checks.body)
        args.append(arg)
        lines += body_lines
    data, decode, note = success(op.responses, names)
    headers = headers_code(op, method, data, claim, analysis.defs)
    response = headers.response if headers else f"*Response[{data}]"
    decls += headers.declarations if headers else ()
    lines += _send(data, decode, headers)
    decls.append(_description(api, analysis, op, method, names))
    decls.append(_methods(op, method, args, data, lines, note, response))
    return OperationCode(declarations=tuple(decls), method=method, path_args=path_args,
                         params_type=params_type, body=op.request_body, raw_media=raw,
                         signature=", ".join(args), forward=_forward(args),
                         returns=_returns(data)[0], data=data, response=response)


def _send(data: str, decode: str, headers: HeadersCode | None) -> list[str]:
    """The lines that send the request and return the response (a stream's, or with the
    operation's typed headers)."""
    sender = "sendStream" if data.startswith("*Stream[") else "send"
    if headers is None:
        return [f"return {sender}(ctx, r, {decode})"]
    return [f"res, err := {sender}(ctx, r, {decode})", "if err != nil {", "return nil, err", "}",
            f"return {headers.wrap}, nil"]


def _forward(args: list[str]) -> str:
    return ", ".join(a.split(" ")[0] for a in args)


def _lower_camel(name: str) -> str:
    parts = words(name)
    if not parts:
        return "param"
    head = parts[0].lower()
    out = head + pascal("_".join(parts[1:]), fallback="") if len(parts) > 1 else head
    return out if out[0].isalpha() else "p" + out


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _params(params: list[Parameter], names: Mapping[str, str],
            check: Callable[[Parameter], str | None]) -> tuple[list[str], list[str]]:
    """The fields of ``<Op>Params`` (an optional parameter is a pointer) and their setters,
    each with its parameter's check (or ``nil``)."""
    scope = Scope(frozenset(), keywords=KEYWORDS, sep="")
    fields: list[str] = []
    setters: list[tuple[bool, str]] = []
    for p in params:
        field = scope.claim(pascal(p.name, fallback="Param"))
        go = wire_type(p.type, names)
        if p.description:
            fields += comment_lines(f"{field}: {p.description}")
        fields.append(f"{field} {go if p.required else '*' + go}")
        where = {"query": "queryParam", "header": "headerParam", "cookie": "cookieParam"}[
            p.location_in]
        style = f"{go_string(p.style)}, " if p.location_in == "query" else ""
        call = (f"r.{where}({go_string(p.name)}, {style}{_bool(p.explode)}, "
                f"params.{field}, {check(p) or 'nil'})")
        setters.append((not p.required, call))
    # required first, as the Python client sends and checks them
    return fields, [line for _, line in sorted(setters, key=lambda s: s[0])]


def _params_struct(name: str, method: str, fields: list[str]) -> str:
    head = comment_lines(f"{name} holds the query, header and cookie parameters of {method}; "
                         "a nil field is not sent.")
    return "\n".join([*head, f"type {name} struct {{", *fields, "}"]) + "\n"


def _body(rb: RequestBody, names: Mapping[str, str], defs: Mapping[str, Definition],
          validator: Callable[[RequestBody], str | None]) -> tuple[str, list[str], str | None]:
    """The body argument, the lines that set it on ``r``, and the media type sent raw."""
    kind = media_kind(rb.media_type)
    media = go_string(rb.media_type)
    raw = rb.media_type if kind not in CAPABILITIES.requests else None
    if kind in ("json", "form"):
        go = wire_type(rb.type, names)
        check = validator(rb) or "nil"
        call = f"r.{kind}Body({media}, body, {check})"
    elif kind == "multipart":
        go = wire_type(rb.type, names)
        files = [go_string(name) for name in _files(rb.type, defs)]
        call = f"r.multipartBody({', '.join(['body', *files])})"
    elif kind == "text":
        go, call = "string", f"r.rawBody({media}, []byte(body))"
    else:
        go, call = "[]byte", f"r.rawBody({media}, body)"
    if rb.required:
        return f"body {go}", [call], raw
    if go == "[]byte":
        return f"body {go}", ["if body != nil {", call, "}"], raw
    deref = "*body" if kind == "text" else "body"
    return f"body *{go}", ["if body != nil {", call.replace("(body)", f"({deref})"), "}"], raw


def _files(t: TypeExpr, defs: Mapping[str, Definition]) -> list[str]:
    """The properties of a multipart body sent as files: strings of format binary or base64."""
    d = defs.get(t.key) if isinstance(t, Ref) else None
    if not isinstance(d, ObjectDef):
        return []
    return [p.name for p in d.properties if isinstance(p.type, Primitive)
            and p.type.kind == "string" and p.type.format in ("binary", "base64")]


def _description(api: Api, analysis: Analysis, op: Operation, method: str,
                 names: Mapping[str, str]) -> str:
    security = op.security if op.security is not None else api.security
    requirements = ", ".join("{" + ", ".join(go_string(s) for s in req) + "}"
                             for req in security)
    errors = [_error_body(r, analysis, names) for r in op.responses
              if not r.status.startswith("2")]
    lines = [f"var op{method} = &operation{{", f"id: {go_string(op.operation_id)},",
             f"method: {go_string(op.method)},", f"path: {go_string(op.path)},"]
    if security:
        lines.append(f"security: [][]string{{{requirements}}},")
    if op.idempotent:
        lines.append("idempotent: true,")
    empty = [r.status for r in op.responses
             if r.status.startswith("2") and r.status.isdigit() and r.type is None]
    if empty and len(empty) < sum(r.status.startswith("2") for r in op.responses):
        lines.append(f"empty: []int{{{', '.join(empty)}}},")
    if errors:
        lines += ["errors: map[string]errorBody{", *errors, "},"]
    return "\n".join([*lines, "}"]) + "\n"


def _error_body(r: Response, analysis: Analysis, names: Mapping[str, str]) -> str:
    parts = []
    if r.type is not None and r.media_type is not None and media_kind(r.media_type) == "json":
        parts.append(f"decode: decodeError[{wire_type(r.type, names)}]")
        path = message_path(r.type, analysis.defs)
        if path is not None:
            parts.append(f"message: {message_path_literal(path)}")
        if is_rpc_status(r.type, analysis.defs):
            parts.append("rpc: true")
    return f"{go_string(r.status)}: {{{', '.join(parts)}}},"


def message_path_literal(path: MessagePath) -> str:
    """A message path as a Go ``[]any`` literal: ``[]any{"errors", 0, "message"}``."""
    return "[]any{" + ", ".join(go_string(s) if isinstance(s, str) else str(s)
                                for s in path) + "}"


def _returns(data: str) -> tuple[str, str, str]:
    """The flat method's result type, what it returns from ``r``, and its zero value."""
    if data == "struct{}":
        return "error", "", ""
    if data.startswith(("[]", "map[", "*")) or data in ("string", "json.RawMessage"):
        return f"({data}, error)", "r.Data", '""' if data == "string" else "nil"
    return f"(*{data}, error)", "&r.Data", "nil"


def _methods(op: Operation, method: str, args: list[str], data: str, lines: list[str],
             note: str, response: str) -> str:
    signature = ", ".join(args)
    forward = _forward(args)
    returns, value, zero = _returns(data)
    what = f"{op.method} {op.path}" + (f": {op.summary}" if op.summary else "")
    doc = comment_lines(f"{method} calls {op.operation_id} ({what}).")
    if op.description:
        doc += ["//", *comment_lines(op.description)]
    if note:
        doc += ["//", *comment_lines(note)]
    if op.deprecated:
        doc += ["//", "// Deprecated: the API marks this operation deprecated."]
    out = [*doc, f"func (c *Client) {method}({signature}) {returns} {{"]
    if data == "struct{}":
        out += [f"_, err := c.{method}WithResponse({forward})", "return err", "}"]
    else:
        out += [f"r, err := c.{method}WithResponse({forward})", "if err != nil {",
                f"return {zero}, err", "}", f"return {value}, nil", "}"]
    out += ["", f"// {method}WithResponse is {method} with the response's status and headers.",
            f"func (c *Client) {method}WithResponse({signature}) ({response}, error) {{",
            *lines, "}"]
    return "\n".join(out) + "\n"
