"""Stage 3, check: semantic rules on the IR that no schema validator sees."""

from __future__ import annotations

import re

from ..diagnostics import Diagnostic
from ..ir import Api, Ref, TypeDef, TypeExpr, UnionOf

__all__ = ["check"]

_TEMPLATE = re.compile(r"\{([^{}]+)\}")


def check(api: Api) -> list[Diagnostic]:
    """Return every problem found (errors and warnings); never raises for a bad spec."""
    problems: list[Diagnostic] = []
    for op in api.operations:
        declared = {p.name for p in op.parameters if p.location_in == "path"}
        for name in _TEMPLATE.findall(op.path):
            if name not in declared:
                msg = f"path parameter {name!r} is used in {op.path!r} but not declared"
                problems.append(Diagnostic(code="E311", message=msg, location=op.location))
    return problems + list(_only_themselves(api))


def _only_themselves(api: Api) -> list[Diagnostic]:
    """E305 for each schema that is only itself: an ``allOf``/``anyOf``/``oneOf`` cycle of
    aliases that never reaches a type (``Test: {allOf: [$ref: Test]}``). No value is described:
    generated, it would be an alias of itself (``Test: TypeAlias = "Test"``)."""
    aliases = {d.key: d for d in api.definitions if isinstance(d, TypeDef)}
    out = []
    for key, definition in aliases.items():
        if _circles(key, definition.type, aliases):
            msg = (f"schema {'.'.join(definition.name)!r} is only itself: its allOf/anyOf/"
                   "oneOf members lead back to it without a type, a property or a value")
            out.append(Diagnostic(code="E305", message=msg, location=definition.location))
    return out


def _circles(key: str, t: TypeExpr, aliases: dict[str, TypeDef]) -> bool:
    """Whether every way through ``t`` (an alias's type) leads back to aliases only."""
    seen: set[str] = set()
    todo = [t]
    while todo:
        here = todo.pop()
        if isinstance(here, UnionOf) and here.discriminator is None:
            todo.extend(here.variants)
        elif isinstance(here, Ref) and here.key in aliases:
            if here.key not in seen:
                seen.add(here.key)
                todo.append(aliases[here.key].type)
        else:
            return False
    return key in seen
