"""``--report FILE``: every diagnostic of a run as a JSON list, for CI to read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from specgen_testing import SHARED

from generator.cli import main

USPTO = SHARED / "specs" / "real" / "oai-uspto.yaml"
PETSTORE = SHARED / "specs" / "real" / "oai-petstore.yaml"
OUTSIDE = (SHARED / "corpus" / "openapi-spec-validator" / "tests" / "integration" / "data"
           / "v3.0" / "petstore-separate" / "spec" / "openapi.yaml")
WEBHOOKS = SHARED / "corpus" / "oai-examples" / "examples" / "v3.1" / "webhook-example.yaml"
FIELDS = {"code", "severity", "file", "line", "column", "pointer", "message"}


def _read(path: Path) -> list[dict[str, object]]:
    rows = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(rows, list)
    assert all(set(row) == FIELDS for row in rows)
    return rows


def _generate(spec: Path, tmp_path: Path) -> tuple[int, list[dict[str, object]]]:
    report = tmp_path / "report.json"
    code = main(["generate", "-q", "--spec", str(spec), "--output", str(tmp_path / "out"),
                 "--package", "pkg", "--no-cache", "--report", str(report)])
    return code, _read(report)


def test_generate_reports_what_is_degraded(tmp_path: Path) -> None:
    code, rows = _generate(USPTO, tmp_path)
    assert code == 0
    assert {(r["code"], r["severity"]) for r in rows} == {("W406", "warning")}
    assert "/components/schemas/dataSetList/properties/apis/items/properties/apiUrl/format" in {
        r["pointer"] for r in rows}
    assert all(isinstance(r["line"], int) and r["line"] > 0 for r in rows)


def test_generate_reports_nothing_for_a_clean_spec(tmp_path: Path) -> None:
    """Petstore is clean: nothing to report but that its ``Error`` schema is ``Error2`` in
    TypeScript, where ``Error`` is the global every module sees (W503, since TypeScript lists
    its renames as the other targets do)."""
    code, rows = _generate(PETSTORE, tmp_path)
    assert code == 0
    assert [(r["code"], r["pointer"], str(r["message"]).split(":")[0]) for r in rows] == [
        ("W503", "/components/schemas/Error", "the TypeScript type of this schema is Error2")]


@pytest.mark.parametrize("command", ["generate", "validate"])
def test_report_is_written_when_the_spec_is_refused(command: str, tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    extra = ["--output", str(tmp_path / "out"), "--no-cache"] if command == "generate" else []
    code = main([command, "-q", "--spec", str(OUTSIDE), *extra, "--report", str(report)])
    assert code == 2
    rows = _read(report)
    assert {r["code"] for r in rows} == {"E202"}
    assert all(str(r["pointer"]).endswith("/schema/$ref") for r in rows)
    assert not (tmp_path / "out").exists()  # never partial output


def test_validate_report_lists_warnings(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    assert main(["validate", "-q", "--spec", str(USPTO), "--report", str(report)]) == 0
    assert {r["code"] for r in _read(report)} >= {"W406"}


def test_webhooks_are_reported_as_skipped(tmp_path: Path) -> None:
    code, rows = _generate(WEBHOOKS, tmp_path)
    assert code == 0
    assert [(r["code"], r["pointer"]) for r in rows] == [("W305", "/webhooks/newPet")]


def test_unresolved_discriminator_mapping_is_reported_not_a_crash(tmp_path: Path) -> None:
    spec = tmp_path / "api.yaml"
    spec.write_text(
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"
        "    Cat: {type: object, properties: {kind: {type: string}}}\n"
        "    Pet:\n      oneOf: [{$ref: '#/components/schemas/Cat'}]\n"
        "      discriminator: {propertyName: kind, mapping: {dog: Dog, cat: Cat}}\n",
        encoding="utf-8")
    code, rows = _generate(spec, tmp_path)  # the builder used to crash (exit 3) on ``Dog``
    assert code == 2
    assert [(r["code"], r["pointer"]) for r in rows] == [
        ("E402", "/components/schemas/Pet/discriminator/mapping/dog")]


def test_spec_root_admits_files_above_the_spec_folder(tmp_path: Path) -> None:
    """``--spec-root`` (and ``spec_root`` in the config) widen the sandbox, never past it."""
    shared = OUTSIDE.parent.parent  # petstore-separate/: spec/ and common/
    assert main(["validate", "-q", "--spec", str(OUTSIDE), "--spec-root", str(shared)]) == 0
    config = tmp_path / "pyproject.toml"
    config.write_text(f'[tool.specgen]\nspec = {str(OUTSIDE)!r}\nspec_root = {str(shared)!r}\n'
                      f'output = "out"\npackage = "sep"\n', encoding="utf-8")
    assert main(["generate", "-q", "--config", str(config), "--no-cache"]) == 0
    assert (tmp_path / "out" / "python" / "sep" / "models" / "__init__.py").is_file()
    report = tmp_path / "report.json"
    inside = OUTSIDE.parent / "schemas"  # a root below the spec: refused, with a clear message
    code = main(["validate", "-q", "--spec", str(OUTSIDE), "--spec-root", str(inside),
                 "--report", str(report)])
    assert code == 2
    rows = _read(report)
    assert [r["code"] for r in rows] == ["E202"] and "not inside spec_root" in str(rows[0]["message"])
