"""A boolean ``allOf`` member (found by tests/security/test_mutated_specs.py) is read, not a crash."""

from __future__ import annotations

from pathlib import Path

from generator.pipeline import produce
from generator.settings import Settings

SPEC = """\
openapi: 3.1.0
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    Pet:
      allOf: [false, true, {type: object, properties: {name: {type: string}}}]
      type: object
      properties:
        id: {type: integer}
"""


def test_boolean_allof_members_add_no_properties(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    files = produce(Settings(spec=spec, package="p")).files
    pet = files["python/p/models/pet.py"]
    assert "    name: str | None = None\n    id: int | None = None\n" in pet
    namespace: dict[str, object] = {}
    # the generated validators run from memory: executing generated code is the check
    exec(compile(files["python/p/validators.py"], "validators.py", "exec"), namespace)  # noqa: S102
    errors = namespace["validate_pet"]({"id": 1})  # type: ignore[operator]
    assert [(e.keyword, e.schema_path) for e in errors] == [
        ("false", "spec.yaml#/components/schemas/Pet/allOf/0")
    ]
