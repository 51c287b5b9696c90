"""String formats that become Python types: ``date-time``, ``date``, ``uuid`` and ``byte``.

Each maps to an annotation, a decoding helper of the generated ``_runtime`` module (which raises
``ValueError`` naming the field for a malformed value) and an encoding expression. Every other
format (``email``, ``uri``, ``binary`` in JSON…) stays the ``str`` sent on the wire.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...ir import Primitive, TypeExpr

__all__ = ["FILE", "FORMAT_HELPERS", "FORMAT_MODULES", "Format", "annotation_of", "format_of",
           "module_imports", "runtime_formats"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Format:
    annotation: str
    decoder: str  # ``_runtime`` helper: (wire value, field name) -> Python value
    encoder: str  # ``{}`` is the Python value's source


_FORMATS = {
    "date-time": Format(annotation="datetime.datetime", decoder="_datetime",
                        encoder="_datetime_str({})"),
    "date": Format(annotation="datetime.date", decoder="_date", encoder="{}.isoformat()"),
    "uuid": Format(annotation="uuid.UUID", decoder="_uuid", encoder="str({})"),
    "byte": Format(annotation="bytes", decoder="_base64", encoder="_base64_str({})"),
}
FORMAT_HELPERS = ("_datetime", "_datetime_str", "_date", "_uuid", "_base64", "_base64_str")
# ``format: binary`` is a file: ``bytes``, ``str``, a binary file object or a
# ``(filename, content, content_type)`` triple, passed through untouched (``_runtime`` defines it).
FILE = "FileUpload"
FORMAT_MODULES = ("datetime", "uuid")  # imported as modules: ``datetime.date`` never shadows


def runtime_formats() -> str:
    """The ``_runtime`` module's table of these formats (the models' codec writer reads it):
    each format's decoding helper and encoding expression, as a Python literal."""
    return repr({name: (f.decoder, f.encoder) for name, f in _FORMATS.items()})


def module_imports(source: str) -> list[str]:
    """``import datetime`` / ``import uuid`` for the annotations in ``source`` (code, no prose)."""
    uses = {"datetime": r"\bdatetime\.date(time)?\b", "uuid": r"\buuid\.UUID\b"}
    return [f"import {m}" for m in FORMAT_MODULES if re.search(uses[m], source)]


def annotation_of(t: TypeExpr) -> str | None:
    """The annotation of a formatted string (``None``: not one, or a format kept as ``str``)."""
    fmt = format_of(t)
    if fmt is not None:
        return fmt.annotation
    binary = isinstance(t, Primitive) and t.kind == "string" and t.format == "binary"
    return FILE if binary else None


def format_of(t: TypeExpr) -> Format | None:
    """The Python type of a formatted string, or ``None`` when ``t`` is not one."""
    if isinstance(t, Primitive) and t.kind == "string" and not t.wire_string and t.format:
        return _FORMATS.get(t.format)
    return None
