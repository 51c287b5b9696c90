"""W503: the Python names that are not the ones the spec's names ask for.

A schema's class, its module in the ``models`` package, and an operation's client method are
claimed in a fixed order (:mod:`.model_package`, :mod:`.client_surface`); a name that is taken
(a keyword, a builtin, a module or file the package needs, or another spec name in Python's
casing: ``FooBar``, ``foo_bar``, ``Foo-Bar``) gets a suffix. Each such rename is a warning at
the schema or operation, so the report lists every one. Keyword suffixes on properties and
parameters (``class_``, ``type_``) are the PEP 8 spelling and are not listed.
"""

from __future__ import annotations

from ...analysis import Analysis
from ...analysis.naming import claim_order
from ...diagnostics import Diagnostic, Location
from ...ir import Api
from .client import PACKAGE_EXPORTS
from .client_surface import method_names
from .model_package import class_names, module_names
from .names import pascal, snake

__all__ = ["rename_warnings"]


def rename_warnings(api: Api, analysis: Analysis) -> list[Diagnostic]:
    """W503 at each schema whose class or module, and each operation whose method, is not the
    name it wanted, naming both."""
    out: list[Diagnostic] = []
    reserved = frozenset(n for names in PACKAGE_EXPORTS.values() for n in names)
    classes = class_names(api, reserved)
    for d in claim_order(api.definitions):
        wanted = pascal(*d.name)
        if classes[d.key] != wanted:
            out.append(_warning(d.location, f"the Python class of this schema is "
                                f"{classes[d.key]}: {wanted} is taken"))
    modules = module_names(analysis.order.groups)
    for g in analysis.order.groups:
        wanted = snake(g.root, fallback="model")
        if modules[g.root] != wanted:
            location = analysis.defs[g.keys[0]].location
            out.append(_warning(location, f"the Python module of this schema is "
                                f"models/{modules[g.root]}.py: {wanted}.py is taken"))
    for op, method in zip(api.operations, method_names(api), strict=True):
        wanted = snake(op.operation_id, fallback="call")
        if method != wanted:
            out.append(_warning(op.location, f"the Python client method of {op.operation_id!r} "
                                f"is {method}: {wanted} is taken"))
    return out


def _warning(location: Location, message: str) -> Diagnostic:
    return Diagnostic(code="W503", severity="warning", location=location,
                      message=f"{message} (a keyword, builtin, file or module the package "
                              "needs, or another name of the spec in Python's casing)")
