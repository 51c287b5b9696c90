"""The view of ``models.py``: dataclasses, enums and aliases, every source fragment precomputed."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from ...code import Code
from ...ir import AnyValue, Api, EnumDef, Missing, ObjectDef, Primitive, Property, TypeDef
from .literals import docstring, literal, thaw
from .names import BUILTINS, Scope, pascal, snake, upper_snake
from .types import TypeMapper, UnionDecoder

__all__ = ["MODULE_NAMES", "ModelsView", "models_view"]

MODULE_NAMES = frozenset(
    {"Any", "Mapping", "TypeAlias", "Enum", "dataclass", "field", "UNSET", "Unset",
     "_int64", "_enum", "_enum_value", "_to_wire", "annotations"}
)
# A class body must not shadow what its own annotations and defaults use.
_EXTRAS = "additional_properties"  # the same on every class; a property of that name gets `_`
_CLASS_MEMBERS = MODULE_NAMES | frozenset(
    {"from_dict", "to_dict", "validate", "is_valid", "d", "cls", "data", "self", "out", _EXTRAS}
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
    args: tuple[Code, ...]
    encode_init: tuple[Code, ...]
    encode_lines: tuple[Code, ...]
    validator: Code | None


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


@dataclass(frozen=True, slots=True, kw_only=True)
class ModelsView:
    header: Code
    doc: Code | None
    enums: tuple[EnumView, ...]
    classes: tuple[ClassView, ...]
    aliases: tuple[AliasView, ...]
    decoders: tuple[UnionDecoder, ...]
    exports: tuple[Code, ...]
    names: dict[str, str]
    imports: tuple[Code, ...]


def class_names(api: Api, reserved: frozenset[str] = frozenset()) -> dict[str, str]:
    """Definition key -> class name; components claim names before inline schemas.

    ``reserved`` holds what the package exports besides models (``Client``, error classes…).
    """
    scope = Scope(MODULE_NAMES | BUILTINS | reserved)
    order = sorted(enumerate(api.definitions), key=lambda p: (len(p[1].name) > 1, p[0]))
    return {d.key: scope.claim(pascal(*d.name)) for _, d in order}


def models_view(
    api: Api, header: Code, *, reserved: frozenset[str] = frozenset(),
    validators: Mapping[str, str] | None = None,
) -> ModelsView:
    """Build the view of the models module of ``api``.

    ``validators`` maps a definition key to the name its validators carry in the package's
    ``validators`` module (``credits_request`` -> ``validate_credits_request``); models with one
    get ``validate()`` and ``is_valid()``.
    """
    names = class_names(api, reserved)
    validators = validators or {}
    scope = Scope(MODULE_NAMES | BUILTINS | set(names.values()))
    mapper = TypeMapper({d.key: d for d in api.definitions}, names, scope.claim)
    enums, classes, aliases = [], [], []
    later = [names[d.key] for d in api.definitions if isinstance(d, TypeDef)]
    for d in api.definitions:
        if isinstance(d, EnumDef):
            enums.append(_enum_view(d, names[d.key]))
        elif isinstance(d, ObjectDef):
            classes.append(_class_view(d, names[d.key], mapper, validators.get(d.key)))
        else:
            aliases.append(_alias_view(d, names[d.key], mapper, later))
            later.pop(0)
    exports = tuple(Code(n) for n in sorted(names.values(), key=_isort_key))
    view = ModelsView(
        header=header, doc=docstring(f"Data models of {api.title} {api.version}."),
        enums=tuple(enums), classes=tuple(classes), aliases=tuple(aliases),
        decoders=tuple(mapper.decoders), exports=exports, names=names, imports=(),
    )
    return replace(view, imports=_imports(view))


def _isort_key(name: str) -> tuple[int, str]:
    """isort's (and ruff's) order-by-type: CONSTANTS, then Classes, then the rest."""
    kind = 0 if name.isupper() and len(name) > 1 else 1 if name[:1].isupper() else 2
    return kind, name


def _imports(view: ModelsView) -> tuple[Code, ...]:
    """Import exactly what the module uses, so the output is ``ruff`` clean."""
    text = repr((view.classes, view.decoders, view.aliases))

    def used(name: str) -> bool:
        return re.search(rf"\b{name}\b", text) is not None

    validates = any(c.validator for c in view.classes)
    # isort order: constants, then classes
    # the template writes ``Any`` in every class and decoder; aliases may name it too
    uses_any = bool(view.classes or view.decoders) or used("Any")
    typing = (["TYPE_CHECKING"] if validates else []) + (["Any"] if uses_any else []) + (
        ["TypeAlias"] if view.aliases else [])
    lines = []
    if view.classes:
        lines += ["from collections.abc import Mapping", "from dataclasses import dataclass, field"]
    if view.enums:
        lines.append("from enum import Enum")
    if typing:
        lines.append(f"from typing import {', '.join(typing)}")
    runtime = [n for n in ("UNSET", "Unset", "_enum", "_enum_value", "_int64", "_to_wire") if used(n)]
    if runtime:
        lines += ["", f"from ._runtime import {', '.join(runtime)}"]
    if validates:  # imported lazily by validate(): regexes compile only when first used
        lines += ["", "if TYPE_CHECKING:", "    from .validators import ValidationError"]
    return tuple(Code(line) for line in lines)


_AMBIGUOUS = frozenset({"l", "O", "I"})


def _enum_view(d: EnumDef, name: str) -> EnumView:
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
    doc = docstring(d.description, "Values not listed here are kept as plain values.", indent=4)
    return EnumView(name=Code(name), bases=Code(base), doc=doc, members=tuple(members))


def _alias_view(d: TypeDef, name: str, mapper: TypeMapper, pending: list[str]) -> AliasView:
    """Aliases come after every class; only one that names itself or a later alias is a string
    (a forward reference), so the rest are real runtime objects."""
    ann = mapper.annotation(d.type)
    forward = any(re.search(rf"\b{n}\b", ann) for n in pending)
    return AliasView(name=Code(name), annotation=literal(ann) if forward else Code(ann),
                     doc=docstring(d.description, attribute=True))


def _class_view(
    d: ObjectDef, name: str, mapper: TypeMapper, validator: str | None = None
) -> ClassView:
    scope = Scope(_CLASS_MEMBERS)
    fields: list[FieldView] = []
    decode_lines: list[Code] = []
    args: list[Code] = []
    encode_init: list[Code] = []
    encode_lines: list[Code] = []
    for p in d.properties:
        py = scope.claim(snake(p.name, fallback="field"))
        ann = mapper.annotation(p.type)
        kind = _kind(p)
        if p.nullable:
            ann = f"{ann} | None"
        default = {"required": None, "optional": "None", "unset": "UNSET"}[kind]
        if kind == "optional" and not p.nullable:
            ann = f"{ann} | None"
        if kind == "unset":
            ann = f"{ann} | Unset"
        fields.append(FieldView(name=Code(py), annotation=Code(ann),
                                default=Code(default) if default else None, doc=_field_doc(p)))
        _decode(p, py, kind, mapper, decode_lines, args)
        _encode(p, py, kind, mapper, encode_init, encode_lines)
    extras, extras_ann, extras_decode, extras_encode = _extras(d, mapper)
    doc = docstring(d.description, indent=4)
    return ClassView(
        name=Code(name), doc=doc, fields=tuple(fields), extras=Code(extras),
        extras_annotation=Code(extras_ann), extras_decode=Code(extras_decode),
        extras_encode=Code(extras_encode),
        decode_lines=tuple(decode_lines), args=tuple(args),
        encode_init=tuple(encode_init), encode_lines=tuple(encode_lines),
        validator=Code(validator) if validator else None,
    )


def _extras(d: ObjectDef, mapper: TypeMapper) -> tuple[str, str, str, str]:
    """Name, annotation, decode and encode of the field that keeps undescribed properties.

    A typed ``additionalProperties`` schema types (and decodes) them; ``false`` still keeps
    what arrives, so a newer server does not break an older client.
    """
    attr = f"self.{_EXTRAS}"
    t = d.additional if d.additional is not None else AnyValue()
    if isinstance(t, AnyValue):
        return _EXTRAS, "dict[str, Any]", "d", attr
    conv, back = mapper.decode(t, "v"), mapper.encode(t, "v")
    decode = f"{{k: {conv} for k, v in d.items()}}" if conv else "d"
    encode = f"{{k: {back} for k, v in {attr}.items()}}" if back else attr
    return _EXTRAS, f"dict[str, {mapper.annotation(t)}]", decode, encode


def _kind(p: Property) -> str:
    if p.required:
        return "required"
    return "unset" if p.nullable else "optional"


def _field_doc(p: Property) -> Code | None:
    notes = []
    if isinstance(p.type, Primitive) and p.type.kind == "string" and p.type.format:
        notes.append(f"Format: {p.type.format} (kept as the string sent on the wire).")
    if not isinstance(p.default, Missing):
        notes.append(f"Server default: {thaw(p.default)!r}.")
    if p.read_only:
        notes.append("Read-only: set by the server.")
    if p.write_only:
        notes.append("Write-only: never returned by the server.")
    if p.deprecated:
        notes.append("Deprecated.")
    return docstring(p.description, " ".join(notes), indent=4, attribute=True)


def _decode(
    p: Property, py: str, kind: str, mapper: TypeMapper, lines: list[Code], args: list[Code]
) -> None:
    wire = literal(p.name)
    conv = mapper.decode(p.type, py)
    if kind == "required" and not p.nullable:
        expr = f"d.pop({wire})"
        args.append(Code(f"{py}={mapper.decode(p.type, expr) or expr}"))
        return
    absent = "UNSET" if kind == "unset" else "None"
    if conv is None:
        args.append(Code(f"{py}=d.pop({wire}{'' if kind == 'required' else ', ' + absent})"))
        return
    pop = f"d.pop({wire})" if kind == "required" else f"d.pop({wire}, {absent})"
    lines.append(Code(f"{py} = {pop}"))
    test = f"{py} is not None" + (f" and {py} is not UNSET" if kind == "unset" else "")
    lines.append(Code(f"if {test}:"))
    lines.append(Code(f"    {py} = {conv}"))
    args.append(Code(f"{py}={py}"))


def _encode(
    p: Property, py: str, kind: str, mapper: TypeMapper, init: list[Code], lines: list[Code]
) -> None:
    wire = literal(p.name)
    attr = f"self.{py}"
    conv = mapper.encode(p.type, attr)
    value = conv or attr
    if p.nullable and conv is not None:
        value = f"None if {attr} is None else {conv}"
    if kind == "required":
        init.append(Code(f"{wire}: {value},"))
        return
    if kind == "optional":
        lines.append(Code(f"if {attr} is not None:"))
    else:
        lines.append(Code(f"if {attr} is not UNSET:"))
    lines.append(Code(f"    out[{wire}] = {value}"))
