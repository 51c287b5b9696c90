"""A spec whose every string that reaches generated code is an attack, and the strings used.

Each payload tries to leave its context in generated source: a string literal (both quote kinds,
triple quotes), a docstring, a comment (newlines of every kind), an f-string or ``str.format``
template, a Jinja expression, a PEP 263 coding line. If any of them becomes code, importing the
package or calling an operation runs ``touch CANARY``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

BLNS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "blns" / "blns.json"


def payloads(canary: Path) -> list[str]:
    touch = f"__import__('os').system('touch {canary}')"
    return [
        f'"""; {touch}; """',
        f"'''; {touch}; '''",
        f'\\"; {touch}; #',
        f"'; {touch}; #",
        "{" + touch + "}",
        "{0.__class__.__mro__}",
        "%(x)s %s",
        "{{ cycler.__init__.__globals__.os.system('touch " + str(canary) + "') }}",
        "{% import os %}",
        f"\n{touch}\n",
        f"\r\n{touch}  # \r{touch}",
        f"\u2028{touch}\u2029{touch}",
        f"# -*- coding: utf-7 -*-\n+AAo-{touch}",
        "\\",
        "\\\\\\'",
        "\x00\x01\x1b[31m\x7f",
        "</script><script>alert(1)</script>",
        "${{7*7}}",
    ]


def naughty_strings() -> list[str]:
    data: list[str] = json.loads(BLNS.read_text(encoding="utf-8"))
    return [s for s in data if s]


def hostile_spec(canary: Path) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """The spec, and the strings that must reach code as literals, by role."""
    p = payloads(canary)
    naughty = naughty_strings()
    props = {s: {"type": "string", "description": s, "default": s, "example": s} for s in p}
    props.update({s: {"type": "integer"} for s in naughty[:200]})
    hostile_enum = [*p, *naughty]
    schemas: dict[str, Any] = {
        name: {"type": "object", "description": name, "title": name, "properties": {"v": {"type": "string"}}}
        for name in p
    }
    schemas["Payload"] = {
        "type": "object",
        "description": p[0],
        "required": [p[1]],
        "properties": {**props, "kind": {"type": "string", "enum": hostile_enum, "description": p[2]},
                       "pattern": {"type": "string", "pattern": "^[\"'\\\\{}]*$"}},
        "additionalProperties": {"type": "string"},
        "x-error-codes": {"required": p[3]},
    }
    schemas["Union"] = {
        "oneOf": [{"$ref": f"#/components/schemas/{_esc(name)}"} for name in p[:3]],
        "discriminator": {"propertyName": p[4], "mapping": {p[5]: f"#/components/schemas/{_esc(p[0])}"}},
    }
    spec = {
        "openapi": "3.1.0",
        "info": {"title": p[0], "version": p[1], "description": p[9]},
        "servers": [{"url": "https://{region}.example.com/" + p[3], "description": p[2],
                     "variables": {"region": {"default": p[4], "description": p[5]}}}],
        "tags": [{"name": s} for s in p],
        "paths": {
            "/items/{itemId}": {
                "post": {
                    "operationId": p[0], "summary": p[1], "description": p[2], "tags": p[:3],
                    "parameters": [
                        {"name": "itemId", "in": "path", "required": True, "schema": {"type": "string"},
                         "description": p[6]},
                        {"name": p[7], "in": "query", "schema": {"type": "string", "default": p[8]}},
                        # a header name is an HTTP token (else E319): the payload's token characters,
                        # quotes and backticks among them
                        {"name": "X-" + _token(p[4]), "in": "header", "schema": {"type": "string"}},
                    ],
                    "requestBody": {"required": True, "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/Payload"},
                        "example": {p[1]: p[2]}}}},
                    "responses": {
                        "200": {"description": p[3], "content": {"application/json": {
                            "schema": {"$ref": "#/components/schemas/Payload"}}}},
                        "default": {"description": p[4]},
                    },
                }
            },
            "/" + p[10].replace("\n", "").replace("\r", "").replace("/", "") + "/{id}": {
                "get": {"parameters": [{"name": "id", "in": "path", "required": True,
                                        "schema": {"type": "string"}}],
                        "responses": {"204": {"description": p[11]}}}
            },
        },
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                p[5]: {"type": "apiKey", "in": "header", "name": "X-Key", "description": p[6]},
                p[6]: {"type": "http", "scheme": "bearer", "description": p[7]},
            },
        },
        "security": [{p[5]: []}, {p[6]: []}],
        "x-hostile": p,
    }
    literals = {"wire names": [*p, *naughty[:200]], "enum values": hostile_enum}
    return spec, literals


def _token(text: str) -> str:
    """The characters of ``text`` an HTTP token (a header name) may hold."""
    return "".join(c for c in text if c.isascii() and (c.isalnum() or c in "!#$%&'*+-.^_`|~"))


def _esc(name: str) -> str:
    return name.replace("~", "~0").replace("/", "~1")
