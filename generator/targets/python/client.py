"""The view of ``client.py``: ``Client`` and ``AsyncClient`` with one method per operation.

What is specific to the API (servers, security schemes, operations) is precomputed here; the
machinery that is the same for every API (retries, errors, credentials, parameter styles) lives
in the generated private modules ``_http``, ``_config``, ``_retry``, ``_auth`` and
``_serialize``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ...analysis import Analysis
from ...analysis.credentials import SchemeCredential
from ...analysis.errors import (
    MESSAGE_PATHS,
    REQUEST_ID_HEADERS,
    SECRET_WORDS,
    TEXT_CONTROL,
    TEXT_MESSAGE_CHARS,
)
from ...analysis.headers import HEADER_INTEGER, HEADER_NUMBER
from ...code import Code
from ...ir import Api, Operation, Parameter, RequestBody
from ...render import RenderJob
from .client_ops import OperationView, ParameterChecks, Validators, operation_view
from .client_surface import (
    MODULE_NAMES,
    GroupView,
    HeadersView,
    class_names_taken,
    group_views,
    headers_views,
    method_names,
    raw_calls,
)
from .formats import FILE, FORMAT_HELPERS, module_imports
from .literals import docstring, literal
from .model_package import ModelsView, isort_key
from .names import BUILTINS, Scope, snake
from .types import DEEP_HELPERS, TypeMapper, UnionDecoder

__all__ = ["ClientView", "Credential", "class_names_taken", "client_jobs", "client_view",
           "package_imports"]

_RUNTIME = tuple(sorted(("UNSET", "Unset", "_enum", "_int64", "_to_wire", *DEEP_HELPERS,
                        *FORMAT_HELPERS, FILE), key=isort_key))


@dataclass(frozen=True, slots=True, kw_only=True)
class Credential:
    """A constructor argument holding a credential, and the environment variable it falls back to."""

    arg: str
    env: str
    schemes: tuple[str, ...]
    kind: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ClassView:
    """``Client`` or ``AsyncClient``: the same methods, sync or async."""

    name: Code
    base: Code
    http: Code
    is_async: bool
    doc: Code | None


@dataclass(frozen=True, slots=True, kw_only=True)
class ClientView:
    header: Code
    doc: Code | None
    imports: tuple[Code, ...]
    api_fields: tuple[Code, ...]
    init_signature: tuple[Code, ...]
    init_config: tuple[Code, ...]
    classes: tuple[ClassView, ...]
    operations: tuple[OperationView, ...]
    decoders: tuple[UnionDecoder, ...]
    credentials: tuple[Credential, ...]
    variables: tuple[tuple[str, str], ...]
    env_base_url: str
    raw: tuple[tuple[Code, Code], ...]
    """Each operation's method and how its raw response's typed headers are read."""
    groups: tuple[GroupView, ...]
    headers: tuple[HeadersView, ...]
    header_parsers: tuple[tuple[Code, Code], ...]
    """``_headers_<op>`` and the ``response_headers`` class it returns."""


def no_validators(body: RequestBody) -> Code | None:
    """Until compiled validators exist for a body, requests are sent unchecked."""
    return None


def no_parameter_checks(op: Operation, parameter: Parameter) -> Code | None:
    """Without compiled validators, parameters are sent unchecked."""
    return None


def client_view(
    api: Api, analysis: Analysis, header: Code, models: ModelsView, package: str,
    validator: Validators = no_validators,
    parameter_check: ParameterChecks = no_parameter_checks,
) -> ClientView:
    """Build the view of the client module of ``api`` (``package`` names the user agent; the
    environment variables are the shared analysis's)."""
    module = Scope(BUILTINS | MODULE_NAMES | set(models.names.values()))
    mapper = TypeMapper(analysis, models.names, module.claim, qualify="models.")
    ops = tuple(
        operation_view(api, op, mapper, module.claim, method, validator, parameter_check)
        for op, method in zip(api.operations, method_names(api), strict=True)
    )
    prefix = analysis.env_prefix
    credentials = tuple(_credential(c) for c in analysis.credentials)
    init = Scope(BUILTINS | {"self", "base_url", "auth", "timeout", "retry", "validate",
                             "http_client", "clock"} | {c.arg for c in credentials})
    server = api.servers[0] if api.servers else None
    variables = tuple((v.name, init.claim(snake(v.name, fallback="variable")))
                      for v in (server.variables if server else ()))
    defaults = {v.name: v.default for v in (server.variables if server else ())}
    headers = headers_views(api, analysis)
    methods = {op.operation_id: o.method for op, o in zip(api.operations, ops, strict=True)}
    raw, parsers = raw_calls(api, methods, headers, module.claim)
    env = {c.arg: c.env for c in credentials} | {"base_url": f"{prefix}_BASE_URL"}
    view = ClientView(
        header=header, doc=docstring(f"Client and AsyncClient of {api.title} {api.version}."),
        imports=(), api_fields=_api_fields(api, credentials, env, package),
        init_signature=_init_signature(credentials, variables, defaults),
        init_config=_init_config(credentials, variables),
        classes=(
            ClassView(name=Code("Client"), base=Code("_http.SyncClient"),
                      http=Code("httpx.Client"), is_async=False,
                      doc=_client_doc(api, credentials, "httpx.Client")),
            ClassView(name=Code("AsyncClient"), base=Code("_http.AsyncClient"),
                      http=Code("httpx.AsyncClient"), is_async=True,
                      doc=_client_doc(api, credentials, "httpx.AsyncClient")),
        ),
        operations=ops, decoders=tuple(mapper.decoders), credentials=credentials,
        variables=variables, env_base_url=f"{prefix}_BASE_URL", raw=raw,
        groups=group_views(analysis, methods, class_names_taken(api), module.claim),
        headers=tuple(headers.values()),
        header_parsers=parsers,
    )
    return _with_imports(view, mapper.qualified)


def _credential(c: SchemeCredential) -> Credential:
    """The constructor argument of a credential of the shared analysis (``token``, ``api_key``,
    ``<scheme>_token``), and its environment variable. Basic, digest, mutual TLS… have none:
    an ``httpx.Auth`` or the httpx client serves them."""
    return Credential(arg=snake("_".join(c.words), fallback="credential"), env=c.env,
                      schemes=(c.scheme.name,), kind=c.kind)


def _env_literal(env: dict[str, str]) -> str:
    """``env``'s dict literal; a long entry's value is parenthesised so black can wrap it
    (black never splits a string, and the entry would pass ruff's line length)."""
    entries = []
    for key, value in env.items():
        k, v = literal(key), literal(value)
        entries.append(f"{k}: ({v})" if len(k) + len(v) > 70 else f"{k}: {v}")
    return "{" + ", ".join(entries) + "}"


def _api_fields(
    api: Api, credentials: tuple[Credential, ...], env: dict[str, str], package: str
) -> tuple[Code, ...]:
    by_scheme = {c.schemes[0]: c for c in credentials}
    schemes = []
    for s in api.security_schemes:
        c = by_scheme.get(s.name)
        if c is not None:
            param = f", {literal(s.param_name)}" if c.kind != "bearer" else ""
            schemes.append(f"_http.Scheme({literal(s.name)}, {literal(c.kind)}, "
                           f"{literal(c.arg)}{param})")
    server = api.servers[0].url if api.servers else ""
    agent = f"{package.replace('_', '-')}/{api.version} (specgen; httpx)"
    return (
        Code(f"server={literal(server)}"),
        Code(f"schemes=({''.join(s + ', ' for s in schemes)})"),
        Code(f"env={_env_literal(env)}"),
        Code(f"user_agent={literal(agent)}"),
    )


def _init_signature(
    credentials: tuple[Credential, ...], variables: tuple[tuple[str, str], ...],
    defaults: dict[str, str],
) -> tuple[Code, ...]:
    lines = ["*", *(f"{c.arg}: str | None = None" for c in credentials)]
    lines += [f"{py}: str = {literal(defaults[wire])}" for wire, py in variables]
    lines += [
        "base_url: str | None = None",
        "auth: httpx.Auth | None = None",
        "timeout: _http.TimeoutTypes | _http.NotGiven = _http.NOT_GIVEN",
        "retry: _http.RetryPolicy | None = None",
        "validate: bool = True",
    ]
    return tuple(Code(line) for line in lines)


def _init_config(
    credentials: tuple[Credential, ...], variables: tuple[tuple[str, str], ...]
) -> tuple[Code, ...]:
    given = ", ".join(f"{literal(c.arg)}: {c.arg}" for c in credentials)
    values = ", ".join(f"{literal(wire)}: {py}" for wire, py in variables)
    return tuple(Code(line) for line in (
        "base_url=base_url", f"variables={{{values}}}", f"credentials={{{given}}}",
        "auth=auth", "timeout=timeout", "retry=retry", "validate=validate", "clock=clock",
    ))


def _client_doc(api: Api, credentials: tuple[Credential, ...], http: str) -> Code | None:
    creds = "; ".join(f"``{c.arg}`` (else ${c.env})" for c in credentials) or "none"
    return docstring(
        f"{api.title} {api.version}.",
        f"Credentials: {creds}; any other scheme through ``auth`` (an ``httpx.Auth``). "
        f"``http_client`` may be an {http} of your own; it is not closed by ``close()``. "
        "Timeouts, retries and pre-send validation set here apply to every call, and each "
        "method can override them.",
        indent=4,
    )


def _with_imports(view: ClientView, qualified: bool) -> ClientView:
    """Import exactly the helpers the module uses, so the output is ``ruff`` clean.

    Models are reached through the lazily loaded ``models`` package (``models.Pet``), in code
    and in annotations, so importing the client loads no model module.
    """
    # docstrings are prose: a word in them is not a use
    text = repr(([replace(op, doc=None) for op in view.operations], view.decoders))
    text = text.replace("_http.Unset", "").replace("_http.UNSET", "")
    found = set(re.findall(rf"\b(?:{'|'.join(map(re.escape, _RUNTIME))})\b", text))
    runtime = [n for n in _RUNTIME if n in found]
    local = ", ".join(
        ["_http"] + (["_response"] if view.raw else []) + (["models"] if qualified else []))
    lines = ["", "import httpx", "", f"from . import {local}"]
    aliased = any(op.call_alias for op in view.operations)
    # decoders take ``value: Any``; long builders without arguments name their return type
    typing = (["TYPE_CHECKING"] if aliased or view.header_parsers else []) + (
        ["Any"] if view.decoders or re.search(r"\bAny\b", text) else []) + (
        ["TypeAlias"] if aliased else []) + (
        ["overload"] if any(op.overloads for op in view.operations) else [])
    lines = [f"from typing import {', '.join(typing)}", *lines] if typing else lines[1:]
    modules = sorted([*module_imports(text), "import functools"])
    if modules:  # stdlib: ``import x`` lines come before ``from x import``
        lines = modules + (lines if lines[0].startswith("from typing") else ["", *lines])
    if runtime:
        lines.append(f"from ._runtime import {', '.join(runtime)}")
    return replace(view, imports=tuple(Code(line) for line in lines))


_RUNTIME_MODULES = (
    "_http", "_config", "_retry", "_auth", "_serialize", "_streams", "errors", "_response",
)
_ERRORS = (
    "ApiConnectionError", "ApiError", "ApiStatusError", "ApiTimeoutError", "AuthenticationError",
    "BadRequestError", "ConflictError", "NotFoundError", "PermissionDeniedError", "RequestProblem",
    "RateLimitError", "RequestValidationError", "ResponseDecodeError", "ServerError",
    "UnprocessableEntityError",
)
PACKAGE_EXPORTS = {
    "client": ("AsyncClient", "Client"),
    "errors": tuple(sorted(_ERRORS)),
    "_retry": ("Clock", "RetryPolicy", "SystemClock"),
    "_config": ("DEFAULT_TIMEOUT", "NOT_GIVEN", "NotGiven"),
    "_serialize": ("RawBody",),
    "_streams": ("AsyncStream", "ServerSentEvent", "Stream"),
    "_runtime": ("UNSET", "Unset"),
}
"""What the package's ``__init__`` re-exports from the client modules, by module."""


def client_jobs(view: ClientView, root: str, readme: dict[str, object]) -> list[RenderJob]:
    """The client module, the spec-independent runtime modules and the package README."""
    jobs = [RenderJob(path=f"{root}/client.py", template="python/client.py.jinja",
                      context={"c": view})]
    # the message rule is data of the shared analysis, printed into the runtime, never retyped
    runtime = {"header": view.header, "message_paths": literal(MESSAGE_PATHS),
               "secret_words": literal(SECRET_WORDS),
               "request_id_headers": literal(REQUEST_ID_HEADERS),
               "text_message_chars": TEXT_MESSAGE_CHARS, "text_control": Code(TEXT_CONTROL),
               "header_integer": Code(HEADER_INTEGER), "header_number": Code(HEADER_NUMBER)}
    jobs += [RenderJob(path=f"{root}/{name}.py", template=f"python/{name}.py.jinja",
                       context=runtime) for name in _RUNTIME_MODULES]
    if view.headers:
        jobs.append(RenderJob(path=f"{root}/response_headers.py",
                              template="python/response_headers.py.jinja",
                              context={"header": view.header, "classes": view.headers,
                                       "runtime": any("_response." in f.parse
                                                      for k in view.headers for f in k.fields)}))
    jobs.append(RenderJob(path="README.md", template="python/README.md.jinja",
                          context=readme))
    return jobs


def package_imports(models: ModelsView) -> tuple[tuple[Code, ...], tuple[Code, ...]]:
    """``from .x import …`` lines and the names they add to the package's ``__all__``.

    A model named like one of these (``Client``, ``ApiError``…) keeps the package-level name;
    the client's class stays importable from its own module (``pkg.client``, ``pkg.errors``).
    """
    taken = set(models.names.values())
    # ``ApiResponse`` is not reserved: a model of that name (Petstore has one) keeps it
    exports = {**PACKAGE_EXPORTS, "_response": ("ApiResponse",)}
    kept = {m: [n for n in names if n not in taken] for m, names in exports.items()}
    lines = tuple(Code(f"from .{m} import {', '.join(names)}")
                  for m, names in sorted(kept.items()) if names)
    return lines, tuple(Code(n) for m in sorted(kept) for n in kept[m])
