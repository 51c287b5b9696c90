"""Generated Python passes the ruff rule sets SDK projects turn on (``tests/ruff_rules.py``):
``generated/python`` and every golden case (the real-world documents: test_realworld_matrix)."""

from __future__ import annotations

from pathlib import Path

from golden_cases import CASE_NAMES, materialise
from ruff_rules import findings, target_version
from specgen_testing import GENERATED_PY


def test_generated_package_passes_the_sdk_rule_sets() -> None:
    found = findings([GENERATED_PY], target_version(GENERATED_PY))
    assert found == [], "\n".join(found)


def test_every_golden_case_passes_the_sdk_rule_sets(tmp_path: Path) -> None:
    roots = [materialise(case, tmp_path / case) / "python" for case in CASE_NAMES]
    versions = {target_version(root) for root in roots}
    assert len(versions) == 1, versions
    found = findings(roots, versions.pop())
    assert found == [], "\n".join(found)
