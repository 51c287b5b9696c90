"""The response side of an operation's view: the body of ``_parse_<op>`` for the success statuses
and the ``_http.ErrorBody`` decoders of the error statuses (see :mod:`.client_ops`).
"""

from __future__ import annotations

from ...analysis.errors import is_rpc_status, message_path
from ...analysis.media import media_kind
from ...ir import ObjectDef, Ref, Response
from .literals import literal
from .types import TypeMapper

__all__ = ["error_bodies", "parse_success"]


def parse_success(responses: tuple[Response, ...], mapper: TypeMapper) -> tuple[str, list[str]]:
    """The return annotation and the body of ``_parse_<op>``."""
    cases: list[tuple[str, str, list[str]]] = []
    for r in responses:
        if not r.status.startswith("2"):
            continue
        if r.type is None or r.media_type is None:
            cases.append((r.status, "None", ["return None"]))
        elif media_kind(r.media_type) == "text":
            cases.append((r.status, "str", ["return response.text"]))
        elif media_kind(r.media_type) != "json":  # binary; a stream read whole (client_streams)
            cases.append((r.status, "bytes", ["return response.content"]))
        else:
            ann = mapper.annotation(r.type)
            decoded = mapper.decode(r.type, "_http.json_body(response)")
            # each branch annotates its own variable: mypy refuses a second ``data: T``
            var = "data" if not any("data: " in c[2][0] for c in cases) else f"data_{r.status}"
            lines = [f"return {decoded}"] if decoded else [
                f"{var}: {ann} = _http.json_body(response)", f"return {var}"]
            cases.append((r.status, ann, lines))
    if not cases:
        return "None", ["return None"]
    annotation = " | ".join(dict.fromkeys(p for _, a, _ in cases for p in a.split(" | ")))
    if len({tuple(lines) for _, _, lines in cases}) == 1:
        return annotation, cases[0][2]
    exact = [c for c in cases if c[0].isdigit()]
    fallback = next((body for status, _, body in cases if not status.isdigit()), None)
    if fallback is None:  # the last documented status needs no test
        exact, fallback = exact[:-1], exact[-1][2]
    lines = []
    for status, _, body in exact:
        lines.append(f"if response.status_code == {int(status)}:")
        lines += [f"    {line}" for line in body]
    return annotation, lines + fallback


def error_bodies(responses: tuple[Response, ...], mapper: TypeMapper) -> list[str]:
    """The ``_http.ErrorBody`` of each documented error status (``"404": _http.ErrorBody(...)``):
    how its body is decoded, whether it is a ``google.rpc.Status``, and where its declared
    schema keeps the message (the message rule, :mod:`generator.analysis.errors`)."""
    out = []
    for r in responses:
        if r.status.startswith("2"):
            continue
        decode, extra = "None", ""
        if r.type is not None and r.media_type is not None and media_kind(r.media_type) == "json":
            if isinstance(r.type, Ref) and isinstance(mapper.defs[r.type.key], ObjectDef):
                decode = f"{mapper.runtime(r.type.key)}.from_dict"
            else:
                expr = mapper.decode(r.type, "data")
                decode = f"lambda data: {expr}" if expr else "None"
            if is_rpc_status(r.type, mapper.defs):
                extra += ", rpc_status=True"
            path = message_path(r.type, mapper.defs)
            if path is not None:
                extra += f", message={literal(path)}"
        out.append(f"{literal(r.status)}: _http.ErrorBody({decode}{extra})")
    return out
