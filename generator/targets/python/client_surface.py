"""The client's surface beyond one method per operation (``docs/client-contract.md`` §2, §3):
raw responses (``client.with_raw_response.<op>``), typed response headers (a dataclass per
operation in ``response_headers.py``) and operation groups (``client.<group>.<op>``).

Groups are the shared analysis' (:attr:`Analysis.groups`); here they get their Python names,
claimed in a scope reserved with the client's own members, every renaming a W502 warning.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ...analysis import Analysis
from ...analysis.headers import declared_headers, header_read
from ...analysis.naming import claimed
from ...code import Code
from ...diagnostics import Diagnostic
from ...ir import Api, ResponseHeader
from .formats import FILE, FORMAT_MODULES
from .literals import docstring, literal
from .models import CLASS_MEMBERS
from .names import BUILTINS, Scope, pascal, snake

__all__ = ["CLIENT_MEMBERS", "MODULE_NAMES", "GroupView", "HeaderField", "HeadersView",
           "class_names_taken", "group_views", "group_warnings", "headers_views", "method_names",
           "raw_calls"]

CLIENT_MEMBERS = frozenset({"with_raw_response", "close", "aclose", "base_url"})
"""The public members every client class has besides its operations."""
MODULE_NAMES = frozenset({
    "annotations", "httpx", "_http", "Any", "Client", "AsyncClient", "_API", "validators",
    "models", *FORMAT_MODULES, FILE, "functools", "_response", "response_headers",
    "ClientWithRawResponse", "AsyncClientWithRawResponse"})
"""The names ``client.py`` imports or defines itself (its other names are claimed)."""
_CLASS_NAMES = frozenset({"_send", "_request", "_config", "_http", "_client", "_result",
                          "_delay", "_base", "_auth", "_timeout", "_owns_http", *CLIENT_MEMBERS})
_HEADER_MODULE = frozenset({"annotations", "httpx", "dataclass", "_response"})
_PARSERS = {"integer": ("int", "header_int"), "number": ("float", "header_float"),
            "boolean": ("bool", "header_bool")}


@dataclass(frozen=True, slots=True, kw_only=True)
class GroupView:
    """One tag's operations on the client: ``client.<attr>`` (sync and async classes, each
    with a raw-response twin)."""

    attr: Code
    doc: Code | None
    sync: Code
    asynchronous: Code
    sync_raw: Code
    async_raw: Code
    methods: tuple[Code, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class HeaderField:
    attr: Code
    annotation: Code
    parse: Code
    doc: Code | None


@dataclass(frozen=True, slots=True, kw_only=True)
class HeadersView:
    """``<Op>ResponseHeaders``: the headers an operation's success responses declare."""

    operation: str
    name: Code
    doc: Code | None
    fields: tuple[HeaderField, ...]


def method_names(api: Api) -> list[str]:
    """The client method of each operation, in spec order, claimed in the shared order (an
    ``operationId`` the spec gives before a name derived from method and path)."""
    methods = Scope(_CLASS_NAMES | MODULE_NAMES)  # a method "models" would shadow the module
    return claimed(api.operations, lambda op: methods.claim(snake(op.operation_id,
                                                                   fallback="call")))


def class_names_taken(api: Api) -> frozenset[str]:
    """The names the client classes have or use: their methods, and the modules their
    decorators and annotations name (a group may be called none of them)."""
    return frozenset(method_names(api)) | MODULE_NAMES


def raw_calls(api: Api, methods: Mapping[str, str], headers: Mapping[str, HeadersView],
              claim: Callable[[str], str]
              ) -> tuple[tuple[tuple[Code, Code], ...], tuple[tuple[Code, Code], ...]]:
    """``(method, how its typed headers are read)`` per operation, and the ``_headers_<op>``
    functions that read them: each loads ``response_headers`` on first use, so building
    ``with_raw_response`` loads no module (GitHub declares headers on 242 operations)."""
    parsers = {op.operation_id: (Code(claim(f"_headers_{methods[op.operation_id]}")),
                                 headers[op.operation_id].name)
               for op in api.operations if op.operation_id in headers}
    raw = tuple((Code(methods[op.operation_id]),
                 parsers[op.operation_id][0] if op.operation_id in parsers else Code("None"))
                for op in api.operations)
    return raw, tuple(parsers.values())


def _group_names(analysis: Analysis, taken: frozenset[str]) -> list[tuple[str, str]]:
    """``(wanted, given)`` attribute name of each group, in group order; ``taken``: the names
    the client class body has or uses (its methods; the modules its annotations name)."""
    scope = Scope(CLIENT_MEMBERS | taken)
    out = []
    for g in analysis.groups:
        wanted = snake(" ".join(g.words), fallback="group")
        out.append((wanted, scope.claim(wanted)))
    return out


def group_views(analysis: Analysis, methods: Mapping[str, str], taken: frozenset[str],
                claim: Callable[[str], str]) -> tuple[GroupView, ...]:
    """The groups of the API; ``methods``: operation id -> client method name; ``taken``: see
    :func:`group_warnings`; ``claim`` hands out the module's class names."""
    out = []
    names = _group_names(analysis, taken)
    for g, (_, attr) in zip(analysis.groups, names, strict=True):
        base = pascal(attr, fallback="Tagged") + "Group"  # ``todos_2`` -> ``Todos2Group``
        out.append(GroupView(
            attr=Code(attr), doc=docstring(f"The operations tagged {g.tag!r}.", indent=8),
            sync=Code(claim(base)), asynchronous=Code(claim(f"Async{base}")),
            sync_raw=Code(claim(f"{base}WithRawResponse")),
            async_raw=Code(claim(f"Async{base}WithRawResponse")),
            methods=tuple(Code(methods[op.operation_id]) for op in g.operations),
        ))
    return tuple(out)


def group_warnings(analysis: Analysis, taken: frozenset[str]) -> list[Diagnostic]:
    """W502 for every group whose wanted name was taken (by a client member, a name the client
    class body uses, a keyword or an earlier group), at the first tag of its first operation.
    ``taken``: the client's methods and the module names its annotations use (a group named
    ``models`` would shadow the module in every annotation of the class)."""
    out = []
    for g, (wanted, given) in zip(analysis.groups, _group_names(analysis, taken), strict=True):
        if wanted != given:
            out.append(Diagnostic(
                code="W502", severity="warning",
                message=f"the Python group of tag {g.tag!r} is {given!r}: {wanted!r} is taken "
                        "(a client member or a name its class uses, a keyword, or another tag's group)",
                location=g.operations[0].location.child("tags", 0),
            ))
    return out


def headers_views(api: Api, analysis: Analysis) -> dict[str, HeadersView]:
    """Operation id -> its typed response headers, for operations whose success responses
    declare any (:func:`~generator.analysis.headers.declared_headers`: the first declaration
    of a name wins, compared case-insensitively)."""
    scope = Scope(BUILTINS | _HEADER_MODULE)
    out = {}
    for op in api.operations:
        declared = declared_headers(op)
        if declared:
            name = scope.claim(pascal(op.operation_id, fallback="Operation") + "ResponseHeaders")
            fields = Scope(CLASS_MEMBERS | {"from_headers"})
            out[op.operation_id] = HeadersView(
                operation=op.operation_id, name=Code(name),
                doc=docstring(f"The response headers {op.operation_id} declares, typed; a "
                              "value that does not parse is kept as text.", indent=4),
                fields=tuple(_field(h, fields.claim(snake(h.name, fallback="header")), analysis)
                             for h in declared),
            )
    return out


def _field(h: ResponseHeader, attr: str, analysis: Analysis) -> HeaderField:
    """The field of header ``h``, read by the shared rule (:func:`~generator.analysis.headers.
    header_read`): an integer, number or boolean, a list of one, a list of texts, or text."""
    get = f"headers.get({literal(h.name)})"
    read = header_read(h, analysis.defs)
    parsed = _PARSERS.get(read.scalar)
    if read.is_list and parsed is not None:
        py, parser = parsed
        ann, parse = f"list[{py}] | str | None", f"_response.header_list({get}, _response.{parser})"
    elif read.is_list:
        ann, parse = "list[str] | None", f"_response.header_texts({get})"
    elif parsed is not None:
        py, parser = parsed
        ann, parse = f"{py} | str | None", f"_response.{parser}({get})"
    else:
        ann, parse = "str | None", get
    return HeaderField(attr=Code(attr), annotation=Code(ann), parse=Code(parse),
                       doc=docstring(f"``{h.name}``", h.description or "", indent=4,
                                     attribute=True))
