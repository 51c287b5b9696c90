"""What a keyword handler sees: the :class:`Scope` of the schema object being compiled.

The handlers (:mod:`.handlers`, :mod:`.applicators`, :mod:`.objects`) read their keyword from a
scope and compile subschemas through it; the scope reaches the build stage only through the
:class:`Builder` protocol, so no handler imports :mod:`.build` or :mod:`.keywords` back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from ..diagnostics import Diagnostic, Location, Severity
from ..load.loader import Document
from .capabilities import Capabilities
from .checks import Check, SchemaNode, Site
from .refs import Resolver

__all__ = ["Builder", "Context", "Dialect", "Handler", "Scope"]

Dialect = Literal["draft4", "2020-12"]
Context = tuple[tuple[str, Location], ...]
"""Dynamic anchor name -> where the outermost resource that declares it declares it."""


class Builder(Protocol):
    """The build stage as the handlers see it (implemented by ``build._Builder``)."""

    document: Document
    dialect: Dialect
    assert_formats: bool
    capabilities: Capabilities
    openapi: bool
    resolver: Resolver
    problems: list[Diagnostic]

    def reference(self, location: Location, context: Context = ()) -> str:
        """Name the definition at ``location``, compiling it later if it is new."""
        ...

    def node(self, location: Location, context: Context = ()) -> SchemaNode:
        """Compile the (inline) schema at ``location``, or refer to it if it is a root."""
        ...


@dataclass(frozen=True, slots=True, kw_only=True)
class Scope:
    """A schema object being compiled: the builder, its location, its raw value and codes."""

    builder: Builder
    location: Location
    context: Context = ()
    raw: Any = None
    codes: tuple[tuple[str, str], ...] = ()

    @property
    def draft4(self) -> bool:
        return self.builder.dialect == "draft4"

    def site(self, keyword: str) -> Site:
        code = dict(self.codes).get(keyword, keyword)
        return Site(keyword=keyword, location=self.location.child(keyword), code=code)

    def sub(self, *tokens: str | int) -> SchemaNode:
        return self.builder.node(self.location.child(*tokens), self.context)

    def subs(self, keyword: str) -> tuple[SchemaNode, ...]:
        value = self.raw[keyword]
        if not isinstance(value, list):
            self.problem("E402", f"{keyword} must be an array of schemas", keyword)
            return ()
        return tuple(self.sub(keyword, i) for i in range(len(value)))

    def problem(self, code: str, message: str, *tokens: str, warning: bool = False) -> None:
        severity: Severity = "warning" if warning else "error"
        where = self.location.child(*tokens)
        self.builder.problems.append(
            Diagnostic(code=code, message=message, location=where, severity=severity)
        )


Handler = Callable[[Scope], list[Check]]
