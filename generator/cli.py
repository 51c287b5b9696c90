"""The command line: ``specgen generate | check | validate | diff`` (also ``python -m generator``).

Exit codes: 0 ok; 1 generated code is stale (``check``) or the spec change is breaking (``diff
--fail-on-breaking``); 2 bad input or usage; 3 a bug in specgen.

The commands and their options are declared in :mod:`.cli_parser`; this module turns what the
parser read into :class:`~.settings.Settings`, runs the command on specgen's deep stack
(:mod:`.deep`) and prints what it found.
"""

from __future__ import annotations

import argparse
import os
import sys
import tomllib
from dataclasses import replace
from pathlib import Path

from . import deep
from .build import build
from .cli_parser import command_line
from .diagnostics import Diagnostic, SpecError, render_json, render_lines
from .diff import diff_apis
from .diff.report import place
from .diff.report import render_json as diff_json
from .diff.report import render_text as diff_text
from .examine import examine_spec
from .format import FormatFailure, FormatterMissing
from .ir import Api
from .load.loader import load
from .load.positions import locate
from .pipeline import check_drift, generate
from .progress import for_stream
from .render import TemplateMisuse
from .settings import LIMITS, Settings, load_settings
from .targets import target
from .write import UnsafePath

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = command_line()
    args = parser.parse_args(argv)
    if args.spec_arg and args.spec and args.spec_arg != args.spec:
        parser.error(f"two specs given: {args.spec_arg} and --spec {args.spec}")
    args.spec = args.spec or args.spec_arg
    try:
        settings = _settings(args)
    except SpecError as exc:
        _print(exc.diagnostics, "", getattr(args, "format", "text"))
        return 2
    except _NoSpec as exc:
        print(f"specgen: {exc}", file=sys.stderr)
        return 2
    try:
        return _command(args, settings)
    except KeyboardInterrupt:  # the work's clean-ups have run (deep.call): nothing half-written
        print("specgen: interrupted", file=sys.stderr)
        return 130


def _command(args: argparse.Namespace, settings: Settings) -> int:
    """Run the command ``args`` names with ``settings``; its exit code."""
    try:
        if args.command == "diff":
            return deep.call(lambda: _diff(args.old, settings, args))
        return deep.call(lambda: _run(args, settings))
    except SpecError as exc:
        found = exc.diagnostics
        problems = deep.call(lambda: locate(settings.spec.parent, found))  # re-reads the spec
        _report(args, problems, _shown(settings.spec))
        _print(problems, _shown(settings.spec), getattr(args, "format", "text"))
        return 2
    except FormatterMissing as exc:
        print(f"specgen: {exc}", file=sys.stderr)
        return 2
    except (FormatFailure, TemplateMisuse, UnsafePath) as exc:
        print(f"specgen: internal error (please report): {exc}", file=sys.stderr)
        return 3
    except Exception as exc:  # a bug in specgen (a RecursionError too: the input's own depth is
        # E106 at its pointer, from the loader): say so plainly; SPECGEN_DEBUG=1 shows the trace
        if os.environ.get("SPECGEN_DEBUG"):
            raise
        print(f"specgen: internal error (please report; SPECGEN_DEBUG=1 shows details): "
              f"{type(exc).__name__}: {exc}", file=sys.stderr)
        return 3


class _NoSpec(Exception):
    """Neither the command line nor the configuration names a spec."""


def _settings(args: argparse.Namespace) -> Settings:
    """The settings of the configuration file, overridden by the command line. Raises
    :class:`_NoSpec` (with a one-line hint) when neither names a spec: no repository's own
    path is a default."""
    keys = ("spec", "output", "package", "cache", "spec_root", "formatter", *LIMITS)
    overrides = {k: getattr(args, k, None) for k in keys}
    targets = getattr(args, "target", None)
    overrides["targets"] = tuple(dict.fromkeys(targets)) if targets else None
    settings = load_settings(args.config, overrides)
    config = args.config or "pyproject.toml"
    if args.command == "diff" and args.old is None:
        raise _NoSpec("no spec given: run `specgen diff old.yaml new.yaml` (new.yaml defaults to "
                      f"spec under [tool.specgen] in {config})")
    if args.spec is None and not _configured_spec(args.config):
        example = "old.yaml new.yaml" if args.command == "diff" else "api.yaml"
        raise _NoSpec(f"no spec given: run `specgen {args.command} {example}`, or set "
                      f'spec = "api.yaml" under [tool.specgen] in {config}')
    return replace(settings, cache=None) if getattr(args, "no_cache", False) else settings


def _configured_spec(config: Path | None) -> bool:
    """Whether the configuration file (already read and checked by ``load_settings``) names
    the spec."""
    path = config or Path("pyproject.toml")
    if not path.is_file():
        return False
    table = tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {}).get("specgen")
    return isinstance(table, dict) and "spec" in table


def _shown(spec: Path) -> str:
    """How the spec's folder prefixes the files diagnostics name (``""`` for the working one)."""
    root = spec.parent
    return "" if str(root) in ("", ".") else f"{root.as_posix()}/"


def _run(args: argparse.Namespace, settings: Settings) -> int:
    """Run ``validate``, ``check`` or ``generate``; its exit code (a spec error raises)."""
    if args.command == "validate":
        return _validate(settings, args, quiet=args.quiet)
    progress = for_stream(sys.stderr, quiet=args.quiet)
    warnings: list[Diagnostic] = []
    try:
        if args.command == "check":
            stale, diff = check_drift(settings, progress, warnings=warnings)
        else:
            warnings, result = generate(settings, progress)
    finally:
        progress.finish()
    if not args.quiet:  # what validate reports; generate also writes them to --report
        _print(warnings, _shown(settings.spec))
    if args.command == "check":
        if stale:
            sys.stdout.write("\n".join(stale) + "\n" if args.name_only else diff)
            print(f"specgen: {len(stale)} generated file(s) are stale; run specgen generate",
                  file=sys.stderr)
            return 1
        if not args.quiet:
            print(f"specgen: {_where(settings)} is up to date", file=sys.stderr)
        return 0
    # warnings are placed by the pipeline, from the positions kept at load
    _report(args, warnings, _shown(settings.spec))
    if not args.quiet:
        print(f"specgen: {len(result.written)} written, {len(result.unchanged)} unchanged, "
              f"{len(result.removed)} removed in {_where(settings)}", file=sys.stderr)
    return 0


def _where(settings: Settings) -> str:
    """The output folder, or the targets' own folders when a target's table sets ``output``."""
    folders = [settings.folder(name) for name in settings.targets]
    if all(f == settings.output / name for f, name in zip(folders, settings.targets, strict=True)):
        return str(settings.output)
    return ", ".join(str(f) for f in folders)


def _validate(settings: Settings, args: argparse.Namespace, *, quiet: bool) -> int:
    """Print every problem ``generate`` would meet (:func:`~.examine.examine`), writing nothing."""
    targets = [(t, settings.options_for(t)) for t in map(target, settings.targets)]
    problems = examine_spec(settings.spec, settings.spec_root, targets, limits=settings.limits,
                            env_prefix=settings.env_prefix, project=settings.package).problems
    _report(args, problems, _shown(settings.spec))
    shown = [p for p in problems if p.severity == "error"] if quiet else problems
    _print(shown, _shown(settings.spec), args.format)
    return 2 if any(p.severity == "error" for p in problems) else 0


def _diff(old: Path, settings: Settings, args: argparse.Namespace) -> int:
    """Compare the spec ``old`` with the configured one, each read under the same input limits
    and ``spec_root`` as ``generate`` would (a spec outside ``spec_root`` keeps its own folder)."""
    new = settings.spec
    apis: list[Api] = []
    for spec in (old, new):
        root = settings.spec_root
        if root is not None and not spec.resolve().is_relative_to(root.resolve()):
            root = None
        try:
            apis.append(build(load(spec, settings.limits, spec_root=root))[0])
        except SpecError as exc:
            _print(locate(spec.parent, exc.diagnostics), _shown(spec))
            return 2
    changes = place(diff_apis(apis[0], apis[1]), old.parent, new.parent)
    render_report = diff_json if args.format == "json" else diff_text
    report = render_report(changes, _shown(old), _shown(new))
    if args.quiet and args.format == "text":
        report = report.splitlines(keepends=True)[-1]  # the summary line only
    sys.stdout.write(report)
    return 1 if args.fail_on_breaking and any(c.breaking for c in changes) else 0


def _report(args: argparse.Namespace, diagnostics: list[Diagnostic], shown: str) -> None:
    """``--report FILE``: every diagnostic as JSON, written whether or not the run succeeded, so
    CI can list what was skipped or degraded (``[]`` when nothing was)."""
    path: Path | None = getattr(args, "report", None)
    if path is not None:
        path.write_text(render_json(diagnostics, display_root=shown) + "\n", encoding="utf-8")


def _print(diagnostics: list[Diagnostic], shown: str, fmt: str = "text") -> None:
    """Print ``diagnostics``: compiler-style lines on stderr, or a JSON list on stdout."""
    if fmt == "json":
        print(render_json(diagnostics, display_root=shown))
        return
    for line in render_lines(diagnostics, display_root=shown):
        print(line, file=sys.stderr)
