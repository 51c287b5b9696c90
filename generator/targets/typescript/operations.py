"""``src/operations.ts``: one standalone function per operation (tree-shakable), and
``<op>WithResponse`` beside it, each calling the runtime's ``send`` with the operation as data.

``calcCreditsJob(client, body, options?)``: ``client`` is any ``CoreClient``; ``params`` (an
object of the operation's parameters, by camelCase name) comes before the body when the
operation has parameters, and may be left out when none is required and there is no body.
Bodies and responses are typed by their media kind (``generator/analysis/media.py``): JSON is
the model (request types without ``readOnly``), text a ``string``, other kinds bytes the caller
gives (``BodyInit``) or ``Uint8Array``; NDJSON and SSE responses are async iterators.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ...analysis import Analysis
from ...analysis.errors import is_rpc_status, message_path
from ...analysis.media import MediaKind, media_kind
from ...analysis.naming import Scope, claimed
from ...ir import Api, Operation, Parameter, Ref, Response, TypeExpr
from .codecs import Codecs
from .headers import HeadersView, headers_view
from .literals import doc, literal, property_key, string
from .models import Models
from .names import KEYWORDS, RESERVED, camel, pascal

__all__ = ["Checks", "OperationView", "camel", "function_names", "operation_views"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Checks:
    """The compiled validators the client calls before sending (contract §5): ``bodies``,
    definition key -> its ``validateX``; ``parameters``, (operation id, ``in``, name) -> the
    ``validateX`` of that parameter's schema."""

    bodies: Mapping[str, str]
    parameters: Mapping[tuple[str, str, str], str]

    def names(self) -> set[str]:
        """Every validator function named here."""
        return {*self.bodies.values(), *self.parameters.values()}


@dataclass(frozen=True, slots=True, kw_only=True)
class OperationView:
    """One operation: its function names and the source of its descriptor and functions."""

    operation: Operation
    name: str
    with_response: str
    params: tuple[str, ...]
    """The option key of each parameter, in the operation's order."""
    source: str


class _Emitter:
    def __init__(self, api: Api, analysis: Analysis, models: Models, codecs: Codecs,
                 checks: Checks) -> None:
        self.api = api
        self.analysis = analysis
        self.models = models
        self.codecs = codecs
        self.validators = checks.bodies  # definition key -> its validator function
        self.parameters = checks.parameters

    def codec(self, t: TypeExpr | None, fn: str) -> str | None:
        found = self.codecs.of(t) if t is not None else None
        return None if found is None else f"(v: unknown) => {fn}(SHAPES, {found}, v)"

    def body_type(self, op: Operation) -> str:
        body = op.request_body
        assert body is not None
        return _BODY_TYPES.get(media_kind(body.media_type)) or self.models.type(body.type, True)

    def result_type(self, op: Operation) -> str:
        types: list[str] = []
        for r in _successes(op):
            types.append(self._reply_type(r))
        return " | ".join(dict.fromkeys(types)) or "undefined"

    def _reply_type(self, r: Response) -> str:
        if r.media_type is None:
            return "undefined"
        model = self.models.type(r.type, False) if r.type is not None else "unknown"
        match media_kind(r.media_type):
            case "json":
                return model
            case "text":
                return "string"
            case "ndjson":
                return f"AsyncGenerator<{model}>"
            case "sse":
                return f"AsyncGenerator<http.ServerSentEvent<{model if r.type is not None else 'string'}>>"
            case _:
                return "Uint8Array"

    def descriptor(self, op: Operation, params: list[tuple[str, str]]) -> list[str]:
        security = op.security if op.security is not None else self.api.security
        lines = [f"  id: {string(op.operation_id)},", f"  method: {string(op.method.upper())},",
                 f"  path: {string(op.path)},", f"  idempotent: {str(op.idempotent).lower()},",
                 f"  security: {literal([list(r) for r in security])},"]
        rows = [f"    {self._param(op, p, key)}," for p, (key, _) in zip(op.parameters, params)]
        lines += ["  params: [", *rows, "  ],"] if rows else ["  params: [],"]
        if op.request_body is not None:
            lines.append(f"  body: {self._body(op)},")
        lines.append("  replies: [")
        lines += [f"    {self._reply(r)}," for r in op.responses]
        return [*lines, "  ],"]

    def _param(self, op: Operation, p: Parameter, key: str) -> str:
        """A parameter's descriptor: option key, wire name, place, style, its validator."""
        row = (f"{{ key: {string(key)}, name: {string(p.name)}, in: {string(p.location_in)}, "
               f"style: {string(p.style)}, explode: {str(p.explode).lower()}")
        check = self.parameters.get((op.operation_id, p.location_in, p.name))
        if check is None:
            return row + " }"
        tail = f"validate: {check} }}"
        return f"{row}, {tail}" if len(row) + len(tail) <= 92 else f"{row},\n      {tail}"

    def _body(self, op: Operation) -> str:
        body = op.request_body
        assert body is not None
        kind = media_kind(body.media_type)
        parts = [f"media: {string(body.media_type)}", f"kind: {string(kind)}"]
        if kind == "json":
            encode = self.codec(body.type, "encodeRequest")
            parts += [f"encode: {encode}"] if encode else []
            if isinstance(body.type, Ref) and body.type.key in self.validators:
                parts.append(f"validate: {self.validators[body.type.key]}")
        return _wrap(parts, "  ")

    def _reply(self, r: Response) -> str:
        media = r.media_type or ""
        kind = media_kind(media) if media else "binary"
        parts = [f"status: {string(r.status)}", f"media: {string(media)}", f"kind: {string(kind)}"]
        decode = self.codec(r.type, "decode") if kind in ("json", "ndjson", "sse") else None
        if kind == "sse" and r.type is not None and decode is None:
            decode = "(v: unknown) => v"  # the event data is JSON
        parts += [f"decode: {decode}"] if decode else []
        if not r.status.startswith("2") and kind == "json":
            path = message_path(r.type, self.analysis.defs)
            parts += [f"messagePath: {literal(list(path))}"] if path else []
            parts += ["rpcStatus: true"] if is_rpc_status(r.type, self.analysis.defs) else []
        return _wrap(parts, "    ")


def _wrap(parts: list[str], indent: str) -> str:
    """``{ a, b }``, or one part a line when that is over 100 columns."""
    line = "{ " + ", ".join(parts) + " }"
    if len(indent) + len(line) <= 90:
        return line
    return "{\n" + "".join(f"{indent}  {p},\n" for p in parts) + indent + "}"


_BODY_TYPES: dict[MediaKind, str | None] = {
    "json": None, "form": None, "multipart": "FormData", "text": "string",
    "ndjson": "BodyInit", "sse": "BodyInit", "binary": "BodyInit",
}


def _successes(op: Operation) -> list[Response]:
    return [r for r in op.responses if r.status.startswith("2")]


def _params(op: Operation, models: Models) -> list[tuple[str, str]]:
    """(key, ``key?: T`` member) of each parameter, keys claimed in a scope of their own."""
    scope = Scope(keywords=frozenset(), sep="")
    out = []
    for p in op.parameters:
        key = scope.claim(camel(p.name, fallback="param"))
        member = [*doc(p.description, "  "),
                  f"  {property_key(key)}{'' if p.required else '?'}: {models.type(p.type, True)};"]
        out.append((key, "\n".join(member)))
    return out


def function_names(api: Api, taken: frozenset[str]) -> list[tuple[str, str]]:
    """``(op, opWithResponse)`` of every operation, in order, claimed in a scope reserved with
    ``taken`` (every other value the package exports) and the keywords."""
    scope = Scope(taken, keywords=KEYWORDS, sep="")

    def claim(op: Operation) -> tuple[str, str]:
        name = scope.claim(camel(op.operation_id))
        return name, scope.claim(f"{name}WithResponse")

    return claimed(api.operations, claim)  # an operationId the spec gives claims first


def operation_views(api: Api, analysis: Analysis, models: Models, codecs: Codecs,
                    checks: Checks, taken: frozenset[str]) -> list[OperationView]:
    """Every operation's functions, names claimed in a scope reserved with ``taken`` (every
    other value the package exports) and the keywords."""
    emitter = _Emitter(api, analysis, models, codecs, checks)
    types = Scope(RESERVED | set(models.names.values()) | set(models.request_names.values()),
                  keywords=KEYWORDS, sep="")
    views = []
    for op, (name, with_response) in zip(api.operations, function_names(api, taken), strict=True):
        params = _params(op, models)
        headers = headers_view(op, analysis, types.claim(pascal(name) + "ResponseHeaders"))
        views.append(OperationView(operation=op, name=name, with_response=with_response,
                                   params=tuple(k for k, _ in params),
                                   source=_source(emitter, op, params, (name, with_response),
                                                  types.claim(pascal(name) + "Params"), headers)))
    return views


def _signature(fn: str, args: list[str], returns: str) -> str:
    """``export function fn(args): returns {``, one argument a line when it is long."""
    line = f"export function {fn}(" + ", ".join(args) + f"): {returns} {{"
    if len(line) <= 100 and "\n" not in line:
        return line
    rows = ["  " + a.replace("\n", "\n  ") + "," for a in args]
    return "\n".join([f"export function {fn}(", *rows, f"): {returns} {{"])


def _object(names: list[str]) -> str:
    return "{ " + ", ".join(names) + " }" if names else "{}"


def _source(em: _Emitter, op: Operation, params: list[tuple[str, str]], names: tuple[str, str],
            params_type: str, headers: HeadersView | None) -> str:
    name, with_response = names
    args = ["client: http.CoreClient"]
    call = []
    if params:
        required = any(p.required for p in op.parameters) or op.request_body is not None
        args.append(f"params: {params_type}" + ("" if required else " = {}"))
        call.append("params")
    if op.request_body is not None:
        mark = "" if op.request_body.required else "?"
        args.append(f"body{mark}: {em.body_type(op)}")
        call.append("body")
    args.append("options?: http.RequestOptions")
    result = em.result_type(op)
    spec = f"{name}Operation"
    summary = op.summary or op.operation_id
    about = "\n\n".join(x for x in (summary, op.description) if x)
    deprecated = "\n@deprecated" if op.deprecated else ""
    reader = headers.reader if headers is not None else ()
    lines = [f"const {spec}: http.Operation = {{", *em.descriptor(op, params), *reader, "};", ""]
    if params:
        lines += [*doc(f"The parameters of `{name}`."), f"export interface {params_type} {{",
                  *(m for _, m in params), "}", ""]
    typed = f"{result}, {headers.name}" if headers is not None else result
    if headers is not None:
        lines += [*headers.interface, ""]
    for fn, returns, tail, sent in (
            (name, f"Promise<{result}>", ".then((r) => r.data)", result),
            (with_response, f"Promise<http.ApiResponse<{typed}>>", "", typed)):
        text = about if fn == name else (
            f"`{name}`, with the response's status and headers"
            + (" (`typedHeaders`: the declared ones, typed)." if headers is not None else "."))
        lines += [*doc(f"{text}\n\n`{op.method.upper()} {op.path}`{deprecated}"),
                  _signature(fn, args, returns),
                  f"  return send<{sent}>(client, {spec}, {_object(call)}, options){tail};",
                  "}", ""]
    return "\n".join(lines)
