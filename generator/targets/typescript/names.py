"""TypeScript names: PascalCase types, camelCase functions, from the shared naming primitives.

Identifiers are built from :func:`generator.analysis.naming.words` (ASCII letters and digits
only), never a reserved word or a global the generated code or its users need, and claimed in a
:class:`~generator.analysis.naming.Scope` so two definitions never share a name.
"""

from __future__ import annotations

from ...analysis.naming import Scope, claim_order, words
from ...ir import Api

__all__ = ["KEYWORDS", "RESERVED", "camel", "pascal", "type_names"]

KEYWORDS = frozenset([
    "break", "case", "catch", "class", "const", "continue", "debugger", "default",
    "delete", "do", "else", "enum", "export", "extends", "false", "finally",
    "for", "function", "if", "import", "in", "instanceof", "new", "null",
    "return", "super", "switch", "this", "throw", "true", "try", "typeof",
    "var", "void", "while", "with", "as", "implements", "interface", "let",
    "package", "private", "protected", "public", "static", "yield", "any", "boolean",
    "constructor", "declare", "get", "module", "require", "number", "set", "string",
    "symbol", "type", "from", "of", "unknown", "never", "object", "bigint",
    "undefined", "async", "await", "is", "keyof", "readonly", "infer", "unique",
    "satisfies", "accessor", "asserts", "global", "out", "abstract", "namespace", "override",
])
RESERVED = frozenset([
    "Array", "ArrayBuffer", "BigInt", "Boolean", "Date", "Error", "Function", "Infinity",
    "JSON", "Map", "Math", "NaN", "Number", "Object", "Partial", "Pick",
    "Omit", "Promise", "Readonly", "Record", "RegExp", "Required", "Set", "String",
    "Symbol", "Exclude", "Extract", "Int64", "JsonValue", "ValidationProblem", "Request", "Response",
    "Headers", "URL",
    # what the package's index exports beside the models (export * must not clash)
    "CoreClient", "Client", "ClientOptions", "CoreOptions", "RequestOptions", "ApiResponse",
    "RetryPolicy", "ServerSentEvent", "StatusErrorInit", "ApiError", "ApiStatusError",
    "BadRequestError", "AuthenticationError", "PermissionDeniedError", "NotFoundError",
    "ConflictError", "UnprocessableEntityError", "RateLimitError", "ServerError",
    "ApiConnectionError", "ApiTimeoutError", "ResponseDecodeError", "RequestValidationError",
    "MESSAGE_PATHS", "DEFAULT_RETRY", "DEFAULT_TIMEOUT_MS", "SHAPES", "API", "Uint8Array",
    "AsyncGenerator", "FormData", "BodyInit", "AbortSignal",
])


def camel(name: str, fallback: str = "call") -> str:
    """``calc credits job`` -> ``calcCreditsJob`` (a leading digit gets the fallback)."""
    parts = words(name)
    text = "".join(w.lower() if i == 0 else w[:1].upper() + w[1:] for i, w in enumerate(parts))
    if not text:
        return fallback
    return text if not text[0].isdigit() else fallback + text[:1].upper() + text[1:]


def pascal(name: str, fallback: str = "Model") -> str:
    """``credits request`` -> ``CreditsRequest`` (a leading digit gets the fallback's prefix)."""
    text = "".join(w[:1].upper() + w[1:] for w in words(name))
    if not text:
        return fallback
    return text if not text[0].isdigit() else fallback + text


def type_names(api: Api) -> dict[str, str]:
    """Definition key -> its TypeScript type name, claimed in the shared claim order (a
    component keeps its own name when an inline schema would build the same one)."""
    scope = Scope(RESERVED, keywords=KEYWORDS, sep="")
    return {d.key: scope.claim(pascal(" ".join(d.name))) for d in claim_order(api.definitions)}
