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
from ...analysis.naming import Claim, claim_order
from ...analysis.naming import rename_warnings as shared_warnings
from ...diagnostics import Diagnostic
from ...ir import Api
from .client import PACKAGE_EXPORTS
from .client_surface import method_names
from .model_package import class_names, module_names
from .names import pascal, snake

__all__ = ["rename_warnings"]


def rename_warnings(api: Api, analysis: Analysis) -> list[Diagnostic]:
    """W503 at each schema whose class or module, and each operation whose method, is not the
    name it wanted, naming both (:func:`~generator.analysis.naming.rename_warnings`)."""
    reserved = frozenset(n for names in PACKAGE_EXPORTS.values() for n in names)
    classes = class_names(api, reserved)
    claims = [Claim(d.location, "the Python class of this schema", pascal(*d.name), classes[d.key])
              for d in claim_order(api.definitions)]
    modules = module_names(analysis.order.groups)
    claims += [Claim(analysis.defs[g.keys[0]].location, "the Python module of this schema",
                     f"models/{snake(g.root, fallback='model')}.py", f"models/{modules[g.root]}.py")
               for g in analysis.order.groups]
    claims += [Claim(op.location, f"the Python client method of {op.operation_id!r}",
                     snake(op.operation_id, fallback="call"), method)
               for op, method in zip(api.operations, method_names(api), strict=True)]
    return shared_warnings(claims, _TAKEN_BY)


_TAKEN_BY = "a keyword, builtin, file or module the package needs, or another name of the spec " \
            "in Python's casing"
