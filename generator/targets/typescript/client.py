"""The TypeScript client's jobs: ``config.ts`` (the API's servers and security schemes, the
options with their credentials, ``createCoreClient``), ``operations.ts`` (a standalone function
per operation, :mod:`.operations`) and ``client.ts`` (``Client``: every operation as a method,
flat and in its tag's group, names from the shared groups and a :class:`Scope`).

The machinery shared by every API (``http.ts``, ``errors.ts``, ``streams.ts``, ``codec.ts``)
is template text; the message rule's paths are rendered into ``errors.ts`` from
:data:`generator.analysis.errors.MESSAGE_PATHS`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ...analysis import Analysis
from ...analysis.credentials import CredentialKind
from ...analysis.errors import (
    MESSAGE_PATHS,
    REQUEST_ID_HEADERS,
    SECRET_WORDS,
    TEXT_CONTROL,
    TEXT_MESSAGE_CHARS,
    is_rpc_status,
)
from ...analysis.naming import Scope
from ...code import Code
from ...ir import Api, EnumDef, SecurityScheme
from ...render import RenderJob
from .codecs import Codecs
from .headers import HEADER_READERS
from .literals import doc, literal, string
from .models import Models
from .names import KEYWORDS
from .operations import Checks, OperationView, camel, operation_views
from .readme import example_call

__all__ = ["CORE_MEMBERS", "EXPORTED", "Credential", "client_jobs", "credentials", "exported_values",
           "group_claims"]

CORE_MEMBERS = frozenset([
    "baseUrl", "timeoutMs", "retry", "validate", "toString", "toJSON", "secretParams",
    "credentialsFor", "fetchOnce", "constructor", "prototype", "valueOf", "hasOwnProperty",
])
"""The members of ``CoreClient`` (and of every object): an operation or group never takes one."""
EXPORTED = frozenset([
    "parseJson", "stringifyJson", "CoreClient", "Client", "createClient", "createCoreClient",
    "DEFAULT_RETRY", "DEFAULT_TIMEOUT_MS", "MESSAGE_PATHS", "redactUrl", "errorMessage",
    "statusError", "textMessage", "ApiError", "ApiStatusError", "BadRequestError",
    "AuthenticationError",
    "PermissionDeniedError", "NotFoundError", "ConflictError", "UnprocessableEntityError",
    "RateLimitError", "ServerError", "ApiConnectionError", "ApiTimeoutError",
    "ResponseDecodeError", "RequestValidationError", "API", "send", "bind", *HEADER_READERS,
])
"""Values the package exports besides the models', validators' and codecs' own."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Credential:
    """A client option holding a credential, the scheme it serves, and the environment
    variable it is read from when the option is not given."""

    option: str
    scheme: SecurityScheme
    kind: CredentialKind
    env: str


def credentials(analysis: Analysis) -> list[Credential]:
    """One option per credential of the shared analysis: ``token`` when there is one
    bearer-like scheme, ``apiKey`` when there is one API key scheme, else named after the
    scheme (``bearerAuthToken``), as the Python client names its arguments."""
    scope = Scope(CORE_MEMBERS | {"baseUrl", "serverVariables", "fetch", "timeoutMs", "auth"},
                  keywords=KEYWORDS, sep="")
    return [Credential(option=scope.claim(camel(" ".join(c.words), fallback="credential")),
                       scheme=c.scheme, kind=c.kind, env=c.env) for c in analysis.credentials]


def _given(creds: list[Credential]) -> str:
    """The credentials object passed to ``CoreClient`` (``{}`` when the API has none)."""
    given = ", ".join(f"{c.option}: options.{c.option}" for c in creds)
    return f"{{ {given} }}" if given else "{}"


def _config(api: Api, creds: list[Credential], prefix: str) -> str:
    server = api.servers[0] if api.servers else None
    variables = {v.name: v.default for v in (server.variables if server else ())}
    schemes = [f"    {{ name: {string(c.scheme.name)}, kind: {string(c.kind)}, "
               f"credential: {string(c.option)}, param: {string(c.scheme.param_name or '')},\n"
               f"      env: {string(c.env)} }},"
               for c in creds]
    members = []
    for c in creds:
        how = {"bearer": "sent as `Authorization: Bearer …`"}.get(
            c.kind, f"sent in the {c.kind} `{c.scheme.param_name}`")
        members += [*doc(f"`{c.scheme.name}`: {how} (default: `${c.env}`).\n\n"
                         f"{c.scheme.description or ''}", "  "),
                    f"  readonly {c.option}?: string;"]
    return "\n".join([
        "/** The spec's first server, its variables' defaults, and its security schemes. */",
        "export const API: ApiInfo = {",
        f"  server: {string(server.url if server else '')},",
        f"  variables: {literal(variables)},",
        "  schemes: [", *schemes, "  ],", f"  baseUrlEnv: {string(prefix + '_BASE_URL')},",
        "};", "",
        "/** The client's options: the shared ones and the API's credentials. */",
        "export interface ClientOptions extends CoreOptions {", *members, "}", "",
        *doc("The configuration the operation functions take, without their methods: import "
             "only the functions\nyou call and a bundler drops the rest."),
        "export function createCoreClient(options: ClientOptions = {}): CoreClient {",
        f"  return new CoreClient(API, options, {_given(creds)});", "}",
    ])


def group_claims(methods: Iterable[str], analysis: Analysis) -> list[tuple[str, str]]:
    """``(wanted, given)`` ``Client`` member of each tag group, claimed after the client's own
    members and its flat ``methods`` (a taken name gets a numeric suffix: W502)."""
    members = Scope(CORE_MEMBERS | set(methods), keywords=KEYWORDS, sep="")
    wanted = [camel(" ".join(g.words), fallback="group") for g in analysis.groups]
    return [(w, members.claim(w)) for w in wanted]


def group_names(ops: list[OperationView], analysis: Analysis) -> list[str]:
    """The ``Client`` member of each tag group (see :func:`group_claims`)."""
    return [given for _, given in group_claims(
        (n for v in ops for n in (v.name, v.with_response)), analysis)]


def _client(api: Api, analysis: Analysis, ops: list[OperationView],
            creds: list[Credential]) -> str:
    by_id = {v.operation.operation_id: v for v in ops}
    lines = [*doc(f"{api.title} {api.version}: every operation as a method, flat "
                  "(`client.listTodos()`) and in\nits tag's group (`client.todos.listTodos()`)."),
             "export class Client extends CoreClient {"]
    for v in ops:
        lines += [f"  readonly {v.name} = bind(this, {v.name});",
                  f"  readonly {v.with_response} = bind(this, {v.with_response});"]
    for g, name in zip(analysis.groups, group_names(ops, analysis), strict=True):
        lines += [*doc(f"The operations tagged {g.tag!r}.".replace("*/", "*\\/"), "  "),
                  f"  readonly {name} = {{"]
        for op in g.operations:
            v = by_id[op.operation_id]
            lines += [f"    {v.name}: bind(this, {v.name}),",
                      f"    {v.with_response}: bind(this, {v.with_response}),"]
        lines.append("  } as const;")
    lines += ["", "  constructor(options: ClientOptions = {}) {",
              f"    super(API, options, {_given(creds)});",
              "  }", "}", "",
              "/** A `Client` with these options. */",
              "export function createClient(options: ClientOptions = {}): Client {",
              "  return new Client(options);", "}"]
    return "\n".join(lines)


def _types_used(sources: list[str], names: set[str]) -> list[str]:
    found = set(re.findall(r"\b[A-Z][A-Za-z0-9_]*\b", "\n".join(sources)))
    return sorted(found & names)


def _import(names: list[str], module: str, type_only: bool = False) -> str:
    head = "import type" if type_only else "import"
    line = f"{head} {{ {', '.join(names)} }} from \"{module}\";"
    if len(line) <= 100:
        return line
    return "\n".join([f"{head} {{", *(f"  {n}," for n in names), f"}} from \"{module}\";"])


def _readme(api: Api, analysis: Analysis, ops: list[OperationView],
            creds: list[Credential]) -> dict[str, object]:
    """The README's first call, options and error section."""
    server = api.servers[0] if api.servers else None
    first = ops[0] if ops else None
    args = example_call(first.operation, first, analysis) if first else []
    group = analysis.groups[0] if analysis.groups else None  # a group has an operation
    grouped = "none: the spec tags no operation"
    if group is not None and first is not None:
        member = group_names(ops, analysis)[0]
        op = next(v for v in ops if v.operation is group.operations[0])
        grouped = f"`client.{member}.{op.name}(…)`"
    errors = [r.type for o in api.operations for r in o.responses if not r.status.startswith("2")]
    return {
        "has_operations": first is not None,
        "options": Code(f"{{ {creds[0].option}: \"my-token\" }}" if creds else ""),
        "first_call": Code(f"client.{first.name}({', '.join(args)})" if first else ""),
        "first_name": Code(first.name if first else ""),
        "first_args": Code(", ".join(["client", *args])),
        "grouped": Code(grouped),
        "server": Code(_md(server.url) if server else ""),
        "has_variables": bool(server and server.variables),
        "variables": Code(", ".join(f"`{_md(v.name)}`: `{_md(v.default)}`"
                                    for v in (server.variables if server else ()))),
        "credential_options": Code("".join(f"{c.option}, " for c in creds)),
        "credentials": [{"option": Code(c.option), "about": Code(_md(
            f"for `{c.scheme.name}`, " + ("sent as `Authorization: Bearer …`" if c.kind == "bearer"
                                          else f"sent in the {c.kind} `{c.scheme.param_name}`"))
            + f" (else `${c.env}`).")}
                        for c in creds],
        "base_url_env": Code(f"{analysis.env_prefix}_BASE_URL"),
        "signature": any("TAMS-SHA256-RSA" in (s.description or "") for s in api.security_schemes),
        "rpc_status": any(is_rpc_status(t, analysis.defs) for t in errors),
    }


def _md(text: str) -> str:
    """Spec text inside Markdown code spans and prose: one line, no backquote."""
    return " ".join(text.replace("`", "'").split())


def _errors_context(header: Code) -> dict[str, object]:
    """``errors.ts``'s data: the shared message, secret-word, request-id and text rules."""
    return {"header": header, "message_paths": Code(literal([list(p) for p in MESSAGE_PATHS])),
            "secret_words": Code(literal(list(SECRET_WORDS))),
            "request_id_headers": Code(literal(list(REQUEST_ID_HEADERS))),
            "text_message_chars": Code(str(TEXT_MESSAGE_CHARS)),
            "text_control": Code(TEXT_CONTROL)}


def client_jobs(api: Api, analysis: Analysis, models: Models, codecs: Codecs,
                checks: Checks, exported: frozenset[str], root: str,
                header: Code, readme: dict[str, object]) -> Iterator[RenderJob]:
    """``errors.ts``, ``http.ts``, ``streams.ts``, ``config.ts``, ``operations.ts``,
    ``client.ts``; ``checks``: the validators of bodies and parameters; ``exported``:
    the values the models, validators and codecs export (no operation takes their names)."""
    ops = operation_views(api, analysis, models, codecs, checks,
                          exported | EXPORTED | CORE_MEMBERS)
    creds = credentials(analysis)
    yield RenderJob(path=f"{root}/README.md", template="typescript/README.md.jinja",
                    context={**readme, **_readme(api, analysis, ops, creds)})
    yield RenderJob(path=f"{root}/src/errors.ts", template="typescript/errors.ts.jinja",
                    context=_errors_context(header))
    for stem in ("http", "streams", "codec"):
        yield RenderJob(path=f"{root}/src/{stem}.ts", template=f"typescript/{stem}.ts.jinja",
                        context={"header": header})
    yield RenderJob(path=f"{root}/src/config.ts", template="typescript/config.ts.jinja",
                    context={"header": header,
                             "body": Code(_config(api, creds, analysis.env_prefix))})
    sources = [v.source for v in ops]
    imports = _operations_imports(sources, models, checks)
    yield RenderJob(path=f"{root}/src/operations.ts", template="typescript/operations.ts.jinja",
                    context={"header": header, "imports": Code("\n".join(imports)),
                             "body": Code("\n".join(sources))})
    names = [n for v in ops for n in (v.name, v.with_response)]
    client_imports = [_import(["CoreClient", "bind"], "./http.js"),
                      _import(["API", "type ClientOptions"], "./config.js")]
    client_imports += [_import(names, "./operations.js")] if names else []
    yield RenderJob(path=f"{root}/src/client.ts", template="typescript/client.ts.jinja",
                    context={"header": header, "body": Code(_client(api, analysis, ops, creds)),
                             "imports": Code("\n".join(client_imports))})


def _operations_imports(sources: list[str], models: Models, checks: Checks) -> list[str]:
    """The import lines of ``operations.ts``: what its operations' ``sources`` use of the
    HTTP layer, the codec, the models' types and the validators."""
    types = _types_used(sources, set(models.names.values()) | set(models.request_names.values())
                        | {"Int64"})
    words = set(re.findall(r"\w+", "\n".join(sources)))  # \b{name}\b, one scan for all names
    used_validators = sorted({n for n in checks.names() if n in words})
    readers = sorted(n for n in HEADER_READERS if any(f"{n}(" in s for s in sources))
    imports = ['import type * as http from "./http.js";', _import([*readers, "send"], "./http.js")]
    if any("SHAPES" in s for s in sources):
        imports += [_import([n for n in ("decode", "encodeRequest") if any(
            f"{n}(SHAPES" in s for s in sources)], "./codec.js"), _import(["SHAPES"], "./shapes.js")]
    if types:
        imports.append(_import(types, "./models.js", type_only=True))
    if used_validators:
        imports.append(_import(used_validators, "./validators.js"))
    return imports


def exported_values(analysis: Analysis, names: dict[str, str], validator_names: list[str]) -> frozenset[str]:
    """The values models, validators and codecs export: enum objects, ``validateX``,
    ``isValidX``, ``decodeX``, ``encodeX``."""
    out = set(validator_names)
    for key, name in names.items():
        if isinstance(analysis.defs[key], EnumDef):
            out.add(name)
        else:
            out |= {f"decode{name}", f"encode{name}"}
    return frozenset(out)
