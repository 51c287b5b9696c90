"""The view of the ``models`` package: one module per top-level schema (with the schemas
defined inside it) and the index, ``models/__init__.py``, that loads each on first use."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace

from ...analysis import Analysis
from ...analysis.naming import claim_order
from ...analysis.order import Group
from ...code import Code
from ...ir import Api, Definition, EnumDef, ObjectDef
from ...write import FORBIDDEN_FILES
from .formats import FILE, FORMAT_HELPERS, module_imports
from .literals import docstring
from .models import (
    MODULE_NAMES,
    AliasView,
    ClassView,
    EnumView,
    alias_view,
    class_view,
    enum_view,
)
from .names import BUILTINS, Scope, pascal, snake
from .types import DEEP_HELPERS, TypeMapper, UnionDecoder

__all__ = [
    "ModelsView", "ModuleView", "all_key", "class_names", "isort_key", "models_view", "module_names",
    "module_views", "natural",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class ModuleView:
    """One module of the ``models`` package: a top-level schema with the inline ones it owns."""

    header: Code
    doc: Code | None
    name: str
    exports: tuple[Code, ...]
    enums: tuple[EnumView, ...]
    classes: tuple[ClassView, ...]
    aliases: tuple[AliasView, ...]
    decoders: tuple[UnionDecoder, ...]
    imports: tuple[Code, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ModelsView:
    """The ``models`` package as its index sees it: the names, and which module defines each
    (the modules' views: :func:`module_views`)."""

    header: Code
    doc: Code | None
    exports: tuple[Code, ...]
    everything: tuple[Code, ...]  # ``__all__``: the exports and the runtime's, sorted (RUF022)
    names: dict[str, str]
    index: tuple[tuple[Code, Code], ...]  # (module, '"A", "B",'), in the order of the imports
    imports: tuple[tuple[Code, Code], ...]  # (module, "A, B"): the index's imports for mypy


def class_names(api: Api, reserved: frozenset[str] = frozenset()) -> dict[str, str]:
    """Definition key -> class name; components claim names before inline schemas.

    ``reserved`` holds what the package exports besides models (``Client``, error classes…).
    """
    scope = Scope(MODULE_NAMES | BUILTINS | reserved)
    return {d.key: scope.claim(pascal(*d.name)) for d in claim_order(api.definitions)}


_FILE_STEMS = frozenset({"models", *(name.removesuffix(".py") for name in FORBIDDEN_FILES)})


def module_names(groups: tuple[Group, ...]) -> dict[str, str]:
    """The module of each group of definitions in the ``models`` package: a schema's inline
    schemas live with it (``Stage`` and ``StageVideoDiffusion`` in ``stage.py``). Names are
    unique after case folding, so no two files collide on a case-insensitive file system."""
    scope = Scope(MODULE_NAMES | BUILTINS | _FILE_STEMS)
    return {g.root: scope.claim(snake(g.root, fallback="model")) for g in groups}


def models_view(
    api: Api, analysis: Analysis, header: Code, *, reserved: frozenset[str] = frozenset()
) -> ModelsView:
    """Build the view of the ``models`` package of ``api`` as its index and the rest of the
    package see it: class names, and the modules with the names each defines. The modules'
    own views come from :func:`module_views`.

    Each module imports no other model module when it is loaded: code and annotations refer to
    other models as ``models.Pet``, which the package's ``__getattr__`` loads on first use (an
    alias evaluated at load time loads what it names). Importing one model loads one module,
    not the whole API.
    """
    names = class_names(api, reserved)
    modules = module_names(analysis.order.groups)
    exports = {modules[g.root]: tuple(Code(n) for n in sorted((names[k] for k in g.keys),
                                                              key=isort_key))
               for g in analysis.order.groups}
    ordered = sorted(exports, key=natural)
    return ModelsView(
        header=header, doc=docstring(f"Data models of {api.title} {api.version}."),
        exports=tuple(Code(n) for n in sorted(names.values(), key=isort_key)), names=names,
        everything=tuple(Code(n) for n in sorted([*names.values(), *_RUNTIME], key=all_key)),
        index=tuple((Code(m), Code("".join(f'"{n}",' for n in exports[m]))) for m in ordered),
        imports=tuple((Code(m), Code(", ".join(exports[m]))) for m in ordered),
    )


def module_views(
    api: Api, analysis: Analysis, models: ModelsView, validators: Mapping[str, str] | None = None
) -> Iterator[ModuleView]:
    """The view of each module of the ``models`` package, built when it is asked for: a caller
    that renders each before asking for the next holds one at a time.

    ``validators`` maps a definition key to the name its validators carry in the package's
    ``validators`` module (``credits_request`` -> ``validate_credits_request``); models with one
    get ``validate()`` and ``is_valid()``.
    """
    modules = module_names(analysis.order.groups)
    reserved = frozenset(MODULE_NAMES | BUILTINS | set(models.names.values()))  # every module's
    for g in analysis.order.groups:
        members = [analysis.defs[k] for k in g.keys]
        yield _module_view(api, analysis, models.header, modules[g.root], members, models.names,
                           validators or {}, reserved)


def _module_view(
    api: Api, analysis: Analysis, header: Code, module: str, members: list[Definition],
    names: dict[str, str], validators: Mapping[str, str], reserved: frozenset[str],
) -> ModuleView:
    scope = Scope(reserved)
    mapper = TypeMapper(analysis, names, scope.claim, qualify="models.",
                        local=frozenset(d.key for d in members))
    enums, classes, aliases = [], [], []
    for d in members:
        if isinstance(d, EnumDef):
            enums.append(enum_view(d, names[d.key]))
        elif isinstance(d, ObjectDef):
            classes.append(class_view(d, names[d.key], mapper, validators.get(d.key),
                                      deep=d.key in analysis.order.recursive))
        else:
            aliases.append(alias_view(d, names[d.key], mapper,
                                      d.key in analysis.order.forward))
    first = members[0]
    doc = docstring(f"{names[first.key]} of {api.title} {api.version}." if len(members) == 1
                    else f"{names[first.key]} and the schemas defined inside it.")
    view = ModuleView(
        header=header, doc=doc, name=module,
        exports=tuple(Code(n) for n in sorted((names[d.key] for d in members), key=all_key)),
        enums=tuple(enums), classes=tuple(classes),
        aliases=tuple(aliases), decoders=tuple(mapper.decoders), imports=(),
    )
    return replace(view, imports=_imports(view, mapper.qualified))


_RUNTIME = ("UNSET", "Unset")  # what the index re-exports from ``_runtime``


def all_key(name: str) -> tuple[int, list[str | tuple[int, str, int]], str]:
    """The order ruff wants in ``__all__`` (RUF022): by kind as :func:`isort_key`, then natural
    order, case-sensitive (``AddUploadPart`` before ``AdditionalTools``)."""
    return isort_key(name)[0], natural(name, fold=False), name


def isort_key(name: str) -> tuple[int, list[str | tuple[int, str, int]], str]:
    """isort's (and ruff's) order-by-type: CONSTANTS, then Classes, then the rest; each in
    case-insensitive natural order (``Option2`` before ``Option10``, ``Deleted`` before
    ``DeleteEphemeral``)."""
    kind = 0 if name.isupper() and len(name) > 1 else 1 if name[:1].isupper() else 2
    return kind, natural(name), name


def natural(text: str, *, fold: bool = True) -> list[str | tuple[int, str, int]]:
    """The natural sort key of ruff's isort (the ``natord`` algorithm): digit runs compare by
    value (``Option2`` before ``Option10``), but a run with a leading zero compares digit by
    digit (``_066953ce`` before ``_7cd4a159``); text compares case-folded."""
    out: list[str | tuple[int, str, int]] = []
    for i, part in enumerate(re.split(r"(\d+)", text)):
        if i % 2 == 0:
            out.append(part.lower() if fold else part)
        else:
            out.append((0, part, 0) if part.startswith("0") else (1, "", int(part)))
    return out


def _imports(view: ModuleView, qualified: bool) -> tuple[Code, ...]:
    """Import exactly what the module uses, so the output is ``ruff`` clean."""
    # docstrings are prose: a name in them ("a FileUpload", "UNSET") is not a use
    classes = [replace(c, doc=None, fields=tuple(replace(f, doc=None) for f in c.fields))
               for c in view.classes]
    text = repr((classes, view.decoders, [replace(a, doc=None) for a in view.aliases]))
    names = (FILE, "UNSET", "Unset", "_defer", *DEEP_HELPERS, "_enum", "_int64", "_to_wire",
             *FORMAT_HELPERS)
    # one pass over the text for every name (a search per name was 2 s on GitHub)
    found = set(re.findall(rf"\b(?:{'|'.join(map(re.escape, ('Any', *names)))})\b", text))
    validates = any(c.validator for c in view.classes)
    # the template writes ``Any`` in written methods and decoders; fields may name it too
    uses_any = any(c.codec is None for c in view.classes) or bool(view.decoders) or "Any" in found
    typing = (["Any"] if uses_any else []) + (["TypeAlias"] if view.aliases else [])
    code = [([f.annotation for f in c.fields], c.extras_annotation) for c in view.classes]
    lines = module_imports(repr((code, [a.annotation for a in view.aliases], view.decoders)))
    if any(c.codec is None for c in view.classes):  # a class that writes its own methods
        lines.append("from collections.abc import Mapping")
    if view.classes:
        lines.append("from dataclasses import dataclass, field")
    if view.enums:
        lines.append("from enum import Enum")
    if typing:
        lines.append(f"from typing import {', '.join(typing)}")
    local = []
    if qualified:
        local.append("from .. import models")
    deep = ["_defer", "_defer_wire"] if any(c.deep for c in view.classes) else []  # the template's
    used = [*{n: None for n in [*(n for n in names if n in found), *deep]}]
    used += ["_Validated"] * validates
    used += ["_Model"] * any(c.codec and not c.validator for c in view.classes)
    runtime = sorted(used, key=isort_key)
    if runtime:
        local.append(f"from .._runtime import {', '.join(runtime)}")
    if local:
        lines += ["", *local]
    return tuple(Code(line) for line in lines)
