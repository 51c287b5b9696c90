"""The client contract's neutral facts: the error message rule, media kinds, tag groups."""

from __future__ import annotations

from pathlib import Path

import pytest
from analysis_support import api_of, defs_of, key

from generator.analysis.errors import MESSAGE_PATHS, is_rpc_status, message_path
from generator.analysis.groups import groups
from generator.analysis.media import media_kind
from generator.build import build
from generator.ir import Ref
from generator.load.loader import load


@pytest.mark.parametrize(
    ("schemas", "expected"),
    [
        (("    E: {type: object, properties: {code: {type: integer}, message: {type: string},"
         " details: {type: array, items: {}}}}"), ("message",)),
        (("    E: {type: object, properties: {error: {$ref: '#/components/schemas/In'}}}\n"
         "    In: {type: object, properties: {message: {type: string}, type: {type: string}}}"),
         ("error", "message")),
        (("    E: {type: object, properties: {type: {type: string}, title: {type: string},"
         " detail: {type: string}, status: {type: integer}}}"), ("detail",)),
        ("    E: {type: object, properties: {title: {type: string}}}", ("title",)),
        (("    E: {type: object, properties: {error: {type: string},"
         " error_description: {type: string}}}"), ("error_description",)),
        ("    E: {type: object, properties: {error: {type: [string, 'null']}}}", ("error",)),
        (("    E: {type: object, properties: {errors: {type: array, items:"
         " {type: object, properties: {message: {type: string}}}}}}"), ("errors", 0, "message")),
        ("    E: {type: object, properties: {message: {type: integer}}}", None),
        ("    E: {type: object, properties: {msg: {type: string}}}", None),
        (("    E: {type: object, properties: {error: {type: object, properties:"
         " {message: {type: string}}}, message: {type: integer}}}"), ("error", "message")),
    ],
)
def test_message_path_follows_the_rule_in_order(
    tmp_path: Path, schemas: str, expected: tuple[str | int, ...] | None
) -> None:
    api = api_of(tmp_path, schemas)
    assert message_path(Ref(key=key("E")), defs_of(api)) == expected
    assert expected is None or expected in MESSAGE_PATHS


def test_rpc_status_is_recognised_by_its_shape(tmp_path: Path) -> None:
    api = api_of(tmp_path, (
        "    S: {type: object, properties: {code: {type: integer}, message: {type: string},"
        " details: {type: array, items: {}}}}\n"
        "    P: {type: object, properties: {title: {type: string}, status: {type: integer}}}"
    ))
    assert is_rpc_status(Ref(key=key("S")), defs_of(api))
    assert not is_rpc_status(Ref(key=key("P")), defs_of(api))
    assert not is_rpc_status(None, defs_of(api))


def test_curated_spec_errors_are_rpc_status() -> None:
    api, _ = build(load(Path("spec/credits.yaml")))
    defs = defs_of(api)
    (op,) = api.operations
    errors = [r for r in op.responses if r.status != "200"]
    assert errors and all(is_rpc_status(r.type, defs) for r in errors)
    assert {message_path(r.type, defs) for r in errors} == {("message",)}


@pytest.mark.parametrize(
    ("media_type", "kind"),
    [
        ("application/json", "json"), ("Application/JSON; charset=utf-8", "json"),
        ("application/problem+json", "json"), ("application/vnd.github.v3+json", "json"),
        ("application/x-www-form-urlencoded", "form"), ("multipart/form-data", "multipart"),
        ("text/plain", "text"), ("text/html; charset=utf-8", "text"),
        ("text/event-stream", "sse"), ("application/x-ndjson", "ndjson"),
        ("application/jsonl", "ndjson"), ("application/xml", "binary"),
        ("application/octet-stream", "binary"), ("image/png", "binary"), ("*/*", "binary"),
    ],
)
def test_media_kind(media_type: str, kind: str) -> None:
    assert media_kind(media_type) == kind


def test_groups_by_first_tag_in_order_of_appearance(tmp_path: Path) -> None:
    spec = tmp_path / "g.yaml"
    spec.write_text(
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n"
        "  /a: {get: {operationId: a, tags: [Pet Store, x], responses: {'200': {description: ok}}}}\n"
        "  /b: {get: {operationId: b, tags: [users], responses: {'200': {description: ok}}}}\n"
        "  /c: {get: {operationId: c, responses: {'200': {description: ok}}}}\n"
        "  /d: {get: {operationId: d, tags: [Pet Store], responses: {'200': {description: ok}}}}\n"
        "  /e: {get: {operationId: e, tags: ['***'], responses: {'200': {description: ok}}}}\n",
        encoding="utf-8",
    )
    api, _ = build(load(spec))
    found = [(g.tag, g.words, [o.operation_id for o in g.operations]) for g in groups(api)]
    assert found == [
        ("Pet Store", ("Pet", "Store"), ["a", "d"]), ("users", ("users",), ["b"]), ("***", (), ["e"]),
    ]
