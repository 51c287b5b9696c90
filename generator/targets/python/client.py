"""The view of ``client.py``: ``Client`` and ``AsyncClient`` with one method per operation.

What is specific to the API (servers, security schemes, operations) is precomputed here; the
machinery that is the same for every API (retries, errors, credentials, parameter styles) lives
in the generated private modules ``_http``, ``_config``, ``_retry``, ``_auth`` and
``_serialize``. An operation's view is :mod:`.client_ops`'s; the classes and their constructor
are :mod:`.client_init`'s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ...analysis import Analysis
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
from .client_body import Validators
from .client_init import (
    ClassView,
    Credential,
    api_fields,
    classes,
    credential,
    init_config,
    init_signature,
)
from .client_ops import OperationView, ParameterChecks, operation_view
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
class ClientView:
    """Everything ``client.py`` prints: the API's fields, the constructor, the two client
    classes, the operations, tag groups and raw-response readers, and the imports they use."""

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
    credentials = tuple(credential(c) for c in analysis.credentials)
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
        imports=(), api_fields=api_fields(api, credentials, env, package),
        init_signature=init_signature(credentials, variables, defaults),
        init_config=init_config(credentials, variables),
        classes=classes(api, credentials),
        operations=ops, decoders=tuple(mapper.decoders), credentials=credentials,
        variables=variables, env_base_url=f"{prefix}_BASE_URL", raw=raw,
        groups=group_views(analysis, methods, class_names_taken(api), module.claim),
        headers=tuple(headers.values()),
        header_parsers=parsers,
    )
    return _with_imports(view, mapper.qualified)


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
