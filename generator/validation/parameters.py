"""The schemas of path, query, header and cookie parameters, as validation roots: see
``docs/client-contract.md`` §5.

Parameters go through the same compiled validators as bodies. Each distinct parameter schema is
one root, named by its place in the document (a parameter shared through
``components/parameters`` is compiled once); a schema that is only a ``$ref`` to a definition
uses that definition's root. Problems are reported at the instance path ``/{in}/{name}``
(then the path inside the value) by every target's client.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from ..diagnostics import Location
from ..ir import Api, Parameter
from ..load.loader import Document

__all__ = ["ParameterRoot", "parameter_roots", "schema_location"]


@dataclass(frozen=True, slots=True, kw_only=True)
class ParameterRoot:
    """The validator of one parameter of one operation: ``root`` names a :class:`~.model.Root`
    of the model (a parameter schema's place, or a definition's key)."""

    operation: str
    location_in: str
    name: str
    root: str


def schema_location(document: Document, parameter: Parameter) -> Location | None:
    """Where the parameter's schema is: its ``schema``, or the schema of its one ``content``
    entry (``None``: it has neither, and nothing is checked)."""
    raw = document.get(parameter.location)
    if not isinstance(raw, dict):
        return None
    if "schema" in raw:
        return parameter.location.child("schema")
    content = raw.get("content")
    if isinstance(content, dict) and content:
        media = next(iter(content))
        if isinstance(content[media], dict) and "schema" in content[media]:
            return parameter.location.child("content", media, "schema")
    return None


def parameter_roots(
    document: Document, api: Api, definitions: Collection[str]
) -> tuple[list[tuple[str, Location]], list[ParameterRoot]]:
    """The roots to compile for the parameters of ``api`` (each distinct schema once; none for
    a schema that is a bare ``$ref`` to one of ``definitions``), and each parameter's root."""
    roots: dict[str, Location] = {}
    uses: list[ParameterRoot] = []
    for op in api.operations:
        for p in op.parameters:
            where = schema_location(document, p)
            if where is None:
                continue
            raw = document.get(where)
            ref = raw.get("$ref") if isinstance(raw, dict) and len(raw) == 1 else None
            target = _definition(document, where, ref, definitions)
            if target is None and str(where) in definitions:  # an inline schema made a model
                target = str(where)
            if target is None:
                target = str(where)
                roots.setdefault(target, where)
            uses.append(ParameterRoot(operation=op.operation_id, location_in=p.location_in,
                                      name=p.name, root=target))
    return list(roots.items()), uses


def _definition(document: Document, where: Location, ref: object,
                definitions: Collection[str]) -> str | None:
    """The definition a bare ``$ref`` names, if it is one of ``definitions``."""
    if not isinstance(ref, str):
        return None
    target = str(document.follow(ref, where.child("$ref")))  # resolved when loaded
    return target if target in definitions else None
