"""The view of one operation of ``client.py``: signature, request builder and response parser.

Every operation becomes three pieces of generated code: a module-level ``_<op>(…)`` that turns
typed arguments into an ``_http.Call`` (shared by ``Client`` and ``AsyncClient``), a
``_parse_<op>(response)`` that decodes the success statuses, and a thin method on each client.
The response side (``_parse_<op>``'s body, the error decoders) is made in :mod:`.client_responses`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ...analysis.media import media_kind
from ...code import Code
from ...ir import Api, ObjectDef, Operation, Parameter, Ref, RequestBody
from .capabilities import CAPABILITIES
from .client_responses import error_bodies, parse_success
from .client_streams import stream_view
from .formats import FILE
from .literals import docstring, last_opening, literal, split_safe
from .models import CLASS_MEMBERS
from .names import BUILTINS, Scope, pascal, snake
from .types import TypeMapper, union

__all__ = ["KEYWORD_FIELDS_MAX", "OperationView", "ParameterChecks", "Validators", "keyword_object",
           "operation_view"]

_RESERVED = BUILTINS | {"self", "timeout", "max_retries", "validate", "httpx", "response", "data",
                        "models", "validators", "_http"}
# where the formatted ``_http.Call(...)`` of templates/python/client.py.jinja puts things
_WIDTH, _FIELD_COLUMN, _PARAM_COLUMN, _BUILDER_COLUMN, _METHOD_COLUMN = 88, 8, 16, 4, 8
_FORM_MEDIA = ("json", "form", "multipart")  # the kinds whose body is a model's fields
KEYWORD_FIELDS_MAX = 255
"""A body with more fields to send is passed as its model only: a method of thousands of
keyword arguments helps no reader, and CPython compiles a call's keywords pairwise (a body of
32k fields took 14 s to compile, quadratic in the fields)."""

Validators = Callable[[RequestBody], Code | None]
_IMPORT_VALIDATORS = "from . import validators"  # loaded on the first call that needs it
ParameterChecks = Callable[[Operation, Parameter], Code | None]


@dataclass(frozen=True, slots=True, kw_only=True)
class OperationView:
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


@dataclass(slots=True)
class _Args:
    """Arguments collected while walking parameters and body: (name, annotation, default)."""

    positional: list[tuple[str, str, str | None]]
    keyword: list[tuple[str, str, str | None]]
    docs: list[str]
    # the keyword form of a body (see ``_overloads``): the body's name and annotation, and
    # each field as the keyword form's overload declares it
    body: tuple[str, str] | None = None
    fields: list[tuple[str, str, str | None]] = field(default_factory=list)


def operation_view(
    api: Api, op: Operation, mapper: TypeMapper, claim: Callable[[str], str], method: str,
    validator: Validators, parameter_check: ParameterChecks,
) -> OperationView:
    """Names, signature lines and precomputed bodies for ``op``."""
    scope = Scope(_RESERVED)
    args = _Args([], [], [])
    checks = {p: parameter_check(op, p) for p in op.parameters}
    params = [_param(p, scope, mapper, args, checks[p]) for p in _ordered(op.parameters)]
    build: list[str] = []
    body = _body(op.request_body, scope, mapper, args, build) if op.request_body else None
    stream = stream_view(op.responses, mapper)  # NDJSON, SSE: iterators (contract §4)
    returns, parse = (stream.format, stream.parse) if stream else parse_success(
        op.responses, mapper)
    builder, parser = claim(f"_{method}"), claim(f"_parse_{method}")
    alias = _call_alias(builder, returns, claim) if not args.positional + args.keyword else None
    fields = [
        f"operation={literal(op.operation_id)}", f"method={literal(op.method)}",
        f"path={literal(op.path)}", f"parse={parser}",
    ]
    if params:
        fields.append(f"params=({', '.join(params)},)")
    if op.request_body is not None and body is not None:
        fields += _body_fields(op.request_body, body, validator, build)
    if any(checks.values()) and build[:1] != [_IMPORT_VALIDATORS]:
        build.insert(0, _IMPORT_VALIDATORS)
    errors = error_bodies(op.responses, mapper)
    if errors:
        # built when an error arrives (see ``_http.Call``), not on every call
        fields.append(f"errors=lambda: {{{', '.join(errors)}}}")
    security = op.security if op.security is not None else api.security
    fields += [f"security={literal(security)}", f"idempotent={op.idempotent}"]
    signature = [_parameter(n, a, d, _METHOD_COLUMN) for n, a, d in args.positional]
    keyword = [_parameter(n, a, d, _METHOD_COLUMN) for n, a, d in args.keyword]
    everything = args.positional + args.keyword
    doc = docstring(op.summary, op.description or "", *args.docs, indent=8)
    return OperationView(
        method=Code(method), builder=Code(builder), parser=Code(parser),
        call_alias=Code(alias) if alias else None,
        call_type=Code(alias or f"_http.Call[{returns}]"),
        doc=doc, async_doc=doc and docstring(
            op.summary, f"Awaitable :meth:`Client.{method}`, described there.", indent=8),
        overloads=_overloads(args), returns=Code(returns),
        sync_returns=Code(f"_http.Stream[{stream.item}]" if stream else returns),
        async_returns=Code(f"_http.AsyncStream[{stream.item}]" if stream else returns),
        send=Code("_stream" if stream else "_send"),
        signature=tuple(Code(s) for s in [*signature, "*", *keyword]),
        builder_args=tuple(Code(_parameter(n, a, None, _BUILDER_COLUMN)) for n, a, _ in everything),
        forward=tuple(Code(f"{n}={n}") for n, _, _ in everything),
        build_lines=tuple(Code(line) for line in build),
        call_fields=tuple(Code(f) for f in fields),
        parse_lines=tuple(Code(line) for line in parse),
    )


def _overloads(args: _Args) -> tuple[tuple[Code, ...], ...]:
    """The ``@overload`` signatures of a method whose body may be given as keyword fields, one
    of them required: the body alone, or the fields with the required ones required, so a
    type checker catches a missing one (the method's own signature takes both, all optional).
    """
    if args.body is None or all(default is not None for _, _, default in args.fields):
        return ()
    fields = {name for name, _, _ in args.fields}
    body, rest = args.body, [k for k in args.keyword if k[0] not in fields]
    with_body = [(n, a, d) if n != body[0] else (n, body[1], None) for n, a, d in args.positional]
    without = [k for k in args.positional if k[0] != body[0]]
    return tuple(
        tuple(Code(line) for line in [
            *(_parameter(n, a, d, _METHOD_COLUMN) for n, a, d in positional), "*",
            *(_parameter(n, a, d, _METHOD_COLUMN) for n, a, d in keyword)])
        for positional, keyword in ((with_body, rest), (without, rest + args.fields))
    )


def _call_alias(builder: str, returns: str, claim: Callable[[str], str]) -> str | None:
    """A name for the return type of a builder without arguments whose ``def`` line is too long.

    black wraps such an annotation in parentheses, ``ruff format`` splits it inside
    ``Call[...]`` (and removes given parentheses); an annotation without brackets they wrap
    alike. The alias is defined under ``TYPE_CHECKING``: at run time the annotation is never
    evaluated, and the ``models`` it names are not loaded."""
    if len(f"def {builder}() -> _http.Call[{returns}]:") <= _WIDTH:
        return None
    return claim(f"_{pascal(builder)}Call")


def _parameter(name: str, annotation: str, default: str | None, column: int) -> str:
    """``name: annotation = default``, the annotation parenthesised where black will split it
    (a union on a line too long): black adds these parentheses, ``ruff format`` keeps given
    ones but adds none. A union ending in ``]`` with one ``|`` black may split at the bracket
    instead, so it is left as it is, unless what that bracket holds is too long for a line."""
    text = f"{name}: {annotation}" + (f" = {default}" if default else "")
    bars = _top_level(annotation).count("|")
    if column + len(text) + 1 > _WIDTH and (bars > 1 or (bars == 1 and (
            annotation[-1] != "]" or column + 8 + len(_last_inside(annotation)) > _WIDTH))):
        return f"{name}: ({annotation})" + (f" = {default}" if default else "")
    return text


def _last_inside(expression: str) -> str:
    """What the final bracket pair of ``expression`` (ending in ``]``) holds: when it does not
    fit on a line of its own, black parenthesises the union around it (OpenAI's
    ``str | list[A | B | C]``) rather than split at that bracket."""
    at = last_opening(expression)
    return expression[at + 1:-1] if at >= 0 else expression


def _top_level(expression: str) -> str:
    """``expression`` without what is inside brackets."""
    out, depth = [], 0
    for char in expression:
        depth += char in "([{"
        depth -= char in ")]}"
        out.append(char if depth == 0 else "")
    return "".join(out)


def _ordered(params: tuple[Parameter, ...]) -> list[Parameter]:
    """Path parameters first (positional, in spec order), then required, then optional."""
    return sorted(params, key=lambda p: (p.location_in != "path", not p.required))


def _param(
    p: Parameter, scope: Scope, mapper: TypeMapper, args: _Args, check: Code | None
) -> str:
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


def _body(
    rb: RequestBody, scope: Scope, mapper: TypeMapper, args: _Args, build: list[str]
) -> str:
    name = scope.claim("body")
    typed = media_kind(rb.media_type) in CAPABILITIES.requests
    ann = _body_annotation(rb, mapper, typed)
    # the other declared media types: a ``RawBody`` the caller gives (contract §4)
    others = tuple(m.split(";")[0].strip().lower() for m in rb.media_types if m != rb.media_type)
    raw_ann = " | _http.RawBody" if others else ""
    obj = keyword_object(rb, mapper)
    if obj is not None:
        args.positional.append((name, union(f"{ann}{raw_ann}", "None"), "None"))
        args.body = (name, f"{ann}{raw_ann}")
        _fields(obj, name, mapper.runtime(obj.key), scope, mapper, args, build)
    elif rb.required:
        args.positional.append((name, f"{ann}{raw_ann}", None))
    else:
        args.positional.append((name, union(f"{ann}{raw_ann}", "None"), "None"))
    if rb.description:
        args.docs.append(f"{name}: {rb.description}")
    # readOnly left out; a body the client cannot encode is sent as given (W601)
    wire = (mapper.encode(rb.type, name, request="True") or name) if typed else name
    made = f"_http.Body({literal(rb.media_type)}, {wire})"
    if others:
        declared = literal(tuple(dict.fromkeys((rb.media_type.split(";")[0].strip().lower(),
                                               *others))))
        made = f"{name}.body({declared}) if isinstance({name}, _http.RawBody) else {made}"
    if not rb.required:  # a conditional inside another is parenthesised by black: given here
        made = f"None if {name} is None else {f'({made})' if others else made}"
    elif not others:
        return made
    return split_safe(made, _FIELD_COLUMN + len("body="))  # a conditional expression now


def _body_annotation(rb: RequestBody, mapper: TypeMapper, typed: bool) -> str:
    """The typed body's annotation; ``str`` for text; bytes or text the caller gives for a
    kind the client does not encode (a binary schema keeps its file annotation)."""
    ann = mapper.annotation(rb.type)
    if media_kind(rb.media_type) == "text":
        return "str"
    if typed or ann == FILE:
        return ann
    return "bytes | str"


def _body_fields(rb: RequestBody, body: str, validator: Validators, build: list[str]) -> list[str]:
    """``body=`` of the ``_http.Call``, and ``validator=`` where the body can be checked."""
    fields = [f"body={body}"]
    check = validator(rb) if _checkable(rb) else None
    if check is not None:  # the validators module loads on the first call that needs it
        build.insert(0, _IMPORT_VALIDATORS)
        fields.append(f"validator={check}")
    return fields


def _checkable(rb: RequestBody) -> bool:
    """JSON and url-encoded bodies are validated before sending; multipart and binary bodies
    carry files (bytes, file objects), which a JSON Schema of ``type: string`` cannot check,
    and a raw body is sent as given."""
    return media_kind(rb.media_type) in ("json", "form")


def keyword_object(rb: RequestBody, mapper: TypeMapper) -> ObjectDef | None:
    """The object whose fields may be passed as keywords instead of the body (required bodies
    with at most :data:`KEYWORD_FIELDS_MAX` fields to send).

    The client's signature and the README's keyword example both follow it."""
    kind = media_kind(rb.media_type)
    if not rb.required or not isinstance(rb.type, Ref) or kind not in _FORM_MEDIA:
        return None
    definition = mapper.defs[rb.type.key]
    if not isinstance(definition, ObjectDef) or not definition.properties:
        return None
    sent = sum(not p.read_only for p in definition.properties)
    return definition if sent <= KEYWORD_FIELDS_MAX else None


def _fields(
    obj: ObjectDef, body: str, cls: str, scope: Scope, mapper: TypeMapper, args: _Args,
    build: list[str],
) -> None:
    """Keyword arguments for the body's fields, and the lines that build the body from them."""
    model_scope = Scope(CLASS_MEMBERS)  # the same names models.py gives the fields
    kwargs, names = [], []
    for p in obj.properties:
        attr = model_scope.claim(snake(p.name, fallback="field"))
        if p.read_only:  # set by the server, never sent: no keyword for it
            continue
        name = scope.claim(attr)
        ann = union(mapper.annotation(p.type), *(("None",) if p.nullable else ()))
        if p.nullable:  # ``None`` is a value: the sentinel says "not given"
            args.keyword.append((name, union(ann, "_http.Unset"), "_http.UNSET"))
        else:
            args.keyword.append((name, union(ann, "None"), "None"))
        args.fields.append((name, ann, None) if p.required else args.keyword[-1])
        # a conditional, not a call: mypy infers ``object`` for a generic call on a union
        given = f"not isinstance({name}, _http.Unset)" if p.nullable else f"{name} is not None"
        missing = f"{name} if {given} else _http.missing({literal(name)})"
        # a keyword argument of the model's call, alone on its line at column 12 when split
        value = split_safe(missing, 12 + len(attr) + 1) if p.required else name
        kwargs.append(f"{attr}={value}")
        names.append(name)
    build += [
        f"if {body} is None:",
        f"    {body} = {cls}({', '.join(kwargs)})",
        f"elif _http.any_given({', '.join(names)}):",
        f"    raise TypeError({literal('pass the body or its fields, not both')})",
    ]
