"""Print ``docs/diagnostics.md``, the catalog of diagnostic codes as a table.

Run ``python -m generator.catalog_doc > docs/diagnostics.md`` after changing
:mod:`generator.catalog`; ``tests/diagnostics/test_catalog.py`` fails while the committed file
differs.
"""

from __future__ import annotations

import sys

from .catalog import markdown

__all__ = ["main"]


def main() -> None:
    """Write the generated document to standard output."""
    sys.stdout.write(markdown())


if __name__ == "__main__":
    main()
