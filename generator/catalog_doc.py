"""Print ``docs/diagnostics.md``: the catalog of diagnostic codes as a table, then each code's
minimal example (``tests/diagnostics/<code>.yaml``; E001's a ``.toml``, E108's a ``.json``)
and what it reports.

Run ``python -m generator.catalog_doc > docs/diagnostics.md`` (from a checkout: the examples
are the test suite's) after changing :mod:`generator.catalog` or an example;
``tests/diagnostics/test_catalog.py`` fails while the committed file differs.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .catalog import CATALOG, markdown

__all__ = ["EXAMPLES", "document", "main"]

EXAMPLES = Path(__file__).resolve().parents[1] / "tests" / "diagnostics"


def expectation(example: Path) -> tuple[str, str]:
    """``CODE #pointer`` an example reports, and the example as the document shows it: a YAML
    or TOML example says it on its first line (``# expect: ...``), a JSON one (for what only
    JSON can write) in its ``x-expect`` member, its first line."""
    lines = example.read_text(encoding="utf-8").splitlines()
    if example.suffix == ".json":
        return json.loads(lines[0].removesuffix(",") + "}")["x-expect"], "\n".join(lines)
    return lines[0].removeprefix("# expect: "), "\n".join(lines[1:])


def document(examples: Path = EXAMPLES) -> str:
    """The whole of ``docs/diagnostics.md``."""
    parts = [markdown(), "\n## Examples\n"]
    for code, entry in CATALOG.items():
        summary = f"\n### {code}\n\n{entry.summary[0].upper()}{entry.summary[1:]}.\n\n"
        if entry.by_targets:
            parts.append(summary + "Raised by a target's `diagnostics`; a toy target raises it "
                         "in `tests/unit/test_targets.py`.\n")
            continue
        example = next(examples.glob(f"{code}.*"))
        expect, body = expectation(example)
        language = {".toml": "toml", ".json": "json"}.get(example.suffix, "yaml")
        parts.append(f"{summary}`tests/diagnostics/{example.name}` reports `{expect}`:\n\n"
                     f"```{language}\n{body}\n```\n")
    return "".join(parts)


def main() -> None:
    """Write the generated document to standard output."""
    sys.stdout.write(document())


if __name__ == "__main__":
    main()
