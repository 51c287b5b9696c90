"""The Python validators module: a :class:`~generator.validation.ValidationModel` -> source.

For each root ``name`` the module offers ``is_valid_<name>(value) -> bool`` (fast, stops at the
first problem) and ``validate_<name>(value) -> list[ValidationError]`` (every problem, with instance
path, keyword, schema path in the user's spec, message and API error code). Function bodies are
computed here (:mod:`.validator_ok`, :mod:`.validator_err`); the template lays out the module.

Both paths are compiled for the schemas a client checks on every call (``hot``: request bodies,
parameters and what they reach). Any other schema gets its collecting path only, described as
data that the runtime's ``_walk`` reads (:mod:`.validator_table`; compiled when the schema is
recursive, so data as deep as ``json`` parses takes one frame per level), and its
``is_valid_*`` asks that path whether it found nothing: the same answers, in about a third of
the lines (on GitHub, four schemas in five are only ever received).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from ...code import Code
from ...render import RenderJob, render
from ...validation.model import ValidationModel
from .format import format_tree
from .model_package import all_key
from .validator_emit import Emitter, comment
from .validator_err import err_function
from .validator_ok import ok_function
from .validator_table import Tables

__all__ = ["Section", "ValidatorsView", "validators_job", "validators_source", "validators_view"]

_SAFE_NAME = re.compile(r"[^A-Za-z0-9._/-]")
_ANY_PREFIXES = ("_VALUE_", "_VALUES_")


@dataclass(frozen=True, slots=True, kw_only=True)
class PublicRoot:
    """``validate = factory``: ``factory`` is ``_validator(ok, err)``, plus ``validate``'s name
    when it is not the one that goes with ``ok`` (roots of one schema share its ``ok``)."""

    validate: Code
    ok: Code
    factory: Code


@dataclass(frozen=True, slots=True, kw_only=True)
class Section:
    """Functions, after the module constants they were the first to use."""

    constants: tuple[Code, ...]
    functions: tuple[Code, ...]
    places: bool = False
    """Whether the runtime's ``_Place`` and ``_DeepSite`` come first: the first section whose
    constants use them (see :meth:`.validator_emit.Emitter.site`)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ValidatorsView:
    """Everything the template prints, as trusted :class:`Code`.

    ``sections`` is computed as it is iterated, once: rendered section by section, the
    module's functions (most of its 600k lines on GitHub) are never all in memory at once.
    """

    header: Code
    exports: tuple[Code, ...]
    sections: Iterator[Section]
    roots: tuple[PublicRoot, ...]
    tables: bool
    """Whether some schema is described as a table (the module then has ``_walk``)."""
    deep: bool
    """Whether some schema holds itself (the module then has ``_deeper`` and ``_again``)."""


def validators_view(model: ValidationModel, header: Code | None = None,
                    hot: frozenset[str] | None = None) -> ValidatorsView:
    """Compute the module: one collecting function per definition, one fast function per
    definition in ``hot`` (default: every definition) and every recursive one, plus roots.

    Each definition's functions follow the constants (sites, key sets, patterns) they were the
    first to use, so the module is a run of small top-level blocks: one block of every constant
    (550k lines on GitHub) was formatted by one thread and parsed back as one 500 MB tree.
    The sections are computed as the template asks for them (see :class:`ValidatorsView`).
    """
    em = Emitter(model, ok_function)
    compiled = hot if hot is not None else frozenset(d.name for d in model.definitions)
    # a schema that holds itself keeps a fast path even when no request sends it: its
    # collecting function asked for a yes/no (a union's other variants, at every level of the
    # data) would collect every problem below, a power of the depth
    compiled |= {d.name for d in model.definitions if d.recursive}
    em.cold = frozenset(d.name for d in model.definitions) - compiled
    titles = _short_names(em, model)
    roots = tuple(_root(f"validate_{r.name}", em.ok_names[r.target], em.err_names[r.target],
                        fast=r.target in compiled)
                  for r in model.roots)
    names = {n for r in roots for n in (r.ok, r.validate)} | {"ValidationError"}
    return ValidatorsView(
        header=header or default_header(model.source_name),
        exports=tuple(Code(repr(n)) for n in sorted(names, key=all_key)),
        sections=_placed(em, _sections(em, model, compiled, titles)),
        roots=roots,
        tables=bool(em.cold),
        deep=any(d.recursive for d in model.definitions),
    )


def _placed(em: Emitter, sections: Iterator[Section]) -> Iterator[Section]:
    """``sections``, the first whose constants use a ``_Place`` link (``em.linked`` once it is
    made) marked to come after the runtime's ``_Place``; a module without links has none."""
    shown = False
    for section in sections:
        if em.linked and not shown and section.constants:
            shown = True
            section = replace(section, places=True)
        yield section


def _short_names(em: Emitter, model: ValidationModel) -> dict[str, str]:
    """Each table is bound to the short name ``_err<n>`` (fewer lines wherever it is named);
    its function keeps the name it had (``_errors_<root>``: what ``_ok_of``, ``_collector``
    and tracebacks show). Returns definition -> that name."""
    titles: dict[str, str] = {}
    for index, d in enumerate(model.definitions):
        if d.name in em.cold and not d.recursive:
            titles[d.name] = em.err_names[d.name]
            em.err_names[d.name] = f"_err{index}"
    return titles


def _root(validate: str, ok: str, err: str, *, fast: bool) -> PublicRoot:
    own = validate == "validate_" + ok.removeprefix("is_valid_")
    if not fast:  # ``_collector(_errors_x)``: no fast path to ask first
        args = err if own else f"{err}, {validate!r}"
        return PublicRoot(validate=Code(validate), ok=Code(ok),
                          factory=Code(f"_collector({args})"))
    args = f"{ok}, {err}" if own else f"{ok}, {err}, {validate!r}"
    return PublicRoot(validate=Code(validate), ok=Code(ok), factory=Code(f"_validator({args})"))


def _sections(em: Emitter, model: ValidationModel, hot: frozenset[str],
              titles: dict[str, str]) -> Iterator[Section]:
    tables = Tables(em)
    for d in model.definitions:
        where = comment(d.name)
        ok_name, err_name = em.ok_names[d.name], em.err_names[d.name]
        deep = d.recursive  # the stack may run out below: see the runtime's ``_fresh``
        if d.name in hot:
            ok = ok_function(em, ok_name, d.schema, where, deep=deep)
            err = err_function(em, err_name, d.schema, where, deep=deep)
            functions: tuple[Code, ...] = (Code(ok), Code(err))
        elif d.name not in titles:  # recursive: one frame per level of data (a table's walk
            # takes several)
            err = err_function(em, err_name, d.schema, where, deep=deep)
            functions = (Code(err), Code(f"{ok_name} = _ok_of({err_name})"))
        else:  # the table after its tests (a section of their own) and its constants, then
            # the fast path that asks it (bound at import)
            err = tables.table(err_name, titles[d.name], d.schema, where)
            yield Section(constants=(), functions=tuple(Code(f) for f in tables.fresh()))
            data = (*(_constant(n, s) for n, s in em.fresh()), Code(err),
                    Code(f"{ok_name} = _ok_of({err_name})"))
            yield Section(constants=data, functions=())
            continue
        yield Section(constants=tuple(_constant(n, s) for n, s in em.fresh()),
                      functions=functions)
    # the predicates of ``anyOf``/``oneOf``/``not``... (their constants are above, with the
    # definition that made them)
    yield Section(constants=(), functions=tuple(Code(f) for f in em.functions))


def default_header(source_name: str) -> Code:
    source = _SAFE_NAME.sub("_", source_name)
    return Code(f"# Code generated by specgen from {source}. DO NOT EDIT.")


def _constant(name: str, source: str) -> Code:
    annotation = ": Any" if name.startswith(_ANY_PREFIXES) else ""
    if name.startswith(("_KEYS_", "_ENUM_")):
        annotation = ": frozenset[str]"
    return Code(f"{name}{annotation} = {source}")


def validators_job(model: ValidationModel, path: str, header: Code | None = None,
                   hot: frozenset[str] | None = None) -> RenderJob:
    """The render job of the validators module at ``path`` (e.g. ``python/pkg/_validators.py``);
    ``hot``: see :func:`validators_view`."""
    view = validators_view(model, header, hot)
    return RenderJob(path=path, template="python/validators.py.jinja", context={"v": view})


def validators_source(model: ValidationModel, hot: frozenset[str] | None = None) -> str:
    """Rendered and black-formatted source of the validators module (standalone use); ``hot``:
    see :func:`validators_view`."""
    files = render([validators_job(model, "_validators.py", hot=hot)])
    return format_tree(files)["_validators.py"]
