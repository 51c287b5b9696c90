"""Names the Go module's runtime exports, which no schema's type or enum constant may take."""

from __future__ import annotations

__all__ = ["RESERVED"]

RESERVED = frozenset({
    # runtime.go, validation.go
    "Problem", "Nullable", "Of", "Null", "Int64", "FieldError",
    # transport.go, request.go, errors.go, and the Client of client.go
    "Client", "NewClient", "Option", "Response", "Secret", "Clock", "RetryPolicy",
    "DefaultRetryPolicy", "DefaultTimeout", "Signer", "SignerFunc", "APIError", "RPCStatus",
    "ConnectionError", "ValidationError", "DecodeError", "SignerError", "Stream",
    "ServerSentEvent", "HeaderValue", "ErrBadRequest", "ErrAuthentication",
    "ErrPermissionDenied", "ErrNotFound", "ErrConflict", "ErrUnprocessableEntity",
    "ErrRateLimit", "ErrServer", "WithBaseURL", "WithServerVariable", "WithHTTPClient",
    "WithTimeout", "WithRetryPolicy", "WithClock", "WithValidation", "WithSigner", "WithLogger",
})
"""The exported names of the runtime files and of the client's fixed surface."""
