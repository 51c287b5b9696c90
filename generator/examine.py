"""Every problem of a loaded spec, found once for ``validate``, ``generate`` and ``check`` alike.

:func:`examine` runs the language-neutral stages after load (build, check, the validators' IR
for each target's capabilities, the targets' own diagnostics) and the structural lint, and
returns every problem they found, errors and warnings, placed at ``file:line:col``. The commands
differ only in what they do next: ``validate`` prints, ``generate`` and ``check`` stop on an error
or go on with the inputs. A stage that cannot go on (the build stops on a document that is not
OpenAPI 3.0/3.1) ends the examination there; the stages after it would only guess.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .analysis import analyse
from .build import build_all
from .build.check import check
from .catalog import CATALOG
from .diagnostics import Diagnostic, SpecError
from .ir import Api
from .load.loader import Document, Limits, LoadFailed, load
from .load.positions import locate
from .load.structure import structure_problems
from .progress import SILENT, Progress
from .targets.target import Capabilities, Inputs, Options, Target
from .validation import ValidationModel, build_validation
from .validation.parameters import parameter_roots

__all__ = ["Examined", "examine", "examine_spec", "merged"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Examined:
    """``problems``: every problem, placed, in document order. ``inputs``: what each target
    is given (by target name), only when no problem is an error."""

    problems: list[Diagnostic]
    inputs: dict[str, Inputs]

    @property
    def errors(self) -> list[Diagnostic]:
        """The problems that are errors."""
        return [p for p in self.problems if p.severity == "error"]


def examine(document: Document, targets: Sequence[tuple[Target, Options]],
            progress: Progress = SILENT, *, env_prefix: str = "", project: str = "") -> Examined:
    """Examine ``document`` for ``targets`` (each with its options); never raises for a bad spec.
    ``env_prefix`` and ``project``: the settings the clients' environment variables are named
    by (:func:`~.analysis.credentials.env_prefix`)."""
    progress.stage("build")
    try:
        api, found = build_all(document)
    except SpecError as exc:  # not an OpenAPI document (or malformed): nothing further to read
        linted = all(p.code in _LINT for p in exc.diagnostics)  # the lint ran: not twice
        return _examined(document, exc.diagnostics, {}, lint=not linted)
    found += check(api)
    progress.stage("validators")
    models = _validation(document, api, [t for t, _ in targets], found)
    inputs: dict[str, Inputs] = {}
    if not any(p.severity == "error" for p in found):
        progress.stage("analysis")
        analysis = analyse(api, env=env_prefix, project=project)
        for language, options in targets:
            inputs[language.name] = Inputs(api=api, analysis=analysis,
                                           validation=models[language.capabilities])
            found += language.diagnostics(inputs[language.name], options)
    progress.stage("lint")
    return _examined(document, found, inputs)


def _validation(document: Document, api: Api, targets: list[Target],
                found: list[Diagnostic]) -> dict[Capabilities, ValidationModel]:
    """The validators' IR for each distinct capabilities (targets that answer alike share one);
    their problems are added to ``found``, each once."""
    roots = [(d.key, d.location) for d in api.definitions]  # every schema gets validators
    parameters = parameter_roots(document, api, {key for key, _ in roots})  # and parameters
    models: dict[Capabilities, ValidationModel] = {}
    for language in targets:
        if language.capabilities in models:
            continue
        try:
            models[language.capabilities] = model = build_validation(
                document, api.openapi, roots, capabilities=language.capabilities,
                parameters=parameters)
        except SpecError as exc:
            found[:] = merged(found, exc.diagnostics)
            continue
        found[:] = merged(found, model.warnings)
    return models


_LINT = frozenset({"E100", "W101"})  # the codes of the structural lint


def _examined(document: Document, found: list[Diagnostic], inputs: dict[str, Inputs], *,
              lint: bool = True) -> Examined:
    problems = merged(found, structure_problems(document)) if lint else found
    placed = locate(document.root, problems, document.positions)
    clean = not any(p.severity == "error" for p in placed)
    return Examined(problems=placed, inputs=inputs if clean else {})


def merged(found: list[Diagnostic], more: Sequence[Diagnostic]) -> list[Diagnostic]:
    """``found`` and what a later stage (or the lint) adds to it: one report per place, so an
    error of ``more`` is dropped where an error already stands at its pointer; a warning there
    never hides it, unless the catalog marks the warning ``lenient`` (a construct read on
    purpose). A diagnostic already found is not repeated."""
    taken = {(p.location.file, p.location.pointer) for p in found
             if p.severity == "error" or CATALOG[p.code].lenient}
    seen = set(found)
    return found + [p for p in more if p not in seen and not (
        p.severity == "error" and (p.location.file, p.location.pointer) in taken)]


def examine_spec(path: Path, spec_root: Path | None, targets: Sequence[tuple[Target, Options]],
                 progress: Progress = SILENT, limits: Limits | None = None, *,
                 env_prefix: str = "", project: str = "") -> Examined:
    """Load the spec at ``path`` and :func:`examine` it. When its files or ``$ref``s have errors
    the IR cannot be built without guessing: those errors and the structural lint of the spec
    itself are returned, and the last error says that the schemas are checked once they are
    fixed (``env_prefix``, ``project``: as :func:`examine` takes them). Raises ``SpecError`` only when the spec itself cannot be read, or a bound is hit."""
    progress.stage("load")
    try:
        document = load(path, limits, spec_root=spec_root)
    except LoadFailed as exc:
        return _unbuilt(exc)
    return examine(document, targets, progress, env_prefix=env_prefix, project=project)


def _unbuilt(failed: LoadFailed) -> Examined:
    document = failed.document
    problems = locate(document.root, merged(failed.diagnostics, structure_problems(document)),
                      document.positions)
    last = max(i for i, p in enumerate(problems) if p.severity == "error")
    note = "; stopped before the build: schemas and operations are checked once the errors so far are fixed"
    problems[last] = replace(problems[last], message=problems[last].message + note)
    return Examined(problems=problems, inputs={})
