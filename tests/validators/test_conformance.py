"""The JSON-Schema-Test-Suite through specgen's generated validators (see ``suite_runner.py``).

Every listed expected failure must still fail (so the list cannot go stale) and every other test
must pass. ``bench/conformance.py`` prints the same numbers next to jsonschema and fastjsonschema.
"""

from __future__ import annotations

import pytest
import suite_runner as conformance

THRESHOLDS = {"A": None, "B": 1014}  # A: all must pass


@pytest.mark.parametrize("subset", ["A", "B"])
def test_suite_subset(subset: str) -> None:
    assert conformance.TESTS.is_dir(), f"JSON-Schema-Test-Suite not found at {conformance.TESTS}"
    compiler = conformance.specgen_compiler(conformance.dialect_of(subset))
    results = conformance.run(subset, compiler)
    failed = {key for key, ok in results.items() if not ok}
    expected = set(conformance.EXPECTED_FAILURES[subset])
    assert failed - expected == set(), "unexpected failures"
    assert expected - failed == set(), "expected failures that now pass: remove them from the list"
    passed = len(results) - len(failed)
    minimum = THRESHOLDS[subset]
    assert passed >= (len(results) if minimum is None else minimum)
