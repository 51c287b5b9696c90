"""JSON-Schema-Test-Suite scores of specgen, jsonschema and fastjsonschema, measured in one run.

Run: ``.venv/bin/python bench/conformance.py``. Subsets are defined in
``tests/validators/suite_runner.py`` (A: OpenAPI 3.0 subset of draft4; B: draft2020-12 required
tests minus refRemote, dynamicRef, unevaluated*, vocabulary). Formats are annotations here.
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "validators")]

import suite_runner

LIBRARIES = {
    "specgen": suite_runner.specgen_compiler,
    "jsonschema": suite_runner.jsonschema_compiler,
    "fastjsonschema": suite_runner.fastjsonschema_compiler,
}
NAMES = {"A": "A: OpenAPI 3.0 subset of draft4", "B": "B: draft2020-12 (required, agreed subset)"}


def main() -> None:
    warnings.simplefilter("ignore")
    print(f"{'subset':<44}" + "".join(f"{name:>24}" for name in LIBRARIES))
    for subset, title in NAMES.items():
        cells = []
        for make in LIBRARIES.values():
            results = suite_runner.run(subset, make(suite_runner.dialect_of(subset)))
            passed = sum(results.values())
            cells.append(f"{passed} passed, {len(results) - passed} failed")
        print(f"{title:<44}" + "".join(f"{cell:>24}" for cell in cells))


if __name__ == "__main__":
    main()
