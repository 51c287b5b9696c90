"""Parameters in the neutral validation model (docs/client-contract.md §5), and the neutral
facts beside them: which discriminator values a variant fills in, which bodies a target sends
raw (W601)."""

from __future__ import annotations

from pathlib import Path

from generator.analysis import analyse
from generator.analysis.media import raw_request_bodies
from generator.build import build_all
from generator.load.loader import load
from generator.targets.python.capabilities import CAPABILITIES
from generator.validation import ValidationModel, build_validation
from generator.validation.parameters import parameter_roots

SPEC = Path(__file__).resolve().parents[1] / "client" / "specs" / "todos_io.yaml"


def _models() -> tuple[ValidationModel, ValidationModel, list[tuple[str, str, str, str]]]:
    document = load(SPEC)
    api, _ = build_all(document)
    roots = [(d.key, d.location) for d in api.definitions]
    params = parameter_roots(document, api, {k for k, _ in roots})
    plain = build_validation(document, api.openapi, roots, capabilities=CAPABILITIES)
    full = build_validation(document, api.openapi, roots, capabilities=CAPABILITIES,
                            parameters=params)
    uses = [(u.operation, u.location_in, u.name, u.root) for u in full.parameters]
    return plain, full, uses


def test_each_parameter_schema_is_a_root_compiled_after_the_definitions() -> None:
    plain, full, uses = _models()
    at = "todos_io.yaml#/paths/"
    assert uses[:3] == [
        ("listTodos", "query", "limit", at + "~1todos/get/parameters/0/schema"),
        ("listTodos", "header", "X-Tenant", at + "~1todos/get/parameters/1/schema"),
        ("listTodos", "cookie", "session", at + "~1todos/get/parameters/2/schema"),
    ]
    # a path-level parameter shared by two operations is one root
    shared = [u for u in uses if u[3].endswith("~1todos~1{todoId}~1note/parameters/0/schema")]
    assert [u[0] for u in shared] == ["getNote", "putNote"]
    assert full.parameter_roots == len({u[3] for u in uses})
    assert full.definitions[:len(plain.definitions)] == plain.definitions  # order kept


def test_without_parameters_is_the_model_built_without_them() -> None:
    plain, full, _ = _models()
    assert full.without_parameters() == plain


def test_single_value_tags_and_raw_bodies() -> None:
    api, _ = build_all(load(SPEC))
    tags = analyse(api).fixed_tags
    assert dict(tags) == {("todos_io.yaml#/components/schemas/PushReminder", "kind"): "push",
                          ("todos_io.yaml#/components/schemas/EmailReminder", "kind"): "email"}
    raw = [op.operation_id for op in raw_request_bodies(api, CAPABILITIES.requests)]
    assert raw == ["importTodos"]
