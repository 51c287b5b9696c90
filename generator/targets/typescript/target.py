"""The TypeScript target: an ESM npm package with no runtime dependency, under
``generated/typescript/<folder>/``.

Settings (``[tool.specgen.typescript]``): ``package``, the npm package name (default: the
spec's title in kebab case), checked against npm's naming rules (scopes included); the folder is
the name without its scope.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager
from types import MappingProxyType

from ...analysis.media import raw_request_bodies
from ...analysis.naming import rename_warnings
from ...diagnostics import Diagnostic
from ...format import Formatter
from ...format.manifest import Reuse
from ...progress import Progress
from ...render import RenderJob
from ..target import Capabilities, Inputs, Options, Setting, Target
from .capabilities import CAPABILITIES
from .jobs import TAKEN_BY, renames, typescript_jobs
from .parse_back import formatting

__all__ = ["TARGET", "TypeScriptTarget", "npm_name_problem"]

_NAME = re.compile(r"(@[a-z0-9~-][a-z0-9._~-]*/)?[a-z0-9~-][a-z0-9._~-]*")
_BANNED = frozenset(["node_modules", "favicon.ico"])


def npm_name_problem(value: str) -> str | None:
    """Why ``value`` cannot be an npm package's name (empty: derived from the spec's title):
    lowercase, URL-safe, at most 214 characters, not starting with ``.`` or ``_``, with an
    optional ``@scope/`` of the same kind."""
    if not value:
        return None
    if len(value) > 214:
        return f"package {value!r} is longer than npm's 214 characters"
    if not _NAME.fullmatch(value) or value in _BANNED:
        return (f"package {value!r} is not a valid npm package name (lowercase letters, digits, "
                "'-', '.', '_', '~', an optional @scope/; not starting with '.' or '_')")
    return None


class TypeScriptTarget:
    """The TypeScript :class:`~generator.targets.target.Target`."""

    name = "typescript"
    settings: Mapping[str, Setting] = MappingProxyType({
        "package": Setting(kind=str, default="", check=npm_name_problem,
                           doc="the npm package name, @scope/name allowed "
                               "(default: from the spec's title)"),
    })
    capabilities: Capabilities = CAPABILITIES

    def jobs(self, inputs: Inputs, options: Options) -> Iterator[RenderJob]:
        """The package: package.json, tsconfig.json, README and src/ (the client checks
        parameters and bodies with the same compiled validators)."""
        return typescript_jobs(inputs.api, inputs.validation, inputs.analysis, options["package"])

    def diagnostics(self, inputs: Inputs, options: Options) -> list[Diagnostic]:
        """W503 at each schema whose type or request type, and each operation whose function,
        is not the name it wanted (:func:`~generator.analysis.naming.rename_warnings`); W502 at
        each tag group whose ``Client`` member was taken (by a client member, an
        operation's method or another group); W601 at each request body of a media type the
        client sends as the caller gives it. A pattern it cannot honour is refused by the
        validation build (E403, from its regex dialect); integers beyond 2**53 are ``bigint``."""
        claims, groups = renames(inputs.api, inputs.analysis, inputs.validation)
        found = rename_warnings(claims, TAKEN_BY)
        found += [Diagnostic(
            code="W502", severity="warning", location=g.operations[0].location.child("tags", 0),
            message=f"the TypeScript group of tag {g.tag!r} is {given!r}: {wanted!r} is taken (a "
                    "client member, an operation's method, a keyword, or another tag's group)")
            for g, wanted, given in groups]
        return found + [Diagnostic(
            code="W601", severity="warning",
            location=op.request_body.location.child("content", op.request_body.media_type),
            message=f"{op.operation_id}: the TypeScript client does not encode "
                    f"{op.request_body.media_type} bodies; it sends the bytes or text the "
                    "caller gives, with that Content-Type")
            for op in raw_request_bodies(inputs.api, self.capabilities.requests)
            if op.request_body is not None]

    def formatting(self, options: Options, reuse: Reuse,
                   progress: Progress) -> AbstractContextManager[Formatter]:
        """Stable by construction (no formatter runs); every ``.ts`` and ``.json`` file is
        parsed back before it is written."""
        return formatting()


TARGET: Target = TypeScriptTarget()
