"""The ``[tool.specgen]`` table of a TOML file: read, checked, and each key placed.

:func:`read_table` gives :mod:`.settings` the table's values and where each key stands; every
unknown key (top level or in a target's table), table of an unknown target and value of the
wrong type is an error at its ``file:line:col``. :func:`key_positions` finds those places with
a scan of the text (``tomllib`` keeps none).
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .analysis.credentials import env_prefix_problem
from .diagnostics import Diagnostic, Location, SpecError
from .targets import KNOWN, target
from .targets.target import Target

__all__ = ["LIMITS", "LIMIT_CEILINGS", "OUTPUT", "Places", "key_positions", "read_table",
           "table_problem"]

OUTPUT = "output"  # a key of every target's table: the folder it writes (default <output>/<name>)
LIMITS = ("max_bytes", "max_nodes", "max_depth", "max_files")
"""The input bounds (:class:`~.load.loader.Limits`), keys of ``[tool.specgen]`` and flags."""
LIMIT_CEILINGS = {"max_depth": 10_000}
"""Bounds a limit may not be raised past: the deep stack (:mod:`generator.deep`) holds about
two dozen frames per level of 10,000 (a ``RecursionError`` beyond would be exit 3, not E106)."""
_PATHS = ("spec", "output", "cache", "spec_root")
Places = dict[str, tuple[int, int]]


def read_table(path: Path, keys: frozenset[str], *, required: bool
               ) -> tuple[dict[str, Any], Places]:
    """The ``[tool.specgen]`` table of the TOML file ``path`` as :class:`~.settings.Settings`
    values (``keys``: its top-level keys; paths made relative to the file, each target's table
    under ``options``), and where each key stands in the file. Raises ``SpecError`` with every
    bad key or value placed at its ``file:line:col``, or when the file cannot be read (or has no
    table, if ``required``)."""
    try:
        text = path.read_text(encoding="utf-8")
        table = tomllib.loads(text).get("tool", {}).get("specgen")
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SpecError([table_problem(path, "", f"cannot read config: {exc}", {})]) from None
    if table is None:
        if required:
            raise SpecError([table_problem(path, "", "no [tool.specgen] table", {})])
        return {}, {}
    places = key_positions(text, _names(table))
    problems = [table_problem(path, k, message, places, code)
                for k, message, code in _table_errors(table, keys)]
    if problems:
        raise SpecError(problems)
    base = path.parent
    values = {k: _coerce(k, v, base) for k, v in table.items() if k in keys}
    values["options"] = MappingProxyType({
        k: MappingProxyType({key: base / value if key == OUTPUT else value
                             for key, value in v.items()})
        for k, v in table.items() if k not in keys})
    return values, places


def _names(table: dict[str, Any]) -> list[str]:
    """The keys of the table, and ``target.key`` for the keys of its sub-tables."""
    return list(table) + [f"{k}.{sub}" for k, v in table.items() if isinstance(v, dict)
                          for sub in v]


def _table_errors(table: dict[str, Any], keys: frozenset[str]) -> list[tuple[str, str, str]]:
    """(key, message, code) for each bad key or value of ``[tool.specgen]`` and its targets'
    tables."""
    return _unknown_errors(table, keys) + _value_errors(table)


def _unknown_errors(table: dict[str, Any], keys: frozenset[str]) -> list[tuple[str, str, str]]:
    """Keys that are neither settings (``keys``) nor known targets' tables, and the errors of
    each target's table."""
    out: list[tuple[str, str, str]] = []
    known = ", ".join(sorted(keys))
    tables = ", ".join(f"[tool.specgen.{name}]" for name in KNOWN)
    for key, value in table.items():
        if key in keys:
            continue
        if key not in KNOWN:
            what = "no target" if isinstance(value, dict) else "unknown key"
            message = (f"{what} {key!r} in [tool.specgen]; known: {known}; "
                       f"and a table per target: {tables}")
            out.append((key, message, "E001"))
        elif not isinstance(value, dict):
            out.append((key, f"{key} must be a table ([tool.specgen.{key}])", "E001"))
        else:
            out += _target_errors(target(key), value)
    return out


def _value_errors(table: dict[str, Any]) -> list[tuple[str, str, str]]:
    """Top-level values of the wrong type or out of bounds."""
    out: list[tuple[str, str, str]] = []
    for key in ("spec", "output", "package", "cache", "spec_root", "formatter"):
        if key in table and not isinstance(table[key], str):
            out.append((key, f"{key} must be a string", "E001"))
    if "env_prefix" in table and (bad := env_prefix_problem(table["env_prefix"])) is not None:
        out.append(("env_prefix", bad, "E001"))
    for key in LIMITS:
        value = table.get(key, 1)
        ceiling = LIMIT_CEILINGS.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            out.append((key, f"{key} must be a positive integer", "E001"))
        elif ceiling is not None and value > ceiling:
            out.append((key, f"{key} must be at most {ceiling}", "E001"))
    targets = table.get("targets", [])
    if not (isinstance(targets, list) and all(isinstance(t, str) for t in targets)):
        out.append(("targets", "targets must be a list of strings", "E001"))
    return out


def _target_errors(language: Target, table: dict[str, Any]) -> list[tuple[str, str, str]]:
    """Unknown keys and bad values of ``[tool.specgen.<language>]``, placed at
    ``language.key``."""
    out: list[tuple[str, str, str]] = []
    schema = language.settings
    for key, value in table.items():
        place = f"{language.name}.{key}"
        if key == OUTPUT:
            if not isinstance(value, str) or not value:
                out.append((place, f"{key} must be a folder (a non-empty string)", "E001"))
        elif key not in schema:
            known = ", ".join(sorted([*schema, OUTPUT]))
            out.append((place, f"unknown key {key!r} in [tool.specgen.{language.name}]; "
                               + f"known: {known}", "E001"))
        elif (bad := schema[key].problem(key, value)) is not None:
            typed = isinstance(value, schema[key].kind)  # a wrong type is E001, as elsewhere
            out.append((place, bad, schema[key].code if typed else "E001"))
    return out


def _coerce(key: str, value: Any, base: Path) -> Any:
    """A checked value of the table as its setting holds it: paths relative to ``base`` (the
    file's folder), ``cache = ""`` as no cache, the targets as a tuple."""
    if key == "cache" and value == "":
        return None
    if key in _PATHS:
        return base / value
    if key == "targets":
        return tuple(value)
    return value


def key_positions(text: str, keys: list[str]) -> dict[str, tuple[int, int]]:
    """1-based ``(line, column)`` of each key of the ``[tool.specgen]`` table in TOML ``text``;
    ``target.key`` for a key of a target's table, ``target`` for the table itself.

    A scan, not a parser: it finds ``key =`` lines between a table header and the next header,
    whichever way the key is spelt (``[tool.specgen] python.package =``, ``[tool.specgen.python]
    package =``, ``[tool] specgen.package =``), which is how people write these tables.
    """
    found: dict[str, tuple[int, int]] = {}
    section = ""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("["):
            section = _dotted(stripped.split("#", 1)[0].strip("[] \t"))
            full = section  # a target's table: placed at its header
        elif "=" in stripped:
            full = f"{section}.{_dotted(stripped.split('=', 1)[0])}"
        else:
            continue
        name = full.removeprefix("tool.specgen.") if full.startswith("tool.specgen.") else ""
        if name in keys and name not in found:
            found[name] = (number, len(line) - len(line.lstrip()) + 1)
    return found


def _dotted(raw: str) -> str:
    """A TOML dotted key without its spaces and quotes: ``tool. "specgen"`` -> ``tool.specgen``."""
    return ".".join(part.strip().strip("\"'") for part in raw.split("."))


def table_problem(path: Path, key: str, message: str, places: Places,
                  code: str = "E001") -> Diagnostic:
    """A problem of the configuration file ``path``, at ``key`` (``target.key`` for a target's
    table; placed at its line and column when ``places`` has it)."""
    pointer = "/tool/specgen/" + key.replace(".", "/") if key else ""
    d = Diagnostic(code=code, message=message, location=Location(file=str(path), pointer=pointer))
    return d.at(*places[key]) if key in places else d
