"""The Python target: an installable, typed package under ``generated/python/``.

Settings (``[tool.specgen.python]``): ``package``, the import name (default: from the spec's
title); ``package_name``, the distribution name (default: the import name, PEP 503's spelling);
``package_version`` (default: ``info.version``, normalised; see :mod:`.package_names`);
``formatter``, ``"black"`` (in process, cached per block) or ``"ruff"`` (``ruff format``,
the same bytes; needs the optional ``ruff`` package).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager
from types import MappingProxyType

from ...analysis.media import raw_request_bodies
from ...diagnostics import Diagnostic
from ...format import Formatter
from ...format.manifest import Reuse
from ...progress import Progress
from ...render import RenderJob
from ..target import Capabilities, Inputs, Options, Setting, Target
from .capabilities import CAPABILITIES
from .client_surface import class_names_taken, group_warnings
from .format import FORMATTERS, formatting
from .jobs import python_jobs
from .package_names import (
    distribution_problem,
    module_problem,
    version_problem,
    version_warning,
)
from .renames import rename_warnings

__all__ = ["TARGET", "PythonTarget"]

class PythonTarget:
    """The Python :class:`~generator.targets.target.Target`."""

    name = "python"
    settings: Mapping[str, Setting] = MappingProxyType({
        "package": Setting(kind=str, default="", check=module_problem, code="E002",
                           doc="the import name (default: from the spec's title)"),
        "package_name": Setting(kind=str, default="", check=distribution_problem, code="E002",
                                doc="the distribution name, what pip installs (default: the "
                                    "import name, as PEP 503 spells it)"),
        "package_version": Setting(kind=str, default="", check=version_problem, code="E002",
                                   doc="the version, PEP 440 (default: info.version)"),
        "formatter": Setting(kind=str, default="black", choices=FORMATTERS,
                             doc="black, or ruff: the same bytes, much faster "
                                 "(pip install 'specgen[fast]')"),
    })
    capabilities: Capabilities = CAPABILITIES

    def jobs(self, inputs: Inputs, options: Options) -> Iterator[RenderJob]:
        """The package, its ``pyproject.toml``, README and ``py.typed``."""
        return python_jobs(inputs.api, inputs.validation, inputs.analysis, options["package"],
                           distribution=options["package_name"],
                           version=options["package_version"])

    def diagnostics(self, inputs: Inputs, options: Options) -> list[Diagnostic]:
        """W502 for each operation group renamed (a tag named like a client member, or two
        tags that collide as Python names); W503 for each class, model module or client method
        renamed (:mod:`.renames`); W510 when ``info.version`` is not a PEP 440 version
        (and ``package_version`` is not set): the package's version is a fallback; W601 at each
        request body the client cannot encode (taken as bytes or text). What else Python cannot
        honour (a pattern with no ``re`` translation, a format it does not check) the
        validation model reports, for every target."""
        warning = version_warning(inputs.api, options["package_version"])
        return [*group_warnings(inputs.analysis, class_names_taken(inputs.api)),
                *rename_warnings(inputs.api, inputs.analysis),
                *([] if warning is None else [warning]), *(Diagnostic(
            code="W601", severity="warning",
            location=op.request_body.location.child("content", op.request_body.media_type),
            message=f"{op.operation_id}: the Python client does not encode "
                    f"{op.request_body.media_type} bodies; it sends the bytes or text the "
                    "caller gives, with that Content-Type")
            for op in raw_request_bodies(inputs.api, self.capabilities.requests)
            if op.request_body is not None)]

    def formatting(self, options: Options, reuse: Reuse,
                   progress: Progress) -> AbstractContextManager[Formatter]:
        """black or ruff (``options["formatter"]``), then compiled."""
        return formatting(options["formatter"], reuse, progress)


TARGET: Target = PythonTarget()  # mypy checks that it keeps the protocol
