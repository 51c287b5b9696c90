"""The validation IR: JSON Schema keywords as a frozen, language-neutral tree.

A :class:`Schema` is a list of keyword checks, each keeping the place of its keyword in the user's
document and the error code the API reports when it fails (``x-error-codes``, else the keyword).
``$ref`` targets are compiled once into named :class:`Definition` values; a :class:`RefCheck` names
its target, so recursion needs no cycles in the tree. Targets dispatch on :data:`Check` with
``match`` + ``assert_never``. The checks and the tree's nodes (:class:`Schema`,
:class:`BooleanSchema`, :data:`SchemaNode`: one recursive type with the checks) are defined in
:mod:`.checks` and re-exported here.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..diagnostics import Diagnostic
from .checks import BooleanSchema, Schema, SchemaNode

__all__ = ["BooleanSchema", "Definition", "Root", "Schema", "SchemaNode", "ValidationModel"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Definition:
    """A schema compiled once; ``name`` is a stable key (``file#pointer``), not an identifier."""

    name: str
    schema: SchemaNode
    recursive: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class Root:
    """A public entry point: ``name`` is the identifier the caller chose, ``target`` a definition."""

    name: str
    target: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ValidationModel:
    source_name: str
    roots: tuple[Root, ...]
    definitions: tuple[Definition, ...]
    warnings: tuple[Diagnostic, ...]
