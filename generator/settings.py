"""All options in one frozen object, from the command line and ``[tool.specgen]``."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, Location, SpecError

__all__ = ["Settings", "load_settings"]

_PACKAGE = re.compile(r"^[a-z_][a-z0-9_]*$")


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """What to generate, from where, to where.

    ``spec``: the OpenAPI document. ``output``: the folder specgen owns files in (each target
    writes a subfolder, ``python/``). ``package``: the Python package name (derived from the
    spec's title when empty).
    """

    spec: Path = Path("spec/credits.yaml")
    output: Path = Path("generated")
    package: str = ""
    targets: tuple[str, ...] = ("python",)


_KEYS = {f.name for f in fields(Settings)}


def load_settings(config: Path | None, overrides: dict[str, Any]) -> Settings:
    """Read ``[tool.specgen]`` from ``config`` (default ``./pyproject.toml`` if it has one), then
    apply command-line ``overrides``. Unknown keys are errors with their place in the file.
    """
    path = config or Path("pyproject.toml")
    values: dict[str, Any] = {}
    if path.is_file():
        values = _read_table(path, required=config is not None)
    elif config is not None:
        raise SpecError([_problem(path, "", f"config file {path} not found")])
    values.update({k: v for k, v in overrides.items() if v is not None})
    settings = Settings()
    for key, value in values.items():
        settings = replace(settings, **{key: _coerce(key, value)})
    if settings.package and not _PACKAGE.match(settings.package):
        raise SpecError([_problem(path, "package", f"package {settings.package!r} is not a valid module name")])
    return settings


def _read_table(path: Path, *, required: bool) -> dict[str, Any]:
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {}).get("specgen")
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise SpecError([_problem(path, "", f"cannot read config: {exc}")]) from None
    if table is None:
        if required:
            raise SpecError([_problem(path, "", "no [tool.specgen] table")])
        return {}
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise SpecError([_problem(path, k, f"unknown key {k!r} in [tool.specgen]; known: {', '.join(sorted(_KEYS))}") for k in unknown])
    base = path.parent
    return {k: (base / v if k in ("spec", "output") else v) for k, v in table.items()}


def _coerce(key: str, value: Any) -> Any:
    if key in ("spec", "output"):
        return Path(value)
    if key == "targets":
        return tuple(value)
    return value


def _problem(path: Path, key: str, message: str) -> Diagnostic:
    pointer = f"/tool/specgen/{key}" if key else ""
    return Diagnostic(code="E001", message=message, location=Location(file=str(path), pointer=pointer))
