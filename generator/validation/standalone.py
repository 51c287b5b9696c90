"""Build the validation model of a bare JSON Schema (a ``dict``) without the whole pipeline.

Tests and benchmarks use it; a target compiles the model to code (the Python target's
``targets.python.standalone.compile_schema_source``).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..diagnostics import Location
from ..load.loader import Document
from .build import Dialect, build_for_dialect
from .capabilities import Capabilities
from .model import ValidationModel

__all__ = ["schema_model"]


def schema_model(
    schema: Any,
    dialect: Dialect,
    *,
    capabilities: Capabilities,
    name: str = "schema",
    file: str = "schema.json",
    assert_formats: bool = True,
    resources: Mapping[str, Any] | None = None,
) -> ValidationModel:
    """Build the validation model of ``schema`` as if it were the file ``file`` of a spec.

    ``resources`` maps absolute URIs to further schemas ``$ref`` may reach (e.g. metaschemas);
    ``capabilities`` are the target's (see :func:`~.build.build_for_dialect`).
    """
    files = {**(resources or {}), file: schema}
    document = Document(root=Path("."), entry=file, files=files)
    return build_for_dialect(
        document,
        dialect,
        [(name, Location(file=file))],
        capabilities=capabilities,
        assert_formats=assert_formats,
    )

