"""Stage 3, check: semantic rules on the IR that no schema validator sees."""

from __future__ import annotations

import re

from ..diagnostics import Diagnostic
from ..ir import Api

__all__ = ["check"]

_TEMPLATE = re.compile(r"\{([^{}]+)\}")


def check(api: Api) -> list[Diagnostic]:
    """Return every problem found (errors and warnings); never raises for a bad spec."""
    problems: list[Diagnostic] = []
    seen: dict[str, str] = {}
    for op in api.operations:
        first = seen.setdefault(op.operation_id, f"{op.method} {op.path}")
        if first != f"{op.method} {op.path}":
            msg = f"operationId {op.operation_id!r} is also used by {first}"
            problems.append(Diagnostic(code="E310", message=msg, location=op.location))
        declared = {p.name for p in op.parameters if p.location_in == "path"}
        for name in _TEMPLATE.findall(op.path):
            if name not in declared:
                msg = f"path parameter {name!r} is used in {op.path!r} but not declared"
                problems.append(Diagnostic(code="E311", message=msg, location=op.location))
    return problems
