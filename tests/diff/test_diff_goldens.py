"""``specgen diff`` goldens: ``tests/diff/<case>/old.yaml`` and ``new.yaml`` next to the exact
stdout of ``python -m generator diff`` (``expected.txt``) and of ``--format json``
(``expected.json``), run from the repository root. ``pytest --update-goldens`` rewrites them.

Together the cases cover every kind of change the command reports; the assertions check the
structured JSON first (kinds, classification, both places), then the exact text.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from specgen_testing import REPO

DIFF = REPO / "tests" / "diff"
CASES = sorted(p.name for p in DIFF.iterdir() if (p / "old.yaml").is_file())

BREAKING = {
    "operation-removed", "operation-renamed", "parameter-removed", "parameter-renamed",
    "required-parameter-added", "parameter-became-required", "field-removed", "field-renamed",
    "required-field-added", "field-became-required", "field-became-optional", "type-narrowed",
    "type-widened", "type-changed", "type-removed", "enum-value-removed", "default-changed",
    "request-body-removed", "required-request-body-added", "request-body-became-required",
}
NON_BREAKING = {
    "operation-added", "operation-moved", "parameter-added", "parameter-became-optional",
    "field-added", "field-became-required", "type-widened", "type-added", "enum-value-added",
    "default-changed",
}


def _diff(case: str, *extra: str) -> subprocess.CompletedProcess[str]:
    folder = f"tests/diff/{case}"
    return subprocess.run(
        [sys.executable, "-m", "generator", "diff", f"{folder}/old.yaml", f"{folder}/new.yaml",
         *extra], capture_output=True, text=True, cwd=REPO, check=False,
    )


@pytest.mark.parametrize("case", CASES)
def test_diff_matches_golden(case: str, update_goldens: bool) -> None:
    text, machine = _diff(case), _diff(case, "--format", "json")
    for done in (text, machine):
        assert done.returncode == 0, done.stderr
        assert done.stderr == ""
    txt, js = DIFF / case / "expected.txt", DIFF / case / "expected.json"
    if update_goldens:
        txt.write_text(text.stdout, encoding="utf-8")
        js.write_text(machine.stdout, encoding="utf-8")
        return
    expected = json.loads(js.read_text(encoding="utf-8"))
    got = json.loads(machine.stdout)
    assert [(c["kind"], c["breaking"], c["old"], c["new"]) for c in got["changes"]] == [
        (c["kind"], c["breaking"], c["old"], c["new"]) for c in expected["changes"]]
    assert machine.stdout == js.read_text(encoding="utf-8")
    assert text.stdout == txt.read_text(encoding="utf-8")


def test_every_place_is_in_its_own_document() -> None:
    for case in CASES:
        for change in json.loads(_diff(case, "--format", "json").stdout)["changes"]:
            assert change["old"]["file"] == f"tests/diff/{case}/old.yaml"
            assert change["new"]["file"] == f"tests/diff/{case}/new.yaml"
            assert change["old"]["line"] > 0 and change["new"]["line"] > 0, change


def test_the_cases_cover_every_kind_both_ways() -> None:
    seen: set[tuple[str, bool]] = set()
    for case in CASES:
        report = json.loads((DIFF / case / "expected.json").read_text(encoding="utf-8"))
        seen |= {(c["kind"], c["breaking"]) for c in report["changes"]}
    wanted = {(k, True) for k in BREAKING} | {(k, False) for k in NON_BREAKING}
    assert wanted <= seen, sorted(wanted - seen)


@pytest.mark.parametrize(("case", "bump"), [("fields", "major"), ("additions", "minor"),
                                            ("unchanged", "patch")])
def test_the_suggested_bump(case: str, bump: str) -> None:
    assert json.loads(_diff(case, "--format", "json").stdout)["bump"] == bump
    assert _diff(case, "-q").stdout.endswith(f"suggested version bump: {bump}\n")


def test_fail_on_breaking_exits_1_only_for_breaking_changes() -> None:
    assert _diff("fields", "--fail-on-breaking").returncode == 1
    assert _diff("additions", "--fail-on-breaking").returncode == 0
    assert _diff("unchanged", "--fail-on-breaking").returncode == 0


def test_a_bad_spec_is_reported_with_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("openapi: 3.1.0\ninfo: {title: x, version: '1'}\npaths: {\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "generator", "diff", str(DIFF / "fields" / "old.yaml"), str(bad)],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 2
    assert "E102" in done.stderr and "Traceback" not in done.stderr
