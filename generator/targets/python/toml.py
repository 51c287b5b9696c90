"""A minimal TOML writer for the generated package's metadata, checked by parsing it back."""

from __future__ import annotations

import json
import re
import tomllib
from typing import Any

__all__ = ["dump_toml"]


def _value(value: Any) -> str:
    if isinstance(value, str):
        # JSON string syntax is valid TOML basic-string syntax once DEL is escaped too.
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    raise TypeError(f"unsupported TOML value {value!r}")


_BARE = re.compile(r"[A-Za-z0-9_-]+")


def _key(key: str) -> str:
    """A bare key where TOML allows one (``name``, ``build-system``), else a quoted one."""
    return key if _BARE.fullmatch(key) else _value(key)


def _tables(prefix: str, body: dict[str, Any], lines: list[str]) -> None:
    scalars = {k: v for k, v in body.items() if not isinstance(v, dict)}
    if scalars or not prefix:
        if prefix:
            lines.append(f"[{prefix}]")
        lines.extend(f"{_key(key)} = {_value(value)}" for key, value in scalars.items())
        lines.append("")
    for key, value in body.items():
        if isinstance(value, dict):
            _tables(f"{prefix}.{_key(key)}" if prefix else _key(key), value, lines)


def dump_toml(document: dict[str, Any]) -> str:
    """Serialise nested dicts of strings, booleans and lists; verified by parsing it back."""
    lines: list[str] = []
    _tables("", document, lines)
    text = "\n".join(lines).lstrip("\n")
    if tomllib.loads(text) != document:
        raise ValueError("TOML round trip failed")
    return text
