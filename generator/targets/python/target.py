"""The Python target: an installable, typed package under ``generated/python/``.

Settings (``[tool.specgen.python]``): ``package``, the import name (default: from the spec's
title); ``formatter``, ``"black"`` (in process, cached per block) or ``"ruff"`` (``ruff format``,
the same bytes; needs the optional ``ruff`` package).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager
from types import MappingProxyType

from ...diagnostics import Diagnostic
from ...format import Formatter
from ...format.cache import FormatCache
from ...progress import Progress
from ...render import RenderJob
from ..target import Capabilities, Inputs, Options, Setting, Target
from .capabilities import CAPABILITIES
from .client_surface import class_names_taken, group_warnings
from .format import FORMATTERS, formatting
from .jobs import python_jobs

__all__ = ["TARGET", "PythonTarget"]

_PACKAGE = re.compile(r"^[a-z_][a-z0-9_]*$")


def _module_name(value: str) -> str | None:
    """Why ``value`` cannot be the package's name (empty: derived from the spec's title)."""
    if not value or _PACKAGE.match(value):
        return None
    return f"package {value!r} is not a valid module name"


class PythonTarget:
    """The Python :class:`~generator.targets.target.Target`."""

    name = "python"
    settings: Mapping[str, Setting] = MappingProxyType({
        "package": Setting(kind=str, default="", check=_module_name,
                           doc="the Python package name (default: from the spec's title)"),
        "formatter": Setting(kind=str, default="black", choices=FORMATTERS,
                             doc="black, or ruff: the same bytes, much faster "
                                 "(pip install 'specgen[fast]')"),
    })
    capabilities: Capabilities = CAPABILITIES

    def jobs(self, inputs: Inputs, options: Options) -> Iterator[RenderJob]:
        """The package, its ``pyproject.toml``, README and ``py.typed``."""
        return python_jobs(inputs.api, inputs.validation, inputs.analysis, options["package"])

    def diagnostics(self, inputs: Inputs, options: Options) -> list[Diagnostic]:
        """W502 for each operation group renamed (a tag named like a client member, or two
        tags that collide as Python names). What Python cannot honour (a pattern with no
        ``re`` translation, a format it does not check) the validation model reports, for
        every target."""
        return group_warnings(inputs.analysis, class_names_taken(inputs.api))

    def formatting(self, options: Options, cache: FormatCache | None,
                   progress: Progress) -> AbstractContextManager[Formatter]:
        """black or ruff (``options["formatter"]``), then compiled."""
        return formatting(options["formatter"], cache, progress)


TARGET: Target = PythonTarget()  # mypy checks that it keeps the protocol
