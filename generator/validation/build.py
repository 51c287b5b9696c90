"""Build the validation IR from raw JSON Schema, reporting what cannot be validated.

:func:`build_validation` walks the schemas reachable from the given roots, compiles every ``$ref``
target once into a named :class:`~.model.Definition` and raises :class:`SpecError` with every
unsupported keyword, bad value or unresolvable reference it found. Unknown keywords are JSON Schema
annotations: they become warnings, never silent "always valid" errors of omission.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..analysis.graph import on_cycles
from ..diagnostics import Diagnostic, Location, SpecError
from ..load.loader import Document
from ..load.structure import MALFORMED, explained
from .capabilities import Capabilities
from .checks import RefCheck, Site
from .keywords import compile_schema
from .model import Definition, Root, Schema, SchemaNode, ValidationModel, references
from .parameters import ParameterRoot
from .refs import Resolver
from .scope import Context, Dialect, Scope

__all__ = ["Dialect", "build_for_dialect", "build_validation"]


def build_validation(
    document: Document,
    openapi_version: str,
    roots: Sequence[tuple[str, Location]],
    *,
    capabilities: Capabilities,
    assert_formats: bool = True,
    parameters: tuple[Sequence[tuple[str, Location]], Sequence[ParameterRoot]] = ((), ()),
) -> ValidationModel:
    """Compile the schemas at ``roots`` (public name, location) of an OpenAPI document, then
    the parameters' (``parameters``: their roots and uses, from
    :func:`~.parameters.parameter_roots`), so their definitions come after all others.

    OpenAPI 3.0 uses its draft4-like dialect (``nullable``, boolean ``exclusive*``); 3.1 uses 2020-12.
    ``capabilities`` are the target's: a pattern or format it cannot check is a diagnostic.
    """
    dialect: Dialect = "draft4" if openapi_version.startswith("3.0") else "2020-12"
    try:
        return build_for_dialect(document, dialect, roots, capabilities=capabilities,
                                 assert_formats=assert_formats, openapi=True,
                                 parameters=parameters)
    except MALFORMED as exc:  # a malformed schema: say where, from the structural lint
        raise explained(document, exc) from None


def build_for_dialect(
    document: Document,
    dialect: Dialect,
    roots: Sequence[tuple[str, Location]],
    *,
    capabilities: Capabilities,
    assert_formats: bool = True,
    openapi: bool = False,
    parameters: tuple[Sequence[tuple[str, Location]], Sequence[ParameterRoot]] = ((), ()),
) -> ValidationModel:
    """Compile the schemas at ``roots`` in the given JSON Schema dialect; raise ``SpecError``.

    ``openapi``: a ``readOnly``/``writeOnly`` property is not required (OpenAPI: "required"
    applies to the response only / to the request only, and one validator serves both).
    ``parameters``: see :func:`build_validation`.
    """
    builder = _Builder(document, dialect, capabilities, assert_formats, openapi)
    model_roots = tuple(Root(name=name, target=builder.reference(loc)) for name, loc in roots)
    builder.shared.update(r.target for r in model_roots)
    builder.drain()
    more = tuple(Root(name=name, target=builder.reference(loc)) for name, loc in parameters[0])
    definitions = builder.drain()
    errors = [d for d in builder.problems if d.severity == "error"]
    if errors:
        raise SpecError(errors)
    warnings = tuple(d for d in builder.problems if d.severity != "error")
    return ValidationModel(
        source_name=document.entry,
        roots=model_roots + more,
        definitions=_mark_recursive(definitions),
        warnings=warnings,
        parameters=tuple(parameters[1]),
        parameter_roots=len(more),
    )


class _Builder:
    def __init__(
        self,
        document: Document,
        dialect: Dialect,
        capabilities: Capabilities,
        assert_formats: bool,
        openapi: bool = False,
    ) -> None:
        self.openapi = openapi
        self.capabilities = capabilities
        self.document = document
        self.dialect = dialect
        self.assert_formats = assert_formats
        self.resolver = Resolver(document, "id" if dialect == "draft4" else "$id")
        self.problems: list[Diagnostic] = []
        self._compiled: dict[str, SchemaNode] = {}
        # roots met again inside another schema (an inline object that is a model of its own)
        # are compiled once, as their definition, and referred to: compiled inline too, each
        # level of nesting would repeat everything below it (GitHub's validators: 1.9 M lines)
        self.shared: set[str] = set()
        self._queue: dict[str, tuple[Location, Context]] = {}
        self._seen: set[str] = set()

    def reference(self, location: Location, context: Context = ()) -> str:
        """Name the definition at ``location``, compiling it later if it is new."""
        name = str(location)
        if context:
            # one definition per dynamic context (only JSON Schema's $dynamicRef makes one)
            name += " in " + " ".join(f"{n}={loc}" for n, loc in context)
        if name not in self._seen:
            self._seen.add(name)
            self._queue[name] = (location, context)
        return name

    def node(self, location: Location, context: Context = ()) -> SchemaNode:
        """Compile the (inline) schema at ``location``, or refer to it if it is a root: its
        definition is compiled from the same place in the same (empty) dynamic context, so it
        has the same checks, sites and messages."""
        name = str(location)
        if not context and name in self.shared:
            site = Site(keyword="$ref", location=location, code="$ref")  # no keyword: never shown
            return Schema(location=location, checks=(RefCheck(site=site, target=name),))
        return compile_schema(Scope(builder=self, location=location, context=context))

    def drain(self) -> list[Definition]:
        while self._queue:
            name = next(iter(self._queue))
            location, context = self._queue.pop(name)
            self._compiled[name] = compile_schema(
                Scope(builder=self, location=location, context=context)
            )
        return [Definition(name=n, schema=s, recursive=False) for n, s in self._compiled.items()]


def _mark_recursive(definitions: list[Definition]) -> tuple[Definition, ...]:
    """Each definition, marked recursive when it reaches itself (one strongly-connected-parts
    pass: linear, where a walk from every definition was quadratic on a ring of thousands)."""
    edges = {d.name: set(references(d.schema)) for d in definitions}
    graph = {name: {r for r in refs if r in edges} for name, refs in edges.items()}
    cyclic = on_cycles(graph)
    return tuple(Definition(name=d.name, schema=d.schema, recursive=d.name in cyclic)
                 for d in definitions)
