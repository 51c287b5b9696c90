"""The Go client of an API (``client.go``): ``Client``, ``NewClient``, an option per credential,
a method pair per operation (:mod:`.client_ops`) and a service per tag group.

What is the same for every API (sending, retries, errors, parameter styles) is in the runtime
files ``transport.go``, ``request.go`` and ``errors.go``; what is specific to this API
(servers, security schemes, operations) is written here as data and small methods.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ...analysis import Analysis
from ...analysis.credentials import SchemeCredential, scheme_kind
from ...analysis.naming import Claim, Scope, claimed, rename_warnings
from ...diagnostics import Diagnostic
from ...ir import Api, Operation, SecurityScheme
from .client_ops import Checks, OperationCode, operation_code
from .literals import KEYWORDS, comment_lines, comment_text, go_string, pascal, uses_package

__all__ = ["TAKEN_BY", "ClientCode", "Credential", "client_code", "member_names"]

TAKEN_BY = "a keyword, a name the package needs, or another name of the spec in Go's casing"
"""What takes a Go name (the W503 warnings' reason)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Credential:
    """An option that sets one scheme's credential: ``WithToken(token string)``."""

    option: str
    scheme: SecurityScheme
    kind: str
    env: str
    """The environment variable the credential is read from when no option gives it."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ClientCode:
    """``client.go``'s declarations and imports, and what the README and the report need."""

    declarations: tuple[str, ...]
    imports: tuple[str, ...]
    operations: tuple[OperationCode, ...]
    credentials: tuple[Credential, ...]
    renamed: tuple[Diagnostic, ...]
    """A warning per method (W503) or group (W502) that did not get the name it wanted."""


def client_code(api: Api, analysis: Analysis, names: Mapping[str, str], claim: Callable[[str], str],
                checks: Checks, package: str, agent: str) -> ClientCode:
    """The client of ``api`` in ``package``; ``claim`` hands out package-level names. Its
    environment variables are the shared analysis's (:mod:`generator.analysis.credentials`)."""
    methods, fields, renamed = member_names(api, analysis)
    ops = [operation_code(api, analysis, op, method, claim, names, checks)
           for op, method in zip(api.operations, methods, strict=True)]
    by_id = {op.operation_id: code for op, code in zip(api.operations, ops, strict=True)}
    groups = [(field, claim(field + "Service"), g.tag,
               [by_id[o.operation_id] for o in g.operations])
              for g, field in zip(analysis.groups, fields, strict=True)]
    prefix = analysis.env_prefix
    credentials = tuple(_credential(c, claim) for c in analysis.credentials)
    decls = [_client(api, groups, prefix), _api_var(api, agent, credentials, prefix),
             *(_credential_option(c) for c in credentials),
             *(_service(field, kind, tag, codes) for field, kind, tag, codes in groups),
             *(d for code in ops for d in code.declarations)]
    body = "\n".join(decls)
    imports = tuple(i for i in ("context", "encoding/json", "net/http")
                    if uses_package(body, i.split("/")[-1]))
    return ClientCode(declarations=tuple(decls), imports=imports, operations=tuple(ops),
                      credentials=credentials, renamed=tuple(renamed))


def member_names(api: Api, analysis: Analysis) -> tuple[
        list[str], list[str], tuple[Diagnostic, ...]]:
    """The members of ``Client``: a method per operation (and its ``WithResponse`` twin), in
    the shared claim order, then a field per tag group; and a warning for each that did not get
    the name it wanted (W503 a method, W502 a group)."""
    members = Scope(frozenset({"BaseURL"}), keywords=KEYWORDS, sep="")
    renames: list[Claim] = []

    def claim(op: Operation) -> str:
        wanted = pascal(op.operation_id, fallback="Call")
        method = members.claim(wanted)
        while members.claim(method + "WithResponse") != method + "WithResponse":
            method = members.claim(wanted)  # a method FooWithResponse came first: Foo2
        renames.append(Claim(op.location, f"the Go method of Client for {op.operation_id!r}",
                             wanted, method))
        return method

    methods = claimed(api.operations, claim)  # an operationId the spec gives claims first
    renamed = rename_warnings(renames, TAKEN_BY)
    fields = []
    for g in analysis.groups:
        wanted = pascal("_".join(g.words), fallback="Group")
        field = members.claim(wanted)
        if field != wanted:
            renamed.append(Diagnostic(
                code="W502", severity="warning", location=g.operations[0].location.child(
                    "tags", 0), message=f"Go field {wanted} of Client (tag {g.tag!r}) is taken; "
                                        f"the group is Client.{field}"))
        fields.append(field)
    return methods, fields, tuple(renamed)


def _credential(c: SchemeCredential, claim: Callable[[str], str]) -> Credential:
    """The option of a credential of the shared analysis: ``WithToken`` and ``WithAPIKey``
    when there is one of each, else named after the scheme (``WithBearerAuthToken``)."""
    suffix = "Token" if c.kind == "bearer" else ""
    wanted = ("WithToken" if c.kind == "bearer" else "WithAPIKey") if c.single else (
        "With" + pascal(c.scheme.name, "Scheme") + suffix)
    return Credential(option=claim(wanted), scheme=c.scheme, kind=c.kind, env=c.env)


def _client(api: Api, groups: list[tuple[str, str, str, list[OperationCode]]],
            prefix: str) -> str:
    title = comment_text(f"{api.title} {api.version}")
    lines = [*comment_lines(f"Client calls the operations of {title}. It is safe for concurrent "
                            "use; make one with NewClient."), "type Client struct {"]
    for field, kind, tag, _ in groups:
        lines += [*comment_lines(f"{field} holds the operations tagged {_quoted(tag)}."),
                  f"{field} *{kind}"]
    lines += ["t *transport", "}", "",
              *comment_lines(f"NewClient makes a Client: the spec's first server (WithBaseURL, "
                             f"else ${prefix}_BASE_URL, else the server with WithServerVariable's "
                             "values), the credentials the options give (else their environment "
                             "variables, see each option), DefaultTimeout per attempt, "
                             "DefaultRetryPolicy(), and parameters and request bodies checked "
                             "before sending."),
              "func NewClient(opts ...Option) (*Client, error) {",
              "t, err := newTransport(thisAPI, opts)", "if err != nil {", "return nil, err", "}",
              "c := &Client{t: t}"]
    lines += [f"c.{field} = &{kind}{{c: c}}" for field, kind, _, _ in groups]
    return "\n".join([*lines, "return c, nil", "}"]) + "\n"


def _api_var(api: Api, agent: str, credentials: tuple[Credential, ...], prefix: str) -> str:
    server = api.servers[0] if api.servers else None
    variables = server.variables if server else ()
    enums = ", ".join(f"{go_string(v.name)}: " + (
        "{" + ", ".join(go_string(e) for e in v.enum) + "}" if v.enum else "nil")
        for v in variables)
    defaults = ", ".join(f"{go_string(v.name)}: {go_string(v.default)}" for v in variables)
    schemes = []
    for s in api.security_schemes:
        kind = scheme_kind(s)
        if kind is not None:
            param = f", param: {go_string(s.param_name or '')}" if kind != "bearer" else ""
            schemes.append(f"{go_string(s.name)}: {{kind: {go_string(kind)}{param}}},")
    lines = ["var thisAPI = api{", f"server: {go_string(server.url if server else '')},"]
    if variables:
        lines += [f"variables: map[string][]string{{{enums}}},",
                  f"defaults: map[string]string{{{defaults}}},"]
    if schemes:
        lines += ["schemes: map[string]scheme{", *schemes, "},"]
    if credentials:
        lines += ["env: map[string]string{", *(
            f"{go_string(c.scheme.name)}: {go_string(c.env)}," for c in credentials), "},"]
    lines.append(f"baseURLEnv: {go_string(prefix + '_BASE_URL')},")
    return "\n".join([*lines, f"userAgent: {go_string(agent)},", "}"]) + "\n"


def _credential_option(c: Credential) -> str:
    arg = "token" if c.kind == "bearer" else "key"
    where = {"bearer": "as Authorization: Bearer", "header": f"in the header {c.scheme.param_name}",
             "query": f"in the query parameter {c.scheme.param_name}",
             "cookie": f"in the cookie {c.scheme.param_name}"}[c.kind]
    doc = comment_lines(f"{c.option} sends {arg} {where} (security scheme {c.scheme.name}) to "
                        "the operations that accept it, instead of the environment variable "
                        f"{c.env} (an empty {arg}: none). It is kept as a Secret: never printed.")
    return "\n".join([*doc, f"func {c.option}({arg} string) Option {{",
                      f"return withCredential({go_string(c.scheme.name)}, {arg})", "}"]) + "\n"


def _service(field: str, kind: str, tag: str, codes: list[OperationCode]) -> str:
    lines = [*comment_lines(f"{kind} holds the operations tagged {_quoted(tag)} (Client.{field}); each "
                            "is also a method of Client."),
             f"type {kind} struct {{", "c *Client", "}"]
    for code in codes:
        m = code.method
        lines += ["", f"// {m} is Client.{m}.",
                  f"func (s *{kind}) {m}({code.signature}) {code.returns} {{",
                  f"return s.c.{m}({code.forward})", "}", "",
                  f"// {m}WithResponse is Client.{m}WithResponse.",
                  (f"func (s *{kind}) {m}WithResponse({code.signature}) "
                  f"({code.response}, error) {{"),
                  f"return s.c.{m}WithResponse({code.forward})", "}"]
    return "\n".join(lines) + "\n"


def _quoted(tag: str) -> str:
    return '"' + comment_text(tag).replace('"', "'") + '"'
