"""Which compiled schemas a client checks on every call: the request bodies' and the
parameters' (``docs/client-contract.md`` §5), with every definition they reach.

A language-neutral fact a target may use to spend its code where speed matters: a schema a
client never checks before sending is validated only when a caller asks for it.
"""

from __future__ import annotations

from ..ir import Api, Ref
from .model import ValidationModel, reachable

__all__ = ["checked_before_sending"]


def checked_before_sending(model: ValidationModel, api: Api) -> frozenset[str]:
    """The names of the definitions of ``model`` (built from ``api``, roots named by
    definition key) that the request bodies' and the parameters' roots reach, themselves
    included."""
    bodies = {op.request_body.type.key for op in api.operations
              if op.request_body is not None and isinstance(op.request_body.type, Ref)}
    names = bodies | {use.root for use in model.parameters}
    return frozenset(reachable(model.definitions,
                               {r.target for r in model.roots if r.name in names}))
