"""The view of one operation of ``client.py``: signature, request builder and response parser.

Every operation becomes three pieces of generated code: a module-level ``_<op>(…)`` that turns
typed arguments into an ``_http.Call`` (shared by ``Client`` and ``AsyncClient``), a
``_parse_<op>(response)`` that decodes the success statuses, and a thin method on each client.
The response side (``_parse_<op>``'s body, the error decoders) is made in :mod:`.client_responses`,
the request body in :mod:`.client_body`, the method's argument lines in :mod:`.client_signature`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ...code import Code
from ...ir import Api, Operation, Parameter
from .client_body import IMPORT_VALIDATORS, Validators, body_fields, request_body
from .client_responses import error_bodies, parse_success
from .client_signature import BUILDER_COLUMN, METHOD_COLUMN, Args, call_alias, overloads, parameter
from .client_streams import stream_view
from .literals import docstring, literal, split_safe
from .names import BUILTINS, Scope, snake
from .types import TypeMapper, union

__all__ = ["OperationView", "ParameterChecks", "operation_view"]

_RESERVED = BUILTINS | {"self", "timeout", "max_retries", "validate", "httpx", "response", "data",
                        "models", "validators", "_http"}
# where the formatted ``_http.Call(...)`` of templates/python/client.py.jinja puts a parameter
_PARAM_COLUMN = 16
ParameterChecks = Callable[[Operation, Parameter], Code | None]


@dataclass(frozen=True, slots=True, kw_only=True)
class OperationView:
    """Everything ``client.py`` prints for one operation (its builder, parser and methods)."""

    method: Code
    builder: Code
    call_alias: Code | None  # named under ``TYPE_CHECKING`` as ``_http.Call[returns]``
    call_type: Code  # what the builder returns: ``_http.Call[returns]``, or its alias
    parser: Code
    doc: Code | None
    async_doc: Code | None  # the summary and a pointer to ``doc``: written once, not twice
    overloads: tuple[tuple[Code, ...], ...]  # the signatures of ``@overload`` variants
    returns: Code  # what the parser returns (a stream's ``_http.Format[T]``)
    sync_returns: Code  # what ``Client``'s method returns (a stream: ``_http.Stream[T]``)
    async_returns: Code  # what ``AsyncClient``'s method returns
    send: Code  # ``_send``, or ``_stream`` for a streamed response
    signature: tuple[Code, ...]
    builder_args: tuple[Code, ...]
    forward: tuple[Code, ...]
    build_lines: tuple[Code, ...]
    call_fields: tuple[Code, ...]
    parse_lines: tuple[Code, ...]


def operation_view(
    api: Api, op: Operation, mapper: TypeMapper, claim: Callable[[str], str], method: str,
    validator: Validators, parameter_check: ParameterChecks,
) -> OperationView:
    """Names, signature lines and precomputed bodies for ``op``."""
    scope = Scope(_RESERVED)
    args = Args([], [], [])
    checks = {p: parameter_check(op, p) for p in op.parameters}
    params = [_param(p, scope, mapper, args, checks[p]) for p in _ordered(op.parameters)]
    build: list[str] = []
    body = request_body(op.request_body, scope, mapper, args, build) if op.request_body else None
    stream = stream_view(op.responses, mapper)  # NDJSON, SSE: iterators (contract §4)
    returns, parse = (stream.format, stream.parse) if stream else parse_success(
        op.responses, mapper)
    builder, parser = claim(f"_{method}"), claim(f"_parse_{method}")
    alias = call_alias(builder, returns, claim) if not args.positional + args.keyword else None
    fields = _call_fields(api, op, mapper, parser, params, body, validator, build)
    if any(checks.values()) and build[:1] != [IMPORT_VALIDATORS]:
        build.insert(0, IMPORT_VALIDATORS)
    signature = [parameter(n, a, d, METHOD_COLUMN) for n, a, d in args.positional]
    keyword = [parameter(n, a, d, METHOD_COLUMN) for n, a, d in args.keyword]
    everything = args.positional + args.keyword
    doc = docstring(op.summary, op.description or "", *args.docs, indent=8)
    return OperationView(
        method=Code(method), builder=Code(builder), parser=Code(parser),
        call_alias=Code(alias) if alias else None,
        call_type=Code(alias or f"_http.Call[{returns}]"),
        doc=doc, async_doc=doc and docstring(
            op.summary, f"Awaitable :meth:`Client.{method}`, described there.", indent=8),
        overloads=overloads(args), returns=Code(returns),
        sync_returns=Code(f"_http.Stream[{stream.item}]" if stream else returns),
        async_returns=Code(f"_http.AsyncStream[{stream.item}]" if stream else returns),
        send=Code("_stream" if stream else "_send"),
        signature=tuple(Code(s) for s in [*signature, "*", *keyword]),
        builder_args=tuple(Code(parameter(n, a, None, BUILDER_COLUMN)) for n, a, _ in everything),
        forward=tuple(Code(f"{n}={n}") for n, _, _ in everything),
        build_lines=tuple(Code(line) for line in build),
        call_fields=tuple(Code(f) for f in fields),
        parse_lines=tuple(Code(line) for line in parse),
    )


def _call_fields(
    api: Api, op: Operation, mapper: TypeMapper, parser: str, params: list[str],
    body: str | None, validator: Validators, build: list[str],
) -> list[str]:
    """The fields of the builder's ``_http.Call(...)``: what the operation is, its parameters
    and body (``build`` gets the import of the validators if the body is checked), its error
    decoders, security and whether it may be retried."""
    fields = [
        f"operation={literal(op.operation_id)}", f"method={literal(op.method)}",
        f"path={literal(op.path)}", f"parse={parser}",
    ]
    if params:
        fields.append(f"params=({', '.join(params)},)")
    if op.request_body is not None and body is not None:
        fields += body_fields(op.request_body, body, validator, build)
    errors = error_bodies(op.responses, mapper)
    if errors:
        # built when an error arrives (see ``_http.Call``), not on every call
        fields.append(f"errors=lambda: {{{', '.join(errors)}}}")
    security = op.security if op.security is not None else api.security
    return [*fields, f"security={literal(security)}", f"idempotent={op.idempotent}"]


def _ordered(params: tuple[Parameter, ...]) -> list[Parameter]:
    """Path parameters first (positional, in spec order), then required, then optional."""
    return sorted(params, key=lambda p: (p.location_in != "path", not p.required))


def _param(
    p: Parameter, scope: Scope, mapper: TypeMapper, args: Args, check: Code | None
) -> str:
    """The ``_http.Param(...)`` of ``p`` (checked by ``check``, if any), its argument added to
    ``args``: positional for a path parameter, else keyword, ``None`` when optional."""
    name = scope.claim(snake(p.name, fallback="param"))
    ann = mapper.annotation(p.type)
    value = mapper.encode(p.type, name, request="True") or name
    if p.required:
        (args.positional if p.location_in == "path" else args.keyword).append((name, ann, None))
    else:
        args.keyword.append((name, union(ann, "None"), "None"))
        if value != name:
            value = split_safe(f"None if {name} is None else {value}", _PARAM_COLUMN)
    if p.description:
        args.docs.append(f"{name}: {p.description}")
    where, wire, style = literal(p.location_in), literal(p.name), literal(p.style)
    checked = f", {check}" if check is not None else ""
    return f"_http.Param({where}, {wire}, {value}, {style}, {p.explode}{checked})"


