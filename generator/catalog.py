"""Every diagnostic code specgen reports: its severity, what it means and where it points.

The catalog is the single source of truth: :class:`~generator.diagnostics.Diagnostic` refuses a
code that is not here (or a severity that is not the code's), ``docs/diagnostics.md`` is generated
from it (``python -m generator.catalog_doc``), and every code has a minimal document that
triggers it under ``tests/diagnostics/`` (``tests/diagnostics/test_catalog.py`` runs ``validate``
on each). The severity is in the code: ``E`` codes are errors (exit 2), ``W`` codes warnings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["CATALOG", "Entry", "Severity", "entry", "markdown"]

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Entry:
    """One code: ``summary`` is a line for people, ``pointer`` says where its diagnostics point.

    ``lenient``: the warning reads on purpose what the OpenAPI schema forbids (real documents
    do it); the structural lint's error at its pointer is the same problem, not a second one.
    ``by_targets``: raised by a target's ``diagnostics`` only (its example is a target's test).
    """

    code: str
    summary: str
    pointer: str
    lenient: bool = False
    by_targets: bool = False

    @property
    def severity(self) -> Severity:
        """``warning`` for a ``W`` code, else ``error``."""
        return "warning" if self.code.startswith("W") else "error"


def _e(code: str, summary: str, pointer: str, *, lenient: bool = False,
       by_targets: bool = False) -> Entry:
    return Entry(code=code, summary=summary, pointer=pointer, lenient=lenient,
                 by_targets=by_targets)


_ENTRIES = (
    _e("E001", "the configuration ([tool.specgen]) is invalid", "the key in the TOML file"),
    _e("E002", "a package's name or version cannot be used: a Python import name that is a "
       "keyword, a soft keyword, a standard-library module, dotted or not an identifier; a "
       "distribution name (PEP 508) or version (PEP 440) that is not valid",
       "the key in the TOML file, or the command-line flag (`--package`)"),
    _e("E100", "not valid OpenAPI: the document breaks the OpenAPI Initiative's JSON Schema "
       "(the structural lint)", "the offending node"),
    _e("E101", "a file cannot be read (missing, unreadable)", "the `$ref` naming the file, or "
       "the spec itself"),
    _e("E102", "a file is not UTF-8, or not valid JSON or YAML", "the place of the syntax error"),
    _e("E103", "a mapping repeats a key", "the repeated key"),
    _e("E104", "a file is larger than the byte limit", "the file"),
    _e("E105", "too many nodes: YAML aliases that expand too far or contain themselves, too "
       "many nodes or too many files", "the alias, or the file"),
    _e("E106", "nesting deeper than the depth limit", "the first node beyond the limit"),
    _e("E107", "not an OpenAPI 3.0/3.1 document (another version, not an object, or no "
       "`openapi` key and no `$schema` to say it is a bare JSON Schema)",
       "`openapi` or `swagger`, or the document"),
    _e("E108", "a string (a key or a value) holds a lone surrogate, half a UTF-16 pair written "
       "as a `\\u` escape: no UTF-8 file, so no generated code or README, can hold it",
       "the string, or the key"),
    _e("E109", "a number no double can hold: beyond ±1.8e308, too small to tell from 0, or "
       "NaN/Infinity (`.inf`, `.nan` in YAML), which JSON cannot carry", "the number"),
    _e("E201", "a `$ref` points to nothing (or its fragment is not a JSON pointer)",
       "the `$ref`"),
    _e("E202", "a `$ref` (or the spec) leaves the spec folder or `spec_root`", "the `$ref`"),
    _e("E203", "a `$ref` is a URL or absolute URI; nothing is fetched", "the `$ref`"),
    _e("E204", "a `$ref` cycle never reaches a value (each cycle reported once)",
       "a `$ref` of the cycle"),
    _e("E205", "a `$ref` reaches the wrong kind of object (a Parameter where a Schema belongs)",
       "the `$ref`"),
    _e("E301", "a schema is neither an object nor a boolean", "the schema"),
    _e("E302", "a schema has an unknown `type`", "the `type`"),
    _e("E303", "a `const` or `enum` value, or a property's or parameter's `default`, does not "
       "match its own schema", "the value"),
    _e("E305", "a schema is only itself: an `allOf`/`anyOf`/`oneOf` cycle with no structure",
       "the schema"),
    _e("E310", "an `operationId` is used twice", "the second operation"),
    _e("E311", "a path template names a parameter that is not declared", "the operation"),
    _e("E312", "a response key is not a status code, a `1XX`-`5XX` range or `default`",
       "the `responses` (the message names the key)"),
    _e("E313", "a path template does not parse, or names a parameter twice", "the path"),
    _e("E314", "a parameter is declared twice (same `name` and `in`) in one list",
       "the second one"),
    _e("E315", "a path parameter is not `required: true`, or not in the path template",
       "the parameter"),
    _e("E316", "two paths differ only in their parameters' names and share a method",
       "the second path"),
    _e("E317", "a server URL names a variable that is not declared, or a variable's "
       "`default` is not among its `enum`", "the `url`, or the `default`"),
    _e("E318", "a discriminator `mapping` names a schema that is not one of the union's "
       "variants", "the mapping entry"),
    _e("E319", "a header, cookie or apiKey name is not an HTTP token, or an OAuth/OpenID "
       "Connect URL is not a URL", "the name, or the URL"),
    _e("E320", "a `content` key is not a media type or range (RFC 9110 `type/subtype` with "
       "`; name=value` parameters; a range is `*/*` or `type/*`)", "the key"),
    _e("E401", "a keyword the validators cannot honour (e.g. `unevaluatedProperties`)",
       "the keyword"),
    _e("E402", "a keyword's value has the wrong form (e.g. `required` not an array)",
       "the keyword"),
    _e("E403", "a `pattern` the target's regex engine cannot run exactly", "the `pattern`"),
    _e("E404", "`x-error-codes` is malformed or names a keyword the schema does not use",
       "`x-error-codes` or its key"),
    _e("W101", "a component name is outside `^[a-zA-Z0-9._-]+$` (OpenAPI 3.1's MUST); its "
       "generated names are sanitised", "the name"),
    _e("W301", "non-scalar `enum` values are dropped", "the schema"),
    _e("W302", "a tuple array (`items` as a list) is typed as a list of any value",
       "the schema"),
    _e("W303", "`allOf` with non-object members is typed as any value", "the schema"),
    _e("W304", "an empty `anyOf`/`oneOf` is typed as any value", "the keyword"),
    _e("W305", "a webhook or callback is not generated", "the webhook or callback"),
    _e("W306", "an `enum` lists a value twice; it is generated once", "the repeated value"),
    _e("W307", "an `example` does not match its own schema (examples are documentation; "
       "real documents write partial ones)", "the example"),
    _e("W308", "two discriminator `mapping` keys name one schema: both decode to it, which "
       "one it is sent with is ambiguous", "the second key"),
    _e("W309", "keywords beside a `$ref` in a 3.0 document are ignored, as 3.0 says, "
       "`nullable` too (but the annotations `description`, `default`, `readOnly`, "
       "`writeOnly`, `deprecated`, which are read)", "the `$ref`"),
    _e("W310", "a header parameter named `Accept`, `Content-Type` or `Authorization`, or a "
       "response header named `Content-Type`, is ignored, as OpenAPI says",
       "the parameter or header"),
    _e("W311", "a `default` the generated code never uses (or `null` on a schema without "
       "`null`, read as no default) does not match its schema", "the `default`"),
    _e("W312", "two paths differ only in their parameters' names (OpenAPI: MUST NOT) but share "
       "no method (GitHub's document has such pairs)", "the second path"),
    _e("W401", "`$recursiveRef` is read as a `$ref` to its `$recursiveAnchor: true` (2019-09; "
       "OpenAI's document has them)", "the `$recursiveRef`, and the `$recursiveAnchor`",
       lenient=True),
    _e("W402", "a boolean `exclusiveMinimum`/`exclusiveMaximum` in a 3.1 document is read as "
       "3.0 does (OpenAI's document has them)", "the keyword", lenient=True),
    _e("W403", "a name is listed twice in `required` (OpenAI's document has one)",
       "the `required`", lenient=True),
    _e("W405", "an unknown keyword is ignored by the validators", "the keyword"),
    _e("W406", "a `format` the target does not check is accepted unchecked", "the `format`"),
    _e("E501", "a target cannot generate this API as configured (the message says what to "
       "set or change); the Python target raises none", "the construct, or the document",
       by_targets=True),
    _e("W501", "a target cannot honour a construct exactly and says what it does instead (a "
       "type degraded; a name taken is W503); the Python target raises none", "the construct",
       by_targets=True),
    _e("W502", "an operation group's name is taken (a tag named like a client member, or two "
       "tags that are one name in the target's casing); the group gets a suffixed name",
       "the first tag of the group's first operation"),
    _e("W503", "a schema's type (class, module), or an operation's method or function, is "
       "renamed in a target: the name it asks for is a keyword, a builtin, a file or name the "
       "package needs, or another spec name in the target's casing; it gets a suffix (an "
       "`operationId` the spec gives keeps its name before one specgen derives)",
       "the schema or the operation"),
    _e("W510", "`info.version` is not a PEP 440 version: the Python package's version is a "
       "fallback (its leading numbers, else 0.0.0); `package_version` sets one", "`info.version`"),
    _e("W601", "a request body's media type is one the target's client cannot encode (e.g. "
       "`application/xml`): the caller gives the body as bytes or text, sent with that "
       "`Content-Type`, never encoded as JSON", "the media type under `requestBody.content`"),
)

CATALOG: dict[str, Entry] = {e.code: e for e in _ENTRIES}
"""Every code, in code order."""


def entry(code: str) -> Entry:
    """The catalog entry of ``code``; raises ``KeyError`` for a code the catalog lacks."""
    return CATALOG[code]


_HEADER = """\
# Diagnostics

<!-- generated by `python -m generator.catalog_doc > docs/diagnostics.md`; do not edit -->

Every problem specgen reports has a code from this table, a file:line:col and a JSON pointer:

    spec/api.yaml:42:9: E201 #/components/schemas/Pet/properties/tag: unresolved $ref ...

`E` codes are errors (`validate`, `generate` and `check` exit 2); `W` codes are warnings (the
output is generated, with what was degraded or skipped said). `validate`, `generate` and `check`
report the same problems, all of them in one run where they are independent. On the terminal a
warning code repeated many times is summarised in one line; `--report FILE` lists every one.
Each code's minimal example, `tests/diagnostics/<code>.yaml`, is shown below the table (a
`# limits:` line in one lowers a load bound to what the example needs, as its test does).

| code | severity | meaning | points at |
|------|----------|---------|-----------|
"""


def markdown() -> str:
    """``docs/diagnostics.md``: the catalog as a table."""
    rows = (f"| {e.code} | {e.severity} | {e.summary} | {e.pointer} |\n" for e in _ENTRIES)
    return _HEADER + "".join(rows)


