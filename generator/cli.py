"""The command line: ``specgen generate | check | validate`` (also ``python -m generator``).

Exit codes: 0 ok; 1 generated code is stale (``check``); 2 bad input or usage; 3 a bug in specgen.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .build import build
from .check import check
from .diagnostics import Diagnostic, SpecError, render, render_json
from .format import FormatFailure
from .loader import load, locate
from .pipeline import check_drift, generate
from .render import TemplateMisuse
from .structure import structure_problems
from .settings import Settings, load_settings
from .write import UnsafePath

__all__ = ["main"]

_EPILOG = """\
exit codes: 0 ok, 1 generated code is stale (check), 2 bad spec or usage, 3 internal error.
Defaults come from [tool.specgen] in ./pyproject.toml (or --config); flags override them.
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="specgen", description="Generate typed SDK code from an OpenAPI 3.0/3.1 document.",
        epilog=_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, text in (
        ("generate", "generate code into the output folder (atomic; keeps files it does not own)"),
        ("check", "regenerate in memory; exit 1 with a diff if the output folder is stale"),
        ("validate", "check the spec and print every problem, without generating"),
    ):
        sub = commands.add_parser(name, help=text, description=text)
        sub.add_argument("--spec", type=Path, help="OpenAPI document (default: spec/credits.yaml)")
        sub.add_argument("--config", type=Path, help="TOML file with a [tool.specgen] table")
        sub.add_argument("--quiet", "-q", action="store_true", help="print errors only")
        if name != "validate":
            sub.add_argument("--output", type=Path, help="output folder (default: generated)")
            sub.add_argument("--package", help="Python package name (default: from the title)")
        if name == "check":
            sub.add_argument("--name-only", action="store_true", help="list stale files only")
        if name == "validate":
            sub.add_argument("--format", choices=("text", "json"), default="text")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    overrides = {k: getattr(args, k, None) for k in ("spec", "output", "package")}
    try:
        settings = load_settings(args.config, overrides)
    except SpecError as exc:
        _print(exc.diagnostics, "")
        return 2
    try:
        return _run(args, settings)
    except SpecError as exc:
        root = settings.spec.parent
        shown = "" if str(root) in ("", ".") else f"{root.as_posix()}/"
        _print(locate(root, exc.diagnostics), shown, getattr(args, "format", "text"))
        return 2
    except RecursionError:
        print("specgen: E106: the spec nests or refers to itself too deeply to process",
              file=sys.stderr)
        return 2
    except (FormatFailure, TemplateMisuse, UnsafePath) as exc:
        print(f"specgen: internal error (please report): {exc}", file=sys.stderr)
        return 3
    except Exception as exc:  # a bug in specgen: say so plainly; SPECGEN_DEBUG=1 shows the trace
        if os.environ.get("SPECGEN_DEBUG"):
            raise
        print(f"specgen: internal error (please report; SPECGEN_DEBUG=1 shows details): "
              f"{type(exc).__name__}: {exc}", file=sys.stderr)
        return 3


def _run(args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "validate":
        return _validate(settings, args.format)
    if args.command == "check":
        stale, diff = check_drift(settings)
        if stale:
            sys.stdout.write("\n".join(stale) + "\n" if args.name_only else diff)
            print(f"specgen: {len(stale)} generated file(s) are stale; run specgen generate",
                  file=sys.stderr)
            return 1
        if not args.quiet:
            print(f"specgen: {settings.output} is up to date", file=sys.stderr)
        return 0
    generated, result = generate(settings)
    root = settings.spec.parent
    shown = "" if str(root) in ("", ".") else f"{root.as_posix()}/"
    if not args.quiet:
        _print(locate(root, generated.warnings), shown)
        print(f"specgen: {len(result.written)} written, {len(result.unchanged)} unchanged, "
              f"{len(result.removed)} removed in {settings.output}", file=sys.stderr)
    return 0


def _validate(settings: Settings, fmt: str) -> int:
    document = load(settings.spec)
    try:
        api, warnings = build(document)
        problems = warnings + check(api)
    except SpecError as exc:
        problems = exc.diagnostics
    # the structural lint adds what the builder does not see, never a second report of one place
    placed = {p.location.pointer for p in problems}
    problems += [p for p in structure_problems(document) if p.location.pointer not in placed]
    problems = locate(settings.spec.parent, problems)
    root = settings.spec.parent
    shown = "" if str(root) in ("", ".") else f"{root.as_posix()}/"
    _print(problems, shown, fmt)
    return 2 if any(p.severity == "error" for p in problems) else 0


def _print(diagnostics: list[Diagnostic], shown: str, fmt: str = "text") -> None:
    if fmt == "json":
        print(render_json(diagnostics, display_root=shown))
        return
    for d in diagnostics:
        print(render(d, display_root=shown), file=sys.stderr)
