"""Helpers shared by the spec tests (unique module name to avoid clashes with other conftests).

The spec is loaded with a strict YAML loader (no duplicate keys, no anchors/aliases) and exposed
as one `referencing` resource, so any schema in it can be validated by JSON pointer with its
`$ref`s (`#/components/schemas/...`) resolved against the whole document.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

REPO_ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = REPO_ROOT / "spec" / "credits.yaml"
FIXTURES = REPO_ROOT / "tests" / "fixtures"
PAGE_PATH = REPO_ROOT.parent / "shared" / "seed" / "credits-endpoint.txt"
SPEC_URI = "urn:specgen:spec:credits"


class StrictLoader(yaml.SafeLoader):
    """SafeLoader that rejects duplicate mapping keys and anchors/aliases."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        event: Any = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent):
            raise yaml.constructor.ConstructorError(
                problem=f"aliases are not allowed in the spec ({event.start_mark})"
            )
        if getattr(event, "anchor", None) is not None:
            raise yaml.constructor.ConstructorError(
                problem=f"anchors are not allowed in the spec ({event.start_mark})"
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def load_spec() -> dict[str, Any]:
    with SPEC_PATH.open(encoding="utf-8") as fh:
        spec: dict[str, Any] = yaml.load(fh, Loader=StrictLoader)
    return spec


def pointer(*tokens: str) -> str:
    """JSON pointer (RFC 6901) from unescaped tokens."""
    return "".join("/" + t.replace("~", "~0").replace("/", "~1") for t in tokens)


def make_registry(spec: dict[str, Any]) -> Registry[Any]:
    resource: Resource[Any] = Resource.from_contents(spec, default_specification=DRAFT202012)
    registry: Registry[Any] = Registry().with_resource(SPEC_URI, resource)
    return registry
