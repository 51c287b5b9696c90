"""Large real payloads for ``runtime.py``: GitHub's own response examples, 12-30 KB.

The examples (``components/examples`` of GitHub's REST description) go through the models specgen generates from that description and through pydantic / msgspec models built from
the same component schemas (``_pydantic_models``, ``_msgspec_models``). specgen generates the
whole GitHub SDK once (``--formatter ruff``) into the system's temporary folder, under a hash of
the spec, the generator and the templates, so a changed generator is measured, not a stale copy.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import _credits
import _msgspec_models
import _pydantic_models
import msgspec

SPEC = _credits.ROOT.parent / "shared" / "specs" / "real" / "github-api.github.com.json"
PACKAGE = "github_bench"
# example -> (schema, class): the largest examples that all three libraries accept. Larger ones
# (``pull-request``, ``full-repository``) lack properties their own schema requires.
EXAMPLES = {
    "projects-v2-item-with-content": ("projects-v2-item-with-content", "ProjectsV2ItemWithContent"),
    "check-suite": ("check-suite", "CheckSuite"),
    "workflow-run": ("workflow-run", "WorkflowRun"),
}


def _key() -> str:
    digest = hashlib.sha256(SPEC.read_bytes())
    for folder in ("generator", "templates"):
        for path in sorted((_credits.ROOT / folder).rglob("*")):
            if path.is_file() and path.suffix in (".py", ".jinja"):
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def generated_package() -> Path:
    """The folder holding the generated ``github_bench`` package (generated on first use)."""
    from generator.pipeline import produce
    from generator.settings import Settings

    root = Path(tempfile.gettempdir()) / "specgen-bench-github" / _key()
    if not (root / "python" / PACKAGE / "__init__.py").exists():
        print(f"generating the GitHub SDK into {root} (once per generator version) ...")
        generated = produce(Settings(spec=SPEC, package=PACKAGE, formatter="ruff"))
        for rel, text in generated.files.items():
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    return root / "python"


def _codecs(schema: str, cls: Any, schemas: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    ref = f"#/components/schemas/{schema}"
    model = _pydantic_models.ModelBuilder(schemas).ref(ref)
    struct = _msgspec_models.StructBuilder(schemas).ref(ref)
    return {
        "specgen": (cls.from_dict, cls.to_dict),
        # JSON data out (datetimes as strings, like the others); nulls that were given stay
        "pydantic": (model.model_validate,
                     lambda m: m.model_dump(mode="json", by_alias=True, exclude_unset=True)),
        "msgspec": (lambda d: msgspec.convert(d, struct), msgspec.to_builtins),
    }


def main(print_table: Callable[[str, dict[str, tuple[Any, Any]], dict[str, Any]], None]) -> None:
    """One table per example: from_dict / to_dict of each library, ratios to specgen."""
    sys.path.insert(0, str(generated_package()))
    models = importlib.import_module(f"{PACKAGE}.models")
    document = json.loads(SPEC.read_text(encoding="utf-8"))
    schemas = document["components"]["schemas"]
    for example, (schema, class_name) in EXAMPLES.items():
        payload = document["components"]["examples"][example]["value"]
        codecs = _codecs(schema, getattr(models, class_name), schemas)
        print_table(f"GitHub example {example!r}", codecs, {example: payload})
