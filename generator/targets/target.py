"""What a language target is: the :class:`Target` protocol and the data it declares.

A target turns the language-neutral inputs of a run (:class:`Inputs`: the IR, the validation
model and, from ``generator/analysis/``, the shared analyses) into render jobs for the files of
``generated/<name>/``, and formats and parses back those files. It declares:

- ``name``: the key in ``targets = [...]``, the folder under ``generated/`` it writes, the table
  ``[tool.specgen.<name>]`` of its settings, and (by convention) its folder of templates;
- ``settings``: the schema of that table (:class:`Setting` per key: type, default, check);
- ``capabilities``: what its generated code can honour exactly (:class:`Capabilities`: regex
  dialect, checked ``format``s, integer range, the media kinds it encodes and decodes), so a
  construct it cannot honour is reported at its pointer (:meth:`Target.diagnostics`) instead
  of being silently approximated.

The pipeline resolves a target's settings to :data:`Options` (every key of its schema, from its
table, else the top-level key of the same name, else the default) and calls :meth:`Target.jobs`
and :meth:`Target.formatting` with them; it never names a language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol

from ..analysis import Analysis
from ..analysis.media import MediaKind
from ..diagnostics import Diagnostic
from ..format import Formatter
from ..format.manifest import Reuse
from ..ir import Api
from ..progress import Progress
from ..render import RenderJob
from ..validation.model import ValidationModel

__all__ = ["Capabilities", "Inputs", "IntegerRange", "Options", "RegexDialect", "Setting",
           "Target"]

Options = Mapping[str, Any]
"""A target's resolved settings: every key of its schema, with a value of the key's type."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Setting:
    """One key of a target's settings table: its ``kind`` (``str``, ``bool``, ``int``), its
    ``default``, the values allowed (``choices``, if not any) and ``check``, which returns why
    a value is refused (``None``: accepted). ``doc`` says what it is, for errors and docs.
    ``code``: the diagnostic of a refused value (E001, or E002 for a package's name)."""

    kind: type
    default: Any
    doc: str
    choices: tuple[Any, ...] = ()
    check: Callable[[Any], str | None] | None = None
    code: str = "E001"

    def problem(self, key: str, value: Any) -> str | None:
        """Why ``value`` is not a good value of ``key`` (``None`` if it is)."""
        if not isinstance(value, self.kind) or (self.kind is int and isinstance(value, bool)):
            return f"{key} must be a {_KINDS.get(self.kind, self.kind.__name__)}"
        if self.choices and value not in self.choices:
            return (f"unknown {key} {value!r}; known: "
                    f"{', '.join(str(c) for c in self.choices)}")
        return self.check(value) if self.check is not None else None


_KINDS = {str: "string", bool: "boolean", int: "integer"}


@dataclass(frozen=True, slots=True, kw_only=True)
class RegexDialect:
    """The regular expressions a target's validators run: ``name`` (``"python-re"``,
    ``"ecmascript"``, ``"re2"``) and ``problem``, why an ECMA-262 ``pattern`` cannot mean exactly
    the same in it (after the target's translation, if any), or ``None`` when it can."""

    name: str
    problem: Callable[[str], str | None]

    def honours(self, pattern: str) -> bool:
        """Whether ``pattern`` means exactly the same in this dialect."""
        return self.problem(pattern) is None


@dataclass(frozen=True, slots=True, kw_only=True)
class IntegerRange:
    """The integers a target's generated code holds exactly; ``None`` is unbounded (Python's
    ``int``; a JavaScript ``number`` holds ±(2**53 - 1), Go's ``int64`` ±2**63)."""

    minimum: int | None
    maximum: int | None

    def holds(self, value: int) -> bool:
        """Whether ``value`` is held exactly."""
        return ((self.minimum is None or value >= self.minimum)
                and (self.maximum is None or value <= self.maximum))


@dataclass(frozen=True, slots=True, kw_only=True)
class Capabilities:
    """What a target's generated code honours exactly: its ``regex`` dialect, the ``formats``
    its validators check, its ``integers``, and the media kinds (:func:`~generator.analysis.
    media.media_kind`) its client encodes natively as request bodies (``requests``) and decodes
    from responses (``responses``). A request body of any other kind is sent as the bytes or
    text the caller gives, with a warning (W601); a response of any other kind is bytes
    (``docs/client-contract.md`` §4)."""

    regex: RegexDialect
    formats: frozenset[str]
    integers: IntegerRange
    requests: frozenset[MediaKind]
    responses: frozenset[MediaKind]

    def pattern_problem(self, pattern: str) -> str | None:
        """Why ``pattern`` cannot be honoured exactly, or ``None`` (what the validation build
        asks: :class:`generator.validation.capabilities.Capabilities`)."""
        return self.regex.problem(pattern)


@dataclass(frozen=True, slots=True, kw_only=True)
class Inputs:
    """What every target of a run is given, computed once from the spec: the ``api`` (the IR),
    the ``validation`` model (one root per definition, named by the definition's key) and the
    language-neutral ``analysis`` (``generator/analysis/``)."""

    api: Api
    validation: ValidationModel
    analysis: Analysis


class Target(Protocol):
    """A language: found through the registry (:mod:`generator.targets`)."""

    @property
    def name(self) -> str:
        """``"python"``: the key in ``targets``, the folder under ``generated/`` and the
        settings table ``[tool.specgen.<name>]``."""
        ...

    @property
    def settings(self) -> Mapping[str, Setting]:
        """The schema of ``[tool.specgen.<name>]``; any other key there is an error."""
        ...

    @property
    def capabilities(self) -> Capabilities:
        """What its generated code honours exactly."""
        ...

    def jobs(self, inputs: Inputs, options: Options) -> Iterator[RenderJob]:
        """The render jobs of every file it writes, paths relative to ``generated/<name>/``.
        A job's view should be built when the job is asked for (the pipeline renders each job
        before asking for the next, so it holds one view at a time)."""
        ...

    def diagnostics(self, inputs: Inputs, options: Options) -> list[Diagnostic]:
        """What its code cannot honour exactly in this API (a pattern its regex dialect cannot
        express, an integer beyond its range...), each at its pointer: a warning, or an error
        where silence would change behaviour (an error stops the run). Never a silent drop."""
        ...

    def formatting(self, options: Options, reuse: Reuse,
                   progress: Progress) -> AbstractContextManager[Formatter]:
        """Its format stage, fed file by file (paths under ``<name>/``): formats its files and
        parses them back, raising :class:`~generator.format.FormatFailure`; the shared
        machinery of :mod:`generator.format` takes the target's formatter as a parameter.
        A target that runs a formatter takes the formatted text ``reuse`` has instead of
        formatting again, and returns its folder's format manifest
        (:mod:`generator.format.manifest`) among its files."""
        ...
