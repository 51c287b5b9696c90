"""The credentials a client takes, and the environment variables it reads them from: one rule
for every target (``docs/client-contract.md`` section 6).

A bearer-like scheme (``http`` ``bearer``, ``oauth2``, ``openIdConnect``) and an ``apiKey``
scheme in a header, the query or a cookie each have a credential; any other scheme (basic,
digest, mutual TLS) is served by the client's auth hook. The credential's words name it in
every language: ``token`` when the API has one bearer-like scheme, ``api key`` when it has one
API key scheme, else the scheme's words (and ``token`` for a bearer-like one). Its environment
variable is the project's prefix and those words, upper case, joined by ``_``
(``TAMS_CREDITS_TOKEN``), and the base URL's is ``<PREFIX>_BASE_URL``.

The prefix (:func:`env_prefix`) is the ``env_prefix`` setting of ``[tool.specgen]`` when set,
else the words of the project's top-level ``package`` (the name given once for every target),
else those of the spec's ``info.title``: never one language's package, so the Python, TypeScript
and Go clients of one spec read the same variables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ..ir import Api, SecurityScheme
from .naming import words

__all__ = ["ENV_PREFIX", "CredentialKind", "SchemeCredential", "credentials", "env_prefix",
           "env_prefix_problem", "scheme_kind"]

CredentialKind = Literal["bearer", "header", "query", "cookie"]
"""How a credential travels: ``Authorization: Bearer``, or an API key's header, query parameter
or cookie."""

ENV_PREFIX = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*")
"""A good ``env_prefix``: upper-case ASCII letters and digits in ``_``-separated words, starting
with a letter (a portable environment variable name, POSIX's convention for shells)."""

_BEARER_LIKE = frozenset({"oauth2", "openIdConnect"})


@dataclass(frozen=True, slots=True, kw_only=True)
class SchemeCredential:
    """The credential of one ``scheme``: how it travels (``kind``), its ``words`` (each target
    casts them: ``api_key``, ``apiKey``, ``WithAPIKey``), whether it is the only one of its
    kind's group (``single``: named ``token`` or ``api key``; else the scheme's words as the spec
    cases them, and ``token`` for a bearer-like one) and its environment variable."""

    scheme: SecurityScheme
    kind: CredentialKind
    words: tuple[str, ...]
    single: bool
    env: str


def scheme_kind(s: SecurityScheme) -> CredentialKind | None:
    """How ``s``'s credential travels, or ``None`` for a scheme the auth hook serves (basic,
    digest, mutual TLS, an API key without a place or a name)."""
    if (s.kind == "http" and (s.scheme or "").lower() == "bearer") or s.kind in _BEARER_LIKE:
        return "bearer"
    if s.kind == "apiKey" and s.param_name:
        match s.location_in:
            case "header":
                return "header"
            case "query":
                return "query"
            case "cookie":
                return "cookie"
    return None


def credentials(api: Api, prefix: str) -> tuple[SchemeCredential, ...]:
    """One credential per bearer-like scheme, then one per API key scheme, in spec order; each
    read from ``{prefix}_{WORDS}`` when the client is not given it. Names are unique: a second
    scheme whose words are another's (``api-key``, ``apiKey``) or the base URL's gets ``2``,
    ``3``… after them (``API_KEY_2``), in every language."""
    bearer = [s for s in api.security_schemes if scheme_kind(s) == "bearer"]
    keys = [s for s in api.security_schemes if scheme_kind(s) not in ("bearer", None)]
    out = []
    taken = {f"{prefix}_BASE_URL"}  # two schemes whose words agree (api-key, apiKey) get 2, 3…
    for group, single, suffix in ((bearer, ("token",), ("token",)), (keys, ("api", "key"), ())):
        for s in group:
            wanted = single if len(group) == 1 else (
                *(words(s.name) or ["credential"]), *suffix)
            named, count = wanted, 1
            while (env := "_".join([prefix, *(w.upper() for w in named)])) in taken:
                count += 1
                named = (*wanted, str(count))
            taken.add(env)
            kind = scheme_kind(s)
            assert kind is not None
            out.append(SchemeCredential(scheme=s, kind=kind, words=named, single=len(group) == 1,
                                        env=env))
    return tuple(out)


def env_prefix(configured: str, name: str, title: str) -> str:
    """The prefix of the clients' environment variables: ``configured`` (the ``env_prefix``
    setting) as it is, else the words of ``name`` (the project's package), else of ``title``,
    upper case, joined by ``_`` (``API`` when there are none; ``API_`` before a leading digit)."""
    if configured:
        return configured
    prefix = "_".join(w.upper() for w in words(name) or words(title)) or "API"
    return f"API_{prefix}" if prefix[0].isdigit() else prefix


def env_prefix_problem(value: object) -> str | None:
    """Why ``value`` cannot be the ``env_prefix`` setting (``None``: it can; empty: derived)."""
    if not isinstance(value, str):
        return "env_prefix must be a string"
    if value and not ENV_PREFIX.fullmatch(value):
        return (f"env_prefix {value!r} is not an environment variable prefix (upper-case ASCII "
                "letters and digits in words joined by '_', starting with a letter: ACME_API)")
    return None
