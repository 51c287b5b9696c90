"""All options in one frozen object, from the command line and ``[tool.specgen]``.

The table lives in the consumer's ``pyproject.toml`` (or the file ``--config`` names)::

    [tool.specgen]
    spec = "api/openapi.yaml"     # relative to this file
    output = "generated"          # relative to this file; specgen owns what its manifest lists
    package = "acme_client"       # the Python package name (default: from the spec's title)
    targets = ["python"]
    cache = ".cache/specgen"      # formatter cache (default: <output>/.specgen-cache); "" = off
    spec_root = ".."              # $ref files may lie anywhere under it (default: the spec's folder)
    formatter = "black"           # or "ruff": the same bytes, much faster (pip install 'specgen[fast]')

Unknown keys and values of the wrong type are errors placed at ``file:line:col``. Command-line
flags override the file; relative paths on the command line are relative to the working folder.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, Location, SpecError

__all__ = ["CACHE_DIR", "FORMATTERS", "TARGETS", "Settings", "load_settings"]

_PACKAGE = re.compile(r"^[a-z_][a-z0-9_]*$")
TARGETS = ("python",)
CACHE_DIR = ".specgen-cache"
FORMATTERS = ("black", "ruff")


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """What to generate, from where, to where.

    ``spec``: the OpenAPI document. ``output``: the folder specgen owns files in (each target
    writes a subfolder, ``python/``). ``package``: the Python package name (derived from the
    spec's title when empty). ``cache``: the folder of the formatter's cache, ``None`` for none
    (library calls default to none; :func:`load_settings` defaults to ``<output>/.specgen-cache``,
    inside the output folder so a run writes nowhere else, never listed in the manifest).
    ``spec_root``: the folder no ``$ref`` may leave, for shared files above the spec's own
    folder (``None``: the spec's folder); the spec must lie under it.
    ``formatter``: ``"black"`` (in process, cached per block) or ``"ruff"`` (``ruff format``,
    the same bytes; needs the optional ``ruff`` package).
    """

    spec: Path = Path("spec/credits.yaml")
    output: Path = Path("generated")
    package: str = ""
    targets: tuple[str, ...] = ("python",)
    cache: Path | None = None
    spec_root: Path | None = None
    formatter: str = "black"


_KEYS = {f.name for f in fields(Settings)}
_PATHS = ("spec", "output", "cache", "spec_root")


def load_settings(config: Path | None, overrides: dict[str, Any]) -> Settings:
    """Read ``[tool.specgen]`` from ``config`` (default ``./pyproject.toml`` if it has one), then
    apply command-line ``overrides`` (``None`` values are ignored). Paths in the file are relative
    to the file. Unknown keys and bad values are errors with their place in the file.
    """
    path = config or Path("pyproject.toml")
    values: dict[str, Any] = {}
    places: dict[str, tuple[int, int]] = {}
    if path.is_file():
        table, places = _read_table(path, required=config is not None)
        values.update(table)
    elif config is not None:
        raise SpecError([_problem(path, "", f"config file {path} not found", {})])
    values.update({k: v for k, v in overrides.items() if v is not None})
    settings = Settings(**values)
    if "cache" not in values:
        settings = replace(settings, cache=settings.output / CACHE_DIR)
    bad = [t for t in settings.targets if t not in TARGETS]
    if bad:
        raise SpecError([_problem(path, "targets", f"unknown target {bad[0]!r}; known: "
                                  f"{', '.join(TARGETS)}", places)])
    if settings.formatter not in FORMATTERS:
        raise SpecError([_problem(path, "formatter", f"unknown formatter {settings.formatter!r}; "
                                  f"known: {', '.join(FORMATTERS)}", places)])
    if settings.package and not _PACKAGE.match(settings.package):
        raise SpecError([_problem(path, "package", f"package {settings.package!r} is not a valid "
                                  "module name", places)])
    return settings


def _read_table(path: Path, *, required: bool) -> tuple[dict[str, Any], dict[str, tuple[int, int]]]:
    try:
        text = path.read_text(encoding="utf-8")
        table = tomllib.loads(text).get("tool", {}).get("specgen")
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SpecError([_problem(path, "", f"cannot read config: {exc}", {})]) from None
    if table is None:
        if required:
            raise SpecError([_problem(path, "", "no [tool.specgen] table", {})])
        return {}, {}
    places = key_positions(text, list(table))
    known = ", ".join(sorted(_KEYS))
    problems = [_problem(path, k, f"unknown key {k!r} in [tool.specgen]; known: {known}", places)
                for k in table if k not in _KEYS]
    problems += [_problem(path, k, message, places) for k, message in _type_errors(table)]
    if problems:
        raise SpecError(problems)
    base = path.parent
    return {k: _coerce(k, v, base) for k, v in table.items()}, places


def _type_errors(table: dict[str, Any]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for key in ("spec", "output", "package", "cache", "spec_root", "formatter"):
        if key in table and not isinstance(table[key], str):
            out.append((key, f"{key} must be a string"))
    targets = table.get("targets", [])
    if not (isinstance(targets, list) and all(isinstance(t, str) for t in targets)):
        out.append(("targets", "targets must be a list of strings"))
    return out


def _coerce(key: str, value: Any, base: Path) -> Any:
    if key == "cache" and value == "":
        return None
    if key in _PATHS:
        return base / value
    if key == "targets":
        return tuple(value)
    return value


def key_positions(text: str, keys: list[str]) -> dict[str, tuple[int, int]]:
    """1-based ``(line, column)`` of each key of the ``[tool.specgen]`` table in TOML ``text``.

    A scan, not a parser: it finds ``key =`` lines between the table header and the next header
    (or ``specgen.key =`` under ``[tool]``), which is how people write this table.
    """
    found: dict[str, tuple[int, int]] = {}
    section = ""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("["):
            section = stripped.strip("[] \t").replace(" ", "")
            continue
        prefix = {"tool.specgen": "", "tool": "specgen."}.get(section)
        if prefix is None or "=" not in stripped:
            continue
        raw = stripped.split("=", 1)[0].strip().replace(" ", "")
        name = raw[len(prefix):] if raw.startswith(prefix) else None
        name = name.strip("\"'") if name is not None else None
        if name in keys and name not in found:
            found[name] = (number, len(line) - len(line.lstrip()) + 1)
    return found


def _problem(path: Path, key: str, message: str, places: dict[str, tuple[int, int]]) -> Diagnostic:
    pointer = f"/tool/specgen/{key}" if key else ""
    d = Diagnostic(code="E001", message=message, location=Location(file=str(path), pointer=pointer))
    return d.at(*places[key]) if key in places else d
