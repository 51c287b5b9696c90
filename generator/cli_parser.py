"""The grammar of ``specgen``'s command line: its commands, their options and their help.

:mod:`.cli` runs what the parser returns; the options' defaults and bounds come from
:mod:`.settings` (one place for every option, on the command line or in ``[tool.specgen]``).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from .settings import FORMATTERS, LIMIT_CEILINGS, LIMITS, TARGETS

__all__ = ["command_line"]

_DESCRIPTION = """\
Generate typed SDK code from an OpenAPI 3.0/3.1 document.

Start with `specgen generate api.yaml -o generated`, or put the options in
pyproject.toml and run `specgen generate`:

  [tool.specgen]
  spec = "api.yaml"          # paths are relative to pyproject.toml
  output = "generated"
  package = "acme_client"

Then commit generated/ and let `specgen check` (CI, pre-commit) keep it fresh.
Run `specgen COMMAND --help` for the options of each command.
"""

_EPILOG = """\
exit codes:
  0  ok
  1  generated code is stale (check), or the change is breaking (diff --fail-on-breaking)
  2  bad spec, bad config or bad usage (the diagnostics say where: file:line:col)
  3  internal error: a bug in specgen (SPECGEN_DEBUG=1 shows the traceback)
"""

_COMMANDS = {
    "generate": "generate code into the output folder (atomic; rewrites only changed files; "
                "keeps files it does not own)",
    "check": "regenerate in memory; exit 1 with a unified diff if the output folder is stale "
             "(writes nothing)",
    "validate": "check the spec and print every problem, without generating",
    "diff": "compare two versions of a spec by what they change in the generated SDK; "
            "classify each change as breaking or not and suggest a version bump",
}


def command_line() -> argparse.ArgumentParser:
    """The parser of ``specgen``'s command line: a sub-command each, with its options and help."""
    parser = argparse.ArgumentParser(
        prog="specgen", description=_DESCRIPTION, epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, text in _COMMANDS.items():
        sub = commands.add_parser(name, help=text, description=text, epilog=_EPILOG,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
        sub.add_argument("--quiet", "-q", action="store_true", help="print errors only")
        _spec_arguments(sub, name)
        if name in ("generate", "check"):
            _output_arguments(sub)
        if name in ("generate", "validate"):
            sub.add_argument("--report", type=Path, metavar="FILE",
                             help="also write every diagnostic (what was skipped or degraded, "
                                  "and errors) to FILE as a JSON list")
        if name == "check":
            sub.add_argument("--name-only", action="store_true", help="list stale files only")
        if name in ("validate", "diff"):
            sub.add_argument("--format", choices=("text", "json"), default="text",
                             help="output format (json goes to stdout)")
    return parser


def _spec_arguments(sub: argparse.ArgumentParser, name: str) -> None:
    """The spec, positionally or as ``--spec`` (``diff``: the old one, then the new one, which
    defaults to the configured spec), and where the configuration comes from."""
    if name == "diff":
        sub.add_argument("old", type=Path, nargs="?", help="the old version of the spec")
        sub.add_argument("spec_arg", type=Path, nargs="?", metavar="new",
                         help="the new version of the spec (default: the configured spec)")
        sub.add_argument("--fail-on-breaking", action="store_true",
                         help="exit 1 if any change is breaking")
    else:
        sub.add_argument("spec_arg", type=Path, nargs="?", metavar="SPEC",
                         help="OpenAPI document (default: spec in [tool.specgen])")
    sub.add_argument("--spec", type=Path, help="the same as the positional "
                     + ("new" if name == "diff" else "SPEC"))
    sub.add_argument("--config", type=Path,
                     help="TOML file with a [tool.specgen] table (default: ./pyproject.toml)")
    sub.add_argument("--spec-root", type=Path, metavar="DIR",
                     help="$ref files may lie anywhere under DIR, a folder above the spec "
                          "(default: the spec's folder)")
    for key in LIMITS:
        sub.add_argument(f"--{key.replace('_', '-')}", type=_bound(LIMIT_CEILINGS.get(key)),
                         metavar="N", help=f"input bound: {_LIMIT_HELP[key]} (README, Security)")


_LIMIT_HELP = {"max_bytes": "bytes of one file", "max_nodes": "values in the document",
               "max_depth": "levels of nesting", "max_files": "files $ref'd"}


def _bound(ceiling: int | None) -> Callable[[str], int]:
    """A positive integer from the command line, at most ``ceiling`` (argparse reports
    anything else)."""
    def positive(text: str) -> int:
        value = int(text) if text.isdigit() else 0
        if value < 1:
            raise argparse.ArgumentTypeError(f"must be a positive integer, not {text!r}")
        if ceiling is not None and value > ceiling:
            raise argparse.ArgumentTypeError(f"must be at most {ceiling}, not {text}")
        return value
    return positive


def _output_arguments(sub: argparse.ArgumentParser) -> None:
    """What ``generate`` and ``check`` write: where, for which targets, formatted how."""
    sub.add_argument("--output", "-o", type=Path, help="output folder (default: generated)")
    sub.add_argument("--target", action="append", choices=TARGETS, metavar="TARGET",
                     help=f"a target language, repeatable (default: targets in [tool.specgen], "
                          f"else python); known: {', '.join(TARGETS)}")
    sub.add_argument("--package", help="the package name of every target (Python: a module "
                     "name, TypeScript: an npm name; default: from the title)")
    sub.add_argument("--cache", type=Path,
                     help="formatter cache folder (default: OUTPUT/.specgen-cache)")
    sub.add_argument("--no-cache", action="store_true",
                     help="format everything: use neither the formatter cache nor what the "
                          "committed output's format manifests say")
    sub.add_argument("--formatter", choices=FORMATTERS,
                     help="black (default) or ruff: the same output, ruff is much faster "
                          "(pip install 'specgen[fast]')")
