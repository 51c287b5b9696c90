"""openapi-python-client's ``end_to_end_tests/documents_with_errors/``: every one refused.

The five documents (copied unchanged, see ``documents_with_errors/SOURCE.md``) are ones their
authors' generator refuses; specgen refuses each with exit 2 and the code that names its fault,
at the place of the fault.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from specgen_testing import REPO

from generator import cli

HERE = REPO / "tests" / "spec_rules" / "documents_with_errors"

EXPECTED = {
    "bad-status-code.yaml": {("E312", "/paths/~1/get/responses")},
    "circular-body-ref.yaml": {("E204", "/paths/~1/post/requestBody/$ref")},
    "invalid-uuid-defaults.yaml": {("E303", "/paths/~1/post/parameters/0/schema/default"),
                                   ("E303", "/paths/~1/put/parameters/0/schema/default")},
    "missing-body-ref.yaml": {("E201", "/paths/~1/post/requestBody/$ref")},
    "optional-path-param.yaml": {("E315", "/paths/~1{optional}/get/parameters/0")},
}


def test_every_document_is_listed() -> None:
    assert sorted(p.name for p in HERE.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_refused_with_its_code(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    status = cli.main(["validate", "--format", "json", str(HERE / name)])
    rows = json.loads(capsys.readouterr().out)
    assert status == 2
    errors = {(r["code"], r["pointer"]) for r in rows if r["severity"] == "error"}
    assert EXPECTED[name] <= errors, rows
    assert all(r["line"] > 0 for r in rows)


def test_generate_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in EXPECTED:
        out = tmp_path / name
        status = cli.main(["generate", str(HERE / name), "-o", str(out), "--no-cache",
                           "--package", "bad_api"])
        capsys.readouterr()
        assert status == 2
        assert not out.exists() or not any(out.rglob("*"))
