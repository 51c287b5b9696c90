"""The view of one model: a dataclass, an enum or an alias, every source fragment precomputed.

``model_package`` lays them out in the modules of the ``models`` package."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ...code import Code
from ...ir import (
    AnyValue,
    EnumDef,
    Missing,
    ObjectDef,
    Primitive,
    Property,
    Ref,
    TypeDef,
    TypeExpr,
)
from .codec import Unshaped, field_flags, shape
from .formats import FILE, FORMAT_HELPERS, FORMAT_MODULES, format_of
from .literals import docstring, literal, sentence, split_safe, thaw
from .names import Scope, snake, upper_snake
from .types import DEEP_HELPERS, TypeMapper, union

__all__ = [
    "CLASS_MEMBERS", "MODULE_NAMES", "AliasView", "ClassView", "EnumView", "alias_view", "class_view",
    "enum_view",
]

MODULE_NAMES = frozenset(
    {"Any", "Mapping", "TypeAlias", "Enum", "dataclass", "field", "UNSET", "Unset",
     "_int64", "_enum", "_to_wire", "_defer", "_defer_wire", *DEEP_HELPERS, "_Validated",
     "_Model", "annotations", "models", "validators",
     *FORMAT_HELPERS, *FORMAT_MODULES, FILE}
)
_ENTRY_COLUMN = 12  # where an entry of ``to_dict``'s dict literal starts
_LINE = 100  # the longest line the output may have (ruff's E501 in the tests)
# A class body must not shadow what its own annotations and defaults use.
_EXTRAS = "additional_properties"  # the same on every class; a property of that name gets `_`
CLASS_MEMBERS = MODULE_NAMES | frozenset(
    {"from_dict", "to_dict", "validate", "is_valid", "d", "cls", "data", "self", "out", _EXTRAS,
     "_fill", "_wire", "_wire_names", "_shapes", "_schema", "_request",
     "models", "validators"}
    | {"str", "int", "float", "bool", "list", "dict", "bytes", "object"}
    | {f"v{i}" for i in range(10)} | {f"k{i}" for i in range(10)}
)


@dataclass(frozen=True, slots=True, kw_only=True)
class FieldView:
    name: Code
    annotation: Code
    default: Code | None
    doc: Code | None


@dataclass(frozen=True, slots=True, kw_only=True)
class ClassView:
    name: Code
    doc: Code | None
    fields: tuple[FieldView, ...]
    extras: Code
    extras_annotation: Code
    extras_decode: Code
    extras_encode: Code
    decode_lines: tuple[Code, ...]
    assigns: tuple[Code, ...]  # ``self.name = value`` of each field, in spec order
    encode_init: tuple[Code, ...]
    encode_lines: tuple[Code, ...]
    validator: Code | None
    codec: tuple[Code, Code] | None
    """``_wire_names`` and ``_shapes`` (dict literals) of a class whose ``from_dict`` and
    ``to_dict`` the runtime writes (``_runtime._Model``); ``None``: they are written here."""
    forwards: bool  # may hold a readOnly property: ``to_dict`` passes ``request`` on
    deep: bool
    """On a reference cycle: ``from_dict``/``to_dict`` recurse, and go through the runtime's
    work list where the stack runs out (see ``_runtime._defer``): data of any depth."""


@dataclass(frozen=True, slots=True, kw_only=True)
class MemberView:
    name: Code
    value: Code


@dataclass(frozen=True, slots=True, kw_only=True)
class EnumView:
    name: Code
    bases: Code
    doc: Code | None
    members: tuple[MemberView, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class AliasView:
    name: Code
    annotation: Code
    doc: Code | None


_WORD = re.compile(r"[A-Za-z_]\w*")
_AMBIGUOUS = frozenset({"l", "O", "I"})


def enum_view(d: EnumDef, name: str) -> EnumView:
    scope = Scope({"name", "value", "mro"})
    members = []
    for v in d.values:
        if v.value is None:
            continue
        member = upper_snake(str(v.value))
        # ``l``, ``O`` and ``I`` read as digits (pycodestyle E741): ``O`` -> ``O_``
        member = scope.claim(f"{member}_" if member in _AMBIGUOUS else member)
        members.append(MemberView(name=Code(member), value=literal(v.value)))
    kinds = {type(v.value) for v in d.values if v.value is not None}
    base = "str, Enum" if kinds == {str} else "int, Enum" if kinds == {int} else "Enum"
    doc = docstring(sentence(d.description), "Values not listed here are kept as plain values.",
                    indent=4)
    return EnumView(name=Code(name), bases=Code(base), doc=doc, members=tuple(members))


def alias_view(d: TypeDef, name: str, mapper: TypeMapper, deferred: bool) -> AliasView:
    """An alias is a real runtime object (``Alias.from_dict`` works when it names a class, and
    ``typing.get_type_hints`` resolves annotations that use it); loading its module loads the
    modules of what it names. A ``deferred`` one (see ``model_package``) is a string."""
    ann = mapper.annotation(d.type)
    return AliasView(name=Code(name), annotation=literal(ann) if deferred else Code(ann),
                     doc=docstring(sentence(d.description), attribute=True))


def class_view(
    d: ObjectDef, name: str, mapper: TypeMapper, validator: str | None = None,
    *, deep: bool = False,
) -> ClassView:
    """The view of class ``name``; ``deep``: it lies on a reference cycle (see
    :attr:`ClassView.deep`)."""
    scope = Scope(CLASS_MEMBERS)
    fields: list[FieldView] = []
    kinds: list[tuple[Property, str, str]] = []
    codec: tuple[dict[str, str], dict[str, str]] | None = None if deep else ({}, {})
    for p in d.properties:
        py = scope.claim(snake(p.name, fallback="field"))
        kind = _kind(p)
        default = {"required": None, "optional": "None", "unset": "UNSET"}[kind]
        fixed = (d.key, p.name) in mapper.analysis.fixed_tags
        if fixed:  # ``PushReminder(device=...)``
            default = literal(mapper.analysis.fixed_tags[d.key, p.name])
        absent = {"required": (), "optional": ("None",), "unset": ("Unset",)}[kind]
        ann = union(mapper.annotation(p.type), *absent, *(("None",) if p.nullable else ()))
        fields.append(FieldView(name=Code(py), annotation=Code(ann),
                                default=Code(default) if default else None, doc=_field_doc(p)))
        flags = field_flags(kind, fixed, p.nullable, p.read_only, mapper.needs_work(p.type))
        codec = _shaped(codec, mapper, p, py, flags)
        kinds.append((p, py, kind))
    if d.additional is not None:
        codec = _shaped(codec, mapper, d.additional, _EXTRAS, "")
    view = ClassView(
        name=Code(name), doc=docstring(sentence(d.description), indent=4), fields=tuple(fields),
        extras=Code(_EXTRAS), extras_annotation=Code(_extras_annotation(d, mapper)),
        extras_decode=Code("d"), extras_encode=Code(f"self.{_EXTRAS}"), decode_lines=(),
        assigns=(), encode_init=(), encode_lines=(),
        validator=Code(validator) if validator else None, deep=deep,
        forwards=mapper.carries_read_only(Ref(key=d.key)),
        codec=None if codec is None else (_dict(codec[0]), _dict(codec[1])),
    )
    return view if codec is not None else _written(view, d, mapper, kinds)


def _written(
    view: ClassView, d: ObjectDef, mapper: TypeMapper, kinds: list[tuple[Property, str, str]]
) -> ClassView:
    """``view`` with the lines of its own ``from_dict`` and ``to_dict``."""
    decode_lines: list[Code] = []
    assigns: list[Code] = []
    encode_init: list[Code] = []
    encode_lines: list[Code] = []
    # only a class that may hold a readOnly property forwards ``request`` (see readonly.py)
    request = "request" if mapper.carries_read_only(Ref(key=d.key)) else None
    for p, py, kind in kinds:
        _decode(p, py, kind, mapper, decode_lines, assigns)
        _encode(p, py, kind, mapper, encode_init, encode_lines, request)
    _, _, extras_decode, extras_encode = _extras(d, mapper, request)
    return replace(
        view, extras_decode=Code(extras_decode), extras_encode=Code(extras_encode),
        decode_lines=tuple(decode_lines), assigns=tuple(assigns),
        encode_init=tuple(encode_init), encode_lines=tuple(encode_lines),
    )


def _shaped(
    codec: tuple[dict[str, str], dict[str, str]] | None, mapper: TypeMapper,
    p: Property | TypeExpr, py: str, flags: str,
) -> tuple[dict[str, str], dict[str, str]] | None:
    """Add a field (or the extras' values, ``p`` a type) to ``codec`` (wire names, shapes);
    ``None`` once a type has no shape (the class then writes its own methods)."""
    if codec is None:
        return None
    try:
        spec = flags + shape(mapper, p.type if isinstance(p, Property) else p)
    except Unshaped:
        return None
    entries = [(0, p.name)] if isinstance(p, Property) and p.name != py else []
    entries += [(1, spec)] if spec else []
    for at, value in entries:
        if 12 + max(len(literal(py)), len(literal(value))) + 1 > _LINE:  # a pair's own lines
            return None  # an entry no formatter can fit on its lines: the methods can
        codec[at][py] = value
    return codec


def _dict(entries: dict[str, str]) -> Code:
    """A tuple of string pairs on one line (the formatter lays it out; a tuple, not a dict,
    as class data should not be mutable)."""
    pairs = "".join(f"({literal(k)}, {literal(v)}), " for k, v in entries.items())
    return Code(f"({pairs.removesuffix(' ')})" if len(entries) == 1 else f"({pairs[:-2]})")


def _extras(d: ObjectDef, mapper: TypeMapper, request: str | None) -> tuple[str, str, str, str]:
    """Name, annotation, decode and encode of the field that keeps undescribed properties.

    A typed ``additionalProperties`` schema types (and decodes) them; ``false`` still keeps
    what arrives, so a newer server does not break an older client.
    """
    attr = f"self.{_EXTRAS}"
    t = d.additional if d.additional is not None else AnyValue()
    if isinstance(t, AnyValue):
        return _EXTRAS, "dict[str, Any]", "d", attr
    conv, back = mapper.decode(t, "v"), mapper.encode(t, "v", request=request)
    decode = f"{{k: {conv} for k, v in d.items()}}" if conv else "d"
    encode = f"{{k: {back} for k, v in {attr}.items()}}" if back else attr
    return _EXTRAS, f"dict[str, {mapper.annotation(t)}]", decode, encode


def _extras_annotation(d: ObjectDef, mapper: TypeMapper) -> str:
    """The annotation of the field that keeps undescribed properties (see :func:`_extras`)."""
    t = d.additional if d.additional is not None else AnyValue()
    return "dict[str, Any]" if isinstance(t, AnyValue) else f"dict[str, {mapper.annotation(t)}]"


def _kind(p: Property) -> str:
    if p.required:
        return "required"
    return "unset" if p.nullable else "optional"


def _field_doc(p: Property) -> Code | None:
    notes = []
    if isinstance(p.type, Primitive) and p.type.kind == "string" and p.type.format:
        kept = "" if format_of(p.type) else " (kept as the string sent on the wire)"
        if p.type.format == "binary":
            kept = (" (bytes, a binary file object or a (filename, content, content_type)"
                    " triple; sent as a file part)")
        notes.append(f"Format: {p.type.format}{kept}.")
    if not isinstance(p.default, Missing):
        notes.append(f"Server default: {thaw(p.default)!r}.")
    if p.read_only:
        notes.append("Read-only: set by the server.")
    if p.write_only:
        notes.append("Write-only: never returned by the server.")
    if p.deprecated:
        notes.append("Deprecated.")
    return docstring(sentence(p.description), " ".join(notes), indent=4, attribute=True)


def _decode(
    p: Property, py: str, kind: str, mapper: TypeMapper, lines: list[Code], assigns: list[Code]
) -> None:
    """Lines that decode ``p`` into a local (when it needs work) and its ``self.`` assignment."""
    wire = literal(p.name)
    conv = mapper.decode(p.type, py, field=p.name)
    if kind == "required" and not p.nullable:
        expr = f"d.pop({wire})"
        assigns.append(Code(f"self.{py} = {mapper.decode(p.type, expr, field=p.name) or expr}"))
        return
    absent = "UNSET" if kind == "unset" else "None"
    if conv is None:
        pop = f"d.pop({wire}{'' if kind == 'required' else ', ' + absent})"
        assigns.append(Code(f"self.{py} = {pop}"))
        return
    pop = f"d.pop({wire})" if kind == "required" else f"d.pop({wire}, {absent})"
    lines.append(Code(f"{py} = {pop}"))
    test = f"{py} is not None" + (f" and {py} is not UNSET" if kind == "unset" else "")
    lines.append(Code(f"if {test}:"))
    lines.append(Code(f"    {py} = {conv}"))
    assigns.append(Code(f"self.{py} = {py}"))


def _encode(
    p: Property, py: str, kind: str, mapper: TypeMapper, init: list[Code], lines: list[Code],
    request: str | None,
) -> None:
    wire = literal(p.name)
    attr = f"self.{py}"
    conv = mapper.encode(p.type, attr, request=request)
    value = conv or attr
    if p.nullable and conv is not None:
        value = f"None if {attr} is None else {conv}"
    if kind == "required":  # an entry of the dict literal, alone on its line at column 12
        if p.nullable and conv is not None:
            value = split_safe(value, _ENTRY_COLUMN + len(f"{wire}: "))
        init.append(Code(f"{wire}: {value},"))
        return
    test = f"{attr} is not None" if kind == "optional" else f"{attr} is not UNSET"
    if p.read_only:  # readOnly is never required in a model (see build/schemas.py)
        test = f"{test} and not request"
    lines.append(Code(f"if {test}:"))
    lines.append(Code(f"    out[{wire}] = {value}"))
