"""The clients' classes and their constructor in ``client.py``: credentials, server variables,
the API's fixed fields (``_http.Api``: server, schemes, environment, user agent) and the
classes' docstrings. :mod:`.client` composes them with the operations.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...analysis.credentials import SchemeCredential
from ...code import Code
from ...ir import Api
from .literals import docstring, literal
from .names import snake

__all__ = ["ClassView", "Credential", "api_fields", "classes", "credential", "init_config",
           "init_signature"]


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


def classes(api: Api, credentials: tuple[Credential, ...]) -> tuple[ClassView, ...]:
    """``Client`` and ``AsyncClient``: the same operations over ``httpx``'s two clients."""
    return (
        ClassView(name=Code("Client"), base=Code("_http.SyncClient"),
                  http=Code("httpx.Client"), is_async=False,
                  doc=_client_doc(api, credentials, "httpx.Client")),
        ClassView(name=Code("AsyncClient"), base=Code("_http.AsyncClient"),
                  http=Code("httpx.AsyncClient"), is_async=True,
                  doc=_client_doc(api, credentials, "httpx.AsyncClient")),
    )


def credential(c: SchemeCredential) -> Credential:
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


def api_fields(
    api: Api, credentials: tuple[Credential, ...], env: dict[str, str], package: str
) -> tuple[Code, ...]:
    """The fields of the module's ``_http.Api``: the first server's URL, the security schemes
    that have a credential argument, each credential's environment variable (``env``) and the
    user agent (``package``/``version``)."""
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


def init_signature(
    credentials: tuple[Credential, ...], variables: tuple[tuple[str, str], ...],
    defaults: dict[str, str],
) -> tuple[Code, ...]:
    """The constructor's keyword arguments: the credentials, the server's variables (with
    their ``defaults``), then what every client takes."""
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


def init_config(
    credentials: tuple[Credential, ...], variables: tuple[tuple[str, str], ...]
) -> tuple[Code, ...]:
    """The arguments the constructor passes on to its ``_http.Config``."""
    given = ", ".join(f"{literal(c.arg)}: {c.arg}" for c in credentials)
    values = ", ".join(f"{literal(wire)}: {py}" for wire, py in variables)
    return tuple(Code(line) for line in (
        "base_url=base_url", f"variables={{{values}}}", f"credentials={{{given}}}",
        "auth=auth", "timeout=timeout", "retry=retry", "validate=validate", "clock=clock",
    ))


def _client_doc(api: Api, credentials: tuple[Credential, ...], http: str) -> Code | None:
    """The docstring of a client class over ``http`` (``httpx.Client`` or its async twin)."""
    creds = "; ".join(f"``{c.arg}`` (else ${c.env})" for c in credentials) or "none"
    return docstring(
        f"{api.title} {api.version}.",
        f"Credentials: {creds}; any other scheme through ``auth`` (an ``httpx.Auth``). "
        f"``http_client`` may be an {http} of your own; it is not closed by ``close()``. "
        "Timeouts, retries and pre-send validation set here apply to every call, and each "
        "method can override them.",
        indent=4,
    )
