"""The Go target: a module with no ``require`` (Go >= 1.22) under ``generated/go/``.

Settings (``[tool.specgen.go]``): ``module``, the Go module path (checked as Go's
``module.CheckPath`` checks it; required); ``package``, the package name (default: the
module path's last element, lower-cased, without a ``/vN`` suffix).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager
from types import MappingProxyType

from ...analysis.media import raw_request_bodies
from ...analysis.naming import Claim, rename_warnings
from ...diagnostics import Diagnostic, Location
from ...format import Formatter
from ...format.manifest import Reuse
from ...progress import Progress
from ...render import RenderJob
from ..target import Capabilities, Inputs, Options, Setting, Target
from .capabilities import CAPABILITIES
from .client import TAKEN_BY, member_names
from .format import formatting
from .jobs import claimed_names, go_jobs
from .literals import KEYWORDS
from .modpath import module_problem, package_of

__all__ = ["TARGET", "GoTarget"]

_PACKAGE = re.compile(r"^[a-z][a-z0-9_]*\Z")


def _package_problem(value: str) -> str | None:
    if not value or (_PACKAGE.match(value) and value not in KEYWORDS):
        return None
    return (f"package {value!r} is not a Go package name "
            "(lower-case letters, digits and '_', not a keyword)")


class GoTarget:
    """The Go :class:`~generator.targets.target.Target`."""

    name = "go"
    settings: Mapping[str, Setting] = MappingProxyType({
        "module": Setting(kind=str, default="", check=module_problem,
                          doc="the Go module path, e.g. example.com/tams/credits (required)"),
        "package": Setting(kind=str, default="", check=_package_problem,
                           doc="the Go package name (default: the module path's last element)"),
    })
    capabilities: Capabilities = CAPABILITIES

    def jobs(self, inputs: Inputs, options: Options) -> Iterator[RenderJob]:
        """``go.mod``, the models, the validators (bodies' and parameters'), the client and a
        README."""
        module = options["module"]
        package = options["package"] or package_of(module)
        return go_jobs(inputs, module, package)

    def diagnostics(self, inputs: Inputs, options: Options) -> list[Diagnostic]:
        """An error when no module path is set (Go needs one to build the module); W503 at
        each schema whose Go type, and each operation whose method of ``Client``, was taken,
        naming the one given; W502 at each tag group whose field was taken; W601 at each
        request body of a media type the client sends as the caller's bytes."""
        found = rename_warnings((Claim(inputs.analysis.defs[key].location,
                                       "the Go type of this schema", wanted, given)
                                 for key, wanted, given in claimed_names(inputs.api)), TAKEN_BY)
        _, _, renamed = member_names(inputs.api, inputs.analysis)
        found += renamed
        found += [Diagnostic(
            code="W601", severity="warning",
            location=op.request_body.location.child("content", op.request_body.media_type),
            message=f"the Go client cannot encode {op.request_body.media_type} request bodies: "
                    f"{op.operation_id} sends the bytes the caller gives, as they are")
            for op in raw_request_bodies(inputs.api, self.capabilities.requests)
            if op.request_body is not None]
        if not options["module"]:
            found.append(Diagnostic(
                code="E501", location=Location(file=inputs.api.source_name),
                message='the go target needs a module path: set [tool.specgen.go] module = '
                        '"example.com/you/sdk"'))
        return found

    def formatting(self, options: Options, reuse: Reuse,
                   progress: Progress) -> AbstractContextManager[Formatter]:
        """gofmt (from the Go toolchain on PATH)."""
        return formatting(reuse)


TARGET: Target = GoTarget()
