"""Names and URLs as they go on the wire: server URL variables (E317), HTTP token names of
headers, cookies and apiKeys, OAuth/OpenID Connect URLs (E319), media type keys (E320), and
a response header OpenAPI ignores (W310). :mod:`.rules` runs them at the places :func:`~.objects.walk` found."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from ..diagnostics import Diagnostic, Location
from ..load.loader import Document
from .objects import resolved

__all__ = [
    "TOKEN", "header_problems", "media_type_problems", "security_scheme_problems",
    "server_problems",
]

_TOKEN = r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+"
TOKEN = re.compile(rf"^{_TOKEN}\Z")
"""An HTTP token (RFC 9110): what a header or cookie name is."""
_QUOTED = r'"(?:[\t !#-\[\]-~\x80-\xff]|\\[\t -~\x80-\xff])*"'
"""An RFC 9110 quoted-string: qdtext and quoted-pairs, no control character (CR, LF, NUL)."""
_MEDIA = re.compile(
    rf"(?P<type>{_TOKEN})/(?P<subtype>{_TOKEN})"
    rf"(?:[ \t]*;[ \t]*(?:{_TOKEN}=(?:{_TOKEN}|{_QUOTED}))?)*[ \t]*"
)
"""A media type or range as RFC 9110 writes one: ``type/subtype``, then ``; name=value``s
(matched whole: ``fullmatch``, so no trailing newline slips through as ``$`` would let it)."""
_URL = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+\Z")
_NAME = re.compile(r"\{([^{}]+)\}")


def _error(code: str, message: str, loc: Location) -> Diagnostic:
    return Diagnostic(code=code, message=message, location=loc)


def server_problems(document: Document, loc: Location, *, v31: bool) -> Iterator[Diagnostic]:
    node = document.get(loc)
    url = node.get("url") if isinstance(node, dict) else None
    if not isinstance(url, str):
        return
    variables = node.get("variables")
    variables = variables if isinstance(variables, dict) else {}
    for name in dict.fromkeys(_NAME.findall(url)):
        if name not in variables:
            yield _error("E317", f"server URL {url!r} names variable {name!r}, which its "
                         "'variables' do not declare", loc.child("url"))
    for name, variable in variables.items():
        enum = variable.get("enum") if isinstance(variable, dict) else None
        if v31 and isinstance(enum, list) and "default" in variable and variable["default"] not in enum:
            yield _error("E317", f"server variable {name!r}: default {variable['default']!r} is "
                         "not among its enum", loc.child("variables", name, "default"))


def security_scheme_problems(document: Document, loc: Location) -> Iterator[Diagnostic]:
    _, node = resolved(document, loc)
    if not isinstance(node, dict):
        return
    name, where = node.get("name"), node.get("in")
    if node.get("type") == "apiKey" and where in ("header", "cookie") and isinstance(name, str) \
            and not TOKEN.match(name):
        yield _error("E319", f"apiKey {where} name {name!r} is not an HTTP token (RFC 9110)",
                     loc.child("name"))
    urls = [(loc.child("openIdConnectUrl"), node.get("openIdConnectUrl"))]
    flows = node.get("flows")
    for flow, spec in (flows.items() if isinstance(flows, dict) else ()):
        for key in ("authorizationUrl", "tokenUrl", "refreshUrl"):
            if isinstance(spec, dict):
                urls.append((loc.child("flows", flow, key), spec.get(key)))
    for at, url in urls:
        if isinstance(url, str) and not _is_url(url):
            yield _error("E319", f"{at.pointer.rpartition('/')[2]} {url!r} is not a URL", at)


def _is_url(url: str) -> bool:
    """A URL, or a reference relative to the server (3.1 allows both): no spaces or stray
    characters, and an absolute one has a host and an http(s) scheme."""
    if not _URL.match(url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return not parts.scheme or (parts.scheme in ("http", "https") and bool(parts.netloc))


def header_problems(loc: Location) -> Iterator[Diagnostic]:
    """A Header Object is named by the key of its ``headers`` map: that key is the name."""
    parent, _, key = loc.pointer.rpartition("/")
    name = key.replace("~1", "/").replace("~0", "~")
    if not parent.endswith("/headers") or parent == "/components/headers":
        return
    if not TOKEN.match(name):
        yield _error("E319", f"header name {name!r} is not an HTTP token (RFC 9110)", loc)
    elif name.lower() == "content-type" and "/responses/" in parent:
        yield Diagnostic(code="W310", message="response header 'Content-Type' is ignored, as "
                         "OpenAPI says: the content's media types say it", location=loc,
                         severity="warning")


def media_type_problems(loc: Location) -> Iterator[Diagnostic]:
    """A Media Type Object is named by its key in a ``content`` map: a media type or a media
    type range (OpenAPI), which a client sends as ``Content-Type`` and ``Accept``."""
    key = loc.pointer.rpartition("/")[2].replace("~1", "/").replace("~0", "~")
    found = _MEDIA.fullmatch(key)
    if found is None:
        yield _error("E320", f"content key {key!r} is not a media type or range (RFC 9110: "
                     "type/subtype, then ; name=value parameters)", loc)
    elif found["type"] == "*" and found["subtype"] != "*":
        yield _error("E320", f"content key {key!r} is not a media type range: a range is "
                     "*/* or type/*", loc)
