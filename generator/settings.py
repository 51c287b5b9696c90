"""All options in one frozen object, from the command line and ``[tool.specgen]``.

The table lives in the consumer's ``pyproject.toml`` (or the file ``--config`` names)::

    [tool.specgen]
    spec = "api/openapi.yaml"     # relative to this file
    output = "generated"          # relative to this file; specgen owns what its manifest lists
    targets = ["python"]          # each writes <output>/<target>/
    cache = ".cache/specgen"      # formatter cache (default: <output>/.specgen-cache, or by the
                                  # manifest when every target has its own output); "" = off
    spec_root = ".."              # $ref files may lie anywhere under it (default: the spec's folder)
    env_prefix = "ACME"           # the clients' environment variables, every language: ACME_TOKEN,
                                  # ACME_API_KEY, ACME_BASE_URL (default: the top-level package's
                                  # words, else info.title's, upper case)
    max_depth = 256               # input bounds (README, "Security"): nesting levels, and
    max_nodes = 20_000_000        # max_bytes (of one file) and max_files ($ref'd files)

    [tool.specgen.python]         # one table per target, for what differs by language
    output = "sdk"                # any target: its folder (default: <output>/python), relative
                                  # to this file; two targets may not share or nest folders
    package = "acme_client"       # the Python import name (default: from the spec's title)
    package_name = "acme-client"  # the distribution name (default: the import name, PEP 503)
    package_version = "1.2.0"     # PEP 440 (default: info.version, normalised)
    formatter = "black"           # or "ruff": the same bytes, much faster (pip install 'specgen[fast]')

Reading and checking the table itself is :mod:`.settings_table`; this module merges it with
the command line and checks what the two give together (the targets, their folders).

A top-level ``package`` or ``formatter`` (and ``--package``, ``--formatter``) sets that key of
every configured target that has it: the spelling of a one-target project, and of configs written
before per-target tables. A target's own table wins over the top-level key, and the command line
wins over both. Unknown keys (top level or in a target's table), tables of unknown targets and
values of the wrong type are errors placed at ``file:line:col``; a bad value given on the command
line is placed at its flag (``--package: E002 ...``). Command-line flags override the
file; relative paths on the command line are relative to the working folder.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .diagnostics import Diagnostic, Location, SpecError
from .load.loader import Limits
from .settings_table import (
    LIMIT_CEILINGS,
    LIMITS,
    OUTPUT,
    Places,
    key_positions,
    read_table,
    table_problem,
)
from .targets import KNOWN, target
from .targets.target import Options, Target

__all__ = ["CACHE_DIR", "FORMATTERS", "LIMITS", "LIMIT_CEILINGS", "OUTPUT", "SHORTHANDS", "TARGETS", "Settings",
           "key_positions", "load_settings"]

TARGETS = KNOWN
CACHE_DIR = ".specgen-cache"
SHORTHANDS = ("package", "formatter")  # top-level keys that set the same key of each target
_EMPTY: Mapping[str, Mapping[str, Any]] = MappingProxyType({})
_DEFAULT = Limits()


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """What to generate, from where, to where.

    ``spec``: the OpenAPI document. ``output``: the folder specgen owns files in (each target
    writes a subfolder named after it, ``python/``). ``targets``: the languages, by registry name.
    ``options``: each target's table, ``[tool.specgen.<target>]`` (validated; a read-only
    mapping); :meth:`options_for` resolves a target's settings. ``package`` and ``formatter``:
    the same keys of every target that has them, where its table does not set them (empty: the
    target's default). ``cache``: the folder of the formatter's cache, ``None`` for none
    (library calls default to none; :func:`load_settings` defaults to ``<output>/.specgen-cache``,
    inside the output folder so a run writes nowhere else, never listed in the manifest).
    ``spec_root``: the folder no ``$ref`` may leave, for shared files above the spec's own
    folder (``None``: the spec's folder); the spec must lie under it. ``max_bytes``,
    ``max_nodes``, ``max_depth``, ``max_files``: the input bounds (:attr:`limits`).
    ``env_prefix``: the prefix of every client's environment variables (empty: from ``package``,
    else the spec's title; :func:`~.analysis.credentials.env_prefix`).
    """

    spec: Path = Path("spec/credits.yaml")
    output: Path = Path("generated")
    package: str = ""
    targets: tuple[str, ...] = ("python",)
    cache: Path | None = None
    spec_root: Path | None = None
    formatter: str = ""
    env_prefix: str = ""
    max_bytes: int = _DEFAULT.max_bytes
    max_nodes: int = _DEFAULT.max_nodes
    max_depth: int = _DEFAULT.max_depth
    max_files: int = _DEFAULT.max_files
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=lambda: _EMPTY)

    @property
    def limits(self) -> Limits:
        """The bounds the loader holds the spec to."""
        return Limits(max_bytes=self.max_bytes, max_nodes=self.max_nodes,
                      max_depth=self.max_depth, max_files=self.max_files)

    def folder(self, name: str) -> Path:
        """Where target ``name`` writes: its table's ``output`` (relative to the config file),
        else ``<output>/<name>``."""
        own: Path | str | None = self.options.get(name, {}).get(OUTPUT)
        return Path(own) if own is not None else self.output / name

    def options_for(self, language: Target) -> Options:
        """``language``'s settings, every key of its schema: from its table, else the top-level
        key of the same name (:data:`SHORTHANDS`, when set), else the schema's default."""
        table = self.options.get(language.name, {})
        out: dict[str, Any] = {}
        for key, setting in language.settings.items():
            shorthand = getattr(self, key) if key in SHORTHANDS else None
            out[key] = table.get(key, shorthand or setting.default)
        return MappingProxyType(out)


def _choices(language: Target, key: str) -> tuple[Any, ...]:
    """The values ``language``'s setting ``key`` allows (none: it has no such setting)."""
    setting = language.settings.get(key)
    return setting.choices if setting is not None else ()


FORMATTERS = tuple(sorted({c for name in KNOWN for c in _choices(target(name), "formatter")}))
_KEYS = frozenset(f.name for f in fields(Settings)) - {"options"}


def load_settings(config: Path | None, overrides: dict[str, Any]) -> Settings:
    """Read ``[tool.specgen]`` from ``config`` (default ``./pyproject.toml`` if it has one), then
    apply command-line ``overrides`` (``None`` values are ignored). Paths in the file are relative
    to the file. Unknown keys and bad values are errors with their place in the file.
    """
    path = config or Path("pyproject.toml")
    values: dict[str, Any] = {}
    places: Places = {}
    if path.is_file():
        table, places = read_table(path, _KEYS, required=config is not None)
        values.update(table)
    elif config is not None:
        raise SpecError([table_problem(path, "", f"config file {path} not found", {})])
    given = {k: v for k, v in overrides.items() if v is not None}  # from the command line
    values.update({k: tuple(v) if k == "targets" else v for k, v in given.items()})
    for key in given:  # a value from the command line has no place in the file
        places.pop(key, None)
        if key in SHORTHANDS:  # and wins over the targets' tables
            values["options"] = _without(values.get("options", _EMPTY), key)
    settings = Settings(**values)
    if "cache" not in values:  # where the run writes anyway: by the output or the manifest
        defaults = [n for n in settings.targets if settings.folder(n) == settings.output / n]
        home = settings.output if defaults or not settings.targets else settings.folder(
            settings.targets[0]).parent
        settings = replace(settings, cache=home / CACHE_DIR)
    _check_selection(settings, path, places, frozenset(given))
    return settings


def _check_selection(settings: Settings, path: Path, places: Places,
                     flags: frozenset[str]) -> None:
    """The targets are known (at least one, each once), and the top-level keys they take are
    good values for them. A bad value is placed where it was given: at its key in the file, or
    at its command-line flag (``flags``: the keys the command line set)."""
    bad = [t for t in settings.targets if t not in KNOWN]
    twice = [t for i, t in enumerate(settings.targets) if t in settings.targets[:i]]
    message = (f"unknown target {bad[0]!r}" if bad else f"target {twice[0]!r} is listed twice"
               if twice else "no target" if not settings.targets else "")
    if message:
        message = f"{message}; known: {', '.join(KNOWN)}"
        raise SpecError([_flag("targets", message) if "targets" in flags
                         else table_problem(path, "targets", message, places)])
    for name in settings.targets:
        language = target(name)
        for key in SHORTHANDS:
            value = getattr(settings, key)
            setting = language.settings.get(key)
            if value and setting is not None and key not in settings.options.get(name, {}):
                refused = setting.problem(key, value)
                if refused is not None:
                    raise SpecError([_flag(key, refused, setting.code) if key in flags else
                                     table_problem(path, key, refused, places, setting.code)])
    _check_folders(settings, path, places, flags)


def _check_folders(settings: Settings, path: Path, places: Places,
                   flags: frozenset[str]) -> None:
    """No two targets write into the same folder or one inside the other, and none writes
    over the configuration file or the spec (a target's folder is swapped whole)."""
    seen: list[tuple[str, Path]] = []
    for name in settings.targets:
        folder = settings.folder(name).resolve()
        key = f"{name}.{OUTPUT}" if OUTPUT in settings.options.get(name, {}) else OUTPUT
        clash = next((other for other, there in seen
                      if there == folder or there in folder.parents or folder in there.parents),
                     None)
        inside = [f for f in (path, settings.spec) if folder in f.resolve().parents]
        message = (f"targets {clash} and {name} write into the same folder, or one inside the "
                   "other's" if clash else f"the {name} target's folder {folder} holds "
                   f"{inside[0]}" if inside else "")
        if message:
            raise SpecError([_flag(key, message) if key in flags
                             else table_problem(path, key, message, places)])
        seen.append((name, folder))


def _without(options: Mapping[str, Mapping[str, Any]], key: str) -> Mapping[str, Mapping[str, Any]]:
    """``options`` with ``key`` taken out of every target's table (the command line set it)."""
    return MappingProxyType({name: MappingProxyType({k: v for k, v in table.items() if k != key})
                             for name, table in options.items()})


def _flag(key: str, message: str, code: str = "E001") -> Diagnostic:
    """A bad value given on the command line, placed at its flag (``--package``), not in a
    configuration file that did not give it."""
    flag = "--target" if key == "targets" else "--" + key.replace("_", "-")
    return Diagnostic(code=code, message=message, location=Location(file=flag))
