"""Reading one file of a spec (for :mod:`.loader`): bounded bytes, UTF-8, then JSON or YAML.

JSON is read by ``json`` (duplicate keys reported); YAML by the safe YAML 1.2 loader of
:mod:`.yaml12`, whose pointer -> ``line:col`` index is kept. Every problem becomes a diagnostic
at its place in the file; nothing here follows ``$ref``s (that is the loader's job).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from ..diagnostics import Diagnostic, Location
from .depth import too_deep_json, too_deep_yaml
from .numbers import JsonNumbers, unheld_numbers
from .yaml12 import SpecYamlLoader, pointer_at, positions_of

__all__ = ["file_diagnostic", "read_file"]


def file_diagnostic(
    code: str, message: str, file: str, pointer: str = "", line: int = 0
) -> Diagnostic:
    """A diagnostic about a file (at a pointer in it, and a line when one is known)."""
    d = Diagnostic(code=code, message=message, location=Location(file=file, pointer=pointer))
    return d.at(line, 1) if line else d


def read_file(
    root: Path, name: str, max_bytes: int, max_nodes: int, problems: list[Diagnostic],
    positions: dict[str, dict[str, tuple[int, int]]], *, max_depth: int = 256,
) -> Any:
    """The data of the file ``root / name``, or ``None`` with its problems added to ``problems``.

    A YAML file's pointer -> ``(line, column)`` index is stored in ``positions[name]``. A file
    too deep to parse is an E106 at the first collection deeper than ``max_depth``.
    """
    path = root / name
    try:
        size = path.stat().st_size
        if size > max_bytes:
            msg = f"file is {size} bytes, over {max_bytes}"
            problems.append(file_diagnostic("E104", msg, name, line=1))  # never read again
            return None
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(file_diagnostic("E101", f"cannot read file: {exc.strerror or exc}", name))
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - raw.rfind(b"\n", 0, exc.start)
        found = file_diagnostic("E102", f"not UTF-8 text (byte {exc.start})", name)
        problems.append(found.at(line, column))
        return None
    if name.endswith(".json"):
        return _read_json(text, name, problems, max_depth)
    loader = SpecYamlLoader(text, max_nodes=max_nodes)
    data = _read_yaml(loader, text, name, problems, max_depth)
    if data is not None:
        positions[name] = loader.positions
    return data


def _too_deep(kind: str, text: str, name: str, max_depth: int) -> Diagnostic:
    """E106 at the first collection deeper than ``max_depth`` (its pointer and position)."""
    deep = too_deep_json(text, max_depth) if kind == "JSON" else too_deep_yaml(text, max_depth)
    msg = f"{kind} nesting deeper than {max_depth} levels (too deep to read)"
    if deep is None:
        return file_diagnostic("E106", msg, name)
    return file_diagnostic("E106", msg, name, deep.pointer).at(deep.line, deep.column)


def _read_json(text: str, name: str, problems: list[Diagnostic], max_depth: int) -> Any:
    dupes: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(items)
        if len(obj) != len(items):
            seen: set[str] = set()
            dupes.extend(k for k, _ in items if k in seen or seen.add(k))  # type: ignore[func-returns-value]
        return obj

    numbers = JsonNumbers()
    try:
        data = json.loads(text, object_pairs_hook=pairs, parse_float=numbers.parse_float,
                          parse_constant=numbers.parse_constant)
    except json.JSONDecodeError as exc:
        found = file_diagnostic("E102", f"invalid JSON: {exc.msg}", name)
        problems.append(found.at(exc.lineno, exc.colno))
        return None
    except RecursionError:
        problems.append(_too_deep("JSON", text, name, max_depth))
        return None
    for key in dupes:
        problems.append(file_diagnostic("E103", f"duplicate key {json.dumps(key)}", name))
    unheld = list(unheld_numbers(data)) if numbers.unheld else []
    if unheld:
        places = positions_of(text) or {}
        for pointer, problem in unheld:
            found = file_diagnostic("E109", problem, name, pointer)
            line, column = places.get(pointer, (0, 0))
            problems.append(found.at(line, column) if line else found)
    return data if not dupes and not unheld else None


def _read_yaml(
    loader: SpecYamlLoader, text: str, name: str, problems: list[Diagnostic], max_depth: int
) -> Any:
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        if "maximum nesting depth" in str(exc.problem):  # libyaml's own bound
            problems.append(_too_deep("YAML", text, name, max_depth))
            return None
        mark = exc.problem_mark or exc.context_mark
        msg = f"invalid YAML: {exc.problem or exc.context}"
        if exc.context and exc.context_mark and exc.problem_mark:
            start = exc.context_mark
            msg += f" ({exc.context} started at {start.line + 1}:{start.column + 1})"
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        pointer = pointer_at(text, line, col) if line else ""
        problems.append(file_diagnostic("E102", msg, name, pointer).at(line, col))
        return None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (NUL, say)
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - text.rfind("\n", 0, exc.position)
        code = ord(exc.character) if isinstance(exc.character, str) else exc.character
        msg = f"invalid YAML: character U+{code:04X} is not allowed"
        found = file_diagnostic("E102", msg, name, pointer_at(text, line, column))
        problems.append(found.at(line, column))
        return None
    except yaml.YAMLError as exc:
        problems.append(file_diagnostic("E102", f"invalid YAML: {exc}", name))
        return None
    except RecursionError:
        problems.append(_too_deep("YAML", text, name, max_depth))
        return None
    finally:
        loader.dispose()
    for problem in loader.problems:
        pointer = pointer_at(text, problem.line, problem.column)
        found = file_diagnostic(problem.code, problem.message, name, pointer)
        problems.append(found.at(problem.line, problem.column))
    return None if loader.problems else data
