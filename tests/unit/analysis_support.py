"""Small IRs for the tests of ``generator/analysis``: a spec's schemas, built as the pipeline
builds them."""

from __future__ import annotations

from pathlib import Path

from generator.build import build
from generator.ir import Api, Definition
from generator.load.loader import load

HEAD = """\
openapi: 3.1.0
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
"""


def api_of(tmp_path: Path, schemas: str) -> Api:
    """The IR of a spec whose ``components.schemas`` is ``schemas`` (YAML, indented by 4)."""
    spec = tmp_path / "s.yaml"
    spec.write_text(HEAD + schemas, encoding="utf-8")
    api, _ = build(load(spec))
    return api


def key(name: str) -> str:
    """The definition key of component ``name`` (or of a pointer below it: ``A/properties/b``)."""
    return f"s.yaml#/components/schemas/{name}"


def defs_of(api: Api) -> dict[str, Definition]:
    return {d.key: d for d in api.definitions}
